import EBCheckCore
import EBCheckFormats

/// A value the console may give `WSGIPath` where no repository file sets it and Beanstalk's
/// default module is not in the repository: one of the repository's own WSGI modules, with
/// the environment as it is when the console names it.
public struct ConsoleWSGIPath: Sendable {
  /// The option's value as the console would hold it (`portal.wsgi:application`, or the
  /// file path `portal/wsgi.py` under mod_wsgi).
  public var value: String
  /// The repository file that exposes `application`.
  public var file: String
  /// The environment with `WSGIPath` set to `value`.
  public var environment: Environment
}

extension EnvironmentBuilder {
  /// At most this many of the repository's WSGI modules are tried as console values.
  package static let consoleWSGIPathLimit = 3

  /// Where the app server loads Beanstalk's default module, which is not in the repository,
  /// and nothing (no option setting, no Procfile) names another: each repository WSGI module
  /// the console could name, with the environment it gives.
  package func consoleWSGIPaths(
    _ environment: Environment, wsgiPath: EffectiveOption, procfileIsDefault: Bool
  ) -> [ConsoleWSGIPath] {
    let server = environment.appServer
    guard consoleWSGIPath == nil, server.moduleMissing, server.moduleFoundOnlyAt == nil,
      wsgiPath.isDefault, procfileIsDefault, environment.platform.runtime.value == .python
    else { return [] }
    var arms: [ConsoleWSGIPath] = []
    for file in Self.wsgiModuleFiles(files).prefix(Self.consoleWSGIPathLimit) {
      let module = String(file.dropLast(3)).split(separator: "/").joined(separator: ".")
      let value = environment.platform.isModWSGI ? file : module + ":application"
      var arm = self
      arm.consoleWSGIPath = value
      let built = arm.build()
      guard !built.appServer.moduleMissing else { continue }
      arms.append(ConsoleWSGIPath(value: value, file: file, environment: built))
    }
    return arms
  }

  /// The repository's `wsgi.py` files that define `application`, importable from the bundle
  /// root (every folder on the way a Python identifier), shallowest first.
  package static func wsgiModuleFiles(_ files: SourceFiles) -> [String] {
    files.paths.filter { path in
      guard path == "wsgi.py" || path.hasSuffix("/wsgi.py") else { return false }
      let parts = path.dropLast(3).split(separator: "/")
      guard parts.allSatisfy(Self.isIdentifier), let text = files[path]?.text else { return false }
      return definesApplication(text)
    }.sorted { ($0.count, $0) < ($1.count, $1) }
  }

  private static func isIdentifier(_ part: Substring) -> Bool {
    guard let first = part.unicodeScalars.first, first == "_" || first.properties.isAlphabetic
    else { return false }
    return part.unicodeScalars.allSatisfy {
      $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)
    }
  }

  /// A line that binds the name `application` at the module's top level.
  private static func definesApplication(_ text: String) -> Bool {
    text.split(whereSeparator: \.isNewline).contains { line in
      let trimmed = line.trimmingWhitespace()
      guard line.first.map({ $0 != " " && $0 != "\t" }) ?? false else { return false }
      if trimmed.hasPrefix("def application(") { return true }
      if trimmed.hasPrefix("application") {
        let rest = trimmed.dropFirst("application".count).drop { $0 == " " || $0 == "\t" }
        return rest.first == "=" && rest.dropFirst().first != "="
          || rest.first == ":"
      }
      guard trimmed.hasPrefix("from ") || trimmed.hasPrefix("import ") else { return false }
      return trimmed.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" })
        .contains("application")
    }
  }
}
