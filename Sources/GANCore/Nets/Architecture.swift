import GANKernels

/// The shape shared by G and D: 1 → H → … → H → 1 with `hiddenLayers` hidden layers.
public struct Architecture: Sendable, Equatable, Hashable, Codable {
  /// H, the number of units in each hidden layer.
  public var width: Int
  /// The number of hidden layers (the paper's Figure 1 nets and the default have 2).
  public var hiddenLayers: Int
  public var activation: Activation
  /// The perceptron of Figure 1, or the Dirac-GAN (DiracGame.swift: one linear unit, every
  /// parameter but θ or ψ pinned).
  public var model: NetModel

  /// The widths and depths ganscope trains (the command line's limits; a recording that
  /// claims more is refused before anything is allocated for it).
  public static let widthRange = 1...512
  public static let hiddenLayerRange = 1...8

  public init(
    width: Int = 32, hiddenLayers: Int = 2, activation: Activation = .tanh,
    model: NetModel = .perceptron
  ) {
    self.width = width
    self.hiddenLayers = hiddenLayers
    self.activation = activation
    self.model = model
  }

  /// The width rounded up to whole SIMD16 vectors.
  public var paddedWidth: Int { roundUp(width, 16) }

  /// Offsets of each parameter block inside the padded parameter buffer.
  /// Every block is padded to `paddedWidth` (P) floats per row, the padding holding zeros.
  struct Layout: Sendable {
    let paddedWidth: Int
    let hiddenLayers: Int
    /// P, the inputs of the input layer: 1 for G and for a plain D, the pack size for a
    /// packed D (PacGAN, PackedInput.swift).
    var inputs = 1
    /// Input layer (1 → H): weights then biases. A packed D (P → H) keeps its first input's
    /// weights here and the other P − 1 rows after the output bias (`packedInputWeights`).
    var inputWeights: Int { 0 }
    var inputBias: Int { paddedWidth }
    /// Hidden-to-hidden layer l (1 ≤ l < hiddenLayers): a P×P matrix stored input-major
    /// (row i holds the weights out of unit i of the layer below), then P biases.
    func weights(_ l: Int) -> Int { 2 * paddedWidth + (l - 1) * hiddenBlock }
    func bias(_ l: Int) -> Int { weights(l) + paddedWidth * paddedWidth }
    /// Output layer (H → 1): P weights, then the bias in a 16-float slot.
    var outputWeights: Int { 2 * paddedWidth + (hiddenLayers - 1) * hiddenBlock }
    var outputBias: Int { outputWeights + paddedWidth }
    var count: Int { outputBias + 16 + (inputs - 1) * paddedWidth }
    /// The weights out of input j (0 ≤ j < P). Rows 1 … P − 1 are appended at the end so that
    /// every block of the plain net stays where it is: P = 1 is exactly the plain buffer, and
    /// code that knows only the plain blocks (the slope pass, spectral normalisation) still
    /// finds them.
    func packedInputWeights(_ j: Int) -> Int {
      j == 0 ? inputWeights : outputBias + 16 + (j - 1) * paddedWidth
    }
    /// The floats of one hidden-to-hidden layer: a P×P matrix and P biases.
    private var hiddenBlock: Int { paddedWidth * paddedWidth + paddedWidth }
  }

  var layout: Layout { Layout(paddedWidth: paddedWidth, hiddenLayers: hiddenLayers) }

  /// The layout of a net whose input layer takes `inputs` values (a D packing P samples).
  func layout(inputs: Int) -> Layout {
    Layout(paddedWidth: paddedWidth, hiddenLayers: hiddenLayers, inputs: inputs)
  }

  /// The number of real (unpadded) parameters that training moves.
  public var parameterCount: Int {
    if model == .dirac { return 1 }
    return 2 * width + (hiddenLayers - 1) * (width * width + width) + width + 1
  }
}
