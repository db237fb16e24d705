import EBCheckCore
import EBCheckFormats

/// The Amazon Linux AMI's deploy-time scripts that can change Apache's configuration: the
/// container commands (run in the staged app folder before the platform installs the new
/// version) and the `appdeploy/post` hooks an `.ebextensions` `files:` entry writes (run, in
/// the order of their names, after the platform installed its `wsgi.conf` and restarted
/// httpd; docs/facts.md, Apache).
struct DeployScripts {
  static let amiPostHooks = "/opt/elasticbeanstalk/hooks/appdeploy/post/"

  var containerCommands: [(ShellFileEffects, (Int) -> Location)] = []
  var postHooks: [(path: String, effects: ShellFileEffects, location: (Int) -> Location)] = []
}

extension HttpdConfiguration {
  static let deployedWSGIConf = "/etc/httpd/conf.d/wsgi.conf"

  /// Replays the scripts on the deployed files: a post hook that puts a repository file (or
  /// literal text) in `conf.d` adds or replaces that file; one that replaces `wsgi.conf`
  /// removes the platform's `<VirtualHost *:80>`. A file the hook leaves unknown, or a
  /// `wsgi.conf` copied without restarting httpd afterwards, is recorded as not simulated.
  mutating func applyHooks(
    _ scripts: DeployScripts, _ source: SourceFiles, into byName: inout [String: HttpdFile]
  ) {
    var system = DeployTimeFileSystem(
      source: source, appFolders: DeployTimeFileSystem.amiAppFolders)
    for (effects, location) in scripts.containerCommands {
      system.apply(effects, cwd: DeployTimeFileSystem.amiStaging, location: location)
    }
    let hooks = scripts.postHooks.sorted {
      Array($0.path.utf8).lexicographicallyPrecedes($1.path.utf8)
    }
    for hook in hooks {
      system.apply(hook.effects, cwd: nil, location: hook.location)
    }
    for path in system.written(under: Self.confD) {
      let name = String(path.dropFirst(Self.confD.count))
      guard name.hasSuffix(".conf"), !name.contains("/") else { continue }
      // The last hook writing the file, and whether it or a later one restarts httpd.
      let last = hooks.lastIndex { $0.effects.effects.contains { $0.target.hasSuffix(name) } }
      let hook = last.map { hooks[$0] }
      let hookName = hook?.path ?? "a deploy hook"
      let at = hook.flatMap { hook in
        hook.effects.effects.last { $0.target.hasSuffix(name) }.map { hook.location($0.offset) }
      }
      let restarted = last.map { hooks[$0...].contains { $0.effects.restartsHttpd } } ?? false
      if !restarted {
        unmodelled.append(
          Unverifiable(
            "\(hookName) writes \(path) but does not restart httpd afterwards: the running Apache keeps the configuration it started with until its next restart",
            at: at))
        continue
      }
      switch system.content(of: path) {
      case .text(let text, let origin, let written):
        let file = Self.parse(text, origin: origin, written: written)
        byName[name] = file
        if path == Self.deployedWSGIConf {
          replacedPlatformHost = at ?? written
        }
        for script in Self.scriptAliases(file.directives) {
          let prefix = "/opt/python/current/app/"
          guard script.hasPrefix(prefix) else { continue }
          let relative = String(script.dropFirst(prefix.count))
          if source[relative] == nil, !source.occupied.contains(relative) {
            missingScripts.insert(relative)
          }
        }
      case .absent:
        unmodelled.append(
          Unverifiable(
            "\(hookName) deletes \(path); the configuration left is not simulated", at: at))
      case .unknown(let unknown):
        unmodelled.append(
          Unverifiable(
            "\(hookName) rewrites \(path): \(unknown.reason)", at: unknown.location ?? at))
      case .untouched:
        continue
      }
    }
    // A hook script whose commands ebcheck does not replay, naming the platform's file.
    if replacedPlatformHost == nil, unmodelled.isEmpty,
      system.touched(Self.deployedWSGIConf) || system.touched(Self.platformConf),
      case .unknown(let unknown) = system.content(of: Self.deployedWSGIConf)
    {
      unmodelled.append(
        Unverifiable(
          "a deploy hook rewrites the platform's wsgi.conf: \(unknown.reason)",
          at: unknown.location))
    }
  }

  /// A deployed file's text parsed where it comes from: a repository file copied as is keeps
  /// its own offsets; an edited copy maps each line to the same line of the original (a
  /// `sed` substitution keeps the line count); text a command wrote points at the command.
  static func parse(_ text: String, origin: SourceFile?, written: Location) -> HttpdFile {
    let bytes = Array(text.utf8)
    guard let origin else {
      return HttpdParser.parse(
        bytes: bytes, path: written.file, offset: { _ in written.span.start })
    }
    if bytes == origin.bytes { return HttpdParser.parse(bytes: bytes, path: origin.path) }
    var starts: [Int] = [0]
    for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
      starts.append(index + 1)
    }
    let lines = origin.lineIndex.lineCount
    return HttpdParser.parse(
      bytes: bytes, path: origin.path,
      offset: { offset in
        let line = (starts.lastIndex { $0 <= offset } ?? 0) + 1
        guard line <= lines else { return origin.bytes.count }
        let range = origin.lineIndex.lineContentRange(line: line)
        return min(range.lowerBound + (offset - starts[line - 1]), range.upperBound)
      })
  }

  /// Whether a container command's every effect is read and lands in the staged bundle (a
  /// repository file a hook later installs), not in the platform's `wsgi.conf`.
  static func editsBundleOnly(_ command: String) -> Bool {
    let effects = ShellFileEffects.read(command)
    guard effects.unread.isEmpty, !effects.effects.isEmpty else { return false }
    return effects.effects.allSatisfy { effect in
      guard !effect.target.hasPrefix("/") else {
        return DeployTimeFileSystem.amiAppFolders.contains { effect.target.hasPrefix($0 + "/") }
      }
      return !effect.target.split(separator: "/").contains("..")
    }
  }

  static func scriptAliases(_ directives: [HttpdDirective]) -> [String] {
    directives.flatMap { directive -> [String] in
      if directive.key == "wsgiscriptalias", directive.values.count >= 2 {
        return [directive.values[1]]
      }
      return scriptAliases(directive.block ?? [])
    }
  }

  /// mod_wsgi refuses a second `WSGIDaemonProcess` with a name already defined ("Name
  /// duplicates previous WSGI daemon definition", at configtest): the platform's own
  /// `wsgi.conf` defines `wsgi` unless a hook replaced it.
  func duplicateDaemons() -> [Diagnostic] {
    var seen: [String: String] = [:]
    if replacedPlatformHost == nil { seen["wsgi"] = "the platform's wsgi.conf" }
    var found: [Diagnostic] = []
    func walk(_ directives: [HttpdDirective], _ file: String) {
      for directive in directives {
        if directive.key == "wsgidaemonprocess", let name = directive.values.first {
          if let first = seen[name] {
            found.append(
              Diagnostic(
                problem: .httpdSyntax, severity: .error,
                message:
                  "WSGIDaemonProcess \(name) is already defined by \(first) (mod_wsgi: \"Name duplicates previous WSGI daemon definition\"): apachectl configtest refuses the configuration, so httpd does not start",
                location: directive.location))
          } else {
            seen[name] = file
          }
        }
        walk(directive.block ?? [], file)
      }
    }
    for file in files { walk(file.directives, file.path) }
    return found
  }
}
