import GANKernels

/// The hidden-unit nonlinearity of both nets.
public enum Activation: String, Sendable, CaseIterable, Codable {
  case tanh
  case relu
  case leakyReLU = "leaky-relu"
  /// The identity, f(a) = a: a net of linear units (the Dirac-GAN's D(x) = ψ·x is one).
  case linear

  /// The slope of leaky ReLU for negative inputs.
  public static let leakySlope: Float = 0.01

  /// The activation as the passes compute it (GANKernels).
  var vector: VectorActivation {
    switch self {
    case .tanh: .tanh
    case .relu: .relu
    case .leakyReLU: .leakyReLU(slope: Activation.leakySlope)
    case .linear: .linear
    }
  }
}
