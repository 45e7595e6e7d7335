/// Decides when the next iteration is due at a target rate: credit accrues at `rate`
/// iterations per second and each iteration spends one. Credit is capped (50 ms worth, at
/// least one iteration), so after a stall the loop catches up only briefly instead of
/// bursting. Pure: the loop passes in the time.
struct Pacer {
  let rate: Double
  private var credit = 0.0
  private var lastTime: Double?

  init(rate: Double) { self.rate = rate }

  private var maximumCredit: Double { max(1, rate * 0.05) }

  /// 0 when an iteration may run now (its credit is spent), else the seconds to wait.
  mutating func delay(now: Double) -> Double {
    if let lastTime {
      credit = min(credit + max(now - lastTime, 0) * rate, maximumCredit)
    } else {
      credit = 1  // The first iteration after a (re)start runs at once.
    }
    lastTime = now
    if credit >= 1 {
      credit -= 1
      return 0
    }
    return (1 - credit) / rate
  }
}

/// Measures iterations per second over the last ~0.5 s from samples taken every 0.1 s.
struct RateMeter {
  private var samples: [(time: Double, iteration: Int)] = []
  private static let window = 5

  init() { samples.reserveCapacity(Self.window + 1) }

  /// Records the loop's position; returns a fresh rate when a new sample was taken.
  mutating func record(now: Double, iteration: Int) -> Double? {
    if let last = samples.last, now - last.time < 0.1 { return nil }
    samples.append((now, iteration))
    if samples.count > Self.window + 1 { samples.removeFirst() }
    guard let first = samples.first, now > first.time else { return nil }
    return Double(iteration - first.iteration) / (now - first.time)
  }
}
