/// The noise density p_z that G pushes forward.
public enum Prior: String, Sendable, CaseIterable, Codable {
  /// Uniform on (−1, 1), as z is drawn in the paper's Figure 1.
  case uniform
  /// Standard normal.
  case normal

  /// Fills `buffer` with draws from the prior.
  @inlinable
  public func fill(_ buffer: UnsafeMutablePointer<Float>, count: Int, using rng: inout Xoshiro256) {
    switch self {
    case .uniform:
      for i in 0..<count { buffer[i] = 2 * rng.nextUnitFloat() - 1 }
    case .normal:
      rng.fillStandardNormal(UnsafeMutableBufferPointer(start: buffer, count: count))
    }
  }

  /// The p-quantile of the prior: evenly spaced quantiles push forward through G into an
  /// evenly weighted, noise-free picture of p_g (used for metrics and the z → x map).
  public func quantile(_ q: Double) -> Double {
    switch self {
    case .uniform: 2 * q - 1
    case .normal: inverseNormalCDF(q)
    }
  }

  /// `count` quantiles at the midpoints (i + ½)/count.
  public func midpointQuantiles(_ count: Int) -> [Float] {
    (0..<count).map { Float(quantile((Double($0) + 0.5) / Double(count))) }
  }
}
