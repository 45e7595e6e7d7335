import Foundation
import GANCore
import Testing

@testable import GANRuntime

extension RuntimeTests {
  /// A recording is never destroyed: no writing over an existing file unless asked, one
  /// writer at a time, no empty file left by a failed start, and the count of frames a
  /// failed recording reports is the count on disk.
  @Suite struct RecordingWriter {
    func runtime() -> TrainingRuntime {
      TrainingRuntime(config: tinyConfig(), publishInterval: 1, stopAfterIterations: 30)
    }

    @Test func anExistingFileIsWrittenOverOnlyWhenAsked() throws {
      let path = temporaryPath("existing.gans")
      #expect(FileManager.default.createFile(atPath: path, contents: Data("keep me".utf8)))
      do {
        _ = try Recorder(runtime: runtime(), path: path)
        Issue.record("an existing file was written over")
      } catch {
        #expect(
          error.description
            == "'\(path)' exists; ganscope does not write over it unless asked (--force)")
      }
      #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")
      #expect(throws: RecordingError.self) { try Recorder.checkTarget(path, overwrite: false) }
      try Recorder.checkTarget(path, overwrite: true)
      let r = runtime()
      let recorder = try Recorder(runtime: r, path: path, overwrite: true)
      r.start()
      r.waitUntilEnded()
      recorder.stop()
      #expect(try RecordingReader(path: path).isComplete)
    }

    @Test func aSecondWriterGetsOneClearLine() throws {
      let path = temporaryPath("locked.gans")
      let first = runtime()
      let recorder = try Recorder(runtime: first, path: path)
      do {
        _ = try Recorder(runtime: runtime(), path: path, overwrite: true)
        Issue.record("two recorders wrote one file")
      } catch {
        #expect(
          error.description == "cannot record to '\(path)': another ganscope is recording to it")
      }
      first.start()
      first.waitUntilEnded()
      recorder.stop()
      let reader = try RecordingReader(path: path)
      #expect(reader.isComplete && !reader.isDamaged)
      // Once the first has finished, the file may be written over (when asked).
      _ = try Recorder(runtime: runtime(), path: path, overwrite: true)
    }

    @Test func devicesAndUnwritablePlacesAreRefusedAndAFailedStartLeavesNoFile() throws {
      #expect(throws: RecordingError.self) {
        try Recorder(runtime: runtime(), path: temporaryPath("no/such/dir/run.gans"))
      }
      do {
        _ = try Recorder(runtime: runtime(), path: "/dev/full", overwrite: true)
        Issue.record("recording to /dev/full succeeded")
      } catch {
        #expect(error.description == "cannot record to '/dev/full': not a regular file")
      }
      let fifo = temporaryPath("fifo.gans")
      #expect(mkfifo(fifo, 0o600) == 0)
      #expect(throws: RecordingError.self) {
        try Recorder(runtime: runtime(), path: fifo, overwrite: true)
      }
      // A disk already full: the start fails and leaves nothing behind.
      let path = temporaryPath("nothing.gans")
      #expect(throws: RecordingError.self) {
        try Recorder(runtime: runtime(), path: path, checkpoints: everyFrames(100), writeLimit: 10)
      }
      #expect(!FileManager.default.fileExists(atPath: path))
    }

    /// A disk that fills up after a few frames: the recording stops, training goes on, and
    /// the count the recorder reports is what the file holds.
    @Test func aFullDiskIsReportedWithTheFramesOnDisk() throws {
      let r = runtime()
      let path = temporaryPath("full.gans")
      let recorder = try Recorder(
        runtime: r, path: path, checkpoints: everyFrames(100), writeLimit: 6000)
      let reader = BackgroundReader(r.subscribe())
      r.start()
      let frames = reader.finish()
      #expect(frames.last?.iteration == 30)
      recorder.stop()
      let error = try #require(recorder.error)
      #expect(error.hasPrefix("cannot write to '\(path)': No space left on device"))
      let partial = try RecordingReader(path: path)
      #expect(partial.frameCount >= 1 && partial.frameCount < frames.count)
      #expect(partial.frameCount == recorder.framesWritten)
      #expect(error.hasSuffix("recording stopped after \(partial.frameCount) frames"))
      #expect(!partial.isComplete && !partial.isDamaged)
    }

    @Test func messagesQuoteAShortEscapedExcerpt() {
      #expect(RecordingError.quoted("a\u{1B}[2Jb") == "a\\u{1b}[2Jb")
      let long = String(repeating: "x", count: 500)
      #expect(RecordingError.quoted(long).count == 81)
    }
  }
}
