import Foundation
import GANCore
import Testing

@testable import GANRuntime

/// Measurements, not assertions (DESIGN.md: benchmarks are not timed tests): run with
/// GANSCOPE_RECORDING_BENCH=1 to print the size of a 10-minute live session's recording and
/// the open and seek times of a 1-hour one.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["GANSCOPE_RECORDING_BENCH"] != nil))
struct RecordingBenchmarks {
  /// The live default: `ganscope live` with no flags (pace 100 it/s, a frame every 3
  /// iterations), simulated at full speed: 20,000 frames, checkpoints every 300 frames
  /// (the standard policy's 10 s at 33 frames/s).
  @Test func tenMinuteLiveSessionSizeAndOneHourOpenAndSeek() throws {
    let config = TrainingConfig(
      target: try Target.parse("gaussian"),
      hyperparameters: Hyperparameters(
        discriminatorSteps: 5, batchSize: 128,
        optimizer: OptimizerSettings(kind: .adam, beta1: 0.5, beta2: 0.999, epsilon: 1e-8)),
      seed: 1)
    let path = temporaryPath("ten-minutes.gans")
    let runtime = TrainingRuntime(
      config: config, publishInterval: 3, stopAfterIterations: 59_997)
    let recorder = try Recorder(runtime: runtime, path: path, checkpoints: everyFrames(300))
    let start = monotonicSeconds()
    runtime.start()
    runtime.waitUntilEnded()
    recorder.stop()
    let simulated = monotonicSeconds() - start
    let tenMinutes = try RecordingReader(path: path)
    let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
    print(
      "10-minute live session: \(tenMinutes.frameCount) frames, "
        + "\(tenMinutes.checkpointFrames.count) checkpoints, \(size) bytes "
        + "(\(size / tenMinutes.frameCount) bytes/frame), simulated in \(simulated) s")

    // A 1-hour file: the same frames six times over, renumbered, with their checkpoints.
    let hourPath = temporaryPath("one-hour.gans")
    var out = ByteWriter()
    out.prelude()
    out.record(.header) { $0.header(tenMinutes.header) }
    var encoder = RecordingEncoder()
    let checkpoints = Set(tenMinutes.checkpointFrames)
    let someCheckpoint = try #require(tenMinutes.checkpoint(0))
    let fd = open(hourPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    var written = 0
    for copy in 0..<6 {
      for i in 0..<tenMinutes.frameCount {
        var frame = tenMinutes.frame(at: i)
        let index = copy * tenMinutes.frameCount + i
        frame.sequence = UInt64(index + 1)
        encoder.frame(frame, time: UInt64(index) * 30_000, into: &out)
        if checkpoints.contains(i) {
          var checkpoint = someCheckpoint
          checkpoint.sequence = frame.sequence
          encoder.checkpoint(checkpoint, into: &out)
        }
        if out.bytes.count > 1 << 20 {
          written += out.bytes.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
          out.bytes.removeAll(keepingCapacity: true)
        }
      }
    }
    encoder.end(into: &out)
    written += out.bytes.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
    close(fd)

    var openTimes: [Double] = []
    var hour: RecordingReader?
    for _ in 0..<5 {
      let t0 = monotonicSeconds()
      hour = try RecordingReader(path: hourPath)
      openTimes.append(monotonicSeconds() - t0)
    }
    let reader = try #require(hour)
    var generator = SplitMix64(state: 1)
    var seekTimes: [Double] = []
    for _ in 0..<2000 {
      let i = Int(generator.next() % UInt64(reader.frameCount))
      let t0 = monotonicSeconds()
      let frame = reader.frame(at: i)
      seekTimes.append(monotonicSeconds() - t0)
      #expect(frame.sequence == UInt64(i + 1))
    }
    seekTimes.sort()
    let median = seekTimes[seekTimes.count / 2] * 1e3
    let worst = seekTimes.last! * 1e3
    print(
      "1-hour file: \(reader.frameCount) frames, \(written) bytes; open "
        + "\(openTimes.map { String(format: "%.3f", $0) }) s; seek median "
        + "\(String(format: "%.3f", median)) ms, p99 "
        + "\(String(format: "%.3f", seekTimes[seekTimes.count * 99 / 100] * 1e3)) ms, max "
        + "\(String(format: "%.3f", worst)) ms")
  }
}
