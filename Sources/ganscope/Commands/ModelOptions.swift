import ArgumentParser
import GANCore
import GANRuntime

/// The flags shared by every command that trains a model.
struct ModelOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The model of both nets: mlp (the perceptrons of Figure 1) or dirac (the Dirac-GAN of Mescheder et al. 2018: G(z) = theta, D(x) = psi*x; its defaults are --target point(0) --k 1 --loss minimax --optimizer sgd --lr 0.1, and --hidden, --layers and --activation do not apply).",
      valueName: "model"))
  var model: NetModel = .perceptron

  @Option(
    help: ArgumentHelp(
      "The data distribution p_data: a preset (\(Target.presetNames.joined(separator: ", "))), \(DistributionFamily.signatures), mix(w1*SPEC,w2*SPEC,...) or file:PATH (one number per line; file:/dev/stdin reads a pipe).",
      valueName: "spec"))
  var target: String?

  @Option(help: "The noise prior p_z: uniform on (-1,1) or normal(0,1).")
  var prior: Prior = .uniform

  @Option(
    name: .customLong("k"), parsing: .unconditional,
    help: "Discriminator steps per generator step (1...50; default 5, or 1 for --model dirac).")
  var discriminatorSteps: Int?

  @Option(
    name: .customLong("batch"), parsing: .unconditional, help: "Minibatch size m of every step.")
  var batchSize: Int = 128

  @Option(
    name: .customLong("hidden"), parsing: .unconditional,
    help: "Hidden units per layer H (1...512).")
  var width: Int = 32

  @Option(
    name: .customLong("layers"), parsing: .unconditional, help: "Hidden layers per net (1...8).")
  var hiddenLayers: Int = 2

  @Option(help: "Hidden activation: tanh, relu, leaky-relu or linear (the identity).")
  var activation: Activation = .tanh

  @Option(
    help: ArgumentHelp(
      "The game's loss: minimax (saturating), nonsaturating, least-squares, wasserstein (WGAN, weights clipped to [-c, c]), wgan-gp (gradient penalty on interpolates, lambda 10), wgan-lp (its one-sided version), hinge or relativistic (relativistic average: each side's critic read against the other's mean) (default nonsaturating, or minimax for --model dirac).",
      valueName: "loss"))
  var loss: Loss?

  @Option(
    help:
      "Update rule of both nets: sgd, momentum, adam, optimistic (optimistic gradient descent), optimistic-adam, or extragradient (sgd with --updates extragradient) (default adam, or sgd for --model dirac)."
  )
  var optimizer: OptimizerChoice?

  /// The fixes: --penalty, --gamma, --unroll, --updates, --instance-noise, --noise-anneal,
  /// --clip, --spectral-norm.
  @OptionGroup var fixes: StabilizerOptions

  // Numbers may be negative on the command line (and are then rejected with a clear
  // message), so these options take their value unconditionally.
  @Option(parsing: .unconditional, help: "Step size of both nets (overridden by --lr-d / --lr-g).")
  var lr: Float?

  @Option(
    name: .customLong("lr-d"), parsing: .unconditional,
    help: "Step size η_D of the discriminator (default 1e-3, or 0.1 for --model dirac).")
  var lrD: Float?

  @Option(
    name: .customLong("lr-g"), parsing: .unconditional,
    help: "Step size η_G of the generator (default 1e-3, or 0.1 for --model dirac).")
  var lrG: Float?

  @Option(parsing: .unconditional, help: "Adam β1.") var beta1: Float = 0.5
  @Option(parsing: .unconditional, help: "Adam β2.") var beta2: Float = 0.999
  @Option(parsing: .unconditional, help: "Adam ε.") var epsilon: Float = 1e-8
  @Option(parsing: .unconditional, help: "Momentum coefficient μ for --optimizer momentum.")
  var momentum: Float = 0.9

  @Option(parsing: .unconditional, help: "Seed of every random draw of the run (0 or more).")
  var seed: UInt64 = 1

  mutating func validate() throws {
    if let lr, !(lr.isFinite && lr > 0) {
      throw ValidationError("step size --lr must be a positive number, got \(lr)")
    }
    try fixes.validate()
    _ = try fixes.loss(given: loss)
    if optimizer == .extragradient && fixes.updates != .alternating
      && fixes.updates != .extragradient
    {
      throw ValidationError(
        "--optimizer extragradient is --updates extragradient; it does not combine with "
          + "--updates \(fixes.updates.rawValue)")
    }
    if let problem = hyperparameters.problem { throw ValidationError(problem) }
    let widths = Architecture.widthRange
    guard widths.contains(width) else {
      throw ValidationError(
        "--hidden must be between \(widths.lowerBound) and \(widths.upperBound), got \(width)")
    }
    let depths = Architecture.hiddenLayerRange
    guard depths.contains(hiddenLayers) else {
      throw ValidationError(
        "--layers must be between \(depths.lowerBound) and \(depths.upperBound), got "
          + "\(hiddenLayers)")
    }
    guard (0..<1).contains(beta1), (0..<1).contains(beta2) else {
      throw ValidationError("Adam betas must be in [0, 1), got \(beta1) and \(beta2)")
    }
    guard epsilon.isFinite, epsilon > 0 else {
      throw ValidationError("--epsilon must be a finite number > 0, got \(epsilon)")
    }
    guard (0..<1).contains(momentum) else {
      throw ValidationError("--momentum must be in [0, 1), got \(momentum)")
    }
    // The spec only: its data file, if any, is read once, by `config()` (a pipe cannot be
    // read twice).
    do {
      _ = try TargetSpec.parse(targetSpec)
    } catch {
      throw ValidationError("bad --target: \(error.description)")
    }
  }

  /// The target as typed, or the model's own default.
  var targetSpec: String { target ?? (model == .dirac ? "point(0)" : "gaussian") }

  var hyperparameters: Hyperparameters {
    let dirac = model == .dirac
    let stepSize: Float = dirac ? 0.1 : 1e-3
    return Hyperparameters(
      discriminatorSteps: discriminatorSteps ?? (dirac ? 1 : 5), batchSize: batchSize,
      discriminatorStepSize: lrD ?? lr ?? stepSize, generatorStepSize: lrG ?? lr ?? stepSize,
      loss: (try? fixes.loss(given: loss)) ?? loss ?? (dirac ? .minimax : .nonsaturating),
      optimizer: OptimizerSettings(
        kind: optimizer?.kind ?? (dirac ? .sgd : .adam), momentum: momentum, beta1: beta1,
        beta2: beta2, epsilon: epsilon),
      stabilizers: stabilizers)
  }

  /// The fixes' flags, with `--optimizer extragradient`'s update order.
  var stabilizers: Stabilizers {
    var f = fixes.stabilizers
    if optimizer == .extragradient { f.updateScheme = .extragradient }
    return f
  }

  /// The nets' shape: the flags', or the Dirac-GAN's one linear unit.
  var architecture: Architecture {
    model == .dirac
      ? DiracGame.architecture
      : Architecture(width: width, hiddenLayers: hiddenLayers, activation: activation)
  }

  /// Refuses --record with a setting the recording format cannot hold: the header's
  /// hyperparameters (format 5) have no field for the consensus weight, so a replay would
  /// re-simulate another run.
  func checkRecordable() throws {
    if fixes.consensus > 0 {
      throw ValidationError(
        "--consensus is not recorded yet (recording format \(RecordingFormat.version) has no "
          + "field for it); run it without --record")
    }
  }

  /// The files the run reads (a `file:` target's data), which no output may replace.
  var inputFiles: [String] { (try? TargetSpec.parse(targetSpec).dataFiles) ?? [] }

  /// Refuses a recording onto one of the run's inputs, even with --force.
  func checkNotInput(record path: String) throws(OutputError) {
    for input in inputFiles where FileIdentity.same(path, input) {
      throw OutputError(
        "cannot record to '\(RecordingError.quoted(path))': it is also an input of this "
          + "command (the target's data); choose another name")
    }
  }

  /// The run's configuration, with the target's data file read (call once: `file:/dev/stdin`
  /// can be read only once). A data file that cannot be read is bad input (exit status 2).
  func config() throws -> TrainingConfig {
    let loaded: Target
    do {
      loaded = try TargetLoader.load(targetSpec)
    } catch {
      throw RunFailure.badInput("bad --target: \(error.description)")
    }
    return TrainingConfig(
      target: loaded, prior: prior,
      architecture: architecture, hyperparameters: hyperparameters, seed: seed)
  }
}

extension Prior: ExpressibleByArgument {}
extension Activation: ExpressibleByArgument {}
extension NetModel: ExpressibleByArgument {}
extension Loss: ExpressibleByArgument {}
extension OptimizerKind: ExpressibleByArgument {}

/// `--optimizer`: an update rule, or `extragradient`, which the literature names as an
/// optimizer and ganscope runs as plain gradient steps in the extragradient update order.
enum OptimizerChoice: String, CaseIterable, ExpressibleByArgument {
  case sgd, momentum, adam, optimistic
  case optimisticAdam = "optimistic-adam"
  case extragradient

  var kind: OptimizerKind {
    switch self {
    case .sgd, .extragradient: .sgd
    case .momentum: .momentum
    case .adam: .adam
    case .optimistic: .optimistic
    case .optimisticAdam: .optimisticAdam
    }
  }
}
