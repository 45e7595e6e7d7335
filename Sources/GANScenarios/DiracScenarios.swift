import GANCore

// The Dirac-GAN (DiracGame.swift): the game's rotation in its purest form. Nothing in it is
// random (every sample of G is θ and every data point is 0), so every seed gives the same
// run; `demo --check` still runs each seed, and they agree.

extension Scenario {
  /// The Dirac-GAN's scenarios, after Mescheder et al. (2018), Figures 1–3. Their D is high
  /// on samples (L = f(ψθ) + f(0)), ganscope's on data: ψ here is −ψ there.
  static let dirac: [Scenario] = [diracUpdateOrders, diracR1, diracNonSaturatingCycle]

  /// The paper's setting: p_data = δ₀, minimax loss, plain gradient steps of 0.1, k = 1.
  /// (The paper's D is high on samples, ganscope's on data: ganscope's ψ is the paper's −ψ,
  /// and the start (θ, ψ) = (1, 1) here is the paper's (1, −1).)
  static func diracConfig(
    loss: Loss = .minimax, stabilizers: Stabilizers = Stabilizers()
  ) -> TrainingConfig {
    config(
      target: "point(0)", k: 1, loss: loss, optimizer: OptimizerSettings(kind: .sgd),
      stepSize: 0.1, stabilizers: stabilizers, architecture: DiracGame.architecture)
  }

  static let diracUpdateOrders = Scenario(
    name: "dirac-gan",
    summary:
      "the Dirac-GAN: alternating steps circle the equilibrium, simultaneous ones spiral out, extragradient spirals in",
    config: diracConfig(),
    steps: [
      ScenarioStep(
        at: 600,
        "The phase plane of G's theta (across) and D's slope psi (up). With alternating steps "
          + "the path is a closed circle around (0, 0): it never arrives"),
      ScenarioStep(
        at: 1000, keys: "x", [.setUpdateScheme(.simultaneous)],
        "x: simultaneous steps. Each step leaves the circle on the outside: watch the path "
          + "spiral out, theta {g_mean}, psi {psi}"),
      ScenarioStep(
        at: 2000, keys: "x", [.setUpdateScheme(.extragradient)],
        "x: extragradient. Each step uses the gradient at a look-ahead point; watch the path "
          + "spiral in: theta {g_mean}, psi {psi}"),
    ],
    iterations: 4000, frameInterval: 20,
    tunedOn: [1, 2, 3, 101], heldOutFrom: 201,
    claim: Claim(
      "distance r of (theta, psi) from (0, 0), starting at 1.41 from (1, 1) (the paper's (1, -1): its D is high on samples, so its psi is ours negated): alternating, 0-1000: r varies by less than 10% of its start while theta changes sign at least 10 times; simultaneous, 1000-2000: r grows by more than 50%; extragradient, 2000-4000: r ends below a third of its value at 2000",
      finding:
        "Measured (the run is the same on every seed): alternating steps kept the distance "
        + "from (0, 0) within 3% of 1.41; simultaneous steps grew it 1.9 times in 1,000 "
        + "steps; extragradient cut it to 0.14 of that in 2,000"
    ) { run in
      let circling = run.frames(in: 0...1000).map(\.metrics)
      let radii = circling.map(diracRadius)
      let atSwitch = diracRadius(run.frames(in: 1000...1000).first?.metrics ?? .notRecorded)
      let atExtragradient = diracRadius(
        run.frames(in: 2000...2000).first?.metrics ?? .notRecorded)
      let final = diracRadius(run.final.metrics)
      return [
        .below("(highest - lowest r) / r at 0, 0-1000", relativeSpread(radii), 0.1),
        .above(
          "sign changes of theta 0-1000", Double(signChanges(circling.map(\.generatorMean))), 9.5),
        .above("r at 2000 / r at 1000", atExtragradient / atSwitch, 1.5),
        .below("r at 4000 / r at 2000", final / atExtragradient, 1.0 / 3),
      ]
    })

  static let diracR1 = Scenario(
    name: "dirac-r1",
    summary:
      "the Dirac-GAN: alternating steps circle; R1 (p) makes the same steps spiral into (0, 0)",
    config: diracConfig(),
    steps: [
      ScenarioStep(
        at: 500,
        "Alternating steps: the path is a closed circle around the equilibrium (0, 0), at "
          + "distance 1.41 from it"),
      ScenarioStep(
        at: 1000, keys: "p", [.setPenalty(.r1, weight: 10)],
        "p: R1 on (gamma 10). D pays (gamma/2) psi^2 for a slope on the data: watch psi drop "
          + "to near 0, then theta slide in along its axis: theta {g_mean}, psi {psi}"
      ).showing(pace: .iterationsPerSecond(100)),
    ],
    iterations: 3000, frameInterval: 20,
    tunedOn: [1, 2, 3, 101], heldOutFrom: 201,
    claim: Claim(
      "alternating, 0-1000: r varies by less than 10% of its start (1.41); with R1 (gamma 10) from 1000: r at 3000 < 0.05",
      finding:
        "Measured (the run is the same on every seed): alternating steps kept the distance "
        + "from (0, 0) within 10% of 1.41; with R1 it fell below 0.05 by 3,000 (to 0.0097)"
    ) { run in
      let radii = run.frames(in: 0...1000).map { diracRadius($0.metrics) }
      return [
        .below("(highest - lowest r) / r at 0, 0-1000", relativeSpread(radii), 0.1),
        .below("r at 3000", diracRadius(run.final.metrics), 0.05),
      ]
    })

  /// Iterations at each step size of `dirac-ns-cycle`.
  static let cycleIterations = 60_000

  /// The non-saturating Dirac-GAN with simultaneous steps does not converge: the loss's
  /// pull toward (0, 0) and the outward push of simultaneous steps balance on a circle of
  /// radius about √(2η). Deterministic; measured on ganscope's own runs (seeds 1–3).
  static let diracNonSaturatingCycle = Scenario(
    name: "dirac-ns-cycle",
    summary:
      "the Dirac-GAN with the non-saturating loss and simultaneous steps settles on a circle of radius ~ sqrt(2 eta)",
    config: diracConfig(
      loss: .nonsaturating, stabilizers: Stabilizers(updateScheme: .simultaneous)),
    steps: [
      ScenarioStep(
        at: 2000,
        "Non-saturating loss, simultaneous steps of 0.1: the path has spiralled in from "
          + "(1, 1), but it is not closing onto (0, 0)"),
      ScenarioStep(
        at: cycleIterations - 5000,
        "A circle of radius about sqrt(2 x 0.1) = 0.45: the pull of the loss toward (0, 0) "
          + "balances the outward push of simultaneous steps"),
      ScenarioStep(
        at: cycleIterations, keys: "-",
        [
          .setDiscriminatorStepSize(0.05), .setGeneratorStepSize(0.05),
        ],
        "-: steps of 0.05. Watch the circle shrink to about sqrt(2 x 0.05) = 0.32"),
    ],
    iterations: 2 * cycleIterations, frameInterval: 100,
    tunedOn: [1, 2, 3, 101], heldOutFrom: 201,
    claim: Claim(
      "non-saturating loss, simultaneous steps from (1, 1): with eta = 0.1, r over \(cycleIterations - 5000)-\(cycleIterations) stays within 2% of sqrt(2 eta) = 0.447 (it does not converge to 0); with eta = 0.05 from \(cycleIterations), r over \(2 * cycleIterations - 5000)-\(2 * cycleIterations) stays within 2% of sqrt(2 eta) = 0.316",
      finding:
        "Measured (the run is the same on every seed): the distance from (0, 0) stayed within "
        + "2% of sqrt(2 eta), 0.447 at eta 0.1 and 0.316 at eta 0.05. It never converges"
    ) { run in
      func ring(_ range: ClosedRange<Int>, _ eta: Double) -> [Measurement] {
        let radii = run.frames(in: range).map { diracRadius($0.metrics) }
        let expected = (2 * eta).squareRoot()
        let worst = radii.map { abs($0 / expected - 1) }.max() ?? .nan
        let label = "eta \(ScenarioFormat.number(eta))"
        return [.below("\(label): most |r / sqrt(2 eta) - 1|, last 5000", worst, 0.02)]
      }
      return ring((cycleIterations - 5000)...cycleIterations, 0.1)
        + ring((2 * cycleIterations - 5000)...(2 * cycleIterations), 0.05)
    })
}

/// The spread of a series of radii as a share of the first: (max − min) / first.
private func relativeSpread(_ radii: [Double]) -> Double {
  guard let first = radii.first, let low = radii.min(), let high = radii.max() else { return .nan }
  return (high - low) / first
}

/// The distance of the Dirac-GAN's (θ, ψ) from the equilibrium (0, 0).
private func diracRadius(_ metrics: TrainingMetrics) -> Double {
  (metrics.generatorMean * metrics.generatorMean
    + metrics.discriminatorSlope * metrics.discriminatorSlope).squareRoot()
}

/// How often a sequence changes sign (a full turn around the origin changes θ's sign twice).
private func signChanges(_ values: [Double]) -> Int {
  zip(values, values.dropFirst()).filter { ($0 < 0) != ($1 < 0) }.count
}
