import Foundation
import GANCore
import Testing

@testable import GANRuntime

/// A signal on `train` becomes a `StopRequest`: the run ends at its next boundary like a
/// finished one, and its recording is closed cleanly. A recording that fails says so at once.
@Suite struct HeadlessStopTests {
  @Test func aStopEndsTheRunAndClosesTheRecording() throws {
    let path = temporaryPath("stopped.gans")
    let stop = StopRequest()
    var delivered = 0
    let run = TrainingRuntime.runHeadless(
      config: tinyConfig(), iterations: 1_000_000, publishInterval: 5, recordTo: path,
      stop: stop
    ) { _ in
      delivered += 1
      if delivered == 3 { stop.request() }
    }
    #expect(stop.isRequested)
    let last = try #require(run.lastFrame)
    #expect(last.iteration < 1_000_000)
    #expect(run.recordingError == nil)
    let reader = try RecordingReader(path: path)
    #expect(reader.isComplete && !reader.isDamaged)
    #expect(reader.frameCount == run.framesRecorded)
    #expect(reader.frame(at: reader.frameCount - 1).iteration == last.iteration)
    #expect(try reader.verify().passed)
  }

  /// A request made before the run starts stops it at once.
  @Test func aStopBeforeTheStartStopsAtOnce() {
    let stop = StopRequest()
    stop.request()
    let run = TrainingRuntime.runHeadless(
      config: tinyConfig(), iterations: 1_000_000, publishInterval: 5, stop: stop
    ) { _ in }
    #expect((run.lastFrame?.iteration ?? 0) < 1_000_000)
  }

  /// A write that fails (a full disk, simulated) is reported through `onFailure` before the
  /// run ends, with the text `error` then holds.
  @Test func aFailedWriteIsReportedWhenItHappens() throws {
    let runtime = TrainingRuntime(
      config: tinyConfig(), publishInterval: 1, stopAfterIterations: 400, endOnDivergence: true)
    let reported = Locked([String]())
    let recorder = try Recorder(
      runtime: runtime, path: temporaryPath("full.gans"), checkpoints: everyFrames(4),
      writeLimit: 4_000, onFailure: { message in reported.withLock { $0.append(message) } })
    let reader = BackgroundReader(runtime.subscribe())
    runtime.start()
    _ = reader.finish()
    recorder.stop()
    let messages = reported.withLock { $0 }
    #expect(messages.count == 1)
    #expect(messages.first == recorder.error)
    #expect(messages.first?.contains("recording stopped after") == true)
  }
}
