/// A part of a recording that held no good record: damage (a flipped bit, an overwritten
/// block), not the normal end of a file cut short by a crash (that is `cutShort`).
public struct DamagedSpan: Sendable, Equatable {
  /// The bytes skipped.
  public var bytes: Range<Int>
  /// What was wrong with the first record there ("a record that fails its checksum").
  public var reason: String
  /// The frames, by number (from 1, as everywhere), that cannot be read because of it:
  /// the frame records in it, and the frames whose context or curves record was in it.
  public var missingFrames: [ClosedRange<Int>] = []

  public init(bytes: Range<Int>, reason: String, missingFrames: [ClosedRange<Int>] = []) {
    self.bytes = bytes
    self.reason = reason
    self.missingFrames = missingFrames
  }

  /// How many frames it cost.
  public var missingFrameCount: Int { missingFrames.reduce(0) { $0 + $1.count } }

  /// "bytes 1200–1887 (a record that fails its checksum): frames 3–4 unreadable".
  public var description: String {
    let where_ =
      bytes.isEmpty
      ? "at byte \(bytes.lowerBound)" : "bytes \(bytes.lowerBound)–\(bytes.upperBound - 1)"
    let frames =
      missingFrames.isEmpty
      ? "no frame lost" : "\(Self.frameList(missingFrames)) unreadable"
    return "\(where_) (\(reason)): \(frames)"
  }

  /// "frame 3", "frames 3–5, 9" (at most `limit` ranges, then "…").
  public static func frameList(_ ranges: [ClosedRange<Int>], limit: Int = 8) -> String {
    let count = ranges.reduce(0) { $0 + $1.count }
    let shown = ranges.prefix(limit).map { r in
      r.count == 1 ? "\(r.lowerBound)" : "\(r.lowerBound)–\(r.upperBound)"
    }
    let more = ranges.count > limit ? ", …" : ""
    return (count == 1 ? "frame " : "frames ") + shown.joined(separator: ", ") + more
  }
}
