/// One net's loss and ‖∇‖ while the buffers they are read from do not hold them: the trainer
/// was restored from a checkpoint, or D was given a new pack size. Each lasts until that
/// net's next step.
enum CarriedReadout: Equatable {
  /// Nothing carried: both are read from the last step's buffers.
  case none
  /// ‖∇‖ of the last step, whose gradient buffer is gone (a restored trainer, a repacked D).
  /// A reset keeps it, as it keeps the gradient buffer of a trainer that never stopped.
  case gradientNorm(Double)
  /// The loss and ‖∇‖ of a checkpoint made without the last batch's outputs (there is no
  /// batch to recompute them from). A reset forgets both, leaving `afterReset` (‖∇‖ kept
  /// through a change of pack size since the restore) or nothing.
  case checkpoint(loss: Double, gradientNorm: Double, afterReset: Double?)

  /// The loss, when carried.
  var loss: Double? {
    switch self {
    case .none, .gradientNorm: nil
    case .checkpoint(let loss, _, _): loss
    }
  }

  /// ‖∇‖, when carried.
  var gradientNorm: Double? {
    switch self {
    case .none: nil
    case .gradientNorm(let norm), .checkpoint(_, let norm, _): norm
    }
  }

  /// What a reset of the nets leaves carried.
  var afterReset: CarriedReadout {
    switch self {
    case .none, .gradientNorm: self
    case .checkpoint(_, _, let norm): norm.map { .gradientNorm($0) } ?? .none
    }
  }

  /// What is carried once the gradient buffer ‖∇‖ was read from is replaced (a new pack
  /// size): `norm`, the value read until then; a loss carried from a checkpoint stays.
  func carrying(gradientNorm norm: Double) -> CarriedReadout {
    switch self {
    case .none, .gradientNorm: .gradientNorm(norm)
    case .checkpoint(let loss, let carried, _):
      .checkpoint(loss: loss, gradientNorm: carried, afterReset: norm)
    }
  }
}

/// What the trainer carries of D's and G's readouts (see `CarriedReadout`).
struct CarriedReadouts: Equatable {
  var discriminator: CarriedReadout = .none
  var generator: CarriedReadout = .none
}
