/// Putting a sweep's lines back together: the parts of a sharded sweep (`sweep merge`) and
/// the cells an interrupted sweep already wrote (`--out` resume).
public enum SweepMerge {
  /// The lines of every part in cell order, after checking that they come from one grid and
  /// hold every cell of it exactly once.
  public static func merge(_ lines: [SweepLine]) throws(SweepError) -> [SweepLine] {
    guard let first = lines.first else { throw SweepError("merge: the parts hold no lines") }
    if let other = lines.first(where: { $0.grid != first.grid || $0.cells != first.cells }) {
      throw SweepError(
        "merge: parts of different grids: \(first.origin) is grid \(first.grid) "
          + "(\(first.cells) cells), \(other.origin) is grid \(other.grid) (\(other.cells) cells)")
    }
    // By cell, in a dictionary: a line may claim up to 10^7 cells, and memory should follow
    // the lines there are, not the claim.
    var byCell: [Int: SweepLine] = [:]
    for line in lines {
      if let seen = byCell[line.cell] {
        throw SweepError("merge: cell \(line.cell) is twice: \(seen.origin) and \(line.origin)")
      }
      byCell[line.cell] = line
    }
    if byCell.count < first.cells {
      let missing = (0..<first.cells).lazy.filter { byCell[$0] == nil }
      let shown = missing.prefix(10).map(String.init).joined(separator: ", ")
      let count = first.cells - byCell.count
      throw SweepError(
        "merge: \(count) of \(first.cells) cells are missing: \(shown)" + (count > 10 ? ", …" : ""))
    }
    return (0..<first.cells).compactMap { byCell[$0] }
  }

  /// Refuses lines that hold one cell of one grid twice (two sweeps that wrote one file).
  public static func checkNoCellTwice(_ lines: [SweepLine]) throws(SweepError) {
    var seen: [String: String] = [:]
    for line in lines {
      let key = "\(line.grid) \(line.cell)"
      if let first = seen[key] {
        throw SweepError(
          "cell \(line.cell) of grid \(line.grid) is there twice (\(first) and \(line.origin)): "
            + "were two sweeps writing one file? Keep one copy of each cell")
      }
      seen[key] = line.origin
    }
  }

  /// The cells of `grid` that `lines` (an output file being resumed) already hold, after
  /// checking that every line belongs to this grid: the same grid hash, and at its cell
  /// index the same configuration and seed.
  public static func done(
    _ lines: [SweepLine], grid: SweepGrid, shard: SweepShard? = nil, file: String
  ) throws(SweepError) -> Set<Int> {
    var done = Set<Int>()
    let hash = grid.hash
    for line in lines {
      guard line.grid == hash, line.cells == grid.count else {
        if line.gridFormat < 2 {
          throw SweepError(
            "\(file) was written by a ganscope before sweep grid format 2 (every setting a "
              + "knob; the same flags now make another grid): give another --out")
        }
        throw SweepError(
          "\(file) holds a sweep of another grid (\(line.grid), \(line.cells) cells; this one is "
            + "\(hash), \(grid.count) cells): give another --out, or the same flags as before")
      }
      guard grid.cell(line.cell).identity == line.identity else {
        throw SweepError(
          "\(line.origin): cell \(line.cell) is not this grid's \(line.cell) (\(line.identity))")
      }
      if let shard, line.cell % shard.count != shard.index - 1 {
        throw SweepError(
          "\(line.origin): cell \(line.cell) is not in shard \(shard.index)/\(shard.count) (is "
            + "\(file) another shard's part?): give each shard its own --out")
      }
      guard done.insert(line.cell).inserted else {
        throw SweepError("\(line.origin): cell \(line.cell) is there twice")
      }
    }
    return done
  }
}
