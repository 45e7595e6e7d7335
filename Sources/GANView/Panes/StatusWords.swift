/// What each word of the status line means, with its live value, for the mouse: a click on
/// `k=5` says "k=5: D takes 5 steps for each G step (K one more, k one fewer)" in the
/// footer. One table: a word the line gains needs its entry here, or it is not clickable.
/// Each explanation fits the footer at 80 columns.
enum StatusWords {
  /// The explanation of a status word as drawn ("k=5", "PAUSED", "REC run.gans"), or nil
  /// for a word without one.
  static func explanation(of word: String) -> String? {
    let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
    let name = parts.first.map { $0.split(separator: " ").first.map(String.init) ?? $0 } ?? word
    let value = parts.count == 2 ? parts[1] : ""
    let said: String?
    switch name {
    case "iter": said = "training iterations so far (each: k D steps, then one G step)"
    case "it/s": said = "iterations per second, measured now (the pace caps it)"
    case "pace": said = "the speed training is held to (< slower, > faster)"
    case "density":
      switch value {
      case "data": said = "the density axis fits p_data; a taller p_g is clipped (f)"
      case "all": said = "the density axis fits every curve (f: next scale)"
      default: said = "the density axis in decades, to see thin tails (f: next scale)"
      }
    case "PAUSED": said = "training waits: space resumes; . d g take single steps"
    case "DIVERGED": said = "a number became NaN or infinite; r resets both nets"
    case "REC": said = "this session is being recorded (R stops it; ganscope replay FILE)"
    case "k": said = "D takes \(value) step(s) for each G step (K one more, k one fewer)"
    case "lr": said = "both players' step size eta (+ doubles it, - halves it)"
    case "lrD": said = "D's step size eta_D (] doubles it, [ halves it)"
    case "lrG": said = "G's step size eta_G (} doubles it, { halves it)"
    case "loss": said = "the game's objective for D and G (l: the next loss)"
    case "opt": said = "the update rule of both nets (--optimizer)"
    case "target": said = "p_data, the dotted curve G learns to match (t next, T draw)"
    case "R1": said = "penalty gamma/2 E[D'(x)^2] on data keeps D flat there (p)"
    case "R2": said = "penalty gamma/2 E[D'(x)^2] on G's samples (p: next penalty)"
    case "unroll": said = "G's step looks through \(value) unrolled D steps (u cycles)"
    case "updates": said = "the order of the D and G steps (x: the next order)"
    case "noise": said = "Gaussian noise of sd \(value) on every input of D (n on/off)"
    case "SN": said = "D's weights spectrally normalized: slopes bounded (s off)"
    case "pack": said = "D judges packs of \(value) samples at once, PacGAN (P cycles)"
    case "GP": said = "weight of WGAN-GP's penalty on interpolates (--gp)"
    case "consensus": said = "both also descend gamma/2 |v|^2, consensus optimization (c)"
    case "frame": said = "the recorded frame shown (Left Right, Home End, 0-9)"
    case "speed": said = "the replay's speed (< halves it, > doubles it)"
    case "keys": said = "which runs the training keys act on (Tab, 0-4)"
    case "runs": said = "how many runs are compared side by side"
    default: said = nil
    }
    return said.map { "\(word.split(separator: " ").first.map(String.init) ?? word): \($0)" }
  }
}
