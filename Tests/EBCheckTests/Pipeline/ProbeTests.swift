import EBCheck
import EBCheckCore
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A loopback server that accepts one connection, records the request and answers `reply`.
final class OneShotServer: @unchecked Sendable {
  let port: Int
  private let listener: Int32
  private let lock = NSLock()
  private var received: [UInt8] = []
  private let done = DispatchSemaphore(value: 0)

  /// A listening loopback socket and its port.
  static func listening() -> (Int32, Int) {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
    }
    listen(descriptor, 1)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
    }
    return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
  }

  /// A loopback port nothing listens on.
  static func closedPort() -> Int {
    let (descriptor, port) = listening()
    close(descriptor)
    return port
  }

  init(reply: [UInt8], delay: Double = 0) {
    (listener, port) = Self.listening()
    let listener = self.listener
    Thread.detachNewThread { [self] in
      let client = accept(listener, nil, nil)
      var buffer = [UInt8](repeating: 0, count: 4096)
      var request: [UInt8] = []
      while !request.suffix(4).elementsEqual([13, 10, 13, 10]) {
        let count = recv(client, &buffer, buffer.count, 0)
        if count <= 0 { break }
        request += buffer[..<count]
      }
      lock.lock()
      received = request
      lock.unlock()
      if delay > 0 { Thread.sleep(forTimeInterval: delay) }
      _ = reply.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
      close(client)
      done.signal()
    }
  }

  var request: String {
    _ = done.wait(timeout: .now() + 10)
    lock.lock()
    defer { lock.unlock() }
    return String(decoding: received, as: UTF8.self)
  }

  deinit { close(listener) }
}

@Suite struct ProbeTests {
  static func send(_ probe: HealthProbe) -> Result<ProbeResponse, ProbeError> {
    do { return .success(try probe.send()) } catch { return .failure(error) }
  }

  @Test func parsesURLs() throws {
    #expect(
      try ProbeTarget.parse("http://127.0.0.1:8000")
        == ProbeTarget(host: "127.0.0.1", port: 8000, path: nil))
    #expect(
      try ProbeTarget.parse("http://localhost/health/?x=1")
        == ProbeTarget(host: "localhost", port: 80, path: "/health/?x=1"))
    #expect(
      try ProbeTarget.parse("127.0.0.1:81") == ProbeTarget(host: "127.0.0.1", port: 81, path: nil))
    #expect(
      try ProbeTarget.parse("http://[::1]:8080/ping")
        == ProbeTarget(host: "::1", port: 8080, path: "/ping"))
    #expect(throws: ProbeError.self) { try ProbeTarget.parse("https://example.com") }
    #expect(throws: ProbeError.self) { try ProbeTarget.parse("ftp://example.com") }
    #expect(throws: ProbeError.self) { try ProbeTarget.parse("http://host:99999") }
    #expect(throws: ProbeError.self) { try ProbeTarget.parse("http://user@host") }
    do {
      _ = try ProbeTarget.parse("https://x")
    } catch {
      #expect(error.description.contains("plain HTTP"))
    }
  }

  @Test func parsesResponses() throws {
    let bytes = Array(
      "HTTP/1.1 301 Moved Permanently\r\nLocation: /health/\r\nContent-Length: 0\r\n\r\n".utf8)
    let response = try #require(ProbeResponse.parse(bytes, bodyLimit: 10))
    #expect(response.status == 301)
    #expect(response.location == "/health/")
    #expect(ProbeResponse.parse(Array("SSH-2.0-OpenSSH\r\n\r\n".utf8), bodyLimit: 10) == nil)
    let long =
      Array("HTTP/1.0 200 OK\r\n\r\n".utf8) + Array(repeating: UInt8(ascii: "a"), count: 2000)
    #expect(ProbeResponse.parse(long, bodyLimit: 512)?.bodyPrefix.count == 512)
  }

  @Test func sendsExactlyTheCheckersRequest() throws {
    let server = OneShotServer(
      reply: Array(
        "HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\n\r\n<h1>Bad Request (400)</h1>".utf8
      ))
    let probe = HealthProbe(
      target: ProbeTarget(host: "127.0.0.1", port: server.port, path: nil), path: "/health/",
      hostHeader: nil)
    let response = try probe.send()
    #expect(response.status == 400)
    #expect(String(decoding: response.bodyPrefix, as: UTF8.self) == "<h1>Bad Request (400)</h1>")
    let request = server.request
    #expect(request.hasPrefix("GET /health/ HTTP/1.1\r\n"))
    #expect(request.contains("\r\nHost: 172.31.0.10:\(server.port)\r\n"))
    #expect(request.contains("\r\nUser-Agent: ELB-HealthChecker/2.0\r\n"))
    #expect(!request.lowercased().contains("x-forwarded"))
    let report = ProbeReport(
      probe: probe, result: .success(response), matcher: "200", matcherOrigin: "default",
      prediction: nil)
    #expect(report.outcome == .unhealthy)
    #expect(report.outcome.exitCode == 1)
    let wide = ProbeReport(
      probe: probe, result: .success(response), matcher: "200-499", matcherOrigin: "x",
      prediction: nil)
    #expect(wide.outcome == .healthy)
  }

  @Test func aRedirectIsNotFollowed() throws {
    let server = OneShotServer(
      reply: Array("HTTP/1.1 301 Moved Permanently\r\nLocation: https://x/\r\n\r\n".utf8))
    let probe = HealthProbe(
      target: ProbeTarget(host: "127.0.0.1", port: server.port, path: nil), path: "/",
      hostHeader: "example.com")
    let report = ProbeReport(
      probe: probe, result: Self.send(probe),
      matcher: "200", matcherOrigin: "default", prediction: nil)
    #expect(report.response?.status == 301)
    #expect(report.text.contains("location: https://x/"))
    #expect(server.request.contains("Host: example.com\r\n"))
  }

  @Test func refusedAndSilentServersAreUnreachable() throws {
    let refused = HealthProbe(
      target: ProbeTarget(host: "127.0.0.1", port: OneShotServer.closedPort(), path: nil),
      path: "/", hostHeader: nil, timeout: 2)
    do {
      _ = try refused.send()
      Issue.record("a closed port should refuse")
    } catch {
      #expect(error.description.contains("connection refused"))
    }
    let silent = OneShotServer(reply: Array("HTTP/1.1 200 OK\r\n\r\n".utf8), delay: 3)
    let slow = HealthProbe(
      target: ProbeTarget(host: "127.0.0.1", port: silent.port, path: nil), path: "/",
      hostHeader: nil, timeout: 0.5)
    do {
      _ = try slow.send()
      Issue.record("a silent server should time out")
    } catch {
      #expect(error.description.contains("no answer within"))
    }
  }
}
