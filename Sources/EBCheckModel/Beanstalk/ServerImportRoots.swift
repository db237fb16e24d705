import EBCheckCore
import EBCheckFormats
import EBCheckPython

extension EnvironmentBuilder {
  /// The file of `module` when gunicorn, started as the Procfile (or Beanstalk's default
  /// command) starts it, cannot import it: the module is only under a folder that is not on
  /// its `sys.path` (its working directory after `--chdir`, `--pythonpath`, `PYTHONPATH`).
  /// Nil when it can, or when a configuration file could change `sys.path` first.
  package func serverCannotImport(
    _ module: String, web: ProcfileProcess, env: [String: String], modules: PythonModules
  ) -> String? {
    guard web.server == .gunicorn, web.wsgiFile == nil,
      GunicornConfigFile.path(for: web, files: files) == nil,
      let found = modules.path(of: module)
    else { return nil }
    // A working directory outside the bundle (or not understood): nothing to say.
    var start = ""
    if let shell = web.shellDirectory {
      guard let root = PythonModules.importRoot(shell) else { return nil }
      start = root
    }
    var directory = start
    if let chdir = web.chdir {
      guard let root = PythonModules.importRoot(chdir.hasPrefix("/") ? chdir : start + chdir)
      else { return nil }
      directory = root
    }
    var roots = [directory]
    for entry in web.pythonPath {
      if let root = PythonModules.importRoot(entry.hasPrefix("/") ? entry : directory + entry) {
        roots.append(root)
      }
    }
    let pythonPath = web.env["PYTHONPATH"] ?? env["PYTHONPATH"]
    roots += pythonPath.map { PythonModules.importRoots(pythonPath: $0, from: directory) } ?? []
    return modules.path(of: module, inRoots: roots) == nil ? found : nil
  }
}
