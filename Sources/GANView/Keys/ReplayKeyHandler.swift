/// What a replay key asks of the replay loop beyond the new state.
public enum ReplayEffect: Sendable, Equatable {
  case quit
  /// Start a live run from this 0-based frame.
  case branch(frame: Int)
}

/// The new state after a key, and what the loop must do.
public struct ReplayOutcome: Sendable, Equatable {
  public var state: ReplayState
  public var effect: ReplayEffect?

  public init(state: ReplayState, effect: ReplayEffect? = nil) {
    self.state = state
    self.effect = effect
  }
}

/// Turns a key into its outcome through `ReplayKeyTable`. Pure: (state, key) → (state,
/// effect).
public enum ReplayKeyHandler {
  public static func handle(_ key: KeyPress, state: ReplayState) -> ReplayOutcome {
    var outcome = ReplayOutcome(state: state)
    guard let binding = ReplayKeyTable.binding(for: key) else {
      outcome.state.view.post("key \(describe(key)) does nothing; ? lists the keys")
      return outcome
    }
    apply(binding.action, key: key, to: &outcome)
    return outcome
  }

  private static func apply(_ action: ReplayAction, key: KeyPress, to outcome: inout ReplayOutcome)
  {
    let state = outcome.state
    switch action {
    case .togglePlay:
      outcome.state.togglePlay()
    case .stepFrame:
      // Single frames are for looking closely: stop playback, as `.` does in the live view.
      outcome.state.pause()
      let direction = key == .function(.left) ? -1 : 1
      let target = state.frame + direction
      if target < 0 || target > state.lastFrame {
        outcome.state.view.post(target < 0 ? "this is the first frame" : lastFrameNotice)
      } else {
        outcome.state.seek(to: target)
      }
    case .stepTenth:
      let back = key == .function(.pageUp) || key == .function(.shiftLeft)
      let tenth = max(state.frameCount / 10, 1)
      outcome.state.seek(to: state.frame + (back ? -tenth : tenth))
    case .jumpToEnd:
      outcome.state.seek(to: key == .function(.home) ? 0 : state.lastFrame)
    case .jumpToDecile:
      guard case .character(let digit) = key, let tenths = digit.wholeNumberValue else { return }
      outcome.state.seek(to: state.frameCount * tenths / 10)
    case .changeSpeed:
      outcome.state.changeSpeed(by: key == .character("<") ? -1 : 1)
    case .branch:
      outcome.state.pause()
      outcome.effect = .branch(frame: state.frame)
    case .toggleOptimalOverlay:
      outcome.state.view.showOptimalOverlay.toggle()
      outcome.state.view.post(
        "D* overlay " + (outcome.state.view.showOptimalOverlay ? "on" : "off"))
    case .toggleHistogram:
      outcome.state.view.showHistogram.toggle()
      outcome.state.view.post(
        "p_g as " + (outcome.state.view.showHistogram ? "histogram bars" : "a curve"))
    case .toggleArrows:
      outcome.state.view.showArrows.toggle()
      outcome.state.view.post("grad D arrows " + (outcome.state.view.showArrows ? "on" : "off"))
    case .toggleHelp:
      outcome.state.view.showHelp.toggle()
    case .closeHelp:
      outcome.state.view.showHelp = false
    case .quit:
      outcome.effect = .quit
    }
  }

  static let lastFrameNotice = "this is the last frame; b branches a live run from here"

  /// A key as a notice can show it.
  static func describe(_ key: KeyPress) -> String {
    switch key {
    case .character(let character): KeyHandler.describe(character)
    case .function(let name): name.rawValue
    }
  }
}
