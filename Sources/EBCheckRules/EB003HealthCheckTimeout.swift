import EBCheckCore
import EBCheckModel
import EBCheckSimulation

/// EB003: a health-check timeout that is not smaller than the interval between checks.
public struct HealthCheckTimeoutRule: Rule {
  public static let id = "EB003"

  public init() {}

  public let description = RuleDescription(
    id: Self.id, name: "health-check-timeout-not-below-interval", severity: .error,
    summary: "The health-check timeout is not smaller than the health-check interval.",
    rationale: """
      Elastic Load Balancing requires the timeout to be smaller than the interval; Beanstalk passes \
      the values through, so the environment update fails when it modifies the target group (or the \
      classic load balancer), and the health check you meant to configure never applies. Defaults \
      count too: a timeout of 15 s against the default 15 s interval is already invalid.
      """,
    fix: "Lower the timeout or raise the interval so that timeout < interval.",
    fixable: false,
    triggering: [
      RuleExample(
        path: ".ebextensions/health.config",
        """
        option_settings:
          aws:elasticbeanstalk:environment:process:default:
            HealthCheckInterval: 10
            HealthCheckTimeout: ↓30
        """
      ).saying("the load balancer requires timeout < interval"),
      RuleExample(
        path: ".ebextensions/health.config",
        "# 기본 간격은 15초 ✓\r\noption_settings:\r\n  aws:elasticbeanstalk:environment:process:default:\r\n    HealthCheckTimeout: 15\r\n"
      ),
      RuleExample(
        path: ".ebextensions/classic.config",
        """
        option_settings:
          aws:elasticbeanstalk:environment:
            LoadBalancerType: classic
          aws:elb:healthcheck:
            Interval: 5
            Timeout: 5
        """),
    ],
    nonTriggering: [
      RuleExample(
        path: ".ebextensions/health.config",
        """
        # 타임아웃 < 간격 ✓
        option_settings:
          aws:elasticbeanstalk:environment:process:default:
            HealthCheckInterval: 30
            HealthCheckTimeout: 10
        """),
      RuleExample(
        path: ".ebextensions/health.config",
        "option_settings:\r\n  aws:elasticbeanstalk:environment:process:default:\r\n    HealthCheckTimeout: !Ref Timeout\r\n"
      ),
      RuleExample(
        path: ".ebextensions/health.config",
        """
        option_settings:
          aws:elasticbeanstalk:environment:process:default:
            HealthCheckTimeout: 20  # ebcheck: ignore[EB003]
        """),
    ],
    references: [
      "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/environments-cfg-alb.html",
      "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html",
      "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-general.html#command-options-general-elbhealthcheck",
    ])

  public func check(_ context: LintContext) -> [Diagnostic] {
    context.perConfiguration(checkConfiguration)
  }

  private func checkConfiguration(_ context: LintContext) -> [Diagnostic] {
    let environment = context.beanstalk.environment
    var found: [Diagnostic] = []
    switch environment.loadBalancer {
    case .application:
      for process in environment.processes {
        if let finding = compare(
          timeout: process.healthCheck.timeout, interval: process.healthCheck.interval,
          subject: "process '\(process.name)'")
        {
          found.append(finding)
        }
      }
    case .classic:
      if let check = environment.classicHealthCheck,
        let finding = compare(
          timeout: check.timeout, interval: check.interval, subject: "the classic load balancer")
      {
        found.append(finding)
      }
    case .network, .none:
      break  // NLB timeouts are fixed by ELB; single instances have no load balancer check.
    }
    return found
  }

  private func compare(timeout: EffectiveOption, interval: EffectiveOption, subject: String)
    -> Diagnostic?
  {
    guard let timeoutSeconds = timeout.intValue, let intervalSeconds = interval.intValue,
      timeoutSeconds >= intervalSeconds, let location = timeout.location ?? interval.location
    else { return nil }
    let describe = { (option: EffectiveOption, seconds: Int) -> String in
      if let setting = option.setting {
        return "\(option.option) \(seconds) s (set in \(setting.location.file))"
      }
      return "\(option.option) \(seconds) s (\(option.defaultReason ?? "Beanstalk default"))"
    }
    var related: [RelatedLocation] = []
    if timeout.location != nil, let other = interval.location {
      related.append(RelatedLocation(other, "\(interval.option) is set here"))
    }
    return diagnostic(
      "health check of \(subject): \(describe(timeout, timeoutSeconds)) is not smaller than \(describe(interval, intervalSeconds)); the load balancer requires timeout < interval",
      at: location, related: related,
      help:
        "for example \(interval.option) \(max(intervalSeconds, timeoutSeconds + 5)) with \(timeout.option) \(timeoutSeconds), or a timeout below \(intervalSeconds)"
    )
  }
}
