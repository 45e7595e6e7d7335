/// The framing of a recording's records (type, length, payload, CRC-32C) over the bytes of
/// a file: what is at an offset, and where the next good record is after damage.
struct RecordFraming {
  /// What the bytes at an offset are.
  enum Found {
    /// A complete record whose length is plausible and whose checksum matches (type nil: a
    /// kind this version does not know). `end` is where the next record starts.
    case record(RecordType?, payload: Range<Int>, end: Int)
    /// Not a good record. `runsPastEnd`: its framing is plausible but the file ends inside
    /// it, the mark of a file cut short while this record was being written.
    case bad(reason: String, runsPastEnd: Bool)
  }

  let bytes: UnsafeRawBufferPointer
  /// false: checksums are not checked (the fuzzer's way to reach the decoders).
  let checksums: Bool
  /// Bytes the search for good records after damage may still checksum: it bounds the work
  /// a hostile file can cause (a long run of bytes that each look like the start of a large
  /// record) to a few passes over the file.
  private var searchBudget: Int

  init(bytes: UnsafeRawBufferPointer, checksums: Bool) {
    self.bytes = bytes
    self.checksums = checksums
    searchBudget = 8 * bytes.count + (64 << 20)
  }

  /// The record that starts at `start`.
  func record(at start: Int) -> Found {
    let remaining = bytes.count - start
    guard remaining >= RecordingFormat.recordOverhead else {
      return .bad(reason: "an incomplete record", runsPastEnd: true)
    }
    var input = ByteReader(bytes, from: start)
    let code = input.u8()
    let length = Int(input.u32())
    let type = RecordType(rawValue: code)
    let lengths = type?.payloadLengths ?? 0...RecordingFormat.maximumPayload
    guard lengths.contains(length) else {
      let kind = type.map { "\($0.name) record" } ?? "record of unknown type \(code)"
      return .bad(reason: "a \(kind) with an impossible length (\(length))", runsPastEnd: false)
    }
    guard length <= remaining - RecordingFormat.recordOverhead else {
      return .bad(reason: "a record that runs past the end of the file", runsPastEnd: true)
    }
    let payload = (start + 5)..<(start + 5 + length)
    if checksums {
      let stored = ByteReader(bytes, from: payload.upperBound).peekU32()
      let computed = CRC32C.checksum(
        UnsafeRawBufferPointer(rebasing: bytes[start..<payload.upperBound]))
      guard stored == computed else {
        return .bad(reason: "a record that fails its checksum", runsPastEnd: false)
      }
    }
    return .record(type, payload: payload, end: payload.upperBound + 4)
  }

  /// The first offset at or after `start` where a good record of a known kind begins, or
  /// nil when there is none (or the search has used up its budget).
  mutating func nextGoodRecord(from start: Int) -> Int? {
    let last = bytes.count - RecordingFormat.recordOverhead
    guard start <= last else { return nil }
    for offset in start...last {
      // Cheap tests first: a known type and a length that fits; only then the checksum.
      // A header is only ever the first record.
      guard let type = RecordType(rawValue: bytes[offset]), type != .header else { continue }
      let length = ByteReader(bytes, from: offset + 1).peekU32()
      guard type.payloadLengths.contains(Int(length)), Int(length) <= last - offset else {
        continue
      }
      // A checkpoint may be long: look at its first fields (a frame index and a sequence
      // number, both far below 2⁴⁰) before checksumming megabytes.
      if type == .checkpoint {
        var fields = ByteReader(bytes, from: offset + 5)
        guard fields.u64() < 1 << 40, (1..<(1 << 40)).contains(fields.u64()) else { continue }
      }
      searchBudget -= Int(length)
      guard searchBudget >= 0 else { return nil }
      if case .record = record(at: offset) { return offset }
    }
    return nil
  }
}

extension ByteReader {
  /// The u32 at the current position, without moving on.
  func peekU32() -> UInt32 {
    var copy = self
    return copy.u32()
  }
}
