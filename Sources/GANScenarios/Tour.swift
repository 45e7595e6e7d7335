/// `ganscope tour`: the scenarios in teaching order, each introduced by the statement of
/// Goodfellow et al. (2014, arXiv:1406.2661) that it makes visible. The tour plays each
/// scenario exactly as `ganscope demo NAME` does; this table only adds the title screens.
public struct TourStop: Sendable {
  public let scenario: Scenario
  /// Where in the paper, short enough for the page's large letters ("Proposition 1").
  public let reference: String
  /// What the statement is about ("the optimal discriminator").
  public let topic: String
  /// The statement, in the paper's words and symbols, plainly.
  public let statement: String
  /// What the viewer is about to see, in one or two sentences.
  public let watch: String
}

extension TourStop {
  /// Every scenario of `Scenario.table`, in its order, with the paper's statement.
  public static let all: [TourStop] = Scenario.table.map { scenario in
    let (reference, topic, statement, watch) =
      paper[scenario.name] ?? (scenario.name, "", scenario.summary, "")
    return TourStop(
      scenario: scenario, reference: reference, topic: topic, statement: statement, watch: watch)
  }

  /// (reference, topic, statement, what to watch) by scenario name.
  static let paper: [String: (String, String, String, String)] = [
    "figure1": (
      "Figure 1", "the four panels, live",
      "Training pulls p_g toward p_data: (a) near convergence D is a partially accurate "
        + "classifier; (b) D is trained toward D*(x) = p_data(x) / (p_data(x) + p_g(x)); "
        + "(c) after an update of G, the gradient of D guides G(z) to regions more likely "
        + "to be data; (d) at p_g = p_data, D(x) = 1/2.",
      "The script pauses at (a), runs 1,000 D steps (b), one G step (c), then lets it "
        + "converge (d)."
    ),
    "optimal-discriminator": (
      "Proposition 1", "the optimal discriminator",
      "For G fixed, the optimal discriminator is D*_G(x) = p_data(x) / (p_data(x) + p_g(x)).",
      "G is frozen and only D trains: the blue D(x) closes onto the D* overlay (key o)."
    ),
    "virtual-criterion": (
      "Theorem 1", "the virtual training criterion",
      "The global minimum of the virtual training criterion C(G) is achieved if and only if "
        + "p_g = p_data; there C(G) = -log 4. In general C(G) = -log 4 + 2 JSD(p_data || p_g).",
      "C(G) = max over D of V(G, D), the game's value with the best D. It starts at 0 "
        + "(no overlap) and falls to its floor -log 4 = -1.386; the script shows its history."
    ),
    "vanishing-gradient": (
      "Section 3", "the saturating loss",
      "Early in learning, D can reject samples with high confidence; then log(1 - D(G(z))) "
        + "saturates. Rather than minimizing log(1 - D(G(z))), G can maximize log D(G(z)): "
        + "the same fixed point, much stronger gradients early.",
      "With the minimax loss and k = 50, G stands still; l switches to the non-saturating "
        + "loss and G runs to the data."
    ),
    "oscillation": (
      "Section 6", "keeping D and G in step",
      "D must be synchronized well with G during training.",
      "At k = 1 each G step follows a D that lags behind, and G, a spike, swings across "
        + "p_data; K raises k to 5 and the swings die down."
    ),
    "divergence": (
      "Algorithm 1", "the step size",
      "Algorithm 1 updates D and G by stochastic gradient steps (momentum in the paper's "
        + "experiments); the proof of Proposition 2 converges with sufficiently small updates.",
      "Step sizes x 8 make the weights overflow (DIVERGED); smaller steps and a reset make "
        + "training finite again, which is not the same as fitting the data."
    ),
    "mode-collapse": (
      "Section 6", "the Helvetica scenario",
      "G must not be trained too much without updating D, to avoid the Helvetica scenario, "
        + "in which G collapses too many values of z to the same value of x to have enough "
        + "diversity to model p_data.",
      "Five modes: G keeps at most two, and waiting does not bring the others."
    ),
    "likelihood-vs-gan": (
      "Theorem 1", "JSD versus maximum likelihood",
      "By the proof of Theorem 1, C(G) = -log 4 + 2 JSD(p_data || p_g), and JSD never exceeds "
        + "log 2; maximum likelihood minimizes KL(p_data || p_g) instead, which grows without "
        + "bound where p_g misses data.",
      "The data gains a mode G lacks: KL(p_data||p_g) jumps above 4 nats (natural-log "
        + "units), JSD stays below 0.3."
    ),
    // The fixes, after the paper: each names the paper it comes from.
    "r1-oscillation": (
      "Mescheder 2018", "the R1 penalty",
      "Penalizing the squared gradient of D on the data, (gamma/2) E[D'(x)^2], makes the "
        + "equilibrium locally attractive where plain gradient steps circle around it.",
      "k = 1 swings as before; p turns R1 on (gamma 10) and the swings stop."
    ),
    "wgan-lp": (
      "Petzka 2018", "a Wasserstein critic",
      "A 1-Lipschitz critic (slope at most 1 everywhere) has E D(x) - E D(G(z)) estimate W1, "
        + "the Wasserstein-1 distance: how much mass must move how far to turn p_g into "
        + "p_data. A one-sided penalty on slopes above 1 keeps it so without forcing every "
        + "slope to 1.",
      "D becomes a critic on its own axis; p_g settles onto p_data."
    ),
    "wgan-gp-1d": (
      "Gulrajani 2017", "the gradient penalty, in 1-D",
      "WGAN-GP pushes |D'(x)| toward 1 on interpolates (random points between a data sample "
        + "and a sample of G). In one dimension the slope has a "
        + "sign, and changing it means passing slope 0, which costs lambda = 10.",
      "In the history of mean G(z): G climbs a critic of the wrong sign away from the data, "
        + "out to about 2 lambda = 20; "
        + "there the critic flips, and G swings back through the data to the other side, "
        + "again and again: a relaxation oscillation, one full swing in about 4,000-6,000 "
        + "iterations."
    ),
    "wgan-gp-1d-lambda5": (
      "Gulrajani 2017", "the gradient penalty, lambda = 5",
      "The same penalty at half the weight: the barrier at slope 0 costs lambda = 5.",
      "The same swings at half the size and about half the period: G goes out to about "
        + "2 lambda = 10 and back, one full swing in about 2,000-3,000 iterations."
    ),
    "hinge": (
      "Lim and Ye 2017", "the hinge loss",
      "D minimizes E max(0, 1 - D(x)) + E max(0, 1 + D(G(z))); G maximizes E D(G(z)).",
      "D is a score on its own axis; the loss stops pushing it past +1 on data and -1 on "
        + "samples (its margins); p_g settles onto p_data."
    ),
    "relativistic": (
      "Jolicoeur-Martineau 2018", "the relativistic average loss",
      "D judges whether data looks more real than the average sample: sigma(S(x) - E S(G(z))) "
        + "for D's raw score S; G wants the reverse, so G's loss reads D on data too.",
      "Only differences of D's outputs count: the critic's level drifts while p_g settles."
    ),
    "wgan-clip": (
      "Arjovsky 2017", "weight clipping",
      "WGAN keeps the critic Lipschitz by clipping every weight to [-c, c]; the critic can "
        + "then hardly be more than a straight line.",
      "G finds the mean of the data but not its spread."
    ),
    "instance-noise": (
      "Sonderby 2016", "instance noise",
      "Noise added to every input of D makes p_data and p_g overlap, so D's gradient "
        + "reaches G everywhere; annealed to 0, the fixed point is unchanged.",
      "Five modes at k = 5: with the noise, G keeps at least four instead of two."
    ),
    "spectral-norm-modes": (
      "Miyato 2018", "spectral normalisation",
      "Dividing every weight matrix of D by its largest singular value (the most it stretches "
        + "any input) makes each layer, and "
        + "with tanh the whole of D, at most 1-Lipschitz.",
      "Five modes at k = 5: a D that cannot be steep keeps four or five modes in play on "
        + "most seeds (28 of 30 measured; the other two kept three)."
    ),
    "pack-modes": (
      "Lin 2018", "packing (PacGAN)",
      "D judges packs of samples drawn together, all real or all generated; a pack from a "
        + "G that misses modes looks too alike, which a D of single samples cannot see.",
      "Five modes at k = 5: packs of 4 keep four or five. The D curve is D on the pack "
        + "(x, ..., x); the optimal D, which is for single samples, is not shown."
    ),
    "pack-2-modes": (
      "Lin 2018", "packs of two",
      "The larger the pack, the more of G's spread D sees in one judgement.",
      "Five modes at k = 5: pairs keep three on most seeds (24 of 30 measured; 2 on four "
        + "seeds, 4 on two), one more than plain training and one short of packs of 4."
    ),
    "wgan-lp-modes": (
      "Petzka 2018", "a critic sees every mode",
      "A Lipschitz critic keeps a useful slope far from the data, so G's mass on one mode "
        + "is pulled toward the modes it misses.",
      "Five modes at k = 5: the critic keeps four or five (at least 4 on every seed checked)."
    ),
    // The Dirac-GAN: the rotation of the game with nothing else in the way.
    "dirac-gan": (
      "Mescheder 2018", "the Dirac-GAN",
      "With data at 0, G(z) = theta and D(x) = psi x, the game's vector field is a rotation "
        + "about (0, 0): simultaneous gradient steps spiral out, alternating steps circle, "
        + "extragradient spirals in. (The paper's D is high on samples, ganscope's on data: "
        + "psi here is the paper's -psi, and the start (1, 1) is the paper's (1, -1).)",
      "The phase plane: a closed circle, then x twice: an outward spiral, then an inward one."
    ),
    "dirac-r1": (
      "Mescheder 2018", "R1 on the Dirac-GAN",
      "R1 adds -gamma psi to D's part of the field, which makes the equilibrium locally "
        + "attractive: a small gamma turns the rotation into an inward spiral.",
      "The circle of alternating steps; p turns R1 on with gamma = 10, so strong that psi "
        + "drops to near 0 at once and theta then slides straight in to the centre."
    ),
    "dirac-ns-cycle": (
      "Mescheder 2018", "the non-saturating Dirac-GAN",
      "With G's non-saturating loss the field is a rotation only to first order; along it "
        + "theta^2 + psi^2 shrinks, slowly. Simultaneous steps of size eta push outward.",
      "The two balance: the path settles on a circle of radius about sqrt(2 eta), 0.45 for "
        + "eta = 0.1; - halves eta and the circle shrinks to about 0.32. It never converges."
    ),
    // The game's Jacobian (Sources/GANCore/Dynamics): its eigenvalues explain the runs.
    "dirac-spectrum": (
      "Mescheder 2018", "the Dirac-GAN's eigenvalues",
      "The Jacobian J of the field v = (-grad_psi L_D, -grad_theta L_G) at (0, 0) is "
        + "[[0, -1/2], [1/2, 0]]: eigenvalues +-i/2, a pure rotation. R1 adds -gamma to its "
        + "psi entry: (-gamma +- sqrt(gamma^2 - 1))/2. A step multiplies each mode by an "
        + "eigenvalue of the step's matrix: 1 + eta lambda for simultaneous steps.",
      "R1 pulls the path into (0, 0); there R1 goes off and the alternating multipliers "
        + "sit on the unit circle; x (simultaneous) puts them outside it."
    ),
    "oscillation-spectrum": (
      "Mescheder 2017", "rotation in the eigenvalues",
      "Eigenvalues of J with large imaginary parts and small real parts make gradient "
        + "steps circle instead of converge; a penalty that moves them left damps the circling.",
      "k = 1 swings; the spectrum shows an eigenvalue near the imaginary axis. p (R1) moves "
        + "it left and the swing dies down."
    ),
    "divergence-spectrum": (
      "Mescheder 2017", "a step that diverges",
      "A gradient step of size eta multiplies each mode by an eigenvalue mu of its matrix "
        + "(I + eta J for simultaneous steps): a multiplier outside the unit circle grows "
        + "its mode every step.",
      "The step size goes up 32-fold: at once a multiplier lies far outside the unit "
        + "circle, and a dozen iterations later the weights overflow."
    ),
  ]
}
