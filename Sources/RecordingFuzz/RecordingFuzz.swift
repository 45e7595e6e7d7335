// The libFuzzer target over the recording reader (docs/recording-format.md, "Fuzzing").
//
// Built for fuzzing with `-Xswiftc -DFUZZING` (see .ci/run): libFuzzer then provides `main`
// and calls `LLVMFuzzerTestOneInput` with each input. In a normal build this is a small
// program that runs the same checks over the files it is given (the corpus, say), so the
// package builds and links as usual.
import GANRuntime

#if canImport(Glibc)
  import Glibc
#endif

/// Reads `bytes` as a recording every way a user can, twice: with checksums (as files are
/// read, damage then goes through the search for the next good record) and without (so
/// mangled records reach the decoders). Then, for recordings of small nets, what `verify`
/// and a branch do with what was read, within a small budget. Any crash is a finding.
func exercise(_ bytes: [UInt8]) {
  for checksums in [true, false] {
    guard let reader = try? RecordingReader(bytes: bytes, name: "fuzz", checksums: checksums)
    else { continue }
    var sink = reader.ignoredBytes + reader.markers.count + reader.events.count
    sink &+= Int(reader.durationSeconds.isFinite ? 1 : 0) + (reader.problems?.count ?? 0)
    sink &+= reader.missingFrameCount + reader.lastFrameNumber
    for i in 0..<reader.frameCount {
      let frame = reader.frame(at: i)
      sink &+= frame.modelHistogram.count + frame.discriminator.count + frame.mappingX.count
      sink &+= reader.metrics(at: i).fields.count + Int(reader.frameTime(at: i))
      _ = reader.frameIndex(sequence: frame.sequence)
    }
    sink &+= reader.readableCheckpointCount
    // Re-simulating costs milliseconds where reading costs microseconds: for one input in
    // sixteen (chosen by its bytes, so a finding reproduces), read as a file is read.
    if checksums && bytes.reduce(0, &+) % 16 == 0 { sink &+= resimulate(reader) }
    if sink == 42_424_242 { print("") }  // Keeps the reads from being optimized away.
  }
  exerciseSweepLines(bytes)
}

/// Reads `bytes` as a sweep's output file (or a shard's part) every way `sweep` does: its
/// lines, a merge of them, the check for a cell written twice, a resume against a small
/// grid, and a summary with a heatmap of the first two knobs that vary.
func exerciseSweepLines(_ bytes: [UInt8]) {
  let text = String(decoding: bytes, as: UTF8.self)
  guard let (lines, _) = try? SweepLine.lines(of: text, name: "fuzz") else { return }
  var sink = lines.count
  if let merged = try? SweepMerge.merge(lines) { sink &+= merged.count }
  if (try? SweepMerge.checkNoCellTwice(lines)) != nil { sink &+= 1 }
  if let grid = try? SweepGrid(
    knobs: [.k: [.whole(1), .whole(2)]], seeds: [1, 2], settings: SweepSettings()),
    let shard = try? SweepShard(index: 1, count: 2),
    let done = try? SweepMerge.done(lines, grid: grid, shard: shard, file: "fuzz")
  {
    sink &+= done.count
  }
  if !lines.isEmpty {
    let summary = SweepSummary(lines)
    if let table = try? summary.table(metric: "jsd") { sink &+= table.count }
    let axes = summary.varying
    if axes.count >= 2, let map = try? summary.heatmap(metric: "jsd", x: axes[0], y: axes[1]) {
      sink &+= map.text(unicode: true).count + map.cells.count
    }
  }
  if sink == 42_424_242 { print("") }
}

/// Verifies and branches a recording of small nets, a few iterations at most per segment
/// (bigger nets or longer runs are real work, not something to find crashes in); returns
/// something to keep the work from being optimized away.
func resimulate(_ reader: RecordingReader) -> Int {
  let config = reader.header.config
  guard config.architecture.width <= 8, config.hyperparameters.batchSize <= 64,
    config.hyperparameters.discriminatorSteps <= 5
  else { return 0 }
  let limits = VerificationLimits(iterationsPerSegment: 20, largestWidth: 8, largestBatch: 64)
  var sink = 0
  if let report = try? reader.verify(limits: limits) {
    sink &+= report.framesCompared + report.unverifiable.count + (report.passed ? 1 : 0)
  }
  if let runtime = try? reader.branch(
    at: reader.frameCount / 2, pace: .maximum, startPaused: true, limits: limits)
  {
    sink &+= runtime.config.architecture.width
  }
  return sink
}

#if FUZZING
  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    exercise(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
  }
#else
  @main
  enum RecordingFuzzMain {
    /// `RecordingFuzz FILE...`: runs each file through the fuzz target's checks.
    static func main() {
      for path in CommandLine.arguments.dropFirst() {
        guard let file = fopen(path, "rb") else {
          print("RecordingFuzz: cannot open \(path)")
          exit(2)
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
          let n = fread(&chunk, 1, chunk.count, file)
          if n <= 0 { break }
          bytes += chunk[..<n]
        }
        fclose(file)
        exercise(bytes)
      }
      print("RecordingFuzz: \(CommandLine.arguments.count - 1) input(s) read without a crash")
    }
  }
#endif
