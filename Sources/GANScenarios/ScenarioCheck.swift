import GANCore

/// A scenario's claim checked on several seeds: it must hold on as many as its quota asks.
public struct ScenarioCheck: Sendable {
  public let scenario: String
  public let statement: String
  public let quota: SeedQuota
  /// Each seed with what its run measured.
  public let seeds: [(seed: UInt64, measurements: [Measurement])]

  public init(
    scenario: String, statement: String, quota: SeedQuota = .every,
    seeds: [(seed: UInt64, measurements: [Measurement])]
  ) {
    self.scenario = scenario
    self.statement = statement
    self.quota = quota
    self.seeds = seeds
  }

  /// How many seeds showed the claim.
  public var seedsPassed: Int { seeds.filter { $0.measurements.allSatisfy(\.passed) }.count }

  /// How many of the seeds checked must show it.
  public var seedsRequired: Int { quota.required(of: seeds.count) }

  /// True when at least the quota's share of the seeds showed the claim.
  public var passed: Bool { !seeds.isEmpty && seedsPassed >= seedsRequired }

  /// The measurement nearest to failing on one seed (the smallest margin; a yes/no
  /// observation counts only when it fails), or nil when no measurement has a margin.
  static func tightest(_ measurements: [Measurement]) -> Measurement? {
    let failedObservation = measurements.first { $0.margin == nil && !$0.passed }
    if let failedObservation { return failedObservation }
    return measurements.filter { $0.margin != nil }.min { $0.margin! < $1.margin! }
  }

  /// The seed whose tightest measurement is nearest to failing (or fails the most), with
  /// that measurement.
  public var worst: (seed: UInt64, measurement: Measurement)? {
    var result: (seed: UInt64, measurement: Measurement)?
    for (seed, measurements) in seeds {
      guard let tight = Self.tightest(measurements) else { continue }
      guard let current = result else {
        result = (seed, tight)
        continue
      }
      if Self.rank(tight) < Self.rank(current.measurement) { result = (seed, tight) }
    }
    return result
  }

  /// A failed yes/no observation ranks below every margin.
  private static func rank(_ m: Measurement) -> Double {
    m.margin ?? (m.passed ? .infinity : -.infinity)
  }

  /// "PASS 10/10 seeds (needs every seed) · worst: seed 107, modes kept at 10000 4 vs > 3.5,
  /// margin 14%".
  public var verdict: String {
    var line =
      "  " + (passed ? "PASS" : "FAIL") + " \(seedsPassed)/\(seeds.count) seeds (needs "
      + (quota.isUniversal ? "all \(seeds.count)" : "\(seedsRequired): \(quota.words)") + ")"
    if let worst {
      let m = worst.measurement
      line += " · worst: seed \(worst.seed), \(m.name) \(m.shown) vs \(m.condition)"
      if let margin = m.margin { line += ", margin " + ScenarioFormat.percent(margin) }
    }
    return line
  }

  /// The report: the claim, one line per seed with every measured number, and the verdict.
  public var lines: [String] {
    ["\(scenario): \(statement)"]
      + seeds.map { ScenarioFormat.seedLine(seed: $0.seed, $0.measurements) } + [verdict]
  }
}

extension Scenario {
  /// Runs the scenario on each seed (one after another, on the calling thread) and checks
  /// its claim; `progress` receives each seed's result as soon as it is known.
  public func check(
    seeds: [UInt64], progress: (UInt64, [Measurement]) -> Void = { _, _ in }
  ) -> ScenarioCheck {
    var results: [(seed: UInt64, measurements: [Measurement])] = []
    for seed in seeds {
      let measurements = check(run(seed: seed))
      progress(seed, measurements)
      results.append((seed, measurements))
    }
    return ScenarioCheck(
      scenario: name, statement: claim.statement, quota: claim.quota, seeds: results)
  }
}

/// The seeds `demo --check` runs (its `--seeds`): a count N of each scenario's held-out
/// seeds, or an explicit list of seeds and ranges ("1-8", "3,5,7", "101-110,120").
public struct SeedChoice: Sendable, Equatable {
  /// N held-out seeds per scenario, or nil for the explicit `list`.
  public let count: Int?
  public let list: [UInt64]

  public struct Problem: Error, Equatable {
    public let message: String
  }

  public init(_ text: String) throws(Problem) {
    if let n = Int(text) {
      guard (1...100).contains(n) else {
        throw Problem(message: "--seeds must be between 1 and 100, got \(n)")
      }
      count = n
      list = []
      return
    }
    var seeds: [UInt64] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      let ends = part.split(separator: "-", omittingEmptySubsequences: false)
      guard (1...2).contains(ends.count), let low = UInt64(ends[0]),
        let high = UInt64(ends[ends.count - 1]), low <= high, high - low < 1000
      else {
        throw Problem(
          message:
            "--seeds takes a count (1...100) or a list of seeds and ranges such as 1-8,12; got '\(text)'"
        )
      }
      seeds += Array(low...high)
    }
    guard seeds.count <= 1000 else {
      throw Problem(message: "--seeds lists \(seeds.count) seeds; at most 1000")
    }
    count = nil
    list = seeds
  }

  /// The seeds to check `scenario` on.
  public func seeds(for scenario: Scenario) -> [UInt64] {
    count.map { scenario.heldOutSeeds(count: $0) } ?? list
  }
}
