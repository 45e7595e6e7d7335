// The multilayer perceptron of both nets, G: z ↦ x and D: x ↦ logit, as the equations of a
// textbook and the loops that compute them. `ReferencePerceptron` computes the same
// equations with plain loops in Double; the tests hold this file to it.
//
// Shape: 1 → H → … → H → 1 with L hidden layers and activation f (tanh, ReLU, leaky ReLU).
// Per sample s (one row of the batch; bold letters are row vectors of H units):
//
//   forward
//     a¹ = x·w_in + b_in                     input layer, 1 → H      (a: pre-activation)
//     h¹ = f(a¹)                                                       (h: activation)
//     aˡ = hˡ⁻¹·Wˡ + bˡ,  hˡ = f(aˡ)         hidden layers l = 2 … L, H → H
//     y  = hᴸ·w_out + b_out                  output layer, H → 1 (no activation)
//
//   backward, given g = ∂ℒ/∂y for each sample, summing over the samples s of the batch:
//     ∂ℒ/∂w_out = Σₛ g·hᴸ          ∂ℒ/∂b_out = Σₛ g
//     δᴸ = (g·w_out) ⊙ f′(aᴸ)                       δˡ = ∂ℒ/∂aˡ, the delta of layer l
//     ∂ℒ/∂Wˡ = Σₛ (hˡ⁻¹)ᵀ·δˡ        ∂ℒ/∂bˡ = Σₛ δˡ   l = L … 2
//     δˡ⁻¹ = (δˡ·(Wˡ)ᵀ) ⊙ f′(aˡ⁻¹)
//     ∂ℒ/∂w_in = Σₛ x·δ¹            ∂ℒ/∂b_in = Σₛ δ¹
//     ∂ℒ/∂x = δ¹·w_inᵀ              (D's input gradient: how G's samples should move)
//
// f′ is computed from the activation h, not from a (tanh′ = 1 − h², ReLU′ = [h > 0],
// leaky-ReLU′ = 1 or 0.01), so the forward pass keeps only the h's.
//
// What the loops add for speed, none of which changes the equations:
// - H is padded to `paddedWidth`, a multiple of 16, so that every row is whole SIMD16
//   vectors; padding units have zero weights and biases, hence zero activations (f(0) = 0
//   for every f here) and zero gradients: the padding is exact.
// - The batch is padded to a multiple of `rowBlock` rows; padding rows get g = 0, so they
//   add nothing to any sum over s.
// - A batch is a matrix of rows, so the H → H layers are matrix products (Kernels.swift);
//   δˡ·(Wˡ)ᵀ multiplies by a transposed copy of Wˡ, kept up to date, with the same kernel.
// - f and f′ are applied inside the passes that write or read each buffer instead of in
//   extra sweeps; the f′ of the lowest hidden layer is applied by the input-layer passes.

/// A scalar multilayer perceptron ℝ → ℝ (G maps z to x; D maps x to a logit) with exact
/// batched forward and backward passes over contiguous Float32 buffers (the equations are
/// at the top of this file).
///
/// Parameters live in one padded buffer (see `Architecture.Layout`) so that an optimizer
/// updates a whole net in one vectorized loop; gradients live in a twin buffer.
final class Perceptron {
  let architecture: Architecture
  let role: NetRole
  /// P, the values the input layer takes: 1, or the pack size of a packed D (PacGAN). With
  /// P > 1 a row of the batch is one pack and the input layer is P → H (PackedInput.swift).
  let inputs: Int
  let layout: Architecture.Layout
  /// H rounded up to a multiple of 16: the length of every row of activations and weights.
  let paddedWidth: Int
  let parameters: UnsafeMutablePointer<Float>
  let gradients: UnsafeMutablePointer<Float>
  /// (Wˡ)ᵀ for l = 2 … L (index l − 2), for back-propagating δ with the same kernel as
  /// the forward pass. Refreshed by `parametersChanged` after every parameter change.
  let transposedWeights: [UnsafeMutablePointer<Float>]

  var parameterCount: Int { layout.count }

  init(architecture: Architecture, role: NetRole, inputs: Int = 1) {
    self.architecture = architecture
    self.role = role
    self.inputs = inputs
    layout = architecture.layout(inputs: inputs)
    paddedWidth = architecture.paddedWidth
    parameters = allocateFloats(layout.count)
    gradients = allocateFloats(layout.count)
    transposedWeights = (1..<max(architecture.hiddenLayers, 1)).map { _ in
      allocateFloats(architecture.paddedWidth * architecture.paddedWidth)
    }
  }

  deinit {
    parameters.deallocate()
    gradients.deallocate()
    for matrix in transposedWeights { matrix.deallocate() }
  }

  /// Initializes weights and biases Uniform(−1/√fan_in, 1/√fan_in) as PyTorch does, drawing
  /// the real parameters layer by layer (weights then biases) and leaving padding at zero.
  func initialize(using rng: inout Xoshiro256) {
    parameters.update(repeating: 0, count: layout.count)
    let width = architecture.width
    func fill(_ offset: Int, rows: Int, columns: Int, fanIn: Int) {
      let bound = 1 / Float(fanIn).squareRoot()
      for r in 0..<rows {
        for c in 0..<columns {
          parameters[offset + r * paddedWidth + c] = (2 * rng.nextUnitFloat() - 1) * bound
        }
      }
    }
    // A packed input layer has fan-in P; its rows are drawn in input order.
    for j in 0..<inputs {
      fill(layout.packedInputWeights(j), rows: 1, columns: width, fanIn: inputs)
    }
    fill(layout.inputBias, rows: 1, columns: width, fanIn: inputs)
    for l in 1..<architecture.hiddenLayers {
      fill(layout.weights(l), rows: width, columns: width, fanIn: width)
      fill(layout.bias(l), rows: 1, columns: width, fanIn: width)
    }
    fill(layout.outputWeights, rows: 1, columns: width, fanIn: width)
    fill(layout.outputBias, rows: 1, columns: 1, fanIn: width)
    // The Dirac-GAN starts where the paper's figures do (the draws above keep the stream
    // of random numbers the same length).
    if architecture.model == .dirac { DiracGame.start(parameters, role: role, layout) }
    parametersChanged()
  }

  /// Must be called after any write to `parameters`.
  func parametersChanged() {
    if architecture.model == .dirac { DiracGame.pin(parameters, role: role, layout) }
    for l in 1..<architecture.hiddenLayers {
      transpose(parameters + layout.weights(l), into: transposedWeights[l - 1], width: paddedWidth)
    }
  }

  /// Forward pass over `count` rows of `ws.input`, writing every hidden layer's h and
  /// `ws.output` (y).
  func forward(_ ws: Workspace, rows count: Int) {
    let rows = paddedRows(count)
    let activation = architecture.activation
    // Input layer: h¹ = f(x·w_in + b_in), one pass over the rows.
    let inputWeights = parameters + layout.inputWeights
    let inputBias = parameters + layout.inputBias
    let firstHidden = ws.hidden[0]
    if inputs > 1 {
      packedInputForward(ws, rows: rows)
    } else {
      activation.withVectorFunction { activate in
        for s in 0..<rows {
          let x = ws.input[s]
          var c = 0
          while c < paddedWidth {
            let preActivation = load(inputBias + c).addingProduct(x, load(inputWeights + c))
            store(activate(preActivation), firstHidden + s * paddedWidth + c)
            c += 16
          }
        }
      }
    }
    // Hidden layers: hˡ = f(hˡ⁻¹·Wˡ + bˡ), a matrix product over the batch, then f.
    for l in 1..<architecture.hiddenLayers {
      let out = ws.hidden[l]
      multiply(
        ws.hidden[l - 1], parameters + layout.weights(l), bias: parameters + layout.bias(l),
        into: out, rows: rows, width: paddedWidth)
      activation.apply(out, count: rows * paddedWidth)
    }
    // Output layer: y = hᴸ·w_out + b_out, one dot product per row; four rows at a time keep
    // the horizontal sums independent so they overlap.
    let topHidden = ws.hidden[architecture.hiddenLayers - 1]
    let outputWeights = parameters + layout.outputWeights
    let outputBias = parameters[layout.outputBias]
    var s = 0
    while s < rows {
      var sum0 = Vector()
      var sum1 = Vector()
      var sum2 = Vector()
      var sum3 = Vector()
      let row0 = topHidden + s * paddedWidth
      var c = 0
      while c < paddedWidth {
        let w = load(outputWeights + c)
        sum0 = sum0.addingProduct(load(row0 + c), w)
        sum1 = sum1.addingProduct(load(row0 + paddedWidth + c), w)
        sum2 = sum2.addingProduct(load(row0 + 2 * paddedWidth + c), w)
        sum3 = sum3.addingProduct(load(row0 + 3 * paddedWidth + c), w)
        c += 16
      }
      ws.output[s] = sum0.sum() + outputBias
      ws.output[s + 1] = sum1.sum() + outputBias
      ws.output[s + 2] = sum2.sum() + outputBias
      ws.output[s + 3] = sum3.sum() + outputBias
      s += 4
    }
  }

  /// Backward pass from `ws.outputGradient` (g = ∂ℒ/∂y; rows ≥ `count` must hold zero).
  /// Writes the parameter gradients into `gradients` when asked, and ∂ℒ/∂x into
  /// `ws.inputGradient` when asked. Requires the hidden activations of the preceding
  /// `forward`.
  func backward(_ ws: Workspace, rows count: Int, parameterGradients: Bool, inputGradient: Bool) {
    let rows = paddedRows(count)
    let activation = architecture.activation
    let layers = architecture.hiddenLayers
    let outputGradient = ws.outputGradient
    let topHidden = ws.hidden[layers - 1]
    var delta = ws.deltaA
    var deltaBelow = ws.deltaB
    // Output layer: ∂ℒ/∂w_out = Σₛ g·hᴸ, ∂ℒ/∂b_out = Σₛ g.
    let outputWeights = parameters + layout.outputWeights
    if parameterGradients {
      var c = 0
      while c < paddedWidth {
        var sum = Vector()
        var row = topHidden + c
        for s in 0..<rows {
          sum = sum.addingProduct(outputGradient[s], load(row))
          row += paddedWidth
        }
        store(sum, gradients + layout.outputWeights + c)
        c += 16
      }
      var biasGradient: Float = 0
      for s in 0..<rows { biasGradient += outputGradient[s] }
      gradients[layout.outputBias] = biasGradient
    }
    // δᴸ = (g·w_out) ⊙ f′(aᴸ), through the output weights and the top activation in one pass.
    activation.withVectorDerivative { timesDerivative in
      for s in 0..<rows {
        let g = outputGradient[s]
        let h = topHidden + s * paddedWidth
        var c = 0
        while c < paddedWidth {
          let d = timesDerivative(g * load(outputWeights + c), load(h + c))
          store(d, delta + s * paddedWidth + c)
          c += 16
        }
      }
    }
    // Hidden layers, top down: ∂ℒ/∂Wˡ = (hˡ⁻¹)ᵀ·δˡ, ∂ℒ/∂bˡ = Σₛ δˡ, then
    // δˡ⁻¹ = (δˡ·(Wˡ)ᵀ) ⊙ f′(aˡ⁻¹). (Here `l` counts from 0: `ws.hidden[l]` is hˡ⁺¹.) The
    // f′ of δ¹ is left pending: the input-layer passes below apply it as they read.
    var l = layers - 1
    while l >= 1 {
      let below = ws.hidden[l - 1]
      if parameterGradients {
        multiplyTransposed(
          below, delta, into: gradients + layout.weights(l), rows: rows, width: paddedWidth)
        columnSums(delta, into: gradients + layout.bias(l), rows: rows, width: paddedWidth)
      }
      multiply(
        delta, transposedWeights[l - 1], bias: nil, into: deltaBelow, rows: rows,
        width: paddedWidth)
      if l > 1 {
        activation.multiplyDerivative(deltaBelow, output: below, count: rows * paddedWidth)
      }
      swap(&delta, &deltaBelow)
      l -= 1
    }
    if inputs > 1 {
      return packedInputBackward(
        ws, rows: rows, delta: delta, parameterGradients: parameterGradients,
        inputGradient: inputGradient)
    }
    // Input layer: with two or more hidden layers `delta` holds δ¹ before its f′ (∂ℒ/∂h¹),
    // with one it is δ¹ itself. ∂ℒ/∂w_in = Σₛ x·δ¹, ∂ℒ/∂b_in = Σₛ δ¹, ∂ℒ/∂x = δ¹·w_inᵀ.
    let firstHidden = ws.hidden[0]
    let inputWeights = parameters + layout.inputWeights
    activation.withVectorDerivative { timesDerivative in
      @inline(__always) func firstDelta(_ index: Int) -> Vector {
        layers > 1
          ? timesDerivative(load(delta + index), load(firstHidden + index)) : load(delta + index)
      }
      if parameterGradients {
        var c = 0
        while c < paddedWidth {
          var weightGradient = Vector()
          var biasGradient = Vector()
          var index = c
          for s in 0..<rows {
            let d = firstDelta(index)
            weightGradient = weightGradient.addingProduct(ws.input[s], d)
            biasGradient += d
            index += paddedWidth
          }
          store(weightGradient, gradients + layout.inputWeights + c)
          store(biasGradient, gradients + layout.inputBias + c)
          c += 16
        }
      }
      if inputGradient {
        for s in 0..<rows {
          var sum = Vector()
          var c = 0
          while c < paddedWidth {
            sum = sum.addingProduct(firstDelta(s * paddedWidth + c), load(inputWeights + c))
            c += 16
          }
          ws.inputGradient[s] = sum.sum()
        }
      }
    }
  }

  /// The whole padded parameter buffer (padding included, so it restores exactly), in
  /// layout order.
  func copyParameters() -> [Float] {
    Array(UnsafeBufferPointer(start: parameters, count: layout.count))
  }

  /// Restores parameters saved by `copyParameters`.
  func restoreParameters(_ values: [Float]) {
    precondition(values.count == layout.count)
    values.withUnsafeBufferPointer { parameters.update(from: $0.baseAddress!, count: layout.count) }
    parametersChanged()
  }

  /// The Euclidean norm of the last computed parameter gradient.
  func gradientNorm() -> Double {
    var sum: Double = 0
    for i in 0..<layout.count { sum += Double(gradients[i]) * Double(gradients[i]) }
    return sum.squareRoot()
  }
}
