/// A request to end a headless run early — a signal on `train` — that may arrive before the
/// run has started, while it runs, or after it ended. The run then stops at its next
/// iteration boundary like a finished one: the frames so far are delivered and recorded and
/// the recording ends cleanly ("stopped cleanly" in `info`).
public final class StopRequest: Sendable {
  private struct State: Sendable {
    var requested = false
    var runtime: TrainingRuntime?
  }

  private let state = Locked(State())

  public init() {}

  /// Asks the run to stop; returns at once (the runtime stops on a queue of its own).
  public func request() {
    let runtime = state.withLock { s -> TrainingRuntime? in
      s.requested = true
      return s.runtime
    }
    runtime?.requestStop()
  }

  public var isRequested: Bool { state.withLock { $0.requested } }

  /// The runtime a request stops; stopped at once if a request came first.
  func attach(_ runtime: TrainingRuntime) {
    let already = state.withLock { s -> Bool in
      s.runtime = runtime
      return s.requested
    }
    if already { runtime.requestStop() }
  }
}
