/// The Arnoldi method (Saad, "Numerical Methods for Large Eigenvalue Problems", ch. 6):
/// the eigenvalues of a large non-symmetric operator A that lie on the outside of its
/// spectrum — among them the largest in magnitude and, when it is on the spectrum's convex
/// hull, the rightmost — from `steps` products A·u, A never formed.
///
/// An orthonormal basis V of the Krylov space span{u, Au, …, A^{m−1}u} (Gram–Schmidt, run
/// twice against rounding) and the small Hessenberg matrix H = VᵀAV; the eigenvalues of H
/// (LAPACK's dgeev) are the Ritz values, x = V·y the Ritz vectors, and
/// ‖Ax − λx‖ = h_{m+1,m}·|y_m| says how far each is from an eigenpair of A: extremal ones
/// converge first, interior ones may not have (their residual says so).
func arnoldiEigenvalues(
  dimension n: Int, steps: Int, discriminatorCount: Int, apply: ([Double]) -> [Double]
) -> [GameEigenvalue]? {
  let m = min(steps, n)
  guard m > 0 else { return [] }
  // A fixed start vector, so that a spectrum is a function of the state alone.
  var rng = Xoshiro256(seed: 0x5eed_a7_0d1)
  var start = [Float](repeating: 0, count: n)
  start.withUnsafeMutableBufferPointer { rng.fillStandardNormal($0) }
  var basis = [normalized(start.map(Double.init))]
  var hessenberg = [[Double]](repeating: [Double](repeating: 0, count: m), count: m + 1)
  var size = m
  for j in 0..<m {
    var w = apply(basis[j])
    guard w.allSatisfy(\.isFinite) else { return nil }
    for _ in 0..<2 {
      for (i, v) in basis.enumerated() {
        let h = dot(w, v)
        hessenberg[i][j] += h
        for k in 0..<n { w[k] -= h * v[k] }
      }
    }
    let norm = dot(w, w).squareRoot()
    hessenberg[j + 1][j] = norm
    // An invariant subspace: the Ritz values are exact eigenvalues.
    if norm <= 1e-12 * (hessenberg[j][j].magnitude + 1) || j + 1 == m {
      size = j + 1
      break
    }
    basis.append(w.map { $0 / norm })
  }
  var small = [Double](repeating: 0, count: size * size)
  for i in 0..<size {
    for j in 0..<size { small[i * size + j] = hessenberg[i][j] }
  }
  guard let pairs = denseEigenpairs(small, size: size) else { return nil }
  let beta = hessenberg[size][size - 1]
  return pairs.map { pair in
    // x = V·y (real and imaginary parts); ‖y‖ = 1 and V is orthonormal, so ‖x‖ = 1.
    var real = [Double](repeating: 0, count: n)
    var imaginary = [Double](repeating: 0, count: n)
    for k in 0..<size {
      let (a, b) = (pair.real[k], pair.imaginary[k])
      for i in 0..<n {
        real[i] += a * basis[k][i]
        imaginary[i] += b * basis[k][i]
      }
    }
    let ritz = EigenPair(re: pair.re, im: pair.im, real: real, imaginary: imaginary)
    let last = size - 1
    let tail = (pair.real[last] * pair.real[last] + pair.imaginary[last] * pair.imaginary[last])
      .squareRoot()
    return GameEigenvalue(
      re: pair.re, im: pair.im, discriminatorShare: ritz.share(ofFirst: discriminatorCount),
      residual: beta * tail)
  }
}

func dot(_ a: [Double], _ b: [Double]) -> Double {
  var sum = 0.0
  for i in a.indices { sum += a[i] * b[i] }
  return sum
}

private func normalized(_ v: [Double]) -> [Double] {
  let norm = dot(v, v).squareRoot()
  return v.map { $0 / norm }
}
