import EBCheckCore

/// Where the app server itself can import the WSGI module from: before any code of the
/// repository runs, `sys.path` holds only the server's working directory, its own
/// `--pythonpath` entries and `PYTHONPATH`. The extra roots `PythonModules` searches
/// (folders holding `manage.py`, `src/`) are not on it.
extension PythonModules {
  /// The bundle's root on the instance: `PYTHONPATH` entries under it are bundle folders.
  package static let bundleRoot = "/var/app/current"

  /// A bundle-relative folder as an import root (`""` for the root, `backend/` for a
  /// folder); nil for a folder outside the bundle or above it.
  package static func importRoot(_ folder: String) -> String? {
    var path = folder
    if path == bundleRoot || path.hasPrefix(bundleRoot + "/") {
      path = String(path.dropFirst(bundleRoot.count))
      while path.hasPrefix("/") { path.removeFirst() }
    }
    guard !path.hasPrefix("/") else { return nil }
    let normalized = RelativePath.normalize(path)
    if normalized.isEmpty || normalized == "." { return "" }
    guard !normalized.hasPrefix("..") else { return nil }
    return normalized + "/"
  }

  /// The entries of a `PYTHONPATH` value that are bundle folders, relative to `directory`
  /// (the server's working directory, an import root); `$PYTHONPATH` itself and folders
  /// outside the bundle (the virtualenv) add none.
  package static func importRoots(pythonPath: String, from directory: String) -> [String] {
    pythonPath.split(separator: ":").compactMap { part -> String? in
      let entry = String(part)
      guard !entry.isEmpty, !entry.contains("$") else { return nil }
      return importRoot(entry.hasPrefix("/") ? entry : directory + entry)
    }
  }

  /// The file of `module` searched under exactly `roots`, in order.
  package func path(of module: String, inRoots roots: [String]) -> String? {
    let relative = module.split(separator: ".").joined(separator: "/")
    guard !relative.isEmpty else { return nil }
    for root in roots {
      for candidate in [root + relative + ".py", root + relative + "/__init__.py"]
      where files[candidate] != nil {
        return candidate
      }
    }
    return nil
  }
}
