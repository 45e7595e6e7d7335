import Foundation

@testable import GANCore
@testable import GANView

/// Hand-built snapshots, so the view is tested without a trainer: a G that is close to the
/// canonical target N(4, 0.5²) but too far left and too wide, and a D that has learnt that
/// data lies to the right.
enum Fixture {
  static let domain = ViewGrid(lower: -1, upper: 7, bins: 80)

  static func normal(_ x: Double, mean: Double, sd: Double) -> Double {
    exp(-0.5 * (x - mean) * (x - mean) / (sd * sd)) / (sd * (2 * Double.pi).squareRoot())
  }

  static func discriminator(_ x: Double) -> Double { 1 / (1 + exp(-3 * (x - 3.7))) }

  /// Metrics that improve with `t` the way a converging run does.
  static func metrics(at t: Int) -> TrainingMetrics {
    let decay = exp(-Double(t) / 20)
    let jsd: Double = 0.02 + 0.4 * decay
    let klDataModel: Double = 0.05 + 1.5 * decay
    let klModelData: Double = 0.04 + 1.1 * decay
    let wasserstein: Double = 0.1 + 2 * decay
    let value: Double = -1.386 + 2 * jsd
    let meanDReal: Double = 0.5 + 0.3 * decay
    let meanDFake: Double = 0.5 - 0.3 * decay
    let discriminatorLoss: Double = 1.386 - 0.5 * decay + 0.05 * sin(Double(t))
    let generatorLoss: Double = 0.69 + 0.8 * decay
    let nearModeShare: Double = 0.97 - 0.3 * decay
    // Each argument a plain value, so that a new metric's missing argument is named as such
    // (with the arithmetic inline the type checker gave up instead).
    return TrainingMetrics(
      jensenShannon: jsd, klDataModel: klDataModel, klModelData: klModelData,
      wasserstein: wasserstein, value: value, meanDReal: meanDReal, meanDFake: meanDFake,
      discriminatorLoss: discriminatorLoss, generatorLoss: generatorLoss,
      discriminatorGradientNorm: 0.3, generatorGradientNorm: 0.2, generatorMean: 3.3,
      generatorStandardDeviation: 0.7, modesKept: 1, nearModeShare: nearModeShare,
      discriminatorSlope: .nan)
  }

  static func snapshot(
    sequence: UInt64 = 60, iteration: Int = 12_345, lastStep: StepKind = .generator,
    diverged: Int? = nil, t: Int = 60
  ) -> Snapshot {
    let centers = domain.centers
    let data = centers.map { Float(normal($0, mean: 4, sd: 0.5)) }
    let model = centers.map { Float(normal($0, mean: 3.3, sd: 0.7)) }
    let d = centers.map { Float(discriminator($0)) }
    let optimal = zip(data, model).map { $0 + $1 > 1e-12 ? $0 / ($0 + $1) : 0.5 }
    let z = Prior.uniform.midpointQuantiles(33)
    let x = z.map { Float(3.3 + 0.7 * inverseNormalCDF((Double($0) + 1) / 2)) }
    let slope = x.map { value -> Float in
      let dx = discriminator(Double(value))
      return Float(3 * dx * (1 - dx))
    }
    return Snapshot(
      sequence: sequence, iteration: iteration, discriminatorSteps: iteration,
      generatorSteps: iteration, lastStep: lastStep,
      hyperparameters: Hyperparameters(discriminatorSteps: 2), targetName: "gaussian",
      prior: .uniform, seed: 1, divergedAtIteration: diverged, grid: domain,
      dataHistogram: data, modelHistogram: model, dataDensity: data, discriminator: d,
      optimalDiscriminator: optimal, mappingZ: z, mappingX: x, mappingSlope: slope,
      metrics: metrics(at: t))
  }

  /// A view state that has seen `frames` snapshots, one per frame, as a live run would.
  static func state(frames: Int = 60, configure: (inout ViewState) -> Void = { _ in })
    -> ViewState
  {
    var state = ViewState()
    configure(&state)
    for t in 1...frames {
      state.advanceFrame(with: snapshot(sequence: UInt64(t), t: t))
    }
    return state
  }
}

/// Compares a rendered grid with `Golden/<name>.txt` (the characters) and
/// `Golden/<name>.styles.txt` (the style runs). With GANSCOPE_RECORD_GOLDEN=1 it writes them
/// instead, so an intended change is one command and a reviewable diff.
enum Golden {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Golden")

  static var recording: Bool {
    ProcessInfo.processInfo.environment["GANSCOPE_RECORD_GOLDEN"] == "1"
  }

  /// Nil when the grid matches, else a description of the first difference.
  static func mismatch(_ grid: CellGrid, named name: String) throws -> String? {
    let files = [("\(name).txt", grid.text + "\n"), ("\(name).styles.txt", grid.styleRuns + "\n")]
    for (file, actual) in files {
      let url = directory.appendingPathComponent(file)
      if recording {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        continue
      }
      guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        return "missing golden file \(file); run with GANSCOPE_RECORD_GOLDEN=1"
      }
      if expected == actual { continue }
      let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
      let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
      let line = Array(zip(a, b)).firstIndex { $0 != $1 } ?? min(a.count, b.count)
      let want = line < a.count ? String(a[line]) : "<end>"
      let got = line < b.count ? String(b[line]) : "<end>"
      return "\(file) differs at line \(line + 1):\n  expected: \(want)\n  actual:   \(got)"
    }
    return nil
  }
}
