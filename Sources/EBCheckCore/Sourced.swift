/// A value with where it came from: a line of the repository, or a stated default.
public struct Sourced<Value: Sendable & Hashable>: Sendable, Hashable {
  public var value: Value
  public var location: Location?
  /// How the value was chosen when there is no location, e.g. `Beanstalk default`.
  public var origin: String

  public init(_ value: Value, at location: Location? = nil, origin: String = "") {
    self.value = value
    self.location = location
    self.origin = origin
  }

  public static func defaulted(_ value: Value, _ why: String) -> Sourced {
    Sourced(value, at: nil, origin: why)
  }

  public var isDefault: Bool { location == nil }
}

/// A fact ebcheck could not establish, and what the user can supply to establish it.
public struct Unverifiable: Sendable, Hashable {
  public var reason: String
  /// Environment variables whose values would settle it.
  public var variables: [String]
  public var location: Location?

  public init(_ reason: String, variables: [String] = [], at location: Location? = nil) {
    self.reason = reason
    self.variables = variables
    self.location = location
  }
}

/// Known with a source, or unverifiable with a reason.
public enum Fact<Value: Sendable & Hashable>: Sendable, Hashable {
  case known(Sourced<Value>)
  case unknown(Unverifiable)

  public var value: Value? {
    if case .known(let sourced) = self { return sourced.value }
    return nil
  }

  public var location: Location? {
    switch self {
    case .known(let sourced): sourced.location
    case .unknown(let why): why.location
    }
  }

  public static func defaulted(_ value: Value, _ why: String) -> Fact {
    .known(.defaulted(value, why))
  }
}
