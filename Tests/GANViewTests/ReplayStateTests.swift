import Testing

@testable import GANView

/// Playback without a clock: elapsed seconds in, frames out.
@Suite struct ReplayStateTests {
  @Test func oneXIsTheRecordedPaceCappedAt30FramesPerSecond() {
    // A live recording: 300 frames in 20 s is 15 frames/s.
    #expect(ReplayState.framesPerSecond(durationSeconds: 20, frameCount: 300) == 15)
    // A headless one at full speed would be thousands per second.
    #expect(ReplayState.framesPerSecond(durationSeconds: 0.1, frameCount: 300) == 30)
    for unknown in [0, -1, .nan, .infinity] {
      #expect(ReplayState.framesPerSecond(durationSeconds: unknown, frameCount: 300) == 30)
    }
    #expect(ReplayState.framesPerSecond(durationSeconds: 5, frameCount: 1) == 30)
  }

  @Test func playbackAdvancesBySpeedTimesRate() {
    var state = ReplayState(frameCount: 1000, framesPerSecond: 10)
    state.advance(seconds: 1)
    #expect(state.frame == 10)
    state.changeSpeed(by: 1)
    state.advance(seconds: 1)
    #expect(state.frame == 30)
    // Slow speeds still move: the fraction accumulates across frames.
    for _ in 0..<3 { state.changeSpeed(by: -1) }
    #expect(state.speedLabel == "0.25x")
    for _ in 0..<10 { state.advance(seconds: 0.1) }
    #expect(state.frame == 32)
    #expect(state.jumps == 0)
  }

  @Test func pausedDoesNotMove() {
    var state = ReplayState(frameCount: 100, playing: false)
    state.advance(seconds: 10)
    #expect(state.frame == 0)
  }

  @Test func reachingTheEndPausesOnTheLastFrame() {
    var state = ReplayState(frameCount: 50, framesPerSecond: 30)
    state.advance(seconds: 100)
    #expect(state.frame == 49 && !state.playing && state.atEnd)
    #expect(state.view.notice?.hasPrefix("end of the recording") == true)
  }

  @Test func playbackAnnouncesTheLastMarkerItPassed() {
    let markers = [
      TimelineMarker(frame: 5, kind: .stepSize, label: "lrD = 0.002"),
      TimelineMarker(frame: 8, kind: .target, label: "target = bimodal"),
      TimelineMarker(frame: 40, kind: .reset, label: "both nets re-initialized"),
    ]
    var state = ReplayState(frameCount: 100, framesPerSecond: 10, markers: markers)
    state.advance(seconds: 0.4)
    #expect(state.view.notice == nil)
    state.advance(seconds: 0.6)
    #expect(state.frame == 10 && state.view.notice == "target = bimodal")
  }

  @Test func aSingleFrameRecordingNeverPlays() {
    var state = ReplayState(frameCount: 1)
    #expect(!state.playing)
    state.togglePlay()
    #expect(!state.playing && state.frame == 0)
    state.seek(to: 5)
    #expect(state.frame == 0)
  }

  @Test func markersAreKeptInFrameOrder() {
    let state = ReplayState(
      frameCount: 10,
      markers: [
        TimelineMarker(frame: 7, kind: .loss, label: "b"),
        TimelineMarker(frame: 2, kind: .loss, label: "a"),
      ])
    #expect(state.markers.map(\.label) == ["a", "b"])
  }
}
