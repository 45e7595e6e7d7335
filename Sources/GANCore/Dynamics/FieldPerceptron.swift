// The perceptron's equations (Perceptron.swift), its forward-mode slope (SlopePenalty.swift)
// and its packed input layer (PackedInput.swift), written once more over any `FieldScalar`
// so that the game's field can be differentiated in forward mode (FieldScalar.swift). It
// reads the trainer's own padded parameter layout, so a parameter has one index everywhere.
//
// Per row s of the batch (a sample, or a pack of P samples x₁ … x_P):
//
//   a¹ = Σⱼ xⱼ·w_in,j + b_in,  aˡ = hˡ⁻¹·Wˡ + bˡ,  hˡ = f(aˡ),  y = hᴸ·w_out + b_out
//
// and, for the slope penalties, one tangent per input j (ȧ¹ = w_in,j, ȧˡ = ḣˡ⁻¹·Wˡ,
// ḣˡ = f′(aˡ)·ȧˡ, sⱼ = ḣᴸ·w_out). The backward pass takes a seed g = ∂ℒ/∂y per row and a
// seed cⱼ = ∂ℒ/∂sⱼ per row and input, and carries T = ∂ℒ/∂ḣ and U = ∂ℒ/∂h down:
//
//   Ȧ = T ⊙ f′(a)                     (∂ℒ/∂ȧ)
//   Ā = U ⊙ f′(a) + Σⱼ Tⱼ ⊙ f″(a) ⊙ ȧⱼ   (∂ℒ/∂a)
//   ∂ℒ/∂Wˡ += (hˡ⁻¹)ᵀĀ + Σⱼ (ḣⱼˡ⁻¹)ᵀȦⱼ,   ∂ℒ/∂bˡ += Σₛ Ā,   U ← Ā(Wˡ)ᵀ,  Tⱼ ← Ȧⱼ(Wˡ)ᵀ
//   ∂ℒ/∂w_in,j += Σₛ xⱼ·Ā + Σₛ Ȧⱼ,   ∂ℒ/∂b_in += Σₛ Ā,   ∂ℒ/∂xⱼ = Ā·w_in,jᵀ
//
// with U = g·w_out and Tⱼ = cⱼ·w_out at the top. With every c = 0 it is the plain backward
// pass of Perceptron.swift; with g = 0 it is the penalty's pass of SlopePenalty.swift.

/// One net's equations over any scalar, on the trainer's padded parameter layout.
struct FieldPerceptron: Sendable {
  /// H, L, f and P.
  let width: Int
  let layers: Int
  let activation: Activation
  let inputs: Int
  let layout: Architecture.Layout
  let paddedWidth: Int

  init(architecture: Architecture, inputs: Int) {
    width = architecture.width
    layers = architecture.hiddenLayers
    activation = architecture.activation
    self.inputs = inputs
    layout = architecture.layout(inputs: inputs)
    paddedWidth = architecture.paddedWidth
  }

  /// The indices of the parameters training moves (every unpadded one; for the Dirac-GAN
  /// only θ or ψ), in the order of `ReferencePerceptron`'s blocks.
  func freeIndices(model: NetModel, role: NetRole) -> [Int] {
    if model == .dirac { return [DiracGame.freeParameter(of: role, layout)] }
    var indices: [Int] = []
    for j in 0..<inputs { indices += (0..<width).map { layout.packedInputWeights(j) + $0 } }
    indices += (0..<width).map { layout.inputBias + $0 }
    for l in 1..<layers {
      for i in 0..<width { indices += (0..<width).map { layout.weights(l) + i * paddedWidth + $0 } }
      indices += (0..<width).map { layout.bias(l) + $0 }
    }
    indices += (0..<width).map { layout.outputWeights + $0 }
    indices.append(layout.outputBias)
    return indices
  }

  /// A pass over a batch: per layer l (0-based), rows × H arrays of hˡ, f′(aˡ), f″(aˡ);
  /// per input j the tangents ȧⱼˡ and ḣⱼˡ and the slopes sⱼ (when asked); the outputs y.
  struct Pass<T: FieldScalar> {
    var rows: Int
    var activations: [[T]] = []
    var firstDerivatives: [[T]] = []
    var secondDerivatives: [[T]] = []
    var preTangents: [[[T]]] = []
    var tangents: [[[T]]] = []
    var slopes: [[T]] = []
    var outputs: [T] = []
  }

  /// f(a), f′(a), f″(a). (tanh: f′ = 1 − t², f″ = −2t(1 − t²); the others are piecewise
  /// linear, f″ = 0.)
  @inline(__always)
  func activate<T: FieldScalar>(_ a: T) -> (T, T, T) {
    switch activation {
    case .tanh:
      let t = a.hyperbolicTangent()
      let slope = T(1) - t * t
      return (t, slope, T(-2) * t * slope)
    case .relu: return a.value > 0 ? (a, T(1), .zero) : (.zero, .zero, .zero)
    case .leakyReLU:
      let leak = Double(Activation.leakySlope)
      return a.value > 0 ? (a, T(1), .zero) : (T(leak) * a, T(leak), .zero)
    case .linear: return (a, T(1), .zero)
    }
  }

  /// The forward pass over `rows` rows of `x` (P values per row), with the slope tangents
  /// when `slopes`.
  func forward<T: FieldScalar>(_ p: [T], _ x: [T], rows: Int, slopes: Bool) -> Pass<T> {
    let h = width
    var pass = Pass<T>(rows: rows)
    var below: [T] = []
    for l in 0..<layers {
      var a = [T](repeating: .zero, count: rows * h)
      if l == 0 {
        for s in 0..<rows {
          for c in 0..<h {
            var sum = p[layout.inputBias + c]
            for j in 0..<inputs { sum += x[s * inputs + j] * p[layout.packedInputWeights(j) + c] }
            a[s * h + c] = sum
          }
        }
      } else {
        a = affine(below, p, offset: layout.weights(l), bias: layout.bias(l), rows: rows)
      }
      var out = a
      var d1 = a
      var d2 = a
      for i in a.indices { (out[i], d1[i], d2[i]) = activate(a[i]) }
      pass.activations.append(out)
      pass.firstDerivatives.append(d1)
      pass.secondDerivatives.append(d2)
      below = out
    }
    pass.outputs = (0..<rows).map { s in
      var sum = p[layout.outputBias]
      for c in 0..<h { sum += below[s * h + c] * p[layout.outputWeights + c] }
      return sum
    }
    guard slopes else { return pass }
    for j in 0..<inputs {
      var preTangents: [[T]] = []
      var tangents: [[T]] = []
      var tangentBelow: [T] = []
      for l in 0..<layers {
        var aDot: [T]
        if l == 0 {
          aDot = [T](repeating: .zero, count: rows * h)
          for s in 0..<rows {
            for c in 0..<h { aDot[s * h + c] = p[layout.packedInputWeights(j) + c] }
          }
        } else {
          aDot = affine(tangentBelow, p, offset: layout.weights(l), bias: nil, rows: rows)
        }
        var hDot = aDot
        let d1 = pass.firstDerivatives[l]
        for i in hDot.indices { hDot[i] = d1[i] * aDot[i] }
        preTangents.append(aDot)
        tangents.append(hDot)
        tangentBelow = hDot
      }
      pass.preTangents.append(preTangents)
      pass.tangents.append(tangents)
      pass.slopes.append(
        (0..<rows).map { s in
          var sum = T.zero
          for c in 0..<h { sum += tangentBelow[s * h + c] * p[layout.outputWeights + c] }
          return sum
        })
    }
    return pass
  }

  /// u·W (+ b) for each row u of `input` (rows × H), W the H × H block at `offset`.
  private func affine<T: FieldScalar>(
    _ input: [T], _ p: [T], offset: Int, bias: Int?, rows: Int
  ) -> [T] {
    let h = width
    var out = [T](repeating: .zero, count: rows * h)
    for s in 0..<rows {
      for c in 0..<h { out[s * h + c] = bias.map { p[$0 + c] } ?? .zero }
      for i in 0..<h {
        let u = input[s * h + i]
        let row = offset + i * paddedWidth
        for c in 0..<h { out[s * h + c] += u * p[row + c] }
      }
    }
    return out
  }

  /// v·Wᵀ for each row v (rows × H): the delta of the layer below, before its f′.
  private func transposedProduct<T: FieldScalar>(
    _ delta: [T], _ p: [T], offset: Int, rows: Int
  ) -> [T] {
    let h = width
    var out = [T](repeating: .zero, count: rows * h)
    for s in 0..<rows {
      for i in 0..<h {
        let row = offset + i * paddedWidth
        var sum = T.zero
        for c in 0..<h { sum += delta[s * h + c] * p[row + c] }
        out[s * h + i] = sum
      }
    }
    return out
  }

  /// The backward pass from the output seeds `g` (one per row) and the slope seeds `c`
  /// (per input, one per row; empty for none): ∂ℒ/∂parameters in the padded layout when
  /// `parameterGradients`, and ∂ℒ/∂x (P per row) when `inputGradient`.
  func backward<T: FieldScalar>(
    _ p: [T], _ x: [T], _ pass: Pass<T>, outputSeeds g: [T], slopeSeeds c: [[T]],
    parameterGradients: Bool, inputGradient: Bool
  ) -> (parameters: [T], inputs: [T]) {
    let h = width
    let rows = pass.rows
    let tangentCount = c.count
    var gradient = [T](repeating: .zero, count: parameterGradients ? layout.count : 0)
    var inputs = [T](repeating: .zero, count: inputGradient ? rows * self.inputs : 0)
    // The output layer: U = g·w_out, Tⱼ = cⱼ·w_out.
    let top = pass.activations[layers - 1]
    var u = [T](repeating: .zero, count: rows * h)
    var t = [[T]](repeating: [T](repeating: .zero, count: rows * h), count: tangentCount)
    for s in 0..<rows {
      for k in 0..<h {
        let w = p[layout.outputWeights + k]
        u[s * h + k] = g[s] * w
        for j in 0..<tangentCount { t[j][s * h + k] = c[j][s] * w }
      }
    }
    if parameterGradients {
      for s in 0..<rows {
        gradient[layout.outputBias] += g[s]
        for k in 0..<h {
          var sum = g[s] * top[s * h + k]
          for j in 0..<tangentCount { sum += c[j][s] * pass.tangents[j][layers - 1][s * h + k] }
          gradient[layout.outputWeights + k] += sum
        }
      }
    }
    var l = layers - 1
    while l >= 0 {
      let d1 = pass.firstDerivatives[l]
      let d2 = pass.secondDerivatives[l]
      var aBar = u
      var aDotBar = t
      for i in 0..<(rows * h) {
        var sum = u[i] * d1[i]
        for j in 0..<tangentCount {
          sum += t[j][i] * d2[i] * pass.preTangents[j][l][i]
          aDotBar[j][i] = t[j][i] * d1[i]
        }
        aBar[i] = sum
      }
      if l > 0 {
        let below = pass.activations[l - 1]
        if parameterGradients {
          let weights = layout.weights(l)
          let bias = layout.bias(l)
          for s in 0..<rows {
            for i in 0..<h {
              let hBelow = below[s * h + i]
              let row = weights + i * paddedWidth
              for k in 0..<h {
                var sum = hBelow * aBar[s * h + k]
                for j in 0..<tangentCount {
                  sum += pass.tangents[j][l - 1][s * h + i] * aDotBar[j][s * h + k]
                }
                gradient[row + k] += sum
              }
            }
            for k in 0..<h { gradient[bias + k] += aBar[s * h + k] }
          }
        }
        u = transposedProduct(aBar, p, offset: layout.weights(l), rows: rows)
        for j in 0..<tangentCount {
          t[j] = transposedProduct(aDotBar[j], p, offset: layout.weights(l), rows: rows)
        }
      } else {
        for s in 0..<rows {
          for k in 0..<h {
            let delta = aBar[s * h + k]
            if parameterGradients {
              gradient[layout.inputBias + k] += delta
              for j in 0..<self.inputs {
                var sum = x[s * self.inputs + j] * delta
                if j < tangentCount { sum += aDotBar[j][s * h + k] }
                gradient[layout.packedInputWeights(j) + k] += sum
              }
            }
            if inputGradient {
              for j in 0..<self.inputs {
                inputs[s * self.inputs + j] += delta * p[layout.packedInputWeights(j) + k]
              }
            }
          }
        }
      }
      l -= 1
    }
    return (gradient, inputs)
  }
}
