import EBCheckCore

/// One entry of `urlpatterns`, read once from the source.
package indirect enum URLPatternNode: Sendable {
  case route(RouteMatcher, URLTarget, Location)
  /// An entry ebcheck cannot read (a computed list, a helper call).
  case opaque(Unverifiable)
}

package enum RouteMatcher: Sendable {
  /// `path('health/<int:id>/', ...)`
  case route(String)
  /// `re_path(r'^health/$', ...)` or `url(...)`.
  case regex(String)
  /// `i18n_patterns(...)`: a language-code prefix such as `ko/` or `en-us/`.
  case languagePrefix

  /// The regex Django compiles for the pattern; `endpoint` anchors the end.
  package func regexSource(endpoint: Bool) -> String {
    switch self {
    case .regex(let source):
      return source
    case .languagePrefix:
      return "^[a-z]{2,3}(-[a-z0-9]{2,8})?/"
    case .route(let route):
      var regex = "^"
      var rest = Substring(route)
      while let open = rest.firstIndex(of: "<") {
        regex += Self.escape(rest[..<open])
        guard let close = rest[open...].firstIndex(of: ">") else {
          regex += Self.escape(rest[open...])
          rest = ""
          break
        }
        let parameter = rest[rest.index(after: open)..<close]
        let converter = parameter.contains(":") ? String(parameter.split(separator: ":")[0]) : "str"
        regex += "(" + Self.converterRegex(converter) + ")"
        rest = rest[rest.index(after: close)...]
      }
      regex += Self.escape(rest)
      return endpoint ? regex + "\\z" : regex
    }
  }

  package static func converterRegex(_ name: String) -> String {
    switch name {
    case "int": "[0-9]+"
    case "slug": "[-a-zA-Z0-9_]+"
    case "uuid": "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    case "path": ".+"
    default: "[^/]+"
    }
  }

  package static func escape(_ text: Substring) -> String {
    var escaped = ""
    for character in text {
      if "\\^$.|?*+()[]{}".contains(character) { escaped.append("\\") }
      escaped.append(character)
    }
    return escaped
  }

  /// The pattern as plain ASCII text matched from the start of the path, and whether it must
  /// match the whole path; nil when only the regex engine can say (converters, regex
  /// operators, `$` outside the endpoint, characters outside ASCII).
  package func literal(endpoint: Bool) -> (String, whole: Bool)? {
    let text: Substring
    var whole = false
    switch self {
    case .languagePrefix:
      return nil
    case .route(let route):
      text = Substring(route)
      whole = endpoint
      guard !text.utf8.contains(UInt8(ascii: "<")) else { return nil }
    case .regex(let source):
      guard source.utf8.first == UInt8(ascii: "^") else { return nil }
      var body = source.dropFirst()
      if endpoint, body.utf8.last == UInt8(ascii: "$") {
        body = body.dropLast()
        whole = true
      }
      let operators = "\\^$.|?*+()[]{}#".utf8
      guard !body.utf8.contains(where: { operators.contains($0) }) else { return nil }
      text = body
    }
    // Printable ASCII only: each byte is one Character, here and in the regex.
    guard text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
    return (String(text), whole)
  }

  package enum Match: Equatable {
    case matched(rest: String)
    case noMatch
    /// The pattern is not a regex ebcheck can run.
    case unreadable
  }

  package func match(_ path: String, endpoint: Bool) -> Match {
    if let (literal, whole) = literal(endpoint: endpoint) {
      // What the regex would do for a pattern of plain characters, without compiling it
      // (the health checks of a monorepo resolve thousands of paths): Character by
      // Character from the start, as the regex engine compares.
      guard path.starts(with: literal) else { return .noMatch }
      let rest = String(path.dropFirst(literal.count))
      return whole && !rest.isEmpty ? .noMatch : .matched(rest: rest)
    }
    return regexMatch(path, endpoint: endpoint)
  }

  /// The match the regex Django compiles for the pattern finds.
  package func regexMatch(_ path: String, endpoint: Bool) -> Match {
    var source = regexSource(endpoint: endpoint)
    if case .regex = self, endpoint, source.hasSuffix("$"), !source.hasSuffix("\\$") {
      source = String(source.dropLast()) + "\\z"
    }
    guard RegexSafety.isSafe(source), let regex = try? Regex(source) else { return .unreadable }
    do {
      guard let found = try regex.firstMatch(in: path) else { return .noMatch }
      if case .regex = self {} else if found.range.lowerBound != path.startIndex { return .noMatch }
      return .matched(rest: String(path[found.range.upperBound...]))
    } catch {
      return .unreadable
    }
  }
}

package enum URLTarget: Sendable {
  case view(ResolvedView)
  case include([URLPatternNode])
  case unknown(Unverifiable)
}

/// Resolves paths against `urlpatterns` read statically from the URLconf modules.
public struct StaticURLResolver: URLResolver {
  package let patterns: [URLPatternNode]
  package let urlconf: Location?

  /// Whether some patterns sit under `i18n_patterns` (LocaleMiddleware then redirects).
  public var usesLanguagePrefix: Bool {
    patterns.contains {
      if case .route(.languagePrefix, _, _) = $0 { return true }
      return false
    }
  }

  public func resolve(_ path: String) -> URLResolution {
    resolve(path, in: patterns)
  }

  package func resolve(_ path: String, in patterns: [URLPatternNode]) -> URLResolution {
    for node in patterns {
      switch node {
      case .opaque(let why):
        return .unknown(why)
      case .route(let matcher, let target, let location):
        let endpoint: Bool
        if case .view = target { endpoint = true } else { endpoint = false }
        let rest: String
        switch matcher.match(path, endpoint: endpoint) {
        case .unreadable:
          return .unknown(Unverifiable("cannot run the URL pattern's regex", at: location))
        case .noMatch:
          continue
        case .matched(let remaining):
          rest = remaining
        }
        switch target {
        case .view(let view):
          return .view(view)
        case .include(let children):
          let inner = resolve(rest, in: children)
          if case .notFound = inner { continue }
          return inner
        case .unknown(let why):
          return .unknown(why)
        }
      }
    }
    return .notFound(urlconf: urlconf)
  }
}
