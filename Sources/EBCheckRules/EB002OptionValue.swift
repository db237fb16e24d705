import EBCheckCore
import EBCheckFormats
import EBCheckModel
import EBCheckSimulation

/// EB002: an option value of the wrong type, outside its range or not an allowed value.
public struct OptionValueRule: Rule {
  public static let id = "EB002"

  public init() {}

  public let description = RuleDescription(
    id: Self.id, name: "invalid-option-value", severity: .error,
    summary:
      "An option value that is not a number, outside the documented range, or not an allowed value.",
    rationale: """
      Beanstalk validates option values when it applies configuration files; an invalid value makes \
      the deployment or environment update fail ("Invalid option value"), and values the ELB API \
      rejects fail later, when the target group is modified. Health check paths without a leading \
      `/` and matcher codes outside 200–499 are typical.
      """,
    fix:
      "Use a value inside the range the option reference documents; ebcheck clamps numbers when asked.",
    fixable: true,
    triggering: [
      RuleExample(
        path: "cloudformation/environment.yaml",
        "AWSTemplateFormatVersion: \"2010-09-09\"\r\nParameters:\r\n  Interval: {Type: Number, Default: ↓600}  # 초\r\nResources:\r\n  Web:\r\n    Type: AWS::ElasticBeanstalk::Environment\r\n    Properties:\r\n      ApplicationName: mysite\r\n      OptionSettings:\r\n        - Namespace: aws:elasticbeanstalk:environment:process:default\r\n          OptionName: HealthCheckInterval\r\n          Value: !Ref Interval\r\n"
      ).saying("outside the allowed 5–300"),
      RuleExample([
        "infra/main.tf": """
        resource "aws_elastic_beanstalk_environment" "web" {
          setting {
            namespace = "aws:elasticbeanstalk:environment:process:default"
            name      = "HealthCheckPath"
            value     = var.health_path
          }
        }
        variable "health_path" { default = "/" }
        """,
        "infra/terraform.tfvars": "health_path = ↓\"health/\"\n",
      ]),
      RuleExample(
        path: ".ebextensions/health.config",
        """
        option_settings:
          aws:elasticbeanstalk:environment:process:default:
            HealthCheckInterval: ↓600
            HealthCheckPath: ↓health/
        """),
      RuleExample(
        path: ".ebextensions/lb.config",
        "# 로드 밸런서 종류 ✓\r\noption_settings:\r\n  aws:elasticbeanstalk:environment:\r\n    LoadBalancerType: ↓Application\r\n"
      ),
      RuleExample(
        path: ".ebextensions/matcher.config",
        """
        option_settings:
          - namespace: aws:elasticbeanstalk:environment:process:default
            option_name: MatcherHTTPCode
            value: 200-599
        """),
    ],
    nonTriggering: [
      RuleExample(
        path: ".ebextensions/health.config",
        """
        # 헬스 체크 — 값은 범위 안에 ✓
        option_settings:
          aws:elasticbeanstalk:environment:process:default:
            HealthCheckInterval: 30
            HealthCheckTimeout: '5'
            HealthCheckPath: /health/
            MatcherHTTPCode: 200,301-302
            StickinessEnabled: false
          aws:elasticbeanstalk:application:environment:
            PORT: not-a-number-but-free-form
        """),
      RuleExample(
        path: ".ebextensions/dynamic.config",
        "option_settings:\r\n  aws:elasticbeanstalk:environment:process:default:\r\n    HealthCheckInterval: !Ref IntervalParameter\r\n    Port: '8000'\r\n"
      ),
      RuleExample(
        path: ".ebextensions/legacy.config",
        """
        option_settings:
          aws:elasticbeanstalk:environment:process:default:
            HealthCheckInterval: 600  # ebcheck: ignore[EB002]
        """),
    ],
    references: [
      "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-general.html#command-options-general-environmentprocess",
      "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html",
    ])

  public func check(_ context: LintContext) -> [Diagnostic] {
    context.perConfiguration(checkConfiguration)
  }

  private func checkConfiguration(_ context: LintContext) -> [Diagnostic] {
    let environment = context.beanstalk.environment
    let loadBalancer =
      environment.loadBalancer == .none ? LoadBalancerType.application : environment.loadBalancer
    var found: [Diagnostic] = []
    for setting in context.beanstalk.settings {
      guard let namespace = OptionCatalog.namespace(setting.namespace),
        let spec = namespace.option(setting.option)
      else { continue }
      if case .dynamic = setting.kind { continue }
      // The load balancer this value is judged for: the environment's when the option applies to it.
      let judgedFor =
        spec.applies(to: loadBalancer)
        ? loadBalancer
        : (spec.loadBalancers?.sorted { $0.rawValue < $1.rawValue }.first ?? loadBalancer)
      let type = spec.valueType(for: judgedFor)
      if setting.kind == .structured {
        found.append(
          diagnostic(
            "\(setting.option) expects a single value, found a \(setting.value.hasPrefix("[") || setting.value.hasPrefix("-") ? "list" : "map")",
            at: setting.location, help: "see \(spec.source)"))
        continue
      }
      guard let problem = validate(setting.value, as: type) else { continue }
      var message = "\(setting.option) \(problem.message)"
      if !spec.types.isEmpty {
        message +=
          " for \(BeanstalkRuleSupport.article(judgedFor.displayName)) \(judgedFor.displayName)"
      }
      message += " (Elastic Beanstalk option reference, \(setting.namespace))"
      let noteApplies = spec.types.isEmpty || spec.types[judgedFor] != nil
      if let note = spec.note, problem.mentionsNote, noteApplies { message += "; note: \(note)" }
      let fix = problem.replacement.flatMap { replacement in
        BeanstalkRuleSupport.replacement(
          at: setting.location, current: setting.value, with: replacement, files: context.files
        ).map {
          Fix(
            title: problem.fixTitle ?? "Use \(replacement)", applicability: problem.applicability,
            edits: [$0])
        }
      }
      found.append(diagnostic(message, at: setting.location, fix: fix, help: "see \(spec.source)"))
    }
    found += environmentPropertyLimits(context.beanstalk)
    return found
  }

  package static let softwareSettings =
    "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/environments-cfg-softwaresettings.html"

  /// Environment properties: keys up to 128 characters, values up to 256, all `key=value`
  /// pairs together at most 4,096 bytes.
  package func environmentPropertyLimits(_ configuration: BeanstalkConfiguration) -> [Diagnostic] {
    var found: [Diagnostic] = []
    var effective: [String: OptionSetting] = [:]
    var order: [String] = []
    for setting in configuration.settings
    where setting.namespace == OptionSettingsReader.defaultNamespace {
      if effective.updateValue(setting, forKey: setting.option) == nil {
        order.append(setting.option)
      }
      if setting.option.count > 128 {
        found.append(
          diagnostic(
            "environment property name is \(setting.option.count) characters; Beanstalk allows at most 128",
            at: setting.keyLocation, help: "see \(Self.softwareSettings)"))
      }
      if setting.kind == .literal, setting.value.count > 256 {
        found.append(
          diagnostic(
            "environment property \(setting.option) has a \(setting.value.count)-character value; Beanstalk allows at most 256",
            at: setting.location,
            help:
              "store long values in S3 or Secrets Manager and read them at startup; see \(Self.softwareSettings)"
          ))
      }
    }
    let total = order.reduce(0) { sum, key in
      sum + key.utf8.count + 1
        + (effective[key].map { $0.isDynamic ? 0 : $0.value.utf8.count } ?? 0)
    }
    if total > 4096, let last = order.last.flatMap({ effective[$0] }) {
      found.append(
        diagnostic(
          "environment properties add up to \(total) bytes as key=value pairs; Beanstalk allows at most 4,096 in total (\(order.count) properties)",
          at: last.keyLocation, help: "see \(Self.softwareSettings)"))
    }
    return found
  }

  package struct Problem {
    package var message: String
    package var replacement: String?
    package var fixTitle: String?
    package var applicability: Applicability = .unsafe
    package var mentionsNote = true
  }

  package func validate(_ raw: String, as type: OptionValueType) -> Problem? {
    let value = raw.trimmingWhitespace()
    switch type {
    case .string, .list:
      return nil
    case .integer(let range):
      guard let number = Int(value) else {
        return Problem(
          message:
            "expects a whole number from \(range.lowerBound) to \(range.upperBound), found '\(raw)'"
        )
      }
      guard range.contains(number) else {
        let clamped = min(max(number, range.lowerBound), range.upperBound)
        return Problem(
          message: "is \(number), outside the allowed \(range.lowerBound)–\(range.upperBound)",
          replacement: String(clamped), fixTitle: "Clamp to \(clamped)")
      }
      return nil
    case .integerChoice(let choices):
      let listed = choices.map(String.init).joined(separator: " or ")
      guard let number = Int(value) else {
        return Problem(message: "expects \(listed), found '\(raw)'")
      }
      guard choices.contains(number) else {
        let nearest = choices.min { abs($0 - number) < abs($1 - number) } ?? choices[0]
        return Problem(
          message: "is \(number), but only \(listed) are allowed", replacement: String(nearest),
          fixTitle: "Use \(nearest)")
      }
      return nil
    case .boolean:
      guard ["true", "false"].contains(value.lowercased()) else {
        return Problem(message: "expects true or false, found '\(raw)'", mentionsNote: false)
      }
      return nil
    case .choice(let allowed):
      guard !allowed.contains(value) else { return nil }
      if let match = allowed.first(where: { $0.lowercased() == value.lowercased() }) {
        return Problem(
          message: "is '\(raw)', but allowed values are case-sensitive: use '\(match)'",
          replacement: match,
          fixTitle: "Use '\(match)'", applicability: .safe, mentionsNote: false)
      }
      let suggestion = BeanstalkRuleSupport.suggestion(for: value, among: allowed)
      var message = "is '\(raw)', not one of \(allowed.joined(separator: ", "))"
      if let suggestion { message += "; did you mean '\(suggestion)'?" }
      return Problem(
        message: message, replacement: suggestion, fixTitle: suggestion.map { "Use '\($0)'" },
        mentionsNote: false)
    case .path:
      guard value.hasPrefix("/") else {
        return Problem(
          message: "must be a path starting with '/', found '\(raw)'",
          replacement: value.isEmpty ? nil : "/" + value,
          fixTitle: "Add the leading '/'", applicability: .safe, mentionsNote: false)
      }
      return nil
    case .httpCodes(let range):
      for item in value.split(separator: ",", omittingEmptySubsequences: false) {
        let part = item.trimmingWhitespace()
        let bounds = part.split(separator: "-", omittingEmptySubsequences: false).map {
          Int($0.trimmingWhitespace())
        }
        guard bounds.count == 1 || bounds.count == 2, bounds.allSatisfy({ $0 != nil }) else {
          return Problem(
            message: "expects HTTP codes like 200 or 200-299 separated by commas, found '\(raw)'")
        }
        let codes = bounds.compactMap { $0 }
        if codes.count == 2, codes[0] > codes[1] {
          return Problem(message: "has the range '\(part)' whose start is after its end")
        }
        if let outside = codes.first(where: { !range.contains($0) }) {
          return Problem(
            message:
              "includes \(outside), outside the allowed \(range.lowerBound)–\(range.upperBound)")
        }
      }
      return nil
    case .healthCheckTarget:
      guard !value.hasPrefix("/"), ClassicHealthCheck.parse(value) != nil else {
        return Problem(
          message:
            "expects PROTOCOL:PORT or HTTP(S):PORT/PATH (e.g. HTTP:80/health/), found '\(raw)'",
          mentionsNote: false)
      }
      return nil
    case .healthCheckURL:
      guard ClassicHealthCheck.parse(value) != nil else {
        return Problem(
          message:
            "expects a path such as /health/ or PROTOCOL:PORT/PATH such as HTTPS:443/health/, found '\(raw)'",
          mentionsNote: false)
      }
      return nil
    }
  }
}
