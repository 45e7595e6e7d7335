import GANCore

/// What the target editor's keys do (`T` or `live --draw` opens it over the plot).
public enum SketchAction: Sendable, Hashable, CaseIterable {
  case moveCursor
  case raise
  case smooth
  case clear
  case undo
  case apply
  case cancel
}

/// The target editor's key table: while it is open it takes every key (the training goes
/// on underneath, so k, η and the rest wait until it closes).
public enum SketchKeys {
  public static let table = KeyTable<SketchAction>(
    title: "draw the target p_data",
    bindings: [
      KeyBinding(
        [.left, .right, .shiftLeft, .shiftRight], "Left Right",
        "move the column cursor (Shift: by 1/8)", hint: "move", .moveCursor),
      KeyBinding(
        [.up, .down], "Up Down", "raise / lower the column under it", hint: "height",
        mouse: "drag on the plot paints, right button erases", .raise),
      KeyBinding(["s"], "s", "smooth the drawing", hint: "smooth", .smooth),
      KeyBinding(["c"], "c", "clear it", hint: "clear", .clear),
      KeyBinding(["u"], "u", "undo the last edit", hint: "undo", .undo),
      KeyBinding(["\r", "\n"], "Enter", "train on it (the run goes on)", hint: "apply", .apply),
      KeyBinding(
        [Key.escape], "Esc", "close the help, else keep the old target", hint: "cancel",
        .cancel),
      KeyBinding(["?"], "?", "this help", action: .shared(.toggleHelp)),
      KeyBinding(["q"], "q", "quit", action: .shared(.quit)),
    ])
}

/// Applies the editor's keys and the mouse's strokes to `ViewState.sketch`. Pure, like the
/// live view's handler it stands in for while the editor is open.
public enum SketchKeyHandler {
  public static func handle(_ key: Key, state: ViewState, snapshot: Snapshot?) -> LiveKeyOutcome {
    var outcome = LiveKeyOutcome(state: state)
    guard var sketch = state.sketch else { return outcome }
    guard let binding = SketchKeys.table.binding(for: key) else {
      outcome.state.post(
        "drawing the target: " + SketchKeys.table.footer(width: 60, symbols: .ascii))
      return outcome
    }
    switch binding.action {
    case .shared(let action):
      outcome.quit = SharedKeys.apply(action, key: key, to: &outcome.state)
      return outcome
    case .own(let action):
      switch action {
      case .moveCursor:
        let fast = max(sketch.heights.count / 8, 1)
        let step: Int =
          switch key {
          case .left: -1
          case .right: 1
          case .shiftLeft: -fast
          case .shiftRight: fast
          case .character, .up, .down, .pageUp, .pageDown, .home, .end, .backspace, .mouse: 0
          }
        sketch.moveCursor(by: step)
        outcome.state.post(describe(sketch, at: sketch.cursor))
      case .raise:
        sketch.raise(by: key == .up ? 1 : -1)
        outcome.state.post(describe(sketch, at: sketch.cursor))
      case .smooth:
        outcome.state.post(sketch.smooth() ? "smoothed" : "smooth already")
      case .clear:
        outcome.state.post(sketch.clear() ? "cleared: draw from nothing" : "nothing to clear")
      case .undo:
        outcome.state.post(sketch.undo() ? "undone" : "nothing to undo")
      case .apply:
        if outcome.state.showHelp {
          outcome.state.showHelp = false
          return outcome
        }
        guard let target = sketch.target else {
          outcome.state.post("the drawing is empty: raise a column (Up) or drag on the plot")
          outcome.state.sketch = sketch
          return outcome
        }
        outcome.commands = [.setTarget(target)]
        outcome.state.request { $0.targetName = target.name.lowercased() }
        outcome.state.sketch = nil
        outcome.state.drawnTarget = target
        let hills = sketch.hills
        outcome.state.post(
          "target = your drawing (\(hills) hill\(hills == 1 ? "" : "s")); "
            + "on quit ganscope prints it as --target")
        return outcome
      case .cancel:
        if outcome.state.showHelp {
          outcome.state.showHelp = false
          return outcome
        }
        outcome.state.sketch = nil
        outcome.state.post("target unchanged")
        return outcome
      }
    }
    outcome.state.sketch = sketch
    return outcome
  }

  /// A mouse stroke's intent (`MouseTracker`).
  public static func handle(_ intent: MouseIntent, state: ViewState) -> ViewState {
    var state = state
    guard var sketch = state.sketch else { return state }
    switch intent {
    case .paint(let x, let height, let erase, let continuing):
      sketch.paint(at: x, height: height, erase: erase, continuing: continuing)
      state.post(describe(sketch, at: sketch.cursor))
    case .endStroke:
      sketch.endStroke()
    case .key, .showMetric, .seek, .pan, .closeHelp, .explain:
      return state
    }
    state.sketch = sketch
    return state
  }

  /// The notice after an edit: where the cursor is and how high.
  static func describe(_ sketch: TargetSketch, at column: Int) -> String {
    let x = NumberFormat.fitting(sketch.center(of: column), width: 10, significant: 8)
    return "x = \(x): height \(sketch.heights[column]) of \(TargetSketch.levels)"
  }
}
