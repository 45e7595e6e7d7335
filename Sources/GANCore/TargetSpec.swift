#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a target spec was rejected: one line that names the offending text and what is
/// accepted instead.
public struct TargetSpecError: Error, Sendable, Equatable, CustomStringConvertible {
  public var description: String

  public init(_ description: String) { self.description = description }
}

/// A parsed target: what the user typed (or the preset name) and what it means.
///
/// The spec language (whitespace is allowed between tokens; names are case-insensitive):
/// - `normal(mu,sigma)` with sigma > 0
/// - `uniform(a,b)` with a < b
/// - `laplace(mu,b)` with b > 0
/// - `lognormal(mu,sigma)` with sigma > 0 (the distribution of exp(N(mu, sigma²)))
/// - `mix(w1*SPEC, w2*SPEC, ...)`: one or more components; a component without a weight gets
///   weight 1; weights must be > 0 and are normalized to sum to 1; mixes may nest (up to
///   `Target.maximumNesting` levels) and may contain presets and `file:` targets
/// - `file:PATH`: resample the numbers in a text file, one per line (blank lines and lines
///   starting with `#` are ignored; at least 2 values, not all equal). At the top level PATH is
///   the rest of the text; inside `mix(...)` it runs up to the next `,` or `)`.
/// - a preset name (see `presetNames`).
///
/// Numbers are decimal: `4`, `-2`, `0.5`, `1e-3`, `.5`. Every distribution's mean and
/// standard deviation must stay within ±1e30, so that samples remain finite Floats.
public struct Target: Sendable, Equatable {
  /// The preset name if a preset was used, `file:<basename>` for a file, else the canonical
  /// spec text (e.g. `normal(4,0.5)`).
  public var name: String
  /// Canonical spec text that parses back to the same distribution (for a preset, its name;
  /// for a file, `file:<path as given>`).
  public var spec: String
  /// What the target means.
  public var distribution: Distribution

  public init(name: String, spec: String, distribution: Distribution) {
    self.name = name
    self.spec = spec
    self.distribution = distribution
  }

  /// The deepest allowed nesting of `mix(...)`.
  public static let maximumNesting = 32

  /// The largest magnitude allowed for a distribution's mean or standard deviation.
  public static let maximumMagnitude = 1e30

  /// The presets, in cycling order:
  /// - `gaussian`: normal(4,0.5), the canonical workload N(4, 0.5²).
  /// - `bimodal`: mix(0.5*normal(-2,0.5),0.5*normal(2,0.5)), the canonical multi-modal
  ///   workload ½·N(−2, 0.5²) + ½·N(2, 0.5²).
  /// - `trimodal`: equal-weight mix of normal(-3,0.5), normal(0,0.5) and normal(3,0.5).
  /// - `uniform`: uniform(2,6), flat with sharp edges.
  /// - `skewed`: lognormal(1,0.5), right-skewed: mode ≈ 2.1, median ≈ 2.7, mean ≈ 3.08,
  ///   standard deviation ≈ 1.64, 98% of the mass in [0.8, 8.6].
  /// - `heavy`: laplace(0,1), a sharp peak with exponential (heavier than normal) tails,
  ///   standard deviation √2.
  public static let presetNames = ["gaussian", "bimodal", "trimodal", "uniform", "skewed", "heavy"]

  /// The preset called `name` (case-insensitive, surrounding whitespace ignored), or nil.
  public static func preset(_ name: String) -> Target? {
    let key = TargetSpecParser.trimmed(name).lowercased()
    guard let distribution = presetDistribution(key) else { return nil }
    return Target(name: key, spec: key, distribution: distribution)
  }

  /// The distribution of the preset called `name` (lowercase), or nil.
  static func presetDistribution(_ name: String) -> Distribution? {
    switch name {
    case "gaussian": return .normal(mean: 4, standardDeviation: 0.5)
    case "bimodal":
      return equalMixture([
        .normal(mean: -2, standardDeviation: 0.5), .normal(mean: 2, standardDeviation: 0.5),
      ])
    case "trimodal":
      return equalMixture([
        .normal(mean: -3, standardDeviation: 0.5), .normal(mean: 0, standardDeviation: 0.5),
        .normal(mean: 3, standardDeviation: 0.5),
      ])
    case "uniform": return .uniform(lower: 2, upper: 6)
    case "skewed": return .logNormal(mu: 1, sigma: 0.5)
    case "heavy": return .laplace(location: 0, scale: 1)
    default: return nil
    }
  }

  private static func equalMixture(_ parts: [Distribution]) -> Distribution {
    let ones = [Double](repeating: 1, count: parts.count)
    let weights =
      Distribution.normalizedWeights(ones)
      ?? [Double](repeating: 1 / Double(parts.count), count: parts.count)
    return .mixture(zip(weights, parts).map { MixtureComponent(weight: $0, distribution: $1) })
  }

  /// Parses a target spec (see the type's documentation for the language).
  public static func parse(_ text: String) throws(TargetSpecError) -> Target {
    var parser = TargetSpecParser(text: text)
    return try parser.parseTarget()
  }
}

/// A recursive-descent parser over the Unicode scalars of a spec; columns are 1-based scalar
/// offsets.
struct TargetSpecParser {
  struct Node {
    var distribution: Distribution
    var spec: String
    var preset: String?
  }

  static let families = ["normal", "uniform", "laplace", "lognormal"]
  static let accepted =
    "normal, uniform, laplace, lognormal, mix, file:PATH or a preset: "
    + Target.presetNames.joined(separator: ", ")

  let text: String
  let scalars: [Unicode.Scalar]
  var position = 0
  var depth = 0

  init(text: String) {
    self.text = text
    scalars = Array(text.unicodeScalars)
  }

  // MARK: Targets and expressions

  mutating func parseTarget() throws(TargetSpecError) -> Target {
    skipSpace()
    if atEnd {
      throw TargetSpecError(
        "empty target spec (expected normal(mu,sigma), uniform(a,b), laplace(mu,b), "
          + "lognormal(mu,sigma), mix(...), file:PATH or a preset: "
          + Target.presetNames.joined(separator: ", ") + ")")
    }
    if hasFilePrefix {
      let path = Self.trimmed(slice(position + 5, scalars.count))
      let samples = try Self.readSamples(path)
      return Target(
        name: "file:" + Self.basename(path), spec: "file:" + path,
        distribution: .empirical(samples))
    }
    let node = try parseExpression()
    skipSpace()
    if !atEnd {
      throw TargetSpecError(
        "unexpected \(found()) at column \(column) after the end of the spec in \(quotedText)")
    }
    if let preset = node.preset {
      return Target(name: preset, spec: preset, distribution: node.distribution)
    }
    return Target(name: node.spec, spec: node.spec, distribution: node.distribution)
  }

  private var hasFilePrefix: Bool {
    guard position + 5 <= scalars.count else { return false }
    return slice(position, position + 5).lowercased() == "file:"
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
      let path = Self.trimmed(slice(pathStart, position))
      let samples = try Self.readSamples(path)
      return Node(distribution: .empirical(samples), spec: "file:" + path, preset: nil)
    }
    let afterName = position
    skipSpace()
    if peek == "(" {
      position += 1
      if Self.families.contains(name) { return try parseFamily(name, start: start) }
      if name == "mix" { return try parseMix(start: start) }
      if Target.presetNames.contains(name) {
        throw TargetSpecError(
          "preset '\(typed)' takes no arguments (found '(' at column \(position)) in \(quotedText)")
      }
      throw unknownName(typed, start: start)
    }
    position = afterName
    if let distribution = Target.presetDistribution(name) {
      return Node(distribution: distribution, spec: distribution.description, preset: name)
    }
    if Self.families.contains(name) {
      throw TargetSpecError(
        "'\(typed)' at column \(start + 1) needs its parameters: \(Self.signature(name)) "
          + "in \(quotedText)")
    }
    if name == "mix" {
      throw TargetSpecError(
        "'\(typed)' at column \(start + 1) needs components: mix(w1*SPEC, w2*SPEC, ...) "
          + "in \(quotedText)")
    }
    if name == "file" {
      throw TargetSpecError(
        "'\(typed)' at column \(start + 1) must be followed directly by ':' and a path "
          + "(file:PATH) in \(quotedText)")
    }
    throw unknownName(typed, start: start)
  }

  private func unknownName(_ typed: String, start: Int) -> TargetSpecError {
    TargetSpecError(
      "unknown distribution '\(typed)' at column \(start + 1) (expected \(Self.accepted))")
  }

  private static func signature(_ name: String) -> String {
    switch name {
    case "normal": return "normal(mu,sigma)"
    case "uniform": return "uniform(a,b)"
    case "laplace": return "laplace(mu,b)"
    case "lognormal": return "lognormal(mu,sigma)"
    default: return name + "(...)"
    }
  }

  /// Parses the arguments of `name(` (already consumed) and builds the distribution.
  private mutating func parseFamily(_ name: String, start: Int) throws(TargetSpecError) -> Node {
    let signature = Self.signature(name)
    let args = try parseArguments(signature)
    let call = slice(start, position)
    guard args.count == 2 else {
      throw TargetSpecError(
        "\(signature) takes 2 numbers, got \(args.count) in \(Self.quoted(call))")
    }
    let (a, b) = (args[0], args[1])
    let distribution: Distribution
    switch name {
    case "normal":
      guard b.value > 0 else {
        throw TargetSpecError("normal: sigma must be > 0, got \(b.text) in \(Self.quoted(call))")
      }
      distribution = .normal(mean: a.value, standardDeviation: b.value)
    case "uniform":
      guard a.value < b.value else {
        throw TargetSpecError(
          "uniform(a,b) needs a < b, got a = \(a.text), b = \(b.text) in \(Self.quoted(call))")
      }
      distribution = .uniform(lower: a.value, upper: b.value)
    case "laplace":
      guard b.value > 0 else {
        throw TargetSpecError(
          "laplace: scale b must be > 0, got \(b.text) in \(Self.quoted(call))")
      }
      distribution = .laplace(location: a.value, scale: b.value)
    default:
      guard b.value > 0 else {
        throw TargetSpecError(
          "lognormal: sigma must be > 0, got \(b.text) in \(Self.quoted(call))")
      }
      distribution = .logNormal(mu: a.value, sigma: b.value)
    }
    try Self.checkMagnitude(distribution, call)
    return Node(distribution: distribution, spec: distribution.description, preset: nil)
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
        "mix(...) needs at least one component, got none in \(Self.quoted(slice(start, position)))"
      )
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
            "expected '*' after weight '\(number.text)' at column \(column), found \(found()) "
              + "in \(quotedText)")
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
    let call = slice(start, position)
    guard let normalized = Distribution.normalizedWeights(weights) else {
      throw TargetSpecError(
        "mix: the weights in \(Self.quoted(call)) are too far apart: "
          + "a component's share underflows to 0")
    }
    let components = zip(normalized, nodes).map {
      MixtureComponent(weight: $0, distribution: $1.distribution)
    }
    let parts = zip(normalized, nodes).map { "\(Distribution.format($0))*\($1.spec)" }
    return Node(
      distribution: .mixture(components), spec: "mix(\(parts.joined(separator: ",")))",
      preset: nil)
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
  /// before the exponent (`4`, `-2`, `0.5`, `1e-3`, `.5`, `5.`).
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
        "number '\(numberText)' at column \(start + 1) is out of range in \(quotedText)")
    }
    return (value, numberText)
  }

  // MARK: Validation

  private static func checkMagnitude(
    _ distribution: Distribution, _ what: String
  ) throws(TargetSpecError) {
    let limit = Target.maximumMagnitude
    let mean = distribution.mean
    let deviation = distribution.standardDeviation
    guard abs(mean) <= limit else {
      throw TargetSpecError(
        "\(quoted(what)) is too extreme: its mean \(Distribution.format(mean)) is not within "
          + "±1e30")
    }
    guard deviation <= limit else {
      throw TargetSpecError(
        "\(quoted(what)) is too extreme: its standard deviation "
          + "\(Distribution.format(deviation)) exceeds 1e30")
    }
  }

  // MARK: Files

  /// The longest line accepted in a `file:` target (protects against reading, say, a device
  /// that never produces a newline).
  static let maximumLineLength = 4096

  /// Reads one number per line; blank lines and `#` comments are skipped.
  static func readSamples(_ path: String) throws(TargetSpecError) -> EmpiricalSamples {
    guard !path.isEmpty else {
      throw TargetSpecError("file: needs a path after ':', e.g. file:samples.txt")
    }
    guard let file = fopen(path, "r") else {
      let code = errno
      throw TargetSpecError("cannot open file '\(path)': \(errorText(code))")
    }
    defer { fclose(file) }
    var values: [Double] = []
    var line: [UInt8] = []
    var lineNumber = 0
    var chunk = [UInt8](repeating: 0, count: 65536)
    func finishLine() throws(TargetSpecError) {
      lineNumber += 1
      let content = trimmed(String(decoding: line, as: UTF8.self))
      line.removeAll(keepingCapacity: true)
      if content.isEmpty || content.hasPrefix("#") { return }
      guard let value = Double(content) else {
        throw TargetSpecError(
          "file '\(path)' line \(lineNumber): \(quoted(content)) is not a number "
            + "(expected one number per line; blank lines and # comments are skipped)")
      }
      guard value.isFinite else {
        throw TargetSpecError(
          "file '\(path)' line \(lineNumber): \(quoted(content)) is not a finite number")
      }
      values.append(value)
    }
    while true {
      let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
      if count == 0 { break }
      for byte in chunk[0..<count] {
        if byte == UInt8(ascii: "\n") {
          try finishLine()
        } else {
          line.append(byte)
          if line.count > maximumLineLength {
            throw TargetSpecError(
              "file '\(path)' line \(lineNumber + 1) is longer than \(maximumLineLength) bytes "
                + "(expected one number per line)")
          }
        }
      }
    }
    if ferror(file) != 0 {
      let code = errno
      throw TargetSpecError("cannot read file '\(path)': \(errorText(code))")
    }
    if !line.isEmpty { try finishLine() }
    guard values.count >= 2 else {
      throw TargetSpecError(
        "file '\(path)' holds \(values.count) number(s); at least 2 are needed")
    }
    let samples = EmpiricalSamples(values: values)
    guard let first = samples.sorted.first, let last = samples.sorted.last, first < last else {
      throw TargetSpecError(
        "file '\(path)': all \(values.count) values are equal; the target needs some spread")
    }
    try checkMagnitude(.empirical(samples), "file:" + path)
    return samples
  }

  private static func errorText(_ code: Int32) -> String {
    guard let message = strerror(code) else { return "error \(code)" }
    return String(cString: message)
  }

  /// The last path component (the whole path if it has none).
  static func basename(_ path: String) -> String {
    var scalars = Array(path.unicodeScalars)
    while scalars.count > 1 && scalars.last == "/" { scalars.removeLast() }
    let tail = scalars.split(separator: "/", omittingEmptySubsequences: false).last ?? []
    let name = String(String.UnicodeScalarView(tail))
    return name.isEmpty ? path : name
  }

  // MARK: Scanning helpers

  private var atEnd: Bool { position >= scalars.count }
  private var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }
  private var column: Int { position + 1 }
  private var quotedText: String { Self.quoted(text) }

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
    return Self.quoted(slice(position, end))
  }

  private static func isLetter(_ c: Unicode.Scalar) -> Bool {
    (c >= "a" && c <= "z") || (c >= "A" && c <= "Z")
  }

  private static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

  static func trimmed(_ s: String) -> String {
    let scalars = Array(s.unicodeScalars)
    var lo = 0
    var hi = scalars.count
    while lo < hi && scalars[lo].properties.isWhitespace { lo += 1 }
    while hi > lo && scalars[hi - 1].properties.isWhitespace { hi -= 1 }
    return String(String.UnicodeScalarView(scalars[lo..<hi]))
  }

  /// `'text'`, shortened in the middle when very long.
  static func quoted(_ s: String) -> String {
    let scalars = Array(s.unicodeScalars)
    guard scalars.count > 120 else { return "'\(s)'" }
    let head = String(String.UnicodeScalarView(scalars[0..<80]))
    let tail = String(String.UnicodeScalarView(scalars[(scalars.count - 30)...]))
    return "'\(head)…\(tail)'"
  }
}
