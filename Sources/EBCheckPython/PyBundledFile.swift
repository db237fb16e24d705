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

/// What `open(path)` of a file the settings read gives.
package enum OpenedFile {
  /// The repository's text.
  case text(BundledTextFile)
  /// A value standing for the contents (unknown, with why).
  case contents(PyValue)
  /// The file does not exist where the code runs: `FileNotFoundError`, and why.
  case missing(String)
}

extension SettingsEvaluator {
  /// `open(path)` / `Path(path).read_text()`: the bundled file's text inside the application
  /// folder (or the container image's file at that path); unknown (with why) for a file
  /// outside it; missing for a file the bundle or image does not hold; nil where ebcheck
  /// keeps its older answer (no deployed layout, a binary file it did not read).
  package func bundledFile(_ path: String) -> OpenedFile? {
    guard let deployed else { return nil }
    if let image = deployed.image {
      guard let absolute = deployed.absolute(path) else {
        return .contents(.unknown("\(path) from the container's working directory"))
      }
      switch image.lookup(absolute) {
      case .file(let repository):
        guard let file = files[repository] else { return nil }
        return .text(BundledTextFile(path: repository, text: file.text))
      case .folder: return .contents(.unknown("\(absolute) is a folder in the image"))
      case .missing(let reason): return .missing(reason)
      case .unknown(let reason): return .contents(.unknown(reason))
      }
    }
    guard let inBundle = deployed.repositoryPath(path) else {
      if path.hasPrefix("/") {
        return .contents(
          .unknown(
            "\(path) is outside the application folder (\(deployed.appRoot)): its contents are the instance's"
          ))
      }
      return nil
    }
    if let file = files[inBundle] {
      return .text(BundledTextFile(path: inBundle, text: file.text))
    }
    if files.unreadFiles.contains(inBundle) { return nil }
    if let createdAtDeploy = deployed.createdAtDeploy {
      return .contents(.unknown("\(inBundle) is not in the bundle, but \(createdAtDeploy)"))
    }
    return .missing("\(inBundle) is not in the bundle")
  }
}

extension PyInterpreter {
  /// The value `open()` gives for what the evaluator found; a missing file raises
  /// `FileNotFoundError` at the call, as Python does, so the code's own fallback runs (or
  /// the import fails).
  package mutating func opened(_ file: OpenedFile, at location: Location) -> RValue {
    switch file {
    case .text(let text): return .native(text)
    case .contents(let value): return .data(value)
    case .missing(let reason):
      pendingRaise = ("FileNotFoundError", location)
      evaluator.raiseReasons[location] = reason
      return .data(.unknown("\(reason): FileNotFoundError"))
    }
  }
}
