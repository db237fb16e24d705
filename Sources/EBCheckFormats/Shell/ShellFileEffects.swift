import EBCheckCore

/// What one shell command does to one file, read from its text (never run).
public struct ShellFileEffect: Sendable, Hashable {
  public enum Action: Sendable, Hashable {
    /// `cp`, `mv`, `ln -s`, `cat SRC >`, `install`: the target holds what `from` holds.
    case copy(from: String)
    /// `cat SRC >> TARGET`.
    case appendFile(from: String)
    /// `echo TEXT >`, `printf`, `tee`, a here-document: the target holds this text.
    case write(String)
    /// The same with `>>` or `tee -a`.
    case appendText(String)
    /// `sed -i 's/PATTERN/REPLACEMENT/[g]'`: a pattern of literal characters, `.` (any
    /// character) and the anchors `^`/`$`; the replacement literal.
    case replace(SedPattern, with: String, everyOccurrence: Bool)
    /// `rm`, or the source of an `mv`.
    case delete
  }

  /// The file as written in the command (relative to the command's working directory).
  public var target: String
  public var action: Action
  /// The simple command that has this effect, for messages.
  public var command: String
  /// Byte offset of that command in the script.
  public var offset: Int
}

/// A command ebcheck does not read that may write files: its text and offset.
public struct UnreadShellCommand: Sendable, Hashable {
  public var command: String
  public var offset: Int
}

/// The file effects of a script or command line, in order; commands that write files in
/// ways not read are listed apart, so that a reader can tell whether they touch its file.
public struct ShellFileEffects: Sendable, Hashable {
  public var effects: [ShellFileEffect] = []
  public var unread: [UnreadShellCommand] = []
  /// Whether the script restarts or reloads Apache httpd (so a configuration it writes is
  /// the one httpd runs after it).
  public var restartsHttpd = false

  public init() {}

  /// Programs that never write a file the deployment reads.
  private static let harmless: Set<String> = [
    "echo", "printf", "true", "false", "exit", "set", "export", "cd", "mkdir", "chmod", "chown",
    "test", "[", "sleep", "python", "python3", "pip", "pip3", "npm", "yum", "apt-get", "curl",
    "wget", "source", ".", "if", "then", "else", "fi", "for", "do", "done", "while", "systemctl",
    "service", "supervisorctl", "apachectl", "httpd", "nginx", "ls", "cat", "grep", "touch",
  ]

  public static func read(_ script: String) -> ShellFileEffects {
    var result = ShellFileEffects()
    let lines = ShellLines(script)
    for line in lines.lines {
      result.read(line)
    }
    return result
  }

  private mutating func read(_ line: ShellLine) {
    let lower = line.text.lowercased()
    if [
      "restart httpd", "reload httpd", "graceful", "httpd -k", "apachectl restart", "apachectl -k",
    ]
    .contains(where: lower.contains) {
      restartsHttpd = true
    }
    guard !line.unreadable, let pipelines = ShellTokens.commands(line.text) else {
      if Self.mayWrite(line.text) {
        unread.append(UnreadShellCommand(command: line.text, offset: line.offset))
      }
      return
    }
    for pipeline in pipelines {
      read(pipeline, line: line)
    }
  }

  private mutating func read(_ pipeline: [ShellTokens.Simple], line: ShellLine) {
    let offset = line.offset + (pipeline.first?.offset ?? 0)
    let text = pipeline.map(\.text).joined(separator: " | ")
    func unreadCommand() {
      if Self.mayWrite(text) || line.heredoc != nil {
        unread.append(UnreadShellCommand(command: text, offset: offset))
      }
    }
    func add(_ target: String, _ action: ShellFileEffect.Action) {
      effects.append(ShellFileEffect(target: target, action: action, command: text, offset: offset))
    }
    // A producer piped into `tee [-a] FILE`.
    if pipeline.count == 2, pipeline[1].words.first == "tee", pipeline[1].redirect == nil {
      let tee = pipeline[1].words.dropFirst()
      let append = tee.first == "-a"
      let files = tee.filter { !$0.hasPrefix("-") }
      guard files.count == 1,
        let produced = Self.output(of: pipeline[0], heredoc: line.heredoc)
      else { return unreadCommand() }
      return add(files[0], append ? .appendText(produced) : .write(produced))
    }
    guard pipeline.count == 1, let command = pipeline.first else { return unreadCommand() }
    let words = command.words
    guard let program = words.first else { return }
    if let redirect = command.redirect {
      if program == "cat" {
        let operands = words.dropFirst().filter { !$0.hasPrefix("-") }
        if operands.isEmpty, let body = line.heredoc {
          return add(redirect.target, redirect.append ? .appendText(body) : .write(body))
        }
        guard operands.count == 1 else { return unreadCommand() }
        return add(
          redirect.target,
          redirect.append ? .appendFile(from: operands[0]) : .copy(from: operands[0]))
      }
      guard let produced = Self.output(of: command, heredoc: line.heredoc) else {
        return unreadCommand()
      }
      return add(redirect.target, redirect.append ? .appendText(produced) : .write(produced))
    }
    let operands = words.dropFirst().filter { !$0.hasPrefix("-") }
    switch program {
    case "cp", "install", "ln":
      if program == "ln", !words.contains(where: { $0.hasPrefix("-") && $0.contains("s") }) {
        return unreadCommand()  // a hard link: the same, but rare enough not to read
      }
      if words.contains("-t") || words.contains("--target-directory") || operands.count != 2 {
        return unreadCommand()
      }
      add(operands[1], .copy(from: operands[0]))
    case "mv":
      guard operands.count == 2 else { return unreadCommand() }
      add(operands[1], .copy(from: operands[0]))
      add(operands[0], .delete)
    case "rm":
      for operand in operands { add(operand, .delete) }
    case "sed":
      readSed(words, add: add, unread: unreadCommand)
    default:
      if !Self.harmless.contains(program) { unreadCommand() }
    }
  }

  private func readSed(
    _ words: [String], add: (String, ShellFileEffect.Action) -> Void, unread: () -> Void
  ) {
    var inPlace = false
    var scripts: [String] = []
    var files: [String] = []
    var index = 1
    while index < words.count {
      let word = words[index]
      if word == "-i" || (word.hasPrefix("-i") && !word.hasPrefix("-i=")) || word == "--in-place" {
        inPlace = true
      } else if word == "-e", index + 1 < words.count {
        scripts.append(words[index + 1])
        index += 1
      } else if word.hasPrefix("-") {
        return unread()
      } else if scripts.isEmpty {
        scripts.append(word)
      } else {
        files.append(word)
      }
      index += 1
    }
    guard inPlace, scripts.count == 1, !files.isEmpty,
      let substitution = SedSubstitution(scripts[0])
    else { return unread() }
    for file in files {
      add(
        file,
        .replace(
          substitution.pattern, with: substitution.replacement,
          everyOccurrence: substitution.global))
    }
  }

  /// What `echo`/`printf` (or `cat` of a here-document) writes, when it is literal.
  static func output(of command: ShellTokens.Simple, heredoc: String?) -> String? {
    var words = command.words
    guard let program = words.first else { return nil }
    words.removeFirst()
    switch program {
    case "cat" where words.isEmpty:
      return heredoc
    case "echo":
      var newline = true
      if words.first == "-n" {
        newline = false
        words.removeFirst()
      }
      if words.first?.hasPrefix("-") == true { return nil }
      let text = words.joined(separator: " ")
      if text.contains("\\") { return nil }
      return text + (newline ? "\n" : "")
    case "printf":
      guard words.count == 1, !words[0].contains("%") else { return nil }
      let text = words[0].replacingOccurrences("\\n", "\n")
      return text.contains("\\") ? nil : text
    default:
      return nil
    }
  }

  /// Whether a command line might write a file: a redirection or a program that writes.
  static func mayWrite(_ text: String) -> Bool {
    if text.contains(">") { return true }
    let first = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
    return !harmless.contains(first)
  }
}
