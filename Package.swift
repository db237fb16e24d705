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
  ],
  targets: [
    .systemLibrary(
      name: "CYAML",
      pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"])]
    ),
    .target(
      name: "EBCheck",
      dependencies: ["CYAML"]
    ),
    .executableTarget(
      name: "ebcheck",
      dependencies: [
        "EBCheck",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "EBCheckTests",
      dependencies: ["EBCheck"],
      exclude: ["Golden", "Support"]
    ),
  ]
)

// libFuzzer targets, only when `make fuzz` asks (EBCHECK_FUZZ=1, its own --scratch-path and
// -sanitize=fuzzer,address): a plain `swift build` or `swift test` never sees them.
if ProcessInfo.processInfo.environment["EBCHECK_FUZZ"] == "1" {
  package.targets.append(.target(name: "FuzzSupport", dependencies: ["EBCheck"]))
  for name in ["FuzzPython", "FuzzYAML", "FuzzNginx", "FuzzLint"] {
    package.targets.append(.executableTarget(name: name, dependencies: ["EBCheck", "FuzzSupport"]))
    package.products.append(.executable(name: name, targets: [name]))
  }
}
