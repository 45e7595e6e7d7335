import GANCore

extension RecordingMarker {
  /// The marker of an event, or nil for commands that change no knob of the model (pace,
  /// pause, single steps, cadence).
  public static func describing(_ command: ControlCommand) -> (RecordingMarkerKind, String)? {
    switch command {
    case .setDiscriminatorSteps(let k): (.discriminatorSteps, "k=\(k)")
    case .setDiscriminatorStepSize(let eta): (.stepSize, "lrD=\(eta)")
    case .setGeneratorStepSize(let eta): (.stepSize, "lrG=\(eta)")
    case .setLoss(let loss): (.loss, "loss=\(loss.rawValue)")
    case .setTarget(let target): (.target, "target=\(target.spec)")
    case .setOptimizer(let kind): (.optimizer, "optimizer=\(kind.rawValue)")
    case .setPenalty(let penalty, let weight):
      (.fix, penalty == .none ? "penalty=none" : "penalty=\(penalty.rawValue)(\(weight))")
    case .setUnrolledSteps(let u): (.fix, "unroll=\(u)")
    case .setUpdateScheme(let scheme): (.fix, "updates=\(scheme.rawValue)")
    case .setInstanceNoise(let sigma): (.fix, "noise=\(sigma)")
    case .setSpectralNorm(let on): (.fix, "spectral-norm=" + (on ? "on" : "off"))
    case .setPack(let p): (.fix, "pack=\(p)")
    case .setConsensus(let gamma): (.fix, "consensus=\(gamma)")
    case .resetNetworks: (.reset, "reset")
    case .setBatchSize(let m): (.other, "m=\(m)")
    case .reseed(let seed): (.other, "seed=\(seed)")
    case .setPace, .pause, .resume, .stepDiscriminator, .stepGenerator, .stepIteration,
      .setPublishInterval:
      nil
    }
  }

  /// A command as `info` lists it and messages name it ("penalty=r1(nan)", "step G"): the
  /// timeline marker's label where there is one.
  public static func text(_ command: ControlCommand) -> String {
    switch command {
    case .setPace(let pace): return "pace=\(pace.label)"
    case .pause: return "pause"
    case .resume: return "resume"
    case .stepDiscriminator: return "step D"
    case .stepGenerator: return "step G"
    case .stepIteration: return "step iteration"
    case .setPublishInterval(let n): return "publish every \(n)"
    case .setDiscriminatorSteps, .setBatchSize, .setDiscriminatorStepSize, .setGeneratorStepSize,
      .setLoss, .setOptimizer, .setPenalty, .setUnrolledSteps, .setUpdateScheme,
      .setInstanceNoise, .setSpectralNorm, .setPack, .setConsensus, .setTarget, .resetNetworks,
      .reseed:
      // Every knob has a marker label.
      return describing(command)?.1 ?? "\(command)"
    }
  }

  /// One marker per knob-changing event inside the recorded frames, at the frame that
  /// shows its effect (the one published right after it).
  static func markers(for index: RecordingIndex) -> [RecordingMarker] {
    var markers: [RecordingMarker] = []
    var frame = 0
    for event in index.events {
      while frame < index.frames.count && index.frames[frame].prefix.sequence < event.sequence {
        frame += 1
      }
      guard frame < index.frames.count, index.frames[frame].prefix.sequence == event.sequence,
        let (kind, label) = describing(event.command)
      else { continue }
      markers.append(RecordingMarker(frameIndex: frame, kind: kind, label: label))
    }
    return markers
  }
}
