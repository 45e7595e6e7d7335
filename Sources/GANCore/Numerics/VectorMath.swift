// Logarithm and sine/cosine on SIMD16<Float> for the Box–Muller transform, accurate to a few
// units in the last place of Float (checked against libm in the tests). Series, not tables:
// the whole evaluation stays in vector registers.

/// ln x for positive, finite, normal x: x = 2ᵉ·m with m ∈ [√½, √2), and
/// ln m = 2·atanh(s) = 2(s + s³/3 + s⁵/5 + …) with s = (m − 1)/(m + 1), |s| ≤ 0.172, so five
/// terms leave an error below 4e-10.
@inline(__always) @usableFromInline
func vectorLog(_ x: SIMD16<Float>) -> SIMD16<Float> {
  let bits = unsafeBitCast(x, to: SIMD16<UInt32>.self)
  var exponent = SIMD16<Float>(SIMD16<Int32>(truncatingIfNeeded: bits &>> 23) &- 127)
  var mantissa = unsafeBitCast((bits & 0x7F_FFFF) | 0x3F80_0000, to: SIMD16<Float>.self)
  let high = mantissa .> 1.41421356
  mantissa.replace(with: mantissa * 0.5, where: high)
  exponent.replace(with: exponent + 1, where: high)
  let s = (mantissa - 1) / (mantissa + 1)
  let s2 = s * s
  var series = SIMD16<Float>(repeating: 1.0 / 9)
  series = SIMD16(repeating: 1.0 / 7).addingProduct(series, s2)
  series = SIMD16(repeating: 1.0 / 5).addingProduct(series, s2)
  series = SIMD16(repeating: 1.0 / 3).addingProduct(series, s2)
  series = SIMD16(repeating: 1).addingProduct(series, s2)
  return (2 * s * series).addingProduct(exponent, 0.693147180559945)
}

/// (sin 2πu, cos 2πu) for u ∈ [0, 1): reduced to r = 2π(u − q/4) ∈ [−π/4, π/4] by the nearest
/// quarter turn q, where Taylor series of degree 9 (sin) and 10 (cos) are accurate to 2e-9,
/// then rotated back by q quarter turns.
@inline(__always) @usableFromInline
func vectorSinCosTwoPi(_ u: SIMD16<Float>) -> (SIMD16<Float>, SIMD16<Float>) {
  // Round to the nearest integer by adding and removing 1.5·2²³ (exact for 0 ≤ 4u < 4):
  // SIMD's rounded() compiles to one scalar call per lane here, and so does a conversion to
  // SIMD16<Int32> (with an overflow check per lane), so the quadrant stays a Float.
  let magic = SIMD16<Float>(repeating: 12_582_912)
  let quarter = (u * 4 + magic) - magic
  let r = (u - quarter * 0.25) * 6.28318530717959
  let r2 = r * r
  var sine = SIMD16<Float>(repeating: 1.0 / 362_880)
  sine = SIMD16(repeating: -1.0 / 5040).addingProduct(sine, r2)
  sine = SIMD16(repeating: 1.0 / 120).addingProduct(sine, r2)
  sine = SIMD16(repeating: -1.0 / 6).addingProduct(sine, r2)
  sine = SIMD16(repeating: 1).addingProduct(sine, r2) * r
  var cosine = SIMD16<Float>(repeating: -1.0 / 3_628_800)
  cosine = SIMD16(repeating: 1.0 / 40320).addingProduct(cosine, r2)
  cosine = SIMD16(repeating: -1.0 / 720).addingProduct(cosine, r2)
  cosine = SIMD16(repeating: 1.0 / 24).addingProduct(cosine, r2)
  cosine = SIMD16(repeating: -0.5).addingProduct(cosine, r2)
  cosine = SIMD16(repeating: 1).addingProduct(cosine, r2)
  // Quarter turns q = 0…4 (4 ≡ 0, a full turn, matched by none of the cases below):
  // (sin, cos) → (cos, −sin) → (−sin, −cos) → (−cos, sin).
  var s = sine
  var c = cosine
  s.replace(with: cosine, where: quarter .== 1)
  c.replace(with: -sine, where: quarter .== 1)
  s.replace(with: -sine, where: quarter .== 2)
  c.replace(with: -cosine, where: quarter .== 2)
  s.replace(with: -cosine, where: quarter .== 3)
  c.replace(with: sine, where: quarter .== 3)
  return (s, c)
}

/// √v for finite v ≥ 0. `SIMD16.squareRoot()` compiles to sixteen scalar square roots (and
/// libm calls) here, which made Adam the slowest step of an iteration; instead, the classic
/// reciprocal-square-root estimate is refined by three Newton steps (relative error near
/// Float's rounding) and multiplied by v. v = 0 gives 0.
@inline(__always) @usableFromInline
func vectorSquareRoot(_ v: SIMD16<Float>) -> SIMD16<Float> {
  let bits = unsafeBitCast(v, to: SIMD16<UInt32>.self)
  var y = unsafeBitCast(0x5F37_59DF &- (bits &>> 1), to: SIMD16<Float>.self)
  let half = 0.5 * v
  for _ in 0..<3 { y = y * (1.5 - half * y * y) }
  return v * y
}
