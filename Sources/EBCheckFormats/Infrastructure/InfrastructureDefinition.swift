import EBCheckCore

/// The tool an environment is defined with.
public enum InfrastructureTool: String, Sendable, Hashable, CaseIterable {
  case terraform
  case cloudFormation
  case cdk

  public var displayName: String {
    switch self {
    case .terraform: "Terraform"
    case .cloudFormation: "CloudFormation"
    case .cdk: "AWS CDK"
    }
  }
}

/// Whether a definition creates an environment or a configuration template (a saved
/// configuration environments are created from).
public enum InfrastructureResourceKind: String, Sendable, Hashable {
  case environment
  case configurationTemplate
}

/// One Beanstalk environment or configuration template defined in infrastructure code.
public struct InfrastructureDefinition: Sendable, Hashable {
  public var tool: InfrastructureTool
  public var kind: InfrastructureResourceKind
  /// How the code names it: `aws_elastic_beanstalk_environment.web`, a CloudFormation
  /// logical id, a CDK construct id (with a variant suffix such as `(prod.tfvars)`).
  public var resource: String
  /// The environment (or template) name when the code gives a known one.
  public var name: String?
  /// The resource's first line: the block header, the logical id, the constructor call.
  public var location: Location
  /// `setting` / `OptionSettings` / `option_settings`, in written order.
  public var settings: [OptionSetting]
  /// The configuration template the environment is created from (its resource or its name).
  public var templateReference: String?
  /// Paths written in the code that may name the bundle's folder (`source_dir`, an asset
  /// path), relative to the repository root, each with where it was written.
  public var sourceHints: [Sourced<String>]
  /// Settings whose value ebcheck could not compute, with the reason (already in `settings`
  /// as dynamic values).
  public var notes: [String]
  /// The platform it runs: the solution stack name or platform ARN the code gives
  /// (`64bit Amazon Linux 2023 v4.3.3 running Docker`), where it is written.
  public var platform: Sourced<String>?
  /// The bundle the code deploys (followed from the version label), nil when the code names
  /// no version (the bundle is uploaded some other way: `eb deploy`, a pipeline).
  public var bundle: InfrastructureBundle?

  public init(
    tool: InfrastructureTool, kind: InfrastructureResourceKind, resource: String,
    name: String? = nil, location: Location, settings: [OptionSetting] = [],
    templateReference: String? = nil, sourceHints: [Sourced<String>] = [], notes: [String] = []
  ) {
    self.tool = tool
    self.kind = kind
    self.resource = resource
    self.name = name
    self.location = location
    self.settings = settings
    self.templateReference = templateReference
    self.sourceHints = sourceHints
    self.notes = notes
  }

  /// `Terraform aws_elastic_beanstalk_environment.web`.
  public var title: String { "\(tool.displayName) \(resource)" }
}

/// What the infrastructure readers found in a repository.
public struct InfrastructureRead: Sendable {
  public var definitions: [InfrastructureDefinition] = []
  /// Files that do not parse (TF001, Y001 for templates), with their locations.
  public var diagnostics: [Diagnostic] = []
  /// Files read, per tool (for the benchmark and the tests' numbers).
  public var filesRead: [InfrastructureTool: Int] = [:]
  /// Repository files the code zips one by one into a bundle (`archive_file` `source_file`),
  /// root-relative: bundle material, not an application of their own.
  public var zippedFiles: Set<String> = []

  public init() {}

  public mutating func merge(_ other: InfrastructureRead) {
    definitions += other.definitions
    zippedFiles.formUnion(other.zippedFiles)
    diagnostics += other.diagnostics
    for (tool, count) in other.filesRead { filesRead[tool, default: 0] += count }
  }
}
