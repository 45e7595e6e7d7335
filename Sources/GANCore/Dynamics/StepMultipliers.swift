// The update actually taken, linearised. Near a state w, a plain gradient step of the
// players in the order the trainer takes them is linear in the displacement, with J held
// at w (exact at a stationary point):
//
//   a D step alone    A_D = I + η_D·P_D·J        (P_D keeps D's coordinates, zeroes G's)
//   a G step alone    A_G = I + η_G·P_G·J
//   both at once      B   = I + E·J               (E = η_D on D's coordinates, η_G on G's)
//   extragradient     X   = I + E·J·(I + E·J)     (the look-ahead's field, linearised)
//
// and an iteration (k D steps and a G step, UpdateScheme) is
//
//   alternating    M = A_G·A_Dᵏ
//   simultaneous   M = B·A_Dᵏ⁻¹
//   extragradient  M = X·A_Dᵏ⁻¹
//
// The eigenvalues μ of M are the step's multipliers: |μ| > 1 grows a mode, |μ| < 1 damps
// it. With η_D = η_G = η, simultaneous steps at k = 1 give μ = 1 + ηλ for each eigenvalue
// λ of J. What is linearised is plain gradient steps of sizes η_D and η_G: the state of
// momentum, Adam and the optimistic rules (their moving averages and preconditioning) is
// not part of M.

extension GameJacobian {
  /// M·u for the update of the state's hyperparameters (k, the update order, η_D, η_G),
  /// given the product `jacobian` u ↦ J·u.
  func stepProduct(_ u: [Double], jacobian: ([Double]) -> [Double]) -> [Double] {
    let h = hyperparameters
    let nD = discriminatorCount
    let etaD = Double(h.discriminatorStepSize)
    let etaG = Double(h.generatorStepSize)
    func discriminatorAlone(_ x: [Double]) -> [Double] {
      let jx = jacobian(x)
      var y = x
      for i in 0..<nD { y[i] += etaD * jx[i] }
      return y
    }
    func generatorAlone(_ x: [Double]) -> [Double] {
      let jx = jacobian(x)
      var y = x
      for i in nD..<x.count { y[i] += etaG * jx[i] }
      return y
    }
    /// E·J·x.
    func scaledField(_ x: [Double]) -> [Double] {
      var jx = jacobian(x)
      for i in jx.indices { jx[i] *= i < nD ? etaD : etaG }
      return jx
    }
    let k = h.discriminatorSteps
    var x = u
    switch h.stabilizers.updateScheme {
    case .alternating:
      for _ in 0..<k { x = discriminatorAlone(x) }
      return generatorAlone(x)
    case .simultaneous:
      for _ in 0..<(k - 1) { x = discriminatorAlone(x) }
      let ejx = scaledField(x)
      for i in x.indices { x[i] += ejx[i] }
      return x
    case .extragradient:
      for _ in 0..<(k - 1) { x = discriminatorAlone(x) }
      var lookAhead = scaledField(x)
      for i in x.indices { lookAhead[i] += x[i] }
      let step = scaledField(lookAhead)
      for i in x.indices { x[i] += step[i] }
      return x
    }
  }
}
