import GANCore

/// What the left of the screen shows: the paper's picture of one moment (`plot`), or one of
/// the pictures of the run over time (`v` cycles them in this order).
public enum MainPane: String, Sendable, CaseIterable, Equatable {
  /// p_data, p_g, D(x) and the z → x map (Figure 1).
  case plot
  /// Chosen metrics over the whole run on real axes.
  case history
  /// p_g(x, t) and D(x, t) as shaded images, time down (a kymograph).
  case spaceTime
  /// The trajectory of (mean G(z), sd G(z)) toward the target's (μ, σ).
  case phase
  /// The eigenvalues of the game's Jacobian and the step's multipliers in the complex plane,
  /// computed in the background (`SpectrumFeed`).
  case spectrum

  /// The next pane of the cycle.
  public var next: MainPane {
    let all = Self.allCases
    return all[(all.firstIndex(of: self)! + 1) % all.count]
  }

  /// The notice naming it.
  public var title: String {
    switch self {
    case .plot: "view: p_data, p_g, D(x) now"
    case .history: "view: history of the run (m metric, y log, z Z zoom)"
    case .spaceTime: "view: space-time p_g(x,t) and D(x,t) (z Z zoom)"
    case .phase: "view: phase plane (G's mean and sd; the Dirac-GAN's theta and psi)"
    case .spectrum: "view: spectrum of the game's Jacobian (about once a second)"
    }
  }
}

/// How the panes over time are looking at the run: which metric the history draws, on
/// which y scale, and how far the iteration axis is zoomed toward the newest frame.
public struct HistoryLens: Sendable, Equatable {
  /// An index into `Metric.table`.
  public var metric = 0
  /// Log y (nil: the metric's own scale decides, logarithmic for the gradient norms).
  public var logarithmic: Bool?
  /// A second metric drawn over the first on its own right axis (an index into
  /// `Metric.table`), or nil.
  public var overlay: Int?
  /// The iteration axis shows 1/2^zoom of the run: the newest part, or with `pan` > 0 the
  /// part that many half-windows earlier.
  public var zoom = 0
  public var pan = 0
  public static let deepestZoom = 10

  public init() {}

  /// The metric drawn.
  public var chosenMetric: Metric { Metric.table[metric % Metric.table.count] }

  /// The metric drawn over it, if any.
  public var overlaidMetric: Metric? { overlay.map { Metric.table[$0 % Metric.table.count] } }

  /// Whether the y axis is logarithmic.
  public var isLogarithmic: Bool {
    if let logarithmic { return logarithmic }
    if case .logarithmic = chosenMetric.scale { return true }
    return false
  }

  /// The iterations shown, out of the run's `whole` span ending at `end`.
  public func range(of whole: ClosedRange<Int>, end: Int) -> ClosedRange<Int> {
    let newest = min(max(end, whole.lowerBound), whole.upperBound)
    let span = Int((Double(newest - whole.lowerBound) / Double(1 << zoom)).rounded(.up))
    // Each pan step moves the window back by half its width, never past the run's start.
    let last = max(newest - pan * span / 2, whole.lowerBound + span)
    let first = max(whole.lowerBound, last - span)
    return first...max(min(last, newest), first)
  }
}

extension ViewState {
  /// v: the next picture in the main pane, named in a notice.
  mutating func cycleMainPane() {
    pane = pane.next
    post(pane.title)
  }

  /// m M y z Z ( ): the history's next metric, its second (overlaid) metric, log / linear
  /// y, zoom in / out, pan earlier / later; each acts only on the panes it changes, and says
  /// so otherwise.
  mutating func adjustLens(_ key: Key?) {
    let overTime = pane == .history || pane == .spaceTime
    switch key {
    case "m" where pane == .history:
      lens.metric = (lens.metric + 1) % Metric.table.count
      lens.logarithmic = nil
      post("history: " + lens.chosenMetric.asciiLabel)
    case "M" where pane == .history:
      // Off → every other metric in table order → off.
      var next = ((lens.overlay ?? lens.metric) + 1) % Metric.table.count
      if next == lens.metric { next = (next + 1) % Metric.table.count }
      let wrapped = lens.overlay.map { next <= $0 } ?? false
      lens.overlay = wrapped ? nil : next
      post(
        lens.overlaidMetric.map { "history: over it, " + $0.asciiLabel + " (right axis)" }
          ?? "history: one metric")
    case "(" where overTime && lens.zoom > 0, ")" where overTime && lens.zoom > 0:
      lens.pan = max(lens.pan + (key == "(" ? 1 : -1), 0)
      post(lens.pan == 0 ? "history: the newest part" : "history: \(lens.pan) half-windows back")
    case "(" where overTime, ")" where overTime:
      post("the whole run is shown: zoom in (z) first, then ( ) move through it")
    case "y" where pane == .history:
      lens.logarithmic = !lens.isLogarithmic
      post("history: " + (lens.isLogarithmic ? "log y" : "linear y"))
    case "z" where overTime, "Z" where overTime:
      let deeper = key == "z"
      lens.zoom = min(max(lens.zoom + (deeper ? 1 : -1), 0), HistoryLens.deepestZoom)
      // Zooming keeps the window's end where it was: its pan doubles in, halves out.
      lens.pan = lens.zoom == 0 ? 0 : (deeper ? lens.pan * 2 : lens.pan / 2)
      post(lens.zoom == 0 ? "whole run" : "newest 1/\(1 << lens.zoom) of the run")
    default:
      post(
        "that key acts on the history (m M y z Z ( )) and space-time (z Z ( )); v cycles the views"
      )
    }
  }
}
