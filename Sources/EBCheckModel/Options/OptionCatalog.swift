import EBCheckCore

/// The Elastic Beanstalk options ebcheck knows, as data. Values, ranges and defaults follow the
/// Elastic Beanstalk developer guide (option reference), checked against
/// `awsdocs/aws-elastic-beanstalk-developer-guide` `doc_source/command-options-general.md` and
/// `doc_source/command-options-specific.md`; where the ELB API differs, `note` says so.
public enum OptionCatalog {
  package static let general =
    "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-general.html"
  package static let python =
    "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-specific.html#command-options-python"
  package static let albHealth =
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html"
  package static let sharedALB =
    "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/environments-cfg-alb-shared.html"
  package static let imds =
    "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/environments-cfg-ec2-imds.html"

  package static func g(_ anchor: String) -> String {
    general + "#command-options-general-" + anchor
  }

  package static let loadBalanced: Set<LoadBalancerType> = [.application, .network]
  package static let seconds1to3600: ClosedRange<Int> = 1...3600
  package static let retention = [
    "1", "3", "5", "7", "14", "30", "60", "90", "120", "150", "180", "365", "400", "545", "731",
    "1827", "3653",
  ]

  /// The options of `aws:elasticbeanstalk:environment:process:default` and `…:process:NAME`.
  package static let processOptions: [OptionSpec] = {
    let source = g("environmentprocess")
    return [
      OptionSpec(
        "DeregistrationDelay", .integer(0...3600), default: "20", only: loadBalanced, source: source
      ),
      OptionSpec(
        "HealthCheckInterval", .integer(5...300), default: "15", defaults: [.network: "30"],
        types: [.network: .integerChoice([10, 30])],
        note:
          "the ELB API accepts 5–300 for every target group; Beanstalk documents 10 or 30 for NLB",
        source: source),
      OptionSpec(
        "HealthCheckPath", .path, default: "/", only: loadBalanced,
        note: "classic load balancers take the path from Application Healthcheck URL",
        source: source),
      OptionSpec(
        "HealthCheckTimeout", .integer(2...60), default: "5", only: [.application],
        note:
          "Beanstalk documents 1–60 but the ELBv2 API rejects values below 2 (its own limit is 2–120)",
        source: source),
      OptionSpec(
        "HealthyThresholdCount", .integer(2...10), default: "3", defaults: [.network: "5"],
        source: source),
      OptionSpec(
        "MatcherHTTPCode", .httpCodes(200...499), default: "200", only: loadBalanced,
        types: [.network: .httpCodes(200...399)],
        note: "the ELBv2 API accepts 200–599 for NLB target groups; Beanstalk documents 200–399",
        source: source),
      OptionSpec("Port", .integer(1...65535), default: "80", source: source),
      OptionSpec(
        "Protocol", .choice(["TCP", "HTTP", "HTTPS"]), default: "HTTP", defaults: [.network: "TCP"],
        types: [.application: .choice(["HTTP", "HTTPS"]), .network: .choice(["TCP"])],
        source: source),
      OptionSpec(
        "StickinessEnabled", .boolean, default: "false", only: [.application], source: source),
      OptionSpec(
        "StickinessLBCookieDuration", .integer(1...604800), default: "86400", only: [.application],
        source: source),
      OptionSpec(
        "StickinessType", .choice(["lb_cookie"]), default: "lb_cookie", only: [.application],
        source: source),
      OptionSpec("UnhealthyThresholdCount", .integer(2...10), default: "5", source: source),
    ]
  }()

  package static let elbv2ListenerOptions: [OptionSpec] = {
    let source = g("elbv2-listener")
    return [
      OptionSpec("DefaultProcess", .string, default: "default", source: source),
      OptionSpec("ListenerEnabled", .boolean, default: "true", source: source),
      OptionSpec(
        "Protocol", .choice(["HTTP", "HTTPS", "TCP"]), default: "HTTP", defaults: [.network: "TCP"],
        types: [.application: .choice(["HTTP", "HTTPS"]), .network: .choice(["TCP"])],
        source: source),
      OptionSpec("Rules", .list, only: [.application], source: source),
      OptionSpec("SSLCertificateArns", .string, only: [.application], source: source),
      OptionSpec("SSLPolicy", .string, only: [.application], source: source),
    ]
  }()

  package static let clbListenerOptions: [OptionSpec] = {
    let source = g("elblistener")
    return [
      OptionSpec(
        "ListenerProtocol", .choice(["HTTP", "HTTPS", "TCP", "SSL"]), default: "HTTP",
        source: source),
      OptionSpec("InstancePort", .integer(1...65535), default: "80", source: source),
      OptionSpec("InstanceProtocol", .choice(["HTTP", "HTTPS", "TCP", "SSL"]), source: source),
      OptionSpec("PolicyNames", .list, source: source),
      OptionSpec("SSLCertificateId", .string, source: source),
      OptionSpec("ListenerEnabled", .boolean, default: "true", source: source),
    ]
  }()

  package static let clbPolicyOptions: [OptionSpec] = {
    let source = g("elbpolicies")
    return [
      OptionSpec("ConnectionDrainingEnabled", .boolean, default: "false", source: source),
      OptionSpec(
        "ConnectionDrainingTimeout", .integer(seconds1to3600), default: "20", source: source),
      OptionSpec(
        "ConnectionSettingIdleTimeout", .integer(seconds1to3600), default: "60", source: source),
      OptionSpec("LoadBalancerPorts", .list, source: source),
      OptionSpec(
        "Stickiness Cookie Expiration", .integer(0...1_000_000), default: "0", source: source),
      OptionSpec("Stickiness Policy", .boolean, default: "false", source: source),
    ]
  }()

  package static let clbCustomPolicyOptions: [OptionSpec] = {
    let source = g("elbpolicies-custom")
    return [
      OptionSpec("CookieName", .string, source: source),
      OptionSpec("InstancePorts", .list, source: source),
      OptionSpec("LoadBalancerPorts", .list, source: source),
      OptionSpec("ProxyProtocol", .boolean, source: source),
      OptionSpec("PublicKey", .string, source: source),
      OptionSpec("PublicKeyPolicyNames", .list, source: source),
      OptionSpec("SSLProtocols", .list, source: source),
      OptionSpec("SSLReferencePolicy", .string, source: source),
      OptionSpec(
        "Stickiness Cookie Expiration", .integer(0...1_000_000), default: "0", source: source),
      OptionSpec("Stickiness Policy", .boolean, default: "false", source: source),
    ]
  }()

  /// Every modelled namespace.
  public static let namespaces: [NamespaceSpec] = [
    NamespaceSpec(
      "aws:elasticbeanstalk:environment", summary: "environment architecture and service role",
      source: g("elasticbeanstalkenvironment"),
      options: [
        OptionSpec(
          "EnvironmentType", .choice(["SingleInstance", "LoadBalanced"]), default: "LoadBalanced",
          source: g("elasticbeanstalkenvironment")),
        OptionSpec("ServiceRole", .string, source: g("elasticbeanstalkenvironment")),
        OptionSpec(
          "LoadBalancerType", .choice(["classic", "application", "network"]),
          default: "application",
          note:
            "the API default is classic, but the console and `eb create` create an application load balancer; ebcheck assumes application, and classic for an environment Terraform, CloudFormation or the CDK creates through the API",
          source: g("elasticbeanstalkenvironment")),
        OptionSpec(
          "LoadBalancerIsShared", .boolean, default: "false", only: [.application],
          source: sharedALB),
        OptionSpec("ExternalExtensionsS3Bucket", .string, source: g("elasticbeanstalkenvironment")),
        OptionSpec("ExternalExtensionsS3Key", .string, source: g("elasticbeanstalkenvironment")),
      ]),
    NamespaceSpec(
      "aws:elasticbeanstalk:environment:process:default",
      summary: "the default process and its health check",
      source: g("environmentprocess"), options: processOptions),
    NamespaceSpec(
      "aws:elasticbeanstalk:environment:process:NAME",
      prefix: "aws:elasticbeanstalk:environment:process:",
      placeholder: .name, summary: "an additional process and its health check",
      source: g("environmentprocess-process"), options: processOptions),
    NamespaceSpec(
      "aws:elb:healthcheck", only: [.classic], summary: "Classic Load Balancer health check",
      source: g("elbhealthcheck"),
      options: [
        OptionSpec("HealthyThreshold", .integer(2...10), default: "3", source: g("elbhealthcheck")),
        OptionSpec("Interval", .integer(5...300), default: "10", source: g("elbhealthcheck")),
        OptionSpec("Timeout", .integer(2...60), default: "5", source: g("elbhealthcheck")),
        OptionSpec(
          "UnhealthyThreshold", .integer(2...10), default: "5", source: g("elbhealthcheck")),
        OptionSpec(
          "Target", .healthCheckTarget, default: "TCP:80",
          note: "deprecated: use `Application Healthcheck URL` in aws:elasticbeanstalk:application",
          source: g("elbhealthcheck")),
      ]),
    NamespaceSpec(
      "aws:elb:loadbalancer", only: [.classic], summary: "the Classic Load Balancer",
      source: g("elbloadbalancer"),
      options: [
        OptionSpec("CrossZone", .boolean, default: "false", source: g("elbloadbalancer")),
        OptionSpec("SecurityGroups", .list, source: g("elbloadbalancer")),
        OptionSpec("ManagedSecurityGroup", .string, source: g("elbloadbalancer")),
        OptionSpec(
          "LoadBalancerHTTPPort", .choice(["OFF", "80"]), default: "80",
          source: g("elbloadbalancer")),
        OptionSpec(
          "LoadBalancerPortProtocol", .choice(["HTTP", "TCP"]), default: "HTTP",
          source: g("elbloadbalancer")),
        OptionSpec(
          "LoadBalancerHTTPSPort", .choice(["OFF", "443", "8443"]), default: "OFF",
          source: g("elbloadbalancer")),
        OptionSpec(
          "LoadBalancerSSLPortProtocol", .choice(["HTTPS", "SSL"]), default: "HTTPS",
          source: g("elbloadbalancer")),
        OptionSpec("SSLCertificateId", .string, source: g("elbloadbalancer")),
      ]),
    NamespaceSpec(
      "aws:elb:listener", only: [.classic], summary: "the Classic Load Balancer's port-80 listener",
      source: g("elblistener"), options: clbListenerOptions),
    NamespaceSpec(
      "aws:elb:listener:PORT", prefix: "aws:elb:listener:", placeholder: .port, only: [.classic],
      summary: "an additional Classic Load Balancer listener", source: g("elblistener-listener"),
      options: clbListenerOptions),
    NamespaceSpec(
      "aws:elb:policies", only: [.classic],
      summary: "Classic Load Balancer stickiness and draining",
      source: g("elbpolicies"), options: clbPolicyOptions),
    NamespaceSpec(
      "aws:elb:policies:NAME", prefix: "aws:elb:policies:", placeholder: .name, only: [.classic],
      summary: "an additional Classic Load Balancer policy", source: g("elbpolicies-custom"),
      options: clbCustomPolicyOptions),
    NamespaceSpec(
      "aws:elbv2:listener:PORT", prefix: "aws:elbv2:listener:", placeholder: .portOrDefault,
      only: loadBalanced,
      summary: "an application or network load balancer listener (`default` = port 80)",
      source: g("elbv2-listener"), options: elbv2ListenerOptions),
    NamespaceSpec(
      "aws:elbv2:listenerrule:NAME", prefix: "aws:elbv2:listenerrule:", placeholder: .name,
      only: [.application], summary: "an application load balancer listener rule",
      source: g("elbv2-listenerrule"),
      options: [
        OptionSpec("HostHeaders", .list, source: g("elbv2-listenerrule")),
        OptionSpec("PathPatterns", .list, source: g("elbv2-listenerrule")),
        OptionSpec("Priority", .integer(1...1000), default: "1", source: g("elbv2-listenerrule")),
        OptionSpec("Process", .string, default: "default", source: g("elbv2-listenerrule")),
      ]),
    NamespaceSpec(
      "aws:elbv2:loadbalancer", only: [.application], summary: "the application load balancer",
      source: g("elbv2"),
      options: [
        OptionSpec("AccessLogsS3Bucket", .string, source: g("elbv2")),
        OptionSpec("AccessLogsS3Enabled", .boolean, default: "false", source: g("elbv2")),
        OptionSpec("AccessLogsS3Prefix", .string, source: g("elbv2")),
        OptionSpec("IdleTimeout", .integer(seconds1to3600), source: g("elbv2")),
        OptionSpec("ManagedSecurityGroup", .string, source: g("elbv2")),
        OptionSpec("SecurityGroups", .list, source: g("elbv2")),
        OptionSpec("SharedLoadBalancer", .string, source: sharedALB),
      ]),
    NamespaceSpec(
      "aws:elasticbeanstalk:application",
      summary: "the Classic Load Balancer / basic health check URL",
      source: g("elasticbeanstalkapplication"),
      options: [
        OptionSpec(
          "Application Healthcheck URL", .healthCheckURL, only: [.classic],
          note:
            "unset means a TCP connection to port 80; application load balancers use each process's HealthCheckPath instead",
          source: g("elasticbeanstalkapplication"))
      ]),
    NamespaceSpec(
      "aws:elasticbeanstalk:application:environment", anyOption: true,
      summary: "environment properties (environment variables)",
      source: g("elasticbeanstalkapplicationenvironment")),
    NamespaceSpec(
      "aws:elasticbeanstalk:healthreporting:system", summary: "basic or enhanced health reporting",
      source: g("elasticbeanstalkhealthreporting"),
      options: [
        OptionSpec(
          "SystemType", .choice(["basic", "enhanced"]), default: "basic",
          note: "the console and EB CLI set enhanced", source: g("elasticbeanstalkhealthreporting")),
        OptionSpec("ConfigDocument", .string, source: g("elasticbeanstalkhealthreporting")),
        OptionSpec(
          "HealthCheckSuccessThreshold", .choice(["Ok", "Warning", "Degraded", "Severe"]),
          default: "Ok",
          source: g("elasticbeanstalkhealthreporting")),
        OptionSpec(
          "EnhancedHealthAuthEnabled", .boolean, source: g("elasticbeanstalkhealthreporting")),
      ]),
    NamespaceSpec(
      "aws:elasticbeanstalk:container:python", summary: "the Python platform's WSGI server",
      source: python,
      options: [
        OptionSpec(
          "WSGIPath", .string, default: "application",
          note: "Amazon Linux 2 and later take a module path such as `mysite.wsgi:application`",
          source: python),
        OptionSpec(
          "NumProcesses", .integer(1...Int(Int32.max)), default: "1",
          note:
            "the option reference documents no maximum; ebcheck only requires a positive whole number",
          source: python),
        OptionSpec(
          "NumThreads", .integer(1...Int(Int32.max)), default: "15",
          note:
            "the option reference documents no maximum; ebcheck only requires a positive whole number",
          source: python),
        OptionSpec("StaticFiles", .list, note: "Amazon Linux AMI (AL1) only", source: python),
      ]),
    NamespaceSpec(
      "aws:elasticbeanstalk:container:python:staticfiles", anyOption: true,
      summary: "static files served by the proxy (Amazon Linux AMI)", source: python),
    NamespaceSpec(
      "aws:elasticbeanstalk:environment:proxy", summary: "the reverse proxy on the instances",
      source: python,
      options: [
        OptionSpec(
          "ProxyServer", .choice(["nginx", "apache", "none"]), default: "nginx", source: python),
        OptionSpec(
          "GzipCompression", .boolean, note: "Tomcat and Node.js platforms",
          source:
            "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-specific.html#command-options-java"
        ),
      ]),
    NamespaceSpec(
      "aws:elasticbeanstalk:environment:proxy:staticfiles", anyOption: true,
      summary: "static files served by the proxy (Amazon Linux 2 and later)",
      source: g("environmentproxystaticfiles")),
    NamespaceSpec(
      "aws:autoscaling:launchconfiguration", summary: "the environment's EC2 instances",
      source: g("autoscalinglaunchconfiguration"),
      options: [
        OptionSpec(
          "DisableIMDSv1", .boolean, default: "false",
          note: "defaults to true on Amazon Linux 2023 platforms; IMDSv1 requests then get 401",
          source: imds),
        OptionSpec("EC2KeyName", .string, source: g("autoscalinglaunchconfiguration")),
        OptionSpec("IamInstanceProfile", .string, source: g("autoscalinglaunchconfiguration")),
        OptionSpec("ImageId", .string, source: g("autoscalinglaunchconfiguration")),
        OptionSpec(
          "InstanceType", .string, note: "obsolete: use InstanceTypes in aws:ec2:instances",
          source: g("autoscalinglaunchconfiguration")),
        OptionSpec(
          "MonitoringInterval", .choice(["1 minute", "5 minute"]), default: "5 minute",
          source: g("autoscalinglaunchconfiguration")),
        OptionSpec("SecurityGroups", .list, source: g("autoscalinglaunchconfiguration")),
        OptionSpec("SSHSourceRestriction", .string, source: g("autoscalinglaunchconfiguration")),
        OptionSpec("BlockDeviceMappings", .string, source: g("autoscalinglaunchconfiguration")),
        OptionSpec(
          "RootVolumeType", .choice(["standard", "gp2", "gp3", "io1"]),
          source: g("autoscalinglaunchconfiguration")),
        OptionSpec(
          "RootVolumeSize", .integer(8...16384), source: g("autoscalinglaunchconfiguration")),
        OptionSpec(
          "RootVolumeIOPS", .integer(100...64000),
          note: "documented as 100–20000 for io1; gp3 and newer volume limits are wider",
          source: g("autoscalinglaunchconfiguration")),
        OptionSpec(
          "RootVolumeThroughput", .integer(125...1000), source: g("autoscalinglaunchconfiguration")),
        OptionSpec(
          "DisableDefaultEC2SecurityGroup", .boolean, source: g("autoscalinglaunchconfiguration")),
      ]),
    NamespaceSpec(
      "aws:autoscaling:asg", summary: "the Auto Scaling group", source: g("autoscalingasg"),
      options: [
        OptionSpec(
          "Availability Zones", .choice(["Any", "Any 1", "Any 2", "Any 3"]), default: "Any",
          source: g("autoscalingasg")),
        OptionSpec("Cooldown", .integer(0...10000), default: "360", source: g("autoscalingasg")),
        OptionSpec("Custom Availability Zones", .list, source: g("autoscalingasg")),
        OptionSpec("MinSize", .integer(1...10000), default: "1", source: g("autoscalingasg")),
        OptionSpec("MaxSize", .integer(1...10000), default: "4", source: g("autoscalingasg")),
        OptionSpec(
          "EnableCapacityRebalancing", .boolean, default: "false", source: g("autoscalingasg")),
      ]),
    NamespaceSpec(
      "aws:ec2:instances", summary: "instance types and Spot options", source: g("ec2instances"),
      options: [
        OptionSpec("EnableSpot", .boolean, default: "false", source: g("ec2instances")),
        OptionSpec("InstanceTypes", .list, source: g("ec2instances")),
        OptionSpec(
          "SpotFleetOnDemandBase", .integer(0...10000), default: "0", source: g("ec2instances")),
        OptionSpec(
          "SpotFleetOnDemandAboveBasePercentage", .integer(0...100), source: g("ec2instances")),
        OptionSpec("SpotMaxPrice", .string, source: g("ec2instances")),
        OptionSpec("SupportedArchitectures", .list, source: g("ec2instances")),
      ]),
    NamespaceSpec(
      "aws:ec2:vpc", summary: "the VPC and subnets", source: g("ec2vpc"),
      options: [
        OptionSpec("VPCId", .string, source: g("ec2vpc")),
        OptionSpec("Subnets", .list, source: g("ec2vpc")),
        OptionSpec("ELBSubnets", .list, source: g("ec2vpc")),
        OptionSpec(
          "ELBScheme", .choice(["public", "internal"]), default: "public", source: g("ec2vpc")),
        OptionSpec("DBSubnets", .list, source: g("ec2vpc")),
        OptionSpec("AssociatePublicIpAddress", .boolean, source: g("ec2vpc")),
      ]),
    NamespaceSpec(
      "aws:elasticbeanstalk:command", summary: "the deployment policy",
      source: g("elasticbeanstalkcommand"),
      options: [
        OptionSpec(
          "DeploymentPolicy",
          .choice([
            "AllAtOnce", "Rolling", "RollingWithAdditionalBatch", "Immutable", "TrafficSplitting",
          ]),
          default: "AllAtOnce", source: g("elasticbeanstalkcommand")),
        OptionSpec(
          "Timeout", .integer(1...3600), default: "600", source: g("elasticbeanstalkcommand")),
        OptionSpec(
          "BatchSizeType", .choice(["Percentage", "Fixed"]), default: "Percentage",
          source: g("elasticbeanstalkcommand")),
        OptionSpec(
          "BatchSize", .integer(1...10000), default: "100", source: g("elasticbeanstalkcommand")),
        OptionSpec(
          "IgnoreHealthCheck", .boolean, default: "false", source: g("elasticbeanstalkcommand")),
      ]),
    NamespaceSpec(
      "aws:elasticbeanstalk:cloudwatch:logs", summary: "instance log streaming",
      source: g("cloudwatchlogs"),
      options: [
        OptionSpec("StreamLogs", .boolean, default: "false", source: g("cloudwatchlogs")),
        OptionSpec("DeleteOnTerminate", .boolean, default: "false", source: g("cloudwatchlogs")),
        OptionSpec(
          "RetentionInDays", .choice(retention), default: "7", source: g("cloudwatchlogs")),
      ]),
    NamespaceSpec(
      "aws:elasticbeanstalk:cloudwatch:logs:health", summary: "environment health log streaming",
      source: g("cloudwatchlogs-health"),
      options: [
        OptionSpec(
          "HealthStreamingEnabled", .boolean, default: "false", source: g("cloudwatchlogs-health")),
        OptionSpec(
          "DeleteOnTerminate", .boolean, default: "false", source: g("cloudwatchlogs-health")),
        OptionSpec(
          "RetentionInDays", .choice(retention), default: "7", source: g("cloudwatchlogs-health")),
      ]),
    NamespaceSpec(
      "aws:elasticbeanstalk:managedactions", summary: "managed platform updates",
      source: g("elasticbeanstalkmanagedactions"),
      options: [
        OptionSpec(
          "ManagedActionsEnabled", .boolean, default: "true",
          source: g("elasticbeanstalkmanagedactions")),
        OptionSpec("PreferredStartTime", .string, source: g("elasticbeanstalkmanagedactions")),
        OptionSpec(
          "ServiceRoleForManagedUpdates", .string, source: g("elasticbeanstalkmanagedactions")),
      ]),
    NamespaceSpec(
      "aws:elasticbeanstalk:managedactions:platformupdate",
      summary: "managed platform update level",
      source: g("elasticbeanstalkmanagedactionsplatformupdate"),
      options: [
        OptionSpec(
          "UpdateLevel", .choice(["patch", "minor"]),
          source: g("elasticbeanstalkmanagedactionsplatformupdate")),
        OptionSpec(
          "InstanceRefreshEnabled", .boolean, default: "false",
          source: g("elasticbeanstalkmanagedactionsplatformupdate")),
      ]),
  ]

  /// Real namespaces whose options ebcheck does not check (no finding for them).
  public static let otherKnownNamespaces: [String] = [
    "aws:autoscaling:scheduledaction", "aws:autoscaling:trigger",
    "aws:autoscaling:updatepolicy:rollingupdate", "aws:elasticbeanstalk:hostmanager",
    "aws:elasticbeanstalk:monitoring", "aws:elasticbeanstalk:sns:topics",
    "aws:elasticbeanstalk:sqsd",
    "aws:elasticbeanstalk:trafficsplitting", "aws:elasticbeanstalk:xray", "aws:rds:dbinstance",
    "aws:elasticbeanstalk:customoption", "aws:elasticbeanstalk:container:nodejs",
    "aws:elasticbeanstalk:container:nodejs:staticfiles",
    "aws:elasticbeanstalk:container:php:phpini",
    "aws:elasticbeanstalk:container:php:staticfiles",
    "aws:elasticbeanstalk:container:golang:staticfiles",
    "aws:elasticbeanstalk:container:tomcat:jvmoptions",
    "aws:elasticbeanstalk:container:tomcat:staticfiles",
    "aws:elasticbeanstalk:container:dotnet:apppool", "aws:elasticbeanstalk:xray",
    "aws:elasticbeanstalk:container:docker", "aws:elasticbeanstalk:environment:proxy:nginx",
    "aws:elasticbeanstalk:container:java:staticfiles",
    "aws:elasticbeanstalk:container:ruby:staticfiles",
    "aws:elasticbeanstalk:container:php", "aws:elasticbeanstalk:container:golang",
  ]

  /// Option names people borrow from CloudFormation, the ELB API or the other load balancer
  /// family, keyed by namespace family (the spec name), mapped to the Beanstalk name.
  public static let commonMistakes: [String: [String: String]] = [
    "aws:elasticbeanstalk:environment:process:default": processMistakes,
    "aws:elasticbeanstalk:environment:process:NAME": processMistakes,
    "aws:elb:healthcheck": [
      "HealthyThresholdCount": "HealthyThreshold", "UnhealthyThresholdCount": "UnhealthyThreshold",
      "HealthCheckInterval": "Interval", "HealthCheckTimeout": "Timeout",
      "HealthCheckPath": "Target",
    ],
  ]

  package static let processMistakes = [
    "DeregistrationTimeout": "DeregistrationDelay",
    "HealthCheckIntervalSeconds": "HealthCheckInterval",
    "HealthCheckTimeoutSeconds": "HealthCheckTimeout", "Matcher": "MatcherHTTPCode",
    "HealthyThreshold": "HealthyThresholdCount", "UnhealthyThreshold": "UnhealthyThresholdCount",
    "HealthCheckProtocol": "Protocol", "Interval": "HealthCheckInterval",
    "Timeout": "HealthCheckTimeout",
  ]

  /// Modelled namespaces (documented names) that define an option called `option`.
  public static func namespaces(defining option: String) -> [String] {
    namespaces.filter { $0.option(option) != nil }.map(\.name)
  }

  /// Names that look like namespaces but are not (reported as unknown with a suggestion).
  public static let bogusNamespaces: [String: String] = [
    "aws:elb:application": "aws:elasticbeanstalk:application"
  ]

  /// The spec of a written namespace, or nil when ebcheck does not model it.
  public static func namespace(_ name: String) -> NamespaceSpec? {
    if let exact = namespaces.first(where: { $0.prefix == nil && $0.name == name }) { return exact }
    return namespaces.first { $0.prefix != nil && $0.matches(name) }
  }

  /// The spec of an option, or nil when the namespace is not modelled or the option unknown.
  public static func option(_ namespace: String, _ option: String) -> OptionSpec? {
    self.namespace(namespace)?.option(option)
  }

  public static func isKnownNamespace(_ name: String) -> Bool {
    namespace(name) != nil || otherKnownNamespaces.contains(name)
  }

  /// Every documented namespace name a misspelling could be close to.
  package static var suggestableNamespaces: [String] {
    namespaces.compactMap { $0.prefix == nil ? $0.name : nil }
      + [
        "aws:elasticbeanstalk:environment:process:default", "aws:elbv2:listener:default",
        "aws:elbv2:listener:443",
      ]
      + otherKnownNamespaces
  }
}
