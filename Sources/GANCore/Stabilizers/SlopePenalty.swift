import GANKernels

// Gradients of gradients: the θ-gradient of a penalty on D's input slope, for R1, R2 and
// WGAN-GP. In one dimension the slope s = ∂y/∂x of D's raw output y is a forward-mode
// pass: a tangent ȧ, ḣ carried beside each pre-activation a and activation h (Perceptron.swift
// has the primal equations):
//
//   tangent forward (per sample; ẋ = 1)
//     ȧ¹ = w_in                  ḣ¹ = f′(a¹) ⊙ ȧ¹
//     ȧˡ = ḣˡ⁻¹·Wˡ               ḣˡ = f′(aˡ) ⊙ ȧˡ          l = 2 … L
//     s  = ḣᴸ·w_out
//
// A penalty ℛ = Σₛ φ(sₛ) then has ġₛ = φ′(sₛ) (the caller's averaging included), and its
// gradient is a backward pass through the pair (primal, tangent). With T = ∂ℛ/∂ḣˡ and
// U = ∂ℛ/∂hˡ coming down into layer l:
//
//   ∂ℛ/∂w_out = Σₛ ġ·ḣᴸ           start: T = ġ·w_out, U = 0 (ℛ does not involve y itself)
//   tangent delta   Ȧ = ∂ℛ/∂ȧˡ = T ⊙ f′(aˡ)
//   primal delta    P = ∂ℛ/∂aˡ = T ⊙ f″(aˡ) ⊙ ȧˡ + U ⊙ f′(aˡ)
//   ∂ℛ/∂Wˡ = Σₛ (ḣˡ⁻¹)ᵀ·Ȧ + (hˡ⁻¹)ᵀ·P     ∂ℛ/∂bˡ = Σₛ P
//   below: T = Ȧ·(Wˡ)ᵀ,  U = P·(Wˡ)ᵀ
//   input layer: ∂ℛ/∂w_in = Σₛ (Ȧ + x·P),  ∂ℛ/∂b_in = Σₛ P
//
// f′ and f″ come from h (tanh: f′ = 1 − h², f″ = −2h(1 − h²); ReLU and leaky ReLU: f″ = 0).
// The primal and tangent rows of a layer are stacked in one buffer ([h; ḣ], 2n rows), so
// that ∂ℛ/∂Wˡ = [h; ḣ]ᵀ·[P; Ȧ] and the step below are single calls of the same kernels as
// the ordinary passes.

/// The buffers of the slope pass over a batch of exactly `rows` rows (padded to row blocks).
final class SlopeWorkspace {
  /// Rows of the batch, a multiple of the kernels' row block; the tangent rows of a
  /// stacked buffer start at this row.
  let rows: Int
  let paddedWidth: Int
  /// The inputs of each row: 1, or P for a D of packs (PackedSlopePenalty.swift).
  let inputsPerRow: Int
  /// For a D of packs: the input j whose slope sⱼ = ∂y/∂xⱼ the tangent pass carries.
  var direction = 0
  let input: UnsafeMutablePointer<Float>
  /// y and s = ∂y/∂x per row.
  let output: UnsafeMutablePointer<Float>
  let slope: UnsafeMutablePointer<Float>
  /// ġ = ∂ℛ/∂s per row, set by the caller before `slopeBackward` (zero in padding rows).
  let slopeGradient: UnsafeMutablePointer<Float>
  /// [hˡ; ḣˡ] per hidden layer (2·rows × paddedWidth), and ȧˡ (rows × paddedWidth).
  let stacked: [UnsafeMutablePointer<Float>]
  let tangentPreActivations: [UnsafeMutablePointer<Float>]
  /// [U; T] going down, then [P; Ȧ] of the layer (2·rows × paddedWidth), two swapped.
  let deltaA: UnsafeMutablePointer<Float>
  let deltaB: UnsafeMutablePointer<Float>
  /// ∂ℛ/∂θ in the net's padded layout.
  let parameterGradients: UnsafeMutablePointer<Float>

  init(rows count: Int, architecture: Architecture, inputsPerRow: Int = 1) {
    rows = paddedRows(max(count, 1))
    paddedWidth = architecture.paddedWidth
    self.inputsPerRow = inputsPerRow
    input = allocateFloats(rows * inputsPerRow)
    output = allocateFloats(rows)
    slope = allocateFloats(rows)
    slopeGradient = allocateFloats(rows)
    let layerSize = rows * paddedWidth
    stacked = (0..<architecture.hiddenLayers).map { _ in allocateFloats(2 * layerSize) }
    tangentPreActivations = (0..<architecture.hiddenLayers).map { _ in allocateFloats(layerSize) }
    deltaA = allocateFloats(2 * layerSize)
    deltaB = allocateFloats(2 * layerSize)
    parameterGradients = allocateFloats(architecture.layout(inputs: inputsPerRow).count)
  }

  deinit {
    for buffer in [input, output, slope, slopeGradient, deltaA, deltaB, parameterGradients]
      + stacked + tangentPreActivations
    {
      buffer.deallocate()
    }
  }
}

extension Activation {
  /// Calls `body` once with (f′, f″) as functions of the activation's output h on 16 values.
  @inline(__always)
  func withVectorCurvature(_ body: ((SIMD16<Float>) -> (SIMD16<Float>, SIMD16<Float>)) -> Void) {
    switch self {
    case .tanh:
      body { h in
        let first = 1 - h * h
        return (first, -2 * h * first)
      }
    case .relu: body { h in (SIMD16(repeating: 1).replacing(with: 0, where: h .<= 0), SIMD16()) }
    case .leakyReLU:
      body { h in
        (SIMD16(repeating: 1).replacing(with: Activation.leakySlope, where: h .<= 0), SIMD16())
      }
    case .linear: body { _ in (SIMD16(repeating: 1), SIMD16()) }
    }
  }
}

extension Perceptron {
  /// y and s = ∂y/∂x for every row of `ws.input`, keeping what `slopeBackward` needs.
  func slopeForward(_ ws: SlopeWorkspace) {
    let rows = ws.rows
    let width = paddedWidth
    let activation = architecture.activation
    let inputWeights = parameters + layout.inputWeights
    let inputBias = parameters + layout.inputBias
    // Input layer: h¹ = f(x·w_in + b_in), ȧ¹ = w_in, ḣ¹ = f′ ⊙ w_in.
    if inputs > 1 {
      packedSlopeInputForward(ws)
    } else {
      activation.vector.withVectorFunction { activate in
        activation.withVectorCurvature { curvature in
          let first = ws.stacked[0]
          let tangentPre = ws.tangentPreActivations[0]
          for s in 0..<rows {
            let x = ws.input[s]
            var c = 0
            while c < width {
              let w = load(inputWeights + c)
              let h = activate(load(inputBias + c).addingProduct(x, w))
              store(h, first + s * width + c)
              store(w, tangentPre + s * width + c)
              store(curvature(h).0 * w, first + (rows + s) * width + c)
              c += 16
            }
          }
        }
      }
    }
    // Hidden layers: aˡ = hˡ⁻¹·Wˡ + bˡ and ȧˡ = ḣˡ⁻¹·Wˡ, then h and ḣ = f′ ⊙ ȧ.
    for l in 1..<architecture.hiddenLayers {
      let below = ws.stacked[l - 1]
      let out = ws.stacked[l]
      let weights = parameters + layout.weights(l)
      multiply(
        below, weights, bias: parameters + layout.bias(l), into: out, rows: rows, width: width)
      activation.vector.apply(out, count: rows * width)
      let tangentPre = ws.tangentPreActivations[l]
      multiply(
        below + rows * width, weights, bias: nil, into: tangentPre, rows: rows, width: width)
      activation.withVectorCurvature { curvature in
        var i = 0
        while i < rows * width {
          store(curvature(load(out + i)).0 * load(tangentPre + i), out + rows * width + i)
          i += 16
        }
      }
    }
    // Output: y = hᴸ·w_out + b_out, s = ḣᴸ·w_out.
    let top = ws.stacked[architecture.hiddenLayers - 1]
    let outputWeights = parameters + layout.outputWeights
    let outputBias = parameters[layout.outputBias]
    for s in 0..<rows {
      var primal = Vector()
      var tangent = Vector()
      var c = 0
      while c < width {
        let w = load(outputWeights + c)
        primal = primal.addingProduct(load(top + s * width + c), w)
        tangent = tangent.addingProduct(load(top + (rows + s) * width + c), w)
        c += 16
      }
      ws.output[s] = primal.sum() + outputBias
      ws.slope[s] = tangent.sum()
    }
  }

  /// ∂ℛ/∂θ for ℛ with ∂ℛ/∂sₛ = `ws.slopeGradient[s]`, into `ws.parameterGradients`. Needs
  /// the buffers of the preceding `slopeForward`.
  func slopeBackward(_ ws: SlopeWorkspace) {
    let rows = ws.rows
    let width = paddedWidth
    let layers = architecture.hiddenLayers
    let activation = architecture.activation
    let gradients = ws.parameterGradients
    gradients.update(repeating: 0, count: layout.count)
    let top = ws.stacked[layers - 1]
    let outputWeights = parameters + layout.outputWeights
    // ∂ℛ/∂w_out = Σₛ ġ·ḣᴸ; T = ġ·w_out, U = 0.
    var up = ws.deltaA
    var down = ws.deltaB
    up.update(repeating: 0, count: rows * width)
    var c = 0
    while c < width {
      var sum = Vector()
      let w = load(outputWeights + c)
      for s in 0..<rows {
        let g = ws.slopeGradient[s]
        sum = sum.addingProduct(g, load(top + (rows + s) * width + c))
        store(g * w, up + (rows + s) * width + c)
      }
      store(sum, gradients + layout.outputWeights + c)
      c += 16
    }
    var l = layers - 1
    while l >= 0 {
      // [U; T] → [P; Ȧ] in place.
      let h = ws.stacked[l]
      let tangentPre = ws.tangentPreActivations[l]
      activation.withVectorCurvature { curvature in
        var i = 0
        while i < rows * width {
          let (first, second) = curvature(load(h + i))
          let t = load(up + rows * width + i)
          let u = load(up + i)
          store((t * second * load(tangentPre + i)).addingProduct(u, first), up + i)
          store(t * first, up + rows * width + i)
          i += 16
        }
      }
      if l >= 1 {
        multiplyTransposed(
          ws.stacked[l - 1], up, into: gradients + layout.weights(l), rows: 2 * rows,
          width: width)
        columnSums(up, into: gradients + layout.bias(l), rows: rows, width: width)
        multiply(
          up, transposedWeights[l - 1], bias: nil, into: down, rows: 2 * rows, width: width)
        swap(&up, &down)
      } else if inputs > 1 {
        packedSlopeInputBackward(ws, delta: up)
      } else {
        var c = 0
        while c < width {
          var weightGradient = Vector()
          var biasGradient = Vector()
          for s in 0..<rows {
            let primal = load(up + s * width + c)
            weightGradient += load(up + (rows + s) * width + c)
            weightGradient = weightGradient.addingProduct(ws.input[s], primal)
            biasGradient += primal
          }
          store(weightGradient, gradients + layout.inputWeights + c)
          store(biasGradient, gradients + layout.inputBias + c)
          c += 16
        }
      }
      l -= 1
    }
  }
}

/// The shape φ of a slope penalty ℛ = (1/n) Σₛ φ(sₛ).
enum SlopePenaltyShape: Equatable {
  /// φ(s) = (γ/2)·s²: R1 and R2.
  case squared(weight: Float)
  /// φ(s) = λ·(|s| − 1)²: WGAN-GP's push toward unit slope.
  case unitSlope(weight: Float)
  /// φ(s) = λ·max(0, |s| − 1)²: WGAN-LP's one-sided version.
  case slopeAboveOne(weight: Float)

  func value(_ s: Double) -> Double {
    switch self {
    case .squared(let gamma): Double(gamma) / 2 * s * s
    case .unitSlope(let lambda): Double(lambda) * (abs(s) - 1) * (abs(s) - 1)
    case .slopeAboveOne(let lambda): Double(lambda) * max(0, abs(s) - 1) * max(0, abs(s) - 1)
    }
  }

  func derivative(_ s: Float) -> Float {
    switch self {
    case .squared(let gamma): gamma * s
    case .unitSlope(let lambda): 2 * lambda * (abs(s) - 1) * (s < 0 ? -1 : 1)
    case .slopeAboveOne(let lambda): 2 * lambda * max(0, abs(s) - 1) * (s < 0 ? -1 : 1)
    }
  }
}

extension Perceptron {
  /// ℛ = (1/count) Σₛ φ(D′(xₛ)) over the first `count` rows of `ws.input` (the rest must be
  /// zero): writes ∂ℛ/∂θ into `ws.parameterGradients` and returns ℛ.
  @discardableResult
  func slopePenalty(_ ws: SlopeWorkspace, count: Int, shape: SlopePenaltyShape) -> Double {
    if inputs > 1 { return packedSlopePenalty(ws, count: count, shape: shape) }
    slopeForward(ws)
    let scale = 1 / Float(count)
    var total = 0.0
    for s in 0..<ws.rows {
      if s < count {
        total += shape.value(Double(ws.slope[s]))
        ws.slopeGradient[s] = shape.derivative(ws.slope[s]) * scale
      } else {
        ws.slopeGradient[s] = 0
      }
    }
    slopeBackward(ws)
    return total / Double(count)
  }
}
