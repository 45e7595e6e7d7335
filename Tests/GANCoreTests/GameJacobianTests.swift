import GANKernels
import Testing

@testable import GANCore

/// The game's Jacobian (Sources/GANCore/Dynamics): J·u by forward mode against central
/// differences of the field in Double, the field against the trainer's own Float32
/// gradients, and the Dirac-GAN's closed forms.
@Suite struct GameJacobianTests {
  static let target = "normal(1,0.5)"

  /// A small trainer, trained a little so that neither net is at its initialization.
  static func trainer(
    loss: Loss, activation: Activation = .tanh, penalty: GradientPenalty = .none,
    pack: Int = 1, width: Int = 5, layers: Int = 2, iterations: Int = 20,
    configure: (inout Hyperparameters) -> Void = { _ in }
  ) throws -> Trainer {
    var h = Hyperparameters(
      discriminatorSteps: 1, batchSize: 6, discriminatorStepSize: 0.01, generatorStepSize: 0.01,
      loss: loss, optimizer: OptimizerSettings(kind: .sgd))
    h.stabilizers.penalty = penalty
    h.stabilizers.penaltyWeight = 2
    h.stabilizers.pack = pack
    h.stabilizers.clip = 10  // WGAN: clipped at ±0.01, D would be almost linear
    configure(&h)
    let t = Trainer(
      config: TrainingConfig(
        target: try Target.parse(target),
        architecture: Architecture(width: width, hiddenLayers: layers, activation: activation),
        hyperparameters: h, seed: 3))
    for _ in 0..<iterations { t.runIteration() }
    return t
  }

  /// A fixed direction of unit norm.
  static func direction(_ n: Int, seed: UInt64 = 11) -> [Double] {
    var rng = Xoshiro256(seed: seed)
    var u = [Float](repeating: 0, count: n)
    u.withUnsafeMutableBufferPointer { rng.fillStandardNormal($0) }
    let norm = u.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
    return u.map { Double($0) / norm }
  }

  /// J·u against (v(w + hu) − v(w − hu)) / 2h in Double, h = 1e-6, for every loss and
  /// activation, with R1, R2 and packs of 2 (WGAN-GP and -LP carry their own penalty).
  @Test(arguments: Loss.allCases, Activation.allCases)
  func productMatchesCentralDifferencesOfTheField(loss: Loss, activation: Activation) throws {
    for (penalty, pack) in [(GradientPenalty.none, 1), (.r1, 1), (.r2, 1), (.r1, 2), (.none, 3)] {
      let t = try Self.trainer(loss: loss, activation: activation, penalty: penalty, pack: pack)
      let jacobian = try GameJacobian(of: t)
      #expect(jacobian.dimension == 2 * t.architecture.parameterCount + (pack - 1) * 5)
      let u = Self.direction(jacobian.dimension)
      let (v, product) = jacobian.fieldAndProduct(u)
      #expect(v == jacobian.field())
      let h = 1e-6
      let plus = jacobian.field(at: u.map { $0 * h })
      let minus = jacobian.field(at: u.map { -$0 * h })
      let scale = product.map(abs).max()!
      #expect(scale > 1e-4, "J·u vanishes: \(loss) \(activation) \(penalty) P=\(pack)")
      let worst = product.indices.map { i in abs(product[i] - (plus[i] - minus[i]) / (2 * h)) }
        .max()!
      #expect(worst <= 1e-6 * (scale + 1), "\(loss) \(activation) \(penalty) P=\(pack): \(worst)")
    }
  }

  /// The field is the trainer's own update direction: on the evaluation batch, −v equals
  /// the gradients the fast Float32 passes compute (Perceptron, Loss, SlopePenalty), for
  /// every loss, with R1.
  @Test(arguments: Loss.allCases)
  func theFieldIsTheTrainersGradient(loss: Loss) throws {
    let t = try Self.trainer(loss: loss, penalty: .r1)
    let jacobian = try GameJacobian(of: t)
    let v = jacobian.field()
    let d = t.discriminator
    let g = t.generator
    let batch = jacobian.field.batch
    let m = batch.packs
    // D: data rows then G's samples, the loss's seeds, the backward pass, then R1.
    let gw = Workspace(capacity: m, architecture: t.architecture)
    let dw = Workspace(capacity: 2 * m, architecture: t.architecture)
    for i in 0..<m { gw.input[i] = Float(batch.noise[i]) }
    g.forward(gw, rows: m)
    for i in 0..<m {
      dw.input[i] = Float(batch.data[i])
      dw.input[m + i] = gw.output[i]
    }
    d.forward(dw, rows: 2 * m)
    loss.discriminatorGradient(output: dw.output, into: dw.outputGradient, real: m, fake: m)
    d.backward(dw, rows: 2 * m, parameterGradients: true, inputGradient: false)
    var dGradient = (0..<d.parameterCount).map { Double(d.gradients[$0]) }
    let sw = SlopeWorkspace(rows: m, architecture: t.architecture)
    for i in 0..<sw.rows { sw.input[i] = i < m ? Float(batch.data[i]) : 0 }
    d.slopePenalty(sw, count: m, shape: .squared(weight: 2))
    for i in dGradient.indices { dGradient[i] += Double(sw.parameterGradients[i]) }
    if let shape = loss.interpolatePenalty(weight: 10) {
      for i in 0..<m {
        let epsilon = Float(batch.interpolation[i])
        sw.input[i] = epsilon * Float(batch.data[i]) + (1 - epsilon) * gw.output[i]
      }
      d.slopePenalty(sw, count: m, shape: shape)
      for i in dGradient.indices { dGradient[i] += Double(sw.parameterGradients[i]) }
    }
    // G: through D's input gradient on its samples (and D on data for the relativistic loss).
    let cw = Workspace(capacity: 2 * m, architecture: t.architecture)
    for i in 0..<m {
      cw.input[i] = gw.output[i]
      cw.input[m + i] = Float(batch.data[i])
    }
    let rows = loss.comparesWithData ? 2 * m : m
    d.forward(cw, rows: rows)
    loss.generatorGradient(
      output: cw.output, into: cw.outputGradient, count: m,
      data: UnsafeBufferPointer(start: cw.output + m, count: rows - m))
    for i in m..<paddedRows(rows) { cw.outputGradient[i] = 0 }
    d.backward(cw, rows: m, parameterGradients: false, inputGradient: true)
    for i in 0..<m { gw.outputGradient[i] = cw.inputGradient[i] }
    g.backward(gw, rows: m, parameterGradients: true, inputGradient: false)
    let fast =
      jacobian.discriminatorIndices.map { -dGradient[$0] }
      + jacobian.generatorIndices.map { -Double(g.gradients[$0]) }
    let scale = fast.map(abs).max()!
    let worst = fast.indices.map { abs(fast[$0] - v[$0]) }.max()!
    #expect(worst <= 1e-4 * scale + 1e-6, "\(loss): \(worst) of \(scale)")
  }

  // MARK: The Dirac-GAN's closed forms

  /// A Dirac-GAN trainer at (θ, ψ).
  static func dirac(
    theta: Float = 0, psi: Float = 0, loss: Loss = .minimax, gamma: Float? = nil,
    scheme: UpdateScheme = .alternating, eta: Float = 0.1
  ) throws -> Trainer {
    var h = Hyperparameters(
      discriminatorSteps: 1, batchSize: 4, discriminatorStepSize: eta, generatorStepSize: eta,
      loss: loss, optimizer: OptimizerSettings(kind: .sgd))
    if let gamma {
      h.stabilizers.penalty = .r1
      h.stabilizers.penaltyWeight = gamma
    }
    h.stabilizers.updateScheme = scheme
    let t = Trainer(
      config: TrainingConfig(
        target: try Target.parse("point(0)"), architecture: DiracGame.architecture,
        hyperparameters: h, seed: 1))
    t.generator.parameters[DiracGame.freeParameter(of: .generator, t.generator.layout)] = theta
    t.generator.parametersChanged()
    t.discriminator.parameters[
      DiracGame.freeParameter(of: .discriminator, t.discriminator.layout)] = psi
    t.discriminator.parametersChanged()
    return t
  }

  /// At (ψ, θ) = (0, 0) with the minimax loss, J = [[0, −½], [½, 0]] in ganscope's order
  /// (D's ψ first; ψ here is the paper's −ψ): ψ̇ = −θσ(ψθ), θ̇ = ψσ(ψθ), f′(0) = ½.
  @Test func theDiracJacobianIsTheClosedForm() throws {
    let jacobian = try GameJacobian(of: Self.dirac())
    #expect(jacobian.dimension == 2)
    let first = jacobian.product([1, 0])
    let second = jacobian.product([0, 1])
    #expect(abs(first[0]) < 1e-15 && abs(first[1] - 0.5) < 1e-15)
    #expect(abs(second[0] + 0.5) < 1e-15 && abs(second[1]) < 1e-15)
    for method in [SpectrumMethod.full, .arnoldi(steps: 2)] {
      let spectrum = try GameSpectrum(jacobian, method: method)
      #expect(spectrum.jacobian.count == 2)
      for (eigenvalue, im) in zip(spectrum.jacobian, [0.5, -0.5]) {
        #expect(abs(eigenvalue.re) < 1e-12 && abs(eigenvalue.im - im) < 1e-12)
        #expect(abs(eigenvalue.discriminatorShare - 0.5) < 1e-12)
      }
    }
  }

  /// With R1 (γ) ψ̇ gains −γψ: eigenvalues (−γ ± √(γ² − 1))/2, complex below γ = 1.
  @Test(arguments: [Float(0.3), 1.5, 4])
  func r1MovesTheDiracEigenvaluesLeft(gamma: Float) throws {
    let jacobian = try GameJacobian(of: Self.dirac(gamma: gamma))
    let g = Double(gamma)
    let discriminant = g * g - 1
    let expected: [(Double, Double)] =
      discriminant >= 0
      ? [((-g + discriminant.squareRoot()) / 2, 0), ((-g - discriminant.squareRoot()) / 2, 0)]
      : [(-g / 2, (-discriminant).squareRoot() / 2), (-g / 2, -(-discriminant).squareRoot() / 2)]
    for method in [SpectrumMethod.full, .arnoldi(steps: 2)] {
      let spectrum = try GameSpectrum(jacobian, method: method)
      for (eigenvalue, value) in zip(spectrum.jacobian, expected) {
        #expect(abs(eigenvalue.re - value.0) < 1e-12 && abs(eigenvalue.im - value.1) < 1e-12)
      }
    }
  }

  /// Simultaneous steps: multipliers 1 ± iη/2, of modulus √(1 + η²/4) > 1 (they spiral
  /// out); alternating steps: M = [[1, −ηa], [ηa, 1 − η²a²]] (a = ½), det 1, both of
  /// modulus 1 (they circle); extragradient: 1 + ηλ + (ηλ)², inside the circle.
  @Test func theDiracStepMultipliers() throws {
    let eta = Double(Float(0.1))  // η as the hyperparameters hold it
    let simultaneous = try GameSpectrum(
      GameJacobian(of: Self.dirac(scheme: .simultaneous)), method: .full)
    for multiplier in simultaneous.step {
      #expect(abs(multiplier.modulus - (1 + eta * eta / 4).squareRoot()) < 1e-12)
      #expect(abs(multiplier.re - 1) < 1e-12 && abs(abs(multiplier.im) - eta / 2) < 1e-12)
    }
    let alternating = try GameSpectrum(GameJacobian(of: Self.dirac()), method: .full)
    #expect(alternating.step.count == 2)
    for multiplier in alternating.step { #expect(abs(multiplier.modulus - 1) < 1e-12) }
    let extra = try GameSpectrum(
      GameJacobian(of: Self.dirac(scheme: .extragradient)), method: .full)
    for multiplier in extra.step {
      // 1 + iηa − η²a²: modulus² = (1 − η²a²)² + η²a².
      let a2 = eta * eta / 4
      #expect(abs(multiplier.modulus - ((1 - a2) * (1 - a2) + a2).squareRoot()) < 1e-12)
    }
  }

  // MARK: The spectrum of a perceptron game

  /// Every Ritz value the Arnoldi method reports as converged (residual < 1e-9) is an
  /// eigenvalue of the full spectrum, and the largest in magnitude is found in 30 products.
  @Test func arnoldiFindsTheOuterEigenvalues() throws {
    let t = try Self.trainer(loss: .nonsaturating, width: 4, iterations: 50)
    let jacobian = try GameJacobian(of: t)
    let full = try GameSpectrum(jacobian, method: .full)
    #expect(full.jacobian.count == jacobian.dimension)
    let partial = try GameSpectrum(jacobian, method: .arnoldi(steps: 30))
    func distance(_ a: GameEigenvalue, _ b: GameEigenvalue) -> Double {
      ((a.re - b.re) * (a.re - b.re) + (a.im - b.im) * (a.im - b.im)).squareRoot()
    }
    let converged = partial.jacobian.filter { $0.residual < 1e-9 }
    #expect(converged.count >= 2)
    for ritz in converged {
      #expect(full.jacobian.map { distance($0, ritz) }.min()! < 1e-7, "\(ritz)")
    }
    let largest = full.largestMagnitude!
    #expect(abs(partial.largestMagnitude!.modulus - largest.modulus) < 1e-7 * largest.modulus)
  }

  /// With η_D = η_G = η and simultaneous steps at k = 1, the multipliers are 1 + ηλ.
  @Test func simultaneousMultipliersAreOnePlusEtaLambda() throws {
    let t = try Self.trainer(
      loss: .nonsaturating, width: 3, iterations: 10,
      configure: {
        $0.stabilizers.updateScheme = .simultaneous
        $0.discriminatorStepSize = 0.2
        $0.generatorStepSize = 0.2
      })
    let spectrum = try GameSpectrum(GameJacobian(of: t), method: .full)
    let eta = Double(Float(0.2))
    let predicted = spectrum.jacobian.map { (1 + eta * $0.re, eta * $0.im) }
    for multiplier in spectrum.step {
      let nearest = predicted.map {
        abs($0.0 - multiplier.re) + abs($0.1 - multiplier.im)
      }.min()!
      #expect(nearest < 1e-9)
    }
  }

  // MARK: What is refused

  @Test func refusals() throws {
    let sn = try Self.trainer(
      loss: .nonsaturating, iterations: 1, configure: { $0.stabilizers.spectralNorm = true })
    #expect(throws: JacobianRefusal.self) { try GameJacobian(of: sn) }
    let unrolled = try Self.trainer(
      loss: .nonsaturating, iterations: 1, configure: { $0.stabilizers.unrolledSteps = 2 })
    #expect(throws: JacobianRefusal.self) { try GameJacobian(of: unrolled) }
    let diverged = try Self.trainer(loss: .nonsaturating, iterations: 0)
    diverged.generator.parameters[0] = .nan
    do {
      _ = try GameJacobian(of: diverged)
      Issue.record("a non-finite state was accepted")
    } catch {
      #expect(error.description == "the parameters are not finite at iteration 0")
    }
    let wide = try Self.trainer(loss: .nonsaturating, width: 60, iterations: 0)
    let jacobian = try GameJacobian(of: wide)
    #expect(jacobian.dimension > GameSpectrum.fullSpectrumLimit)
    do {
      _ = try GameSpectrum(jacobian, method: .full)
      Issue.record("a full spectrum above the limit was computed")
    } catch {
      #expect(error.description.contains("at most 6000 parameters"))
    }
  }
}
