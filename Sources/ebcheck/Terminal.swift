import ArgumentParser
import EBCheck
import EBCheckCore
import EBCheckReport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension ReportFormat: ExpressibleByArgument {}

enum Terminal {
  /// Colors only on a terminal, and never when `NO_COLOR` is set (https://no-color.org).
  static var supportsColor: Bool {
    isatty(1) == 1 && getenv("NO_COLOR") == nil
  }

  static func absolutePath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(
      decoding: UnsafeRawBufferPointer(start: resolved, count: strlen(resolved)), as: UTF8.self)
  }
}
