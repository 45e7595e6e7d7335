import GANCore

extension BenchCommand {
  /// `bench --jacobian`: the cost of one product J·u against one evaluation of the field v
  /// (the same gradient computation over Double, same batch), and against one trainer
  /// iteration at this k (the fast Float32 gradients of both players and their updates).
  /// Medians of `rounds` timings each, after the warm-up iterations.
  func runJacobian(_ config: TrainingConfig, rounds: Int = 15) throws {
    let trainer = Trainer(config: config)
    for _ in 0..<warmup { trainer.runIteration() }
    let jacobian = try GameJacobian(of: trainer)
    var u = [Double](repeating: 0, count: jacobian.dimension)
    for i in u.indices {
      u[i] = ((Double(i) * 0.618_033_988_7).truncatingRemainder(dividingBy: 1)) - 0.5
    }
    func median(_ body: () -> Void) -> Double {
      var times: [Double] = []
      for _ in 0..<rounds {
        let start = Clock.now()
        body()
        times.append(Clock.now() - start)
      }
      return times.sorted()[rounds / 2]
    }
    var sink = 0.0
    let field = median { sink += jacobian.field()[0] }
    let product = median { sink += jacobian.product(u)[0] }
    // Trainer iterations are short: time 100 per round.
    let iteration = median { for _ in 0..<100 { trainer.runIteration() } } / 100
    Output.line(
      jsonObject([
        ("impl", json("ganscope")), ("mode", json("jacobian")), ("H", "\(width)"),
        ("m", "\(batchSize)"), ("k", "\(discriminatorSteps)"), ("game", json(gameLabel)),
        ("parameters", "\(jacobian.dimension)"),
        ("field_seconds", number(field, 6)), ("jvp_seconds", number(product, 6)),
        ("iteration_seconds", number(iteration, 7)),
        ("jvp_over_field", number(product / field, 3)),
        ("jvp_over_iteration", number(product / iteration, 1)),
        ("loadavg1", number(loadAverage(), 2)),
        ("checksum_finite", sink.isFinite ? "true" : "false"),
      ]))
  }
}
