import EBCheck
import EBCheckCore
import EBCheckModel
import EBCheckRules
import EBCheckSimulation
import Testing

/// A variable the settings need (read without a default, or whose `None` default fails at
/// import) that nothing in the repository sets: the console sets it, and the answer without
/// it (502) is stated beside the answer with it. Settings written under names ebcheck cannot
/// read keep the repository's values, with the names they could change as the condition.
@Suite struct RequiredVariableArmTests {
  static func files(_ contents: [String: String]) -> SourceFiles {
    SourceFiles(
      contents.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
  }

  static func predict(_ settings: String) throws -> (HealthCheckPrediction, LintResult) {
    let result = Linter.lint(Self.files(ExampleRepo.django(settings: settings).files))
    return (try #require(result.predictions.first), result)
  }

  static func arms(_ prediction: HealthCheckPrediction) -> String {
    prediction.armOutcomes.map { outcome in
      "\(outcome.condition): \(outcome.status.map(String.init) ?? "-")"
    }.joined(separator: "; ")
  }

  @Test func aRequiredReadGivesTheAnswerWithItSetAnd502WithoutIt() throws {
    let (prediction, result) = try Self.predict(
      "import os\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['www.example.com']\n"
    )
    #expect(prediction.status == 400)
    #expect(
      Self.arms(prediction)
        == "with DJANGO_SECRET_KEY set in the console: 400; with DJANGO_SECRET_KEY unset: 502")
    let hostRejection = try #require(result.diagnostics.first { $0.rule == "HC001" })
    #expect(hostRejection.severity == .error)
    #expect(
      hostRejection.related.contains {
        $0.label.hasPrefix("502 if DJANGO_SECRET_KEY is not set in the console")
      })
  }

  @Test func helpersThatRaiseWithoutADefaultEachGiveTheArm() throws {
    let reads = [
      "import environ\nenv = environ.Env()\nDEBUG = env.bool('APP_DEBUG')\n",
      "from environs import Env\nenv = Env()\nenv.read_env()\nDEBUG = env.bool('APP_DEBUG')\n",
      "from decouple import config\nDEBUG = config('APP_DEBUG', cast=bool)\n",
    ]
    for read in reads {
      let (prediction, _) = try Self.predict(read + "ALLOWED_HOSTS = ['*']\n")
      #expect(prediction.status == 200, "\(read)")
      #expect(
        Self.arms(prediction)
          == "with APP_DEBUG set in the console: 200; with APP_DEBUG unset: 502", "\(read)")
    }
  }

  @Test func aReadCaughtByTheSettingsHasNoFailingArm() throws {
    let (prediction, _) = try Self.predict(
      """
      import os
      try:
          SECRET_KEY = os.environ['DJANGO_SECRET_KEY']
      except KeyError:
          SECRET_KEY = 'dev'
      ALLOWED_HOSTS = ['*']

      """)
    #expect(prediction.status == 200)
    #expect(prediction.armOutcomes.isEmpty)
  }

  @Test func aReadWithADefaultOrAnOptionValueHasNoArm() throws {
    let (prediction, _) = try Self.predict(
      "import os\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'dev')\nALLOWED_HOSTS = ['*']\n")
    #expect(prediction.armOutcomes.isEmpty)
  }

  /// `os.getenv('X').split()` fails at import when X is unset; with X set by the console the
  /// hosts come from it and the check gets 400 unless it is '*'.
  @Test func aNoneDefaultThatFailsGivesTheSetArmAsTheAnswer() throws {
    let (prediction, result) = try Self.predict(
      "import os\nALLOWED_HOSTS = os.getenv('DJANGO_ALLOWED_HOSTS').split(' ')\n")
    #expect(prediction.status == 400)
    #expect(
      Self.arms(prediction)
        == "with DJANGO_ALLOWED_HOSTS set in the console: 400; with DJANGO_ALLOWED_HOSTS unset: 502"
    )
    #expect(result.diagnostics.contains { $0.rule == "HC001" })
    #expect(!result.diagnostics.contains { $0.rule == "HC009" })
  }

  /// `X = os.getenv('X')` then `if not X: raise …` a few lines later.
  @Test func aGuardRaisingOnTheUnsetVariableGivesTheSetArm() throws {
    let (prediction, _) = try Self.predict(
      """
      import os
      HOSTS = os.environ.get('APP_HOSTS')
      if not HOSTS:
          raise NameError('APP_HOSTS is required')
      ALLOWED_HOSTS = HOSTS.split(',')

      """)
    #expect(prediction.status == 400)
    #expect(Self.arms(prediction).hasSuffix("with APP_HOSTS unset: 502"))
  }

  @Test func settingsWrittenUnderUnreadableNamesAreTheAnswersCondition() throws {
    let (prediction, result) = try Self.predict(
      """
      import json, os, sys
      ALLOWED_HOSTS = ['www.example.com']
      for key, value in json.loads(open('/etc/app/config.json').read()).items():
          setattr(sys.modules[__name__], key, value)

      """)
    #expect(prediction.status == 400)
    let condition = try #require(prediction.conditions.first?.label)
    #expect(condition.hasPrefix("unless what setattr at "))
    #expect(condition.contains("ALLOWED_HOSTS"))
    let hostRejection = try #require(result.diagnostics.first { $0.rule == "HC001" })
    #expect(hostRejection.severity == .error)
    #expect(hostRejection.related.contains { $0.label == condition })
  }

  @Test func aSetOfHostsExtendsTheList() throws {
    let (prediction, _) = try Self.predict(
      """
      import socket
      ALLOWED_HOSTS = ['www.example.com']
      ALLOWED_HOSTS.extend({socket.gethostbyname(socket.gethostname()), 'localhost'})

      """)
    #expect(prediction.status == 200)
  }

  @Test func settingsListsTheOpenWritesAsTheConditionOfTheValue() throws {
    let example = ExampleRepo.django(
      settings: """
        import json, sys
        MIDDLEWARE = []
        for key, value in json.loads(open('/etc/app/config.json').read()).items():
            setattr(sys.modules[__name__], key, value)
        ALLOWED_HOSTS = ['*']

        """)
    let report = try #require(
      SettingsReport.make(files: Self.files(example.files), focus: ".", env: [:], all: false))
    let middleware = try #require(report.rows.first { $0.name == "MIDDLEWARE" })
    #expect(middleware.value == "[]")
    #expect(middleware.conditions.first?.condition.hasPrefix("if what setattr at ") == true)
    let hosts = try #require(report.rows.first { $0.name == "ALLOWED_HOSTS" })
    #expect(hosts.conditions.isEmpty)
  }
}
