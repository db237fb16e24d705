#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What is derived from a file's bytes alone (a Python file's syntax tree), made once for
/// all the files of one run that hold the same bytes: a monorepo's services often carry
/// identical modules. Files read by discovery with equal bytes share one of these
/// (`SharedContent.share`); a file made any other way has none and derives everything itself.
/// A value stored here must depend on the bytes only — never on the file's path or kind.
public final class SharedContent: @unchecked Sendable {
  private let lock = PosixLock()
  private var values: [ObjectIdentifier: any Sendable] = [:]

  public init() {}

  /// The value of type `Value` derived from the shared bytes, made by `make` the first time.
  /// Two threads asking at once may both make it; either answer is the same by contract.
  public func derived<Value: Sendable>(_ type: Value.Type, _ make: () -> Value) -> Value {
    let key = ObjectIdentifier(type)
    if let value = lock.withLock({ values[key] }) as? Value { return value }
    let value = make()
    lock.withLock { values[key] = value }
    return value
  }

  /// `files` with one `SharedContent` for each group of files of `kind` whose bytes are
  /// equal (a file alone in its group shares nothing); the other files as they were.
  public static func share(_ files: [SourceFile], kind: FileKind) -> [SourceFile] {
    var groups: [ContentKey: Int] = [:]
    var firsts: [Int: SharedContent] = [:]
    var result = files
    for (position, file) in files.enumerated() where file.kind == kind {
      let key = ContentKey(bytes: file.bytes)
      guard let first = groups[key] else {
        groups[key] = position
        continue
      }
      let shared = firsts[first] ?? SharedContent()
      if firsts[first] == nil {
        firsts[first] = shared
        result[first] = files[first].sharing(shared)
      }
      result[position] = file.sharing(shared)
    }
    return result
  }

  /// File contents as a dictionary key, hashed as one block of bytes.
  private struct ContentKey: Hashable {
    var bytes: [UInt8]

    func hash(into hasher: inout Hasher) {
      bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
  }
}

/// A pthread mutex, to avoid Foundation in the library's hot path.
package final class PosixLock: @unchecked Sendable {
  private var mutex = pthread_mutex_t()
  package init() { pthread_mutex_init(&mutex, nil) }
  deinit { pthread_mutex_destroy(&mutex) }
  package func withLock<T>(_ body: () -> T) -> T {
    pthread_mutex_lock(&mutex)
    defer { pthread_mutex_unlock(&mutex) }
    return body()
  }
}
