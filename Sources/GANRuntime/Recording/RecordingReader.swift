import GANCore

#if canImport(Glibc)
  import Glibc
#endif

/// A recording opened for replay, export and branching: the header, an index of every
/// readable frame, the event log and the checkpoints, built by one pass that checks every
/// record's checksum. Frames are decoded on demand. Immutable after init, so any thread may
/// use it.
///
/// Damage costs only what it hits: reading goes on at the next good record after it, and
/// `damage` lists each damaged span with the frames it made unreadable. A file cut short (a
/// killed recorder) is not damaged but incomplete: `incompleteTail` is the record it ends in.
public final class RecordingReader: Sendable {
  public let header: RecordingHeader
  /// The file's name as given (for messages).
  public let name: String
  private let bytes: [UInt8]
  let index: RecordingIndex
  public let markers: [RecordingMarker]

  /// Opens the recording at `path`.
  public convenience init(path: String) throws(RecordingError) {
    try self.init(bytes: try readRecordingFile(path, name: RecordingError.quoted(path)), name: path)
  }

  /// Reads a recording held in memory (the fuzzer's entry; `name` appears in messages).
  /// `checksums: false` skips the checksum checks, so that damaged input reaches the record
  /// decoders (for fuzzing them); never use it on files.
  public init(bytes: [UInt8], name: String = "recording", checksums: Bool = true)
    throws(RecordingError)
  {
    self.bytes = bytes
    // Names appear in messages: a short, escaped excerpt of what the user gave.
    let name = RecordingError.quoted(name)
    self.name = name
    let scanned = bytes.withUnsafeBytes { raw in
      Result { () throws(RecordingError) in
        try RecordingIndex.scan(raw, name: name, checksums: checksums)
      }
    }
    index = try scanned.get()
    header = index.header
    markers = RecordingMarker.markers(for: index)
  }

  /// The number of readable frames. Indexes (`frame(at:)`, …) run over these; what people
  /// see is each frame's number (`frameNumber(at:)`), which damage does not shift.
  public var frameCount: Int { index.frames.count }

  /// Frame `index`'s number: its place in the recording, counted from 1, as `info`,
  /// `replay`, `export`, `verify` and `--branch-at` all show it.
  public func frameNumber(at index: Int) -> Int {
    frameNumber(sequence: self.index.frames[min(max(index, 0), frameCount - 1)].prefix.sequence)
  }

  /// The number of the frame with sequence number `sequence` (readable or not).
  func frameNumber(sequence: UInt64) -> Int {
    Int(truncatingIfNeeded: sequence &- index.firstSequence) + 1
  }

  /// The index of the readable frame numbered `number`, or nil (no such frame, or lost).
  public func frameIndex(number: Int) -> Int? {
    guard number >= 1 else { return nil }
    return frameIndex(sequence: self.index.firstSequence + UInt64(number - 1))
  }

  /// The number of the recording's last frame (readable or not): how many it holds.
  public var lastFrameNumber: Int {
    max(
      frameNumber(at: frameCount - 1),
      index.damage.flatMap(\.missingFrames).map(\.upperBound).max() ?? 0)
  }

  /// Frame `index` (clamped to 0..<frameCount) as a snapshot: counters and metrics exactly
  /// as recorded, curves within their quantization step (docs/recording-format.md).
  public func frame(at index: Int) -> Snapshot { frame(at: index, densitiesOnly: false) }

  /// Frame `index` with its counters, metrics, p_data, p_g and D(x), but D*(x) and the
  /// z → x map left empty (not decoded: about half the cost of `frame(at:)`, for readers of
  /// every frame's densities, like the replay's run history).
  public func densities(at index: Int) -> Snapshot { frame(at: index, densitiesOnly: true) }

  private func frame(at index: Int, densitiesOnly: Bool) -> Snapshot {
    let entry = self.index.frames[min(max(index, 0), frameCount - 1)]
    let prefix = entry.prefix
    return bytes.withUnsafeBytes { raw in
      var input = ByteReader(raw, from: entry.body.lowerBound, to: entry.body.upperBound)
      return input.frameBody(
        prefix, context: self.index.contexts[prefix.context],
        curves: self.index.curves[prefix.curves], densitiesOnly: densitiesOnly)
    }
  }

  /// How many metric values frame `index` holds (fewer than today's in an older file).
  func recordedMetricCount(at index: Int) -> Int {
    self.index.frames[min(max(index, 0), frameCount - 1)].prefix.metricCount
  }

  /// The metrics of frame `index` alone (exact; cheaper than `frame(at:)`: for sparklines
  /// and exports).
  public func metrics(at index: Int) -> TrainingMetrics {
    let entry = self.index.frames[min(max(index, 0), frameCount - 1)]
    return bytes.withUnsafeBytes { raw in
      var input = ByteReader(raw, from: entry.body.lowerBound, to: entry.body.upperBound)
      return TrainingMetrics(fields: (0..<entry.prefix.metricCount).map { _ in input.f64() })
    }
  }

  /// Every command applied during the recorded run, in order. With a recording started in
  /// the middle of a session (the `R` key), this includes the commands applied before its
  /// first frame (their sequence numbers are lower than that frame's): together with the
  /// header they determine every frame.
  public var events: [AppliedEvent] { index.events }

  /// Every span of damage, in file order, with the frames each made unreadable.
  public var damage: [DamagedSpan] { index.damage }

  /// Whether anything inside the file is damaged (a file merely cut short is not).
  public var isDamaged: Bool { !index.damage.isEmpty }

  /// Frames lost to damage.
  public var missingFrameCount: Int { index.damage.reduce(0) { $0 + $1.missingFrameCount } }

  /// The record the file ends in the middle of (a recording cut short by a crash or a
  /// kill), or nil.
  public var incompleteTail: Range<Int>? { index.cutShort }

  /// Bytes that held no good record: the damaged spans and an incomplete last record.
  public var ignoredBytes: Int {
    index.damage.reduce(0) { $0 + $1.bytes.count } + (index.cutShort?.count ?? 0)
  }

  /// Whether the recording was stopped cleanly (it has an end record); false after a crash
  /// or kill, which loses nothing written before it.
  public var isComplete: Bool { index.isComplete }

  /// One line on what is wrong with the file, or nil for an intact one.
  public var problems: String? { index.problems }

  /// The wall time the frames cover, from the first to the last.
  public var durationSeconds: Double {
    guard let first = index.frames.first, let last = index.frames.last else { return 0 }
    return Double(last.prefix.time - first.prefix.time) * 1e-6
  }

  /// When frame `index` was published, in seconds after the first frame.
  public func frameTime(at index: Int) -> Double {
    let frames = self.index.frames
    let i = min(max(index, 0), frameCount - 1)
    return Double(frames[i].prefix.time - frames[0].prefix.time) * 1e-6
  }

  /// The sequence number and iteration of frame `index`, without decoding it.
  public func frameCounters(at index: Int) -> (sequence: UInt64, iteration: Int) {
    let prefix = self.index.frames[min(max(index, 0), frameCount - 1)].prefix
    return (prefix.sequence, prefix.iteration)
  }

  /// The index of the frame with sequence number `sequence`, if the recording holds it.
  public func frameIndex(sequence: UInt64) -> Int? {
    let frames = index.frames
    var low = 0
    var high = frames.count
    while low < high {
      let mid = (low + high) / 2
      if frames[mid].prefix.sequence < sequence { low = mid + 1 } else { high = mid }
    }
    return low < frames.count && frames[low].prefix.sequence == sequence ? low : nil
  }

  /// The indexes of the frames that carry a checkpoint (where branching is quickest).
  public var checkpointFrames: [Int] {
    index.checkpoints.compactMap { frameIndex(sequence: $0.sequence) }
  }

  /// How many checkpoints decode completely (each is decoded in full: for diagnostics and
  /// fuzzing; branching decodes only the one it needs).
  public var readableCheckpointCount: Int {
    index.checkpoints.indices.filter { checkpoint($0) != nil }.count
  }

  /// The checkpoints, in order (payloads not decoded).
  var checkpointEntries: [CheckpointEntry] { index.checkpoints }

  /// The frames, in order (payloads not decoded).
  var frameEntries: [FrameEntry] { index.frames }

  /// The checkpoint of entry `i` of the index, decoded; nil when its payload is malformed.
  func checkpoint(_ i: Int) -> Checkpoint? {
    let entry = index.checkpoints[i]
    return bytes.withUnsafeBytes { raw in
      var input = ByteReader(raw, from: entry.payload.lowerBound, to: entry.payload.upperBound)
      input.formatVersion = header.formatVersion
      let (_, checkpoint) = input.checkpoint()
      return input.failed || !input.isAtEnd || checkpoint.sequence != entry.sequence
        ? nil : checkpoint
    }
  }

  /// The latest checkpoint at or before frame `frameIndex`: its position in the index.
  func checkpointIndex(atOrBefore frameIndex: Int) -> Int? {
    let sequence = frameCounters(at: frameIndex).sequence
    return index.checkpoints.lastIndex { $0.sequence <= sequence }
  }
}

extension RecordingIndex {
  /// "damaged: frames 3–4 unreadable (bytes 1200–1887: a record that fails its checksum);
  /// incomplete: it ends inside a record at byte 9000 (cut short)", or nil.
  var problems: String? {
    var parts: [String] = []
    if !damage.isEmpty {
      let missing = damage.flatMap(\.missingFrames)
      let frames =
        missing.isEmpty ? "no frame lost" : DamagedSpan.frameList(missing) + " unreadable"
      let spans = damage.prefix(3).map(\.description).joined(separator: "; ")
      parts.append(
        "damaged in \(damage.count) place(s), \(frames) [\(spans)\(damage.count > 3 ? "; …" : "")]")
    }
    if let cut = cutShort {
      parts.append("incomplete: cut short inside a record at byte \(cut.lowerBound)")
    } else if !isComplete {
      parts.append("incomplete: no end record")
    }
    return parts.isEmpty ? nil : parts.joined(separator: "; ")
  }
}

/// The whole file at `path`, or a one-line reason why it cannot be read.
private func readRecordingFile(_ path: String, name: String) throws(RecordingError) -> [UInt8] {
  // Non-blocking, so a FIFO (whose open waits for a writer) is refused instead of hanging.
  let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
  guard fd >= 0 else {
    throw RecordingError("cannot open '\(name)': \(String(cString: strerror(errno)))")
  }
  defer { close(fd) }
  var info = stat()
  guard fstat(fd, &info) == 0 else {
    throw RecordingError("cannot read '\(name)': \(String(cString: strerror(errno)))")
  }
  if info.st_mode & S_IFMT == S_IFDIR { throw RecordingError("'\(name)' is a directory") }
  guard info.st_mode & S_IFMT == S_IFREG else {
    throw RecordingError("'\(name)' is not a regular file")
  }
  var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
  var filled = 0
  while filled < bytes.count {
    let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, $0.count - filled) }
    if n < 0 && errno == EINTR { continue }
    guard n >= 0 else {
      throw RecordingError("cannot read '\(name)': \(String(cString: strerror(errno)))")
    }
    if n == 0 { break }  // The file shrank meanwhile: read what is there.
    filled += n
  }
  // A file still being recorded may have grown: what was there when it was opened counts.
  return filled == bytes.count ? bytes : Array(bytes[..<filled])
}
