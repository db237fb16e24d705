import EBCheckCore
import EBCheckFormats
import EBCheckPython

/// What the files on the instance hold after the deployment's commands ran (container
/// commands, hook scripts), as far as their text shows it: each command ebcheck reads
/// (`ShellFileEffects`) copies, writes, edits or deletes one deployed file; a command it does
/// not read that names a file makes that file unknown, with the command named. Shared by the
/// nginx and Apache readers: the same commands rewrite both.
package struct DeployTimeFileSystem {
  package enum Content {
    /// Not touched by any command: what the platform or the bundle put there.
    case untouched
    /// Text with where it comes from: the repository file it was copied from (nil when a
    /// command wrote it), and where it was written.
    case text(String, origin: SourceFile?, written: Location)
    case absent
    /// The platform's own file edited in a way ebcheck cannot replay (it does not hold the
    /// platform's text), or a command it does not read.
    case unknown(Unverifiable)
  }

  /// Absolute deployed path → content, for the paths a command touched.
  private var state: [String: Content] = [:]
  /// Commands not read, with their location: they may touch any file they name.
  private var unread: [(command: String, location: Location)] = []
  private let source: SourceFiles
  /// The application folders of the platform (staged and current), whose files are the bundle's.
  package let appFolders: [String]

  package init(source: SourceFiles, appFolders: [String]) {
    self.source = source
    self.appFolders = appFolders
  }

  /// The Amazon Linux AMI: the bundle is staged in `/opt/python/ondeck/app` (where container
  /// commands run) and moved to `/opt/python/current/app`.
  package static let amiAppFolders = ["/opt/python/ondeck/app", "/opt/python/current/app"]
  package static let amiStaging = "/opt/python/ondeck/app"

  /// Runs a script's effects in order. `cwd` is the folder the commands start in (nil when it
  /// is not documented: a relative path then makes its file unknown); `location` maps a byte
  /// offset of the script to the repository file it is written in.
  package mutating func apply(
    _ effects: ShellFileEffects, cwd: String?, location: (Int) -> Location
  ) {
    for command in effects.unread {
      unread.append((command.command, location(command.offset)))
      for key in state.keys where Self.names(command.command, key) {
        state[key] = .unknown(Self.unreadReason(command.command, location(command.offset)))
      }
    }
    for effect in effects.effects {
      let at = location(effect.offset)
      guard let target = absolute(effect.target, cwd: cwd) else {
        // A relative target without a known folder: any file of that name is unknown.
        unread.append((effect.command, at))
        continue
      }
      switch effect.action {
      case .delete:
        state[target] = .absent
      case .write(let text):
        state[target] = .text(text, origin: nil, written: at)
      case .appendText(let text):
        state[target] = appended(content(of: target), text, at)
      case .copy(let from):
        guard let from = absolute(from, cwd: cwd) else {
          state[target] = .unknown(
            Unverifiable(
              "`\(effect.command)` copies from a relative path whose folder is not known", at: at))
          continue
        }
        state[target] = copied(content(of: from), from: from, at)
      case .appendFile(let from):
        guard let from = absolute(from, cwd: cwd), case .text(let more, _, _) = content(of: from)
        else {
          state[target] = .unknown(Unverifiable("`\(effect.command)` is not replayed", at: at))
          continue
        }
        state[target] = appended(content(of: target), more, at)
      case .replace(let pattern, let replacement, let every):
        switch content(of: target) {
        case .text(let text, let origin, let written):
          let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            pattern.apply(to: String($0), replacement: replacement, everyOccurrence: every)
          }
          state[target] = .text(lines.joined(separator: "\n"), origin: origin, written: written)
        case .absent:
          state[target] = .unknown(
            Unverifiable("`\(effect.command)` edits \(target), which does not exist", at: at))
        case .untouched, .unknown:
          state[target] = .unknown(
            Unverifiable(
              "`\(effect.command)` edits \(target), whose text is the platform's, not the repository's",
              at: at))
        }
      }
    }
  }

  /// What a deployed path holds now; a bundle file's text under an application folder.
  package func content(of path: String) -> Content {
    let path = absolute(path, cwd: nil) ?? path
    if let known = state[path] { return known }
    if let relative = bundlePath(path) {
      if let file = source[relative] {
        return .text(file.text, origin: file, written: Location(file: file.path, span: Span(at: 0)))
      }
      if source.occupied.contains(relative) {
        return .unknown(Unverifiable("\(relative) is a bundle file ebcheck does not read"))
      }
    }
    if let command = unread.last(where: { Self.names($0.command, path) }) {
      return .unknown(Self.unreadReason(command.command, command.location))
    }
    return bundlePath(path) != nil ? .absent : .untouched
  }

  /// Whether a command changed this path (read or not).
  package func touched(_ path: String) -> Bool {
    state[path] != nil || unread.contains { Self.names($0.command, path) }
  }

  /// The paths commands wrote under a folder, sorted.
  package func written(under folder: String) -> [String] {
    state.keys.filter { $0.hasPrefix(folder) }.sorted {
      Array($0.utf8).lexicographicallyPrecedes($1.utf8)
    }
  }

  /// The absolute path, with every application folder written as the first one (the staged
  /// folder becomes the current one: the same files).
  private func absolute(_ path: String, cwd: String?) -> String? {
    let full: String
    if path.hasPrefix("/") {
      full = DeployedFiles.normalized(path)
    } else if let cwd {
      full = DeployedFiles.normalized(cwd + "/" + path)
    } else {
      return nil
    }
    for folder in appFolders.dropFirst() where full == folder || full.hasPrefix(folder + "/") {
      return appFolders[0] + full.dropFirst(folder.count)
    }
    return full
  }

  private func bundlePath(_ path: String) -> String? {
    for folder in appFolders where path.hasPrefix(folder + "/") {
      return String(path.dropFirst(folder.count + 1))
    }
    return nil
  }

  private func copied(_ content: Content, from: String, _ at: Location) -> Content {
    switch content {
    case .text, .unknown: return content
    case .absent:
      return .unknown(
        Unverifiable("the copy at this line reads \(from), which is not in the bundle", at: at))
    case .untouched:
      return .unknown(
        Unverifiable("the copy at this line reads \(from), which is not a repository file", at: at))
    }
  }

  private func appended(_ content: Content, _ more: String, _ at: Location) -> Content {
    switch content {
    case .text(let text, let origin, let written):
      return .text(text + more, origin: origin, written: written)
    case .absent:
      return .text(more, origin: nil, written: at)
    case .untouched, .unknown:
      return .unknown(
        Unverifiable(
          "the line at this command is appended to a file whose text is the platform's", at: at))
    }
  }

  static func names(_ command: String, _ path: String) -> Bool {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    return !name.isEmpty && command.contains(name)
  }

  static func unreadReason(_ command: String, _ location: Location) -> Unverifiable {
    let shown = command.count > 80 ? String(command.prefix(77)) + "..." : command
    return Unverifiable("`\(shown)` is a command ebcheck does not replay", at: location)
  }
}
