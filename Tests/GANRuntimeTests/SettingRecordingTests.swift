import GANCore
import Testing

@testable import GANRuntime

/// Every setting of the table survives the recording header (ConfigCoding.swift): a field
/// added to the configuration and left out of the header would replay, verify and branch
/// with its default.
@Suite struct SettingRecordingTests {
  /// A value of `setting` other than the model's default.
  static func otherValue(_ setting: Setting, model: NetModel) -> SettingValue {
    let plain = setting.defaultValue(for: model)
    switch setting.kind {
    case .whole(let range):
      return plain == .whole(range.upperBound) ? .whole(range.lowerBound) : .whole(range.upperBound)
    case .real: return plain == .real(0.25) ? .real(0.125) : .real(0.25)
    case .word(let words): return .word(words.first { .word($0) != plain } ?? "")
    case .target: return .word(plain == .word("bimodal") ? "gaussian" : "bimodal")
    case .toggle: return .flag(plain != .flag(true))
    }
  }

  @Test(arguments: Setting.allCases)
  func everySettingSurvivesTheRecordingHeader(setting: Setting) throws {
    for model in NetModel.allCases where setting.applies(to: model) {
      var values: [Setting: SettingValue] = [.model: .word(model.rawValue)]
      values[setting] = Self.otherValue(setting, model: model)
      if setting == .gp { values[.loss] = .word(Loss.wassersteinLP.rawValue) }
      var targets: [String: Target] = [:]
      let config = try RunSettings.given(values).configuration(seed: 9, targets: &targets)
      var writer = ByteWriter()
      writer.config(config)
      let read = writer.bytes.withUnsafeBytes { raw in
        var reader = ByteReader(raw)
        let config = reader.config()
        return (config, reader.failed, reader.isAtEnd)
      }
      #expect(!read.1 && read.2)
      #expect(RunSettings(read.0) == RunSettings(config), "\(setting) for \(model)")
      #expect(read.0.seed == 9)
    }
  }
}
