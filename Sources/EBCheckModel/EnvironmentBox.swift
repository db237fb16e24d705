import EBCheckCore
import EBCheckPython

/// The stored fields of an `Environment`. An environment is copied wherever a rule or the
/// simulation takes one from the model (thousands per application folder when infrastructure
/// code defines them), so its fields live in one shared box and a copy costs one retain;
/// the box is copied only when a shared environment is changed.
struct EnvironmentFields {
  var name: String
  var loadBalancer: Sourced<LoadBalancerType>
  var processes: [ProcessCheck]
  var appServer: AppServer
  var upstreamPort: Sourced<Int>
  var nginx: NginxConfiguration
  var httpd: HttpdConfiguration = HttpdConfiguration()
  var django: DjangoApp?
  var djangoScenarios: [DjangoScenario] = []
  var settingsModule: Fact<String>?
  var imdsV1Disabled: Sourced<Bool>
  var djangoWhereIMDSv1Answers: DjangoApp?
  var platform: Platform = .assumed
  var deployedFiles: DeployedFiles?
  var variables: [String: Sourced<String>]
  var readerDiagnostics: [Diagnostic] = []
  var configuration: BeanstalkConfiguration = BeanstalkConfiguration()
  var infrastructure: InfrastructureEnvironment?
  var consoleWSGIPaths: [ConsoleWSGIPath] = []
  var instanceFamily: Sourced<InstanceHypervisor>?
  var instanceFamilyArms: [InstanceFamilyArm] = []
}

final class EnvironmentBox: @unchecked Sendable {
  // Only ever changed through `Environment`, after it made the box its own.
  var fields: EnvironmentFields

  init(_ fields: EnvironmentFields) { self.fields = fields }
}
