import ArgumentParser
import GANRuntime

/// `ganscope verify FILE`: re-simulates a recording and compares every frame bit for bit.
struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Re-simulate a recording from its header and events; compare every frame.",
    discussion: "Exit status 0: every frame matches bit for bit; 1: a frame differs (the first "
      + "one is named, with the field); 2: the file cannot be read.")

  @Argument(help: "The recording (written by --record).") var file: String

  func run() throws {
    let reader = try RecordingReader.opening(commandLineFile: file)
    let report: RecordingVerification
    do {
      report = try reader.verify()
    } catch {
      throw RunFailure.badInput(error.description)
    }
    if let damage = reader.damage {
      Output.line(
        "note: reading stopped early (\(damage)); \(reader.ignoredBytes) bytes ignored, "
          + "the \(reader.frameCount) complete frames are verified")
    }
    if report.framesNotChecked > 0 {
      Output.line(
        "note: the run was branched from another recording; it is re-simulated from "
          + "\(report.origin), so its first \(report.framesNotChecked) frame(s) are not checked")
    }
    if let m = report.mismatch {
      Output.line(
        "frame \(m.frameIndex) (sequence \(m.sequence), iteration \(m.iteration)) differs: "
          + m.detail)
      Output.line(
        "\(report.framesCompared) frame(s) before it matched (re-simulated from \(report.origin))")
      throw ExitCode(1)
    }
    Output.line(
      "ok: all \(report.framesCompared) frames and \(report.checkpointsCompared) checkpoint(s) "
        + "match the re-simulation bit for bit (from \(report.origin) and "
        + "\(reader.events.count) event(s))")
  }
}
