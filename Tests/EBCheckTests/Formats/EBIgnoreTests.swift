import EBCheckCore
import EBCheckFormats
import Testing

/// `.ebignore` read as the EB CLI reads it. Every expectation below was produced by the EB
/// CLI's own matcher (pathspec 0.10.1, through Tests/e2e/harness/bundle.py's
/// `ebignore_bundle`, which follows `get_ebignore_list` and `_zipdir`), not written by hand.
@Suite struct EBIgnoreTests {
  static let cases: [(String, [(String, Bool)])] = [
    (
      "*\n!Dockerrun.aws.json\n!.ebextensions/*.config\n!.elasticbeanstalk/*.cfg.yml\n!app/dist/**\n!docker/**\n",
      [
        ("Dockerrun.aws.json", false), ("docker/nginx/nginx.conf", false),
        ("docker/django/prod/Dockerfile", false), ("app/manage.py", true), ("app/dist/x.js", false),
        (".ebextensions/01.config", false), (".ebextensions/sub/x.config", true),
        ("environments/prod/Dockerrun.aws.json", false), ("bin/deploy", true),
        (".elasticbeanstalk/prod.cfg.yml", true),
      ]
    ),
    (
      "build/\n!build/keep.py\n",
      [
        ("build/keep.py", false), ("build/x.py", true), ("a/build/y.py", true),
        ("buildx/z.py", false),
      ]
    ),
    ("build/\n", [("build", false), ("src/build", false)]),
    ("/static\n", [("static/a.css", true), ("app/static/b.css", false), ("x/static", false)]),
    (
      "docs/*.md\n",
      [
        ("docs/a.md", true), ("docs/sub/b.md", false), ("x/docs/a.md", false),
        ("docs/a.mdx", false),
      ]
    ),
    (
      "**/migrations\n",
      [
        ("app/migrations/0001.py", true), ("migrations/x.py", true),
        ("app/migrationsx/y.py", false),
      ]
    ),
    ("a/**/b\n", [("a/b", true), ("a/x/y/b", true), ("x/a/b", false), ("a/bb", false)]),
    ("a/**/b\n", [("a/b/c", true), ("a/q/b/c", true)]),
    ("*.py[cod]\n", [("x.pyc", true), ("a/b.pyo", true), ("x.py", false), ("x.pyd", true)]),
    ("x[!a]y\n", [("xby", true), ("xay", false), ("x/y", true), ("q/x/y2", false)]),
    ("\\#file\n#comment\n", [("#file", true), ("comment", false), ("#comment", false)]),
    ("  spaced  \n\t\n", [("spaced", true), ("a/spaced", true), (" spaced", false)]),
    ("**\n!keep/**\n", [("a.py", true), ("d/e.py", true), ("keep/k.py", false)]),
    ("**/\n", [("root.py", false), ("d/e.py", true), ("d/f/g.py", true)]),
    ("*/\n", [("root.py", false), ("d/e.py", true), ("d/f/g.py", true)]),
    ("caf?.py\n", [("café.py", true), ("cafe.py", true), ("caf/.py", false)]),
    (
      "a.py\r\n!b.py\r\n*.py\r\n!c.py\r\n",
      [("a.py", true), ("b.py", true), ("c.py", false), ("d.py", true)]
    ),
    (
      "[]a]x\n[!]a]y\n[^b]z\n",
      [
        ("]x", true), ("ax", true), ("bx", false), ("qy", true), ("ay", false), ("]y", false),
        ("^z", true), ("bz", true), ("cz", false),
      ]
    ),
    ("[a-c]?.txt\n", [("ab.txt", true), ("d1.txt", false), ("c/.txt", false)]),
    ("/\n", [("a", false), ("b/c", false)]),
    ("a/\n!a/b/\n", [("a/x", true), ("a/b/y", false), ("a/b/c/z", false)]),
    (
      "*.log\n!important.log\nlogs/\n",
      [
        ("x.log", true), ("important.log", false), ("logs/important.log", true),
        ("app/x.log", true),
      ]
    ),
    (
      "",
      [
        ("x.py", false), ("notes.txt~", true), (".elasticbeanstalk/config.yml", true),
        ("app/.elasticbeanstalk-old/x.py", true), (".ebignore", true),
      ]
    ),
    ("foo\rbar\n", [("foo", true), ("bar", true), ("foo\rbar", false)]),
  ]

  @Test(arguments: cases.indices) func leavesOutWhatTheEBCLILeavesOut(_ index: Int) {
    let (text, paths) = Self.cases[index]
    let ebignore = EBIgnore(bytes: Array(text.utf8))
    #expect(ebignore.refusals.isEmpty)
    for (path, excluded) in paths {
      #expect(ebignore.leavesOut(path) == excluded, "\(path) under \(text.debugDescription)")
    }
  }

  /// Lines pathspec (or Python's re) raises on: `eb deploy` stops; each named at its line.
  @Test func linesTheEBCLIRefusesAreNamed() throws {
    let text = "ok.py\n!\nfoo\\\n[z-a].py\r\n# fine\n"
    let ebignore = EBIgnore(bytes: Array(text.utf8))
    #expect(ebignore.refusals.map(\.line) == [2, 3, 4])
    #expect(ebignore.patterns.map(\.text) == ["ok.py"])
    let file = SourceFile(path: ".ebignore", text: text)
    let third = try #require(ebignore.refusals.last)
    #expect(file.text(third.span) == "[z-a].py\r\n")
    #expect(ebignore.refusals[1].message.contains("trailing backslash"))
  }

  @Test func bytesThatAreNotUTF8StopTheReading() {
    let ebignore = EBIgnore(bytes: Array("a.py\n".utf8) + [0xFF, 0x41] + Array("\nb.py\n".utf8))
    #expect(ebignore.refusals.map(\.line) == [2])
    #expect(ebignore.patterns.map(\.text) == ["a.py"])
  }

  /// A long path against a pattern with many stars answers at once (states that failed
  /// are remembered).
  @Test func manyStarsStayFast() {
    let ebignore = EBIgnore(bytes: Array("a*a*a*a*a*a*a*a*b\n**/x/**/y/**/z\n".utf8))
    let path = String(repeating: "a", count: 200)
    #expect(!ebignore.leavesOut(path))
    #expect(!ebignore.leavesOut(String(repeating: "x/y/", count: 50)))
  }
}
