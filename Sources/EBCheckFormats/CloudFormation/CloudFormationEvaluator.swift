import EBCheckCore

/// Evaluates template nodes the way CloudFormation resolves them when it creates the stack,
/// as far as the template alone tells: `Ref` to parameters with defaults, `Fn::Sub`,
/// `Fn::Join`, `Fn::Select`, `Fn::FindInMap`, `Fn::If` with evaluable conditions.
struct CloudFormationEvaluator {
  /// Parameter defaults by name (nil: the parameter has no default).
  var parameters: [String: YAMLNode?] = [:]
  var conditions: [String: YAMLNode] = [:]
  var mappings: YAMLNode?
  var resources: Set<String> = []
  var budget = 100_000
  var depth = 0
  var evaluatingConditions: [String] = []

  init(template: YAMLNode) {
    for pair in template["Parameters"]?.mergedMapping ?? [] {
      guard let name = pair.key.scalar else { continue }
      parameters[name] = .some(pair.value["Default"])
    }
    for pair in template["Conditions"]?.mergedMapping ?? [] {
      if let name = pair.key.scalar { conditions[name] = pair.value }
    }
    mappings = template["Mappings"]
    resources = Set((template["Resources"]?.mergedMapping ?? []).compactMap(\.key.scalar))
  }

  mutating func evaluate(_ node: YAMLNode) -> CloudFormationValue {
    budget -= 1
    depth += 1
    defer { depth -= 1 }
    guard budget > 0, depth < 128 else { return .unknown("ebcheck's evaluation limit was reached") }
    if let function = node.cloudFormationFunction {
      return call(function, argument(of: node), at: node)
    }
    switch node.kind {
    case .scalar(let text, _):
      return CloudFormationValue(.text(node.resolved?.rendered ?? text), origin: node.span)
    case .sequence(let items):
      let values = items.map { evaluate($0) }.filter { $0.kind != .noValue }
      return CloudFormationValue(.list(values))
    case .mapping:
      var entries: [CloudFormationEntry] = []
      for pair in node.mergedMapping ?? [] {
        guard let key = pair.key.scalar else { continue }
        let value = evaluate(pair.value)
        if value.kind == .noValue { continue }
        entries.append(CloudFormationEntry(key: key, keySpan: pair.key.span, value: value))
      }
      return CloudFormationValue(.map(entries))
    case .alias(let name):
      return .unknown("the alias *\(name) was not expanded")
    }
  }

  /// The argument of `!Fn x` (the node itself without its tag) or of `{"Fn::X": x}`.
  func argument(of node: YAMLNode) -> YAMLNode {
    if let tag = node.tag, tag.hasPrefix("!"), !tag.hasPrefix("!!") {
      var bare = node
      bare.tag = nil
      return bare
    }
    return node.mapping?.first?.value ?? node
  }

  mutating func call(_ function: String, _ argument: YAMLNode, at node: YAMLNode)
    -> CloudFormationValue
  {
    switch function {
    case "Ref":
      return reference(argument.scalar ?? "")
    case "Fn::Sub":
      return substitute(argument)
    case "Fn::Join":
      guard let items = argument.sequence, items.count == 2, let separator = items[0].scalar
      else { return .unknown("Fn::Join needs [separator, list]") }
      let list = evaluate(items[1])
      guard let parts = list.list else {
        return .unknown(list.unknownReason ?? "Fn::Join needs a list")
      }
      var texts: [String] = []
      for part in parts {
        guard let text = part.text else {
          return .unknown(part.unknownReason ?? "Fn::Join needs strings")
        }
        texts.append(text)
      }
      return CloudFormationValue(.text(texts.joined(separator: separator)))
    case "Fn::Select":
      guard let items = argument.sequence, items.count == 2 else {
        return .unknown("Fn::Select needs [index, list]")
      }
      let index = evaluate(items[0])
      let list = evaluate(items[1])
      guard let position = index.text.flatMap({ Int($0) }), let values = list.list,
        values.indices.contains(position)
      else {
        return .unknown(list.unknownReason ?? index.unknownReason ?? "Fn::Select out of range")
      }
      return values[position]
    case "Fn::FindInMap":
      guard let items = argument.sequence, items.count >= 3 else {
        return .unknown("Fn::FindInMap needs [map, key, key]")
      }
      let keys = items.prefix(3).map { evaluate($0) }
      guard let map = keys[0].text, let first = keys[1].text, let second = keys[2].text else {
        return .unknown(keys.compactMap(\.unknownReason).first ?? "Fn::FindInMap needs strings")
      }
      guard let found = mappings?[map]?[first]?[second] else {
        return .unknown("Mappings has no \(map).\(first).\(second)")
      }
      return evaluate(found)
    case "Fn::If":
      guard let items = argument.sequence, items.count == 3, let name = items[0].scalar else {
        return .unknown("Fn::If needs [condition, value if true, value if false]")
      }
      switch condition(name) {
      case .some(true): return evaluate(items[1])
      case .some(false): return evaluate(items[2])
      case .none:
        return .unknown("the condition \(name) depends on values known at deploy time")
      }
    default:
      return .unknown("\(function) is resolved when the stack is deployed")
    }
  }

  mutating func reference(_ name: String) -> CloudFormationValue {
    if name == "AWS::NoValue" { return CloudFormationValue(.noValue) }
    if name.hasPrefix("AWS::") {
      return .unknown("the pseudo parameter \(name) is known at deploy time")
    }
    if let entry = parameters[name] {
      guard let defaultNode = entry else {
        return .unknown("the parameter \(name) has no Default; its value is given at deploy time")
      }
      return evaluate(defaultNode)
    }
    if resources.contains(name) {
      return .unknown("Ref \(name) is the physical id CloudFormation gives the resource")
    }
    return .unknown("Ref \(name) names no parameter or resource of the template")
  }

  /// `Fn::Sub`: `${Name}` from parameters (or the variable map), `${!Literal}` kept.
  mutating func substitute(_ argument: YAMLNode) -> CloudFormationValue {
    var text: String
    var variables: [String: CloudFormationValue] = [:]
    var origin: Span?
    if let items = argument.sequence, items.count == 2, let template = items[0].scalar {
      text = template
      for pair in items[1].mergedMapping ?? [] {
        if let key = pair.key.scalar { variables[key] = evaluate(pair.value) }
      }
    } else if let template = argument.scalar {
      text = template
      origin = argument.span
    } else {
      return .unknown("Fn::Sub needs a string or [string, map]")
    }
    var out = ""
    var rest = Substring(text)
    while let open = rest.firstRange(of: "${") {
      out += rest[..<open.lowerBound]
      let after = rest[open.upperBound...]
      guard let close = after.firstIndex(of: "}") else {
        out += rest[open.lowerBound...]
        rest = ""
        break
      }
      let name = String(after[..<close])
      rest = after[after.index(after: close)...]
      if name.hasPrefix("!") {
        out += "${" + name.dropFirst() + "}"
        continue
      }
      origin = nil
      let value =
        variables[name]
        ?? (name.contains(".")
          ? .unknown("\(name) is a resource attribute known at deploy time") : reference(name))
      guard let piece = value.text else {
        return .unknown(value.unknownReason ?? "${\(name)} is not a string")
      }
      out += piece
    }
    out += rest
    return CloudFormationValue(.text(out), origin: origin)
  }

  /// A condition's value when the template alone decides it.
  mutating func condition(_ name: String) -> Bool? {
    guard let node = conditions[name], !evaluatingConditions.contains(name) else { return nil }
    evaluatingConditions.append(name)
    defer { evaluatingConditions.removeLast() }
    return test(node)
  }

  mutating func test(_ node: YAMLNode) -> Bool? {
    if let pairs = node.mapping, pairs.count == 1, pairs[0].key.scalar == "Condition" {
      return pairs[0].value.scalar.flatMap { condition($0) }
    }
    guard let function = node.cloudFormationFunction else { return nil }
    let argument = argument(of: node)
    let items = argument.sequence ?? []
    switch function {
    case "Condition":
      return argument.scalar.flatMap { condition($0) }
    case "Fn::Equals":
      guard items.count == 2 else { return nil }
      let (a, b) = (evaluate(items[0]), evaluate(items[1]))
      guard let left = a.text, let right = b.text else { return nil }
      return left == right
    case "Fn::Not":
      return items.first.flatMap { test($0) }.map { !$0 }
    case "Fn::And":
      let values = items.map { test($0) }
      if values.contains(false) { return false }
      return values.allSatisfy { $0 == true } ? true : nil
    case "Fn::Or":
      let values = items.map { test($0) }
      if values.contains(true) { return true }
      return values.allSatisfy { $0 == false } ? false : nil
    default:
      return nil
    }
  }
}
