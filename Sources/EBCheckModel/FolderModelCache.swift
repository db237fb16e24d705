import EBCheckCore
import EBCheckFormats
import EBCheckPython

/// What the environments of one application folder share while `ProjectBuilder` builds them.
/// Infrastructure code can define thousands of environments for one folder, and most differ
/// only in options the Django app never reads; the app's model depends on the folder's files
/// (the same for every environment), the import roots the app server adds, the settings
/// module and the environment's values, so it is built once per distinct (roots, module,
/// values). Used by one thread at a time: one build of one folder.
package final class FolderModelCache {
  private var modulesByRoots: [[String]: PythonModules] = [:]
  private var apps: [DjangoAppKey: DjangoApp?] = [:]
  private var scenarios: [DjangoAppKey: [DjangoScenario]] = [:]
  private var settingsModules: [SettingsModuleKey: Sourced<String>?] = [:]
  private var requirements: Requirements?
  private var nginxByPorts: [NginxPortsKey: NginxConfiguration] = [:]

  package init() {}

  /// The folder's modules with `serverRoots` first on the import path; `folderModules` when
  /// there are none. One instance per distinct roots, so each file is parsed once.
  package func modules(
    files: SourceFiles, serverRoots: [String], folderModules: PythonModules
  ) -> PythonModules {
    guard !serverRoots.isEmpty else { return folderModules }
    if let known = modulesByRoots[serverRoots] { return known }
    let made = PythonModules(files: files, serverRoots: serverRoots)
    modulesByRoots[serverRoots] = made
    return made
  }

  /// The folder's requirements (they are read from its files alone), loaded the first time.
  package func requirements(load: () -> Requirements) -> Requirements {
    if let requirements { return requirements }
    let loaded = load()
    requirements = loaded
    return loaded
  }

  /// The folder's nginx configuration for `key`, loaded by `load` the first time it is asked
  /// for: `NginxConfiguration.load` reads the folder's files, `PORT` and the application port.
  package func nginx(_ key: NginxPortsKey, load: () -> NginxConfiguration) -> NginxConfiguration {
    if let known = nginxByPorts[key] { return known }
    let loaded = load()
    nginxByPorts[key] = loaded
    return loaded
  }

  /// The settings module for `key`, found by `find` the first time it is asked for.
  package func settingsModule(_ key: SettingsModuleKey, find: () -> Sourced<String>?)
    -> Sourced<String>?
  {
    if let known = settingsModules[key] { return known }
    let found = find()
    settingsModules[key] = .some(found)
    return found
  }

  /// The app under each open environment value for `key` (the same inputs as its model),
  /// built by `build` the first time it is asked for.
  package func djangoScenarios(_ key: DjangoAppKey, build: () -> [DjangoScenario])
    -> [DjangoScenario]
  {
    if let known = scenarios[key] { return known }
    let made = build()
    scenarios[key] = made
    return made
  }

  /// The Django model for `key`, built by `build` the first time it is asked for.
  package func djangoApp(_ key: DjangoAppKey, build: () -> DjangoApp?) -> DjangoApp? {
    if let known = apps[key] { return known }
    let made = build()
    apps[key] = .some(made)
    return made
  }
}

/// Everything a Django model of one folder depends on besides the folder's files. Every
/// input `DjangoAppBuilder` gains must be added here, or environments that differ in it would
/// share one model.
package struct DjangoAppKey: Hashable {
  package var serverRoots: [String]
  package var settingsModule: String
  package var env: [String: String]
  /// Whether the instance metadata service answers token-less requests (IMDSv1).
  package var imdsV1Answers: Bool
  /// Where the platform puts the application folder (nil: not known).
  package var deployed: DeployedFiles? = nil
  /// The instance's hypervisor (nil: the instance type is not known).
  package var hypervisor: InstanceHypervisor? = nil
}

/// Everything `SettingsModuleFinder.find` reads besides the folder's files.
package struct SettingsModuleKey: Hashable {
  package var serverRoots: [String]
  /// The environment's `DJANGO_SETTINGS_MODULE`, the only value the search reads.
  package var variable: String?
  package var procfile: ProcfileProcess?
  package var wsgiModule: String?
}

/// Everything `NginxConfiguration.load` reads besides the folder's files: the environment's
/// `PORT` (the only variable it reads) and the application port.
package struct NginxPortsKey: Hashable {
  package var portVariable: String?
  package var applicationPort: Int?
}
