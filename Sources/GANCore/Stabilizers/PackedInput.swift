import GANKernels

// PacGAN's input layer (Lin et al. 2018, "PacGAN: The power of two samples in generative
// adversarial networks"): D judges a pack of P samples at once, x = (x₁, …, x_P), all from
// p_data or all from p_g, and gives one logit per pack. Only D's input layer changes, from
// 1 → H to P → H; everything above it is the plain net of Perceptron.swift. Per pack s:
//
//   forward
//     a¹ = Σⱼ xⱼ·w_in,j + b_in              j = 1 … P, w_in,j the row of weights out of input j
//
//   backward, with δ¹ = ∂ℒ/∂a¹ from the plain backward pass
//     ∂ℒ/∂w_in,j = Σₛ xₛ,ⱼ·δ¹ₛ              ∂ℒ/∂b_in = Σₛ δ¹ₛ
//     ∂ℒ/∂xₛ,ⱼ  = δ¹ₛ·w_in,jᵀ               (each sample of the pack gets its own gradient,
//                                            which is how G's gradient reaches all P of them)
//
// A row of the workspace is one pack: its P inputs lie side by side in `ws.input`, and so do
// their gradients in `ws.inputGradient`. P = 1 never comes here: the plain passes stay as
// they were, bit for bit and at the same speed.

extension Perceptron {
  /// h¹ = f(Σⱼ xⱼ·w_in,j + b_in) for every pack (row) of the batch.
  func packedInputForward(_ ws: Workspace, rows: Int) {
    let p = inputs
    let inputBias = parameters + layout.inputBias
    let firstHidden = ws.hidden[0]
    let rowsOfWeights = (0..<p).map { parameters + layout.packedInputWeights($0) }
    architecture.activation.vector.withVectorFunction { activate in
      for s in 0..<rows {
        let pack = ws.input + s * p
        var c = 0
        while c < paddedWidth {
          var preActivation = load(inputBias + c)
          for j in 0..<p {
            preActivation = preActivation.addingProduct(pack[j], load(rowsOfWeights[j] + c))
          }
          store(activate(preActivation), firstHidden + s * paddedWidth + c)
          c += 16
        }
      }
    }
  }

  /// The input layer's part of the backward pass for packs. `delta` holds ∂ℒ/∂h¹ (two or
  /// more hidden layers: its f′ is still to be applied, here in place) or δ¹ (one layer).
  func packedInputBackward(
    _ ws: Workspace, rows: Int, delta: UnsafeMutablePointer<Float>, parameterGradients: Bool,
    inputGradient: Bool
  ) {
    let p = inputs
    if architecture.hiddenLayers > 1 {
      architecture.activation.vector.multiplyDerivative(
        delta, output: ws.hidden[0], count: rows * paddedWidth)
    }
    if parameterGradients {
      var c = 0
      while c < paddedWidth {
        var biasGradient = Vector()
        for s in 0..<rows { biasGradient += load(delta + s * paddedWidth + c) }
        store(biasGradient, gradients + layout.inputBias + c)
        for j in 0..<p {
          var weightGradient = Vector()
          for s in 0..<rows {
            weightGradient = weightGradient.addingProduct(
              ws.input[s * p + j], load(delta + s * paddedWidth + c))
          }
          store(weightGradient, gradients + layout.packedInputWeights(j) + c)
        }
        c += 16
      }
    }
    if inputGradient {
      for s in 0..<rows {
        for j in 0..<p {
          let weights = parameters + layout.packedInputWeights(j)
          var sum = Vector()
          var c = 0
          while c < paddedWidth {
            sum = sum.addingProduct(load(delta + s * paddedWidth + c), load(weights + c))
            c += 16
          }
          ws.inputGradient[s * p + j] = sum.sum()
        }
      }
    }
  }

  /// Rebuilds this packed D's input layer from `old`'s (a D with another pack size) so that
  /// D keeps its function on the diagonal: D(x, …, x) depends on the inputs' weights only
  /// through their sum Σⱼ w_in,j, so each of the P′ new rows gets that sum divided by P′.
  /// Everything above the input layer is copied as it is.
  func copyPacking(from old: Perceptron) {
    precondition(old.architecture == architecture)
    let plainCount = old.layout.outputBias + 16
    parameters.update(from: old.parameters, count: plainCount)
    var sum = [Float](repeating: 0, count: paddedWidth)
    for j in 0..<old.inputs {
      for c in 0..<paddedWidth { sum[c] += old.parameters[old.layout.packedInputWeights(j) + c] }
    }
    for j in 0..<inputs {
      for c in 0..<paddedWidth {
        parameters[layout.packedInputWeights(j) + c] = sum[c] / Float(inputs)
      }
    }
    parametersChanged()
  }
}
