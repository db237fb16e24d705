import EBCheckCore
import EBCheckFormats

/// `sys.argv` of the process that imports the application: the app server's own command
/// line, which settings test to tell a test run (`'test' in sys.argv`) or a management
/// command from the server.
package struct ProcessArguments: Sendable, Hashable {
  /// `sys.argv[0]` when its text is known (`mod_wsgi`, `manage.py` as the command names it).
  package var program: String?
  /// What `sys.argv[0]` ends with when only the end is known: a program the shell finds on
  /// `PATH` is executed by its full path, which ends with `/` and its name.
  package var programEnding: String?
  /// `sys.argv[1:]`.
  package var arguments: [String]
  /// Where the command line comes from, for the reason of what stays open.
  package var origin: String

  package init(program: String?, programEnding: String?, arguments: [String], origin: String) {
    self.program = program
    self.programEnding = programEnding
    self.arguments = arguments
    self.origin = origin
  }

  /// mod_wsgi sets `sys.argv` to `['mod_wsgi']` in every interpreter it creates
  /// (`src/server/wsgi_interp.c`, since 2007).
  package static let modWSGI = ProcessArguments(
    program: "mod_wsgi", programEnding: nil, arguments: [], origin: "mod_wsgi")

  /// `sys.argv` of the server a Procfile line (or Beanstalk's default command) starts; nil
  /// for a server that sets its own (uWSGI) or a line ebcheck does not read.
  package static func of(_ process: ProcfileProcess, origin: String) -> ProcessArguments? {
    guard process.server != .unknown, process.server != .uwsgi, let word = process.argv.first
    else { return nil }
    let rest = Array(process.argv.dropFirst())
    let name = ProcfileModel.basename(word)
    guard name.hasPrefix("python") else {
      // A console script: its shebang runs Python with the script's path as argv[0].
      return word.contains("/")
        ? ProcessArguments(program: word, programEnding: nil, arguments: rest, origin: origin)
        : ProcessArguments(
          program: nil, programEnding: "/" + word, arguments: rest, origin: origin)
    }
    // The interpreter's own options come before the script or `-m module`.
    var index = 0
    while index < rest.count, rest[index].hasPrefix("-"), rest[index] != "-m",
      rest[index] != "-c"
    {
      index += 1
    }
    guard index < rest.count, rest[index] != "-c" else { return nil }
    if rest[index] == "-m" {
      // runpy puts the module's file path in argv[0] (a package's `__main__.py`).
      guard index + 1 < rest.count else { return nil }
      return ProcessArguments(
        program: nil, programEnding: ".py", arguments: Array(rest[(index + 2)...]),
        origin: origin)
    }
    return ProcessArguments(
      program: rest[index], programEnding: nil, arguments: Array(rest[(index + 1)...]),
      origin: origin)
  }

  /// The list `sys.argv` evaluates to; `location` is the expression that reads it.
  package func value(at location: Location) -> PyValue {
    var first: PyValue
    if let program {
      first = .string(program)
    } else {
      var path = DynamicValue(
        reason: "the path of the program \(origin) runs", location: location)
      path.textEnding = programEnding
      first = .dynamic(path)
    }
    return .list([PyElement(first, location)] + arguments.map { PyElement(.string($0), location) })
  }
}
