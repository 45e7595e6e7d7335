/// One spectrum as a view shows it: the outer eigenvalues of the game's Jacobian and the
/// step's multipliers at one iteration, or why there are none (a setting the Jacobian does
/// not model, parameters that are not finite). A value, so it crosses from the thread that
/// computed it to the one that draws it.
public struct SpectrumReading: Sendable, Equatable {
  /// What was found.
  public enum Content: Sendable, Equatable {
    case spectrum(GameSpectrum)
    /// One line saying why the state has no spectrum (`JacobianRefusal`'s description).
    case refused(String)
  }

  /// The iteration of the state the reading is of.
  public let iteration: Int
  public let content: Content

  public init(iteration: Int, content: Content) {
    self.iteration = iteration
    self.content = content
  }

  /// The reading of a state already captured (any thread): the Arnoldi method with `steps`
  /// products for J and as many for the step's matrix, each product of which costs k + 1
  /// J·u at most (StepMultipliers.swift) — the whole spectrum would cost n products.
  public init(_ jacobian: GameJacobian, steps: Int = GameSpectrum.defaultArnoldiSteps) {
    iteration = jacobian.iteration
    do {
      content = .spectrum(try GameSpectrum(jacobian, method: .arnoldi(steps: steps)))
    } catch {
      content = .refused(error.description)
    }
  }

  /// The reading of `trainer`'s state now, computed on the calling thread: what a live view
  /// computes in the background, and what a test drives directly.
  public init(of trainer: Trainer, steps: Int = GameSpectrum.defaultArnoldiSteps) {
    switch Self.capture(trainer) {
    case .success(let jacobian): self.init(jacobian, steps: steps)
    case .failure(let refusal):
      self.init(iteration: trainer.iteration, content: .refused(refusal.description))
    }
  }

  /// The state's Jacobian (a copy of the parameters, cheap: taken on the trainer's thread),
  /// or why it has none.
  public static func capture(_ trainer: Trainer) -> Result<GameJacobian, JacobianRefusal> {
    do {
      return .success(try GameJacobian(of: trainer))
    } catch {
      return .failure(error)
    }
  }

  /// The spectrum, when there is one.
  public var spectrum: GameSpectrum? {
    switch content {
    case .spectrum(let spectrum): spectrum
    case .refused: nil
    }
  }
}
