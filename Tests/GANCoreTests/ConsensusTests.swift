import Testing

@testable import GANCore

/// Jᵀu (TransposeProduct.swift) and consensus optimization's gradient ∇(½‖v‖²) = Jᵀv.
@Suite struct ConsensusTests {
  typealias Fixture = GameJacobianTests

  /// ⟨w, Jᵀu⟩ = ⟨Jw, u⟩ for every loss and activation, with R1, R2 and packs: the transpose
  /// of the exact J·u.
  @Test(arguments: Loss.allCases, Activation.allCases)
  func transposeProductIsTheAdjoint(loss: Loss, activation: Activation) throws {
    for (penalty, pack) in [(GradientPenalty.none, 1), (.r1, 1), (.r2, 1), (.r2, 2)] {
      let t = try Fixture.trainer(loss: loss, activation: activation, penalty: penalty, pack: pack)
      let jacobian = try GameJacobian(of: t)
      let u = Fixture.direction(jacobian.dimension, seed: 5)
      let w = Fixture.direction(jacobian.dimension, seed: 6)
      let left = dot(w, jacobian.transposeProduct(u))
      let right = dot(jacobian.product(w), u)
      let scale = jacobian.product(w).map(abs).max()! + 1e-3
      #expect(
        abs(left - right) <= 1e-10 * scale,
        "\(loss) \(activation) \(penalty) P=\(pack): \(left) vs \(right)")
    }
  }

  /// Jᵀv against central differences of ½‖v(w)‖² along every coordinate, in Double.
  @Test(arguments: Loss.allCases)
  func consensusGradientMatchesFiniteDifferences(loss: Loss) throws {
    let t = try Fixture.trainer(loss: loss, penalty: .r2, width: 3)
    let jacobian = try GameJacobian(of: t)
    let gradient = jacobian.consensusGradient()
    let n = jacobian.dimension
    func energy(_ offset: [Double]) -> Double {
      jacobian.field(at: offset).reduce(0) { $0 + $1 * $1 } / 2
    }
    let h = 1e-6
    var worst = 0.0
    for i in 0..<n {
      var plus = [Double](repeating: 0, count: n)
      plus[i] = h
      let numeric = (energy(plus) - energy(plus.map { -$0 })) / (2 * h)
      worst = max(worst, abs(numeric - gradient[i]))
    }
    let scale = gradient.map(abs).max()!
    #expect(scale > 1e-6)
    #expect(worst <= 1e-6 * (scale + 1), "\(loss): \(worst) of \(scale)")
  }

  /// The Dirac-GAN (minimax, ψ first): v = (−θσ, ψσ) and
  /// J = [[−θ²σ′, −σ − ψθσ′], [σ + ψθσ′, ψ²σ′]] (σ = σ(ψθ), σ′ = σ(1 − σ)), so Jᵀv in closed
  /// form; near (0, 0) it is about ¼(ψ, θ): descending ½‖v‖² points at the equilibrium.
  @Test(arguments: [(Float(2e-3), Float(1e-3)), (0.7, -1.2)])
  func onTheDiracGameConsensusIsTheClosedForm(psi: Float, theta: Float) throws {
    let jacobian = try GameJacobian(of: Fixture.dirac(theta: theta, psi: psi))
    let g = jacobian.consensusGradient()
    let (p, t) = (Double(psi), Double(theta))
    let s = sigmoid(p * t)
    let slope = s * (1 - s)
    let v = [-t * s, p * s]
    let j = [[-t * t * slope, -s - p * t * slope], [s + p * t * slope, p * p * slope]]
    let expected = [j[0][0] * v[0] + j[1][0] * v[1], j[0][1] * v[0] + j[1][1] * v[1]]
    #expect(abs(g[0] - expected[0]) < 1e-15 && abs(g[1] - expected[1]) < 1e-15, "\(g)")
    if psi < 0.01 { #expect(abs(g[0] / p - 0.25) < 1e-5 && abs(g[1] / t - 0.25) < 1e-5) }
  }

  /// The trainer with `--consensus γ`: one simultaneous SGD step on the Dirac-GAN moves
  /// (ψ, θ) by η·(v − γ·Jᵀv), and on a perceptron game the step's gradient is the plain one
  /// plus γ·Jᵀv.
  @Test func theTrainerDescendsTheConsensusTerm() throws {
    let gamma: Float = 0.7
    let t = try Fixture.dirac(theta: 0.6, psi: -0.4, scheme: .simultaneous)
    var h = t.hyperparameters
    h.stabilizers.consensus = gamma
    #expect(h.problem == nil)
    t.setHyperparameters(h)
    let jacobian = try GameJacobian(of: t)
    let v = jacobian.field()
    let g = jacobian.consensusGradient()
    let before = jacobian.parameters
    t.runIteration()
    let after = try GameJacobian(of: t).parameters
    let eta = Double(Float(0.1))
    for i in 0..<2 {
      let expected = before[i] + eta * (v[i] - Double(gamma) * g[i])
      #expect(abs(after[i] - expected) < 1e-6, "coordinate \(i)")
    }
  }

  @Test func consensusIsRefusedWhereTheJacobianIsNotModelled() {
    for configure: (inout Stabilizers) -> Void in [
      { $0.spectralNorm = true }, { $0.unrolledSteps = 3 }, { $0.instanceNoise = 0.5 },
    ] {
      var f = Stabilizers(consensus: 1)
      configure(&f)
      #expect(f.problem?.hasPrefix("--consensus does not combine") == true)
    }
    #expect(Stabilizers(consensus: -1).problem != nil)
    #expect(Stabilizers(consensus: .nan).problem != nil)
  }

  /// The Dirac-GAN (minimax, SGD steps of 0.1 from (1, 1)), which plain alternating steps
  /// circle and simultaneous ones spiral out of, converges with consensus γ = 1 in either
  /// order (docs/theory.md: r ≈ 1e-11 at 1,000 iterations).
  @Test(arguments: [UpdateScheme.alternating, .simultaneous])
  func consensusMakesTheDiracGameConverge(scheme: UpdateScheme) throws {
    let t = try Fixture.dirac(theta: 1, psi: 1, scheme: scheme)
    var h = t.hyperparameters
    h.stabilizers.consensus = 1
    t.setHyperparameters(h)
    for _ in 0..<1000 { t.runIteration() }
    let w = try GameJacobian(of: t).parameters
    #expect((w[0] * w[0] + w[1] * w[1]).squareRoot() < 1e-9, "\(scheme): \(w)")
  }
}
