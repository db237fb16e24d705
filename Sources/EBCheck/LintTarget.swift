import EBCheckCore

/// Whether a path holds anything ebcheck lints. Linting an empty folder, a Flask app or a
/// Node app must fail loudly (exit 2) rather than report "No problems in 0 files".
extension Workspace {
  /// What ebcheck looks for, as the message says it.
  public static let lookedFor =
    "no Django settings (a settings module, manage.py or DJANGO_SETTINGS_MODULE) and no Elastic Beanstalk configuration (.ebextensions/, .elasticbeanstalk/, .platform/, .ebignore, Dockerrun.aws.json, or an environment in Terraform, CloudFormation or CDK code)"

  /// Throws when the focus holds nothing to lint: a folder needs Django settings or Beanstalk
  /// configuration under it; a file must be one ebcheck reads, in a project that has them.
  /// `name` is how the path is shown.
  public func requireSomethingToLint(name: String) throws(UsageError) {
    if focusIsFile {
      guard let file = files[focus], file.kind != .other else {
        throw UsageError(
          "\(name): nothing to lint: ebcheck reads Python files, .ebextensions, .platform, Procfile, requirements and Docker files, not this one"
        )
      }
      guard files.all.contains(where: Self.isProjectFile) else {
        throw UsageError("\(name): nothing to lint: found \(Self.lookedFor) in its repository")
      }
      return
    }
    guard files.all.contains(where: { isInFocus($0.path) && Self.isProjectFile($0) }) else {
      throw UsageError("\(name): nothing to lint: found \(Self.lookedFor) under it")
    }
  }

  /// A file that makes a folder a Django or Beanstalk project.
  package static func isProjectFile(_ file: SourceFile) -> Bool {
    switch file.kind {
    case .ebextension, .ebConfig, .savedConfig, .platformHook, .nginx, .httpd, .dockerrun,
      .ebignore:
      return true
    case .python:
      return isDjangoFile(file) || contains(file.bytes, cdkEnvironmentMarker)
    case .terraform:
      return contains(file.bytes, terraformEnvironmentMarker)
    case .infrastructureTemplate:
      return contains(file.bytes, cloudFormationEnvironmentMarker)
    default:
      return false
    }
  }

  /// `manage.py`, a settings module, or a file naming the settings module.
  package static func isDjangoFile(_ file: SourceFile) -> Bool {
    let name = file.path.split(separator: "/").last.map(String.init) ?? file.path
    if name == "manage.py" { return true }
    for marker in djangoMarkers where contains(file.bytes, marker) { return true }
    return false
  }

  /// Infrastructure code that defines a Beanstalk environment (its option settings are linted).
  package static let terraformEnvironmentMarker = Array("aws_elastic_beanstalk_environment".utf8)
  package static let cloudFormationEnvironmentMarker = Array(
    "AWS::ElasticBeanstalk::Environment".utf8)
  package static let cdkEnvironmentMarker = Array("CfnEnvironment".utf8)

  package static let djangoMarkers: [[UInt8]] = [
    "DJANGO_SETTINGS_MODULE", "INSTALLED_APPS", "ROOT_URLCONF", "MIDDLEWARE",
  ].map { Array($0.utf8) }

  package static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
    Suppressions.firstIndex(of: needle, in: bytes, from: 0) != nil
  }
}
