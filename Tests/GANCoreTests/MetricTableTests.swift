import Foundation
import Testing

@testable import GANCore

/// The metric table is the one list everything derives from: it must be consistent.
@Suite struct MetricTableTests {
  /// Every metric that applies to a run has a finite value after a few iterations, and
  /// one that does not is NaN: a metric whose computation was forgotten cannot hide as NaN.
  @Test func everyMetricThatAppliesIsFiniteOnAPlainRun() throws {
    let runs: [(NetModel, String)] = [
      (.perceptron, "gaussian"), (.perceptron, "trimodal"), (.perceptron, "uniform"),
      (.perceptron, "skewed"),
      (.dirac, "point(0)"),
    ]
    for (model, spec) in runs {
      let target = try Target.parse(spec)
      let architecture =
        model == .dirac
        ? DiracGame.architecture : Architecture(width: 8, hiddenLayers: 1, activation: .tanh)
      let config = TrainingConfig(target: target, architecture: architecture, seed: 2)
      let trainer = Trainer(config: config)
      for _ in 0..<20 { trainer.runIteration() }
      let metrics = Evaluator(architecture: architecture, prior: config.prior)
        .snapshot(of: trainer).metrics
      for metric in Metric.table {
        let value = metrics[metric]
        if metric.applies.holds(model: model, target: target) {
          #expect(value.isFinite, "\(metric.key) on \(model) \(spec): \(value)")
        } else if metric.applies == .densities {
          // Computed (recordings hold it) but meaningless for a point mass: views leave it out.
          continue
        } else {
          #expect(value.isNaN, "\(metric.key) on \(model) \(spec): \(value)")
        }
      }
    }
  }

  /// A readout metric follows the loss's readout: a probability keeps its 0…1 sparkline,
  /// a critic's scales to its values (it is unbounded); plain metrics never change.
  @Test func readoutMetricsScaleByTheReadout() throws {
    let dReal = try #require(Metric.named("d_real"))
    let jsd = try #require(Metric.named("jsd"))
    for loss in Loss.allCases {
      switch loss.readout {
      case .probability, .score: #expect(dReal.scale(for: loss) == .fixed(lower: 0, upper: 1))
      case .critic: #expect(dReal.scale(for: loss) == .automatic, "\(loss)")
      }
      #expect(jsd.scale(for: loss) == jsd.scale)
    }
    #expect(Metric.table.filter { $0.unit == .readout }.map(\.key) == ["d_real", "d_fake"])
  }

  /// Every short label fits a narrow pane, in Unicode and in ASCII.
  @Test func shortLabelsFitTheirWidth() {
    for metric in Metric.table {
      for ascii in [false, true] {
        for loss in Loss.allCases {
          let label = metric.label(for: loss, ascii: ascii, short: true)
          #expect(label.count <= Metric.shortLabelWidth, "\(label)")
          #expect(!ascii || label.allSatisfy(\.isASCII), "\(label)")
        }
      }
    }
  }

  /// The Dirac-GAN's metrics: its distance from the equilibrium, not the divergences of a
  /// point mass.
  @Test func theDiracGameShowsItsDistanceAndNotDivergences() throws {
    let shown = Metric.table.filter { $0.applies.holds(model: .dirac) }.map(\.key)
    #expect(shown.contains("dirac_distance") && shown.contains("psi") && shown.contains("g_mean"))
    #expect(!shown.contains("jsd") && !shown.contains("kl") && !shown.contains("c_g"))
    let distance = try #require(Metric.named("dirac_distance"))
    var metrics = TrainingMetrics.notRecorded
    metrics.wasserstein = 3
    metrics.discriminatorSlope = -4
    #expect(metrics[distance] == 5)
  }

  @Test func keysAndColumnsAreUnique() {
    let keys = Metric.table.map(\.key)
    let columns = Metric.table.map(\.column)
    #expect(Set(keys).count == keys.count)
    #expect(Set(columns).count == columns.count)
    #expect(!columns.contains("iteration"))
    for column in columns {
      #expect(column.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" }, "\(column)")
    }
  }

  /// Recordings store the stored metrics by index: the indices are 0..<n, no gaps, and the
  /// first 13 are the ones format 1 wrote, in its order.
  @Test func recordIndicesAreDenseAndKeepFormat1Order() {
    let indices = Metric.table.compactMap { metric -> Int? in
      if case .stored(_, let index) = metric.source { return index }
      return nil
    }
    #expect(indices.sorted() == Array(0..<indices.count))
    let format1 = [
      "jsd", "kl", "kl_reverse", "w1", "v", "d_real", "d_fake", "loss_d", "loss_g", "grad_d",
      "grad_g", "g_mean", "g_std",
    ]
    #expect(Metric.recorded.prefix(13).map(\.key) == format1)
    #expect(Metric.recordedCountInFormat1 == format1.count)
  }

  @Test func fieldsRoundTripAndMissingOnesReadAsNaN() {
    let values = (0..<Metric.recorded.count).map { Double($0) * 1.5 - 2 }
    let metrics = TrainingMetrics(fields: values)
    #expect(metrics.fields == values)
    for (i, metric) in Metric.recorded.enumerated() { #expect(metrics[metric] == values[i]) }

    let older = TrainingMetrics(fields: Array(values.prefix(3)))
    #expect(older.fields.prefix(3) == values.prefix(3))
    #expect(older.fields.dropFirst(3).allSatisfy { $0.isNaN })
    // A newer file's extra values are ignored.
    #expect(TrainingMetrics(fields: values + [7, 8]) == metrics)
  }

  @Test func virtualCriterionIsDerivedFromJSD() throws {
    let c = try #require(Metric.named("c_g"))
    guard case .derived = c.source else {
      Issue.record("C(G) must be derived, not stored")
      return
    }
    var metrics = TrainingMetrics.notRecorded
    metrics.jensenShannon = 0
    #expect(abs(metrics[c] - (-log(4.0))) < 1e-15)
    metrics.jensenShannon = log(2.0)
    #expect(abs(metrics[c]) < 1e-15)
    #expect(c.scale == .floor(Metric.floorOfVirtualCriterion))
  }

  /// The objective's label says which objective it is.
  @Test func objectiveLabelFollowsTheLoss() throws {
    let v = try #require(Metric.named("v"))
    #expect(v.label(for: .nonsaturating, ascii: false) == "V(G,D)")
    #expect(v.label(for: .minimax, ascii: true) == "V(G,D)")
    #expect(v.label(for: .leastSquares, ascii: true) == "-L_D (LS)")
    #expect(v.label(for: nil, ascii: false) == "V(G,D)")
  }
}
