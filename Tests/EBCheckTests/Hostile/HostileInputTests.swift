import EBCheck
import EBCheckCore
import EBCheckModel
import EBCheckPython
import EBCheckSimulation
import Foundation
import Testing

/// Regressions from Tests/hostile (the input matrix and the fuzz targets): each input once
/// crashed, hung or read where it should not.
@Suite struct HostileInputTests {
  static func settings(_ source: String) -> SourceFiles {
    SourceFiles([SourceFile(path: "mysite/settings.py", text: source)])
  }

  static func evaluate(_ source: String) -> EvaluatedSettings? {
    SettingsEvaluator(files: settings(source)).evaluate(module: "mysite.settings")
  }

  /// The element values of a list setting (elements also carry where they were written).
  static func list(_ value: SettingValue?) -> [PyValue]? {
    guard case .list(let elements)? = value?.value else { return nil }
    return elements.map(\.value)
  }

  // MARK: Python: left-nested chains overflowed the evaluator's stack (SIGSEGV)

  static let chains: [(String, String)] = [
    ("sum", "X = 1" + String(repeating: " + 1", count: 200_000)),
    ("product", "X = 1" + String(repeating: " * 2", count: 200_000)),
    ("bit or", "X = 1" + String(repeating: " | 1", count: 200_000)),
    ("shift", "X = 1" + String(repeating: " << 0", count: 200_000)),
    ("calls", "X = f" + String(repeating: "()", count: 200_000)),
    ("attributes", "X = a" + String(repeating: ".b", count: 200_000)),
    ("subscripts", "X = x" + String(repeating: "[0]", count: 200_000)),
    ("elif", "if A:\n    pass\n" + String(repeating: "elif B:\n    pass\n", count: 100_000)),
  ]

  @Test(arguments: chains.map(\.0))
  func longChainIsANestingErrorNotACrash(_ name: String) throws {
    let source = try #require(Self.chains.first { $0.0 == name }?.1)
    let file = SourceFile(path: "mysite/settings.py", text: source + "\nALLOWED_HOSTS = ['x']\n")
    let module = PythonParser.parse(file)
    #expect(module.diagnostics.contains { $0.message.contains("nesting too deep") })
    // The statement after the chain is still read, and evaluation terminates.
    let evaluated = try #require(Self.evaluate(source + "\nALLOWED_HOSTS = ['x']\n"))
    #expect(Self.list(evaluated["ALLOWED_HOSTS"]) == [.string("x")])
  }

  @Test func chainsUpToTheLimitStillEvaluate() throws {
    let source = "X = 0" + String(repeating: " + 1", count: 150) + "\n"
    let module = PythonParser.parse(SourceFile(path: "mysite/settings.py", text: source))
    #expect(module.diagnostics.isEmpty)
    #expect(Self.evaluate(source)?["X"]?.value == .int(150))
  }

  // MARK: Python: Int overflow trapped (SIGILL) in repetition and range

  @Test(arguments: [
    "A = 'ab' * 2**62",
    "A = [1, 2, 3, 4] * 4611686018427387904",
    "A = (1, 2) * 9223372036854775807",
    "A = 9223372036854775807 * 'xy'",
    // Shared inner lists: 10**10 values for every walk over the result.
    "A = [[1] * 100000] * 100000",
    "A = ([(1, 2)] * 1000) * 1000",
  ])
  func hugeRepetitionIsUnknown(_ source: String) throws {
    let evaluated = try #require(Self.evaluate(source + "\n"))
    let value = try #require(evaluated["A"]?.value)
    #expect(!value.isLiteral)
  }

  @Test func rangeNearIntLimitsStepsWithoutOverflow() throws {
    let evaluated = try #require(
      Self.evaluate(
        """
        A = list(range(-9223372036854775807 - 1, 9223372036854775807, 4611686018427387904))
        B = list(range(5, -9223372036854775807, -4611686018427387904))

        """))
    let minimum = Int.min
    #expect(
      Self.list(evaluated["A"]) == [minimum, minimum / 2, 0, Int.max / 2 + 1].map { .int($0) })
    #expect(
      Self.list(evaluated["B"])
        == [5, 5 - 4_611_686_018_427_387_904, -9_223_372_036_854_775_803].map { .int($0) })
  }

  // MARK: Python: quadratic growth ran for minutes

  @Test(.timeLimit(.minutes(3)))
  func repeatedGrowthIsBounded() throws {
    let lines = String(repeating: "X = [*X, 1]\nX.append(1)\nD[len(D)] = 1\n", count: 30_000)
    let evaluated = try #require(Self.evaluate("X = []\nD = {}\n" + lines + "Y = 1\n"))
    // The work budget stops evaluation somewhere; it never runs unbounded.
    #expect(evaluated.failure != nil || evaluated["Y"] != nil)
    #expect(evaluated["X"].map { $0.contributions.count <= PyInterpreter.maximumSources } ?? true)
  }

  // MARK: nginx: include cycles and fan-out expanded exponentially (hang)

  @Test(.timeLimit(.minutes(3)))
  func includeCycleIsExpandedOnce() {
    let files = SourceFiles([
      SourceFile(
        path: ".platform/nginx/conf.d/elasticbeanstalk/loop.conf",
        text:
          "include conf.d/elasticbeanstalk/*.conf;\ninclude /etc/nginx/conf.d/elasticbeanstalk/loop.conf;\nlocation /loop { return 200; }\n"
      ),
      SourceFile(
        path: ".platform/nginx/nginx.conf",
        text:
          "http { include nginx.conf; server { listen 80; include conf.d/elasticbeanstalk/*.conf; } }\n"
      ),
    ])
    let configuration = NginxConfiguration.load(from: files)
    let route = configuration.route(
      path: "/loop", host: "172.31.1.2", userAgent: "ELB-HealthChecker/2.0")
    #expect(!String(describing: route).isEmpty)
  }

  @Test(.timeLimit(.minutes(3)))
  func includeFanOutIsBounded() {
    let letters = Array("abcdefghijklmnopq")
    var files: [SourceFile] = []
    for index in 0..<(letters.count - 1) {
      files.append(
        SourceFile(
          path: ".platform/nginx/conf.d/elasticbeanstalk/x\(letters[index]).conf",
          text: String(
            repeating: "include conf.d/elasticbeanstalk/x\(letters[index + 1]).conf;\n", count: 10))
      )
    }
    files.append(
      SourceFile(
        path: ".platform/nginx/conf.d/elasticbeanstalk/xq.conf",
        text: "location /q { return 200; }\n"))
    let result = Linter.lint(SourceFiles(files))
    #expect(result.predictions.count >= 0)
  }

  // MARK: .ebcheck.yml: a FIFO hung, a link to /dev/zero read forever, a link out of the root
  // was read

  static func temporaryRepo() throws -> String {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("ebcheck-hostile-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(
      atPath: root + "/.ebextensions", withIntermediateDirectories: true)
    try Data("option_settings: {}\n".utf8).write(
      to: URL(fileURLWithPath: root + "/.ebextensions/a.config"))
    return root
  }

  static func loadError(_ root: String) -> String? {
    do {
      _ = try Workspace.load(path: root)
      return nil
    } catch {
      return error.message
    }
  }

  @Test(.timeLimit(.minutes(3)))
  func configFIFOIsAnErrorNotAHang() throws {
    let root = try Self.temporaryRepo()
    defer { try? FileManager.default.removeItem(atPath: root) }
    #expect(mkfifo(root + "/.ebcheck.yml", 0o644) == 0)
    let message = try #require(Self.loadError(root))
    #expect(message.contains(".ebcheck.yml"))
  }

  @Test(.timeLimit(.minutes(3)))
  func configLinkToADeviceIsRefused() throws {
    let root = try Self.temporaryRepo()
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.createSymbolicLink(
      atPath: root + "/.ebcheck.yml", withDestinationPath: "/dev/zero")
    let message = try #require(Self.loadError(root))
    #expect(message.contains(".ebcheck.yml") && message.contains("outside the repository"))
  }

  @Test func configLinkOutOfTheRootIsRefused() throws {
    let root = try Self.temporaryRepo()
    let outside = try Self.temporaryRepo()
    defer {
      try? FileManager.default.removeItem(atPath: root)
      try? FileManager.default.removeItem(atPath: outside)
    }
    try Data("select: [HC]\n".utf8).write(to: URL(fileURLWithPath: outside + "/ebcheck.yml"))
    try FileManager.default.createSymbolicLink(
      atPath: root + "/.ebcheck.yml", withDestinationPath: outside + "/ebcheck.yml")
    let message = try #require(Self.loadError(root))
    #expect(message.contains("outside the repository"))
  }

  @Test func configInsideTheRootStillLoads() throws {
    let root = try Self.temporaryRepo()
    defer { try? FileManager.default.removeItem(atPath: root) }
    try Data("select: [HC]\n".utf8).write(to: URL(fileURLWithPath: root + "/shared.yml"))
    try FileManager.default.createSymbolicLink(
      atPath: root + "/.ebcheck.yml", withDestinationPath: "shared.yml")
    let workspace = try Workspace.load(path: root)
    #expect(workspace.config.select == ["HC"])
  }

  @Test func oversizedConfigIsAnError() throws {
    let root = try Self.temporaryRepo()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let big = "env:\n  A: '" + String(repeating: "x", count: 6 << 20) + "'\n"
    try Data(big.utf8).write(to: URL(fileURLWithPath: root + "/.ebcheck.yml"))
    let message = try #require(Self.loadError(root))
    #expect(message.contains(".ebcheck.yml") && message.contains("limit"))
  }
}

/// Inputs the fuzz targets crashed on (Tests/hostile/crashes), replayed the way the target
/// that found them reads its input.
@Suite struct FuzzCrashRegressionTests {
  static let crashes = PythonTestSupport.repositoryRoot.appendingPathComponent(
    "Tests/hostile/crashes")

  /// FuzzLint's layout: parts separated by "\n#~~\n" fill these paths in order.
  static let lintPaths = [
    "mysite/settings.py", ".ebextensions/django.config",
    ".platform/nginx/conf.d/elasticbeanstalk/x.conf", "Procfile", "mysite/urls.py",
    "requirements.txt", ".elasticbeanstalk/config.yml", "mysite/wsgi.py",
  ]

  static func lintRepo(_ bytes: [UInt8]) -> SourceFiles {
    let separator = Array("\n#~~\n".utf8)
    var parts: [[UInt8]] = [[]]
    var index = 0
    while index < bytes.count {
      if parts.count < lintPaths.count, index + separator.count <= bytes.count,
        bytes[index..<(index + separator.count)].elementsEqual(separator)
      {
        parts.append([])
        index += separator.count
      } else {
        parts[parts.count - 1].append(bytes[index])
        index += 1
      }
    }
    return SourceFiles(zip(lintPaths, parts).map { SourceFile(path: $0, bytes: $1) })
  }

  static var lintCrashes: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: crashes.path)) ?? [])
      .filter { $0.hasPrefix("FuzzLint-") }.sorted()
  }

  @Test(arguments: lintCrashes)
  func lintAndFixSurvive(_ name: String) throws {
    let bytes = try [UInt8](Data(contentsOf: Self.crashes.appendingPathComponent(name)))
    let files = Self.lintRepo(bytes)
    let result = Linter.lint(files)
    for diagnostic in result.diagnostics {
      guard let file = files[diagnostic.location.file] else { continue }
      #expect(diagnostic.location.span.end <= file.bytes.count)
    }
    _ = FixSession.run(files, options: LintOptions(), includeUnsafe: true)
  }

  /// The minimal form of FuzzLint-listSite-repeated-element: a repeated list literal holds
  /// the same element location twice, and the fix's insertion point built a backwards span.
  @Test func repeatedMiddlewareListDoesNotCrashTheFix() throws {
    var files = try Workspace.load(
      path: PythonTestSupport.repositoryRoot.appendingPathComponent("Fixtures/projects/seed").path
    ).files
    let settings = try #require(files["mysite/settings.py"]).text
    let repeated = settings.replacingOccurrences(
      of: "MIDDLEWARE = [\n    'django.middleware.security.SecurityMiddleware',",
      with: "MIDDLEWARE = [\n    'django.middleware.security.SecurityMiddleware'] * 2 + [")
    #expect(repeated != settings)
    files.insert(SourceFile(path: "mysite/settings.py", text: repeated))
    let result = Linter.lint(files)
    #expect(result.diagnostics.contains { $0.rule == "HC001" })
    let outcome = FixSession.run(files, options: LintOptions(), includeUnsafe: false)
    let fixed = try #require(outcome.changed["mysite/settings.py"])
    #expect(String(decoding: fixed, as: UTF8.self).contains("HealthCheckMiddleware"))
  }
}

/// Swift's Regex backtracks without limit: patterns of the ReDoS shape are not run.
@Suite struct RegexSafetyTests {
  @Test(arguments: [
    "^(a+)+$", "^((a|a)*)*b$", "(a|aa)*b", "^(.*)*x", "(?:[a-z]+/)+$", "(x+x+)+y", "(a*){10,}",
    "(?P<p>\\w+)*$", "((ab)*c)*",
  ])
  func riskyPatternsAreRefused(_ pattern: String) {
    #expect(!RegexSafety.isSafe(pattern))
  }

  @Test(arguments: [
    "^health/$", "^health/?$", "^(?P<slug>[-\\w]+)/$", "^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$",
    "^(?:(?P<lang>en|fr)/)?health/$", "^api/v(?P<version>\\d+)/", "^[(]+$", "\\(a+\\)+",
    "^(?i)elb-healthchecker", "^(a+){2}$", "^(ab|cd)$",
  ])
  func ordinaryPatternsRun(_ pattern: String) {
    #expect(RegexSafety.isSafe(pattern))
  }

  @Test(.timeLimit(.minutes(3)))
  func catastrophicURLPatternIsUnreadableNotAHang() {
    let path = String(repeating: "a", count: 40) + "!"
    #expect(
      {
        if case .unreadable = RouteMatcher.regex("^(a+)+$").match(path, endpoint: true) {
          return true
        }
        return false
      }())
    #expect(PythonRegex.search("^(.*)*(.*)*x$", in: "ELB-HealthChecker/2.0") == nil)
  }
}
