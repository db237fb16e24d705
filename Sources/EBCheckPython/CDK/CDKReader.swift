import EBCheckCore
import EBCheckFormats

/// Reads AWS CDK apps in Python: `CfnEnvironment(...)` and `CfnConfigurationTemplate(...)`.
public enum CDKReader {
  public static func read(_ modules: PythonModules) -> InfrastructureRead {
    InfrastructureRead()
  }
}
