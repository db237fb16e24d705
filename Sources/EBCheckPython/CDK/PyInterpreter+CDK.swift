import EBCheckCore

/// The AWS CDK's property classes the interpreter builds as values: an
/// `OptionSettingProperty(namespace=…, option_name=…, value=…)` is the dict CloudFormation
/// receives, each entry located at the literal it was written as.
extension PyInterpreter {
  static let cdkPropertySuffixes = [
    ".OptionSettingProperty", ".ConfigurationOptionSettingProperty",
  ]

  package static func isCDKProperty(_ qualifiedName: String) -> Bool {
    qualifiedName.hasPrefix("aws_cdk")
      && cdkPropertySuffixes.contains { qualifiedName.hasSuffix($0) }
  }

  package mutating func cdkProperty(
    _ arguments: [PyArgument], _ evaluated: Arguments, _ frame: Frame
  )
    -> PyValue
  {
    var entries: [PyDictEntry] = []
    for argument in arguments {
      guard let key = argument.keyword else { continue }
      let value = evaluated.keyword(key)?.pyValue ?? .unknown("argument \(key)")
      entries.append(
        PyDictEntry(
          key: .string(key), value: value, location: literalLocation(argument.value, frame)))
    }
    return .dict(entries)
  }

  /// Where the value of `expression` is written as a literal: the literal itself, the
  /// literal a name is bound to, else the outermost call site (a helper's caller) or the
  /// expression.
  package func literalLocation(_ expression: PyExpr, _ frame: Frame) -> Location {
    switch expression.kind {
    case .string(.text), .int, .float, .bool:
      return location(expression.span, frame)
    case .name(let name):
      if let bound = binding(name, frame)?.valueLocation, isLiteral(at: bound) { return bound }
    default:
      break
    }
    return frame.callSite ?? location(expression.span, frame)
  }

  func isLiteral(at location: Location) -> Bool {
    guard let file = evaluator.files[location.file] else { return false }
    let text = file.text(location.span)
    guard let first = text.first else { return false }
    if first == "\"" || first == "'" { return text.count >= 2 && text.last == first }
    return Double(text) != nil || text == "True" || text == "False"
  }
}
