import EBCheckCore
import Mustache

/// Renders the templates embedded from `Templates/*.mustache`.
public struct TemplateRenderer: Sendable {
  public enum Name: String, Sendable, CaseIterable {
    case middleware = "middleware.py"
    case ebextensions = "ebextensions.config"
    case cloudFormation = "target-group.cloudformation.yaml"
    case terraform = "target-group.terraform.tf"
    case cli = "target-group.cli.sh"
    case imdsAllowedHosts = "imds-allowed-hosts.py"
    case terraformSettings = "option-settings.terraform.tf"
    case cloudFormationSettings = "option-settings.cloudformation.yaml"
  }

  public init() {}

  /// The embedded template source of each name.
  public static func source(_ name: Name) -> String {
    EmbeddedTemplates.sources[name.rawValue] ?? ""
  }

  /// Each embedded template parsed once (a constant table, like the sources it comes from).
  package static let parsed: [Name: MustacheTemplate] = Dictionary(
    uniqueKeysWithValues: Name.allCases.map { name in
      do {
        return (name, try MustacheTemplate(string: source(name)))
      } catch {
        preconditionFailure("embedded template \(name.rawValue) does not parse: \(error)")
      }
    })

  public func render(_ name: Name, _ context: [String: Any]) -> String {
    var values = context
    values["version"] = EBCheckVersion.current
    return Self.parsed[name]!.render(values)
  }
}
