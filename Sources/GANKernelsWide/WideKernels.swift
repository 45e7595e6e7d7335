import GANKernels

// The training passes and the matrix kernels compiled for AVX-512 (Package.swift gives this
// module its own -target-cpu): each function is GANKernels' inlined code with the 8 × 32
// register block, so it is the same source, and gives the same bits, as the baseline copy
// GANCore compiles. Called only where the CPU has AVX-512 (GANCore's KernelDispatch.swift).

public func forwardPassWide(_ net: NetPass, _ ws: PassBuffers, rows: Int, inputLayer: Bool) {
  forwardPass(net, ws, rows: rows, inputLayer: inputLayer, wide: true)
}

public func backwardPassWide(
  _ net: NetPass, _ ws: PassBuffers, rows: Int, parameterGradients: Bool, inputGradient: Bool,
  inputLayer: Bool
) -> UnsafeMutablePointer<Float> {
  backwardPass(
    net, ws, rows: rows, parameterGradients: parameterGradients, inputGradient: inputGradient,
    inputLayer: inputLayer, wide: true)
}

public func multiplyWide(
  _ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
  into y: UnsafeMutablePointer<Float>, rows n: Int, width paddedWidth: Int
) {
  multiply(x, w, bias: bias, into: y, rows: n, width: paddedWidth, wide: true)
}

public func multiplyTransposedWide(
  _ x: UnsafePointer<Float>, _ a: UnsafePointer<Float>, into g: UnsafeMutablePointer<Float>,
  rows n: Int, width paddedWidth: Int
) {
  multiplyTransposed(x, a, into: g, rows: n, width: paddedWidth, wide: true)
}
