import EBCheckCore
import EBCheckPython

/// A `DJANGO_SETTINGS_MODULE` value found in the repository.
public struct SettingsCandidate: Sendable, Hashable {
  public enum Source: String, Sendable, Hashable {
    case manage, wsgi, asgi
  }

  /// Dotted module name, e.g. `mysite.settings`.
  public var module: String
  public var source: Source
  /// The string literal holding the module name.
  public var location: Location

  public init(module: String, source: Source, location: Location) {
    self.module = module
    self.source = source
    self.location = location
  }
}

/// Finds `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "x.y")` (and direct assignments to
/// `os.environ["DJANGO_SETTINGS_MODULE"]`) in `manage.py`, `wsgi.py` and `asgi.py`.
public enum SettingsModuleLocator {
  public static let variable = "DJANGO_SETTINGS_MODULE"

  public static func find(files: SourceFiles) -> [SettingsCandidate] {
    var candidates: [SettingsCandidate] = []
    for file in files.all {
      let name = fileName(file.path)
      let source: SettingsCandidate.Source
      switch name {
      case "manage.py": source = .manage
      case "wsgi.py": source = .wsgi
      case "asgi.py": source = .asgi
      default: continue
      }
      let module = PythonParser.parse(file)
      visit(module.statements) { module, span in
        candidates.append(
          SettingsCandidate(
            module: module, source: source, location: Location(file: file.path, span: span)))
      }
    }
    return candidates.sorted { $0.location < $1.location }
  }

  /// The last part of a path; an ASCII path without a trailing `/` by byte (every file of
  /// every application goes through here), others by Character as before.
  package static func fileName(_ path: String) -> String {
    let utf8 = path.utf8
    guard utf8.last != UInt8(ascii: "/"), utf8.allSatisfy({ $0 < 0x80 }) else {
      return path.split(separator: "/").last.map(String.init) ?? path
    }
    guard let slash = utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
    return String(Substring(utf8[utf8.index(after: slash)...]))
  }

  package static func visit(_ statements: [PyStmt], _ found: (String, Span) -> Void) {
    for statement in statements {
      switch statement.kind {
      case .expression(let expression):
        setdefault(expression, found)
      case .assign(let targets, let value):
        for target in targets {
          if case .subscription(let base, let key) = target.kind, isEnviron(base),
            case .string(.text(variable)) = key.kind, case .string(.text(let module)) = value.kind
          {
            found(module, value.span)
          }
        }
        setdefault(value, found)
      case .ifStatement(_, let body, let orElse), .whileLoop(_, let body, let orElse):
        visit(body, found)
        visit(orElse, found)
      case .tryStatement(let body, let handlers, let orElse, let finalBody):
        visit(body, found)
        for handler in handlers { visit(handler.body, found) }
        visit(orElse, found)
        visit(finalBody, found)
      case .functionDef(let function):
        visit(function.body, found)
      case .with(_, let body, _), .forLoop(_, _, let body, _, _):
        visit(body, found)
      default:
        continue
      }
    }
  }

  package static func isEnviron(_ expression: PyExpr) -> Bool {
    switch expression.kind {
    case .attribute(let base, "environ", _):
      if case .name("os") = base.kind { return true }
      return false
    case .name("environ"):
      return true
    default:
      return false
    }
  }

  package static func setdefault(_ expression: PyExpr, _ found: (String, Span) -> Void) {
    guard case .call(let callee, let arguments) = expression.kind,
      case .attribute(let base, "setdefault", _) = callee.kind, isEnviron(base),
      arguments.count >= 2,
      case .string(.text(variable)) = arguments[0].value.kind,
      case .string(.text(let module)) = arguments[1].value.kind
    else { return }
    found(module, arguments[1].value.span)
  }
}
