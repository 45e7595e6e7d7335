import GANKernels

// Slope penalties for a D of packs (PacGAN, PackedInput.swift). D's input is a pack
// x = (x₁, …, x_P), so its input gradient is a vector s = (s₁, …, s_P), sⱼ = ∂y/∂xⱼ, and R1,
// R2, WGAN-GP and WGAN-LP penalise its norm r = ‖s‖ = √(Σⱼ sⱼ²):
//
//   ℛ = (1/n) Σₛ φ(rₛ)      φ(r) = (γ/2)·r² (R1, R2), λ(r − 1)² (GP), λ·max(0, r − 1)² (LP)
//
// Each sⱼ is a forward-mode pass of its own (SlopePenalty.swift), whose input layer carries
// the tangent of input j:
//
//   a¹ = Σⱼ′ xⱼ′·w_in,j′ + b_in        ȧ¹ = w_in,j       (the rest of the pass as at P = 1)
//
// and the chain through the norm gives each pass its seed,
//
//   ġₛ,ⱼ = ∂ℛ/∂sₛ,ⱼ = φ′(rₛ)·sₛ,ⱼ / rₛ / n      (0 where rₛ = 0; for R1 and R2 simply γ·sₛ,ⱼ/n),
//
// so ∂ℛ/∂θ = Σⱼ (the backward pass of direction j seeded with ġ·,ⱼ). In that backward pass the
// input layer receives the tangent delta Ȧ and the primal delta P (SlopePenalty.swift):
//
//   ∂ℛ/∂w_in,j += Σₛ Ȧₛ       (ȧ¹ is w_in,j itself)
//   ∂ℛ/∂w_in,j′ += Σₛ xₛ,ⱼ′·Pₛ  for every input j′        ∂ℛ/∂b_in += Σₛ Pₛ
//
// The slopes of all P directions are needed before any seed is known (r mixes them), so the
// passes run twice: P forward passes for s, then per direction a forward and a backward pass.
// P = 1 never comes here: the plain slope pass is unchanged.

extension Perceptron {
  /// The input layer of the slope pass for packs: h¹ = f(Σⱼ′ xⱼ′·w_in,j′ + b_in), with the
  /// tangent ȧ¹ = w_in,j of `ws.direction` j, ḣ¹ = f′ ⊙ ȧ¹.
  func packedSlopeInputForward(_ ws: SlopeWorkspace) {
    let rows = ws.rows
    let width = paddedWidth
    let p = inputs
    let activation = architecture.activation
    let inputBias = parameters + layout.inputBias
    let rowsOfWeights = (0..<p).map { parameters + layout.packedInputWeights($0) }
    let tangent = rowsOfWeights[ws.direction]
    activation.vector.withVectorFunction { activate in
      activation.withVectorCurvature { curvature in
        let first = ws.stacked[0]
        let tangentPre = ws.tangentPreActivations[0]
        for s in 0..<rows {
          let pack = ws.input + s * p
          var c = 0
          while c < width {
            var preActivation = load(inputBias + c)
            for j in 0..<p {
              preActivation = preActivation.addingProduct(pack[j], load(rowsOfWeights[j] + c))
            }
            let h = activate(preActivation)
            let w = load(tangent + c)
            store(h, first + s * width + c)
            store(w, tangentPre + s * width + c)
            store(curvature(h).0 * w, first + (rows + s) * width + c)
            c += 16
          }
        }
      }
    }
  }

  /// The input layer's part of the slope's backward pass for packs; `delta` holds [P; Ȧ].
  func packedSlopeInputBackward(_ ws: SlopeWorkspace, delta: UnsafePointer<Float>) {
    let rows = ws.rows
    let width = paddedWidth
    let p = inputs
    let gradients = ws.parameterGradients
    var c = 0
    while c < width {
      var biasGradient = Vector()
      var tangentGradient = Vector()
      for s in 0..<rows {
        biasGradient += load(delta + s * width + c)
        tangentGradient += load(delta + (rows + s) * width + c)
      }
      store(biasGradient, gradients + layout.inputBias + c)
      for j in 0..<p {
        var weightGradient = j == ws.direction ? tangentGradient : Vector()
        for s in 0..<rows {
          weightGradient = weightGradient.addingProduct(
            ws.input[s * p + j], load(delta + s * width + c))
        }
        store(weightGradient, gradients + layout.packedInputWeights(j) + c)
      }
      c += 16
    }
  }

  /// ℛ = (1/count) Σₛ φ(‖D′(xₛ)‖) over the first `count` packs of `ws.input` (the rest must
  /// be zero): writes ∂ℛ/∂θ into `ws.parameterGradients` and returns ℛ.
  func packedSlopePenalty(_ ws: SlopeWorkspace, count: Int, shape: SlopePenaltyShape) -> Double {
    let p = inputs
    let rows = ws.rows
    // s for every direction, then r per pack.
    var slopes = [Float](repeating: 0, count: rows * p)
    for j in 0..<p {
      ws.direction = j
      slopeForward(ws)
      for s in 0..<rows { slopes[s * p + j] = ws.slope[s] }
    }
    var norms = [Float](repeating: 0, count: rows)
    var total = 0.0
    for s in 0..<count {
      var sum: Float = 0
      for j in 0..<p { sum += slopes[s * p + j] * slopes[s * p + j] }
      norms[s] = sum.squareRoot()
      total += shape.value(Double(norms[s]))
    }
    // One backward pass per direction, each seeded with ġ·,ⱼ, summed.
    let parameterCount = layout.count
    var sum = [Float](repeating: 0, count: parameterCount)
    let scale = 1 / Float(count)
    for j in 0..<p {
      for s in 0..<rows {
        let r = norms[s]
        ws.slopeGradient[s] =
          s < count && r > 0 ? shape.derivative(r) * slopes[s * p + j] / r * scale : 0
      }
      ws.direction = j
      slopeForward(ws)
      slopeBackward(ws)
      for i in 0..<parameterCount { sum[i] += ws.parameterGradients[i] }
    }
    sum.withUnsafeBufferPointer {
      ws.parameterGradients.update(from: $0.baseAddress!, count: parameterCount)
    }
    return total / Double(count)
  }
}
