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

  /// D's batch gradient is the derivative of D's batch loss in each output (for the
  /// relativistic loss each output also moves the other side's mean).
  @Test(arguments: Loss.allCases) func discriminatorGradientIsTheDerivativeOfItsLoss(_ loss: Loss) {
    // Unequal halves, so each side's average is over its own count.
    let real = Self.outputs.count
    let o = (Self.outputs + Self.outputs.reversed().prefix(5).map { $0 + 0.25 }).map(Float.init)
    var g = [Float](repeating: 0, count: o.count)
    o.withUnsafeBufferPointer { out in
      g.withUnsafeMutableBufferPointer { grad in
        loss.discriminatorGradient(
          output: out.baseAddress!, into: grad.baseAddress!, real: real, fake: o.count - real)
      }
    }
    for i in o.indices {
      let expected = derivative(
        { x in
          var batch = o.map(Double.init)
          batch[i] = x
          return loss.discriminatorLoss(real: Array(batch[..<real]), fake: Array(batch[real...]))
        }, at: Double(o[i]))
      #expect(abs(Double(g[i]) - expected) < 2e-6, "\(loss) output \(i) = \(o[i])")
    }
  }

  /// G's batch gradient is the derivative of G's batch loss in each output on G's samples;
  /// D's outputs on data (read by the relativistic loss) are held fixed.
  @Test(arguments: Loss.allCases) func generatorGradientIsTheDerivativeOfItsLoss(_ loss: Loss) {
    let o = Self.outputs.map(Float.init)
    let data: [Float] = [0.4, 2.5, -1.2, 3.1, 0.9]
    var g = [Float](repeating: 0, count: o.count)
    o.withUnsafeBufferPointer { out in
      g.withUnsafeMutableBufferPointer { grad in
        data.withUnsafeBufferPointer { data in
          loss.generatorGradient(
            output: out.baseAddress!, into: grad.baseAddress!, count: o.count, data: data)
        }
      }
    }
    for i in o.indices {
      let expected = derivative(
        { x in
          var batch = o.map(Double.init)
          batch[i] = x
          return loss.generatorLoss(fake: batch, real: data.map(Double.init))
        }, at: Double(o[i]))
      #expect(abs(Double(g[i]) - expected) < 2e-6, "\(loss) \(o[i])")
    }
  }

  /// D's loss readout is both sums divided once by m, as recordings have always stored it
  /// (`verify` compares it bit for bit; a mean of each half rounds differently at m = 100).
  @Test(arguments: Loss.allCases.filter { !$0.comparesWithData })
  func discriminatorLossKeepsItsRecordedRounding(_ loss: Loss) {
    var rng = Xoshiro256(seed: 5)
    for m in [100, 37, 128] {
      let real = (0..<m).map { _ in Double(8 * rng.nextUnitFloat() - 4) }
      let fake = (0..<m).map { _ in Double(8 * rng.nextUnitFloat() - 4) }
      var sumReal = 0.0
      var sumFake = 0.0
      for i in 0..<m {
        sumReal += loss.discriminatorRealLoss(real[i])
        sumFake += loss.discriminatorFakeLoss(fake[i])
      }
      let recorded = (sumReal + sumFake) / Double(m)
      #expect(loss.discriminatorLoss(real: real, fake: fake).bitPattern == recorded.bitPattern)
    }
  }

  /// The relativistic average loss: D̃ = ½ when every output is the same (both losses are
  /// 2 log 2), a constant added to every output changes nothing (so D's gradient sums to
  /// zero), and its terms are the cross-entropy of the output less the other side's mean.
  @Test func relativisticLossReadsEachSideAgainstTheOther() {
    let loss = Loss.relativistic
    let log4 = 2 * log(2.0)
    #expect(abs(loss.discriminatorLoss(real: [0.7, 0.7], fake: [0.7]) - log4) < 1e-12)
    #expect(abs(loss.generatorLoss(fake: [-3, -3, -3], real: [-3]) - log4) < 1e-12)
    let real = [1.5, -0.5, 2.0]
    let fake = [0.25, -1.0]
    for c in [-4.0, 3.0] {
      #expect(
        abs(
          loss.discriminatorLoss(real: real.map { $0 + c }, fake: fake.map { $0 + c })
            - loss.discriminatorLoss(real: real, fake: fake)) < 1e-12)
      #expect(
        abs(
          loss.generatorLoss(fake: fake.map { $0 + c }, real: real.map { $0 + c })
            - loss.generatorLoss(fake: fake, real: real)) < 1e-12)
    }
    let o = (real + fake).map(Float.init)
    var g = [Float](repeating: 0, count: o.count)
    g.withUnsafeMutableBufferPointer { grad in
      loss.discriminatorGradient(output: o, into: grad.baseAddress!, real: 3, fake: 2)
    }
    #expect(abs(g.reduce(0, +)) < 1e-6)
    // By hand: m_r = 1, m_f = −0.375.
    let expected =
      (softplus(-1.875) + softplus(0.125) + softplus(-2.375)) / 3
      + (softplus(0.25 - 1) + softplus(-1.0 - 1)) / 2
    #expect(abs(loss.discriminatorLoss(real: real, fake: fake) - expected) < 1e-12)
    #expect(Loss.relativistic.comparesWithData && !Loss.nonsaturating.comparesWithData)
    #expect(Loss.relativistic.readout == .critic)
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
