import Testing

@testable import GANCore

/// The settings table (Setting.swift): every setting can be set, read back, written as flags
/// and read again, and its checks refuse what `train` refuses.
@Suite struct SettingTableTests {
  /// Reads flags back as `train` would: `--flag value`, or `--flag` alone for a toggle.
  static func parse(_ words: [String]) throws -> [Setting: SettingValue] {
    var values: [Setting: SettingValue] = [:]
    var rest = words[...]
    while let word = rest.popFirst() {
      let setting = try #require(Setting(rawValue: String(word.dropFirst(2))))
      if case .toggle = setting.kind {
        values[setting] = .flag(true)
      } else {
        let text = rest.popFirst()
        values[setting] = try setting.parse(try #require(text))
      }
    }
    return values
  }

  /// A setting of words names each of them in its help (and so in docs/commands.md's flag
  /// table): a new loss, optimizer or penalty is refused there until its help says it.
  @Test(arguments: Setting.allCases)
  func theHelpNamesEveryWord(setting: Setting) {
    guard case .word(let words) = setting.kind else { return }
    for word in words {
      #expect(setting.summary.contains(word), "\(setting.flag)'s help does not name \(word)")
    }
  }

  @Test(arguments: NetModel.allCases)
  func theDefaultsNeedNoFlags(model: NetModel) throws {
    let defaults = RunSettings.defaults(for: model)
    #expect(defaults.arguments() == (model == .dirac ? ["--model", "dirac"] : []))
    #expect(try RunSettings.given(try Self.parse(defaults.arguments())) == defaults)
    #expect(defaults.hyperparameters.problem == nil)
  }

  @Test(arguments: Setting.allCases)
  func everySettingIsSetReadWrittenAndReadBack(setting: Setting) throws {
    for model in NetModel.allCases where setting.applies(to: model) && setting != .model {
      let value = setting.otherValue(for: model)
      #expect(setting.problem(with: value) == nil)
      // With its companions: a penalty weight, a clip bound or Adam's β means something only
      // beside its loss, penalty or optimizer.
      let settings = try RunSettings.given(setting.example(for: model))
      #expect(settings.value(of: setting) == value, "\(setting) for \(model)")
      if setting != .lr {
        let column = try #require(setting.column)
        let columns = settings.columns(seed: 7)
        #expect(columns.first { $0.name == column }?.value == value)
        #expect(columns.map(\.name) == Setting.columnNames)
      }
      let flags = settings.arguments()
      #expect(try RunSettings.given(try Self.parse(flags)) == settings, "\(flags)")
    }
  }

  @Test func lrIsBothStepSizesAndTheOthersOverrideIt() throws {
    let both = try RunSettings.given([.lr: .real(0.01)])
    #expect(both.hyperparameters.discriminatorStepSize == 0.01)
    #expect(both.hyperparameters.generatorStepSize == 0.01)
    #expect(both.arguments() == ["--lr", "0.01"])
    let apart = try RunSettings.given([.lr: .real(0.01), .lrG: .real(0.002)])
    #expect(apart.hyperparameters.discriminatorStepSize == 0.01)
    #expect(apart.hyperparameters.generatorStepSize == 0.002)
    #expect(apart.arguments() == ["--lr-d", "0.01", "--lr-g", "0.002"])
  }

  @Test func badValuesAndCombinationsAreRefusedNamingTheFlag() throws {
    for setting in Setting.allCases {
      let bad: SettingValue? =
        switch setting.kind {
        case .whole(let range): .whole(range.lowerBound - 1)
        case .real(.positive): .real(0)
        case .real(.nonNegative): .real(-1)
        case .real(.belowOne): .real(1)
        case .word: .word("no-such-word")
        // A switch's words are read by `parse` (below); a target by the spec parser, which
        // has its own tests.
        case .toggle, .target: nil
        }
      guard let bad else { continue }
      let problem = try #require(setting.problem(with: bad), "\(setting)")
      #expect(problem.hasPrefix(setting.flag), "\(problem)")
      #expect(throws: SettingError.self) { try RunSettings.given([setting: bad]) }
      do {
        _ = try setting.parse(bad.text)
        Issue.record("\(setting) accepted '\(bad.text)'")
      } catch {
        #expect(error.description == problem)
      }
    }
    #expect(try Setting.spectralNorm.parse("ON") == .flag(true))
    #expect(try Setting.spectralNorm.parse("false") == .flag(false))
    #expect(throws: SettingError.self) { try Setting.spectralNorm.parse("maybe") }
    #expect(throws: SettingError.self) {
      try RunSettings.given([.model: .word("dirac"), .hidden: .whole(8)])
    }
    #expect(throws: SettingError.self) {
      try RunSettings.given([.gp: .real(5), .loss: .word("minimax")])
    }
    #expect(throws: SettingError.self) {
      try RunSettings.given([.pack: .whole(2), .spectralNorm: .flag(true)])
    }
    #expect(try RunSettings.given([.gp: .real(5)]).hyperparameters.loss == .wassersteinGP)
  }

  @Test func aSettingIsNamedByItsFlagOrItsColumn() {
    for setting in Setting.allCases {
      #expect(Setting(name: setting.rawValue) == setting)
      if let column = setting.column { #expect(Setting(name: column) == setting) }
    }
    #expect(Setting(name: "LR_D") == .lrD)
    #expect(Setting(name: "seed") == nil)
  }
}
