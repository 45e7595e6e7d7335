import GANCore
import Testing

@testable import GANView

/// The metrics pane never misleads: numbers fit without being cut, and a vanishing gradient
/// looks vanishing.
@Suite struct MetricsPaneTests {
  @Test func numbersFitWithoutChangingTheirValue() {
    #expect(NumberFormat.fitting(-9.883e-7, width: 9) == "-9.88e-07")
    #expect(NumberFormat.fitting(-9.883e-7, width: 8) == "-9.9e-07")
    #expect(NumberFormat.fitting(0.03188, width: 9) == "0.03188")
    #expect(NumberFormat.fitting(-1.386_294, width: 9) == "-1.386")
    #expect(NumberFormat.fitting(123_456_789, width: 9) == "1.235e+08")
    for v in [-9.883e-7, 1.7e-8, -123_456.7, 0.000_123_4, 3.0e12, -0.5] {
      let text = NumberFormat.fitting(v, width: 9)
      #expect(text.count <= 9)
      let parsed = Double(text)!
      #expect(abs(parsed - v) <= abs(v) * 0.05, "\(text) for \(v)")
    }
  }

  /// ‖∇G‖ = 1e-8 sits at the bottom of a logarithmic sparkline and 1 near the top: the two
  /// no longer fill the pane alike (as a self-scaled line did).
  @Test func vanishingGradientSitsAtTheBottom() throws {
    let metric = try #require(Metric.named("grad_g"))
    func levels(_ values: [Double]) -> [Character] {
      var grid = CellGrid(width: values.count, height: 1)
      MetricsPane.drawSparkline(
        values, scale: metric.scale, style: .model, into: &grid, x: 0, y: 0,
        width: values.count, symbols: .unicode)
      return (0..<values.count).map { grid[$0, 0].character }
    }
    let vanishing = levels([1.7e-8, 1.5e-8, 1.9e-8])
    let healthy = levels([0.9, 1.1, 1.0])
    let spark = SymbolSet.unicode.sparkLevels
    #expect(vanishing.allSatisfy { spark.firstIndex(of: $0)! <= 1 })
    #expect(healthy.allSatisfy { spark.firstIndex(of: $0)! >= spark.count - 3 })
    #expect(MetricsPane.rangeLabel(metric.scale, symbols: .unicode) == "log 1e-8..100")
    #expect(MetricsPane.rangeLabel(.automatic, symbols: .unicode) == nil)
  }
}
