import GANCore

/// The metrics of the most recent snapshots, oldest first, for the sparklines. Bounded, so a
/// long session costs the same memory as a short one.
public struct MetricHistory: Sendable, Equatable {
  public static let defaultCapacity = 512
  public let capacity: Int
  public private(set) var samples: [TrainingMetrics] = []

  public init(capacity: Int = MetricHistory.defaultCapacity) {
    self.capacity = max(capacity, 1)
  }

  public mutating func append(_ metrics: TrainingMetrics) {
    if samples.count >= capacity { samples.removeFirst(samples.count - capacity + 1) }
    samples.append(metrics)
  }

  /// The newest `count` samples.
  public func suffix(_ count: Int) -> ArraySlice<TrainingMetrics> {
    samples.suffix(max(count, 0))
  }
}

/// What the view remembers between frames: the toggles the keys flip, a transient notice,
/// the eased density axis and the metric history. Updated once per frame by
/// `advanceFrame(with:)` and by `KeyHandler`, both pure; the renderer only reads it.
public struct ViewState: Sendable, Equatable {
  public var showOptimalOverlay: Bool
  public var showHistogram: Bool
  public var showArrows: Bool
  public var showHelp: Bool
  /// A one-line message (the effect of the last key), shown in the footer for a while.
  public private(set) var notice: String?
  public private(set) var noticeFramesLeft = 0
  /// The top of the density axis, eased toward the curves' peak so it never jumps.
  public private(set) var densityMax: Double?
  public private(set) var history: MetricHistory
  /// The sequence number of the last snapshot whose metrics entered the history.
  public private(set) var lastSequence: UInt64?

  /// Frames a notice stays up (about three seconds at 30 frames per second).
  public static let noticeFrames = 90
  /// The fraction of the way the density axis moves toward its target each frame.
  public static let easing = 0.25
  /// Room above the highest peak, so a curve's top does not touch the frame.
  public static let headroom = 1.15

  public init(
    showOptimalOverlay: Bool = false, showHistogram: Bool = false, showArrows: Bool = false,
    showHelp: Bool = false, historyCapacity: Int = MetricHistory.defaultCapacity
  ) {
    self.showOptimalOverlay = showOptimalOverlay
    self.showHistogram = showHistogram
    self.showArrows = showArrows
    self.showHelp = showHelp
    history = MetricHistory(capacity: historyCapacity)
  }

  /// Shows `text` in the footer for `noticeFrames` frames.
  public mutating func post(_ text: String) {
    notice = text
    noticeFramesLeft = Self.noticeFrames
  }

  /// Advances one frame: ages the notice, records a new snapshot's metrics, and eases the
  /// density axis toward the peak of `snapshot`'s curves — never below that peak, so a
  /// curve is never cut off, and never by a jump, so the picture does not flicker.
  public mutating func advanceFrame(with snapshot: Snapshot?) {
    if noticeFramesLeft > 0 {
      noticeFramesLeft -= 1
      if noticeFramesLeft == 0 { notice = nil }
    }
    guard let snapshot else { return }
    if lastSequence != snapshot.sequence {
      lastSequence = snapshot.sequence
      history.append(snapshot.metrics)
    }
    let peak = Self.densityPeak(of: snapshot)
    let target = peak * Self.headroom
    if let current = densityMax {
      densityMax = max(peak, current + (target - current) * Self.easing)
    } else {
      densityMax = target
    }
  }

  /// The highest finite value of the density curves the plot can show (at least a small
  /// positive number, so an empty plot still has an axis).
  public static func densityPeak(of snapshot: Snapshot) -> Double {
    var peak = 0.0
    for series in [snapshot.dataDensity, snapshot.dataHistogram, snapshot.modelHistogram] {
      for value in series where value.isFinite { peak = max(peak, Double(value)) }
    }
    return peak > 0 ? peak : 1
  }
}
