// The Dirac-GAN (Mescheder, Geiger & Nowozin 2018, "Which training methods for GANs
// actually converge?"): the smallest GAN whose dynamics are those of every GAN near its
// equilibrium.
//
//   p_data = δ_c (ganscope's target point(c); the paper's c = 0)
//   G(z)   = θ              every sample is θ, whatever z
//   D(x)   = ψ·x            a linear logit (critic value) with no bias
//
// It is trained by the same trainer as every other run: both nets are perceptrons of one
// linear hidden unit (1 → 1 → 1, `Activation.linear`) whose other parameters are pinned.
//   G: y = w_out·(w_in·z + b_in) + b_out  with w_in = b_in = w_out = 0, so y = b_out = θ
//   D: y = w_out·(w_in·x + b_in) + b_out  with w_in = 1 and b_in = b_out = 0, so y = w_out·x
// The pins are written back after every parameter change (`Perceptron.parametersChanged`),
// so an optimizer step moves θ and ψ exactly as if they were the only parameters: every
// rule here acts on each parameter separately.
//
// With f_D the loss of D on a logit and f_G the loss of G, the game's vector field (the
// direction of simultaneous gradient descent, what the phase view draws as arrows) is
//   θ̇ = −∂/∂θ f_G(ψθ)                      = −ψ·f_G′(ψθ)
//   ψ̇ = −∂/∂ψ [f_real(ψc) + f_fake(ψθ)]    = −c·f_real′(ψc) − θ·f_fake′(ψθ)
// plus −γψ under R1 or R2 (D′(x) = ψ everywhere, so (γ/2)·E[D′²] = (γ/2)·ψ²). The one
// equilibrium of the unregularized game at c = 0 is (θ, ψ) = (0, 0); its Jacobian there has
// purely imaginary eigenvalues ±i·|f′(0)|, which is why simultaneous steps spiral out,
// alternating ones circle, and a penalty spirals in.

/// Which model both nets are.
public enum NetModel: String, Sendable, CaseIterable, Codable {
  /// The scalar MLP of Figure 1 (`Architecture`'s width, depth and activation).
  case perceptron = "mlp"
  /// The Dirac-GAN: G(z) = θ, D(x) = ψ·x (DiracGame.swift).
  case dirac
}

/// The Dirac-GAN's parameters and its vector field.
public enum DiracGame {
  /// The architecture both nets have in the Dirac-GAN: one linear unit.
  public static let architecture = Architecture(
    width: 1, hiddenLayers: 1, activation: .linear, model: .dirac)

  /// Where every run starts, (θ, ψ) = (1, 1) as in the paper's figures.
  public static let startingPoint = (theta: Float(1), psi: Float(1))

  /// θ or ψ: the one free parameter of a net (G's output bias, D's output weight).
  static func freeParameter(of role: NetRole, _ layout: Architecture.Layout) -> Int {
    role == .generator ? layout.outputBias : layout.outputWeights
  }

  /// Writes the pinned parameters of a net, keeping its free one.
  static func pin(
    _ parameters: UnsafeMutablePointer<Float>, role: NetRole, _ layout: Architecture.Layout
  ) {
    let free = freeParameter(of: role, layout)
    let kept = parameters[free]
    parameters.update(repeating: 0, count: layout.count)
    parameters[free] = kept
    if role == .discriminator { parameters[layout.inputWeights] = 1 }
  }

  /// Sets the free parameter of a net to its start.
  static func start(
    _ parameters: UnsafeMutablePointer<Float>, role: NetRole, _ layout: Architecture.Layout
  ) {
    parameters[freeParameter(of: role, layout)] =
      role == .generator ? startingPoint.theta : startingPoint.psi
    pin(parameters, role: role, layout)
  }

  /// The direction of simultaneous gradient descent at (θ, ψ) for the data point c under
  /// `hyperparameters`' loss and penalty: (θ̇, ψ̇) = (−∂L_G/∂θ, −∂L_D/∂ψ).
  public static func vectorField(
    theta: Double, psi: Double, dataPoint c: Double, hyperparameters: Hyperparameters
  ) -> (theta: Double, psi: Double) {
    let loss = hyperparameters.loss
    // The loss table's own derivatives (the trainer's code, on a batch of one of each).
    var outputs: [Float] = [Float(psi * c), Float(psi * theta)]
    var slopes: [Float] = [0, 0]
    var generatorSlope: Float = 0
    outputs.withUnsafeMutableBufferPointer { o in
      slopes.withUnsafeMutableBufferPointer { g in
        loss.discriminatorGradient(output: o.baseAddress!, into: g.baseAddress!, real: 1, fake: 1)
      }
      withUnsafeMutablePointer(to: &generatorSlope) { g in
        loss.generatorGradient(
          output: o.baseAddress! + 1, into: g, count: 1,
          data: UnsafeBufferPointer(start: o.baseAddress!, count: 1))
      }
    }
    var psiDot = -c * Double(slopes[0]) - theta * Double(slopes[1])
    let stabilizers = hyperparameters.stabilizers
    if stabilizers.penalty != .none {
      psiDot -= Double(
        SlopePenaltyShape.squared(weight: stabilizers.penaltyWeight).derivative(Float(psi)))
    }
    if let shape = loss.interpolatePenalty(weight: stabilizers.interpolateWeight) {
      psiDot -= Double(shape.derivative(Float(psi)))
    }
    return (-psi * Double(generatorSlope), psiDot)
  }
}

/// Which of the two players a net is.
public enum NetRole: Sendable {
  case generator
  case discriminator
}
