import Testing

@testable import GANCore

/// The gradients of gradients behind R1, R2 and WGAN-GP: the forward-mode slope s = ∂D/∂x
/// and the θ-gradient of a penalty on it, against the plain Double reference net and
/// central differences in double precision.
@Suite struct SlopePenaltyTests {
  static let shapes = [(5, 1), (5, 3), (20, 2), (40, 2)]
  static let penaltyShapes: [SlopePenaltyShape] = [
    .squared(weight: 3), .unitSlope(weight: 10), .slopeAboveOne(weight: 200),
  ]

  /// The fast net's slope pass over the fixture's inputs.
  func fastSlopePass(_ fixture: NetFixture) -> SlopeWorkspace {
    let ws = SlopeWorkspace(rows: fixture.inputs.count, architecture: fixture.net.architecture)
    for s in 0..<ws.rows { ws.input[s] = s < fixture.inputs.count ? Float(fixture.inputs[s]) : 0 }
    fixture.net.slopeForward(ws)
    return ws
  }

  @Test(arguments: Activation.allCases, shapes)
  func slopeMatchesTheReferenceAndFiniteDifferences(activation: Activation, shape: (Int, Int)) {
    let fixture = NetFixture(width: shape.0, layers: shape.1, activation: activation)
    let ws = fastSlopePass(fixture)
    let step = 1e-6
    for (s, x) in fixture.inputs.enumerated() {
      let reference = fixture.reference.slope(x)
      let numeric =
        (fixture.reference.forward(x + step).output - fixture.reference.forward(x - step).output)
        / (2 * step)
      #expect(abs(reference - numeric) <= 1e-6 * (abs(numeric) + 1))
      #expect(abs(Double(ws.slope[s]) - reference) <= 1e-4 * (abs(reference) + 1e-2))
      #expect(
        abs(Double(ws.output[s]) - fixture.reference.forward(x).output)
          <= 1e-4 * (abs(fixture.reference.forward(x).output) + 1e-2))
    }
  }

  /// ℛ(θ) = (1/n) Σₛ φ(D′(xₛ)) by the reference net in Double.
  static func penalty(
    _ net: ReferencePerceptron, _ inputs: [Double], _ shape: SlopePenaltyShape
  ) -> Double {
    inputs.reduce(0) { $0 + shape.value(net.slope($1)) } / Double(inputs.count)
  }

  /// Every parameter's ∂ℛ/∂θ from the fast double-backward pass against central
  /// differences of ℛ computed in Double by the reference net (step 1e-6).
  @Test(arguments: Activation.allCases, shapes)
  func penaltyGradientMatchesFiniteDifferences(activation: Activation, shape: (Int, Int)) {
    for penaltyShape in Self.penaltyShapes {
      let fixture = NetFixture(width: shape.0, layers: shape.1, activation: activation)
      // Steeper nets for WGAN-LP's penalty, which is zero until a slope passes 1: output
      // weights × 30 (the pre-activations, and so the distance to every kink, stay as they
      // are).
      if case .slopeAboveOne = penaltyShape {
        let net = fixture.net
        for c in 0..<net.paddedWidth { net.parameters[net.layout.outputWeights + c] *= 30 }
        net.parametersChanged()
        // A linear net's slope is one number everywhere: steepen it further if it is still
        // below 1, so that the penalty is not zero for every input.
        let steepest = fixture.inputs.map { abs(ReferencePerceptron(net).slope($0)) }.max() ?? 0
        if steepest < 2 {
          let factor = Float(3 / max(steepest, 1e-3))
          for c in 0..<net.paddedWidth {
            net.parameters[net.layout.outputWeights + c] *= factor
          }
          net.parametersChanged()
        }
      }
      let reference = ReferencePerceptron(fixture.net)
      let ws = SlopeWorkspace(
        rows: fixture.inputs.count, architecture: fixture.net.architecture)
      for s in 0..<ws.rows {
        ws.input[s] = s < fixture.inputs.count ? Float(fixture.inputs[s]) : 0
      }
      let value = fixture.net.slopePenalty(
        ws, count: fixture.inputs.count, shape: penaltyShape)
      let xs = fixture.inputs
      Self.expectMatchesReference(
        value: value, gradient: ws.parameterGradients, reference: reference, fixture: fixture,
        label: "\(penaltyShape)"
      ) { Self.penalty($0, xs, penaltyShape) }
    }
  }

  /// A fast pass's penalty `value` and its parameter gradient `gradient` against the Double
  /// reference net: the value, then central differences of `penalty` in every parameter.
  static func expectMatchesReference(
    value: Double, gradient: UnsafePointer<Float>, reference: ReferencePerceptron,
    fixture: NetFixture, label: String, penalty: (ReferencePerceptron) -> Double
  ) {
    let exactValue = penalty(reference)
    #expect(abs(value - exactValue) <= 1e-4 * (abs(exactValue) + 1e-2))
    let numeric = reference.centralDifferences(step: 1e-6, of: penalty)
    let expected = ReferencePerceptron.padded(numeric, like: fixture.net)
    let scale = expected.map(abs).max() ?? 1
    #expect(scale > 1e-3, "the penalty must depend on the parameters")
    let mismatches = mismatches(gradient, expected: expected, isParameter: fixture.isParameter)
    #expect(mismatches.isEmpty, "\(label): \(mismatches.prefix(3))")
  }

  /// The fast penalty gradients that disagree with the numeric ones (relative to the
  /// largest), and padding entries that are not exactly zero, one line each.
  static func mismatches(
    _ fast: UnsafePointer<Float>, expected: [Double], isParameter: [Bool]
  ) -> [String] {
    let scale = expected.map(abs).max() ?? 1
    var lines: [String] = []
    for i in expected.indices {
      let value = Double(fast[i])
      if !isParameter[i] {
        if value != 0 { lines.append("padding \(i): \(value)") }
        continue
      }
      if abs(value - expected[i]) > 2e-3 * (abs(expected[i]) + 1e-2 * scale) {
        lines.append("\(i): fast \(value), numeric \(expected[i])")
      }
    }
    return lines
  }
}
