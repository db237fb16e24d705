import Testing
import EBCheckCore
import EBCheckModel
import EBCheck

@Suite struct BeanstalkConfigurationTests {
  static func files(_ contents: [String: String]) -> SourceFiles {
    SourceFiles(
      contents.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
  }

  static func load(_ contents: [String: String]) -> BeanstalkConfiguration {
    BeanstalkConfiguration.load(from: files(contents))
  }

  @Test func readsAllOptionSettingsSpellings() throws {
    let text = """
      option_settings:
        - namespace: aws:elasticbeanstalk:environment:process:default
          option_name: HealthCheckPath
          value: /health/
        - option_name: DJANGO_SETTINGS_MODULE
          value: mysite.settings
        - aws:elasticbeanstalk:container:python:
            WSGIPath: mysite.wsgi:application
      """
    let shorthand = """
      option_settings:
        aws:elasticbeanstalk:environment:process:default:
          HealthCheckInterval: 30
        "aws:elasticbeanstalk:application":
          Application Healthcheck URL: /ping
      """
    let files = Self.files([".ebextensions/a.config": text, ".ebextensions/b.config": shorthand])
    let configuration = BeanstalkConfiguration.load(from: files)
    #expect(configuration.diagnostics.isEmpty)
    let rows = configuration.settings.map { [$0.namespace, $0.option, $0.value] }
    #expect(
      rows == [
        ["aws:elasticbeanstalk:environment:process:default", "HealthCheckPath", "/health/"],
        [
          "aws:elasticbeanstalk:application:environment", "DJANGO_SETTINGS_MODULE",
          "mysite.settings",
        ],
        ["aws:elasticbeanstalk:container:python", "WSGIPath", "mysite.wsgi:application"],
        ["aws:elasticbeanstalk:environment:process:default", "HealthCheckInterval", "30"],
        ["aws:elasticbeanstalk:application", "Application Healthcheck URL", "/ping"],
      ])
    let file = try #require(files[".ebextensions/a.config"])
    let path = configuration.settings[0]
    #expect(file.text(path.location.span) == "/health/")
    #expect(file.text(path.keyLocation.span) == "HealthCheckPath")
    #expect(
      file.text(try #require(path.namespaceLocation).span)
        == "aws:elasticbeanstalk:environment:process:default")
    #expect(configuration.settings[1].namespaceLocation == nil)
    let quoted = configuration.settings[4]
    let other = try #require(files[".ebextensions/b.config"])
    #expect(
      other.text(try #require(quoted.namespaceLocation).span)
        == "\"aws:elasticbeanstalk:application\"")
  }

  @Test func laterFilesWinInByteWiseAlphabeticalOrder() {
    let configuration = Self.load([
      ".ebextensions/9_late.config":
        "option_settings:\n  aws:elasticbeanstalk:environment:process:default:\n    HealthCheckPath: /nine/\n",
      ".ebextensions/10_early.config":
        "option_settings:\n  aws:elasticbeanstalk:environment:process:default:\n    HealthCheckPath: /ten/\n",
      ".ebextensions/B.config":
        "option_settings:\n  aws:elasticbeanstalk:application:environment:\n    X: upper\n",
      ".ebextensions/a.config":
        "option_settings:\n  aws:elasticbeanstalk:application:environment:\n    X: lower\n",
    ])
    let path = "aws:elasticbeanstalk:environment:process:default"
    #expect(configuration.effective(path, "HealthCheckPath")?.value == "/nine/")
    #expect(configuration.all(path, "HealthCheckPath").map(\.value) == ["/ten/", "/nine/"])
    #expect(
      configuration.effective("aws:elasticbeanstalk:application:environment", "X")?.value == "lower"
    )
  }

  @Test func savedConfigurationOverridesEbextensions() {
    let configuration = Self.load([
      ".ebextensions/zz.config":
        "option_settings:\n  aws:elasticbeanstalk:environment:process:default:\n    HealthCheckPath: /health/\n",
      ".elasticbeanstalk/saved_configs/prod.cfg.yml": """
      AWSConfigurationTemplateVersion: 1.1.0.0
      Platform:
        PlatformArn: arn:aws:elasticbeanstalk:us-east-1::platform/Python 3.11 running on 64bit Amazon Linux 2023
      OptionSettings:
        aws:elasticbeanstalk:environment:process:default:
          HealthCheckPath: /
          HealthCheckInterval: '20'
      """,
    ])
    let effective = configuration.effective(
      "aws:elasticbeanstalk:environment:process:default", "HealthCheckPath")
    #expect(effective?.value == "/")
    #expect(effective?.source == .savedConfig(".elasticbeanstalk/saved_configs/prod.cfg.yml"))
    #expect(configuration.environment.defaultProcess?.healthCheck.interval.intValue == 20)
  }

  @Test func onlyConfigFilesDirectlyInTheRootEbextensionsFolderCount() {
    let files = Self.files([
      ".ebextensions/ok.config":
        "option_settings:\n  aws:elasticbeanstalk:application:environment:\n    A: '1'\n",
      ".ebextensions/nested/ignored.config":
        "option_settings:\n  aws:elasticbeanstalk:application:environment:\n    B: '1'\n",
      ".ebextensions/ignored.conf":
        "option_settings:\n  aws:elasticbeanstalk:application:environment:\n    C: '1'\n",
      "services/api/.ebextensions/api.config":
        "option_settings:\n  aws:elasticbeanstalk:application:environment:\n    D: '1'\n",
    ])
    let root = BeanstalkConfiguration.load(from: files)
    #expect(root.appRoot == "")
    #expect(root.settings.map(\.option) == ["A"])
    #expect(BeanstalkConfiguration.appRoots(in: files) == ["", "services/api/"])
    let api = BeanstalkConfiguration.load(from: files, appRoot: "services/api/")
    #expect(api.settings.map(\.option) == ["D"])
  }

  @Test func monorepoWithoutRootAppUsesTheShallowestApp() {
    let configuration = Self.load([
      "b/.ebextensions/x.config":
        "option_settings:\n  aws:elasticbeanstalk:application:environment:\n    B: '1'\n",
      "a/deeper/.ebextensions/x.config":
        "option_settings:\n  aws:elasticbeanstalk:application:environment:\n    A: '1'\n",
    ])
    #expect(configuration.appRoot == "b/")
    #expect(configuration.environment.environmentVariables.keys.sorted() == ["B"])
  }

  @Test func ebCLIConfigGivesEnvironmentNames() throws {
    let configuration = Self.load([
      ".elasticbeanstalk/config.yml": """
      branch-defaults:
        main:
          environment: shop-prod
        develop:
          environment: shop-dev
        feature:
          environment: null
      global:
        application_name: shop
        default_platform: Python 3.11 running on 64bit Amazon Linux 2023
        default_region: ap-northeast-2
        sc: git
      """
    ])
    let cli = try #require(configuration.cli)
    #expect(cli.applicationName == "shop")
    #expect(cli.defaultPlatform == "Python 3.11 running on 64bit Amazon Linux 2023")
    #expect(cli.defaultRegion == "ap-northeast-2")
    #expect(cli.branchEnvironments == ["main": "shop-prod", "develop": "shop-dev"])
    #expect(configuration.environment.names == ["shop-prod", "shop-dev"])
    #expect(configuration.isBeanstalkProject)
  }

  @Test func environmentDefaultsWhenTheRepoIsSilent() throws {
    let configuration = Self.load([".ebextensions/empty.config": "packages:\n  yum:\n    git: []\n"]
    )
    let environment = configuration.environment
    #expect(environment.names == ["default"])
    #expect(environment.loadBalancer == .application)
    #expect(environment.loadBalancerOption.isDefault)
    #expect(environment.loadBalancerOption.defaultReason?.contains("eb create") == true)
    let check = try #require(environment.defaultProcess?.healthCheck)
    #expect(check.path.value == "/")
    #expect(check.interval.intValue == 15)
    #expect(check.timeout.intValue == 5)
    #expect(check.healthyThreshold.intValue == 3)
    #expect(check.unhealthyThreshold.intValue == 5)
    #expect(check.matcher.value == "200")
    #expect(check.protocol.value == "HTTP")
    #expect(check.port.intValue == 80)
    #expect(environment.wsgiPath.value == "application")
    #expect(environment.proxyServer.value == "nginx")
    #expect(environment.classicHealthCheck == nil)
    #expect(environment.listeners.map(\.port) == [80])
  }

  @Test func networkAndClassicDefaultsDiffer() throws {
    let network = Self.load([
      ".ebextensions/lb.config":
        "option_settings:\n  aws:elasticbeanstalk:environment:\n    LoadBalancerType: network\n"
    ]).environment
    #expect(network.loadBalancer == .network)
    #expect(network.defaultProcess?.healthCheck.interval.intValue == 30)
    #expect(network.defaultProcess?.healthCheck.healthyThreshold.intValue == 5)
    #expect(network.defaultProcess?.healthCheck.protocol.value == "TCP")

    let classic = Self.load([
      ".ebextensions/lb.config": """
      option_settings:
        aws:elasticbeanstalk:environment:
          LoadBalancerType: classic
        aws:elb:healthcheck:
          Target: HTTP:80/old/
      """
    ]).environment
    let check = try #require(classic.classicHealthCheck)
    #expect(check.target.value == "HTTP:80/old/")
    #expect(check.parsedTarget?.path == "/old/")
    #expect(check.interval.intValue == 10)

    let url = Self.load([
      ".ebextensions/lb.config": """
      option_settings:
        aws:elasticbeanstalk:environment:
          LoadBalancerType: classic
        aws:elb:healthcheck:
          Target: HTTP:80/old/
        aws:elasticbeanstalk:application:
          Application Healthcheck URL: HTTPS:443/new/
      """
    ]).environment
    #expect(url.classicHealthCheck?.parsedTarget?.protocol == "HTTPS")
    #expect(url.classicHealthCheck?.parsedTarget?.port == 443)

    let silent = Self.load([
      ".ebextensions/lb.config":
        "option_settings:\n  aws:elasticbeanstalk:environment:\n    LoadBalancerType: classic\n"
    ]).environment
    #expect(silent.classicHealthCheck?.parsedTarget?.protocol == "TCP")
    #expect(silent.classicHealthCheck?.parsedTarget?.path == nil)

    let single = Self.load([
      ".ebextensions/lb.config":
        "option_settings:\n  aws:elasticbeanstalk:environment:\n    EnvironmentType: SingleInstance\n"
    ]).environment
    #expect(single.isSingleInstance)
  }

  @Test func processesListenersRulesAndVariables() throws {
    let environment = Self.load([
      ".ebextensions/alb.config": """
      option_settings:
        aws:elasticbeanstalk:environment:process:api:
          Port: 8081
          HealthCheckPath: /api/health
        aws:elbv2:listener:443:
          Protocol: HTTPS
          Rules: api
        aws:elbv2:listenerrule:api:
          PathPatterns: /api/*, /v2/*
          Process: api
          Priority: 3
        aws:elasticbeanstalk:application:environment:
          PORT: 8000
          SECRET: !Ref SecretParameter
        aws:autoscaling:launchconfiguration:
          DisableIMDSv1: true
      """
    ]).environment
    #expect(environment.processes.map(\.name) == ["default", "api"])
    let api = try #require(environment.processes.last)
    #expect(api.healthCheck.port.intValue == 8081)
    #expect(api.healthCheck.path.setting != nil)
    #expect(api.healthCheck.interval.isDefault)
    #expect(environment.listeners.map(\.port) == [80, 443])
    #expect(environment.listeners[1].rules == ["api"])
    #expect(environment.listeners[1].protocol.value == "HTTPS")
    #expect(environment.listenerRules.first?.pathPatterns == ["/api/*", "/v2/*"])
    #expect(environment.listenerRules.first?.priority.intValue == 3)
    #expect(environment.environmentVariables["PORT"]?.value == "8000")
    #expect(environment.environmentVariables["SECRET"]?.isDynamic == true)
    #expect(environment.disableIMDSv1.value == "true")
  }

  @Test func cloudFormationValuesAreDynamicNotErrors() {
    let configuration = Self.load([
      ".ebextensions/cfn.config": """
      option_settings:
        aws:elasticbeanstalk:environment:process:default:
          HealthCheckInterval: !Ref Interval
          HealthCheckTimeout:
            Fn::GetOptionSetting:
              Namespace: aws:elasticbeanstalk:customoption
              OptionName: Timeout
              DefaultValue: "5"
      """
    ])
    #expect(configuration.settings.allSatisfy { $0.isDynamic })
    #expect(
      configuration.settings.map { $0.kind } == [.dynamic("Ref"), .dynamic("Fn::GetOptionSetting")])
    let backtick = Self.load([
      ".ebextensions/q.config":
        "option_settings:\n  - option_name: QUEUE\n    value: '`{\"Fn::GetAtt\" : [\"Queue\", \"QueueName\"]}`'\n"
    ])
    #expect(backtick.settings.first?.kind == .dynamic("Fn::GetAtt"))
    let result = Linter.lint(
      Self.files([
        ".ebextensions/cfn.config": """
        option_settings:
          aws:elasticbeanstalk:environment:process:default:
            HealthCheckInterval: !Ref Interval
            HealthCheckTimeout: 30
        """
      ]))
    #expect(result.diagnostics.filter { $0.rule.hasPrefix("EB") }.isEmpty)
  }

  @Test func brokenFilesAreY001AndOtherFilesStillLoad() throws {
    let configuration = Self.load([
      ".ebextensions/01_bad.config": "option_settings:\n  - namespace: x\n   option_name: y\n",
      ".ebextensions/02_good.config":
        "option_settings:\n  aws:elasticbeanstalk:application:environment:\n    OK: 'yes'\n",
    ])
    let error = try #require(configuration.diagnostics.first)
    #expect(error.rule == "Y001")
    #expect(error.location.file == ".ebextensions/01_bad.config")
    #expect(
      configuration.effective("aws:elasticbeanstalk:application:environment", "OK")?.value == "yes")
  }

  @Test func malformedOptionSettingsAreReported() {
    let configuration = Self.load([
      ".ebextensions/a.config": "option_settings:\n  - just a string\n  - value: 1\n",
      ".ebextensions/b.config": "option_settings: 42\n",
    ])
    #expect(configuration.diagnostics.count == 3)
    #expect(configuration.diagnostics.allSatisfy { $0.rule == "Y001" && $0.severity == .warning })
    #expect(configuration.settings.isEmpty)
  }

  @Test func spansWithMultibyteAndCRLF() throws {
    let text =
      "# 한국어 ✓\r\noption_settings:\r\n  aws:elasticbeanstalk:application:environment:\r\n    이름: \"값 😀\"\r\n"
    let files = Self.files([".ebextensions/m.config": text])
    let configuration = BeanstalkConfiguration.load(from: files)
    let setting = try #require(configuration.settings.first)
    let file = try #require(files[".ebextensions/m.config"])
    #expect(setting.option == "이름")
    #expect(setting.value == "값 😀")
    #expect(file.text(setting.location.span) == "\"값 😀\"")
    #expect(file.location(of: setting.location.span.start) == LineColumn(line: 4, column: 9))
  }
}
