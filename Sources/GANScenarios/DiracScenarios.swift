import GANCore

// The Dirac-GAN (DiracGame.swift): the game's rotation in its purest form. Nothing in it is
// random (every sample of G is θ and every data point is 0), so every seed gives the same
// run; `demo --check` still runs each seed, and they agree.

extension Scenario {
  /// The Dirac-GAN's scenarios, after Mescheder et al. (2018), Figures 1–3.
  static let dirac: [Scenario] = [diracUpdateOrders, diracR1]

  /// The paper's setting: p_data = δ₀, minimax loss, plain gradient steps of 0.1, k = 1.
  static func diracConfig(stabilizers: Stabilizers = Stabilizers()) -> TrainingConfig {
    config(
      target: "point(0)", k: 1, loss: .minimax, optimizer: OptimizerSettings(kind: .sgd),
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
        "alternating steps: (theta, psi) circles (0, 0) at the same distance, never arriving"),
      ScenarioStep(
        at: 1000, keys: "x", [.setUpdateScheme(.simultaneous)],
        "simultaneous steps: each step leaves the circle outward, so the path spirals out"),
      ScenarioStep(
        at: 2000, keys: "x", [.setUpdateScheme(.extragradient)],
        "extragradient: the step is taken with the gradient at a look-ahead point; it spirals in"),
    ],
    iterations: 4000, frameInterval: 20,
    tunedOn: [1, 2, 3],
    claim: Claim(
      "distance r of (theta, psi) from (0, 0), starting at 1.41: alternating, 0-1000: r stays within 1.3-1.5 while theta changes sign at least 10 times; simultaneous, 1000-2000: r grows by more than 50%; extragradient, 2000-4000: r ends below a third of its value at 2000"
    ) { run in
      let circling = run.frames(in: 0...1000).map(\.metrics)
      let radii = circling.map(diracRadius)
      let atSwitch = diracRadius(run.frames(in: 1000...1000).first?.metrics ?? .notRecorded)
      let atExtragradient = diracRadius(
        run.frames(in: 2000...2000).first?.metrics ?? .notRecorded)
      let final = diracRadius(run.final.metrics)
      return [
        .above("lowest r 0-1000", radii.min() ?? .nan, 1.3),
        .below("highest r 0-1000", radii.max() ?? .nan, 1.5),
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
      ScenarioStep(at: 500, "alternating steps circle the equilibrium (0, 0)"),
      ScenarioStep(
        at: 1000, keys: "p", [.setPenalty(.r1, weight: 10)],
        "R1 on: D pays (gamma/2) psi^2 for any slope on the data, which pulls psi to 0"),
    ],
    iterations: 3000, frameInterval: 20,
    tunedOn: [1, 2, 3],
    claim: Claim(
      "alternating, 0-1000: r stays within 1.3-1.5; with R1 (gamma 10) from 1000: r at 3000 < 0.05"
    ) { run in
      let radii = run.frames(in: 0...1000).map { diracRadius($0.metrics) }
      return [
        .above("lowest r 0-1000", radii.min() ?? .nan, 1.3),
        .below("highest r 0-1000", radii.max() ?? .nan, 1.5),
        .below("r at 3000", diracRadius(run.final.metrics), 0.05),
      ]
    })
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
