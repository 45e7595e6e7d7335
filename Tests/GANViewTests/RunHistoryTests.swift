import GANCore
import Testing

@testable import GANView

/// The run's history: bounded by construction, whole in what it summarises, and the same
/// events a replay's timeline shows.
@Suite struct RunHistoryTests {
  static func frame(_ i: Int, bins: Int = 200, k: Int = 2) -> Snapshot {
    var snapshot = Fixture.snapshot(sequence: UInt64(i + 1), iteration: i * 10, t: i % 90)
    snapshot.hyperparameters.discriminatorSteps = k
    snapshot.grid = ViewGrid(lower: -1, upper: 7, bins: bins)
    let curve = (0..<bins).map { Float($0 % 7) / 7 }
    snapshot.modelHistogram = curve
    snapshot.discriminator = curve
    snapshot.dataDensity = curve
    return snapshot
  }

  @Test func theDefaultBoundOfADayAtTheViewsRateIsUnder64MB() {
    let history = RunHistory()
    // Any number of frames: a day at 30 frames a second is 2.6 million, the bound holds for
    // every count because the levels never hold more than their capacity.
    #expect(history.byteBound(bins: 200) <= 64 << 20)
  }

  @Test func memoryStaysUnderTheBoundHoweverLongTheRun() {
    // Small levels so the oldest level has merged in place many times over.
    var history = RunHistory(capacity: 16, levels: 4)
    let bound = history.byteBound(bins: 200)
    var largest = 0
    for i in 0..<20_000 {
      history.append(Self.frame(i))
      largest = max(largest, history.bytes)
    }
    #expect(largest <= bound)
    #expect(history.buckets.count <= 4 * 17)
    #expect(history.frameCount == 20_000)
    // Every frame is still counted once, and the run is covered from its first iteration.
    #expect(history.buckets.reduce(0) { $0 + $1.frames } == 20_000)
    #expect(history.iterations == 0...199_990)
  }

  @Test func theDefaultHistoryAfterAFullCycleIsUnderItsBound() {
    var history = RunHistory()
    let bound = history.byteBound(bins: 200)
    for i in 0..<(RunHistory.defaultCapacity * 300) { history.append(Self.frame(i)) }
    #expect(history.bytes <= bound)
  }

  @Test func mergedBucketsKeepMinimumMeanAndMaximum() {
    let a = HistoryBucket(Self.frame(0))
    let b = HistoryBucket(Self.frame(50))
    let merged = HistoryBucket.merged(a, b)
    let jsd = 0
    #expect(merged.frames == 2)
    #expect(merged.firstIteration == 0 && merged.lastIteration == 500)
    #expect(merged.minimum[jsd] == min(a.mean[jsd], b.mean[jsd]))
    #expect(merged.maximum[jsd] == max(a.mean[jsd], b.mean[jsd]))
    #expect(abs(merged.mean[jsd] - (a.mean[jsd] + b.mean[jsd]) / 2) < 1e-12)
  }

  @Test func aFrameSeenTwiceIsTakenOnce() {
    var history = RunHistory()
    history.append(Self.frame(3))
    history.append(Self.frame(3))
    #expect(history.frameCount == 1)
  }

  @Test func aChangedKnobIsAnEvent() {
    var history = RunHistory()
    history.append(Self.frame(0, k: 2))
    history.append(Self.frame(1, k: 3))
    #expect(
      history.events == [HistoryEvent(iteration: 10, kind: .discriminatorSteps, label: "k=3")])
  }

  /// A fix turned on or off is an event too, in the status line's words; instance noise
  /// annealing from frame to frame is not.
  @Test func aFixTurnedOnOrOffIsAnEvent() {
    var history = RunHistory()
    var frames = (0..<4).map { Self.frame($0) }
    frames[1].hyperparameters.stabilizers.penalty = .r1
    frames[1].hyperparameters.stabilizers.instanceNoise = 0.5
    frames[2].hyperparameters.stabilizers = frames[1].hyperparameters.stabilizers
    frames[3].hyperparameters.stabilizers.instanceNoise = 0.5
    for frame in frames { history.append(frame) }
    #expect(
      history.events == [
        HistoryEvent(iteration: 10, kind: .fix, label: "R1=10 noise=0.5"),
        HistoryEvent(iteration: 30, kind: .fix, label: "no R1"),
      ])
  }

  @Test func truncatingKeepsTheRunUpToABranch() {
    var history = RunHistory(capacity: 8, levels: 3)
    for i in 0..<100 { history.append(Self.frame(i)) }
    let cut = history.truncated(through: 300)
    // Every bucket that began by iteration 300 stays, whole; none after.
    #expect(cut.buckets.allSatisfy { $0.firstIteration <= 300 })
    #expect(cut.buckets.last.map { $0.lastIteration >= 300 } == true)
    #expect(cut.iterations?.lowerBound == 0)
  }

  @Test func theLensZoomsTowardTheNewest() {
    var lens = HistoryLens()
    #expect(lens.range(of: 0...1000, end: 1000) == 0...1000)
    lens.zoom = 2
    #expect(lens.range(of: 0...1000, end: 1000) == 750...1000)
    // Panning moves the window back by half its width, and never past the run's start.
    lens.pan = 1
    #expect(lens.range(of: 0...1000, end: 1000) == 625...875)
    lens.pan = 5
    #expect(lens.range(of: 0...1000, end: 1000) == 125...375)
    lens.pan = 50
    #expect(lens.range(of: 0...1000, end: 1000) == 0...250)
  }

  /// ( and ) move a zoomed window; zooming keeps its end where it was; M cycles a second
  /// metric through every other one and back to none.
  @Test func panningAndASecondMetric() {
    var state = ViewState()
    state.pane = .history
    _ = SharedKeys.apply(.adjustLens, key: "(", to: &state)
    #expect(state.lens.pan == 0)
    _ = SharedKeys.apply(.adjustLens, key: "z", to: &state)
    _ = SharedKeys.apply(.adjustLens, key: "(", to: &state)
    _ = SharedKeys.apply(.adjustLens, key: "(", to: &state)
    #expect(state.lens.pan == 2)
    let before = state.lens.range(of: 0...1024, end: 1024)
    _ = SharedKeys.apply(.adjustLens, key: "z", to: &state)
    let after = state.lens.range(of: 0...1024, end: 1024)
    #expect(state.lens.pan == 4 && after.upperBound == before.upperBound)
    _ = SharedKeys.apply(.adjustLens, key: ")", to: &state)
    #expect(state.lens.pan == 3)
    _ = SharedKeys.apply(.adjustLens, key: "Z", to: &state)
    _ = SharedKeys.apply(.adjustLens, key: "Z", to: &state)
    #expect(state.lens.zoom == 0 && state.lens.pan == 0)
    var seen: [Int?] = []
    for _ in 0..<Metric.table.count {
      _ = SharedKeys.apply(.adjustLens, key: "M", to: &state)
      seen.append(state.lens.overlay)
    }
    #expect(seen.last! == nil)
    #expect(Set(seen.compactMap { $0 }) == Set(1..<Metric.table.count))
  }

  /// With a second metric the history names both and draws the second on a right axis.
  @Test func aSecondMetricHasItsOwnRightAxis() {
    var state = ScreenTests.overTime(.history)
    state.lens.overlay = Metric.table.firstIndex { $0.key == "g_mean" }
    let grid = Screen.render(
      snapshot: Fixture.snapshot(sequence: 3000, iteration: 30_000), state: state,
      status: ScreenTests.running, width: 120, height: 40, symbols: .unicode)
    let text = grid.text
    #expect(text.contains("history: JSD and mean G(z) (right)"))
    #expect(text.contains("├4.0") || text.contains("├3.5"))
  }

  @Test func lensKeysActOnlyWhereTheyMeanSomething() {
    var state = ViewState()
    _ = SharedKeys.apply(.adjustLens, key: "z", to: &state)
    #expect(state.lens.zoom == 0)
    state.pane = .history
    _ = SharedKeys.apply(.adjustLens, key: "z", to: &state)
    _ = SharedKeys.apply(.adjustLens, key: "m", to: &state)
    _ = SharedKeys.apply(.adjustLens, key: "y", to: &state)
    #expect(state.lens.zoom == 1 && state.lens.metric == 1 && state.lens.isLogarithmic)
    _ = SharedKeys.apply(.adjustLens, key: "Z", to: &state)
    #expect(state.lens.zoom == 0)
  }

  @Test func vCyclesThePanesAndBack() {
    var state = ViewState()
    var seen: [MainPane] = []
    for _ in 0..<5 {
      _ = SharedKeys.apply(.cycleMainPane, to: &state)
      seen.append(state.pane)
    }
    #expect(seen == [.history, .spaceTime, .phase, .spectrum, .plot])
  }
}
