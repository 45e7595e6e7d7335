import ArgumentParser
import GANCore
import GANRuntime
import GANView

/// What `ganscope figure` draws: the paper's Figure 1 (the default), or one of the pictures
/// of the whole run the views over time show.
enum FigureKind: String, ExpressibleByArgument, CaseIterable {
  case figure
  case history
  case spacetime
  case phase
  /// The game's spectrum at one state (SpectrumPicture): --at ITERATION, or the last
  /// iteration of the run.
  case spectrum

  var runKind: RunFigure.Kind? { RunFigure.Kind(rawValue: rawValue) }
}

extension FigureCommand {
  /// The default size of a picture of the run.
  static let runFigureSize = (width: 900, height: 520)

  func validateRunFigure() throws {
    if let width, !(300...Self.largestSide).contains(width) {
      throw ValidationError("--width must be between 300 and \(Self.largestSide), got \(width)")
    }
    if let height, !(200...Self.largestSide).contains(height) {
      throw ValidationError("--height must be between 200 and \(Self.largestSide), got \(height)")
    }
    guard Metric.named(metric) != nil else {
      let names = Metric.table.map(\.key).joined(separator: ", ")
      throw ValidationError("--metric must be one of \(names), got '\(metric)'")
    }
    guard (1...Self.latestIteration).contains(iterations) else {
      throw ValidationError(
        "--iterations must be from 1 to \(Self.latestIteration), got \(iterations)")
    }
    guard (1...10_000).contains(every) else {
      throw ValidationError("--every must be from 1 to 10000, got \(every)")
    }
    try checkPixels(
      width: width ?? Self.runFigureSize.width, height: height ?? Self.runFigureSize.height)
    if case .converted = try PictureFormat(path: out), PictureFormat.converter == nil {
      throw ValidationError(
        "--out \(SpecText.quoted(out)) needs rsvg-convert to turn the SVG into "
          + "\(PictureFormat.fileExtension(out).uppercased()) (Debian: apt-get install "
          + "librsvg2-bin); or write .svg")
    }
  }

  /// Draws the game's spectrum at one state: the model flags' run trained to --at (or to
  /// --iterations), or a recording's frame at --at (docs/theory.md, "The game's Jacobian").
  func drawSpectrum() throws {
    let iteration: Int
    if let at {
      guard let value = Int(at), (0...Self.latestIteration).contains(value) else {
        throw RunFailure.badInput(
          "--at takes one iteration from 0 to \(Self.latestIteration) with --kind spectrum, got "
            + "'\(RecordingError.quoted(at, limit: 40))'")
      }
      iteration = value
    } else {
      iteration = from == nil ? iterations : 0
    }
    let trainer: Trainer
    if let from {
      do {
        trainer = try RecordingReader.opening(commandLineFile: from).trainer(
          atIteration: iteration)
      } catch let failure as RunFailure {
        throw failure
      } catch {
        throw RunFailure.badInput("\(error)")
      }
    } else {
      trainer = Trainer(config: try model.config())
      while trainer.iteration < iteration && trainer.runIteration() {}
    }
    let spectrum: GameSpectrum
    do {
      spectrum = try GameSpectrum(
        GameJacobian(of: trainer), method: .arnoldi(steps: GameSpectrum.defaultArnoldiSteps))
    } catch {
      throw RunFailure.runtime(error.description)
    }
    let svg = SpectrumPicture.render(
      spectrum, width: width ?? Self.runFigureSize.width,
      height: height ?? Self.runFigureSize.height)
    try PictureFormat(path: out).write(svg, to: out, inputs: inputs)
    Output.line(
      "wrote \(out): spectrum at iteration \(spectrum.iteration) (\(spectrum.jacobian.count) "
        + "eigenvalues, step radius \(NumberFormat.fixed(spectrum.stepRadius, decimals: 4)))")
  }

  /// Draws the run's history, space-time image or phase plane.
  func drawRun(_ runKind: RunFigure.Kind) throws {
    let (history, last) =
      try from.map { try RunFigureSource.history(recording: $0) }
      ?? RunFigureSource.history(config: try model.config(), iterations: iterations, every: every)
    let svg = RunFigure.render(
      kind: runKind, history: history, snapshot: last, metric: Metric.named(metric)!,
      width: width ?? Self.runFigureSize.width, height: height ?? Self.runFigureSize.height)
    try PictureFormat(path: out).write(svg, to: out, inputs: inputs)
    Output.line(
      "wrote \(out): \(runKind.rawValue) of \(history.frameCount) frames to iteration \(last.iteration)"
    )
    if let diverged = last.divergedAtIteration {
      throw RunFailure.runtime(
        "diverged at iteration \(diverged) (NaN or infinity); the picture shows the run up to there"
      )
    }
  }
}
