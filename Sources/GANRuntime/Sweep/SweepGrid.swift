import GANCore

/// How each run of a sweep is trained and judged (the same for every cell).
public struct SweepSettings: Sendable, Equatable {
  /// Training iterations of each run.
  public var iterations: Int
  /// JSD is checked every this many iterations (and at the end).
  public var every: Int
  /// A run "reaches" the target at the first check with JSD below this (nats).
  public var jsdThreshold: Double
  /// A run has collapsed when its final sd of G(z) is below this fraction of p_data's sd.
  public var collapseRatio: Double

  public init(
    iterations: Int = 5000, every: Int = 200, jsdThreshold: Double = 0.05,
    collapseRatio: Double = 0.1
  ) {
    self.iterations = iterations
    self.every = every
    self.jsdThreshold = jsdThreshold
    self.collapseRatio = collapseRatio
  }
}

/// A grid of runs: every combination of the knobs' values, each with every seed. Cells are
/// numbered from 0 in a fixed order (the knobs in `SweepKnob.allCases` order, the first
/// slowest, the seed fastest), so a cell index means the same run on every machine.
public struct SweepGrid: Sendable, Equatable {
  /// Every knob's values, in `SweepKnob.allCases` order (defaults filled in).
  public let values: [(knob: SweepKnob, values: [SweepValue])]
  /// The knobs given on the command line (the others have their `train` default).
  public let given: Set<SweepKnob>
  public let seeds: [UInt64]
  public let settings: SweepSettings

  public static func == (a: SweepGrid, b: SweepGrid) -> Bool {
    a.description == b.description
  }

  /// A grid from the knobs given (each with at least one value) and the seeds.
  public init(
    knobs: [SweepKnob: [SweepValue]], seeds: [UInt64], settings: SweepSettings
  ) throws(SweepError) {
    for (knob, list) in knobs where list.isEmpty {
      throw SweepError("\(knob.flag) has no values")
    }
    guard !seeds.isEmpty else { throw SweepError("--seeds must give at least one seed") }
    guard Set(seeds).count == seeds.count else { throw SweepError("a seed is listed twice") }
    guard settings.iterations >= 1 else {
      throw SweepError("--iterations must be >= 1, got \(settings.iterations)")
    }
    guard settings.every >= 1 else {
      throw SweepError("--every must be >= 1, got \(settings.every)")
    }
    guard settings.jsdThreshold > 0, settings.collapseRatio >= 0 else {
      throw SweepError("--jsd-threshold must be > 0 and --collapse-ratio >= 0")
    }
    if (knobs[.lr]?.count ?? 0) > 1, knobs[.lrD] != nil, knobs[.lrG] != nil {
      throw SweepError("--lr has no effect when both --lr-d and --lr-g are given")
    }
    values = SweepKnob.allCases.map { ($0, knobs[$0] ?? [$0.defaultValue]) }
    given = Set(knobs.keys)
    self.seeds = seeds
    self.settings = settings
    // Refused before any work: a bigger grid would not finish in anyone's lifetime on a
    // cluster, and its count might not even fit an Int.
    var cells = seeds.count
    for (_, list) in values {
      let (product, overflow) = cells.multipliedReportingOverflow(by: list.count)
      guard !overflow, product <= Self.mostCells else {
        throw SweepError(
          "the grid has more than \(Self.mostCells) cells (\(overflow ? "over 9e18" : "at least \(product)")); a sweep runs at most "
            + "\(Self.mostCells) (10^7): give fewer values, or split it into several sweeps")
      }
      cells = product
    }
    count = cells
  }

  /// The most cells a grid may have (10⁷): at a tenth of a second a cell, 12 days of one
  /// core; the cap keeps a mistyped range from starting a sweep that never ends.
  public static let mostCells = 10_000_000

  /// The number of cells.
  public let count: Int

  /// The knobs that take more than one value: the axes of a summary.
  public var axes: [SweepKnob] { values.filter { $0.values.count > 1 }.map(\.knob) }

  /// The cell with index `index` (0 ..< count).
  public func cell(_ index: Int) -> SweepCell {
    var rest = index
    let seed = seeds[rest % seeds.count]
    rest /= seeds.count
    var chosen = [SweepValue](repeating: .whole(0), count: values.count)
    for position in values.indices.reversed() {
      let list = values[position].values
      chosen[position] = list[rest % list.count]
      rest /= list.count
    }
    var byKnob: [SweepKnob: SweepValue] = [:]
    for (position, entry) in values.enumerated() { byKnob[entry.knob] = chosen[position] }
    return SweepCell(index: index, knobs: byKnob, given: given, seed: seed)
  }

  /// What identifies the grid: every knob's values, the seeds and the settings, one per line.
  public var description: String {
    var lines = ["ganscope sweep grid 1"]
    lines.append("iterations=\(settings.iterations)")
    lines.append("every=\(settings.every)")
    lines.append("jsd-threshold=\(settings.jsdThreshold)")
    lines.append("collapse-ratio=\(settings.collapseRatio)")
    for (knob, list) in values {
      let text =
        (knob == .lrD || knob == .lrG) && !given.contains(knob)
        ? "lr" : list.map(\.text).joined(separator: ",")
      lines.append("\(knob.rawValue)=\(text)")
    }
    lines.append("seed=" + seeds.map { "\($0)" }.joined(separator: ","))
    return lines.joined(separator: "\n")
  }

  /// A short hash of `description` (FNV-1a, 64 bits, hex): every line of a sweep carries it,
  /// so `merge` can tell parts of different grids apart.
  public var hash: String { Self.fnv1a(description) }

  static func fnv1a(_ text: String) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      h ^= UInt64(byte)
      h = h &* 0x0000_0100_0000_01b3
    }
    let hex = String(h, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }

  /// The cell indices of one shard, in order (enumerated lazily).
  public func indices(shard: SweepShard?, skipping done: Set<Int> = []) -> SweepIndices {
    SweepIndices(total: count, shard: shard, skipping: done)
  }
}

/// Part `index` of `count` (1-based): the cells whose index modulo `count` is `index − 1`.
public struct SweepShard: Sendable, Equatable {
  public let index: Int
  public let count: Int

  public init(index: Int, count: Int) throws(SweepError) {
    guard count >= 1, count <= SweepGrid.mostCells, (1...count).contains(index) else {
      throw SweepError(
        "--shard \(index)/\(count): need 1 <= i <= n <= \(SweepGrid.mostCells) (shards are numbered from 1, e.g. 1/4 ... 4/4)"
      )
    }
    self.index = index
    self.count = count
  }

  /// Parses `i/n`.
  public static func parse(_ text: String) throws(SweepError) -> SweepShard {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
      throw SweepError("--shard '\(text)': expected i/n, e.g. 1/4 (shards are numbered from 1)")
    }
    return try SweepShard(index: i, count: n)
  }
}

/// One run of a grid: its index, its knobs' values and its seed.
public struct SweepCell: Sendable, Equatable {
  public let index: Int
  public let knobs: [SweepKnob: SweepValue]
  let given: Set<SweepKnob>
  public let seed: UInt64

  /// D's and G's step sizes: `--lr-d`/`--lr-g` where given, else `--lr` (as `train`).
  var lrD: Float { (given.contains(.lrD) ? knobs[.lrD]! : knobs[.lr]!).real }
  var lrG: Float { (given.contains(.lrG) ? knobs[.lrG]! : knobs[.lr]!).real }

  /// The configuration columns, in order: the names `train --config-columns` uses (those
  /// of `SweepCell.configColumnNames`) and each value's canonical text.
  public var configColumns: [(name: String, value: SweepValue)] {
    [
      ("seed", .whole(Int(seed))), ("k", knobs[.k]!), ("lr_d", .real(lrD)), ("lr_g", .real(lrG)),
      ("loss", knobs[.loss]!), ("optimizer", knobs[.optimizer]!), ("batch", knobs[.batch]!),
      ("hidden", knobs[.hidden]!), ("layers", knobs[.layers]!),
      ("activation", knobs[.activation]!), ("target", knobs[.target]!), ("prior", knobs[.prior]!),
      ("penalty", knobs[.penalty]!), ("gamma", knobs[.gamma]!), ("unroll", knobs[.unroll]!),
      ("updates", knobs[.updates]!), ("instance_noise", knobs[.instanceNoise]!),
      ("beta1", knobs[.beta1]!), ("beta2", knobs[.beta2]!), ("epsilon", knobs[.epsilon]!),
      ("momentum", knobs[.momentum]!), ("clip", knobs[.clip]!), ("pack", knobs[.pack]!),
    ]
  }

  /// The configuration columns of every sweep line (those of `train --config-columns`).
  public static let configColumnNames: [String] = [
    "seed", "k", "lr_d", "lr_g", "loss", "optimizer", "batch", "hidden", "layers",
    "activation", "target", "prior", "penalty", "gamma", "unroll", "updates", "instance_noise",
    "beta1", "beta2", "epsilon", "momentum", "clip", "pack",
  ]

  /// The cell's identity: its configuration and seed (what `--out` resume compares).
  public var identity: String {
    configColumns.map { "\($0.name)=\($0.value.text)" }.joined(separator: " ")
  }

  /// The run's configuration.
  public func config() throws(SweepError) -> TrainingConfig {
    var targets: [String: Target] = [:]
    return try config(targets: &targets)
  }

  /// The run's configuration, its target taken from `targets` (parsed targets by spec) or
  /// parsed and added to it.
  func config(targets: inout [String: Target]) throws(SweepError) -> TrainingConfig {
    let spec = knobs[.target]!.word
    let target: Target
    if let parsed = targets[spec] {
      target = parsed
    } else {
      do {
        target = try Target.parse(spec)
      } catch {
        throw SweepError("bad --target: \(error.description)")
      }
      targets[spec] = target
    }
    let settings = OptimizerSettings(
      kind: OptimizerKind(rawValue: knobs[.optimizer]!.word)!, momentum: knobs[.momentum]!.real,
      beta1: knobs[.beta1]!.real, beta2: knobs[.beta2]!.real, epsilon: knobs[.epsilon]!.real)
    let config = TrainingConfig(
      target: target, prior: Prior(rawValue: knobs[.prior]!.word)!,
      architecture: Architecture(
        width: knobs[.hidden]!.whole, hiddenLayers: knobs[.layers]!.whole,
        activation: Activation(rawValue: knobs[.activation]!.word)!),
      hyperparameters: Hyperparameters(
        discriminatorSteps: knobs[.k]!.whole, batchSize: knobs[.batch]!.whole,
        discriminatorStepSize: lrD, generatorStepSize: lrG,
        loss: Loss(rawValue: knobs[.loss]!.word)!, optimizer: settings,
        stabilizers: Stabilizers(
          penalty: GradientPenalty(rawValue: knobs[.penalty]!.word)!,
          penaltyWeight: knobs[.gamma]!.real, unrolledSteps: knobs[.unroll]!.whole,
          updateScheme: UpdateScheme(rawValue: knobs[.updates]!.word)!,
          instanceNoise: knobs[.instanceNoise]!.real, instanceNoiseAnneal: 0,
          clip: knobs[.clip]!.real, pack: knobs[.pack]!.whole)),
      seed: seed)
    // A combination the trainer refuses (packing with a slope penalty, say).
    if let problem = config.hyperparameters.problem { throw SweepError(problem) }
    return config
  }

  /// A rough cost of one iteration, for the progress bar's estimate of the time left: the
  /// multiply-adds of k D steps on 2m rows and one G step through both nets on m rows.
  public var costPerIteration: Double {
    let h = Double(knobs[.hidden]!.whole)
    let layers = Double(knobs[.layers]!.whole)
    let perRow = h * h * (layers - 1) + 3 * h
    let m = Double(knobs[.batch]!.whole)
    return perRow * m * (2 * Double(knobs[.k]!.whole) + 2)
  }
}
