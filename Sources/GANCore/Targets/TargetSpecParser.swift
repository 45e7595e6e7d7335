/// A target spec, parsed and checked: everything about the target except the numbers of the
/// data files it names (`dataFiles`), which the program's edge reads and passes to
/// `target(data:)`. See `Target` for the language.
public struct TargetSpec: Sendable, Equatable {
  /// The canonical spec text (see `Target.spec`).
  public let spec: String
  /// The name a target made from it has (see `Target.name`).
  public let name: String
  /// The path of every `file:` the spec names, once each, in order of appearance.
  public let dataFiles: [String]
  let tree: Tree

  /// The parsed spec: distributions, data files (not yet read) and mixtures of them.
  indirect enum Tree: Sendable, Equatable {
    case distribution(Distribution)
    case data(path: String)
    case mixture(weights: [Double], components: [Tree])
  }

  /// Parses `text` (see `Target` for the language); reads nothing.
  public static func parse(_ text: String) throws(TargetSpecError) -> TargetSpec {
    var parser = TargetSpecParser(text: text)
    return try parser.parseSpec()
  }

  /// The target, given the numbers of every file of `dataFiles` (see `EmpiricalDataParser`).
  public func target(data: [String: EmpiricalSamples]) throws(TargetSpecError) -> Target {
    Target(name: name, spec: spec, distribution: try Self.build(tree, data))
  }

  private static func build(
    _ tree: Tree, _ data: [String: EmpiricalSamples]
  ) throws(TargetSpecError) -> Distribution {
    switch tree {
    case .distribution(let distribution):
      return distribution
    case .data(let path):
      guard let samples = data[path] else {
        throw TargetSpecError(
          "\(SpecText.quoted("file:" + path)) needs the numbers of its data file, which are "
            + "not at hand here (the program reads data files when it starts)")
      }
      return .empirical(samples)
    case .mixture(let weights, let components):
      var parts: [MixtureComponent] = []
      for (weight, component) in zip(weights, components) {
        parts.append(MixtureComponent(weight: weight, distribution: try build(component, data)))
      }
      return .mixture(parts)
    }
  }
}

/// A recursive-descent parser over the Unicode scalars of a spec; columns are 1-based scalar
/// offsets. Every piece of the user's text in a message goes through `SpecText.quoted`.
struct TargetSpecParser {
  struct Node {
    var tree: TargetSpec.Tree
    var spec: String
    var preset: String?
    /// The target's name when not its spec: a drawn density is called "drawn" (its spec is
    /// a long list of heights).
    var name: String? = nil
  }

  static var accepted: String {
    (DistributionFamily.allCases.map(\.name) + ["mix", DrawnDensity.name, "file:PATH"])
      .joined(separator: ", ")
      + " or a preset: " + Target.presetNames.joined(separator: ", ")
  }

  let text: String
  let scalars: [Unicode.Scalar]
  var position = 0
  var depth = 0
  var dataFiles: [String] = []

  init(text: String) {
    self.text = text
    scalars = Array(text.unicodeScalars)
  }

  // MARK: Specs and expressions

  mutating func parseSpec() throws(TargetSpecError) -> TargetSpec {
    skipSpace()
    if atEnd {
      throw TargetSpecError(
        "empty target spec (expected \(DistributionFamily.signatures), mix(...), file:PATH "
          + "or a preset: " + Target.presetNames.joined(separator: ", ") + ")")
    }
    if hasFilePrefix {
      let path = SpecText.trimmed(slice(position + 5, scalars.count))
      try noteDataFile(path)
      return TargetSpec(
        spec: "file:" + path, name: "file:" + SpecText.basename(path), dataFiles: dataFiles,
        tree: .data(path: path))
    }
    let node = try parseExpression()
    skipSpace()
    if !atEnd {
      throw TargetSpecError(
        "unexpected \(found()) at column \(column) after the end of the spec in \(quotedText)")
    }
    return TargetSpec(
      spec: node.preset ?? node.spec, name: node.preset ?? node.name ?? node.spec,
      dataFiles: dataFiles, tree: node.tree)
  }

  private var hasFilePrefix: Bool {
    guard position + 5 <= scalars.count else { return false }
    return slice(position, position + 5).lowercased() == "file:"
  }

  private mutating func noteDataFile(_ path: String) throws(TargetSpecError) {
    guard !path.isEmpty else {
      throw TargetSpecError("file: needs a path after ':', e.g. file:samples.txt")
    }
    if !dataFiles.contains(path) { dataFiles.append(path) }
  }

  mutating func parseExpression() throws(TargetSpecError) -> Node {
    skipSpace()
    let start = position
    guard let first = peek else {
      throw TargetSpecError(
        "expected a distribution at column \(column) but the input ended in \(quotedText)")
    }
    guard Self.isLetter(first) else {
      throw TargetSpecError(
        "expected a distribution name at column \(column), found \(found()) in \(quotedText)")
    }
    while let c = peek, Self.isLetter(c) || Self.isDigit(c) || c == "_" { position += 1 }
    let typed = slice(start, position)
    let name = typed.lowercased()
    if name == "file" && peek == ":" {
      position += 1
      let pathStart = position
      while let c = peek, c != ",", c != ")" { position += 1 }
      let path = SpecText.trimmed(slice(pathStart, position))
      try noteDataFile(path)
      return Node(tree: .data(path: path), spec: "file:" + path, preset: nil)
    }
    let family = DistributionFamily(rawValue: name)
    let afterName = position
    skipSpace()
    if peek == "(" {
      position += 1
      if let family { return try parseFamily(family, start: start) }
      if name == "mix" { return try parseMix(start: start) }
      if name == DrawnDensity.name { return try parseDrawn(start: start) }
      if Target.presetNames.contains(name) {
        throw TargetSpecError(
          "preset \(SpecText.quoted(typed)) takes no arguments (found '(' at column "
            + "\(position)) in \(quotedText)")
      }
      throw unknownName(typed, start: start)
    }
    position = afterName
    if let preset = Target.preset(name) {
      return Node(
        tree: .distribution(preset.distribution), spec: preset.distribution.description,
        preset: name)
    }
    if let family {
      throw TargetSpecError(
        "\(SpecText.quoted(typed)) at column \(start + 1) needs its parameters: "
          + "\(family.signature) in \(quotedText)")
    }
    if name == "mix" {
      throw TargetSpecError(
        "\(SpecText.quoted(typed)) at column \(start + 1) needs components: "
          + "mix(w1*SPEC, w2*SPEC, ...) in \(quotedText)")
    }
    if name == DrawnDensity.name {
      throw TargetSpecError(
        "\(SpecText.quoted(typed)) at column \(start + 1) needs its numbers: "
          + "\(DrawnDensity.signature) in \(quotedText)")
    }
    if name == "file" {
      throw TargetSpecError(
        "\(SpecText.quoted(typed)) at column \(start + 1) must be followed directly by ':' "
          + "and a path (file:PATH) in \(quotedText)")
    }
    throw unknownName(typed, start: start)
  }

  private func unknownName(_ typed: String, start: Int) -> TargetSpecError {
    TargetSpecError(
      "unknown distribution \(SpecText.quoted(typed)) at column \(start + 1) "
        + "(expected \(Self.accepted))")
  }

  /// Parses the numbers of `drawn(` (already consumed): the interval, then the heights.
  private mutating func parseDrawn(start: Int) throws(TargetSpecError) -> Node {
    let args = try parseArguments(DrawnDensity.signature)
    let call = SpecText.quoted(slice(start, position))
    guard args.count >= 3 else {
      throw TargetSpecError(
        "\(DrawnDensity.signature) takes a, b and at least one height, got \(args.count) "
          + "number\(args.count == 1 ? "" : "s") in \(call)")
    }
    let drawn = DrawnDensity(
      lower: args[0].value, upper: args[1].value, heights: args.dropFirst(2).map(\.value))
    guard let distribution = drawn.distribution else {
      throw TargetSpecError("\(drawn.problem ?? "not a density") in \(call)")
    }
    return Node(
      tree: .distribution(distribution), spec: drawn.spec, preset: nil, name: DrawnDensity.name)
  }

  /// Parses the arguments of `family(` (already consumed) and builds the distribution.
  private mutating func parseFamily(
    _ family: DistributionFamily, start: Int
  ) throws(TargetSpecError) -> Node {
    let args = try parseArguments(family.signature)
    let call = SpecText.quoted(slice(start, position))
    let wanted = family.parameterNames.count
    guard args.count == wanted else {
      throw TargetSpecError(
        "\(family.signature) takes \(wanted) number\(wanted == 1 ? "" : "s"), got "
          + "\(args.count) in \(call)")
    }
    if let problem = family.problem(args.map(\.value), texts: args.map(\.text)) {
      throw TargetSpecError("\(problem) in \(call)")
    }
    let distribution = family.distribution(args.map(\.value))
    try Self.checkMagnitude(distribution, call)
    return Node(
      tree: .distribution(distribution), spec: distribution.description, preset: nil)
  }

  /// Parses `number, number, ...)` after an opening parenthesis.
  private mutating func parseArguments(
    _ signature: String
  ) throws(TargetSpecError) -> [(value: Double, text: String)] {
    var args: [(value: Double, text: String)] = []
    skipSpace()
    if peek == ")" {
      position += 1
      return args
    }
    while true {
      skipSpace()
      args.append(try parseNumber(signature))
      skipSpace()
      if peek == "," {
        position += 1
        continue
      }
      if peek == ")" {
        position += 1
        return args
      }
      throw expectedSeparator()
    }
  }

  /// Parses `[w*]SPEC, [w*]SPEC, ...)` after `mix(`.
  private mutating func parseMix(start: Int) throws(TargetSpecError) -> Node {
    depth += 1
    defer { depth -= 1 }
    guard depth <= Target.maximumNesting else {
      throw TargetSpecError(
        "mix(...) at column \(start + 1) is nested more than \(Target.maximumNesting) levels "
          + "deep in \(quotedText)")
    }
    skipSpace()
    if peek == ")" {
      position += 1
      throw TargetSpecError(
        "mix(...) needs at least one component, got none in "
          + SpecText.quoted(slice(start, position)))
    }
    var weights: [Double] = []
    var nodes: [Node] = []
    while true {
      skipSpace()
      var weight = 1.0
      if let c = peek, Self.isDigit(c) || c == "." || c == "+" || c == "-" {
        let weightStart = position
        let number = try parseNumber("mix weight")
        guard number.value > 0 else {
          throw TargetSpecError(
            "mix: weight must be > 0, got \(number.text) at column \(weightStart + 1) "
              + "in \(quotedText)")
        }
        skipSpace()
        guard peek == "*" else {
          throw TargetSpecError(
            "expected '*' after weight '\(number.text)' at column \(column), "
              + "found \(found()) in \(quotedText)")
        }
        position += 1
        weight = number.value
      }
      nodes.append(try parseExpression())
      weights.append(weight)
      skipSpace()
      if peek == "," {
        position += 1
        continue
      }
      if peek == ")" {
        position += 1
        break
      }
      throw expectedSeparator()
    }
    guard let normalized = Distribution.normalizedWeights(weights) else {
      throw TargetSpecError(
        "mix: the weights in \(SpecText.quoted(slice(start, position))) are too far apart: "
          + "a component's share underflows to 0")
    }
    let parts = zip(normalized, nodes).map { "\(Distribution.format($0))*\($1.spec)" }
    return Node(
      tree: .mixture(weights: normalized, components: nodes.map(\.tree)),
      spec: "mix(\(parts.joined(separator: ",")))", preset: nil)
  }

  private func expectedSeparator() -> TargetSpecError {
    if atEnd {
      return TargetSpecError(
        "missing ')': expected ',' or ')' at column \(column) but the input ended "
          + "in \(quotedText)")
    }
    return TargetSpecError(
      "expected ',' or ')' at column \(column), found \(found()) in \(quotedText)")
  }

  // MARK: Numbers

  /// A decimal number: [+-] digits [. digits] [(e|E) [+-] digits], with at least one digit
  /// before the exponent (`4`, `-2`, `0.5`, `1e-3`, `.5`, `5.`). The text it returns, for
  /// messages, is shortened like any other piece of input (a number may be a megabyte long).
  private mutating func parseNumber(
    _ context: String
  ) throws(TargetSpecError) -> (value: Double, text: String) {
    let start = position
    if let c = peek, c == "+" || c == "-" { position += 1 }
    var digits = 0
    while let c = peek, Self.isDigit(c) {
      position += 1
      digits += 1
    }
    if peek == "." {
      position += 1
      while let c = peek, Self.isDigit(c) {
        position += 1
        digits += 1
      }
    }
    guard digits > 0 else {
      position = start
      throw TargetSpecError(
        "\(context): expected a number at column \(column), found \(found()) in \(quotedText)")
    }
    if let c = peek, c == "e" || c == "E" {
      var p = position + 1
      if p < scalars.count && (scalars[p] == "+" || scalars[p] == "-") { p += 1 }
      if p < scalars.count && Self.isDigit(scalars[p]) {
        position = p
        while let c = peek, Self.isDigit(c) { position += 1 }
      }
    }
    let numberText = slice(start, position)
    guard let value = Double(numberText), value.isFinite else {
      throw TargetSpecError(
        "number \(SpecText.quoted(numberText)) at column \(start + 1) is out of range "
          + "in \(quotedText)")
    }
    return (value, SpecText.shortened(numberText))
  }

  // MARK: Validation

  /// Rejects a distribution whose mean or standard deviation exceeds ±1e30; `what` is the
  /// quoted text that made it.
  static func checkMagnitude(
    _ distribution: Distribution, _ what: String
  ) throws(TargetSpecError) {
    let limit = Target.maximumMagnitude
    let mean = distribution.mean
    let deviation = distribution.standardDeviation
    guard abs(mean) <= limit else {
      throw TargetSpecError(
        "\(what) is too extreme: its mean \(Distribution.format(mean)) is not within ±1e30")
    }
    guard deviation <= limit else {
      throw TargetSpecError(
        "\(what) is too extreme: its standard deviation \(Distribution.format(deviation)) "
          + "exceeds 1e30")
    }
  }

  // MARK: Scanning helpers

  private var atEnd: Bool { position >= scalars.count }
  private var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }
  private var column: Int { position + 1 }
  private var quotedText: String { SpecText.quoted(text) }

  private mutating func skipSpace() {
    while let c = peek, c.properties.isWhitespace { position += 1 }
  }

  private func slice(_ from: Int, _ to: Int) -> String {
    let lo = min(max(from, 0), scalars.count)
    let hi = min(max(to, lo), scalars.count)
    return String(String.UnicodeScalarView(scalars[lo..<hi]))
  }

  /// The token at the current position, quoted, for error messages.
  private func found() -> String {
    guard !atEnd else { return "end of input" }
    var end = position + 1
    let stops: Set<Unicode.Scalar> = ["(", ")", ",", "*"]
    if !stops.contains(scalars[position]) {
      while end < scalars.count && end - position < 20 && !stops.contains(scalars[end])
        && !scalars[end].properties.isWhitespace
      {
        end += 1
      }
    }
    return SpecText.quoted(slice(position, end))
  }

  private static func isLetter(_ c: Unicode.Scalar) -> Bool {
    (c >= "a" && c <= "z") || (c >= "A" && c <= "Z")
  }

  private static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
}
