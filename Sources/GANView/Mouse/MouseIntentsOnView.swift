import GANCore

extension ViewState {
  /// Applies a mouse intent that changes only the view, as the key of the same action
  /// would; returns the key to hand to the view's key handler for `.key`. The target
  /// editor's strokes go to `SketchKeyHandler`, a replay's seek to `ReplayState`: both are
  /// left alone here.
  public mutating func apply(_ intent: MouseIntent) -> Key? {
    switch intent {
    case .key(let key):
      return key
    case .closeHelp:
      showHelp = false
    case .explain(let text):
      post(text)
    case .showMetric where sketch != nil, .pan where sketch != nil:
      // The target editor covers the picture these would change.
      break
    case .showMetric(let index):
      // v to the history and m to this metric, in one click.
      pane = .history
      lens.metric = index % Metric.table.count
      lens.logarithmic = nil
      post("history: " + lens.chosenMetric.asciiLabel)
    case .pan(let steps):
      for _ in 0..<abs(steps) { adjustLens(steps > 0 ? "(" : ")") }
    case .paint, .endStroke:
      self = SketchKeyHandler.handle(intent, state: self)
    case .seek:
      break
    }
    return nil
  }
}
