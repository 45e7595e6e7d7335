extension Setting {
  /// The settings table as the Markdown table of docs/commands.md (generated from this
  /// table and checked by DocListsTests): one row per setting, its flag, what it does with
  /// its range, and its default.
  public static var markdownTable: String {
    var rows = ["| flag | meaning | default |", "|---|---|---|"]
    for setting in allCases {
      let flag: String =
        switch setting.kind {
        case .toggle: "`\(setting.flag)`"
        case .whole, .real, .word, .target: "`\(setting.flag) \(setting.valueName)`"
        }
      let meaning = setting.summary + (setting.rangeText.map { " (\($0))" } ?? "")
      let defaults =
        setting.defaultText.map { text in
          text.replacingFirst(of: ", or ", with: " (") + (text.contains(", or ") ? ")" : "")
        } ?? "off"
      rows.append("| \(flag) | \(meaning.replacingAll(of: "|", with: "\\|")) | \(defaults) |")
    }
    return rows.joined(separator: "\n")
  }

  /// The placeholder of the flag's value in the docs (`--k N`, `--lr η`).
  var valueName: String {
    switch self {
    case .target: "SPEC"
    case .prior, .loss, .optimizer, .activation, .penalty, .updates, .model:
      "WORD"
    case .hidden: "H"
    case .layers: "L"
    case .batch: "M"
    case .k: "N"
    case .lr, .lrD, .lrG: "η"
    case .beta1: "β1"
    case .beta2: "β2"
    case .epsilon: "ε"
    case .momentum: "μ"
    case .gamma: "γ"
    case .unroll: "U"
    case .instanceNoise: "σ"
    case .clip: "c"
    case .pack: "P"
    case .noiseAnneal: "T"
    case .gp: "λ"
    case .consensus: "γ"
    case .spectralNorm: ""
    }
  }
}

extension String {
  /// The text with its first `target` replaced (GANCore has no Foundation).
  fileprivate func replacingFirst(of target: String, with replacement: String) -> String {
    guard let range = firstRange(of: target) else { return self }
    return self[..<range.lowerBound] + replacement + self[range.upperBound...]
  }

  fileprivate func replacingAll(of target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
