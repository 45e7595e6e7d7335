import ArgumentParser
import GANRuntime

#if canImport(Glibc)
  import Glibc
#endif

/// `ganscope verify FILE`: re-simulates a recording and compares every frame bit for bit.
struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Re-simulate a recording from its checkpoints and events; compare every frame.",
    discussion: "Exit status 0: every readable frame matches bit for bit and nothing inside "
      + "the file is damaged (a file cut short by a crash verifies the frames it has); 1: a "
      + "frame differs, the file is damaged, or no frame could be checked; 2: the file cannot "
      + "be read.")

  @Argument(help: "The recording (written by --record).") var file: String

  @Option(help: "Verify only this many segments (between checkpoints), chosen at random.")
  var sample: Int?

  func validate() throws {
    if let sample, !(1...1_000_000).contains(sample) {
      throw ValidationError("--sample must be between 1 and 1000000, got \(sample)")
    }
  }

  func run() throws {
    let signals = HeadlessSignals()
    defer { signals.stop() }
    let reader = try RecordingReader.opening(commandLineFile: file)
    let bar = ProgressBar(label: "verifying")
    var progress: (@Sendable (Int, Int) -> Void)?
    if let bar { progress = { done, total in bar.show(done, total) } }
    let report: RecordingVerification
    do {
      report = try reader.verify(sample: sample, progress: progress)
    } catch {
      bar?.clear()
      throw RunFailure.badInput(error.description)
    }
    bar?.clear()
    for line in Self.lines(reader, report) { Output.line(line) }
    if !report.passed { throw ExitCode(1) }
  }

  /// What verify prints: notes, then the verdict (last line).
  static func lines(_ reader: RecordingReader, _ report: RecordingVerification) -> [String] {
    var lines: [String] = []
    if let tail = reader.incompleteTail {
      lines.append(
        "note: incomplete: the recording was not stopped cleanly; it ends inside a record at "
          + "byte \(tail.lowerBound); the \(reader.frameCount) readable frames are verified")
    } else if !reader.isComplete {
      lines.append(
        "note: incomplete: no end record (the recording was not stopped cleanly); the "
          + "\(reader.frameCount) readable frames are verified")
    }
    for span in reader.damage.prefix(20) { lines.append("damaged: " + span.description) }
    if reader.damage.count > 20 { lines.append("damaged: … and \(reader.damage.count - 20) more") }
    if report.origin != "the header" && report.framesNotChecked > 0 && report.sampled == nil {
      lines.append(
        "note: the recording starts in the middle of a run (a branch, or R); it is re-simulated "
          + "from \(report.origin), which is not itself checked")
    }
    if let sampled = report.sampled {
      lines.append(
        "note: sampled \(sampled.count) of \(report.segmentCount) segments at random: "
          + DamagedSpan.frameList(sampled, limit: 12))
    }
    for why in report.unverifiable.prefix(20) { lines.append("not verified: " + why) }
    for why in report.eventsWithoutEffect.prefix(20) { lines.append("event: " + why) }
    let counts =
      "\(report.framesCompared) frame(s) and \(report.checkpointsCompared) checkpoint(s) in "
      + "\(report.segmentsVerified) segment(s) from \(report.origin), \(reader.events.count) "
      + "event(s)"
    if let m = report.mismatch {
      lines.append(
        "frame \(m.frameNumber) (sequence \(m.sequence), iteration \(m.iteration)) differs: "
          + m.detail)
      lines.append("FAILED: a frame differs from its re-simulation (\(counts) matched)")
    } else if reader.isDamaged {
      lines.append(
        "FAILED: the file is damaged in \(reader.damage.count) place(s), "
          + "\(reader.missingFrameCount) frame(s) unreadable; what could be read matches (\(counts))"
      )
    } else if !report.eventsWithoutEffect.isEmpty {
      lines.append(
        "FAILED: \(report.eventsWithoutEffect.count) event(s) never take effect (\(counts) "
          + "otherwise match)")
    } else if !report.unverifiable.isEmpty {
      lines.append("FAILED: \(report.unverifiable.count) segment(s) could not be verified")
    } else if report.framesCompared == 0 {
      lines.append(
        "FAILED: no frame could be checked (\(reader.frameCount) readable frame(s); a recording "
          + "that starts mid-run needs a frame after its first checkpoint)")
    } else if report.sampled != nil {
      lines.append("ok: the sampled \(counts) match the re-simulation bit for bit")
    } else {
      let all = report.framesNotChecked == 0 ? "all " : ""
      lines.append("ok: \(all)\(counts) match the re-simulation bit for bit")
    }
    return lines
  }
}

/// A one-line progress bar on stderr, drawn only when stderr is a terminal.
final class ProgressBar: Sendable {
  let label: String

  /// nil when stderr is not a terminal.
  init?(label: String) {
    guard isatty(STDERR_FILENO) == 1 else { return nil }
    self.label = label
  }

  func show(_ done: Int, _ total: Int) {
    let width = 30
    let filled = total > 0 ? done * width / total : width
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
    Output.write("\r\(label) [\(bar)] \(done)/\(total) segments", to: STDERR_FILENO)
  }

  func clear() { Output.write("\r\u{1B}[K", to: STDERR_FILENO) }
}
