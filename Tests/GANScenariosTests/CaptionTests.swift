import GANCore
import GANView
import Testing

@testable import GANScenarios

/// What the captions of every scenario and tour page say against what the screen shows: a
/// caption that names an overlay or a picture has it switched on by the script, a caption
/// read at a pause does not tell the viewer to watch a still frame, live numbers name real
/// metrics, and every caption fits the caption box at 80 columns.
@Suite struct CaptionTests {
  /// The view a caption's words ask for: a phrase, and what must be on screen when it is
  /// read.
  static let phrases: [(phrase: String, holds: @Sendable (StepView) -> Bool)] = [
    ("overlay", { $0.optimalOverlay == true }),
    ("d*", { $0.optimalOverlay == true || $0.picture != .plot }),
    ("arrows", { $0.arrows == true }),
    ("histogram", { $0.histogram == true }),
    ("the history", { $0.picture == .history }),
    ("phase plane", { $0.picture == .phase }),
    ("space-time", { $0.picture == .spaceTime }),
    // The density axis, in the words of its notice (`DensityScale.notice`).
    ("density axis fits every curve", { $0.densityScale == .all }),
    ("density axis in decades", { $0.densityScale == .log }),
  ]

  /// The view a scenario starts on: everything off, the plot (the Dirac-GAN opens on its
  /// phase plane).
  static func start(_ scenario: Scenario) -> StepView {
    StepView(
      optimalOverlay: false, histogram: false, arrows: false,
      picture: scenario.config.architecture.model == .dirac ? .phase : .plot, densityScale: .data)
  }

  /// Each cue's caption with the view on screen while it is read.
  static func captionsWithViews(_ scenario: Scenario) -> [(caption: String, view: StepView)] {
    var view = start(scenario)
    return ScenarioPlayback(scenario).cues.map { cue in
      view = view.then(cue.view)
      return (cue.caption, view)
    }
  }

  @Test func everyCaptionThatNamesAViewHasItOn() {
    for scenario in Scenario.table {
      for (caption, view) in Self.captionsWithViews(scenario) {
        let words = caption.lowercased()
        for (phrase, holds) in Self.phrases where words.contains(phrase) {
          #expect(holds(view), "\(scenario.name): '\(phrase)' in \"\(caption)\"")
        }
      }
    }
  }

  /// A tour page's "what to watch" names only views the script switches on at some step.
  @Test func everyTourPageNamesOnlyViewsItsScriptShows() {
    for stop in TourStop.all {
      let views = Self.captionsWithViews(stop.scenario).map(\.view)
      let words = stop.watch.lowercased()
      for (phrase, holds) in Self.phrases where words.contains(phrase) {
        #expect(views.contains(where: holds), "\(stop.scenario.name): '\(phrase)' in its page")
      }
    }
  }

  /// A step the run stops at shows a still frame: it may say what to look at, or that space
  /// shows the motion, but not tell the viewer to watch something move.
  @Test func noPausedCaptionNarratesMotion() {
    for scenario in Scenario.table {
      for cue in ScenarioPlayback(scenario).cues where cue.pauses {
        let words = cue.caption.lowercased()
        let watches = words.contains("watch ") && !words.contains("press space and watch")
        #expect(!watches, "\(scenario.name) at \(cue.iteration): \"\(cue.caption)\"")
      }
    }
  }

  /// And a step the run goes on through says what to watch.
  @Test func everyWatchedPhaseHasAPaceOrKeys() {
    for scenario in Scenario.table {
      for step in scenario.steps where step.view.pace != nil {
        #expect(!step.pauses, "\(scenario.name) at \(step.iteration)")
      }
    }
  }

  /// A step switches the density axis as `f` would: the scales are the live view's, a
  /// later step's scale wins, and the footer's words name the key.
  @Test func aStepSwitchesTheDensityAxis() {
    #expect(
      StepView.DensityScale.allCases.map(\.rawValue) == DensityScale.allCases.map(\.rawValue))
    let step = ScenarioStep(at: 100, "look at the tails").showing(densityScale: .log)
    #expect(step.view.densityScale == .log)
    #expect(step.view.changes == ["f: density axis in decades (log)"])
    let later = step.view.then(StepView(densityScale: .all))
    #expect(later.densityScale == .all)
    #expect(later.then(.unchanged).densityScale == .all)
    #expect(StepView(arrows: true).then(step.view).arrows == true)
    for scale in StepView.DensityScale.allCases {
      let live = DensityScale(rawValue: scale.rawValue)
      // The caption's words for a scale are the live notice's (what `f` says).
      #expect(live?.notice.hasPrefix("density axis " + scale.words) == true, "\(scale)")
    }
  }

  @Test func liveNumbersAreMetrics() {
    for scenario in Scenario.table {
      let texts = scenario.steps.map(\.caption) + [scenario.claim.finding]
      for text in texts {
        for key in CaptionText.keys(in: text) {
          #expect(Metric.named(key) != nil, "\(scenario.name): {\(key)}")
        }
      }
    }
  }

  @Test func liveNumbersAreFilledIn() {
    var metrics = TrainingMetrics.notRecorded
    metrics.jensenShannon = 0.123_45
    metrics.generatorMean = 4.0211
    let text = CaptionText.filled("JSD {jsd}, mean {g_mean}, {nothing}", with: metrics)
    #expect(text == "JSD 0.123, mean 4.02, {nothing}")
    #expect(CaptionText.filled("JSD {jsd}", with: nil) == "JSD ?")
    #expect(CaptionText.printed("JSD {jsd}") == "JSD [live]")
    #expect(CaptionText.shown(0.012_34) == "0.0123")
    #expect(CaptionText.shown(13.84) == "13.8")
    #expect(CaptionText.shown(2.1e-6) == "2.1e-06")
    #expect(CaptionText.shown(-4.2e-13) == "0")
  }

  /// Every caption, with its live numbers as wide as they get, wraps to at most three lines
  /// in the caption box of an 80-column screen (76 columns of text).
  @Test func everyCaptionFitsThreeLinesAt80Columns() {
    for scenario in Scenario.table {
      for cue in ScenarioPlayback(scenario).cues {
        let widest = cue.caption.replacingPlaceholders(with: "-0.0001")
        let lines = Self.wrapped(widest, width: 76)
        #expect(lines <= 3, "\(scenario.name) at \(cue.iteration): \(lines) lines: \(widest)")
      }
    }
  }

  /// The finding says "Measured" and is not the predicate `demo --check` prints.
  @Test func theLastCaptionIsTheFindingInWords() {
    for scenario in Scenario.table {
      let last = ScenarioPlayback(scenario).cues.last
      #expect(last?.caption == scenario.claim.finding, "\(scenario.name)")
      #expect(scenario.claim.finding.hasPrefix("Measured"), "\(scenario.name)")
      #expect(scenario.claim.finding != scenario.claim.statement, "\(scenario.name)")
    }
  }

  /// Lines of greedy word wrap.
  static func wrapped(_ text: String, width: Int) -> Int {
    var lines = 1
    var used = 0
    for word in text.split(separator: " ") {
      let length = word.count
      if used == 0 {
        used = length
      } else if used + 1 + length <= width {
        used += 1 + length
      } else {
        lines += 1
        used = length
      }
    }
    return lines
  }
}

extension String {
  /// Every `{key}` replaced by `value`.
  fileprivate func replacingPlaceholders(with value: String) -> String {
    var result = ""
    var inside = false
    for character in self {
      if character == "{" {
        inside = true
        result += value
      } else if character == "}" {
        inside = false
      } else if !inside {
        result.append(character)
      }
    }
    return result
  }
}
