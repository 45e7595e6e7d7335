// swift-tools-version: 6.0
import PackageDescription

// The training loop is numeric code whose speed depends on the compiler knowing the CPU:
// without it, FMA becomes a library call and AVX-512 is never used (≈100× slower, see
// docs/performance.md). ganscope is built from source where it runs, so the default build
// targets the host CPU. Set GANSCOPE_PORTABLE=1 for a binary that runs on any x86-64-v2 CPU.
let portable = Context.environment["GANSCOPE_PORTABLE"] != nil
let cpuFlags: [SwiftSetting] =
  portable
  ? []
  : [.unsafeFlags(["-target-cpu", "native"])]

// Debug builds of this numeric code run ~1000× slower than release, so the test suite runs
// in release (`swift test -c release -Xswiftc -enable-testing`, see README).
let numericSettings: [SwiftSetting] =
  cpuFlags + [
    .unsafeFlags(["-enforce-exclusivity=unchecked"])
  ]

let package = Package(
  name: "ganscope",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "ganscope", targets: ["ganscope"]),
    .library(name: "GANCore", targets: ["GANCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // The game's spectrum (Sources/GANCore/Dynamics) hands dense eigenproblems to LAPACK's
    // dgeev rather than a hand-written eigensolver.
    .systemLibrary(name: "CLapack", providers: [.apt(["liblapack-dev"])]),
    .target(name: "GANCore", dependencies: ["CLapack"], swiftSettings: numericSettings),
    .target(name: "GANRuntime", dependencies: ["GANCore"], swiftSettings: cpuFlags),
    .target(name: "GANView", dependencies: ["GANCore"], swiftSettings: cpuFlags),
    // Named experiments whose claims are checked (`ganscope demo`, docs/scenarios in README).
    .target(name: "GANScenarios", dependencies: ["GANCore"], swiftSettings: cpuFlags),
    .systemLibrary(
      name: "CNcurses",
      providers: [.apt(["libncurses-dev"])]
    ),
    // Restores the terminal on a crash (a signal handler must be async-signal-safe C).
    .target(name: "CCrashGuard"),
    .executableTarget(
      name: "ganscope",
      dependencies: [
        "GANCore", "GANRuntime", "GANView", "GANScenarios", "CNcurses", "CCrashGuard",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: cpuFlags
    ),
    // The libFuzzer target over the recording reader: a normal program in normal builds,
    // the fuzzer with `-Xswiftc -DFUZZING` (docs/recording-format.md, .ci/run).
    .executableTarget(name: "RecordingFuzz", dependencies: ["GANRuntime"], swiftSettings: cpuFlags),
    .testTarget(name: "GANCoreTests", dependencies: ["GANCore"], swiftSettings: cpuFlags),
    .testTarget(
      name: "GANRuntimeTests", dependencies: ["GANRuntime", "GANCore", "GANView"],
      swiftSettings: cpuFlags),
    .testTarget(
      name: "GANScenariosTests", dependencies: ["GANScenarios", "GANCore", "GANRuntime"],
      swiftSettings: cpuFlags),
    .testTarget(
      name: "GANViewTests", dependencies: ["GANView", "GANCore"], exclude: ["Golden"],
      swiftSettings: cpuFlags),
  ],
  swiftLanguageModes: [.v6]
)
