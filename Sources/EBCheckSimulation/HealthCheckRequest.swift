import EBCheckCore

/// The request the load balancer's health checker sends (docs/facts.md §3).
public struct HealthCheckRequest: Sendable, Hashable {
  /// Stands for the instance's private IP, which ebcheck cannot know; shown as such in traces.
  public static let instanceHost = "172.31.x.x"
  public static let userAgent = "ELB-HealthChecker/2.0"

  public var method = "GET"
  public var path: String
  public var port: Int

  public init(path: String, port: Int) {
    self.path = path
    self.port = port
  }

  /// `Host: <instance private IP>:<port>` as the ALB sends it.
  public var hostHeader: String { "\(Self.instanceHost):\(port)" }

  /// The path without its query string.
  public var pathOnly: String { String(path.split(separator: "?", maxSplits: 1).first ?? "") }
}
