/// The common iteration axis of recordings replayed side by side (`replay a.gans b.gans`):
/// every iteration at which any of them has a frame, in order. At each point every run
/// shows its frame at that iteration, or the nearest one before it (its last frame once it
/// has ended, none before its first), so the runs are compared at the same training time
/// whatever their recording cadences.
public struct IterationAxis: Sendable, Equatable {
  /// The iterations of the axis, increasing.
  public let iterations: [Int]
  /// Per run, the largest iteration among its frames 0…i: a run whose count went back (a
  /// reset of the counter is possible) is still searched in order.
  private let reached: [[Int]]

  /// `frames[r]` lists run r's frame iterations in file order.
  public init(frames: [[Int]]) {
    iterations = Array(Set(frames.joined())).sorted()
    reached = frames.map { list in
      var highest = Int.min
      return list.map { iteration in
        highest = max(highest, iteration)
        return highest
      }
    }
  }

  public var count: Int { iterations.count }

  /// Run `run`'s frame shown at point `point` of the axis: its last frame at or before the
  /// axis' iteration, or nil when the run has no frame that early.
  public func frame(ofRun run: Int, at point: Int) -> Int? {
    guard iterations.indices.contains(point), reached.indices.contains(run) else { return nil }
    let iteration = iterations[point]
    let list = reached[run]
    // The first frame whose (running) iteration is beyond the axis', minus one.
    var low = 0
    var high = list.count
    while low < high {
      let middle = (low + high) / 2
      if list[middle] <= iteration { low = middle + 1 } else { high = middle }
    }
    return low > 0 ? low - 1 : nil
  }
}
