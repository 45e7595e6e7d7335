import GANCore

/// The labels of recordings replayed side by side: what sets each run apart, read from its
/// configuration columns (those of `train --config-columns`) at its first frame — the
/// columns whose values differ between the runs, `loss=minimax` or `k=1 seed=2`. Runs that
/// differ in none (the same setting recorded twice) are told apart by their file names.
public enum RunLabels {
  public static func labels(
    first snapshots: [Snapshot?], architectures: [Architecture], names: [String]
  ) -> [String] {
    let columns = snapshots.indices.map { index -> [(String, String)] in
      guard let snapshot = snapshots[index] else { return [] }
      let architecture = index < architectures.count ? architectures[index] : Architecture()
      return RowPrinter.configColumns(architecture: architecture).map {
        ($0.name, $0.value(snapshot).text)
      }
    }
    let differing = RowPrinter.configColumnNames.filter { name in
      Set(columns.map { run in run.first { $0.0 == name }?.1 ?? "" }).count > 1
    }
    return snapshots.indices.map { index in
      let words = differing.compactMap { name in
        columns[index].first { $0.0 == name }.map { "\(name)=\($0.1)" }
      }
      guard words.isEmpty else { return words.joined(separator: " ") }
      return index < names.count ? names[index] : "run \(index + 1)"
    }
  }
}
