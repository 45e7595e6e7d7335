import GANKernels

/// Turns a trainer's current state into a `Snapshot`. It never touches the training stream:
/// G is evaluated at fixed quantiles of the prior and p_data at its quantiles (or at fixed
/// draws for an empirical target), so a snapshot is a pure function of the trainer state and
/// the grid history, and taking more or fewer snapshots never changes training.
public final class Evaluator {
  /// Quantile samples of p_g and of p_data used for every metric.
  public static let sampleCount = 2048
  /// Bins of the metric grid (fixed per target, so metrics compare across time).
  public static let metricBins = 200
  /// D is evaluated on every this-many-th quantile sample.
  static let discriminatorStride = 4
  /// Points of the z → x map.
  public static let mappingPoints = 33

  private var gridTracker: ViewGridTracker
  private let quantileZ: [Float]
  private let mappingZ: [Float]
  private var generatorWork: Workspace
  private var discriminatorWork: Workspace
  private var architecture: Architecture
  private var targetCache: TargetCache?

  /// What depends only on the target: its quantile samples, metric grid and binned density.
  private struct TargetCache {
    let spec: String
    let sortedSamples: [Double]
    let range: ClosedRange<Double>
    let metricLower: Double
    let metricUpper: Double
    let metricProbabilities: [Double]
  }

  public init(architecture: Architecture, prior: Prior, bins: Int = 200) {
    self.architecture = architecture
    gridTracker = ViewGridTracker(bins: bins)
    quantileZ = prior.midpointQuantiles(Self.sampleCount)
    mappingZ = prior.midpointQuantiles(Self.mappingPoints)
    let rows = Self.sampleCount + bins + Self.mappingPoints
    // Room for packs of up to P values per row: under packing D is read on the diagonal.
    let p = Stabilizers.packRange.upperBound
    generatorWork = Workspace(capacity: rows, architecture: architecture, inputsPerRow: p)
    discriminatorWork = Workspace(
      capacity: 2 * Self.sampleCount / Self.discriminatorStride + bins, architecture: architecture,
      inputsPerRow: p)
  }

  public var gridState: ViewGridTracker { gridTracker }
  public func restoreGrid(_ tracker: ViewGridTracker) { gridTracker = tracker }

  /// Computes the snapshot of `trainer` now.
  public func snapshot(of trainer: Trainer) -> Snapshot {
    let target = cache(for: trainer.target)
    let n = Self.sampleCount
    let loss = trainer.hyperparameters.loss

    // G at the prior's quantiles, and at the map's z values, in one batch.
    let zs = quantileZ + mappingZ
    let generated = evaluate(trainer.generator, at: zs, work: generatorWork)
    // Non-finite samples (a diverged G) are left out of every histogram and mean.
    let samples = generated[0..<n].map(Double.init).filter(\.isFinite).sorted()
    let finiteCount = samples.count
    let mappingX = Array(generated[n...])

    let grid = gridTracker.update(target: target.range, sortedSamples: samples)
    let centers = grid.centers

    // D on every 4th data and model quantile sample (the expectations in V and the mean D
    // are smooth integrals: 512 quadrature points are plenty, and D's pass is the costliest
    // part of a snapshot), then on the grid.
    let stride = Self.discriminatorStride
    let real = Swift.stride(from: stride / 2, to: n, by: stride).map { target.sortedSamples[$0] }
    let fake = Swift.stride(from: stride / 2, to: finiteCount, by: stride).map { samples[$0] }
    let dInputs = (real + fake + centers).map(Float.init)
    let dOutputs = evaluate(trainer.discriminator, at: dInputs, work: discriminatorWork)
    // D's objective and mean readout under the current loss, by quadrature (the
    // relativistic loss reads each side against the other side's mean output).
    let realOutputs = dOutputs[..<real.count].map(Double.init)
    let fakeOutputs = dOutputs[real.count..<(real.count + fake.count)].map(Double.init)
    let shift = loss.relativeShifts(
      realMean: realOutputs.reduce(0, +) / Double(max(real.count, 1)),
      fakeMean: fakeOutputs.reduce(0, +) / Double(max(fake.count, 1)))
    var objectiveReal = 0.0
    var meanReal = 0.0
    for o in realOutputs {
      meanReal += loss.readout(o)
      objectiveReal += loss.objectiveRealTerm(o - shift.real)
    }
    var objectiveFake = 0.0
    var meanFake = 0.0
    for o in fakeOutputs {
      meanFake += loss.readout(o)
      objectiveFake += loss.objectiveFakeTerm(o - shift.fake)
    }
    let realCount = Double(max(real.count, 1))
    let fakeCount = Double(max(fake.count, 1))
    let sampleCount = Double(max(finiteCount, 1))
    let discriminator = dOutputs[(real.count + fake.count)...].map {
      Float(loss.readout(Double($0)))
    }
    let slopes = slope(of: trainer.discriminator, at: mappingX, loss: loss)

    // Histograms on the view grid (as densities) and D*.
    let width = grid.binWidth
    let dataProbabilities: [Double]
    if trainer.target.distribution.hasExactDensity {
      dataProbabilities = binProbabilities(
        trainer.target.distribution, lower: grid.lower, upper: grid.upper, bins: grid.bins)
    } else {
      dataProbabilities = binProbabilities(
        target.sortedSamples, lower: grid.lower, upper: grid.upper, bins: grid.bins)
    }
    let modelProbabilities = binProbabilities(
      samples, lower: grid.lower, upper: grid.upper, bins: grid.bins)
    let density = centers.compactMap { trainer.target.distribution.density($0) }
    let dataHistogram = dataProbabilities.map { Float($0 / width) }
    let modelHistogram = modelProbabilities.map { Float($0 / width) }
    let optimal = (0..<grid.bins).map { i -> Float in
      let pData = density.isEmpty ? Double(dataHistogram[i]) : density[i]
      let pModel = Double(modelHistogram[i])
      return pData + pModel > 1e-12 ? Float(pData / (pData + pModel)) : 0.5
    }

    // Metrics on the fixed metric grid.
    let modelMetric = binProbabilities(
      samples, lower: target.metricLower, upper: target.metricUpper, bins: Self.metricBins)
    let mean = samples.reduce(0, +) / sampleCount
    let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / sampleCount
    let coverage = ModeCoverage.measure(
      sorted: samples, modes: trainer.target.distribution.modes)
    let wasserstein: Double =
      finiteCount == n ? wasserstein1(sorted: target.sortedSamples, sorted: samples) : .infinity
    let slope: Double =
      trainer.architecture.model == .dirac
      ? Double(
        trainer.discriminator.parameters[
          DiracGame.freeParameter(of: .discriminator, trainer.discriminator.layout)]) : .nan
    let objective: Double = objectiveReal / realCount + objectiveFake / fakeCount
    let meanDReal: Double = meanReal / realCount
    let meanDFake: Double = meanFake / fakeCount
    let sd: Double = variance.squareRoot()
    // Each argument a plain value, so that a new metric's missing argument is named as such
    // (with the arithmetic inline the type checker gave up instead).
    let metrics = TrainingMetrics(
      jensenShannon: jensenShannon(target.metricProbabilities, modelMetric),
      klDataModel: kullbackLeibler(target.metricProbabilities, modelMetric),
      klModelData: kullbackLeibler(modelMetric, target.metricProbabilities),
      wasserstein: wasserstein,
      value: objective, meanDReal: meanDReal, meanDFake: meanDFake,
      discriminatorLoss: trainer.discriminatorLoss,
      generatorLoss: trainer.generatorLoss,
      discriminatorGradientNorm: trainer.discriminatorGradientNorm,
      generatorGradientNorm: trainer.generatorGradientNorm,
      generatorMean: mean,
      generatorStandardDeviation: sd,
      modesKept: coverage.kept, nearModeShare: coverage.nearShare,
      discriminatorSlope: slope)

    return Snapshot(
      iteration: trainer.iteration,
      discriminatorSteps: trainer.discriminatorStepCount,
      generatorSteps: trainer.generatorStepCount,
      lastStep: trainer.lastStep,
      hyperparameters: trainer.hyperparameters,
      targetName: trainer.target.name,
      prior: trainer.prior,
      seed: trainer.seed,
      divergedAtIteration: trainer.divergedAtIteration,
      grid: grid,
      dataHistogram: dataHistogram,
      modelHistogram: modelHistogram,
      dataDensity: density.count == grid.bins ? density.map(Float.init) : [],
      discriminator: discriminator,
      optimalDiscriminator: optimal,
      mappingZ: mappingZ,
      mappingX: mappingX,
      mappingSlope: slopes,
      metrics: metrics)
  }

  /// Runs a net forward on `inputs` (any count: done in workspace-sized chunks). A packed D
  /// (P inputs) is run on the diagonal: each x becomes the pack (x, …, x), the one reading
  /// of a pack-judging D that a curve over x can show.
  private func evaluate(_ net: Perceptron, at inputs: [Float], work: Workspace) -> [Float] {
    var outputs = [Float](repeating: 0, count: inputs.count)
    let p = net.inputs
    var start = 0
    while start < inputs.count {
      let count = min(work.capacity, inputs.count - start)
      for i in 0..<count {
        for j in 0..<p { work.input[i * p + j] = inputs[start + i] }
      }
      for i in count * p..<paddedRows(count) * p { work.input[i] = 0 }
      net.forward(work, rows: count)
      for i in 0..<count { outputs[start + i] = work.output[i] }
      start += count
    }
    return outputs
  }

  /// dD(x)/dx at each x, by one backward pass through D with unit output gradient. For a
  /// packed D it is the slope along the diagonal, d/dx D(x, …, x) = Σⱼ ∂D/∂xⱼ.
  private func slope(of net: Perceptron, at xs: [Float], loss: Loss) -> [Float] {
    let work = generatorWork
    let p = net.inputs
    let count = xs.count
    let rows = paddedRows(count)
    for i in 0..<rows {
      for j in 0..<p { work.input[i * p + j] = i < count ? xs[i] : 0 }
    }
    net.forward(work, rows: count)
    for i in 0..<rows { work.outputGradient[i] = i < count ? 1 : 0 }
    net.backward(work, rows: count, parameterGradients: false, inputGradient: true)
    return (0..<count).map { i in
      var diagonal: Float = 0
      for j in 0..<p { diagonal += work.inputGradient[i * p + j] }
      return Float(Double(diagonal) * loss.readoutSlope(Double(work.output[i])))
    }
  }

  private func cache(for target: Target) -> TargetCache {
    if let cached = targetCache, cached.spec == target.spec { return cached }
    let n = Self.sampleCount
    let distribution = target.distribution
    let sorted: [Double]
    switch distribution {
    case .empirical(let values):
      // Evenly spaced order statistics of the data file.
      sorted = (0..<n).map { i in
        values.sorted[min(values.sorted.count - 1, (i * values.sorted.count) / n)]
      }
    case .normal, .uniform, .laplace, .logNormal, .mixture, .point:
      sorted = (0..<n).map { distribution.quantile((Double($0) + 0.5) / Double(n)) }
    }
    let range = distribution.range(tail: 1e-3)
    let span = max(range.upperBound - range.lowerBound, 1e-3)
    let lower = range.lowerBound - span
    let upper = range.upperBound + span
    let probabilities =
      distribution.hasExactDensity
      ? binProbabilities(distribution, lower: lower, upper: upper, bins: Self.metricBins)
      : binProbabilities(sorted, lower: lower, upper: upper, bins: Self.metricBins)
    let new = TargetCache(
      spec: target.spec, sortedSamples: sorted, range: range, metricLower: lower,
      metricUpper: upper, metricProbabilities: probabilities)
    targetCache = new
    return new
  }
}
