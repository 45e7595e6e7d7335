import ArgumentParser
import GANScenarios

/// `ganscope tour`: every scenario in teaching order, each after a page naming the paper's
/// statement it shows, played as `ganscope demo NAME` plays it.
struct TourCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tour",
    abstract: "The scenarios in teaching order, each tied to the paper's statement it shows.",
    discussion: """
      A page per scenario names the statement of Goodfellow et al. (2014) it makes visible; \
      space plays the scenario (its script presses the keys, captions each step and pauses \
      where there is something to see: space goes on), and at its end space turns to the \
      next page. Backspace goes back a page; q quits. Needs a terminal of at least 80x24.
      """)

  @Option(help: "The seed of every played run.")
  var seed: UInt64 = 1

  func run() throws {
    guard Terminal.isInteractive() else {
      throw RunFailure.badInput("the tour needs a terminal; 'ganscope demo NAME' prints a script")
    }
    let seed = self.seed
    let failures = try MainActor.assumeIsolated {
      try FullScreen.run { terminal, signals in
        TourLoop(stops: TourStop.all, seed: seed).run(on: terminal, signals: signals)
      }
    }
    if let first = failures.first { throw RunFailure.runtime(first) }
  }
}
