/// A curve of a frame (D, D*, p_g, the z → x map, its slope) kept to a chosen number of bits:
/// each finite value becomes an integer level between the curve's own minimum and maximum;
/// each level is predicted from its neighbours (the previous level, or the line through the
/// two previous ones, whichever codes the curve shorter: the curves are smooth), and the
/// prediction errors are Rice-coded. Non-finite values (a diverged net) are kept exactly as
/// exceptions.
///
/// Layout: varint count, u8 bits, u8 predictor order (1 or 2), u8 Rice parameter, f32 min,
/// f32 max, varint exception count, (varint index, f32 value) per exception, varint body
/// length, body.
enum CurveCoding {
  /// The most values a decoder accepts in one curve (a snapshot's have 200 or 33).
  static let maximumCount = 1 << 16
  static let maximumBits = 24

  static func encode(_ values: [Float], bits requested: Int, into out: inout ByteWriter) {
    let finite = values.filter(\.isFinite)
    let low = finite.min() ?? 0
    let high = finite.max() ?? 0
    // A flat curve needs no levels at all.
    let bits = high > low ? min(max(requested, 1), maximumBits) : 0
    let top = (1 << bits) - 1
    let span = Double(high) - Double(low)
    var levels = [Int](repeating: 0, count: values.count)
    var exceptions: [(Int, Float)] = []
    for (i, v) in values.enumerated() {
      if !v.isFinite {
        exceptions.append((i, v))
        levels[i] = -1  // Filled with its prediction below.
      } else if bits > 0 {
        let level = Int(((Double(v) - Double(low)) / span * Double(top)).rounded())
        levels[i] = min(max(level, 0), top)
      }
    }
    let rawBits = bits + 3
    var best: (order: Int, k: Int, residuals: [UInt64], cost: Int)?
    for order in 1...2 {
      var copy = levels
      var residuals: [UInt64] = []
      residuals.reserveCapacity(values.count)
      for i in copy.indices {
        let predicted = predict(copy, i, order: order, top: top)
        if copy[i] < 0 { copy[i] = predicted }  // An exception costs a zero residual.
        residuals.append(zigzag(copy[i] - predicted))
      }
      let k = RiceCode.bestParameter(residuals, rawBits: rawBits)
      let cost = residuals.reduce(0) { $0 + RiceCode.cost($1, k: k, rawBits: rawBits) }
      if best == nil || cost < best!.cost { best = (order, k, residuals, cost) }
    }
    let (order, k, residuals, _) = best!
    var body = BitWriter()
    if bits > 0 {
      for r in residuals { RiceCode.write(r, k: k, rawBits: rawBits, to: &body) }
    }
    out.varint(values.count)
    out.u8(UInt8(bits))
    out.u8(UInt8(order))
    out.u8(UInt8(k))
    out.f32(low)
    out.f32(high)
    out.varint(exceptions.count)
    for (index, value) in exceptions {
      out.varint(index)
      out.f32(value)
    }
    let bytes = body.finish()
    out.varint(bytes.count)
    out.append(bytes)
  }

  /// The level `order` predicts at `i` from the levels before it, within 0...top.
  @inline(__always)
  static func predict(_ levels: [Int], _ i: Int, order: Int, top: Int) -> Int {
    if i == 0 { return 0 }
    if order == 1 || i == 1 { return levels[i - 1] }
    return min(max(2 * levels[i - 1] - levels[i - 2], 0), top)
  }

  /// The values `encode` kept. Malformed input sets `input.failed` and yields some curve.
  /// `values: false` reads past the curve without decoding it (empty result): for readers
  /// that need some curves of a frame and not the others.
  static func decode(_ input: inout ByteReader, values decodesValues: Bool = true) -> [Float] {
    let count = input.varintInt()
    let bits = Int(input.u8())
    let order = Int(input.u8())
    let k = Int(input.u8())
    let low = input.f32()
    let high = input.f32()
    guard count <= maximumCount, bits <= maximumBits, (1...2).contains(order), k <= 24,
      !input.failed
    else {
      input.fail()
      return []
    }
    let exceptionCount = input.varintInt()
    guard exceptionCount <= count else {
      input.fail()
      return []
    }
    var exceptions: [(Int, Float)] = []
    for _ in 0..<exceptionCount {
      let index = input.varintInt()
      let value = input.f32()
      if index < count { exceptions.append((index, value)) } else { input.fail() }
    }
    let bodyLength = input.varintInt()
    let body = input.take(bodyLength)
    guard decodesValues else { return [] }
    var values = [Float](repeating: low, count: count)
    if bits > 0 && !input.failed {
      let top = (1 << bits) - 1
      let step = (Double(high) - Double(low)) / Double(top)
      var reader = BitReader(input.bytes, range: body)
      var levels = [Int](repeating: 0, count: count)
      for i in 0..<count {
        let predicted = predict(levels, i, order: order, top: top)
        let residual = unzigzag(RiceCode.read(k: k, rawBits: bits + 3, from: &reader))
        levels[i] = min(max(predicted &+ residual, 0), top)
        values[i] = Float(Double(low) + step * Double(levels[i]))
      }
      if reader.overran { input.fail() }
    }
    for (index, value) in exceptions { values[index] = value }
    return values
  }

  /// The largest error `encode` allows for a curve spanning `low`...`high` in `bits` bits
  /// (half a level, plus the rounding to Float).
  static func tolerance(low: Float, high: Float, bits: Int) -> Float {
    let span = high - low
    return span / Float((1 << bits) - 1) / 2 + max(abs(low), abs(high)) * 2 * Float.ulpOfOne
  }
}
