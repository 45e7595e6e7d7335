import GANCore

// Checkpoint records: the frame index they belong to, then the runtime checkpoint (sequence
// number, cadence, the evaluator's view grid and the complete trainer state), all exact.

extension StepKind {
  fileprivate var code: UInt8 {
    switch self {
    case .none: 0
    case .discriminator: 1
    case .generator: 2
    }
  }

  fileprivate init?(code: UInt8) {
    switch code {
    case 0: self = .none
    case 1: self = .discriminator
    case 2: self = .generator
    default: return nil
    }
  }
}

extension ByteWriter {
  mutating func stepKind(_ kind: StepKind) { u8(kind.code) }

  mutating func optionalInt(_ v: Int?) {
    bool(v != nil)
    i64(v ?? 0)
  }

  mutating func gridTracker(_ tracker: ViewGridTracker) {
    i64(tracker.bins)
    optionalGrid(tracker.grid)
  }

  mutating func optionalGrid(_ grid: ViewGrid?) {
    bool(grid != nil)
    f64(grid?.lower ?? 0)
    f64(grid?.upper ?? 0)
    i64(grid?.bins ?? 0)
  }

  mutating func trainerState(_ s: TrainerState) {
    string(s.target)
    string(s.prior.rawValue)
    architecture(s.architecture)
    hyperparameters(s.hyperparameters)
    u64(s.seed)
    u32(UInt32(s.rngState.count))
    for word in s.rngState { u64(word) }
    i64(s.discriminatorSteps)
    i64(s.generatorSteps)
    stepKind(s.lastStep)
    optionalInt(s.divergedAtIteration)
    i64(s.resetCount)
    floats(s.generatorParameters)
    floats(s.discriminatorParameters)
    for moments in [s.generatorMoments, s.discriminatorMoments] {
      u32(UInt32(moments.count))
      for m in moments { floats(m) }
    }
    i64(s.generatorOptimizerSteps)
    i64(s.discriminatorOptimizerSteps)
    doubles(s.readouts)
    floats(s.discriminatorOutputs)
    floats(s.criticOutputs)
    u32(UInt32(s.workspaceCapacities.count))
    for capacity in s.workspaceCapacities { i64(capacity) }
    floats(s.spectralState)  // Format 3 on.
    floats(s.criticDataOutputs)  // Format 5 on.
  }

  mutating func checkpoint(_ c: Checkpoint, frameIndex: Int) {
    i64(frameIndex)
    u64(c.sequence)
    i64(c.publishInterval)
    gridTracker(c.grid)
    trainerState(c.trainer)
  }
}

extension ByteReader {
  mutating func stepKind() -> StepKind {
    guard let kind = StepKind(code: u8()) else {
      fail()
      return .none
    }
    return kind
  }

  mutating func optionalInt() -> Int? {
    let present = bool()
    let value = i64()
    return present ? value : nil
  }

  mutating func optionalGrid() -> ViewGrid? {
    let present = bool()
    let grid = ViewGrid(lower: f64(), upper: f64(), bins: i64())
    guard present else { return nil }
    if !(grid.lower.isFinite && grid.upper.isFinite && grid.lower < grid.upper)
      || !Checkpoint.gridBinRange.contains(grid.bins)
    {
      fail()
    }
    return grid
  }

  mutating func gridTracker() -> ViewGridTracker {
    let bins = i64()
    let grid = optionalGrid()
    guard Checkpoint.gridBinRange.contains(bins), grid.map({ $0.bins == bins }) ?? true else {
      fail()
      return ViewGridTracker()
    }
    return ViewGridTracker(bins: bins, grid: grid)
  }

  mutating func trainerState() -> TrainerState {
    let target = string()
    let prior = named(Prior.self, fallback: .uniform)
    let architecture = architecture()
    let hyperparameters = hyperparameters()
    let seed = u64()
    let words = count(itemSize: 8)
    let rng = (0..<words).map { _ in u64() }
    let d = i64()
    let g = i64()
    let last = stepKind()
    let diverged = optionalInt()
    let resets = i64()
    let generator = floats()
    let discriminator = floats()
    var moments: [[[Float]]] = []
    for _ in 0..<2 {
      let n = count(itemSize: 4)
      moments.append((0..<n).map { _ in floats() })
    }
    let gSteps = i64()
    let dSteps = i64()
    let readouts = doubles()
    let discriminatorOutputs = floats()
    let criticOutputs = floats()
    let capacityCount = count(itemSize: 8)
    let capacities = (0..<capacityCount).map { _ in i64() }
    let spectral = formatVersion >= 3 ? floats() : []
    let criticData = formatVersion >= 5 ? floats() : []
    if d < 0 || g < 0 || resets < 0 || gSteps < 0 || dSteps < 0 { fail() }
    return TrainerState(
      target: target, prior: prior, architecture: architecture,
      hyperparameters: hyperparameters, seed: seed, rngState: rng, discriminatorSteps: d,
      generatorSteps: g, lastStep: last, divergedAtIteration: diverged, resetCount: resets,
      generatorParameters: generator, discriminatorParameters: discriminator,
      generatorMoments: moments[0], discriminatorMoments: moments[1],
      generatorOptimizerSteps: gSteps, discriminatorOptimizerSteps: dSteps, readouts: readouts,
      discriminatorOutputs: discriminatorOutputs, criticOutputs: criticOutputs,
      workspaceCapacities: capacities, spectralState: spectral, criticDataOutputs: criticData)
  }

  /// A checkpoint and the index of the frame it follows.
  mutating func checkpoint() -> (frameIndex: Int, checkpoint: Checkpoint) {
    let frameIndex = i64()
    let sequence = u64()
    let interval = i64()
    let grid = gridTracker()
    let state = trainerState()
    if frameIndex < 0 || interval < 1 || sequence < 1 { fail() }
    return (
      frameIndex,
      Checkpoint(trainer: state, grid: grid, sequence: sequence, publishInterval: interval)
    )
  }
}
