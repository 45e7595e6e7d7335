import GANCore

// The fixes of the game's failures, each shown fixing its failure (or not: what is seen is
// what is claimed). Thresholds from measured runs on each scenario's `tunedOn` seeds (1–6,
// more where a claim was restated), with a margin.

extension Scenario {
  /// The fixes, after the paper's statements and the failures they fix.
  static let fixes: [Scenario] = [
    r1DampsOscillation, wassersteinLP, wassersteinGPInOneDimension, wassersteinGPHalfLambda, hinge,
    relativistic,
    weightClipping,
    instanceNoiseKeepsModes, wassersteinLPKeepsModes, spectralNormKeepsModes, packingKeepsModes,
    pairsKeepThreeModes,
  ]

  /// The canonical workload's target, normal(4, 0.5) (docs/theory.md).
  static let canonicalTarget = config(target: "normal(4,0.5)", k: 1).target

  /// WGAN-GP's paper's Adam (β₁ = 0, β₂ = 0.9); its η = 1e-4 is slow here (JSD 0.07 at
  /// 5000), so the critics step at 3e-4.
  static let criticOptimizer = OptimizerSettings(kind: .adam, beta1: 0, beta2: 0.9)

  /// The window claim of the converging losses: the live JSD (2,048 quantile samples of G
  /// against p_data's, 200 bins) stays under `bound` from 3,000 to 5,000 in at least 95% of
  /// the snapshots. Measured on seeds 1–6, the 95th percentiles were 0.026–0.042 (WGAN-LP),
  /// 0.041–0.059 (hinge) and 0.040–0.055 (relativistic).
  static func converged(_ run: ScenarioRun, below bound: Double) -> Measurement {
    .below(
      "95th percentile of JSD 3000-5000",
      run.frames(in: 3000...5000).quantile(\.jensenShannon, 0.95), bound)
  }

  static func number(_ x: Double) -> String { ScenarioFormat.number(x) }

  /// The pace at which WGAN-GP's swings are watched in the history: a full swing (2,000 to
  /// 8,000 iterations) in a few seconds.
  static let swingPace = Pace.iterationsPerSecond(1000)

  static let r1DampsOscillation = Scenario(
    name: "r1-oscillation",
    summary: "k = 1 swings around the data; p (R1, gamma 10: D may not be steep on data) stills it",
    config: config(k: 1),
    steps: [
      ScenarioStep(
        at: 1000,
        "k = 1, as in the oscillation: watch the narrow spike p_g swing back and forth "
          + "across p_data: mean G(z) {g_mean}"
      ).showing(pace: watchPace),
      ScenarioStep(
        at: 3000, keys: "p", [.setPenalty(.r1, weight: 10)],
        "p: R1 on (gamma 10). D pays for any slope on the data, which damps the game's "
          + "rotation. Watch the swings stop: JSD {jsd}"),
    ],
    iterations: 6000,
    tunedOn: Array(1...6) + Array(101...110), heldOutFrom: 201,
    claim: Claim(
      "k = 1, 1000-3000: mean G swings by > 1.2 and JSD stays > 0.25; with R1 (gamma 10), 4000-6000: mean G swings by < 0.4 and JSD < 0.2 in at least 95% of the snapshots",
      finding:
        "Measured on 10 held-out seeds: at k = 1 the mean swung by more than 1.2; with R1, "
        + "from 4,000 to 6,000, by less than 0.4, with JSD below 0.2 (95% of snapshots). "
        + "Here: JSD {jsd}"
    ) { run in
      let wild = run.frames(in: 1000...3000)
      let calm = run.frames(in: 4000...6000)
      return [
        .above("swing of mean G 1000-3000", wild.swing(\.generatorMean), 1.2),
        .above("lowest JSD 1000-3000", wild.map(\.metrics.jensenShannon).min() ?? .nan, 0.25),
        .below("swing of mean G 4000-6000", calm.swing(\.generatorMean), 0.4),
        .below("95th percentile of JSD 4000-6000", calm.quantile(\.jensenShannon, 0.95), 0.2),
      ]
    })

  static let wassersteinLP = Scenario(
    name: "wgan-lp",
    summary: "a Wasserstein critic kept 1-Lipschitz by a one-sided slope penalty converges",
    config: config(
      target: "normal(4,0.5)", k: 5, loss: .wassersteinLP, optimizer: criticOptimizer,
      stepSize: 3e-4),
    steps: [
      ScenarioStep(
        at: 1000,
        "D is a critic: a score on its own axis (right), not a probability. Its slope is kept "
          + "<= 1 (1-Lipschitz), so mean D(x) - mean D(G(z)) estimates W1, now {w1}")
    ],
    iterations: 5000,
    tunedOn: Array(1...6) + Array(101...110), heldOutFrom: 201,
    claim: Claim(
      "WGAN-LP on normal(4, 0.5): from 3000 to 5000 JSD < 0.05 in at least 95% of the snapshots",
      finding:
        "Measured on 10 held-out seeds: from 3,000 to 5,000 JSD stayed below 0.05 (95% of "
        + "snapshots). Here: JSD {jsd}, W1 {w1}"
    ) { run in
      [converged(run, below: 0.05)]
    })

  /// WGAN-GP in one dimension with penalty weight `lambda`, over `window` iterations: G
  /// runs out to about 2λ from the data, the critic flips, and G swings back through the
  /// data to the other side: a relaxation oscillation. Measured (mean G every 250 iterations,
  /// `ganscope train --loss wgan-gp --gp λ`) on seeds 1–6 to 20,000: λ = 10 peaks at 17–20 from
  /// the data, λ = 5 at 8–10; the swings shorten later and some runs stop swinging after 9,000.
  static func gradientPenaltySwing(
    name: String, lambda: Float, window: Int, period: ClosedRange<Double>
  ) -> Scenario {
    let l = Double(lambda)
    return Scenario(
      name: name,
      summary:
        "WGAN-GP in one dimension (lambda \(number(l))): G swings out to about 2 lambda, the critic flips, G swings back through the data",
      config: {
        var c = config(
          target: "normal(4,0.5)", k: 5, loss: .wassersteinGP, optimizer: criticOptimizer,
          stepSize: 3e-4)
        c.hyperparameters.stabilizers.interpolateWeight = lambda
        return c
      }(),
      steps: [
        ScenarioStep(
          at: window / 8,
          "The history of mean G(z), now {g_mean}: G climbs the critic's slope away from the "
            + "data at 4, out toward 2 lambda = \(number(2 * l)) from it"
        ).showing(picture: .history, metric: "g_mean", pace: swingPace),
        ScenarioStep(
          at: window / 2,
          "Far out the critic's slope flips (passing slope 0 costs lambda): G swings back "
            + "through the data to the other side, and again. Mean G(z) {g_mean}"
        ).showing(pace: swingPace),
      ],
      iterations: window,
      tunedOn: Array(1...6),
      claim: Claim(
        "WGAN-GP (lambda \(number(l))) on normal(4, 0.5), iterations 0-\(window): mean G goes more than lambda past the data on both sides, its farthest distance from 4 is 1.5-2.5 lambda, and it crosses 4 at least 3 times; the first full swing (first to third crossing) takes \(number(period.lowerBound))-\(number(period.upperBound)) iterations",
        finding:
          "Measured on 10 held-out seeds: mean G went more than lambda = \(number(l)) past the "
          + "data on both sides, 1.5-2.5 lambda at its farthest, and crossed 4 at least 3 times; "
          + "a full swing took \(number(period.lowerBound))-\(number(period.upperBound)) iterations"
      ) { run in
        let frames = run.frames(in: 0...window)
        let offsets = frames.map { $0.metrics.generatorMean - 4 }
        var crossings: [Int] = []
        for (previous, next) in zip(frames, frames.dropFirst())
        where (previous.metrics.generatorMean < 4) != (next.metrics.generatorMean < 4) {
          crossings.append(next.iteration)
        }
        let farthest = offsets.map(abs).max() ?? .nan
        let swing = crossings.count >= 3 ? Double(crossings[2] - crossings[0]) : .nan
        return [
          .above("(highest mean G - 4) / lambda", (offsets.max() ?? .nan) / l, 1),
          .above("(4 - lowest mean G) / lambda", -(offsets.min() ?? .nan) / l, 1),
          .inside("farthest |mean G - 4| / lambda", farthest / l, 1.5...2.5),
          .above("crossings of 4", Double(crossings.count), 2.5),
          .inside("first full swing (iterations)", swing, period),
        ]
      })
  }

  static let wassersteinGPInOneDimension = gradientPenaltySwing(
    name: "wgan-gp-1d", lambda: 10, window: 9000, period: 3000...8000)

  static let wassersteinGPHalfLambda = gradientPenaltySwing(
    name: "wgan-gp-1d-lambda5", lambda: 5, window: 5000, period: 1500...4000)

  static let hinge = Scenario(
    name: "hinge",
    summary: "the hinge loss (D's margin 1, G ascends D) converges on normal(4, 0.5)",
    config: config(target: "normal(4,0.5)", k: 5, loss: .hinge),
    steps: [
      ScenarioStep(
        at: 1000,
        "D is a score on its own axis (right), not a probability: the hinge loss stops "
          + "pushing it up past +1 on data and down past -1 on samples. JSD {jsd}")
    ],
    iterations: 5000,
    tunedOn: Array(1...6) + Array(101...110), heldOutFrom: 201,
    claim: Claim(
      "hinge on normal(4, 0.5): from 3000 to 5000 JSD < 0.08 in at least 95% of the snapshots",
      finding:
        "Measured on 10 held-out seeds: from 3,000 to 5,000 JSD stayed below 0.08 (95% of "
        + "snapshots). Here: JSD {jsd}"
    ) { run in
      [converged(run, below: 0.08)]
    })

  /// Its JSD keeps wandering after it has come down (seed 209: 0.03–0.13 from 3,000 to
  /// 9,000), so its window claim holds on a share of seeds. Held out on 201–210 as a
  /// universal claim, it failed on 209 (0.087); restated as 9 of 10 and held out on 301–310,
  /// it failed again (8 of 10: seed 303's level 8.4, seed 304's JSD 0.10). Over 26
  /// seeds (1–6, 201–210, 301–310) it held on 23; it is held out on 401–410 since. Measured on seeds 1–6 at 5000
  /// (`ganscope train --loss relativistic --k 5`): live JSD 0.014–0.024; mean D on data −27 to −62, within 1.2 of mean D on samples. At k = 1 it
  /// does not converge (JSD 0.4–0.6 at 5000), like the plain loss.
  static let relativistic = Scenario(
    name: "relativistic",
    summary: "the relativistic average loss (D reads data against samples) converges",
    config: config(target: "normal(4,0.5)", k: 5, loss: .relativistic),
    steps: [
      ScenarioStep(
        at: 1000,
        "Only differences of D's scores count, so their common level is free to drift: mean D "
          + "on data {d_real}, on samples {d_fake}. JSD {jsd}")
    ],
    iterations: 5000,
    tunedOn: Array(1...6) + Array(101...110) + Array(201...210) + Array(301...310),
    heldOutFrom: 401,
    claim: Claim(
      "relativistic on normal(4, 0.5), on at least 7 of 10 seeds: from 3000 to 5000 JSD < 0.08 in at least 95% of the snapshots, and at 5000 D's level has drifted (|mean D on data| > 10) while mean D on data and on samples stay within 2 (measured: 23 of 26 seeds; the JSD keeps wandering, 0.03-0.13 on seed 209 after 3000)",
      finding:
        "Measured on 10 held-out seeds (7 must agree; 23 of 26 did): JSD below 0.08 from 3,000 "
        + "to 5,000, and D's level drifted past +-10 while data and samples stayed within 2",
      holdsOn: .atLeast(7, of: 10)
    ) { run in
      let m = run.final.metrics
      return [
        converged(run, below: 0.08),
        .above("|mean D on data| at 5000", abs(m.meanDReal), 10),
        .below("|mean D on data - mean D on samples|", abs(m.meanDReal - m.meanDFake), 2),
      ]
    })

  static let weightClipping = Scenario(
    name: "wgan-clip",
    summary:
      "WGAN with weights clipped to [-0.01, 0.01]: D is nearly linear, G finds the mean only",
    config: config(target: "normal(4,0.5)", k: 5, loss: .wasserstein),
    steps: [
      ScenarioStep(
        at: 2000,
        "The clipped critic is almost a straight line: it sees where the data is, not how "
          + "wide. Mean G(z) {g_mean}, sd G(z) {g_std}; the data's: 4 and 0.5")
    ],
    iterations: 5000,
    tunedOn: Array(1...6) + Array(101...110), heldOutFrom: 201,
    claim: Claim(
      "WGAN (clipping) on normal(4, 0.5), in every snapshot from 4000 to 5000: |mean G - 4| < 0.5 but sd G < 0.3 (the data's is 0.5) and JSD > 0.15",
      finding:
        "Measured on 10 held-out seeds, from 4,000 to 5,000: mean G within 0.5 of 4, but sd G "
        + "below 0.3 (the data's 0.5) and JSD above 0.15. Here: sd G {g_std}"
    ) { run in
      let window = run.frames(in: 4000...5000).map(\.metrics)
      return [
        .below(
          "largest |mean G - 4| 4000-5000",
          window.map { abs($0.generatorMean - 4) }.max() ?? .nan, 0.5),
        .below(
          "largest sd G 4000-5000", window.map(\.generatorStandardDeviation).max() ?? .nan, 0.3),
        .above("lowest JSD 4000-5000", window.map(\.jensenShannon).min() ?? .nan, 0.15),
      ]
    })

  static let instanceNoiseKeepsModes = Scenario(
    name: "instance-noise",
    summary: "five modes, k = 5: noise on D's inputs (sd 1, annealed to 0) keeps at least 4 modes",
    config: config(
      target: fiveModes, k: 5,
      stabilizers: Stabilizers(instanceNoise: 1, instanceNoiseAnneal: 10_000)),
    steps: [
      ScenarioStep(
        at: 5000,
        "D sees data and samples blurred by noise (sd 1, fading to 0), so they overlap and "
          + "D's slope reaches G from every mode. Press space and watch")
    ],
    iterations: 10_000,
    tunedOn: Array(1...6),
    claim: Claim(
      "five modes at k = 5 with instance noise (sd 1 annealed to 0 over 10,000 iterations): at least 4 modes kept at 10,000 (plain: 2, see mode-collapse)",
      finding:
        "Measured on 10 held-out seeds: with instance noise G kept at least 4 of the 5 modes "
        + "at 10,000, on every one (plain training: at most 2)"
    ) { run in
      [.above("modes kept at 10000", Double(run.final.modesKept(fiveModeCentres)), 3.5)]
    })

  /// Measured on seeds 1–30 at 10,000: at least 4 modes on 28 (5 on 19, 4 on 9), 3 on seeds
  /// 5 and 7; then on seeds 101–110: at least 4 on all 10.
  static let spectralNormKeepsModes = Scenario(
    name: "spectral-norm-modes",
    summary:
      "five modes, k = 5: spectral normalisation of D (every layer 1-Lipschitz) keeps 4 or 5 on most seeds",
    config: config(target: fiveModes, k: 5, stabilizers: Stabilizers(spectralNorm: true)),
    steps: [
      ScenarioStep(
        at: 5000,
        "Each layer of D is divided by its largest singular value (its largest stretch), so "
          + "D cannot be steep anywhere and rarely walls G into one mode")
    ],
    iterations: 10_000,
    tunedOn: Array(1...30) + Array(101...110), heldOutFrom: 201,
    claim: Claim(
      "five modes at k = 5 with spectral normalisation: at least 4 modes kept at 10,000 on at least 8 of 10 seeds (measured: 28 of 30; plain: 2, see mode-collapse)",
      finding:
        "Measured on 10 held-out seeds (8 must agree): at least 4 of the 5 modes kept at "
        + "10,000 (on 28 of 30 tuning seeds; the other 2 kept 3)",
      holdsOn: .atLeast(8, of: 10)
    ) { run in
      [.above("modes kept at 10000", Double(run.final.modesKept(fiveModeCentres)), 3.5)]
    })

  /// Measured on seeds 1–3 at 10,000 (`ganscope train --k 5 --pack P` on the five modes):
  /// P = 4 keeps 4, 4, 5 modes; P = 2 keeps 3, 3, 3; plain training 2, 2, 2.
  static let packingKeepsModes = Scenario(
    name: "pack-modes",
    summary: "five modes, k = 5: D judging packs of 4 samples (PacGAN) keeps at least 4 modes",
    config: config(target: fiveModes, k: 5, stabilizers: Stabilizers(pack: 4)),
    steps: [
      ScenarioStep(
        at: 5000,
        "D judges 4 samples at once: a pack from a G stuck on one mode looks alike, a pack "
          + "of data does not. The D curve is D on the pack (x, x, x, x)")
    ],
    iterations: 10_000,
    tunedOn: Array(1...6),
    claim: Claim(
      "five modes at k = 5 with packs of 4: at least 4 modes kept at 10,000 (plain: 2, see mode-collapse)",
      finding:
        "Measured on 10 held-out seeds: with packs of 4 G kept at least 4 of the 5 modes at "
        + "10,000 on every one (plain training: at most 2)"
    ) { run in
      [.above("modes kept at 10000", Double(run.final.modesKept(fiveModeCentres)), 3.5)]
    })

  /// Pairs help, but not enough for the bar of 4. Measured on seeds 1–30 at 10,000: 3 modes
  /// on 24, 2 on 4 (seeds 8, 14, 25, 28), 4 on 2 (seeds 27, 30); then on seeds 101–110: 3 on 8,
  /// 2 on 2.
  static let pairsKeepThreeModes = Scenario(
    name: "pack-2-modes",
    summary:
      "five modes, k = 5: packs of 2 keep 3 modes on most seeds, one more than plain training",
    config: config(target: fiveModes, k: 5, stabilizers: Stabilizers(pack: 2)),
    steps: [
      ScenarioStep(
        at: 5000,
        "Packs of 2: in each judgement D sees a little of G's spread, not all of it. The D "
          + "curve is D on the pair (x, x)")
    ],
    iterations: 10_000,
    tunedOn: Array(1...30) + Array(101...110), heldOutFrom: 201,
    claim: Claim(
      "five modes at k = 5 with packs of 2: at least 3 modes kept at 10,000 on at least 7 of 10 seeds (measured: 26 of 30, exactly 3 on 24; plain: 2; packs of 4: at least 4)",
      finding:
        "Measured on 10 held-out seeds (7 must agree): at least 3 of the 5 modes kept at "
        + "10,000; exactly 3 on 24 of 30 tuning seeds: one more than plain, one short of packs of 4",
      holdsOn: .atLeast(7, of: 10)
    ) { run in
      [.above("modes kept at 10000", Double(run.final.modesKept(fiveModeCentres)), 2.5)]
    })

  static let wassersteinLPKeepsModes = Scenario(
    name: "wgan-lp-modes",
    summary: "five modes, k = 5: a Wasserstein critic (WGAN-LP) keeps every mode",
    config: config(target: fiveModes, k: 5, loss: .wassersteinLP),
    steps: [
      ScenarioStep(
        at: 5000,
        "A critic with slope <= 1 keeps a useful slope far from the data, so it points G's "
          + "mass toward every mode it misses. Press space and watch")
    ],
    iterations: 10_000,
    tunedOn: Array(1...6),
    claim: Claim(
      "five modes at k = 5 with WGAN-LP: at least 4 modes kept at 10,000 (plain: 2, see mode-collapse)",
      finding:
        "Measured on 10 held-out seeds: with the WGAN-LP critic G kept at least 4 of the 5 "
        + "modes at 10,000 on every one (plain training: at most 2)"
    ) { run in
      [.above("modes kept at 10000", Double(run.final.modesKept(fiveModeCentres)), 3.5)]
    })
}
