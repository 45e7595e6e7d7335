@testable import GANCore

/// (L(θᵢ + h) − L(θᵢ − h)) / 2h for every nonzero parameter θᵢ of `net` (its padding is
/// zero and stays so), each parameter put back after; for checking a gradient of `loss`.
func centralDifferences(
  of loss: () -> Double, in net: Perceptron, step h: Float = 1e-2
) -> [(index: Int, numeric: Double)] {
  var differences: [(index: Int, numeric: Double)] = []
  for index in 0..<net.parameterCount where net.parameters[index] != 0 {
    let saved = net.parameters[index]
    net.parameters[index] = saved + h
    net.parametersChanged()
    let plus = loss()
    net.parameters[index] = saved - h
    net.parametersChanged()
    let minus = loss()
    net.parameters[index] = saved
    net.parametersChanged()
    differences.append((index, (plus - minus) / Double(2 * h)))
  }
  return differences
}
