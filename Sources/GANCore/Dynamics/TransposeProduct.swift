// Jᵀu without reverse mode. J's diagonal blocks are Hessians of one loss each,
// J_φφ = −∇²_φφ L_D and J_θθ = −∇²_θθ L_G, hence symmetric; its off-diagonal blocks are mixed
// second derivatives of one loss each, J_φθ = −∂(∇_φ L_D)/∂θ and J_θφ = −∂(∇_θ L_G)/∂φ, and
// mixed partials commute: (J_θφᵀ u_θ)ⱼ = −Σᵢ ∂²L_G/∂θᵢ∂φⱼ·u_θ,ᵢ is the derivative of −∇_φ L_G
// along (0, u_θ). So
//
//   (Jᵀu)_φ = J_φφ u_φ + J_θφᵀ u_θ = D_(u_φ, 0)[−∇_φ L_D] + D_(0, u_θ)[−∇_φ L_G]
//   (Jᵀu)_θ = J_φθᵀ u_φ + J_θθ u_θ = D_(u_φ, 0)[−∇_θ L_D] + D_(0, u_θ)[−∇_θ L_G]
//
// two forward-mode passes over all four gradients of the game (GameField.gradients), exact
// like J·u. Consensus optimization (Mescheder, Nowozin & Geiger 2017) needs
// ∇(½‖v‖²) = Jᵀv: each player also descends γ·½‖v‖².

extension GameJacobian {
  /// Jᵀu, exact: two forward-mode passes of the four gradients (see above).
  public func transposeProduct(_ u: [Double]) -> [Double] {
    precondition(u.count == dimension)
    var result = [Double](repeating: 0, count: dimension)
    for half in [NetRole.discriminator, .generator] {
      var phi = discriminatorBuffer.map { Dual($0) }
      var theta = generatorBuffer.map { Dual($0) }
      switch half {
      case .discriminator:
        for (k, i) in discriminatorIndices.enumerated() { phi[i].tangent = u[k] }
      case .generator:
        for (k, i) in generatorIndices.enumerated() {
          theta[i].tangent = u[discriminatorCount + k]
        }
      }
      let g = field.gradients(discriminator: phi, generator: theta, crossTerms: true)
      // Along D's direction the derivatives of D's loss; along G's, of G's loss.
      let (ofPhi, ofTheta) =
        half == .discriminator
        ? (g.discriminatorOfD, g.generatorOfD) : (g.discriminatorOfG, g.generatorOfG)
      for (k, i) in discriminatorIndices.enumerated() { result[k] -= ofPhi[i].tangent }
      for (k, i) in generatorIndices.enumerated() {
        result[discriminatorCount + k] -= ofTheta[i].tangent
      }
    }
    return result
  }

  /// ∇_w ½‖v(w)‖² = Jᵀv: consensus optimization's gradient (D's coordinates, then G's).
  public func consensusGradient() -> [Double] { transposeProduct(field()) }
}
