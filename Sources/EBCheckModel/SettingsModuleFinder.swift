import EBCheckCore
import EBCheckFormats
import EBCheckPython

/// Finds `DJANGO_SETTINGS_MODULE` the way the deployed process gets it: the environment
/// (option settings or supplied values), the Procfile's `--env`, then the `setdefault` in the
/// WSGI module the server loads, then `manage.py` and the other entry points.
package struct SettingsModuleFinder {
  package let modules: PythonModules

  package init(modules: PythonModules) { self.modules = modules }

  package func find(
    env: [String: String], procfile: ProcfileProcess? = nil, wsgiModule: String? = nil
  )
    -> Sourced<String>?
  {
    let variable = SettingsModuleLocator.variable
    if let value = env[variable] { return Sourced(value, origin: "environment") }
    if let value = procfile?.settingsModule ?? procfile?.env[variable] {
      return Sourced(value, at: procfile?.location, origin: "Procfile")
    }
    let served = wsgiModule.flatMap(modules.path(of:))
    let rank: (SettingsCandidate) -> Int = { candidate in
      if candidate.location.file == served { return 0 }
      switch candidate.source {
      case .wsgi: return 1
      case .manage: return 2
      case .asgi: return 3
      }
    }
    let found = SettingsModuleLocator.find(files: modules.files)
    // The WSGI module the server loads sets one default: that is what Django imports,
    // whether or not the module is in the repository (a missing one is EB006, 502).
    let inServed = found.filter { $0.location.file == served }
    if inServed.count == 1, let only = inServed.first {
      return Sourced(only.module, at: only.location, origin: only.source.rawValue)
    }
    // Modules present in the repository first; a missing one is still returned (EB006).
    let missing: (SettingsCandidate) -> Int = { modules.path(of: $0.module) == nil ? 1 : 0 }
    let candidates =
      found
      .sorted {
        (missing($0), rank($0), $0.location) < (missing($1), rank($1), $1.location)
      }
    return candidates.first.map { Sourced($0.module, at: $0.location, origin: $0.source.rawValue) }
  }
}
