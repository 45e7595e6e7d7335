import GANCore

/// The live spectrum's part of the shared state (`SharedState.spectrum`): a viewer showing
/// the spectrum asks for one at most once per `interval`; the training loop takes the
/// request at its next iteration boundary, copies the parameters (`SpectrumReading.capture`)
/// and hands the copy to the runtime's spectrum queue, which computes the reading and
/// publishes it here. Nothing is computed while no viewer asks, and at most one reading is
/// in flight, so the spectrum uses at most one core's spare time and the trainer only pays
/// for the copy.
struct SpectrumChannel: Sendable {
  /// The shortest time between two captures, in seconds.
  static let interval = 1.0

  /// The newest reading, and when (monotonic seconds) its state was taken.
  var latest: SpectrumReading?
  var capturedAt: Double?
  /// Asked for and not yet taken by the trainer.
  var requested = false
  /// Taken by the trainer and not yet published.
  var inFlight = false

  /// A viewer showing the spectrum, every frame: asks for a new reading when none is asked
  /// for or being computed and the newest is `interval` old. Returns whether it asked (the
  /// caller then wakes a paused trainer).
  mutating func ask(now: Double) -> Bool {
    guard !requested, !inFlight else { return false }
    if let capturedAt, now - capturedAt < Self.interval { return false }
    requested = true
    return true
  }

  /// The trainer at a boundary: whether to capture its state for a reading now.
  mutating func take() -> Bool {
    guard requested else { return false }
    requested = false
    inFlight = true
    return true
  }

  /// A reading is ready (computed, or refused at the capture).
  mutating func publish(_ reading: SpectrumReading, capturedAt time: Double) {
    latest = reading
    capturedAt = time
    inFlight = false
  }
}

/// What a viewer gets: the newest reading, its age and whether the next is being computed.
public struct LiveSpectrum: Sendable, Equatable {
  public var reading: SpectrumReading?
  /// Seconds since its state was taken from the trainer.
  public var age: Double?
  public var computing: Bool
}

extension Locked where State == SharedState {
  /// Computes the reading of a captured state on the calling thread and publishes it: what
  /// the spectrum queue runs, and what a test calls directly. A refusal is published as it is.
  func computeSpectrum(
    _ captured: Result<GameJacobian, JacobianRefusal>, iteration: Int, capturedAt: Double
  ) {
    let reading: SpectrumReading
    switch captured {
    case .success(let jacobian): reading = SpectrumReading(jacobian)
    case .failure(let refusal):
      reading = SpectrumReading(iteration: iteration, content: .refused(refusal.description))
    }
    withLockNotifying { $0.spectrum.publish(reading, capturedAt: capturedAt) }
  }
}
