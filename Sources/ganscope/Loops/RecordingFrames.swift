import GANCore
import GANRuntime
import GANView

/// A recording as the replay and the asciicast export read it: frames by index, the
/// timeline's markers, the 1× pace, and the damage notice.
final class RecordingFrames {
  /// The pace a branched run starts at: the live view's default.
  static let branchPace = Pace.iterationsPerSecond(100)

  let reader: RecordingReader
  /// The frame shown last: while paused the loop asks for the same frame every view frame.
  private var current: (index: Int, snapshot: Snapshot)?

  init(reader: RecordingReader) {
    self.reader = reader
  }

  var frameCount: Int { reader.frameCount }

  func snapshot(at index: Int) -> Snapshot {
    if let current, current.index == index { return current.snapshot }
    let snapshot = reader.frame(at: index)
    current = (index, snapshot)
    return snapshot
  }

  /// The metrics of up to `count` frames ending with frame `index`, oldest first (read
  /// without decoding the curves, so a jump costs little).
  func metrics(through index: Int, count: Int) -> [TrainingMetrics] {
    guard index >= 0 else { return [] }
    return (max(index - count + 1, 0)...index).map { reader.metrics(at: $0) }
  }

  /// The run's history from its frames up to frame `index` (all of them by default): what
  /// the panes over time show in the replay. Frames are decoded on every core a chunk at a
  /// time (decoding is most of the cost) and taken in order.
  func runHistory(through index: Int? = nil) -> RunHistory {
    Self.runHistory(of: reader, through: index)
  }

  static func runHistory(of reader: RecordingReader, through index: Int? = nil) -> RunHistory {
    var history = RunHistory()
    let end = min((index ?? reader.frameCount - 1) + 1, reader.frameCount)
    let chunk = 4096
    for start in stride(from: 0, to: max(end, 0), by: chunk) {
      let frames = reader.mapDensities(start..<min(start + chunk, end)) { RunHistory.Frame($0) }
      for frame in frames { history.append(frame) }
    }
    return history
  }

  /// A run continuing from frame `index`, paused, not started.
  func branch(at index: Int) throws(RecordingError) -> TrainingRuntime {
    try reader.branch(at: index, pace: Self.branchPace, startPaused: true)
  }

  /// Frames per second of 1×.
  var framesPerSecond: Double {
    ReplayState.framesPerSecond(
      durationSeconds: reader.durationSeconds, frameCount: reader.frameCount)
  }

  var markers: [TimelineMarker] {
    reader.markers.map { marker in
      TimelineMarker(
        frame: marker.frameIndex,
        kind: TimelineMarker.Kind(rawValue: marker.kind.rawValue) ?? .other,
        label: marker.label)
    }
  }

  /// Where frames are missing (lost to damage), for the timeline and the frame numbers.
  var gaps: [FrameGap] {
    var gaps: [FrameGap] = []
    var previous = 0
    for i in 0..<reader.frameCount {
      let number = reader.frameNumber(at: i)
      if number > previous + 1 { gaps.append(FrameGap(before: i, count: number - previous - 1)) }
      previous = number
    }
    if reader.lastFrameNumber > previous {
      gaps.append(FrameGap(before: reader.frameCount, count: reader.lastFrameNumber - previous))
    }
    return gaps
  }

  /// The notice for a damaged or incomplete file, or nil for an intact one.
  var warning: String? {
    guard reader.isDamaged || !reader.isComplete else { return nil }
    if reader.isDamaged {
      let missing = reader.damage.flatMap(\.missingFrames)
      let lost =
        missing.isEmpty ? "no frame lost" : DamagedSpan.frameList(missing, limit: 4) + " unreadable"
      return "damaged recording: \(lost); replaying the \(reader.frameCount) readable frames"
    }
    return "incomplete recording (not stopped cleanly): replaying its \(reader.frameCount) frames"
  }
}
