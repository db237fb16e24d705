// swift-tools-version:6.0
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
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CYAML",
      pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"])]
    ),
    .target(
      name: "EBCheck",
      dependencies: [
        "CYAML",
        .product(name: "Mustache", package: "swift-mustache"),
      ]
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
