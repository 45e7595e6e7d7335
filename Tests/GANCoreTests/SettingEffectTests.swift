import Testing

@testable import GANCore

/// Every setting of the table changes the run it is given to. A setting whose flag, column
/// and header all work but whose field the trainer never reads (the one place of the setting
/// recipe that neither the compiler nor the table's other tests can name) fails here: the
/// run with it is the same, bit for bit, as the run without it.
///
/// On the Dirac-GAN, G is θ whatever z is and D reads the first value of a pack, so the prior
/// and packing reach its game only through the random numbers they draw: the data and the
/// instance noise come from the same stream. Its runs here have a normal target, whose draws
/// they shift (at the default point target they change nothing).
@Suite struct SettingEffectTests {
  /// What a short run leaves: 64 of G's samples and D's readout at five points.
  static func outcome(_ values: [Setting: SettingValue]) throws -> [Double] {
    var targets: [String: Target] = [:]
    let config = try RunSettings.given(values).configuration(seed: 4, targets: &targets)
    let trainer = Trainer(config: config)
    for _ in 0..<30 { _ = trainer.runIteration() }
    return trainer.generateSamples(count: 64, seed: 11).map(Double.init)
      + trainer.discriminatorReadout(at: [-2, 0, 1, 3.5, 5])
  }

  @Test(arguments: Setting.allCases)
  func everySettingChangesTheRun(setting: Setting) throws {
    for model in NetModel.allCases where setting.applies(to: model) && setting != .model {
      var with = setting.example(for: model)
      if model == .dirac && (setting == .prior || setting == .pack) {
        with[.target] = .word("normal(0,1)")
      }
      let value = setting.otherValue(for: model)
      var without = with
      without[setting] = nil
      let plain = try Self.outcome(without)
      let changed = try Self.outcome(with)
      // Bits, and finite: two diverged runs (NaN != NaN) must not count as different.
      #expect(
        plain.allSatisfy(\.isFinite) && changed.allSatisfy(\.isFinite), "\(setting) for \(model)")
      #expect(
        plain.map(\.bitPattern) != changed.map(\.bitPattern),
        "\(setting.flag) \(value.text) changes nothing for \(model)")
    }
  }

  /// The model is a setting too: the Dirac-GAN's run is not the perceptron's.
  @Test func theModelChangesTheRun() throws {
    let perceptron = try Self.outcome([:])
    let dirac = try Self.outcome([.model: .word(NetModel.dirac.rawValue)])
    #expect(perceptron.map(\.bitPattern) != dirac.map(\.bitPattern))
  }
}
