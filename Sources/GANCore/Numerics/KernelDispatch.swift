import CCPUCheck
import GANKernels
import GANKernelsWide

/// Which copy of the training passes runs: GANKernelsWide's, compiled for AVX-512, where the
/// CPU has it; otherwise the copy compiled here, for the build's target (x86-64-v3 by default,
/// Package.swift). Both are the same source and give the same bits (`KernelTests`,
/// `DeterminismTests`), so a recording made on one CPU re-simulates exactly on another.
/// The choice is made once, from constants, so it costs a branch per pass.
public enum KernelDispatch {
  /// The CPU runs the AVX-512 copies (CCPUCheck; `GANSCOPE_NO_WIDE_KERNELS=1` says no).
  static let wide = ganscope_cpu_has_wide_vectors() != 0
  /// The build itself has 512-bit registers (built for the CPU it runs on, an AVX-512 one):
  /// its own copy then takes the wide register block too.
  static let buildIsWide = ganscope_built_for_wide_vectors() != 0

  /// Which copy runs, for `bench`'s line: "avx512" (GANKernelsWide) or "build" (the build's
  /// own, for its target).
  public static var copyName: String { wide ? "avx512" : "build" }

  static func forward(_ net: NetPass, _ ws: PassBuffers, rows: Int, inputLayer: Bool) {
    if wide {
      forwardPassWide(net, ws, rows: rows, inputLayer: inputLayer)
    } else {
      forwardPass(net, ws, rows: rows, inputLayer: inputLayer, wide: buildIsWide)
    }
  }

  static func backward(
    _ net: NetPass, _ ws: PassBuffers, rows: Int, parameterGradients: Bool, inputGradient: Bool,
    inputLayer: Bool
  ) -> UnsafeMutablePointer<Float> {
    if wide {
      return backwardPassWide(
        net, ws, rows: rows, parameterGradients: parameterGradients,
        inputGradient: inputGradient, inputLayer: inputLayer)
    }
    return backwardPass(
      net, ws, rows: rows, parameterGradients: parameterGradients, inputGradient: inputGradient,
      inputLayer: inputLayer, wide: buildIsWide)
  }
}

/// Y = X·W (+ bias) over `n` rows (GANKernels' `multiply`), in the copy `KernelDispatch` picks.
func multiply(
  _ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
  into y: UnsafeMutablePointer<Float>, rows n: Int, width paddedWidth: Int
) {
  if KernelDispatch.wide {
    multiplyWide(x, w, bias: bias, into: y, rows: n, width: paddedWidth)
  } else {
    multiply(
      x, w, bias: bias, into: y, rows: n, width: paddedWidth, wide: KernelDispatch.buildIsWide)
  }
}

/// G = Xᵀ·A over `n` rows (GANKernels' `multiplyTransposed`), in the copy `KernelDispatch`
/// picks.
func multiplyTransposed(
  _ x: UnsafePointer<Float>, _ a: UnsafePointer<Float>, into g: UnsafeMutablePointer<Float>,
  rows n: Int, width paddedWidth: Int
) {
  if KernelDispatch.wide {
    multiplyTransposedWide(x, a, into: g, rows: n, width: paddedWidth)
  } else {
    multiplyTransposed(
      x, a, into: g, rows: n, width: paddedWidth, wide: KernelDispatch.buildIsWide)
  }
}
