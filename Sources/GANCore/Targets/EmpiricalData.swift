/// The numbers of a data file (a `file:PATH` target), read from its bytes as they arrive: one
/// number per line; blank lines and lines starting with `#` are skipped; at least 2 values,
/// finite, not all equal.
///
/// Pure: the program's edge reads the bytes (`TargetLoader` in GANRuntime) and feeds them
/// here chunk by chunk, so that a file that is not a list of numbers (a binary, a device that
/// never ends a line) is refused at its first bad line, without reading the rest.
public struct EmpiricalDataParser: Sendable {
  /// The longest line accepted (a device that never produces a newline fails here).
  public static let maximumLineLength = 4096
  /// The most numbers accepted (a stream that never ends fails here).
  public static let maximumCount = 10_000_000

  /// The path as given, for messages.
  public let path: String
  private var values: [Double] = []
  private var line: [UInt8] = []
  private var lineNumber = 0

  public init(path: String) { self.path = path }

  private var file: String { "file \(SpecText.quoted(path))" }

  /// Takes the next bytes of the file.
  public mutating func consume(_ bytes: UnsafeRawBufferPointer) throws(TargetSpecError) {
    for byte in bytes {
      if byte == UInt8(ascii: "\n") {
        try finishLine()
      } else {
        line.append(byte)
        if line.count > Self.maximumLineLength {
          throw TargetSpecError(
            "\(file) line \(lineNumber + 1) is longer than \(Self.maximumLineLength) bytes "
              + "(expected one number per line)")
        }
      }
    }
  }

  /// Takes the next bytes of the file.
  public mutating func consume(_ bytes: [UInt8]) throws(TargetSpecError) {
    let result = bytes.withUnsafeBytes { raw in
      Result { () throws(TargetSpecError) in try consume(raw) }
    }
    try result.get()
  }

  /// The numbers, once the file has ended.
  public mutating func finish() throws(TargetSpecError) -> EmpiricalSamples {
    if !line.isEmpty { try finishLine() }
    guard values.count >= 2 else {
      throw TargetSpecError("\(file) holds \(values.count) number(s); at least 2 are needed")
    }
    let samples = EmpiricalSamples(values: values)
    guard let first = samples.sorted.first, let last = samples.sorted.last, first < last else {
      throw TargetSpecError(
        "\(file): all \(values.count) values are equal; the target needs some spread")
    }
    try TargetSpecParser.checkMagnitude(.empirical(samples), SpecText.quoted("file:" + path))
    return samples
  }

  private mutating func finishLine() throws(TargetSpecError) {
    lineNumber += 1
    let content = SpecText.trimmed(String(decoding: line, as: UTF8.self))
    line.removeAll(keepingCapacity: true)
    if content.isEmpty || content.hasPrefix("#") { return }
    guard let value = Double(content) else {
      throw TargetSpecError(
        "\(file) line \(lineNumber): \(SpecText.quoted(content)) is not a number "
          + "(expected one number per line; blank lines and # comments are skipped)")
    }
    guard value.isFinite else {
      throw TargetSpecError(
        "\(file) line \(lineNumber): \(SpecText.quoted(content)) is not a finite number")
    }
    guard values.count < Self.maximumCount else {
      throw TargetSpecError(
        "\(file) holds more than \(Self.maximumCount) numbers (the most a target may have)")
    }
    values.append(value)
  }
}
