import Foundation
import GANCore
import Testing

@testable import GANRuntime

/// Nets so small that a debug (or ThreadSanitizer) build records dozens of frames a second,
/// and a checkpoint is a few kilobytes.
func tinyConfig(seed: UInt64 = 3) -> TrainingConfig {
  TrainingConfig(
    target: try! Target.parse("normal(4,0.5)"),
    architecture: Architecture(width: 2, hiddenLayers: 1),
    hyperparameters: Hyperparameters(discriminatorSteps: 1, batchSize: 16), seed: seed)
}

/// A checkpoint every `frames` frames, never on a timer (so tests are deterministic).
func everyFrames(_ frames: Int) -> CheckpointPolicy {
  CheckpointPolicy(frames: frames, seconds: .infinity, iterations: .max)
}

/// This process's directory for recordings, removed when the test process exits.
private let recordingDirectory: URL = {
  let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("ganscope-rec-\(getpid())", isDirectory: true)
  try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  atexit {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("ganscope-rec-\(getpid())", isDirectory: true)
    try? FileManager.default.removeItem(at: directory)
  }
  return directory
}()

/// A fresh path in a private temporary directory.
func temporaryPath(_ name: String) -> String {
  recordingDirectory.appendingPathComponent("\(UUID().uuidString)-\(name)").path
}

/// A run recorded to a file, with every frame as published and the runtime's event log.
struct RecordedRun {
  var path: String
  var frames: [Snapshot]
  var events: [AppliedEvent]
  var bytes: [UInt8]
}

/// Records a run that starts paused, applies `commands` together at iteration 0, then runs
/// at full speed to `iterations`: deterministic, whatever the machine's speed.
func recordRun(
  config: TrainingConfig = tinyConfig(), iterations: Int = 20, publishInterval: Int = 2,
  commands: [ControlCommand] = [], checkpoints: CheckpointPolicy = everyFrames(4)
) throws -> RecordedRun {
  let path = temporaryPath("run.gans")
  let runtime = TrainingRuntime(
    config: config, publishInterval: publishInterval, startPaused: true,
    stopAfterIterations: iterations, endOnDivergence: true, ringCapacity: 4)
  let recorder = try Recorder(runtime: runtime, path: path, checkpoints: checkpoints)
  let reader = BackgroundReader(runtime.subscribe())
  runtime.start()
  runtime.send(commands + [.resume])
  let frames = reader.finish()
  recorder.stop()
  #expect(recorder.error == nil)
  #expect(recorder.framesWritten == frames.count)
  let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
  return RecordedRun(path: path, frames: frames, events: runtime.events, bytes: bytes)
}

/// The Dirac-GAN on δ_c with SGD (η = 0.1), packs of 2 and λ = 3: every format-4 field of
/// the header away from its default.
func packedDiracConfig(dataPoint c: Double, batchSize: Int, seed: UInt64) throws
  -> TrainingConfig
{
  TrainingConfig(
    target: try Target.parse("point(\(c))"), architecture: DiracGame.architecture,
    hyperparameters: Hyperparameters(
      discriminatorSteps: 1, batchSize: batchSize, discriminatorStepSize: 0.1,
      generatorStepSize: 0.1, loss: .minimax, optimizer: OptimizerSettings(kind: .sgd),
      stabilizers: Stabilizers(pack: 2, interpolateWeight: 3)),
    seed: seed)
}

/// A branch at each frame of `run` (but the last) goes on as the recording did, bit for bit,
/// up to three frames or the frame before the next recorded command (a branch does not
/// replay commands).
func expectEveryFrameBranches(_ reader: RecordingReader, _ run: RecordedRun) throws {
  let eventFrames = run.events.compactMap { reader.frameIndex(sequence: $0.sequence) }
  for start in 0..<reader.frameCount - 1 {
    let next = eventFrames.first { $0 > start }.map { $0 - 1 } ?? .max
    let end = min(next, start + 3, reader.frameCount - 1)
    let runtime = try reader.branch(at: start, pace: .maximum, startPaused: false)
    let follower = runtime.subscribe()
    runtime.start()
    var frames: [Snapshot] = []
    while frames.count < end - start + 1, let frame = follower.next() { frames.append(frame) }
    runtime.stop()
    #expect(frames.count == end - start + 1, "branch at \(start)")
    #expect(frames.first == reader.frame(at: start))
    for (offset, frame) in frames.enumerated().dropFirst() {
      #expect(
        FrameComparison.firstDifference(
          recorded: reader.frame(at: start + offset),
          resimulated: FrameComparison.recorded(frame)) == nil,
        "branch at \(start), frame \(start + offset)")
    }
  }
}

/// The commands of a typical session: every kind of knob (the fixes included, so their
/// events and the format-3 hyperparameters round-trip and verify), a single step and a
/// reset.
let sessionCommands: [ControlCommand] = [
  .stepIteration, .setDiscriminatorSteps(2), .setGeneratorStepSize(0.002),
  .setLoss(.minimax), .setTarget(Target.preset("bimodal")!), .stepDiscriminator,
  .setPenalty(.r1, weight: 5), .setUnrolledSteps(2), .setUpdateScheme(.extragradient),
  .setInstanceNoise(0.3), .setLoss(.wassersteinGP), .setOptimizer(.momentum),
  .setBatchSize(24), .resetNetworks, .setPublishInterval(3),
]

/// Whether two float arrays agree within `tolerance` (non-finite values must match exactly).
func close(_ a: [Float], _ b: [Float], within tolerance: Float) -> Bool {
  a.count == b.count
    && zip(a, b).allSatisfy { x, y in
      x.isFinite ? abs(x - y) <= tolerance : x.bitPattern == y.bitPattern
    }
}

/// The largest quantization error a curve of `values` may have with `bits` bits.
func quantizationStep(_ values: [Float], bits: Int) -> Float {
  let finite = values.filter(\.isFinite)
  guard let low = finite.min(), let high = finite.max() else { return 0 }
  return CurveCoding.tolerance(low: low, high: high, bits: bits)
}

/// `bytes` with the record at `recordStart` changed by `edit` and its checksum fixed up, so
/// only a check of its meaning can notice.
func withFixedChecksum(
  _ bytes: [UInt8], recordStart: Int, edit: (inout [UInt8], Range<Int>) -> Void
) -> [UInt8] {
  var bytes = bytes
  let length = bytes[recordStart + 1..<recordStart + 5].enumerated().reduce(0) {
    $0 | Int($1.element) << (8 * $1.offset)
  }
  let payload = recordStart + 5..<recordStart + 5 + length
  edit(&bytes, payload)
  let crc = bytes.withUnsafeBytes {
    CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[recordStart..<payload.upperBound]))
  }
  for i in 0..<4 { bytes[payload.upperBound + i] = UInt8(truncatingIfNeeded: crc >> (8 * i)) }
  return bytes
}

/// The records of an intact file: type, where each starts and ends.
func records(_ bytes: [UInt8]) -> [(type: RecordType?, range: Range<Int>)] {
  var found: [(RecordType?, Range<Int>)] = []
  bytes.withUnsafeBytes { raw in
    let framing = RecordFraming(bytes: raw, checksums: true)
    var offset = RecordingFormat.preludeSize
    while case .record(let type, _, let end) = framing.record(at: offset) {
      found.append((type, offset..<end))
      offset = end
    }
  }
  return found
}

/// The byte offsets where records of `type` start.
func recordStarts(_ bytes: [UInt8], type: RecordType) -> [Int] {
  records(bytes).filter { $0.type == type }.map(\.range.lowerBound)
}

/// Where the metrics of the frame record at `recordStart` begin (after its counters).
func metricsOffset(_ bytes: [UInt8], recordStart: Int) -> Int {
  bytes.withUnsafeBytes { raw in
    var input = ByteReader(raw, from: recordStart + 5)
    _ = input.framePrefix()
    return input.offset
  }
}
