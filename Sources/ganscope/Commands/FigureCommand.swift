import ArgumentParser
import GANCore
import GANRuntime
import GANView

#if canImport(Glibc)
  import Glibc
#endif

/// `ganscope figure`: Figure 1 of the paper as a picture (SVG, or PNG/PDF through
/// rsvg-convert), drawn from a real run.
struct FigureCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "figure",
    abstract: "Draw Figure 1 of the paper from a real run, as an SVG, PNG or PDF picture.",
    discussion: """
      Trains the model headless and draws four moments of the run side by side, the way \
      the paper's Figure 1 does: p_data black dotted, p_g green solid, D(x) blue dashed, \
      and under each panel the z line with arrows up to x = G(z).

      Without --at the moments tell the paper's story: (a) the first iteration (checked \
      every \(FigureStory.checkEvery)) at which the JSD falls below \
      \(NumberFormat.general(FigureStory.nearThreshold)) nats: p_g is near p_data and D \
      is a partly accurate classifier; (b) from there D alone, k steps at a time, until \
      its mean distance to D* = p_data/(p_data + p_g) is below \
      \(NumberFormat.general(FigureStory.closeEnough)) or it has taken \
      \(FigureStory.mostInnerSteps) steps (D* is drawn in light blue; the caption says \
      how far D got); (c) one G step after that, p_g before it drawn as a faint ghost and \
      each sample's move as an orange arrow, magnified by the factor the caption states \
      (where that G step raises the JSD, (a)-(c) move \(FigureStory.checkEvery) \
      iterations later, up to \(FigureStory.mostTries) times); (d) the plain run (without (b)'s extra D steps) at iteration \
      \(FigureStory.convergedIteration) (or \(FigureStory.convergedAfter) iterations after \
      (a), if later). --panels 1 draws (d) alone, at iteration \
      \(FigureStory.convergedIteration).

      With --at I1,I2,I3,I4 the panels are the run's state after exactly those \
      iterations instead (one value with --panels 1).
      """)

  @OptionGroup var model: ModelOptions

  @Option(
    help: ArgumentHelp(
      "figure (the paper's Figure 1), or a picture of the whole run: history (one metric over the iterations), spacetime (p_g and D over x and time), phase (G's mean and sd; for --model dirac, (theta, psi) over the game's vector field), spectrum (the eigenvalues of the game's Jacobian and the step's multipliers in the complex plane, at --at ITERATION or --iterations).",
      valueName: "kind"))
  var kind: FigureKind = .figure

  @Option(
    help:
      "With --kind history: the metric drawn (a column name of train, e.g. jsd, c_g, w1, grad_d).")
  var metric: String = "jsd"

  @Option(
    parsing: .unconditional,
    help: "With --kind history|spacetime|phase and no --from: iterations of the fresh run.")
  var iterations: Int = 5000

  @Option(
    parsing: .unconditional,
    help: "With --kind history|spacetime|phase and no --from: iterations between frames.")
  var every: Int = 10

  @Option(
    help: ArgumentHelp(
      "Draw the moments from this recording instead of a fresh run (the model flags are then ignored).",
      valueName: "recording"))
  var from: String?

  @Option(
    help: ArgumentHelp(
      "The picture to write: .svg, or .png / .pdf (converted by rsvg-convert).",
      valueName: "file.svg"))
  var out: String

  // Numbers may be negative on the command line (and are then rejected with a clear
  // message), so these options take their value unconditionally.
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Draw the run after these iterations instead of the story's moments: ascending, comma-separated, one per panel.",
      valueName: "i1,i2,..."))
  var at: String?

  @Option(
    parsing: .unconditional,
    help: "Panels side by side: 4 (the paper's (a)-(d)) or 1 (the last moment).")
  var panels: Int = 4

  @Option(
    parsing: .unconditional,
    help: "Width of the picture in pixels (default 1200 for 4 panels, 440 for 1).")
  var width: Int?

  @Option(
    parsing: .unconditional,
    help:
      "Height of the picture in pixels (default: 360 at the default width, in proportion to --width otherwise). Text and lines scale with the picture."
  )
  var height: Int?

  static let largestSide = 16_384

  /// The most pixels a PNG or PDF may have: rsvg-convert holds 4 bytes a pixel, so this is
  /// about 256 MB of memory (16,384 × 16,384 would be 1 GB). An SVG has no such cost.
  static let mostPixels = 64_000_000

  /// Refuses a converted picture larger than `mostPixels`.
  func checkPixels(width: Int, height: Int) throws {
    guard case .converted(let format) = try PictureFormat(path: out),
      width * height > Self.mostPixels
    else { return }
    throw ValidationError(
      "--width \(width) × --height \(height) is \(width * height / 1_000_000) million pixels; a "
        + "\(format.uppercased()) may have at most \(Self.mostPixels / 1_000_000) million (about 256 "
        + "MB to draw); make it smaller or write .svg")
  }

  var minimumWidth: Int { 150 * panels + 80 }
  var figureWidth: Int { width ?? FigureRenderer.designSize(panelCount: panels).width }
  var figureHeight: Int {
    if let height { return height }
    let design = FigureRenderer.designSize(panelCount: panels)
    return min(max(design.height * figureWidth / design.width, 200), Self.largestSide)
  }

  func validate() throws {
    if kind != .figure {
      try validateRunFigure()
      return
    }
    guard panels == 1 || panels == 4 else {
      throw ValidationError("--panels must be 1 or 4, got \(panels)")
    }
    if let width, !(minimumWidth...Self.largestSide).contains(width) {
      throw ValidationError(
        "--width must be between \(minimumWidth) and \(Self.largestSide) for \(panels) panels, got \(width)"
      )
    }
    if let height, !(200...Self.largestSide).contains(height) {
      throw ValidationError("--height must be between 200 and \(Self.largestSide), got \(height)")
    }
    if let at { _ = try Self.iterations(at, count: panels) }
    try checkPixels(width: figureWidth, height: figureHeight)
    // Before any training: a picture format we cannot write is refused now.
    if case .converted = try PictureFormat(path: out), PictureFormat.converter == nil {
      throw ValidationError(
        "--out \(SpecText.quoted(out)) needs rsvg-convert to turn the SVG into "
          + "\(PictureFormat.fileExtension(out).uppercased()) (Debian: apt-get install "
          + "librsvg2-bin); or write .svg")
    }
  }

  /// The largest iteration `--at` takes: a fresh run trains up to it (about 100 s at the
  /// canonical workload), so an unbounded one would run for ever.
  static let latestIteration = 1_000_000

  /// The iterations of `--at`: exactly `count` whole numbers ≥ 0, strictly ascending.
  static func iterations(_ text: String, count: Int) throws -> [Int] {
    let items = text.split(separator: ",", omittingEmptySubsequences: false).map { item in
      String(item.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
    var result: [Int] = []
    for item in items {
      guard let value = Int(item), (0...latestIteration).contains(value) else {
        throw ValidationError(
          "--at takes iterations from 0 to \(latestIteration) separated by commas, got "
            + "'\(RecordingError.quoted(item, limit: 40))'")
      }
      if let last = result.last, value <= last {
        throw ValidationError("--at iterations must be ascending, got \(last) then \(value)")
      }
      result.append(value)
    }
    guard result.count == count else {
      throw ValidationError(
        "--at needs exactly \(count) iteration\(count == 1 ? "" : "s") for --panels \(count), got \(result.count)"
      )
    }
    return result
  }

  func run() throws {
    let signals = HeadlessSignals()
    defer { signals.stop() }
    // Where the picture goes is checked before any training.
    try OutputFile.check(out, inputs: inputs)
    if kind == .spectrum { return try drawSpectrum() }
    if let runKind = kind.runKind {
      try drawRun(runKind)
      return
    }
    let figurePanels: [FigurePanel]
    if let from {
      figurePanels = try RecordedPanels.panels(
        from: from, at: try at.map { try Self.iterations($0, count: panels) }, count: panels)
    } else {
      figurePanels = try freshPanels()
    }
    let svg = FigureRenderer.render(
      panels: figurePanels, width: figureWidth, height: figureHeight)
    try PictureFormat(path: out).write(svg, to: out, inputs: inputs)
    let moments = figurePanels.map { "\($0.label) \($0.snapshot.iteration)" }
    Output.line("wrote \(out): iterations " + moments.joined(separator: ", "))
    if let diverged = figurePanels.compactMap(\.snapshot.divergedAtIteration).first {
      throw RunFailure.runtime(
        "diverged at iteration \(diverged) (NaN or infinity); the figure shows the run up to there; try a smaller step size"
      )
    }
  }

  /// The panels of a fresh seeded run (at `--at`, or the paper's story).
  private func freshPanels() throws -> [FigurePanel] {
    let config = try model.config()
    let figurePanels: [FigurePanel]
    if let at {
      figurePanels = FigureStory.panels(at: try Self.iterations(at, count: panels), config: config)
    } else if panels == 1 {
      // The story's last moment alone, labelled (d) as in the four-panel figure.
      let end = FigureStory.convergedIteration
      figurePanels = FigureStory.panels(at: [end], config: config, firstLabel: 3)
    } else {
      let story = FigureStory.story(config: config)
      let gap = NumberFormat.general(story.supremumGap, significant: 2)
      if !story.hasOptimum {
        Output.line(
          "panel (b): \(story.innerSteps) D steps (D is a critic or judges packs: no D* to "
            + "approach)")
      } else if story.innerCapped {
        Output.error(
          "note: panel (b) stopped at the cap of \(FigureStory.mostInnerSteps) D steps before D "
            + "came within \(NumberFormat.general(FigureStory.closeEnough)) of D* (mean gap "
            + "\(NumberFormat.general(story.meanGap, significant: 2)), sup gap \(gap))")
      } else {
        Output.line(
          "panel (b): \(story.innerSteps) D steps; sup |D - D*| = \(gap) where p_data or p_g "
            + "has mass (mean \(NumberFormat.general(story.meanGap, significant: 2)))")
      }
      if story.gStepLowersJSD {
        Output.line(
          "panel (c): its G step lowers the JSD (found after \(story.tries) of at most "
            + "\(FigureStory.mostTries) moments tried)")
      } else {
        Output.error(
          "note: panel (c)'s G step raised the JSD at each of the \(story.tries) moments tried")
      }
      figurePanels = story.panels
    }
    return figurePanels
  }
}

extension FigureCommand {
  /// What the figure is drawn from, which `--out` may not replace: the recording of
  /// `--from`, or a fresh run's `file:` data.
  var inputs: [String] { from.map { [$0] } ?? model.inputFiles }
}

/// A recording's frames as figure panels (`RecordedStory` picks them).
enum RecordedPanels {
  /// Refuses `--at` iterations the recording cannot show as asked — past its last frame, or
  /// two that fall on one frame — and says where a panel is drawn later than asked (the
  /// first frame at or after the iteration).
  static func checkMoments(
    _ iterations: [Int], drawnAt indices: [Int], of reader: RecordingReader, path: String
  ) throws {
    guard reader.frameCount > 0 else { throw RunFailure.badInput("\(path) holds no frame") }
    let lastIteration = reader.frame(at: reader.frameCount - 1).iteration
    if let beyond = iterations.first(where: { $0 > lastIteration }) {
      throw RunFailure.badInput(
        "--at \(beyond): the recording ends at iteration \(lastIteration)")
    }
    for position in indices.indices.dropFirst() where indices[position] == indices[position - 1] {
      let drawn = reader.frame(at: indices[position]).iteration
      throw RunFailure.badInput(
        "--at \(iterations[position - 1]) and \(iterations[position]) would both show the frame "
          + "at iteration \(drawn), the first recorded at or after each; choose iterations "
          + "further apart")
    }
    for (asked, index) in zip(iterations, indices) {
      let drawn = reader.frame(at: index).iteration
      if drawn != asked {
        Output.error(
          "note: --at \(asked) is drawn at iteration \(drawn), the first recorded frame at or "
            + "after it")
      }
    }
  }

  static func panels(from path: String, at iterations: [Int]?, count: Int) throws
    -> [FigurePanel]
  {
    let reader = try RecordingReader.opening(commandLineFile: path)
    let indices = RecordedStory.frameIndices(
      frameCount: reader.frameCount, frame: reader.frame(at:), at: iterations, count: count)
    if let iterations { try checkMoments(iterations, drawnAt: indices, of: reader, path: path) }
    // A lone panel is the story's last moment, (d), unless iterations were asked for.
    let firstLabel = count == 1 && iterations == nil ? 3 : 0
    return indices.enumerated().map { index, frame in
      FigurePanel(
        snapshot: reader.frame(at: frame), label: FigureStory.label(firstLabel + index),
        note: "frame \(frame + 1) of \(reader.frameCount)",
        showsOptimalDiscriminator: iterations == nil && count == 4 && index == 1)
    }
  }
}
