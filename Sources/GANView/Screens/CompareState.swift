import GANCore

/// What the comparison remembers between frames: one `ViewState` per run (its metric
/// history, its eased density axis, what its keys requested), one for the whole screen (the
/// help, the notice in the footer), which runs the keys act on, and whether D is drawn.
public struct CompareState: Sendable, Equatable {
  /// The whole screen's state: help and notice.
  public var view: ViewState
  /// Each run's own state, in run order.
  public var runs: [ViewState]
  /// The run (0-based) the training keys act on, or nil for every run.
  public var selected: Int?
  /// Whether each run's D(x) is drawn (dashed, in the run's colour).
  public var showDiscriminators: Bool

  public init(runCount: Int, showDiscriminators: Bool = false) {
    view = ViewState()
    runs = Array(repeating: ViewState(), count: runCount)
    selected = nil
    self.showDiscriminators = showDiscriminators
  }

  /// The runs the training keys act on.
  public var targets: [Int] { selected.map { [$0] } ?? Array(runs.indices) }

  /// Advances one frame: ages the notice, and each run takes its newest snapshot.
  public mutating func advanceFrame(with snapshots: [Snapshot?]) {
    view.advanceFrame(with: nil)
    for index in runs.indices {
      runs[index].advanceFrame(with: index < snapshots.count ? snapshots[index] : nil)
    }
  }

  /// How the shared density axis is scaled (every run's state follows it).
  public var densityScale: DensityScale { view.densityScale }

  /// `f`: the next density scale, for every run.
  public mutating func cycleDensityScale() {
    view.cycleDensityScale()
    for index in runs.indices { runs[index].densityScale = view.densityScale }
  }

  /// The top of the shared density axis: the highest of the runs' eased axes, so no run's
  /// curve is cut off and none jumps.
  public var densityMax: Double? { runs.compactMap(\.densityMax).max() }
}
