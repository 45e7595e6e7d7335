/// The hidden units' nonlinearity as the passes compute it, 16 values at a time (GANCore's
/// `Activation` names it for the rest of the program and maps onto this).
public enum VectorActivation: Sendable {
  case tanh
  case relu
  /// ReLU with slope `slope` for negative inputs.
  case leakyReLU(slope: Float)
  /// The identity.
  case linear

  /// Calls `body` once with the activation as a function on 16 values. The choice is made
  /// here, outside any loop `body` runs, so each loop is compiled for one activation.
  @inline(__always) @inlinable
  public func withVectorFunction(_ body: ((Vector) -> Vector) -> Void) {
    switch self {
    case .tanh: body(fastTanh)
    // max(x, 0) as the standard library's pointwiseMax computes it (NaN gives 0), by a lane
    // select: the generic pointwiseMax is not inlined across modules and ran 16× slower.
    case .relu: body { Vector().replacing(with: $0, where: $0 .> 0) }
    case .leakyReLU(let slope): body { $0.replacing(with: $0 * slope, where: $0 .< 0) }
    case .linear: body { $0 }
    }
  }

  /// Applies the activation in place to `count` floats (a multiple of 16).
  @inline(__always) @inlinable
  public func apply(_ a: UnsafeMutablePointer<Float>, count: Int) {
    withVectorFunction { f in
      var i = 0
      while i < count {
        store(f(load(a + i)), a + i)
        i += 16
      }
    }
  }

  /// Calls `body` once with the chain rule through the activation on 16 values: given the
  /// gradient g with respect to a unit's output and the output h itself, it returns g·f′,
  /// with f′ expressed through h (tanh′ = 1 − h², ReLU′ = [h > 0]) so that no
  /// pre-activations need to be kept. Chosen once, outside `body`'s loops, like
  /// `withVectorFunction`; back-propagation fuses it into the passes that produce or consume
  /// each gradient instead of sweeping the gradient once more.
  @inline(__always) @inlinable
  public func withVectorDerivative(_ body: ((_ g: Vector, _ h: Vector) -> Vector) -> Void) {
    switch self {
    case .tanh: body { g, h in g * (1 - h * h) }
    case .relu: body { g, h in g.replacing(with: 0, where: h .<= 0) }
    case .leakyReLU(let slope): body { g, h in g.replacing(with: g * slope, where: h .<= 0) }
    case .linear: body { g, _ in g }
    }
  }

  /// Multiplies the gradient `g` by the activation's derivative in place (`count` floats, a
  /// multiple of 16), given the activation's output `h`.
  @inline(__always) @inlinable
  public func multiplyDerivative(
    _ g: UnsafeMutablePointer<Float>, output h: UnsafePointer<Float>, count: Int
  ) {
    withVectorDerivative { chain in
      var i = 0
      while i < count {
        store(chain(load(g + i), load(h + i)), g + i)
        i += 16
      }
    }
  }
}

/// tanh by a clamped odd rational function of degree 13/6 (the form used by Eigen and XLA;
/// max abs error ≈ 3e-7 in Float32). libm's tanhf costs ~15 ns per element, which alone would
/// cap training below 2,000 iterations/s; this costs a fraction of a nanosecond.
@inline(__always) @inlinable
public func fastTanh(_ x: Vector) -> Vector {
  // tanh(x) ≈ x·P(x²) / Q(x²) for x clamped to ±7.9 (where tanh is 1 to Float precision),
  // P of degree 6 and Q of degree 3 in x².
  let bound = Vector(repeating: 7.90531110763549805)
  // pointwiseMax(pointwiseMin(x, bound), -bound) by lane selects, bit for bit (a NaN gives
  // the bound, as Float.minimum does): the generic pointwise functions are not inlined
  // across modules and made every pass 16× slower.
  let below = bound.replacing(with: x, where: x .<= bound)
  let clamped = (-bound).replacing(with: below, where: below .> -bound)
  let square = clamped * clamped
  // Horner steps as fused multiply-adds: next = coefficient + previous · x².
  @inline(__always) func step(_ acc: Vector, _ coefficient: Float) -> Vector {
    Vector(repeating: coefficient).addingProduct(acc, square)
  }
  var numerator = Vector(repeating: -2.76076847742355e-16)
  numerator = step(numerator, 2.00018790482477e-13)
  numerator = step(numerator, -8.60467152213735e-11)
  numerator = step(numerator, 5.12229709037114e-08)
  numerator = step(numerator, 1.48572235717979e-05)
  numerator = step(numerator, 6.37261928875436e-04)
  numerator = step(numerator, 4.89352455891786e-03)
  var denominator = Vector(repeating: 1.19825839466702e-06)
  denominator = step(denominator, 1.18534705686654e-04)
  denominator = step(denominator, 2.26843463243900e-03)
  denominator = step(denominator, 4.89352518554385e-03)
  return (numerator * clamped) / denominator
}

/// Scalar convenience over the same approximation (for evaluation code off the hot path).
@inlinable
public func fastTanh(_ x: Float) -> Float { fastTanh(Vector(repeating: x))[0] }
