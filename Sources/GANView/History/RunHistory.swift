import GANCore

/// The whole run in bounded memory, like a round-robin database: the newest `capacity / 2`
/// to `capacity` frames one by one, and before them `levels - 1` levels of at most
/// `capacity` buckets each, every level's buckets twice as long as the level after it. When
/// a level overflows, its older half merges pairwise into the next older level; the
/// oldest level, when it overflows, merges all its buckets pairwise in place (its buckets
/// double in length and it has room again). So the history never holds more than
/// `levels × (capacity + 1)` buckets, however long the run: that times
/// `HistoryBucket.byteBound(bins:)` is its memory bound (`byteBound`), by construction.
///
/// The same value serves the live view (fed the snapshots the view shows) and the replay
/// (fed every recorded frame when it opens), so both show the same history of the same run.
public struct RunHistory: Sendable, Equatable {
  /// Buckets per level, and levels (level 0: single frames, the newest).
  public let capacity: Int
  public let levels: Int
  /// Level i's buckets, oldest first; level `levels - 1` is the oldest part of the run.
  private var tiers: [[HistoryBucket]]
  /// The knobs turned during the run, as the frames show them (oldest first, at most
  /// `eventCapacity`).
  public private(set) var events: [HistoryEvent] = []
  /// The last frame's settings, to notice a change.
  private var lastSettings: HistoryEvent.Settings?
  /// The sequence number of the last frame taken (a frame seen twice is taken once).
  private var lastSequence: UInt64?
  /// Frames taken in all.
  public private(set) var frameCount = 0

  public static let defaultCapacity = 1024
  public static let defaultLevels = 8
  public static let eventCapacity = 512

  public init(capacity: Int = RunHistory.defaultCapacity, levels: Int = RunHistory.defaultLevels) {
    self.capacity = max(capacity, 2)
    self.levels = max(levels, 1)
    tiers = Array(repeating: [], count: self.levels)
  }

  /// Every bucket, oldest first.
  public var buckets: [HistoryBucket] { tiers.reversed().flatMap { $0 } }

  public var isEmpty: Bool { frameCount == 0 }

  /// The first and last iteration held.
  public var iterations: ClosedRange<Int>? {
    guard let first = tiers.last(where: { !$0.isEmpty })?.first,
      let last = tiers.first(where: { !$0.isEmpty })?.last
    else { return nil }
    return first.firstIteration...max(last.lastIteration, first.firstIteration)
  }

  /// One frame as the history takes it: its bucket and the settings events are found
  /// from. Made apart from `append` so a replay can make them on several cores (decoding a
  /// recorded frame costs more than taking it) and take them in order.
  public struct Frame: Sendable {
    let bucket: HistoryBucket
    let settings: HistoryEvent.Settings
    let sequence: UInt64
    let iteration: Int

    public init(_ snapshot: Snapshot) {
      bucket = HistoryBucket(snapshot)
      settings = HistoryEvent.Settings(snapshot)
      sequence = snapshot.sequence
      iteration = snapshot.iteration
    }
  }

  /// Takes one frame (a snapshot whose sequence number was taken already is ignored, so the
  /// view can offer the same snapshot every frame while the trainer is paused).
  public mutating func append(_ snapshot: Snapshot) {
    if let lastSequence, snapshot.sequence == lastSequence, snapshot.sequence != 0 { return }
    append(Frame(snapshot))
  }

  /// Takes one frame made by `Frame(snapshot)`, in the run's order.
  public mutating func append(_ frame: Frame) {
    if let lastSequence, frame.sequence == lastSequence, frame.sequence != 0 { return }
    lastSequence = frame.sequence
    noteChanges(frame.settings, at: frame.iteration)
    frameCount += 1
    tiers[0].append(frame.bucket)
    for level in 0..<levels where tiers[level].count > capacity {
      if level + 1 < levels {
        // The older half moves on, merged in pairs: all at once, so the cost of moving the
        // array's rest is shared by `capacity / 2` frames rather than paid every other one.
        let half = capacity / 2 / 2 * 2
        tiers[level + 1].append(contentsOf: Self.pairedUp(Array(tiers[level][..<half])))
        tiers[level].removeFirst(half)
      } else {
        tiers[level] = Self.pairedUp(tiers[level])
      }
    }
  }

  /// `buckets` merged two by two (an odd last one kept as it is).
  static func pairedUp(_ buckets: [HistoryBucket]) -> [HistoryBucket] {
    var result: [HistoryBucket] = []
    result.reserveCapacity(buckets.count / 2 + 1)
    var i = 0
    while i + 1 < buckets.count {
      result.append(HistoryBucket.merged(buckets[i], buckets[i + 1]))
      i += 2
    }
    if i < buckets.count { result.append(buckets[i]) }
    return result
  }

  /// Records an event for each setting that differs from the previous frame's.
  private mutating func noteChanges(_ settings: HistoryEvent.Settings, at iteration: Int) {
    defer { lastSettings = settings }
    guard let previous = lastSettings else { return }
    for event in HistoryEvent.changes(from: previous, to: settings, at: iteration) {
      if events.count >= Self.eventCapacity { events.removeFirst() }
      events.append(event)
    }
  }

  /// The history up to `iteration` (a run branched from a replay continues from there; a
  /// merged bucket that began by then stays whole).
  public func truncated(through iteration: Int) -> RunHistory {
    var result = self
    result.tiers = tiers.map { $0.filter { $0.firstIteration <= iteration } }
    result.events = events.filter { $0.iteration <= iteration }
    result.frameCount = result.tiers.reduce(0) { $0 + $1.reduce(0) { $0 + $1.frames } }
    result.lastSequence = nil
    return result
  }

  /// The buckets that overlap `range` of iterations, oldest first.
  public func buckets(in range: ClosedRange<Int>) -> [HistoryBucket] {
    buckets.filter { $0.lastIteration >= range.lowerBound && $0.firstIteration <= range.upperBound }
  }

  /// Bytes held now (buckets and events).
  public var bytes: Int {
    MemoryLayout<RunHistory>.stride
      + tiers.reduce(HistoryBucket.arrayBytes(tiers)) { sum, tier in
        sum + HistoryBucket.arrayBytes(tier) + tier.reduce(0) { $0 + $1.bytes }
      } + HistoryBucket.arrayBytes(events) + events.reduce(0) { $0 + $1.label.utf8.count + 16 }
  }

  /// The most this history can hold for curves of `bins` bins, however long the run: every
  /// level full (one over capacity for the instant before it merges), each bucket at its
  /// largest, the level arrays at twice their capacity (an array's growth), and the events.
  public func byteBound(bins: Int) -> Int {
    let tierArray = (32 + 2 * (capacity + 1) * MemoryLayout<HistoryBucket>.stride + 15) / 16 * 16
    let eventArray = 32 + 2 * Self.eventCapacity * (MemoryLayout<HistoryEvent>.stride + 64)
    return MemoryLayout<RunHistory>.stride + 32 + levels * 8
      + levels * (tierArray + (capacity + 1) * HistoryBucket.byteBound(bins: bins)) + eventArray
  }
}
