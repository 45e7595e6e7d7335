import GANCore
import Testing

@testable import GANView

/// The target editor: what the keys and the mouse do to a drawing, and what a drawing
/// means as a target.
@Suite struct TargetSketchTests {
  static let running = LiveStatus(paused: false, pace: .iterationsPerSecond(300))

  func press(_ key: Key, _ state: ViewState) -> LiveKeyOutcome {
    LiveKeyHandler.handle(key, state: state, snapshot: Fixture.snapshot(), status: Self.running)
  }

  func opened() -> ViewState {
    let outcome = press("T", Fixture.state())
    #expect(outcome.commands.isEmpty)
    return outcome.state
  }

  @Test func tOpensTheEditorOnTheCurrentTarget() throws {
    let state = opened()
    let sketch = try #require(state.sketch)
    #expect(sketch.heights.count == TargetSketch.columns(for: sketch.lower...sketch.upper))
    // The canvas is the view around the target, widened to 12 and ending on whole numbers.
    let grid = Fixture.snapshot().grid
    #expect(sketch.lower...sketch.upper == TargetSketch.canvas(around: grid))
    #expect(sketch.upper - sketch.lower >= TargetSketch.minimumWidth)
    #expect(sketch.lower <= grid.lower && sketch.upper >= grid.upper)
    #expect(sketch.lower == sketch.lower.rounded() && sketch.upper == sketch.upper.rounded())
    // The fixture's target is normal(4, 0.5): one hill, peaking at 3/4 of the height near 4.
    #expect(sketch.hills == 1)
    let peak = sketch.heights.indices.max { sketch.heights[$0] < sketch.heights[$1] }!
    #expect(abs(sketch.center(of: peak) - 4) < 0.3)
    #expect(sketch.heights[peak] == TargetSketch.levels * 3 / 4)
    // While it is open, the live keys wait: k sends nothing.
    #expect(press("k", state).commands.isEmpty)
    // The Dirac-GAN has no density to draw.
    var dirac = Fixture.snapshot()
    dirac.metrics.discriminatorSlope = 0.5
    let refused = LiveKeyHandler.handle(
      "T", state: Fixture.state(), snapshot: dirac, status: Self.running)
    #expect(refused.state.sketch == nil && refused.state.notice?.contains("Dirac") == true)
  }

  @Test func keysRaiseLowerSmoothClearAndUndo() throws {
    var state = press("c", opened()).state
    #expect(state.sketch?.hills == 0)
    // Enter on an empty drawing applies nothing and says what to do.
    let empty = press("\r", state)
    #expect(empty.commands.isEmpty && empty.state.sketch != nil)
    #expect(empty.state.notice?.contains("empty") == true)
    for _ in 0..<4 { state = press(.up, state).state }
    let cursor = try #require(state.sketch).cursor
    #expect(state.sketch?.heights[cursor] == 4)
    state = press(.down, state).state
    #expect(state.sketch?.heights[cursor] == 3)
    state = press(.right, state).state
    #expect(state.sketch?.cursor == cursor + 1)
    state = press(.shiftLeft, state).state
    #expect(state.sketch?.cursor == cursor + 1 - (state.sketch?.heights.count ?? 0) / 8)
    state = press("s", state).state
    // 1 2 1 over [0, 3, 0]: the column keeps (0 + 6 + 0 + 2) / 4 = 2, its neighbours 1.
    #expect(state.sketch?.heights[cursor] == 2)
    #expect(state.sketch?.heights[cursor - 1] == 1 && state.sketch?.heights[cursor + 1] == 1)
    state = press("u", state).state
    #expect(state.sketch?.heights[cursor] == 3 && state.sketch?.heights[cursor + 1] == 0)
    state = press("u", state).state
    #expect(state.sketch?.heights[cursor] == 4)
    // Esc keeps the old target: no command, the editor closes.
    let cancelled = press(Key.escape, state)
    #expect(cancelled.commands.isEmpty && cancelled.state.sketch == nil)
  }

  /// Two hills painted with the mouse on the screen the editor really draws, applied with
  /// Enter: a drawn target with two modes, exactly what its own spec parses to.
  @Test(arguments: [(80, 24), (120, 40)])
  func theMousePaintsTwoHillsAndEnterTrainsOnThem(size: (Int, Int)) throws {
    var state = press("c", opened()).state
    let grid = Screen.render(
      snapshot: Fixture.snapshot(), state: state, status: Self.running, width: size.0,
      height: size.1, symbols: .unicode)
    let canvas = try #require(
      grid.hotspots.first { if case .plotCanvas = $0.target { true } else { false } })
    var tracker = MouseTracker()
    func stroke(from: Int, to: Int, row: Int) {
      var events = [MouseEvent(.left, .press, x: from, y: row)]
      for x in stride(from: from + 3, through: to, by: 3) {
        events.append(MouseEvent(.left, .drag, x: x, y: row))
      }
      events.append(MouseEvent(.left, .release, x: to, y: row))
      for event in events {
        for intent in tracker.intents(for: event, on: grid, helpShown: false) {
          #expect(state.apply(intent) == nil)
        }
      }
    }
    let quarter = canvas.width / 4
    stroke(
      from: canvas.x + quarter - 3, to: canvas.x + quarter + 3, row: canvas.y + canvas.height / 3)
    stroke(from: canvas.x + 3 * quarter - 3, to: canvas.x + 3 * quarter + 3, row: canvas.y)
    let sketch = try #require(state.sketch)
    #expect(sketch.hills == 2)
    // The second hill was painted at the top row: full height.
    #expect(sketch.heights.max() == TargetSketch.levels)
    // A right-button press erases.
    var erased = state
    for intent in tracker.intents(
      for: MouseEvent(.right, .press, x: canvas.x + 3 * quarter, y: canvas.y), on: grid,
      helpShown: false)
    {
      _ = erased.apply(intent)
    }
    let erasedHeights = try #require(erased.sketch).heights
    #expect(erasedHeights != sketch.heights)

    let outcome = press("\r", state)
    #expect(outcome.state.sketch == nil)
    guard case .setTarget(let target)? = outcome.commands.first, outcome.commands.count == 1 else {
      Issue.record("Enter sent \(outcome.commands)")
      return
    }
    #expect(target.name == "drawn")
    #expect(try Target.parse(target.spec) == target)
    let modes = try #require(target.distribution.modes)
    #expect(modes.count == 2)
    // The hills are where they were painted: around the first and third quarter of x.
    let span = sketch.upper - sketch.lower
    let centers = modes.map { ($0.interval.lowerBound + $0.interval.upperBound) / 2 }
    #expect(abs(centers[0] - (sketch.lower + span / 4)) < span / 10)
    #expect(abs(centers[1] - (sketch.lower + 3 * span / 4)) < span / 10)
    // The taller hill has more mass.
    #expect(modes[1].weight > modes[0].weight)
    // t leaves the drawing for the presets, and comes back to it after the last one.
    var state2 = outcome.state
    var seen: [String] = []
    for _ in 0...Target.presetNames.count {
      var snapshot = Fixture.snapshot()
      snapshot.targetName = seen.last ?? "drawn"
      let next = LiveKeyHandler.handle("t", state: state2, snapshot: snapshot, status: Self.running)
      guard case .setTarget(let t)? = next.commands.first else { break }
      seen.append(t.name)
      state2 = next.state
      state2.requested = RequestedValues()
    }
    #expect(seen.first == Target.presetNames.first && seen.last == "drawn")
  }

  /// About 64 columns, each a round width, so a column's edges print short.
  @Test func columnsHaveRoundWidths() {
    #expect(TargetSketch.columns(for: -6...8) == 70)  // 0.2 wide
    #expect(TargetSketch.columns(for: -2...10) == 60)  // 0.2
    #expect(TargetSketch.columns(for: -10...22) == 64)  // 0.5
    #expect(TargetSketch.columns(for: 0...100) == 50)  // 2
    let sketch = TargetSketch(lower: -6, upper: 8, columns: 70)
    #expect(abs(sketch.center(of: 0) + 5.9) < 1e-12)
  }

  @Test func aFastDragLeavesNoGaps() {
    var sketch = TargetSketch(lower: 0, upper: 64, columns: 64)
    sketch.paint(at: 10.5, height: 0.5, erase: false, continuing: false)
    sketch.paint(at: 20.5, height: 1, erase: false, continuing: true)
    sketch.endStroke()
    #expect(sketch.heights[10...20].allSatisfy { $0 > 0 })
    #expect(sketch.heights[10] == 8 && sketch.heights[20] == 16 && sketch.heights[15] == 12)
    #expect(sketch.hills == 1)
    // One stroke is one undo step.
    let undone = sketch.undo()
    #expect(undone)
    #expect(sketch.heights.allSatisfy { $0 == 0 })
    let again = sketch.undo()
    #expect(!again)
  }

  @Test func theSpecSaysOnlyWhatWasDrawnAndParsesBackExactly() throws {
    var sketch = TargetSketch(lower: -2.5, upper: 10.3, columns: 64)
    sketch.paint(at: 0, height: 0.5, erase: false, continuing: false)
    sketch.paint(at: 1, height: 0.5, erase: false, continuing: true)
    let drawn = try #require(sketch.drawn)
    // Empty columns at the ends are left out; the interval is the painted columns'.
    #expect((drawn.heights.first ?? 0) > 0 && (drawn.heights.last ?? 0) > 0)
    #expect(drawn.lower <= 0 && drawn.upper >= 1 && drawn.upper - drawn.lower < 1.5)
    let target = try #require(sketch.target)
    #expect(target.spec == drawn.spec)
    #expect(TargetSketch.rounded(0.1 + 0.2, column: 0.1) == 0.3)
    #expect(TargetSketch.rounded(-2.5, column: 0.25) == -2.5)
    #expect(TargetSketch(lower: 0, upper: 1, columns: 8).target == nil)
  }

  /// The spec's interval is the painted columns' own, near 0 and far from it (a canvas
  /// around 10^6 once rounded its edges to six digits, moving them by whole columns).
  @Test(arguments: [-6.0, 999_994, -1e7 - 6, 123.4])
  func theSpecsEdgesAreThePaintedColumns(lower: Double) throws {
    let canvas = lower...(lower + 12)
    let count = TargetSketch.columns(for: canvas)
    var sketch = TargetSketch(lower: canvas.lowerBound, upper: canvas.upperBound, columns: count)
    let width = 12 / Double(count)
    for (first, last) in [(3, 9), (0, 0), (count - 1, count - 1), (0, count - 1)] {
      _ = sketch.clear()
      sketch.paint(at: sketch.center(of: first), height: 0.5, erase: false, continuing: false)
      sketch.paint(at: sketch.center(of: last), height: 0.5, erase: false, continuing: true)
      sketch.endStroke()
      let drawn = try #require(sketch.drawn)
      #expect(drawn.heights.count == last - first + 1)
      #expect(abs(drawn.lower - (lower + Double(first) * width)) <= width / 100)
      #expect(abs(drawn.upper - (lower + Double(last + 1) * width)) <= width / 100)
      // What the spec says is what was drawn: its target has the painted interval.
      let target = try #require(sketch.target)
      let mode = try #require(target.distribution.modes?.first)
      #expect(mode.interval == drawn.lower...drawn.upper)
      #expect(try Target.parse(target.spec) == target)
    }
  }

  @Test(arguments: [(80, 24), (120, 40)])
  func theEditorScreenCutsNothing(size: (Int, Int)) {
    let grid = Screen.render(
      snapshot: Fixture.snapshot(), state: opened(), status: Self.running, width: size.0,
      height: size.1, symbols: .unicode)
    let text = grid.text
    #expect(!text.contains("…"))
    #expect(text.contains("your p_data: 1 hill"))
    #expect(text.contains("Enter trains on it, Esc keeps the old target"))
    #expect(text.contains("drag paints"))
    // The footer, once the opening notice has gone, keeps Enter and Esc at every width.
    let footer = SketchKeys.table.footer(width: size.0 - 2, symbols: .unicode)
    #expect(footer.contains("Enter apply") && footer.contains("Esc cancel"))
  }
}
