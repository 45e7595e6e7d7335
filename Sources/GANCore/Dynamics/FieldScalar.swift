// The scalars the game's vector field is computed over. The field's code (FieldPerceptron,
// GameField) is written once, generic over `FieldScalar`: over `Double` it is the gradient
// computation itself; over `Dual` every number carries its directional derivative along a
// direction u of the parameters, so the same code yields v(w) and J(w)·u together. That is
// Pearlmutter's (1994) R-operator: forward-mode differentiation of the gradient computation,
// exact up to rounding, with no step size to choose.
//
// Branches (ReLU's kink, hinge's corner, |s| in WGAN-GP's penalty) read `value`: a dual
// number's derivative is the derivative of the branch taken, as for the trainer's own
// gradient.

/// A real number the field's equations are computed over: `Double`, or `Dual` (a value and
/// its tangent).
protocol FieldScalar {
  /// A constant (its tangent is zero).
  init(_ constant: Double)
  /// The number itself, without its tangent.
  var value: Double { get }
  static func + (a: Self, b: Self) -> Self
  static func - (a: Self, b: Self) -> Self
  static func * (a: Self, b: Self) -> Self
  static func / (a: Self, b: Self) -> Self
  static prefix func - (a: Self) -> Self
  /// tanh, exact (the trainer's Float32 passes use a rational approximation within 3e-7).
  func hyperbolicTangent() -> Self
  /// σ(x) = 1 / (1 + e^{−x}).
  func logistic() -> Self
  func squareRoot() -> Self
}

extension FieldScalar {
  static func += (a: inout Self, b: Self) { a = a + b }
  static func -= (a: inout Self, b: Self) { a = a - b }
  static var zero: Self { Self(0) }
}

extension Double: FieldScalar {
  var value: Double { self }
  func hyperbolicTangent() -> Double { _tanh(self) }
  func logistic() -> Double { sigmoid(self) }
}

/// A dual number x + ẋ·ε (ε² = 0): a value and its derivative along one direction.
struct Dual: FieldScalar {
  var value: Double
  var tangent: Double

  init(_ constant: Double) {
    value = constant
    tangent = 0
  }

  init(_ value: Double, tangent: Double) {
    self.value = value
    self.tangent = tangent
  }

  @inline(__always) static func + (a: Dual, b: Dual) -> Dual {
    Dual(a.value + b.value, tangent: a.tangent + b.tangent)
  }
  @inline(__always) static func - (a: Dual, b: Dual) -> Dual {
    Dual(a.value - b.value, tangent: a.tangent - b.tangent)
  }
  @inline(__always) static func * (a: Dual, b: Dual) -> Dual {
    Dual(a.value * b.value, tangent: a.tangent * b.value + a.value * b.tangent)
  }
  @inline(__always) static func / (a: Dual, b: Dual) -> Dual {
    let q = a.value / b.value
    return Dual(q, tangent: (a.tangent - q * b.tangent) / b.value)
  }
  @inline(__always) static prefix func - (a: Dual) -> Dual { Dual(-a.value, tangent: -a.tangent) }

  // (tanh x)′ = 1 − tanh² x;  σ′ = σ(1 − σ);  (√x)′ = 1 / (2√x).
  func hyperbolicTangent() -> Dual {
    let t = _tanh(value)
    return Dual(t, tangent: (1 - t * t) * tangent)
  }
  func logistic() -> Dual {
    let s = sigmoid(value)
    return Dual(s, tangent: s * (1 - s) * tangent)
  }
  func squareRoot() -> Dual {
    let r = value.squareRoot()
    return Dual(r, tangent: r > 0 ? tangent / (2 * r) : 0)
  }
}
