import Testing
import EBCheckCore
import EBCheckModel
import EBCheckRules
import EBCheck

@Suite struct BeanstalkRuleTests {
  static func lint(_ contents: [String: String], rule: String) -> (SourceFiles, [Diagnostic]) {
    let files = SourceFiles(
      contents.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
    return (files, Linter.lint(files).diagnostics.filter { $0.rule == rule })
  }

  /// Applies non-overlapping edits of one file, back to front.
  static func apply(_ edits: [Edit], to file: SourceFile) -> String {
    var bytes = file.bytes
    for edit in edits.sorted(by: { $0.span.start > $1.span.start }) where edit.file == file.path {
      bytes.replaceSubrange(edit.span.start..<edit.span.end, with: Array(edit.replacement.utf8))
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test func eb001FixRenamesTheOptionAndTheFindingGoes() throws {
    let path = ".ebextensions/health.config"
    let text =
      "# 한글 주석\r\noption_settings:\r\n  aws:elasticbeanstalk:environment:process:default:\r\n    'healthcheckpath': /health/\r\n"
    let (files, found) = Self.lint([path: text], rule: "EB001")
    let finding = try #require(found.first)
    #expect(finding.message.contains("did you mean 'HealthCheckPath'"))
    let fix = try #require(finding.fix)
    #expect(fix.applicability == .safe)
    let fixed = Self.apply(fix.edits, to: try #require(files[path]))
    #expect(fixed.contains("'HealthCheckPath': /health/\r\n"))
    #expect(Self.lint([path: fixed], rule: "EB001").1.isEmpty)
  }

  @Test func eb001NamespaceFixInListFormAndUnmodelledNamespacesAreSilent() throws {
    let path = ".ebextensions/a.config"
    let text = """
      option_settings:
        - namespace: aws:elasticbeanstalk:environment:process:defualt
          option_name: HealthCheckPath
          value: /health/
        - namespace: aws:acme:internal
          option_name: Anything
          value: 1
        - namespace: aws:elasticbeanstalk:xray
          option_name: XRayEnabled
          value: true
      """
    let (files, found) = Self.lint([path: text], rule: "EB001")
    #expect(found.count == 1)
    let fix = try #require(found.first?.fix)
    let fixed = Self.apply(fix.edits, to: try #require(files[path]))
    #expect(fixed.contains("namespace: aws:elasticbeanstalk:environment:process:default\n"))
  }

  @Test func eb001DoesNotMistakeOtherPlatformsForTypos() {
    let (_, found) = Self.lint(
      [
        ".ebextensions/a.config": """
        option_settings:
          aws:elasticbeanstalk:container:nodejs:staticfiles:
            /public: public
          aws:elasticbeanstalk:container:dotnet:apppool:
            Target Runtime: 4.0
          aws:elasticbeanstalk:container:golang:staticfiles:
            /img: img
          AWS:ElasticBeanstalk:Application:Environment:
            X: 1
        """
      ], rule: "EB001")
    #expect(found.count == 1)
    #expect(
      found.first?.message.contains("did you mean 'aws:elasticbeanstalk:application:environment'")
        == true)
  }

  @Test func eb001ListsOptionsWhenNothingIsClose() throws {
    let (_, found) = Self.lint(
      [".ebextensions/a.config": "option_settings:\n  aws:elb:healthcheck:\n    Path: /health/\n"],
      rule: "EB001")
    let message = try #require(found.first?.message)
    #expect(
      message.contains(
        "expected one of: HealthyThreshold, Interval, Timeout, UnhealthyThreshold, Target"))
    #expect(found.first?.fix == nil)
  }

  @Test func eb001KnowsBorrowedNames() throws {
    let (_, found) = Self.lint(
      [
        ".ebextensions/a.config": """
        option_settings:
          aws:elasticbeanstalk:environment:process:default:
            DeregistrationTimeout: 30
          aws:elb:healthcheck:
            HealthCheckPath: /health/
        """
      ], rule: "EB001")
    #expect(found.count == 2)
    #expect(
      found.contains {
        $0.message.contains("did you mean 'DeregistrationDelay'")
          && $0.fix?.applicability == .unsafe
      })
    #expect(
      found.contains {
        $0.message.contains("did you mean 'Target'")
          && $0.message.contains("is an option of aws:elasticbeanstalk:environment:process:default")
      })
  }

  @Test func eb002ClampKeepsQuotesAndIsUnsafe() throws {
    let path = ".ebextensions/a.config"
    let text =
      "option_settings:\n  aws:elasticbeanstalk:environment:process:default:\n    HealthyThresholdCount: \"1\"\n    HealthCheckTimeout: 90\n"
    let (files, found) = Self.lint([path: text], rule: "EB002")
    #expect(found.count == 2)
    let threshold = try #require(found.first { $0.message.hasPrefix("HealthyThresholdCount") })
    #expect(threshold.message.contains("2–10"))
    let fix = try #require(threshold.fix)
    #expect(fix.applicability == .unsafe)
    #expect(
      Self.apply(fix.edits, to: try #require(files[path])).contains(
        "HealthyThresholdCount: \"2\"\n"))
    let timeout = try #require(found.first { $0.message.hasPrefix("HealthCheckTimeout") })
    #expect(timeout.message.contains("2–60"))
    #expect(timeout.message.contains("ELBv2 API"))
  }

  @Test func eb002JudgesNetworkLoadBalancerLimits() throws {
    let (_, found) = Self.lint(
      [
        ".ebextensions/a.config": """
        option_settings:
          aws:elasticbeanstalk:environment:
            LoadBalancerType: network
          aws:elasticbeanstalk:environment:process:default:
            HealthCheckInterval: 15
            MatcherHTTPCode: 200-499
            Protocol: HTTP
        """
      ], rule: "EB002")
    #expect(found.count == 3)
    #expect(
      found.contains {
        $0.message.contains("only 10 or 30") && $0.fix?.edits.first?.replacement == "10"
      })
    #expect(found.contains { $0.message.contains("200–399") })
    #expect(found.contains { $0.message.contains("not one of TCP") })
  }

  @Test func eb002ChecksTypesAndFormats() {
    let (_, found) = Self.lint(
      [
        ".ebextensions/a.config": """
        option_settings:
          aws:elasticbeanstalk:environment:process:default:
            Port: eighty
            StickinessEnabled: sometimes
            MatcherHTTPCode: 299-200
          aws:elb:healthcheck:
            Target: /health
          aws:elasticbeanstalk:application:
            Application Healthcheck URL: FTP:21/x
          aws:elasticbeanstalk:environment:
            LoadBalancerType: aplication
        """
      ], rule: "EB002")
    let messages = found.map(\.message)
    #expect(messages.contains { $0.contains("Port expects a whole number") })
    #expect(messages.contains { $0.contains("expects true or false") })
    #expect(messages.contains { $0.contains("start is after its end") })
    #expect(messages.contains { $0.contains("Target expects PROTOCOL:PORT") })
    #expect(messages.contains { $0.contains("Application Healthcheck URL expects") })
    #expect(messages.contains { $0.contains("did you mean 'application'") })
    #expect(found.count == 6)
  }

  @Test func eb002EnvironmentPropertyLimits() {
    var text = "option_settings:\n  aws:elasticbeanstalk:application:environment:\n"
    text += "    LONG_VALUE: \(String(repeating: "x", count: 300))\n"
    text += "    \(String(repeating: "K", count: 130)): short\n"
    for index in 0..<20 { text += "    KEY_\(index): \(String(repeating: "v", count: 200))\n" }
    let (_, found) = Self.lint([".ebextensions/env.config": text], rule: "EB002")
    #expect(found.count == 3)
    #expect(found.contains { $0.message.contains("300-character value") })
    #expect(found.contains { $0.message.contains("130 characters") })
    #expect(found.contains { $0.message.contains("4,096") })
  }

  @Test func eb003UsesClassicDefaults() throws {
    let (_, found) = Self.lint(
      [
        ".ebextensions/a.config": """
        option_settings:
          aws:elasticbeanstalk:environment:
            LoadBalancerType: classic
          aws:elb:healthcheck:
            Timeout: 10
        """
      ], rule: "EB003")
    let message = try #require(found.first?.message)
    #expect(message.contains("Timeout 10 s"))
    #expect(message.contains("Interval 10 s (Beanstalk default"))
  }

  @Test func eb003ChecksNamedProcessesAndSkipsNetwork() {
    let alb = Self.lint(
      [
        ".ebextensions/a.config": """
        option_settings:
          aws:elasticbeanstalk:environment:process:api:
            HealthCheckInterval: 5
            HealthCheckTimeout: 5
        """
      ], rule: "EB003")
    #expect(alb.1.count == 1)
    #expect(alb.1.first?.message.contains("process 'api'") == true)
    #expect(alb.1.first?.related.isEmpty == false)
    let nlb = Self.lint(
      [
        ".ebextensions/a.config": """
        option_settings:
          aws:elasticbeanstalk:environment:
            LoadBalancerType: network
          aws:elasticbeanstalk:environment:process:default:
            HealthCheckInterval: 10
            HealthCheckTimeout: 10
        """
      ], rule: "EB003")
    #expect(nlb.1.isEmpty)
  }

  @Test func eb004ReportsEachNamespaceOnceAndPointsAtLoadBalancerType() throws {
    let (files, found) = Self.lint(
      [
        ".ebextensions/a.config": """
        option_settings:
          aws:elasticbeanstalk:environment:
            LoadBalancerType: network
          aws:elbv2:listenerrule:api:
            PathPatterns: /api/*
            Priority: 2
          aws:elasticbeanstalk:environment:process:default:
            HealthCheckTimeout: 10
            StickinessEnabled: true
        """
      ], rule: "EB004")
    #expect(found.count == 3)
    let rule = try #require(found.first { $0.message.hasPrefix("aws:elbv2:listenerrule:api") })
    #expect(rule.message.contains("Network Load Balancer"))
    let related = try #require(rule.related.first)
    #expect(files[related.location.file]?.text(related.location.span) == "network")
    #expect(found.contains { $0.message.contains("fixed timeout") })
  }

  @Test func eb004HealthCheckPathOnClassicPointsAtTheURLOption() throws {
    let (_, found) = Self.lint(
      [
        ".ebextensions/a.config": """
        option_settings:
          aws:elasticbeanstalk:environment:
            LoadBalancerType: classic
          aws:elasticbeanstalk:environment:process:default:
            HealthCheckPath: /health/
            HealthCheckInterval: 30
        """
      ], rule: "EB004")
    #expect(found.count == 1)
    #expect(found.first?.message.contains("Application Healthcheck URL") == true)
  }

  @Test func eb004SingleInstanceIgnoresLoadBalancerSettings() {
    let (_, found) = Self.lint(
      [
        ".ebextensions/a.config": """
        option_settings:
          aws:elasticbeanstalk:environment:
            EnvironmentType: SingleInstance
            LoadBalancerType: application
          aws:elbv2:listener:443:
            Protocol: HTTPS
          aws:elasticbeanstalk:environment:process:default:
            HealthCheckPath: /health/
            MatcherHTTPCode: 200
        """
      ], rule: "EB004")
    #expect(found.count == 3)
    #expect(found.allSatisfy { $0.message.contains("SingleInstance") })
    #expect(found.allSatisfy { $0.related.first?.label == "EnvironmentType is set here" })
  }

  @Test func eb009NamesTheWinnerAndWhy() throws {
    let (_, found) = Self.lint(
      [
        ".ebextensions/01_a.config":
          "option_settings:\n  aws:elasticbeanstalk:environment:process:default:\n    HealthCheckPath: /a/\n",
        ".ebextensions/02_b.config":
          "option_settings:\n  aws:elasticbeanstalk:environment:process:default:\n    HealthCheckPath: /b/\n",
        ".ebextensions/03_c.config":
          "option_settings:\n  aws:elasticbeanstalk:environment:process:default:\n    HealthCheckPath: /c/\n",
        ".ebextensions/04_same.config":
          "option_settings:\n  aws:elasticbeanstalk:application:environment:\n    A: '1'\n",
        ".ebextensions/05_same.config":
          "option_settings:\n  aws:elasticbeanstalk:application:environment:\n    A: 1\n",
      ], rule: "EB009")
    #expect(found.count == 2)
    #expect(
      found.map(\.location.file) == [".ebextensions/01_a.config", ".ebextensions/02_b.config"])
    for finding in found {
      #expect(finding.message.contains("'/c/' in .ebextensions/03_c.config, which wins"))
      #expect(finding.message.contains("alphabetical order"))
      #expect(finding.related.first?.location.file == ".ebextensions/03_c.config")
    }
  }

  @Test func eb009IgnoresRepeatsInsideOneFile() {
    let (_, found) = Self.lint(
      [
        ".ebextensions/a.config": """
        option_settings:
          - namespace: aws:elasticbeanstalk:environment:process:default
            option_name: HealthCheckPath
            value: /a/
          - namespace: aws:elasticbeanstalk:environment:process:default
            option_name: HealthCheckPath
            value: /b/
        """
      ], rule: "EB009")
    #expect(found.isEmpty)
  }

  @Test func y001FindingsComeFromTheConfiguration() throws {
    let (files, found) = Self.lint(
      [
        ".ebextensions/a.config":
          "option_settings:\n  aws:elasticbeanstalk:application:environment:\n    KEY: [unclosed\n",
        ".elasticbeanstalk/config.yml": "branch-defaults:\n  main: {environment: prod\n",
      ], rule: "Y001")
    #expect(found.count == 2)
    #expect(
      Set(found.map(\.location.file)) == [".ebextensions/a.config", ".elasticbeanstalk/config.yml"])
    #expect(found.allSatisfy { $0.severity == .error })
    #expect(files.count == 2)
  }
}

@Suite struct BeanstalkMonorepoTests {
  @Test func rulesRunForEveryApplicationFolder() {
    let (_, found) = BeanstalkRuleTests.lint(
      [
        ".ebextensions/ok.config":
          "option_settings:\n  aws:elasticbeanstalk:container:python:\n    WSGIPath: app.wsgi\n",
        "services/api/.ebextensions/bad.config":
          "option_settings:\n  aws:elasticbeanstalk:container:python:\n    WSGIpath: api.wsgi\n",
        "services/web/.ebextensions/broken.config": "option_settings: [\n",
      ], rule: "EB001")
    #expect(found.map(\.location.file) == ["services/api/.ebextensions/bad.config"])
    let (_, parse) = BeanstalkRuleTests.lint(
      ["services/web/.ebextensions/broken.config": "option_settings: [\n"], rule: "Y001")
    #expect(parse.count == 1)
  }

  @Test func effectiveOptionsRememberEveryPlace() throws {
    let configuration = BeanstalkConfigurationTests.load([
      ".ebextensions/01.config":
        "option_settings:\n  aws:elasticbeanstalk:environment:process:default:\n    HealthCheckPath: /a/\n",
      ".ebextensions/02.config":
        "option_settings:\n  aws:elasticbeanstalk:environment:process:default:\n    HealthCheckPath: /b/\n",
    ])
    let path = try #require(configuration.environment.defaultProcess?.healthCheck.path)
    #expect(path.value == "/b/")
    #expect(
      path.history.map(\.location.file) == [".ebextensions/01.config", ".ebextensions/02.config"])
  }
}

@Suite struct OptionCatalogTests {
  @Test func everyEntryHasASourceAndUniqueNames() {
    #expect(OptionCatalog.namespaces.count >= 25)
    var names = Set<String>()
    for namespace in OptionCatalog.namespaces {
      #expect(names.insert(namespace.name).inserted, "\(namespace.name)")
      #expect(namespace.source.hasPrefix("https://docs.aws.amazon.com/"))
      let options = namespace.options.map(\.name)
      #expect(Set(options).count == options.count, "\(namespace.name)")
      for option in namespace.options {
        #expect(option.source.hasPrefix("https://docs.aws.amazon.com/"), "\(option.name)")
        if let value = option.defaultValue, case .integer(let range) = option.type {
          #expect(
            Int(value).map(range.contains) == true, "\(namespace.name) \(option.name) default")
        }
      }
    }
  }

  @Test func lookupsHandleTemplatedNamespaces() {
    #expect(
      OptionCatalog.option("aws:elasticbeanstalk:environment:process:default", "HealthCheckPath")
        != nil)
    #expect(
      OptionCatalog.option("aws:elasticbeanstalk:environment:process:api-v2", "MatcherHTTPCode")
        != nil)
    #expect(OptionCatalog.namespace("aws:elbv2:listener:443")?.name == "aws:elbv2:listener:PORT")
    #expect(
      OptionCatalog.namespace("aws:elbv2:listener:default")?.name == "aws:elbv2:listener:PORT")
    #expect(OptionCatalog.namespace("aws:elb:listener:default") == nil)
    #expect(OptionCatalog.namespace("aws:elb:listener:70000") == nil)
    #expect(OptionCatalog.namespace("aws:elb:listener")?.name == "aws:elb:listener")
    #expect(OptionCatalog.namespace("aws:elb:application") == nil)
    #expect(OptionCatalog.bogusNamespaces["aws:elb:application"] != nil)
    #expect(
      OptionCatalog.namespace("aws:elasticbeanstalk:application:environment")?.acceptsAnyOption
        == true)
  }

  @Test func loadBalancerSpecificValues() throws {
    let interval = try #require(
      OptionCatalog.option(
        "aws:elasticbeanstalk:environment:process:default", "HealthCheckInterval"))
    #expect(interval.defaultValue(for: .application) == "15")
    #expect(interval.defaultValue(for: .network) == "30")
    #expect(interval.valueType(for: .network) == .integerChoice([10, 30]))
    let timeout = try #require(OptionCatalog.option("aws:elb:healthcheck", "Timeout"))
    #expect(timeout.type == .integer(2...60))
    #expect(
      OptionCatalog.option("aws:elasticbeanstalk:application", "Application Healthcheck URL")?
        .applies(to: .application) == false)
  }

  @Test func editDistanceSuggestions() {
    #expect(BeanstalkRuleSupport.editDistance("HealthCheckpath", "HealthCheckPath") == 1)
    #expect(BeanstalkRuleSupport.editDistance("kitten", "sitting") == 3)
    #expect(
      BeanstalkRuleSupport.suggestion(for: "Intervall", among: ["Interval", "Timeout"])
        == "Interval")
    #expect(BeanstalkRuleSupport.suggestion(for: "Zzz", among: ["Interval", "Timeout"]) == nil)
  }
}
