import GANKernels

/// D's parameters and everything that moves them: the net every pass goes through, its
/// optimizer, and the copies training keeps of them. Under spectral normalisation (Miyato et
/// al. 2018, SpectralNormalization.swift) the optimizer updates the raw parameters while D's
/// own buffer holds the normalized ones; which of the two a change acts on is decided here,
/// once, so that the trainer's steps (the optimizer's step, extragradient's look-ahead, the
/// copy saved around unrolled and look-ahead steps, a new pack size) never ask.
///
/// Every buffer is allocated with the trainer (sized for the largest pack, so a change of P
/// reallocates none of them) or when normalisation starts (switched on, or restarted by a
/// reset); a step allocates nothing.
final class DiscriminatorParameters {
  /// D, whose own buffer holds the parameters every pass uses: the normalized ones under
  /// spectral normalisation.
  private(set) var net: Perceptron
  /// D's optimizer; a new one comes with a new input layer (`repack`).
  private(set) var optimizer: OptimizerState
  /// Spectral normalisation while it is on: the raw parameters and the power-iteration
  /// vectors.
  private(set) var spectral: SpectralNormalization?
  /// ∂ℒ/∂(raw parameters) under spectral normalisation.
  private let rawGradient: UnsafeMutablePointer<Float>
  /// The copy `saveParameters` and `save` take: the parameters the optimizer updates (the
  /// raw ones under spectral normalisation), and D's gradient.
  private let savedParameters: UnsafeMutablePointer<Float>
  private let savedGradient: UnsafeMutablePointer<Float>

  init(architecture: Architecture, inputs: Int) {
    net = Perceptron(architecture: architecture, role: .discriminator, inputs: inputs)
    optimizer = OptimizerState(count: net.parameterCount)
    let largest = architecture.layout(inputs: Stabilizers.packRange.upperBound).count
    rawGradient = allocateFloats(largest)
    savedParameters = allocateFloats(largest)
    savedGradient = allocateFloats(largest)
  }

  deinit {
    rawGradient.deallocate()
    savedParameters.deallocate()
    savedGradient.deallocate()
  }

  var isNormalized: Bool { spectral != nil }

  /// The parameters the optimizer updates: the raw ones under spectral normalisation, else
  /// D's own.
  private var updated: UnsafeMutablePointer<Float> { spectral?.raw ?? net.parameters }

  /// Draws D's parameters afresh (normalized when `normalized`) and clears its optimizer.
  func initialize(using rng: inout Xoshiro256, normalized: Bool) {
    net.initialize(using: &rng)
    if normalized { startNormalizing() }
    optimizer.reset()
  }

  /// D's current parameters become the raw ones; D is then used normalized.
  func startNormalizing() {
    let sn = SpectralNormalization(net)
    sn.powerIterate()
    sn.normalize(into: net)
    spectral = sn
  }

  /// D keeps the function it has: its normalized weights become its raw ones.
  func stopNormalizing() { spectral = nil }

  // MARK: Saved copies

  /// Saves what defines D's function (under spectral normalisation its raw parameters and
  /// power-iteration vectors) for `restoreParameters`: extragradient's look-ahead.
  func saveParameters() {
    savedParameters.update(from: updated, count: net.parameterCount)
    spectral?.saveVectors()
  }

  func restoreParameters() {
    updated.update(from: savedParameters, count: net.parameterCount)
    if let sn = spectral {
      sn.restoreSavedVectors()
      sn.normalize(into: net)
    } else {
      net.parametersChanged()
    }
  }

  /// Saves all of D that a step changes (its parameters, gradient and optimizer) for
  /// `restore`: unrolled steps, which must leave no trace.
  func save() {
    saveParameters()
    savedGradient.update(from: net.gradients, count: net.parameterCount)
    optimizer.save()
  }

  func restore() {
    restoreParameters()
    net.gradients.update(from: savedGradient, count: net.parameterCount)
    optimizer.restoreSaved()
  }

  // MARK: Steps

  /// Takes D's gradient (∂ℒ/∂ of D's own parameters) to the parameters the optimizer
  /// updates, now: extragradient measures it at the look-ahead point, before
  /// `restoreParameters` puts the raw parameters, and σ with them, back. Nothing to do
  /// without spectral normalisation.
  func takeGradientToUpdated() {
    spectral?.rawGradient(net.gradients, normalized: net.parameters, into: rawGradient)
  }

  /// The optimizer's step on D's fresh gradient, then WGAN's clipping to [−c, c] when `clip`
  /// is c; under spectral normalisation both act on the raw parameters, then one
  /// power-iteration step and the normalized weights follow. `gradientTaken`: the gradient
  /// was already taken by `takeGradientToUpdated`.
  func step(
    stepSize: Float, settings: OptimizerSettings, clip: Float?, gradientTaken: Bool = false
  ) {
    let parameters = updated
    var gradient = UnsafePointer(net.gradients)
    if spectral != nil {
      if !gradientTaken { takeGradientToUpdated() }
      gradient = UnsafePointer(rawGradient)
    }
    optimizer.descend(parameters, gradient: gradient, stepSize: stepSize, settings: settings)
    if let c = clip {
      var i = 0
      while i < net.parameterCount {
        store(
          pointwiseMin(
            pointwiseMax(load(parameters + i), Vector(repeating: -c)), Vector(repeating: c)),
          parameters + i)
        i += 16
      }
    }
    afterChange()
  }

  /// Extragradient's look-ahead θ ← θ − η·∇ by a plain gradient step (no optimizer), on the
  /// raw parameters under spectral normalisation.
  func lookAhead(stepSize: Float) {
    let parameters = updated
    var gradient = UnsafePointer(net.gradients)
    if spectral != nil {
      takeGradientToUpdated()
      gradient = UnsafePointer(rawGradient)
    }
    var i = 0
    while i < net.parameterCount {
      store(load(parameters + i).addingProduct(-stepSize, load(gradient + i)), parameters + i)
      i += 16
    }
    if let sn = spectral {
      sn.normalize(into: net)
    } else {
      net.parametersChanged()
    }
  }

  /// After the optimizer moved the parameters it updates: one power-iteration step and the
  /// normalized weights under spectral normalisation, else D's derived buffers.
  private func afterChange() {
    if let sn = spectral {
      sn.powerIterate()
      sn.normalize(into: net)
    } else {
      net.parametersChanged()
    }
  }

  // MARK: Pack size and checkpoints

  /// A D for packs of `p` samples with the same function on the diagonal
  /// (`Perceptron.copyPacking`), and a fresh optimizer (see `Trainer.repack`). Spectral
  /// normalisation is off whenever P > 1 (`Stabilizers.problem`).
  func repack(_ p: Int) {
    let new = Perceptron(architecture: net.architecture, role: .discriminator, inputs: p)
    new.copyPacking(from: net)
    net = new
    optimizer = OptimizerState(count: new.parameterCount)
  }

  /// Spectral normalisation's state for a checkpoint (`SpectralNormalization.state`); empty
  /// when it is off.
  var spectralState: [Float] { spectral?.state ?? [] }

  /// Restores D from a checkpoint: its parameters (the normalized ones under spectral
  /// normalisation), then the optimizer, then normalisation's own state, from which the
  /// normalized parameters are written again.
  func restore(
    parameters: [Float], moments: [[Float]], optimizerSteps: Int, spectralState: [Float]
  ) {
    net.restoreParameters(parameters)
    optimizer.restore(moments, steps: optimizerSteps)
    if let sn = spectral, !spectralState.isEmpty {
      sn.restore(spectralState)
      sn.normalize(into: net)
    }
  }
}
