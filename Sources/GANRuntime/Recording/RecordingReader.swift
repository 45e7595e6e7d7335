import GANCore

#if canImport(Glibc)
  import Glibc
#endif

/// A recording opened for replay, export and branching: the header, an index of every
/// frame, the event log and the checkpoints, built by one pass that checks every record's
/// checksum. Frames are decoded on demand. Immutable after init, so any thread may use it.
///
/// A file cut short (a killed recorder) or damaged part-way opens with what precedes the
/// damage; `damage` says why reading stopped and `ignoredBytes` how much was left unread.
public final class RecordingReader: Sendable {
  public let header: RecordingHeader
  /// The file's name as given (for messages).
  public let name: String
  private let bytes: [UInt8]
  let index: RecordingIndex
  public let markers: [RecordingMarker]

  /// Opens the recording at `path`.
  public convenience init(path: String) throws(RecordingError) {
    try self.init(bytes: try readRecordingFile(path), name: path)
  }

  /// Reads a recording held in memory (the fuzzer's entry; `name` appears in messages).
  /// `checksums: false` skips the checksum checks, so that damaged input reaches the record
  /// decoders (for fuzzing them); never use it on files.
  public init(bytes: [UInt8], name: String = "recording", checksums: Bool = true)
    throws(RecordingError)
  {
    self.bytes = bytes
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

  /// The number of complete frames.
  public var frameCount: Int { index.frames.count }

  /// Frame `index` (clamped to 0..<frameCount) as a snapshot: counters and metrics exactly
  /// as recorded, curves within their quantization step (docs/recording-format.md).
  public func frame(at index: Int) -> Snapshot {
    let entry = self.index.frames[min(max(index, 0), frameCount - 1)]
    let prefix = entry.prefix
    return bytes.withUnsafeBytes { raw in
      var input = ByteReader(raw, from: entry.body.lowerBound, to: entry.body.upperBound)
      return input.frameBody(
        prefix, context: self.index.contexts[prefix.context],
        curves: self.index.curves[prefix.curves])
    }
  }

  /// The metrics of frame `index` alone (exact; cheaper than `frame(at:)`: for sparklines
  /// and exports).
  public func metrics(at index: Int) -> TrainingMetrics {
    let entry = self.index.frames[min(max(index, 0), frameCount - 1)]
    return bytes.withUnsafeBytes { raw in
      var input = ByteReader(raw, from: entry.body.lowerBound, to: entry.body.upperBound)
      return TrainingMetrics(
        fields: (0..<Metric.recordedCountInFormat1).map { _ in input.f64() })
    }
  }

  /// Every command applied during the recorded run, in order. With a recording started in
  /// the middle of a session (the `R` key), this includes the commands applied before its
  /// first frame (their sequence numbers are lower than that frame's): together with the
  /// header they determine every frame.
  public var events: [AppliedEvent] { index.events }

  /// The bytes after the last complete, valid record (0 for an intact file).
  public var ignoredBytes: Int { bytes.count - index.validEnd }

  /// Why reading stopped before the end of the file, or nil.
  public var damage: String? {
    if let damage = index.damage { return damage }
    return ignoredBytes > 0 ? "\(ignoredBytes) bytes after the end record" : nil
  }

  /// Whether the recording was stopped cleanly (it ends with an end record); false after a
  /// crash or kill, which loses nothing written before it.
  public var isComplete: Bool { index.isComplete }

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
  public var checkpointFrames: [Int] { index.checkpoints.map(\.frameIndex) }

  /// How many checkpoints decode completely (each is decoded in full: for diagnostics and
  /// fuzzing; branching decodes only the one it needs).
  public var readableCheckpointCount: Int {
    index.checkpoints.indices.filter { checkpoint($0) != nil }.count
  }

  /// The checkpoint of entry `i` of the index, decoded; nil when its payload is malformed.
  func checkpoint(_ i: Int) -> Checkpoint? {
    let entry = index.checkpoints[i]
    return bytes.withUnsafeBytes { raw in
      var input = ByteReader(raw, from: entry.payload.lowerBound, to: entry.payload.upperBound)
      let (_, checkpoint) = input.checkpoint()
      return input.failed || !input.isAtEnd ? nil : checkpoint
    }
  }

  /// The latest checkpoint at or before frame `frameIndex`: its position in the index.
  func checkpointIndex(atOrBefore frameIndex: Int) -> Int? {
    index.checkpoints.lastIndex { $0.frameIndex <= frameIndex }
  }
}

/// The whole file at `path`, or a one-line reason why it cannot be read.
private func readRecordingFile(_ path: String) throws(RecordingError) -> [UInt8] {
  let fd = open(path, O_RDONLY | O_CLOEXEC)
  guard fd >= 0 else {
    throw RecordingError("cannot open '\(path)': \(String(cString: strerror(errno)))")
  }
  defer { close(fd) }
  var info = stat()
  guard fstat(fd, &info) == 0 else {
    throw RecordingError("cannot read '\(path)': \(String(cString: strerror(errno)))")
  }
  if info.st_mode & S_IFMT == S_IFDIR { throw RecordingError("'\(path)' is a directory") }
  guard info.st_mode & S_IFMT == S_IFREG else {
    throw RecordingError("'\(path)' is not a regular file")
  }
  var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
  var filled = 0
  while filled < bytes.count {
    let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, $0.count - filled) }
    if n < 0 && errno == EINTR { continue }
    guard n >= 0 else {
      throw RecordingError("cannot read '\(path)': \(String(cString: strerror(errno)))")
    }
    if n == 0 { break }  // The file shrank meanwhile: read what is there.
    filled += n
  }
  // A file still being recorded may have grown: what was there when it was opened counts.
  return filled == bytes.count ? bytes : Array(bytes[..<filled])
}
