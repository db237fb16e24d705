// swift-tools-version:6.0
import Foundation
import PackageDescription

let package = Package(
  name: "ebcheck",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "ebcheck", targets: ["ebcheck"]),
    .library(name: "EBCheck", targets: ["EBCheck"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    // The reference Mustache engine: tests render every template with it and with the
    // binary's own renderer (swift-mustache imports Foundation, whose ICU data alone would
    // make the static binary 40 MB larger).
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CYAML",
      pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"])]
    ),
    // The floors, lowest first: each target imports only the ones below it, so the compiler
    // refuses a back-arrow. docs/architecture.md says what lives where.
    .target(name: "EBCheckCore"),
    .target(name: "EBCheckFormats", dependencies: ["EBCheckCore", "CYAML"]),
    .target(name: "EBCheckPython", dependencies: ["EBCheckCore", "EBCheckFormats"]),
    .target(
      name: "EBCheckModel", dependencies: ["EBCheckCore", "EBCheckFormats", "EBCheckPython"]),
    .target(
      name: "EBCheckSimulation",
      dependencies: ["EBCheckCore", "EBCheckFormats", "EBCheckPython", "EBCheckModel"]),
    .target(
      name: "EBCheckGenerate",
      dependencies: [
        "EBCheckCore", "EBCheckModel", "EBCheckSimulation",
      ]),
    .target(
      name: "EBCheckRules",
      dependencies: [
        "EBCheckCore", "EBCheckFormats", "EBCheckPython", "EBCheckModel", "EBCheckSimulation",
        "EBCheckGenerate",
      ]),
    .target(
      name: "EBCheck",
      dependencies: [
        "EBCheckCore", "EBCheckFormats", "EBCheckPython", "EBCheckModel", "EBCheckSimulation",
        "EBCheckRules",
      ]),
    .target(
      name: "EBCheckReport",
      dependencies: ["EBCheckCore", "EBCheckSimulation", "EBCheckRules", "EBCheck"]),
    .executableTarget(
      name: "ebcheck",
      dependencies: [
        "EBCheck", "EBCheckReport", "EBCheckGenerate",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      // The release binary is linked by lld (in the toolchain): unlike gold, it drops the
      // references of sections it collects, so a statically linked libstdc++ leaves no
      // GLIBC_2.36 import behind (docs/performance.md, round four).
      linkerSettings: [.unsafeFlags(["-use-ld=lld"], .when(configuration: .release))]
    ),
    .testTarget(
      name: "EBCheckTests",
      dependencies: [
        "EBCheckCore", "EBCheckFormats", "EBCheckPython", "EBCheckModel", "EBCheckSimulation",
        "EBCheckGenerate", "EBCheckRules", "EBCheck", "EBCheckReport",
        .product(name: "Mustache", package: "swift-mustache"),
      ],
      exclude: ["Golden", "Support"]
    ),
  ]
)

// libFuzzer targets, only when `make fuzz` asks (EBCHECK_FUZZ=1, its own --scratch-path and
// -sanitize=fuzzer,address): a plain `swift build` or `swift test` never sees them.
if ProcessInfo.processInfo.environment["EBCHECK_FUZZ"] == "1" {
  let library: [Target.Dependency] = [
    "EBCheckCore", "EBCheckFormats", "EBCheckPython", "EBCheckModel", "EBCheckRules", "EBCheck",
  ]
  package.targets.append(.target(name: "FuzzSupport", dependencies: library))
  for name in ["FuzzPython", "FuzzYAML", "FuzzNginx", "FuzzLint", "FuzzHCL"] {
    package.targets.append(.executableTarget(name: name, dependencies: library + ["FuzzSupport"]))
    package.products.append(.executable(name: name, targets: [name]))
  }
}
