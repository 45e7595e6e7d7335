/// Where a replay is and how it plays: the frame (with the fraction of the next one that
/// playback has covered), playing or paused, the speed, and the view state the live view
/// would have. Pure: the replay loop feeds it elapsed time and keys (`ReplayKeyHandler`),
/// and tests do the same without a clock.
public struct ReplayState: Sendable, Equatable {
  /// The speeds `<` and `>` step through; 1× is the recording's own pace.
  public static let speeds: [Double] = [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64]
  /// The pace of 1× when the recording does not tell, and the fastest 1× may be: a
  /// headless recording made at full speed has thousands of frames per second, which at
  /// "real time" would flash by in a blur; capped, 1× still shows every frame.
  public static let defaultFramesPerSecond = 30.0
  /// How many frames before the current one the metrics sparklines show (the metrics pane
  /// is at most 38 columns wide); a jump rebuilds the history from these.
  public static let historyWindow = 40

  public let frameCount: Int
  /// Frames per second at 1×.
  public let framesPerSecond: Double
  /// Sorted by frame.
  public let markers: [TimelineMarker]
  /// The 0-based frame shown, plus the part of the way to the next one that playback has
  /// covered (so slow speeds still advance).
  public private(set) var position: Double = 0
  public private(set) var playing: Bool
  public private(set) var speedIndex = ReplayState.speeds.firstIndex(of: 1)!
  /// Counts the moves that are not playback going forward (a seek, a step back), after
  /// which the metric history no longer follows from what was shown and must be rebuilt.
  public private(set) var jumps = 0
  /// The toggles, notice, density axis and history, as in the live view.
  public var view: ViewState
  /// Where frames of a damaged recording are missing, by the index of the frame after
  /// them (`frameCount` for missing frames at the end), sorted.
  public var gaps: [FrameGap] = []

  /// The number of the frame shown, counted from 1 in the recording (frames lost to damage
  /// keep their numbers, so this is `frame + 1` only for an intact recording).
  public var frameNumber: Int {
    frame + 1 + gaps.prefix { $0.before <= frame }.reduce(0) { $0 + $1.count }
  }

  /// The number of the recording's last frame.
  public var lastFrameNumber: Int { frameCount + gaps.reduce(0) { $0 + $1.count } }

  public init(
    frameCount: Int, framesPerSecond: Double = ReplayState.defaultFramesPerSecond,
    markers: [TimelineMarker] = [], playing: Bool = true, view: ViewState = ViewState()
  ) {
    self.frameCount = max(frameCount, 0)
    self.framesPerSecond =
      framesPerSecond.isFinite && framesPerSecond > 0
      ? framesPerSecond : Self.defaultFramesPerSecond
    self.markers = markers.sorted { $0.frame < $1.frame }
    self.playing = playing && frameCount > 1
    self.view = view
  }

  /// The pace of 1× for a recording of `frameCount` frames spanning `durationSeconds`: its
  /// real-time pace, at most `defaultFramesPerSecond`, which is also used when the duration
  /// is unknown (zero, negative or not finite).
  public static func framesPerSecond(durationSeconds: Double, frameCount: Int) -> Double {
    guard durationSeconds.isFinite, durationSeconds > 0, frameCount > 1 else {
      return defaultFramesPerSecond
    }
    return min(Double(frameCount) / durationSeconds, defaultFramesPerSecond)
  }

  /// The 0-based frame shown.
  public var frame: Int { Int(position) }
  public var lastFrame: Int { max(frameCount - 1, 0) }
  public var atEnd: Bool { frame >= lastFrame }
  public var speed: Double { Self.speeds[speedIndex] }

  /// "0.25x", "1x", "64x".
  public var speedLabel: String { Self.label(speed) }

  /// Plays on for `seconds` of wall-clock time. Reaching the last frame pauses there and
  /// says what can be done next; passing a marker shows its label.
  public mutating func advance(seconds: Double) {
    guard playing, seconds > 0 else { return }
    let before = frame
    position = min(position + seconds * framesPerSecond * speed, Double(lastFrame))
    announceMarkers(after: before, through: frame)
    if atEnd {
      playing = false
      view.post("end of the recording; b branches a live run from here, Home replays")
    }
  }

  /// Shows frame `target` (clamped). A move that is not one frame forward counts as a jump.
  public mutating func seek(to target: Int) {
    let before = frame
    let after = min(max(target, 0), lastFrame)
    position = Double(after)
    guard after != before else { return }
    if after != before + 1 { jumps += 1 }
    announceMarkers(after: after - 1, through: after)
  }

  /// A mouse intent: a click on the timeline seeks (as the digits do, to any frame), the
  /// rest acts on the view (`ViewState.apply`); returns the key to handle for `.key`.
  public mutating func apply(_ intent: MouseIntent) -> Key? {
    guard case .seek(let fraction) = intent else { return view.apply(intent) }
    seek(to: Int((fraction * Double(lastFrame)).rounded()))
    return nil
  }

  /// Plays or pauses; playing from the last frame starts again from the first.
  public mutating func togglePlay() {
    if playing {
      playing = false
      view.post("paused at frame \(frameNumber) of \(lastFrameNumber)")
    } else if frameCount > 1 {
      if atEnd { seek(to: 0) }
      playing = true
      view.post("playing at \(speedLabel)")
    }
  }

  public mutating func pause() { playing = false }

  /// Steps the speed index by `direction` (±1), within `speeds`.
  public mutating func changeSpeed(by direction: Int) {
    let index = min(max(speedIndex + direction, 0), Self.speeds.count - 1)
    if index == speedIndex {
      let range = Self.label(Self.speeds[0]) + "..." + Self.label(Self.speeds.last!)
      view.post("speed is already \(speedLabel) (\(range))")
    } else {
      speedIndex = index
      view.post("speed = \(speedLabel)")
    }
  }

  private static func label(_ speed: Double) -> String {
    (speed == speed.rounded() ? "\(Int(speed))" : "\(speed)") + "x"
  }

  /// Posts the label of the last marker in frames `after + 1 ... through`.
  private mutating func announceMarkers(after: Int, through: Int) {
    guard through > after,
      let marker = markers.last(where: { $0.frame > after && $0.frame <= through })
    else { return }
    view.post(marker.label)
  }
}

/// Frames a damaged recording lacks: `count` of them just before the frame at index
/// `before` (the replay's timeline marks the place).
public struct FrameGap: Sendable, Equatable {
  public var before: Int
  public var count: Int

  public init(before: Int, count: Int) {
    self.before = before
    self.count = count
  }
}
