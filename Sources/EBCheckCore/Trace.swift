/// One step the health-check request takes, with where it was decided.
public struct TraceHop: Hashable, Sendable {
  /// Short name of the hop, e.g. `nginx`, `CommonMiddleware`, `matcher`.
  public var step: String
  /// What happened at this hop, e.g. `get_host() → 400 DisallowedHost`.
  public var detail: String
  public var location: Location?

  public init(step: String, detail: String, location: Location? = nil) {
    self.step = step
    self.detail = detail
    self.location = location
  }
}

public struct Trace: Hashable, Sendable {
  public var hops: [TraceHop]

  public init(_ hops: [TraceHop] = []) { self.hops = hops }

  public mutating func append(_ step: String, _ detail: String, at location: Location? = nil) {
    hops.append(TraceHop(step: step, detail: detail, location: location))
  }
}
