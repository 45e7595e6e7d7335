import GANCore

/// What a step puts on screen besides its caption: the live view's toggles (the D* overlay,
/// p_g as a histogram, D's gradient arrows), the picture in the main pane, the metric the
/// history draws, the density axis's scale, and the pace the run goes on at. A played
/// scenario applies them when the step's cue is applied, so what a caption names is on
/// screen when it is read; headless (`demo --check`) they change nothing. Nil leaves a
/// setting as the viewer left it.
public struct StepView: Sendable, Equatable {
  /// The main pane's pictures (the live view's `v` cycle; GANView's `MainPane`).
  public enum Picture: Sendable, Equatable, CaseIterable {
    case plot, history, spaceTime, phase
  }

  /// The density axis's scales (the live view's `f` cycle; GANView's `DensityScale`, whose
  /// raw values these are).
  public enum DensityScale: String, Sendable, Equatable, CaseIterable {
    /// Fitted to p_data, a taller p_g clipped and its peak marked (the default).
    case data
    /// Fitted to every curve.
    case all
    /// Three decades in log below the highest curve.
    case log
  }

  /// `o`: D*(x) = p_data/(p_data + p_g) drawn over D(x).
  public var optimalOverlay: Bool?
  /// `h`: p_g as a histogram of G's samples instead of a smooth curve.
  public var histogram: Bool?
  /// `a`: arrows of D's gradient at G's samples (where a G step moves them).
  public var arrows: Bool?
  /// `v`: the picture in the main pane.
  public var picture: Picture?
  /// `m`: the history's metric, by `Metric.key`.
  public var metric: String?
  /// The pace from this step on. A step with a pace and no keys that pause is a phase to
  /// watch: the run goes on, slowly enough to be watched, instead of stopping at it.
  public var pace: Pace?
  /// `f`: how the plot's density axis is scaled.
  public var densityScale: DensityScale?

  public init(
    optimalOverlay: Bool? = nil, histogram: Bool? = nil, arrows: Bool? = nil,
    picture: Picture? = nil, metric: String? = nil, pace: Pace? = nil,
    densityScale: DensityScale? = nil
  ) {
    self.optimalOverlay = optimalOverlay
    self.histogram = histogram
    self.arrows = arrows
    self.picture = picture
    self.metric = metric
    self.pace = pace
    self.densityScale = densityScale
  }

  /// Changes nothing.
  public static let unchanged = StepView()

  /// The settings of `self`, with `later`'s wherever it sets one.
  public func then(_ later: StepView) -> StepView {
    StepView(
      optimalOverlay: later.optimalOverlay ?? optimalOverlay,
      histogram: later.histogram ?? histogram, arrows: later.arrows ?? arrows,
      picture: later.picture ?? picture, metric: later.metric ?? metric,
      pace: later.pace ?? pace, densityScale: later.densityScale ?? densityScale)
  }

  /// What the step switches, in the live view's keys and words ("o: D* overlay on").
  public var changes: [String] {
    var words: [String] = []
    if let on = optimalOverlay { words.append("o: D* overlay " + (on ? "on" : "off")) }
    if let on = histogram { words.append("h: p_g as " + (on ? "histogram" : "curve")) }
    if let on = arrows { words.append("a: grad D arrows " + (on ? "on" : "off")) }
    if let picture { words.append("v: " + picture.name) }
    if let metric { words.append("m: history of " + (Metric.named(metric)?.asciiLabel ?? metric)) }
    if let densityScale { words.append("f: density axis " + densityScale.words) }
    if let pace { words.append(pace == .maximum ? "pace max" : "pace \(pace.label) it/s") }
    return words
  }
}

extension StepView.DensityScale {
  /// What the axis does, after "density axis" (as the live view's notice says it).
  public var words: String {
    switch self {
    case .data: "fits p_data"
    case .all: "fits every curve"
    case .log: "in decades (log)"
    }
  }
}

extension StepView.Picture {
  /// Its name in the help and the notices.
  public var name: String {
    switch self {
    case .plot: "the plot"
    case .history: "the history"
    case .spaceTime: "space-time"
    case .phase: "the phase plane"
    }
  }
}
