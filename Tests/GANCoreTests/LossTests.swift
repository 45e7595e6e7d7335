import Foundation
import Testing

@testable import GANCore

/// Each loss's objectives, derivatives and readout, checked against each other and against
/// finite differences in double precision.
@Suite struct LossTests {
  /// Away from the hinge's kinks at ±1, where its derivative is not defined.
  static let outputs: [Double] = [-6, -2.5, -0.7, 0, 0.3, 1.1, 2.2, 5]

  /// Central difference of f at x.
  func derivative(_ f: (Double) -> Double, at x: Double, h: Double = 1e-5) -> Double {
    (f(x + h) - f(x - h)) / (2 * h)
  }

  @Test(arguments: Loss.allCases) func discriminatorGradientIsTheDerivativeOfItsLoss(_ loss: Loss) {
    let real = Self.outputs.count
    let fake = Self.outputs.count
    let o = (Self.outputs + Self.outputs.reversed()).map(Float.init)
    var g = [Float](repeating: 0, count: o.count)
    o.withUnsafeBufferPointer { out in
      g.withUnsafeMutableBufferPointer { grad in
        loss.discriminatorGradient(
          output: out.baseAddress!, into: grad.baseAddress!, real: real, fake: fake)
      }
    }
    for i in 0..<real {
      let expected = derivative(loss.discriminatorRealLoss, at: Double(o[i])) / Double(real)
      #expect(abs(Double(g[i]) - expected) < 2e-6, "\(loss) real \(o[i])")
    }
    for i in real..<(real + fake) {
      let expected = derivative(loss.discriminatorFakeLoss, at: Double(o[i])) / Double(fake)
      #expect(abs(Double(g[i]) - expected) < 2e-6, "\(loss) fake \(o[i])")
    }
  }

  @Test(arguments: Loss.allCases) func generatorGradientIsTheDerivativeOfItsLoss(_ loss: Loss) {
    let o = Self.outputs.map(Float.init)
    var g = [Float](repeating: 0, count: o.count)
    o.withUnsafeBufferPointer { out in
      g.withUnsafeMutableBufferPointer { grad in
        loss.generatorGradient(output: out.baseAddress!, into: grad.baseAddress!, count: o.count)
      }
    }
    for i in o.indices {
      let expected = derivative(loss.generatorLoss, at: Double(o[i])) / Double(o.count)
      #expect(abs(Double(g[i]) - expected) < 2e-6, "\(loss) \(o[i])")
    }
  }

  @Test(arguments: Loss.allCases) func readoutSlopeIsTheDerivativeOfTheReadout(_ loss: Loss) {
    for o in Self.outputs {
      let expected = derivative(loss.readout, at: o)
      #expect(abs(loss.readoutSlope(o) - expected) < 1e-8, "\(loss) \(o)")
    }
  }

  /// D's objective is minus D's loss: V(G, D) for the cross-entropy losses.
  @Test(arguments: Loss.allCases) func objectiveIsMinusTheDiscriminatorLoss(_ loss: Loss) {
    for o in Self.outputs {
      #expect(abs(loss.objectiveRealTerm(o) + loss.discriminatorRealLoss(o)) < 1e-12)
      #expect(abs(loss.objectiveFakeTerm(o) + loss.discriminatorFakeLoss(o)) < 1e-12)
    }
  }

  /// The readout is what the loss says it is: a probability for the cross-entropy losses,
  /// least squares' raw score (never clamped: a clamp hid D at 0 and V at −69 before).
  @Test func readouts() {
    for o in Self.outputs {
      #expect(abs(Loss.nonsaturating.readout(o) - 1 / (1 + exp(-o))) < 1e-15)
      #expect(Loss.minimax.readout(o) == Loss.nonsaturating.readout(o))
      #expect(Loss.leastSquares.readout(o) == o)
    }
    #expect(Loss.minimax.readout == .probability)
    #expect(Loss.leastSquares.readout == .score(real: 1, fake: 0))
    #expect(Loss.leastSquares.objectiveName != Loss.minimax.objectiveName)
  }

  /// A snapshot under least squares reports D's own objective and mean score: finite, of
  /// the size the loss gives (before: V = −69.08 and D = 0 at iteration 0).
  @Test func leastSquaresSnapshotReportsItsOwnObjective() throws {
    var h = Hyperparameters()
    h.loss = .leastSquares
    let trainer = Trainer(
      config: TrainingConfig(target: try Target.parse("normal(4,0.5)"), hyperparameters: h))
    let evaluator = Evaluator(architecture: trainer.architecture, prior: trainer.prior)
    let m = evaluator.snapshot(of: trainer).metrics
    // With outputs o of order 1, −½E(o−1)² − ½E o² lies in (−5, 0).
    #expect(m.value < 0 && m.value > -5, "\(m.value)")
    #expect(m.meanDReal != 0 && m.meanDFake != 0)
    #expect(abs(m.meanDReal) < 3 && abs(m.meanDFake) < 3)
  }
}
