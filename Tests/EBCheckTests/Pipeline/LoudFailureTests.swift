import EBCheck
import EBCheckCore
import EBCheckPython
import EBCheckRules
import Foundation
import Testing

/// Mistakes that used to turn CI green (0.2): unknown rule ids anywhere, nothing to lint,
/// files Python reads but ebcheck did not, `exclude` hiding the settings from the model.
@Suite struct LoudFailureTests {
  // MARK: Unknown rule ids

  @Test func unknownSelectorsOnTheCommandLineAreUsageErrors() throws {
    let repository = try ScratchRepository.seed()
    defer { repository.remove() }
    let select = try repository.run(["check", "--select", "XX999"])
    #expect(select.status == 2)
    #expect(select.stderr.contains("--select: unknown rule selector 'XX999' (did you mean"))
    let ignore = try repository.run(["check", "--ignore", "HC001,HC0001"])
    #expect(ignore.status == 2)
    #expect(ignore.stderr.contains("'HC0001' (did you mean 'HC001'?"))
    #expect(try repository.run(["fix", "--diff", "--select", "HX"]).status == 2)
    for valid in ["HC", "hc001", "HC00", "ALL", "IO", "S001"] {
      #expect(try repository.run(["check", "--select", valid]).status != 2, "\(valid)")
    }
  }

  @Test func unknownSelectorsInConfigurationNameFileAndLine() throws {
    let repository = try ScratchRepository.seed()
    defer { repository.remove() }
    try repository.write(".ebcheck.yml", "ignore: [DJ002]\nselect: [HC, XX999]\n")
    let yaml = try repository.run(["check"])
    #expect(yaml.status == 2)
    #expect(yaml.stderr.contains(".ebcheck.yml:2: unknown rule selector 'XX999'"), "\(yaml.stderr)")
    try FileManager.default.removeItem(atPath: repository.path(".ebcheck.yml"))
    try repository.write(
      "pyproject.toml", "[project]\nname = 'x'\n\n[tool.ebcheck]\nignore = ['DJ0002']\n")
    let toml = try repository.run(["check"])
    #expect(toml.status == 2)
    #expect(
      toml.stderr.contains(
        "pyproject.toml:5: unknown rule selector 'DJ0002' (did you mean 'DJ002'?"))
  }

  @Test func unknownIdsInSuppressionsAreS001Findings() {
    let example = ExampleRepo.django(
      settings: "ALLOWED_HOSTS = ['*']  # ebcheck: ignore[DJ001,XX999]\n")
    let result = Linter.lint(
      SourceFiles(
        example.files.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) }))
    #expect(!result.diagnostics.contains { $0.rule == "DJ001" }, "the known id still suppresses")
    let unknown = result.diagnostics.filter { $0.rule == "S001" }
    #expect(unknown.count == 1)
    #expect(unknown.first?.message.contains("unknown rule id 'XX999'") == true)
  }

  // MARK: Nothing to lint

  @Test(arguments: [
    ("empty", [String: String]()),
    (
      "flask",
      [
        "app.py": "from flask import Flask\napp = Flask(__name__)\n", "requirements.txt": "flask\n",
        "Procfile": "web: gunicorn app:app\n",
      ]
    ),
    ("node", ["package.json": "{}\n", "index.js": "console.log(1)\n"]),
  ])
  func aFolderWithNothingToLintIsAUsageError(_ name: String, _ files: [String: String]) throws {
    let repository = try ScratchRepository()
    defer { repository.remove() }
    try repository.write(files)
    let run = try repository.run(["check"])
    #expect(run.status == 2, "\(name): \(run.stdout)")
    #expect(run.stderr.contains("nothing to lint"))
    #expect(run.stderr.contains("Django settings") && run.stderr.contains(".ebextensions/"))
    #expect(try repository.run(["fix"]).status == 2)
  }

  @Test func aMonorepoFrontendHasNothingToLint() throws {
    let repository = try ScratchRepository.seed(at: "backend")
    defer { repository.remove() }
    try repository.write(["frontend/package.json": "{}\n", "frontend/src/app.js": "x\n"])
    let run = try repository.run(["check", "frontend"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("frontend: nothing to lint"))
    #expect(run.stdout.isEmpty, "no backend findings or health checks leak into it")
  }

  @Test(arguments: [
    (
      "infra/main.tf",
      "resource \"aws_elastic_beanstalk_environment\" \"web\" {\n  setting {\n    namespace = \"aws:elasticbeanstalk:environment:process:default\"\n    name      = \"HealthCheckpath\"\n    value     = \"/health/\"\n  }\n}\n"
    ),
    (
      "template.yaml",
      "Resources:\n  Web:\n    Type: AWS::ElasticBeanstalk::Environment\n    Properties:\n      OptionSettings:\n        - Namespace: aws:elasticbeanstalk:environment:process:default\n          OptionName: HealthCheckpath\n          Value: /health/\n"
    ),
  ])
  func infrastructureCodeAloneIsLinted(_ path: String, _ text: String) throws {
    let repository = try ScratchRepository()
    defer { repository.remove() }
    try repository.write([path: text, "README.md": "# infrastructure\n"])
    let run = try repository.run(["check"])
    #expect(run.status == 1, "\(run.stderr)")
    #expect(run.stdout.contains("EB001") && run.stdout.contains(path))
  }

  @Test func aFileOfAProjectCanBeLinted() throws {
    let repository = try ScratchRepository.seed()
    defer { repository.remove() }
    let urls = try repository.run(["check", "mysite/urls.py"])
    #expect(urls.status == 0, "the Host check is decided in settings.py: \(urls.stdout)")
    try repository.write("README.md", "# x\n")
    let readme = try repository.run(["check", "README.md"])
    #expect(readme.status == 2 && readme.stderr.contains("README.md: nothing to lint"))
  }

  // MARK: Encodings

  /// The seed project with `mysite/settings.py` replaced by `bytes`, loaded from disk.
  static func seedWithSettings(_ bytes: [UInt8]) throws -> (ScratchRepository, LintResult) {
    let repository = try ScratchRepository.seed()
    try repository.write("mysite/settings.py", bytes)
    let workspace = try Workspace.load(path: repository.root)
    return (repository, workspace.lint(LintOptions()))
  }

  /// Each scalar below U+0100 is its own latin-1 byte: "é" is the single byte 0xE9.
  static func latin1(_ text: String) -> [UInt8] { text.unicodeScalars.map { UInt8($0.value) } }

  static let latin1Settings =
    "# -*- coding: latin-1 -*-\nNAME = 'caf\u{E9}'\n" + ExampleRepo.defaultMiddleware
    + "\nROOT_URLCONF = 'mysite.urls'\nALLOWED_HOSTS = ['www.example.com']  # caf\u{E9}\n"

  @Test func aLatin1SettingsFileWithACodingLineParses() throws {
    let (repository, result) = try Self.seedWithSettings(Self.latin1(Self.latin1Settings))
    defer { repository.remove() }
    #expect(
      !result.diagnostics.contains { $0.rule == "P001" }, "\(result.diagnostics.map(\.message))")
    let host = try #require(result.diagnostics.first { $0.rule == "HC001" })
    #expect(result.files.resolve(host.location).start == LineColumn(line: 13, column: 1))
    #expect(result.files["mysite/settings.py"]?.encoding == .latin1)
  }

  @Test func aFixKeepsALatin1FileLatin1() throws {
    let repository = try ScratchRepository.seed()
    defer { repository.remove() }
    try repository.write("mysite/settings.py", Self.latin1(Self.latin1Settings))
    let diff = try repository.run(["fix", "--diff"])
    #expect(diff.status == 1)
    #expect(try FixCommandTests.gitApplyCheck(diff.stdoutBytes, in: repository.root) == 0)
    #expect(try repository.run(["fix"]).status == 0)
    let after = try repository.bytes("mysite/settings.py")
    #expect(after.contains(0xE9) && !after.contains(0xC3), "still latin-1, not UTF-8")
    #expect(String(decoding: after, as: UTF8.self).contains("HealthCheckMiddleware"))
  }

  @Test func undeclaredLatin1IsStillAnError() throws {
    let (repository, result) = try Self.seedWithSettings(
      Self.latin1("NAME = 'caf\u{E9}'\nALLOWED_HOSTS = ['*']\n"))
    defer { repository.remove() }
    #expect(result.diagnostics.contains { $0.rule == "P001" })
  }

  @Test func pep263DeclarationsAreFoundWherePythonLooks() {
    let name = { (text: String) in PythonSourceEncoding.declaredName(in: Array(text.utf8)) }
    #expect(name("# -*- coding: latin-1 -*-\n") == "latin-1")
    #expect(name("#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\n") == "cp1252")
    #expect(name("import os\n# coding: latin-1\n") == nil, "only after a comment line")
    #expect(name("\n\n# coding: latin-1\n") == nil, "the third line is too late")
    #expect(name("x = 1  # coding: latin-1\n") == nil)
    #expect(
      PythonSourceEncoding.encoding(of: [0xEF, 0xBB, 0xBF] + Array("# coding: latin-1\n".utf8))
        == .utf8)
    #expect(TextEncoding.cp1252.decode([0x80]) == Array("\u{20AC}".utf8))
    #expect(TextEncoding.cp1252.decode([0x81]) == nil)
    #expect(TextEncoding.cp1252.encode(Array("\u{20AC}é".utf8)) == [0x80, 0xE9])
    #expect(TextEncoding.latin1.encode(Array("\u{20AC}".utf8)) == nil)
  }

  @Test func aByteOrderMarkIsHonoured() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("ALLOWED_HOSTS = ['*']\n".utf8)
    let (repository, result) = try Self.seedWithSettings(bytes)
    defer { repository.remove() }
    #expect(!result.diagnostics.contains { $0.rule == "P001" })
    let finding = result.diagnostics.first { $0.rule == "DJ001" }
    #expect(finding.map { result.files.resolve($0.location).start.column } == 18)
  }

  // MARK: exclude

  @Test func excludeHidesFindingsButKeepsTheModel() throws {
    let repository = try ScratchRepository.seed()
    defer { repository.remove() }
    try repository.write(".ebcheck.yml", "exclude: [\"mysite/**\"]\n")
    let run = try repository.run(["check", "--format", "json"])
    let report = try OutputContractTests.json(run.stdout)
    let rules = ((report["diagnostics"] as? [[String: Any]]) ?? []).compactMap {
      $0["rule"] as? String
    }
    #expect(!rules.contains("EB005") && !rules.contains("EB006"), "\(rules)")
    #expect(!rules.contains("HC001"), "the finding is in an excluded file")
    let checks = try #require(report["healthChecks"] as? [[String: Any]])
    #expect(checks.first?["status"] as? Int == 400, "the settings still decide the check")
  }
}
