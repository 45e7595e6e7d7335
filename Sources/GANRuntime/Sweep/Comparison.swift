import GANCore

/// The runs of `ganscope live --compare K=V[,V…]`: every combination of the compared knobs'
/// values (a small sweep grid of one seed), each run otherwise the same configuration. The
/// knobs, their values and their checks are the settings table's (`Setting`), so `--compare` and
/// `sweep` accept exactly the same words.
public struct Comparison: Sendable, Equatable {
  /// A side-by-side view has room for this many runs.
  public static let maximumRuns = 4

  /// One compared run: the knobs' values that set it apart and its label (`loss=minimax`).
  public struct Run: Sendable, Equatable {
    public let values: [(knob: Setting, value: SettingValue)]

    public static func == (a: Run, b: Run) -> Bool { a.label == b.label }

    /// `knob=value` of each compared knob, blank-separated (the run's column heading).
    public var label: String {
      values.map { "\($0.knob.rawValue)=\($0.value.text)" }.joined(separator: " ")
    }

    /// `base` with this run's values in place of the base's.
    public func config(from base: TrainingConfig) throws(SweepError) -> TrainingConfig {
      var settings = RunSettings(base)
      let model = base.architecture.model
      for (knob, value) in values {
        guard knob.applies(to: model) else {
          throw SweepError("--compare \(knob.rawValue) does not apply to --model \(model.rawValue)")
        }
        settings.set(knob, to: value)
      }
      if let problem = settings.hyperparameters.problem { throw SweepError(problem) }
      var config = base
      if settings.targetSpec != base.target.spec {
        do {
          config.target = try Target.parse(settings.targetSpec)
        } catch {
          throw SweepError("bad --target: \(error.description)")
        }
      }
      config.prior = settings.prior
      config.architecture = settings.architecture
      config.hyperparameters = settings.hyperparameters
      return config
    }
  }

  /// The runs in the grid's order (the first knob in `Setting.allCases` order varies
  /// slowest), so the same flags always give the same numbering.
  public let runs: [Run]

  /// Parses the `--compare` flags, each `KNOB=V[,V…]` with the sweep's knob names and value
  /// syntax (lists or ranges). Refuses an unknown knob, a knob given twice, an empty list,
  /// more than `maximumRuns` runs in all, and a comparison of a single run.
  public init(flags: [String]) throws(SweepError) {
    var knobs: [Setting: [SettingValue]] = [:]
    for flag in flags {
      guard let equals = flag.firstIndex(of: "=") else {
        throw SweepError(
          "--compare '\(flag)': expected KNOB=V1,V2 (for example loss=minimax,nonsaturating)")
      }
      let name = flag[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
      let list = String(flag[flag.index(after: equals)...])
      guard let knob = Setting(rawValue: name) else {
        let names = Setting.allCases.map(\.rawValue).joined(separator: ", ")
        throw SweepError("--compare: unknown knob '\(name)' (the knobs: \(names))")
      }
      if let reason = knob.singleValueReason {
        throw SweepError(
          "--compare \(name): \(reason); give \(knob.flag) itself, which every run then has")
      }
      guard knobs[knob] == nil else {
        throw SweepError(
          "--compare: \(name) is given twice; list its values once (\(name)=A,B)")
      }
      guard !list.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw SweepError("--compare \(name)= has no values: give a list like \(name)=A,B")
      }
      do {
        knobs[knob] = try knob.parseValues(list)
      } catch {
        // The sweep's messages name the flag `--knob`; here the knob came from --compare.
        let text = error.description
        let shown = text.hasPrefix(knob.flag) ? name + text.dropFirst(knob.flag.count) : text
        throw SweepError("--compare \(shown)")
      }
    }
    let count = knobs.values.reduce(1) { $0 * $1.count }
    guard count >= 2 else {
      throw SweepError(
        knobs.isEmpty
          ? "--compare needs KNOB=V1,V2 (for example loss=minimax,nonsaturating)"
          : "--compare gives a single run: list at least two values (e.g. k=1,5)")
    }
    guard count <= Self.maximumRuns else {
      throw SweepError(
        "--compare makes \(count) runs; at most \(Self.maximumRuns) fit side by side")
    }
    // One seed, default settings: the grid is used only for its numbering of the cells.
    let grid = try SweepGrid(knobs: knobs, seeds: [0], settings: SweepSettings())
    let order = Setting.allCases.filter { knobs[$0] != nil }
    runs = (0..<grid.count).map { index in
      let cell = grid.cell(index)
      return Run(values: order.map { ($0, cell.value($0)) })
    }
  }
}
