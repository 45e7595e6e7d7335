#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// GANCore's only use of the C library is libm (it does no I/O: data files are read by the
// program's edge, see TargetLoader). Thin wrappers so the rest of GANCore names libm
// functions once, in one place.
@inlinable func _log(_ x: Double) -> Double { log(x) }
@inlinable func _exp(_ x: Double) -> Double { exp(x) }
@inlinable func _cos(_ x: Double) -> Double { cos(x) }
@inlinable func _sin(_ x: Double) -> Double { sin(x) }
@inlinable func _log1p(_ x: Double) -> Double { log1p(x) }
@inlinable func _expm1(_ x: Double) -> Double { expm1(x) }
@inlinable func _erfc(_ x: Double) -> Double { erfc(x) }
@inlinable func _tanh(_ x: Double) -> Double { tanh(x) }

/// x > 0 (finite) as mantissa × 10^exponent with 1 ≤ mantissa < 10, by scaling by tens
/// one at a time (a power of ten such as 1e324, for a subnormal like 4.9e-324, does not
/// exist as a Double). For printing numbers: ⌊log10 x⌋ without libm's rounding doubts.
public func decimalParts(_ x: Double) -> (mantissa: Double, exponent: Int) {
  guard x > 0, x.isFinite else { return (x, 0) }
  var mantissa = x
  var exponent = 0
  while mantissa >= 10 {
    mantissa /= 10
    exponent += 1
  }
  while mantissa < 1 {
    mantissa *= 10
    exponent -= 1
  }
  return (mantissa, exponent)
}

/// log(1 + e^x) without overflow or loss of precision for large |x|.
@inlinable
public func softplus(_ x: Double) -> Double {
  x > 0 ? x + _log1p(_exp(-x)) : _log1p(_exp(x))
}

/// The logistic sigmoid, stable for any x.
@inlinable
public func sigmoid(_ x: Double) -> Double {
  x >= 0 ? 1 / (1 + _exp(-x)) : _exp(x) / (1 + _exp(x))
}

/// The standard normal CDF Φ.
@inlinable
public func normalCDF(_ x: Double) -> Double { 0.5 * _erfc(-x / 2.0.squareRoot()) }

/// The inverse standard normal CDF (Acklam's rational approximation refined by one Newton
/// step, relative error below 1e-12 on (0, 1)).
public func inverseNormalCDF(_ p: Double) -> Double {
  precondition(p > 0 && p < 1)
  let a = [
    -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
    1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00,
  ]
  let b = [
    -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
    6.680131188771972e+01, -1.328068155288572e+01,
  ]
  let c = [
    -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
    -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00,
  ]
  let d = [
    7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
    3.754408661907416e+00,
  ]
  let low = 0.02425
  var x: Double
  if p < low {
    let q = (-2 * _log(p)).squareRoot()
    x =
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
      / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
  } else if p <= 1 - low {
    let q = p - 0.5
    let r = q * q
    x =
      (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
      / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  } else {
    let q = (-2 * _log(1 - p)).squareRoot()
    x =
      -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
      / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
  }
  // One Halley step against the exact CDF.
  let e = normalCDF(x) - p
  let u = e * (2 * Double.pi).squareRoot() * _exp(x * x / 2)
  x -= u / (1 + x * u / 2)
  return x
}
@inlinable func _pow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
