/// How much of the spectrum to compute.
public enum SpectrumMethod: Sendable, Equatable {
  /// Every eigenvalue: J assembled from n products J·eᵢ and handed to LAPACK's dgeev, and
  /// the step's matrix M from J. Refused above `GameSpectrum.fullSpectrumLimit`.
  case full
  /// The outer eigenvalues (largest in magnitude, rightmost when it is on the hull) from
  /// `steps` products by the Arnoldi method, for J and for M alike.
  case arnoldi(steps: Int)
}

/// The eigenvalues that decide whether training converges, circles or diverges at one
/// state: those of the game's Jacobian J and the multipliers of the update actually taken
/// (StepMultipliers.swift).
public struct GameSpectrum: Sendable, Equatable {
  public let iteration: Int
  public let dimension: Int
  public let method: SpectrumMethod
  /// J's eigenvalues, rightmost first.
  public let jacobian: [GameEigenvalue]
  /// The step's multipliers, largest modulus first.
  public let step: [GameEigenvalue]

  /// The largest n for which `.full` is computed: n products J·eᵢ and an n × n dgeev
  /// (measured at the default size, n = 2,306: see docs/theory.md).
  public static let fullSpectrumLimit = 6_000
  /// The Arnoldi method's products per spectrum by default.
  public static let defaultArnoldiSteps = 40

  /// A spectrum from its parts (a view's fixture, a spectrum read back).
  public init(
    iteration: Int, dimension: Int, method: SpectrumMethod, jacobian: [GameEigenvalue],
    step: [GameEigenvalue]
  ) {
    self.iteration = iteration
    self.dimension = dimension
    self.method = method
    self.jacobian = jacobian.sorted { ($0.re, $0.im) > ($1.re, $1.im) }
    self.step = step.sorted { ($0.modulus, $0.im) > ($1.modulus, $1.im) }
  }

  public init(_ jacobian: GameJacobian, method: SpectrumMethod) throws(JacobianRefusal) {
    let n = jacobian.dimension
    let nD = jacobian.discriminatorCount
    iteration = jacobian.iteration
    dimension = n
    self.method = method
    let eigenvalues: [GameEigenvalue]?
    let multipliers: [GameEigenvalue]?
    switch method {
    case .full:
      guard n <= Self.fullSpectrumLimit else {
        throw JacobianRefusal(
          "the full spectrum is computed for at most \(Self.fullSpectrumLimit) parameters; "
            + "this game has \(n) (use fewer --hidden units or the Arnoldi method)",
          isRequest: true)
      }
      // Column i of J is J·eᵢ; M is then applied through the dense J.
      var matrix = [Double](repeating: 0, count: n * n)
      var unit = [Double](repeating: 0, count: n)
      for i in 0..<n {
        unit[i] = 1
        let column = jacobian.product(unit)
        unit[i] = 0
        for r in 0..<n { matrix[r * n + i] = column[r] }
      }
      func dense(_ x: [Double]) -> [Double] {
        (0..<n).map { r in
          var sum = 0.0
          for c in 0..<n { sum += matrix[r * n + c] * x[c] }
          return sum
        }
      }
      var stepMatrix = [Double](repeating: 0, count: n * n)
      for i in 0..<n {
        unit[i] = 1
        let column = jacobian.stepProduct(unit, jacobian: dense)
        unit[i] = 0
        for r in 0..<n { stepMatrix[r * n + i] = column[r] }
      }
      func values(_ m: [Double]) -> [GameEigenvalue]? {
        denseEigenpairs(m, size: n)?.map {
          GameEigenvalue(
            re: $0.re, im: $0.im, discriminatorShare: $0.share(ofFirst: nD), residual: 0)
        }
      }
      eigenvalues = values(matrix)
      multipliers = values(stepMatrix)
    case .arnoldi(let steps):
      eigenvalues = arnoldiEigenvalues(
        dimension: n, steps: steps, discriminatorCount: nD, apply: jacobian.product)
      multipliers = arnoldiEigenvalues(dimension: n, steps: steps, discriminatorCount: nD) {
        jacobian.stepProduct($0, jacobian: jacobian.product)
      }
    }
    guard let eigenvalues, let multipliers else {
      throw JacobianRefusal(
        "the eigenvalue computation did not converge at iteration \(jacobian.iteration)")
    }
    self.jacobian = eigenvalues.sorted { ($0.re, $0.im) > ($1.re, $1.im) }
    step = multipliers.sorted { ($0.modulus, $0.im) > ($1.modulus, $1.im) }
  }

  /// The rightmost eigenvalue of J: its real part > 0 means the continuous-time dynamics
  /// leave the state.
  public var rightmost: GameEigenvalue? { jacobian.first }
  /// The eigenvalue of J of largest modulus.
  public var largestMagnitude: GameEigenvalue? { jacobian.max { $0.modulus < $1.modulus } }
  /// The largest |Im λ| / |Re λ| over J's eigenvalues: how much the game rotates rather than
  /// descends (infinite for a purely imaginary pair).
  public var largestRotation: Double {
    jacobian.map { $0.im.magnitude / $0.re.magnitude }.max() ?? 0
  }
  /// The spectral radius of the step: > 1 means the linearised update diverges.
  public var stepRadius: Double { step.first?.modulus ?? 0 }
}
