import GANCore

// Encoders and decoders of a run's configuration: the header record and the parts of
// context and checkpoint records that describe settings. Enumerations are stored by their
// raw names (stable across versions); numbers exactly.

extension ByteWriter {
  mutating func hyperparameters(_ h: Hyperparameters) {
    i64(h.discriminatorSteps)
    i64(h.batchSize)
    f32(h.discriminatorStepSize)
    f32(h.generatorStepSize)
    string(h.loss.rawValue)
    string(h.optimizer.kind.rawValue)
    f32(h.optimizer.momentum)
    f32(h.optimizer.beta1)
    f32(h.optimizer.beta2)
    f32(h.optimizer.epsilon)
    // Format 3 on.
    let f = h.stabilizers
    string(f.penalty.rawValue)
    f32(f.penaltyWeight)
    i64(f.unrolledSteps)
    string(f.updateScheme.rawValue)
    f32(f.instanceNoise)
    i64(f.instanceNoiseAnneal)
    f32(f.clip)
    bool(f.spectralNorm)
    i64(f.pack)  // Format 4 on.
    f32(f.interpolateWeight)
    f32(f.consensus)  // Format 6 on.
  }

  mutating func architecture(_ a: Architecture) {
    i64(a.width)
    i64(a.hiddenLayers)
    string(a.activation.rawValue)
    string(a.model.rawValue)
  }

  /// A distribution, recursively, with every parameter (and a data file's values), so a
  /// recording describes its target without the file it may have been read from.
  mutating func distribution(_ d: Distribution) {
    switch d {
    case .normal(let mean, let sd):
      u8(1)
      f64(mean)
      f64(sd)
    case .uniform(let lower, let upper):
      u8(2)
      f64(lower)
      f64(upper)
    case .laplace(let location, let scale):
      u8(3)
      f64(location)
      f64(scale)
    case .logNormal(let mu, let sigma):
      u8(4)
      f64(mu)
      f64(sigma)
    case .mixture(let components):
      u8(5)
      u32(UInt32(components.count))
      for c in components {
        f64(c.weight)
        distribution(c.distribution)
      }
    case .empirical(let samples):
      u8(6)
      doubles(samples.sorted)
    case .point(let c):
      u8(7)
      f64(c)
    }
  }

  mutating func config(_ c: TrainingConfig) {
    string(c.target.name)
    string(c.target.spec)
    distribution(c.target.distribution)
    string(c.prior.rawValue)
    architecture(c.architecture)
    hyperparameters(c.hyperparameters)
    u64(c.seed)
  }

  mutating func header(_ h: RecordingHeader) {
    string(h.ganscopeVersion)
    i64(Int(h.createdAtUnixSeconds))
    i64(h.publishInterval)
    i64(h.gridBins)
    bool(h.isResumedRun)
    config(h.config)
    // Format 5 on: the prelude's version again, inside the checksum. A damaged version in
    // the prelude then cannot pass for an older format that happens to read the same
    // header: the copy is left over (or differs) and the header is refused.
    u16(UInt16(RecordingFormat.version))
  }
}

extension ByteReader {
  /// A raw-value enumeration case stored by name; an unknown name fails.
  mutating func named<T: RawRepresentable>(_: T.Type, fallback: T) -> T where T.RawValue == String {
    guard let value = T(rawValue: string()) else {
      fail()
      return fallback
    }
    return value
  }

  mutating func hyperparameters() -> Hyperparameters {
    let k = i64()
    let m = i64()
    let etaD = f32()
    let etaG = f32()
    let loss = named(Loss.self, fallback: .nonsaturating)
    let kind = named(OptimizerKind.self, fallback: .adam)
    let settings = OptimizerSettings(
      kind: kind, momentum: f32(), beta1: f32(), beta2: f32(), epsilon: f32())
    // Older formats have no fixes: Algorithm 1 as published.
    var stabilizers = Stabilizers()
    if formatVersion >= 3 {
      stabilizers = Stabilizers(
        penalty: named(GradientPenalty.self, fallback: .none), penaltyWeight: f32(),
        unrolledSteps: i64(), updateScheme: named(UpdateScheme.self, fallback: .alternating),
        instanceNoise: f32(), instanceNoiseAnneal: i64(), clip: f32(), spectralNorm: bool())
    }
    // Older formats have no packing: P = 1, the plain D.
    if formatVersion >= 4 {
      stabilizers.pack = i64()
      stabilizers.interpolateWeight = f32()
    }
    // Older formats have no consensus optimization: γ = 0.
    if formatVersion >= 6 { stabilizers.consensus = f32() }
    let h = Hyperparameters(
      discriminatorSteps: k, batchSize: m, discriminatorStepSize: etaD, generatorStepSize: etaG,
      loss: loss, optimizer: settings, stabilizers: stabilizers)
    // The command line's limits (Adam's betas in [0, 1), ε > 0, μ in [0, 1)): a value
    // outside them is damage, or a file made to crash the trainer.
    let o = h.optimizer
    if h.problem != nil || !(0..<1).contains(o.beta1) || !(0..<1).contains(o.beta2)
      || !(o.epsilon > 0 && o.epsilon.isFinite) || !(0..<1).contains(o.momentum)
    {
      fail()
    }
    return h
  }

  mutating func architecture() -> Architecture {
    let width = i64()
    let layers = i64()
    let activation = named(Activation.self, fallback: .tanh)
    // Format 4 names the model; every earlier run was a perceptron.
    let model = formatVersion >= 4 ? named(NetModel.self, fallback: .perceptron) : .perceptron
    // The command line's limits: a damaged file must not ask for gigabytes.
    guard Architecture.widthRange.contains(width), Architecture.hiddenLayerRange.contains(layers)
    else {
      fail()
      return Architecture()
    }
    return Architecture(width: width, hiddenLayers: layers, activation: activation, model: model)
  }

  mutating func distribution(depth: Int = 0) -> Distribution {
    let fallback = Distribution.normal(mean: 0, standardDeviation: 1)
    guard depth <= Target.maximumNesting + 1 else {
      fail()
      return fallback
    }
    switch u8() {
    case 1: return .normal(mean: f64(), standardDeviation: f64())
    case 2: return .uniform(lower: f64(), upper: f64())
    case 3: return .laplace(location: f64(), scale: f64())
    case 4: return .logNormal(mu: f64(), sigma: f64())
    case 5:
      let n = count(itemSize: 9)
      var components: [MixtureComponent] = []
      for _ in 0..<n where !failed {
        let weight = f64()
        components.append(
          MixtureComponent(weight: weight, distribution: distribution(depth: depth + 1)))
      }
      return failed ? fallback : .mixture(components)
    case 6:
      let values = doubles()
      if values.isEmpty { fail() }
      return .empirical(EmpiricalSamples(values: values))
    case 7: return .point(f64())
    default:
      fail()
      return fallback
    }
  }

  mutating func config() -> TrainingConfig {
    let name = string()
    let spec = string()
    let distribution = distribution()
    let prior = named(Prior.self, fallback: .uniform)
    let architecture = architecture()
    let hyperparameters = hyperparameters()
    let seed = u64()
    return TrainingConfig(
      target: Target(name: name, spec: spec, distribution: distribution), prior: prior,
      architecture: architecture, hyperparameters: hyperparameters, seed: seed)
  }

  mutating func header(formatVersion: Int) -> RecordingHeader {
    let version = string()
    let created = Int64(i64())
    let interval = i64()
    let bins = i64()
    let resumed = bool()
    let config = config()
    if interval < 1 || !Checkpoint.gridBinRange.contains(bins) { fail() }
    if formatVersion >= 5 && Int(u16()) != formatVersion { fail() }
    return RecordingHeader(
      formatVersion: formatVersion, ganscopeVersion: version, config: config,
      publishInterval: max(interval, 1), createdAtUnixSeconds: created, gridBins: bins,
      isResumedRun: resumed)
  }
}
