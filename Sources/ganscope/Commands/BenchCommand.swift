import ArgumentParser
import GANCore
import GANRuntime
import GANView

#if canImport(Glibc)
  import Glibc
#endif

/// The canonical workload (docs/theory.md), timed exactly as the peer implementations in
/// PyTorch, JAX and NumPy time it and printed as the same one-line JSON, so the peers'
/// runner can run it beside them (docs/performance.md).
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Time the canonical 1-D GAN workload and print one JSON line like the peer scripts.")

  // The flags are those of every other command (--hidden, --batch, --iterations, --target
  // SPEC); the peer scripts' names (--H, --m, --iters, --target normal|mixture) stay as
  // aliases, so the peer benchmark scripts run this command unchanged.
  @Option(name: [.customLong("hidden"), .customLong("H")], help: "Hidden width H (alias --H).")
  var width: Int = 32
  @Option(name: [.customLong("batch"), .customLong("m")], help: "Minibatch size m (alias --m).")
  var batchSize: Int = 128
  @Option(name: .customLong("k"), help: "D steps per iteration.") var discriminatorSteps: Int = 1
  @Option(
    name: [.customLong("iterations"), .customLong("iters")],
    help: "Total training iterations (alias --iters).")
  var iters: Int = 5000
  @Option(help: "Leading iterations excluded from the timing.") var warmup: Int = 500
  @Option(help: "Accepted for compatibility; ganscope trains on one thread.") var threads: Int = 1
  @Option(help: "Seed.") var seed: UInt64 = 0
  @Option(
    help: ArgumentHelp(
      "p_data: a preset or spec as for 'train' (default gaussian = N(4, 0.5²)); the peers' normal and mixture (= bimodal) are aliases.",
      valueName: "spec"))
  var target: String = "gaussian"
  @Option(help: "The game's loss (as for train; the canonical workload is nonsaturating).")
  var loss: Loss?

  /// The loss benched: `--loss`, or WGAN-GP for `--gp`, or the canonical nonsaturating.
  var chosenLoss: Loss { ((try? fixes.loss(given: loss)) ?? loss) ?? .nonsaturating }
  @OptionGroup var fixes: StabilizerOptions
  @Option(help: "Write the 10,000 scored G samples here, one per line.")
  var samplesOut: String?

  @Flag(
    help: """
      Instead of the peers' workload, compare the bare trainer with the live runtime at full \
      speed while a viewer reads the latest snapshot 60 times a second (3 alternating rounds).
      """)
  var withViewer = false

  @Option(
    help:
      "With --with-viewer: iterations between published snapshots (default: the live view's cadence at full speed)."
  )
  var publishEvery: Int?

  @Option(
    help: ArgumentHelp(
      "With --with-viewer: the viewer composes a 120x40 screen of this view 30 times a second (plot, history, spacetime, phase, spectrum: its spectrum computed in the background about once a second) instead of only reading the snapshot.",
      valueName: "view"))
  var view: BenchView?

  @Flag(
    help:
      "Instead of training, time one product J·u of the game's Jacobian against one evaluation of the field and one trainer iteration (after --warmup iterations)."
  )
  var jacobian = false

  @Option(help: "With --with-viewer: seconds per measurement round.")
  var seconds: Double = 2

  /// The target spec: the peers' names mapped to the presets they mean.
  var targetSpec: String {
    switch target.lowercased() {
    case "normal": "gaussian"
    case "mixture": "bimodal"
    default: target
    }
  }

  /// The `target` field of the JSON line: the peers' names for their two workloads.
  var targetLabel: String {
    switch targetSpec.lowercased() {
    case "gaussian": "normal"
    case "bimodal": "mixture"
    default: targetSpec
    }
  }

  func validate() throws {
    guard threads >= 1 else { throw ValidationError("--threads must be >= 1, got \(threads)") }
    guard iters > 0, (0..<iters).contains(warmup) else {
      throw ValidationError("need 0 <= --warmup < --iterations, got \(warmup) and \(iters)")
    }
    guard (1...512).contains(width), batchSize >= 1, (1...50).contains(discriminatorSteps) else {
      throw ValidationError("need 1 <= --hidden <= 512, --batch >= 1 and 1 <= --k <= 50")
    }
    try fixes.validate()
    _ = try fixes.loss(given: loss)
    if let problem = fixes.stabilizers.problem { throw ValidationError(problem) }
    do {
      _ = try Target.parse(targetSpec)
    } catch {
      throw ValidationError("bad --target: \(error.description)")
    }
  }

  func run() throws {
    let signals = HeadlessSignals()
    defer { signals.stop() }
    if let samplesOut { try OutputFile.check(samplesOut) }
    let config = try benchConfig()
    if jacobian {
      do {
        return try runJacobian(config)
      } catch let refusal as JacobianRefusal {
        throw RunFailure.badInput(refusal.description)
      }
    }
    if withViewer, let view { return runWithComposingViewer(config, view: view) }
    if withViewer { return runWithViewer(config) }
    let trainer = Trainer(config: config)
    for _ in 0..<warmup { trainer.runIteration() }
    let wallStart = Clock.now()
    let cpuStart = Clock.cpu()
    for _ in warmup..<iters { trainer.runIteration() }
    let seconds = Clock.now() - wallStart
    let cpuSeconds = Clock.cpu() - cpuStart

    let samples = trainer.generateSamples(count: 10_000, seed: derivedSeed(seed, 7))
    let score = CanonicalScore(samples: samples, target: config.target)
    if let samplesOut {
      try writeSamples(samples, to: samplesOut, inputs: [])
    }
    let timed = iters - warmup
    var fields: [(String, String)] = [
      ("impl", json("ganscope")), ("H", "\(width)"), ("m", "\(batchSize)"),
      ("k", "\(discriminatorSteps)"), ("threads", "\(threads)"), ("target", json(targetLabel)),
      ("game", json(gameLabel)),
      ("seed", "\(seed)"), ("iters", "\(iters)"), ("timed_iters", "\(timed)"),
      ("seconds", number(seconds, 4)), ("cpu_seconds", number(cpuSeconds, 4)),
      ("iterations_per_second", number(Double(timed) / seconds, 2)),
      ("loadavg1", number(loadAverage(), 2)),
      ("d_loss", number(trainer.discriminatorLoss, 5)),
      ("g_loss", number(trainer.generatorLoss, 5)),
      ("g_mean", number(score.mean, 5)), ("g_std", number(score.standardDeviation, 5)),
      ("jsd", number(score.jensenShannon, 5)), ("finite", score.finite ? "true" : "false"),
    ]
    if targetLabel == "mixture" { fields.append(("frac_pos", number(score.fractionPositive, 5))) }
    fields.append(("compute_threads", "1"))
    fields.append(("passes", json(KernelDispatch.copyName)))
    Output.line(jsonObject(fields))
  }

  /// The loss and fixes in words, for the JSON line ("nonsaturating" when plain).
  var gameLabel: String {
    fixes.label.isEmpty ? chosenLoss.rawValue : chosenLoss.rawValue + " + " + fixes.label
  }

  /// The canonical workload of the peer scripts at this command's sizes.
  func benchConfig() throws -> TrainingConfig {
    TrainingConfig(
      target: try Target.parse(targetSpec), prior: .uniform,
      architecture: Architecture(width: width, hiddenLayers: 2, activation: .tanh),
      hyperparameters: Hyperparameters(
        discriminatorSteps: discriminatorSteps, batchSize: batchSize,
        discriminatorStepSize: 1e-3, generatorStepSize: 1e-3, loss: chosenLoss,
        optimizer: OptimizerSettings(kind: .adam, beta1: 0.5, beta2: 0.999, epsilon: 1e-8),
        stabilizers: fixes.stabilizers),
      seed: seed)
  }

  /// Bare trainer against the runtime with a 60 Hz viewer, alternating so that machine noise
  /// hits both alike; prints the medians and their ratio.
  func runWithViewer(_ config: TrainingConfig) {
    let interval = publishEvery ?? LiveCommand.publishInterval(for: .maximum, fps: 30)
    var bare: [Double] = []
    var viewed: [Double] = []
    for _ in 0..<3 {
      bare.append(TrainingRuntime.measureBareThroughput(config: config, seconds: seconds))
      viewed.append(
        TrainingRuntime.measureThroughput(
          config: config, seconds: seconds, withViewer: true, publishInterval: interval))
    }
    let median = { (values: [Double]) in values.sorted()[values.count / 2] }
    Output.line(
      jsonObject([
        ("impl", json("ganscope")), ("mode", json("with-viewer")), ("H", "\(width)"),
        ("m", "\(batchSize)"), ("k", "\(discriminatorSteps)"), ("publish_interval", "\(interval)"),
        ("bare_iterations_per_second", number(median(bare), 1)),
        ("viewer_iterations_per_second", number(median(viewed), 1)),
        ("ratio", number(median(viewed) / median(bare), 3)),
        ("rounds_bare", "[" + bare.map { number($0, 1) }.joined(separator: ", ") + "]"),
        ("rounds_viewer", "[" + viewed.map { number($0, 1) }.joined(separator: ", ") + "]"),
        ("loadavg1", number(loadAverage(), 2)),
      ]))
  }
}

/// One JSON object on one line from already-encoded values.
func jsonObject(_ fields: [(String, String)]) -> String {
  "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
}

/// A JSON string literal (the escaping the asciicast export uses too).
func json(_ s: String) -> String { Asciicast.jsonString(s) }

/// A JSON number rounded to `digits` decimals; NaN and infinities become null.
func number(_ x: Double, _ digits: Int) -> String {
  guard x.isFinite else { return "null" }
  var scale = 1.0
  for _ in 0..<digits { scale *= 10 }
  let rounded = (x * scale).rounded() / scale
  return "\(rounded)"
}

func loadAverage() -> Double {
  var loads = [Double](repeating: 0, count: 3)
  return getloadavg(&loads, 3) > 0 ? loads[0] : .nan
}

/// Writes one sample per line.
func writeSamples(_ samples: [Float], to path: String, inputs: [String]) throws {
  try OutputFile.writeLines(path, inputs: inputs) { line in
    for x in samples { line("\(x)") }
  }
}
