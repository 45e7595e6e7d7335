/// A run's settings as the settings table reads and writes them: the training configuration
/// with its target as spec text (a configuration column, a sweep cell and a recorded frame
/// know the spec, not the data).
public struct RunSettings: Sendable, Equatable {
  public var targetSpec: String
  public var prior: Prior
  public var architecture: Architecture
  public var hyperparameters: Hyperparameters

  public init(
    targetSpec: String, prior: Prior, architecture: Architecture, hyperparameters: Hyperparameters
  ) {
    self.targetSpec = targetSpec
    self.prior = prior
    self.architecture = architecture
    self.hyperparameters = hyperparameters
  }

  /// The settings of a configuration.
  public init(_ config: TrainingConfig) {
    self.init(
      targetSpec: config.target.spec, prior: config.prior, architecture: config.architecture,
      hyperparameters: config.hyperparameters)
  }

  /// The settings in force at a frame of a run whose nets have `architecture`.
  public init(_ snapshot: Snapshot, architecture: Architecture) {
    self.init(
      targetSpec: snapshot.targetName, prior: snapshot.prior, architecture: architecture,
      hyperparameters: snapshot.hyperparameters)
  }

  /// Every setting at its default: the perceptron's (the command line's), or the
  /// Dirac-GAN's (the settings of Mescheder et al. 2018's figures: one D step per G step,
  /// the minimax loss, plain gradient steps of 0.1, the data a point mass at 0).
  public static func defaults(for model: NetModel) -> RunSettings {
    switch model {
    case .perceptron:
      RunSettings(
        targetSpec: "gaussian", prior: .uniform, architecture: Architecture(),
        hyperparameters: Hyperparameters(discriminatorSteps: 5))
    case .dirac:
      RunSettings(
        targetSpec: "point(0)", prior: .uniform, architecture: DiracGame.architecture,
        hyperparameters: Hyperparameters(
          discriminatorSteps: 1, discriminatorStepSize: 0.1, generatorStepSize: 0.1,
          loss: .minimax, optimizer: OptimizerSettings(kind: .sgd)))
    }
  }

  /// The defaults of `model` with the given settings in place (`model` among them or not):
  /// `--lr` first, so that `--lr-d` and `--lr-g` override it; `--gp` without `--loss` means
  /// WGAN-GP's loss. Refuses a value out of range, a setting that does not apply to the
  /// model, and a combination the trainer refuses.
  public static func given(_ values: [Setting: SettingValue]) throws(SettingError) -> RunSettings {
    for setting in Setting.allCases {
      if let value = values[setting], let problem = setting.problem(with: value) {
        throw SettingError(problem)
      }
    }
    let model = values[.model].map { $0.choice(NetModel.self) } ?? .perceptron
    for setting in Setting.allCases where values[setting] != nil {
      guard setting.applies(to: model) else {
        throw SettingError("\(setting.flag) does not apply to --model \(model.rawValue)")
      }
    }
    if values[.gp] != nil, let loss = values[.loss].map({ $0.choice(Loss.self) }),
      loss != .wassersteinGP, loss != .wassersteinLP
    {
      throw SettingError(
        "--gp is WGAN-GP's penalty and does not combine with --loss \(loss.rawValue)")
    }
    let settings = applying(values)
    if let problem = settings.hyperparameters.problem { throw SettingError(problem) }
    return settings
  }

  /// `given` without its checks, for values already checked (a sweep cell's).
  public static func applying(_ values: [Setting: SettingValue]) -> RunSettings {
    let model = values[.model].map { $0.choice(NetModel.self) } ?? .perceptron
    var settings = defaults(for: model)
    for setting in Setting.allCases where setting.applies(to: model) {
      if let value = values[setting] { settings.set(setting, to: value) }
    }
    if values[.gp] != nil && values[.loss] == nil {
      settings.hyperparameters.loss = .wassersteinGP
    }
    return settings
  }

  /// The training configuration, its target taken from `targets` (targets by spec, filled
  /// as they are parsed) so a grid parses each spec once. A `file:` target is refused here:
  /// its data is read at the program's edge (TargetLoader).
  public func configuration(seed: UInt64, targets: inout [String: Target]) throws(SettingError)
    -> TrainingConfig
  {
    let target: Target
    if let parsed = targets[targetSpec] {
      target = parsed
    } else {
      do {
        target = try Target.parse(targetSpec)
      } catch {
        throw SettingError("bad --target: \(error.description)")
      }
      targets[targetSpec] = target
    }
    return TrainingConfig(
      target: target, prior: prior, architecture: architecture, hyperparameters: hyperparameters,
      seed: seed)
  }

  /// The value of one setting (`lr` reads D's step size: it sets both).
  public func value(of setting: Setting) -> SettingValue {
    let h = hyperparameters
    let f = h.stabilizers
    switch setting {
    case .model: return .word(architecture.model.rawValue)
    case .target: return .word(targetSpec)
    case .prior: return .word(prior.rawValue)
    case .loss: return .word(h.loss.rawValue)
    case .optimizer: return .word(h.optimizer.kind.rawValue)
    case .activation: return .word(architecture.activation.rawValue)
    case .hidden: return .whole(architecture.width)
    case .layers: return .whole(architecture.hiddenLayers)
    case .batch: return .whole(h.batchSize)
    case .k: return .whole(h.discriminatorSteps)
    case .lr, .lrD: return .real(h.discriminatorStepSize)
    case .lrG: return .real(h.generatorStepSize)
    case .beta1: return .real(h.optimizer.beta1)
    case .beta2: return .real(h.optimizer.beta2)
    case .epsilon: return .real(h.optimizer.epsilon)
    case .momentum: return .real(h.optimizer.momentum)
    case .penalty: return .word(f.penalty.rawValue)
    case .gamma: return .real(f.penaltyWeight)
    case .unroll: return .whole(f.unrolledSteps)
    case .updates: return .word(f.updateScheme.rawValue)
    case .instanceNoise: return .real(f.instanceNoise)
    case .clip: return .real(f.clip)
    case .pack: return .whole(f.pack)
    case .noiseAnneal: return .whole(f.instanceNoiseAnneal)
    case .gp: return .real(f.interpolateWeight)
    case .spectralNorm: return .flag(f.spectralNorm)
    case .consensus: return .real(f.consensus)
    }
  }

  /// Sets one setting to a value of its kind (checked by `Setting.problem`). The model is
  /// the whole architecture: the Dirac-GAN's nets are fixed.
  public mutating func set(_ setting: Setting, to value: SettingValue) {
    switch setting {
    case .model:
      let model = value.choice(NetModel.self)
      if model != architecture.model {
        architecture = Self.defaults(for: model).architecture
      }
    case .target: targetSpec = value.word
    case .prior: prior = value.choice(Prior.self)
    case .loss: hyperparameters.loss = value.choice(Loss.self)
    case .optimizer: hyperparameters.optimizer.kind = value.choice(OptimizerKind.self)
    case .activation: architecture.activation = value.choice(Activation.self)
    case .hidden: architecture.width = value.whole
    case .layers: architecture.hiddenLayers = value.whole
    case .batch: hyperparameters.batchSize = value.whole
    case .k: hyperparameters.discriminatorSteps = value.whole
    case .lr:
      hyperparameters.discriminatorStepSize = value.real
      hyperparameters.generatorStepSize = value.real
    case .lrD: hyperparameters.discriminatorStepSize = value.real
    case .lrG: hyperparameters.generatorStepSize = value.real
    case .beta1: hyperparameters.optimizer.beta1 = value.real
    case .beta2: hyperparameters.optimizer.beta2 = value.real
    case .epsilon: hyperparameters.optimizer.epsilon = value.real
    case .momentum: hyperparameters.optimizer.momentum = value.real
    case .penalty: hyperparameters.stabilizers.penalty = value.choice(GradientPenalty.self)
    case .gamma: hyperparameters.stabilizers.penaltyWeight = value.real
    case .unroll: hyperparameters.stabilizers.unrolledSteps = value.whole
    case .updates: hyperparameters.stabilizers.updateScheme = value.choice(UpdateScheme.self)
    case .instanceNoise: hyperparameters.stabilizers.instanceNoise = value.real
    case .clip: hyperparameters.stabilizers.clip = value.real
    case .pack: hyperparameters.stabilizers.pack = value.whole
    case .noiseAnneal: hyperparameters.stabilizers.instanceNoiseAnneal = value.whole
    case .gp: hyperparameters.stabilizers.interpolateWeight = value.real
    case .spectralNorm: hyperparameters.stabilizers.spectralNorm = value.flag
    case .consensus: hyperparameters.stabilizers.consensus = value.real
    }
  }

  /// The configuration columns: the seed, then each setting with a column, in the table's
  /// order (`Setting.columnNames`).
  public func columns(seed: UInt64) -> [(name: String, value: SettingValue)] {
    [("seed", .whole(Int(clamping: seed)))]
      + Setting.allCases.compactMap { setting in
        setting.column.map { ($0, value(of: setting)) }
      }
  }

  /// The flags of `train` or `live` that give these settings: every setting that differs
  /// from the model's default (`--model` first, `--lr` when D's and G's step sizes are
  /// equal, else `--lr-d` and `--lr-g`), and the ones in `always`.
  public func arguments(always: Set<Setting> = []) -> [String] {
    let model = architecture.model
    let defaults = Self.defaults(for: model)
    let equalSteps = hyperparameters.discriminatorStepSize == hyperparameters.generatorStepSize
    var words: [String] = []
    for setting in [Setting.model] + Setting.allCases.filter({ $0 != .model })
    where setting.applies(to: model) {
      let value = value(of: setting)
      let differs = value != defaults.value(of: setting) || always.contains(setting)
      let written: Bool =
        switch setting {
        // The model decides the other defaults: written whenever it is not the perceptron.
        case .model: model != .perceptron
        case .lr: equalSteps && differs
        case .lrD, .lrG: !equalSteps
        case .target, .prior, .loss, .optimizer, .activation, .hidden, .layers, .batch,
          .k, .beta1, .beta2, .epsilon, .momentum, .penalty, .gamma, .unroll, .updates,
          .instanceNoise, .clip, .pack, .noiseAnneal, .gp, .spectralNorm, .consensus:
          differs
        }
      guard written else { continue }
      switch setting.kind {
      case .toggle: if value == .flag(true) { words.append(setting.flag) }
      case .whole, .real, .word, .target: words += [setting.flag, value.text]
      }
    }
    return words
  }
}
