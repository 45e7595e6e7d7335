import Foundation
import Testing

@testable import GANCore

/// The trainer's relativistic G step, end to end: D's batch in G's step is m packs of G's
/// samples then m packs of data, and G's gradient is the derivative of G's relativistic
/// loss on that step's own draws.
@Suite struct RelativisticTrainerTests {
  /// Packed (P = 2, so a wrong offset between samples and packs shows) on data at a point
  /// (so the data rows are known exactly): the data rows hold the data, their outputs are D
  /// on it, and G's gradient matches central differences of the loss in G's parameters.
  @Test func theGStepReadsDOnItsDataAndFollowsTheLoss() throws {
    let architecture = Architecture(width: 6, hiddenLayers: 2)
    // D trained hard (η = 0.05) first, so D on the data is far from D anywhere else and a
    // step that read other rows as "data" would get another gradient.
    var h = Hyperparameters(
      batchSize: 5, discriminatorStepSize: 0.05, loss: .relativistic,
      optimizer: OptimizerSettings(kind: .sgd))
    h.stabilizers.pack = 2
    let t = Trainer(
      config: TrainingConfig(
        target: try Target.parse("point(2)"), architecture: architecture,
        hyperparameters: h, seed: 4))
    for _ in 0..<100 { _ = t.discriminatorStep() }
    let before = t.generator.copyParameters()
    _ = t.generatorStep()
    let (m, p) = (5, 2)
    let n = p * m
    let critic = t.criticOfGeneratorWork
    #expect((n..<2 * n).allSatisfy { critic.input[$0] == 2 })
    #expect(t.lastGeneratorDataRows == m)

    // D on the data, from a workspace of its own.
    let d = t.discriminator
    let dataWork = Workspace(capacity: m, architecture: architecture, inputsPerRow: p)
    for i in 0..<n { dataWork.input[i] = 2 }
    d.forward(dataWork, rows: m)
    let onData = (0..<m).map { Double(dataWork.output[$0]) }
    #expect((0..<m).allSatisfy { abs(Double(critic.output[m + $0]) - onData[$0]) < 1e-6 })
    #expect(abs(onData[0] - Double(critic.output[0])) > 1, "D should tell data from samples")

    // G's loss on the step's own noise, as a function of G's parameters.
    let z = (0..<n).map { t.generatorWork.input[$0] }
    let g = Perceptron(architecture: architecture, role: .generator)
    g.restoreParameters(before)
    let gw = Workspace(capacity: n, architecture: architecture)
    let dw = Workspace(capacity: m, architecture: architecture, inputsPerRow: p)
    func generatorLoss() -> Double {
      Loss.relativistic.generatorLoss(
        fake: criticOfGenerator(g, d, z: z, gw: gw, dw: dw), real: onData)
    }
    #expect(abs(generatorLoss() - t.generatorLoss) < 1e-6)
    let differences = centralDifferences(of: generatorLoss, in: g)
    for (index, numeric) in differences {
      let exact = Double(t.generator.gradients[index])
      #expect(
        abs(exact - numeric) <= 2e-2 * max(abs(exact), abs(numeric)) + 1e-3, "parameter \(index)")
    }
    #expect(differences.count == architecture.parameterCount)
  }
}
