import Foundation
import Testing

@testable import GANCore

struct ValidCase: Sendable, CustomTestStringConvertible {
  var text: String
  var name: String
  var spec: String
  var distribution: Distribution
  var testDescription: String { text }
}

func component(_ weight: Double, _ distribution: Distribution) -> MixtureComponent {
  MixtureComponent(weight: weight, distribution: distribution)
}

let validCases: [ValidCase] = [
  ValidCase(
    text: "normal(4,0.5)", name: "normal(4,0.5)", spec: "normal(4,0.5)",
    distribution: .normal(mean: 4, standardDeviation: 0.5)),
  ValidCase(
    text: "  Normal ( 4 , .5 )  ", name: "normal(4,0.5)", spec: "normal(4,0.5)",
    distribution: .normal(mean: 4, standardDeviation: 0.5)),
  ValidCase(
    text: "normal(-2, 1e-3)", name: "normal(-2,0.001)", spec: "normal(-2,0.001)",
    distribution: .normal(mean: -2, standardDeviation: 0.001)),
  ValidCase(
    text: "normal(+1.5E1,2.)", name: "normal(15,2)", spec: "normal(15,2)",
    distribution: .normal(mean: 15, standardDeviation: 2)),
  ValidCase(
    text: "uniform(-1,1)", name: "uniform(-1,1)", spec: "uniform(-1,1)",
    distribution: .uniform(lower: -1, upper: 1)),
  ValidCase(
    text: "laplace(0.25,2)", name: "laplace(0.25,2)", spec: "laplace(0.25,2)",
    distribution: .laplace(location: 0.25, scale: 2)),
  ValidCase(
    text: "LOGNORMAL(1,0.5)", name: "lognormal(1,0.5)", spec: "lognormal(1,0.5)",
    distribution: .logNormal(mu: 1, sigma: 0.5)),
  ValidCase(
    text: "mix(normal(-2,0.5), normal(2,0.5))", name: "mix(0.5*normal(-2,0.5),0.5*normal(2,0.5))",
    spec: "mix(0.5*normal(-2,0.5),0.5*normal(2,0.5))",
    distribution: .mixture([
      component(0.5, .normal(mean: -2, standardDeviation: 0.5)),
      component(0.5, .normal(mean: 2, standardDeviation: 0.5)),
    ])),
  ValidCase(
    text: "mix( 3 * uniform(0,1) , 1*laplace(0,1) )",
    name: "mix(0.75*uniform(0,1),0.25*laplace(0,1))",
    spec: "mix(0.75*uniform(0,1),0.25*laplace(0,1))",
    distribution: .mixture([
      component(0.75, .uniform(lower: 0, upper: 1)),
      component(0.25, .laplace(location: 0, scale: 1)),
    ])),
  ValidCase(
    text: "mix(normal(0,1))", name: "mix(1*normal(0,1))", spec: "mix(1*normal(0,1))",
    distribution: .mixture([component(1, .normal(mean: 0, standardDeviation: 1))])),
  ValidCase(
    text: "mix(2*gaussian, mix(uniform(0,1), 3*normal(1,1)), 1*heavy)",
    name: "mix(0.5*normal(4,0.5),0.25*mix(0.25*uniform(0,1),0.75*normal(1,1)),0.25*laplace(0,1))",
    spec: "mix(0.5*normal(4,0.5),0.25*mix(0.25*uniform(0,1),0.75*normal(1,1)),0.25*laplace(0,1))",
    distribution: .mixture([
      component(0.5, .normal(mean: 4, standardDeviation: 0.5)),
      component(
        0.25,
        .mixture([
          component(0.25, .uniform(lower: 0, upper: 1)),
          component(0.75, .normal(mean: 1, standardDeviation: 1)),
        ])),
      component(0.25, .laplace(location: 0, scale: 1)),
    ])),
  ValidCase(
    text: "gaussian", name: "gaussian", spec: "gaussian",
    distribution: .normal(mean: 4, standardDeviation: 0.5)),
  ValidCase(
    text: " Uniform ", name: "uniform", spec: "uniform",
    distribution: .uniform(lower: 2, upper: 6)),
  ValidCase(
    text: "skewed", name: "skewed", spec: "skewed", distribution: .logNormal(mu: 1, sigma: 0.5)),
  ValidCase(
    text: "heavy", name: "heavy", spec: "heavy", distribution: .laplace(location: 0, scale: 1)),
  ValidCase(text: "point( 0 )", name: "point(0)", spec: "point(0)", distribution: .point(0)),
  ValidCase(
    text: "mix(point(-1), 3*point(2.5))", name: "mix(0.25*point(-1),0.75*point(2.5))",
    spec: "mix(0.25*point(-1),0.75*point(2.5))",
    distribution: .mixture([component(0.25, .point(-1)), component(0.75, .point(2.5))])),
  // A drawn density: runs of equal heights are one uniform piece, weighted by area; zeros
  // are gaps; a single piece is a plain uniform.
  ValidCase(
    text: "drawn(0, 4, 0, 1, 1, 2)", name: "drawn", spec: "drawn(0,4,0,1,1,2)",
    distribution: .mixture([
      component(0.5, .uniform(lower: 1, upper: 3)), component(0.5, .uniform(lower: 3, upper: 4)),
    ])),
  ValidCase(
    text: "DRAWN(-2,2,0,5,0)", name: "drawn", spec: "drawn(-2,2,0,5,0)",
    distribution: .uniform(lower: -2.0 + 4.0 / 3.0, upper: -2.0 + 8.0 / 3.0)),
  ValidCase(
    text: "mix(drawn(0,1,1),normal(4,1))", name: "mix(0.5*drawn(0,1,1),0.5*normal(4,1))",
    spec: "mix(0.5*drawn(0,1,1),0.5*normal(4,1))",
    distribution: .mixture([
      component(0.5, .uniform(lower: 0, upper: 1)),
      component(0.5, .normal(mean: 4, standardDeviation: 1)),
    ])),
]

/// Malformed specs and text each error must contain.
let malformedCases: [(text: String, expected: [String])] = [
  ("", ["empty target spec", "normal(mu,sigma)", "gaussian"]),
  ("   ", ["empty target spec"]),
  ("normal(4)", ["normal(mu,sigma) takes 2 numbers, got 1 in 'normal(4)'"]),
  ("normal()", ["takes 2 numbers, got 0"]),
  ("normal(1,2,3)", ["takes 2 numbers, got 3", "'normal(1,2,3)'"]),
  ("point()", ["point(c) takes 1 number, got 0 in 'point()'"]),
  ("point(0,1)", ["point(c) takes 1 number, got 2"]),
  ("mix()", ["mix(...) needs at least one component", "'mix()'"]),
  ("normal(4,-1)", ["normal: sigma must be > 0, got -1"]),
  ("normal(4,0)", ["sigma must be > 0, got 0"]),
  ("uniform(3,1)", ["uniform(a,b) needs a < b", "a = 3", "b = 1"]),
  ("uniform(2,2)", ["needs a < b", "a = 2"]),
  ("laplace(0,-0.5)", ["laplace: scale b must be > 0, got -0.5"]),
  ("lognormal(1,0)", ["lognormal: sigma must be > 0, got 0"]),
  (
    "foo",
    [
      "unknown distribution 'foo'",
      "normal, uniform, laplace, lognormal, point, mix, drawn, file:PATH",
    ]
  ),
  ("gamma(1,2)", ["unknown distribution 'gamma'", "column 1", "gaussian, bimodal"]),
  ("mix(normal(0,1), cauchy(0,1))", ["unknown distribution 'cauchy'", "column 18"]),
  ("normal(4,0.5)xyz", ["unexpected 'xyz'", "column 14"]),
  ("normal(4,0.5) )", ["unexpected ')'", "column 15"]),
  ("gaussian bimodal", ["unexpected 'bimodal'", "column 10"]),
  ("normal(4,0.5", ["missing ')'", "column 13", "'normal(4,0.5'"]),
  ("mix(normal(4,0.5)", ["missing ')'", "column 18"]),
  ("normal(4;0.5)", ["expected ',' or ')'", "column 9", "';0.5'"]),
  ("normal(a,1)", ["expected a number", "column 8", "'a'"]),
  ("normal(4,)", ["expected a number", "column 10", "')'"]),
  ("normal(1,,2)", ["expected a number", "column 10"]),
  ("normal(--1,2)", ["expected a number", "column 8"]),
  ("normal(1e999,1)", ["number '1e999'", "out of range"]),
  ("normal(1e40,1)", ["too extreme", "'normal(1e40,1)'"]),
  ("lognormal(0,40)", ["too extreme", "'lognormal(0,40)'"]),
  ("uniform(-1e308,1e308)", ["too extreme", "'uniform(-1e308,1e308)'"]),
  ("normal", ["'normal'", "needs its parameters", "normal(mu,sigma)"]),
  ("mix", ["'mix'", "needs components"]),
  ("gaussian(1)", ["preset 'gaussian' takes no arguments"]),
  ("mix(0*normal(0,1))", ["weight must be > 0, got 0", "column 5"]),
  ("mix(-2*normal(0,1))", ["weight must be > 0, got -2"]),
  ("mix(0.5 normal(0,1))", ["expected '*' after weight '0.5'", "column 9", "'normal'"]),
  ("mix(normal(0,1),)", ["expected a distribution name", "column 17", "')'"]),
  ("mix(normal(0,1),", ["expected a distribution", "input ended"]),
  ("mix(1e-300*normal(0,1), 1e300*normal(1,1))", ["weights", "too far apart"]),
  ("4", ["expected a distribution name", "column 1", "'4'"]),
  ("(normal(0,1))", ["expected a distribution name", "'('"]),
  ("normal(4,0.5)(", ["unexpected '('"]),
  ("file :x", ["'file'", "file:PATH"]),
  ("file:", ["file: needs a path"]),
  ("normal(4\u{2009},0.5\u{00A0})x", ["unexpected 'x'"]),
  ("nörmal(1,2)", ["unknown distribution 'n'"]),
  ("mix(gaussian", ["missing ')'"]),
  ("drawn", ["'drawn'", "needs its numbers", "drawn(a,b,h1,...,hn)"]),
  ("drawn(0,1)", ["takes a, b and at least one height, got 2 numbers"]),
  ("drawn(1,0,1)", ["needs a < b", "a = 1", "b = 0"]),
  ("drawn(0,1,0,0)", ["at least one height > 0"]),
  ("drawn(0,1,1,-1)", ["heights >= 0, got -1"]),
  ("drawn(0,1e31,1)", ["within ±1e30"]),
  (
    "drawn(0,1," + Array(repeating: "1", count: 513).joined(separator: ",") + ")",
    ["1 to 512 heights, got 513"]
  ),
]

@Suite struct TargetSpecTests {
  @Test(arguments: validCases)
  func validSpecsParse(_ c: ValidCase) throws {
    let target = try Target.parse(c.text)
    #expect(target.name == c.name)
    #expect(target.spec == c.spec)
    #expect(target.distribution == c.distribution)
    // The canonical spec text parses back to the same distribution.
    #expect(try Target.parse(target.spec).distribution == target.distribution)
    #expect(try Target.parse(target.spec).spec == target.spec)
  }

  @Test func malformedSpecsAreRejected() {
    for c in malformedCases {
      do {
        let target = try Target.parse(c.text)
        Issue.record("'\(c.text)' parsed as \(target.spec)")
      } catch {
        for part in c.expected {
          #expect(error.description.contains(part), "'\(c.text)' → \(error.description)")
        }
        #expect(!error.description.contains("\n"))
      }
    }
  }

  @Test func presets() throws {
    #expect(
      Target.presetNames == ["gaussian", "bimodal", "trimodal", "uniform", "skewed", "heavy"])
    let definitions = [
      "gaussian": "normal(4,0.5)",
      "bimodal": "mix(normal(-2,0.5),normal(2,0.5))",
      "trimodal": "mix(normal(-3,0.5),normal(0,0.5),normal(3,0.5))",
      "uniform": "uniform(2,6)",
      "skewed": "lognormal(1,0.5)",
      "heavy": "laplace(0,1)",
    ]
    for name in Target.presetNames {
      let preset = try #require(Target.preset(name))
      #expect(preset.name == name && preset.spec == name)
      let definition = try #require(definitions[name])
      #expect(preset.distribution == (try Target.parse(definition).distribution))
      #expect(Target.presets.first { $0.name == name }?.definition == definition)
      #expect(try Target.parse(name) == preset)
      #expect(try Target.parse(name.uppercased()) == preset)
      #expect(Target.preset(" \(name.capitalized) ") == preset)
      // The expanded definition text re-parses exactly, as do mixes of presets.
      let expanded = try Target.parse("mix(\(name))")
      #expect(try Target.parse(expanded.spec).distribution == expanded.distribution)
    }
    #expect(Target.preset("nope") == nil)
    #expect(Target.preset("") == nil)
    guard case .mixture(let thirds) = try #require(Target.preset("trimodal")).distribution else {
      Issue.record("trimodal is not a mixture")
      return
    }
    let third: Double = 1.0 / 3
    #expect(thirds.map(\.weight) == [third, third, third])
    // The skewed preset is right-skewed: mean > median > mode.
    let skewed = try #require(Target.preset("skewed")).distribution
    #expect(skewed.mean > skewed.quantile(0.5) && skewed.quantile(0.5) > exp(0.75))
  }

  @Test func mixtureWeightsAreNormalized() throws {
    let target = try Target.parse(
      "mix(1*normal(0,1), 2*normal(1,1), normal(2,1), 0.5*uniform(0,1))")
    guard case .mixture(let components) = target.distribution else {
      Issue.record("not a mixture")
      return
    }
    let weights = components.map(\.weight)
    #expect(abs(weights.reduce(0, +) - 1) <= 1e-15)
    for (w, expected) in zip(weights, [1, 2, 1, 0.5].map { $0 / 4.5 }) {
      #expect(abs(w - expected) < 1e-15)
    }
  }

  @Test func randomMixturesRoundTripExactly() throws {
    var rng = Xoshiro256(seed: 11)
    let leaves = [
      "normal(1,2)", "uniform(-3,0.1)", "laplace(5,0.3)", "lognormal(0,0.7)", "bimodal",
    ]
    for _ in 0..<500 {
      let count = 1 + Int(rng.next() % 5)
      let parts = (0..<count).map { _ -> String in
        let weight = exp(10 * (rng.nextUnitDouble() - 0.5))
        return "\(weight)*\(leaves[Int(rng.next() % UInt64(leaves.count))])"
      }
      let text = "mix(\(parts.joined(separator: ", ")))"
      let target = try Target.parse(text)
      let again = try Target.parse(target.spec)
      #expect(again == target, "\(text)")
    }
  }

  @Test func nesting() throws {
    let depth = Target.maximumNesting
    let deep =
      String(repeating: "mix(", count: depth) + "normal(0,1)"
      + String(repeating: ")", count: depth)
    let target = try Target.parse(deep)
    #expect(target.distribution.mean == 0)
    let tooDeep = "mix(" + deep + ")"
    #expect(throws: TargetSpecError.self) { try Target.parse(tooDeep) }
    let absurd = String(repeating: "mix(", count: 100_000)
    #expect(throws: TargetSpecError.self) { try Target.parse(absurd) }
    let parens = String(repeating: "(", count: 100_000)
    #expect(throws: TargetSpecError.self) { try Target.parse(parens) }
  }

  @Test func randomStringsNeverCrash() {
    let tokens = [
      "normal", "uniform", "laplace", "lognormal", "mix", "gaussian", "bimodal", "skewed", "file:",
      "(", "(", ")", ")", ",", ",", "*", "-", ".", "e", "E", "+", "1", "0", "5", "2", "9", " ",
      "1e400", "1e-400", "foo", "0.5", "-3", ":", "#", "\t", "é", "\u{0}",
    ]
    let characters = Array("normaluifpcegxbkw():,*.-+eE0123456789 #")
    var rng = Xoshiro256(seed: 2024)
    var accepted = 0
    for i in 0..<4000 {
      var text = ""
      if i % 2 == 0 {
        for _ in 0..<(1 + Int(rng.next() % 24)) {
          text += tokens[Int(rng.next() % UInt64(tokens.count))]
        }
      } else {
        for _ in 0..<(Int(rng.next() % 40)) {
          text.append(characters[Int(rng.next() % UInt64(characters.count))])
        }
      }
      do {
        let target = try Target.parse(text)
        accepted += 1
        let d = target.distribution
        #expect(d.mean.isFinite && d.standardDeviation.isFinite, "\(text)")
        let r = d.range(tail: 0.001)
        #expect(r.lowerBound.isFinite && r.upperBound.isFinite, "\(text)")
        var sampler = Xoshiro256(seed: UInt64(i))
        #expect(d.sample(using: &sampler).isFinite, "\(text)")
        let again = try? Target.parse(target.spec)
        #expect(again?.distribution == d, "\(text)")
      } catch {
        #expect(!error.description.isEmpty && !error.description.contains("\n"), "\(text)")
      }
    }
    // Also every valid spec with one character removed or duplicated.
    for c in validCases {
      let scalars = Array(c.text.unicodeScalars)
      for i in scalars.indices {
        var removed = scalars
        removed.remove(at: i)
        var doubled = scalars
        doubled.insert(scalars[i], at: i)
        for variant in [removed, doubled] {
          _ = try? Target.parse(String(String.UnicodeScalarView(variant)))
        }
      }
    }
    #expect(accepted > 0)
  }

  // MARK: The family table

  @Test func everyFamilyIsParsedFromTheTable() throws {
    for family in DistributionFamily.allCases {
      let numbers = (1...family.parameterNames.count).map(Double.init)
      let typed = numbers.map { String(Int($0)) }
      let target = try Target.parse(
        "\(family.name.uppercased())(\(typed.joined(separator: ", ")))")
      let parsed = try #require(target.distribution.family)
      #expect(parsed.family == family && parsed.parameters == numbers)
      #expect(target.spec == "\(family.name)(\(typed.joined(separator: ",")))")
      #expect(family.signature.hasPrefix(family.name + "("))
    }
    // The families are not a fallback for unknown names.
    for unknown in ["gamma(1,2)", "cauchy(0,1)", "lognorma(1,2)", "normals(1,2)"] {
      let error = #expect(throws: TargetSpecError.self) { try Target.parse(unknown) }
      #expect(error?.description.contains("unknown distribution") == true, "\(unknown)")
    }
  }

  // MARK: Messages stay short and inert

  @Test func messagesQuoteAShortEscapedExcerpt() {
    let huge = "normal(" + String(repeating: "x", count: 131_000) + ")"
    let numbers = "normal(4," + String(repeating: "0", count: 131_000) + ")"
    let mixes = "mix(" + String(repeating: "1*", count: 70_000) + ")"
    for spec in [huge, numbers, mixes, String(repeating: "q", count: 131_000)] {
      let error = #expect(throws: TargetSpecError.self) { try Target.parse(spec) }
      let message = error?.description ?? ""
      #expect(message.count < 600, "\(message.count) characters")
    }
    let escape = "normal(4,0.5)\u{1B}[31m\u{202E}x\u{7}"
    let error = #expect(throws: TargetSpecError.self) { try Target.parse(escape) }
    let message = error?.description ?? ""
    #expect(message.contains("\\u{1B}[31m\\u{202E}x\\u{7}"), "\(message)")
    #expect(!message.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x202E })
  }

  // MARK: file:PATH, parsed without reading

  @Test func fileSpecsNameTheirDataWithoutReadingIt() throws {
    let spec = try TargetSpec.parse("  FILE:/no/such/dir/heights.txt  ")
    #expect(spec.dataFiles == ["/no/such/dir/heights.txt"])
    #expect(spec.spec == "file:/no/such/dir/heights.txt")
    #expect(spec.name == "file:heights.txt")
    let mix = try TargetSpec.parse("mix(file:a.txt, 4*normal(0,1), file:b.txt, 2*file:a.txt)")
    #expect(mix.dataFiles == ["a.txt", "b.txt"])
    #expect(mix.spec == "mix(0.125*file:a.txt,0.5*normal(0,1),0.125*file:b.txt,0.25*file:a.txt)")
    #expect(try TargetSpec.parse("bimodal").dataFiles.isEmpty)

    // GANCore reads no file: without the numbers the target cannot be made.
    let error = #expect(throws: TargetSpecError.self) { try Target.parse("file:a.txt") }
    #expect(error?.description.contains("'file:a.txt' needs the numbers of its data file") == true)

    // Given them, it is complete.
    let a = EmpiricalSamples(values: [1, 2, 3])
    let b = EmpiricalSamples(values: [-5, 5])
    let target = try mix.target(data: ["a.txt": a, "b.txt": b])
    guard case .mixture(let components) = target.distribution else {
      Issue.record("not a mixture")
      return
    }
    #expect(
      components.map(\.distribution) == [
        .empirical(a), .normal(mean: 0, standardDeviation: 1), .empirical(b), .empirical(a),
      ])
    #expect(target.spec == mix.spec && target.name == mix.spec)
  }

  @Test func dataComesFromAKnownTargetWithTheSameSpec() throws {
    let known = Target(
      name: "file:x.txt", spec: "file:/data/x.txt",
      distribution: .empirical(EmpiricalSamples(values: [1, 2])))
    #expect(try Target.parse("file:/data/x.txt", dataFrom: [known]) == known)
    #expect(try Target.parse(" file:/data/x.txt ", dataFrom: [known]) == known)
    #expect(throws: TargetSpecError.self) {
      try Target.parse("file:/data/y.txt", dataFrom: [known])
    }
    // A spec without data is parsed, whatever is known.
    #expect(try Target.parse("gaussian", dataFrom: [known]) == Target.preset("gaussian"))
  }

  // MARK: Data files

  /// Parses `contents` fed in chunks of `chunk` bytes (the answer must not depend on where
  /// the reads of a pipe happen to end).
  func parseData(_ contents: String, chunk: Int = 7) throws(TargetSpecError) -> EmpiricalSamples {
    var parser = EmpiricalDataParser(path: "/tmp/data.txt")
    let bytes = Array(contents.utf8)
    var start = 0
    while start < bytes.count {
      try parser.consume(Array(bytes[start..<min(start + chunk, bytes.count)]))
      start += chunk
    }
    return try parser.finish()
  }

  @Test(arguments: [1, 2, 7, 4096])
  func dataFiles(chunk: Int) throws {
    let samples = try parseData("# heights\n1.5\n\n  2.5  \r\n# more\n-1e-1\n4\n", chunk: chunk)
    #expect(samples.sorted == [-0.1, 1.5, 2.5, 4])
    #expect(abs(samples.mean - 1.975) < 1e-12)
    #expect(try parseData("1\n2\n3", chunk: chunk).sorted == [1, 2, 3])
  }

  @Test func dataFileErrors() throws {
    let cases: [(contents: String, expected: [String])] = [
      ("1.0\n2.0\n# fine\n\nthree\n4\n", ["line 5", "'three'", "not a number"]),
      ("1\ninf\n", ["line 2", "'inf'", "not a finite number"]),
      ("1\nnan\n", ["line 2", "'nan'"]),
      ("1\n2,5\n", ["line 2", "'2,5'", "not a number"]),
      ("# only comments\n\n", ["holds 0 number(s)", "at least 2"]),
      ("", ["holds 0 number(s)"]),
      ("7\n", ["holds 1 number(s)"]),
      ("3\n3\n3\n", ["all 3 values are equal"]),
      ("1\n1e300\n-1e300\n", ["too extreme", "'file:/tmp/data.txt'"]),
      (String(repeating: "1", count: 5000), ["line 1", "longer than 4096 bytes"]),
      ("1\n\u{1B}]0;pwned\u{7}\u{1B}[2J\n", ["line 2", "'\\u{1B}]0;pwned\\u{7}\\u{1B}[2J'"]),
    ]
    for c in cases {
      let error = #expect(throws: TargetSpecError.self) { try parseData(c.contents) }
      let message = error?.description ?? ""
      for part in c.expected + ["/tmp/data.txt"] {
        #expect(message.contains(part), "\(message)")
      }
      #expect(!message.unicodeScalars.contains { $0.value < 0x20 }, "\(message)")
    }
  }

  /// A binary file fails at its first line, its bytes shown escaped.
  @Test func binaryDataIsRefusedEarlyAndInertly() {
    var rng = Xoshiro256(seed: 5)
    var parser = EmpiricalDataParser(path: "blob")
    var refusedAfter = 0
    do {
      for _ in 0..<1000 {
        try parser.consume((0..<512).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
        refusedAfter += 512
      }
      Issue.record("500 KB of random bytes were accepted")
    } catch {
      #expect(refusedAfter <= 8192)
      #expect(error.description.count < 1000)
      #expect(
        !error.description.unicodeScalars.contains {
          $0.value < 0x20 || (0x7F...0x9F).contains($0.value)
        })
    }
  }
}
