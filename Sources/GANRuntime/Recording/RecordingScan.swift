import GANCore

/// Where a checkpoint record's payload is; it is decoded only when needed (branching,
/// verifying), as it is the largest record.
struct CheckpointEntry: Sendable {
  /// The sequence number of the frame it follows.
  var sequence: UInt64
  var payload: Range<Int>
  /// Where its record starts in the file.
  var recordStart: Int
}

/// Where a frame record's payload is, and its indexed prefix.
struct FrameEntry: Sendable {
  var prefix: FramePrefix
  /// The payload after the prefix: metrics and curves, decoded on demand.
  var body: Range<Int>
  /// Where its record starts in the file.
  var recordStart: Int
}

/// What one pass over a file finds: the header, an index of every good record, and every
/// span of damage with the frames it cost. Pure: bytes in, index out; `RecordingReader`
/// wraps it.
struct RecordingIndex: Sendable {
  var header: RecordingHeader
  /// Readable frames, in file order (sequence numbers strictly increase).
  var frames: [FrameEntry] = []
  var contexts = NumberedRecords<FrameContext>()
  var curves = NumberedRecords<FrameCurves>()
  var events: [AppliedEvent] = []
  /// Events after the last frame, left out of `events` (`verify` fails a complete file that
  /// has any: a recorder writes no event without its frame).
  var eventsPastLastFrame: [AppliedEvent] = []
  var checkpoints: [CheckpointEntry] = []
  /// The bytes skipped because they held no good record, in file order.
  var damage: [DamagedSpan] = []
  /// The record the file ends in the middle of (a recording cut short by a crash or a
  /// kill), or nil.
  var cutShort: Range<Int>?
  /// Whether the file has an end record (the recording was stopped cleanly).
  var isComplete = false
  /// The frame count the end record gives.
  private var framesWritten: Int?
  /// The sequence number of the recording's first frame (frame number 1), from the first
  /// checkpoint (which knows its frame's position) or else the first readable frame.
  var firstSequence: UInt64 = 1
  private var checkpointFirstSequence: UInt64?

  /// The largest sequence number (and frame count) a recording may hold: a frame 30 times a
  /// second for a thousand years. Larger ones are damage, and would overflow frame numbers.
  static let largestSequence: UInt64 = 1 << 40

  /// Scans `bytes`; `name` is used in messages. `checksums: false` skips the CRC checks
  /// (so that the fuzzer reaches the record decoders).
  static func scan(_ bytes: UnsafeRawBufferPointer, name: String, checksums: Bool = true)
    throws(RecordingError) -> RecordingIndex
  {
    let version = try prelude(bytes, name: name)
    var framing = RecordFraming(bytes: bytes, checksums: checksums)
    let headerStart = RecordingFormat.preludeSize
    let first = framing.record(at: headerStart)
    // A header that claims to run past the end is a file cut short, unless good records
    // follow it: then its length is what was damaged.
    if case .bad(_, runsPastEnd: true) = first,
      framing.nextGoodRecord(from: headerStart + 1) == nil
    {
      throw RecordingError(
        "'\(name)' is incomplete: it ends inside its header record, before any frame")
    }
    guard case .record(.header, let payload, var offset) = first else {
      throw RecordingError(
        "'\(name)' is damaged: its header record (at byte \(headerStart)) is unreadable, and "
          + "no frame can be read without it")
    }
    var input = ByteReader(bytes, from: payload.lowerBound, to: payload.upperBound)
    input.formatVersion = version
    let header = input.header(formatVersion: version)
    guard !input.failed, input.isAtEnd else {
      throw RecordingError(
        "'\(name)' is damaged: its header record is malformed (or describes nets larger "
          + "than ganscope trains)")
    }
    var index = RecordingIndex(header: header)
    while offset < bytes.count && !index.isComplete {
      switch framing.record(at: offset) {
      case .record(let type, let payload, let end):
        if let problem = index.add(type, payload, start: offset, bytes) {
          index.noteDamage(offset..<end, reason: problem)
        }
        offset = end
      case .bad(let reason, let runsPastEnd):
        guard let next = framing.nextGoodRecord(from: offset + 1) else {
          // Nothing good follows: a record cut short at the end, or damage to the end.
          if runsPastEnd {
            index.cutShort = offset..<bytes.count
          } else {
            index.noteDamage(offset..<bytes.count, reason: reason)
          }
          offset = bytes.count
          break
        }
        index.noteDamage(offset..<next, reason: reason)
        offset = next
      }
    }
    if offset < bytes.count {
      index.noteDamage(offset..<bytes.count, reason: "bytes after the end record")
    }
    index.finish()
    guard !index.frames.isEmpty else {
      let why = index.problems.map { " (\($0))" } ?? ""
      throw RecordingError("'\(name)' holds no readable frame to replay\(why)")
    }
    return index
  }

  /// The format version from the prelude, or why the file is not one this ganscope reads.
  private static func prelude(_ bytes: UnsafeRawBufferPointer, name: String)
    throws(RecordingError) -> Int
  {
    let magic = RecordingFormat.magic
    guard !bytes.isEmpty else { throw RecordingError("'\(name)' is empty, not a recording") }
    let lead = Array(bytes.prefix(magic.count))
    guard lead == Array(magic.prefix(lead.count)) else {
      throw RecordingError("'\(name)' is not a ganscope recording (wrong magic number)")
    }
    guard bytes.count >= RecordingFormat.preludeSize else {
      throw RecordingError(
        "'\(name)' is truncated: \(bytes.count) bytes, too short to be a recording")
    }
    var prelude = ByteReader(bytes, from: magic.count)
    let version = Int(prelude.u16())
    let flags = prelude.u16()
    guard version >= RecordingFormat.oldestVersion else {
      throw RecordingError("'\(name)' is damaged: its format version is \(version)")
    }
    guard version <= RecordingFormat.version else {
      throw RecordingError(
        "'\(name)' is in recording format version \(version), newer than this ganscope reads "
          + "(\(RecordingFormat.version)); use a newer ganscope")
    }
    // No flag is defined: one that is set means damage, or a feature this version lacks.
    guard flags == 0 else {
      let hex = String(flags, radix: 16)
      throw RecordingError(
        "'\(name)' has unknown flags (0x\(hex)) in its prelude: it is damaged, or needs a newer "
          + "ganscope")
    }
    return version
  }

  /// Records a span of damage (merged with the one before when they touch). A record of
  /// context or curves lost in it leaves the numbering of a version-1 file unknown until a
  /// frame names its context again.
  private mutating func noteDamage(_ bytes: Range<Int>, reason: String) {
    contexts.lostSome()
    curves.lostSome()
    if let last = damage.last, last.bytes.upperBound == bytes.lowerBound {
      damage[damage.count - 1].bytes = last.bytes.lowerBound..<bytes.upperBound
    } else {
      damage.append(DamagedSpan(bytes: bytes, reason: reason))
    }
  }

  /// Indexes one good record; a description of the problem if its payload is malformed.
  private mutating func add(
    _ type: RecordType?, _ payload: Range<Int>, start: Int, _ bytes: UnsafeRawBufferPointer
  ) -> String? {
    var input = ByteReader(bytes, from: payload.lowerBound, to: payload.upperBound)
    input.formatVersion = header.formatVersion
    let numbered = header.formatVersion >= 2
    guard let type else { return nil }  // A kind from a later version: skipped.
    switch type {
    case .header:
      return "a second header record"
    case .context:
      let number = numbered ? input.varintInt() : nil
      let context = input.context()
      guard !input.failed, input.isAtEnd, contexts.add(context, number: number) else {
        return "a malformed context record"
      }
    case .curves:
      let number = numbered ? input.varintInt() : nil
      let curves = input.curves()
      guard !input.failed, input.isAtEnd, self.curves.add(curves, number: number) else {
        return "a malformed curves record"
      }
    case .frame:
      let prefix = input.framePrefix(version: header.formatVersion)
      guard !input.failed, prefix.sequence <= Self.largestSequence,
        prefix.sequence > (frames.last?.prefix.sequence ?? 0),
        prefix.time >= (frames.last?.prefix.time ?? 0)
      else { return "a malformed frame record" }
      // A frame whose context or curves record was lost cannot be shown: never with
      // another frame's. It counts as missing.
      guard contexts.resolve(prefix.context) != nil, curves.resolve(prefix.curves) != nil
      else { return nil }
      frames.append(
        FrameEntry(prefix: prefix, body: input.offset..<input.end, recordStart: start))
    case .event:
      let event = input.event()
      guard !input.failed, input.isAtEnd, event.sequence >= (events.last?.sequence ?? 0)
      else { return "a malformed event record" }
      events.append(event)
    case .checkpoint:
      let frameIndex = input.i64()
      let sequence = input.u64()
      guard !input.failed, frameIndex >= 0, sequence >= 1, UInt64(frameIndex) < sequence,
        sequence <= Self.largestSequence,
        sequence >= (frames.last?.prefix.sequence ?? 0),
        sequence > (checkpoints.last?.sequence ?? 0)
      else { return "a malformed checkpoint record" }
      // The frame it follows was number frameIndex + 1: that fixes the numbering even
      // when the first frames were lost.
      checkpointFirstSequence = checkpointFirstSequence ?? sequence - UInt64(frameIndex)
      checkpoints.append(
        CheckpointEntry(sequence: sequence, payload: payload, recordStart: start))
    case .end:
      let frames = input.i64()
      guard !input.failed, (0...Int(Self.largestSequence)).contains(frames) else {
        return "a malformed end record"
      }
      framesWritten = frames
      isComplete = true
    }
    return nil
  }

  /// After the scan: events past the last frame are dropped (they describe a part that is
  /// not there), the numbering is fixed, and each missing frame is charged to the damage
  /// that cost it.
  private mutating func finish() {
    guard let lastFrame = frames.last?.prefix.sequence, let first = frames.first else { return }
    while let event = events.last, event.sequence > lastFrame {
      eventsPastLastFrame.insert(events.removeLast(), at: 0)
    }
    let firstRead = first.prefix.sequence
    firstSequence = checkpointFirstSequence.map { $0 <= firstRead ? $0 : firstRead } ?? firstRead
    var previous: (number: Int, end: Int) = (0, 0)
    for frame in frames.map(Optional.some) + [nil] {
      let number = frame.map { Int($0.prefix.sequence - firstSequence) + 1 }
      let upTo = number.map { $0 - 1 } ?? (framesWritten ?? previous.number)
      if upTo > previous.number {
        chargeMissing(
          (previous.number + 1)...upTo, between: previous.end..<(frame?.recordStart ?? Int.max))
      }
      if let frame, let number { previous = (number, frame.recordStart) }
    }
  }

  /// Charges missing frames to the first span of damage between the frames around them;
  /// frames missing with no damage in between (a file that skips them) get a span of their
  /// own.
  private mutating func chargeMissing(_ missing: ClosedRange<Int>, between gap: Range<Int>) {
    if let i = damage.firstIndex(where: { gap.overlaps($0.bytes) }) {
      damage[i].missingFrames.append(missing)
    } else {
      let start = min(gap.lowerBound, frames.last?.recordStart ?? gap.lowerBound)
      var span = DamagedSpan(
        bytes: start..<start, reason: "frames missing from the sequence (no damage around them)")
      span.missingFrames = [missing]
      damage.append(span)
      damage.sort { $0.bytes.lowerBound < $1.bytes.lowerBound }
    }
  }
}

/// Context or curves records by number. Version 2 numbers them in the record; version 1
/// numbered them by position, which damage makes unknown: then a record read after damage
/// waits for the next frame to say which number it has (the recorder writes it right before
/// the first frame that uses it).
struct NumberedRecords<Value: Sendable>: Sendable {
  private(set) var values: [Int: Value] = [:]
  /// The number the next unnumbered record has; nil after damage.
  private var next: Int? = 0
  /// An unnumbered record read after damage, before a frame named it.
  private var pending: Value?

  /// Adds a record; false when its number is taken.
  mutating func add(_ value: Value, number: Int?) -> Bool {
    if let number {
      guard values[number] == nil else { return false }
      values[number] = value
    } else if let n = next {
      values[n] = value
      next = n + 1
    } else {
      pending = value
    }
    return true
  }

  /// The record a frame names, numbering a pending one by it.
  mutating func resolve(_ number: Int) -> Value? {
    if let value = values[number] { return value }
    guard let value = pending else { return nil }
    values[number] = value
    pending = nil
    next = number + 1
    return value
  }

  /// Damage may have taken records: positions no longer tell numbers.
  mutating func lostSome() {
    next = nil
    pending = nil
  }

  subscript(number: Int) -> Value { values[number]! }
}
