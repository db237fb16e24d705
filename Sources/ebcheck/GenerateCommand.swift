import ArgumentParser
import EBCheck
import EBCheckCore
import EBCheckGenerate
import EBCheckModel

struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Generate a health middleware, .ebextensions, or target-group settings.",
    subcommands: [
      GenerateMiddleware.self, GenerateEbextensions.self, GenerateTargetGroup.self,
      GenerateAllowedHosts.self,
    ])
}

extension LoadBalancerType: ExpressibleByArgument {}
extension Generators.TargetGroupFormat: ExpressibleByArgument {}
extension Generators.SettingsFormat: ExpressibleByArgument {}

struct GenerateMiddleware: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "middleware",
    abstract: "Print a middleware that answers the health check before Host validation.")

  @Option(help: "The health-check path it answers.") var path = HealthMiddleware.defaultPath
  @Option(help: "Dotted module the file will live at, for the MIDDLEWARE entry.")
  var module = "health_check"

  func validate() throws {
    guard path.hasPrefix("/") else { throw ValidationError("--path must start with '/'") }
  }

  func run() throws {
    let generated = Generators.middleware(path: path, module: module)
    print(generated.source, terminator: "")
    print("\n# Add first in MIDDLEWARE (settings.py):\n#     \"\(generated.entry)\",")
  }
}

struct GenerateEbextensions: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ebextensions",
    abstract: "Print an .ebextensions config with health-check options for the load balancer.",
    discussion: """
      `--for terraform` prints the same options as `setting` blocks for an \
      aws_elastic_beanstalk_environment, `--for cloudformation` as OptionSettings entries of an \
      AWS::ElasticBeanstalk::Environment.
      """)

  @Argument(help: "Repository whose settings to start from (default: the current directory).")
  var path = "."
  @Option(
    name: .customLong("load-balancer"),
    help: "application, network or classic (default: what the repository sets, else application).")
  var loadBalancer: LoadBalancerType?
  @Option(
    name: .customLong("path"),
    help: "The health-check path (default: the repository's, else /health/).")
  var healthPath: String?
  @Option(
    name: .customLong("for"),
    help: "Where the settings go: ebextensions (default), terraform or cloudformation.")
  var destination: Generators.SettingsFormat = .ebextensions

  func validate() throws {
    if let healthPath, !healthPath.hasPrefix("/") || healthPath.contains(where: \.isNewline) {
      throw ValidationError("--path must start with '/' and be one line")
    }
  }

  func run() throws {
    let workspace = try Workspace.load(path: path)
    let spec = HealthCheckSpec.fromRepository(
      workspace.files, loadBalancer: loadBalancer, path: healthPath)
    print(Generators.optionSettings(spec, format: destination), terminator: "")
  }
}

struct GenerateTargetGroup: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "target-group",
    abstract:
      "Print target-group health-check settings for CloudFormation, Terraform or the AWS CLI.")

  @Argument(help: "Repository whose settings to start from (default: the current directory).")
  var path = "."
  @Option(
    help:
      "cloudformation, terraform or cli (a target group); terraform-setting or cloudformation-option-settings (the Beanstalk process options that configure its own target group)."
  )
  var format: Generators.TargetGroupFormat
  @Option(
    name: .customLong("load-balancer"),
    help: "application or network (default: what the repository sets, else application).")
  var loadBalancer: LoadBalancerType?
  @Option(
    name: .customLong("path"),
    help: "The health-check path (default: the repository's, else /health/).")
  var healthPath: String?

  func validate() throws {
    let isTargetGroup = [.cloudformation, .terraform, .cli].contains(format)
    if isTargetGroup, let loadBalancer, loadBalancer != .application, loadBalancer != .network {
      throw ValidationError("target groups exist for application and network load balancers only")
    }
  }

  func run() throws {
    let workspace = try Workspace.load(path: path)
    var spec = HealthCheckSpec.fromRepository(
      workspace.files, loadBalancer: loadBalancer, path: healthPath)
    // A classic load balancer has no target group: describe the application one replacing it.
    if spec.loadBalancer == .classic, [.cloudformation, .terraform, .cli].contains(format) {
      spec.loadBalancer = .application
    }
    print(Generators.targetGroup(spec, format: format), terminator: "")
  }
}

struct GenerateAllowedHosts: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "allowed-hosts",
    abstract: "Print settings code that allows the instance private IP (IMDSv2 with a token).",
    discussion: "Append it at the end of the settings module; prefer `generate middleware`.")

  func run() throws {
    print(Generators.allowedHostsSnippet(), terminator: "")
  }
}
