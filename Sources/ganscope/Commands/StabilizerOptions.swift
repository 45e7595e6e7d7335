import ArgumentParser
import GANCore

/// The flags of the fixes (`Stabilizers`), shared by every command that trains and by
/// `bench`. Their help, ranges and defaults are the settings table's (Setting.swift).
struct StabilizerOptions: ParsableArguments {
  @Option(help: ArgumentHelp(Setting.penalty.help)) var penalty: GradientPenalty?
  @Option(parsing: .unconditional, help: ArgumentHelp(Setting.gamma.help)) var gamma: Float?

  // The short forms: --r1 γ, --r2 γ (and --gp λ, which is a setting of its own).
  @Option(
    name: .customLong("r1"), parsing: .unconditional,
    help: "R1 with weight gamma: the same as --penalty r1 --gamma gamma.")
  var r1: Float?

  @Option(
    name: .customLong("r2"), parsing: .unconditional,
    help: "R2 with weight gamma: the same as --penalty r2 --gamma gamma.")
  var r2: Float?

  @Option(name: .customLong("gp"), parsing: .unconditional, help: ArgumentHelp(Setting.gp.help))
  var gp: Float?

  @Option(
    name: .customLong("unroll"), parsing: .unconditional,
    help: ArgumentHelp(Setting.unroll.help))
  var unrolledSteps: Int?

  @Option(help: ArgumentHelp(Setting.updates.help)) var updates: UpdateScheme?

  @Option(
    name: .customLong("instance-noise"), parsing: .unconditional,
    help: ArgumentHelp(Setting.instanceNoise.help))
  var instanceNoise: Float?

  @Option(
    name: .customLong("noise-anneal"), parsing: .unconditional,
    help: ArgumentHelp(Setting.noiseAnneal.help))
  var noiseAnneal: Int?

  @Option(parsing: .unconditional, help: ArgumentHelp(Setting.clip.help)) var clip: Float?

  @Flag(help: ArgumentHelp(Setting.spectralNorm.help)) var spectralNorm = false

  @Option(parsing: .unconditional, help: ArgumentHelp(Setting.pack.help)) var pack: Int?

  @Option(parsing: .unconditional, help: ArgumentHelp(Setting.consensus.help))
  var consensus: Float?

  /// The value given for one of the fixes' settings (nil: not given, or not a fix).
  func value(of setting: Setting) -> SettingValue? {
    switch setting {
    case .penalty:
      if r1 != nil { return .word(GradientPenalty.r1.rawValue) }
      if r2 != nil { return .word(GradientPenalty.r2.rawValue) }
      return penalty.map { .word($0.rawValue) }
    case .gamma: return (r1 ?? r2 ?? gamma).map { .real($0) }
    case .gp: return gp.map { .real($0) }
    case .unroll: return unrolledSteps.map { .whole($0) }
    case .updates: return updates.map { .word($0.rawValue) }
    case .instanceNoise: return instanceNoise.map { .real($0) }
    case .noiseAnneal: return noiseAnneal.map { .whole($0) }
    case .clip: return clip.map { .real($0) }
    case .spectralNorm: return spectralNorm ? .flag(true) : nil
    case .pack: return pack.map { .whole($0) }
    case .consensus: return consensus.map { .real($0) }
    case .target, .prior, .loss, .optimizer, .activation, .hidden, .layers, .batch, .k, .lr,
      .lrD, .lrG, .beta1, .beta2, .epsilon, .momentum, .model:
      return nil
    }
  }

  /// The fixes given, by setting.
  var given: [Setting: SettingValue] {
    var values: [Setting: SettingValue] = [:]
    for setting in Setting.allCases { values[setting] = value(of: setting) }
    return values
  }

  /// The fixes (for `bench`, which has its own model flags): the table's defaults with the
  /// given ones in place.
  var stabilizers: Stabilizers {
    RunSettings.applying(given).hyperparameters.stabilizers
  }

  /// The loss `--gp` asks for, checked against the one `--loss` gave (nil: not given).
  func loss(given: Loss?) throws -> Loss? {
    guard gp != nil else { return given }
    if let given, given != .wassersteinGP, given != .wassersteinLP {
      throw ValidationError(
        "--gp is WGAN-GP's penalty and does not combine with --loss \(given.rawValue)")
    }
    return given ?? .wassersteinGP
  }

  /// The short forms must not contradict the long ones.
  func validate() throws {
    if r1 != nil && r2 != nil { throw ValidationError("give one of --r1 and --r2, not both") }
    for (flag, weight) in [("--r1", r1), ("--r2", r2)] {
      if let weight, !(weight.isFinite && weight >= 0) {
        throw ValidationError("\(flag) must be a number >= 0, got \(weight)")
      }
    }
    if r1 != nil || r2 != nil, penalty != nil || gamma != nil {
      throw ValidationError("give either --penalty/--gamma or --r1/--r2, not both")
    }
    for (setting, value) in given {
      if let problem = setting.problem(with: value) { throw ValidationError(problem) }
    }
  }

  /// The fixes that are on, in words ("r1(10.0) + unroll 5"; empty when none is).
  var label: String {
    var words: [String] = []
    let f = stabilizers
    if f.penalty != .none { words.append("\(f.penalty.rawValue)(\(f.penaltyWeight))") }
    if f.unrolledSteps > 0 { words.append("unroll \(f.unrolledSteps)") }
    if f.updateScheme != .alternating { words.append(f.updateScheme.rawValue) }
    if f.instanceNoise > 0 { words.append("noise \(f.instanceNoise)") }
    if f.spectralNorm { words.append("spectral norm") }
    if f.pack > 1 { words.append("pack \(f.pack)") }
    if f.consensus > 0 { words.append("consensus \(f.consensus)") }
    return words.joined(separator: " + ")
  }
}

extension GradientPenalty: ExpressibleByArgument {}
extension UpdateScheme: ExpressibleByArgument {}
