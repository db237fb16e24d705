import Mustache

/// Renders the templates embedded from `Templates/*.mustache`.
public struct TemplateRenderer: Sendable {
  public enum Name: String, Sendable, CaseIterable {
    case middleware = "middleware.py"
    case ebextensions = "ebextensions.config"
    case cloudFormation = "target-group.cloudformation.yaml"
    case terraform = "target-group.terraform.tf"
    case cli = "target-group.cli.sh"
  }

  public init() {}

  /// The embedded template source of each name.
  public static func source(_ name: Name) -> String { EmbeddedTemplates.sources[name.rawValue] ?? "" }

  public func render(_ name: Name, _ context: [String: Any]) -> String {
    do {
      let template = try MustacheTemplate(string: Self.source(name))
      var values = context
      values["version"] = EBCheckVersion.current
      return template.render(values)
    } catch {
      preconditionFailure("embedded template \(name.rawValue) does not parse: \(error)")
    }
  }
}
