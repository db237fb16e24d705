import EBCheckCore

/// The program a Procfile process runs to serve Django.
public enum AppServerKind: String, Sendable, Hashable, CaseIterable {
  case gunicorn
  case uwsgi
  case daphne
  case uvicorn
  case hypercorn
  case waitress
  case runserver
  case unknown
}

/// One `name: command` line of a Procfile (or the command Beanstalk builds without one).
public struct ProcfileProcess: Sendable, Hashable {
  public var name: String
  public var command: String
  public var server: AppServerKind
  /// Bind address; nil when not stated (or a unix socket).
  public var host: String?
  /// Bind port; nil when unknown, or when only `$PORT` decides (see `portVariable`).
  public var port: Int?
  /// `PORT` when the port comes from `$PORT` / `${PORT:-8000}` (the default, if any, is `port`).
  public var portVariable: String?
  /// `unix:/run/app.sock` and the like.
  public var unixSocket: String?
  /// uwsgi `--socket` speaks the uwsgi protocol, not HTTP.
  public var speaksHTTP: Bool
  /// `mysite.wsgi` of `mysite.wsgi:application`.
  public var module: String?
  /// `application` of `mysite.wsgi:application` (the server's default when omitted).
  public var attribute: String?
  /// uwsgi `--wsgi-file mysite/wsgi.py`.
  public var wsgiFile: String?
  public var workers: Int?
  public var threads: Int?
  /// `--env K=V`, `FOO=bar gunicorn ...`, `env K=V ...`.
  public var env: [String: String]
  public var chdir: String?
  /// The shell's directory when the program starts (`cd dir && ...`): where gunicorn looks
  /// for its configuration file (its `--chdir` applies only after the file is read).
  public var shellDirectory: String?
  /// The command line names the bind address itself (`--bind`, `-b`), which then wins
  /// over a configuration file's `bind`.
  public var bindStated = false
  public var configFile: String?
  public var pythonPath: [String]
  /// `runserver --settings=...`.
  public var settingsModule: String?
  /// The words the program is executed with, its own word first as written (`gunicorn`,
  /// `python3 -m gunicorn ...`, `python manage.py runserver`), after the shell's wrappers and
  /// assignments; empty when the line starts no program ebcheck reads.
  public var argv: [String] = []
  /// The whole line; nil for the default command.
  public var location: Location?
  /// The port digits (or `$PORT`) in the file, for fixes.
  public var portSpan: Span?
  /// The module part of the app token (`mysite.wsgi`), and the whole token.
  public var moduleSpan: Span?
  public var appSpan: Span?

  public init(name: String, command: String, server: AppServerKind) {
    self.name = name
    self.command = command
    self.server = server
    self.speaksHTTP = true
    self.env = [:]
    self.pythonPath = []
  }

  /// The port once `$PORT` is known (`env` from option settings or `--env`).
  public func resolvedPort(env outer: [String: String]) -> Int? {
    if let variable = portVariable {
      if let value = env[variable] ?? outer[variable], let number = Int(value) { return number }
    }
    return port
  }
}

/// The processes Beanstalk starts: from `Procfile`, or the default gunicorn command.
public struct ProcfileModel: Sendable, Hashable {

  /// `Procfile` when one exists; nil for Beanstalk's default command.
  public var file: String?
  public var processes: [ProcfileProcess]
  public var diagnostics: [Diagnostic]

  public var isDefault: Bool { file == nil }

  /// The process the load balancer reaches: `web`, else the first one.
  public var web: ProcfileProcess? {
    processes.first { $0.name == "web" } ?? processes.first
  }

  /// Reads the root `Procfile`. Without one, Beanstalk runs gunicorn on 127.0.0.1:8000
  /// with the `WSGIPath` module and `NumProcesses` / `NumThreads` (defaults 1 / 15).
  public static func load(
    from files: SourceFiles, wsgiPath: String? = nil, numProcesses: Int? = nil,
    numThreads: Int? = nil
  ) -> ProcfileModel {
    guard let file = files["Procfile"] else {
      return ProcfileModel(
        file: nil,
        processes: [
          defaultProcess(wsgiPath: wsgiPath, numProcesses: numProcesses, numThreads: numThreads)
        ], diagnostics: [])
    }
    return parse(file)
  }

  public static func defaultProcess(
    wsgiPath: String? = nil, numProcesses: Int? = nil, numThreads: Int? = nil
  ) -> ProcfileProcess {
    let (module, attribute) = wsgiModule(wsgiPath ?? "application")
    let workers = numProcesses ?? 1
    let threads = numThreads ?? 15
    var process = ProcfileProcess(
      name: "web",
      command:
        "gunicorn --bind 127.0.0.1:8000 --workers \(workers) --threads \(threads) \(module):\(attribute)",
      server: .gunicorn)
    process.host = "127.0.0.1"
    process.port = 8000
    process.bindStated = true
    process.module = module
    process.attribute = attribute
    process.argv = process.command.split(separator: " ").map(String.init)
    process.workers = workers
    process.threads = threads
    return process
  }

  /// `mysite.wsgi:application`, `mysite.wsgi`, `mysite/wsgi.py` → module and attribute.
  /// Where instances unpack the application bundle, each platform generation its own.
  package static let deployedAppFolders = ["/opt/python/current/app/", "/var/app/current/"]

  public static func wsgiModule(_ path: String) -> (String, String) {
    var text = path.trimmingWhitespace()
    var attribute = "application"
    if let colon = text.lastIndex(of: ":") {
      attribute = String(text[text.index(after: colon)...])
      text = String(text[..<colon])
    }
    if text.hasSuffix(".py") { text.removeLast(3) }
    if text.hasPrefix("./") { text.removeFirst(2) }
    // The old file-path form names the file where the instance unpacks the bundle: the
    // Amazon Linux AMI's /opt/python/current/app, Amazon Linux 2's /var/app/current.
    for folder in ProcfileModel.deployedAppFolders where text.hasPrefix(folder) {
      text.removeFirst(folder.count)
    }
    text = String(text.map { $0 == "/" ? "." : $0 })
    return (text, attribute.isEmpty ? "application" : attribute)
  }

  public static func parse(_ file: SourceFile) -> ProcfileModel {
    var processes: [ProcfileProcess] = []
    var diagnostics: [Diagnostic] = []
    for line in 1...file.lineIndex.lineCount {
      let range = file.lineIndex.lineContentRange(line: line)
      let bytes = file.bytes[range]
      guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
      if bytes[first] == UInt8(ascii: "#") { continue }
      guard let colon = bytes[first...].firstIndex(of: UInt8(ascii: ":")),
        bytes[first..<colon].allSatisfy(Self.isNameByte), colon > first
      else {
        diagnostics.append(
          Diagnostic(
            problem: .procfileSyntax, severity: .error,
            message: "cannot parse Procfile line \(line): expected `name: command`",
            location: Location(file: file.path, span: Span(range.lowerBound, range.upperBound))))
        continue
      }
      let name = String(decoding: file.bytes[first..<colon], as: UTF8.self)
      var commandStart = colon + 1
      while commandStart < range.upperBound,
        file.bytes[commandStart] == 0x20 || file.bytes[commandStart] == 0x09
      {
        commandStart += 1
      }
      var process = analyze(
        name: name, bytes: Array(file.bytes[commandStart..<range.upperBound]), offset: commandStart)
      process.location = Location(file: file.path, span: Span(first, range.upperBound))
      processes.append(process)
    }
    return ProcfileModel(file: file.path, processes: processes, diagnostics: diagnostics)
  }

  package static func isNameByte(_ byte: UInt8) -> Bool {
    (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
      || byte == 95 || byte == 45
  }

  /// Parses one command (no `name:`); `offset` is where `bytes` start in the file.
  public static func analyze(name: String, bytes: [UInt8], offset: Int) -> ProcfileProcess {
    let command = String(decoding: bytes, as: UTF8.self)
    var process = ProcfileProcess(name: name, command: command, server: .unknown)
    var lexer = ShellLexer(bytes: bytes, offset: offset)
    let segments = lexer.segments()
    var chdir: String?
    var env: [String: String] = [:]
    for segment in segments {
      var words = segment[...]
      // `cd dir && ...`
      if words.first?.value == "cd", words.count >= 2 {
        let dir = words[words.startIndex + 1].value
        chdir = chdir.map { $0 + "/" + dir } ?? dir
        continue
      }
      if words.first?.value == "export" {
        for word in words.dropFirst() { assignment(word.value).map { env[$0.0] = $0.1 } }
        continue
      }
      // Wrappers and assignments before the real program.
      while let word = words.first {
        if let (key, value) = assignment(word.value) {
          env[key] = value
          words = words.dropFirst()
          continue
        }
        let base = basename(word.value)
        if [
          "exec", "env", "nohup", "time", "newrelic-admin", "ddtrace-run",
          "opentelemetry-instrument",
        ]
        .contains(base) || word.value.hasPrefix("-") || base == "run-program" || base == "run" {
          words = words.dropFirst()
          continue
        }
        if ["pipenv", "poetry", "uv"].contains(base) {
          words = words.dropFirst()
          continue
        }
        if base == "sh" || base == "bash", words.count >= 3,
          words[words.startIndex + 1].value == "-c"
        {
          // `sh -c '...'`: read the quoted command, keeping offsets when it is a plain quote.
          let inner = words[words.startIndex + 2]
          var nested = analyze(
            name: name, bytes: Array(inner.value.utf8), offset: inner.valueOffset ?? 0)
          if inner.valueOffset == nil {
            nested.portSpan = nil
            nested.moduleSpan = nil
            nested.appSpan = nil
          }
          nested.command = command
          nested.env.merge(env) { own, _ in own }
          if nested.chdir == nil { nested.chdir = chdir }
          if nested.shellDirectory == nil { nested.shellDirectory = chdir }
          return nested
        }
        break
      }
      guard let program = words.first else { continue }
      var rest = Array(words.dropFirst())
      let argv = words.map(\.value)
      var base = basename(program.value)
      if base.hasPrefix("python"), rest.first?.value == "-m", rest.count >= 2 {
        base = rest[1].value
        rest.removeFirst(2)
      }
      var kind: AppServerKind
      switch base {
      case "gunicorn", "gunicorn3": kind = .gunicorn
      case "uwsgi": kind = .uwsgi
      case "daphne": kind = .daphne
      case "uvicorn": kind = .uvicorn
      case "hypercorn": kind = .hypercorn
      case "waitress-serve", "waitress": kind = .waitress
      default:
        if base.hasPrefix("python") || base == "manage.py" || base == "django-admin" {
          let all = base == "manage.py" || base == "django-admin" ? rest : rest
          if let index = all.firstIndex(where: { $0.value == "runserver" }) {
            kind = .runserver
            rest = Array(all[(index + 1)...])
            if base.hasPrefix("python"), let script = all.first?.value,
              script.hasSuffix("manage.py"),
              script.contains("/")
            {
              let folder = String(script.dropLast("manage.py".count + 1))
              chdir = chdir.map { $0 + "/" + folder } ?? folder
            }
          } else {
            continue
          }
        } else {
          continue
        }
      }
      process.server = kind
      process.argv = argv
      process.env = env
      process.chdir = chdir
      process.shellDirectory = chdir
      var parser = ArgumentReader(words: rest, process: process)
      parser.read(kind)
      return parser.process
    }
    process.env = env
    process.chdir = chdir
    return process
  }

  package static func assignment(_ word: String) -> (String, String)? {
    guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return nil }
    let key = word[..<equals]
    guard let first = key.first, first.isLetter || first == "_",
      key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
    else { return nil }
    return (String(key), String(word[word.index(after: equals)...]))
  }

  package static func basename(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }
}

/// A shell word with its place in the file.
package struct ShellWord: Sendable, Hashable {
  package var value: String
  package var span: Span
  /// File offset of `value`'s first byte when the word maps 1:1 onto the file
  /// (no escapes; at most one pair of surrounding quotes).
  package var valueOffset: Int?

  /// The file span of `value[from..<to]` (UTF-8 offsets), when it maps onto the file.
  package func span(from: Int, to: Int) -> Span? {
    valueOffset.map { Span($0 + from, $0 + to) }
  }
}

/// Splits a command into words and `&&` / `||` / `;` / `|` separated segments.
package struct ShellLexer {
  package let bytes: [UInt8]
  package let offset: Int
  package var position = 0

  package init(bytes: [UInt8], offset: Int) {
    self.bytes = bytes
    self.offset = offset
  }

  package mutating func segments() -> [[ShellWord]] {
    var result: [[ShellWord]] = [[]]
    while position < bytes.count {
      let byte = bytes[position]
      if byte == 0x20 || byte == 0x09 || byte == 0x0D {
        position += 1
        continue
      }
      if byte == UInt8(ascii: "#") { break }
      if byte == UInt8(ascii: "&") || byte == UInt8(ascii: "|") || byte == UInt8(ascii: ";") {
        while position < bytes.count,
          [UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: ";")].contains(bytes[position])
        {
          position += 1
        }
        if !(result.last?.isEmpty ?? true) { result.append([]) }
        continue
      }
      result[result.count - 1].append(word())
    }
    return result.filter { !$0.isEmpty }
  }

  package mutating func word() -> ShellWord {
    let start = position
    var value: [UInt8] = []
    var quotes = 0
    var escaped = false
    var quoteStart: Int?
    while position < bytes.count {
      let byte = bytes[position]
      if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == UInt8(ascii: ";")
        || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "|")
      {
        break
      }
      if byte == UInt8(ascii: "\\"), position + 1 < bytes.count {
        value.append(bytes[position + 1])
        position += 2
        escaped = true
        continue
      }
      if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
        quotes += 1
        if quoteStart == nil { quoteStart = position }
        position += 1
        while position < bytes.count, bytes[position] != byte {
          if byte == UInt8(ascii: "\""), bytes[position] == UInt8(ascii: "\\"),
            position + 1 < bytes.count
          {
            value.append(bytes[position + 1])
            position += 2
            escaped = true
            continue
          }
          value.append(bytes[position])
          position += 1
        }
        position += 1
        continue
      }
      value.append(byte)
      position += 1
    }
    let end = min(position, bytes.count)
    var valueOffset: Int?
    if !escaped {
      if quotes == 0 {
        valueOffset = offset + start
      } else if quotes == 1, quoteStart == start, end - start == value.count + 2 {
        valueOffset = offset + start + 1
      }
    }
    return ShellWord(
      value: String(decoding: value, as: UTF8.self), span: Span(offset + start, offset + end),
      valueOffset: valueOffset)
  }
}

/// Reads the options of one app server command into a process.
package struct ArgumentReader {
  package var words: [ShellWord]
  package var process: ProcfileProcess
  package var index = 0

  /// Options that take a value, per server (others are flags).
  package static let gunicornValued: Set<String> = [
    "-b", "--bind", "-w", "--workers", "--threads", "-k", "--worker-class", "-t", "--timeout",
    "--graceful-timeout", "--keep-alive", "-e", "--env", "--chdir", "-c", "--config",
    "--pythonpath", "--log-level", "--access-logfile", "--error-logfile", "--log-file",
    "--access-logformat", "-n", "--name", "-u", "--user", "-g", "--group", "-m", "--umask",
    "--max-requests", "--max-requests-jitter", "--worker-connections", "--backlog",
    "--limit-request-line", "--limit-request-fields", "--limit-request-field_size",
    "--forwarded-allow-ips", "-p", "--pid", "--statsd-host", "--statsd-prefix", "--paste",
    "--proxy-allow-from", "--worker-tmp-dir", "--certfile", "--keyfile", "--ca-certs",
    "--log-config", "--logger-class", "--reload-extra-file", "--reload-engine", "--proxy-protocol",
    "--ssl-version", "--ciphers", "--log-syslog-to", "--dogstatsd-tags", "--capture-output-file",
    "--initgroups", "--header-map",
  ]
  package static let uvicornValued: Set<String> = [
    "--host", "--port", "--uds", "--fd", "--workers", "--loop", "--http", "--ws", "--lifespan",
    "--env-file", "--log-config", "--log-level", "--root-path", "--limit-concurrency",
    "--backlog", "--limit-max-requests", "--timeout-keep-alive", "--app-dir", "--interface",
    "--forwarded-allow-ips", "--ssl-keyfile", "--ssl-certfile", "--h11-max-incomplete-event-size",
    "--reload-dir", "--reload-include", "--reload-exclude", "--reload-delay", "--ws-max-size",
    "--ws-ping-interval", "--ws-ping-timeout", "--header", "--timeout-graceful-shutdown",
  ]
  package static let daphneValued: Set<String> = [
    "-p", "--port", "-b", "--bind", "-u", "--unix-socket", "--fd", "-e", "--endpoint", "-v",
    "--verbosity", "-t", "--http-timeout", "--access-log", "--log-fmt", "--ping-interval",
    "--ping-timeout", "--root-path", "--websocket_timeout", "--websocket_connect_timeout",
    "--application-close-timeout", "--proxy-headers-host", "--proxy-headers-port", "-s",
    "--server-name",
  ]
  package static let uwsgiFlags: Set<String> = [
    "--master", "-M", "--enable-threads", "-T", "--vacuum", "--die-on-term", "--lazy-apps",
    "--single-interpreter", "--strict", "--need-app", "--no-orphans", "--harakiri-verbose",
    "--thunder-lock", "--py-autoreload", "--disable-logging", "--log-master", "--memory-report",
    "--auto-procname", "--honour-stdin", "--offload-threads",
  ]
  package static let runserverValued: Set<String> = [
    "--settings", "--pythonpath", "-v", "--verbosity",
  ]

  package init(words: [ShellWord], process: ProcfileProcess) {
    self.words = words
    self.process = process
  }

  /// The next option: name, value and the value's word (for spans) and its UTF-8 offset in it.
  package mutating func option(takesValue: (String) -> Bool) -> (String, ShellWord, Int)? {
    guard index < words.count else { return nil }
    let word = words[index]
    index += 1
    let text = word.value
    if text.hasPrefix("--"), let equals = text.firstIndex(of: "=") {
      let name = String(text[..<equals])
      let valueStart = text.utf8.distance(from: text.startIndex, to: equals) + 1
      return (name, word, valueStart)
    }
    if takesValue(text) {
      guard index < words.count else { return (text, ShellWord(value: "", span: word.span), 0) }
      index += 1
      return (text, words[index - 1], 0)
    }
    // `-b0.0.0.0:8000`, `-w4`: a short option glued to its value.
    if text.hasPrefix("-"), !text.hasPrefix("--"), text.utf8.count > 2,
      takesValue(String(text.prefix(2)))
    {
      return (String(text.prefix(2)), word, 2)
    }
    return (text, word, -1)
  }

  package mutating func read(_ kind: AppServerKind) {
    switch kind {
    case .gunicorn, .hypercorn: readGunicorn()
    case .uwsgi: readUwsgi()
    case .daphne: readDaphne()
    case .uvicorn: readUvicorn()
    case .waitress: readWaitress()
    case .runserver: readRunserver()
    case .unknown: break
    }
  }

  package func value(_ word: ShellWord, _ start: Int) -> String {
    start <= 0 ? word.value : String(decoding: Array(word.value.utf8)[start...], as: UTF8.self)
  }

  package mutating func readGunicorn() {
    var bound = false
    var positional: [(ShellWord, Int)] = []
    while index < words.count {
      guard let (name, word, start) = option(takesValue: { Self.gunicornValued.contains($0) })
      else { break }
      if start < 0 {
        if !name.hasPrefix("-") { positional.append((word, 0)) }
        continue
      }
      let text = value(word, start)
      switch name {
      case "-b", "--bind":
        if !bound || (process.port == nil && process.portVariable == nil) {
          bound = applyBind(text, word: word, start: start, defaultPort: 8000)
        }
      case "-w", "--workers": process.workers = Int(text)
      case "--threads": process.threads = Int(text)
      case "-e", "--env": ProcfileModel.assignment(text).map { process.env[$0.0] = $0.1 }
      case "--chdir": process.chdir = text
      case "-c", "--config": process.configFile = text
      case "--pythonpath": process.pythonPath += text.split(separator: ",").map(String.init)
      default: break
      }
    }
    process.bindStated = bound
    if !bound {
      // gunicorn's default bind: 127.0.0.1:8000, or 0.0.0.0:$PORT when PORT is set.
      process.host = "127.0.0.1"
      process.port = 8000
      if let port = process.env["PORT"].flatMap({ Int($0) }) {
        process.host = "0.0.0.0"
        process.port = port
      }
    }
    if let (word, start) = positional.last(where: { Self.looksLikeModule($0.0.value) }) {
      setApp(word, start: start, defaultAttribute: "application")
    }
  }

  package mutating func readUwsgi() {
    while index < words.count {
      guard
        let (name, word, start) = option(takesValue: {
          $0.hasPrefix("-") && !Self.uwsgiFlags.contains($0)
        })
      else { break }
      guard start >= 0 else { continue }
      let text = value(word, start)
      switch name {
      case "--http", "--http-socket":
        if process.port == nil && process.unixSocket == nil {
          _ = applyBind(text, word: word, start: start, defaultPort: nil)
        }
      case "--socket", "-s", "--uwsgi-socket":
        if process.port == nil && process.unixSocket == nil {
          _ = applyBind(text, word: word, start: start, defaultPort: nil)
          process.speaksHTTP = false
        }
      case "--module", "-w", "--wsgi":
        setApp(word, start: start, defaultAttribute: "application")
      case "--wsgi-file", "--file":
        process.wsgiFile = text
        let (module, _) = ProcfileModel.wsgiModule(text)
        process.module = module
        process.attribute = "application"
        process.moduleSpan = word.span(
          from: max(0, start), to: word.value.utf8.count - (text.hasSuffix(".py") ? 3 : 0))
        process.appSpan = word.span(from: max(0, start), to: word.value.utf8.count)
      case "--processes", "-p", "--workers": process.workers = Int(text)
      case "--threads": process.threads = Int(text)
      case "--env": ProcfileModel.assignment(text).map { process.env[$0.0] = $0.1 }
      case "--chdir": process.chdir = text
      case "--ini", "--yaml", "--json": process.configFile = text
      case "--pythonpath", "--python-path", "--pp": process.pythonPath.append(text)
      default: break
      }
    }
  }

  package mutating func readDaphne() {
    var hostSeen = false
    var positional: [(ShellWord, Int)] = []
    while index < words.count {
      guard let (name, word, start) = option(takesValue: { Self.daphneValued.contains($0) }) else {
        break
      }
      if start < 0 {
        if !name.hasPrefix("-") { positional.append((word, 0)) }
        continue
      }
      let text = value(word, start)
      switch name {
      case "-b", "--bind":
        process.host = text
        hostSeen = true
      case "-p", "--port": setPort(text, word: word, start: start)
      case "-u", "--unix-socket": process.unixSocket = "unix:" + text
      case "-e", "--endpoint":
        // tcp:port=8000:interface=0.0.0.0
        for part in text.split(separator: ":") {
          if part.hasPrefix("port=") {
            let offset = text.utf8.distance(from: text.startIndex, to: part.startIndex) + 5
            setPort(String(part.dropFirst(5)), word: word, start: start + offset)
          }
          if part.hasPrefix("interface=") { process.host = String(part.dropFirst(10)) }
        }
        if text.hasPrefix("unix:") { process.unixSocket = text }
      default: break
      }
    }
    if !hostSeen && process.host == nil { process.host = "127.0.0.1" }
    if process.port == nil && process.portVariable == nil && process.unixSocket == nil {
      process.port = 8000
    }
    if let (word, start) = positional.last(where: { Self.looksLikeModule($0.0.value) }) {
      setApp(word, start: start, defaultAttribute: "application")
    }
  }

  package mutating func readUvicorn() {
    var positional: [(ShellWord, Int)] = []
    while index < words.count {
      guard let (name, word, start) = option(takesValue: { Self.uvicornValued.contains($0) }) else {
        break
      }
      if start < 0 {
        if !name.hasPrefix("-") { positional.append((word, 0)) }
        continue
      }
      let text = value(word, start)
      switch name {
      case "--host": process.host = text
      case "--port": setPort(text, word: word, start: start)
      case "--uds": process.unixSocket = "unix:" + text
      case "--workers": process.workers = Int(text)
      case "--app-dir": process.chdir = text
      default: break
      }
    }
    if process.host == nil { process.host = "127.0.0.1" }
    if process.port == nil && process.portVariable == nil && process.unixSocket == nil {
      process.port = 8000
    }
    if let (word, start) = positional.last(where: { Self.looksLikeModule($0.0.value) }) {
      setApp(word, start: start, defaultAttribute: "app")
    }
  }

  package mutating func readWaitress() {
    var positional: [(ShellWord, Int)] = []
    while index < words.count {
      guard
        let (name, word, start) = option(takesValue: {
          ["--listen", "--port", "--host", "--threads"].contains($0)
        })
      else { break }
      if start < 0 {
        if !name.hasPrefix("-") { positional.append((word, 0)) }
        continue
      }
      let text = value(word, start)
      switch name {
      case "--listen":
        _ = applyBind(text.replacingStar(), word: word, start: start, defaultPort: 8080)
      case "--port": setPort(text, word: word, start: start)
      case "--host": process.host = text
      case "--threads": process.threads = Int(text)
      default: break
      }
    }
    if process.port == nil && process.portVariable == nil { process.port = 8080 }
    if process.host == nil { process.host = "0.0.0.0" }
    if let (word, start) = positional.last(where: { Self.looksLikeModule($0.0.value) }) {
      setApp(word, start: start, defaultAttribute: "application")
    }
  }

  package mutating func readRunserver() {
    var addressSeen = false
    while index < words.count {
      guard let (name, word, start) = option(takesValue: { Self.runserverValued.contains($0) })
      else { break }
      if start < 0 {
        if !name.hasPrefix("-") && !addressSeen {
          addressSeen = true
          if word.value.allSatisfy(\.isNumber) {
            process.host = "127.0.0.1"
            setPort(word.value, word: word, start: 0)
          } else {
            _ = applyBind(word.value, word: word, start: 0, defaultPort: 8000)
          }
        }
        continue
      }
      switch name {
      case "--settings": process.settingsModule = value(word, start)
      case "--pythonpath": process.pythonPath.append(value(word, start))
      default: break
      }
    }
    if !addressSeen {
      process.host = "127.0.0.1"
      process.port = 8000
    }
    if process.settingsModule == nil {
      process.settingsModule = process.env["DJANGO_SETTINGS_MODULE"]
    }
  }

  /// `host:port`, `:port`, `[::]:port`, `host`, `unix:/path`, with `$PORT` forms.
  @discardableResult
  package mutating func applyBind(_ text: String, word: ShellWord, start: Int, defaultPort: Int?)
    -> Bool
  {
    if text.hasPrefix("unix:") || text.hasPrefix("/") {
      process.unixSocket = text.hasPrefix("unix:") ? text : "unix:" + text
      return true
    }
    if text.hasPrefix("fd://") { return true }
    var host = text
    var portText: String?
    var portStart = start
    if let colon = lastColonOutsideBraces(text), !text.hasSuffix("]") {
      host = String(text[..<colon])
      portText = String(text[text.index(after: colon)...])
      portStart = start + text.utf8.distance(from: text.startIndex, to: colon) + 1
    } else if text.hasPrefix("$") {
      host = ""
      portText = text
    }
    if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    process.host = host.isEmpty ? "0.0.0.0" : host
    if let portText {
      setPort(portText, word: word, start: portStart)
    } else {
      process.port = defaultPort
    }
    return true
  }

  /// The last `:` not inside `${...}` (so `0.0.0.0:${PORT:-8000}` splits at the right place).
  package func lastColonOutsideBraces(_ text: String) -> String.Index? {
    var depth = 0
    var found: String.Index?
    var index = text.startIndex
    while index < text.endIndex {
      switch text[index] {
      case "{": depth += 1
      case "}": depth = max(0, depth - 1)
      case ":" where depth == 0: found = index
      default: break
      }
      index = text.index(after: index)
    }
    return found
  }

  /// `8000`, `$PORT`, `${PORT}`, `${PORT:-8000}`.
  package mutating func setPort(_ text: String, word: ShellWord, start: Int) {
    process.portSpan = word.span(from: start, to: start + text.utf8.count)
    if let number = Int(text) {
      process.port = number
      return
    }
    if text.hasPrefix("$") {
      var name = String(text.dropFirst())
      var fallback: Int?
      if name.hasPrefix("{") && name.hasSuffix("}") {
        name = String(name.dropFirst().dropLast())
        // `${PORT:-8000}`, `${PORT-8000}`, `${PORT:=8000}`: the default after the operator.
        if let stop = name.firstIndex(where: { !($0.isLetter || $0.isNumber || $0 == "_") }) {
          let rest = name[stop...].drop { $0 == ":" || $0 == "-" || $0 == "=" }
          fallback = Int(rest)
          name = String(name[..<stop])
        }
      }
      process.portVariable = name
      process.port = fallback
    }
  }

  package mutating func setApp(_ word: ShellWord, start: Int, defaultAttribute: String) {
    let text = value(word, max(0, start))
    let base = max(0, start)
    var module = text
    var attribute = defaultAttribute
    if let colon = text.firstIndex(of: ":") {
      module = String(text[..<colon])
      attribute = String(text[text.index(after: colon)...])
    }
    process.module = module
    process.attribute = attribute
    process.moduleSpan = word.span(from: base, to: base + module.utf8.count)
    process.appSpan = word.span(from: base, to: base + text.utf8.count)
  }

  package static func looksLikeModule(_ text: String) -> Bool {
    guard let first = text.first, first.isLetter || first == "_" else { return false }
    let module = text.split(separator: ":", maxSplits: 1).first ?? ""
    return module.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
  }
}

extension String {
  fileprivate func replacingStar() -> String {
    hasPrefix("*:") ? "0.0.0.0" + dropFirst() : self
  }
}
