import GANCore
import Testing

@testable import GANRuntime

/// `densities(at:)` and `mapDensities`: the frame without D* and the z → x map, read cheaper
/// for the replay's run history, agrees with `frame(at:)` in everything else.
@Suite struct DensitiesReadingTests {
  @Test func densitiesAgreeWithTheWholeFrame() throws {
    let run = try recordRun(iterations: 30, commands: sessionCommands)
    let reader = try RecordingReader(path: run.path)
    for i in 0..<reader.frameCount {
      let whole = reader.frame(at: i)
      var partial = reader.densities(at: i)
      #expect(partial.optimalDiscriminator.isEmpty && partial.mappingX.isEmpty)
      #expect(partial.mappingSlope.isEmpty)
      partial.optimalDiscriminator = whole.optimalDiscriminator
      partial.mappingX = whole.mappingX
      partial.mappingSlope = whole.mappingSlope
      #expect(partial == whole, "frame \(i)")
    }
  }

  @Test func mapDensitiesKeepsFrameOrder() throws {
    let run = try recordRun(iterations: 40)
    let reader = try RecordingReader(path: run.path)
    let sequences = reader.mapDensities(0..<reader.frameCount) { $0.sequence }
    #expect(sequences == (0..<reader.frameCount).map { reader.frame(at: $0).sequence })
    #expect(reader.mapDensities(2..<2) { $0.iteration }.isEmpty)
  }
}
