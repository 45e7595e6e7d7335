extension Trainer {
  /// Changes D's pack size P while training. D keeps its function on the diagonal
  /// D(x, …, x) (`Perceptron.copyPacking`: the new input rows share the old rows' sum), so
  /// the curve on the screen does not jump; the layers above the input layer are untouched.
  /// D's optimizer starts afresh: its input layer has a new shape, and Adam's step count
  /// belongs to the whole net, so zeroed moments for one layer under a running count would
  /// give that layer an outsized first step (about 16 η with β₁ = 0.5, β₂ = 0.999).
  func repack(_ p: Int) {
    // ‖∇D‖ reads the last D step's gradient until the next one, as without a change.
    carriedReadouts.discriminator = carriedReadouts.discriminator.carrying(
      gradientNorm: discriminatorGradientNorm)
    discriminatorParameters.repack(p)
    discriminatorWork = repacked(discriminatorWork, inputsPerRow: p)
    criticOfGeneratorWork = repacked(criticOfGeneratorWork, inputsPerRow: p)
    unrolledWork = repacked(unrolledWork, inputsPerRow: p)
  }

  /// A workspace like `work` for rows of `inputsPerRow` inputs, with `work`'s outputs (the
  /// loss readouts of the last steps are computed from them).
  private func repacked(_ work: Workspace, inputsPerRow p: Int) -> Workspace {
    let new = Workspace(capacity: work.capacity, architecture: architecture, inputsPerRow: p)
    new.output.update(from: work.output, count: work.capacity)
    return new
  }
}
