import GANCore
import Testing

@testable import GANScenarios

@Suite struct ScenarioTableTests {
  @Test func namesAreUnique() {
    let names = Scenario.table.map(\.name)
    #expect(Set(names).count == names.count)
  }
}
