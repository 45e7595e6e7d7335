/// A penalty on the slope of D's raw output with respect to its input, added to D's loss.
/// D′(x) = ∂D(x)/∂x is computed exactly by a forward-mode pass (SlopePenalty.swift).
public enum GradientPenalty: String, Sendable, CaseIterable, Codable {
  case none
  /// R1 (Mescheder et al. 2018): (γ/2)·E_data[D′(x)²]. D may not be steep where the data
  /// is, which makes the game converge locally where plain gradient steps circle.
  case r1
  /// R2: the same on G's samples, (γ/2)·E_z[D′(G(z))²].
  case r2
}

/// How the two players' updates are ordered within an iteration.
public enum UpdateScheme: String, Sendable, CaseIterable, Codable {
  /// Algorithm 1: k D steps, then G steps against the D just updated.
  case alternating
  /// Both players' gradients at the same point, then both updates (the last of the k D
  /// steps and the G step). The dynamics differ in kind: on the Dirac-GAN they spiral out
  /// where alternating steps circle.
  case simultaneous
  /// Extragradient (Korpelevich 1976; Gidel et al. 2019): both players first take a
  /// gradient step to a look-ahead point, then each updates from where it was with the
  /// gradient measured at the look-ahead point. Damps rotation.
  case extragradient
}

/// The fixes for the game's failures, all off by default. They may change between any two
/// steps like every other hyperparameter.
public struct Stabilizers: Sendable, Equatable, Hashable, Codable {
  /// R1 or R2, with weight γ.
  public var penalty: GradientPenalty
  public var penaltyWeight: Float
  /// u: G's step looks through u unrolled D steps (Metz et al. 2016), 0 for off. The
  /// surrogate variant: G's gradient is taken against D after u more steps, treating those
  /// steps as constants (no gradient through them); D then returns to where it was.
  public var unrolledSteps: Int
  public var updateScheme: UpdateScheme
  /// σ₀ of instance noise (Sønderby et al. 2016; Arjovsky & Bottou 2017): Gaussian noise of
  /// standard deviation σ = σ₀·max(0, 1 − t/T) added to every input D sees, data and
  /// samples alike, for iterations t; 0 for off.
  public var instanceNoise: Float
  /// T: the iterations over which instance noise anneals to zero (0: it stays σ₀).
  public var instanceNoiseAnneal: Int
  /// c: WGAN's weight clipping of every D parameter to [−c, c] after each D step (only
  /// under `Loss.wasserstein`).
  public var clip: Float
  /// Spectral normalisation of D's weights (Miyato et al. 2018): every weight block divided
  /// by its largest singular value, estimated by one power-iteration step per D step.
  public var spectralNorm: Bool
  /// P: packing (PacGAN, Lin et al. 2018). D judges packs of P samples, all real or all
  /// G's, with one logit per pack; a batch of m is m packs per side, P·m samples each.
  /// 1 is off (the plain D).
  public var pack: Int
  /// λ of the interpolate penalties of WGAN-GP and WGAN-LP (their papers' 10).
  public var interpolateWeight: Float
  /// γ of consensus optimization (Mescheder, Nowozin & Geiger 2017): each player also
  /// descends γ·½‖v‖², v the game's field, whose gradient is Jᵀv (TransposeProduct.swift),
  /// taken on the fixed evaluation batch of the game's Jacobian. 0 is off.
  public var consensus: Float

  public init(
    penalty: GradientPenalty = .none, penaltyWeight: Float = 10, unrolledSteps: Int = 0,
    updateScheme: UpdateScheme = .alternating, instanceNoise: Float = 0,
    instanceNoiseAnneal: Int = 10_000, clip: Float = 0.01, spectralNorm: Bool = false,
    pack: Int = 1, interpolateWeight: Float = 10, consensus: Float = 0
  ) {
    self.penalty = penalty
    self.penaltyWeight = penaltyWeight
    self.unrolledSteps = unrolledSteps
    self.updateScheme = updateScheme
    self.instanceNoise = instanceNoise
    self.instanceNoiseAnneal = instanceNoiseAnneal
    self.clip = clip
    self.spectralNorm = spectralNorm
    self.pack = pack
    self.interpolateWeight = interpolateWeight
    self.consensus = consensus
  }

  public static let unrolledStepRange = 0...50
  public static let packRange = 1...8

  /// The standard deviation of instance noise at `iteration`.
  public func instanceNoise(at iteration: Int) -> Float {
    guard instanceNoise > 0 else { return 0 }
    guard instanceNoiseAnneal > 0 else { return instanceNoise }
    let remaining = 1 - Double(iteration) / Double(instanceNoiseAnneal)
    return Float(Double(instanceNoise) * max(0, remaining))
  }

  /// Nil when every value is acceptable, else a one-line description of the first bad one.
  public var problem: String? {
    if !(penaltyWeight.isFinite && penaltyWeight >= 0) {
      return "penalty weight gamma must be a number >= 0, got \(penaltyWeight)"
    }
    if !Self.unrolledStepRange.contains(unrolledSteps) {
      return "unrolled steps must be between 0 and 50, got \(unrolledSteps)"
    }
    if !(instanceNoise.isFinite && instanceNoise >= 0) {
      return "instance noise must be a number >= 0, got \(instanceNoise)"
    }
    if instanceNoiseAnneal < 0 {
      return "the instance noise's annealing must be 0 (none) or more iterations, got "
        + "\(instanceNoiseAnneal)"
    }
    if !(clip.isFinite && clip > 0) {
      return "the clipping bound c must be a positive number, got \(clip)"
    }
    if !(interpolateWeight.isFinite && interpolateWeight >= 0) {
      return "the interpolate penalty's weight lambda must be a number >= 0, got "
        + "\(interpolateWeight)"
    }
    if !Self.packRange.contains(pack) {
      return "pack size P must be between 1 and 8, got \(pack)"
    }
    if !(consensus.isFinite && consensus >= 0) {
      return "the consensus weight gamma must be a number >= 0, got \(consensus)"
    }
    if consensus > 0 && (spectralNorm || unrolledSteps > 0 || instanceNoise > 0) {
      return "--consensus does not combine with --spectral-norm, --unroll or --instance-noise: "
        + "its gradient J^T v is that of the game's Jacobian, which models none of them"
    }
    if pack > 1 && spectralNorm {
      return "--pack does not combine with --spectral-norm: the normalisation treats D's "
        + "input layer as one row"
    }
    return nil
  }
}
