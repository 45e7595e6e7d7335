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

/// D's outputs on G(z): G forward on `z` in `gw`, its samples packed `d.inputs` to a row of
/// `dw`, D forward on those rows. Both passes stay in the workspaces for a backward pass.
func criticOfGenerator(
  _ g: Perceptron, _ d: Perceptron, z: [Float], gw: Workspace, dw: Workspace
) -> [Double] {
  for i in z.indices { gw.input[i] = z[i] }
  g.forward(gw, rows: z.count)
  for i in z.indices { dw.input[i] = gw.output[i] }
  let rows = z.count / d.inputs
  d.forward(dw, rows: rows)
  return (0..<rows).map { Double(dw.output[$0]) }
}
