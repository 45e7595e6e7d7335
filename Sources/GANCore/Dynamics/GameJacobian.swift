import GANKernels

/// Why the game's Jacobian of a state is not computed: one line for the user.
public struct JacobianRefusal: Error, Sendable, Equatable, CustomStringConvertible {
  public let description: String
  /// Whether the request itself is refused (a full spectrum above its size limit: bad
  /// input), rather than the state or setting it was asked of.
  public let isRequest: Bool
  public init(_ description: String, isRequest: Bool = false) {
    self.description = description
    self.isRequest = isRequest
  }
}

/// The game's vector field v(w) = (−∇_φ L_D, −∇_θ L_G) of one training state and its
/// Jacobian J = ∂v/∂w, applied to vectors without forming J: J·u by forward-mode
/// differentiation of the gradient computation (GameField over `Dual`), exact up to rounding.
///
/// w = (φ, θ): D's free parameters first, then G's (every unpadded parameter; for the
/// Dirac-GAN ψ then θ). The field is that of the loss and the penalties in force, with
/// packing, on the fixed `EvaluationBatch` of the state's batch size. A value: it copies the
/// parameters, so it may be used on any thread while training goes on.
public struct GameJacobian: Sendable {
  public let iteration: Int
  public let hyperparameters: Hyperparameters
  let field: GameField
  /// The full padded buffers (pinned and padding values included) and the indices in them
  /// of the free parameters.
  let discriminatorBuffer: [Double]
  let generatorBuffer: [Double]
  let discriminatorIndices: [Int]
  let generatorIndices: [Int]

  /// The number of D's free parameters; the first `discriminatorCount` coordinates of w.
  public var discriminatorCount: Int { discriminatorIndices.count }
  public var generatorCount: Int { generatorIndices.count }
  /// n, the dimension of w.
  public var dimension: Int { discriminatorCount + generatorCount }

  /// The state of `trainer` now. Refuses what the field does not model: spectral
  /// normalisation (J would need the derivative of σ(W) through the power iteration),
  /// unrolled G steps, instance noise while its σ is above zero (a random field), and
  /// non-finite parameters.
  public init(of trainer: Trainer) throws(JacobianRefusal) {
    let h = trainer.hyperparameters
    let stabilizers = h.stabilizers
    if stabilizers.spectralNorm {
      throw JacobianRefusal(
        "the Jacobian is not computed under --spectral-norm: it would need the derivative of "
          + "the normalisation through its power iteration")
    }
    if stabilizers.unrolledSteps > 0 {
      throw JacobianRefusal(
        "the Jacobian is not computed with --unroll: G's step is not a function of this state "
          + "alone")
    }
    if stabilizers.instanceNoise(at: trainer.iteration) > 0 {
      throw JacobianRefusal(
        "the Jacobian is not computed while instance noise is on (sigma > 0 at iteration "
          + "\(trainer.iteration)): the field is random")
    }
    let d = trainer.discriminator
    let g = trainer.generator
    if !allFinite(d.parameters, count: d.parameterCount)
      || !allFinite(g.parameters, count: g.parameterCount)
    {
      throw JacobianRefusal("the parameters are not finite at iteration \(trainer.iteration)")
    }
    let architecture = trainer.architecture
    let dNet = FieldPerceptron(architecture: architecture, inputs: d.inputs)
    let gNet = FieldPerceptron(architecture: architecture, inputs: 1)
    let penalty: (GradientPenalty, SlopePenaltyShape)? =
      stabilizers.penalty != .none && stabilizers.penaltyWeight > 0
      ? (stabilizers.penalty, .squared(weight: stabilizers.penaltyWeight)) : nil
    iteration = trainer.iteration
    hyperparameters = h
    field = GameField(
      discriminator: dNet, generator: gNet, loss: h.loss, penalty: penalty,
      interpolatePenalty: h.loss.interpolatePenalty(weight: stabilizers.interpolateWeight),
      batch: EvaluationBatch(
        packs: h.batchSize, packSize: d.inputs, prior: trainer.prior,
        target: trainer.target.distribution))
    discriminatorBuffer = (0..<d.parameterCount).map { Double(d.parameters[$0]) }
    generatorBuffer = (0..<g.parameterCount).map { Double(g.parameters[$0]) }
    discriminatorIndices = dNet.freeIndices(model: architecture.model, role: .discriminator)
    generatorIndices = gNet.freeIndices(model: architecture.model, role: .generator)
  }

  /// w, the free parameters (D's, then G's).
  public var parameters: [Double] {
    discriminatorIndices.map { discriminatorBuffer[$0] }
      + generatorIndices.map {
        generatorBuffer[$0]
      }
  }

  /// v at w + offset (offset nil: at w), in Double.
  public func field(at offset: [Double]? = nil) -> [Double] {
    var phi = discriminatorBuffer
    var theta = generatorBuffer
    if let offset {
      for (k, i) in discriminatorIndices.enumerated() { phi[i] += offset[k] }
      for (k, i) in generatorIndices.enumerated() {
        theta[i] += offset[discriminatorCount + k]
      }
    }
    return gather(field(discriminator: phi, generator: theta))
  }

  /// J·u, exact: the field over dual numbers whose tangents are u.
  public func product(_ u: [Double]) -> [Double] { fieldAndProduct(u).product }

  /// v and J·u from one forward-mode pass.
  public func fieldAndProduct(_ u: [Double]) -> (field: [Double], product: [Double]) {
    precondition(u.count == dimension)
    var phi = discriminatorBuffer.map { Dual($0) }
    var theta = generatorBuffer.map { Dual($0) }
    for (k, i) in discriminatorIndices.enumerated() { phi[i].tangent = u[k] }
    for (k, i) in generatorIndices.enumerated() { theta[i].tangent = u[discriminatorCount + k] }
    let v = gather(field(discriminator: phi, generator: theta))
    return (v.map(\.value), v.map(\.tangent))
  }

  /// The free coordinates of both halves, D's then G's.
  private func gather<T>(_ halves: (discriminator: [T], generator: [T])) -> [T] {
    discriminatorIndices.map { halves.discriminator[$0] }
      + generatorIndices.map {
        halves.generator[$0]
      }
  }
}
