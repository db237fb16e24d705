import EBCheckCore

/// A file the settings open or read on the instance: inside the application folder its text
/// is the bundle's (what `eb deploy` uploads); elsewhere on the instance it is not the
/// repository's to answer, so its contents are unknown with that reason.
package final class BundledTextFile: PyNativeObject {
  package let path: String
  package let text: String

  package init(path: String, text: String) {
    self.path = path
    self.text = text
  }

  package var typeName: String { "TextIOWrapper" }

  package func callMethod(
    _ name: String, _ arguments: Arguments, at location: Location,
    _ interpreter: inout PyInterpreter
  ) -> RValue? {
    switch name {
    case "read": return arguments.positional.isEmpty ? .data(.string(text)) : nil
    case "close": return .data(.none)
    case "__enter__": return .native(self)
    default: return nil
    }
  }
}

extension SettingsEvaluator {
  /// `open(path)` / `Path(path).read_text()`: the bundled file's text inside the application
  /// folder; unknown (with why) for a file outside it or absent from the bundle; nil where
  /// ebcheck keeps its older answer (no deployed layout, a binary file it did not read).
  package func bundledFile(_ path: String) -> RValue? {
    guard let deployed else { return nil }
    guard let inBundle = deployed.repositoryPath(path) else {
      if path.hasPrefix("/") {
        return .data(
          .unknown(
            "\(path) is outside the application folder (\(deployed.appRoot)): its contents are the instance's"
          ))
      }
      return nil
    }
    if let file = files[inBundle] {
      return .native(BundledTextFile(path: inBundle, text: file.text))
    }
    if files.unreadFiles.contains(inBundle) { return nil }
    if let createdAtDeploy = deployed.createdAtDeploy {
      return .data(.unknown("\(inBundle) is not in the bundle, but \(createdAtDeploy)"))
    }
    return .data(.unknown("\(inBundle) is not in the bundle (opening it raises FileNotFoundError)"))
  }
}
