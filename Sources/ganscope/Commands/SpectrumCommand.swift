import ArgumentParser
import GANCore
import GANRuntime

/// The game's spectrum at one state, headless: the eigenvalues of the Jacobian J of the
/// update field and the multipliers of the update actually taken (docs/theory.md, "The
/// game's Jacobian"), one JSON line each, for scripts and pandas.
struct SpectrumCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "spectrum",
    abstract:
      "Print the eigenvalues of the game's Jacobian and the step's multipliers at one state, one JSON line each.",
    discussion: """
      The state is a run of the model flags trained to --at ITERATION, or a recording \
      (re-simulated to its frame at --at ITERATION). Each line: "of" (jacobian: an \
      eigenvalue λ of J = dv/dw, v = (-grad_phi L_D, -grad_theta L_G); step: a multiplier μ \
      of the linearised update in the run's order, plain gradient steps of sizes lr-d and \
      lr-g), re, im, modulus, player (D or G, whose coordinates hold most of the \
      eigenvector), d_share, and residual (the Arnoldi method's accuracy; 0 with --full).
      """)

  @Argument(help: "A recording (written by --record); without it, the model flags' run.")
  var file: String?

  @OptionGroup var model: ModelOptions

  @Option(
    name: .customLong("at"), parsing: .unconditional,
    help: "The iteration whose state is analysed (a recorded frame's, for a recording).")
  var iteration: Int = 0

  @Flag(
    help:
      "Every eigenvalue (J from n products, LAPACK's dgeev), for at most \(GameSpectrum.fullSpectrumLimit) parameters; without it, the outer ones by the Arnoldi method."
  )
  var full = false

  @Option(
    parsing: .unconditional,
    help: "Products J·u of the Arnoldi method (without --full).")
  var steps: Int = GameSpectrum.defaultArnoldiSteps

  func validate() throws {
    guard iteration >= 0 else { throw ValidationError("--at must be >= 0, got \(iteration)") }
    guard (1...1000).contains(steps) else {
      throw ValidationError("--steps must be between 1 and 1000, got \(steps)")
    }
  }

  func run() throws {
    let trainer = try state()
    let spectrum: GameSpectrum
    do {
      let jacobian = try GameJacobian(of: trainer)
      spectrum = try GameSpectrum(jacobian, method: full ? .full : .arnoldi(steps: steps))
    } catch {
      // Above the size limit the request is refused; everything else is about the state.
      throw error.isRequest
        ? RunFailure.badInput(error.description) : RunFailure.runtime(error.description)
    }
    for (kind, values) in [("jacobian", spectrum.jacobian), ("step", spectrum.step)] {
      for value in values { Output.line(Self.line(value, of: kind, iteration: spectrum.iteration)) }
    }
  }

  /// The state analysed: the recording's, or the model flags' run trained to --at.
  private func state() throws -> Trainer {
    if let file {
      let reader = try RecordingReader.opening(commandLineFile: file)
      do {
        return try reader.trainer(atIteration: iteration)
      } catch {
        throw RunFailure.badInput(error.description)
      }
    }
    let trainer = Trainer(config: try model.config())
    while trainer.iteration < iteration && trainer.runIteration() {}
    return trainer
  }

  static func line(_ value: GameEigenvalue, of kind: String, iteration: Int) -> String {
    let player: String
    switch value.dominantPlayer {
    case .discriminator: player = "D"
    case .generator: player = "G"
    }
    return "{\"iteration\":\(iteration),\"of\":\"\(kind)\",\"re\":\(jsonNumber(value.re)),"
      + "\"im\":\(jsonNumber(value.im)),\"modulus\":\(jsonNumber(value.modulus)),"
      + "\"player\":\"\(player)\",\"d_share\":\(jsonNumber(value.discriminatorShare)),"
      + "\"residual\":\(jsonNumber(value.residual))}"
  }
}
