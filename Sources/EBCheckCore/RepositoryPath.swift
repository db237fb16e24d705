/// Root-relative paths with `/` separators (`""` is the root, folders end in `/` where a
/// caller needs a prefix).
public enum RepositoryPath {
  /// `relative` resolved against the folder `base`; `.` and `..` are collapsed. nil when it
  /// leaves the root or is absolute.
  public static func join(_ base: String, _ relative: String) -> String? {
    guard !relative.hasPrefix("/") else { return nil }
    var parts = base.split(separator: "/").map(String.init)
    for part in relative.split(separator: "/", omittingEmptySubsequences: true) {
      switch part {
      case ".": continue
      case "..":
        guard !parts.isEmpty else { return nil }
        parts.removeLast()
      default: parts.append(String(part))
      }
    }
    return parts.joined(separator: "/")
  }

  /// The folder holding `path` (`""` at the root), without a trailing `/`.
  public static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    return String(path[..<slash])
  }

  /// `path` (root-relative) as seen from the folder `prefix` (`""` or ending in `/`):
  /// `infra/main.tf` from `app/` is `../infra/main.tf`.
  public static func relative(_ path: String, from prefix: String) -> String {
    if path.hasPrefix(prefix) { return String(path.dropFirst(prefix.count)) }
    let base = prefix.split(separator: "/").map(String.init)
    let target = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    var common = 0
    while common < base.count, common < target.count - 1, base[common] == target[common] {
      common += 1
    }
    let ups = Array(repeating: "..", count: base.count - common)
    return (ups + target[common...]).joined(separator: "/")
  }

  /// `prefix + path` with leading `../` components resolved against the prefix.
  public static func prefixed(_ path: String, with prefix: String) -> String {
    guard path.hasPrefix("../") else { return prefix + path }
    return join(prefix, path) ?? path
  }
}
