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

  public init(
    snapshot: Snapshot, label: String, note: String = "", showsOptimalDiscriminator: Bool = false
  ) {
    self.snapshot = snapshot
    self.label = label
    self.note = note
    self.showsOptimalDiscriminator = showsOptimalDiscriminator
  }
}
