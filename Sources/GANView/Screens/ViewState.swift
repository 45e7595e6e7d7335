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

/// Values the keys have asked for that the runtime may not show yet. A second key press
/// right after the first builds on these rather than on a snapshot that predates the first
/// (`K K` must make k + 2, `space space` must resume). They are dropped once a snapshot
/// shows them, or after `ViewState.requestFrames` frames in case the runtime refused one.
public struct RequestedValues: Sendable, Equatable {
  public var hyperparameters: Hyperparameters?
  public var targetName: String?
  public var pace: Pace?
  public var paused: Bool?
  public var framesLeft = 0

  public init() {}
}

/// What the view remembers between frames: the toggles the keys flip, a transient notice,
/// the eased density axis and the metric history. Updated once per frame by
/// `advanceFrame(with:)` and by the key handlers, all pure; the renderer only reads it.
public struct ViewState: Sendable, Equatable {
  public var showOptimalOverlay: Bool
  public var showHistogram: Bool
  public var showArrows: Bool
  public var showHelp: Bool
  /// Which page of the help shows: the keys, then the words and the marks on screen.
  public var helpPage = HelpPage.keys
  /// A one-line message (the effect of the last key), shown in the footer for a while.
  public private(set) var notice: String?
  public private(set) var noticeFramesLeft = 0
  /// The top of the density axis, eased toward the top `densityScale` asks for so it
  /// never jumps.
  public private(set) var densityMax: Double?
  /// How the density axis is scaled (`f`): fitted to p_data by default.
  public var densityScale = DensityScale.data
  public private(set) var history: MetricHistory
  /// The target being drawn (`T`, `live --draw`), while the editor is open over the plot.
  public var sketch: TargetSketch?
  /// The last drawing applied, which `t` cycles back to.
  public var drawnTarget: Target?
  /// What the main pane shows, and how the panes over time look at the run.
  public var pane = MainPane.plot
  public var lens = HistoryLens()
  /// The whole run so far, for the panes over time. Live, it takes each snapshot the view
  /// shows; a replay sets it from the recording (`replaceRunHistory`) and stops feeding it.
  public private(set) var runHistory = RunHistory()
  public private(set) var feedsRunHistory = true
  /// The spectrum view's data: the live loop sets it each frame from the runtime; a view
  /// without a runtime says why it has none.
  public var spectrum = SpectrumFeed.notLive()
  /// The sequence number of the last snapshot whose metrics entered the history.
  public private(set) var lastSequence: UInt64?
  /// The single update the shown snapshot is after, when it is one D step (the paper's panel
  /// (b)) or one G step (panel (c)) beyond the snapshot shown before it; nil after anything
  /// else (whole iterations, a jump in a replay), so the panel captions are never claimed
  /// for an ordinary frame.
  public private(set) var singleStep: StepKind?
  private var lastCounters: StepCounters?

  /// D and G steps done by a snapshot's trainer.
  struct StepCounters: Sendable, Equatable {
    var discriminator: Int
    var generator: Int
  }
  /// What the keys asked for that may not be applied yet (see `RequestedValues`).
  public internal(set) var requested = RequestedValues()

  /// Frames a notice stays up (about three seconds at 30 frames per second).
  public static let noticeFrames = 90
  /// The fraction of the way the density axis moves toward its target each frame.
  public static let easing = 0.25
  /// Room above the highest peak, so a curve's top does not touch the frame.
  public static let headroom = 1.15
  /// Frames a requested value is trusted over the runtime's (about half a second).
  public static let requestFrames = 15

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

  /// Replaces the metric history with `samples` (oldest first), the last of which belongs to
  /// the snapshot with sequence number `sequence`. A replay that jumps rebuilds the history
  /// this way from the recorded frames before the new position.
  public mutating func replaceHistory(with samples: [TrainingMetrics], through sequence: UInt64?) {
    history = MetricHistory(capacity: history.capacity)
    for sample in samples { history.append(sample) }
    lastSequence = sequence
  }

  /// Sets the run's history (a replay's, built from the whole recording); `feeding`:
  /// whether later snapshots are added to it (false in a replay, whose history already
  /// holds every frame; true again in a run branched from it).
  public mutating func replaceRunHistory(_ history: RunHistory, feeding: Bool) {
    runHistory = history
    feedsRunHistory = feeding
  }

  /// The live spectrum for this frame, keeping the readings it replaces as its trail.
  public mutating func showSpectrum(_ feed: SpectrumFeed) {
    var feed = feed
    feed.trail = spectrum.trail
    if let old = spectrum.reading, old.spectrum != nil, feed.reading != old {
      feed.trail.append(old)
      feed.trail.removeFirst(max(feed.trail.count - SpectrumFeed.trailLength, 0))
    }
    spectrum = feed
  }

  /// Notes values just requested from the runtime (see `RequestedValues`).
  mutating func request(_ change: (inout RequestedValues) -> Void) {
    change(&requested)
    requested.framesLeft = Self.requestFrames
  }

  /// Advances one frame: ages the notice and the requests, records a new snapshot's metrics, and eases the
  /// density axis toward the peak of `snapshot`'s curves — never below that peak, so a
  /// curve is never cut off, and never by a jump, so the picture does not flicker.
  public mutating func advanceFrame(with snapshot: Snapshot?) {
    if noticeFramesLeft > 0 {
      noticeFramesLeft -= 1
      if noticeFramesLeft == 0 { notice = nil }
    }
    if requested.framesLeft > 0 {
      requested.framesLeft -= 1
      if requested.framesLeft == 0 { requested = RequestedValues() }
    }
    guard let snapshot else { return }
    if requested.hyperparameters == snapshot.hyperparameters { requested.hyperparameters = nil }
    if requested.targetName == snapshot.targetName.lowercased() { requested.targetName = nil }
    if lastSequence != snapshot.sequence {
      lastSequence = snapshot.sequence
      history.append(snapshot.metrics)
      if feedsRunHistory { runHistory.append(snapshot) }
      singleStep = Self.singleStep(from: lastCounters, to: snapshot)
      lastCounters = StepCounters(
        discriminator: snapshot.discriminatorSteps, generator: snapshot.generatorSteps)
    }
    let all = Self.densityPeak(of: snapshot)
    let data = Self.dataPeak(of: snapshot) ?? all
    let target = densityScale.top(dataPeak: data, allPeak: all, headroom: Self.headroom)
    let floor = densityScale.floor(dataPeak: data, allPeak: all)
    // A Dirac-GAN run (only it has ψ) opens on its phase plane, where its dynamics are.
    if densityMax == nil && snapshot.metrics.discriminatorSlope.isFinite { pane = .phase }
    if let current = densityMax {
      densityMax = max(floor, current + (target - current) * Self.easing)
    } else {
      densityMax = target
    }
  }

  /// The density axis as the plot draws it (nil before the first snapshot).
  var densityAxis: DensityAxis? { densityMax.map { DensityAxis(top: $0, scale: densityScale) } }

  /// `f`: the next density scale, announced in the footer.
  public mutating func cycleDensityScale() {
    densityScale = densityScale.next
    post(densityScale.notice)
  }

  /// Which single update leads from `previous` counters to `snapshot`, if exactly one does.
  /// Without a previous snapshot only a D step is certain: a whole iteration always ends
  /// with a G step, so a snapshot whose last update was a D step follows single D steps.
  static func singleStep(
    from previous: StepCounters?, to snapshot: Snapshot
  ) -> StepKind? {
    guard let previous else { return snapshot.lastStep == .discriminator ? .discriminator : nil }
    let d = snapshot.discriminatorSteps - previous.discriminator
    let g = snapshot.generatorSteps - previous.generator
    switch (d, g) {
    case (1, 0) where snapshot.lastStep == .discriminator: return .discriminator
    case (0, 1) where snapshot.lastStep == .generator: return .generator
    default: return nil
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

  /// p_data's highest finite value (its density, or an empirical target's histogram), nil
  /// when it has none above 0.
  public static func dataPeak(of snapshot: Snapshot) -> Double? {
    let data = snapshot.dataDensity.isEmpty ? snapshot.dataHistogram : snapshot.dataDensity
    let peak = data.lazy.filter(\.isFinite).map(Double.init).max() ?? 0
    return peak > 0 ? peak : nil
  }
}
