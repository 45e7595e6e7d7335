import ArgumentParser
import GANCore
import GANRuntime
import GANView

#if canImport(Glibc)
  import Glibc
#endif

/// `ganscope figure`: Figure 1 of the paper as an SVG picture, drawn from a real run.
struct FigureCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "figure",
    abstract: "Draw Figure 1 of the paper from a real run, as an SVG picture.",
    discussion: """
      Trains the model headless and draws four moments of the run side by side, the way \
      the paper's Figure 1 does: p_data black dotted, p_g green solid, D(x) blue dashed, \
      and under each panel the z line with arrows up to x = G(z).

      Without --at the moments tell the paper's story: (a) the first iteration (checked \
      every \(FigureStory.checkEvery)) at which the JSD falls below \
      \(NumberFormat.general(FigureStory.nearThreshold)) nats: p_g is near p_data and D \
      is a partly accurate classifier; (b) from there D alone, k steps at a time, until \
      its mean distance to D* = p_data/(p_data + p_g) is below \
      \(NumberFormat.general(FigureStory.closeEnough)) or it has taken \
      \(FigureStory.mostInnerSteps) steps (D* is drawn in light blue); (c) one G step \
      after that; (d) training continued to iteration \(FigureStory.convergedIteration) \
      (or \(FigureStory.convergedAfter) iterations after (a), if later). --panels 1 draws \
      (d) alone.

      With --at I1,I2,I3,I4 the panels are the run's state after exactly those \
      iterations instead (one value with --panels 1).
      """)

  @OptionGroup var model: ModelOptions

  @Option(
    help: ArgumentHelp(
      "Draw the moments from this recording instead of a fresh run (the model flags are then ignored).",
      valueName: "recording"))
  var from: String?

  @Option(help: ArgumentHelp("The SVG file to write.", valueName: "file.svg"))
  var out: String

  // Numbers may be negative on the command line (and are then rejected with a clear
  // message), so these options take their value unconditionally.
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Draw the run after these iterations instead of the story's moments: ascending, comma-separated, one per panel.",
      valueName: "i1,i2,..."))
  var at: String?

  @Option(
    parsing: .unconditional,
    help: "Panels side by side: 4 (the paper's (a)-(d)) or 1 (the last moment).")
  var panels: Int = 4

  @Option(
    parsing: .unconditional,
    help: "Width of the picture in pixels (default 1200 for 4 panels, 440 for 1).")
  var width: Int?

  @Option(
    parsing: .unconditional,
    help: "Height of the picture in pixels (default 360).")
  var height: Int = 360

  static let largestSide = 16_384

  var minimumWidth: Int { 150 * panels + 80 }
  var figureWidth: Int { width ?? (panels == 1 ? 440 : 1200) }

  func validate() throws {
    guard panels == 1 || panels == 4 else {
      throw ValidationError("--panels must be 1 or 4, got \(panels)")
    }
    if let width, !(minimumWidth...Self.largestSide).contains(width) {
      throw ValidationError(
        "--width must be between \(minimumWidth) and \(Self.largestSide) for \(panels) panels, got \(width)"
      )
    }
    guard (200...Self.largestSide).contains(height) else {
      throw ValidationError("--height must be between 200 and \(Self.largestSide), got \(height)")
    }
    if let at { _ = try Self.iterations(at, count: panels) }
  }

  /// The largest iteration `--at` takes: a fresh run trains up to it (about 100 s at the
  /// canonical workload), so an unbounded one would run for ever.
  static let latestIteration = 1_000_000

  /// The iterations of `--at`: exactly `count` whole numbers ≥ 0, strictly ascending.
  static func iterations(_ text: String, count: Int) throws -> [Int] {
    let items = text.split(separator: ",", omittingEmptySubsequences: false).map { item in
      String(item.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
    var result: [Int] = []
    for item in items {
      guard let value = Int(item), (0...latestIteration).contains(value) else {
        throw ValidationError(
          "--at takes iterations from 0 to \(latestIteration) separated by commas, got "
            + "'\(RecordingError.quoted(item, limit: 40))'")
      }
      if let last = result.last, value <= last {
        throw ValidationError("--at iterations must be ascending, got \(last) then \(value)")
      }
      result.append(value)
    }
    guard result.count == count else {
      throw ValidationError(
        "--at needs exactly \(count) iteration\(count == 1 ? "" : "s") for --panels \(count), got \(result.count)"
      )
    }
    return result
  }

  func run() throws {
    let figurePanels: [FigurePanel]
    if let from {
      figurePanels = try RecordedStory.panels(
        from: from, at: try at.map { try Self.iterations($0, count: panels) }, count: panels)
    } else {
      figurePanels = try freshPanels()
    }
    let svg = FigureRenderer.render(panels: figurePanels, width: figureWidth, height: height)
    try writeText(svg, to: out)
    let moments = figurePanels.map { "\($0.label) \($0.snapshot.iteration)" }
    Output.line("wrote \(out): iterations " + moments.joined(separator: ", "))
    if let diverged = figurePanels.compactMap(\.snapshot.divergedAtIteration).first {
      throw RunFailure.runtime(
        "diverged at iteration \(diverged) (NaN or infinity); the figure shows the run up to there; try a smaller step size"
      )
    }
  }

  /// The panels of a fresh seeded run (at `--at`, or the paper's story).
  private func freshPanels() throws -> [FigurePanel] {
    let config = try model.config()
    let figurePanels: [FigurePanel]
    if let at {
      figurePanels = FigureStory.panels(at: try Self.iterations(at, count: panels), config: config)
    } else {
      let story = FigureStory.panels(config: config)
      figurePanels = panels == 1 ? [relabelled(story[story.count - 1])] : story
    }
    return figurePanels
  }

  /// A lone panel is panel (a) of its own figure.
  private func relabelled(_ panel: FigurePanel) -> FigurePanel {
    var panel = panel
    panel.label = "(a)"
    return panel
  }
}

/// The moments of a fresh run that the figure draws, taken headless from one trainer and one
/// evaluator (snapshots never change training, so the run is the same as `ganscope train`'s
/// up to the first moment).
enum FigureStory {
  /// The JSD (nats) below which p_g counts as near p_data for panel (a), and how often it is
  /// checked.
  static let nearThreshold = 0.45
  static let checkEvery = 5
  /// Give up waiting for (a) after this many iterations and draw the state there.
  static let patience = 20_000
  /// D's inner loop for (b) runs at most this many D steps.
  static let mostInnerSteps = 1000
  /// ... or until D is this close to D* (mean |D − D*| where p_data + p_g has mass).
  static let closeEnough = 0.05
  /// Panel (d): this iteration, or this many iterations after (a) if that is later.
  static let convergedIteration = 5000
  static let convergedAfter = 2000

  static func label(_ index: Int) -> String {
    "(" + String(UnicodeScalar(UInt8(ascii: "a") + UInt8(index % 26))) + ")"
  }

  /// The paper's four moments (the rule is in the command's help). They are one run in
  /// order: (b) continues from (a), (c) from (b) and (d) from (c).
  static func panels(config: TrainingConfig) -> [FigurePanel] {
    let trainer = Trainer(config: config)
    let evaluator = Evaluator(architecture: config.architecture, prior: config.prior)

    // (a) p_g near p_data, D a partly accurate classifier. The threshold is far from the
    // converged JSD on purpose: by ~0.1 nats p_g matches p_data to the eye and D is ½ up to
    // noise, and panels (a)-(c) would look like (d).
    var near = evaluator.snapshot(of: trainer)
    while near.metrics.jensenShannon >= nearThreshold, trainer.iteration < patience {
      var progressed = true
      for _ in 0..<checkEvery where progressed { progressed = trainer.runIteration() }
      near = evaluator.snapshot(of: trainer)
      if !progressed { break }
    }
    near = freshSnapshot(evaluator, trainer)
    let isNear = near.metrics.jensenShannon < nearThreshold

    // (b) D's inner loop run long enough to approach D* (the paper's "D is trained to
    // discriminate samples from data, converging to D*"): a handful of steps moves D too
    // little to see.
    let k = config.hyperparameters.discriminatorSteps
    var inner = near
    var innerSteps = 0
    innerLoop: while innerSteps < mostInnerSteps, optimalityGap(inner) > closeEnough {
      for _ in 0..<k {
        guard trainer.discriminatorStep() else { break innerLoop }
        innerSteps += 1
      }
      inner = evaluator.snapshot(of: trainer)
    }
    inner = evaluator.snapshot(of: trainer)

    // (c) one G step against that D.
    trainer.generatorStep()
    let moved = evaluator.snapshot(of: trainer)

    // (d) training continued.
    let end = max(convergedIteration, near.iteration + convergedAfter)
    while trainer.iteration < end, trainer.runIteration() {}
    let converged = freshSnapshot(evaluator, trainer)
    let flat = halfGap(converged) < 0.05
    let matched = converged.metrics.jensenShannon < 0.05

    return [
      FigurePanel(
        snapshot: near, label: label(0),
        note: isNear ? "p_g near p_data, D partly accurate" : "p_g not yet near p_data"),
      FigurePanel(
        snapshot: inner, label: label(1),
        note: innerSteps > 0
          ? "+\(innerSteps) D steps: D → D*"
          : (optimalityGap(inner) <= closeEnough ? "D already ≈ D*" : "no D steps"),
        showsOptimalDiscriminator: true),
      FigurePanel(snapshot: moved, label: label(2), note: "+1 G step: G(z) follows ∇D"),
      FigurePanel(
        snapshot: converged, label: label(3),
        note: flat
          ? (matched ? "p_g ≈ p_data, D ≈ ½" : "D ≈ ½ but p_g ≠ p_data") : "not converged"),
    ]
  }

  /// A snapshot on a grid chosen for this moment alone (the evaluator's grid otherwise
  /// remembers where G has been, as the live view wants).
  static func freshSnapshot(_ evaluator: Evaluator, _ trainer: Trainer) -> Snapshot {
    evaluator.restoreGrid(ViewGridTracker(bins: evaluator.gridState.bins))
    return evaluator.snapshot(of: trainer)
  }

  /// The run's state after each of `iterations` (ascending).
  static func panels(at iterations: [Int], config: TrainingConfig) -> [FigurePanel] {
    let trainer = Trainer(config: config)
    let evaluator = Evaluator(architecture: config.architecture, prior: config.prior)
    return iterations.enumerated().map { index, target in
      while trainer.iteration < target, trainer.runIteration() {}
      return FigurePanel(snapshot: freshSnapshot(evaluator, trainer), label: label(index))
    }
  }

  /// The mean |D − D*| where the data or the model has mass (weighted by p_data + p_g).
  static func optimalityGap(_ s: Snapshot) -> Double {
    let data = s.dataDensity.isEmpty ? s.dataHistogram : s.dataDensity
    var sum = 0.0
    var weight = 0.0
    for i in 0..<min(data.count, s.modelHistogram.count, s.discriminator.count) {
      let w = Double(data[i]) + Double(s.modelHistogram[i])
      let d = Double(s.discriminator[i]) - Double(s.optimalDiscriminator[i])
      guard w.isFinite, d.isFinite else { continue }
      sum += w * abs(d)
      weight += w
    }
    return weight > 0 ? sum / weight : .infinity
  }

  /// The mean |D − ½| under p_data.
  static func halfGap(_ s: Snapshot) -> Double {
    let data = s.dataDensity.isEmpty ? s.dataHistogram : s.dataDensity
    var sum = 0.0
    var weight = 0.0
    for i in 0..<min(data.count, s.discriminator.count) {
      let w = Double(data[i])
      let d = Double(s.discriminator[i]) - 0.5
      guard w.isFinite, d.isFinite else { continue }
      sum += w * abs(d)
      weight += w
    }
    return weight > 0 ? sum / weight : .infinity
  }
}

/// Writes `text` to the file at `path`, replacing it.
func writeText(_ text: String, to path: String) throws {
  try OutputFile.write(path) { write in write(text) }
}

/// The moments of a recorded run: at the iterations asked for (the first frame at or after
/// each), or the paper's story as far as the frames allow — (a) the first frame whose JSD is
/// below `FigureStory.nearThreshold`, (b) the next frame published right after a D step
/// (else the next frame), (c) the next after a G step (else the next frame), (d) the last
/// frame. One panel: the last frame.
enum RecordedStory {
  static func panels(from path: String, at iterations: [Int]?, count: Int) throws
    -> [FigurePanel]
  {
    let reader = try RecordingReader.opening(commandLineFile: path)
    let last = reader.frameCount - 1
    func firstFrame(from start: Int, where matches: (Snapshot) -> Bool) -> Int? {
      guard start <= last else { return nil }
      return (start...last).first { matches(reader.frame(at: $0)) }
    }
    var indices: [Int]
    if let iterations {
      indices = iterations.map { target in firstFrame(from: 0) { $0.iteration >= target } ?? last }
    } else if count == 1 {
      indices = [last]
    } else {
      let a = firstFrame(from: 0) { $0.metrics.jensenShannon < FigureStory.nearThreshold } ?? 0
      let b = firstFrame(from: a + 1) { $0.lastStep == .discriminator } ?? min(a + 1, last)
      let c = firstFrame(from: b + 1) { $0.lastStep == .generator } ?? min(b + 1, last)
      indices = [a, b, c, last]
    }
    return indices.enumerated().map { index, frame in
      FigurePanel(
        snapshot: reader.frame(at: frame), label: FigureStory.label(index),
        note: "frame \(frame + 1) of \(reader.frameCount)",
        showsOptimalDiscriminator: iterations == nil && count == 4 && index == 1)
    }
  }
}
