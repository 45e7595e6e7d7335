/// The state of a recording file in words, the same for `info` and every other command:
/// intact, incomplete (cut short: the normal result of a crash or a kill), damaged (bad
/// records inside), or both — never one word for the other.
public struct RecordingCondition: Sendable, Equatable {
  /// Whether the file has its end record.
  public var isComplete: Bool
  /// Where the record the file ends inside of starts, if it ends inside one.
  public var incompleteAt: Int?
  public var damage: [DamagedSpan]

  public var isDamaged: Bool { !damage.isEmpty }
  public var isIntact: Bool { isComplete && damage.isEmpty }
  public var missingFrameCount: Int { damage.reduce(0) { $0 + $1.missingFrameCount } }

  /// One line per fact, then one per damaged span (at most `spanLimit`).
  public func lines(spanLimit: Int = 20) -> [String] {
    var lines: [String] = []
    if isIntact { lines.append("intact (stopped cleanly; every record checks)") }
    if !isComplete {
      let cut = incompleteAt.map { "; it ends inside a record at byte \($0)" } ?? ""
      lines.append(
        "incomplete: no end record (the recording was not stopped cleanly, e.g. a crash or a "
          + "kill)\(cut); nothing before that is lost")
    }
    if isDamaged {
      let skipped = damage.reduce(0) { $0 + $1.bytes.count }
      lines.append(
        "damaged in \(damage.count) place(s): \(missingFrameCount) frame(s) unreadable, "
          + "\(skipped) bytes skipped")
      lines += damage.prefix(spanLimit).map { "  " + $0.description }
      if damage.count > spanLimit { lines.append("  … and \(damage.count - spanLimit) more") }
    }
    return lines
  }
}

extension RecordingReader {
  /// The file's condition.
  public var condition: RecordingCondition {
    RecordingCondition(
      isComplete: isComplete, incompleteAt: incompleteTail?.lowerBound, damage: damage)
  }

  /// The number of the frame that shows each event's effect (nil: the event came before
  /// the recording's first frame, as with a recording started mid-session), in `events`
  /// order.
  public var eventFrameNumbers: [Int?] {
    let first = frameCounters(at: 0).sequence
    return events.map { $0.sequence < first ? nil : frameNumber(sequence: $0.sequence) }
  }
}
