import EBCheckCore
import EBCheckFormats
import EBCheckPython

/// What a gunicorn configuration file (`-c FILE`, or `./gunicorn.conf.py` read by default)
/// says about the bind address, evaluated with the Python interpreter as gunicorn runs it.
///
/// gunicorn reads the file from the directory it starts in (its `--chdir` applies later);
/// a `--bind` on the command line wins over the file's `bind`.
package struct GunicornConfigFile {
  /// One address of `bind`: a TCP port (nil for a unix socket or a file descriptor).
  package struct Address: Sendable, Hashable {
    package var port: Int?
    /// The port digits in the file when the address is a plain string literal (for fixes),
    /// else the expression.
    package var location: Location
    package var portIsExact: Bool
    /// The socket path of a `unix:` address.
    package var socket: String? = nil
  }

  /// The file gunicorn reads.
  package var path: String
  /// The addresses of `bind`; nil when the file sets none.
  package var addresses: [Address]?
  /// Why the bind cannot be known (computed from a variable the repository leaves open…).
  package var unknownReason: String?

  /// The configuration file the process reads and its `bind`; nil when gunicorn reads no file
  /// of the repository.
  package static func read(
    for process: ProcfileProcess, files: SourceFiles, modules: PythonModules,
    env: [String: String]
  ) -> GunicornConfigFile? {
    guard process.server == .gunicorn, let path = path(for: process, files: files) else {
      return nil
    }
    let evaluator = SettingsEvaluator(
      files: files, env: process.env.merging(env) { own, _ in own }, modules: modules)
    guard let evaluated = evaluator.evaluate(path: path, as: "__config__") else { return nil }
    var config = GunicornConfigFile(path: path)
    guard let bind = evaluated["bind"] else { return config }
    let items: [(PyValue, Location)]
    switch bind.value {
    case .string:
      items = [(bind.value, bind.valueLocation)]
    case .list(let elements), .tuple(let elements):
      items = elements.map { ($0.value, $0.location ?? bind.valueLocation) }
    case .dynamic(let dynamic):
      config.unknownReason =
        dynamic.envVar.map { "bind comes from \($0), which the repository does not set" }
        ?? "bind is computed at run time (\(dynamic.reason))"
      return config
    default:
      config.unknownReason = "the value of bind cannot be computed"
      return config
    }
    var addresses: [Address] = []
    for (value, location) in items {
      guard let text = value.stringValue else {
        config.unknownReason = "an address of bind cannot be computed"
        return config
      }
      addresses.append(address(text, at: location, in: files[location.file]))
    }
    config.addresses = addresses
    return config
  }

  /// `-c FILE` (`file:` and `python:` forms), else `gunicorn.conf.py` in the start directory.
  package static func path(for process: ProcfileProcess, files: SourceFiles) -> String? {
    let folder = process.shellDirectory.map { RelativePath.normalize($0) } ?? ""
    let base = folder.isEmpty || folder == "." ? "" : folder + "/"
    guard var named = process.configFile else {
      let candidate = base + "gunicorn.conf.py"
      return files[candidate] == nil ? nil : candidate
    }
    if named.hasPrefix("python:") {
      let module = named.dropFirst("python:".count).split(separator: ".").joined(separator: "/")
      let candidate = base + module + ".py"
      return files[candidate] == nil ? nil : candidate
    }
    if named.hasPrefix("file:") { named.removeFirst("file:".count) }
    let candidate = RelativePath.normalize(base + named)
    return files[candidate] == nil ? nil : candidate
  }

  /// `HOST:PORT`, `:PORT`, `[::1]:PORT`, `HOST` (port 8000), `unix:PATH`, `fd://N`.
  package static func address(_ text: String, at location: Location, in file: SourceFile?)
    -> Address
  {
    let trimmed = text.trimmingWhitespace()
    if trimmed.hasPrefix("unix:") {
      var address = Address(port: nil, location: location, portIsExact: false)
      address.socket = String(trimmed.dropFirst("unix:".count))
      return address
    }
    if trimmed.hasPrefix("fd://") {
      return Address(port: nil, location: location, portIsExact: false)
    }
    var portText = ""
    if let colon = trimmed.lastIndex(of: ":"), !trimmed.hasSuffix("]") {
      portText = String(trimmed[trimmed.index(after: colon)...])
    }
    guard !portText.isEmpty else {
      return Address(port: 8000, location: location, portIsExact: false)
    }
    guard let port = Int(portText) else {
      return Address(port: nil, location: location, portIsExact: false)
    }
    // A plain literal `'0.0.0.0:5000'` maps onto the file: point at the digits.
    if let file, location.span.end <= file.bytes.count {
      let source = Array(file.bytes[location.span.start..<location.span.end])
      let inner = Array(text.utf8)
      if source.count == inner.count + 2, let quote = source.first,
        quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\""), source.last == quote,
        Array(source[1..<(source.count - 1)]) == inner, !inner.contains(UInt8(ascii: "\\"))
      {
        let end = location.span.start + 1 + inner.count
        let start = end - portText.utf8.count
        return Address(
          port: port, location: Location(file: location.file, span: Span(start, end)),
          portIsExact: true)
      }
    }
    return Address(port: port, location: location, portIsExact: false)
  }
}
