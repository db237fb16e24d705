import EBCheck
import EBCheckCore
import EBCheckModel
import EBCheckRules
import EBCheckSimulation
import Foundation
import Testing

/// Values the repository leaves open: each answer with its condition, the same answer from
/// `check` and `settings` for the same value, and one answer when every value agrees.
@Suite struct ConditionalOutcomeTests {
  static let branching = TestPaths.repository.appendingPathComponent(
    "Fixtures/projects/env-branch-unset"
  ).path

  static func files(_ contents: [String: String]) -> SourceFiles {
    SourceFiles(
      contents.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
  }

  static func lintFixture(env: [String: String]) throws -> LintResult {
    let workspace = try Workspace.load(path: branching)
    return workspace.lint(workspace.options(env: env, select: [], ignore: []))
  }

  static func settings(env: [String: String]) throws -> SettingsReport {
    let workspace = try Workspace.load(path: branching)
    return try #require(
      SettingsReport.make(files: workspace.files, focus: workspace.focus, env: env, all: false))
  }

  static func describe(_ outcomes: [ConditionedOutcome]) -> String {
    outcomes.map { outcome in
      let values = outcome.assumptions.map(\.label).joined(separator: ", ")
      return
        "\(outcome.condition) [\(values)]: \(outcome.status.map(String.init) ?? "-") \(outcome.healthy.map { $0 ? "healthy" : "unhealthy" } ?? "-")"
    }.joined(separator: "\n")
  }

  /// The condition list of the fixture, the HC014 message and the settings rows with their
  /// conditions, as a golden file.
  @Test func conditionListMatchesGolden() throws {
    let result = try Self.lintFixture(env: [:])
    let prediction = try #require(result.predictions.first)
    guard case .conditional(let outcomes) = prediction.verdict else {
      Issue.record("expected a conditional prediction, got \(prediction.verdict)")
      return
    }
    #expect(prediction.status == nil && prediction.healthy == nil)
    var text = "check:\n" + Self.describe(outcomes) + "\n"
    for diagnostic in result.diagnostics where ["HC014", "DJ002"].contains(diagnostic.rule) {
      text += "\(diagnostic.rule) \(diagnostic.message)\n"
    }
    text += "settings:\n"
    for row in try Self.settings(env: [:]).rows where !row.conditions.isEmpty {
      text += "\(row.name) = \(row.value)\n"
      for (condition, value) in row.conditions { text += "  \(condition): \(value)\n" }
    }
    try Golden.assert(text, matches: "conditional-outcomes.txt")
  }

  /// Supplying the value a condition names gives the answer the condition list promised,
  /// in `check` and in `settings`.
  @Test(arguments: ["production", "staging", nil] as [String?])
  func checkAndSettingsAgreeForEachValue(_ value: String?) throws {
    let open = try Self.lintFixture(env: [:])
    guard case .conditional(let outcomes) = try #require(open.predictions.first).verdict else {
      Issue.record("expected a conditional prediction")
      return
    }
    var env = ["DJANGO_SECRET_KEY": "console-secret"]
    if let value { env["DJANGO_ENV"] = value }
    let promised = try #require(
      outcomes.first { $0.matches(env, tested: ["production"]) }, "no condition holds")
    let supplied = try #require(try Self.lintFixture(env: env).predictions.first)
    var healthy = supplied.healthy
    if value == nil {
      // Unset stays open (no flag unsets a variable): the same list, the unset case promised.
      guard case .conditional(let again) = supplied.verdict else {
        Issue.record("DJANGO_ENV unset is still open")
        return
      }
      #expect(Self.describe(again) == Self.describe(outcomes))
      healthy = promised.healthy
    } else {
      #expect(supplied.status == promised.status)
      #expect(supplied.healthy == promised.healthy)
      if case .conditional = supplied.verdict { Issue.record("a supplied value is still open") }
    }

    let openHosts = try #require(
      try Self.settings(env: [:]).rows.first { $0.name == "ALLOWED_HOSTS" })
    let hosts = try #require(try Self.settings(env: env).rows.first { $0.name == "ALLOWED_HOSTS" })
    let label = value.map { "with DJANGO_ENV=\($0)" }
    let listed = openHosts.conditions.first { $0.condition == label }?.value ?? openHosts.value
    #expect(hosts.value == listed)
    #expect(hosts.conditions.isEmpty == (value != nil))
    // The settings say '*' exactly where the check passes.
    #expect((hosts.value == "['*']") == (healthy == true))
  }

  @Test func everyValueAgreeingGivesThatAnswer() {
    let example = ExampleRepo.django(
      settings: """
        import os
        ALLOWED_HOSTS = ['www.example.com']
        if os.environ.get('DJANGO_ENV') == 'production':
            DEBUG = False
        else:
            DEBUG = True

        """)
    let result = Linter.lint(Self.files(example.files))
    let prediction = result.predictions.first
    #expect(prediction?.status == 400)
    #expect(prediction?.healthy == false)
    #expect(
      prediction?.trace.hops.contains { $0.detail == "every value of DJANGO_ENV gives this answer" }
        == true)
    #expect(result.diagnostics.contains { $0.rule == "HC001" })
    #expect(!result.diagnostics.contains { $0.rule == "HC014" })
  }

  /// A variable read without a default has no unset case (the app would not start): the
  /// answers are the tested value's and any other value's.
  @Test func requiredVariableHasNoUnsetCase() throws {
    let example = ExampleRepo.django(
      settings:
        "import os\nALLOWED_HOSTS = ['*']\nSECURE_SSL_REDIRECT = os.environ['FORCE_HTTPS'] == '1'\n"
    )
    let prediction = try #require(Linter.lint(Self.files(example.files)).predictions.first)
    guard case .conditional(let outcomes) = prediction.verdict else {
      Issue.record("expected a conditional prediction, got \(prediction.verdict)")
      return
    }
    #expect(
      Self.describe(outcomes)
        == "with FORCE_HTTPS=1 [FORCE_HTTPS=1]: 301 unhealthy\nwith any other FORCE_HTTPS [any other FORCE_HTTPS]: 200 healthy"
    )
  }

  /// Two open variables: each one's answers, the other unset.
  @Test func twoVariablesEachWithTheirAnswers() throws {
    let example = ExampleRepo.django(
      settings: """
        import os
        ALLOWED_HOSTS = ['www.example.com']
        if os.environ.get('STAGE', 'dev') in ('prod', 'staging'):
            ALLOWED_HOSTS = ['*']
        if os.environ.get('FORCE_HTTPS'):
            SECURE_SSL_REDIRECT = True

        """)
    let prediction = try #require(Linter.lint(Self.files(example.files)).predictions.first)
    guard case .conditional(let outcomes) = prediction.verdict else {
      Issue.record("expected a conditional prediction, got \(prediction.verdict)")
      return
    }
    #expect(
      Self.describe(outcomes) == """
        with STAGE=prod or STAGE=staging [STAGE=prod, STAGE=staging]: 200 healthy
        otherwise [STAGE unset, any other STAGE]: 400 unhealthy
        """)
  }

  /// environs' `Env` reads like django-environ's: the list default holds when nothing sets it.
  @Test func environsListTakesItsDefault() {
    let example = ExampleRepo.django(
      settings: """
        from environs import Env
        env = Env()
        env.read_env()
        ALLOWED_HOSTS = env.list('ALLOWED_HOSTS', default=['localhost', '127.0.0.1'])

        """)
    let result = Linter.lint(Self.files(example.files))
    #expect(result.predictions.first?.status == 400)
    #expect(result.diagnostics.contains { $0.rule == "HC001" })
    #expect(!result.diagnostics.contains { $0.rule == "HC007" })
  }

  /// `if 'X' in os.environ:` is False while X is unset, and set it adds no instance IP: one
  /// answer for every value.
  @Test func membershipTestGivesOneAnswerForEveryValue() {
    let example = ExampleRepo.django(
      settings: """
        import os
        ALLOWED_HOSTS = ['localhost']
        if 'RENDER_EXTERNAL_HOSTNAME' in os.environ:
            ALLOWED_HOSTS.append(os.environ['RENDER_EXTERNAL_HOSTNAME'])

        """)
    let result = Linter.lint(Self.files(example.files))
    let prediction = result.predictions.first
    #expect(prediction?.status == 400)
    #expect(
      prediction?.trace.hops.contains {
        $0.detail == "every value of RENDER_EXTERNAL_HOSTNAME gives this answer"
      } == true)
    #expect(!result.diagnostics.contains { $0.rule == "HC014" || $0.rule == "EB007" })
  }

  /// A marked Python package inside an application folder is part of its bundle; a marked
  /// folder that is no package stays an application of its own.
  @Test func markedPackageInsideAnApplicationIsNoApplication() {
    let files = Self.files([
      ".ebextensions/django.config": "option_settings: {}\n",
      "connect/__init__.py": "",
      "connect/.ebextensions/django.config": "option_settings: {}\n",
      "services/api/.ebextensions/django.config": "option_settings: {}\n",
    ])
    #expect(BeanstalkConfiguration.appRoots(in: files) == ["", "services/api/"])
  }

  /// `if r.status_code == 200:` after a token-less IMDS GET: 401 where IMDSv1 is off (the
  /// Amazon Linux 2023 default), 200 where it answers; with a token, 200. (With nothing
  /// naming the platform or the option, both answers are reported: PlatformGenerationTests.)
  @Test(arguments: [
    ("DisableIMDSv1: true", false, 400), ("DisableIMDSv1: false", false, 200), ("", true, 200),
  ])
  func imdsStatusCodeFollowsThePlatform(_ option: String, _ token: Bool, _ status: Int) {
    let headers = token ? ", headers={'X-aws-ec2-metadata-token': token}" : ""
    let example = ExampleRepo.django(
      settings: """
        import requests
        ALLOWED_HOSTS = ['example.com']
        token = requests.put('http://169.254.169.254/latest/api/token', headers={'X-aws-ec2-metadata-token-ttl-seconds': '60'}).text
        r = requests.get('http://169.254.169.254/latest/meta-data/local-ipv4'\(headers))
        if r.status_code == 200:
            ALLOWED_HOSTS.append(r.text)

        """,
      ebextensionsExtra: option.isEmpty
        ? "" : "  aws:autoscaling:launchconfiguration:\n    \(option)\n")
    let prediction = Linter.lint(Self.files(example.files)).predictions.first
    #expect(prediction?.status == status)
  }
}
