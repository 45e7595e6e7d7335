import Dispatch
import Foundation
import GANCore

/// The outcome of `RecordingReader.verify`.
public struct RecordingVerification: Sendable {
  /// A frame (or checkpoint) that differs from its re-simulation.
  public struct Mismatch: Sendable, Equatable {
    /// The frame's number (from 1, as everywhere).
    public var frameNumber: Int
    public var sequence: UInt64
    public var iteration: Int
    /// Which field differs, with both values (or why the re-simulation went elsewhere).
    public var detail: String
  }

  /// Frames found identical to their re-simulation.
  public var framesCompared = 0
  /// Checkpoints found identical to the re-simulated state.
  public var checkpointsCompared = 0
  /// Readable frames not compared: the frame a recording that starts mid-run (a branch, the
  /// `R` key) is re-simulated from, and the frames of segments not verified.
  public var framesNotChecked = 0
  /// Where the re-simulation of the first segment started: "the header" or "the checkpoint
  /// at frame N".
  public var origin = ""
  /// The segments (from one checkpoint to the next) re-simulated, and how many there are.
  public var segmentsVerified = 0
  public var segmentCount = 0
  /// With `sample`: the frame numbers each sampled segment covers.
  public var sampled: [ClosedRange<Int>]?
  /// The first frame that differs, by frame number.
  public var mismatch: Mismatch?
  /// Segments with damage inside whose re-simulation could not be followed (events may have
  /// been lost with the damage): one line each.
  public var unverifiable: [String] = []
  /// Whether the file is damaged (then it never passes, whatever matched).
  public var fileIsDamaged = false
  /// Events that no recorded frame shows taking effect (one line each): a recorder logs
  /// every event with the frame published right after it, at the same counters, so an
  /// event without one was not written by a recorder (or its frame was lost).
  public var eventsWithoutEffect: [String] = []

  /// Every readable frame checked matches, nothing inside the file is damaged, every event
  /// takes effect, and at least one frame was checked.
  public var passed: Bool {
    mismatch == nil && unverifiable.isEmpty && !fileIsDamaged && eventsWithoutEffect.isEmpty
      && framesCompared > 0
  }
}

/// Limits on a re-simulation (verify, branch): for the fuzzer, which must stay cheap
/// whatever the input says.
public struct VerificationLimits: Sendable {
  /// Iterations a segment (or a branch) may re-simulate before it is given up.
  public var iterationsPerSegment: Int
  /// The widest nets and largest batch a re-simulation may start with.
  public var largestWidth: Int
  public var largestBatch: Int

  public init(
    iterationsPerSegment: Int = .max, largestWidth: Int = .max, largestBatch: Int = .max
  ) {
    self.iterationsPerSegment = iterationsPerSegment
    self.largestWidth = largestWidth
    self.largestBatch = largestBatch
  }

  /// Whether a re-simulation of `trainer`'s nets is within the limits.
  func allow(_ trainer: Trainer) -> Bool {
    trainer.architecture.width <= largestWidth
      && trainer.hyperparameters.batchSize <= largestBatch
  }
}

/// One stretch of a recording verified on its own: from a starting point (the header, or a
/// checkpoint) to the next checkpoint, whose state it must end in.
struct VerificationSegment: Sendable {
  /// The checkpoint entry it starts from; nil: the start of the run (the header).
  var originCheckpoint: Int?
  var originSequence: UInt64
  /// The checkpoint entry it ends in (compared at the end); nil for the last segment.
  var endCheckpoint: Int?
  /// The sequence number it stops at.
  var stopSequence: UInt64
  /// The readable frames it compares (indexes).
  var frames: Range<Int>
  /// The iteration the re-simulation may run to.
  var untilIteration: Int
  /// Whether a span of damage lies inside it (events may be missing).
  var damaged: Bool
}

/// What verifying one segment found.
struct SegmentOutcome: Sendable {
  var framesCompared = 0
  var checkpointsCompared = 0
  var mismatch: RecordingVerification.Mismatch?
  var unverifiable: String?
}

extension RecordingReader {
  /// Re-simulates the recorded run and compares every readable frame as it would be
  /// recorded, bit for bit, and every checkpoint's state. The run is cut into segments at
  /// its checkpoints; each is re-simulated from its starting checkpoint (the first from the
  /// header, when the recording holds the run from its start) independently, on every core,
  /// and must end exactly in the next checkpoint's state.
  ///
  /// `sample`: verify only that many segments, chosen at random. `progress` is called
  /// (from any thread) with the segments done and their total. Throws only when no
  /// re-simulation can start (an unreadable target).
  public func verify(
    sample: Int? = nil, limits: VerificationLimits = VerificationLimits(),
    progress: (@Sendable (Int, Int) -> Void)? = nil
  ) throws(RecordingError) -> RecordingVerification {
    var report = RecordingVerification()
    report.fileIsDamaged = isDamaged
    if !isDamaged { report.eventsWithoutEffect = eventsWithoutEffect() }
    let all = verificationSegments()
    report.segmentCount = all.count
    if coversStartOfRun { _ = try replayConfig() }  // A target that no longer parses: say so.
    var picked = Array(all.indices)
    if let sample, sample < all.count {
      var generator = SystemRandomNumberGenerator()
      picked = Array(picked.shuffled(using: &generator).prefix(max(sample, 0))).sorted()
      report.sampled = picked.compactMap { i in
        let frames = all[i].frames
        guard !frames.isEmpty else { return nil }
        return frameNumber(at: frames.lowerBound)...frameNumber(at: frames.upperBound - 1)
      }
    }
    let chosen = picked
    let results = Locked([SegmentOutcome?](repeating: nil, count: chosen.count))
    let done = Locked(0)
    // One thread per core, each taking the next segment not yet started. Plain threads:
    // `concurrentPerform` ran everything on the calling thread here (Linux, 2 cores).
    let next = Locked(0)
    let workers = min(ProcessInfo.processInfo.activeProcessorCount, chosen.count)
    let finished = DispatchGroup()
    for _ in 0..<workers {
      finished.enter()
      let thread = Thread {
        while true {
          let k = next.withLock {
            $0 += 1
            return $0 - 1
          }
          guard k < chosen.count else { break }
          let outcome = self.verify(all[chosen[k]], limits: limits)
          results.withLock { $0[k] = outcome }
          let count = done.withLock {
            $0 += 1
            return $0
          }
          progress?(count, chosen.count)
        }
        finished.leave()
      }
      thread.stackSize = 16 << 20
      thread.start()
    }
    finished.wait()
    let outcomes = results.withLock { $0 }
    for case let outcome? in outcomes {
      report.framesCompared += outcome.framesCompared
      report.checkpointsCompared += outcome.checkpointsCompared
      if let why = outcome.unverifiable { report.unverifiable.append(why) }
      if outcome.unverifiable == nil { report.segmentsVerified += 1 }
      if let m = outcome.mismatch, report.mismatch.map({ m.frameNumber < $0.frameNumber }) ?? true {
        report.mismatch = m
      }
    }
    report.framesNotChecked = frameCount - report.framesCompared
    if let first = all.first {
      report.origin =
        first.originCheckpoint == nil
        ? "the header" : "the checkpoint at frame \(frameNumber(sequence: first.originSequence))"
    }
    return report
  }

  /// The events of an undamaged file that no frame shows: each must be followed by the frame
  /// with its sequence number, at its iteration. Events before the first frame are the
  /// history of a recording started mid-run; an incomplete file may end between its last
  /// event and that event's frame (the program was killed between the two writes).
  func eventsWithoutEffect() -> [String] {
    var iterationOf: [UInt64: Int] = [:]
    for entry in frameEntries { iterationOf[entry.prefix.sequence] = entry.prefix.iteration }
    let lastSequence = frameEntries.last?.prefix.sequence ?? 0
    let firstSequence = frameEntries.first?.prefix.sequence ?? 0
    var lines: [String] = []
    if isComplete {
      for event in index.eventsPastLastFrame {
        lines.append(
          "an event (\(RecordingMarker.text(event.command))) at iteration \(event.iteration), "
            + "sequence \(event.sequence), after the last frame: it never takes effect")
      }
    }
    for (number, event) in events.enumerated() {
      let shown =
        "event \(number + 1) (\(RecordingMarker.text(event.command))) at iteration "
        + "\(event.iteration), sequence \(event.sequence)"
      guard let iteration = iterationOf[event.sequence] else {
        // A recording started mid-run (a branch, R) holds the log from the run's start.
        if event.sequence < firstSequence { continue }
        if !isComplete && event.sequence > lastSequence { continue }
        lines.append(shown + ": no recorded frame follows it, so it never takes effect")
        continue
      }
      // A single step moves the counters by at most one iteration; anything else by none.
      let moves: Int
      switch event.command {
      case .stepDiscriminator, .stepGenerator, .stepIteration: moves = 1
      case .setDiscriminatorSteps, .setBatchSize, .setDiscriminatorStepSize,
        .setGeneratorStepSize, .setLoss, .setOptimizer, .setPenalty, .setUnrolledSteps,
        .setUpdateScheme, .setInstanceNoise, .setSpectralNorm, .setPack, .setConsensus, .setTarget,
        .resetNetworks, .reseed, .setPace, .pause, .resume, .setPublishInterval:
        moves = 0
      }
      if iteration < event.iteration || iteration > event.iteration + moves {
        lines.append(shown + ": the frame after it is at iteration \(iteration)")
      }
    }
    return lines
  }

  /// The segments of this recording, in order.
  func verificationSegments() -> [VerificationSegment] {
    let checkpoints = checkpointEntries
    let frames = frameEntries
    var origins: [(checkpoint: Int?, sequence: UInt64, recordStart: Int)] = []
    if coversStartOfRun { origins.append((nil, 0, 0)) }
    for (i, entry) in checkpoints.enumerated() {
      origins.append((i, entry.sequence, entry.recordStart))
    }
    let damage = self.damage.map(\.bytes)
    var segments: [VerificationSegment] = []
    for (k, origin) in origins.enumerated() {
      let end = k + 1 < origins.count ? origins[k + 1] : nil
      let stop = end?.sequence ?? frames.last!.prefix.sequence
      guard stop > origin.sequence else { continue }
      let first = frames.firstIndex { $0.prefix.sequence > origin.sequence } ?? frames.count
      let last = frames.lastIndex { $0.prefix.sequence <= stop }.map { $0 + 1 } ?? 0
      let compared = first..<max(first, last)
      // Run far enough to reach the stop: to the first readable frame at or after it.
      let bound = frames.firstIndex { $0.prefix.sequence >= stop } ?? frames.count - 1
      let bytes = origin.recordStart..<(end?.recordStart ?? Int.max)
      segments.append(
        VerificationSegment(
          originCheckpoint: origin.checkpoint, originSequence: origin.sequence,
          endCheckpoint: end?.checkpoint, stopSequence: stop, frames: compared,
          untilIteration: frames[bound].prefix.iteration,
          damaged: damage.contains {
            $0.overlaps(bytes) || ($0.isEmpty && bytes.contains($0.lowerBound))
          }))
    }
    return segments
  }

  /// Re-simulates one segment and compares its frames and its final state.
  private func verify(_ segment: VerificationSegment, limits: VerificationLimits)
    -> SegmentOutcome
  {
    var outcome = SegmentOutcome()
    let span = describe(segment)
    let start: Start
    do {
      if let i = segment.originCheckpoint {
        start = try self.start(fromCheckpoint: i)
      } else {
        start = try startOfRun()
      }
    } catch {
      // A checkpoint that does not restore is a mismatch of what the file claims.
      let (sequence, iteration) = frameCounters(at: segment.frames.lowerBound)
      outcome.mismatch = .init(
        frameNumber: frameNumber(sequence: segment.originSequence), sequence: sequence,
        iteration: iteration, detail: error.description)
      return outcome
    }
    let session = start.session
    guard limits.allow(session.trainer) else {
      outcome.unverifiable = "\(span): not verified (nets larger than the limit)"
      return outcome
    }
    var next = segment.frames.lowerBound
    let firstIteration = session.trainer.iteration

    /// The outcome of a difference: a mismatch, or in a damaged segment, unverifiable.
    func differs(_ sequence: UInt64, _ iteration: Int, _ detail: String) {
      let number = frameNumber(sequence: sequence)
      if segment.damaged {
        outcome.unverifiable =
          "\(span): damage inside; the re-simulation goes elsewhere at frame \(number) "
          + "(\(detail))"
      } else {
        outcome.mismatch = .init(
          frameNumber: number, sequence: sequence, iteration: iteration, detail: detail)
      }
    }

    /// Compares one re-simulated frame; false once the segment is done (or failed).
    func check(_ s: Snapshot) -> Bool {
      if next < segment.frames.upperBound {
        let (sequence, iteration) = frameCounters(at: next)
        if s.sequence > sequence {
          differs(sequence, iteration, "the re-simulation skipped this frame")
          return false
        }
        if s.sequence == sequence {
          if let difference = FrameComparison.firstDifference(
            recorded: frame(at: next), resimulated: FrameComparison.recorded(s),
            recordedMetrics: recordedMetricCount(at: next),
            uniformModes: session.trainer.target.distribution.hasUniformModes)
          {
            differs(sequence, iteration, difference)
            return false
          }
          outcome.framesCompared += 1
          next += 1
        }
        // A smaller sequence number: a frame lost to damage (already reported).
      }
      guard s.sequence >= segment.stopSequence else { return true }
      if let end = segment.endCheckpoint {
        guard let stored = checkpoint(end), stored.encoded == session.checkpoint().encoded
        else {
          differs(
            s.sequence, s.iteration, "the checkpoint differs from the re-simulated trainer state")
          return false
        }
        outcome.checkpointsCompared += 1
      }
      return false
    }

    if let first = start.initialSnapshot, !check(first) { return outcome }
    var replayer = Replayer(session: session, events: events, until: segment.untilIteration)
    do {
      while let s = try replayer.nextFrame() {
        if !check(s) { return outcome }
        if session.trainer.iteration - firstIteration > limits.iterationsPerSegment {
          outcome.unverifiable = "\(span): not verified (longer than the limit)"
          return outcome
        }
      }
    } catch {
      let sequence =
        next < segment.frames.upperBound ? frameCounters(at: next).sequence : segment.stopSequence
      differs(sequence, session.trainer.iteration, "the event log does not replay: \(error)")
      return outcome
    }
    if next < segment.frames.upperBound || segment.endCheckpoint != nil {
      let sequence =
        next < segment.frames.upperBound ? frameCounters(at: next).sequence : segment.stopSequence
      differs(
        sequence, session.trainer.iteration,
        "the re-simulation ended at iteration \(session.trainer.iteration) without it")
    }
    return outcome
  }

  /// "frames 301–600" for messages.
  private func describe(_ segment: VerificationSegment) -> String {
    let from = frameNumber(sequence: segment.originSequence) + 1
    let to = frameNumber(sequence: segment.stopSequence)
    return from >= to ? "frame \(to)" : "frames \(from)–\(to)"
  }
}
