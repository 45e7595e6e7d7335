import Foundation
import GANCore

extension RecordingReader {
  /// The densities of frames `range` (`densities(at:)`), decoded on every core (a
  /// contiguous share each) and each turned into a value by `transform`, in frame order.
  /// For readers of many frames (the replay's run history), where decoding the curves is
  /// most of the work.
  public func mapDensities<T: Sendable>(
    _ range: Range<Int>, _ transform: @escaping @Sendable (Snapshot) -> T
  ) -> [T] {
    guard !range.isEmpty else { return [] }
    let workers = min(max(ProcessInfo.processInfo.activeProcessorCount, 1), range.count)
    let parts = Locked([[T]](repeating: [], count: workers))
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      let lower = range.lowerBound + range.count * worker / workers
      let upper = range.lowerBound + range.count * (worker + 1) / workers
      let part = (lower..<upper).map { transform(self.densities(at: $0)) }
      parts.withLock { $0[worker] = part }
    }
    return parts.withLock { $0.flatMap { $0 } }
  }
}
