import GANCore

/// What a phase plane plots, read from a run's history: for the perceptron, G's (mean, sd)
/// with the target's (μ, σ); for the Dirac-GAN, the game's own coordinates (θ, ψ) with the
/// equilibrium (c, 0) and the vector field of its loss and penalty (DiracGame.swift). The
/// terminal pane and the SVG picture both draw this one value.
struct PhasePlane {
  /// The axes' names, and the target mark's.
  let horizontalName: String
  let verticalName: String
  let targetName: String
  /// One point per history bucket, oldest first.
  let points: [(Double, Double)]
  let target: (Double, Double)
  /// The direction of simultaneous gradient descent at a point; nil for the perceptron,
  /// whose state is not two numbers.
  let field: (@Sendable (Double, Double) -> (Double, Double))?

  /// The plane of `buckets` (the newest bucket's data moments mark the target);
  /// `hyperparameters` (the shown frame's) choose the Dirac-GAN's field.
  init?(_ buckets: [HistoryBucket], hyperparameters: Hyperparameters?, ascii: Bool) {
    func index(_ key: String) -> Int? { Metric.table.firstIndex { $0.key == key } }
    guard let last = buckets.last, let meanIndex = index("g_mean"), let sdIndex = index("g_std"),
      let psiIndex = index("psi")
    else { return nil }
    let isDirac = buckets.contains { $0.mean[psiIndex].isFinite }
    if isDirac {
      horizontalName = ascii ? "theta = G(z)" : "θ = G(z)"
      verticalName = ascii ? "psi (D = psi*x)" : "ψ (D = ψ·x)"
      targetName = "equilibrium"
      points = buckets.map { ($0.mean[meanIndex], $0.mean[psiIndex]) }
      let c = last.dataMean
      target = (c, 0)
      if let h = hyperparameters {
        field = { theta, psi in
          let v = DiracGame.vectorField(theta: theta, psi: psi, dataPoint: c, hyperparameters: h)
          return (v.theta, v.psi)
        }
      } else {
        field = nil
      }
    } else {
      horizontalName = "mean G(z)"
      verticalName = "sd G(z)"
      targetName = ascii ? "target (mu, sigma)" : "target (μ, σ)"
      points = buckets.map { ($0.mean[meanIndex], $0.mean[sdIndex]) }
      target = (last.dataMean, last.dataStandardDeviation)
      field = nil
    }
  }

  /// The axes over the path and the target (and sd's 0). The Dirac-GAN's are symmetric
  /// about its equilibrium and equal, so a circle of the game reads as one.
  var axes: (horizontal: ValueAxis, vertical: ValueAxis) {
    let xs = points.map(\.0) + [target.0]
    let ys = points.map(\.1) + [target.1]
    guard field != nil else {
      return (
        ValueAxis(values: xs, logarithmic: false), ValueAxis(values: ys + [0], logarithmic: false)
      )
    }
    let reach =
      (xs.map { abs($0 - target.0) } + ys.map { abs($0 - target.1) })
      .filter(\.isFinite).max() ?? 1
    let r = max(reach, 1e-6)
    return (
      ValueAxis(values: [target.0 - r, target.0 + r], logarithmic: false),
      ValueAxis(values: [target.1 - r, target.1 + r], logarithmic: false)
    )
  }
}
