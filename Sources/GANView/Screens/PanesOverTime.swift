import GANCore

extension Screen {
  /// The main pane when it shows the run over time (history, space-time, phase) or
  /// the spectrum (computed in the background, given in `state.spectrum`) rather than
  /// the present moment. `snapshot` is the frame shown: in a replay the panes stop at its
  /// iteration, so they look as they did live at that moment.
  static func drawPaneOverTime(
    _ snapshot: Snapshot, state: ViewState, into grid: inout CellGrid, y: Int, width: Int,
    height: Int, symbols: SymbolSet
  ) {
    let now = state.feedsRunHistory ? nil : snapshot.iteration
    switch state.pane {
    case .plot:
      return
    case .history:
      grid.mark(.overTime, x: 0, y: y, width: width, height: height)
      HistoryPane.draw(
        state.runHistory, lens: state.lens, now: now, loss: snapshot.hyperparameters.loss,
        into: &grid, x: 0, y: y, width: width, height: height, symbols: symbols)
    case .spaceTime:
      grid.mark(.overTime, x: 0, y: y, width: width, height: height)
      SpaceTimePane.draw(
        state.runHistory, snapshot: snapshot, lens: state.lens, now: now, into: &grid, x: 0,
        y: y, width: width, height: height, symbols: symbols)
    case .phase:
      PhasePane.draw(
        state.runHistory, now: now, hyperparameters: snapshot.hyperparameters, into: &grid, x: 0,
        y: y, width: width, height: height, symbols: symbols)
    case .spectrum:
      SpectrumPane.draw(
        state.spectrum, into: &grid, x: 0, y: y, width: width, height: height, symbols: symbols)
    }
  }
}
