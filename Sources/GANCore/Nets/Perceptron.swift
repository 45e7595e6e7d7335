import GANKernels

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
// The loops are `forwardPass` and `backwardPass` (Sources/GANKernels/Passes.swift), run in
// the copy `KernelDispatch` picks for this CPU. What they add for speed, none of which
// changes the equations:
// - H is padded to `paddedWidth`, a multiple of 16, so that every row is whole SIMD16
//   vectors; padding units have zero weights and biases, hence zero activations (f(0) = 0
//   for every f here) and zero gradients: the padding is exact.
// - The batch is padded to a multiple of `rowBlock` rows; padding rows get g = 0, so they
//   add nothing to any sum over s.
// - A batch is a matrix of rows, so the H → H layers are matrix products (GANKernels'
//   Kernels.swift);
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
  /// This net as the passes see it (GANKernels).
  let pass: NetPass

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
    let layers = 1..<max(architecture.hiddenLayers, 1)
    pass = NetPass(
      paddedWidth: paddedWidth, hiddenLayers: architecture.hiddenLayers,
      activation: architecture.activation.vector, parameters: parameters,
      gradients: gradients, transposedWeights: transposedWeights,
      inputWeights: layout.inputWeights, inputBias: layout.inputBias,
      outputWeights: layout.outputWeights, outputBias: layout.outputBias,
      layerWeights: layers.map(layout.weights), layerBiases: layers.map(layout.bias))
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
  /// `ws.output` (y): `forwardPass` (GANKernels), through `KernelDispatch`.
  func forward(_ ws: Workspace, rows count: Int) {
    let rows = paddedRows(count)
    if inputs > 1 { packedInputForward(ws, rows: rows) }
    KernelDispatch.forward(pass, ws.buffers, rows: rows, inputLayer: inputs == 1)
  }

  /// Backward pass from `ws.outputGradient` (g = ∂ℒ/∂y; rows ≥ `count` must hold zero).
  /// Writes the parameter gradients into `gradients` when asked, and ∂ℒ/∂x into
  /// `ws.inputGradient` when asked. Requires the hidden activations of the preceding
  /// `forward`. `backwardPass` (GANKernels), through `KernelDispatch`; a packed input layer
  /// is finished here.
  func backward(_ ws: Workspace, rows count: Int, parameterGradients: Bool, inputGradient: Bool) {
    let rows = paddedRows(count)
    let delta = KernelDispatch.backward(
      pass, ws.buffers, rows: rows, parameterGradients: parameterGradients,
      inputGradient: inputGradient, inputLayer: inputs == 1)
    if inputs > 1 {
      packedInputBackward(
        ws, rows: rows, delta: delta, parameterGradients: parameterGradients,
        inputGradient: inputGradient)
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
