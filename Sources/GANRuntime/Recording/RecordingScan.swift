import GANCore

/// Where a checkpoint record's payload is; it is decoded only when needed (branching,
/// verifying), as it is the largest record.
struct CheckpointEntry: Sendable {
  var frameIndex: Int
  var sequence: UInt64
  var payload: Range<Int>
}

/// Where a frame record's payload is, and its indexed prefix.
struct FrameEntry: Sendable {
  var prefix: FramePrefix
  /// The payload after the prefix: metrics and curves, decoded on demand.
  var body: Range<Int>
}

/// What one pass over a file finds: the header and an index of every complete, valid record
/// up to the first damage. Pure: bytes in, index out; `RecordingReader` wraps it.
struct RecordingIndex: Sendable {
  var header: RecordingHeader
  var frames: [FrameEntry] = []
  var contexts: [FrameContext] = []
  var curves: [FrameCurves] = []
  var events: [AppliedEvent] = []
  var checkpoints: [CheckpointEntry] = []
  /// Where the last complete, valid record ends.
  var validEnd = 0
  var damage: String?
  /// Whether the file ends with an end record (the recording was stopped cleanly).
  var isComplete = false

  /// Scans `bytes`; `name` is used in messages. `checksums: false` skips the CRC checks
  /// (so that the fuzzer reaches the record decoders).
  static func scan(_ bytes: UnsafeRawBufferPointer, name: String, checksums: Bool = true)
    throws(RecordingError) -> RecordingIndex
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
    guard version >= 1 else {
      throw RecordingError("'\(name)' is damaged: its format version is 0")
    }
    guard version <= RecordingFormat.version else {
      throw RecordingError(
        "'\(name)' is in recording format version \(version), newer than this ganscope reads "
          + "(\(RecordingFormat.version)); use a newer ganscope")
    }
    var records = RecordScanner(bytes: bytes, checksums: checksums)
    let first = records.next()
    guard case .record(.header, let payload, _)? = first else {
      let why = first.flatMap(\.problem) ?? "its first record is not a header"
      throw RecordingError("'\(name)' is damaged: \(why)")
    }
    var input = ByteReader(bytes, from: payload.lowerBound, to: payload.upperBound)
    let header = input.header(formatVersion: version)
    guard !input.failed, input.isAtEnd else {
      throw RecordingError("'\(name)' is damaged: its header record is malformed")
    }
    var index = RecordingIndex(header: header)
    index.validEnd = records.offset
    while let found = records.next() {
      switch found {
      case .problem(let problem):
        index.damage = problem
      case .record(let type, let payload, let start):
        if let problem = index.add(type, payload, bytes) {
          index.damage = "\(problem) at byte \(start)"
        }
      }
      if index.damage != nil || index.isComplete { break }
      index.validEnd = records.offset
    }
    if index.isComplete { index.validEnd = records.offset }
    index.dropWhatFollowsTheLastFrame()
    guard !index.frames.isEmpty else {
      let why = index.damage.map { " (\($0))" } ?? ""
      throw RecordingError("'\(name)' holds no complete frame to replay\(why)")
    }
    return index
  }

  /// Indexes one valid record; a description of the problem if its payload is malformed.
  private mutating func add(
    _ type: RecordType?, _ payload: Range<Int>, _ bytes: UnsafeRawBufferPointer
  )
    -> String?
  {
    var input = ByteReader(bytes, from: payload.lowerBound, to: payload.upperBound)
    guard let type else { return nil }  // A kind from a later version: skipped.
    switch type {
    case .header:
      return "a second header record"
    case .context:
      let context = input.context()
      guard !input.failed, input.isAtEnd else { return "malformed context record" }
      contexts.append(context)
    case .curves:
      let curves = input.curves()
      guard !input.failed, input.isAtEnd else { return "malformed curves record" }
      self.curves.append(curves)
    case .frame:
      let prefix = input.framePrefix()
      guard !input.failed, prefix.context < contexts.count, prefix.curves < self.curves.count,
        prefix.sequence > (frames.last?.prefix.sequence ?? 0),
        prefix.time >= (frames.last?.prefix.time ?? 0)
      else { return "malformed frame record" }
      frames.append(FrameEntry(prefix: prefix, body: input.offset..<input.end))
    case .event:
      let event = input.event()
      guard !input.failed, input.isAtEnd, event.sequence >= (events.last?.sequence ?? 0)
      else { return "malformed event record" }
      events.append(event)
    case .checkpoint:
      let frameIndex = input.i64()
      let sequence = input.u64()
      guard !input.failed, frameIndex == frames.count - 1,
        sequence == frames.last?.prefix.sequence
      else { return "malformed checkpoint record" }
      checkpoints.append(
        CheckpointEntry(frameIndex: frameIndex, sequence: sequence, payload: payload))
    case .end:
      isComplete = true
    }
    return nil
  }

  /// Events logged after the last complete frame describe a part that is not there.
  private mutating func dropWhatFollowsTheLastFrame() {
    guard let last = frames.last?.prefix.sequence else { return }
    while let event = events.last, event.sequence > last { events.removeLast() }
  }
}

/// Walks the framed records of a file after its prelude, checking each one's length and
/// checksum, and stops at the first that is incomplete or damaged.
struct RecordScanner {
  enum Found {
    /// A complete record with a valid checksum (type nil: a kind this version does not know).
    case record(RecordType?, payload: Range<Int>, start: Int)
    case problem(String)

    var problem: String? {
      if case .problem(let p) = self { return p }
      return nil
    }
  }

  let bytes: UnsafeRawBufferPointer
  let checksums: Bool
  /// Where the next record starts.
  private(set) var offset = RecordingFormat.preludeSize
  private var stopped = false

  init(bytes: UnsafeRawBufferPointer, checksums: Bool) {
    self.bytes = bytes
    self.checksums = checksums
  }

  mutating func next() -> Found? {
    guard !stopped, offset < bytes.count else { return nil }
    let start = offset
    var input = ByteReader(bytes, from: start)
    let type = input.u8()
    let length = Int(input.u32())
    let remaining = bytes.count - start
    guard remaining >= RecordingFormat.recordOverhead,
      length <= remaining - RecordingFormat.recordOverhead
    else {
      stopped = true
      return .problem("truncated at byte \(start)")
    }
    let payload = (start + 5)..<(start + 5 + length)
    if checksums {
      let stored = ByteReader(bytes, from: payload.upperBound).peekU32()
      let computed = CRC32C.checksum(
        UnsafeRawBufferPointer(rebasing: bytes[start..<payload.upperBound]))
      guard stored == computed else {
        stopped = true
        return .problem("checksum mismatch in record at byte \(start)")
      }
    }
    offset = payload.upperBound + 4
    return .record(RecordType(rawValue: type), payload: payload, start: start)
  }
}

extension ByteReader {
  /// The u32 at the current position, without moving on.
  func peekU32() -> UInt32 {
    var copy = self
    return copy.u32()
  }
}
