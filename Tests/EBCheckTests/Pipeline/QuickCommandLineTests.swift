import Foundation
import Testing

/// `ebcheck check` and `ebcheck --version` are read without ArgumentParser when the command
/// line is plain (the start-up cost, docs/performance.md): for every command line here, the
/// binary must answer byte for byte what ArgumentParser's reading answers
/// (`EBCHECK_ARGUMENT_PARSER=1` forces that reading).
@Suite struct QuickCommandLineTests {
  static let seed = IntegrationTests.seed
  static let healthy = TestPaths.repository.appendingPathComponent(
    "Fixtures/projects/health-middleware-first"
  ).path

  static let commandLines: [[String]] = [
    ["--version"],
    ["check", seed],
    ["check", seed, healthy],
    ["check", healthy],
    ["check", seed, "--output-format", "json"],
    ["check", seed, "--output-format=sarif"],
    ["check", "--format", "concise", seed],
    ["check", seed, "--format=text"],
    ["check", seed, "--output-format", "github"],
    ["check", seed, "-q", "-v", "--statistics"],
    ["check", seed, "--quiet", "--verbose"],
    ["check", seed, "--select", "HC,EB", "--ignore=HC006"],
    ["check", seed, "--select", "XX"],
    ["check", seed, "--select", "ALL", "--fail-on", "warning"],
    ["check", seed, "--env", "DJANGO_DEBUG=1", "--env=A=B"],
    ["check", seed, "--env", "NOEQUALS"],
    ["check", seed, "--exit-zero", "--color", "never"],
    ["check", seed, "--color", "always"],
    ["check", seed, "--color", "sometimes"],
    ["check", seed, "--fail-on", "info"],
    ["check", seed, "--output-format", "xml"],
    ["check", seed, "--show-settings"],
    ["check", seed, "--show-fixes"],
    ["check", seed, "--diff"],
    ["check", seed, "--diff", "--unsafe-fixes", "--show-fixes"],
    ["check", seed, "--isolated"],
    ["check", seed, "--isolated", "--config", "nowhere.yml"],
    ["check", seed, "--config", "nowhere.yml"],
    ["check", seed, "--quiet", "--quiet"],
    ["check", seed, "-qv"],
    ["check", seed, "--select"],
    ["check", seed, "--select="],
    ["check", seed, "--select", "--quiet"],
    ["check", seed, "--exit-zero=yes"],
    ["check", seed, "--no-such-flag"],
    ["check", "--", seed],
    ["check", "-"],
    ["check", "help"],
    ["check", "--help"],
    ["check", "-h"],
    ["check", "/no/such/folder"],
    ["check"],
    ["--version", "check"],
  ]

  @Test(arguments: commandLines)
  func quickReadingAnswersAsArgumentParserDoes(_ arguments: [String]) throws {
    let quick = try IntegrationTests.run(arguments, in: Self.seed)
    let parsed = try IntegrationTests.run(
      arguments, in: Self.seed, environment: ["EBCHECK_ARGUMENT_PARSER": "1"])
    #expect(quick.status == parsed.status, "\(arguments)")
    #expect(quick.stdout == parsed.stdout, "\(arguments)")
    #expect(quick.stderr == parsed.stderr, "\(arguments)")
  }
}
