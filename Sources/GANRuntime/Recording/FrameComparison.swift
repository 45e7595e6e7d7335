import GANCore

/// Bit-for-bit comparison of a recorded frame with a re-simulated one, after storing the
/// re-simulated one the way the recorder does (so the quantized curves compare exactly).
enum FrameComparison {
  /// What frame `s` reads back as after being recorded.
  static func recorded(_ s: Snapshot) -> Snapshot {
    var out = ByteWriter()
    out.frame(s, time: 0, context: 0, curves: 0)
    var context = ByteWriter()
    context.context(FrameContext(s))
    var curves = ByteWriter()
    curves.curves(FrameCurves(s))
    return out.bytes.withUnsafeBytes { raw in
      var input = ByteReader(raw)
      let prefix = input.framePrefix()
      let c = context.bytes.withUnsafeBytes { raw in
        var r = ByteReader(raw)
        return r.context()
      }
      let v = curves.bytes.withUnsafeBytes { raw in
        var r = ByteReader(raw)
        return r.curves()
      }
      return input.frameBody(prefix, context: c, curves: v)
    }
  }

  /// The first field in which two snapshots differ in any bit, with both values; nil when
  /// they are identical.
  /// `recordedMetrics`: how many metrics the recorded frame holds; a file written before a
  /// metric existed has no value for it to compare (it reads as NaN). `uniformModes`: the
  /// target has uniform pieces, whose modes an older ganscope did not count (it recorded
  /// NaN for `modes` and `near_modes`); a recorded NaN there is not compared.
  static func firstDifference(
    recorded a: Snapshot, resimulated b: Snapshot,
    recordedMetrics: Int = Metric.recorded.count, uniformModes: Bool = false
  ) -> String? {
    func differ<T: Equatable>(_ name: String, _ x: T, _ y: T) -> String? {
      x == y ? nil : "\(name): recorded \(x), re-simulated \(y)"
    }
    let scalars: [String?] = [
      differ("sequence", a.sequence, b.sequence),
      differ("iteration", a.iteration, b.iteration),
      differ("discriminatorSteps", a.discriminatorSteps, b.discriminatorSteps),
      differ("generatorSteps", a.generatorSteps, b.generatorSteps),
      differ("lastStep", a.lastStep, b.lastStep),
      differ("divergedAtIteration", a.divergedAtIteration, b.divergedAtIteration),
      differ("hyperparameters", a.hyperparameters, b.hyperparameters),
      differ("targetName", a.targetName, b.targetName),
      differ("prior", a.prior, b.prior),
      differ("seed", a.seed, b.seed),
      differ("grid", a.grid, b.grid),
    ]
    if let found = scalars.compactMap({ $0 }).first { return found }
    for metric in Metric.recorded.prefix(recordedMetrics) {
      let (x, y) = (a.metrics[metric], b.metrics[metric])
      if uniformModes, x.isNaN, metric.applies == .separatedModes { continue }
      if x.bitPattern != y.bitPattern {
        return "metrics.\(metric.column): recorded \(x), re-simulated \(y)"
      }
    }
    let curves: [(String, [Float], [Float])] = [
      ("dataHistogram", a.dataHistogram, b.dataHistogram),
      ("modelHistogram", a.modelHistogram, b.modelHistogram),
      ("dataDensity", a.dataDensity, b.dataDensity),
      ("discriminator", a.discriminator, b.discriminator),
      ("optimalDiscriminator", a.optimalDiscriminator, b.optimalDiscriminator),
      ("mappingZ", a.mappingZ, b.mappingZ),
      ("mappingX", a.mappingX, b.mappingX),
      ("mappingSlope", a.mappingSlope, b.mappingSlope),
    ]
    for (name, x, y) in curves {
      guard x.count == y.count else {
        return "\(name): recorded \(x.count) values, re-simulated \(y.count)"
      }
      if let i = x.indices.first(where: { x[$0].bitPattern != y[$0].bitPattern }) {
        return "\(name)[\(i)]: recorded \(x[i]), re-simulated \(y[i])"
      }
    }
    return nil
  }
}

extension Checkpoint {
  /// The checkpoint's bytes as recorded: equal bytes mean the same state, NaNs included.
  var encoded: [UInt8] {
    var out = ByteWriter()
    out.checkpoint(self, frameIndex: 0)
    return out.bytes
  }
}
