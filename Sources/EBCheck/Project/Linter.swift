/// The pipeline: files → model → simulation → rules → suppressions.
public enum Linter {
  public static func lint(
    _ files: SourceFiles, options: LintOptions = LintOptions(),
    rules: [any Rule] = RuleRegistry.all
  ) -> LintResult {
    let context = ProjectBuilder.build(files, options: options)
    var diagnostics: [Diagnostic] = []
    for rule in rules where options.isEnabled(rule.id) {
      diagnostics += rule.check(context)
    }
    diagnostics = diagnostics.filter { options.isEnabled($0.rule) }
    diagnostics = Suppressions.apply(diagnostics, files: files, isEnabled: options.isEnabled)
    return LintResult(files: files, diagnostics: diagnostics, predictions: context.predictions)
  }
}
