/// The fixed batch the game's field is evaluated on: deterministic quantiles of the prior
/// and of p_data instead of random draws, so that the field, its Jacobian and their spectra
/// are functions of the parameters alone, not of a minibatch.
///
/// m packs per side of P samples (P = 1 without packing), m the trainer's batch size, as
/// in a training step. Sample i of pack s is the quantile at the midpoint (i·m + s + ½)/(P·m):
/// every pack spans the whole distribution, and with P = 1 the batch is the m midpoint
/// quantiles in order. WGAN-GP's interpolates x̂ = ε·x + (1 − ε)·G(z) pair data pack s
/// with sample pack s, with εₛ = frac(½ + s·(√5 − 1)/2) (a golden-ratio sequence, evenly
/// spread and uncorrelated with the order of the quantiles).
struct EvaluationBatch: Sendable {
  let packs: Int
  let packSize: Int
  /// z and x, P·m values each, pack after pack.
  let noise: [Double]
  let data: [Double]
  let interpolation: [Double]

  init(packs m: Int, packSize p: Int, prior: Prior, target: Distribution) {
    packs = m
    packSize = p
    let n = m * p
    func stratified(_ quantile: (Double) -> Double) -> [Double] {
      (0..<n).map { index in
        let (s, i) = (index / p, index % p)
        return quantile((Double(i * m + s) + 0.5) / Double(n))
      }
    }
    noise = stratified(prior.quantile)
    data = stratified(target.quantile)
    let golden = (5.0.squareRoot() - 1) / 2
    interpolation = (0..<m).map { s in
      let t = 0.5 + Double(s) * golden
      return t - t.rounded(.down)
    }
  }
}
