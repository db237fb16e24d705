import EBCheckCore
import EBCheckPython

/// The text of a URL pattern's route when the code builds it from pieces the reader can
/// fold without running anything: literals, `+`, f-strings and `'…{}…'.format(…)` over
/// module-level string constants and literal settings (`settings.SITE_URL`). Anything
/// else is nil (the pattern stays unreadable, never guessed).
package struct URLRouteText {
  package let module: PythonModule
  package let settings: [String: PyValue]
  package static let maximumDepth = 16

  package func text(_ expr: PyExpr, depth: Int = 0) -> String? {
    guard depth < Self.maximumDepth else { return nil }
    switch expr.kind {
    case .string(.text(let text)):
      return text
    case .string(.format(let parts)):
      var result = ""
      for part in parts {
        switch part {
        case .text(let text): result += text
        case .field(let inner?, _):
          guard let piece = text(inner, depth: depth + 1) else { return nil }
          result += piece
        case .field(nil, _): return nil
        }
      }
      return result
    case .binary(let left, .add, let right):
      guard let head = text(left, depth: depth + 1), let tail = text(right, depth: depth + 1)
      else { return nil }
      return head + tail
    case .name(let name):
      return PySyntax.stringConstant(name, in: module)
    case .attribute(let base, let name, _):
      guard PySyntax.dottedName(base) == "settings" else { return nil }
      return settings[name]?.stringValue
    case .call(let function, _):
      guard case .attribute(let template, "format", _) = function.kind,
        let pattern = text(template, depth: depth + 1),
        PySyntax.arguments(expr).allSatisfy({ $0.keyword == nil })
      else { return nil }
      var values: [String] = []
      for argument in PySyntax.positional(expr) {
        guard let value = text(argument, depth: depth + 1) else { return nil }
        values.append(value)
      }
      return Self.format(pattern, values)
    default:
      return nil
    }
  }

  /// `str.format` with automatic `{}` fields only (and `{{`/`}}` escapes).
  package static func format(_ pattern: String, _ values: [String]) -> String? {
    var result = ""
    var next = 0
    var characters = pattern[...]
    while let character = characters.first {
      characters = characters.dropFirst()
      if character == "{" {
        if characters.first == "{" {
          result.append("{")
          characters = characters.dropFirst()
          continue
        }
        guard characters.first == "}", next < values.count else { return nil }
        characters = characters.dropFirst()
        result += values[next]
        next += 1
      } else if character == "}" {
        guard characters.first == "}" else { return nil }
        characters = characters.dropFirst()
        result.append("}")
      } else {
        result.append(character)
      }
    }
    return result
  }
}
