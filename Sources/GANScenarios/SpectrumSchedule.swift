import GANCore

/// When a scenario's run computes the game's spectrum (Sources/GANCore/Dynamics): at every
/// observation (before and after each step's keys, and at the end) and, when `every` is
/// set, every that many iterations (and at a divergence). Opt-in: a spectrum costs a few
/// dozen Jacobian-vector products.
public struct SpectrumSchedule: Sendable {
  public var method: SpectrumMethod
  public var every: Int?

  public init(method: SpectrumMethod, every: Int? = nil) {
    self.method = method
    self.every = every
  }

  func reading(of trainer: Trainer) -> SpectrumReading {
    let iteration = trainer.iteration
    do {
      let jacobian = try GameJacobian(of: trainer)
      return SpectrumReading(
        iteration: iteration, spectrum: try GameSpectrum(jacobian, method: method),
        parameters: jacobian.parameters, refusal: nil)
    } catch {
      return SpectrumReading(
        iteration: iteration, spectrum: nil, parameters: [], refusal: error.description)
    }
  }
}

/// The spectrum at one iteration of a scenario's run, or why there is none (a diverged
/// state).
public struct SpectrumReading: Sendable {
  public let iteration: Int
  public let spectrum: GameSpectrum?
  /// w = (φ, θ) where it was computed (for the Dirac-GAN: ψ, θ).
  public let parameters: [Double]
  public let refusal: String?
}
