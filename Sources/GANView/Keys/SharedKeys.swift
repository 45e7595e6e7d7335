/// What the rows every view shares do: the figure's toggles, the help, quitting. They act
/// only on `ViewState`, which every view carries, so one handler serves them all.
public enum SharedAction: Sendable, Hashable, CaseIterable {
  case toggleOptimalOverlay
  case toggleHistogram
  case toggleArrows
  /// f: the density axis fitted to p_data, to every curve, or in decades.
  case cycleDensityScale
  /// v: plot → history → space-time → phase.
  case cycleMainPane
  /// m y z Z: the history's next metric, log / linear y, zoom in / out (history and
  /// space-time); the key pressed says which.
  case adjustLens
  case toggleHelp
  case closeHelp
  case quit
}

extension KeyBinding {
  /// o h a f: the figure's toggles. `inFooter`: whether their hints may take room in the
  /// footer (the replay's footer keeps its room for moving through the recording).
  public static func figureToggles(inFooter: Bool) -> [KeyBinding] {
    func row(_ key: Character, _ summary: String, hint: String?, _ action: SharedAction)
      -> KeyBinding
    {
      KeyBinding(
        [.character(key)], String(key), summary, hint: inFooter ? hint : nil,
        action: .shared(action))
    }
    return [
      row("o", "D*(x) overlay on / off", hint: "D*", .toggleOptimalOverlay),
      row("h", "p_g as histogram / curve", hint: "bars", .toggleHistogram),
      row("a", "grad D arrows on / off", hint: "arrows", .toggleArrows),
      row("f", KeyBinding.densityScaleSummary, hint: nil, .cycleDensityScale),
    ]
  }

  /// The `f` row's summary, the same in every table that binds it.
  public static var densityScaleSummary: String { "density axis: data/all/log" }

  /// f in the comparisons' tables, whose own action it is.
  static func densityScale(_ action: Own) -> KeyBinding {
    KeyBinding(["f"], "f", densityScaleSummary, action)
  }

  /// v m y z Z: which picture the main pane shows, and how the pictures over time look at
  /// the run. Only `v` takes room in the footer; the others act on those pictures.
  public static var mainPaneKeys: [KeyBinding] {
    [
      KeyBinding(
        ["v"], "v", "next view (plot..spectrum)", hint: "view",
        action: .shared(.cycleMainPane)),
      KeyBinding(
        ["m", "M", "y"], "m M y", "history: metrics, log y",
        mouse: "click a metric: its history", action: .shared(.adjustLens)),
      KeyBinding(
        ["z", "Z", "(", ")"], "z Z ( )", "zoom in/out, earlier/later",
        mouse: "wheel: zoom; drag: earlier/later", action: .shared(.adjustLens)),
    ]
  }

  /// ? Esc q: the last rows of every table, so every footer ends with "? help · q quit".
  public static var helpAndQuit: [KeyBinding] {
    [
      KeyBinding(
        ["?"], "?", "this help", hint: "help",
        mouse: "click a word of the status line: what it means", action: .shared(.toggleHelp)),
      KeyBinding([Key.escape], "Esc", "close this help", action: .shared(.closeHelp)),
      KeyBinding(["q"], "q", "quit", hint: "quit", action: .shared(.quit)),
    ]
  }
}

/// The one handler of the shared rows, and what every view says about a key it does not
/// bind.
public enum SharedKeys {
  /// The keys page's last line; it names the keys of `KeyBinding.helpAndQuit` that go on
  /// to the glossary (`Glossary`) and that close it.
  public static let helpClosing = "? the mouse, then a glossary; Esc closes"

  /// Applies a shared row to the view's state; returns true when the view ends (q).
  public static func apply(_ action: SharedAction, key: Key? = nil, to state: inout ViewState)
    -> Bool
  {
    switch action {
    case .toggleOptimalOverlay:
      state.showOptimalOverlay.toggle()
      state.post("D* overlay " + (state.showOptimalOverlay ? "on" : "off"))
    case .toggleHistogram:
      state.showHistogram.toggle()
      state.post("p_g as " + (state.showHistogram ? "histogram bars" : "a curve"))
    case .toggleArrows:
      state.showArrows.toggle()
      state.post("grad D arrows " + (state.showArrows ? "on" : "off"))
    case .cycleDensityScale:
      state.cycleDensityScale()
    case .cycleMainPane:
      state.cycleMainPane()
    case .adjustLens:
      state.adjustLens(key)
    case .toggleHelp:
      // ? opens the keys, then the words and the marks on screen, then closes.
      if !state.showHelp {
        state.showHelp = true
        state.helpPage = .keys
      } else if let next = state.helpPage.next {
        state.helpPage = next
      } else {
        state.showHelp = false
      }
    case .closeHelp:
      state.showHelp = false
    case .quit:
      return true
    }
    return false
  }

  /// The notice for a key no row of the view's table binds.
  public static func unboundNotice(_ key: Key) -> String {
    "key \(key.name) does nothing; ? lists the keys"
  }
}
