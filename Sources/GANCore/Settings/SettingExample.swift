extension Setting {
  /// A valid value of the setting other than `model`'s default: what the table's tests set
  /// to see that a setting reaches every place it must (the flags of each command, the
  /// recording header, the configuration columns, the trainer). A whole number takes an end
  /// of its range, a real 0.25 (or 0.125), a word the first other word, a target the other of
  /// two presets, a toggle the other position.
  public func otherValue(for model: NetModel) -> SettingValue {
    let plain = defaultValue(for: model)
    switch kind {
    case .whole(let range):
      return plain == .whole(range.upperBound) ? .whole(range.lowerBound) : .whole(range.upperBound)
    case .real: return plain == .real(0.25) ? .real(0.125) : .real(0.25)
    case .word(let words): return .word(words.first { .word($0) != plain } ?? "")
    case .target: return .word(plain == .word("bimodal") ? "gaussian" : "bimodal")
    case .toggle: return .flag(plain != .flag(true))
    }
  }

  /// What a run is given to show this setting at another value on `model`: the model, the
  /// companions and `otherValue(for:)`.
  public func example(for model: NetModel) -> [Setting: SettingValue] {
    var values = companions
    values[.model] = .word(model.rawValue)
    values[self] = otherValue(for: model)
    return values
  }

  /// The other settings this one needs to have any effect, as `train` would be given them:
  /// a penalty's weight needs its penalty (R1) or loss (WGAN-LP), the clip bound WGAN's loss,
  /// Adam's and momentum's coefficients their optimizer, the anneal a noise to anneal.
  public var companions: [Setting: SettingValue] {
    switch self {
    case .gp: [.loss: .word(Loss.wassersteinLP.rawValue)]
    case .gamma: [.penalty: .word(GradientPenalty.r1.rawValue)]
    case .clip: [.loss: .word(Loss.wasserstein.rawValue)]
    case .beta1, .beta2, .epsilon: [.optimizer: .word(OptimizerKind.adam.rawValue)]
    case .momentum: [.optimizer: .word(OptimizerKind.momentum.rawValue)]
    case .noiseAnneal: [.instanceNoise: .real(0.5)]
    case .target, .prior, .loss, .optimizer, .activation, .hidden, .layers, .batch, .k, .lr,
      .lrD, .lrG, .penalty, .unroll, .updates, .instanceNoise, .pack, .spectralNorm, .model,
      .consensus:
      [:]
    }
  }
}
