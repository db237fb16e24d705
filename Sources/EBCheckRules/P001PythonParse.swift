import EBCheckCore

/// P001: a Python file ebcheck must read (settings, URLconf, middleware) does not parse.
public struct PythonParseRule: ReaderProblemRule {
  public static let id = ReaderProblem.pythonSyntax.id

  public init() {}

  public let problem = ReaderProblem.pythonSyntax

  public let description = RuleDescription(
    id: Self.id, name: "python-parse-error", severity: .error,
    summary: "A Python file ebcheck must read (settings, URLconf, middleware) does not parse.",
    rationale: """
      A settings module that does not parse cannot be imported: the app never starts. It also \
      means ebcheck cannot see what the file sets, so its predictions would be guesses.
      """,
    fix: "Fix the syntax error at the reported place (Python 3 syntax).",
    fixable: false,
    triggering: [
      ExampleRepo.django(settings: "print ↓'hello'\n").saying("Python 2 print statement")
    ],
    nonTriggering: [
      ExampleRepo.django(settings: "print('안녕')\r\n"),
      ExampleRepo.django(settings: "ALLOWED_HOSTS = ['*']\nprint 'x'  # ebcheck: ignore[P001]\n"),
    ])
}
