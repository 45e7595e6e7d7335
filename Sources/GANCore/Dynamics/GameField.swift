// The game's vector field v(w) = (−∇_φ L_D, −∇_θ L_G) at w = (φ, θ) (D's parameters, then
// G's), computed as the trainer computes its two gradients (Trainer.swift) but on the fixed
// `EvaluationBatch` and over any `FieldScalar`:
//
//   D:  y = G(z);  o = D(rows of data packs, then rows of y's packs);
//       ∇_φ L_D = backward(seeds ∂L_D/∂o) + ∇_φ ℛ for R1 (on the data packs), R2 (on the
//       sample packs) and WGAN-GP/LP (on interpolates), ℛ = (1/m) Σₛ φ(‖∂D/∂x‖ₛ)
//   G:  o = D(y's packs) (and D(data packs) for the relativistic loss);
//       ∂L_G/∂y = D's input gradient from the seeds ∂L_G/∂o;  ∇_θ L_G = G's backward of it
//
// G's samples y depend on θ, so D's half of the field does too: in forward mode the tangent
// of θ flows through y into D's gradient, which is the off-diagonal block ∂v_φ/∂θ of J.

/// The field's equations for one configuration of the game (nets, loss, penalties, batch).
struct GameField: Sendable {
  let discriminator: FieldPerceptron
  let generator: FieldPerceptron
  let loss: Loss
  /// R1 or R2 with its weight (nil when off).
  let penalty: (kind: GradientPenalty, shape: SlopePenaltyShape)?
  /// WGAN-GP's or WGAN-LP's penalty on interpolates.
  let interpolatePenalty: SlopePenaltyShape?
  let batch: EvaluationBatch

  /// v(φ, θ) over the full padded parameter buffers: −∇ in the same layouts.
  func callAsFunction<T: FieldScalar>(discriminator phi: [T], generator theta: [T]) -> (
    discriminator: [T], generator: [T]
  ) {
    let g = gradients(discriminator: phi, generator: theta, crossTerms: false)
    return (g.discriminatorOfD.map { -$0 }, g.generatorOfG.map { -$0 })
  }

  /// Each loss's gradient with respect to each player: ∇_φ L_D and ∇_θ L_G (the field), and
  /// with `crossTerms` also ∇_θ L_D (through G's samples in D's batch and penalties) and
  /// ∇_φ L_G (through D's outputs on G's samples, and on data for the relativistic loss),
  /// which Jᵀu needs (GameJacobian.transposeProduct). Without `crossTerms` they are empty.
  func gradients<T: FieldScalar>(discriminator phi: [T], generator theta: [T], crossTerms: Bool)
    -> GameGradients<T>
  {
    let m = batch.packs
    let p = batch.packSize
    let n = m * p
    let z = batch.noise.map { T($0) }
    let data = batch.data.map { T($0) }
    let samples = generator.forward(theta, z, rows: n, slopes: false)
    let y = samples.outputs

    // D's gradient: the loss on 2m rows, then each penalty on its own rows. ∂L_D/∂y
    // collects what reaches G's samples, for ∇_θ L_D.
    let rows = data + y
    let dPass = discriminator.forward(phi, rows, rows: 2 * m, slopes: false)
    let seeds = loss.discriminatorSeeds(
      real: Array(dPass.outputs[0..<m]), fake: Array(dPass.outputs[m..<2 * m]))
    let lossPass = discriminator.backward(
      phi, rows, dPass, outputSeeds: seeds.real + seeds.fake, slopeSeeds: [],
      parameterGradients: true, inputGradient: crossTerms)
    var dGradient = lossPass.parameters
    var towardSamples = crossTerms ? Array(lossPass.inputs[n..<2 * n]) : []
    func addPenalty(_ shape: SlopePenaltyShape, on packs: [T], samplesWeight: [T]?) {
      let (gradient, inputs) = penaltyGradient(
        phi, packs, shape, inputGradient: crossTerms && samplesWeight != nil)
      for i in dGradient.indices { dGradient[i] += gradient[i] }
      if crossTerms, let samplesWeight {
        for j in 0..<n { towardSamples[j] += samplesWeight[j / p] * inputs[j] }
      }
    }
    let ones = [T](repeating: T(1), count: m)
    if let penalty {
      switch penalty.kind {
      case .r1: addPenalty(penalty.shape, on: data, samplesWeight: nil)
      case .r2: addPenalty(penalty.shape, on: y, samplesWeight: ones)
      case .none: break
      }
    }
    if let interpolatePenalty {
      var interpolates = data
      for s in 0..<m {
        let epsilon = T(batch.interpolation[s])
        for j in s * p..<(s + 1) * p {
          interpolates[j] = epsilon * data[j] + (T(1) - epsilon) * y[j]
        }
      }
      // ∂x̂/∂y = 1 − ε.
      addPenalty(
        interpolatePenalty, on: interpolates,
        samplesWeight: batch.interpolation.map { T(1 - $0) })
    }

    // G's gradient through D's input gradient on G's packs (D on data rows, for the
    // relativistic loss, only moves the means).
    let gPass = discriminator.forward(phi, y, rows: m, slopes: false)
    let dataOutputs = loss.comparesWithData ? Array(dPass.outputs[0..<m]) : []
    let gSeeds = loss.generatorSeeds(fake: gPass.outputs, data: dataOutputs)
    let throughD = discriminator.backward(
      phi, y, gPass, outputSeeds: gSeeds, slopeSeeds: [], parameterGradients: crossTerms,
      inputGradient: true)
    let gGradient = generator.backward(
      theta, z, samples, outputSeeds: throughD.inputs, slopeSeeds: [], parameterGradients: true,
      inputGradient: false
    ).parameters
    guard crossTerms else {
      return GameGradients(
        discriminatorOfD: dGradient, generatorOfG: gGradient, generatorOfD: [],
        discriminatorOfG: [])
    }
    let gOfD = generator.backward(
      theta, z, samples, outputSeeds: towardSamples, slopeSeeds: [], parameterGradients: true,
      inputGradient: false
    ).parameters
    var dOfG = throughD.parameters
    if loss.comparesWithData {
      // L_G reads D on data through the means: D's parameters get that gradient too.
      let dataPass = discriminator.forward(phi, data, rows: m, slopes: false)
      let dataSeeds = loss.generatorDataSeeds(fake: gPass.outputs, data: dataPass.outputs)
      let extra = discriminator.backward(
        phi, data, dataPass, outputSeeds: dataSeeds, slopeSeeds: [], parameterGradients: true,
        inputGradient: false
      ).parameters
      for i in dOfG.indices { dOfG[i] += extra[i] }
    }
    return GameGradients(
      discriminatorOfD: dGradient, generatorOfG: gGradient, generatorOfD: gOfD,
      discriminatorOfG: dOfG)
  }

  /// ∇_φ ℛ for ℛ = (1/m) Σₛ φ(rₛ), rₛ = ‖∂D/∂x‖ over pack s (|∂D/∂x| without packing): the
  /// seed of input j's tangent is φ′(r)·sⱼ/r/m (γ·sⱼ/m for R1 and R2), as in
  /// PackedSlopePenalty.swift.
  private func penaltyGradient<T: FieldScalar>(
    _ phi: [T], _ packs: [T], _ shape: SlopePenaltyShape, inputGradient: Bool
  ) -> (parameters: [T], inputs: [T]) {
    let m = batch.packs
    let pass = discriminator.forward(phi, packs, rows: m, slopes: true)
    let scale = T(1 / Double(m))
    var seeds = pass.slopes
    for s in 0..<m {
      if shape.isSquared || discriminator.inputs == 1 {
        for j in seeds.indices { seeds[j][s] = shape.derivative(pass.slopes[j][s]) * scale }
        continue
      }
      var squares = T.zero
      for j in seeds.indices { squares += pass.slopes[j][s] * pass.slopes[j][s] }
      let r = squares.squareRoot()
      for j in seeds.indices {
        seeds[j][s] = r.value > 0 ? shape.derivative(r) * pass.slopes[j][s] / r * scale : .zero
      }
    }
    return discriminator.backward(
      phi, packs, pass, outputSeeds: [T](repeating: .zero, count: m), slopeSeeds: seeds,
      parameterGradients: true, inputGradient: inputGradient)
  }
}

/// The four gradients of the two losses with respect to the two players, in the padded
/// layouts (GameField.gradients).
struct GameGradients<T: FieldScalar> {
  /// ∇_φ L_D and ∇_θ L_G: the field is their negation.
  var discriminatorOfD: [T]
  var generatorOfG: [T]
  /// ∇_θ L_D and ∇_φ L_G (empty unless asked for).
  var generatorOfD: [T]
  var discriminatorOfG: [T]
}
