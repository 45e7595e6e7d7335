import GANCore

/// The state of a run at one moment, as a claim sees it: the snapshot (every metric, the
/// curves) and G's samples.
public struct Observation: Sendable {
  public let snapshot: Snapshot
  /// `ScenarioRun.sampleCount` samples of G from a stream of their own (training is
  /// unaffected), for claims about where G puts its mass.
  public let samples: [Float]

  public var iteration: Int { snapshot.iteration }
  public var metrics: TrainingMetrics { snapshot.metrics }
}

/// One seed's run of a scenario, headless: what its claim is checked on.
public struct ScenarioRun: Sendable {
  /// G samples per observation.
  public static let sampleCount = 10_000

  public let seed: UInt64
  /// A snapshot at iteration 0, every `frameInterval` iterations, after every step and at
  /// the end (including the snapshot of a divergence), in order.
  public let frames: [Snapshot]
  /// For each step of the script: the state just before its keys and just after them.
  public let before: [Observation]
  public let after: [Observation]
  /// The state at the end.
  public let final: Observation
  /// Commands the trainer refused (a script error: the claim fails on it).
  public let refused: [ControlCommand]
  /// The game's spectrum where the scenario's `SpectrumSchedule` asked for it, in order.
  public let spectra: [SpectrumReading]

  /// Frames whose iteration lies in `range`.
  public func frames(in range: ClosedRange<Int>) -> [Snapshot] {
    frames.filter { range.contains($0.iteration) }
  }

  /// The first iteration at or after `start` whose frame meets `condition`, or nil.
  public func firstIteration(from start: Int, where condition: (Snapshot) -> Bool) -> Int? {
    frames.first { $0.iteration >= start && condition($0) }?.iteration
  }

  /// The iteration at which training diverged (NaN or infinity) at any time, or nil.
  public var divergedAtIteration: Int? {
    frames.compactMap(\.divergedAtIteration).first
  }
}

extension Scenario {
  /// Runs the scenario headlessly with `seed`: whole iterations of Algorithm 1 between the
  /// steps, each step's commands applied at an iteration boundary exactly as the live
  /// runtime applies keys, so the live view with the same flags and keys shows this run.
  public func run(seed: UInt64) -> ScenarioRun {
    var config = self.config
    config.seed = seed
    let trainer = Trainer(config: config)
    let evaluator = Evaluator(architecture: config.architecture, prior: config.prior)
    let sampleSeed = derivedSeed(seed, 0x5CE7)
    var frames: [Snapshot] = []
    var refused: [ControlCommand] = []
    var spectra: [SpectrumReading] = []
    func readSpectrum() {
      if let schedule = self.spectra { spectra.append(schedule.reading(of: trainer)) }
    }

    func snapshot() -> Snapshot {
      let frame = evaluator.snapshot(of: trainer)
      frames.append(frame)
      return frame
    }
    func observe() -> Observation {
      readSpectrum()
      return Observation(
        snapshot: snapshot(),
        samples: trainer.generateSamples(count: ScenarioRun.sampleCount, seed: sampleSeed))
    }
    // Whole iterations up to `goal`; a divergence stops training until a step resets it.
    func advance(to goal: Int) {
      while trainer.iteration < goal && !trainer.isDiverged {
        trainer.runIteration()
        if trainer.isDiverged || trainer.iteration % frameInterval == 0 { _ = snapshot() }
        if let every = self.spectra?.every, trainer.iteration % every == 0 || trainer.isDiverged {
          readSpectrum()
        }
      }
    }

    _ = snapshot()
    var before: [Observation] = []
    var after: [Observation] = []
    for step in steps {
      advance(to: step.iteration)
      before.append(observe())
      for command in step.commands where !perform(command, on: trainer) {
        refused.append(command)
      }
      after.append(observe())
    }
    advance(to: iterations)
    let final = observe()
    return ScenarioRun(
      seed: seed, frames: frames, before: before, after: after, final: final,
      refused: refused, spectra: spectra)
  }

  /// Checks the claim on one seed's run.
  public func check(_ run: ScenarioRun) -> [Measurement] {
    var measurements = claim.check(run)
    if !run.refused.isEmpty {
      measurements.append(.holds("every scripted command accepted", false))
    }
    return measurements
  }
}

/// Applies a scripted command like the runtime's session does: single steps run at once,
/// loop commands (pace, pause) change nothing headless. False when the trainer refuses it.
private func perform(_ command: ControlCommand, on trainer: Trainer) -> Bool {
  switch command {
  case .stepDiscriminator: trainer.discriminatorStep()
  case .stepGenerator: trainer.generatorStep()
  case .stepIteration: trainer.runIteration()
  case .setPace, .pause, .resume: return true
  case .setPublishInterval(let interval): return interval >= 1
  case .setDiscriminatorSteps, .setBatchSize, .setDiscriminatorStepSize,
    .setGeneratorStepSize, .setLoss, .setOptimizer, .setPenalty, .setUnrolledSteps,
    .setUpdateScheme, .setInstanceNoise, .setSpectralNorm, .setPack, .setConsensus, .setTarget,
    .resetNetworks,
    .reseed:
    return trainer.apply(command)
  }
  return true
}
