/// A sweep's progress for a log file: when standard error is not a terminal (a batch job's
/// `slurm-*.out`, `kubectl logs`, `2> log`), a plain line at most every `interval` seconds
/// instead of a bar drawn over itself, and a closing line. Calls come from the runner's
/// threads, one at a time (it reports with its lock held); the state has its own lock anyway.
public final class SweepLog: Sendable {
  /// Seconds between two progress lines, at least.
  public let interval: Double
  private let state = Locked(State())

  private struct State: Sendable {
    var lastLine = 0.0
    var latest: SweepProgress?
  }

  public init(interval: Double = 30) { self.interval = interval }

  /// The line to log for `progress`, or nil: when the last line (or the start) is less than
  /// `interval` seconds ago, and when every run is written (the closing line says that).
  public func line(for progress: SweepProgress) -> String? {
    state.withLock { s in
      s.latest = progress
      guard progress.finished < progress.total, progress.elapsed - s.lastLine >= interval else {
        return nil
      }
      s.lastLine = progress.elapsed
      return progress.logLine
    }
  }

  /// The last progress reported, if any.
  public var latest: SweepProgress? { state.withLock { $0.latest } }

  /// The closing line: `sweep: 16 runs, 8 skipped (already in part-2.jsonl), 1 diverged;
  /// 3 min 5 s on 4 jobs`. `skipped` are the cells `--out` already held (a resume).
  public static func closingLine(
    ran: Int, skipped: Int, diverged: Int, out: String?, seconds: Double, jobs: Int
  ) -> String {
    var text = "sweep: \(ran) run\(ran == 1 ? "" : "s"), \(skipped) skipped"
    if skipped > 0, let out { text += " (already in \(out))" }
    text += ", \(diverged) diverged; \(duration(seconds)) on \(jobs) job\(jobs == 1 ? "" : "s")"
    return text
  }

  /// A duration for a log: "42.3 s", "3 min 5 s", "2 h 5 min".
  public static func duration(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    if s >= 3600 { return "\(s / 3600) h \((s % 3600) / 60) min" }
    if s >= 60 { return "\(s / 60) min \(s % 60) s" }
    let tenths = Int((max(0, seconds) * 10).rounded())
    return "\(tenths / 10).\(tenths % 10) s"
  }
}

extension SweepProgress {
  /// One plain progress line for a log:
  /// `sweep: 7/24 runs, 29% of the work, 0:12 elapsed, about 0:31 left, 2 jobs`.
  public var logLine: String {
    let fraction = totalWork > 0 ? min(max(work / totalWork, 0), 1) : 0
    let percent = Int((fraction * 100).rounded(.down))
    let left = secondsLeft.map { ", about \(Self.clock($0)) left" } ?? ""
    let divergedText = diverged > 0 ? ", \(diverged) diverged" : ""
    return "sweep: \(finished)/\(total) runs\(divergedText), \(percent)% of the work, "
      + "\(Self.clock(elapsed)) elapsed\(left), \(jobs) job\(jobs == 1 ? "" : "s")"
  }
}
