/// How the plot's density axis is scaled (the `f` key cycles them). The default fits
/// p_data, so the distribution being learnt is always in view, however tall p_g grows: a
/// spike of a collapsed G is clipped and its height written at the top instead.
public enum DensityScale: String, Sendable, CaseIterable, Equatable {
  /// 0 up to about twice p_data's peak (less when p_g is lower); a taller p_g is clipped.
  case data
  /// 0 up to the highest curve, whatever it is.
  case all
  /// Three decades below the highest curve up to it: tails and spikes together.
  case log

  /// The next scale of the cycle.
  public var next: DensityScale {
    let all = Self.allCases
    return all[(all.firstIndex(of: self)! + 1) % all.count]
  }

  /// The status line's word (`density=data`).
  public var statusWord: String { "density=\(rawValue)" }

  /// The footer's notice when the key selects it.
  public var notice: String {
    switch self {
    case .data: "density axis fits p_data (a taller p_g is clipped, its peak marked)"
    case .all: "density axis fits every curve"
    case .log: "density axis in decades (log), three below the highest curve"
    }
  }

  /// How far above p_data's peak the data-fitted axis may reach.
  static let dataRoom = 2.0

  /// The top the axis eases toward, for p_data's peak `data` and the highest of all the
  /// curves `all` (`ViewState.headroom` above a peak, so no top touches the frame).
  func top(dataPeak data: Double, allPeak all: Double, headroom: Double) -> Double {
    switch self {
    case .data: min(max(all, data) * headroom, data * Self.dataRoom)
    case .all, .log: all * headroom
    }
  }

  /// The lowest the axis may be while it eases: the data stays whole on a data-fitted axis,
  /// every curve on the others.
  func floor(dataPeak data: Double, allPeak all: Double) -> Double {
    switch self {
    case .data: data
    case .all, .log: all
    }
  }
}
