import GANCore
import Testing

@testable import GANView

@Suite struct ViewStateTests {
  @Test func historyGrowsOnlyWithNewSequenceNumbers() {
    var state = ViewState()
    let first = Fixture.snapshot(sequence: 1, t: 1)
    state.advanceFrame(with: first)
    state.advanceFrame(with: first)
    state.advanceFrame(with: nil)
    #expect(state.history.samples.count == 1)
    state.advanceFrame(with: Fixture.snapshot(sequence: 2, t: 2))
    #expect(state.history.samples == [Fixture.metrics(at: 1), Fixture.metrics(at: 2)])
    #expect(state.lastSequence == 2)
  }

  @Test func historyIsBounded() {
    var state = ViewState(historyCapacity: 10)
    for t in 1...25 { state.advanceFrame(with: Fixture.snapshot(sequence: UInt64(t), t: t)) }
    #expect(state.history.samples.count == 10)
    #expect(state.history.samples.last == Fixture.metrics(at: 25))
    #expect(state.history.samples.first == Fixture.metrics(at: 16))
  }

  @Test func densityAxisStartsAtItsTargetThenEases() {
    var state = ViewState()
    var tall = Fixture.snapshot(sequence: 1)
    let peak = ViewState.densityPeak(of: tall)
    state.advanceFrame(with: tall)
    #expect(state.densityMax == peak * ViewState.headroom)

    // The peak halves: the axis comes down a quarter of the way each frame, smoothly.
    tall.modelHistogram = tall.modelHistogram.map { $0 / 4 }
    tall.dataDensity = tall.dataDensity.map { $0 / 2 }
    tall.dataHistogram = tall.dataDensity
    let lower = ViewState.densityPeak(of: tall)
    var previous = state.densityMax!
    for _ in 0..<40 {
      state.advanceFrame(with: tall)
      let now = state.densityMax!
      #expect(now < previous && now >= lower)
      #expect(previous - now <= (previous - lower * ViewState.headroom) * 0.25 + 1e-12)
      previous = now
    }
    #expect(abs(previous - lower * ViewState.headroom) < 1e-3)
  }

  @Test func densityAxisFittingAllNeverCutsAPeak() {
    var state = ViewState()
    state.densityScale = .all
    var s = Fixture.snapshot(sequence: 1)
    state.advanceFrame(with: s)
    // G collapses onto one bin: its density towers over everything at once.
    s.modelHistogram[40] = 25
    state.advanceFrame(with: s)
    #expect(state.densityMax! >= 25)
  }

  /// By default the axis fits p_data: a collapsed G's spike does not squash the data flat;
  /// the axis stays at twice p_data's peak (and the plot marks the clipped peak).
  @Test func densityAxisFitsTheDataByDefault() {
    var state = ViewState()
    var s = Fixture.snapshot(sequence: 1)
    s.modelHistogram[40] = 25
    for frame in 1...60 {
      s.sequence = UInt64(frame)
      state.advanceFrame(with: s)
    }
    let dataPeak = ViewState.dataPeak(of: s)!
    #expect(state.densityScale == .data)
    #expect(abs(state.densityMax! - 2 * dataPeak) < 1e-9)
    // f: fit every curve, then decades, then the data again.
    _ = SharedKeys.apply(.cycleDensityScale, to: &state)
    #expect(state.densityScale == .all && state.notice == DensityScale.all.notice)
    for _ in 0..<60 { state.advanceFrame(with: s) }
    #expect(state.densityMax! >= 25)
    _ = SharedKeys.apply(.cycleDensityScale, to: &state)
    #expect(state.densityScale == .log)
    _ = SharedKeys.apply(.cycleDensityScale, to: &state)
    #expect(state.densityScale == .data)
  }

  @Test func noticesExpireAfterTheirFrames() {
    var state = ViewState()
    state.post("hello")
    for _ in 0..<(ViewState.noticeFrames - 1) { state.advanceFrame(with: nil) }
    #expect(state.notice == "hello")
    state.advanceFrame(with: nil)
    #expect(state.notice == nil)
  }
}

@Suite struct NumberFormatTests {
  @Test func generalIsLikePercentG() {
    let cases: [(Double, String)] = [
      (0.001, "0.001"), (0.002, "0.002"), (Double(Float(0.002)), "0.002"), (0.0005, "0.0005"),
      (0.00025, "0.00025"), (1.25e-5, "1.25e-05"), (1e-6, "1e-06"), (1, "1"), (0.5, "0.5"),
      (123.456, "123"), (2_400_000, "2.4e+06"), (-1.3863, "-1.39"), (9.996, "10"),
      (0, "0"), (.infinity, "inf"), (-.infinity, "-inf"), (.nan, "nan"),
    ]
    for (value, text) in cases { #expect(NumberFormat.general(value) == text, "\(value)") }
    #expect(NumberFormat.general(-1.386294, significant: 4) == "-1.386")
    #expect(NumberFormat.general(0.0123456, significant: 4) == "0.01235")
  }

  @Test func fixedAndInteger() {
    #expect(NumberFormat.fixed(0.5, decimals: 2) == "0.50")
    #expect(NumberFormat.fixed(-0.004, decimals: 2) == "0.00")
    #expect(NumberFormat.fixed(-2, decimals: 0) == "-2")
    #expect(NumberFormat.fixed(1.25, decimals: 1) == "1.3")
    #expect(NumberFormat.integer(2399.6) == "2400")
  }

  @Test func tickStepsAreRound() {
    #expect(NumberFormat.tickStep(span: 8, count: 10) == (1, 0))
    #expect(NumberFormat.tickStep(span: 8, count: 5) == (2, 0))
    #expect(NumberFormat.tickStep(span: 0.9, count: 4) == (0.5, 1))
    #expect(NumberFormat.tickStep(span: 0.9, count: 10) == (0.1, 1))
    #expect(NumberFormat.tickStep(span: 0.03, count: 3) == (0.01, 2))
  }
}

/// The status line names the paper's panel only for a snapshot one single update after the
/// one before it.
@Suite struct SingleStepCaptionTests {
  func snapshot(_ sequence: UInt64, d: Int, g: Int, last: StepKind) -> Snapshot {
    var s = Fixture.snapshot(sequence: sequence, lastStep: last)
    s.discriminatorSteps = d
    s.generatorSteps = g
    return s
  }

  @Test func onlyASingleStepGetsItsPanel() {
    var state = ViewState()
    state.advanceFrame(with: snapshot(1, d: 50, g: 10, last: .generator))
    #expect(state.singleStep == nil)  // A whole iteration's frame: no caption.
    state.advanceFrame(with: snapshot(2, d: 51, g: 10, last: .discriminator))
    #expect(state.singleStep == .discriminator)
    state.advanceFrame(with: snapshot(3, d: 51, g: 11, last: .generator))
    #expect(state.singleStep == .generator)
    state.advanceFrame(with: snapshot(4, d: 56, g: 12, last: .generator))
    #expect(state.singleStep == nil)  // k D steps and a G step.
    state.advanceFrame(with: snapshot(4, d: 56, g: 12, last: .generator))
    #expect(state.singleStep == nil)
  }

  @Test func theStatusLineShowsTheCaptionOnlyThen() {
    let status = LiveStatus(paused: true)
    let s = snapshot(9, d: 51, g: 11, last: .generator)
    let words = { (step: StepKind?) in
      StatusBar.tokens(snapshot: s, status: status, singleStep: step, symbols: .unicode)
        .map(\.text)
    }
    #expect(words(.generator).contains("panel (c): G follows ∇D"))
    #expect(!words(nil).contains { $0.hasPrefix("panel") })
  }
}
