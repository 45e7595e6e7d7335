// The forward and backward passes of one scalar MLP over a batch (GANCore's Perceptron.swift
// has the equations and owns the buffers). They are here, inlined like the kernels, so that
// GANKernelsWide can compile them for AVX-512 while GANCore compiles them for the build's
// baseline; the two copies are the same source and give the same bits.

/// One net as the passes see it: its shape, its parameter and gradient buffers and where each
/// layer's weights and biases start in them (`Architecture.Layout`).
public struct NetPass {
  /// H rounded up to a multiple of 16.
  public let paddedWidth: Int
  public let hiddenLayers: Int
  public let activation: VectorActivation
  public let parameters: UnsafeMutablePointer<Float>
  public let gradients: UnsafeMutablePointer<Float>
  /// (Wˡ)ᵀ for l = 2 … L (index l − 2).
  public let transposedWeights: [UnsafeMutablePointer<Float>]
  public let inputWeights: Int
  public let inputBias: Int
  public let outputWeights: Int
  public let outputBias: Int
  /// Where Wˡ and bˡ start, for l = 2 … L (index l − 2).
  public let layerWeights: [Int]
  public let layerBiases: [Int]

  public init(
    paddedWidth: Int, hiddenLayers: Int, activation: VectorActivation,
    parameters: UnsafeMutablePointer<Float>, gradients: UnsafeMutablePointer<Float>,
    transposedWeights: [UnsafeMutablePointer<Float>], inputWeights: Int, inputBias: Int,
    outputWeights: Int, outputBias: Int, layerWeights: [Int], layerBiases: [Int]
  ) {
    self.paddedWidth = paddedWidth
    self.hiddenLayers = hiddenLayers
    self.activation = activation
    self.parameters = parameters
    self.gradients = gradients
    self.transposedWeights = transposedWeights
    self.inputWeights = inputWeights
    self.inputBias = inputBias
    self.outputWeights = outputWeights
    self.outputBias = outputBias
    self.layerWeights = layerWeights
    self.layerBiases = layerBiases
  }
}

/// A pass's batch buffers (GANCore's `Workspace`).
public struct PassBuffers {
  /// One input per row (a packed D's input layer is PackedInput.swift's).
  public let input: UnsafeMutablePointer<Float>
  public let output: UnsafeMutablePointer<Float>
  public let outputGradient: UnsafeMutablePointer<Float>
  public let inputGradient: UnsafeMutablePointer<Float>
  /// hˡ for l = 1 … L (index l − 1), rows × paddedWidth each.
  public let hidden: [UnsafeMutablePointer<Float>]
  public let deltaA: UnsafeMutablePointer<Float>
  public let deltaB: UnsafeMutablePointer<Float>

  public init(
    input: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>,
    outputGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>,
    hidden: [UnsafeMutablePointer<Float>], deltaA: UnsafeMutablePointer<Float>,
    deltaB: UnsafeMutablePointer<Float>
  ) {
    self.input = input
    self.output = output
    self.outputGradient = outputGradient
    self.inputGradient = inputGradient
    self.hidden = hidden
    self.deltaA = deltaA
    self.deltaB = deltaB
  }
}

/// The forward pass over `rows` rows (a whole number of row blocks), writing every hidden
/// layer's h and the output y. With `inputLayer` false, h¹ is already there (a packed input
/// layer).
@inline(__always) @inlinable
public func forwardPass(
  _ net: NetPass, _ ws: PassBuffers, rows: Int, inputLayer: Bool, wide: Bool
) {
  let paddedWidth = net.paddedWidth
  let parameters = net.parameters
  let activation = net.activation
  // Input layer: h¹ = f(x·w_in + b_in), one pass over the rows.
  if inputLayer {
    let inputWeights = parameters + net.inputWeights
    let inputBias = parameters + net.inputBias
    let firstHidden = ws.hidden[0]
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
  for l in 1..<net.hiddenLayers {
    let out = ws.hidden[l]
    multiply(
      ws.hidden[l - 1], parameters + net.layerWeights[l - 1],
      bias: parameters + net.layerBiases[l - 1], into: out, rows: rows, width: paddedWidth,
      wide: wide)
    activation.apply(out, count: rows * paddedWidth)
  }
  // Output layer: y = hᴸ·w_out + b_out, one dot product per row; four rows at a time keep
  // the horizontal sums independent so they overlap.
  let topHidden = ws.hidden[net.hiddenLayers - 1]
  let outputWeights = parameters + net.outputWeights
  let outputBias = parameters[net.outputBias]
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

/// The backward pass from `ws.outputGradient` (g = ∂ℒ/∂y; rows beyond the batch hold zero)
/// over `rows` rows: the parameter gradients into `net.gradients` when asked, and ∂ℒ/∂x into
/// `ws.inputGradient` when asked. Needs the hidden activations of the preceding forward pass.
/// With `inputLayer` false it stops above the input layer and returns δ¹ (before its f′ when
/// there are two or more hidden layers) for a packed input layer to finish.
@inline(__always) @inlinable @discardableResult
public func backwardPass(
  _ net: NetPass, _ ws: PassBuffers, rows: Int, parameterGradients: Bool,
  inputGradient: Bool, inputLayer: Bool, wide: Bool
) -> UnsafeMutablePointer<Float> {
  let paddedWidth = net.paddedWidth
  let parameters = net.parameters
  let gradients = net.gradients
  let activation = net.activation
  let layers = net.hiddenLayers
  let outputGradient = ws.outputGradient
  let topHidden = ws.hidden[layers - 1]
  var delta = ws.deltaA
  var deltaBelow = ws.deltaB
  // Output layer: ∂ℒ/∂w_out = Σₛ g·hᴸ, ∂ℒ/∂b_out = Σₛ g.
  let outputWeights = parameters + net.outputWeights
  if parameterGradients {
    var c = 0
    while c < paddedWidth {
      var sum = Vector()
      var row = topHidden + c
      for s in 0..<rows {
        sum = sum.addingProduct(outputGradient[s], load(row))
        row += paddedWidth
      }
      store(sum, gradients + net.outputWeights + c)
      c += 16
    }
    var biasGradient: Float = 0
    for s in 0..<rows { biasGradient += outputGradient[s] }
    gradients[net.outputBias] = biasGradient
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
        below, delta, into: gradients + net.layerWeights[l - 1], rows: rows,
        width: paddedWidth, wide: wide)
      columnSums(delta, into: gradients + net.layerBiases[l - 1], rows: rows, width: paddedWidth)
    }
    multiply(
      delta, net.transposedWeights[l - 1], bias: nil, into: deltaBelow, rows: rows,
      width: paddedWidth, wide: wide)
    if l > 1 {
      activation.multiplyDerivative(deltaBelow, output: below, count: rows * paddedWidth)
    }
    swap(&delta, &deltaBelow)
    l -= 1
  }
  guard inputLayer else { return delta }
  // Input layer: with two or more hidden layers `delta` holds δ¹ before its f′ (∂ℒ/∂h¹),
  // with one it is δ¹ itself. ∂ℒ/∂w_in = Σₛ x·δ¹, ∂ℒ/∂b_in = Σₛ δ¹, ∂ℒ/∂x = δ¹·w_inᵀ.
  let firstHidden = ws.hidden[0]
  let inputWeights = parameters + net.inputWeights
  let pendingDelta = delta
  activation.withVectorDerivative { timesDerivative in
    @inline(__always) func firstDelta(_ index: Int) -> Vector {
      layers > 1
        ? timesDerivative(load(pendingDelta + index), load(firstHidden + index))
        : load(pendingDelta + index)
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
        store(weightGradient, gradients + net.inputWeights + c)
        store(biasGradient, gradients + net.inputBias + c)
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
  return delta
}
