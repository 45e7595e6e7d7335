import GANCore

/// The moments of a fresh run that the figure draws, the paper's story of Figure 1, taken
/// headless from one trainer and one evaluator (snapshots never change training).
public enum FigureStory {
  /// The JSD (nats) below which p_g counts as near p_data for panel (a), and how often it is
  /// checked.
  public static let nearThreshold = 0.1
  public static let checkEvery = 5
  /// Give up waiting for (a) after this many iterations and draw the state there.
  public static let patience = 20_000
  /// D's inner loop for (b) runs at most this many D steps ...
  public static let mostInnerSteps = 5000
  /// ... or until D is this close to D* (`Closeness.optimalityGap`).
  public static let closeEnough = 0.05
  /// A D with no D* (a critic, or D of packs) takes this many D steps in (b) instead.
  public static let innerStepsWithoutOptimum = 100
  /// Panel (d): the plain run at this iteration, or this many iterations after (a) if later.
  public static let convergedIteration = 5000
  public static let convergedAfter = 2000
  /// (d) counts as converged when D is within this of ½ under p_data and the JSD is below it.
  public static let convergedTolerance = 0.05

  /// What the story found, besides the panels: for the messages of `ganscope figure`.
  public struct Outcome: Sendable {
    public var panels: [FigurePanel]
    /// D steps taken in (b), and whether the cap stopped them before D reached
    /// `closeEnough` of D*.
    public var innerSteps: Int
    public var innerCapped: Bool
    /// The largest |D − D*| over the bins where p_data or p_g has mass, after (b).
    public var supremumGap: Double
    public var meanGap: Double
    /// Whether D has a D* to approach (not a critic, not D of packs); without it (b) takes
    /// `innerStepsWithoutOptimum` D steps and the gaps mean nothing.
    public var hasOptimum = true
    /// Whether (c)'s G step lowered the JSD, and from how many moments (b) and (c) were
    /// tried to find one where it did (`mostTries` at most).
    public var gStepLowersJSD = true
    public var tries = 1
  }

  /// "(a)", "(b)", ...
  public static func label(_ index: Int) -> String {
    "(" + String(UnicodeScalar(UInt8(ascii: "a") + UInt8(index % 26))) + ")"
  }

  /// The paper's four moments. (a), (b) and (c) are one run in order: (b) continues from
  /// (a) with D alone, (c) is one G step after (b). (d) is the plain run (no extra D steps)
  /// at its iteration, so its label is that run's true iteration.
  public static func story(config: TrainingConfig) -> Outcome {
    var trainer = Trainer(config: config)
    let evaluator = Evaluator(architecture: config.architecture, prior: config.prior)

    // (a) p_g near p_data, D a partly accurate classifier. The threshold is far from the
    // converged JSD on purpose: by ~0.1 nats p_g matches p_data to the eye and D is ½ up to
    // noise, and panels (a)-(c) would look like (d).
    var near = evaluator.snapshot(of: trainer)
    while near.metrics.jensenShannon >= nearThreshold, trainer.iteration < patience {
      guard advance(trainer, by: checkEvery) else { break }
      near = evaluator.snapshot(of: trainer)
    }
    let hasOptimum = DiscriminatorScale.hasOptimum(config.hyperparameters)

    // (b) and (c), tried from (a) and, while the G step does not lower the JSD, again from
    // a few iterations later: one G step is one stochastic step on a batch, and the story
    // of (c) is that it moves G toward the data. The trainer is rewound to the moment (a)
    // before each retry, so (a), (b), (c) stay one run in order.
    var attempt: Attempt
    var tries = 0
    repeat {
      let saved = trainer.state
      near = freshSnapshot(evaluator, trainer)
      attempt = tryStep(trainer, evaluator, config: config, hasOptimum: hasOptimum)
      tries += 1
      guard !attempt.lowersDivergence, tries < mostTries,
        let rewound = try? Trainer(state: saved, knownTargets: [config.target])
      else { break }
      trainer = rewound
      guard advance(trainer, by: checkEvery) else { break }
    } while true
    let isNear = near.metrics.jensenShannon < nearThreshold
    let (inner, moved, innerSteps, gap) = (
      attempt.inner, attempt.moved, attempt.innerSteps, attempt.gap
    )
    let reached = gap.mean <= closeEnough

    // (d) the plain run, continued from the start without (b)'s extra D steps.
    let end = max(convergedIteration, near.iteration + convergedAfter)
    let plain = Trainer(config: config)
    while plain.iteration < end, plain.runIteration() {}
    let converged = freshSnapshot(evaluator, plain)
    let flat = Closeness.halfGap(converged) < convergedTolerance
    let matched = converged.metrics.jensenShannon < convergedTolerance

    let innerNote: String
    let convergedNote: String
    if !hasOptimum {
      // A critic is not ½ at the optimum, and there is no D* to approach: only p_g is told.
      innerNote = "+\(innerSteps) D steps"
      convergedNote = matched ? "p_g ≈ p_data" : "not converged"
    } else {
      let distance = "|D−D*| " + NumberFormat.general(gap.mean, significant: 2)
      if innerSteps == 0 {
        innerNote = reached ? "D already ≈ D*: \(distance)" : "no D steps"
      } else {
        innerNote =
          "\(innerSteps) D steps: "
          + (reached ? "|D−D*| ≤ \(closeEnough)" : distance)
      }
      convergedNote =
        flat
        ? (matched ? "D ≈ ½ where p_data lives" : "D ≈ ½ but p_g ≠ p_data")
        : "not converged"
    }
    let scale = FigurePanel.moveScale(from: inner, to: moved)
    let magnified = "moves ×" + (scale < 1e9 ? String(Int(scale)) : "\(scale)")
    let panels = [
      FigurePanel(
        snapshot: near, label: label(0),
        note: isNear
          ? (hasOptimum ? "near p_data; D partly accurate" : "p_g near p_data")
          : "p_g not yet near p_data"),
      FigurePanel(
        snapshot: inner, label: label(1), note: innerNote, showsOptimalDiscriminator: true),
      FigurePanel(
        snapshot: moved, label: label(2), note: "+1 G step along ∇D (\(magnified))",
        before: inner, moveScale: scale),
      FigurePanel(
        snapshot: converged, label: label(3),
        note: convergedNote),
    ]
    return Outcome(
      panels: panels, innerSteps: innerSteps,
      innerCapped: hasOptimum && !reached && innerSteps > 0, supremumGap: gap.supremum,
      meanGap: gap.mean, hasOptimum: hasOptimum, gStepLowersJSD: attempt.lowersDivergence,
      tries: tries)
  }

  /// How many moments (b) and (c) are tried from before the story settles for one whose G
  /// step raised the JSD.
  public static let mostTries = 40

  /// One try of (b) and (c) from where `trainer` stands.
  struct Attempt {
    var inner: Snapshot
    var moved: Snapshot
    var innerSteps: Int
    var gap: (mean: Double, supremum: Double)
    /// Whether the G step lowered the JSD.
    var lowersDivergence: Bool { moved.metrics.jensenShannon < inner.metrics.jensenShannon }
  }

  /// (b) D's inner loop run long enough to approach D* (the paper's "D is trained to
  /// discriminate samples from data, converging to D*": a handful of steps moves D too
  /// little to see), then (c) one G step against that D.
  static func tryStep(
    _ trainer: Trainer, _ evaluator: Evaluator, config: TrainingConfig, hasOptimum: Bool
  ) -> Attempt {
    let k = config.hyperparameters.discriminatorSteps
    let innerLimit = hasOptimum ? mostInnerSteps : innerStepsWithoutOptimum
    var inner = evaluator.snapshot(of: trainer)
    var innerSteps = 0
    innerLoop: while innerSteps < innerLimit,
      !hasOptimum || Closeness.optimalityGap(inner).mean > closeEnough
    {
      for _ in 0..<min(k, innerLimit - innerSteps) {
        guard trainer.discriminatorStep() else { break innerLoop }
        innerSteps += 1
      }
      inner = evaluator.snapshot(of: trainer)
    }
    inner = freshSnapshot(evaluator, trainer)
    let gap = Closeness.optimalityGap(inner)
    trainer.generatorStep()
    // On (b)'s grid, so that the ghost and the moves compare bin for bin.
    let moved = evaluator.snapshot(of: trainer)
    return Attempt(inner: inner, moved: moved, innerSteps: innerSteps, gap: gap)
  }

  /// Runs `count` whole iterations; false when training stopped (a divergence).
  static func advance(_ trainer: Trainer, by count: Int) -> Bool {
    for _ in 0..<count where !trainer.runIteration() { return false }
    return true
  }

  /// A snapshot on a grid chosen for this moment alone (the evaluator's grid otherwise
  /// remembers where G has been, as the live view wants).
  static func freshSnapshot(_ evaluator: Evaluator, _ trainer: Trainer) -> Snapshot {
    evaluator.restoreGrid(ViewGridTracker(bins: evaluator.gridState.bins))
    return evaluator.snapshot(of: trainer)
  }

  /// The run's state after each of `iterations` (ascending), labelled from `firstLabel`.
  public static func panels(at iterations: [Int], config: TrainingConfig, firstLabel: Int = 0)
    -> [FigurePanel]
  {
    let trainer = Trainer(config: config)
    let evaluator = Evaluator(architecture: config.architecture, prior: config.prior)
    return iterations.enumerated().map { index, target in
      while trainer.iteration < target, trainer.runIteration() {}
      return FigurePanel(
        snapshot: freshSnapshot(evaluator, trainer), label: label(firstLabel + index))
    }
  }
}

/// How close D is to the curves the theory predicts, on a snapshot's grid.
public enum Closeness {
  /// |D − D*| over the bins where p_data or p_g has mass: the mean weighted by
  /// p_data + p_g, and the largest.
  public static func optimalityGap(_ s: Snapshot) -> (mean: Double, supremum: Double) {
    let data = s.dataDensity.isEmpty ? s.dataHistogram : s.dataDensity
    let weights = zip(data, s.modelHistogram).map { Double($0) + Double($1) }
    return distance(s.discriminator, s.optimalDiscriminator, weights: weights)
  }

  /// The mean |D − ½| under p_data (Theorem 1's D at the optimum is ½ everywhere).
  public static func halfGap(_ s: Snapshot) -> Double {
    let data = s.dataDensity.isEmpty ? s.dataHistogram : s.dataDensity
    let half = [Float](repeating: 0.5, count: s.discriminator.count)
    return distance(s.discriminator, half, weights: data.map(Double.init)).mean
  }

  /// The weighted mean and the largest |a − b| over the bins with positive weight; non-finite
  /// values are skipped. Infinity when no bin has weight.
  static func distance(_ a: [Float], _ b: [Float], weights: [Double])
    -> (mean: Double, supremum: Double)
  {
    var sum = 0.0
    var total = 0.0
    var largest = 0.0
    for i in 0..<min(a.count, b.count, weights.count) {
      let w = weights[i]
      let d = abs(Double(a[i]) - Double(b[i]))
      guard w.isFinite, d.isFinite, w > 0 else { continue }
      sum += w * d
      total += w
      largest = max(largest, d)
    }
    return total > 0 ? (sum / total, largest) : (.infinity, .infinity)
  }
}

/// The moments of a recorded run: at the iterations asked for (the first frame at or after
/// each), or the paper's story as far as the frames allow — (a) the first frame whose JSD is
/// below `FigureStory.nearThreshold`, (b) the next frame published right after a D step
/// (else the next frame), (c) the next after a G step (else the next frame), (d) the last
/// frame. One panel: the last frame, labelled (d).
public enum RecordedStory {
  /// The frame indices of the panels, from `frameCount` frames read by `frame`.
  public static func frameIndices(
    frameCount: Int, frame: (Int) -> Snapshot, at iterations: [Int]?, count: Int
  ) -> [Int] {
    let last = frameCount - 1
    func firstFrame(from start: Int, where matches: (Snapshot) -> Bool) -> Int? {
      guard start <= last else { return nil }
      return (start...last).first { matches(frame($0)) }
    }
    if let iterations {
      return iterations.map { target in firstFrame(from: 0) { $0.iteration >= target } ?? last }
    }
    if count == 1 { return [last] }
    let a = firstFrame(from: 0) { $0.metrics.jensenShannon < FigureStory.nearThreshold } ?? 0
    let b = firstFrame(from: a + 1) { $0.lastStep == .discriminator } ?? min(a + 1, last)
    let c = firstFrame(from: b + 1) { $0.lastStep == .generator } ?? min(b + 1, last)
    return [a, b, c, last]
  }
}
