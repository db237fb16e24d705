import EBCheckCore

/// Where an option setting came from, in Beanstalk's precedence order (low → high).
public enum OptionSource: Sendable, Hashable {
  case ebextension(String)
  case savedConfig(String)
  /// A `setting` / `OptionSettings` / `option_settings` entry of infrastructure code: an
  /// environment's are applied directly through the API, a configuration template's are a
  /// saved configuration.
  case infrastructure(InfrastructureTool, InfrastructureResourceKind, String)

  public var path: String {
    switch self {
    case .ebextension(let path), .savedConfig(let path), .infrastructure(_, _, let path): path
    }
  }

  /// Higher wins: saved configurations (and configuration templates) override `.ebextensions`,
  /// and settings applied to the environment directly override both (facts.md §2).
  public var precedence: Int {
    switch self {
    case .ebextension: 1
    case .savedConfig: 2
    case .infrastructure(_, .configurationTemplate, _): 2
    case .infrastructure(_, .environment, _): 3
    }
  }

  public var kindDescription: String {
    switch self {
    case .ebextension: "configuration file"
    case .savedConfig: "saved configuration"
    case .infrastructure(let tool, .configurationTemplate, _):
      "\(tool.displayName) configuration template"
    case .infrastructure(let tool, .environment, _): "\(tool.displayName) environment setting"
    }
  }

  /// Whether the setting is written in infrastructure code (not a Beanstalk bundle file).
  public var isInfrastructure: Bool {
    if case .infrastructure = self { return true }
    return false
  }
}

/// What a written value is, beyond its text.
public enum OptionValueKind: Sendable, Hashable {
  /// A plain value (numbers and booleans rendered as Beanstalk sees them).
  case literal
  /// A CloudFormation function (`!Ref`, `Fn::GetOptionSetting`, …) resolved only at deploy time.
  case dynamic(String)
  /// A list or map where Beanstalk expects a string; `value` holds its source text.
  case structured
}

/// One `namespace` / `option_name` / `value` written somewhere in the repository.
public struct OptionSetting: Sendable, Hashable {
  public var namespace: String
  public var option: String
  public var value: String
  /// The span of the value (or of the whole entry when the value is absent).
  public var location: Location
  public var source: OptionSource
  /// The span of the option name.
  public var keyLocation: Location
  /// The span of the namespace text; nil when it defaulted (list form without `namespace`).
  public var namespaceLocation: Location?
  public var kind: OptionValueKind
  /// How the value was written (`plain`, quoted, …); nil for collections.
  public var style: YAMLScalarStyle?

  public init(
    namespace: String, option: String, value: String, location: Location, source: OptionSource,
    keyLocation: Location? = nil, namespaceLocation: Location? = nil,
    kind: OptionValueKind = .literal,
    style: YAMLScalarStyle? = nil
  ) {
    self.namespace = namespace
    self.option = option
    self.value = value
    self.location = location
    self.source = source
    self.keyLocation = keyLocation ?? location
    self.namespaceLocation = namespaceLocation
    self.kind = kind
    self.style = style
  }

  public var isDynamic: Bool {
    if case .dynamic = kind { return true }
    return false
  }

  /// `namespace` / `option` as users write it in messages.
  public var qualifiedName: String { "\(namespace) \(option)" }
}

/// Reads `option_settings` (ebextensions) and `OptionSettings` (saved configurations).
public enum OptionSettingsReader {
  public static let defaultNamespace = "aws:elasticbeanstalk:application:environment"

  /// Settings of one `.ebextensions/*.config` document, in written order.
  public static func ebextension(_ yaml: YAMLFile, file: SourceFile) -> (
    settings: [OptionSetting], diagnostics: [Diagnostic]
  ) {
    guard let root = yaml.root, let pairs = root.mergedMapping else {
      if let root = yaml.root, !(root.scalar.map { $0.isEmpty } ?? false) {
        return (
          [],
          [
            warning(
              "a configuration file must be a mapping of keys such as option_settings", root.span,
              file)
          ]
        )
      }
      return ([], [])
    }
    var settings: [OptionSetting] = []
    var diagnostics: [Diagnostic] = []
    for pair in pairs where pair.key.scalar == "option_settings" {
      read(
        pair.value, source: .ebextension(file.path), file: file, listAllowed: true, into: &settings,
        &diagnostics)
    }
    return (settings, diagnostics)
  }

  /// Settings of a saved configuration's `OptionSettings` map.
  public static func savedConfig(_ yaml: YAMLFile, file: SourceFile) -> (
    settings: [OptionSetting], diagnostics: [Diagnostic]
  ) {
    guard let value = yaml.root?["OptionSettings"] else { return ([], []) }
    var settings: [OptionSetting] = []
    var diagnostics: [Diagnostic] = []
    read(
      value, source: .savedConfig(file.path), file: file, listAllowed: false, into: &settings,
      &diagnostics)
    return (settings, diagnostics)
  }

  private static func read(
    _ node: YAMLNode, source: OptionSource, file: SourceFile, listAllowed: Bool,
    into settings: inout [OptionSetting], _ diagnostics: inout [Diagnostic]
  ) {
    if let pairs = node.mergedMapping {
      // Shorthand: namespace → { option: value }.
      for pair in pairs {
        readNamespaceMap(pair, source: source, file: file, into: &settings, &diagnostics)
      }
      return
    }
    guard listAllowed, let items = node.sequence else {
      if node.scalar.map({ !$0.isEmpty }) ?? true {
        diagnostics.append(
          warning("option settings must be a list or a map of namespaces", node.span, file))
      }
      return
    }
    for item in items {
      guard let pairs = item.mergedMapping else {
        diagnostics.append(
          warning(
            "each option_settings entry must be a map with option_name and value", item.span, file))
        continue
      }
      if let name = item["option_name"] {
        let namespaceNode = item["namespace"]
        let namespace = namespaceNode.flatMap(text) ?? defaultNamespace
        let value = item["value"]
        settings.append(
          setting(
            namespace: namespace, namespaceSpan: namespaceNode?.span, key: name, value: value,
            entrySpan: item.span, source: source, file: file))
      } else if pairs.count == 1, let namespace = pairs[0].key.scalar, namespace.contains(":"),
        pairs[0].value.mapping != nil
      {
        // `- aws:namespace: {Option: value}`: a list of shorthand maps.
        readNamespaceMap(pairs[0], source: source, file: file, into: &settings, &diagnostics)
      } else {
        diagnostics.append(
          warning(
            "option_settings entry has no option_name (expected namespace, option_name and value keys)",
            item.span, file))
      }
    }
  }

  private static func readNamespaceMap(
    _ pair: YAMLPair, source: OptionSource, file: SourceFile, into settings: inout [OptionSetting],
    _ diagnostics: inout [Diagnostic]
  ) {
    guard let namespace = text(pair.key) else { return }
    guard let options = pair.value.mergedMapping else {
      if pair.value.scalar.map({ !$0.isEmpty }) ?? true {
        diagnostics.append(
          warning("namespace \(namespace) must map option names to values", pair.value.span, file))
      }
      return
    }
    for option in options {
      settings.append(
        setting(
          namespace: namespace, namespaceSpan: pair.key.span, key: option.key, value: option.value,
          entrySpan: option.key.span.union(option.value.span), source: source, file: file))
    }
  }

  private static func setting(
    namespace: String, namespaceSpan: Span?, key: YAMLNode, value: YAMLNode?, entrySpan: Span,
    source: OptionSource, file: SourceFile
  ) -> OptionSetting {
    let option = text(key) ?? file.text(key.span)
    let (rendered, kind) = value.map { render($0, file: file) } ?? ("", .literal)
    let valueSpan =
      value.map { $0.span.isEmpty && $0.scalar == "" ? Span(at: $0.span.start) : $0.span }
      ?? entrySpan
    return OptionSetting(
      namespace: namespace, option: option, value: rendered,
      location: Location(file: file.path, span: valueSpan), source: source,
      keyLocation: Location(file: file.path, span: key.span),
      namespaceLocation: namespaceSpan.map { Location(file: file.path, span: $0) }, kind: kind,
      style: value?.style)
  }

  /// A scalar key or value as text (numbers and booleans as Beanstalk renders them).
  package static func text(_ node: YAMLNode) -> String? {
    if let resolved = node.resolved { return resolved.rendered }
    return node.scalar
  }

  /// The value Beanstalk sees, and whether it is only known at deploy time.
  public static func render(_ node: YAMLNode, file: SourceFile) -> (String, OptionValueKind) {
    if let function = node.cloudFormationFunction {
      return (file.text(node.span), .dynamic(function))
    }
    if let tag = node.tag, tag.hasPrefix("!"), !tag.hasPrefix("!!"), tag != "!" {
      return (file.text(node.span), .dynamic(tag))
    }
    if let resolved = node.resolved {
      let text = resolved.rendered
      if case .string = resolved, let function = backtickFunction(text) {
        return (text, .dynamic(function))
      }
      return (text, .literal)
    }
    if let scalar = node.scalar { return (scalar, .literal) }
    return (file.text(node.span), .structured)
  }

  /// Beanstalk's backtick form of a CloudFormation function in a value:
  /// `` `{"Ref": "AWS::Region"}` `` → `Ref`.
  package static func backtickFunction(_ text: String) -> String? {
    let trimmed = text.trimmingWhitespace()
    guard trimmed.hasPrefix("`{"), trimmed.hasSuffix("}`") else { return nil }
    let body = trimmed.dropFirst(2)
    guard let quote = body.firstIndex(of: "\"") else { return "function" }
    let name = body[body.index(after: quote)...].prefix { $0 != "\"" }
    return name.isEmpty ? "function" : String(name)
  }

  package static func warning(_ message: String, _ span: Span, _ file: SourceFile) -> Diagnostic {
    Diagnostic(
      problem: .configurationSyntax, severity: .warning, message: message,
      location: Location(file: file.path, span: span))
  }
}
