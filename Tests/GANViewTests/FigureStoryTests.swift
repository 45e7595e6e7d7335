import GANCore
import Testing

@testable import GANView

/// The figure's story: the moments it picks and the claims its captions make.
@Suite struct FigureStoryTests {
  @Test func distanceIsWeightedMeanAndSupremum() {
    let a: [Float] = [0.5, 0.9, 0.2, .nan]
    let b: [Float] = [0.5, 0.5, 0.5, 0.5]
    let gap = Closeness.distance(a, b, weights: [1, 1, 2, 5])
    #expect(abs(gap.mean - (0.4 + 2 * 0.3) / 4) < 1e-6)
    #expect(abs(gap.supremum - 0.4) < 1e-6)
    // Bins without weight do not count.
    #expect(Closeness.distance(a, b, weights: [1, 0, 0, 0]).supremum == 0)
    #expect(Closeness.distance(a, b, weights: [0, 0, 0, 0]).mean == .infinity)
  }

  /// Panel (d) is the plain run at its iteration (not the run with (b)'s extra D steps), and
  /// (b)'s caption says D is within the stated tolerance of D* only when it got there.
  @Test func storyPanelsTellTheTruth() throws {
    let config = TrainingConfig(target: try Target.parse("gaussian"), seed: 1)
    let story = FigureStory.story(config: config)
    #expect(story.panels.map(\.label) == ["(a)", "(b)", "(c)", "(d)"])
    let d = story.panels[3].snapshot
    let plain = FigureStory.panels(at: [d.iteration], config: config)[0].snapshot
    #expect(d.iteration >= FigureStory.convergedIteration)
    #expect(d.metrics == plain.metrics)
    #expect(d.discriminatorSteps == d.iteration * config.hyperparameters.discriminatorSteps)

    let b = story.panels[1]
    let gap = Closeness.optimalityGap(b.snapshot)
    #expect(abs(gap.mean - story.meanGap) < 1e-12)
    #expect(gap.supremum >= gap.mean)
    // (b) states how far D is from D*: within the tolerance only when it got there.
    let reached = "|D−D*| ≤ \(FigureStory.closeEnough)"
    let distance = "|D−D*| " + NumberFormat.general(gap.mean, significant: 2)
    #expect(b.note.contains(reached) || b.note.contains(distance))
    if b.note.contains(reached) {
      #expect(gap.mean <= FigureStory.closeEnough)
      #expect(!story.innerCapped)
    } else {
      #expect(story.innerCapped == (story.innerSteps > 0))
    }
    // (c) is exactly one G step after (b).
    let c = story.panels[2].snapshot
    #expect(c.generatorSteps == b.snapshot.generatorSteps + 1)
    #expect(c.discriminatorSteps == b.snapshot.discriminatorSteps)
  }

  /// A critic has no D* and is not ½ at the optimum: (b) takes a fixed number of D steps and
  /// says no more, (d) is judged by p_g alone, and no panel draws D*.
  @Test func aCriticsStoryMakesNoClaimAboutDStar() throws {
    var config = TrainingConfig(target: try Target.parse("gaussian"), seed: 1)
    config.hyperparameters.loss = .relativistic
    let story = FigureStory.story(config: config)
    #expect(!story.hasOptimum && !story.innerCapped)
    #expect(story.innerSteps == FigureStory.innerStepsWithoutOptimum)
    #expect(story.panels[1].note == "+\(FigureStory.innerStepsWithoutOptimum) D steps")
    let d = story.panels[3]
    #expect(d.note == (d.snapshot.metrics.jensenShannon < 0.05 ? "p_g ≈ p_data" : "not converged"))
    #expect(story.panels.allSatisfy { !$0.note.contains("D*") && !$0.note.contains("½") })
    let svg = FigureRenderer.render(panels: story.panels, width: 1200, height: 360)
    #expect(!svg.contains("d-star") && svg.contains("D(x), critic"))
  }

  /// A critic's M in a figure's margin: at most four characters.
  @Test func aCriticsBoundFitsTheMargin() {
    let texts = [0.001, 0.005, 0.01, 0.5, 1, 20, 100, 500, 1000, 5e4, 2e9].map(
      DiscriminatorScale.compact)
    #expect(
      texts == ["1e-3", "5e-3", "0.01", "0.5", "1", "20", "100", "500", "1e3", "5e4", "2e9"])
  }

  @Test func recordedStoryPicksTheMoments() {
    // Frames: JSD falls below the threshold at frame 3; a D step at 5, a G step at 7.
    let frames: [Snapshot] = (0..<10).map { i in
      var s = Fixture.snapshot(sequence: UInt64(i + 1), iteration: i * 10)
      s.metrics.jensenShannon = i < 3 ? 0.6 : FigureStory.nearThreshold / 2
      s.lastStep = i == 5 ? .discriminator : (i == 7 ? .generator : .none)
      return s
    }
    let story = RecordedStory.frameIndices(
      frameCount: frames.count, frame: { frames[$0] }, at: nil, count: 4)
    #expect(story == [3, 5, 7, 9])
    let at = RecordedStory.frameIndices(
      frameCount: frames.count, frame: { frames[$0] }, at: [0, 15, 90, 1000], count: 4)
    #expect(at == [0, 2, 9, 9])
    #expect(
      RecordedStory.frameIndices(frameCount: 10, frame: { frames[$0] }, at: nil, count: 1) == [9])
  }
}

/// The figure's geometry: one x range for all panels, text that scales with the picture, a
/// clipped peak that says so.
@Suite struct FigureGeometryTests {
  @Test func largerPicturesScaleTheDrawing() {
    #expect(FigureRenderer.scale(width: 1200, height: 360, panelCount: 4) == 1)
    #expect(FigureRenderer.scale(width: 2400, height: 720, panelCount: 4) == 2)
    // Text fits the smaller of the two ratios.
    #expect(FigureRenderer.scale(width: 2400, height: 360, panelCount: 4) == 1)
    #expect(FigureRenderer.scale(width: 440, height: 360, panelCount: 1) == 1)
    let svg = FigureRenderer.render(
      panels: [FigurePanel(snapshot: Fixture.snapshot(), label: "(d)")], width: 880, height: 720)
    #expect(svg.contains("width=\"880\" height=\"720\" viewBox=\"0 0 440 360\""))
  }

  @Test func panelsShareOneXRange() {
    var a = Fixture.snapshot()
    var b = Fixture.snapshot()
    a.grid = ViewGrid(lower: -1, upper: 5, bins: a.grid.bins)
    b.grid = ViewGrid(lower: 2, upper: 9, bins: b.grid.bins)
    let panels = [FigurePanel(snapshot: a, label: "(a)"), FigurePanel(snapshot: b, label: "(b)")]
    #expect(FigureRenderer.sharedDomain(panels) == -1...9)
  }

  @Test func aClippedPeakIsMarked() {
    var spike = Fixture.snapshot()
    spike.modelHistogram = spike.modelHistogram.indices.map { $0 == 50 ? 40 : 0.1 }
    let svg = FigureRenderer.render(
      panels: [FigurePanel(snapshot: spike, label: "(a)")], width: 440, height: 360)
    #expect(svg.contains("class=\"clipped-peak\""))
    #expect(svg.contains("p_g peak 40"))
    let plain = FigureRenderer.render(
      panels: [FigurePanel(snapshot: Fixture.snapshot(), label: "(a)")], width: 440, height: 360)
    #expect(!plain.contains("clipped-peak"))
  }
}
