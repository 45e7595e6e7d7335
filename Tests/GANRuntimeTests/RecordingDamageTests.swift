import Foundation
import GANCore
import Testing

@testable import GANRuntime

extension RuntimeTests {
  /// Bad input gives one clear line and never a crash; damage costs only the records it
  /// hits; a file cut short opens with everything before the cut.
  @Suite struct RecordingDamage {
    /// A small recording shared by these tests: 8 frames, a checkpoint every 3, a knob
    /// change (a second context record) and a reset.
    static let small: RecordedRun = try! recordRun(
      iterations: 14, commands: [.stepIteration, .setLoss(.minimax), .stepIteration],
      checkpoints: everyFrames(3))

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

    /// The frames of `reader` by frame number.
    func framesByNumber(_ reader: RecordingReader) -> [Int: Snapshot] {
      Dictionary(
        uniqueKeysWithValues: (0..<reader.frameCount).map {
          (reader.frameNumber(at: $0), reader.frame(at: $0))
        })
    }

    @Test func notARecordingWrongMagicNewerVersionFlagsAndEmpty() throws {
      #expect(openError(Array("iteration,loss_d\n0,1\n".utf8))?.contains("not a ganscope") == true)
      var wrongMagic = Self.small.bytes
      wrongMagic[1] = UInt8(ascii: "X")
      #expect(openError(wrongMagic) == "'x.gans' is not a ganscope recording (wrong magic number)")
      var newer = Self.small.bytes
      newer[8] = UInt8(RecordingFormat.version + 1)
      #expect(openError(newer)?.contains("newer than this ganscope reads") == true)
      var flagged = Self.small.bytes
      flagged[10] = 0x04
      #expect(
        openError(flagged)
          == "'x.gans' has unknown flags (0x4) in its prelude: it is damaged, or needs a newer "
          + "ganscope")
      #expect(openError([]) == "'x.gans' is empty, not a recording")
      #expect(openError(Array(Self.small.bytes.prefix(5)))?.contains("truncated") == true)
      // A header and nothing else: nothing to replay.
      let headerOnly = Array(
        Self.small.bytes.prefix(recordStarts(Self.small.bytes, type: .context)[0]))
      #expect(openError(headerOnly)?.contains("holds no readable frame") == true)
    }

    @Test func aDirectoryAMissingFileADeviceAndAFIFO() throws {
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
      // A FIFO with no writer: refused at once, not waited on.
      let fifo = temporaryPath("fifo.gans")
      #expect(mkfifo(fifo, 0o600) == 0)
      #expect(openError(path: fifo) == "'\(fifo)' is not a regular file")
    }

    /// A header that passes its checksum but asks for nets larger than the command line
    /// allows (it used to make verify allocate gigabytes and crash) is refused on opening.
    @Test func aHeaderBeyondTheCommandLineLimitsIsRefused() throws {
      let bytes = Self.small.bytes
      let original = try RecordingReader(bytes: bytes)
      let context = recordStarts(bytes, type: .context)[0]
      for (width, layers) in [(4096, 2), (32, 64), (513, 1)] {
        var header = original.header
        header.config.architecture = Architecture(width: width, hiddenLayers: layers)
        var out = ByteWriter()
        out.prelude()
        out.record(.header) { $0.header(header) }
        let forged = out.bytes + bytes[context...]
        let error = try #require(openError(forged))
        #expect(error.hasPrefix("'x.gans' is damaged: its header record is malformed"))
      }
    }

    /// Every byte of a small recording flipped in turn: the file never crashes the reader;
    /// a flip in the prelude or the header makes it unreadable (with one line); anywhere
    /// else the reader loses exactly the frames of the record hit (and those whose context
    /// or curves record it was), shows every other frame as recorded, and reports damage,
    /// so verify fails.
    @Test func everyFlippedByteCostsOnlyItsRecord() throws {
      let bytes = Self.small.bytes
      let intact = try RecordingReader(bytes: bytes)
      let original = framesByNumber(intact)
      let layout = records(bytes)
      #expect(layout.last?.type == .end && layout.last?.range.upperBound == bytes.count)
      // Which frames use each context and curves record (by number, in file order).
      var usesContext: [Int: Set<Int>] = [:]
      var usesCurves: [Int: Set<Int>] = [:]
      var frameOfRecord: [Int: Int] = [:]
      var number = 0
      for (type, range) in layout where type == .frame {
        number += 1
        frameOfRecord[range.lowerBound] = number
        let prefix = bytes.withUnsafeBytes { raw in
          var input = ByteReader(raw, from: range.lowerBound + 5)
          return input.framePrefix()
        }
        usesContext[prefix.context, default: []].insert(number)
        usesCurves[prefix.curves, default: []].insert(number)
      }
      var contextNumber = -1
      var curvesNumber = -1
      var expectedLoss: [Int: Set<Int>] = [:]  // record start → frames lost with it
      for (type, range) in layout {
        switch type {
        case .frame: expectedLoss[range.lowerBound] = [frameOfRecord[range.lowerBound]!]
        case .context:
          contextNumber += 1
          expectedLoss[range.lowerBound] = usesContext[contextNumber] ?? []
        case .curves:
          curvesNumber += 1
          expectedLoss[range.lowerBound] = usesCurves[curvesNumber] ?? []
        default: expectedLoss[range.lowerBound] = []
        }
      }
      #expect(contextNumber >= 2, "the test recording should have several contexts")
      // Context and curves are written again after each checkpoint: losing one costs at
      // most the frames up to the next.
      #expect(expectedLoss.values.map(\.count).max()! <= 3)
      let headerEnd = layout[0].range.upperBound
      var lost: [Int] = []
      for i in 0..<bytes.count {
        var damaged = bytes
        damaged[i] ^= 0x01
        guard i >= headerEnd else {
          let error = try #require(openError(damaged), "byte \(i)")
          #expect(!error.contains("\n"))
          continue
        }
        let record = try #require(layout.first { $0.range.contains(i) })
        let expected = expectedLoss[record.range.lowerBound]!
        guard expected.count < original.count else {
          #expect(openError(damaged)?.contains("holds no readable frame") == true)
          lost.append(expected.count)
          continue
        }
        let reader = try RecordingReader(bytes: damaged, name: "flip.gans")
        let read = framesByNumber(reader)
        let missing = Set(original.keys).subtracting(read.keys)
        #expect(missing == expected, "byte \(i) in a \(record.type?.name ?? "?") record")
        #expect(reader.isDamaged, "byte \(i)")
        #expect(reader.missingFrameCount == expected.count, "byte \(i)")
        #expect(reader.damage.first?.bytes == record.range, "byte \(i)")
        for (n, frame) in read { #expect(frame == original[n], "byte \(i), frame \(n)") }
        lost.append(missing.count)
      }
      lost.sort()
      print(
        "frames lost per flipped byte over the \(lost.count) bytes after the header of a "
          + "\(original.count)-frame recording: median \(lost[lost.count / 2]), worst "
          + "\(lost.last!)")
    }

    /// Verify never passes a damaged file, even when every frame that is left matches.
    @Test func verifyFailsOnDamage() throws {
      let bytes = Self.small.bytes
      for type in [RecordType.frame, .checkpoint, .event, .end] {
        let start = recordStarts(bytes, type: type)[0]
        var damaged = bytes
        damaged[start + 7] ^= 0x20
        let reader = try RecordingReader(bytes: damaged, name: "flip.gans")
        let report = try reader.verify()
        #expect(!report.passed, "\(type)")
        #expect(report.fileIsDamaged)
        #expect(report.mismatch == nil, "\(type): \(String(describing: report.mismatch))")
        #expect(report.framesCompared >= reader.frameCount - 3, "\(type)")
      }
    }

    /// Cut at every byte: each prefix opens with exactly the frames wholly inside it, as
    /// recorded, and is called incomplete, never damaged; or (before the first frame) fails
    /// with one line. A prefix verifies.
    @Test func truncatedAtEveryByte() throws {
      let bytes = Self.small.bytes
      let original = framesByNumber(try RecordingReader(bytes: bytes))
      let layout = records(bytes)
      let frameEnds = layout.filter { $0.type == .frame }.map(\.range.upperBound)
      let boundaries = Set(layout.map(\.range.upperBound) + [RecordingFormat.preludeSize])
      for length in 0...bytes.count {
        let prefix = Array(bytes.prefix(length))
        let whole = frameEnds.filter { $0 <= length }.count
        guard whole > 0 else {
          let error = try #require(openError(prefix), "length \(length)")
          #expect(!error.contains("\n"))
          continue
        }
        let reader = try RecordingReader(bytes: prefix, name: "cut.gans")
        #expect(reader.frameCount == whole, "length \(length)")
        #expect(!reader.isDamaged, "length \(length): \(reader.problems ?? "")")
        #expect(reader.isComplete == (length == bytes.count))
        #expect((reader.incompleteTail == nil) == boundaries.contains(length), "length \(length)")
        for (n, frame) in framesByNumber(reader) { #expect(frame == original[n]) }
        if length % 97 == 0 || length == bytes.count {
          let report = try reader.verify()
          #expect(report.passed, "length \(length): \(String(describing: report.mismatch))")
        }
      }
    }

    /// Damage in several places of a version-1 file (demos/sample.gans, whose context and
    /// curves records are numbered by position): reading goes on after each, and no frame is
    /// ever shown with another frame's context.
    @Test func aVersion1FileResynchronisesWithoutMixingContexts() throws {
      let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("demos/sample.gans")
      let bytes = try [UInt8](Data(contentsOf: url))
      let intact = try RecordingReader(bytes: bytes)
      #expect(intact.header.formatVersion == 1)
      let original = framesByNumber(intact)
      let layout = records(bytes)
      // One byte in every 40th record, and in every context record but the first (a
      // version-1 file has each only once: losing the first would cost every frame).
      var damaged = bytes
      var hit = 0
      let firstContext = layout.firstIndex { $0.type == .context }!
      for (k, (type, range)) in layout.enumerated().dropFirst()
      where (k % 40 == 0 && layout[k - 1].type != .context && type != .curves)
        || (type == .context && k != firstContext)
      {
        damaged[range.lowerBound + 5 + (range.count - 9) / 2] ^= 0x08
        hit += 1
      }
      let reader = try RecordingReader(bytes: damaged, name: "sample.gans")
      #expect(reader.damage.count >= 1 && reader.damage.count <= hit)
      #expect(reader.frameCount > 0 && reader.frameCount < original.count)
      for (n, frame) in framesByNumber(reader) { #expect(frame == original[n], "frame \(n)") }
      #expect(reader.missingFrameCount == original.count - reader.frameCount)
    }

    /// A long run of bytes that each look like the start of a large record keeps the search
    /// for the next good record busy: it is bounded, so opening stays quick.
    @Test func aHostileFileCannotMakeTheSearchSlow() throws {
      let bytes = Self.small.bytes
      let firstFrameEnd = records(bytes).first { $0.type == .frame }!.range.upperBound
      var hostile = Array(bytes[..<firstFrameEnd])
      for _ in 0..<(1 << 19) { hostile += [6, 0xF0, 0xFF, 0x0F, 0] }
      let start = monotonicSeconds()
      let reader = try RecordingReader(bytes: hostile, name: "hostile.gans")
      #expect(reader.frameCount == 1)
      #expect(reader.isDamaged)
      #expect(monotonicSeconds() - start < 5)
    }

    /// Sequence numbers near 2⁶⁴ (a fuzzer's finding: they overflowed the frame numbers)
    /// are damage, not frames.
    @Test func absurdSequenceNumbersAreDamage() throws {
      let bytes = Self.small.bytes
      let reader = try RecordingReader(bytes: bytes)
      let end = records(bytes).last!.range
      var frame = reader.frame(at: reader.frameCount - 1)
      frame.sequence = UInt64.max - 3
      var out = ByteWriter()
      out.record(.frame) { $0.frame(frame, time: 1 << 40, context: 0, curves: 0) }
      let forged = Array(bytes[..<end.lowerBound]) + out.bytes + bytes[end.lowerBound...]
      let read = try RecordingReader(bytes: forged, name: "absurd.gans")
      #expect(read.frameCount == reader.frameCount)
      #expect(read.isDamaged && read.damage.first?.reason == "a malformed frame record")
      #expect(read.lastFrameNumber == reader.lastFrameNumber)
    }

    /// Without checksums, mangled records reach the decoders, which must fail cleanly; so
    /// must verify and branching on what they read.
    @Test func mangledRecordsNeverCrashTheDecoders() throws {
      let bytes = Self.small.bytes
      var generator = SplitMix64(state: 9)
      let limits = VerificationLimits(iterationsPerSegment: 40, largestWidth: 8, largestBatch: 64)
      for round in 0..<300 {
        var mangled = bytes
        for _ in 0..<(1 + generator.next() % 4) {
          let i = 12 + Int(generator.next() % UInt64(bytes.count - 12))
          mangled[i] = UInt8(truncatingIfNeeded: generator.next())
        }
        if let reader = try? RecordingReader(bytes: mangled, checksums: false) {
          for i in 0..<reader.frameCount { _ = reader.frame(at: i) }
          for i in reader.checkpointEntries.indices { _ = reader.checkpoint(i) }
          if round % 10 == 0 {
            _ = try? reader.verify(limits: limits)
            _ = try? reader.branch(
              at: reader.frameCount / 2, pace: .maximum, startPaused: true, limits: limits)
          }
        }
      }
    }
  }
}
