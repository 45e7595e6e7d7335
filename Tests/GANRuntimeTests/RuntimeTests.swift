import Foundation
import GANCore
import Testing

@Test func probeCosts() throws {
  for width in [8, 32] {
    let config = TrainingConfig(
      target: try Target.parse("gaussian"), architecture: Architecture(width: width),
      hyperparameters: Hyperparameters(batchSize: width == 8 ? 32 : 128))
    let trainer = Trainer(config: config)
    let evaluator = Evaluator(architecture: config.architecture, prior: config.prior)
    let clock = ContinuousClock()
    for _ in 0..<500 { trainer.runIteration() }
    let n = 5000
    let t0 = clock.now
    for _ in 0..<n { trainer.runIteration() }
    let it = (clock.now - t0) / n
    let t1 = clock.now
    for _ in 0..<200 { _ = evaluator.snapshot(of: trainer) }
    let snap = (clock.now - t1) / 200
    let lock = NSCondition()
    var x = 0
    let t2 = clock.now
    for _ in 0..<1_000_000 { lock.lock(); x &+= 1; lock.unlock() }
    let l = (clock.now - t2) / 1_000_000
    print("width \(width): iteration \(it), snapshot \(snap), lock \(l) \(x)")
  }
}
