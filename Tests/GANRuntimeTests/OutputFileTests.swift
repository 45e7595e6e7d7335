import Foundation
import Testing

@testable import GANRuntime

#if canImport(Glibc)
  import Glibc
#endif

/// Every whole-file output goes through `OutputFile`, every appended one through
/// `AppendingFile`: these pin what protects the user's files.
@Suite struct OutputFileTests {
  /// A fresh directory for one test.
  func scratch() throws -> String {
    var template = Array("\(NSTemporaryDirectory())ganscope-output-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    return String(cString: try #require(made))
  }

  func contents(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
  }

  func message(_ body: () throws -> Void) -> String {
    do {
      try body()
      return "written"
    } catch {
      return "\(error)"
    }
  }

  @Test func aWholeFileReplacesTheOldOneAndLeavesNoTemporary() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/out.csv"
    try OutputFile.writeLines(path) { line in line("a") }
    try OutputFile.writeLines(path) { line in
      line("b")
      line("c")
    }
    #expect(contents(path) == "b\nc\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.csv"])
  }

  /// A failure while the output is produced keeps the old file byte for byte, no stub.
  @Test func aFailedWriteLeavesTheOldFile() throws {
    struct Failure: Error {}
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/out.csv"
    try OutputFile.writeLines(path) { line in line("old") }
    #expect(throws: Failure.self) {
      try OutputFile.writeLines(path) { line in
        line(String(repeating: "x", count: 200_000))
        throw Failure()
      }
    }
    #expect(contents(path) == "old\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.csv"])
    // And a new file that failed is not created at all.
    #expect(throws: Failure.self) {
      try OutputFile.writeLines(dir + "/new.csv") { _ in throw Failure() }
    }
    #expect(!FileManager.default.fileExists(atPath: dir + "/new.csv"))
  }

  /// An input, reached by its own name, a hard link or a symbolic link, is never written.
  @Test func anInputIsNeverAnOutput() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let input = dir + "/data.txt"
    try OutputFile.writeLines(input) { line in line("1") }
    link(input, dir + "/hard.txt")
    symlink(input, dir + "/soft.txt")
    for name in [input, dir + "/hard.txt", dir + "/soft.txt", dir + "/./data.txt"] {
      let text = message { try OutputFile.writeLines(name, inputs: [input]) { $0("2") } }
      #expect(text.contains("also an input"), "\(name): \(text)")
    }
    #expect(contents(input) == "1\n")
    // A symbolic link to another file is written through: the file it names changes.
    try OutputFile.writeLines(dir + "/target.txt") { $0("t") }
    symlink(dir + "/target.txt", dir + "/link.txt")
    try OutputFile.writeLines(dir + "/link.txt") { $0("u") }
    #expect(contents(dir + "/target.txt") == "u\n")
  }

  /// A recording is never replaced by another kind of output; a locked file never written.
  @Test func recordingsAndLockedFilesAreRefused() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let recording = dir + "/run.gans"
    let bytes = RecordingFormat.magic + [1, 2, 3]
    _ = FileManager.default.createFile(atPath: recording, contents: Data(bytes))
    #expect(message { try OutputFile.writeLines(recording) { $0("x") } }.contains("recording"))
    #expect(contents(recording).map { Array($0.utf8) } != nil)
    #expect(FileManager.default.contents(atPath: recording) == Data(bytes))

    let part = dir + "/part.jsonl"
    let fd = try AppendingFile.open(part)
    defer { close(fd) }
    // A second appender and a whole-file writer are both refused while the lock is held.
    #expect(message { _ = try AppendingFile.open(part) }.contains("locked"))
    #expect(message { try OutputFile.writeLines(part) { $0("x") } }.contains("locked"))
    // The holder itself may rewrite it (a resumed sweep sorting its own output).
    try OutputFile.writeLines(part, lockHeldBy: fd) { $0("sorted") }
    #expect(contents(part) == "sorted\n")
    #expect(message { _ = try AppendingFile.open(recording) }.contains("recording"))
  }

  @Test func missingDirectoriesAndDirectoriesAreRefusedBeforeAnyWork() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(message { try OutputFile.check(dir + "/no/such/out.csv") }.contains("cannot write"))
    #expect(message { try OutputFile.check(dir) }.contains("Is a directory"))
    // A device is written in place (nothing to rename over).
    try OutputFile.writeLines("/dev/null") { $0("gone") }
  }

  @Test func twoNamesOfOneFileAreTheSame() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(FileIdentity.same(dir + "/a", dir + "/./a"))
    #expect(!FileIdentity.same(dir + "/a", dir + "/b"))
    _ = FileManager.default.createFile(atPath: dir + "/a", contents: Data())
    symlink(dir + "/a", dir + "/l")
    #expect(FileIdentity.same(dir + "/a", dir + "/l"))
  }
}
