/// The equations at the top of Perceptron.swift, one sample at a time, with plain loops in
/// Double and the exact activation functions: the specification that the tests hold the
/// fast `Perceptron` to. Nothing here is meant to be fast; everything is meant to be
/// obviously right.
struct ReferencePerceptron {
  let activation: Activation
  /// The layers from input to output: `weights[l][i][j]` connects unit i of layer l's input
  /// to unit j of its output, `biases[l][j]` is unit j's bias. Layer 0 is the input layer
  /// (1 → H, or P → H for a D that judges packs of P samples), the last one the output
  /// layer (H → 1), the ones between H → H.
  var weights: [[[Double]]]
  var biases: [[Double]]

  /// The real (unpadded) parameters of `net`, read out of its padded buffer.
  init(_ net: Perceptron) {
    activation = net.architecture.activation
    let width = net.architecture.width
    let layout = net.layout
    let padded = net.paddedWidth
    func matrix(at offset: Int, rows: Int, columns: Int) -> [[Double]] {
      (0..<rows).map { i in
        (0..<columns).map { j in Double(net.parameters[offset + i * padded + j]) }
      }
    }
    // A packed D's input rows: one per input of the pack (PackedInput.swift).
    weights = [
      (0..<net.inputs).map { j in
        matrix(at: layout.packedInputWeights(j), rows: 1, columns: width)[0]
      }
    ]
    biases = [matrix(at: layout.inputBias, rows: 1, columns: width)[0]]
    for l in 1..<net.architecture.hiddenLayers {
      weights.append(matrix(at: layout.weights(l), rows: width, columns: width))
      biases.append(matrix(at: layout.bias(l), rows: 1, columns: width)[0])
    }
    // The output weights are a column (H × 1); the buffer holds them as one row.
    weights.append(matrix(at: layout.outputWeights, rows: 1, columns: width)[0].map { [$0] })
    biases.append([Double(net.parameters[layout.outputBias])])
  }

  /// f.
  func activate(_ a: Double) -> Double {
    switch activation {
    case .tanh: _tanh(a)
    case .relu: max(a, 0)
    case .leakyReLU: a > 0 ? a : Double(Activation.leakySlope) * a
    case .linear: a
    }
  }

  /// f′, from the pre-activation.
  func derivative(_ a: Double) -> Double {
    switch activation {
    case .tanh:
      let t = _tanh(a)
      return 1 - t * t
    case .relu: return a > 0 ? 1 : 0
    case .leakyReLU: return a > 0 ? 1 : Double(Activation.leakySlope)
    case .linear: return 1
    }
  }

  /// One sample's pass: the pre-activations a¹ … aᴸ, the activations h¹ … hᴸ, and y.
  struct Pass {
    var preActivations: [[Double]] = []
    var activations: [[Double]] = []
    var output = 0.0
  }

  /// u·M + b for a row vector u.
  private static func affine(_ u: [Double], _ m: [[Double]], _ b: [Double]) -> [Double] {
    var result = b
    for i in u.indices {
      for j in result.indices { result[j] += u[i] * m[i][j] }
    }
    return result
  }

  /// The number of inputs: 1, or P for a D that judges packs.
  var inputs: Int { weights[0].count }

  func forward(_ x: Double) -> Pass { forward(pack: [x]) }

  /// One pack's pass (P inputs side by side).
  func forward(pack: [Double]) -> Pass {
    var pass = Pass()
    var h = pack
    for l in 0..<(weights.count - 1) {
      let a = Self.affine(h, weights[l], biases[l])
      h = a.map(activate)
      pass.preActivations.append(a)
      pass.activations.append(h)
    }
    pass.output = Self.affine(h, weights[weights.count - 1], biases[weights.count - 1])[0]
    return pass
  }

  /// ∂y/∂x at x, by carrying the tangent ẋ = 1 through every layer (forward mode).
  func slope(_ x: Double) -> Double {
    let pass = forward(x)
    var tangent = [1.0]
    for l in 0..<(weights.count - 1) {
      let zero = [Double](repeating: 0, count: biases[l].count)
      let preTangent = Self.affine(tangent, weights[l], zero)
      tangent = zip(preTangent, pass.preActivations[l]).map { $0 * derivative($1) }
    }
    return Self.affine(tangent, weights[weights.count - 1], [0])[0]
  }

  /// ∂y/∂xⱼ for each input j of a pack: one forward-mode pass per input, its tangent the
  /// unit vector of that input.
  func slopes(pack: [Double]) -> [Double] {
    let pass = forward(pack: pack)
    return pack.indices.map { j in
      var tangent = pack.indices.map { $0 == j ? 1.0 : 0.0 }
      for l in 0..<(weights.count - 1) {
        let zero = [Double](repeating: 0, count: biases[l].count)
        let preTangent = Self.affine(tangent, weights[l], zero)
        tangent = zip(preTangent, pass.preActivations[l]).map { $0 * derivative($1) }
      }
      return Self.affine(tangent, weights[weights.count - 1], [0])[0]
    }
  }

  /// Gradients with the shapes of `weights` and `biases`.
  struct Gradients {
    var weights: [[[Double]]]
    var biases: [[Double]]
    /// ∂ℒ/∂x for each sample (P per pack, side by side).
    var inputs: [Double]
  }

  /// The gradients of ℒ = Σₛ gₛ·y(xₛ), where gₛ = `outputGradients[s]` (so that ∂ℒ/∂yₛ = gₛ
  /// as in the fast backward pass). `inputs` holds P values per row (a pack's side by side).
  func gradients(inputs: [Double], outputGradients: [Double]) -> Gradients {
    var result = Gradients(
      weights: weights.map { $0.map { $0.map { _ in 0 } } },
      biases: biases.map { $0.map { _ in 0 } }, inputs: [])
    let top = weights.count - 1
    let p = self.inputs
    for (s, g) in outputGradients.enumerated() {
      let x = Array(inputs[s * p..<(s + 1) * p])
      let pass = forward(pack: x)
      // The output layer: δ = g, its input hᴸ.
      var delta = [g]
      var l = top
      while l >= 0 {
        let input = l == 0 ? x : pass.activations[l - 1]
        for i in input.indices {
          for j in delta.indices { result.weights[l][i][j] += input[i] * delta[j] }
        }
        for j in delta.indices { result.biases[l][j] += delta[j] }
        // ∂ℒ/∂(layer l's input) = δ·Wᵀ; below the input layer that is ∂ℒ/∂x.
        var below = [Double](repeating: 0, count: input.count)
        for i in input.indices {
          for j in delta.indices { below[i] += weights[l][i][j] * delta[j] }
        }
        if l == 0 {
          result.inputs.append(contentsOf: below)
        } else {
          delta = zip(below, pass.preActivations[l - 1]).map { $0 * derivative($1) }
        }
        l -= 1
      }
    }
    return result
  }

  /// `gradients` laid out like `net`'s padded gradient buffer (zeros in the padding), so
  /// that the two compare element by element.
  static func padded(_ gradients: Gradients, like net: Perceptron) -> [Double] {
    var flat = [Double](repeating: 0, count: net.parameterCount)
    let layout = net.layout
    let padded = net.paddedWidth
    func put(_ m: [[Double]], at offset: Int) {
      for i in m.indices {
        for j in m[i].indices { flat[offset + i * padded + j] = m[i][j] }
      }
    }
    let top = gradients.weights.count - 1
    for (j, row) in gradients.weights[0].enumerated() {
      put([row], at: layout.packedInputWeights(j))
    }
    put([gradients.biases[0]], at: layout.inputBias)
    for l in 1..<top {
      put(gradients.weights[l], at: layout.weights(l))
      put([gradients.biases[l]], at: layout.bias(l))
    }
    // The output weights are a column (H × 1); the buffer holds them as one row.
    put([gradients.weights[top].map { $0[0] }], at: layout.outputWeights)
    flat[layout.outputBias] = gradients.biases[top][0]
    return flat
  }
}
