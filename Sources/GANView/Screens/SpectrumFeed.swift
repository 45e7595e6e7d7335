import GANCore

/// What the spectrum view (`MainPane.spectrum`) is given each frame besides the snapshot:
/// the newest spectrum the runtime computed in the background, how old it is, and whether a
/// newer one is being computed — or why this view has none at all (a replay).
public struct SpectrumFeed: Sendable, Equatable {
  /// The newest reading (nil before the first).
  public var reading: SpectrumReading?
  /// Seconds since the state it is of was taken from the trainer (nil: not known).
  public var age: Double?
  /// Whether a reading is being computed now.
  public var computing: Bool
  /// Why this view shows no spectrum (one line), or nil.
  public var unavailable: String?
  /// The readings `reading` replaced, oldest first (at most `trailLength`): drawn dim, so
  /// the way the eigenvalues move shows.
  public var trail: [SpectrumReading] = []
  public static let trailLength = 3

  public init(
    reading: SpectrumReading? = nil, age: Double? = nil, computing: Bool = false,
    unavailable: String? = nil
  ) {
    self.reading = reading
    self.age = age
    self.computing = computing
    self.unavailable = unavailable
  }

  /// What a view without a live runtime shows (a replay, a comparison): the spectrum is
  /// computed from the trainer's parameters, which a frame does not carry.
  public static func notLive(file: String? = nil, iteration: Int? = nil) -> SpectrumFeed {
    let at = iteration.map { " --at \($0)" } ?? " --at N"
    return SpectrumFeed(
      unavailable: "the spectrum is computed live; for this frame run: ganscope spectrum "
        + (file ?? "REC") + at)
  }
}
