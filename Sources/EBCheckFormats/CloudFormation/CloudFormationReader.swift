import EBCheckCore

/// Reads CloudFormation templates (YAML with short-form tags, or JSON).
public enum CloudFormationReader {
  public static func read(_ files: [SourceFile], limits: YAMLLimits = YAMLLimits())
    -> InfrastructureRead
  {
    InfrastructureRead()
  }
}
