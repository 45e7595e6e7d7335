import GANKernels

/// Which update rule a net uses, with its settings.
public enum OptimizerKind: String, Sendable, CaseIterable, Codable {
  case sgd
  case momentum
  case adam
  /// Optimistic gradient descent (Daskalakis et al. 2018): θ ← θ − η·(2∇ₜ − ∇ₜ₋₁), a step
  /// that corrects for the last one; it damps the rotation of a game. (The previous
  /// gradient is kept in the second-moment buffer, which plain SGD leaves unused.)
  case optimistic
  /// Optimistic Adam (Daskalakis et al. 2018): Adam's direction dₜ = m̂ₜ/(√v̂ₜ + ε) used as
  /// θ ← θ − η·(2dₜ − dₜ₋₁); the previous direction is kept in a third buffer.
  case optimisticAdam = "optimistic-adam"
}

/// The settings of the update rules (the step size η is separate: it is a live knob).
public struct OptimizerSettings: Sendable, Equatable, Hashable, Codable {
  public var kind: OptimizerKind
  /// Momentum coefficient μ for `.momentum` (the paper used momentum SGD).
  public var momentum: Float
  public var beta1: Float
  public var beta2: Float
  public var epsilon: Float

  public init(
    kind: OptimizerKind = .adam, momentum: Float = 0.9, beta1: Float = 0.5,
    beta2: Float = 0.999, epsilon: Float = 1e-8
  ) {
    self.kind = kind
    self.momentum = momentum
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
  }
}

/// The state of one net's optimizer: first and second moments (Adam) or the velocity
/// (momentum, kept in `first`), optimistic Adam's previous direction (`third`), and Adam's
/// step count.
final class OptimizerState {
  let count: Int
  let first: UnsafeMutablePointer<Float>
  let second: UnsafeMutablePointer<Float>
  let third: UnsafeMutablePointer<Float>
  var steps: Int = 0
  /// A copy of the state taken by `save` (for unrolled D steps, which must leave no trace).
  private let savedFirst: UnsafeMutablePointer<Float>
  private let savedSecond: UnsafeMutablePointer<Float>
  private let savedThird: UnsafeMutablePointer<Float>
  private var savedSteps = 0

  init(count: Int) {
    self.count = count
    first = allocateFloats(count)
    second = allocateFloats(count)
    third = allocateFloats(count)
    savedFirst = allocateFloats(count)
    savedSecond = allocateFloats(count)
    savedThird = allocateFloats(count)
  }

  deinit {
    for buffer in [first, second, third, savedFirst, savedSecond, savedThird] {
      buffer.deallocate()
    }
  }

  func save() {
    savedFirst.update(from: first, count: count)
    savedSecond.update(from: second, count: count)
    savedThird.update(from: third, count: count)
    savedSteps = steps
  }

  func restoreSaved() {
    first.update(from: savedFirst, count: count)
    second.update(from: savedSecond, count: count)
    third.update(from: savedThird, count: count)
    steps = savedSteps
  }

  func reset() {
    first.update(repeating: 0, count: count)
    second.update(repeating: 0, count: count)
    third.update(repeating: 0, count: count)
    steps = 0
  }

  /// One descent step θ ← θ − η·update(∇) on `count` parameters (a multiple of 16).
  /// Padding parameters have zero gradients and so stay exactly zero under every rule.
  func descend(
    _ theta: UnsafeMutablePointer<Float>, gradient g: UnsafePointer<Float>,
    stepSize: Float, settings: OptimizerSettings
  ) {
    steps += 1
    var i = 0
    switch settings.kind {
    case .sgd:
      while i < count {
        store(load(theta + i).addingProduct(-stepSize, load(g + i)), theta + i)
        i += 16
      }
    case .momentum:
      // v ← μ·v − η·∇;  θ ← θ + v
      let mu = settings.momentum
      while i < count {
        let v = (mu * load(first + i)).addingProduct(-stepSize, load(g + i))
        store(v, first + i)
        store(load(theta + i) + v, theta + i)
        i += 16
      }
    case .optimistic:
      // θ ← θ − η·(2∇ₜ − ∇ₜ₋₁); the first step has no previous gradient and is plain.
      let first = steps == 1
      while i < count {
        let grad = load(g + i)
        let previous = first ? grad : load(second + i)
        store(load(theta + i) - stepSize * (2 * grad - previous), theta + i)
        store(grad, second + i)
        i += 16
      }
    case .optimisticAdam:
      // Adam's moments, then θ ← θ − η·(2dₜ − dₜ₋₁) with dₜ = m̂ₜ/(√v̂ₜ + ε); the first
      // step has no previous direction and is Adam's.
      let b1 = settings.beta1
      let b2 = settings.beta2
      let t = Double(steps)
      let firstScale = Float(1 / (1 - _pow(Double(b1), t)))
      let secondScale = Float(1 / (1 - _pow(Double(b2), t)).squareRoot())
      let eps = Vector(repeating: settings.epsilon)
      let isFirst = steps == 1
      while i < count {
        let grad = load(g + i)
        let m = (b1 * load(first + i)).addingProduct(1 - b1, grad)
        let v = (b2 * load(second + i)).addingProduct(1 - b2, grad * grad)
        store(m, first + i)
        store(v, second + i)
        let direction = firstScale * m / (vectorSquareRoot(v) * secondScale + eps)
        let previous = isFirst ? direction : load(third + i)
        store(load(theta + i) - stepSize * (2 * direction - previous), theta + i)
        store(direction, third + i)
        i += 16
      }
    case .adam:
      // As torch.optim.Adam: θ ← θ − η/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε).
      let b1 = settings.beta1
      let b2 = settings.beta2
      let t = Double(steps)
      let correctedStep = Float(Double(stepSize) / (1 - _pow(Double(b1), t)))
      let secondScale = Float(1 / (1 - _pow(Double(b2), t)).squareRoot())
      let eps = Vector(repeating: settings.epsilon)
      while i < count {
        let grad = load(g + i)
        let m = (b1 * load(first + i)).addingProduct(1 - b1, grad)
        let v = (b2 * load(second + i)).addingProduct(1 - b2, grad * grad)
        store(m, first + i)
        store(v, second + i)
        let denominator = vectorSquareRoot(v) * secondScale + eps
        store(load(theta + i) - correctedStep * m / denominator, theta + i)
        i += 16
      }
    }
  }

  /// The buffers a checkpoint keeps: both moments, and the previous direction when the
  /// rule is optimistic Adam (the only rule that reads it).
  func copy(kind: OptimizerKind) -> (moments: [[Float]], steps: Int) {
    let buffers = kind == .optimisticAdam ? [first, second, third] : [first, second]
    return (buffers.map { Array(UnsafeBufferPointer(start: $0, count: count)) }, steps)
  }

  /// Restores 2 or 3 buffers saved by `copy` (a missing third reads as zeros).
  func restore(_ moments: [[Float]], steps: Int) {
    precondition((2...3).contains(moments.count) && moments.allSatisfy { $0.count == count })
    third.update(repeating: 0, count: count)
    for (buffer, values) in zip([first, second, third], moments) {
      values.withUnsafeBufferPointer { buffer.update(from: $0.baseAddress!, count: count) }
    }
    self.steps = steps
  }
}
