import GANCore
import GANRuntime
import GANView

/// Where `figure --kind history|spacetime|phase` gets its run: every frame of a recording,
/// or a fresh headless run snapshotted every `every` iterations (as a live run publishes
/// frames), collected in a `RunHistory` exactly as the live view and the replay do.
enum RunFigureSource {
  static func history(recording path: String) throws -> (RunHistory, Snapshot) {
    let reader = try RecordingReader.opening(commandLineFile: path)
    guard reader.frameCount > 0 else {
      throw RunFailure.badInput("\(SpecText.quoted(path)) holds no frames to draw")
    }
    return (RecordingFrames.runHistory(of: reader), reader.frame(at: reader.frameCount - 1))
  }

  static func history(config: TrainingConfig, iterations: Int, every: Int) -> (RunHistory, Snapshot)
  {
    let trainer = Trainer(config: config)
    let evaluator = Evaluator(architecture: config.architecture, prior: config.prior)
    var history = RunHistory()
    var last = evaluator.snapshot(of: trainer)
    history.append(last)
    while trainer.iteration < iterations, !trainer.isDiverged {
      for _ in 0..<every where trainer.iteration < iterations {
        if !trainer.runIteration() { break }
      }
      last = evaluator.snapshot(of: trainer)
      history.append(last)
    }
    return (history, last)
  }
}
