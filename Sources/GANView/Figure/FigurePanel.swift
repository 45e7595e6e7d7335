import GANCore

/// One panel of the SVG figure: a moment of training and how to caption it. The figure
/// draws whatever snapshots it is given, so a fresh run and a recording feed it alike.
public struct FigurePanel: Sendable, Equatable {
  public var snapshot: Snapshot
  /// The panel's letter as printed under it, e.g. "(a)".
  public var label: String
  /// A short description of the moment, printed under the label (may be empty).
  public var note: String
  /// Draws D*(x) = p_data / (p_data + p_g) faintly under D(x): the curve D converges to in
  /// the inner loop (the paper's panel (b)).
  public var showsOptimalDiscriminator: Bool
  /// The moment just before this one (panel (c): before the G step). Its p_g is drawn as a
  /// faint ghost, and each sample's move from it as an arrow over the x line, `moveScale`
  /// times as long as the move: one G step moves samples by about 0.01, which no eye sees.
  public var before: Snapshot?
  public var moveScale: Double

  public init(
    snapshot: Snapshot, label: String, note: String = "", showsOptimalDiscriminator: Bool = false,
    before: Snapshot? = nil, moveScale: Double = 1
  ) {
    self.snapshot = snapshot
    self.label = label
    self.note = note
    self.showsOptimalDiscriminator = showsOptimalDiscriminator
    self.before = before
    self.moveScale = moveScale
  }

  /// The magnification that draws the largest move of a sample from `before` to `after`
  /// about `share` of the x range long: a round 1, 2 or 5 times a power of ten.
  public static func moveScale(from before: Snapshot, to after: Snapshot, share: Double = 0.08)
    -> Double
  {
    let count = min(before.mappingX.count, after.mappingX.count)
    let largest =
      (0..<count).map { abs(Double(after.mappingX[$0]) - Double(before.mappingX[$0])) }
      .filter(\.isFinite).max() ?? 0
    let span = after.grid.upper - after.grid.lower
    guard largest > 0, span > 0 else { return 1 }
    let wanted = share * span / largest
    var scale = 1.0
    for candidate in stride(from: 0, through: 6, by: 1).flatMap({ e -> [Double] in
      let p = (0..<e).reduce(1.0) { value, _ in value * 10 }
      return [p, 2 * p, 5 * p]
    }) where candidate <= wanted {
      scale = candidate
    }
    return scale
  }
}
