import GANCore

// The game's spectrum tied to what the runs show (docs/theory.md, "The game's Jacobian"):
// the eigenvalues of J and the multipliers of the step taken, computed during the run
// (`SpectrumSchedule`), checked against the Dirac-GAN's closed forms and against what the
// perceptron games do next.

extension Scenario {
  static let spectrum: [Scenario] = [diracSpectrum, oscillationSpectrum, divergenceSpectrum]

  /// R1's weight in `dirac-spectrum`: below 1, so the eigenvalues stay a complex pair.
  static let diracSpectrumGamma: Float = 0.5

  static let diracSpectrum = Scenario(
    name: "dirac-spectrum",
    summary:
      "the Dirac-GAN's Jacobian: R1 spirals into (0, 0); there, without R1, eigenvalues +-i/2, alternating steps on the unit circle, simultaneous ones outside",
    config: diracConfig(
      stabilizers: Stabilizers(penalty: .r1, penaltyWeight: diracSpectrumGamma)),
    steps: [
      ScenarioStep(
        at: 0,
        "R1 (gamma 0.5) from the start: J's eigenvalues have negative real parts, the path spirals in"
      ),
      ScenarioStep(
        at: 1500, keys: "p p",
        [
          .setPenalty(.r2, weight: diracSpectrumGamma),
          .setPenalty(.none, weight: diracSpectrumGamma),
        ],
        "at (0, 0), R1 off: J = [[0, -1/2], [1/2, 0]], eigenvalues +-i/2; alternating multipliers of modulus 1"
      ),
      ScenarioStep(
        at: 1600, keys: "x", [.setUpdateScheme(.simultaneous)],
        "simultaneous steps: multipliers 1 +- i eta/2, of modulus sqrt(1 + eta^2/4) > 1: they spiral out"
      ),
    ],
    iterations: 1700, frameInterval: 100,
    tunedOn: [1, 2, 3], heldOutFrom: 201,
    spectra: SpectrumSchedule(method: .full),
    claim: Claim(
      "J's eigenvalues equal the 2x2 closed form at (theta, psi) = (1, 1) with R1 (gamma 0.5), and (-gamma +- i sqrt(1 - gamma^2))/2 at 1500 (r < 1e-6); with R1 off there +-i/2, alternating multipliers of modulus 1 and simultaneous ones of modulus sqrt(1 + eta^2/4) > 1, each within 1e-6",
      finding:
        "Measured (the same run on every seed): J matched the closed form to 8e-16; at (0, 0) "
        + "without R1, +-i/2, alternating multipliers of modulus exactly 1, simultaneous 1.00125"
    ) { run in
      let eta = Double(Float(0.1))
      let gamma = Double(diracSpectrumGamma)
      let start = run.spectra.first { $0.iteration == 0 }
      let atEquilibrium = run.spectra.filter { $0.iteration == 1500 }
      let simultaneous = run.spectra.last { $0.iteration == 1600 }
      let root = (1 - gamma * gamma).squareRoot() / 2
      return [
        .below(
          "most |lambda - closed form| at 0",
          eigenvalueError(start, expected: start.map { diracEigenvalues($0.parameters, gamma) }),
          1e-6),
        .below("r at 1500", atEquilibrium.first.map { norm($0.parameters) } ?? .nan, 1e-6),
        .below(
          "most |lambda - (-gamma +- i sqrt(1 - gamma^2))/2| at 1500 with R1",
          eigenvalueError(
            atEquilibrium.first, expected: [(-gamma / 2, root), (-gamma / 2, -root)]),
          1e-6),
        .below(
          "most |lambda -+ i/2| at 1500 without R1",
          eigenvalueError(atEquilibrium.last, expected: [(0, 0.5), (0, -0.5)]), 1e-6),
        .below(
          "most ||mu| - 1|, alternating",
          atEquilibrium.last?.spectrum.map { $0.step.map { abs($0.modulus - 1) }.max() ?? .nan }
            ?? .nan, 1e-6),
        .below(
          "most ||mu| - sqrt(1 + eta^2/4)|, simultaneous",
          simultaneous?.spectrum.map { s in
            s.step.map { abs($0.modulus - (1 + eta * eta / 4).squareRoot()) }.max() ?? .nan
          } ?? .nan, 1e-6),
        .above(
          "smallest |mu| - 1, simultaneous",
          (simultaneous?.spectrum?.step.map(\.modulus).min() ?? .nan) - 1, 0),
      ]
    })

  static let oscillationSpectrum = Scenario(
    name: "oscillation-spectrum",
    summary:
      "k = 1's swing is the rotation of J's eigenvalues near the imaginary axis; p (R1, gamma 10) moves them left",
    config: config(k: 1),
    steps: [
      ScenarioStep(
        at: 3000,
        "k = 1: the eigenvalues of J of largest modulus lie close to the imaginary axis"),
      ScenarioStep(
        at: 3000, keys: "p", [.setPenalty(.r1, weight: 10)],
        "R1 on: D's part of J gains -gamma times a positive matrix; its eigenvalues move left"),
      ScenarioStep(at: 5000, "with R1, the rotation is damped"),
    ],
    iterations: 5000, frameInterval: 100,
    // Thresholds from seeds 1-3 and 201-210 (the first held-out set, on which |Re|/|Im| was
    // 0.70 for seed 207 and the rightmost residual 2.4e-6 for 209: hence the quota and the
    // looser residual).
    tunedOn: [1, 2, 3] + Array(201...210), heldOutFrom: 301,
    spectra: SpectrumSchedule(method: .arnoldi(steps: GameSpectrum.defaultArnoldiSteps)),
    claim: Claim(
      "k = 1 at 3000: of J's converged Ritz values (Arnoldi, 40 products), the one with the largest |Im| has |Re| < 0.4 |Im| (near the imaginary axis: rotation); R1 (gamma 10) at the same state moves it left by more than 0.02; after 2000 iterations with R1 the rightmost real part is below 0.04",
      finding:
        "Measured on 23 seeds: the most rotating eigenvalue had |Re| at most 0.32 of |Im| on "
        + "all but two; R1 moved it left by 0.03-0.53; 2,000 iterations on, the rightmost Re "
        + "was 0.003-0.02",
      holdsOn: .atLeast(8, of: 10)
    ) { run in
      let at3000 = run.spectra.filter { $0.iteration == 3000 }
      let plain = at3000.first.flatMap { rotatingEigenvalue($0.spectrum) }
      let penalized = at3000.last.flatMap { rotatingEigenvalue($0.spectrum) }
      let later = run.spectra.last { $0.iteration == 5000 }?.spectrum?.rightmost
      return [
        .below(
          "|Re| / |Im| of the most rotating eigenvalue at 3000",
          plain.map { abs($0.re) / abs($0.im) } ?? .nan, 0.4),
        .above(
          "its Re without R1 - with R1, at 3000",
          plain.flatMap { p in penalized.map { p.re - $0.re } } ?? .nan, 0.02),
        .below("rightmost Re at 5000 (R1)", later?.re ?? .nan, 0.04),
        .below("its residual", later?.residual ?? .nan, 1e-5),
      ]
    })

  static let divergenceSpectrum = Scenario(
    name: "divergence-spectrum",
    summary:
      "a step size that diverges: a multiplier leaves the unit circle before the loss blows up",
    config: config(
      k: 1, loss: .leastSquares, optimizer: OptimizerSettings(kind: .sgd), stepSize: 0.02,
      architecture: Architecture(width: 8)),
    steps: [
      ScenarioStep(
        at: 300, keys: "+ + + + +",
        [
          .setDiscriminatorStepSize(0.04), .setGeneratorStepSize(0.04),
          .setDiscriminatorStepSize(0.08), .setGeneratorStepSize(0.08),
          .setDiscriminatorStepSize(0.16), .setGeneratorStepSize(0.16),
          .setDiscriminatorStepSize(0.32), .setGeneratorStepSize(0.32),
          .setDiscriminatorStepSize(0.64), .setGeneratorStepSize(0.64),
        ],
        "step sizes x 32: the step's multipliers leave the unit circle"),
      ScenarioStep(at: 1300, "DIVERGED"),
    ],
    iterations: 1300, frameInterval: 5,
    tunedOn: [1, 2, 3], heldOutFrom: 201,
    spectra: SpectrumSchedule(method: .arnoldi(steps: 30), every: 5),
    claim: Claim(
      "plain SGD on least squares, H = 8: step radius (largest |mu|, linearised plain steps) below 1.2 every 5 iterations to 300; at the + + + + + press (eta 0.02 to 0.64, same parameters) above 4; the parameters overflow 5 to 40 iterations after the press (13-15 on seeds 1-3)",
      finding:
        "Measured on seeds 1-3 and 201-210: step radius 1.04-1.09 before the press, 4.9-17 "
        + "at it; the weights overflowed 12-20 iterations later"
    ) { run in
      let before = run.spectra.filter { $0.iteration < 300 }
      let atKey = run.spectra.last { $0.iteration == 300 }?.spectrum
      return [
        .below(
          "largest step radius 0-295",
          before.compactMap { $0.spectrum?.stepRadius }.max() ?? .nan, 1.2),
        .holds("a spectrum at every reading 0-295", before.allSatisfy { $0.spectrum != nil }),
        .above("step radius at +", atKey?.stepRadius ?? .nan, 4),
        .inside(
          "iterations from + to NaN", Double(run.divergedAtIteration.map { $0 - 300 } ?? -1),
          5...40),
      ]
    })
}

/// Of a spectrum's converged Ritz values (residual below 1e-6 of max(1, |λ|)), the one
/// with the largest imaginary part: the fastest rotation the game's dynamics show.
private func rotatingEigenvalue(_ spectrum: GameSpectrum?) -> GameEigenvalue? {
  spectrum?.jacobian.filter { $0.residual < 1e-6 * max(1, $0.modulus) }
    .max { abs($0.im) < abs($1.im) }
}

/// The Dirac-GAN's eigenvalues at w = (ψ, θ) for the minimax loss at c = 0 with R1 γ:
/// ψ̇ = −θσ(ψθ) − γψ, θ̇ = ψσ(ψθ), so J = [[−θ²σ′ − γ, −σ − ψθσ′], [σ + ψθσ′, ψ²σ′]]
/// (σ′ = σ(1 − σ)), eigenvalues tr/2 ± √(tr²/4 − det), larger imaginary part first.
private func diracEigenvalues(_ w: [Double], _ gamma: Double) -> [(Double, Double)] {
  guard w.count == 2 else { return [] }
  let (psi, theta) = (w[0], w[1])
  let s = sigmoid(psi * theta)
  let slope = s * (1 - s)
  let j = [
    [-theta * theta * slope - gamma, -s - psi * theta * slope],
    [s + psi * theta * slope, psi * psi * slope],
  ]
  let trace = j[0][0] + j[1][1]
  let determinant = j[0][0] * j[1][1] - j[0][1] * j[1][0]
  let discriminant = trace * trace / 4 - determinant
  if discriminant >= 0 {
    return [
      (trace / 2 + discriminant.squareRoot(), 0), (trace / 2 - discriminant.squareRoot(), 0),
    ]
  }
  let root = (-discriminant).squareRoot()
  return [(trace / 2, root), (trace / 2, -root)]
}

/// The largest distance between a reading's eigenvalues of J and `expected`, both ordered
/// by imaginary part then real part (NaN without a spectrum).
private func eigenvalueError(_ reading: SpectrumReading?, expected: [(Double, Double)]?) -> Double {
  guard let values = reading?.spectrum?.jacobian, let expected, values.count == expected.count
  else { return .nan }
  let order = { (a: (Double, Double), b: (Double, Double)) in (a.1, a.0) > (b.1, b.0) }
  let computed = values.map { ($0.re, $0.im) }.sorted(by: order)
  return zip(computed, expected.sorted(by: order)).map { a, b in
    ((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1)).squareRoot()
  }.max() ?? .nan
}

private func norm(_ w: [Double]) -> Double { w.reduce(0) { $0 + $1 * $1 }.squareRoot() }
