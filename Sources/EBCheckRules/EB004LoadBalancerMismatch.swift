import EBCheckCore
import EBCheckModel
import EBCheckSimulation

/// EB004: an option that has no effect on the environment's load balancer type.
public struct LoadBalancerMismatchRule: Rule {
  public static let id = "EB004"

  public init() {}

  public let description = RuleDescription(
    id: Self.id, name: "option-ignored-for-load-balancer", severity: .warning,
    summary: "An option that the environment's load balancer type ignores.",
    rationale: """
      Classic, application and network load balancers read different options. `aws:elb:healthcheck` \
      and `Application Healthcheck URL` do nothing on an application load balancer, which checks each \
      process's `HealthCheckPath`; `MatcherHTTPCode` does nothing on a classic one. The setting looks \
      right in review while the real health check keeps its defaults (`/`, matcher 200).
      """,
    fix:
      "Move the setting to the namespace this load balancer type reads, or set LoadBalancerType.",
    fixable: false,
    triggering: [
      RuleExample(
        path: ".ebextensions/health.config",
        """
        option_settings:
          ↓aws:elb:healthcheck:
            Target: HTTP:80/health/
          aws:elasticbeanstalk:application:
            ↓Application Healthcheck URL: /health/
        """),
      RuleExample(
        path: ".ebextensions/classic.config",
        "# 클래식 로드 밸런서 ✓\r\noption_settings:\r\n  aws:elasticbeanstalk:environment:\r\n    LoadBalancerType: classic\r\n  aws:elasticbeanstalk:environment:process:default:\r\n    ↓MatcherHTTPCode: 200-399\r\n"
      ),
      RuleExample(
        path: ".ebextensions/single.config",
        """
        option_settings:
          aws:elasticbeanstalk:environment:
            EnvironmentType: SingleInstance
          ↓aws:elasticbeanstalk:environment:process:default:
            HealthCheckPath: /health/
        """),
    ],
    nonTriggering: [
      RuleExample(
        path: ".ebextensions/health.config",
        """
        # ALB는 프로세스의 HealthCheckPath를 씁니다 ✓
        option_settings:
          aws:elasticbeanstalk:environment:process:default:
            HealthCheckPath: /health/
            MatcherHTTPCode: 200
        """),
      RuleExample(
        path: ".ebextensions/classic.config",
        "option_settings:\r\n  aws:elasticbeanstalk:environment:\r\n    LoadBalancerType: classic\r\n  aws:elb:healthcheck:\r\n    Interval: 30\r\n  aws:elasticbeanstalk:application:\r\n    Application Healthcheck URL: /health/\r\n"
      ),
      RuleExample(
        path: ".ebextensions/legacy.config",
        """
        option_settings:
          aws:elb:healthcheck:  # ebcheck: ignore[EB004]
            Target: HTTP:80/health/
        """),
    ],
    references: [
      "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/environments-cfg-alb.html",
      "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-general.html#command-options-general-elbhealthcheck",
      "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-general.html#command-options-general-elasticbeanstalkapplication",
    ])

  package static let loadBalancerFamilies = [
    "aws:elasticbeanstalk:environment:process:", "aws:elb:", "aws:elbv2:",
  ]

  public func check(_ context: LintContext) -> [Diagnostic] {
    context.perConfiguration(checkConfiguration)
  }

  private func checkConfiguration(_ context: LintContext) -> [Diagnostic] {
    let environment = context.beanstalk.environment
    let loadBalancer = environment.loadBalancer
    let why = BeanstalkRuleSupport.loadBalancerDescription(environment)
    let decidingSetting =
      environment.isSingleInstance
      ? environment.environmentType.setting : environment.loadBalancerOption.setting
    let related =
      decidingSetting.map { [RelatedLocation($0.location, "\($0.option) is set here")] } ?? []
    var found: [Diagnostic] = []
    var reported = Set<Location>()
    for setting in context.beanstalk.settings {
      guard let namespace = OptionCatalog.namespace(setting.namespace) else { continue }
      let namespaceLocation = setting.namespaceLocation ?? setting.keyLocation
      if loadBalancer == .none {
        if setting.namespace == "aws:elasticbeanstalk:environment",
          setting.option == "LoadBalancerType" || setting.option == "LoadBalancerIsShared"
        {
          found.append(
            diagnostic(
              "\(setting.option) has no effect: \(why)", at: setting.keyLocation, related: related,
              help: "set EnvironmentType to LoadBalanced to get a load balancer"))
          continue
        }
        let isLoadBalancerOption =
          Self.loadBalancerFamilies.contains { setting.namespace.hasPrefix($0) }
          || setting.option == "Application Healthcheck URL"
        if isLoadBalancerOption, reported.insert(namespaceLocation).inserted {
          found.append(
            diagnostic(
              "\(setting.namespace) has no effect: \(why), so nothing runs a load balancer health check",
              at: namespaceLocation, related: related,
              help: "Beanstalk checks single instances through the health agent only"))
        }
        continue
      }
      if !namespace.applies(to: loadBalancer) {
        guard reported.insert(namespaceLocation).inserted else { continue }
        let readers = BeanstalkRuleSupport.plural(namespace.loadBalancers)
        found.append(
          diagnostic(
            "\(setting.namespace) only applies to \(readers); \(why), so these settings are ignored\(hint(setting.namespace, loadBalancer))",
            at: namespaceLocation, related: related))
        continue
      }
      if let option = namespace.option(setting.option), !option.applies(to: loadBalancer) {
        let readers = BeanstalkRuleSupport.plural(option.loadBalancers)
        found.append(
          diagnostic(
            "\(setting.option) only applies to \(readers); \(why), so it is ignored\(hint(setting.option, loadBalancer))",
            at: setting.keyLocation, related: related))
      }
    }
    return found
  }

  /// Where the equivalent setting lives for this load balancer type.
  private func hint(_ name: String, _ loadBalancer: LoadBalancerType) -> String {
    switch (name, loadBalancer) {
    case ("aws:elb:healthcheck", .application), ("Application Healthcheck URL", .application),
      ("aws:elb:healthcheck", .network), ("Application Healthcheck URL", .network):
      return
        "; set HealthCheckPath (and interval/timeout) in aws:elasticbeanstalk:environment:process:default instead"
    case ("HealthCheckPath", .classic):
      return "; set Application Healthcheck URL in aws:elasticbeanstalk:application instead"
    case ("MatcherHTTPCode", .classic):
      return "; a classic load balancer accepts only 200"
    case ("HealthCheckTimeout", .network):
      return "; network load balancers use a fixed timeout"
    default:
      return ""
    }
  }
}
