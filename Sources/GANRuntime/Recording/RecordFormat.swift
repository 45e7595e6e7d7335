/// The constants of the recording file format (docs/recording-format.md).
public enum RecordingFormat {
  /// The format version this ganscope writes, and the newest it reads. Version 2 numbers
  /// its context and curves records (so a frame never borrows another's context after a
  /// lost record) and counts a frame's metrics (so a metric can be added later). Version 3
  /// adds the fixes (`Stabilizers`) to every set of hyperparameters. Version 4 names the
  /// model (`NetModel`: the perceptron or the Dirac-GAN) after the activation, and adds D's
  /// pack size P to the hyperparameters (PacGAN; a packed D's parameter buffers are longer
  /// by P − 1 rows). Version 5 adds the relativistic loss, whose G step reads D on data
  /// too: a checkpoint keeps those outputs after the spectral state. Version 6 adds the
  /// weight γ of consensus optimization to the fixes.
  public static let version = 6
  /// The oldest format version this ganscope reads.
  public static let oldestVersion = 1
  /// The ganscope release that writes recordings (kept in each file's header).
  public static let ganscopeVersion = "0.1.0"
  /// The first eight bytes of every recording: a byte with the high bit set (catches 7-bit
  /// transfers), a name, and a line feed (catches newline conversion).
  static let magic: [UInt8] = [0x89, 0x47, 0x41, 0x4E, 0x52, 0x45, 0x43, 0x0A]  // \x89GANREC\n
  /// Magic, u16 format version, u16 flags (0: no flag is defined yet).
  static let preludeSize = 12
  /// u8 type, u32 payload length before the payload; u32 CRC-32C after it.
  static let recordOverhead = 9
  /// The largest payload a reader accepts for any record (a checkpoint of the largest nets
  /// the command line allows is about 50 MB; a `file:` target of millions of values sits in
  /// the header). Kinds with a known bound have a smaller one (`RecordType.maximumPayload`).
  static let maximumPayload = 1 << 30
  /// The most metric values a frame may carry (13 today; room for later ones).
  static let maximumMetricCount = 256
}

/// The kinds of record. A reader skips kinds it does not know (their checksum still
/// counts), so a later version may add kinds without a new format version.
enum RecordType: UInt8, CaseIterable {
  case header = 1
  /// What changes only with events: hyperparameters, target name, prior, seed, the z grid.
  case context = 2
  /// What depends only on the target and the view grid: the grid and p_data's curves.
  case curves = 3
  case frame = 4
  case event = 5
  case checkpoint = 6
  /// Written when a recording is stopped cleanly: the counts of what came before.
  case end = 7

  var name: String {
    switch self {
    case .header: "header"
    case .context: "context"
    case .curves: "curves"
    case .frame: "frame"
    case .event: "event"
    case .checkpoint: "checkpoint"
    case .end: "end"
    }
  }

  /// The payload lengths a record of this kind can have. A length outside them is damage,
  /// found without reading (or checksumming) the payload; this is also what keeps the
  /// search for the next good record after damage cheap.
  var payloadLengths: ClosedRange<Int> {
    switch self {
    case .header, .checkpoint: 1...RecordingFormat.maximumPayload
    // Strings of a spec, 2,048 z values, 10,000 bins, five quantized curves: far below.
    case .context, .curves, .frame, .event: 1...(1 << 20)
    case .end: 24...24
    }
  }
}

extension ByteWriter {
  /// The prelude: magic, version, flags.
  mutating func prelude(version: Int = RecordingFormat.version) {
    append(RecordingFormat.magic)
    u16(UInt16(version))
    u16(0)
  }

  /// One framed record: type, length, payload, then the CRC-32C of all three.
  mutating func record(_ type: RecordType, _ payload: (inout ByteWriter) -> Void) {
    let start = bytes.count
    u8(type.rawValue)
    u32(0)
    payload(&self)
    patchU32(UInt32(bytes.count - start - 5), at: start + 1)
    let crc = bytes.withUnsafeBytes {
      CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[start...]))
    }
    u32(crc)
  }
}
