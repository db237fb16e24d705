import EBCheckCore
import EBCheckFormats
import Foundation
import Testing

/// Every `Fixtures/httpd` conf the reader accepts, the real `apache2 -t` accepts, and vice
/// versa; a refusal is reported on the line httpd names.
@Suite struct HttpdDifferentialTests {
  static let fixtures = TestPaths.repository.appendingPathComponent("Fixtures/httpd").path

  static let apache = ["/usr/sbin/apache2", "/usr/sbin/httpd"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  static let modules = ["mpm_event", "authz_core", "rewrite", "headers", "setenvif"]

  /// `apache2 -t` on a main file including the fixture: nil when it accepts, else the line
  /// of the fixture it names.
  static func apacheRefusal(_ path: String) throws -> Int?? {
    let apache = try #require(Self.apache)
    let temp = NSTemporaryDirectory() + "ebcheck-httpd-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: temp) }
    let folder = URL(fileURLWithPath: apache).deletingLastPathComponent()
      .deletingLastPathComponent()
      .appendingPathComponent("lib/apache2/modules").path
    let loads = modules.map { "LoadModule \($0)_module \(folder)/mod_\($0).so" }
    let main =
      [
        "ServerRoot \"\(temp)\"", "PidFile \"\(temp)/httpd.pid\"", "DefaultRuntimeDir \"\(temp)\"",
        "ErrorLog \"\(temp)/error_log\"", "ServerName localhost",
      ] + loads + ["Listen 127.0.0.1:18081", "Include \"\(path)\"", ""]
    let config = temp + "/main.conf"
    try main.joined(separator: "\n").write(toFile: config, atomically: false, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: apache)
    process.arguments = ["-t", "-f", config]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus != 0 else { return .none }
    let marker = "Syntax error on line "
    let named = output.components(separatedBy: marker).dropFirst().first {
      $0.contains(" of \(path):")
    }
    return .some(named.flatMap { Int($0.prefix { $0.isNumber }) })
  }

  @Test func readerAgreesWithApache() throws {
    guard Self.apache != nil else { return }
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: Self.fixtures)) ?? [])
      .filter { $0.hasSuffix(".conf") }.sorted()
    #expect(names.count >= 8)
    for name in names {
      let path = Self.fixtures + "/" + name
      let file = SourceFile(path: name, text: try String(contentsOfFile: path, encoding: .utf8))
      let diagnostics = HttpdParser.parse(bytes: file.bytes, path: name).diagnostics
      let ours = diagnostics.first.map { file.location(of: $0.location.span.start).line }
      let theirs = try Self.apacheRefusal(path)
      #expect(
        (ours == nil) == (theirs == .none),
        "\(name): ebcheck \(ours == nil ? "accepts" : "rejects")")
      if let ours, case .some(let line) = theirs {
        #expect(
          ours == line,
          "\(name): ebcheck reports line \(ours), apache2 line \(line.map(String.init) ?? "?")")
      }
      #expect((ours == nil) == !name.hasPrefix("bad-"), "\(name)")
    }
  }
}
