import EBCheck
import EBCheckCore
import EBCheckRules
import Testing

/// Every fixable rule: its fix, applied to each triggering example, removes the finding
/// and brings no new error; a second run changes nothing.
@Suite struct FixExampleTests {
  static let fixable = RuleRegistry.all.filter(\.description.fixable).map { RuleCase(rule: $0) }

  @Test(arguments: fixable)
  func fixRemovesTheFinding(_ ruleCase: RuleCase) {
    let description = ruleCase.rule.description
    var fixedSomething = false
    for example in description.triggering {
      let files = SourceFiles(
        example.files.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
      let options = LintOptions(env: example.env)
      let before = Linter.lint(files, options: options)
      let found = before.diagnostics.filter { $0.rule == description.id }
      guard found.contains(where: { $0.fix != nil && $0.fix?.applicability != .display }) else {
        continue
      }
      fixedSomething = true
      let outcome = FixSession.run(files, options: options, includeUnsafe: true)
      #expect(!outcome.changed.isEmpty, "\(description.id): the fix changed nothing")
      let after = outcome.remaining.diagnostics
      #expect(
        !after.contains { $0.rule == description.id },
        "\(description.id) still reported after its fix: \(after.filter { $0.rule == description.id }.map(\.message))"
      )
      let newErrors = after.filter { diagnostic in
        diagnostic.severity == .error
          && !before.diagnostics.contains { $0.rule == diagnostic.rule }
      }
      #expect(
        newErrors.isEmpty,
        "\(description.id) fix introduced: \(newErrors.map { "\($0.rule) \($0.message)" })")
      var fixedFiles = files
      for (path, bytes) in outcome.changed {
        fixedFiles.insert(SourceFile(path: path, bytes: bytes))
      }
      let second = FixSession.run(fixedFiles, options: options, includeUnsafe: true)
      #expect(
        second.changed.isEmpty,
        "\(description.id): a second fix run still changes \(second.changed.keys.sorted())")
    }
    #expect(
      fixedSomething, "\(description.id) is marked fixable but no triggering example carries a fix")
  }
}

@Suite struct AlternativeFixTests {
  @Test func theIMDSAlternativeLetsTheHostThroughWithoutAWildcard() throws {
    let example = ExampleRepo.django(settings: "ALLOWED_HOSTS = ('www.example.com',)\n")
    let files = SourceFiles(
      example.files.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
    let finding = try #require(Linter.lint(files).diagnostics.first { $0.rule == "HC001" })
    let alternative = try #require(finding.alternatives.first)
    #expect(alternative.applicability == .unsafe)
    var fixed = files
    for edit in alternative.edits {
      fixed.insert(
        SourceFile(path: edit.file, bytes: EditApplier.apply([edit], to: files[edit.file]!.bytes)))
    }
    let after = Linter.lint(fixed)
    #expect(after.predictions.first?.status == 200)
    #expect(!after.diagnostics.contains { ["HC001", "DJ001", "DJ003", "HC009"].contains($0.rule) })
  }
}

/// Fixes that move the health check edit the option the model says decides its path.
@Suite struct HealthPathFixTests {
  static func fixed(_ example: RuleExample) -> SourceFiles {
    let files = SourceFiles(
      example.files.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
    var fixed = files
    for (path, bytes) in FixSession.run(files, options: LintOptions(), includeUnsafe: true).changed
    {
      fixed.insert(SourceFile(path: path, bytes: bytes))
    }
    return fixed
  }

  @Test func aClassicTargetKeepsItsProtocolAndPort() throws {
    let example = ExampleRepo.django(
      settings: "ALLOWED_HOSTS = ['*']\n", healthPath: nil,
      ebextensionsExtra: """
          aws:elasticbeanstalk:environment:
            LoadBalancerType: classic
          aws:elb:healthcheck:
            Target: HTTP:80/health

        """)
    let fixed = Self.fixed(example)
    let config = try #require(fixed[".ebextensions/django.config"]).text
    #expect(config.contains("Target: HTTP:80/health/\n"), "\(config)")
    #expect(Linter.lint(fixed).predictions.first?.status == 200)
  }

  @Test func anUnsetPathIsWrittenInANewFile() throws {
    let example = ExampleRepo.django(
      settings: "ALLOWED_HOSTS = ['www.example.com']\n", healthPath: nil)
    let fixed = Self.fixed(example)
    let created = try #require(fixed[".ebextensions/health-check.config"])
    #expect(
      created.text.contains(
        "aws:elasticbeanstalk:environment:process:default:\n    HealthCheckPath: /healthz/"))
    #expect(Linter.lint(fixed).predictions.first?.healthy == true)
  }
}
