import GANCore
import Testing

@testable import GANRuntime

/// Every setting of the table survives the recording header (ConfigCoding.swift): a field
/// added to the configuration and left out of the header would replay, verify and branch
/// with its default.
@Suite struct SettingRecordingTests {
  @Test(arguments: Setting.allCases)
  func everySettingSurvivesTheRecordingHeader(setting: Setting) throws {
    for model in NetModel.allCases where setting.applies(to: model) {
      var targets: [String: Target] = [:]
      let config = try RunSettings.given(setting.example(for: model))
        .configuration(seed: 9, targets: &targets)
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
