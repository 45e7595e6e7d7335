import GANKernels

/// Preallocated buffers for batched passes of one net over up to `capacity` rows, so that no
/// training step allocates. Owned by one trainer or evaluator and used on one thread.
final class Workspace {
  /// The most rows one pass may use. Checkpoints record it, so it keeps the rounding to a
  /// multiple of 4 that recordings were made with; the buffers themselves are padded further,
  /// to whole row blocks of the kernels.
  let capacity: Int
  /// H rounded up to a multiple of 16: the length of each row of the hidden buffers.
  let paddedWidth: Int
  let hiddenLayers: Int
  /// The inputs of each row: 1, or P for a packed D (a row is then a pack of P samples).
  let inputsPerRow: Int
  /// Network input, `inputsPerRow` floats per row (a pack's samples side by side).
  let input: UnsafeMutablePointer<Float>
  /// Network output (a logit for D, a sample x for G), one float per row.
  let output: UnsafeMutablePointer<Float>
  /// Gradient of the loss with respect to the output, one float per row.
  let outputGradient: UnsafeMutablePointer<Float>
  /// Gradient of the loss with respect to the input, `inputsPerRow` floats per row.
  let inputGradient: UnsafeMutablePointer<Float>
  /// The activations h of each hidden layer, rows × paddedWidth each.
  let hidden: [UnsafeMutablePointer<Float>]
  /// Two rows × paddedWidth buffers for the deltas δ = ∂ℒ/∂a of back-propagation: one
  /// layer's δ and the one below it, swapped as the pass moves down.
  let deltaA: UnsafeMutablePointer<Float>
  let deltaB: UnsafeMutablePointer<Float>
  /// The same buffers as the passes see them (GANKernels).
  let buffers: PassBuffers

  init(capacity rows: Int, architecture: Architecture, inputsPerRow: Int = 1) {
    capacity = roundUp(max(rows, 4), 4)
    let allocatedRows = paddedRows(capacity)
    paddedWidth = architecture.paddedWidth
    hiddenLayers = architecture.hiddenLayers
    self.inputsPerRow = inputsPerRow
    input = allocateFloats(allocatedRows * inputsPerRow)
    output = allocateFloats(allocatedRows)
    outputGradient = allocateFloats(allocatedRows)
    inputGradient = allocateFloats(allocatedRows * inputsPerRow)
    let size = allocatedRows * architecture.paddedWidth
    hidden = (0..<architecture.hiddenLayers).map { _ in allocateFloats(size) }
    deltaA = allocateFloats(size)
    deltaB = allocateFloats(size)
    buffers = PassBuffers(
      input: input, output: output, outputGradient: outputGradient,
      inputGradient: inputGradient, hidden: hidden, deltaA: deltaA, deltaB: deltaB)
  }

  deinit {
    for buffer in [input, output, outputGradient, inputGradient, deltaA, deltaB] + hidden {
      buffer.deallocate()
    }
  }
}

/// Allocates `count` zeroed floats aligned to a cache line.
func allocateFloats(_ count: Int) -> UnsafeMutablePointer<Float> {
  let raw = UnsafeMutableRawPointer.allocate(
    byteCount: max(count, 16) * MemoryLayout<Float>.stride, alignment: 64)
  let floats = raw.bindMemory(to: Float.self, capacity: max(count, 16))
  floats.initialize(repeating: 0, count: max(count, 16))
  return floats
}
