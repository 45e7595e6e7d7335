import GANRuntime

#if canImport(Glibc)
  import Glibc
#endif

/// The recordings of one live session: the one `--record` started and those toggled with
/// `R`. Main thread only, like everything else the live loop touches.
@MainActor
final class RecordingControl {
  private let runtime: TrainingRuntime
  private var active: Recorder?
  private var failures: [String] = []
  /// Whether the running recording's failure has been shown.
  private var announced = false

  init(runtime: TrainingRuntime, initial: Recorder? = nil) {
    self.runtime = runtime
    active = initial
  }

  /// The file being written, for the status line; nil when none is (or it failed).
  var activePath: String? {
    guard let active, active.error == nil else { return nil }
    return active.path
  }

  /// The line to show once when the running recording has just failed (a full disk), or nil.
  func failureNotice() -> String? {
    guard let active, !announced, let error = active.error else { return nil }
    announced = true
    return "recording stopped: \(error)"
  }

  /// Whether a recording is running (a comparison starts or stops all of its runs' at once).
  var isRecording: Bool { active != nil }

  /// Starts a recording to a new file in the current directory (or to `path`: a
  /// comparison names each run's file), or stops the one running; returns a line for the
  /// footer. A file that cannot be created throws its message.
  func toggle(path chosen: String? = nil) throws -> String {
    if let recorder = active {
      active = nil
      return finish(recorder)
    }
    let path = chosen ?? Self.newPath()
    do {
      active = try Recorder(runtime: runtime, path: path)
      announced = false
    } catch {
      throw RecordingToggleError(description: error.description)
    }
    return "recording to \(path) (R stops)"
  }

  /// Stops the running recording; returns one line per recording of the session that failed.
  func finish() -> [String] {
    if let recorder = active {
      active = nil
      _ = finish(recorder)
    }
    return failures
  }

  private func finish(_ recorder: Recorder) -> String {
    recorder.stop()
    if let error = recorder.error {
      let line = "recording to \(recorder.path) failed: \(error)"
      failures.append(line)
      return line
    }
    return "saved \(recorder.framesWritten) frames to \(recorder.path)"
  }

  /// ganscope-YYYYMMDD-HHMMSS.gans, with a counter if that name is taken.
  static func newPath() -> String {
    var now = time(nil)
    var parts = tm()
    localtime_r(&now, &parts)
    func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
    let stamp =
      "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))-"
      + "\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))"
    var path = "ganscope-\(stamp).gans"
    var counter = 2
    while access(path, F_OK) == 0 {
      path = "ganscope-\(stamp)-\(counter).gans"
      counter += 1
    }
    return path
  }
}

/// Why `R` could not start a recording (shown in the footer).
struct RecordingToggleError: Error, CustomStringConvertible {
  var description: String
}
