import ArgumentParser
import GANRuntime

/// `ganscope upgrade OLD NEW`: a maintainer's tool, hidden from the help. Writes a recording
/// again with this version's snapshot readouts (after a readout changed, such as least
/// squares' D), the training re-simulated and checked against the old file's counters.
struct UpgradeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "upgrade",
    abstract: "Write a recording again with this version's readouts (same training).",
    shouldDisplay: false)

  @Argument(help: "The recording to read.") var file: String
  @Argument(help: "The new recording (must not exist).") var out: String

  func run() throws {
    let signals = HeadlessSignals()
    defer { signals.stop() }
    // The new file is checked before the (long) re-simulation: it must not exist yet.
    guard FileIdentity(path: out) == nil else {
      throw RunFailure.runtime("'\(RecordingError.quoted(out))' exists; upgrade writes a new file")
    }
    try OutputFile.check(out, inputs: [file])
    let reader = try RecordingReader.opening(commandLineFile: file)
    do {
      try reader.upgrade(to: out)
    } catch {
      throw RunFailure.runtime(error.description)
    }
    Output.line("wrote '\(out)': \(reader.frameCount) frames re-simulated")
  }
}
