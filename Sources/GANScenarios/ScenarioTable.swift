import GANCore

// The scenarios, in teaching order. Every threshold below was chosen from measured runs
// (seeds 1–6) with a margin; `ganscope demo --check` prints the measured numbers.

extension Scenario {
  /// Every scenario, in teaching order.
  public static let table: [Scenario] = [
    figure1, optimalDiscriminator, virtualCriterion, vanishingGradient, oscillation,
    divergence, modeCollapse, likelihoodVersusGAN, modeCoverage,
  ]

  /// −log 4, the floor of C(G).
  static let minusLog4 = Metric.floorOfVirtualCriterion

  // MARK: The paper's statements

  static let figure1 = Scenario(
    name: "figure1",
    summary: "Figure 1 (a)-(d): D steps move D toward D*, a G step follows D, p_g settles on p_data",
    config: config(k: 5),
    steps: [
      ScenarioStep(at: 150, keys: "space", [.pause], "(a) p_g near p_data, D partly accurate"),
      ScenarioStep(
        at: 150, keys: "d d d d d", Array(repeating: .stepDiscriminator, count: 5),
        "(b) five D steps: D moves toward D* = p_data/(p_data+p_g) (o shows D*)"),
      ScenarioStep(
        at: 150, keys: "g", [.stepGenerator],
        "(c) one G step: G(z) moves where D says 'data' (a shows the arrows)"),
      ScenarioStep(
        at: 150, keys: "space", [.resume], "(d) run: p_g settles on p_data and D flattens to 1/2"),
    ],
    iterations: 3000,
    claim: Claim(
      "five D steps bring D closer to D*; one G step raises mean D(G(z)); at 3000 JSD < 0.05 and D within 0.05 of 1/2"
    ) { run in
      [
        .above(
          "|D-D*| before - after d×5",
          run.before[1].snapshot.distanceToOptimalDiscriminator
            - run.after[1].snapshot.distanceToOptimalDiscriminator, 0),
        .above(
          "D(fake) after - before g",
          run.after[2].metrics.meanDFake - run.before[2].metrics.meanDFake, 0),
        .below("JSD at end", run.final.metrics.jensenShannon, 0.05),
        .below("|D-1/2| at end", run.final.snapshot.distanceToOneHalf, 0.05),
      ]
    })

  static let optimalDiscriminator = Scenario(
    name: "optimal-discriminator",
    summary: "Proposition 1: with G frozen, D steps alone drive D to D* = p_data/(p_data+p_g)",
    config: config(k: 5),
    steps: [
      ScenarioStep(at: 100, keys: "space", [.pause], "G overlaps p_data in part; o overlays D*"),
      ScenarioStep(
        at: 100, keys: "d (held: 2000 D steps)",
        Array(repeating: .stepDiscriminator, count: 2000),
        "only D trains: the blue D(x) closes onto the D* overlay"),
    ],
    iterations: 100,
    claim: Claim("2000 D steps on a frozen G bring D within 0.05 of D* (mean |D-D*| weighted by p_data+p_g)") {
      run in
      [
        .above("|D-D*| before", run.before[1].snapshot.distanceToOptimalDiscriminator, 0),
        .below("|D-D*| after", run.after[1].snapshot.distanceToOptimalDiscriminator, 0.05),
      ]
    })

  static let virtualCriterion = Scenario(
    name: "virtual-criterion",
    summary: "Theorem 1: C(G) = -log 4 + 2 JSD falls from 0 to its floor -log 4 = -1.386",
    config: config(k: 5),
    steps: [
      ScenarioStep(at: 0, "C(G) starts at 0: p_g and p_data do not overlap (JSD = log 2)")
    ],
    iterations: 3000,
    claim: Claim("C(G) starts above -0.01 and ends within 0.1 of -log 4; V(G,D) within 0.05 of C(G) at the end") {
      run in
      let start = run.frames[0].metrics
      let end = run.final.metrics
      let criterion = minusLog4 + 2 * end.jensenShannon
      return [
        .above("C(G) at 0", minusLog4 + 2 * start.jensenShannon, -0.01),
        .below("C(G) + log 4 at end", criterion - minusLog4, 0.1),
        .below("|V(G,D) - C(G)| at end", abs(end.value - criterion), 0.05),
      ]
    })

  // MARK: Failures and remedies

  static let vanishingGradient = Scenario(
    name: "vanishing-gradient",
    summary: "minimax loss at k = 50: D rejects G, G's gradient vanishes; l (non-saturating) rescues it",
    config: config(k: 50, loss: .minimax),
    steps: [
      ScenarioStep(at: 200, "D(fake) = 0: log(1 - D(G(z))) is flat, |grad G| is tiny, G stands still"),
      ScenarioStep(
        at: 1000, keys: "l", [.setLoss(.nonsaturating)],
        "l: G ascends log D(G(z)) instead: same fixed point, strong gradient, G moves to the data"),
    ],
    iterations: 2000,
    claim: Claim(
      "minimax: |grad G| < 1e-5 and mean G moves < 0.1 from iteration 200 to 1000; after l, JSD < 0.1 within 1000 iterations"
    ) { run in
      let stuck = run.before[1].metrics
      let rescued = run.firstIteration(from: 1000) { $0.metrics.jensenShannon < 0.1 }
      return [
        .below("|grad G| at 1000", stuck.generatorGradientNorm, 1e-5),
        .below(
          "|mean G 1000 - mean G 200|",
          abs(stuck.generatorMean - run.before[0].metrics.generatorMean), 0.1),
        .below("iterations after l to JSD < 0.1", Double((rescued ?? .max / 2) - 1000), 1000),
      ]
    })

  static let oscillation = Scenario(
    name: "oscillation",
    summary: "k = 1: G is a spike that swings around the data; K K K K (k = 5) damps it",
    config: config(k: 1),
    steps: [
      ScenarioStep(at: 1000, "k = 1: D is never near D*; the spike p_g swings across p_data"),
      ScenarioStep(
        at: 3000, keys: "K K K K", [.setDiscriminatorSteps(5)],
        "k = 5: D keeps up, the swings die down and p_g spreads over p_data"),
    ],
    iterations: 6000,
    claim: Claim(
      "k = 1, iterations 1000-3000: mean G swings > 1 and JSD > 0.3 throughout; after k = 5, iterations 5000-6000: swing < 0.3, JSD < 0.1"
    ) { run in
      let wild = run.frames(in: 1000...3000)
      let calm = run.frames(in: 5000...6000)
      return [
        .above("swing of mean G 1000-3000", wild.swing(\.generatorMean), 1),
        .above("lowest JSD 1000-3000", wild.map(\.metrics.jensenShannon).min() ?? .nan, 0.3),
        .below("swing of mean G 5000-6000", calm.swing(\.generatorMean), 0.3),
        .below("highest JSD 5000-6000", calm.map(\.metrics.jensenShannon).max() ?? .nan, 0.1),
      ]
    })

  static let divergence = Scenario(
    name: "divergence",
    summary: "least squares, momentum SGD: + + + (step size 0.16) diverges to NaN; - - - and r recover",
    config: config(k: 1, loss: .leastSquares, optimizer: .momentum, stepSize: 0.02),
    steps: [
      ScenarioStep(
        at: 500, keys: "+ + +",
        [
          .setDiscriminatorStepSize(0.04), .setGeneratorStepSize(0.04),
          .setDiscriminatorStepSize(0.08), .setGeneratorStepSize(0.08),
          .setDiscriminatorStepSize(0.16), .setGeneratorStepSize(0.16),
        ],
        "step sizes x 8: within a few dozen iterations the weights overflow, DIVERGED"),
      ScenarioStep(
        at: 700, keys: "- - - r",
        [
          .setDiscriminatorStepSize(0.08), .setGeneratorStepSize(0.08),
          .setDiscriminatorStepSize(0.04), .setGeneratorStepSize(0.04),
          .setDiscriminatorStepSize(0.02), .setGeneratorStepSize(0.02), .resetNetworks,
        ],
        "back to 0.02 and reset the nets: training runs again"),
    ],
    iterations: 3000,
    claim: Claim(
      "no NaN before +; NaN within 200 iterations of + + +; after - - - r no NaN to 3000 and mean G within 1 of 4"
    ) { run in
      let diverged = run.divergedAtIteration
      return [
        .holds("no NaN before +", run.before[0].snapshot.divergedAtIteration == nil),
        .below("iterations from + to NaN", Double((diverged ?? .max / 2) - 500), 200),
        .holds("no NaN at the end", run.final.snapshot.divergedAtIteration == nil),
        .below("|mean G - 4| at end", abs(run.final.metrics.generatorMean - 4), 1),
      ]
    })

  static let fiveModes = "mix(normal(-8,0.3),normal(-4,0.3),normal(0,0.3),normal(4,0.3),normal(8,0.3))"
  static let twoModes = "mix(normal(-4,0.4),normal(4,0.4))"

  static let modeCollapse = Scenario(
    name: "mode-collapse",
    summary: "five modes at k = 5: G keeps only the outer two, and waiting does not help",
    config: config(target: fiveModes, k: 5),
    steps: [
      ScenarioStep(at: 2500, "the outer modes are covered; -4, 0 and 4 are empty"),
    ],
    iterations: 5000,
    claim: Claim(
      "at 2500 and at 5000: modes -8 and 8 kept, -4, 0 and 4 not (kept: >= 5% of G's samples within 0.9 of the centre)"
    ) { run in
      var measurements: [Measurement] = []
      for (label, state) in [("2500", run.before[0]), ("5000", run.final)] {
        let outer = min(state.share(near: -8), state.share(near: 8))
        let inner = [-4.0, 0, 4].map { state.share(near: $0) }.max() ?? .nan
        measurements.append(.above("least outer share at \(label)", outer, Observation.modeShare))
        measurements.append(.below("most inner share at \(label)", inner, Observation.modeShare))
      }
      return measurements
    })

  static let likelihoodVersusGAN = Scenario(
    name: "likelihood-vs-gan",
    summary: "two far modes, one missing: KL(p_data||p_g) (maximum likelihood) is large, JSD moderate",
    config: config(target: twoModes, k: 5),
    steps: [],
    iterations: 4000,
    claim: Claim(
      "at 4000 one mode is missing; KL(p_data||p_g) > 3 while JSD < 0.35 and KL(p_g||p_data) < 1"
    ) { run in
      let end = run.final
      return [
        .holds("exactly one of -4, 4 kept", end.modesKept([-4, 4]) == 1),
        .above("KL(p_data||p_g)", end.metrics.klDataModel, 3),
        .below("JSD", end.metrics.jensenShannon, 0.35),
        .below("KL(p_g||p_data)", end.metrics.klModelData, 1),
      ]
    })

  static let modeCoverage = Scenario(
    name: "mode-coverage",
    summary: "the way out ganscope offers: a normal prior (--prior normal) covers both far modes",
    config: config(target: twoModes, prior: .normal, k: 5),
    steps: [],
    iterations: 10_000,
    claim: Claim("at 10000 both -4 and 4 are kept (>= 5% of G's samples within 0.9 of each)") { run in
      [
        .above("share near -4", run.final.share(near: -4), Observation.modeShare),
        .above("share near 4", run.final.share(near: 4), Observation.modeShare),
      ]
    })

  // MARK: Settings

  static func config(
    target spec: String = "gaussian", prior: Prior = .uniform, k: Int, loss: Loss = .nonsaturating,
    optimizer: OptimizerKind = .adam, stepSize: Float = 1e-3
  ) -> TrainingConfig {
    let target: Target
    do {
      target = try Target.parse(spec)
    } catch {
      preconditionFailure("scenario target \(spec) does not parse: \(error)")
    }
    return TrainingConfig(
      target: target, prior: prior,
      hyperparameters: Hyperparameters(
        discriminatorSteps: k, discriminatorStepSize: stepSize, generatorStepSize: stepSize,
        loss: loss, optimizer: OptimizerSettings(kind: optimizer)),
      seed: 1)
  }
}
