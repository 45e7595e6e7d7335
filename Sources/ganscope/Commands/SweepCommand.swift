import ArgumentParser
import Foundation
import GANCore
import GANRuntime
import GANView

#if canImport(Glibc)
  import Glibc
#endif

/// `ganscope sweep`: a grid of runs over model flags given as lists or ranges, one run per
/// core, one JSON line per run (docs/sweeps.md); `merge` and `summary` work on its lines.
struct SweepCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract:
      "Train a grid of runs, one per CPU this process may use; one JSON line per run (docs/sweeps.md).",
    subcommands: [SweepRunCommand.self, SweepMergeCommand.self, SweepSummaryCommand.self],
    defaultSubcommand: SweepRunCommand.self)
}

/// The grid's flags: every model flag of `train`, each taking a list or a range.
struct SweepRunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a grid (the default: 'ganscope sweep --k 1,5 ...' is 'ganscope sweep run ...').",
    discussion: """
      Every model flag of 'train' takes a comma-separated list (--k 1,2,5, --loss \
      minimax,nonsaturating, --target gaussian,bimodal) or a range FROM:TO:lin:N or \
      FROM:TO:log:N (--lr 1e-4:1e-1:log:7). Cells are every combination, each with every \
      seed, numbered from 0 (the first knob of the list below varies slowest, the seed \
      fastest). Lines come out in cell order.
      """)

  // Every setting of the table (Setting.swift) is a knob: its flag takes a list or a range.
  @Option(name: .customLong("target"), parsing: .unconditional, help: Self.help(.target))
  var target: String?
  @Option(name: .customLong("prior"), parsing: .unconditional, help: Self.help(.prior))
  var prior: String?
  @Option(name: .customLong("loss"), parsing: .unconditional, help: Self.help(.loss))
  var loss: String?
  @Option(name: .customLong("optimizer"), parsing: .unconditional, help: Self.help(.optimizer))
  var optimizer: String?
  @Option(name: .customLong("activation"), parsing: .unconditional, help: Self.help(.activation))
  var activation: String?
  @Option(name: .customLong("hidden"), parsing: .unconditional, help: Self.help(.hidden))
  var hidden: String?
  @Option(name: .customLong("layers"), parsing: .unconditional, help: Self.help(.layers))
  var layers: String?
  @Option(name: .customLong("batch"), parsing: .unconditional, help: Self.help(.batch))
  var batch: String?
  @Option(name: .customLong("k"), parsing: .unconditional, help: Self.help(.k))
  var k: String?
  @Option(name: .customLong("lr"), parsing: .unconditional, help: Self.help(.lr))
  var lr: String?
  @Option(name: .customLong("lr-d"), parsing: .unconditional, help: Self.help(.lrD))
  var lrD: String?
  @Option(name: .customLong("lr-g"), parsing: .unconditional, help: Self.help(.lrG))
  var lrG: String?
  @Option(name: .customLong("beta1"), parsing: .unconditional, help: Self.help(.beta1))
  var beta1: String?
  @Option(name: .customLong("beta2"), parsing: .unconditional, help: Self.help(.beta2))
  var beta2: String?
  @Option(name: .customLong("epsilon"), parsing: .unconditional, help: Self.help(.epsilon))
  var epsilon: String?
  @Option(name: .customLong("momentum"), parsing: .unconditional, help: Self.help(.momentum))
  var momentum: String?
  @Option(name: .customLong("penalty"), parsing: .unconditional, help: Self.help(.penalty))
  var penalty: String?
  @Option(name: .customLong("gamma"), parsing: .unconditional, help: Self.help(.gamma))
  var gamma: String?
  @Option(name: .customLong("unroll"), parsing: .unconditional, help: Self.help(.unroll))
  var unroll: String?
  @Option(name: .customLong("updates"), parsing: .unconditional, help: Self.help(.updates))
  var updates: String?
  @Option(
    name: .customLong("instance-noise"), parsing: .unconditional, help: Self.help(.instanceNoise))
  var instanceNoise: String?
  @Option(name: .customLong("clip"), parsing: .unconditional, help: Self.help(.clip))
  var clip: String?
  @Option(name: .customLong("pack"), parsing: .unconditional, help: Self.help(.pack))
  var pack: String?
  @Option(name: .customLong("noise-anneal"), parsing: .unconditional, help: Self.help(.noiseAnneal))
  var noiseAnneal: String?
  @Option(name: .customLong("gp"), parsing: .unconditional, help: Self.help(.gp))
  var gp: String?
  @Option(
    name: .customLong("spectral-norm"), parsing: .unconditional, help: Self.help(.spectralNorm))
  var spectralNorm: String?
  @Option(name: .customLong("model"), parsing: .unconditional, help: Self.help(.model))
  var model: String?
  @Option(name: .customLong("consensus"), parsing: .unconditional, help: Self.help(.consensus))
  var consensus: String?

  /// A knob's help: the setting's, with what a sweep takes.
  private static func help(_ setting: Setting) -> ArgumentHelp {
    let values: String =
      switch setting.kind {
      case .whole, .real: "list|range"
      case .word, .target: "list"
      case .toggle: "off,on"
      }
    let single = setting.singleValueReason.map { " One value per sweep: \($0)." } ?? ""
    return ArgumentHelp(setting.help + single, valueName: values)
  }

  /// The text given for a setting's flag (nil: not given).
  private func text(_ setting: Setting) -> String? {
    switch setting {
    case .target: target
    case .prior: prior
    case .loss: loss
    case .optimizer: optimizer
    case .activation: activation
    case .hidden: hidden
    case .layers: layers
    case .batch: batch
    case .k: k
    case .lr: lr
    case .lrD: lrD
    case .lrG: lrG
    case .beta1: beta1
    case .beta2: beta2
    case .epsilon: epsilon
    case .momentum: momentum
    case .penalty: penalty
    case .gamma: gamma
    case .unroll: unroll
    case .updates: updates
    case .instanceNoise: instanceNoise
    case .clip: clip
    case .pack: pack
    case .noiseAnneal: noiseAnneal
    case .gp: gp
    case .spectralNorm: spectralNorm
    case .model: model
    case .consensus: consensus
    }
  }

  @Option(parsing: .unconditional, help: "Seeds 1...N for every configuration (default 1).")
  var seeds: Int?
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("Explicit seeds instead of --seeds (a list).", valueName: "list"))
  var seed: String?

  @Option(parsing: .unconditional, help: "Training iterations of every run.")
  var iterations: Int = 5000
  @Option(parsing: .unconditional, help: "Check JSD every E iterations (for iterations_to_jsd).")
  var every: Int = 200
  @Option(parsing: .unconditional, help: "The JSD a run must fall below to count as reached.")
  var jsdThreshold: Double = 0.05
  @Option(
    parsing: .unconditional,
    help: "Collapsed: final sd of G(z) below this fraction of p_data's sd.")
  var collapseRatio: Double = 0.1

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Runs at a time, or auto: the CPUs this process may use (its affinity mask and cgroup "
        + "CPU quota; the default).", valueName: "n|auto"))
  var jobs: String?
  @Option(help: "Run only part i of n (1-based): the cells whose index mod n is i-1.")
  var shard: String?
  @Option(help: "Append lines to this file; cells already in it are skipped (resume).")
  var out: String?
  @Flag(help: "Add each run's seconds and training seconds to its line (not deterministic).")
  var timing = false
  @Flag(help: "Print the grid and how many cells it has, and run nothing.")
  var dryRun = false

  /// The grid and shard, built (and so checked) once.
  func plan() throws(SweepError) -> (SweepGrid, SweepShard?, SweepJobs) {
    var knobs: [Setting: [SettingValue]] = [:]
    for knob in Setting.allCases {
      if let text = text(knob) { knobs[knob] = try knob.parseValues(text) }
    }
    let seedList: [UInt64]
    switch (seeds, seed) {
    case (.some, .some): throw SweepError("give --seeds N or --seed LIST, not both")
    case (.some(let n), nil):
      guard (1...SweepGrid.mostCells).contains(n) else {
        throw SweepError("--seeds must be from 1 to \(SweepGrid.mostCells), got \(n)")
      }
      seedList = (1...n).map(UInt64.init)
    case (nil, .some(let text)):
      let items = text.split(separator: ",", omittingEmptySubsequences: false)
      var list: [UInt64] = []
      for item in items {
        guard let s = UInt64(item.trimmingCharacters(in: .whitespaces)), s <= UInt64(Int.max) else {
          throw SweepError("--seed '\(text)': seeds are whole numbers >= 0, e.g. 1,2,3")
        }
        list.append(s)
      }
      seedList = list
    case (nil, nil): seedList = [1]
    }
    let grid = try SweepGrid(
      knobs: knobs, seeds: seedList,
      settings: SweepSettings(
        iterations: iterations, every: every, jsdThreshold: jsdThreshold,
        collapseRatio: collapseRatio))
    let jobs = try jobs.map { text throws(SweepError) in try SweepJobs.parse(text) } ?? .auto
    return (
      grid, try shard.map { text throws(SweepError) in try SweepShard.parse(text) }, jobs
    )
  }

  func validate() throws {
    do {
      _ = try plan()
    } catch {
      throw ValidationError(error.description)
    }
  }

  func run() throws {
    // Every line is one write to a file opened for appending, so a signal between two lines
    // leaves whole lines; a torn one is cut when the sweep is resumed.
    let resumable = out.map { " the lines written stay in '\($0)': run the same command to resume" }
    // The runs written so far, for the line a signal leaves in a batch job's log.
    let log = SweepLog()
    let signals = HeadlessSignals { number in
      let written = log.latest.map { " after \($0.finished) of \($0.total) runs" } ?? ""
      HeadlessSignals.exit(after: number, written + (resumable.map { ";" + $0 } ?? ""))
    }
    defer { signals.stop() }
    let (grid, shard, jobsWanted) = try badInput { () throws(SweepError) in try plan() }
    let allowance = CPUAllowance.current()
    let jobs = jobsWanted.resolved { allowance }
    if dryRun {
      // The grid as its hash reads it, with a long seed list cut to its first ten.
      for line in grid.description.split(separator: "\n") {
        guard line.hasPrefix("seed="), grid.seeds.count > 10 else {
          Output.line(String(line))
          continue
        }
        let shown = grid.seeds.prefix(10).map(String.init).joined(separator: ",")
        Output.line("seed=\(shown),… (\(grid.seeds.count) seeds)")
      }
      let part = grid.indices(shard: shard)
      Output.line(
        "grid \(grid.hash): \(grid.count) cells"
          + (shard.map { ", shard \($0.index)/\($0.count): \(part.count) cells" } ?? ""))
      for index in part.prefix(3) { Output.line("cell \(index): " + grid.cell(index).identity) }
      switch jobsWanted {
      case .auto: Output.line("jobs: \(jobs) (auto: \(allowance.explanation))")
      case .count(let n):
        Output.line(
          "jobs: \(n) (--jobs; auto would be \(allowance.cpus): \(allowance.explanation))")
      }
      return
    }
    // Standard output: a reader that went away (`| head`) ends the sweep quietly, as in
    // `train`; any other failure (a full disk) ends it at once with one line and exit 1.
    // (`write` runs with the runner's lock held, so no other line is half written.)
    var sink: @Sendable (String) -> Bool = { line in
      Output.line(line)
      return true
    }
    var resumed = 0
    var pending = grid.indices(shard: shard)
    var outFD: Int32?
    if let out {
      // Locked before it is read, and for the whole sweep: a second sweep on the same file
      // is refused instead of writing every cell twice.
      let fd = try AppendingFile.open(out)
      outFD = fd
      let done = try SweepOutput.resume(out, fd: fd, grid: grid, shard: shard)
      pending = grid.indices(shard: shard, skipping: done)
      resumed = grid.indices(shard: shard).count - pending.count
      let name = RecordingError.quoted(out)
      sink = { line in
        guard !Output.write(line + "\n", to: fd) else { return true }
        Output.errorNow(
          "cannot write to '\(name)': \(FilePath.reason(errno)); the lines before stay in it: "
            + "run the same command again to resume")
        Glibc.exit(1)
      }
    }
    let bar = SweepBar.forStandardError()
    let write = sink
    let writeLine: @Sendable (String) -> Bool = { line in
      bar?.clear()
      return write(line)
    }
    let start = Clock.now()
    // On a terminal a bar drawn over itself; in a log (a batch job's output) a plain line at
    // most every 30 s. `log` keeps the latest progress either way.
    let draw: @Sendable (SweepProgress) -> Void = { progress in
      let line = log.line(for: progress)
      if let bar {
        bar.draw(progress)
      } else if let line {
        Output.errorNow(line)
      }
    }
    let runTiming = timing
    let written = try badInput { () throws(SweepError) in
      try SweepRunner.run(
        grid: grid, indices: pending, jobs: jobs, timing: runTiming, progress: draw,
        write: writeLine)
    }
    bar?.clear()
    // A failed write ends the program in `sink`, so every line was written; this says so
    // if that ever stops being true.
    if written < pending.count {
      throw RunFailure.runtime("\(written) of \(pending.count) lines written; run again to resume")
    }
    if let out, let outFD, resumed > 0 { try SweepOutput.sortInPlace(out, lockHeldBy: outFD) }
    let usedJobs = min(jobs, max(1, pending.count))
    if bar == nil {
      Output.errorNow(
        SweepLog.closingLine(
          ran: pending.count, skipped: resumed, diverged: log.latest?.diverged ?? 0, out: out,
          seconds: Clock.now() - start, jobs: usedJobs))
    } else {
      Output.errorNow(
        "sweep: \(pending.count) runs in \(SweepBar.clock(Clock.now() - start)) on "
          + "\(usedJobs) jobs"
          + (resumed > 0 ? " (\(resumed) already in \(out ?? ""))" : ""))
    }
  }
}

/// `ganscope sweep merge`: the parts of a sharded sweep as one, in cell order.
struct SweepMergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Merge the parts of a sharded sweep, checking that no cell is missing or twice.")

  @Argument(help: "The parts (the --out files of every shard).") var files: [String]
  @Option(help: "Write to this file instead of standard output.") var out: String?

  func validate() throws {
    guard !files.isEmpty else { throw ValidationError("merge needs at least one file") }
  }

  func run() throws {
    let signals = HeadlessSignals()
    defer { signals.stop() }
    if let out { try OutputFile.check(out, inputs: files) }
    var lines: [SweepLine] = []
    for file in files { lines += try SweepOutput.read(file, allowTorn: false) }
    let merged = try badInput { () throws(SweepError) in try SweepMerge.merge(lines) }
    guard let out else {
      for line in merged { Output.line(line.text) }
      return
    }
    try OutputFile.writeLines(out, inputs: files) { write in
      for line in merged { write(line.text) }
    }
  }
}

/// `ganscope sweep summary`: mean ± sd over seeds per configuration, and a phase diagram.
struct SweepSummaryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "summary",
    abstract: "Mean ± sd over seeds per configuration, and a heatmap of a metric over two knobs.")

  @Argument(help: "Sweep output files (or the parts of one).") var files: [String]
  @Option(help: "The metric: a column of Metric.table, iterations_to_jsd, diverged or collapsed.")
  var metric: String = "jsd"
  @Option(help: "The heatmap's x axis: a knob (default: the first that varies).") var x: String?
  @Option(help: "The heatmap's y axis: a knob (default: the second that varies, else seed).")
  var y: String?
  @Option(help: "Also write the heatmap as SVG to this file.") var svg: String?
  @Flag(help: "Draw with ASCII characters only.") var ascii = false

  func validate() throws {
    guard !files.isEmpty else { throw ValidationError("summary needs at least one file") }
  }

  func run() throws {
    let signals = HeadlessSignals()
    defer { signals.stop() }
    if let svg { try OutputFile.check(svg, inputs: files) }
    var lines: [SweepLine] = []
    for file in files { lines += try SweepOutput.read(file, allowTorn: true) }
    // Means over seeds would silently count a cell twice (two sweeps on one --out).
    try badInput { () throws(SweepError) in try SweepMerge.checkNoCellTwice(lines) }
    guard !lines.isEmpty else {
      throw RunFailure.badInput("no sweep lines in \(files.joined(separator: ", "))")
    }
    let summary = SweepSummary(lines)
    let (table, heatmap) = try badInput { () throws(SweepError) -> (String, SweepHeatmap?) in
      let table = try summary.table(metric: metric)
      let xAxis =
        try x.map { n throws(SweepError) in try summary.column(forAxis: n) }
        ?? summary.varying.first
      guard let xAxis else { return (table, nil) }
      let yAxis =
        try y.map { n throws(SweepError) in try summary.column(forAxis: n) }
        ?? summary.varying.first(where: { $0 != xAxis && !summary.sameInEveryLine($0, xAxis) })
        ?? "seed"
      return (table, try summary.heatmap(metric: metric, x: xAxis, y: yAxis))
    }
    Output.line(table)
    guard let heatmap else {
      if svg != nil { throw RunFailure.badInput("no knob varies: there is no heatmap to draw") }
      return
    }
    Output.line("")
    Output.line(heatmap.text(unicode: !ascii && SweepBar.localeIsUTF8()))
    if let svg {
      try OutputFile.write(svg, inputs: files) { write in write(HeatmapPicture(heatmap).svg()) }
    }
  }
}

/// Turns a sweep error into bad input (exit 2).
func badInput<R>(_ body: () throws(SweepError) -> R) throws -> R {
  do {
    return try body()
  } catch {
    throw RunFailure.badInput(error.description)
  }
}
