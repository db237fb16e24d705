import EBCheckCore
import EBCheckPython

/// What the settings tell the views' code: where templates are found, where login redirects
/// go, DRF's defaults, and the settings a view may read through `django.conf.settings`.
package struct ViewContext: Sendable {
  package var templates: TemplateLocator
  package var loginURL: String
  package var restFramework: RestFrameworkDefaults
  /// Settings whose values are literals (for `settings.DEBUG` in a view).
  package var settings: [String: PyValue]
  /// Runs the views' code (nil: one is made from the modules, without environment).
  package var executor: ViewExecutorHandle?

  package init(
    templates: TemplateLocator, loginURL: String = "/accounts/login/",
    restFramework: RestFrameworkDefaults = RestFrameworkDefaults(),
    settings: [String: PyValue] = [:]
  ) {
    self.templates = templates
    self.loginURL = loginURL
    self.restFramework = restFramework
    self.settings = settings
  }

  /// The executor of the views' code: the app's, or one over the modules alone.
  package func viewExecutor(modules: PythonModules) -> ViewExecutorHandle {
    executor
      ?? ViewExecutorHandle(
        ViewExecutor(files: modules.files, modules: modules, env: [:], settings: settings))
  }

  /// A context with nothing configured (tests, readers without settings).
  package static func empty(files: SourceFiles) -> ViewContext {
    ViewContext(templates: .none(files: files))
  }
}

extension RestFrameworkDefaults {
  /// What DRF's permission check does to the anonymous checker: nil when every class lets a
  /// GET through, else the refusal (or why it cannot be told).
  package func refusal(of classes: [String], at location: Location?) -> ViewAnswer? {
    switch decision(of: classes) {
    case nil: return nil
    case .refused(let status, let reason)?:
      return .denied(status: status, reason: reason, at: location)
    case .unknown(let reason)?:
      return .unknown(unreadable ?? Unverifiable(reason, at: location))
    }
  }
}
