// swift-tools-version: 6.0
import PackageDescription

// The training loop is numeric code whose speed depends on the compiler knowing the CPU:
// without it, FMA becomes a library call (≈100× slower, see docs/performance.md). On x86-64
// the default build targets a stated level every cluster node of the last decade has,
// LLVM's `haswell`: x86-64-v3 (AVX2 + FMA, …) plus PCLMUL, RDRND and FSGSBASE (this toolchain refuses the
// name x86-64-v3), so that one binary runs on
// every node (docs/sweeps.md); its training passes also exist compiled for AVX-512
// (GANKernelsWide), chosen at run time where the CPU has it. GANSCOPE_CPU=native targets the
// CPU it is built on instead; GANSCOPE_PORTABLE=1 targets any x86-64 CPU. Elsewhere the
// default is the host CPU. The C check of CCPUCheck is compiled for the same CPU, so that a
// binary copied to a CPU that lacks an extension says so in one line instead of dying with
// SIGILL. GANSCOPE_CPU, when given, wins over GANSCOPE_PORTABLE (so that the check is never
// left out of a binary built for a stated level). -march is given to the C check on x86-64
// only.
#if arch(x86_64)
  let defaultCPU = "haswell"
#else
  let defaultCPU = "native"
#endif
let targetCPU = Context.environment["GANSCOPE_CPU"] ?? defaultCPU
let portable =
  Context.environment["GANSCOPE_PORTABLE"] != nil && Context.environment["GANSCOPE_CPU"] == nil
let cpuFlags: [SwiftSetting] =
  portable
  ? []
  : [.unsafeFlags(["-target-cpu", targetCPU])]
#if arch(x86_64)
  let cpuCheckFlags: [CSetting] = portable ? [] : [.unsafeFlags(["-march=\(targetCPU)"])]
  // The AVX-512 copies: F, CD, BW, DQ and VL, which every AVX-512 CPU since 2017 has (Intel
  // Skylake-SP on, AMD Zen 4 on); the run-time check asks for all five.
  let wideFlags: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "skylake-avx512"])]
#else
  let cpuCheckFlags: [CSetting] = []
  // No second copy off x86-64: the run-time check says no, so it is never called.
  let wideFlags = cpuFlags
#endif

// Debug builds of this numeric code run ~1000× slower than release, so the test suite runs
// in release (`swift test -c release -Xswiftc -enable-testing`, see README).
let numericSettings: [SwiftSetting] =
  cpuFlags + [
    .unsafeFlags(["-enforce-exclusivity=unchecked"])
  ]
let wideNumericSettings: [SwiftSetting] =
  wideFlags + [
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
    // The training passes and matrix kernels, all inlined where they are called: GANCore
    // compiles them for the build's CPU, GANKernelsWide for AVX-512 (KernelDispatch.swift).
    .target(name: "GANKernels", swiftSettings: numericSettings),
    .target(
      name: "GANKernelsWide", dependencies: ["GANKernels"], swiftSettings: wideNumericSettings),
    .target(
      name: "GANCore", dependencies: ["CLapack", "CCPUCheck", "GANKernels", "GANKernelsWide"],
      swiftSettings: numericSettings),
    .target(name: "GANRuntime", dependencies: ["GANCore"], swiftSettings: cpuFlags),
    .target(name: "GANView", dependencies: ["GANCore"], swiftSettings: cpuFlags),
    // Named experiments whose claims are checked (`ganscope demo`, docs/scenarios.md).
    .target(name: "GANScenarios", dependencies: ["GANCore"], swiftSettings: cpuFlags),
    .systemLibrary(
      name: "CNcurses",
      providers: [.apt(["libncurses-dev"])]
    ),
    // Restores the terminal on a crash (a signal handler must be async-signal-safe C).
    .target(name: "CCrashGuard"),
    // Says which instruction-set extensions the CPU lacks before any vectorised code runs, and
    // tells the kernels the vector width the build was compiled for.
    .target(name: "CCPUCheck", cSettings: cpuCheckFlags),
    .executableTarget(
      name: "ganscope",
      dependencies: [
        "GANCore", "GANRuntime", "GANView", "GANScenarios", "CNcurses", "CCrashGuard",
        "CCPUCheck",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: cpuFlags
    ),
    // The libFuzzer target over the recording reader: a normal program in normal builds,
    // the fuzzer with `-Xswiftc -DFUZZING` (docs/recording-format.md, .ci/run).
    .executableTarget(name: "RecordingFuzz", dependencies: ["GANRuntime"], swiftSettings: cpuFlags),
    .testTarget(
      name: "GANCoreTests", dependencies: ["GANCore", "GANKernels", "GANKernelsWide"],
      swiftSettings: cpuFlags),
    // The executable's own declarations: every setting is a flag of every command that trains.
    .testTarget(
      name: "ganscopeTests",
      dependencies: [
        "ganscope", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: cpuFlags),
    .testTarget(
      name: "GANRuntimeTests", dependencies: ["GANRuntime", "GANCore", "GANView"],
      swiftSettings: cpuFlags),
    .testTarget(
      name: "GANScenariosTests",
      dependencies: ["GANScenarios", "GANCore", "GANRuntime", "GANView"],
      swiftSettings: cpuFlags),
    .testTarget(
      name: "GANViewTests", dependencies: ["GANView", "GANCore"], exclude: ["Golden"],
      swiftSettings: cpuFlags),
  ],
  swiftLanguageModes: [.v6]
)
