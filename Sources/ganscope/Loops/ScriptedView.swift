import GANCore
import GANScenarios
import GANView

extension ViewState {
  /// A played scenario's step switches the view, as its keys would (`StepView`); the
  /// footer names what changed with its key, so the viewer learns where it is switched.
  /// (The pace is the runtime's: `ScenarioPlayer` schedules it.)
  mutating func show(_ view: StepView) {
    if let on = view.optimalOverlay { showOptimalOverlay = on }
    if let on = view.histogram { showHistogram = on }
    if let on = view.arrows { showArrows = on }
    if let picture = view.picture { pane = MainPane(picture) }
    if let key = view.metric, let index = Metric.table.firstIndex(where: { $0.key == key }) {
      lens.metric = index
      lens.logarithmic = nil
    }
    if let scale = view.densityScale.flatMap({ DensityScale(rawValue: $0.rawValue) }) {
      densityScale = scale
    }
    let words = view.changes.filter { !$0.hasPrefix("pace") }
    if !words.isEmpty { post("the script switched " + words.joined(separator: ", ")) }
  }
}

extension MainPane {
  init(_ picture: StepView.Picture) {
    switch picture {
    case .plot: self = .plot
    case .history: self = .history
    case .spaceTime: self = .spaceTime
    case .phase: self = .phase
    }
  }
}
