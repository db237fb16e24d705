import EBCheck
import EBCheckCore
import EBCheckFormats
import EBCheckModel
import Foundation
import Testing

/// Every fixture conf the tokenizer accepts, the real `nginx -t` accepts, and vice versa.
@Suite struct NginxDifferentialTests {
  static let fixtures = TestPaths.repository.appendingPathComponent("Fixtures/nginx").path

  static let nginx = ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  static var names: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: fixtures)) ?? [])
      .filter { $0.hasSuffix(".conf") }.sorted()
  }

  /// Runs `nginx -t` on the fixture wrapped in the context it lives in on Beanstalk.
  static func nginxAccepts(_ path: String, name: String) throws -> Bool {
    let nginx = try #require(Self.nginx)
    let temp = NSTemporaryDirectory() + "ebcheck-nginx-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: temp) }
    var config = path
    if !name.hasPrefix("main-") {
      let body =
        name.hasPrefix("http-")
        ? "include \(path);"
        : "server { listen 127.0.0.1:18080; include \(path); }"
      config = temp + "/nginx.conf"
      try "pid \(temp)/nginx.pid;\nerror_log \(temp)/error.log;\nevents {}\nhttp { \(body) }\n"
        .write(toFile: config, atomically: false, encoding: .utf8)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: nginx)
    process.arguments = ["-t", "-q", "-e", "stderr", "-p", temp, "-c", config]
    process.standardError = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus == 0
  }

  @Test func tokenizerAgreesWithNginx() throws {
    guard Self.nginx != nil else { return }
    let names = Self.names
    #expect(names.count >= 10)
    for name in names {
      let path = Self.fixtures + "/" + name
      let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
      let ours = NginxParser.parse(bytes: bytes, path: name).diagnostics.isEmpty
      let theirs = try Self.nginxAccepts(path, name: name)
      #expect(
        ours == theirs,
        "\(name): ebcheck \(ours ? "accepts" : "rejects"), nginx \(theirs ? "accepts" : "rejects")")
      #expect(ours == !name.hasPrefix("bad-"), "\(name)")
    }
  }

  /// Files that parse but whose place decides: `Fixtures/nginx/context/http-*.conf` as
  /// `.platform/nginx/conf.d/` files (included in `http {}`), through the whole loader.
  @Test func loaderAgreesWithNginxOnWhereDirectivesMayStand() throws {
    guard Self.nginx != nil else { return }
    let folder = Self.fixtures + "/context"
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
      .filter { $0.hasSuffix(".conf") }.sorted()
    #expect(names.count >= 2)
    for name in names {
      let path = folder + "/" + name
      let text = try String(contentsOfFile: path, encoding: .utf8)
      let files = SourceFiles([SourceFile(path: ".platform/nginx/conf.d/" + name, text: text)])
      let ours = NginxConfiguration.load(from: files).diagnostics.isEmpty
      let theirs = try Self.nginxAccepts(path, name: name)
      #expect(
        ours == theirs,
        "\(name): ebcheck \(ours ? "accepts" : "rejects"), nginx \(theirs ? "accepts" : "rejects")")
    }
  }

  @Test func crlfCopiesAgreeToo() throws {
    guard Self.nginx != nil else { return }
    for name in Self.names {
      let text = try String(contentsOfFile: Self.fixtures + "/" + name, encoding: .utf8)
      let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
      let temp = NSTemporaryDirectory() + "ebcheck-crlf-\(UUID().uuidString)-" + name
      try crlf.write(toFile: temp, atomically: false, encoding: .utf8)
      defer { try? FileManager.default.removeItem(atPath: temp) }
      let ours = NginxParser.parse(bytes: Array(crlf.utf8), path: name).diagnostics.isEmpty
      #expect(ours == (try Self.nginxAccepts(temp, name: name)), "\(name) with CRLF")
    }
  }
}
