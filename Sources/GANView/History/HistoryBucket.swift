import GANCore

/// A stretch of consecutive frames of the run, summarised: how many frames, which
/// iterations, for each metric of `Metric.table` its lowest, mean and highest value, and the
/// mean p_g and D(x) on a view grid. One frame is a bucket of one; two adjacent buckets merge
/// into one (`merged`), which is how `RunHistory` keeps old parts of a run at lower resolution.
public struct HistoryBucket: Sendable, Equatable {
  public private(set) var firstIteration: Int
  public private(set) var lastIteration: Int
  /// Frames summarised.
  public private(set) var frames: Int
  /// Per metric of `Metric.table`, over the finite values only (NaN where none was finite):
  /// a diverged frame must not turn a whole hour's bucket into NaN.
  public private(set) var minimum: [Double]
  public private(set) var mean: [Double]
  public private(set) var maximum: [Double]
  /// How many finite values each metric's mean is over (the weight when merging).
  private var finiteCounts: [Int32]
  /// The grid the curves below are on (the union of the merged frames' grids).
  public private(set) var grid: ViewGrid
  /// Mean p_g density and mean D(x) at the grid's bins.
  public private(set) var modelDensity: [Float]
  public private(set) var discriminator: [Float]
  /// The mean and standard deviation of p_data on the view grid (what the phase plane
  /// marks as the target's (μ, σ)), averaged over the frames.
  public private(set) var dataMean: Double
  public private(set) var dataStandardDeviation: Double

  /// The bucket of one frame.
  public init(_ snapshot: Snapshot) {
    firstIteration = snapshot.iteration
    lastIteration = snapshot.iteration
    frames = 1
    let values = Metric.table.map { $0.value(snapshot.metrics) }
    minimum = values.map { $0.isFinite ? $0 : .nan }
    mean = minimum
    maximum = minimum
    finiteCounts = values.map { $0.isFinite ? 1 : 0 }
    grid = snapshot.grid
    // Copies of exactly `bins` floats, not the snapshot's buffers (whose spare capacity
    // would escape the memory bound).
    modelDensity = snapshot.modelHistogram.map { $0 }
    discriminator = snapshot.discriminator.map { $0 }
    let moments = Self.moments(
      of: snapshot.dataDensity.isEmpty ? snapshot.dataHistogram : snapshot.dataDensity,
      on: snapshot.grid)
    dataMean = moments.mean
    dataStandardDeviation = moments.standardDeviation
  }

  /// The iterations the bucket spans, as a number line position: its middle.
  public var middleIteration: Double { (Double(firstIteration) + Double(lastIteration)) / 2 }

  /// The bucket's mean of `metric` (NaN when it had no finite value).
  public func mean(of metric: Int) -> Double { mean[metric] }

  /// `earlier` and `later` (adjacent, in that order) as one bucket.
  public static func merged(_ earlier: HistoryBucket, _ later: HistoryBucket) -> HistoryBucket {
    var result = earlier
    result.lastIteration = max(later.lastIteration, earlier.lastIteration)
    result.frames = earlier.frames + later.frames
    for i in result.mean.indices {
      let a = Double(earlier.finiteCounts[i])
      let b = Double(later.finiteCounts[i])
      result.finiteCounts[i] = earlier.finiteCounts[i] + later.finiteCounts[i]
      guard b > 0 else { continue }
      guard a > 0 else {
        result.minimum[i] = later.minimum[i]
        result.mean[i] = later.mean[i]
        result.maximum[i] = later.maximum[i]
        continue
      }
      result.minimum[i] = min(earlier.minimum[i], later.minimum[i])
      result.maximum[i] = max(earlier.maximum[i], later.maximum[i])
      result.mean[i] = (earlier.mean[i] * a + later.mean[i] * b) / (a + b)
    }
    let wa = Double(earlier.frames)
    let wb = Double(later.frames)
    let weight = Float(wb / (wa + wb))
    result.dataMean = (earlier.dataMean * wa + later.dataMean * wb) / (wa + wb)
    result.dataStandardDeviation =
      (earlier.dataStandardDeviation * wa + later.dataStandardDeviation * wb) / (wa + wb)
    if earlier.grid == later.grid {
      result.modelDensity = Self.blend(earlier.modelDensity, later.modelDensity, weight)
      result.discriminator = Self.blend(earlier.discriminator, later.discriminator, weight)
    } else {
      // The view grid moved between them (G's mass left it): both onto the union, so
      // neither loses its part of the line.
      let union = ViewGrid(
        lower: min(earlier.grid.lower, later.grid.lower),
        upper: max(earlier.grid.upper, later.grid.upper), bins: earlier.grid.bins)
      result.grid = union
      result.modelDensity = blend(
        earlier.resampled(earlier.modelDensity, onto: union, outside: 0),
        later.resampled(later.modelDensity, onto: union, outside: 0), weight)
      result.discriminator = blend(
        earlier.resampled(earlier.discriminator, onto: union, outside: .nan),
        later.resampled(later.discriminator, onto: union, outside: .nan), weight)
    }
    return result
  }

  /// `a` moved toward `b` by `weight`; where one of them is not finite, the other.
  static func blend(_ a: [Float], _ b: [Float], _ weight: Float) -> [Float] {
    guard a.count == b.count else { return b }
    var result = a
    for i in result.indices {
      let x = a[i]
      let y = b[i]
      if x.isFinite && y.isFinite {
        result[i] = x + (y - x) * weight
      } else if !x.isFinite {
        result[i] = y
      }
    }
    return result
  }

  /// A curve of this bucket on its grid, read at the bin centres of `other` (linear between
  /// centres; `outside` beyond this grid's ends, where the curve was never computed).
  func resampled(_ values: [Float], onto other: ViewGrid, outside: Float) -> [Float] {
    (0..<other.bins).map { value(values, at: other.center($0)) ?? outside }
  }

  /// A curve of this bucket at `x` (linear between bin centres), nil outside its grid.
  public func value(_ values: [Float], at x: Double) -> Float? {
    guard !values.isEmpty, x >= grid.lower, x <= grid.upper else { return nil }
    let t = min(max((x - grid.lower) / grid.binWidth - 0.5, 0), Double(values.count - 1))
    let i = Int(t)
    let j = min(i + 1, values.count - 1)
    let a = values[i]
    let b = values[j]
    guard a.isFinite, b.isFinite else { return a.isFinite ? a : b }
    return a + (b - a) * Float(t - Double(i))
  }

  /// Mean and standard deviation of a density given at the grid's bin centres.
  static func moments(of density: [Float], on grid: ViewGrid) -> (
    mean: Double, standardDeviation: Double
  ) {
    var mass = 0.0
    var first = 0.0
    var second = 0.0
    for (i, value) in density.enumerated() where value.isFinite && value > 0 {
      let x = grid.center(i)
      mass += Double(value)
      first += Double(value) * x
      second += Double(value) * x * x
    }
    guard mass > 0 else { return (.nan, .nan) }
    let mean = first / mass
    return (mean, max(second / mass - mean * mean, 0).squareRoot())
  }

  /// Bytes this bucket holds: the value itself and its arrays' storage, with a heap block's
  /// header per array (what the memory bound of `RunHistory` counts).
  public var bytes: Int {
    MemoryLayout<HistoryBucket>.stride
      + [minimum, mean, maximum].reduce(0) { $0 + Self.arrayBytes($1) }
      + Self.arrayBytes(finiteCounts) + Self.arrayBytes(modelDensity)
      + Self.arrayBytes(discriminator)
  }

  /// The heap block of an array: a 32-byte header and its reserved elements, rounded up to
  /// malloc's 16-byte granule.
  static func arrayBytes<T>(_ array: [T]) -> Int {
    let raw = 32 + array.capacity * MemoryLayout<T>.stride
    return (raw + 15) / 16 * 16
  }

  /// The most a bucket of curves with `bins` bins can hold (the memory bound's unit).
  public static func byteBound(bins: Int) -> Int {
    func block(_ count: Int, _ stride: Int) -> Int { (32 + count * stride + 15) / 16 * 16 }
    let metrics = Metric.table.count
    return MemoryLayout<HistoryBucket>.stride + 3 * block(metrics, 8) + block(metrics, 4)
      + 2 * block(bins, 4)
  }
}

extension HistoryBucket {
  /// Bitwise for the metrics, so that a metric no frame had (NaN) equals itself: two
  /// histories of the same frames are equal.
  public static func == (a: HistoryBucket, b: HistoryBucket) -> Bool {
    func same(_ x: [Double], _ y: [Double]) -> Bool { x.map(\.bitPattern) == y.map(\.bitPattern) }
    return a.firstIteration == b.firstIteration && a.lastIteration == b.lastIteration
      && a.frames == b.frames && same(a.minimum, b.minimum) && same(a.mean, b.mean)
      && same(a.maximum, b.maximum) && a.finiteCounts == b.finiteCounts && a.grid == b.grid
      && a.modelDensity == b.modelDensity && a.discriminator == b.discriminator
      && a.dataMean.bitPattern == b.dataMean.bitPattern
      && a.dataStandardDeviation.bitPattern == b.dataStandardDeviation.bitPattern
  }
}
