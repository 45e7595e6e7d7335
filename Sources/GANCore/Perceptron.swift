/// A scalar multilayer perceptron ℝ → ℝ (G maps z to x; D maps x to a logit) with exact
/// batched forward and backward passes over contiguous Float32 buffers.
///
/// Parameters live in one padded buffer (see `Architecture.Layout`) so that an optimizer
/// updates a whole net in one vectorized loop; gradients live in a twin buffer.
final class Perceptron {
  let architecture: Architecture
  let layout: Architecture.Layout
  let p: Int
  let parameters: UnsafeMutablePointer<Float>
  let gradients: UnsafeMutablePointer<Float>
  /// Transposed copies of the hidden-to-hidden weights, for back-propagating to the inputs
  /// with the same kernel as the forward pass. Refreshed after every parameter change.
  let transposed: [UnsafeMutablePointer<Float>]

  var parameterCount: Int { layout.count }

  init(architecture: Architecture) {
    self.architecture = architecture
    layout = architecture.layout
    p = architecture.paddedWidth
    parameters = allocateFloats(layout.count)
    gradients = allocateFloats(layout.count)
    transposed = (1..<max(architecture.hiddenLayers, 1)).map { _ in
      allocateFloats(architecture.paddedWidth * architecture.paddedWidth)
    }
  }

  deinit {
    parameters.deallocate()
    gradients.deallocate()
    for t in transposed { t.deallocate() }
  }

  /// Initializes weights and biases Uniform(−1/√fan_in, 1/√fan_in) as PyTorch does, drawing
  /// the real parameters layer by layer (weights then biases) and leaving padding at zero.
  func initialize(using rng: inout Xoshiro256) {
    parameters.update(repeating: 0, count: layout.count)
    let h = architecture.width
    func fill(_ offset: Int, rows: Int, columns: Int, fanIn: Int) {
      let bound = 1 / Float(fanIn).squareRoot()
      for r in 0..<rows {
        for c in 0..<columns {
          parameters[offset + r * p + c] = (2 * rng.nextUnitFloat() - 1) * bound
        }
      }
    }
    fill(layout.inputWeights, rows: 1, columns: h, fanIn: 1)
    fill(layout.inputBias, rows: 1, columns: h, fanIn: 1)
    for l in 1..<architecture.hiddenLayers {
      fill(layout.weights(l), rows: h, columns: h, fanIn: h)
      fill(layout.bias(l), rows: 1, columns: h, fanIn: h)
    }
    fill(layout.outputWeights, rows: 1, columns: h, fanIn: h)
    fill(layout.outputBias, rows: 1, columns: 1, fanIn: h)
    parametersChanged()
  }

  /// Must be called after any write to `parameters`.
  func parametersChanged() {
    for l in 1..<architecture.hiddenLayers {
      transpose(parameters + layout.weights(l), into: transposed[l - 1], width: p)
    }
  }

  /// Forward pass over `n` rows of `ws.input`, writing every hidden layer and `ws.output`.
  func forward(_ ws: Workspace, rows n: Int) {
    let rows = paddedRows(n)
    let activation = architecture.activation
    // Input layer: a[s][j] = x[s]·w[j] + b[j].
    let w0 = parameters + layout.inputWeights
    let b0 = parameters + layout.inputBias
    let h0 = ws.hidden[0]
    // The input layer and its activation in one pass over the rows.
    activation.withVectorFunction { f in
      for s in 0..<rows {
        let x = ws.input[s]
        var c = 0
        while c < p {
          store(f(load(b0 + c).addingProduct(x, load(w0 + c))), h0 + s * p + c)
          c += 16
        }
      }
    }
    for l in 1..<architecture.hiddenLayers {
      let out = ws.hidden[l]
      multiply(
        ws.hidden[l - 1], parameters + layout.weights(l), bias: parameters + layout.bias(l),
        into: out, rows: rows, width: p)
      activation.apply(out, count: rows * p)
    }
    // Output layer: one dot product per row; four rows at a time keep the horizontal sums
    // independent so they overlap.
    let last = ws.hidden[architecture.hiddenLayers - 1]
    let wOut = parameters + layout.outputWeights
    let bOut = parameters[layout.outputBias]
    var s = 0
    while s < rows {
      var a0 = Vector()
      var a1 = Vector()
      var a2 = Vector()
      var a3 = Vector()
      let r0 = last + s * p
      var c = 0
      while c < p {
        let w = load(wOut + c)
        a0 = a0.addingProduct(load(r0 + c), w)
        a1 = a1.addingProduct(load(r0 + p + c), w)
        a2 = a2.addingProduct(load(r0 + 2 * p + c), w)
        a3 = a3.addingProduct(load(r0 + 3 * p + c), w)
        c += 16
      }
      ws.output[s] = a0.sum() + bOut
      ws.output[s + 1] = a1.sum() + bOut
      ws.output[s + 2] = a2.sum() + bOut
      ws.output[s + 3] = a3.sum() + bOut
      s += 4
    }
  }

  /// Backward pass from `ws.outputGradient` (rows ≥ n must hold zero). Writes the parameter
  /// gradients into `gradients` when asked, and the input gradient into `ws.inputGradient`
  /// when asked. Requires the hidden activations of the preceding `forward`.
  func backward(_ ws: Workspace, rows n: Int, parameterGradients: Bool, inputGradient: Bool) {
    let rows = paddedRows(n)
    let activation = architecture.activation
    let layers = architecture.hiddenLayers
    let dy = ws.outputGradient
    let last = ws.hidden[layers - 1]
    var da = ws.gradientA
    var spare = ws.gradientB
    // Output layer.
    let wOut = parameters + layout.outputWeights
    if parameterGradients {
      var c = 0
      while c < p {
        var acc = Vector()
        var row = last + c
        for s in 0..<rows {
          acc = acc.addingProduct(dy[s], load(row))
          row += p
        }
        store(acc, gradients + layout.outputWeights + c)
        c += 16
      }
      var biasGradient: Float = 0
      for s in 0..<rows { biasGradient += dy[s] }
      gradients[layout.outputBias] = biasGradient
    }
    // Through the output weights and the top activation in one pass.
    activation.withVectorDerivative { chain in
      for s in 0..<rows {
        let g = dy[s]
        let h = last + s * p
        var c = 0
        while c < p {
          store(chain(g * load(wOut + c), load(h + c)), da + s * p + c)
          c += 16
        }
      }
    }
    // Hidden-to-hidden layers, top down. The activation derivative of the lowest hidden
    // layer is left pending: the input-layer passes below apply it as they read.
    var l = layers - 1
    while l >= 1 {
      let below = ws.hidden[l - 1]
      if parameterGradients {
        multiplyTransposed(below, da, into: gradients + layout.weights(l), rows: rows, width: p)
        columnSums(da, into: gradients + layout.bias(l), rows: rows, width: p)
      }
      multiply(da, transposed[l - 1], bias: nil, into: spare, rows: rows, width: p)
      if l > 1 { activation.multiplyDerivative(spare, output: below, count: rows * p) }
      swap(&da, &spare)
      l -= 1
    }
    // Input layer: `da` is the gradient with respect to the lowest hidden layer's output
    // when the derivative is pending (two or more hidden layers), else its pre-activation.
    let h0 = ws.hidden[0]
    let w0 = parameters + layout.inputWeights
    activation.withVectorDerivative { chain in
      @inline(__always) func preActivationGradient(_ index: Int) -> Vector {
        layers > 1 ? chain(load(da + index), load(h0 + index)) : load(da + index)
      }
      if parameterGradients {
        var c = 0
        while c < p {
          var gw = Vector()
          var gb = Vector()
          var index = c
          for s in 0..<rows {
            let v = preActivationGradient(index)
            gw = gw.addingProduct(ws.input[s], v)
            gb += v
            index += p
          }
          store(gw, gradients + layout.inputWeights + c)
          store(gb, gradients + layout.inputBias + c)
          c += 16
        }
      }
      if inputGradient {
        for s in 0..<rows {
          var acc = Vector()
          var c = 0
          while c < p {
            acc = acc.addingProduct(preActivationGradient(s * p + c), load(w0 + c))
            c += 16
          }
          ws.inputGradient[s] = acc.sum()
        }
      }
    }
  }

  /// The parameters as a flat array of the real (unpadded) values, in layout order.
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
