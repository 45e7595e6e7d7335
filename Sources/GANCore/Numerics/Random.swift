/// The seeded 64-bit generator behind every random draw of a run: xoshiro256**
/// (Blackman & Vigna), whose state is seeded from one 64-bit seed through SplitMix64.
public struct Xoshiro256: RandomNumberGenerator, Sendable {
  /// The four state words; public so that checkpoints can save and restore them exactly.
  public var state: (UInt64, UInt64, UInt64, UInt64)

  public init(seed: UInt64) {
    var mixer = SplitMix64(state: seed)
    state = (mixer.next(), mixer.next(), mixer.next(), mixer.next())
    // An all-zero state would be a fixed point; SplitMix64 never yields four zeros in a row,
    // but guard anyway so that no seed can produce a dead generator.
    if state == (0, 0, 0, 0) { state.0 = 0x9E37_79B9_7F4A_7C15 }
  }

  public init(state: (UInt64, UInt64, UInt64, UInt64)) { self.state = state }

  @inlinable
  public mutating func next() -> UInt64 {
    let result = rotateLeft(state.1 &* 5, 7) &* 9
    let t = state.1 << 17
    state.2 ^= state.0
    state.3 ^= state.1
    state.1 ^= state.2
    state.0 ^= state.3
    state.2 ^= t
    state.3 = rotateLeft(state.3, 45)
    return result
  }

  /// A uniform Float in [0, 1) from the top 24 bits: every value is exactly representable.
  @inlinable
  public mutating func nextUnitFloat() -> Float {
    Float(next() >> 40) * 0x1p-24
  }

  /// A uniform Double in [0, 1) from the top 53 bits.
  @inlinable
  public mutating func nextUnitDouble() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// A uniform Double in (0, 1]: safe to take the logarithm of.
  @inlinable
  public mutating func nextOpenUnitDouble() -> Double {
    (Double(next() >> 11) + 1) * 0x1p-53
  }

  /// One standard normal draw by the Box–Muller transform (the sine branch is discarded so
  /// that the stream position never depends on whether a spare value is cached).
  @inlinable
  public mutating func nextStandardNormal() -> Double {
    let u1 = nextOpenUnitDouble()
    let u2 = nextUnitDouble()
    return (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
  }

  /// Fills `buffer` with standard normal values by the Box–Muller transform, 32 at a time
  /// in SIMD (libm's log, sin and cos per pair cost more than a whole D forward pass).
  /// Each 64-bit draw gives one pair: the top 32 bits make u₁ ∈ (0, 1] (tails to 6.8σ), the
  /// next 24 bits u₂ ∈ [0, 1). A tail shorter than 32 values uses the scalar transform.
  public mutating func fillStandardNormal(_ buffer: UnsafeMutableBufferPointer<Float>) {
    let n = buffer.count
    var i = 0
    while i + 32 <= n {
      var words = SIMD16<UInt64>()
      withUnsafeMutableBytes(of: &words) { lanes in
        for lane in 0..<16 { lanes.storeBytes(of: next(), toByteOffset: 8 * lane, as: UInt64.self) }
      }
      let high = SIMD16<UInt32>(truncatingIfNeeded: words &>> 32)
      let low = SIMD16<UInt32>(truncatingIfNeeded: words &>> 8) & 0xFF_FFFF
      let u1 = (SIMD16<Float>(high) + 0.5) * 0x1p-32
      let u2 = SIMD16<Float>(low) * 0x1p-24
      let radius = vectorSquareRoot(-2 * vectorLog(u1))
      let (sine, cosine) = vectorSinCosTwoPi(u2)
      let base = buffer.baseAddress! + i
      UnsafeMutableRawPointer(base).storeBytes(of: radius * cosine, as: SIMD16<Float>.self)
      UnsafeMutableRawPointer(base + 16).storeBytes(of: radius * sine, as: SIMD16<Float>.self)
      i += 32
    }
    while i + 1 < n {
      let u1 = nextOpenUnitDouble()
      let u2 = nextUnitDouble()
      let r = (-2 * _log(u1)).squareRoot()
      let angle = 2 * Double.pi * u2
      buffer[i] = Float(r * _cos(angle))
      buffer[i + 1] = Float(r * _sin(angle))
      i += 2
    }
    if i < n { buffer[i] = Float(nextStandardNormal()) }
  }
}

@inlinable
func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

/// SplitMix64: expands one seed into well-mixed words (used only for seeding).
public struct SplitMix64: Sendable {
  public var state: UInt64
  public init(state: UInt64) { self.state = state }
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Derives an independent seed from a session seed and a purpose, so that auxiliary streams
/// (metric samples, evaluation) never disturb the training stream.
public func derivedSeed(_ seed: UInt64, _ purpose: UInt64, _ counter: UInt64 = 0) -> UInt64 {
  var mixer = SplitMix64(state: seed ^ (purpose &* 0xD6E8_FEB8_6659_FD93))
  _ = mixer.next()
  mixer.state ^= counter &* 0xA076_1D64_78BD_642F
  return mixer.next()
}
