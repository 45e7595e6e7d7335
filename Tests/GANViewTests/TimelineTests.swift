import Testing

@testable import GANView

/// Where the timeline puts the current frame and the markers.
@Suite struct TimelineTests {
  @Test func firstAndLastFramesAreAtTheEnds() {
    #expect(Timeline.column(of: 0, count: 300, width: 100) == 0)
    #expect(Timeline.column(of: 299, count: 300, width: 100) == 99)
    #expect(Timeline.column(of: 150, count: 301, width: 101) == 50)
    // Out of range is clamped; degenerate sizes stay at 0.
    #expect(Timeline.column(of: -5, count: 300, width: 100) == 0)
    #expect(Timeline.column(of: 900, count: 300, width: 100) == 99)
    #expect(Timeline.column(of: 0, count: 1, width: 100) == 0)
    #expect(Timeline.column(of: 3, count: 10, width: 1) == 0)
  }

  @Test func columnsRoundToTheNearest() {
    // 10 frames over 4 columns: frame f sits at f * 3 / 9 = f / 3, rounded.
    let columns = (0..<10).map { Timeline.column(of: $0, count: 10, width: 4) }
    #expect(columns == [0, 0, 1, 1, 1, 2, 2, 2, 3, 3])
  }

  @Test func markersAndThePlayheadAreDrawnInTheirColumns() {
    let markers = [
      TimelineMarker(frame: 10, kind: .discriminatorSteps, label: "k = 3"),
      TimelineMarker(frame: 50, kind: .stepSize, label: "lrD = 0.002"),
      TimelineMarker(frame: 99, kind: .target, label: "target = bimodal"),
    ]
    let cells = Timeline.cells(
      frame: 30, count: 100, markers: markers, width: 100, symbols: .unicode)
    let text = String(cells.map(\.character))
    #expect(text.count == 100)
    #expect(cells[10] == Cell("k", .discriminator))
    #expect(cells[50] == Cell("η", .metric))
    #expect(cells[99] == Cell("T", .optimal))
    #expect(cells[30] == Cell("█", .heading))
    // Played part heavy, the rest light.
    #expect(cells[29] == Cell("━", .text) && cells[31] == Cell("─", .dim))
    let ascii = Timeline.cells(frame: 30, count: 100, markers: markers, width: 100, symbols: .ascii)
    #expect(ascii.allSatisfy { $0.character.isASCII })
    #expect(ascii[50].character == "e" && ascii[30].character == "#")
  }

  @Test func thePlayheadCoversAMarkerOnItsFrame() {
    let markers = [TimelineMarker(frame: 30, kind: .loss, label: "loss = minimax")]
    let cells = Timeline.cells(
      frame: 30, count: 100, markers: markers, width: 100, symbols: .unicode)
    #expect(cells[30].character == "█")
  }

  @Test func sharedColumnsShowTheWeightiestChange() {
    // 1000 frames on 10 columns: frames 0 ... 55 land in column 0, 500 and 501 in 5.
    let markers = [
      TimelineMarker(frame: 20, kind: .stepSize, label: ""),
      TimelineMarker(frame: 21, kind: .reset, label: ""),
      TimelineMarker(frame: 22, kind: .discriminatorSteps, label: ""),
      TimelineMarker(frame: 500, kind: .other, label: ""),
      TimelineMarker(frame: 501, kind: .loss, label: ""),
      TimelineMarker(frame: 5000, kind: .target, label: "beyond the end: ignored"),
    ]
    let cells = Timeline.cells(
      frame: 999, count: 1000, markers: markers, width: 10, symbols: .unicode)
    #expect(cells[0].character == "R")
    #expect(cells[5].character == "L")
    #expect(!cells.contains { $0.character == "T" })
  }

  @Test func everyKindHasItsOwnSymbolAndLegend() {
    for symbols in SymbolSet.allCases {
      let kinds = TimelineMarker.Kind.allCases
      #expect(Set(kinds.map { $0.symbol(symbols) }).count == kinds.count)
      #expect(!kinds.map { $0.symbol(symbols) }.contains(Timeline.playhead(symbols)))
      #expect(Timeline.legend(symbols).count == kinds.count + 1)
    }
  }

  /// Frames lost to damage: a cross where they are missing, over any marker there, and
  /// frame numbers that count them (the status line's frame=N/total).
  @Test func gapsAreMarkedAndFrameNumbersCountThem() {
    let markers = [TimelineMarker(frame: 50, kind: .loss, label: "loss = minimax")]
    let cells = Timeline.cells(
      frame: 0, count: 100, markers: markers, gaps: [50, 100], width: 100, symbols: .unicode)
    #expect(cells[50].character == "✕" && cells[50].style == .warning)
    #expect(cells[99].character == "✕")
    var state = ReplayState(frameCount: 100, playing: false)
    state.gaps = [FrameGap(before: 50, count: 3), FrameGap(before: 100, count: 2)]
    #expect(state.frameNumber == 1)
    #expect(state.lastFrameNumber == 105)
    state.seek(to: 50)
    #expect(state.frame == 50 && state.frameNumber == 54)
  }
}
