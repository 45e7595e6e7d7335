import Foundation
import GANCore
import Testing

@testable import GANView

/// The asciicast encoder: valid JSON on every line, the header's fields, and escapes that
/// redraw exactly what changed.
@Suite struct AsciicastTests {
  func json(_ line: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed])
  }

  @Test func headerIsVersion2WithSizeTimestampAndTerm() throws {
    let line = Asciicast.header(
      width: 120, height: 40, timestamp: 1_700_000_000, title: "ganscope \"r.gans\"")
    let header = try #require(try json(line) as? [String: Any])
    #expect(header["version"] as? Int == 2)
    #expect(header["width"] as? Int == 120 && header["height"] as? Int == 40)
    #expect(header["timestamp"] as? Int == 1_700_000_000)
    #expect(header["title"] as? String == "ganscope \"r.gans\"")
    #expect((header["env"] as? [String: String])?["TERM"] == "xterm-256color")
    #expect(line.hasPrefix("{\"version\": 2, \"width\": 120, \"height\": 40, \"timestamp\": "))
  }

  @Test func eventsEscapeControlCharactersAndKeepUTF8() throws {
    let text = "\u{1B}[1;1H⣿ \"q\" \\ \n\t\u{7}█"
    let line = Asciicast.event(time: 1.5, output: text)
    #expect(line.hasPrefix("[1.500000, \"o\", \"\\u001b[1;1H⣿"))
    let event = try #require(try json(line) as? [Any])
    #expect(event.count == 3)
    #expect((event[0] as? NSNumber)?.doubleValue == 1.5)
    #expect(event[1] as? String == "o")
    #expect(event[2] as? String == text)
  }

  @Test func timesHaveMicrosecondResolution() {
    #expect(Asciicast.seconds(0) == "0.000000")
    #expect(Asciicast.seconds(12.3456789) == "12.345679")
    #expect(Asciicast.seconds(0.000001) == "0.000001")
    #expect(Asciicast.seconds(-1) == "0.000000" && Asciicast.seconds(.nan) == "0.000000")
  }

  @Test func firstPaintDrawsEveryRowWithColours() {
    var grid = CellGrid(width: 4, height: 2)
    grid.put("ab", x: 0, y: 0, style: .model)
    grid.put("⣿", x: 3, y: 1, style: .warning)
    var painter = AnsiPainter()
    let output = painter.paint(grid)
    #expect(output.hasPrefix(AnsiPainter.setUp + "\u{1B}[0m\u{1B}[2J"))
    #expect(output.contains("\u{1B}[1;1H\u{1B}[0;38;5;41mab\u{1B}[0m  "))
    #expect(output.contains("\u{1B}[2;1H   \u{1B}[0;1;38;5;196m⣿"))
    #expect(painter.paint(grid) == "", "nothing changed, nothing sent")
  }

  @Test func laterPaintsSendOnlyChangedRuns() {
    var grid = CellGrid(width: 40, height: 3)
    grid.put(String(repeating: "x", count: 40), x: 0, y: 1, style: .text)
    var painter = AnsiPainter()
    _ = painter.paint(grid)
    grid[2, 1] = Cell("A", .discriminator)
    grid[5, 1] = Cell("B", .discriminator)  // a short gap: rewritten within one run
    grid[30, 1] = Cell("C", .text)  // a long gap: a second run
    let output = painter.paint(grid)
    #expect(
      output
        == "\u{1B}[2;3H\u{1B}[0;1;38;5;39mA\u{1B}[0mxx\u{1B}[0;1;38;5;39mB"
        + "\u{1B}[2;31H\u{1B}[0mC")
  }

  @Test func changedRunsJoinShortGaps() {
    let old = CellGrid(width: 30, height: 1)
    var new = old
    for x in [1, 3, 11, 25, 29] { new[x, 0] = Cell("x") }
    #expect(AnsiPainter.changedRuns(from: old, to: new, y: 0) == [1..<4, 11..<12, 25..<30])
  }

  @Test func aSizeChangeRedrawsEverything() {
    var painter = AnsiPainter()
    _ = painter.paint(CellGrid(width: 3, height: 1))
    let output = painter.paint(CellGrid(width: 5, height: 2))
    #expect(output.hasPrefix("\u{1B}[0m\u{1B}[2J") && !output.contains(AnsiPainter.setUp))
  }

  @Test func paletteDepthsDiffer() {
    let painter8 = AnsiPainter(depth: .colors8)
    #expect(painter8.sgr(Palette.look(for: .model, depth: .colors8)) == "\u{1B}[0;1;32m")
    #expect(Palette.look(for: .warning, depth: .monochrome) == Look(bold: true, reverse: true))
    for style in Style.allCases {
      #expect(Palette.look(for: style, depth: .colors8).foreground ?? 0 < 8)
    }
  }

  @Test func aReplayExportsAsValidAsciicast() throws {
    var lines: [String] = []
    let frames = (0..<12).map {
      Fixture.snapshot(sequence: UInt64($0 + 1), iteration: $0 * 10, t: $0)
    }
    AsciicastExport.write(
      frameCount: frames.count, frame: { frames[$0] }, framesPerSecond: 10,
      markers: [TimelineMarker(frame: 5, kind: .loss, label: "loss = minimax")],
      warning: nil, width: 120, height: 40, symbols: .unicode, timestamp: 1_700_000_000,
      title: "test"
    ) { lines.append($0) }
    #expect(lines.count == frames.count + 2)
    let header = try #require(try json(lines[0]) as? [String: Any])
    #expect(header["width"] as? Int == 120)
    var last = -1.0
    for line in lines.dropFirst() {
      let event = try #require(try json(line) as? [Any])
      let time = try #require((event[0] as? NSNumber)?.doubleValue)
      #expect(time > last)
      last = time
      #expect(event[1] as? String == "o")
      #expect(!line.contains("\n"))
    }
    // Frame i at i / 10 s; the first event is a full screen with the status line.
    let first = try #require(try json(lines[1]) as? [Any])
    #expect((first[2] as? String)?.contains("frame=1/12") == true)
    #expect((first[2] as? String)?.contains("iter=0") == true)
    let tenth = try #require(try json(lines[10]) as? [Any])
    #expect((tenth[0] as? NSNumber)?.doubleValue == 0.9)
    #expect((tenth[2] as? String)?.contains("10/12") == true)
  }
}
