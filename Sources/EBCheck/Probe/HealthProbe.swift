#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Sends the load balancer health checker's request, once, over a plain TCP socket: no
/// redirect is followed, nothing else is sent.
public struct HealthProbe: Sendable {
  public static let privateAddress = "172.31.0.10"
  public static let userAgent = "ELB-HealthChecker/2.0"
  /// The Beanstalk default HealthCheckTimeout (facts.md §1).
  public static let defaultTimeout = 5.0
  public static let bodyPrefixLimit = 512
  /// Enough for the head of any sane response and the body prefix.
  static let readLimit = 64 * 1024

  public var target: ProbeTarget
  public var path: String
  public var hostHeader: String
  public var timeout: Double

  public init(
    target: ProbeTarget, path: String, hostHeader: String?, timeout: Double = defaultTimeout
  ) {
    self.target = target
    self.path = path
    // The ALB sends the target's private IP and the check port (facts.md §3).
    self.hostHeader = hostHeader ?? "\(Self.privateAddress):\(target.port)"
    self.timeout = timeout
  }

  /// The request's bytes, exactly as sent.
  public var request: [UInt8] {
    let text =
      "GET \(path) HTTP/1.1\r\nHost: \(hostHeader)\r\nUser-Agent: \(Self.userAgent)\r\n"
      + "Accept: */*\r\nConnection: close\r\n\r\n"
    return Array(text.utf8)
  }

  public func send() throws(ProbeError) -> ProbeResponse {
    let deadline = Clock.now() + timeout
    let socket = try connect(deadline: deadline)
    defer { close(socket) }
    try write(socket, request, deadline: deadline)
    let bytes = try read(socket, deadline: deadline)
    guard let response = ProbeResponse.parse(bytes, bodyLimit: Self.bodyPrefixLimit) else {
      if bytes.isEmpty {
        throw .unreachable(
          "\(target.host):\(target.port) closed the connection without answering")
      }
      throw .unreachable(
        "\(target.host):\(target.port) did not answer HTTP/1.x (is it a TLS port? the checker speaks plain HTTP)"
      )
    }
    return response
  }

  func connect(deadline: Double) throws(ProbeError) -> Int32 {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    #if canImport(Glibc)
      hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    #else
      hints.ai_socktype = SOCK_STREAM
    #endif
    var list: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(target.host, String(target.port), &hints, &list)
    guard status == 0, let first = list else {
      throw .unreachable("\(target.host): cannot resolve the host name")
    }
    defer { freeaddrinfo(list) }
    var lastError = "connection failed"
    var entry: UnsafeMutablePointer<addrinfo>? = first
    while let info = entry {
      entry = info.pointee.ai_next
      let descriptor = socket(
        info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
      guard descriptor >= 0 else { continue }
      let flags = fcntl(descriptor, F_GETFL, 0)
      _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
      let result = systemConnect(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen)
      if result == 0 { return descriptor }
      guard errno == EINPROGRESS else {
        lastError = Self.describe(errno)
        close(descriptor)
        continue
      }
      guard wait(descriptor, events: Int16(POLLOUT), deadline: deadline) else {
        close(descriptor)
        throw .unreachable(
          "\(target.host):\(target.port): no connection within \(Self.seconds(timeout)) (the checker gives up after the timeout)"
        )
      }
      var socketError: Int32 = 0
      var length = socklen_t(MemoryLayout<Int32>.size)
      getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &socketError, &length)
      if socketError == 0 { return descriptor }
      lastError = Self.describe(socketError)
      close(descriptor)
    }
    throw .unreachable("\(target.host):\(target.port): \(lastError)")
  }

  func write(_ socket: Int32, _ bytes: [UInt8], deadline: Double) throws(ProbeError) {
    var sent = 0
    while sent < bytes.count {
      guard wait(socket, events: Int16(POLLOUT), deadline: deadline) else {
        throw .unreachable("\(target.host):\(target.port): timed out sending the request")
      }
      let count = bytes[sent...].withUnsafeBytes { buffer in
        systemSend(socket, buffer.baseAddress, buffer.count)
      }
      if count < 0 {
        if errno == EAGAIN || errno == EINTR { continue }
        throw .unreachable("\(target.host):\(target.port): \(Self.describe(errno))")
      }
      sent += count
    }
  }

  /// Reads until the server closes, the head and the body prefix are in, or the deadline.
  func read(_ socket: Int32, deadline: Double) throws(ProbeError) -> [UInt8] {
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while bytes.count < Self.readLimit {
      if let head = Self.headEnd(bytes), bytes.count - head >= Self.bodyPrefixLimit { break }
      guard wait(socket, events: Int16(POLLIN), deadline: deadline) else {
        if Self.headEnd(bytes) != nil { break }
        throw .unreachable(
          "\(target.host):\(target.port): no answer within \(Self.seconds(timeout)) (the checker counts this as Target.Timeout)"
        )
      }
      let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
      if count < 0 {
        if errno == EAGAIN || errno == EINTR { continue }
        if Self.headEnd(bytes) != nil { break }
        throw .unreachable("\(target.host):\(target.port): \(Self.describe(errno))")
      }
      if count == 0 { break }
      bytes += buffer[..<count]
    }
    return bytes
  }

  static func headEnd(_ bytes: [UInt8]) -> Int? {
    guard bytes.count >= 4 else { return nil }
    for index in 0...(bytes.count - 4)
    where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13
      && bytes[index + 3] == 10
    {
      return index + 4
    }
    return nil
  }

  /// Waits for `events` until the deadline; false on timeout.
  func wait(_ socket: Int32, events: Int16, deadline: Double) -> Bool {
    while true {
      let remaining = deadline - Clock.now()
      guard remaining > 0 else { return false }
      var entry = pollfd(fd: socket, events: events, revents: 0)
      let result = poll(&entry, 1, Int32(min(remaining * 1000, 60_000)) + 1)
      if result > 0 { return true }
      if result == 0 { continue }
      if errno != EINTR { return true }
    }
  }

  static func describe(_ code: Int32) -> String {
    switch code {
    case ECONNREFUSED: "connection refused (nothing listens on that port)"
    case EHOSTUNREACH, ENETUNREACH: "host unreachable"
    case ETIMEDOUT: "connection timed out"
    default: String(cString: strerror(code))
    }
  }

  static func seconds(_ value: Double) -> String {
    value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
  }
}

/// Seconds on a monotonic clock.
enum Clock {
  static func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }
}

/// The C library's `connect` and `send`, named apart from Swift methods of the same names.
func systemConnect(_ socket: Int32, _ address: UnsafePointer<sockaddr>?, _ length: socklen_t)
  -> Int32
{
  #if canImport(Glibc)
    Glibc.connect(socket, address, length)
  #else
    Darwin.connect(socket, address, length)
  #endif
}

func systemSend(_ socket: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
  #if canImport(Glibc)
    Glibc.send(socket, bytes, count, Int32(MSG_NOSIGNAL))
  #else
    Darwin.send(socket, bytes, count, 0)
  #endif
}
