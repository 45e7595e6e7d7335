import Foundation
import GANCore
import Testing

@testable import GANRuntime

extension RuntimeTests {
  /// Bad input gives one clear line and never a crash; damaged recordings open with what
  /// precedes the damage.
  @Suite struct RecordingDamage {
    /// A small recording shared by these tests (3 frames).
    static let small: RecordedRun = try! recordRun(iterations: 4)

    func openError(_ bytes: [UInt8]) -> String? {
      do {
        _ = try RecordingReader(bytes: bytes, name: "x.gans")
        return nil
      } catch {
        return error.description
      }
    }

    func openError(path: String) -> String? {
      do {
        _ = try RecordingReader(path: path)
        return nil
      } catch {
        return error.description
      }
    }

    @Test func notARecordingWrongMagicNewerVersionAndEmpty() throws {
      #expect(openError(Array("iteration,loss_d\n0,1\n".utf8))?.contains("not a ganscope") == true)
      var wrongMagic = Self.small.bytes
      wrongMagic[1] = UInt8(ascii: "X")
      #expect(openError(wrongMagic) == "'x.gans' is not a ganscope recording (wrong magic number)")
      var newer = Self.small.bytes
      newer[8] = UInt8(RecordingFormat.version + 1)
      #expect(openError(newer)?.contains("newer than this ganscope reads") == true)
      #expect(openError([]) == "'x.gans' is empty, not a recording")
      #expect(openError(Array(Self.small.bytes.prefix(5)))?.contains("truncated") == true)
      // A header and nothing else: nothing to replay.
      let headerOnly = Array(
        Self.small.bytes.prefix(recordStarts(Self.small.bytes, type: .context)[0]))
      #expect(openError(headerOnly)?.contains("holds no complete frame") == true)
    }

    @Test func aDirectoryAMissingFileAndADevice() throws {
      let directory = temporaryPath("dir")
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      #expect(openError(path: directory) == "'\(directory)' is a directory")
      #expect(
        openError(path: directory + "/missing.gans")
          == "cannot open '\(directory)/missing.gans': No such file or directory")
      #expect(openError(path: "/dev/null") == "'/dev/null' is not a regular file")
      let empty = temporaryPath("empty.gans")
      #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
      #expect(openError(path: empty) == "'\(empty)' is empty, not a recording")
    }

    /// Cut at every byte: each prefix opens (with the complete frames, the rest counted as
    /// ignored) or fails with a message; more bytes never mean fewer frames.
    @Test func truncatedAtEveryByte() throws {
      let bytes = Self.small.bytes
      var previous = 0
      var opened = 0
      for length in 0...bytes.count {
        let prefix = Array(bytes.prefix(length))
        do {
          let reader = try RecordingReader(bytes: prefix, name: "cut.gans")
          opened += 1
          #expect(reader.frameCount >= previous)
          previous = reader.frameCount
          #expect(reader.ignoredBytes >= 0 && reader.ignoredBytes <= length)
          #expect((reader.damage == nil) == (reader.ignoredBytes == 0))
          #expect(reader.frame(at: reader.frameCount - 1).sequence == UInt64(reader.frameCount))
          if length < bytes.count { #expect(!reader.isComplete) }
        } catch {
          #expect(previous == 0, "a longer prefix failed after a shorter one opened")
          #expect(!error.description.isEmpty && !error.description.contains("\n"))
        }
      }
      #expect(opened > 0)
      #expect(previous == Self.small.frames.count)
      let cut = try RecordingReader(bytes: Array(bytes.dropLast(3)), name: "cut.gans")
      #expect(cut.damage?.hasPrefix("truncated at byte") == true)
      #expect(!cut.isComplete)
    }

    /// A flipped byte inside a frame: the checksum catches it; the frames before it open.
    @Test func aCorruptedByteStopsReadingAtItsRecord() throws {
      let bytes = Self.small.bytes
      let frames = recordStarts(bytes, type: .frame)
      var damaged = bytes
      let metrics = metricsOffset(bytes, recordStart: frames[2])
      damaged[metrics] ^= 0x10
      let reader = try RecordingReader(bytes: damaged, name: "bad.gans")
      #expect(reader.frameCount == 2)
      #expect(reader.damage == "checksum mismatch in record at byte \(frames[2])")
      #expect(reader.ignoredBytes == bytes.count - frames[2])
      // The same byte with the checksum fixed up: a well-formed file that verify rejects.
      let tampered = withFixedChecksum(bytes, recordStart: frames[2]) { bytes, _ in
        bytes[metrics] ^= 0x10  // The same byte.
      }
      let reread = try RecordingReader(bytes: tampered)
      #expect(reread.frameCount == Self.small.frames.count, "\(reread.damage ?? "")")
    }

    /// Without checksums, mangled records reach the decoders, which must fail cleanly.
    @Test func mangledRecordsNeverCrashTheDecoders() throws {
      let bytes = Self.small.bytes
      var generator = SplitMix64(state: 9)
      for _ in 0..<300 {
        var mangled = bytes
        for _ in 0..<(1 + generator.next() % 4) {
          let i = 12 + Int(generator.next() % UInt64(bytes.count - 12))
          mangled[i] = UInt8(truncatingIfNeeded: generator.next())
        }
        if let reader = try? RecordingReader(bytes: mangled, checksums: false) {
          for i in 0..<reader.frameCount { _ = reader.frame(at: i) }
          for i in reader.checkpointFrames.indices { _ = reader.checkpoint(i) }
        }
      }
    }

    @Test func anUnwritablePathOrAFullDiskIsReported() throws {
      let runtime = TrainingRuntime(
        config: tinyConfig(), publishInterval: 1, stopAfterIterations: 30)
      #expect(throws: RecordingError.self) {
        try Recorder(runtime: runtime, path: temporaryPath("no/such/dir/run.gans"))
      }
      do {
        _ = try Recorder(runtime: runtime, path: "/dev/full")
        Issue.record("recording to /dev/full succeeded")
      } catch {
        #expect(error.description == "cannot record to '/dev/full': No space left on device")
      }
      // A disk that fills up after a few frames: the recording stops, training goes on.
      let path = temporaryPath("full.gans")
      let recorder = try Recorder(
        runtime: runtime, path: path, checkpoints: everyFrames(100), writeLimit: 6000)
      let reader = BackgroundReader(runtime.subscribe())
      runtime.start()
      let frames = reader.finish()
      #expect(frames.last?.iteration == 30)
      recorder.stop()
      let error = try #require(recorder.error)
      #expect(error.hasPrefix("cannot write to '\(path)': No space left on device"))
      let partial = try RecordingReader(path: path)
      #expect(partial.frameCount >= 1 && partial.frameCount < frames.count)
      #expect(!partial.isComplete)
    }
  }
}
