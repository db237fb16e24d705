import EBCheckCore

/// A build context's `.dockerignore`: the paths `docker build` leaves out of the context, so
/// no `COPY` or `ADD` brings them into the image. Every pattern is relative to the context
/// root (a leading `/` or `./` changes nothing; `*.md` matches only at the root, `**/`
/// crosses folders); a pattern matches a path or any folder above it, and the last pattern
/// that matches decides, so a `!` pattern can bring back a file of an excluded folder.
public struct DockerIgnore: Sendable, Hashable {
  /// The `.dockerignore` file, repository-relative; nil when the context has none.
  public var file: String?
  var patterns: [IgnorePattern]

  public static let none = DockerIgnore(file: nil, patterns: [])

  /// The `.dockerignore` at the root of the build context `context` (`""` the repository root).
  public static func of(context: String, in files: SourceFiles) -> DockerIgnore {
    let path = context.isEmpty ? ".dockerignore" : context + "/.dockerignore"
    guard let file = files[path] else { return .none }
    return read(file)
  }

  public static func read(_ file: SourceFile) -> DockerIgnore {
    var patterns: [IgnorePattern] = []
    var number = 0
    // Split on bytes: a Swift Character holds "\r\n" as one grapheme.
    for line in file.bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      number += 1
      var text = String(decoding: line, as: UTF8.self).trimmingWhitespace()
      guard !text.isEmpty, !text.hasPrefix("#") else { continue }
      let negated = text.hasPrefix("!")
      if negated { text = String(text.dropFirst()).trimmingWhitespace() }
      while text.hasPrefix("./") || text.hasPrefix("/") {
        text = String(text.dropFirst(text.hasPrefix("/") ? 1 : 2))
      }
      let cleaned = RelativePath.normalize(text)
      guard !cleaned.isEmpty, cleaned != "." else { continue }
      // Anchored at the context root, as docker matches every pattern.
      if let pattern = IgnorePattern(line: (negated ? "!/" : "/") + cleaned, line: number) {
        patterns.append(pattern)
      }
    }
    return DockerIgnore(file: file.path, patterns: patterns)
  }

  /// Whether `path` (relative to the build context) is left out of the context.
  public func excludes(_ path: String) -> Bool {
    guard !patterns.isEmpty else { return false }
    var excluded = false
    for pattern in patterns where matches(pattern, path) {
      excluded = !pattern.negated
    }
    return excluded
  }

  /// The pattern matches the path or a folder holding it.
  func matches(_ pattern: IgnorePattern, _ path: String) -> Bool {
    if pattern.matches(path, isDirectory: false) { return true }
    var folder = Substring(path)
    while let slash = folder.lastIndex(of: "/") {
      folder = folder[..<slash]
      if pattern.matches(String(folder), isDirectory: true) { return true }
    }
    return false
  }
}
