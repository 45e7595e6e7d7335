import ArgumentParser
import CCPUCheck
import GANCore
import GANRuntime

#if canImport(Glibc)
  import Glibc
#endif

/// The root command. Parsing errors become one `ganscope: …` line on stderr and exit 2.
@main
struct GanScope: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ganscope",
    abstract: "Watch a 1-D GAN learn: Figure 1 of Goodfellow et al. (2014), live in the terminal.",
    version: "0.1.0",
    subcommands: [
      LiveCommand.self, TrainCommand.self, ReplayCommand.self, InfoCommand.self,
      ExportCommand.self, VerifyCommand.self, FigureCommand.self, BenchCommand.self,
      UpgradeCommand.self, DemoCommand.self, TourCommand.self, SweepCommand.self,
      SpectrumCommand.self,
    ],
    defaultSubcommand: LiveCommand.self
  )

  static func main() {
    // The CPU was checked before main (CCPUCheck's constructor); naming the check here keeps
    // the linker from leaving it out.
    _ = ganscope_cpu_extensions_checked()
    Output.ignoreBrokenPipe()
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let code as ExitCode {
      Glibc.exit(code.rawValue)
    } catch let failure as OutputError {
      Output.error(failure.description)
      Glibc.exit(1)
    } catch let failure as RunFailure {
      Output.error(failure.message)
      Glibc.exit(failure.status)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        // --help, --version: through Output, so a full disk is exit 1 like any output.
        let text = fullMessage(for: error)
        if !text.isEmpty { Output.line(text) }
        Glibc.exit(0)
      }
      let message = oneLine(self.message(for: error))
      Output.error(
        message.isEmpty
          ? "\(error)"
          : negativeValue(message, arguments: CommandLine.arguments)
            ?? withAcceptedValues(message))
      if code == .validationFailure || error is ValidationError {
        Glibc.exit(2)
      }
      Glibc.exit(code.rawValue == 64 ? 2 : 1)
    }
  }
}

/// ArgumentParser's message as one line: its first line, and for a value not in a long
/// list (it puts each accepted value on a line of its own, "  - minimax") the values.
func oneLine(_ message: String) -> String {
  let lines = message.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
  guard let first = lines.first else { return "" }
  let values = lines.dropFirst().filter { $0.hasPrefix("- ") }.map { $0.dropFirst(2) }
  guard first.hasSuffix("one of the following:"), !values.isEmpty else { return first }
  return first.dropLast("the following:".count) + values.joined(separator: ", ") + "."
}

/// ArgumentParser names a bad number but not what would do ("The value 'abc' is invalid
/// for '--k <k>'"); say it. Enumerations already list their values.
func withAcceptedValues(_ message: String) -> String {
  guard message.hasPrefix("The value '"), message.contains("is invalid for"),
    !message.contains("Please provide")
  else { return message }
  let wholeNumbers = [
    "--k", "--batch", "--hidden", "--layers", "--seed", "--iterations", "--every", "--fps",
    "--H", "--m", "--iters", "--warmup", "--threads", "--width", "--height", "--panels",
    "--publish-every", "--seeds", "--jobs", "--branch-at", "--sample", "--noise-anneal",
    "--unroll", "--pack",
  ]
  let isWhole = wholeNumbers.contains { message.contains("'\($0) <") }
  return message + (isWhole ? ": expected a whole number" : ": expected a number, e.g. 0.001")
}

/// ArgumentParser reads `--shard -1/2` as `--shard` without a value followed by an option
/// `-1/2`, and says "Missing value for '--shard <shard>'"; say what the user did instead.
func negativeValue(_ message: String, arguments: [String]) -> String? {
  guard message.hasPrefix("Missing value for '--"),
    let name = message.dropFirst("Missing value for '".count).split(separator: " ").first
      .map({ String($0.filter { $0 != "'" }) }),
    let position = arguments.firstIndex(of: name), position + 1 < arguments.count
  else { return nil }
  let value = arguments[position + 1]
  guard value.hasPrefix("-"), value.dropFirst().first?.isNumber ?? false else { return nil }
  return "\(name) \(value): a negative value is not accepted here"
}

/// A failure with a user-facing message and an exit status (2: bad input, 1: runtime).
struct RunFailure: Error {
  var message: String
  var status: Int32
  static func badInput(_ message: String) -> RunFailure { RunFailure(message: message, status: 2) }
  static func runtime(_ message: String) -> RunFailure { RunFailure(message: message, status: 1) }
}
