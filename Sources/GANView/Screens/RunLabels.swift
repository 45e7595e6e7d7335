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

  /// The knobs a key can change during a run, by the names the labels use (`--compare`'s
  /// and the configuration columns'), read from a run's newest snapshot.
  static let liveKnobs: [(names: [String], value: @Sendable (Snapshot) -> String)] = [
    (["k"], { "\($0.hyperparameters.discriminatorSteps)" }),
    (["loss"], { $0.hyperparameters.loss.rawValue }),
    (
      ["lr"],
      { s in
        let d = NumberFormat.general(Double(s.hyperparameters.discriminatorStepSize))
        let g = NumberFormat.general(Double(s.hyperparameters.generatorStepSize))
        return d == g ? d : d + "/" + g
      }
    ),
    (["lr-d", "lr_d"], { NumberFormat.general(Double($0.hyperparameters.discriminatorStepSize)) }),
    (["lr-g", "lr_g"], { NumberFormat.general(Double($0.hyperparameters.generatorStepSize)) }),
  ]

  /// Each run's `label` (`loss=minimax k=1`) with the values read again from its snapshot,
  /// and a knob no label names added to every label once the runs differ in it (a key sent
  /// to one run): after Tab and `K K l` on run 1, its label says `k=3` and the next loss.
  /// The fixes a key switches are in the column's state row instead.
  public static func live(_ labels: [String], snapshots: [Snapshot?]) -> [String] {
    let present = snapshots.compactMap { $0 }
    let named = Set(
      labels.flatMap { $0.split(separator: " ").map { String($0.split(separator: "=")[0]) } })
    let added = liveKnobs.filter { knob in
      !knob.names.contains(where: named.contains) && Set(present.map(knob.value)).count > 1
    }
    return labels.indices.map { index in
      guard index < snapshots.count, let snapshot = snapshots[index] else { return labels[index] }
      let words = labels[index].split(separator: " ").map { word -> String in
        let parts = word.split(separator: "=", maxSplits: 1)
        guard parts.count == 2,
          let knob = liveKnobs.first(where: { $0.names.contains(String(parts[0])) })
        else { return String(word) }
        return "\(parts[0])=\(knob.value(snapshot))"
      }
      return (words + added.map { "\($0.names[0])=\($0.value(snapshot))" }).joined(separator: " ")
    }
  }
}
