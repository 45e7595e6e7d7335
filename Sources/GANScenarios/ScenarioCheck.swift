import GANCore

/// A scenario's claim checked on several seeds: every seed must show it.
public struct ScenarioCheck: Sendable {
  public let scenario: String
  public let statement: String
  /// Each seed with what its run measured.
  public let seeds: [(seed: UInt64, measurements: [Measurement])]

  /// True when the claim held on every seed.
  public var passed: Bool { seeds.allSatisfy { $0.measurements.allSatisfy(\.passed) } }

  /// How many seeds showed the claim.
  public var seedsPassed: Int { seeds.filter { $0.measurements.allSatisfy(\.passed) }.count }

  /// The last line of the report: "  PASS (3 of 3 seeds)".
  public var verdict: String {
    "  " + (passed ? "PASS" : "FAIL") + " (\(seedsPassed) of \(seeds.count) seeds)"
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
    return ScenarioCheck(scenario: name, statement: claim.statement, seeds: results)
  }
}
