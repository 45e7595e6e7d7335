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
    case .phase: "view: phase plane (mean, sd of G(z))"
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
  /// The iteration axis shows the newest 1/2^zoom of the run.
  public var zoom = 0
  public static let deepestZoom = 10

  public init() {}

  /// The metric drawn.
  public var chosenMetric: Metric { Metric.table[metric % Metric.table.count] }

  /// Whether the y axis is logarithmic.
  public var isLogarithmic: Bool {
    if let logarithmic { return logarithmic }
    if case .logarithmic = chosenMetric.scale { return true }
    return false
  }

  /// The iterations shown, out of the run's `whole` span ending at `end`.
  public func range(of whole: ClosedRange<Int>, end: Int) -> ClosedRange<Int> {
    let last = min(max(end, whole.lowerBound), whole.upperBound)
    let span = Double(last - whole.lowerBound) / Double(1 << zoom)
    let first = max(whole.lowerBound, last - Int(span.rounded(.up)))
    return first...max(last, first)
  }
}

extension ViewState {
  /// v: the next picture in the main pane, named in a notice.
  mutating func cycleMainPane() {
    pane = pane.next
    post(pane.title)
  }

  /// m y z Z: the history's next metric, log / linear y, zoom in / out; each acts only on
  /// the panes it changes, and says so otherwise.
  mutating func adjustLens(_ key: Key?) {
    let overTime = pane == .history || pane == .spaceTime
    switch key {
    case "m" where pane == .history:
      lens.metric = (lens.metric + 1) % Metric.table.count
      lens.logarithmic = nil
      post("history: " + lens.chosenMetric.asciiLabel)
    case "y" where pane == .history:
      lens.logarithmic = !lens.isLogarithmic
      post("history: " + (lens.isLogarithmic ? "log y" : "linear y"))
    case "z" where overTime, "Z" where overTime:
      let deeper = key == "z"
      lens.zoom = min(max(lens.zoom + (deeper ? 1 : -1), 0), HistoryLens.deepestZoom)
      post(lens.zoom == 0 ? "whole run" : "newest 1/\(1 << lens.zoom) of the run")
    default:
      post("that key acts on the history (m y z Z) and space-time (z Z); v cycles the views")
    }
  }
}
