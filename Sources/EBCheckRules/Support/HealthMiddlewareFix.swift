import EBCheckCore
import EBCheckGenerate
import EBCheckModel
import EBCheckSimulation

/// The preferred fix for a health check Django refuses (HC001, HC004, HC005, ...): a small
/// middleware placed first in `MIDDLEWARE` that answers only the health path, plus the
/// health-check path option pointing at it when the repository does not set one.
///
/// It takes nothing that is yours: the module gets a name no file, folder or `MIDDLEWARE`
/// entry uses (an existing file is never replaced), and the responder answers only a path
/// nothing else serves (see `HealthPathChoice`).
package struct HealthMiddlewareFix {
  package let context: LintContext

  /// Module names tried in turn, in the project's package.
  package static let moduleNames = ["ebcheck_health"] + (2...9).map { "ebcheck_health_\($0)" }

  package func make(for prediction: HealthCheckPrediction) -> Fix? {
    let environment = context.environment(of: prediction)
    guard let app = environment.django, let site = app.middlewareSite,
      let settings = context.files[app.settingsFile]
    else { return nil }
    let configuredPath = prediction.check?.path
    let explicit = configuredPath?.location != nil ? configuredPath?.value : nil
    guard
      let choice = HealthPathChoice.choose(
        configured: explicit ?? configuredPath?.value, app: app, environment: environment,
        port: prediction.port),
      let (modulePath, dotted) = freeModule(app)
    else { return nil }
    let newline = settings.lineEnding
    var edits: [Edit] = []
    if choice.path != explicit {
      let pathEdits =
        prediction.check.map {
          OptionEdits.setHealthPath(
            of: $0, to: choice.path, context: context,
            configuration: context.configuration(of: environment), newline: newline)
        } ?? []
      // The path is computed in infrastructure code: nothing to point at the middleware.
      guard !pathEdits.isEmpty else { return nil }
      edits += pathEdits
    }
    let generated = Generators.middleware(path: choice.path, module: dotted)
    edits.append(.create(modulePath, contents: generated.source.withLineEndings(newline)))
    edits.append(site.insertFirst(generated.entry))
    var title = "answer \(choice.path) from a middleware placed first in MIDDLEWARE (\(dotted))"
    var notes: [String] = []
    if let moved = choice.movedFrom {
      title =
        "move the health check from \(moved.path) to \(choice.path), answered by a middleware placed first in MIDDLEWARE (\(dotted))"
      notes.append("\(moved.path) is not free: \(moved.servedBy)")
    }
    if let shadowed = choice.shadows {
      notes.append("it shadows the view \(shadowed), which the URLconf routes \(choice.path) to")
    }
    return Fix(
      title: title, applicability: .safe, edits: edits,
      reason: notes.isEmpty ? nil : notes.joined(separator: "; "))
  }

  /// The first module name free in the project's package: no file or folder of that name
  /// (read or not: ignored and undeployed files count) and no `MIDDLEWARE` entry using it.
  package func freeModule(_ app: DjangoApp) -> (path: String, dotted: String)? {
    let package = packageFolder(app)
    let entries = app.middleware.value?.map(\.path) ?? []
    for name in Self.moduleNames {
      let path = package.isEmpty ? name + ".py" : package + "/" + name + ".py"
      let dotted = String(path.dropLast(3)).split(separator: "/").map(String.init)
        .joinedBySeparator(".")
      guard !context.files.isOccupied(path),
        !entries.contains(where: { $0 == dotted || $0.hasPrefix(dotted + ".") })
      else { continue }
      return (path, dotted)
    }
    return nil
  }

  /// The folder of the project's top package: `mysite` for `mysite/settings.py`.
  package func packageFolder(_ app: DjangoApp) -> String {
    var components = app.settingsFile.split(separator: "/").map(String.init)
    if components.last == "__init__.py" { components.removeLast() }
    let moduleDepth = max(1, app.settingsModule.split(separator: ".").count)
    let prefix = components.dropLast(min(moduleDepth, components.count))
    if moduleDepth >= 2, components.count >= moduleDepth {
      return (Array(prefix) + [components[prefix.count]]).joinedBySeparator("/")
    }
    return Array(prefix).joinedBySeparator("/")
  }
}
