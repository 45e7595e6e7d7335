/// Bits packed least-significant first into bytes: the body of a quantized curve.
struct BitWriter {
  private(set) var bytes: [UInt8] = []
  private var buffer: UInt64 = 0
  private var used = 0

  /// Appends the low `count` bits of `value` (count ≤ 32).
  mutating func write(_ value: UInt64, bits count: Int) {
    guard count > 0 else { return }
    buffer |= (value & ((1 << UInt64(count)) - 1)) << UInt64(used)
    used += count
    while used >= 8 {
      bytes.append(UInt8(truncatingIfNeeded: buffer))
      buffer >>= 8
      used -= 8
    }
  }

  /// The bytes, the last one padded with zero bits.
  mutating func finish() -> [UInt8] {
    if used > 0 {
      bytes.append(UInt8(truncatingIfNeeded: buffer))
      buffer = 0
      used = 0
    }
    return bytes
  }
}

/// Reads what `BitWriter` wrote. Past the end it reads zero bits (and notes it), so a
/// damaged body decodes to some curve, never to a crash.
struct BitReader {
  private let bytes: UnsafeRawBufferPointer
  private let range: Range<Int>
  private var position: Int
  private var buffer: UInt64 = 0
  private var available = 0
  private(set) var overran = false

  init(_ bytes: UnsafeRawBufferPointer, range: Range<Int>) {
    self.bytes = bytes
    self.range = range
    position = range.lowerBound
  }

  /// The next `count` bits (count ≤ 32) as an unsigned value.
  mutating func read(bits count: Int) -> UInt64 {
    guard count > 0 else { return 0 }
    while available < count {
      if position < range.upperBound {
        buffer |= UInt64(bytes[position]) << UInt64(available)
        position += 1
      } else {
        overran = true
      }
      available += 8
    }
    let value = buffer & ((1 << UInt64(count)) - 1)
    buffer >>= UInt64(count)
    available -= count
    return value
  }

  mutating func bit() -> Bool { read(bits: 1) == 1 }
}

/// Golomb-Rice codes of small unsigned numbers (zigzagged differences of neighbouring
/// quantized values): the quotient in unary, then `k` remainder bits. A quotient of
/// `escapeQuotient` or more is written as that many ones and the value in `rawBits` bits,
/// so one outlier costs a few dozen bits instead of thousands.
enum RiceCode {
  static let escapeQuotient: UInt64 = 16

  /// The bits `value` takes with parameter `k`.
  static func cost(_ value: UInt64, k: Int, rawBits: Int) -> Int {
    let quotient = value >> UInt64(k)
    return quotient < escapeQuotient ? Int(quotient) + 1 + k : Int(escapeQuotient) + rawBits
  }

  /// The parameter that codes `values` in the fewest bits.
  static func bestParameter(_ values: [UInt64], rawBits: Int) -> Int {
    var best = 0
    var bestCost = Int.max
    for k in 0...min(rawBits, 24) {
      var total = 0
      for v in values { total += cost(v, k: k, rawBits: rawBits) }
      if total < bestCost {
        bestCost = total
        best = k
      }
    }
    return best
  }

  static func write(_ value: UInt64, k: Int, rawBits: Int, to writer: inout BitWriter) {
    let quotient = value >> UInt64(k)
    if quotient < escapeQuotient {
      for _ in 0..<quotient { writer.write(1, bits: 1) }
      writer.write(0, bits: 1)
      writer.write(value, bits: k)
    } else {
      for _ in 0..<escapeQuotient { writer.write(1, bits: 1) }
      writer.write(value, bits: rawBits)
    }
  }

  static func read(k: Int, rawBits: Int, from reader: inout BitReader) -> UInt64 {
    var quotient: UInt64 = 0
    while quotient < escapeQuotient && reader.bit() { quotient += 1 }
    if quotient == escapeQuotient { return reader.read(bits: rawBits) }
    return (quotient << UInt64(k)) | reader.read(bits: k)
  }
}

/// Maps signed differences to unsigned numbers, small magnitudes first: 0, −1, 1, −2, …
@inline(__always) func zigzag(_ v: Int) -> UInt64 {
  UInt64(bitPattern: Int64((v << 1) ^ (v >> 63)))
}

@inline(__always) func unzigzag(_ v: UInt64) -> Int {
  Int(truncatingIfNeeded: v >> 1) ^ -Int(truncatingIfNeeded: v & 1)
}
