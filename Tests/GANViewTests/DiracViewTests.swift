import GANCore
import Testing

@testable import GANView

/// The Dirac-GAN on screen and in pictures: a real run (the trainer and the evaluator of
/// GANCore, alternating plain gradient steps that circle the equilibrium) opens on its
/// phase plane, which draws (θ, ψ) over the arrows of the game's vector field.
@Suite struct DiracViewTests {
  /// Snapshots every 10 iterations of the paper's setting, switched to simultaneous steps
  /// at 400 (so the path leaves its circle).
  static let frames: [Snapshot] = {
    let config = TrainingConfig(
      target: try! Target.parse("point(0)"), architecture: DiracGame.architecture,
      hyperparameters: Hyperparameters(
        discriminatorSteps: 1, batchSize: 4, discriminatorStepSize: 0.1,
        generatorStepSize: 0.1, loss: .minimax, optimizer: OptimizerSettings(kind: .sgd)),
      seed: 1)
    let trainer = Trainer(config: config)
    let evaluator = Evaluator(architecture: config.architecture, prior: config.prior)
    var frames: [Snapshot] = []
    for i in 0...60 {
      if i == 40 {
        var h = trainer.hyperparameters
        h.stabilizers.updateScheme = .simultaneous
        trainer.setHyperparameters(h)
      }
      var snapshot = evaluator.snapshot(of: trainer)
      snapshot.sequence = UInt64(i + 1)
      frames.append(snapshot)
      for _ in 0..<10 { trainer.runIteration() }
    }
    return frames
  }()

  static let state: ViewState = {
    var state = ViewState()
    for frame in frames { state.advanceFrame(with: frame) }
    return state
  }()

  func render(_ width: Int, _ height: Int, symbols: SymbolSet = .unicode) -> CellGrid {
    Screen.render(
      snapshot: Self.frames.last, state: Self.state, status: ScreenTests.running, width: width,
      height: height, symbols: symbols)
  }

  @Test func aDiracRunOpensOnItsPhasePlane() {
    #expect(Self.state.pane == .phase)
    var perceptron = ViewState()
    perceptron.advanceFrame(with: Fixture.snapshot())
    #expect(perceptron.pane == .plot)
  }

  @Test func thePhasePlaneAtBothSizes() throws {
    let wide = render(120, 40)
    #expect(wide.text.contains("θ = G(z) across") && wide.text.contains("✚ equilibrium"))
    #expect(["↗", "↘", "↙", "↖"].allSatisfy { wide.text.contains($0) })
    let problem = try Golden.mismatch(wide, named: "dirac-phase-120x40")
    #expect(problem == nil, "\(problem ?? "")")
    let ascii = render(80, 24, symbols: .ascii)
    #expect(ascii.cells.allSatisfy { $0.character.isASCII })
    #expect(ascii.text.contains("theta = G(z)"))
    let asciiProblem = try Golden.mismatch(ascii, named: "dirac-phase-80x24-ascii")
    #expect(asciiProblem == nil, "\(asciiProblem ?? "")")
  }

  /// The arrows point along the field: at (θ, 0) right of the equilibrium ψ̇ = −θ·σ(0) < 0
  /// (down), above it at (0, ψ) θ̇ = ψ·σ(0) > 0 (right).
  @Test func theArrowsFollowTheField() {
    let h = Self.frames[0].hyperparameters
    let right = DiracGame.vectorField(theta: 1, psi: 0, dataPoint: 0, hyperparameters: h)
    let above = DiracGame.vectorField(theta: 0, psi: 1, dataPoint: 0, hyperparameters: h)
    #expect(right.psi < 0 && abs(right.theta) < 1e-12)
    #expect(above.theta > 0 && abs(above.psi) < 1e-12)
  }

  @Test func thePictureHasTheFieldAndTheEquilibrium() throws {
    var history = RunHistory()
    for frame in Self.frames { history.append(frame) }
    let svg = RunFigure.render(
      kind: .phase, history: history, snapshot: Self.frames.last!, metric: Metric.table[0],
      width: 900, height: 520)
    #expect(XMLTreeBuilder.parse(svg) != nil)
    #expect(svg.contains("class=\"vector-field\"") && svg.contains(">equilibrium<"))
    #expect(svg.contains("Dirac-GAN") && svg.contains("ψ (D = ψ·x)"))
  }
}
