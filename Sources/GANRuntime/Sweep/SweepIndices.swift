/// The cells one sweep invocation runs, in order — a shard's (every n-th cell from i − 1),
/// without those an output file already holds, or an explicit list — enumerated lazily, so
/// that memory does not grow with the grid (a grid may have up to `SweepGrid.mostCells`).
public struct SweepIndices: Sequence, Sendable {
  fileprivate enum Source: Sendable {
    case shard(total: Int, first: Int, step: Int, skipped: Set<Int>)
    case list([Int])
  }

  private let source: Source

  /// The cells of `shard` (all cells when nil) of a grid of `total` cells, leaving out
  /// `skipped`.
  public init(total: Int, shard: SweepShard?, skipping skipped: Set<Int> = []) {
    let first = shard.map { $0.index - 1 } ?? 0
    let step = shard?.count ?? 1
    let inShard = skipped.filter { $0 >= first && $0 < total && ($0 - first) % step == 0 }
    source = .shard(total: total, first: first, step: step, skipped: inShard)
  }

  /// Exactly these cells, in this order.
  public init(_ list: [Int]) { source = .list(list) }

  /// How many cells there are (without enumerating them).
  public var count: Int {
    switch source {
    case .shard(let total, let first, let step, let skipped):
      return (total > first ? (total - first + step - 1) / step : 0) - skipped.count
    case .list(let list): return list.count
    }
  }

  public struct Iterator: IteratorProtocol, Sendable {
    fileprivate let source: Source
    fileprivate var cursor: Int

    public mutating func next() -> Int? {
      switch source {
      case .shard(let total, _, let step, let skipped):
        while cursor < total {
          let index = cursor
          cursor += step
          if !skipped.contains(index) { return index }
        }
        return nil
      case .list(let list):
        guard cursor < list.count else { return nil }
        cursor += 1
        return list[cursor - 1]
      }
    }
  }

  public func makeIterator() -> Iterator {
    switch source {
    case .shard(_, let first, _, _): Iterator(source: source, cursor: first)
    case .list: Iterator(source: source, cursor: 0)
    }
  }
}
