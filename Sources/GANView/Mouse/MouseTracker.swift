import GANCore

/// What a mouse report asks a view to do: the same actions as its keys, where the mouse
/// adds a position (which metric, how far along the timeline, where on the plot).
public enum MouseIntent: Sendable, Equatable {
  /// Do what this key does: the wheel over a picture over time is z (in) or Z (out), a
  /// click on a caption or a tour footer is space, a click on a compared run is its digit.
  case key(Key)
  /// The history of this metric (an index into `Metric.table`): `v` to the history, `m`
  /// to the metric.
  case showMetric(Int)
  /// The replay: jump to this fraction of the recording (0 first frame, 1 last), as the
  /// digits and Home/End do in coarser steps.
  case seek(Double)
  /// The target editor: the column at x takes `height` (0 bottom … 1 top of the canvas), or
  /// is erased; `continuing` a stroke that a press began.
  case paint(x: Double, height: Double, erase: Bool, continuing: Bool)
  /// The target editor: the button is up, the stroke is over.
  case endStroke
  /// The pictures over time: move the window this many half-windows (+ earlier, as `(`;
  /// − later, as `)`).
  case pan(Int)
  /// Close the help (any click while it covers the screen).
  case closeHelp
  /// Say what a word on screen means, in the footer (a click on a status word).
  case explain(String)
}

/// Turns mouse reports into intents by what is under them in the grid on screen
/// (`CellGrid.hotspot`). It remembers the press, so a drag keeps acting on what it started
/// on (a drag off the timeline still scrubs, a stroke off the canvas still paints its edge).
public struct MouseTracker: Sendable, Equatable {
  private var pressed: Hotspot?
  private var anchorX = 0
  private var button = MouseEvent.Button.left

  public init() {}

  /// The intents of `event` over `grid` (nil: the screen is not known yet, e.g. just after
  /// a resize; nothing happens). `helpShown`: the help covers the screen.
  public mutating func intents(for event: MouseEvent, on grid: CellGrid?, helpShown: Bool)
    -> [MouseIntent]
  {
    guard let grid else { return [] }
    switch (event.button, event.kind) {
    case (.wheelUp, _), (.wheelDown, _):
      guard !helpShown, case .overTime? = grid.hotspot(atX: event.x, y: event.y)?.target else {
        return []
      }
      return [.key(event.button == .wheelUp ? "z" : "Z")]
    case (_, .press):
      if helpShown { return [.closeHelp] }
      pressed = grid.hotspot(atX: event.x, y: event.y)
      anchorX = event.x
      button = event.button
      guard let spot = pressed else { return [] }
      return press(spot, event)
    case (_, .drag):
      guard let spot = pressed else { return [] }
      return drag(spot, event)
    case (_, .release):
      defer { pressed = nil }
      if case .plotCanvas? = pressed?.target { return [.endStroke] }
      return []
    }
  }

  private func press(_ spot: Hotspot, _ event: MouseEvent) -> [MouseIntent] {
    switch spot.target {
    case .plotCanvas(let domain):
      return [paint(spot, domain, event, continuing: false)]
    case .timeline:
      return [.seek(spot.fractionAcross(event.x))]
    case .metric(let index):
      return event.button == .left ? [.showMetric(index)] : []
    case .compareRun(let run):
      return run <= 9 ? [.key(.character(Character(String(run))))] : []
    case .next:
      return event.button == .left ? [.key(" ")] : []
    case .explanation(let text):
      return [.explain(text)]
    case .overTime:
      return []
    }
  }

  private mutating func drag(_ spot: Hotspot, _ event: MouseEvent) -> [MouseIntent] {
    switch spot.target {
    case .plotCanvas(let domain):
      return [paint(spot, domain, event, continuing: true)]
    case .timeline:
      return [.seek(spot.fractionAcross(event.x))]
    case .overTime:
      // Half the picture's width of drag is one half-window; dragging right brings
      // earlier iterations into view, as if the picture were pulled along.
      let step = max(spot.width / 2, 1)
      let steps = (event.x - anchorX) / step
      guard steps != 0 else { return [] }
      anchorX += steps * step
      return [.pan(steps)]
    case .metric, .compareRun, .next, .explanation:
      return []
    }
  }

  private func paint(_ spot: Hotspot, _ domain: ViewGrid, _ event: MouseEvent, continuing: Bool)
    -> MouseIntent
  {
    // The centre of the cell: a canvas cell spans 1/width of the domain.
    let across = (Double(min(max(event.x - spot.x, 0), spot.width - 1)) + 0.5) / Double(spot.width)
    let x = domain.lower + across * (domain.upper - domain.lower)
    // The hotspot is the canvas and the x axis under it: the top row is full height, the
    // axis row is 0.
    let up = 1 - spot.fractionDown(event.y)
    return .paint(x: x, height: up, erase: button == .right, continuing: continuing)
  }
}
