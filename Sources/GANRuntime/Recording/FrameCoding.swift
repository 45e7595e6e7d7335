import GANCore

/// The parts of a snapshot that change only when a command is applied (context records).
struct FrameContext: Sendable, Equatable {
  var hyperparameters: Hyperparameters
  var targetName: String
  var prior: Prior
  var seed: UInt64
  /// The z values of the map; fixed by the prior.
  var mappingZ: [Float]

  init(_ s: Snapshot) {
    hyperparameters = s.hyperparameters
    targetName = s.targetName
    prior = s.prior
    seed = s.seed
    mappingZ = s.mappingZ
  }

  init(
    hyperparameters: Hyperparameters, targetName: String, prior: Prior, seed: UInt64,
    mappingZ: [Float]
  ) {
    self.hyperparameters = hyperparameters
    self.targetName = targetName
    self.prior = prior
    self.seed = seed
    self.mappingZ = mappingZ
  }
}

/// The parts of a snapshot that depend only on the target and the view grid (curves
/// records): p_data's histogram and density are the same in every frame until the grid
/// moves or the target changes, so they are stored exactly, once per change.
struct FrameCurves: Sendable, Equatable {
  var grid: ViewGrid
  var dataHistogram: [Float]
  var dataDensity: [Float]

  init(_ s: Snapshot) {
    grid = s.grid
    dataHistogram = s.dataHistogram
    dataDensity = s.dataDensity
  }

  init(grid: ViewGrid, dataHistogram: [Float], dataDensity: [Float]) {
    self.grid = grid
    self.dataHistogram = dataHistogram
    self.dataDensity = dataDensity
  }
}

/// How many bits each quantized curve of a frame keeps (see docs/recording-format.md): about
/// what a terminal (or a figure) can show, far finer than a braille dot.
enum FrameBits {
  static let histogram = 10
  static let discriminator = 10
  static let mappingX = 16
  static let slope = 10
}

/// The fields of a frame record that the reader indexes when it opens a file.
struct FramePrefix: Sendable {
  var sequence: UInt64
  /// Microseconds since the recording started.
  var time: UInt64
  var iteration: Int
  var discriminatorSteps: Int
  var generatorSteps: Int
  var lastStep: StepKind
  var divergedAtIteration: Int?
  var context: Int
  var curves: Int
  /// How many metric values follow the prefix (13 in version 1; counted from version 2).
  var metricCount = Metric.recordedCountInFormat1
}

extension ByteWriter {
  mutating func context(_ c: FrameContext) {
    hyperparameters(c.hyperparameters)
    string(c.targetName)
    string(c.prior.rawValue)
    u64(c.seed)
    floats(c.mappingZ)
  }

  mutating func curves(_ c: FrameCurves) {
    optionalGrid(c.grid)
    floats(c.dataHistogram)
    floats(c.dataDensity)
  }

  /// A frame: the indexed prefix, the metrics exactly, then the quantized curves.
  /// Counters as varints (a few bytes each), the metrics exactly, then the curves.
  mutating func frame(_ s: Snapshot, time: UInt64, context: Int, curves: Int) {
    varint(s.sequence)
    varint(time)
    varint(s.iteration)
    varint(s.discriminatorSteps)
    varint(s.generatorSteps)
    stepKind(s.lastStep)
    varint(s.divergedAtIteration.map { UInt64($0) + 1 } ?? 0)  // 0: not diverged.
    varint(context)
    varint(curves)
    let fields = s.metrics.fields
    varint(fields.count)
    for field in fields { f64(field) }
    CurveCoding.encode(s.modelHistogram, bits: FrameBits.histogram, into: &self)
    CurveCoding.encode(s.discriminator, bits: FrameBits.discriminator, into: &self)
    CurveCoding.encode(s.optimalDiscriminator, bits: FrameBits.discriminator, into: &self)
    CurveCoding.encode(s.mappingX, bits: FrameBits.mappingX, into: &self)
    CurveCoding.encode(s.mappingSlope, bits: FrameBits.slope, into: &self)
  }
}

extension ByteReader {
  mutating func context() -> FrameContext {
    FrameContext(
      hyperparameters: hyperparameters(), targetName: string(),
      prior: named(Prior.self, fallback: .uniform), seed: u64(), mappingZ: floats())
  }

  mutating func curves() -> FrameCurves {
    let grid = optionalGrid()
    if grid == nil { fail() }
    return FrameCurves(
      grid: grid ?? ViewGrid(lower: 0, upper: 1, bins: 1), dataHistogram: floats(),
      dataDensity: floats())
  }

  /// A frame's prefix in format `version` (version 2 adds the metric count).
  mutating func framePrefix(version: Int = RecordingFormat.version) -> FramePrefix {
    let sequence = varint()
    let time = varint()
    let iteration = varintInt()
    let d = varintInt()
    let g = varintInt()
    let last = stepKind()
    let diverged = varintInt()
    let context = varintInt()
    let curves = varintInt()
    let metricCount = version >= 2 ? varintInt() : Metric.recordedCountInFormat1
    if !(1...RecordingFormat.maximumMetricCount).contains(metricCount)
      || metricCount > remaining / 8
    {
      fail()
    }
    return FramePrefix(
      sequence: sequence, time: time, iteration: iteration, discriminatorSteps: d,
      generatorSteps: g, lastStep: last, divergedAtIteration: diverged == 0 ? nil : diverged - 1,
      context: context, curves: curves, metricCount: failed ? 0 : metricCount)
  }

  /// The rest of a frame after its prefix, as a snapshot with `context` and `curves`.
  /// `densitiesOnly`: D*(x) and the z → x map are left empty, not decoded.
  mutating func frameBody(
    _ p: FramePrefix, context c: FrameContext, curves v: FrameCurves,
    densitiesOnly: Bool = false
  ) -> Snapshot {
    let fields = (0..<p.metricCount).map { _ in f64() }
    let model = CurveCoding.decode(&self)
    let d = CurveCoding.decode(&self)
    let optimal = CurveCoding.decode(&self, values: !densitiesOnly)
    let x = CurveCoding.decode(&self, values: !densitiesOnly)
    let slope = CurveCoding.decode(&self, values: !densitiesOnly)
    return Snapshot(
      sequence: p.sequence, iteration: p.iteration, discriminatorSteps: p.discriminatorSteps,
      generatorSteps: p.generatorSteps, lastStep: p.lastStep,
      hyperparameters: c.hyperparameters, targetName: c.targetName, prior: c.prior,
      seed: c.seed, divergedAtIteration: p.divergedAtIteration, grid: v.grid,
      dataHistogram: v.dataHistogram, modelHistogram: model, dataDensity: v.dataDensity,
      discriminator: d, optimalDiscriminator: optimal, mappingZ: c.mappingZ, mappingX: x,
      mappingSlope: slope, metrics: TrainingMetrics(fields: fields))
  }
}

/// Turns a stream of published frames into records, remembering what the file already
/// holds: the current context and curves (written again only when they change), and how
/// many frames there are (checkpoints name their frame by index).
struct RecordingEncoder {
  private(set) var frameCount = 0
  private(set) var eventCount = 0
  private(set) var checkpointCount = 0
  private var contextCount = 0
  private var curvesCount = 0
  private var lastContext: [UInt8] = []
  private var lastCurves: [UInt8] = []

  /// The context and curves records the frame needs, then the frame.
  mutating func frame(_ s: Snapshot, time: UInt64, into out: inout ByteWriter) {
    var context = ByteWriter()
    context.context(FrameContext(s))
    if context.bytes != lastContext {
      let number = contextCount
      out.record(.context) {
        $0.varint(number)
        $0.append(context.bytes)
      }
      lastContext = context.bytes
      contextCount += 1
    }
    var curves = ByteWriter()
    curves.curves(FrameCurves(s))
    if curves.bytes != lastCurves {
      let number = curvesCount
      out.record(.curves) {
        $0.varint(number)
        $0.append(curves.bytes)
      }
      lastCurves = curves.bytes
      curvesCount += 1
    }
    let (c, v) = (contextCount - 1, curvesCount - 1)
    out.record(.frame) { $0.frame(s, time: time, context: c, curves: v) }
    frameCount += 1
  }

  mutating func event(_ e: AppliedEvent, into out: inout ByteWriter) {
    out.record(.event) { $0.event(e) }
    eventCount += 1
  }

  /// A checkpoint of the state right after the last frame. The next frame writes its
  /// context and curves again: a damaged context or curves record then costs at most the
  /// frames up to the next checkpoint, not the rest of the file (a record of each per
  /// checkpoint: about 2 KB every 300 frames).
  mutating func checkpoint(_ c: Checkpoint, into out: inout ByteWriter) {
    let index = frameCount - 1
    out.record(.checkpoint) { $0.checkpoint(c, frameIndex: index) }
    checkpointCount += 1
    lastContext = []
    lastCurves = []
  }

  func end(into out: inout ByteWriter) {
    out.record(.end) {
      $0.i64(frameCount)
      $0.i64(eventCount)
      $0.i64(checkpointCount)
    }
  }
}
