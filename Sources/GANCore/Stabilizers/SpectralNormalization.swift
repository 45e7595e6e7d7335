// Spectral normalisation of D (Miyato et al. 2018). Every weight block M of D (the input
// row w_in, each hidden matrix Wˡ, the output column w_out) is used divided by its largest
// singular value σ(M), so that each layer, and with 1-Lipschitz activations the whole of D,
// is at most 1-Lipschitz:
//
//   M_SN = M / σ(M)
//
// The optimizer updates the raw M; D's own parameter buffer holds M_SN, so every pass
// through D (the D and G steps, the penalties, the snapshots) sees the normalized net.
//
// σ of a hidden matrix is estimated by one power-iteration step per D update, the vectors
// kept from step to step (and in checkpoints):
//
//   v ← Mᵀu / ‖Mᵀu‖,  u ← Mv / ‖Mv‖,  σ = uᵀMv
//
// (M is stored input-major, M[i][j] from input unit i to output unit j: u runs over the
// inputs, v over the outputs). For the input row and output column σ is the Euclidean norm,
// exactly. The gradient is taken through σ = uᵀMv with u, v held fixed, as Miyato et al. do:
// with G = ∂ℒ/∂M_SN,
//
//   ∂ℒ/∂M = (G − ⟨G, M_SN⟩·u vᵀ) / σ
//
// (for a vector block u vᵀ is M/‖M‖). Biases are not normalized.

/// The state of spectral normalisation of one net: its raw parameters, the power-iteration
/// vectors of its hidden matrices, and the σ of every weight block. Every buffer is
/// allocated here, once: a step (power iteration, normalisation, the raw gradient, saving
/// and restoring the vectors around a look-ahead) allocates nothing.
final class SpectralNormalization {
  let layout: Architecture.Layout
  let width: Int
  let paddedWidth: Int
  let hiddenLayers: Int
  /// The raw parameters the optimizer updates, in the net's padded layout.
  let raw: UnsafeMutablePointer<Float>
  /// u and v of hidden matrix l at offset (l − 1)·width, each `width` long.
  let u: UnsafeMutablePointer<Float>
  let v: UnsafeMutablePointer<Float>
  /// u and v as `saveVectors` found them.
  private let savedU: UnsafeMutablePointer<Float>
  private let savedV: UnsafeMutablePointer<Float>
  /// σ of the input row, of each hidden matrix (index l), and of the output column
  /// (index L), from the last `normalize`.
  let sigmas: UnsafeMutablePointer<Float>
  /// The floats of all of u (or of all of v): width per hidden matrix.
  private var vectorCount: Int { max(hiddenLayers - 1, 0) * width }

  /// Starts from `net`'s current parameters as the raw ones; u starts as the unit vector
  /// (1, …, 1)/√H (deterministic: switching normalisation on draws nothing from the stream).
  init(_ net: Perceptron) {
    layout = net.layout
    width = net.architecture.width
    paddedWidth = net.paddedWidth
    hiddenLayers = net.architecture.hiddenLayers
    raw = allocateFloats(layout.count)
    raw.update(from: net.parameters, count: layout.count)
    let vectors = max(hiddenLayers - 1, 0) * width
    u = allocateFloats(vectors)
    v = allocateFloats(vectors)
    savedU = allocateFloats(vectors)
    savedV = allocateFloats(vectors)
    u.update(repeating: 1 / Float(width).squareRoot(), count: vectors)
    v.update(repeating: 1 / Float(width).squareRoot(), count: vectors)
    sigmas = allocateFloats(hiddenLayers + 1)
    sigmas.update(repeating: 1, count: hiddenLayers + 1)
  }

  deinit {
    for buffer in [raw, u, v, savedU, savedV, sigmas] { buffer.deallocate() }
  }

  /// The state for a checkpoint: the raw parameters, then u and v of each hidden matrix.
  var state: [Float] {
    var state = Array(UnsafeBufferPointer(start: raw, count: layout.count))
    for l in 0..<max(hiddenLayers - 1, 0) {
      state += UnsafeBufferPointer(start: u + l * width, count: width)
      state += UnsafeBufferPointer(start: v + l * width, count: width)
    }
    return state
  }

  /// The number of floats of `state` for a net of this architecture.
  static func stateCount(_ architecture: Architecture) -> Int {
    architecture.layout.count + 2 * (architecture.hiddenLayers - 1) * architecture.width
  }

  /// Restores `state` (which must have `stateCount` floats).
  func restore(_ state: [Float]) {
    precondition(state.count == Self.stateCount(layoutArchitecture))
    state.withUnsafeBufferPointer { state in
      raw.update(from: state.baseAddress!, count: layout.count)
      var offset = layout.count
      for l in 0..<(hiddenLayers - 1) {
        (u + l * width).update(from: state.baseAddress! + offset, count: width)
        (v + l * width).update(from: state.baseAddress! + offset + width, count: width)
        offset += 2 * width
      }
    }
  }

  /// Keeps u and v for `restoreSavedVectors` (with D's raw parameters, around unrolled and
  /// look-ahead steps, which must leave the power iteration where it was).
  func saveVectors() {
    savedU.update(from: u, count: vectorCount)
    savedV.update(from: v, count: vectorCount)
  }

  func restoreSavedVectors() {
    u.update(from: savedU, count: vectorCount)
    v.update(from: savedV, count: vectorCount)
  }

  private var layoutArchitecture: Architecture {
    Architecture(width: width, hiddenLayers: hiddenLayers)
  }

  /// M[i][j] of hidden matrix l in the raw buffer.
  @inline(__always)
  private func entry(_ l: Int, _ i: Int, _ j: Int) -> Float {
    raw[layout.weights(l) + i * paddedWidth + j]
  }

  /// One power-iteration step on every hidden matrix (in place: nothing is allocated).
  func powerIterate() {
    for l in 1..<hiddenLayers {
      let u = self.u + (l - 1) * width
      let v = self.v + (l - 1) * width
      // v ← Mᵀu / ‖Mᵀu‖
      for j in 0..<width { v[j] = 0 }
      for i in 0..<width {
        let ui = u[i]
        for j in 0..<width { v[j] += entry(l, i, j) * ui }
      }
      normalizeInPlace(v)
      // u ← Mv / ‖Mv‖
      for i in 0..<width {
        var sum: Float = 0
        for j in 0..<width { sum += entry(l, i, j) * v[j] }
        u[i] = sum
      }
      normalizeInPlace(u)
    }
  }

  /// Writes M / σ(M) for every weight block and the raw biases into `net`.
  func normalize(into net: Perceptron) {
    let p = net.parameters
    p.update(from: raw, count: layout.count)
    func scale(_ offset: Int, count: Int, by sigma: Float) {
      let factor = sigma > 0 ? 1 / sigma : 0
      for k in 0..<count { p[offset + k] = raw[offset + k] * factor }
    }
    let inputSigma = norm(raw + layout.inputWeights, count: width)
    scale(layout.inputWeights, count: width, by: inputSigma)
    sigmas[0] = inputSigma
    for l in 1..<hiddenLayers {
      let u = self.u + (l - 1) * width
      let v = self.v + (l - 1) * width
      var sigma: Float = 0
      for i in 0..<width {
        var row: Float = 0
        for j in 0..<width { row += entry(l, i, j) * v[j] }
        sigma += u[i] * row
      }
      for i in 0..<width {
        scale(layout.weights(l) + i * paddedWidth, count: width, by: sigma)
      }
      sigmas[l] = sigma
    }
    let outputSigma = norm(raw + layout.outputWeights, count: width)
    scale(layout.outputWeights, count: width, by: outputSigma)
    sigmas[hiddenLayers] = outputSigma
    net.parametersChanged()
  }

  /// ∂ℒ/∂(raw) from ∂ℒ/∂(normalized) `g`, given the normalized parameters `normalized` of
  /// the last `normalize`: (G − ⟨G, M_SN⟩·u vᵀ)/σ per weight block; biases pass through.
  func rawGradient(
    _ g: UnsafePointer<Float>, normalized: UnsafePointer<Float>,
    into out: UnsafeMutablePointer<Float>
  ) {
    out.update(from: g, count: layout.count)
    // A vector block: u vᵀ = M_SN (a unit vector), so ⟨G, M_SN⟩·M_SN is removed.
    func vectorBlock(_ offset: Int, sigma: Float) {
      guard sigma > 0 else { return }
      var inner: Float = 0
      for k in 0..<width { inner += g[offset + k] * normalized[offset + k] }
      for k in 0..<width {
        out[offset + k] = (g[offset + k] - inner * normalized[offset + k]) / sigma
      }
    }
    vectorBlock(layout.inputWeights, sigma: sigmas[0])
    for l in 1..<hiddenLayers {
      let sigma = sigmas[l]
      guard sigma > 0 else { continue }
      let u = self.u + (l - 1) * width
      let v = self.v + (l - 1) * width
      let offset = layout.weights(l)
      var inner: Float = 0
      for i in 0..<width {
        for j in 0..<width {
          inner += g[offset + i * paddedWidth + j] * normalized[offset + i * paddedWidth + j]
        }
      }
      for i in 0..<width {
        for j in 0..<width {
          let k = offset + i * paddedWidth + j
          out[k] = (g[k] - inner * u[i] * v[j]) / sigma
        }
      }
    }
    vectorBlock(layout.outputWeights, sigma: sigmas[hiddenLayers])
  }

  private func norm(_ x: UnsafePointer<Float>, count: Int) -> Float {
    var sum: Float = 0
    for k in 0..<count { sum += x[k] * x[k] }
    return sum.squareRoot()
  }

  /// x ← x/‖x‖ over `width` floats (left as it is when ‖x‖ = 0).
  private func normalizeInPlace(_ x: UnsafeMutablePointer<Float>) {
    var sum: Float = 0
    for k in 0..<width { sum += x[k] * x[k] }
    let n = sum.squareRoot()
    guard n > 0 else { return }
    for k in 0..<width { x[k] /= n }
  }
}
