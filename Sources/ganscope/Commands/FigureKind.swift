import ArgumentParser
import GANCore
import GANView

/// What `ganscope figure` draws: the paper's Figure 1 (the default), or one of the pictures
/// of the whole run the views over time show.
enum FigureKind: String, ExpressibleByArgument, CaseIterable {
  case figure
  case history
  case spacetime
  case phase

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
