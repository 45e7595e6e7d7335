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
/// numbered from 0 in a fixed order (the settings in `Setting.allCases` order, the first
/// slowest, the seed fastest), so a cell index means the same run on every machine.
public struct SweepGrid: Sendable, Equatable {
  /// Every setting's values, in `Setting.allCases` order (defaults filled in).
  public let values: [(knob: Setting, values: [SettingValue])]
  /// The settings given on the command line (the others have their `train` default).
  public let given: Set<Setting>
  public let seeds: [UInt64]
  public let settings: SweepSettings

  public static func == (a: SweepGrid, b: SweepGrid) -> Bool {
    a.description == b.description
  }

  /// A grid from the knobs given (each with at least one value) and the seeds.
  public init(
    knobs: [Setting: [SettingValue]], seeds: [UInt64], settings: SweepSettings
  ) throws(SweepError) {
    for (knob, list) in knobs where list.isEmpty {
      throw SweepError("\(knob.flag) has no values")
    }
    for (knob, list) in knobs where list.count > 1 {
      if let reason = knob.singleValueReason {
        throw SweepError("\(knob.flag) takes one value here: \(reason)")
      }
    }
    let model = knobs[.model]?.first.map { $0.choice(NetModel.self) } ?? .perceptron
    for knob in knobs.keys where !knob.applies(to: model) {
      throw SweepError("\(knob.flag) does not apply to --model \(model.rawValue)")
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
    values = Setting.allCases.map { ($0, knobs[$0] ?? [$0.defaultValue(for: model)]) }
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
    // A combination the trainer refuses (--gp with a loss that has no interpolates, packing
    // with spectral normalisation) in any cell refuses the grid before any work, so that
    // `--dry-run` accepts exactly the grids that run. Cells that differ only in their seed
    // share a configuration, and a target is parsed once per spec.
    var targets: [String: Target] = [:]
    for configuration in 0..<(count / seeds.count) {
      _ = try cell(configuration * seeds.count).config(targets: &targets)
    }
  }

  /// The most cells a grid may have (10⁷): at a tenth of a second a cell, 12 days of one
  /// core; the cap keeps a mistyped range from starting a sweep that never ends.
  public static let mostCells = 10_000_000

  /// The number of cells.
  public let count: Int

  /// The knobs that take more than one value: the axes of a summary.
  public var axes: [Setting] { values.filter { $0.values.count > 1 }.map(\.knob) }

  /// The cell with index `index` (0 ..< count).
  public func cell(_ index: Int) -> SweepCell {
    var rest = index
    let seed = seeds[rest % seeds.count]
    rest /= seeds.count
    var chosen = [SettingValue](repeating: .whole(0), count: values.count)
    for position in values.indices.reversed() {
      let list = values[position].values
      chosen[position] = list[rest % list.count]
      rest /= list.count
    }
    var byKnob: [Setting: SettingValue] = [:]
    for (position, entry) in values.enumerated() { byKnob[entry.knob] = chosen[position] }
    return SweepCell(index: index, knobs: byKnob, given: given, seed: seed)
  }

  /// What identifies the grid: every knob's values, the seeds and the settings, one per line.
  /// Version 2 has every setting of the table (version 1 lacked noise-anneal, gp,
  /// spectral-norm and model, and its instance noise did not anneal), so a part written
  /// before is refused by resume and merge rather than mixed with cells that mean another run.
  public var description: String {
    var lines = ["ganscope sweep grid 2"]
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
  public let knobs: [Setting: SettingValue]
  let given: Set<Setting>
  public let seed: UInt64

  /// The run's settings: the given knobs' values over `train`'s defaults (so `--lr-d` and
  /// `--lr-g` default to `--lr`, as in `train`). The values were checked when parsed.
  public var settings: RunSettings {
    RunSettings.applying(knobs.filter { given.contains($0.key) })
  }

  /// The value of one knob in this cell.
  public func value(_ knob: Setting) -> SettingValue {
    knobs[knob] ?? settings.value(of: knob)
  }

  /// The configuration columns, in order: the names `train --config-columns` uses
  /// (`Setting.columnNames`) and each value's canonical text.
  public var configColumns: [(name: String, value: SettingValue)] {
    settings.columns(seed: seed)
  }

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
  /// parsed and added to it. A combination the trainer refuses (packing with spectral
  /// normalisation, say) is this cell's error.
  func config(targets: inout [String: Target]) throws(SweepError) -> TrainingConfig {
    do {
      return try RunSettings.given(knobs.filter { given.contains($0.key) })
        .configuration(seed: seed, targets: &targets)
    } catch {
      throw SweepError(error.description)
    }
  }

  /// A rough cost of one iteration, for the progress bar's estimate of the time left: the
  /// multiply-adds of k D steps on 2m rows and one G step through both nets on m rows.
  public var costPerIteration: Double {
    let s = settings
    let h = Double(s.architecture.width)
    let layers = Double(s.architecture.hiddenLayers)
    let perRow = h * h * (layers - 1) + 3 * h
    let m = Double(s.hyperparameters.batchSize)
    return perRow * m * (2 * Double(s.hyperparameters.discriminatorSteps) + 2)
  }
}
