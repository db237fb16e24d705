import EBCheckCore

/// A `pathlib.Path` on the instance. Its text is known when the folders above it are (the
/// Amazon Linux AMI links `/opt/python/current` to a numbered bundle folder, so a resolved
/// path there has no known text); its place below the application folder is known whenever
/// it is inside it, which is all a file test needs.
package final class PathObject: PyNativeObject {
  /// The path as `str()` gives it; nil when a folder above it is not known.
  package let text: String?
  /// The repository path it names ("" for the application folder); nil outside the folder
  /// or for a relative path not yet resolved.
  package let inApp: String?

  package init(text: String?, inApp: String?) {
    self.text = text
    self.inApp = inApp
  }

  package var typeName: String { "PosixPath" }

  /// `Path(text)` for a string built by the program.
  package static func from(_ text: String, _ deployed: DeployedFiles?) -> PathObject {
    let shown = text.isEmpty ? "." : collapsed(text)
    let inApp = shown.hasPrefix("/") ? deployed?.bundlePath(shown) : nil
    return PathObject(text: shown, inApp: inApp)
  }

  /// pathlib's spelling: repeated and trailing slashes and `.` parts dropped, `..` kept.
  package static func collapsed(_ text: String) -> String {
    let parts = text.split(separator: "/").filter { $0 != "." }
    let body = parts.joined(separator: "/")
    if text.hasPrefix("/") { return "/" + body }
    return body.isEmpty ? "." : body
  }

  /// `self / part`.
  package func joined(_ part: String, _ deployed: DeployedFiles?) -> PathObject {
    if part.hasPrefix("/") { return Self.from(part, deployed) }
    let tail = Self.collapsed(part)
    if tail == "." { return self }
    let newText = text.map { $0 == "." ? tail : ($0.hasSuffix("/") ? $0 + tail : $0 + "/" + tail) }
    let newInApp = inApp.flatMap { DeployedFiles.descend($0, tail) }
    return PathObject(text: newText, inApp: newInApp)
  }

  package var parent: PathObject {
    let newText = text.map { text -> String in
      guard let slash = text.lastIndex(of: "/") else { return "." }
      return slash == text.startIndex ? "/" : String(text[..<slash])
    }
    var newInApp: String?
    if let inApp, !inApp.isEmpty {
      newInApp = inApp.lastIndex(of: "/").map { String(inApp[..<$0]) } ?? ""
    }
    return PathObject(text: newText, inApp: newInApp)
  }

  /// The path made absolute against the working directory; `resolving` follows links, which
  /// under the AMI's `/opt/python/current` lead to a folder whose name is not known.
  package func absolute(_ deployed: DeployedFiles?, resolving: Bool) -> PathObject? {
    guard let deployed else { return nil }
    var result = self
    if let text, !text.hasPrefix("/") {
      if let directory = deployed.workingDirectory {
        result = Self.from(directory, deployed).joined(text, deployed)
      } else if let base = deployed.workingFolderInApp {
        return PathObject(text: nil, inApp: DeployedFiles.descend(base, text))
      } else {
        return nil
      }
    } else if text == nil, inApp == nil {
      return nil
    }
    if resolving, let shown = result.text, shown.hasPrefix("/"),
      result.inApp != nil, deployed.appRootIsLink
    {
      return PathObject(text: nil, inApp: result.inApp)
    }
    return result
  }

  package var name: String? {
    guard let text else { return inApp.flatMap { $0.split(separator: "/").last.map(String.init) } }
    if text == "/" || text == "." { return "" }
    return text.split(separator: "/").last.map(String.init) ?? ""
  }

  package func attribute(_ name: String, at location: Location, _ interpreter: inout PyInterpreter)
    -> RValue?
  {
    switch name {
    case "parent": return .native(parent)
    case "parents": return .native(PathParents(base: self))
    case "name": return .data(self.name.map { .string($0) } ?? .unknown("name of a path"))
    case "stem", "suffix":
      guard let full = self.name else { return .data(.unknown("\(name) of a path")) }
      let dot = full.lastIndex(of: ".").flatMap { $0 == full.startIndex ? nil : $0 }
      if name == "stem" { return .data(.string(dot.map { String(full[..<$0]) } ?? full)) }
      return .data(.string(dot.map { String(full[$0...]) } ?? ""))
    default: return nil
    }
  }

  package func callMethod(
    _ name: String, _ arguments: Arguments, at location: Location,
    _ interpreter: inout PyInterpreter
  ) -> RValue? {
    let deployed = interpreter.evaluator.deployed
    switch name {
    case "resolve", "absolute":
      guard let made = absolute(deployed, resolving: name == "resolve") else {
        return .data(.unknown("the deployed path (the application folder is not known)"))
      }
      return .native(made)
    case "joinpath":
      var result = self
      for argument in arguments.positional {
        guard let part = PathObject.text(of: argument) else {
          return .data(.unknown("joinpath of a value ebcheck cannot see"))
        }
        result = result.joined(part, deployed)
      }
      return .native(result)
    case "exists", "is_file", "is_dir":
      let kinds: Set<DeployedFiles.Entry> =
        name == "exists" ? [.file, .folder] : name == "is_file" ? [.file] : [.folder]
      return .data(test(kinds, interpreter.evaluator))
    case "as_posix", "__str__", "__fspath__":
      return .data(text.map { .string($0) } ?? .unknown("the deployed path"))
    case "read_text":
      guard let text, arguments.positional.isEmpty else {
        return .data(.unknown("read_text of a path ebcheck cannot see"))
      }
      let absolute = self.absolute(deployed, resolving: false)?.text ?? text
      guard let bundled = interpreter.evaluator.bundledFile(absolute) else {
        return .data(.dynamic(DynamicValue(reason: "contents of \(text)", location: location)))
      }
      if case .text(let file) = bundled { return .data(.string(file.text)) }
      return interpreter.opened(bundled, at: location)
    case "expanduser":
      guard let text, !text.hasPrefix("~") else { return .data(.unknown("home folder")) }
      return .native(self)
    default: return nil
    }
  }

  /// `exists()`, `is_file()` or `is_dir()` on the instance.
  package func test(_ kinds: Set<DeployedFiles.Entry>, _ evaluator: SettingsEvaluator) -> PyValue {
    if let text, InstanceHypervisor.isInstancePath(text) {
      return evaluator.instanceTest(text, kinds)
    }
    guard let deployed = evaluator.deployed else {
      return .unknown("file test (the deployed application folder is not known)")
    }
    if deployed.image != nil, let text {
      return deployed.test(text, accepting: kinds, in: evaluator)
    }
    if let inApp {
      let found = DeployedFiles.entry(inApp, in: evaluator)
      if found == .missing, let createdAtDeploy = deployed.createdAtDeploy {
        return .unknown("\(inApp) is not in the bundle, but \(createdAtDeploy)")
      }
      return .bool(kinds.contains(found))
    }
    guard let text else { return .unknown("file test of a path ebcheck cannot see") }
    return deployed.test(text, accepting: kinds, in: evaluator)
  }

  package static func isPath(_ value: RValue) -> Bool {
    if case .native(_ as PathObject) = value { return true }
    return false
  }

  /// The text of a string or a path argument.
  package static func text(of value: RValue) -> String? {
    if case .native(let path as PathObject) = value { return path.text }
    if case .data(.string(let text)) = value { return text }
    return nil
  }

  /// `a / b` where either side is a path (a string on the other side).
  package static func divide(_ left: RValue, _ right: RValue, _ deployed: DeployedFiles?)
    -> RValue?
  {
    switch (left, right) {
    case (.native(let path as PathObject), _):
      if case .native(let other as PathObject) = right {
        guard let part = other.text else { return .data(.unknown("path join")) }
        return .native(path.joined(part, deployed))
      }
      guard case .data(let value) = right else { return .data(.unknown("path join")) }
      guard case .string(let part) = value else {
        return .data(PyOperations.lift([value]) { _ in .unknown("path join") })
      }
      return .native(path.joined(part, deployed))
    case (.data(.string(let text)), .native(let path as PathObject)):
      guard let part = path.text else { return .data(.unknown("path join")) }
      return .native(from(text, deployed).joined(part, deployed))
    default:
      return nil
    }
  }
}

/// `path.parents`: `parents[0]` is the parent, `parents[1]` its parent, and so on.
package final class PathParents: PyNativeObject {
  package let base: PathObject

  package init(base: PathObject) {
    self.base = base
  }

  package var typeName: String { "_PathParents" }

  package func item(_ key: PyValue, at location: Location, _ interpreter: inout PyInterpreter)
    -> RValue?
  {
    guard case .int(let index) = key, index >= 0, index < 64 else {
      return .data(.unknown("parents[] with a computed index"))
    }
    if let text = base.text, index >= text.split(separator: "/").count {
      interpreter.pendingRaise = ("IndexError", location)
      return .data(.unknown("parents[\(index)] raises IndexError"))
    }
    var current = base.parent
    for _ in 0..<index { current = current.parent }
    return .native(current)
  }
}
