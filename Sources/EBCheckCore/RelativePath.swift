/// Path arithmetic on `/`-separated strings, without touching the file system.
public enum RelativePath {
  /// `path` with `.` and empty components removed and `..` applied (never above `/` for an
  /// absolute path; kept at the front of a relative one).
  public static func normalize(_ path: String) -> String {
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
    let joined = parts.joined(separator: "/")
    if absolute { return "/" + joined }
    return joined.isEmpty ? "." : joined
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
