extension Trainer {
  /// Consensus optimization (Stabilizers.consensus): adds γ·(Jᵀv) of `role`'s coordinates to
  /// that net's fresh gradient, so its optimizer descends L + γ·½‖v‖². J and v are those of
  /// the state now (for the G step of an alternating iteration, after D's steps), on the
  /// fixed evaluation batch (EvaluationBatch.swift), in Double.
  func addConsensusGradient(to role: NetRole) {
    let gamma = hyperparameters.stabilizers.consensus
    guard gamma > 0, let jacobian = try? GameJacobian(of: self) else { return }
    let gradient = jacobian.consensusGradient()
    switch role {
    case .discriminator:
      for (k, i) in jacobian.discriminatorIndices.enumerated() {
        discriminator.gradients[i] += gamma * Float(gradient[k])
      }
    case .generator:
      for (k, i) in jacobian.generatorIndices.enumerated() {
        generator.gradients[i] += gamma * Float(gradient[jacobian.discriminatorCount + k])
      }
    }
  }
}
