/// Little-endian writing of the fixed-width fields every record is made of.
struct ByteWriter {
  var bytes: [UInt8] = []

  init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

  mutating func u8(_ v: UInt8) { bytes.append(v) }
  mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }
  mutating func u16(_ v: UInt16) { fixed(v) }
  mutating func u32(_ v: UInt32) { fixed(v) }
  mutating func u64(_ v: UInt64) { fixed(v) }
  mutating func i64(_ v: Int) { fixed(Int64(v)) }
  mutating func f32(_ v: Float) { fixed(v.bitPattern) }
  mutating func f64(_ v: Double) { fixed(v.bitPattern) }

  /// A UTF-8 string with its byte count (u32) first.
  mutating func string(_ s: String) {
    let utf8 = Array(s.utf8)
    u32(UInt32(utf8.count))
    bytes.append(contentsOf: utf8)
  }

  /// Floats, exactly (their bit patterns), with their count (u32) first.
  mutating func floats(_ values: [Float]) {
    u32(UInt32(values.count))
    for v in values { fixed(v.bitPattern) }
  }

  mutating func doubles(_ values: [Double]) {
    u32(UInt32(values.count))
    for v in values { fixed(v.bitPattern) }
  }

  /// An unsigned LEB128 varint: 7 bits a byte, low first (1 byte below 128).
  mutating func varint(_ v: UInt64) {
    var v = v
    while v >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    bytes.append(UInt8(v))
  }

  /// A count, index or counter (never negative) as a varint.
  mutating func varint(_ v: Int) { varint(UInt64(max(v, 0))) }

  mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }

  /// Overwrites a u32 written earlier at `offset` (a length known only afterwards).
  mutating func patchU32(_ v: UInt32, at offset: Int) {
    for i in 0..<4 { bytes[offset + i] = UInt8(truncatingIfNeeded: v >> (8 * i)) }
  }

  private mutating func fixed<T: FixedWidthInteger>(_ v: T) {
    var le = v.littleEndian
    withUnsafeBytes(of: &le) { bytes.append(contentsOf: $0) }
  }
}

/// Little-endian reading from untrusted bytes that never traps: a read past the end yields
/// zeros and sets `failed`, and counts are checked against the bytes left before anything is
/// allocated. Decoders read everything, then check `failed` once.
struct ByteReader {
  let bytes: UnsafeRawBufferPointer
  private(set) var offset: Int
  let end: Int
  private(set) var failed = false
  /// The recording format the bytes are in (what some records hold depends on it).
  var formatVersion = RecordingFormat.version

  init(_ bytes: UnsafeRawBufferPointer, from start: Int = 0, to end: Int? = nil) {
    self.bytes = bytes
    let end = min(max(end ?? bytes.count, 0), bytes.count)
    self.end = end
    offset = min(max(start, 0), end)
  }

  var remaining: Int { end - offset }
  var isAtEnd: Bool { offset == end }

  /// Marks the input malformed (a value out of range).
  mutating func fail() { failed = true }

  mutating func u8() -> UInt8 { fixed(UInt8.self) }
  mutating func bool() -> Bool {
    let v = u8()
    if v > 1 { failed = true }
    return v == 1
  }
  mutating func u16() -> UInt16 { fixed(UInt16.self) }
  mutating func u32() -> UInt32 { fixed(UInt32.self) }
  mutating func u64() -> UInt64 { fixed(UInt64.self) }
  mutating func i64() -> Int { Int(fixed(Int64.self)) }
  mutating func f32() -> Float { Float(bitPattern: fixed(UInt32.self)) }
  mutating func f64() -> Double { Double(bitPattern: fixed(UInt64.self)) }

  /// An unsigned LEB128 varint (at most 10 bytes; more, or a value past 64 bits, fails).
  mutating func varint() -> UInt64 {
    var value: UInt64 = 0
    for shift in stride(from: 0, to: 70, by: 7) {
      let byte = u8()
      if failed { return 0 }
      guard shift < 63 || byte <= 1 else { break }
      value |= UInt64(byte & 0x7F) << UInt64(shift)
      if byte < 0x80 { return value }
    }
    failed = true
    return 0
  }

  /// A varint that must fit an Int (a count, an index, a counter).
  mutating func varintInt() -> Int {
    let v = varint()
    guard v <= UInt64(Int.max) else {
      failed = true
      return 0
    }
    return Int(v)
  }

  /// A count of items of `size` bytes each that must all still be there.
  mutating func count(itemSize: Int) -> Int {
    let n = Int(u32())
    guard n <= remaining / max(itemSize, 1) else {
      failed = true
      return 0
    }
    return n
  }

  mutating func string() -> String {
    let n = count(itemSize: 1)
    defer { offset += n }
    return String(
      decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + n]), as: UTF8.self)
  }

  mutating func floats() -> [Float] {
    let n = count(itemSize: 4)
    return (0..<n).map { _ in f32() }
  }

  mutating func doubles() -> [Double] {
    let n = count(itemSize: 8)
    return (0..<n).map { _ in f64() }
  }

  /// The next `n` bytes as a range of `bytes` (empty and failed when fewer are left).
  mutating func take(_ n: Int) -> Range<Int> {
    guard n >= 0, n <= remaining else {
      failed = true
      offset = end
      return end..<end
    }
    defer { offset += n }
    return offset..<offset + n
  }

  private mutating func fixed<T: FixedWidthInteger>(_: T.Type) -> T {
    let size = MemoryLayout<T>.size
    guard remaining >= size else {
      failed = true
      offset = end
      return 0
    }
    defer { offset += size }
    return T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
  }
}
