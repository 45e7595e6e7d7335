/// The settings of a run: one entry per flag of `train` that shapes the training, and the one
/// table everything about a setting is read from — its flag and help, the values it takes,
/// its default, where it lives in the configuration, its configuration column (`train
/// --config-columns`, `export`, sweep lines), whether it is a sweep and compare knob. Option
/// checking, sweep and compare knobs, configuration columns, scenario command lines and run
/// labels all derive from it, so adding a setting is one case here (the compiler then names
/// every switch below) plus its effect in the trainer (docs/architecture.md).
///
/// The order is a sweep grid's: the first setting varies slowest, the seed fastest. Cells are
/// numbered in this order, so new settings go at the end.
public enum Setting: String, Sendable, CaseIterable {
  case target, prior, loss, optimizer, activation, hidden, layers, batch, k, lr
  case lrD = "lr-d"
  case lrG = "lr-g"
  case beta1, beta2, epsilon, momentum
  // The fixes.
  case penalty, gamma, unroll, updates
  case instanceNoise = "instance-noise"
  case clip, pack
  case noiseAnneal = "noise-anneal"
  case gp
  case spectralNorm = "spectral-norm"
  case model
  case consensus

  /// The values a setting takes.
  public enum Kind: Sendable, Equatable {
    case whole(ClosedRange<Int>)
    case real(RealBound)
    case word([String])
    /// A target spec (TargetSpecParser.swift); its commas are its own.
    case target
    /// `--flag` on the command line of `train`; `off`/`on` as a sweep or compare value.
    case toggle
  }

  /// Which real numbers a real setting accepts.
  public enum RealBound: Sendable, Equatable {
    case positive, nonNegative, belowOne
  }

  /// The flag on the command line.
  public var flag: String { "--" + rawValue }

  public var kind: Kind {
    switch self {
    case .target: .target
    case .prior: .word(Prior.allCases.map(\.rawValue))
    case .loss: .word(Loss.allCases.map(\.rawValue))
    case .optimizer: .word(OptimizerKind.allCases.map(\.rawValue))
    case .activation: .word(Activation.allCases.map(\.rawValue))
    case .penalty: .word(GradientPenalty.allCases.map(\.rawValue))
    case .updates: .word(UpdateScheme.allCases.map(\.rawValue))
    case .model: .word(NetModel.allCases.map(\.rawValue))
    case .hidden: .whole(Architecture.widthRange)
    case .layers: .whole(Architecture.hiddenLayerRange)
    case .batch: .whole(Hyperparameters.batchSizeRange)
    case .k: .whole(Hyperparameters.discriminatorStepRange)
    case .unroll: .whole(Stabilizers.unrolledStepRange)
    case .pack: .whole(Stabilizers.packRange)
    case .noiseAnneal: .whole(0...1_000_000_000)
    case .lr, .lrD, .lrG, .epsilon, .clip: .real(.positive)
    case .beta1, .beta2, .momentum: .real(.belowOne)
    case .gamma, .instanceNoise, .gp, .consensus: .real(.nonNegative)
    case .spectralNorm: .toggle
    }
  }

  /// What the setting does, for `--help` (without its default, which `help` adds).
  public var summary: String {
    switch self {
    case .model:
      "The model of both nets: mlp (the perceptrons of Figure 1) or dirac (the Dirac-GAN of Mescheder et al. 2018: G(z) = theta, D(x) = psi*x; --hidden, --layers and --activation do not apply)."
    case .target:
      "The data distribution p_data: a preset (\(Target.presetNames.joined(separator: ", "))), \(DistributionFamily.signatures), mix(w1*SPEC,w2*SPEC,...), \(DrawnDensity.signature) (heights over equal columns of [a,b], as the live view's T draws) or file:PATH (one number per line; file:/dev/stdin reads a pipe)."
    case .prior: "The noise prior p_z: uniform on (-1,1) or normal(0,1)."
    case .loss:
      "The game's loss: minimax (saturating), nonsaturating, least-squares, wasserstein (WGAN, weights clipped to [-c, c]), wgan-gp (gradient penalty on interpolates, weight --gp), wgan-lp (its one-sided version), hinge or relativistic (relativistic average: each side's critic read against the other's mean)."
    case .optimizer:
      "Update rule of both nets: sgd, momentum, adam, optimistic (optimistic gradient descent) or optimistic-adam."
    case .activation: "Hidden activation: tanh, relu, leaky-relu or linear (the identity)."
    case .hidden: "Hidden units per layer H."
    case .layers: "Hidden layers per net."
    case .batch: "Minibatch size m of every step."
    case .k: "Discriminator steps per generator step."
    case .lr: "Step size of both nets (overridden by --lr-d / --lr-g)."
    case .lrD: "Step size eta_D of the discriminator."
    case .lrG: "Step size eta_G of the generator."
    case .beta1: "Adam beta1."
    case .beta2: "Adam beta2."
    case .epsilon: "Adam epsilon."
    case .momentum: "Momentum coefficient mu for --optimizer momentum."
    case .penalty:
      "Gradient penalty on D: none, r1 (on data) or r2 (on G's samples), weight --gamma."
    case .gamma: "Weight gamma of the R1/R2 penalty (gamma/2 E[D'(x)^2])."
    case .unroll: "G's step looks through u unrolled D steps (0 is off)."
    case .updates:
      "How D and G updates are ordered: alternating (Algorithm 1), simultaneous or extragradient."
    case .instanceNoise:
      "Standard deviation of Gaussian noise added to every input of D (0 is off)."
    case .clip: "WGAN's clipping bound c of every D parameter."
    case .pack:
      "Packing (PacGAN): D judges packs of P samples, all real or all G's (1 is off); a batch is m packs per side, P*m samples."
    case .noiseAnneal:
      "Iterations over which the instance noise falls linearly to 0 (0: constant)."
    case .gp:
      "Weight lambda of WGAN-GP's penalty on interpolates (also WGAN-LP's); alone, it means --loss wgan-gp."
    case .spectralNorm:
      "Spectral normalisation of D's weights (one power-iteration step per D step)."
    case .consensus:
      "Consensus optimization (Mescheder et al. 2017) with weight gamma: each player also descends gamma/2 |v|^2, v the game's gradient field, by its exact gradient J^T v (0 is off; about 100x slower per step at the default size; not with --spectral-norm, --unroll or --instance-noise)."
    }
  }

  /// The help line: the summary, the accepted range and the default(s).
  public var help: String {
    summary + (rangeText.map { " (\($0))" } ?? "") + (defaultText.map { " (default \($0))" } ?? "")
  }

  /// The accepted range of a whole-number setting (`1...50`), or nil.
  public var rangeText: String? {
    switch kind {
    case .whole(let r): "\(r.lowerBound)...\(r.upperBound)"
    case .real, .word, .target, .toggle: nil
    }
  }

  /// The default, and the Dirac-GAN's where it differs (`5, or 1 for --model dirac`); nil
  /// for a switch (off unless given).
  public var defaultText: String? {
    let plain = defaultValue(for: .perceptron)
    let dirac = defaultValue(for: .dirac)
    switch kind {
    case .toggle: return nil
    case .whole, .real, .word, .target:
      return plain == dirac || !applies(to: .dirac) || self == .model
        ? plain.text : "\(plain.text), or \(dirac.text) for --model dirac"
    }
  }

  /// The configuration column that holds the setting (nil: `lr`, which is `lr_d` and `lr_g`).
  public var column: String? {
    switch self {
    case .lr: nil
    case .target, .prior, .loss, .optimizer, .activation, .hidden, .layers, .batch, .k, .lrD,
      .lrG, .beta1, .beta2, .epsilon, .momentum, .penalty, .gamma, .unroll, .updates,
      .instanceNoise, .clip, .pack, .noiseAnneal, .gp, .spectralNorm, .model, .consensus:
      String(rawValue.map { $0 == "-" ? "_" : $0 })
    }
  }

  /// The value of a run that does not give the flag. `lr-d` and `lr-g` default to `lr`; the
  /// Dirac-GAN has its own (the settings of Mescheder et al. 2018's figures).
  public func defaultValue(for model: NetModel) -> SettingValue {
    RunSettings.defaults(for: model).value(of: self)
  }

  /// Whether the setting means anything for `model` (the Dirac-GAN's nets have no width,
  /// depth or activation to choose).
  public func applies(to model: NetModel) -> Bool {
    switch (self, model) {
    case (.hidden, .dirac), (.layers, .dirac), (.activation, .dirac): false
    case (.hidden, .perceptron), (.layers, .perceptron), (.activation, .perceptron): true
    case (.target, _), (.prior, _), (.loss, _), (.optimizer, _), (.batch, _), (.k, _),
      (.lr, _), (.lrD, _), (.lrG, _), (.beta1, _), (.beta2, _), (.epsilon, _), (.momentum, _),
      (.penalty, _), (.gamma, _), (.unroll, _), (.updates, _), (.instanceNoise, _), (.clip, _),
      (.pack, _), (.noiseAnneal, _), (.gp, _), (.spectralNorm, _), (.model, _), (.consensus, _):
      true
    }
  }

  /// Why a sweep or a comparison may give this setting only one value (nil: it is a knob).
  public var singleValueReason: String? {
    switch self {
    case .model:
      "the models have different defaults and different metrics; sweep or compare each model on its own"
    case .target, .prior, .loss, .optimizer, .activation, .hidden, .layers, .batch, .k, .lr,
      .lrD, .lrG, .beta1, .beta2, .epsilon, .momentum, .penalty, .gamma, .unroll, .updates,
      .instanceNoise, .clip, .pack, .noiseAnneal, .gp, .spectralNorm, .consensus:
      nil
    }
  }

  /// The setting whose flag or column is `name` (`lr-d`, `lr_d`), or nil.
  public init?(name: String) {
    self.init(rawValue: String(name.lowercased().map { $0 == "_" ? "-" : $0 }))
  }

  /// The configuration columns, in order: the seed, then each setting's.
  public static let columnNames: [String] = ["seed"] + allCases.compactMap(\.column)

  /// Nil when `value` is acceptable, else why not (one line naming the flag).
  public func problem(with value: SettingValue) -> String? {
    switch (kind, value) {
    case (.whole(let r), .whole(let n)):
      return r.contains(n)
        ? nil : "\(flag) must be between \(r.lowerBound) and \(r.upperBound), got \(n)"
    case (.real(.positive), .real(let x)):
      return x.isFinite && x > 0 ? nil : "\(flag) must be a positive number, got \(x)"
    case (.real(.nonNegative), .real(let x)):
      return x.isFinite && x >= 0 ? nil : "\(flag) must be a number >= 0, got \(x)"
    case (.real(.belowOne), .real(let x)):
      return (0..<1).contains(x) ? nil : "\(flag) must be in [0, 1), got \(x)"
    case (.word(let words), .word(let w)):
      return words.contains(w)
        ? nil : "\(flag): '\(w)' is not one of \(words.joined(separator: ", "))"
    case (.toggle, .flag):
      return nil
    case (.target, .word):
      return nil
    case (.whole, _), (.real, _), (.word, _), (.toggle, _), (.target, _):
      return "\(flag): '\(value.text)' is not a value of this setting"
    }
  }

  /// Parses one value of a sweep or a comparison as typed (a word is case-insensitive; a
  /// target is parsed and written in its canonical spec — a `file:` target, whose data only
  /// `train` and `live` read, is refused) and checks it.
  public func parse(_ typed: String) throws(SettingError) -> SettingValue {
    let word = String(typed.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    let value: SettingValue
    switch kind {
    case .whole:
      guard let n = Int(word) else {
        throw SettingError("\(flag): '\(word)' is not a whole number")
      }
      value = .whole(n)
    case .real:
      guard let x = Float(word) else {
        throw SettingError("\(flag): '\(word)' is not a number (e.g. 0.001 or 1e-3)")
      }
      value = .real(x)
    case .word:
      value = .word(word.lowercased())
    case .toggle:
      switch word.lowercased() {
      case "on", "true": value = .flag(true)
      case "off", "false": value = .flag(false)
      default: throw SettingError("\(flag): '\(word)' is not one of off, on")
      }
    case .target:
      do {
        value = .word(try Target.parse(word).spec)
      } catch {
        throw SettingError("bad --target: \(error.description)")
      }
    }
    if let problem = problem(with: value) { throw SettingError(problem) }
    return value
  }
}
