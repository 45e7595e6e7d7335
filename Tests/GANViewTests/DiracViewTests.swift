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
    // A full ASCII label too long for the metrics pane gives way to the short one, whole.
    #expect(ascii.text.contains("| psi ") && ascii.text.contains("| dist eq "))
    #expect(!ascii.text.contains("psi*x "))
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

  /// The last frame with several fixes on (simultaneous steps since frame 40, R1 and
  /// instance noise), as `live --model dirac --updates simultaneous --penalty r1
  /// --instance-noise 0.5 --noise-anneal 0` runs.
  static func withFixes() throws -> Snapshot {
    var snapshot = try #require(frames.last)
    snapshot.hyperparameters.stabilizers.penalty = .r1
    snapshot.hyperparameters.stabilizers.instanceNoise = 0.5
    snapshot.hyperparameters.stabilizers.instanceNoiseAnneal = 0
    return snapshot
  }

  /// Its status line is two rows at 80 columns, paused and recording too: the settings row
  /// says one `lr=` for the paper's one step size and leaves out the model's own data point,
  /// so every fix is on it.
  @Test func theStatusLineWithSeveralFixesIsTwoRowsAt80Columns() throws {
    let snapshot = try Self.withFixes()
    let status = LiveStatus(
      paused: true, pace: .iterationsPerSecond(1000), iterationsPerSecond: 0,
      recordingPath: "/home/me/ganscope-20261207-081500.gans", canRecord: true)
    let rows = StatusBar.rows(
      StatusBar.tokens(snapshot: snapshot, status: status, singleStep: nil, symbols: .unicode),
      width: 80)
    #expect(rows.count == 2)
    #expect(
      rows.last?.map(\.text) == [
        "k=1", "lr=0.1", "loss=minimax", "opt=sgd", "R1=10", "updates=simultaneous",
        "noise=0.5",
      ])
    let grid = Screen.render(
      snapshot: snapshot, state: Self.state, status: status, width: 80, height: 24,
      symbols: .unicode)
    let problem = try Golden.mismatch(grid, named: "dirac-fixes-80x24")
    #expect(problem == nil, "\(problem ?? "")")
    #expect(!grid.text.contains("…"))
    // Another target, or step sizes that differ, are still said.
    var other = snapshot
    other.targetName = "gaussian"
    other.hyperparameters.generatorStepSize = 0.05
    let words = StatusBar.tokens(
      snapshot: other, status: status, singleStep: nil, symbols: .unicode
    ).map(\.text)
    #expect(words.contains("target=gaussian"))
    #expect(words.contains("lrD=0.1") && words.contains("lrG=0.05"))
    // A perceptron's line is as it was: both step sizes and the target.
    let plain = StatusBar.tokens(
      snapshot: Fixture.snapshot(), status: status, singleStep: nil, symbols: .unicode
    ).map(\.text)
    #expect(plain.contains { $0.hasPrefix("lrD=") } && plain.contains { $0.hasPrefix("target=") })
  }

  /// Dirac-GAN runs compared (`live --model dirac --compare penalty=none,r1`): the columns
  /// show what means something for a point mass, as its metrics pane does — the distance
  /// from the equilibrium and ψ — not the JSD or G's spread (always 0).
  @Test func comparedRunsShowOnlyTheMetricsThatApply() throws {
    var state = CompareState(runCount: 2)
    for frame in Self.frames { state.advanceFrame(with: [frame, frame]) }
    let runs = [
      CompareScreen.Run(label: "penalty=none", snapshot: Self.frames.last),
      CompareScreen.Run(label: "penalty=r1", snapshot: try Self.withFixes()),
    ]
    let grid = CompareScreen.render(
      runs: runs, state: state, width: 80, height: 24, symbols: .unicode)
    let problem = try Golden.mismatch(grid, named: "compare-dirac-80x24")
    #expect(problem == nil, "\(problem ?? "")")
    let labels = grid.text.split(separator: "\n").map { $0.prefix(11) }.joined(separator: "|")
    #expect(labels.contains("dist eq") && labels.contains("ψ") && labels.contains("mean G"))
    #expect(!labels.contains("JSD") && !labels.contains("sd G"))
    for model in NetModel.allCases {
      let shown = ComparisonColumns.metrics(for: model)
      #expect(shown.count == 6, "\(model)")
      #expect(shown.allSatisfy { $0.applies.holds(model: model) }, "\(model)")
    }
    #expect(ComparisonColumns.metrics(for: .perceptron).map(\.key).first == "jsd")
    #expect(ComparisonColumns.metrics(for: .dirac).map(\.key).first == "dirac_distance")
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
