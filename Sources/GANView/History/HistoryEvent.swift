import GANCore

/// A knob turned during the run, found by comparing consecutive frames: k, a step size, the
/// loss, the optimizer, the target or a fix. The same frames give the same events live and in a
/// replay, where they match the timeline's markers (a reset changes no setting a frame
/// shows, so it is not among them).
public struct HistoryEvent: Sendable, Equatable {
  /// The first iteration that shows the change.
  public var iteration: Int
  public var kind: TimelineMarker.Kind
  /// What it changed to ("k=3").
  public var label: String

  public init(iteration: Int, kind: TimelineMarker.Kind, label: String) {
    self.iteration = iteration
    self.kind = kind
    self.label = label
  }

  /// The settings of a frame that an event can be about.
  struct Settings: Equatable, Sendable {
    var k: Int
    var stepSizes: [Float]
    var loss: Loss
    var optimizer: OptimizerKind
    var target: String
    /// The fixes in the status line's words, instance noise at its starting σ (its
    /// annealing is not a knob turned).
    var fixes: [String]

    init(_ snapshot: Snapshot) {
      let h = snapshot.hyperparameters
      k = h.discriminatorSteps
      stepSizes = [h.discriminatorStepSize, h.generatorStepSize]
      loss = h.loss
      optimizer = h.optimizer.kind
      target = snapshot.targetName
      fixes = StatusBar.fixWords(h.stabilizers, at: 0)
    }
  }

  /// The events between two consecutive frames' settings.
  static func changes(from a: Settings, to b: Settings, at iteration: Int) -> [HistoryEvent] {
    var events: [HistoryEvent] = []
    if a.k != b.k {
      events.append(.init(iteration: iteration, kind: .discriminatorSteps, label: "k=\(b.k)"))
    }
    if a.stepSizes != b.stepSizes {
      let text = b.stepSizes.map { NumberFormat.general(Double($0), significant: 2) }
      let label = text[0] == text[1] ? "lr=\(text[0])" : "lr=\(text[0])/\(text[1])"
      events.append(.init(iteration: iteration, kind: .stepSize, label: label))
    }
    if a.loss != b.loss {
      events.append(.init(iteration: iteration, kind: .loss, label: b.loss.rawValue))
    }
    if a.optimizer != b.optimizer {
      events.append(.init(iteration: iteration, kind: .optimizer, label: b.optimizer.rawValue))
    }
    if a.target != b.target {
      events.append(.init(iteration: iteration, kind: .target, label: b.target))
    }
    if a.fixes != b.fixes {
      // What came on, then what went off ("R1=10", "no SN").
      let on = b.fixes.filter { !a.fixes.contains($0) }
      let off = a.fixes.filter { word in
        let name = word.split(separator: "=").first.map(String.init) ?? word
        return !b.fixes.contains { $0.hasPrefix(name) }
      }.map { "no " + ($0.split(separator: "=").first.map(String.init) ?? $0) }
      events.append(
        .init(iteration: iteration, kind: .fix, label: (on + off).joined(separator: " ")))
    }
    return events
  }
}
