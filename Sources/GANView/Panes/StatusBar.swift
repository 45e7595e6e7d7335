import GANCore

/// The status line at the top and the footer at the bottom. The status tokens are
/// `name=value` words that scripts can grep (`iter=`, `k=`, `lrD=` …), plus the state words
/// PAUSED, DIVERGED and REC. The line is laid out as two rows by design, so that it reads
/// the same at 80 and at 120 columns and a word never jumps to another row when PAUSED or
/// REC appears: the moment (where training is, how fast, the axis, the state words) on the
/// first row, the settings it runs with (k, the step sizes, the loss, the target, the
/// fixes) on the second. Only a row longer than the terminal continues on the next one.
public enum StatusBar {
  /// A word of the status line, its role, and the row group it belongs to.
  struct Token: Equatable {
    var text: String
    var style: Style
    var group = Group.moment
    /// A shorter form for a row without room for `text` ("REC" for "REC run.gans").
    var compact: String?
  }

  /// The status line's two rows.
  enum Group: Equatable {
    case moment
    case settings
  }

  static let targetWidth = 24

  static func tokens(
    snapshot: Snapshot?, status: LiveStatus, singleStep: StepKind?,
    densityScale: DensityScale = .data, symbols: SymbolSet
  ) -> [Token] {
    var words: [Token] = []
    func add(_ text: String, _ style: Style = .status) {
      words.append(Token(text: text, style: style))
    }
    if let snapshot { add("iter=\(snapshot.iteration)") }
    add("it/s=" + NumberFormat.integer(status.iterationsPerSecond ?? 0))
    add("pace=\(status.pace.label)")
    add(densityScale.statusWord)
    if status.paused { add("PAUSED", .warning) }
    if snapshot?.divergedAtIteration != nil { add("DIVERGED", .warning) }
    if let path = status.recordingPath { words.append(recording(path)) }
    if snapshot == nil { add("waiting for the first snapshot") }
    if status.paused, let step = singleStep, let phase = phase(of: step, symbols) {
      words.append(Token(text: phase, style: .heading, compact: panel(of: step)))
    }
    if let snapshot { words += knobs(of: snapshot, symbols) }
    return words
  }

  /// REC and the file's name as one word, so the two never land on different rows; the
  /// name without its directories, for the line has little room, and REC alone on a row
  /// too short for the name (the footer named the file when the recording started).
  static func recording(_ path: String, group: Group = .moment) -> Token {
    Token(
      text: "REC " + String(path.split(separator: "/").last ?? Substring(path)),
      style: .warning, group: group, compact: "REC")
  }

  /// The replay's words: where it is (`frame=` counts from 1, as people do), the recorded
  /// run's knobs, and the replay speed instead of the training pace.
  static func replayTokens(snapshot: Snapshot?, replay: ReplayState, symbols: SymbolSet)
    -> [Token]
  {
    var words = [
      Token(text: "frame=\(replay.frameNumber)/\(replay.lastFrameNumber)", style: .status)
    ]
    func add(_ text: String, _ style: Style = .status) {
      words.append(Token(text: text, style: style))
    }
    if let snapshot { add("iter=\(snapshot.iteration)") }
    add("speed=\(replay.speedLabel)")
    add(replay.view.densityScale.statusWord)
    if !replay.playing { add("PAUSED", .warning) }
    if snapshot?.divergedAtIteration != nil { add("DIVERGED", .warning) }
    if !replay.playing, let step = replay.view.singleStep, let phase = phase(of: step, symbols) {
      words.append(Token(text: phase, style: .heading, compact: panel(of: step)))
    }
    if let snapshot { words += knobs(of: snapshot, symbols) }
    return words
  }

  /// The hyperparameters and target a snapshot was made with. The Dirac-GAN's row says
  /// less, so that its fixes (`R1=10  updates=simultaneous`) stay on the second row at 80
  /// columns: one `lr=` while both players step by the same η (the paper's one step size),
  /// and no `target=` while the data is the model's own point mass δ₀ (its phase plane
  /// marks it as the equilibrium ✚; another target is still named).
  private static func knobs(of snapshot: Snapshot, _ symbols: SymbolSet) -> [Token] {
    let h = snapshot.hyperparameters
    let dirac = snapshot.metrics.model == .dirac
    var words = ["k=\(h.discriminatorSteps)"]
    if dirac && h.discriminatorStepSize == h.generatorStepSize {
      words.append("lr=" + NumberFormat.general(Double(h.discriminatorStepSize)))
    } else {
      words.append("lrD=" + NumberFormat.general(Double(h.discriminatorStepSize)))
      words.append("lrG=" + NumberFormat.general(Double(h.generatorStepSize)))
    }
    words.append("loss=\(h.loss.rawValue)")
    words.append("opt=\(h.optimizer.kind.rawValue)")
    if !(dirac && snapshot.targetName == diracTarget) {
      words.append(
        "target=" + symbols.truncated(ascii(snapshot.targetName, symbols), to: targetWidth))
    }
    return words.map { Token(text: $0, style: .status, group: .settings) }
      + fixes(h.stabilizers, at: snapshot.iteration)
  }

  /// The Dirac-GAN's own data, p_data = δ₀, as a snapshot names it.
  static let diracTarget = RunSettings.defaults(for: .dirac).targetSpec

  /// The fixes that are on, one word each (none when training is Algorithm 1 as published).
  private static func fixes(_ f: Stabilizers, at iteration: Int) -> [Token] {
    fixWords(f, at: iteration).map { Token(text: $0, style: .heading, group: .settings) }
  }

  /// The words of `fixes`: "R1=10", "unroll=5", "updates=simultaneous", "noise=0.5", "SN".
  public static func fixWords(_ f: Stabilizers, at iteration: Int) -> [String] {
    var words: [String] = []
    if f.penalty != .none {
      words.append(
        "\(f.penalty.rawValue.uppercased())=" + NumberFormat.general(Double(f.penaltyWeight)))
    }
    if f.unrolledSteps > 0 { words.append("unroll=\(f.unrolledSteps)") }
    if f.updateScheme != .alternating { words.append("updates=\(f.updateScheme.rawValue)") }
    let sigma = f.instanceNoise(at: iteration)
    if sigma > 0 { words.append("noise=" + NumberFormat.general(Double(sigma))) }
    if f.spectralNorm { words.append("SN") }
    if f.pack > 1 { words.append("pack=\(f.pack)") }
    // WGAN-GP's and WGAN-LP's λ when --gp set it off its papers' value (the table's default).
    if f.interpolateWeight != Stabilizers().interpolateWeight {
      words.append("GP=" + NumberFormat.general(Double(f.interpolateWeight)))
    }
    if f.consensus > 0 { words.append("consensus=" + NumberFormat.general(Double(f.consensus))) }
    return words
  }

  /// The panel's name alone, for a row without room for what it shows ("panel (b)").
  static func panel(of step: StepKind) -> String? {
    switch step {
    case .discriminator: "panel (b)"
    case .generator: "panel (c)"
    case .none: nil
    }
  }

  /// The panel of the paper's Figure 1 that the last single step reproduces.
  static func phase(of step: StepKind, _ symbols: SymbolSet) -> String? {
    switch step {
    case .discriminator: symbols.pick("panel (b): D → D*", "panel (b): D -> D*")
    case .generator: symbols.pick("panel (c): G follows ∇D", "panel (c): G follows grad D")
    case .none: nil
    }
  }

  /// A target spec comes from the user and may hold any character; in ASCII mode only
  /// printable ASCII can be shown.
  private static func ascii(_ text: String, _ symbols: SymbolSet) -> String {
    guard !symbols.usesBraille else { return text }
    return String(text.map { $0.isASCII && !$0.isNewline ? $0 : "?" })
  }

  /// A row per group (the moment, then the settings), each wrapped greedily into rows of
  /// at most `width` columns should it be longer; two blanks between tokens.
  static func rows(_ tokens: [Token], width: Int) -> [[Token]] {
    var rows: [[Token]] = []
    var row: [Token] = []
    var used = 1  // a leading blank
    for (index, original) in tokens.enumerated() {
      var token = original
      let gap = row.isEmpty ? 0 : 2
      if used + gap + token.text.count > width, let compact = token.compact,
        used + gap + compact.count <= width
      {
        token.text = compact
      }
      let newGroup = index > 0 && tokens[index - 1].group != token.group
      if !row.isEmpty && (newGroup || used + gap + token.text.count > width) {
        rows.append(row)
        row = []
        used = 1
      }
      row.append(token)
      used += (row.count == 1 ? 0 : 2) + token.text.count
    }
    if !row.isEmpty { rows.append(row) }
    return rows
  }

  /// Draws the wrapped rows from row `top`, each filled across in the status role.
  static func draw(_ rows: [[Token]], into grid: inout CellGrid, top: Int) {
    for (offset, row) in rows.enumerated() {
      let y = top + offset
      grid.fill(x: 0, y: y, width: grid.width, height: 1, style: .status)
      var x = 1
      for token in row {
        let used = grid.put(token.text, x: x, y: y, style: token.style, limit: grid.width - x)
        // A click on a word says what it means (`StatusWords`).
        if let explanation = StatusWords.explanation(of: token.text) {
          grid.mark(.explanation(explanation), x: x, y: y, width: used, height: 1)
        }
        x += used + 2
      }
    }
  }

  /// The bottom row: the current notice if there is one, else the key hints.
  static func drawFooter(
    into grid: inout CellGrid, row y: Int, state: ViewState, hint: String, symbols: SymbolSet
  ) {
    let width = grid.width - 2
    if let notice = state.notice {
      grid.put(symbols.truncated(notice, to: width), x: 1, y: y, style: .heading)
    } else {
      grid.put(symbols.truncated(hint, to: width), x: 1, y: y, style: .dim)
    }
  }
}
