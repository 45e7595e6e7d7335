import Dispatch
import GANCore

/// The spectrum view in a replay: the spectrum of the frame shown, computed in the
/// background from the parameters re-simulation gives (the nearest checkpoint at or before
/// the frame, then the recorded run's iterations up to it: `resumePoint`, as
/// `ganscope spectrum FILE --at N` does). One at a time: while the frame shown moves, the
/// newest finished reading stays on screen under its own iteration, and the next starts
/// from wherever the replay is when it is done.
public final class RecordingSpectrum: Sendable {
  private struct State: Sendable {
    /// The newest reading and the frame it is of.
    var latest: (frame: Int, reading: SpectrumReading)?
    /// The frame being computed.
    var computing: Int?
  }

  private let reader: RecordingReader
  /// The replay's own lock, like the recorder's counters: only this value is behind it.
  private let shared = Locked(State())
  private let queue = DispatchQueue(label: "ganscope.replay-spectrum", qos: .utility)

  public init(reader: RecordingReader) { self.reader = reader }

  /// The newest reading and whether one is being computed. `wanted`: the view shows the
  /// spectrum, so start computing frame `frame`'s when it is not the newest and nothing is
  /// being computed.
  public func reading(forFrame frame: Int, wanted: Bool) -> (
    reading: SpectrumReading?, computing: Bool
  ) {
    let start = shared.withLock { state -> Bool in
      guard wanted, state.computing == nil, state.latest?.frame != frame else { return false }
      state.computing = frame
      return true
    }
    if start {
      queue.async { [reader, shared] in
        let reading = Self.compute(reader, frame: frame)
        shared.withLock { state in
          state.latest = (frame, reading)
          state.computing = nil
        }
      }
    }
    return shared.withLock { ($0.latest?.reading, $0.computing != nil) }
  }

  /// The reading of frame `frame` (an index), on the calling thread; a frame that does not
  /// re-simulate gives the reason as a refusal.
  public static func compute(_ reader: RecordingReader, frame: Int) -> SpectrumReading {
    do {
      let trainer = try reader.resumePoint(at: frame).session.trainer
      return SpectrumReading(of: trainer)
    } catch {
      let iteration =
        (0..<reader.frameCount).contains(frame) ? reader.frameCounters(at: frame).iteration : 0
      return SpectrumReading(iteration: iteration, content: .refused(error.description))
    }
  }
}
