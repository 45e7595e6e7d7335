import GANCore

// Event records: one applied control command with the counters it took effect at and the
// sequence number of the frame that shows it. Layout: u64 sequence, i64 iteration, i64 D
// steps, i64 G steps, u8 command tag, the command's value.

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
      u8(1)
      i64(k)
    case .setBatchSize(let m):
      u8(2)
      i64(m)
    case .setDiscriminatorStepSize(let eta):
      u8(3)
      f32(eta)
    case .setGeneratorStepSize(let eta):
      u8(4)
      f32(eta)
    case .setLoss(let loss):
      u8(5)
      string(loss.rawValue)
    case .setOptimizer(let kind):
      u8(6)
      string(kind.rawValue)
    case .setTarget(let target):
      u8(7)
      string(target.spec)
    case .resetNetworks: u8(8)
    case .reseed(let seed):
      u8(9)
      u64(seed)
    case .setPace(let pace):
      u8(10)
      switch pace {
      case .maximum: f64(0)
      case .iterationsPerSecond(let rate): f64(rate)
      }
    case .pause: u8(11)
    case .resume: u8(12)
    case .stepDiscriminator: u8(13)
    case .stepGenerator: u8(14)
    case .stepIteration: u8(15)
    case .setPublishInterval(let interval):
      u8(16)
      i64(interval)
    case .setPenalty(let penalty, let weight):
      u8(17)
      string(penalty.rawValue)
      f32(weight)
    case .setUnrolledSteps(let u):
      u8(18)
      i64(u)
    case .setUpdateScheme(let scheme):
      u8(19)
      string(scheme.rawValue)
    case .setInstanceNoise(let sigma):
      u8(20)
      f32(sigma)
    case .setSpectralNorm(let on):
      u8(21)
      bool(on)
    case .setPack(let p):
      u8(22)
      i64(p)
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
    switch u8() {
    case 1: return .setDiscriminatorSteps(i64())
    case 2: return .setBatchSize(i64())
    case 3: return .setDiscriminatorStepSize(f32())
    case 4: return .setGeneratorStepSize(f32())
    case 5: return .setLoss(named(Loss.self, fallback: .nonsaturating))
    case 6: return .setOptimizer(named(OptimizerKind.self, fallback: .adam))
    case 7:
      // Stored by spec. Targets change by preset (the `t` key), so a spec never needs a data
      // file here; one that does not parse without one makes the record malformed.
      guard let target = try? Target.parse(string()) else {
        fail()
        return .pause
      }
      return .setTarget(target)
    case 8: return .resetNetworks
    case 9: return .reseed(u64())
    case 10:
      // 0 stands for "as fast as possible"; a valid rate is positive and finite.
      let rate = f64()
      return rate == 0 ? .setPace(.maximum) : .setPace(.iterationsPerSecond(rate))
    case 11: return .pause
    case 12: return .resume
    case 13: return .stepDiscriminator
    case 14: return .stepGenerator
    case 15: return .stepIteration
    case 16: return .setPublishInterval(i64())
    case 17: return .setPenalty(named(GradientPenalty.self, fallback: .none), weight: f32())
    case 18: return .setUnrolledSteps(i64())
    case 19: return .setUpdateScheme(named(UpdateScheme.self, fallback: .alternating))
    case 20: return .setInstanceNoise(f32())
    case 21: return .setSpectralNorm(bool())
    case 22: return .setPack(i64())
    default:
      fail()
      return .pause
    }
  }
}
