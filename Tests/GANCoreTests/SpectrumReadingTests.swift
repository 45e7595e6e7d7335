import Testing

@testable import GANCore

/// What the spectrum view is given: the reading of a state computed on the calling thread,
/// the same as the headless spectrum of that state, or the refusal's one line.
@Suite struct SpectrumReadingTests {
  @Test func theReadingIsTheArnoldiSpectrumOfTheState() throws {
    let trainer = try GameJacobianTests.trainer(loss: .nonsaturating, iterations: 30)
    let reading = SpectrumReading(of: trainer, steps: 12)
    #expect(reading.iteration == 30)
    let spectrum = try #require(reading.spectrum)
    let direct = try GameSpectrum(GameJacobian(of: trainer), method: .arnoldi(steps: 12))
    #expect(spectrum == direct)
    #expect(!spectrum.jacobian.isEmpty && !spectrum.step.isEmpty)
    #expect(spectrum.rightmost.map(\.re.isFinite) == true)
    #expect(spectrum.stepRadius > 0)
    // The capture is a copy: training on does not change a reading taken before.
    guard case .success(let captured) = SpectrumReading.capture(trainer) else {
      Issue.record("the state was refused")
      return
    }
    for _ in 0..<5 { trainer.runIteration() }
    #expect(SpectrumReading(captured, steps: 12) == reading)
  }

  @Test func aRefusedStateGivesItsReason() throws {
    let sn = try GameJacobianTests.trainer(
      loss: .nonsaturating, iterations: 2, configure: { $0.stabilizers.spectralNorm = true })
    let reading = SpectrumReading(of: sn)
    #expect(reading.iteration == 2)
    #expect(reading.spectrum == nil)
    guard case .refused(let reason) = reading.content else {
      Issue.record("no refusal")
      return
    }
    #expect(reason.contains("--spectral-norm"))
    let diverged = try GameJacobianTests.trainer(loss: .nonsaturating, iterations: 0)
    diverged.discriminator.parameters[0] = .infinity
    #expect(
      SpectrumReading(of: diverged).content
        == .refused("the parameters are not finite at iteration 0"))
  }
}
