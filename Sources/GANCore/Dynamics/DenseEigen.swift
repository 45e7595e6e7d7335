import CLapack

/// One eigenvalue λ = re + i·im with the share of its (right) eigenvector's squared norm on
/// D's coordinates, which says which player dominates the mode.
public struct GameEigenvalue: Sendable, Equatable {
  public var re: Double
  public var im: Double
  /// Σ over D's coordinates of |xᵢ|² / ‖x‖² for the eigenvector x: 1 for a pure-D mode, 0
  /// for a pure-G one.
  public var discriminatorShare: Double
  /// ‖Ax − λx‖ / ‖x‖ for a Ritz pair of the Arnoldi method (its accuracy); 0 for an
  /// eigenvalue of a dense decomposition.
  public var residual: Double

  public init(re: Double, im: Double, discriminatorShare: Double, residual: Double) {
    self.re = re
    self.im = im
    self.discriminatorShare = discriminatorShare
    self.residual = residual
  }

  public var modulus: Double { (re * re + im * im).squareRoot() }
  /// The player whose coordinates hold most of the eigenvector.
  public var dominantPlayer: NetRole { discriminatorShare >= 0.5 ? .discriminator : .generator }
}

/// An eigenvalue of a dense matrix and its right eigenvector x = real + i·imaginary, of
/// Euclidean norm 1 (dgeev's normalisation).
struct EigenPair {
  var re: Double
  var im: Double
  var real: [Double]
  var imaginary: [Double]

  /// Σ over the first `count` coordinates of |xᵢ|², over ‖x‖².
  func share(ofFirst count: Int) -> Double {
    var total = 0.0
    var first = 0.0
    for i in real.indices {
      let square = real[i] * real[i] + imaginary[i] * imaginary[i]
      total += square
      if i < count { first += square }
    }
    return total > 0 ? first / total : 0
  }
}

/// The eigenvalues and right eigenvectors of a dense real n × n matrix (row-major) by
/// LAPACK's dgeev. Nil when dgeev fails to converge or the matrix is not finite.
func denseEigenpairs(_ matrix: [Double], size n: Int) -> [EigenPair]? {
  guard n > 0 else { return [] }
  guard matrix.allSatisfy(\.isFinite) else { return nil }
  // dgeev reads column-major: pass the transpose.
  var a = [Double](repeating: 0, count: n * n)
  for i in 0..<n {
    for j in 0..<n { a[j * n + i] = matrix[i * n + j] }
  }
  var re = [Double](repeating: 0, count: n)
  var im = [Double](repeating: 0, count: n)
  var vectors = [Double](repeating: 0, count: n * n)
  var unused = [Double](repeating: 0, count: 1)
  var size = Int32(n)
  var one = Int32(1)
  var info = Int32(0)
  var query = [Double](repeating: 0, count: 1)
  var lwork = Int32(-1)
  let jobLeft = Array("N".utf8CString)
  let jobRight = Array("V".utf8CString)
  // The first call asks for the workspace size.
  dgeev_(
    jobLeft, jobRight, &size, &a, &size, &re, &im, &unused, &one, &vectors, &size, &query,
    &lwork, &info, 1, 1)
  guard info == 0 else { return nil }
  lwork = Int32(query[0])
  var work = [Double](repeating: 0, count: Int(lwork))
  dgeev_(
    jobLeft, jobRight, &size, &a, &size, &re, &im, &unused, &one, &vectors, &size, &work,
    &lwork, &info, 1, 1)
  guard info == 0 else { return nil }
  // Column j of `vectors` is the eigenvector of a real λⱼ; a complex pair (imⱼ > 0 first)
  // shares columns j (real part) and j + 1 (imaginary part).
  var result: [EigenPair] = []
  var j = 0
  while j < n {
    let column = Array(vectors[j * n..<(j + 1) * n])
    guard im[j] != 0, j + 1 < n else {
      result.append(
        EigenPair(
          re: re[j], im: 0, real: column, imaginary: [Double](repeating: 0, count: n)))
      j += 1
      continue
    }
    let next = Array(vectors[(j + 1) * n..<(j + 2) * n])
    result.append(EigenPair(re: re[j], im: im[j], real: column, imaginary: next))
    result.append(
      EigenPair(re: re[j + 1], im: im[j + 1], real: column, imaginary: next.map { -$0 }))
    j += 2
  }
  return result
}
