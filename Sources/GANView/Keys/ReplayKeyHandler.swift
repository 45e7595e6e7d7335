/// What a replay key asks of the replay loop beyond the new state.
public enum ReplayEffect: Sendable, Equatable {
  case quit
  /// Start a live run from this 0-based frame.
  case branch(frame: Int)
}

/// The new state after a replay key, and what the loop must do.
public struct ReplayKeyOutcome: Sendable, Equatable {
  public var state: ReplayState
  public var effect: ReplayEffect?

  public init(state: ReplayState, effect: ReplayEffect? = nil) {
    self.state = state
    self.effect = effect
  }
}

/// Turns a key into its outcome through `ReplayKeys.table`: the shared rows through
/// `SharedKeys`, the replay's own here. Pure: (state, key) → (state, effect).
public enum ReplayKeyHandler {
  public static func handle(_ key: Key, state: ReplayState) -> ReplayKeyOutcome {
    var outcome = ReplayKeyOutcome(state: state)
    guard let binding = ReplayKeys.table.binding(for: key) else {
      outcome.state.view.post(SharedKeys.unboundNotice(key))
      return outcome
    }
    switch binding.action {
    case .shared(let action):
      if SharedKeys.apply(action, key: key, to: &outcome.state.view) { outcome.effect = .quit }
    case .own(let action):
      apply(action, key: key, to: &outcome)
    }
    return outcome
  }

  private static func apply(
    _ action: ReplayAction, key: Key, to outcome: inout ReplayKeyOutcome
  ) {
    let state = outcome.state
    switch action {
    case .togglePlay:
      outcome.state.togglePlay()
    case .stepFrame:
      // Single frames are for looking closely: stop playback, as `.` does in the live view.
      outcome.state.pause()
      let direction = key == .left ? -1 : 1
      let target = state.frame + direction
      if target < 0 || target > state.lastFrame {
        outcome.state.view.post(target < 0 ? "this is the first frame" : lastFrameNotice)
      } else {
        outcome.state.seek(to: target)
      }
    case .stepTenth:
      let back = key == .pageUp || key == .shiftLeft
      let tenth = max(state.frameCount / 10, 1)
      outcome.state.seek(to: state.frame + (back ? -tenth : tenth))
    case .jumpToEnd:
      outcome.state.seek(to: key == .home ? 0 : state.lastFrame)
    case .jumpToDecile:
      guard case .character(let digit) = key, let tenths = digit.wholeNumberValue else { return }
      outcome.state.seek(to: state.frameCount * tenths / 10)
    case .changeSpeed:
      outcome.state.changeSpeed(by: key == "<" ? -1 : 1)
    case .branch:
      outcome.state.pause()
      outcome.effect = .branch(frame: state.frame)
    }
  }

  static let lastFrameNotice = "this is the last frame; b branches a live run from here"
}
