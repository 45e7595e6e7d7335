import ArgumentParser
import GANCore
import GANRuntime
import GANView

/// The main pane `bench --with-viewer --view` composes.
enum BenchView: String, ExpressibleByArgument, CaseIterable {
  case plot
  case history
  case spacetime
  case phase
  case spectrum

  var pane: MainPane {
    switch self {
    case .plot: .plot
    case .history: .history
    case .spacetime: .spaceTime
    case .phase: .phase
    case .spectrum: .spectrum
    }
  }
}

extension BenchCommand {
  /// Bare trainer against the runtime while a viewer thread composes the live screen of
  /// `view` at 120x40, 30 times a second, feeding the run's history as the live view does:
  /// the trainer's ratio, and the viewer's share of a core (issue 14's cost).
  func runWithComposingViewer(_ config: TrainingConfig, view: BenchView) {
    let interval = publishEvery ?? LiveCommand.publishInterval(for: .maximum, fps: 30)
    let pane = view.pane
    var bare: [Double] = []
    var viewed: [TrainingRuntime.ViewerMeasurement] = []
    for _ in 0..<3 {
      bare.append(TrainingRuntime.measureBareThroughput(config: config, seconds: seconds))
      viewed.append(
        TrainingRuntime.measureThroughput(
          config: config, seconds: seconds, publishInterval: interval, framesPerSecond: 30,
          wantsSpectrum: pane == .spectrum
        ) {
          var state = ViewState()
          state.pane = pane
          return { snapshot, spectrum in
            state.advanceFrame(with: snapshot)
            if let spectrum {
              state.spectrum = SpectrumFeed(
                reading: spectrum.reading, age: spectrum.age, computing: spectrum.computing)
            }
            _ = Screen.render(
              snapshot: snapshot, state: state, status: LiveStatus(), width: 120, height: 40,
              symbols: .unicode)
          }
        })
    }
    let median = { (values: [Double]) in values.sorted()[values.count / 2] }
    let speeds = viewed.map(\.iterationsPerSecond)
    Output.line(
      jsonObject([
        ("impl", json("ganscope")), ("mode", json("with-viewer")), ("view", json(view.rawValue)),
        ("H", "\(width)"), ("m", "\(batchSize)"), ("k", "\(discriminatorSteps)"),
        ("publish_interval", "\(interval)"),
        ("bare_iterations_per_second", number(median(bare), 1)),
        ("viewer_iterations_per_second", number(median(speeds), 1)),
        ("ratio", number(median(speeds) / median(bare), 3)),
        ("viewer_core_share", number(median(viewed.map(\.viewerCoreShare)), 4)),
        ("rounds_bare", "[" + bare.map { number($0, 1) }.joined(separator: ", ") + "]"),
        ("rounds_viewer", "[" + speeds.map { number($0, 1) }.joined(separator: ", ") + "]"),
        ("loadavg1", number(loadAverage(), 2)),
      ]))
  }
}
