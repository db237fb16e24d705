import EBCheck
import EBCheckCore
import EBCheckReport
import EBCheckRules
import Foundation
import Testing

/// What fits ebcheck into the places users work: the problem matcher, shell completions,
/// the CLI's `check` flags and standard input, the version in machine-readable reports,
/// and the changelog. CLI tests run the `ebcheck` binary `swift build` put next to the tests.
@Suite struct IntegrationTests {
  static let repository = TestPaths.repository
  static let seed = repository.appendingPathComponent("Fixtures/projects/seed").path

  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
    /// Standard output byte for byte (a patch of a latin-1 file is not UTF-8).
    var stdoutBytes: [UInt8] = []
  }

  /// The `ebcheck` executable of this build.
  static func binary() throws -> URL {
    let candidates = [
      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("ebcheck"),
      repository.appendingPathComponent(".build/debug/ebcheck"),
    ]
    return try #require(
      candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) },
      "no ebcheck binary: run `swift build --build-tests` first")
  }

  static func run(
    _ arguments: [String], in directory: String? = nil, stdin: String? = nil,
    executable: URL? = nil, environment extra: [String: String] = [:]
  ) throws -> Run {
    let process = Process()
    process.executableURL = try executable ?? binary()
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment.merge(extra) { $1 }
    process.environment = environment
    let output = Pipe()
    let errors = Pipe()
    let input = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
      stderr: String(decoding: err, as: UTF8.self), stdoutBytes: [UInt8](out))
  }

  static func seedResult() throws -> LintResult {
    let workspace = try Workspace.load(path: seed)
    return workspace.lint(workspace.options(env: [:], select: [], ignore: []))
  }

  // MARK: Problem matcher

  /// `.github/ebcheck-matcher.json` matches the text reporter's header line, checked with
  /// Python `re` on the regexps as written (they use the subset JavaScript shares).
  @Test func problemMatcherMatchesTheTextHeader() throws {
    let text = TextReporter().report(try Self.seedResult(), rules: [])
    let header = try #require(text.split(separator: "\n").first.map(String.init))
    let info = "mysite/settings.py:3:1: info[HC007] cannot predict the check"
    let script = """
      import json, re, sys
      matchers = json.load(open(sys.argv[1]))["problemMatcher"]
      def parse(line):
          for matcher in matchers:
              pattern = matcher["pattern"][0]
              found = re.match(pattern["regexp"], line)
              if found:
                  fields = {key: found.group(value) for key, value in pattern.items()
                            if key != "regexp"}
                  fields.setdefault("severity", matcher.get("severity"))
                  return fields
      error, info = parse(sys.argv[2]), parse(sys.argv[3])
      print(json.dumps([error, info]))
      assert parse("   |") is None and parse("1 error in 8 files") is None
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", "-c", script,
      Self.repository.appendingPathComponent(".github/ebcheck-matcher.json").path, header, info,
    ]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let parsed = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: String]])
    #expect(
      parsed.first
        == [
          "file": "mysite/settings.py", "line": "26", "column": "1", "severity": "error",
          "code": "HC001",
          "message": String(header.split(separator: "] ", maxSplits: 1)[1]),
        ])
    #expect(parsed.last?["severity"] == "notice" && parsed.last?["code"] == "HC007")
  }

  // MARK: Completions

  @Test(arguments: ["bash", "zsh", "fish"])
  func completionScriptIsGenerated(_ shell: String) throws {
    let run = try Self.run(["--generate-completion-script", shell])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.count > 200)
    for word in ["check", "explain", "stdin-filename"] {
      #expect(run.stdout.contains(word), "\(shell) completion lacks \(word)")
    }
  }

  // MARK: check flags

  @Test func quietKeepsFindingsAndSummaryOnly() throws {
    let run = try Self.run(["check", "--quiet", "."], in: Self.seed)
    #expect(run.status == 1)
    #expect(run.stdout.hasPrefix("mysite/settings.py:26:1: error[HC001]"))
    #expect(!run.stdout.contains("\nhealth check ") && !run.stdout.contains("fixable with"))
    #expect(run.stdout.hasSuffix("\n1 error in 8 files\n"))
  }

  @Test func statisticsFollowTextAndAddNothingToJSON() throws {
    let text = try Self.run(["check", "--statistics", "."], in: Self.seed)
    #expect(text.status == 1)
    #expect(
      text.stdout.hasSuffix(
        "1 error in 8 files\n\nstatistics:\n1  HC001  error  health-check-host-rejected\n"))
    let plain = try Self.run(["check", "--format", "json", Self.seed])
    let json = try Self.run(["check", "--format", "json", "--statistics", Self.seed])
    #expect(json.stdout == plain.stdout)
  }

  @Test func outputFileReplacesStdout() throws {
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("ebcheck-out-\(ProcessInfo.processInfo.processIdentifier).sarif")
    defer { try? FileManager.default.removeItem(at: file) }
    let run = try Self.run(["check", "--format", "sarif", "--output-file", file.path, Self.seed])
    #expect(run.status == 1)
    #expect(run.stdout.isEmpty)
    let written = try String(contentsOf: file, encoding: .utf8)
    #expect(written.contains("\"ruleId\": \"HC001\""))
    let missing = try Self.run(["check", "--output-file", "/nonexistent/dir/x", Self.seed])
    #expect(missing.status == 2 && missing.stderr.contains("/nonexistent/dir/x"))
  }

  @Test func standardInputIsLintedAsTheNamedFile() throws {
    let original = try String(
      contentsOfFile: Self.seed + "/mysite/settings.py", encoding: .utf8)
    let fixed = original.replacing(
      "ALLOWED_HOSTS = ['localhost', '127.0.0.1']", with: "ALLOWED_HOSTS = ['*']")
    #expect(fixed != original)
    let run = try Self.run(
      ["check", "-", "--stdin-filename", "mysite/settings.py", "--format", "json"],
      in: Self.seed, stdin: fixed)
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let diagnostics = try #require(report["diagnostics"] as? [[String: Any]])
    #expect(diagnostics.map { $0["rule"] as? String }.contains("DJ001"))
    #expect(!diagnostics.map { $0["rule"] as? String }.contains("HC001"))
    // With '*' the Host passes and the check gets 404 at `/`: the edited file decides that
    // verdict (its MIDDLEWARE and ROOT_URLCONF are on the trace), so it counts (exit 1).
    #expect(run.status == 1, "\(run.stderr)")
    let notRouted = diagnostics.first { $0["rule"] as? String == "HC004" }
    #expect(notRouted?["file"] as? String == "mysite/urls.py")
    #expect(
      diagnostics.filter { $0["rule"] as? String != "HC004" }
        .allSatisfy { $0["file"] as? String == "mysite/settings.py" })

    let same = try Self.run(
      ["check", "-", "--stdin-filename", "./mysite/settings.py", "--quiet"], in: Self.seed,
      stdin: original)
    #expect(same.status == 1)
    #expect(same.stdout.hasPrefix("mysite/settings.py:26:1: error[HC001]"))
    #expect(same.stdout.hasSuffix("1 error in 1 file\n"))
  }

  /// SARIF URIs are relative to the repository root (the git top-level of the current
  /// directory), whatever path was given and wherever its lint root is.
  @Test func sarifURIsAreRelativeToTheRepositoryRoot() throws {
    let root = Self.repository.path
    let run = try Self.run(["check", "--format", "sarif", Self.seed + "/mysite"], in: root)
    #expect(run.status == 1)
    #expect(run.stdout.contains("\"uri\": \"file://\(root)/\""))
    #expect(run.stdout.contains("\"uri\": \"Fixtures/projects/seed/mysite/settings.py\""))
    #expect(run.stdout.contains("\"uriBaseId\": \"%SRCROOT%\""))
  }

  @Test func standardInputNeedsAFilenameInsideTheRepository() throws {
    #expect(try Self.run(["check", "-"], in: Self.seed).status == 2)
    #expect(try Self.run(["check", "-", "."], in: Self.seed, stdin: "").status == 2)
    #expect(try Self.run(["check", "--stdin-filename", "a.py"], in: Self.seed).status == 2)
    let outside = try Self.run(
      ["check", "-", "--stdin-filename", "/etc/hosts"], in: Self.seed, stdin: "x = 1\n")
    #expect(outside.status == 2 && outside.stderr.contains("not inside the repository"))
  }

  @Test func rulesAndExplainPrintTheGeneratedDocs() throws {
    let rules = RuleRegistry.all.map(\.description)
    #expect(try Self.run(["rules"]).stdout == RuleDocs.list(rules))
    #expect(try Self.run(["rules", "--format", "json"]).stdout == RuleDocs.listJSON(rules))
    #expect(try Self.run(["explain", "hc001"]).stdout == RuleDocs.plain(rules[0]))
    #expect(try Self.run(["explain", "XX999"]).status == 2)
  }

  // MARK: Versioning

  @Test func machineReadableReportsCarryTheVersion() throws {
    let result = try Self.seedResult()
    let json = JSONReporter().report(result, rules: [])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(object["version"] as? String == EBCheckVersion.current)
    let sarif = SARIFReporter().report(result, rules: RuleRegistry.all.map(\.description))
    let log = try #require(
      try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
    let runs = try #require(log["runs"] as? [[String: Any]])
    let driver = (runs.first?["tool"] as? [String: Any])?["driver"] as? [String: Any]
    #expect(driver?["version"] as? String == EBCheckVersion.current)
    #expect(driver?["semanticVersion"] as? String == EBCheckVersion.current)
    #expect(try Self.run(["--version"]).stdout == "ebcheck \(EBCheckVersion.current)\n")
  }

  @Test func changelogHasTheCurrentVersionAndEveryRule() throws {
    let changelog = try String(
      contentsOf: Self.repository.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
    #expect(changelog.contains("## [\(EBCheckVersion.current)]"))
    for rule in RuleRegistry.all {
      #expect(changelog.contains("- **\(rule.id)**"), "CHANGELOG.md has no line for \(rule.id)")
    }
  }
}
