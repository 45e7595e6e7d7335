import ArgumentParser
import GANCore

/// The flags of the fixes (`Stabilizers`), shared by every command that trains and by
/// `bench`.
struct StabilizerOptions: ParsableArguments {
  @Option(help: "Gradient penalty on D: none, r1 (on data) or r2 (on G's samples), weight --gamma.")
  var penalty: GradientPenalty = .none

  @Option(parsing: .unconditional, help: "Weight gamma of the R1/R2 penalty (gamma/2 E[D'(x)^2]).")
  var gamma: Float = 10

  // The short forms: --r1 γ, --r2 γ, --gp λ.
  @Option(
    name: .customLong("r1"), parsing: .unconditional,
    help: "R1 with weight gamma: the same as --penalty r1 --gamma gamma.")
  var r1: Float?

  @Option(
    name: .customLong("r2"), parsing: .unconditional,
    help: "R2 with weight gamma: the same as --penalty r2 --gamma gamma.")
  var r2: Float?

  @Option(
    name: .customLong("gp"), parsing: .unconditional,
    help:
      "WGAN-GP with penalty weight lambda on interpolates: --loss wgan-gp with lambda (default 10)."
  )
  var gp: Float?

  @Option(
    name: .customLong("unroll"), parsing: .unconditional,
    help: "G's step looks through u unrolled D steps (0...50; 0 is off).")
  var unrolledSteps: Int = 0

  @Option(
    help:
      "How D and G updates are ordered: alternating (Algorithm 1), simultaneous or extragradient.")
  var updates: UpdateScheme = .alternating

  @Option(
    name: .customLong("instance-noise"), parsing: .unconditional,
    help: "Standard deviation of Gaussian noise added to every input of D (0 is off).")
  var instanceNoise: Float = 0

  @Option(
    name: .customLong("noise-anneal"), parsing: .unconditional,
    help: "Iterations over which the instance noise falls linearly to 0 (0: constant).")
  var noiseAnneal: Int = 10_000

  @Option(parsing: .unconditional, help: "WGAN's clipping bound c of every D parameter.")
  var clip: Float = 0.01

  @Flag(help: "Spectral normalisation of D's weights (one power-iteration step per D step).")
  var spectralNorm = false

  @Option(
    parsing: .unconditional,
    help: """
      Packing (PacGAN): D judges packs of P samples, all real or all G's (1...8; 1 is off). \
      A batch is m packs per side, P*m samples.
      """)
  var pack: Int = 1

  @Option(
    parsing: .unconditional,
    help: """
      Consensus optimization with weight gamma: each player also descends gamma/2 |v|^2, v the \
      game's field, by its exact gradient J^T v (0 is off; slow for large nets: see docs).
      """)
  var consensus: Float = 0

  var stabilizers: Stabilizers {
    let (penalty, gamma) =
      r1.map { (GradientPenalty.r1, $0) } ?? r2.map { (.r2, $0) } ?? (penalty, gamma)
    return Stabilizers(
      penalty: penalty, penaltyWeight: gamma, unrolledSteps: unrolledSteps,
      updateScheme: updates, instanceNoise: instanceNoise, instanceNoiseAnneal: noiseAnneal,
      clip: clip, spectralNorm: spectralNorm, pack: pack, interpolateWeight: gp ?? 10,
      consensus: consensus)
  }

  /// The loss `--gp` asks for, checked against the one `--loss` gave (nil: not given).
  func loss(given: Loss?) throws -> Loss? {
    guard gp != nil else { return given }
    if let given, given != .wassersteinGP, given != .wassersteinLP {
      throw ValidationError(
        "--gp is WGAN-GP's penalty and does not combine with --loss \(given.rawValue)")
    }
    return given ?? .wassersteinGP
  }

  /// The short forms must not contradict the long ones.
  func validate() throws {
    if r1 != nil && r2 != nil { throw ValidationError("give one of --r1 and --r2, not both") }
    if r1 != nil || r2 != nil, penalty != .none {
      throw ValidationError("give either --penalty or --r1/--r2, not both")
    }
  }

  /// The fixes that are on, in words ("r1(10.0) + unroll 5"; empty when none is).
  var label: String {
    var words: [String] = []
    let f = stabilizers
    if f.penalty != .none { words.append("\(f.penalty.rawValue)(\(f.penaltyWeight))") }
    if unrolledSteps > 0 { words.append("unroll \(unrolledSteps)") }
    if updates != .alternating { words.append(updates.rawValue) }
    if instanceNoise > 0 { words.append("noise \(instanceNoise)") }
    if spectralNorm { words.append("spectral norm") }
    if pack > 1 { words.append("pack \(pack)") }
    if consensus > 0 { words.append("consensus \(consensus)") }
    return words.joined(separator: " + ")
  }
}

extension GradientPenalty: ExpressibleByArgument {}
extension UpdateScheme: ExpressibleByArgument {}
