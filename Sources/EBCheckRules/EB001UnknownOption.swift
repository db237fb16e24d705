import EBCheckCore
import EBCheckFormats
import EBCheckModel

/// EB001: a namespace or option name Beanstalk does not know, usually a typo.
public struct UnknownOptionRule: Rule {
  public static let id = "EB001"

  public init() {}

  public let description = RuleDescription(
    id: Self.id, name: "unknown-option", severity: .error,
    summary:
      "An option_settings namespace or option name that Elastic Beanstalk does not define.",
    rationale: """
      Beanstalk rejects a deployment whose configuration files name an option it does not know \
      ("Invalid option specification"), and a misspelt namespace that happens to be accepted is \
      silently ignored. Either way the health check keeps its defaults: `HealthCheckpath: /health/` \
      leaves the load balancer checking `/`, which Django may answer with 400, 301 or 404.
      """,
    fix:
      "Spell the namespace and option exactly as the option reference does (they are case-sensitive).",
    fixable: true,
    triggering: [
      RuleExample(
        path: "infra/main.tf",
        """
        resource "aws_elastic_beanstalk_environment" "web" {
          name = "mysite-prod"
          setting {
            namespace = "aws:elasticbeanstalk:environment:process:default"
            name      = ↓"HealthCheckIntervall"
            value     = "30"
          }
        }
        """
      ).saying("did you mean 'HealthCheckInterval'?"),
      RuleExample(
        path: "cdk/stack.py",
        """
        from aws_cdk import aws_elasticbeanstalk as eb

        # 헬스 체크 ✗
        eb.CfnEnvironment(app, "Web", application_name="mysite", option_settings=[
            eb.CfnEnvironment.OptionSettingProperty(
                namespace="aws:elasticbeanstalk:environment:process:default",
                option_name=↓"MatcherHttpCode", value="200"),
        ])
        """),
      RuleExample(
        path: ".ebextensions/health.config",
        """
        option_settings:
          aws:elasticbeanstalk:environment:process:default:
            ↓HealthCheckpath: /health/
        """),
      RuleExample(
        path: ".ebextensions/01_환경.config",
        "# 헬스 체크 경로 — 오타 주의\r\noption_settings:\r\n  aws:elasticbeanstalk:enviroment:process:default:\r\n    HealthCheckPath: /health/\r\n"
      ),
      RuleExample(
        path: ".ebextensions/classic.config",
        """
        option_settings:
          - namespace: aws:elb:application
            option_name: Application Healthcheck URL
            value: /health/
        """),
      RuleExample(
        path: ".ebextensions/json.config",
        "{\n\t\"option_settings\": [\n\t\t{\"namespace\": \"aws:elasticbeanstalk:environment\", \"option_name\": \"LoadBalancerTyp\", \"value\": \"application\"}\n\t]\n}\n"
      ),
    ],
    nonTriggering: [
      RuleExample(
        path: ".ebextensions/health.config",
        """
        # 헬스 체크는 /health/ 로 — ✓
        option_settings:
          aws:elasticbeanstalk:environment:process:default:
            HealthCheckPath: /health/
          aws:elasticbeanstalk:application:environment:
            ANY_NAME_IS_FINE: "1"
          aws:elasticbeanstalk:sqsd:
            HttpPath: /worker/
          aws:mycompany:custom:
            Whatever: 1
        """),
      RuleExample(
        path: ".ebextensions/crlf.config",
        "option_settings:\r\n  - namespace: aws:elasticbeanstalk:container:python\r\n    option_name: WSGIPath\r\n    value: mysite.wsgi:application\r\n"
      ),
      RuleExample(
        path: ".ebextensions/legacy.config",
        """
        option_settings:
          aws:elasticbeanstalk:environment:process:default:
            HealthCheckpath: /health/  # ebcheck: ignore[EB001]
        """),
    ],
    references: [
      "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-general.html",
      "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/ebextensions-optionsettings.html",
    ])

  public func check(_ context: LintContext) -> [Diagnostic] {
    context.perConfiguration(checkConfiguration)
  }

  private func checkConfiguration(_ context: LintContext) -> [Diagnostic] {
    var found: [Diagnostic] = []
    var reportedNamespaces = Set<Location>()
    for setting in context.beanstalk.settings {
      let namespace = setting.namespace
      let namespaceLocation = setting.namespaceLocation ?? setting.keyLocation
      if let spec = OptionCatalog.namespace(namespace) {
        if let finding = misspeltDefaultProcess(
          setting, context: context, reported: &reportedNamespaces)
        {
          found.append(finding)
        }
        guard !spec.acceptsAnyOption, spec.option(setting.option) == nil else { continue }
        found.append(unknownOption(setting, in: spec, files: context.files))
        continue
      }
      guard !OptionCatalog.otherKnownNamespaces.contains(namespace),
        reportedNamespaces.insert(namespaceLocation).inserted
      else { continue }
      let suggestion =
        OptionCatalog.bogusNamespaces[namespace] ?? namespaceSuggestion(for: namespace)
      // Not modelled and not close to anything: not ours to judge.
      guard let suggestion else { continue }
      var message = "unknown namespace '\(namespace)'"
      if OptionCatalog.bogusNamespaces[namespace] != nil {
        message += " (it is not an Elastic Beanstalk namespace)"
      }
      message += "; did you mean '\(suggestion)'?"
      if let target = OptionCatalog.namespace(suggestion), !target.acceptsAnyOption,
        target.option(setting.option) == nil
      {
        message += " ('\(setting.option)' is not an option there either)"
      }
      let fix = BeanstalkRuleSupport.replacement(
        at: namespaceLocation, current: namespace, with: suggestion, files: context.files
      ).map {
        Fix(title: "Rename the namespace to '\(suggestion)'", applicability: .safe, edits: [$0])
      }
      found.append(
        diagnostic(
          message, at: namespaceLocation, fix: setting.namespaceLocation == nil ? nil : fix,
          help: "Beanstalk rejects or ignores settings under an unknown namespace"))
    }
    return found
  }

  private func unknownOption(_ setting: OptionSetting, in spec: NamespaceSpec, files: SourceFiles)
    -> Diagnostic
  {
    let names = spec.options.map(\.name)
    let known = OptionCatalog.commonMistakes[spec.name]?[setting.option]
    let suggestion = known ?? BeanstalkRuleSupport.suggestion(for: setting.option, among: names)
    var message = "unknown option '\(setting.option)' in namespace \(setting.namespace)"
    var fix: Fix?
    if let suggestion {
      message += "; did you mean '\(suggestion)'?"
      fix = BeanstalkRuleSupport.replacement(
        at: setting.keyLocation, current: setting.option, with: suggestion, files: files
      ).map {
        Fix(
          title: "Rename the option to '\(suggestion)'",
          applicability: known == nil ? .safe : .unsafe, edits: [$0])
      }
    } else {
      message += " (expected one of: \(names.joined(separator: ", ")))"
    }
    let elsewhere = OptionCatalog.namespaces(defining: setting.option).filter { $0 != spec.name }
    if !elsewhere.isEmpty {
      message +=
        "; '\(setting.option)' is an option of \(elsewhere.prefix(2).joined(separator: " and "))"
    }
    return diagnostic(
      message, at: setting.keyLocation, fix: fix,
      help: "option names are case-sensitive; see \(spec.source)")
  }

  /// `…:process:defualt`: a process name one typo away from `default` that nothing routes to.
  private func misspeltDefaultProcess(
    _ setting: OptionSetting, context: LintContext, reported: inout Set<Location>
  ) -> Diagnostic? {
    let prefix = "aws:elasticbeanstalk:environment:process:"
    guard setting.namespace.hasPrefix(prefix), let location = setting.namespaceLocation else {
      return nil
    }
    let name = String(setting.namespace.dropFirst(prefix.count))
    guard name != "default", BeanstalkRuleSupport.editDistance(name, "default") <= 2 else {
      return nil
    }
    let routed = context.beanstalk.settings.contains {
      ($0.option == "DefaultProcess" || $0.option == "Process") && $0.value == name
    }
    guard !routed, reported.insert(location).inserted else { return nil }
    let suggestion = prefix + "default"
    let fix = BeanstalkRuleSupport.replacement(
      at: location, current: setting.namespace, with: suggestion, files: context.files
    ).map {
      Fix(title: "Rename the namespace to '\(suggestion)'", applicability: .safe, edits: [$0])
    }
    return diagnostic(
      "process '\(name)' is not the default process and no listener or rule routes to it; did you mean '\(suggestion)'?",
      at: location, fix: fix,
      help:
        "settings for an unrouted process configure a target group no traffic or health check uses")
  }

  /// The closest documented namespace, trying templated families with the written suffix.
  private func namespaceSuggestion(for namespace: String) -> String? {
    var candidates = OptionCatalog.suggestableNamespaces
    let suffix = namespace.split(separator: ":").last.map(String.init) ?? ""
    for spec in OptionCatalog.namespaces {
      if let prefix = spec.prefix, !suffix.isEmpty {
        let candidate = prefix + suffix
        if spec.matches(candidate) { candidates.append(candidate) }
      }
    }
    // Namespaces share long prefixes, so only a few edits count as a typo
    // (`…:container:java:staticfiles` is a real namespace, not a misspelt python one).
    return BeanstalkRuleSupport.suggestion(
      for: namespace, among: candidates, limit: max(2, namespace.count / 15))
  }
}
