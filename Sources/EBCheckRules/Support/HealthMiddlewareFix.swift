import EBCheckCore
import EBCheckGenerate
import EBCheckModel
import EBCheckSimulation

/// The preferred fix for a health check Django refuses (HC001, HC004, HC005): a small
/// middleware placed first in `MIDDLEWARE` that answers only the health path, plus the
/// health-check path option pointing at it when the repo does not set one.
package struct HealthMiddlewareFix {
  package let context: LintContext

  package func make(for prediction: HealthCheckPrediction) -> Fix? {
    let environment = context.environment(of: prediction)
    guard let app = environment.django, let site = app.middlewareSite,
      let settings = context.files[app.settingsFile]
    else { return nil }
    let newline = settings.lineEnding
    let package = packageFolder(app)
    var modulePath = package.isEmpty ? "health.py" : package + "/health.py"
    if context.files[modulePath] != nil {
      modulePath = package.isEmpty ? "ebcheck_health.py" : package + "/ebcheck_health.py"
    }
    let dotted = String(modulePath.dropLast(3)).split(separator: "/").joined(separator: ".")
    let configured = prediction.check?.path
    let path: String
    var edits: [Edit] = []
    if let configured, configured.location != nil, configured.value != "/" {
      path = configured.value
    } else {
      path = HealthMiddleware.defaultPath
      let pathEdits = healthPathEdits(environment, prediction, path: path, newline: newline)
      // The path is computed in infrastructure code: nothing to point at the middleware.
      guard !pathEdits.isEmpty else { return nil }
      edits += pathEdits
    }
    let generated = Generators.middleware(path: path, module: dotted)
    edits.append(.create(modulePath, contents: generated.source.withLineEndings(newline)))
    edits.append(site.insertFirst(generated.entry))
    return Fix(
      title: "answer \(path) from a middleware placed first in MIDDLEWARE (\(modulePath))",
      applicability: .safe, edits: edits)
  }

  /// The folder of the project's top package: `mysite` for `mysite/settings.py`.
  package func packageFolder(_ app: DjangoApp) -> String {
    var components = app.settingsFile.split(separator: "/").map(String.init)
    if components.last == "__init__.py" { components.removeLast() }
    let moduleDepth = max(1, app.settingsModule.split(separator: ".").count)
    let prefix = components.dropLast(min(moduleDepth, components.count))
    if moduleDepth >= 2, components.count >= moduleDepth {
      return (prefix + [components[prefix.count]]).joined(separator: "/")
    }
    return prefix.joined(separator: "/")
  }

  /// Points the health check at `path`: edits the option that sets `/`, or adds a config file.
  package func healthPathEdits(
    _ environment: Environment, _ prediction: HealthCheckPrediction, path: String, newline: String
  ) -> [Edit] {
    if let location = prediction.check?.path.location {
      return OptionEdits.valueEdit(at: location, to: path, files: context.files).map { [$0] } ?? []
    }
    let (namespace, option) =
      environment.loadBalancer.value == .classic
      ? ("aws:elasticbeanstalk:application", "Application Healthcheck URL")
      : ("aws:elasticbeanstalk:environment:process:\(prediction.process)", "HealthCheckPath")
    return OptionEdits.set(
      namespace, option, to: path, context: context,
      configuration: context.configuration(of: environment), fileName: "health-check.config",
      newline: newline)
  }
}
