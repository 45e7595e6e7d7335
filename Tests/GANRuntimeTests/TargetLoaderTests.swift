import Dispatch
import Foundation
import GANCore
import Testing

@testable import GANRuntime

/// The edge where data files are read: regular files, pipes and FIFOs (once each, never
/// hanging), errors that name the file without echoing it; and recordings of such targets,
/// which hold the numbers and so verify and branch without the file.
@Suite struct TargetLoaderTests {
  func temporaryFile(_ contents: String) throws -> String {
    let path = temporaryPath("data.txt")
    try contents.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func regularFile() throws {
    let path = try temporaryFile("# heights\n1.5\n\n  2.5  \r\n# more\n-1e-1\n4\n")
    let target = try TargetLoader.load("file:\(path)")
    #expect(target.name == "file:\((path as NSString).lastPathComponent)")
    #expect(target.spec == "file:\(path)")
    #expect(target.distribution == .empirical(EmpiricalSamples(values: [1.5, 2.5, -0.1, 4])))
    #expect(try TargetLoader.load("  FILE:\(path)  ") == target)
    // Inside a mix, the path runs up to the next ',' or ')'.
    let mix = try TargetLoader.load("mix(file:\(path), 3*normal(0,1))")
    #expect(mix.spec == "mix(0.25*file:\(path),0.75*normal(0,1))")
    guard case .mixture(let components) = mix.distribution else {
      Issue.record("not a mixture")
      return
    }
    #expect(components[0].distribution == target.distribution)
    #expect(try TargetLoader.load(mix.spec) == mix)
    // A spec without data files needs no loader, and gets the same target from it.
    #expect(try TargetLoader.load("bimodal") == Target.preset("bimodal"))
  }

  @Test func missingDirectoriesAndBadData() throws {
    let missing = temporaryPath("missing.txt")
    let error = #expect(throws: TargetSpecError.self) { try TargetLoader.load("file:" + missing) }
    #expect(error?.description.contains("cannot open file '\(missing)'") == true)
    let inMix = #expect(throws: TargetSpecError.self) {
      try TargetLoader.load("mix(normal(0,1), file:\(missing))")
    }
    #expect(inMix?.description.contains(missing) == true)
    let directory = FileManager.default.temporaryDirectory.path
    let notFile = #expect(throws: TargetSpecError.self) {
      try TargetLoader.load("file:" + directory)
    }
    #expect(notFile?.description.contains("is a directory") == true)
    let bad = try temporaryFile("1\n2\nthree\n")
    let badLine = #expect(throws: TargetSpecError.self) { try TargetLoader.load("file:" + bad) }
    #expect(badLine?.description.contains("line 3: 'three' is not a number") == true)
  }

  /// A binary file and an endless device are refused at once, their bytes never echoed.
  @Test func binaryFilesAndDevices() throws {
    let path = temporaryPath("blob")
    var bytes: [UInt8] = [0x1B, 0x5B, 0x32, 0x4A, 0x07, 0x00, 0x9B, 0xFF, 0x0A]
    bytes += (0..<4000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let error = #expect(throws: TargetSpecError.self) { try TargetLoader.load("file:" + path) }
    let message = error?.description ?? ""
    #expect(message.contains("line 1: '\\u{1B}[2J\\u{7}\\u{0}"), "\(message)")
    #expect(
      !message.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    let zero = #expect(throws: TargetSpecError.self) { try TargetLoader.load("file:/dev/zero") }
    #expect(zero?.description.contains("longer than 4096 bytes") == true)
  }

  /// A pipe is read once, to its end: both components naming it get all of its numbers.
  @Test func aPipeIsReadOnce() throws {
    var ends: [Int32] = [0, 0]
    #expect(pipe(&ends) == 0)
    defer { close(ends[0]) }
    let text = Array("1\n2\n3\n5\n".utf8)
    #expect(write(ends[1], text, text.count) == text.count)
    close(ends[1])
    let path = "/dev/fd/\(ends[0])"
    let target = try TargetLoader.load("mix(file:\(path), file:\(path))")
    let samples = EmpiricalSamples(values: [1, 2, 3, 5])
    #expect(
      target.distribution
        == .mixture([
          MixtureComponent(weight: 0.5, distribution: .empirical(samples)),
          MixtureComponent(weight: 0.5, distribution: .empirical(samples)),
        ]))
  }

  /// A FIFO waits for its writer (opening it does not block), and gives up when nobody
  /// writes instead of hanging.
  @Test func fifos() throws {
    let path = temporaryPath("fifo")
    #expect(mkfifo(path, 0o600) == 0)
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) {
      let fd = open(path, O_WRONLY)
      let text = Array("4\n6\n".utf8)
      _ = write(fd, text, text.count)
      close(fd)
    }
    let target = try TargetLoader.load("file:" + path, idleTimeout: 20)
    #expect(target.distribution == .empirical(EmpiricalSamples(values: [4, 6])))

    let start = DispatchTime.now().uptimeNanoseconds
    let silent = #expect(throws: TargetSpecError.self) {
      try TargetLoader.load("file:" + path, idleTimeout: 0.3)
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
    #expect(silent?.description.contains("nothing arrived from file '\(path)'") == true)
    #expect(seconds >= 0.25 && seconds < 5)
  }

  /// A recording holds its target's numbers: with the data file gone, it verifies, and a
  /// branch from a checkpoint (which names the target by spec) restores it.
  @Test func recordingsOfFileTargetsNeedNoFile() throws {
    let path = try temporaryFile((0..<200).map { "\(Double($0 % 37) / 7)" }.joined(separator: "\n"))
    var config = tinyConfig()
    config.target = try TargetLoader.load("file:" + path)
    let run = try recordRun(config: config, iterations: 24, checkpoints: everyFrames(3))
    try FileManager.default.removeItem(atPath: path)

    let reader = try RecordingReader(bytes: run.bytes)
    #expect(reader.header.config.target == config.target)
    let report = try reader.verify()
    #expect(report.passed, "\(String(describing: report.mismatch))")
    #expect(report.framesCompared == reader.frameCount)
    let checkpoint = try #require(reader.checkpointFrames.last)
    let runtime = try reader.branch(at: checkpoint, pace: .maximum, startPaused: true)
    #expect(runtime.config.target == config.target)
  }
}
