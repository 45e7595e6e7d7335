import GANCore

/// The description of a recorded session at its start (the header record of a file).
public struct RecordingHeader: Sendable, Equatable {
  /// The version of the file format the file was written in.
  public var formatVersion: Int
  public var ganscopeVersion: String
  /// The run's configuration when it started (for a resumed run: when it was resumed).
  public var config: TrainingConfig
  /// Iterations between published frames when the run started (later changes are events).
  public var publishInterval: Int
  public var createdAtUnixSeconds: Int64
  /// Bins of the view grid of every frame.
  public var gridBins: Int
  /// Whether the run was itself continued from a recording (a branch): its config and
  /// events then describe it from its first frame on, not from iteration 0, and `verify`
  /// starts from the first checkpoint.
  public var isResumedRun: Bool

  public init(
    formatVersion: Int = RecordingFormat.version,
    ganscopeVersion: String = RecordingFormat.ganscopeVersion, config: TrainingConfig,
    publishInterval: Int, createdAtUnixSeconds: Int64, gridBins: Int = 200,
    isResumedRun: Bool = false
  ) {
    self.formatVersion = formatVersion
    self.ganscopeVersion = ganscopeVersion
    self.config = config
    self.publishInterval = publishInterval
    self.createdAtUnixSeconds = createdAtUnixSeconds
    self.gridBins = gridBins
    self.isResumedRun = isResumedRun
  }
}

/// What changed at a marker of the timeline.
public enum RecordingMarkerKind: String, Sendable {
  case discriminatorSteps, stepSize, loss, target, optimizer, fix, reset, other
}

/// A point of the timeline where a knob changed: the frame that first shows the change.
public struct RecordingMarker: Sendable, Equatable {
  public var frameIndex: Int
  public var kind: RecordingMarkerKind
  /// Short text for the timeline: "k=3", "lrD=0.002", "loss=minimax".
  public var label: String

  public init(frameIndex: Int, kind: RecordingMarkerKind, label: String) {
    self.frameIndex = frameIndex
    self.kind = kind
    self.label = label
  }
}

/// Why a recording could not be read or written: one line for the user that names the file.
public struct RecordingError: Error, Sendable, CustomStringConvertible {
  public var description: String

  public init(_ description: String) { self.description = description }
}

extension RecordingError {
  /// `text` as a message may quote it: at most 80 characters, with control characters and
  /// other unprintable ones escaped, so that a hostile name cannot flood or drive the
  /// terminal.
  public static func quoted(_ text: String, limit: Int = 80) -> String {
    var out = ""
    var count = 0
    for scalar in text.unicodeScalars {
      if count == limit {
        out += "…"
        break
      }
      count += 1
      switch scalar.value {
      case 0x20..<0x7F, 0xA0...: out.unicodeScalars.append(scalar)
      default: out += "\\u{" + String(scalar.value, radix: 16) + "}"
      }
    }
    return out
  }
}
