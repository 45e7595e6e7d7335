import ArgumentParser
import GANCore
import GANRuntime
import GANView

#if canImport(Glibc)
  import Glibc
#endif

/// `ganscope info FILE`: what a recording holds, as text or one JSON object.
struct InfoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "info",
    abstract: "Describe a recording: config, seed, duration, frames, events, final metrics.")

  @Argument(help: "The recording (written by --record).") var file: String

  @Flag(help: "Print one JSON object instead of text.") var json = false

  func run() throws {
    let signals = HeadlessSignals()
    defer { signals.stop() }
    let reader = try RecordingReader.opening(commandLineFile: file)
    let summary = RecordingSummary(reader)
    for line in json ? [summary.jsonObject] : summary.text { Output.line(line) }
  }
}

/// The facts `info` shows, gathered once from a reader.
struct RecordingSummary {
  let reader: RecordingReader
  let header: RecordingHeader
  let first: (sequence: UInt64, iteration: Int)
  let last: Snapshot

  init(_ reader: RecordingReader) {
    self.reader = reader
    header = reader.header
    first = reader.frameCounters(at: 0)
    last = reader.frame(at: reader.frameCount - 1)
  }

  var config: TrainingConfig { header.config }
  var h: Hyperparameters { config.hyperparameters }
  var f: Stabilizers { h.stabilizers }

  /// The fixes the run started with, as the status line names them (and WGAN's clipping
  /// bound, and the annealing of instance noise); "none" for Algorithm 1 as published.
  var fixesText: String {
    var words = StatusBar.fixWords(f, at: 0)
    if h.loss.clipsWeights { words.append("clip=" + NumberFormat.general(Double(f.clip))) }
    if f.instanceNoise > 0 && f.instanceNoiseAnneal > 0 {
      words.append("(noise annealed to 0 over \(f.instanceNoiseAnneal) iterations)")
    }
    return words.isEmpty ? "none" : words.joined(separator: " ")
  }

  var text: [String] {
    let a = config.architecture
    let o = h.optimizer
    var lines: [String] = []
    lines.append(
      "recording    \(reader.name): format \(header.formatVersion), ganscope "
        + "\(header.ganscopeVersion), created \(utcDate(header.createdAtUnixSeconds))")
    lines.append(
      "target       \(config.target.name)"
        + (config.target.spec == config.target.name ? "" : " (\(config.target.spec))"))
    lines.append(
      "prior        \(config.prior.rawValue)")
    lines.append(
      a.model == .dirac
        ? "nets         the Dirac-GAN: G(z) = theta, D(x) = psi*x"
        : "nets         H=\(a.width), \(a.hiddenLayers) hidden layer(s), \(a.activation.rawValue)")
    lines.append(
      "training     k=\(h.discriminatorSteps), m=\(h.batchSize), lrD=\(h.discriminatorStepSize), "
        + "lrG=\(h.generatorStepSize), loss \(h.loss.rawValue), \(o.kind.rawValue) "
        + "(momentum \(o.momentum), β1 \(o.beta1), β2 \(o.beta2), ε \(o.epsilon))")
    lines.append("fixes        " + fixesText)
    lines.append(
      "seed         \(config.seed)")
    lines.append(
      "cadence      a frame every \(header.publishInterval) iteration(s) at the start"
        + (header.isResumedRun ? "; the run was branched from another recording" : ""))
    let total = reader.lastFrameNumber
    let readable =
      reader.frameCount == total ? "\(total)" : "\(reader.frameCount) readable of \(total)"
    lines.append(
      "frames       \(readable) (numbered 1 to \(total); sequence \(first.sequence) to "
        + "\(last.sequence))")
    lines.append(
      "iterations   \(first.iteration) to \(last.iteration)")
    lines.append(
      "duration     \(NumberFormat.fixed(reader.durationSeconds, decimals: 1)) s")
    lines.append(
      "checkpoints  \(reader.checkpointFrames.count)"
        + framesList(reader.checkpointFrames.map { reader.frameNumber(at: $0) }))
    lines.append(
      "events       \(reader.events.count)")
    for (event, number) in zip(reader.events, reader.eventFrameNumbers) {
      let frame = number.map { "frame \($0)" } ?? "before"
      lines.append(
        "  \(pad(frame, 12)) iteration \(pad("\(event.iteration)", 8)) "
          + RecordingMarker.text(event.command))
    }
    lines.append("final        iteration \(last.iteration)" + divergence)
    let values = RowPrinter.values(last)
    for (name, value) in zip(RowPrinter.columns, values).dropFirst() {
      lines.append("  \(pad(name, 10)) \(plain(value))")
    }
    lines += state
    return lines
  }

  var jsonObject: String {
    let metrics = zip(RowPrinter.columns, RowPrinter.values(last)).dropFirst().map {
      "\(json($0)):\(jsonNumber($1))"
    }
    let events = zip(reader.events, reader.eventFrameNumbers).map { e, number in
      let frame = number.map(String.init) ?? "null"
      return "{\"frame\":\(frame),\"sequence\":\(e.sequence),\"iteration\":\(e.iteration),"
        + "\"discriminator_steps\":\(e.discriminatorSteps),\"generator_steps\":"
        + "\(e.generatorSteps),\"command\":\(json(RecordingMarker.text(e.command)))}"
    }
    let head: [(String, String)] = [
      ("file", json(reader.name)),
      ("format_version", "\(header.formatVersion)"),
      ("ganscope_version", json(header.ganscopeVersion)),
      ("created_unix_seconds", "\(header.createdAtUnixSeconds)"),
      ("target_name", json(config.target.name)),
    ]
    // The run's settings at its start, by the configuration columns' names (the settings
    // table's: `train --config-columns`, sweep lines).
    let settings = RunSettings(config).columns(seed: config.seed).dropFirst().map { column in
      let (text, bare) = column.value.column
      return (column.name, bare ? text : json(text))
    }
    let rest: [(String, String)] = [
      ("seed", "\(config.seed)"), ("publish_interval", "\(header.publishInterval)"),
      ("grid_bins", "\(header.gridBins)"), ("resumed_run", "\(header.isResumedRun)"),
      ("frames", "\(reader.lastFrameNumber)"), ("readable_frames", "\(reader.frameCount)"),
      ("first_sequence", "\(first.sequence)"),
      ("last_sequence", "\(last.sequence)"), ("first_iteration", "\(first.iteration)"),
      ("last_iteration", "\(last.iteration)"),
      ("duration_seconds", jsonNumber(reader.durationSeconds)),
      (
        "checkpoint_frames",
        "["
          + reader.checkpointFrames.map { "\(reader.frameNumber(at: $0))" }.joined(separator: ",")
          + "]"
      ),
      ("events", "[" + events.joined(separator: ",") + "]"),
      ("diverged_at_iteration", last.divergedAtIteration.map(String.init) ?? "null"),
      ("final_metrics", "{" + metrics.joined(separator: ",") + "}"),
      ("complete", "\(reader.isComplete)"),
      ("incomplete_at_byte", reader.incompleteTail.map { "\($0.lowerBound)" } ?? "null"),
      ("damaged", "\(reader.isDamaged)"),
      ("missing_frames", "\(reader.missingFrameCount)"),
      ("damaged_spans", "[" + reader.damage.map(jsonSpan).joined(separator: ",") + "]"),
      ("ignored_bytes", "\(reader.ignoredBytes)"),
    ]
    let fields = head + settings + rest
    return "{" + fields.map { "\(json($0.0)):\($0.1)" }.joined(separator: ",") + "}"
  }

  private var divergence: String {
    last.divergedAtIteration.map { " (diverged at iteration \($0))" } ?? ""
  }

  /// The file's condition (`RecordingCondition`), the first line labelled.
  private var state: [String] {
    reader.condition.lines().map { line in
      line.hasPrefix(" ") ? line : "file         " + line
    }
  }

  private func jsonSpan(_ span: DamagedSpan) -> String {
    let frames = span.missingFrames.map { "[\($0.lowerBound),\($0.upperBound)]" }
    return "{\"first_byte\":\(span.bytes.lowerBound),\"end_byte\":\(span.bytes.upperBound),"
      + "\"reason\":\(json(span.reason)),\"missing_frames\":[\(frames.joined(separator: ","))]}"
  }

  private func framesList(_ frames: [Int]) -> String {
    guard !frames.isEmpty else { return "" }
    let shown = frames.prefix(12).map(String.init).joined(separator: ", ")
    return " (at frames \(shown)\(frames.count > 12 ? ", …" : ""))"
  }

  private func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
  }
}

/// "2026-11-22 05:05:00 UTC".
func utcDate(_ seconds: Int64) -> String {
  var t = time_t(seconds)
  var parts = tm()
  guard gmtime_r(&t, &parts) != nil else { return "\(seconds)" }
  var buffer = [CChar](repeating: 0, count: 32)
  let n = strftime(&buffer, buffer.count, "%Y-%m-%d %H:%M:%S UTC", &parts)
  return n > 0
    ? String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : "\(seconds)"
}
