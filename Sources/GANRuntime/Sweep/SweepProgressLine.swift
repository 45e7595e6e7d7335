extension SweepProgress {
  /// The progress bar as one line of at most `width` columns:
  /// `sweep  7/24 runs [████▌     ]  29%  0:12, about 0:31 left (2 jobs)`.
  public func line(width: Int, unicode: Bool = true) -> String {
    let fraction = totalWork > 0 ? min(max(work / totalWork, 0), 1) : 0
    let percent = Int((fraction * 100).rounded(.down))
    let left = secondsLeft.map { ", about \(Self.clock($0)) left" } ?? ""
    let head = "sweep \(finished)/\(total) runs "
    let tail = " \(percent)%  \(Self.clock(elapsed))\(left) (\(jobs) job\(jobs == 1 ? "" : "s"))"
    let barWidth = min(40, width - head.count - tail.count - 2)
    guard barWidth >= 5 else { return String((head + tail).prefix(max(0, width))) }
    let filled = fraction * Double(barWidth)
    let whole = Int(filled.rounded(.down))
    var bar = String(repeating: unicode ? "█" : "#", count: whole)
    if whole < barWidth {
      let eighths = Int(((filled - Double(whole)) * 8).rounded(.down))
      let partials: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
      bar.append(unicode ? partials[eighths] : (eighths >= 4 ? "-" : " "))
      bar += String(repeating: " ", count: barWidth - whole - 1)
    }
    return head + "[" + bar + "]" + tail
  }

  /// Seconds as m:ss, or h:mm:ss from an hour on.
  static func clock(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    let (h, m, r) = (s / 3600, (s % 3600) / 60, s % 60)
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return h > 0 ? "\(h):\(two(m)):\(two(r))" : "\(m):\(two(r))"
  }
}
