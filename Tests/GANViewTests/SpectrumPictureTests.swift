import GANCore
import Testing

@testable import GANView

/// `figure --kind spectrum`: one dot per eigenvalue and multiplier, coloured by player,
/// with the imaginary axis and the unit circle drawn.
@Suite struct SpectrumPictureTests {
  /// The Dirac-GAN at its start with R1: two eigenvalues of J and two multipliers.
  func diracSpectrum() throws -> GameSpectrum {
    var h = Hyperparameters(
      discriminatorSteps: 1, batchSize: 4, discriminatorStepSize: 0.1, generatorStepSize: 0.1,
      loss: .minimax, optimizer: OptimizerSettings(kind: .sgd))
    h.stabilizers.penalty = .r1
    h.stabilizers.penaltyWeight = 0.5
    let trainer = Trainer(
      config: TrainingConfig(
        target: try Target.parse("point(0)"), architecture: DiracGame.architecture,
        hyperparameters: h, seed: 1))
    return try GameSpectrum(GameJacobian(of: trainer), method: .full)
  }

  @Test func everyValueIsADotAndTheReferencesAreDrawn() throws {
    let spectrum = try diracSpectrum()
    let svg = SpectrumPicture.render(spectrum, width: 900, height: 520)
    let dots = svg.components(separatedBy: "class=\"eigenvalue\"").count - 1
    #expect(dots == spectrum.jacobian.count + spectrum.step.count)
    #expect(dots == 4)
    // ψ's and θ's coordinates weigh the same in the Dirac-GAN's modes: D (share ½) is blue.
    #expect(svg.components(separatedBy: SpectrumPicture.discriminatorColour).count - 1 == 4)
    #expect(svg.contains("stroke-dasharray"))  // the imaginary axis and the unit circle
    #expect(svg.contains("iteration 0, n = 2: every eigenvalue (dgeev)"))
    #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>\n"))
  }
}
