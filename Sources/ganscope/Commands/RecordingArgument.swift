import GANRuntime

extension RecordingReader {
  /// Opens a recording named on the command line. A missing, truncated or foreign file is
  /// bad input: one `ganscope:` line naming what is wrong, exit status 2.
  static func opening(commandLineFile path: String) throws(RunFailure) -> RecordingReader {
    do {
      return try RecordingReader(path: path)
    } catch {
      throw .badInput(error.description)
    }
  }
}
