import GANCore

extension RecordingReader {
  /// The trainer re-simulated to the state of the last recorded frame at `iteration` (for
  /// quantities a recording does not store but its parameters determine, such as the
  /// game's spectrum). A recording needs nothing new for it: re-simulation gives the
  /// parameters bit for bit.
  public func trainer(atIteration iteration: Int) throws(RecordingError) -> Trainer {
    let frames = (0..<frameCount).filter { frameCounters(at: $0).iteration == iteration }
    guard let index = frames.last else {
      let iterations = (0..<frameCount).map { frameCounters(at: $0).iteration }
      let below = iterations.filter { $0 < iteration }.max()
      let above = iterations.filter { $0 > iteration }.min()
      let nearest = [below, above].compactMap { $0 }.map(String.init).joined(separator: " and ")
      throw RecordingError(
        "'\(name)' has no frame at iteration \(iteration)"
          + (nearest.isEmpty ? "" : "; the nearest are at \(nearest)"))
    }
    return try resumePoint(at: index).session.trainer
  }
}
