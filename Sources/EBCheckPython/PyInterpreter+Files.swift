import EBCheckCore

/// `os.path`, `os.getcwd()` and `pathlib.Path` on the instance: paths are computed as
/// Python computes them, starting from the deployed `__file__` and working directory, and
/// file tests answer from the bundle (`DeployedFiles`).
extension PyInterpreter {
  package mutating func filesystemCall(
    _ name: String, _ arguments: Arguments, _ callLocation: Location
  ) -> RValue {
    let deployed = evaluator.deployed
    switch name {
    case "pathlib.Path":
      var path = PathObject.from(".", deployed)
      for (index, argument) in arguments.positional.enumerated() {
        guard let part = PathObject.text(of: argument) else {
          if case .native(let object as PathObject) = argument, index == 0,
            arguments.positional.count == 1
          {
            return .native(object)
          }
          return .data(.unknown("filesystem path"))
        }
        path = index == 0 ? PathObject.from(part, deployed) : path.joined(part, deployed)
      }
      return .native(path)
    case "pathlib.Path.cwd":
      guard let deployed, deployed.workingDirectory != nil || deployed.workingFolderInApp != nil
      else { return .data(.unknown("the app server's working directory")) }
      return .native(
        PathObject(text: deployed.workingDirectory, inApp: deployed.workingFolderInApp))
    case "os.getcwd":
      guard let directory = deployed?.workingDirectory else {
        return .data(.unknown("the app server's working directory"))
      }
      return .data(.string(directory))
    case "os.path.exists", "os.path.isfile", "os.path.isdir":
      let kinds: Set<DeployedFiles.Entry> =
        name == "os.path.exists"
        ? [.file, .folder] : name == "os.path.isfile" ? [.file] : [.folder]
      guard let argument = arguments.positional.first else { return .data(.unknown(name)) }
      if case .native(let path as PathObject) = argument {
        return .data(path.test(kinds, evaluator))
      }
      let value = argument.pyValue
      if case .string(let text) = value, InstanceHypervisor.isInstancePath(text) {
        return .data(evaluator.instanceTest(text, kinds))
      }
      guard let deployed else {
        return .data(PyOperations.lift([value]) { _ in .unknown("filesystem path") })
      }
      let evaluator = self.evaluator
      return .data(
        PyOperations.lift([value]) { operands in
          guard case .string(let text) = operands[0] else { return .unknown("file test") }
          return deployed.test(text, accepting: kinds, in: evaluator)
        })
    default:
      guard let argument = arguments.positional.first else { return .data(.unknown(name)) }
      let operation = String(name.dropFirst("os.path.".count))
      return .data(
        PyOperations.lift([argument.pyValue]) { operands in
          guard case .string(let text) = operands[0] else {
            return .unknown("os.path." + operation)
          }
          return Self.pathFunction(operation, text, deployed)
        })
    }
  }

  /// `os.path.dirname`, `basename`, `normpath`, `abspath`, `realpath` of a string.
  package static func pathFunction(_ operation: String, _ text: String, _ deployed: DeployedFiles?)
    -> PyValue
  {
    switch operation {
    case "dirname", "basename":
      let cut = text.lastIndex(of: "/").map { text.index(after: $0) } ?? text.startIndex
      if operation == "basename" { return .string(String(text[cut...])) }
      var head = String(text[..<cut])
      if !head.isEmpty, head.contains(where: { $0 != "/" }) {
        while head.hasSuffix("/") { head.removeLast() }
      }
      return .string(head)
    case "normpath":
      return .string(normalizedPath(text))
    default:
      let absolute: String
      if text.hasPrefix("/") {
        absolute = normalizedPath(text)
      } else if let directory = deployed?.workingDirectory {
        absolute = normalizedPath(directory + "/" + text)
      } else {
        return .unknown("the app server's working directory")
      }
      if operation == "realpath", let deployed, deployed.appRootIsLink,
        deployed.bundlePath(absolute) != nil
      {
        return .unknown(
          "realpath under \(deployed.appRoot) (a link to a numbered bundle folder)")
      }
      return .string(absolute)
    }
  }

  /// posixpath.normpath: `.` and repeated slashes dropped, `..` taking the part before it
  /// (kept at the start of a relative path; dropped at the root).
  package static func normalizedPath(_ text: String) -> String {
    if text.isEmpty { return "." }
    let absolute = text.hasPrefix("/")
    // Exactly two leading slashes are kept, as POSIX allows them a meaning.
    let leading = absolute ? (text.hasPrefix("//") && !text.hasPrefix("///") ? "//" : "/") : ""
    var parts: [Substring] = []
    for part in text.split(separator: "/") where part != "." {
      if part == ".." {
        if let last = parts.last, last != ".." {
          parts.removeLast()
        } else if !absolute {
          parts.append(part)
        }
        continue
      }
      parts.append(part)
    }
    let body = parts.joined(separator: "/")
    if absolute { return leading + body }
    return body.isEmpty ? "." : body
  }
}
