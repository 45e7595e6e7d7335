import ArgumentParser
import GANCore
import GANRuntime

/// The flags shared by every command that trains a model. Their help, ranges and defaults
/// are the settings table's (Setting.swift); this type only declares them to the argument
/// parser and hands what was given to `RunSettings.given`.
struct ModelOptions: ParsableArguments {
  @Option(help: ArgumentHelp(Setting.model.help, valueName: "model")) var model: NetModel?

  @Option(help: ArgumentHelp(Setting.target.help, valueName: "spec")) var target: String?

  @Option(help: ArgumentHelp(Setting.prior.help)) var prior: Prior?

  @Option(
    name: .customLong("k"), parsing: .unconditional, help: ArgumentHelp(Setting.k.help))
  var discriminatorSteps: Int?

  @Option(
    name: .customLong("batch"), parsing: .unconditional, help: ArgumentHelp(Setting.batch.help))
  var batchSize: Int?

  @Option(
    name: .customLong("hidden"), parsing: .unconditional,
    help: ArgumentHelp(Setting.hidden.help))
  var width: Int?

  @Option(
    name: .customLong("layers"), parsing: .unconditional,
    help: ArgumentHelp(Setting.layers.help))
  var hiddenLayers: Int?

  @Option(help: ArgumentHelp(Setting.activation.help)) var activation: Activation?

  @Option(help: ArgumentHelp(Setting.loss.help, valueName: "loss")) var loss: Loss?

  @Option(
    help: ArgumentHelp(
      Setting.optimizer.help
        + " Also extragradient: sgd with --updates extragradient (train and live only)."))
  var optimizer: OptimizerChoice?

  /// The fixes: --penalty, --gamma, --r1, --r2, --gp, --unroll, --updates, --instance-noise,
  /// --noise-anneal, --clip, --spectral-norm, --pack.
  @OptionGroup var fixes: StabilizerOptions

  // Numbers may be negative on the command line (and are then rejected with a clear
  // message), so these options take their value unconditionally.
  @Option(parsing: .unconditional, help: ArgumentHelp(Setting.lr.help)) var lr: Float?

  @Option(
    name: .customLong("lr-d"), parsing: .unconditional, help: ArgumentHelp(Setting.lrD.help))
  var lrD: Float?

  @Option(
    name: .customLong("lr-g"), parsing: .unconditional, help: ArgumentHelp(Setting.lrG.help))
  var lrG: Float?

  @Option(parsing: .unconditional, help: ArgumentHelp(Setting.beta1.help)) var beta1: Float?
  @Option(parsing: .unconditional, help: ArgumentHelp(Setting.beta2.help)) var beta2: Float?
  @Option(parsing: .unconditional, help: ArgumentHelp(Setting.epsilon.help)) var epsilon: Float?
  @Option(parsing: .unconditional, help: ArgumentHelp(Setting.momentum.help))
  var momentum: Float?

  @Option(parsing: .unconditional, help: "Seed of every random draw of the run (0 or more).")
  var seed: UInt64 = 1

  /// The value given for a setting (nil: not given). `--optimizer extragradient` is plain
  /// gradient steps in the extragradient update order.
  func value(of setting: Setting) -> SettingValue? {
    switch setting {
    case .model: return model.map { .word($0.rawValue) }
    case .target: return target.map { .word($0) }
    case .prior: return prior.map { .word($0.rawValue) }
    case .k: return discriminatorSteps.map { .whole($0) }
    case .batch: return batchSize.map { .whole($0) }
    case .hidden: return width.map { .whole($0) }
    case .layers: return hiddenLayers.map { .whole($0) }
    case .activation: return activation.map { .word($0.rawValue) }
    case .loss: return loss.map { .word($0.rawValue) }
    case .optimizer: return optimizer.map { .word($0.kind.rawValue) }
    case .lr: return lr.map { .real($0) }
    case .lrD: return lrD.map { .real($0) }
    case .lrG: return lrG.map { .real($0) }
    case .beta1: return beta1.map { .real($0) }
    case .beta2: return beta2.map { .real($0) }
    case .epsilon: return epsilon.map { .real($0) }
    case .momentum: return momentum.map { .real($0) }
    case .updates:
      if optimizer == .extragradient { return .word(UpdateScheme.extragradient.rawValue) }
      return fixes.value(of: .updates)
    case .penalty, .gamma, .unroll, .instanceNoise, .clip, .pack, .noiseAnneal, .gp,
      .spectralNorm, .consensus:
      return fixes.value(of: setting)
    }
  }

  /// Every setting given on the command line.
  var given: [Setting: SettingValue] {
    var values: [Setting: SettingValue] = [:]
    for setting in Setting.allCases { values[setting] = value(of: setting) }
    return values
  }

  /// The run's settings: the model's defaults with the given ones in place, checked.
  func settings() throws(SettingError) -> RunSettings { try RunSettings.given(given) }

  mutating func validate() throws {
    try fixes.validate()
    if optimizer == .extragradient, let updates = fixes.updates,
      updates != .alternating && updates != .extragradient
    {
      throw ValidationError(
        "--optimizer extragradient is --updates extragradient; it does not combine with "
          + "--updates \(updates.rawValue)")
    }
    do {
      _ = try settings()
    } catch {
      throw ValidationError(error.description)
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
  var targetSpec: String {
    target ?? RunSettings.defaults(for: model ?? .perceptron).targetSpec
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
    let settings: RunSettings
    do {
      settings = try self.settings()
    } catch {
      throw RunFailure.badInput(error.description)
    }
    return TrainingConfig(
      target: loaded, prior: settings.prior, architecture: settings.architecture,
      hyperparameters: settings.hyperparameters, seed: seed)
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
