import Dispatch
import GANCore

/// Where a sweep stands, for its progress bar.
public struct SweepProgress: Sendable, Equatable {
  /// Runs finished (written) and to run in this invocation.
  public var finished: Int
  public var total: Int
  /// Work done and to do (iterations weighted by `SweepCell.costPerIteration`), counting the
  /// runs in flight as far as they got.
  public var work: Double
  public var totalWork: Double
  public var elapsed: Double
  public var jobs: Int
  /// Runs written whose training diverged (NaN or infinity).
  public var diverged: Int

  /// Seconds left, extrapolated from the work done so far; nil before there is a basis.
  public var secondsLeft: Double? {
    guard work > 0, elapsed >= 0.5 else { return nil }
    return max(0, elapsed * (totalWork - work) / work)
  }

  public init(
    finished: Int, total: Int, work: Double, totalWork: Double, elapsed: Double, jobs: Int,
    diverged: Int = 0
  ) {
    self.finished = finished
    self.total = total
    self.work = work
    self.totalWork = totalWork
    self.elapsed = elapsed
    self.jobs = jobs
    self.diverged = diverged
  }
}

/// Trains a sweep's cells: each run on its own Trainer and Evaluator (nothing shared between
/// runs), `jobs` at a time; only the queue of cells and the order of the output lines are
/// shared, behind one `Locked`.
public enum SweepRunner {
  /// Trains one cell on the calling thread: `settings.iterations` iterations, JSD checked
  /// every `settings.every` until it first falls below the threshold, and the metrics at the
  /// end. `onCheck` gets the iteration reached at each check (for progress).
  public static func run(
    config: TrainingConfig, settings: SweepSettings, onCheck: (Int) -> Void = { _ in }
  ) -> SweepOutcome {
    let start = monotonicSeconds()
    let trainer = Trainer(config: config)
    let evaluator = Evaluator(architecture: config.architecture, prior: config.prior)
    var trainSeconds = 0.0
    var reached: Int?
    var last: Snapshot?
    while trainer.iteration < settings.iterations && !trainer.isDiverged {
      let steps = min(settings.every, settings.iterations - trainer.iteration)
      let t0 = monotonicSeconds()
      for _ in 0..<steps where !trainer.isDiverged { trainer.runIteration() }
      trainSeconds += monotonicSeconds() - t0
      last = nil
      if reached == nil && !trainer.isDiverged {
        let snapshot = evaluator.snapshot(of: trainer)
        if snapshot.metrics.jensenShannon < settings.jsdThreshold { reached = trainer.iteration }
        last = snapshot
      }
      onCheck(trainer.iteration)
    }
    let final = last ?? evaluator.snapshot(of: trainer)
    let spread = config.target.distribution.standardDeviation
    let collapsed =
      !trainer.isDiverged
      && final.metrics.generatorStandardDeviation < settings.collapseRatio * spread
    return SweepOutcome(
      metrics: final.metrics, iterationsToThreshold: reached,
      divergedAt: trainer.divergedAtIteration, collapsed: collapsed,
      seconds: monotonicSeconds() - start, trainSeconds: trainSeconds)
  }

  private struct State: Sendable {
    /// The cells not yet handed out, and the position of the next one.
    var pending: SweepIndices.Iterator
    var next = 0
    /// Lines finished out of order, by position, until the lines before them are written.
    var finished: [Int: (line: String, diverged: Bool)] = [:]
    var written = 0
    var diverged = 0
    var stopped = false
    var doneWork = 0.0
    var inFlight: [Int: Double] = [:]
    var lastReport = -Double.infinity
  }

  /// Trains the cells `indices` of `grid` on `jobs` threads and passes each cell's line to
  /// `write` in the order of `indices`, whatever order they finish in (`write` is called
  /// with the lock held, so lines never interleave; returning false stops the sweep after
  /// the runs in flight). `progress` is called at most `reportInterval` seconds apart and
  /// once at the end. Returns how many lines were written.
  ///
  /// Every cell's configuration is checked before the first run (a combination the trainer
  /// refuses is an error, not a failed cell); cells are then made one at a time, so memory
  /// does not grow with the grid.
  @discardableResult
  public static func run(
    grid: SweepGrid, indices: SweepIndices, jobs: Int, timing: Bool = false,
    reportInterval: Double = 0.25,
    progress: (@Sendable (SweepProgress) -> Void)? = nil,
    write: @escaping @Sendable (String) -> Bool
  ) throws(SweepError) -> Int {
    let settings = grid.settings
    let totalWork = work(grid, indices)
    let total = indices.count
    let state = Locked(State(pending: indices.makeIterator()))
    let start = monotonicSeconds()
    let workers = max(1, min(jobs, total))

    @Sendable func report(_ s: inout State, force: Bool) {
      guard let progress else { return }
      let now = monotonicSeconds()
      guard force || now - s.lastReport >= reportInterval else { return }
      s.lastReport = now
      progress(
        SweepProgress(
          finished: s.written, total: total,
          work: s.doneWork + s.inFlight.values.reduce(0, +), totalWork: totalWork,
          elapsed: now - start, jobs: workers, diverged: s.diverged))
    }

    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while true {
        let taken = state.withLock { s -> (position: Int, index: Int)? in
          guard !s.stopped, let index = s.pending.next() else { return nil }
          s.next += 1
          return (s.next - 1, index)
        }
        guard let (position, index) = taken else { return }
        let cell = grid.cell(index)
        let cost = cell.costPerIteration
        // Checked above: a configuration that fails here cannot happen.
        guard let config = try? cell.config() else { preconditionFailure("cell \(index)") }
        let outcome = run(config: config, settings: settings) { iteration in
          state.withLock { s in
            s.inFlight[position] = Double(iteration) * cost
            report(&s, force: false)
          }
        }
        let line = SweepRecord.line(grid: grid, cell: cell, outcome: outcome, timing: timing)
        state.withLock { s in
          s.inFlight[position] = nil
          s.doneWork += Double(settings.iterations) * cost
          s.finished[position] = (line, outcome.divergedAt != nil)
          while !s.stopped, let next = s.finished.removeValue(forKey: s.written) {
            if write(next.line) {
              s.written += 1
              if next.diverged { s.diverged += 1 }
            } else {
              s.stopped = true
            }
          }
          report(&s, force: s.written == total)
        }
      }
    }
    return state.withLock { $0.written }
  }

  /// Trains exactly the cells in `indices`, in that order.
  @discardableResult
  public static func run(
    grid: SweepGrid, indices: [Int], jobs: Int, timing: Bool = false,
    write: @escaping @Sendable (String) -> Bool
  ) throws(SweepError) -> Int {
    try run(grid: grid, indices: SweepIndices(indices), jobs: jobs, timing: timing, write: write)
  }

  /// The work the cells to run add up to (the grid checked every cell's configuration when
  /// it was made, SweepGrid.init).
  private static func work(_ grid: SweepGrid, _ indices: SweepIndices) -> Double {
    var work = 0.0
    for index in indices {
      work += grid.cell(index).costPerIteration * Double(grid.settings.iterations)
    }
    return work
  }
}
