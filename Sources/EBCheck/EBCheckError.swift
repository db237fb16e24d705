import EBCheckCore

/// An error the user can act on: bad flags, unreadable paths, a bad `.ebcheck.yml`.
/// The CLI prints `message` on one line and exits with 2.
public struct UsageError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String

  public init(_ message: String) { self.message = message }

  public var description: String { message }
}
