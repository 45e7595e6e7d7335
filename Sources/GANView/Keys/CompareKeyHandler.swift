import GANCore

/// What one key press does in the comparison: the new state, each run's commands (in run
/// order, empty for a run the key does not act on), and whether the view ends or the
/// recordings toggle.
public struct CompareKeyOutcome: Sendable, Equatable {
  public var state: CompareState
  public var commands: [[ControlCommand]]
  public var quit: Bool
  public var toggleRecording: Bool

  public init(state: CompareState) {
    self.state = state
    commands = Array(repeating: [], count: state.runs.count)
    quit = false
    toggleRecording = false
  }
}

/// Turns a key into its outcome through `CompareKeys.table`. A training key is handed to
/// `LiveKeyHandler` once per selected run, with that run's snapshot, status and requested
/// values, so a key means exactly what it means in the live view; the footer shows the
/// first run's notice, prefixed with the runs it went to.
public enum CompareKeyHandler {
  public static func handle(
    _ key: Key, state: CompareState, snapshots: [Snapshot?], statuses: [LiveStatus],
    labels: [String]
  ) -> CompareKeyOutcome {
    var outcome = CompareKeyOutcome(state: state)
    guard let binding = CompareKeys.table.binding(for: key) else {
      outcome.state.view.post(SharedKeys.unboundNotice(key))
      return outcome
    }
    let count = state.runs.count
    switch binding.action {
    case .shared(let action):
      outcome.quit = SharedKeys.apply(action, to: &outcome.state.view)
    case .own(.selectNext):
      let next = (state.selected ?? -1) + 1
      outcome.state.selected = next < count ? next : nil
      outcome.state.view.post(selectionNotice(outcome.state.selected, labels: labels))
    case .own(.select):
      guard case .character(let c) = key, let digit = c.wholeNumberValue else { break }
      if digit == 0 {
        outcome.state.selected = nil
      } else if digit <= count {
        outcome.state.selected = digit - 1
      } else {
        outcome.state.view.post("there are \(count) runs; 0 selects all of them")
        break
      }
      outcome.state.view.post(selectionNotice(outcome.state.selected, labels: labels))
    case .own(.toggleDiscriminators):
      outcome.state.showDiscriminators.toggle()
      outcome.state.view.post(
        "each run's D(x) " + (outcome.state.showDiscriminators ? "on (dashed)" : "off"))
    case .own(.toggleRecording):
      outcome.toggleRecording = true
    case .own(.cycleDensityScale):
      outcome.state.cycleDensityScale()
    case .own(.train):
      var notice: String?
      for index in state.targets where index < count {
        let live = LiveKeyHandler.handle(
          key, state: state.runs[index],
          snapshot: index < snapshots.count ? snapshots[index] : nil,
          status: index < statuses.count ? statuses[index] : LiveStatus())
        outcome.state.runs[index] = live.state
        outcome.commands[index] = live.commands
        if notice == nil { notice = live.state.notice }
      }
      let whom = state.selected.map { "run \($0 + 1)" } ?? "all runs"
      outcome.state.view.post("\(whom): \(notice ?? binding.summary)")
    }
    return outcome
  }

  /// The footer's line after a selection.
  static func selectionNotice(_ selected: Int?, labels: [String]) -> String {
    guard let selected else { return "keys act on all runs" }
    let label = selected < labels.count ? " (\(labels[selected]))" : ""
    return "keys act on run \(selected + 1)\(label)"
  }
}
