/// Path arithmetic on `/`-separated strings, without touching the file system.
public enum RelativePath {
  /// `path` with `.` and empty components removed and `..` applied (never above `/` for an
  /// absolute path; kept at the front of a relative one).
  public static func normalize(_ path: String) -> String {
    if isNormalASCII(path) { return path }
    let absolute = path.hasPrefix("/")
    var parts: [Substring] = []
    for part in path.split(separator: "/") {
      switch part {
      case ".": continue
      case "..":
        if let last = parts.last, last != ".." {
          parts.removeLast()
        } else if !absolute {
          parts.append(part)
        }
      default: parts.append(part)
      }
    }
    let joined = parts.joinedBySeparator("/")
    if absolute { return "/" + joined }
    return joined.isEmpty ? "." : joined
  }

  /// An ASCII path `normalize` returns unchanged: not empty, no empty part (`//`, a trailing
  /// `/`) but a leading `/` alone, no `.` or `..` part. Checked by byte, without splitting.
  private static func isNormalASCII(_ path: String) -> Bool {
    let slash = UInt8(ascii: "/")
    let dot = UInt8(ascii: ".")
    var utf8 = path.utf8[...]
    if utf8.first == slash {
      utf8 = utf8.dropFirst()
      if utf8.isEmpty { return true }
    }
    guard !utf8.isEmpty else { return false }
    var partLength = 0
    var dots = 0
    for byte in utf8 {
      guard byte < 0x80 else { return false }
      if byte == slash {
        guard partLength > 0, dots != partLength || dots > 2 else { return false }
        partLength = 0
        dots = 0
      } else {
        partLength += 1
        if byte == dot { dots += 1 }
      }
    }
    return partLength > 0 && (dots != partLength || dots > 2)
  }

  /// `relative` appended to the folder `base`; an absolute `relative` stands alone.
  public static func join(_ base: String, _ relative: String) -> String {
    if relative.hasPrefix("/") { return normalize(relative) }
    return normalize(base + "/" + relative)
  }

  /// The path of `target` as seen from the folder `base` (both absolute): `mysite/settings.py`,
  /// `.` for the folder itself, `../other/x.py` for a file beside it.
  public static func from(_ base: String, to target: String) -> String {
    let baseParts = normalize(base).split(separator: "/")
    let targetParts = normalize(target).split(separator: "/")
    var shared = 0
    while shared < baseParts.count, shared < targetParts.count,
      baseParts[shared] == targetParts[shared]
    {
      shared += 1
    }
    let ups = Array(repeating: Substring(".."), count: baseParts.count - shared)
    let parts = ups + targetParts[shared...]
    return parts.isEmpty ? "." : parts.joined(separator: "/")
  }

  /// Whether the absolute `path` is `folder` or lies inside it.
  public static func isInside(_ path: String, _ folder: String) -> Bool {
    let path = normalize(path)
    let folder = normalize(folder)
    if folder == "/" { return true }
    return path == folder || path.hasPrefix(folder + "/")
  }
}
