import EBCheck
import EBCheckReport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A plain `ebcheck check [FLAGS] [PATH...]` and `ebcheck --version`, read without
/// ArgumentParser: its reflection of the command tree cost more than linting a small
/// repository (docs/performance.md). Anything else — help, completions, another command,
/// `-`, `--`, a flag or value this reading does not accept as it stands — gives nil, and
/// ArgumentParser reads the command line as before, with its own messages and errors.
enum QuickCommandLine {
  case version
  case check(LintInvocation)

  /// Set in the environment, this variable sends every command line to ArgumentParser (the
  /// tests compare the two readings with it).
  static let disablingVariable = "EBCHECK_ARGUMENT_PARSER"

  init?(_ arguments: [String]) {
    guard getenv(Self.disablingVariable) == nil else { return nil }
    if arguments == ["--version"] {
      self = .version
      return
    }
    guard arguments.first == "check", let reading = QuickCheckReading(arguments.dropFirst())
    else { return nil }
    self = .check(reading.invocation)
  }
}

/// The flags of `check` taken one by one, as ArgumentParser would take them when nothing is
/// ambiguous: a flag at most once, an option's value inline (`--x=v`) or next and never
/// empty nor starting with `-`, only the listed names.
struct QuickCheckReading {
  private(set) var invocation = LintInvocation(
    paths: [], lint: LintChoices(), config: .discover, report: ReportChoices(),
    fix: FixChoices(), mode: .check, stdinFilename: nil, showSettings: false)
  private var seen: Set<String> = []

  /// The flags without a value.
  static let switches: Set<String> = [
    "--exit-zero", "--statistics", "--quiet", "-q", "--verbose", "-v", "--isolated", "--fix",
    "--diff", "--unsafe-fixes", "--show-fixes", "--show-settings",
  ]
  /// The options with a value (`--format` is `--output-format`'s alias).
  static let options: Set<String> = [
    "--env", "--select", "--ignore", "--config", "--output-format", "--format", "--output-file",
    "--color", "--fail-on",
  ]

  init?(_ arguments: ArraySlice<String>) {
    var config: String?
    var isolated = false
    var fix = false
    var rest = arguments[...]
    while let argument = rest.popFirst() {
      guard argument.hasPrefix("-") else {
        guard argument != "help" else { return nil }
        invocation.paths.append(argument)
        continue
      }
      var name = argument
      var value: String?
      if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
        name = String(argument[..<equals])
        value = String(argument[argument.index(after: equals)...])
      }
      if Self.switches.contains(name) {
        guard value == nil, seen.insert(Self.canonical(name)).inserted else { return nil }
        switch name {
        case "--exit-zero": invocation.report.exitZero = true
        case "--statistics": invocation.report.statistics = true
        case "--quiet", "-q": invocation.report.quiet = true
        case "--verbose", "-v": invocation.report.verbose = true
        case "--isolated": isolated = true
        case "--fix": fix = true
        case "--diff": invocation.fix.diff = true
        case "--unsafe-fixes": invocation.fix.unsafeFixes = true
        case "--show-fixes": invocation.fix.showFixes = true
        default: invocation.showSettings = true
        }
        continue
      }
      guard Self.options.contains(name) else { return nil }
      if value == nil { value = rest.popFirst() }
      guard let value, !value.isEmpty, !value.hasPrefix("-") else { return nil }
      if name == "--env" {
        invocation.lint.environment.append(value)
        continue
      }
      guard seen.insert(Self.canonical(name)).inserted, set(name, value) else { return nil }
      if name == "--config" { config = value }
    }
    // ArgumentParser says why these contradict each other.
    if isolated, config != nil { return nil }
    invocation.config = isolated ? .isolated : config.map { .file($0) } ?? .discover
    invocation.mode = invocation.fix.diff ? .diff : fix ? .fix : .check
  }

  /// Sets a single-valued option; false when ArgumentParser would reject the value.
  private mutating func set(_ name: String, _ value: String) -> Bool {
    switch name {
    case "--select": invocation.lint.select = value
    case "--ignore": invocation.lint.ignore = value
    case "--config": break
    case "--output-file": invocation.report.outputFile = value
    case "--output-format", "--format":
      guard let format = ReportFormat(name: value) else { return false }
      invocation.report.outputFormat = format
    case "--color":
      guard let color = ColorChoice(rawValue: value) else { return false }
      invocation.report.color = color
    default:
      guard let failOn = FailOn(rawValue: value) else { return false }
      invocation.report.failOn = failOn
    }
    return true
  }

  /// One name per flag, whichever spelling was used.
  private static func canonical(_ name: String) -> String {
    switch name {
    case "-q": "--quiet"
    case "-v": "--verbose"
    case "--format": "--output-format"
    default: name
    }
  }
}
