import GANCore

// Event records: one applied control command with the counters it took effect at and the
// sequence number of the frame that shows it. Layout: u64 sequence, i64 iteration, i64 D
// steps, i64 G steps, u8 command tag, the command's value.

/// The tag byte of each kind of command. Never reuse or renumber one: recordings hold them.
/// The encoder's switch over `ControlCommand` and the decoder's over `EventTag` are both
/// exhaustive, so a new command must get a tag and a way back.
enum EventTag: UInt8, CaseIterable {
  case setDiscriminatorSteps = 1
  case setBatchSize = 2
  case setDiscriminatorStepSize = 3
  case setGeneratorStepSize = 4
  case setLoss = 5
  case setOptimizer = 6
  case setTarget = 7
  case resetNetworks = 8
  case reseed = 9
  case setPace = 10
  case pause = 11
  case resume = 12
  case stepDiscriminator = 13
  case stepGenerator = 14
  case stepIteration = 15
  case setPublishInterval = 16
  case setPenalty = 17
  case setUnrolledSteps = 18
  case setUpdateScheme = 19
  case setInstanceNoise = 20
  case setSpectralNorm = 21
  case setPack = 22
  case setConsensus = 23  // Format 6 on.
}

extension ByteWriter {
  mutating func event(_ e: AppliedEvent) {
    u64(e.sequence)
    i64(e.iteration)
    i64(e.discriminatorSteps)
    i64(e.generatorSteps)
    command(e.command)
  }

  mutating func command(_ c: ControlCommand) {
    switch c {
    case .setDiscriminatorSteps(let k):
      u8(EventTag.setDiscriminatorSteps.rawValue)
      i64(k)
    case .setBatchSize(let m):
      u8(EventTag.setBatchSize.rawValue)
      i64(m)
    case .setDiscriminatorStepSize(let eta):
      u8(EventTag.setDiscriminatorStepSize.rawValue)
      f32(eta)
    case .setGeneratorStepSize(let eta):
      u8(EventTag.setGeneratorStepSize.rawValue)
      f32(eta)
    case .setLoss(let loss):
      u8(EventTag.setLoss.rawValue)
      string(loss.rawValue)
    case .setOptimizer(let kind):
      u8(EventTag.setOptimizer.rawValue)
      string(kind.rawValue)
    case .setTarget(let target):
      u8(EventTag.setTarget.rawValue)
      string(target.spec)
    case .resetNetworks: u8(EventTag.resetNetworks.rawValue)
    case .reseed(let seed):
      u8(EventTag.reseed.rawValue)
      u64(seed)
    case .setPace(let pace):
      u8(EventTag.setPace.rawValue)
      switch pace {
      case .maximum: f64(0)
      case .iterationsPerSecond(let rate): f64(rate)
      }
    case .pause: u8(EventTag.pause.rawValue)
    case .resume: u8(EventTag.resume.rawValue)
    case .stepDiscriminator: u8(EventTag.stepDiscriminator.rawValue)
    case .stepGenerator: u8(EventTag.stepGenerator.rawValue)
    case .stepIteration: u8(EventTag.stepIteration.rawValue)
    case .setPublishInterval(let interval):
      u8(EventTag.setPublishInterval.rawValue)
      i64(interval)
    case .setPenalty(let penalty, let weight):
      u8(EventTag.setPenalty.rawValue)
      string(penalty.rawValue)
      f32(weight)
    case .setUnrolledSteps(let u):
      u8(EventTag.setUnrolledSteps.rawValue)
      i64(u)
    case .setUpdateScheme(let scheme):
      u8(EventTag.setUpdateScheme.rawValue)
      string(scheme.rawValue)
    case .setInstanceNoise(let sigma):
      u8(EventTag.setInstanceNoise.rawValue)
      f32(sigma)
    case .setSpectralNorm(let on):
      u8(EventTag.setSpectralNorm.rawValue)
      bool(on)
    case .setPack(let p):
      u8(EventTag.setPack.rawValue)
      i64(p)
    case .setConsensus(let gamma):
      u8(EventTag.setConsensus.rawValue)
      f32(gamma)
    }
  }
}

extension ByteReader {
  mutating func event() -> AppliedEvent {
    let sequence = u64()
    let iteration = i64()
    let d = i64()
    let g = i64()
    let command = command()
    if iteration < 0 || d < 0 || g < 0 { fail() }
    return AppliedEvent(
      command: command, iteration: iteration, discriminatorSteps: d, generatorSteps: g,
      sequence: sequence)
  }

  mutating func command() -> ControlCommand {
    guard let tag = EventTag(rawValue: u8()) else {
      fail()
      return .pause
    }
    switch tag {
    case .setDiscriminatorSteps: return .setDiscriminatorSteps(i64())
    case .setBatchSize: return .setBatchSize(i64())
    case .setDiscriminatorStepSize: return .setDiscriminatorStepSize(f32())
    case .setGeneratorStepSize: return .setGeneratorStepSize(f32())
    case .setLoss: return .setLoss(named(Loss.self, fallback: .nonsaturating))
    case .setOptimizer: return .setOptimizer(named(OptimizerKind.self, fallback: .adam))
    case .setTarget:
      // Stored by spec. Targets change by preset (the `t` key), so a spec never needs a data
      // file here; one that does not parse without one makes the record malformed.
      guard let target = try? Target.parse(string()) else {
        fail()
        return .pause
      }
      return .setTarget(target)
    case .resetNetworks: return .resetNetworks
    case .reseed: return .reseed(u64())
    case .setPace:
      // 0 stands for "as fast as possible"; a valid rate is positive and finite.
      let rate = f64()
      return rate == 0 ? .setPace(.maximum) : .setPace(.iterationsPerSecond(rate))
    case .pause: return .pause
    case .resume: return .resume
    case .stepDiscriminator: return .stepDiscriminator
    case .stepGenerator: return .stepGenerator
    case .stepIteration: return .stepIteration
    case .setPublishInterval: return .setPublishInterval(i64())
    case .setPenalty:
      return .setPenalty(named(GradientPenalty.self, fallback: .none), weight: f32())
    case .setUnrolledSteps: return .setUnrolledSteps(i64())
    case .setUpdateScheme: return .setUpdateScheme(named(UpdateScheme.self, fallback: .alternating))
    case .setInstanceNoise: return .setInstanceNoise(f32())
    case .setSpectralNorm: return .setSpectralNorm(bool())
    case .setPack: return .setPack(i64())
    case .setConsensus: return .setConsensus(f32())
    }
  }
}
