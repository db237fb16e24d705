import EBCheckCore
import EBCheckFormats

/// The repository's Apache httpd configuration, as the platform includes it (docs/facts.md,
/// Apache): on Amazon Linux 2 with `ProxyServer: apache`, `.platform/httpd/conf.d/*.conf` and
/// `conf.d/elasticbeanstalk/*.conf` after the platform's `<VirtualHost *:80>`; on the Amazon
/// Linux AMI, the `.ebextensions` `files:` written under `/etc/httpd/conf.d/`, beside the
/// platform's `wsgi.conf`.
public struct HttpdConfiguration: Sendable {
  /// The files in the order httpd includes them.
  public var files: [HttpdFile] = []
  /// AP001 findings: files `apachectl configtest` refuses.
  public var diagnostics: [Diagnostic] = []
  /// What the repository changes that the simulation does not follow: a replaced main file,
  /// a hook or command rewriting the platform's `wsgi.conf`, a file fetched at deploy time.
  public var unmodelled: [Unverifiable] = []
  /// The file mod_wsgi runs (`WSGIPath` relative to the app folder), on the Amazon Linux AMI.
  public var wsgiScript = "application.py"
  /// Indexes into `files` of the ones httpd reads before the platform's `<VirtualHost *:80>`:
  /// on the Amazon Linux AMI, `conf.d` files whose names sort before `wsgi.conf`.
  public var readBeforePlatformHost: Set<Int> = []
  /// Files that may or may not apply, so the check is simulated with and without them (the
  /// answer is known when both agree; docs/facts.md, Apache): `.ebextensions` `files:` under
  /// `/etc/httpd/conf.d/` on Amazon Linux 2 with the Apache proxy (written by the deployment,
  /// but whether they survive the platform's proxy configuration step is not documented), and
  /// lines a container command appends to the Amazon Linux AMI's `wsgi.conf`.
  public var uncertainFiles: [HttpdFile] = []
  /// Why `uncertainFiles` may or may not apply, for the trace.
  public var uncertainReason = ""
  /// Where a deploy hook replaces the Amazon Linux AMI's `wsgi.conf` (its `<VirtualHost
  /// *:80>` is then gone, and the replacement, in `files`, holds the hosts that answer).
  public var replacedPlatformHost: Location?
  /// Scripts (app-relative) a `WSGIScriptAlias` in a hook-installed file names that the
  /// bundle does not hold.
  public var missingScripts: Set<String> = []

  public init() {}

  /// Whether configtest refuses a file: then the deployment fails and none apply.
  public var refused: Bool { !diagnostics.isEmpty }

  package static let platformFolder = ".platform/httpd/"
  package static let confD = "/etc/httpd/conf.d/"

  /// The files for the platform: `.platform/httpd` for the Apache proxy, `.ebextensions`
  /// `files:` for mod_wsgi; none when nginx fronts the app.
  public static func load(
    from files: SourceFiles, beanstalk: BeanstalkConfiguration, platform: Platform,
    wsgiPath: String? = nil
  ) -> HttpdConfiguration {
    var configuration = HttpdConfiguration()
    if let path = wsgiPath?.trimmingWhitespace(), !path.isEmpty {
      let prefixes = ["/opt/python/current/app/", "/opt/python/ondeck/app/"]
      let relative = prefixes.first(where: path.hasPrefix).map { String(path.dropFirst($0.count)) }
      configuration.wsgiScript = relative ?? path
    }
    if platform.isModWSGI {
      configuration.readExtensions(beanstalk, files)
    } else if platform.proxy.value == .apache {
      configuration.readPlatformFolder(files)
      var extensions = HttpdConfiguration()
      extensions.readExtensions(beanstalk, files)
      configuration.uncertainFiles = extensions.files
      configuration.uncertainReason =
        ".ebextensions files: under /etc/httpd/conf.d/ on Amazon Linux 2; whether they survive the platform's proxy configuration (from .platform/httpd) is not documented"
      configuration.diagnostics += extensions.files.flatMap(\.diagnostics)
    }
    configuration.diagnostics =
      configuration.files.flatMap(\.diagnostics)
      + configuration.uncertainFiles.flatMap(\.diagnostics)
    if platform.isModWSGI, configuration.diagnostics.isEmpty {
      configuration.diagnostics += configuration.duplicateDaemons()
    }
    return configuration
  }

  private mutating func readPlatformFolder(_ source: SourceFiles) {
    let base = Self.platformFolder
    if let main = source[base + "conf/httpd.conf"] {
      unmodelled.append(
        Unverifiable(
          "\(main.path) replaces the platform's httpd.conf; its virtual hosts are not simulated",
          at: Location(file: main.path, span: Span(at: 0))))
    }
    let direct = source.all.filter {
      $0.path.hasPrefix(base + "conf.d/") && $0.path.hasSuffix(".conf")
        && !$0.path.dropFirst(base.count + 7).contains("/")
    }
    let generated = source.all.filter {
      $0.path.hasPrefix(base + "conf.d/elasticbeanstalk/") && $0.path.hasSuffix(".conf")
        && !$0.path.dropFirst(base.count + 22).contains("/")
    }
    for file in Self.sorted(direct) + Self.sorted(generated) {
      files.append(HttpdParser.parse(bytes: file.bytes, path: file.path))
    }
  }

  private static func sorted(_ files: [SourceFile]) -> [SourceFile] {
    files.sorted { Array($0.path.utf8).lexicographicallyPrecedes($1.path.utf8) }
  }

  /// `files:` entries of the `.ebextensions` configs: `/etc/httpd/conf.d/*.conf` are read
  /// (in the order of their names, as `Include conf.d/*.conf` loads them); a hook or command
  /// that rewrites the platform's `wsgi.conf` is recorded as not simulated.
  private mutating func readExtensions(_ beanstalk: BeanstalkConfiguration, _ source: SourceFiles) {
    var written: [(name: String, file: HttpdFile)] = []
    var appendedToWSGIConf: [HttpdFile] = []
    var scripts = DeployScripts()
    for yaml in beanstalk.files where yaml.path.contains(".ebextensions/") {
      guard let root = yaml.root else { continue }
      for pair in root["files"]?.mapping ?? [] {
        guard let target = pair.key.scalar else { continue }
        let location = Location(file: yaml.path, span: pair.key.span)
        let content = pair.value["content"]
        if target.hasPrefix(Self.confD), target.hasSuffix(".conf"),
          !target.dropFirst(Self.confD.count).contains("/")
        {
          guard let node = content, let text = node.scalar else {
            unmodelled.append(
              Unverifiable(
                "\(target) is fetched at deploy time (`source:`); its rules are not simulated",
                at: location))
            continue
          }
          let offsets = BlockScalarOffsets(node: node, text: text, file: source[yaml.path])
          written.append(
            (
              String(target.dropFirst(Self.confD.count)),
              HttpdParser.parse(bytes: Array(text.utf8), path: yaml.path, offset: offsets.map)
            ))
        } else if target == "/etc/httpd/conf/httpd.conf" {
          unmodelled.append(
            Unverifiable(
              "\(target) replaces the platform's httpd.conf; its virtual hosts are not simulated",
              at: location))
        } else if target.hasPrefix(DeployScripts.amiPostHooks), let node = content,
          let text = node.scalar
        {
          let offsets = BlockScalarOffsets(node: node, text: text, file: source[yaml.path])
          scripts.postHooks.append(
            (
              target, ShellFileEffects.read(text),
              { Location(file: yaml.path, span: Span(at: offsets.map($0))) }
            ))
        } else if let text = content?.scalar, Self.rewritesWSGIConf(text) {
          unmodelled.append(Unverifiable(Self.wsgiConfRewrite(by: target), at: location))
        }
      }
      for pair in root["container_commands"]?.mapping ?? [] {
        let command = pair.value["command"]?.scalar ?? pair.value.scalar ?? ""
        let commandAt = (pair.value["command"] ?? pair.value).span.start
        scripts.containerCommands.append(
          (
            ShellFileEffects.read(command),
            { _ in Location(file: yaml.path, span: Span(at: commandAt)) }
          ))
        if let appended = WSGIConfAppend(command: command) {
          let node = pair.value["command"] ?? pair.value
          let at = node.span.start
          appendedToWSGIConf.append(
            HttpdParser.parse(
              bytes: Array(appended.text.utf8), path: yaml.path, offset: { _ in at }))
        } else if Self.rewritesWSGIConf(command), !Self.editsBundleOnly(command) {
          unmodelled.append(
            Unverifiable(
              "container command \(pair.key.scalar ?? "") rewrites the platform's wsgi.conf; the Apache configuration it produces is not simulated",
              at: Location(file: yaml.path, span: pair.key.span)))
        }
      }
    }
    // A later config writing the same file replaces it; lines a command appends to the
    // platform's wsgi.conf are read where httpd reads that file, after its virtual host.
    var byName: [String: HttpdFile] = [:]
    for (name, file) in written { byName[name] = file }
    if !scripts.postHooks.isEmpty {
      applyHooks(scripts, source, into: &byName)
    }
    for name in byName.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes($1.utf8) }) {
      if Array(name.utf8).lexicographicallyPrecedes(Self.platformConf.utf8) {
        readBeforePlatformHost.insert(files.count)
      }
      files.append(byName[name]!)
    }
    if !appendedToWSGIConf.isEmpty {
      uncertainFiles += appendedToWSGIConf
      uncertainReason =
        "a container command appends to the platform's wsgi.conf; whether the line lands there is not documented"
    }
  }

  /// The platform's own file in `conf.d` on the Amazon Linux AMI.
  package static let platformConf = "wsgi.conf"

  /// The Amazon Linux AMI's Python hook library: its `generate_apache_config` writes
  /// wsgi.conf from a `%`-formatted template when the platform's own hooks call it.
  package static let amiHookLibrary = "/opt/elasticbeanstalk/hooks/config.py"

  /// Why a file that rewrites wsgi.conf leaves the Apache configuration unknown.
  package static func wsgiConfRewrite(by target: String) -> String {
    guard target == amiHookLibrary else {
      return
        "\(target) rewrites the platform's wsgi.conf at deploy time; the Apache configuration it produces is not simulated"
    }
    return
      "\(target) replaces the platform's Python hook library, whose template becomes wsgi.conf when the platform's own deploy hooks call it with values from /opt/elasticbeanstalk/bin/get-config; neither those hooks nor those values are in the repository, so the Apache configuration it produces is not simulated"
  }

  private static func rewritesWSGIConf(_ text: String) -> Bool {
    text.contains("wsgi.conf") || text.contains("WSGIScriptAlias")
  }
}

/// Maps byte offsets of a YAML block scalar's text back into its configuration file: each
/// content line starts after the block's indentation on its own source line.
private struct BlockScalarOffsets {
  var lineStarts: [(content: Int, source: Int)] = []
  let fallback: Int
  var end = 0

  init(node: YAMLNode, text: String, file: SourceFile?) {
    fallback = node.span.start
    guard let file, node.style == .literal else { return }
    end = node.span.end
    let bytes = file.bytes
    var cursor = node.span.start
    // Skip the indicator line (`|`, `|-`, `>+2`...).
    while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "\n") { cursor += 1 }
    cursor += 1
    var indent: Int?
    var content = 0
    for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      guard cursor < min(bytes.count, node.span.end + 1) else { break }
      var spaces = 0
      while cursor + spaces < bytes.count, bytes[cursor + spaces] == UInt8(ascii: " ") {
        spaces += 1
      }
      if !line.isEmpty {
        indent = indent ?? spaces
        lineStarts.append((content, cursor + min(spaces, indent ?? spaces)))
      }
      content += line.count + 1
      while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "\n") { cursor += 1 }
      cursor += 1
    }
  }

  func map(_ offset: Int) -> Int {
    guard let line = lineStarts.last(where: { $0.content <= offset }) else { return fallback }
    return min(line.source + (offset - line.content), end)
  }
}

/// `echo "LINE" >> ../wsgi.conf` (or `>> /etc/httpd/conf.d/wsgi.conf`) in a container command:
/// container commands run in the staging app folder, whose parent holds the wsgi.conf the
/// platform then installs (docs/facts.md, Apache), so the line lands at its end, outside its
/// `<VirtualHost>`. Only one literal `echo` (or `printf` without format directives) whose
/// whole output is appended is read; anything else stays a rewrite that is not simulated.
package struct WSGIConfAppend {
  package var text: String

  package init?(command: String) {
    let trimmed = command.trimmingWhitespace()
    guard let arrow = trimmed.firstRange(of: ">>") else { return nil }
    let target = String(trimmed[arrow.upperBound...]).trimmingWhitespace()
    let targets = ["../wsgi.conf", "/opt/python/ondeck/wsgi.conf", "/etc/httpd/conf.d/wsgi.conf"]
    guard targets.contains(target) else { return nil }
    var words = String(trimmed[..<arrow.lowerBound]).trimmingWhitespace()
    var printf = false
    if words.hasPrefix("echo ") {
      words = String(words.dropFirst(5)).trimmingWhitespace()
    } else if words.hasPrefix("printf ") {
      words = String(words.dropFirst(7)).trimmingWhitespace()
      printf = true
    } else {
      return nil
    }
    guard let quote = words.first, quote == "\"" || quote == "'", words.count >= 2,
      words.last == quote
    else { return nil }
    var body = String(words.dropFirst().dropLast())
    guard !body.contains(quote), !body.contains("$"), !body.contains("`") else { return nil }
    if quote == "\"" && body.contains("\\") && !printf { return nil }
    if printf {
      guard !body.contains("%") else { return nil }
      body = body.replacingOccurrences("\\n", "\n")
      guard !body.contains("\\") else { return nil }
    }
    text = body + "\n"
  }
}
