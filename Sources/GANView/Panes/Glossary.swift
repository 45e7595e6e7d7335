/// The help's pages after the keys (`?` again): every word and every mark the screens,
/// captions and tour pages use, in a line each, so a viewer who meets "W1", "nats" or a ✚
/// has it explained one key away. One column of at most 20 rows at 80 × 24.
public enum HelpPage: Sendable, Equatable, CaseIterable {
  case keys
  /// What the mouse does in this view, each gesture with its keys.
  case mouse
  case words
  case marks

  /// The page `?` shows next, or nil when `?` closes the help.
  var next: HelpPage? {
    switch self {
    case .keys: .mouse
    case .mouse: .words
    case .words: .marks
    case .marks: nil
    }
  }
}

enum Glossary {
  /// The words on screen: the paper's symbols and the metrics' names.
  static let words: [(term: String, meaning: String)] = [
    ("p_data, p_g", "the data's density (dotted); G's, where G(z) lands (green)"),
    ("D(x)", "D's probability that x is data (blue); 1/2: it cannot tell"),
    ("D*(x)", "the best D for this G: p_data / (p_data + p_g) (Prop. 1)"),
    ("V(G,D)", "value of the game, E log D(x) + E log(1 - D(G(z)))"),
    ("C(G)", "V with the best D: -log 4 + 2 JSD; -1.386 iff p_g = p_data"),
    ("JSD", "Jensen-Shannon divergence: 0 when equal, log 2 = 0.693 apart"),
    ("KL(p_d||p_g)", "what maximum likelihood minimizes; huge where G misses data"),
    ("nats", "units of natural logarithms (1 nat = 1.44 bits)"),
    ("W1", "Wasserstein-1: mass moved x distance to turn p_g into p_data"),
    ("critic", "a D that outputs a score on its own axis, not a probability"),
    ("Lipschitz", "slope bounded: a 1-Lipschitz D has |D'(x)| <= 1 everywhere"),
    ("interpolates", "random points between a data sample and a sample of G"),
    ("singular value", "how much a weight matrix stretches; the largest caps slopes"),
    ("R1, R2", "penalty (gamma/2) E D'(x)^2 on data (R1), on samples (R2)"),
    ("unrolled", "G steps against D as it will be after u more D steps"),
    ("k", "D steps per G step (the paper's Algorithm 1)"),
    ("modes kept", "data modes where p_g holds a quarter of the mode's weight"),
    ("near a mode", "share of G's samples within 3 sd of some mode of p_data"),
    ("dist eq", "Dirac-GAN: distance of (theta, psi) from equilibrium (c, 0)"),
  ]

  /// The marks: symbols, strips and shades. The spectrum view's are named by its own
  /// `SpectrumPane.Marks`, so the page says what that view draws.
  static func marks(_ symbols: SymbolSet) -> [(term: String, meaning: String)] {
    let spectrum = SpectrumPane.Marks(symbols)
    return [
      ("z, G, x strip", "under the plot: z drawn evenly (bottom), a line to each G(z)"),
      (
        String([symbols.leftArrow, " ", symbols.rightArrow]),
        "on the x line (a): D's slope, the way a G step moves samples"
      ),
      (String(symbols.notFinite), "before a sparkline: a value that is not a number (NaN)"),
      (symbols.pick("▲", "^"), "space-time: a mode of p_data on the x axis"),
      (String(symbols.targetMark), "phase plane: the target's (mean, sd)"),
      (String(symbols.currentMark), "phase plane: where the run is now"),
      (
        symbols.pick("θ, ψ", "theta, psi"),
        "the Dirac-GAN: G(z) = theta, D(x) = psi x; equilibrium (0, 0)"
      ),
      (
        "\(spectrum.lambda), \(spectrum.mu)",
        "spectrum: eigenvalues of the Jacobian J; a step's multipliers"
      ),
      (
        "\(spectrum.discriminator) \(spectrum.generator)",
        "spectrum: an eigenvalue, its mode mostly D's or mostly G's"
      ),
      (spectrum.earlier, "spectrum: an eigenvalue of one of the last three spectra"),
      (
        "\(spectrum.axis) \(spectrum.realAxis)",
        "spectrum: the axes; right of J's imaginary axis a mode grows"
      ),
      (spectrum.circle, "spectrum: the unit circle |mu| = 1; outside it a mode grows"),
      (symbols.pick("░▒▓█", ".:-=+*#@"), "space-time shades: low to high density"),
      ("band, line", "history: faint band from lowest to highest; line = the mean"),
      (symbols.pick("┊", ":"), "history: a change (k, step size, loss, a fix), labelled above"),
      ("-log 4", "C(G)'s floor, -1.386, drawn in its history"),
      ("|grad D|", "size of D's (G's) last gradient: near 0, it stops learning"),
    ]
  }

  /// The help box of `page` (nil for the keys, which each view lists itself).
  static func content(_ page: HelpPage, symbols: SymbolSet) -> HelpOverlay.Content? {
    switch page {
    case .keys, .mouse: nil
    case .words:
      HelpOverlay.Content(
        title: "the words on screen", entries: words,
        closing: "? the marks; Esc closes")
    case .marks:
      HelpOverlay.Content(
        title: "the marks on screen", entries: marks(symbols),
        closing: "? or Esc closes this help")
    }
  }
}
