/// Why a target spec was rejected: one line that names the offending text and what is
/// accepted instead.
public struct TargetSpecError: Error, Sendable, Equatable, CustomStringConvertible {
  public var description: String

  public init(_ description: String) { self.description = description }
}

/// A target p_data: what the user typed (or the preset name) and what it means.
///
/// The spec language (whitespace is allowed between tokens; names are case-insensitive):
/// - a family with two numbers (`DistributionFamily`): `normal(mu,sigma)` with sigma > 0,
///   `uniform(a,b)` with a < b, `laplace(mu,b)` with b > 0, `lognormal(mu,sigma)` with
///   sigma > 0 (the distribution of exp(N(mu, sigma²)))
/// - `mix(w1*SPEC, w2*SPEC, ...)`: one or more components; a component without a weight gets
///   weight 1; weights must be > 0 and are normalized to sum to 1; mixes may nest (up to
///   `Target.maximumNesting` levels) and may contain presets and `file:` targets
/// - `drawn(a,b,h1,...,hn)`: a density drawn by hand (`DrawnDensity`, the live view's
///   target editor): heights h ≥ 0 (at least one > 0) over n equal columns of [a, b]
/// - `file:PATH`: resample the numbers of a data file, one per line (blank lines and lines
///   starting with `#` are ignored; at least 2 values, not all equal; see
///   `EmpiricalDataParser`). At the top level PATH is the rest of the text; inside `mix(...)`
///   it runs up to the next `,` or `)`.
/// - a preset name (`Target.presets`).
///
/// Numbers are decimal: `4`, `-2`, `0.5`, `1e-3`, `.5`. Every distribution's mean and
/// standard deviation must stay within ±1e30, so that samples remain finite Floats.
///
/// GANCore reads no files: `TargetSpec.parse` gives everything but the numbers of the data
/// files a spec names, and the program's edge reads those (`TargetLoader` in GANRuntime) and
/// passes them in. A `Target` is therefore complete: training, a target change and a
/// checkpoint carry it whole, and nothing downstream ever opens the file again.
public struct Target: Sendable, Hashable {
  /// The preset name if a preset was used, `file:<basename>` for a file, else the canonical
  /// spec text (e.g. `normal(4,0.5)`).
  public var name: String
  /// Canonical spec text that parses back to the same distribution (for a preset, its name;
  /// for a file, `file:<path as given>`, which means the same only while the file does).
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

  /// Parses a spec that names no data file: a preset, a family, a mix of those. A `file:`
  /// spec is an error here; the program reads its data at the edge (`TargetLoader`).
  public static func parse(_ text: String) throws(TargetSpecError) -> Target {
    try TargetSpec.parse(text).target(data: [:])
  }

  /// Parses `text`, taking the numbers of its data files from a target of `known` with the
  /// same spec (a recording's header holds its target's numbers, so a checkpoint or a
  /// re-simulation of it needs no file). A spec with data files that no known target has
  /// is an error.
  public static func parse(_ text: String, dataFrom known: [Target]) throws(TargetSpecError)
    -> Target
  {
    let parsed = try TargetSpec.parse(text)
    if parsed.dataFiles.isEmpty { return try parsed.target(data: [:]) }
    if let target = known.first(where: { $0.spec == parsed.spec }) { return target }
    return try parsed.target(data: [:])  // throws: names the missing data
  }
}
