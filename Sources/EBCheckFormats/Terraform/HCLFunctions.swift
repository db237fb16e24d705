/// The Terraform functions ebcheck evaluates (string and collection helpers over literals);
/// any other function's result is unknown.
enum HCLFunctions {
  static func call(_ name: String, _ arguments: [HCLValue]) -> HCLValue {
    if name == "try" {
      return arguments.first { !$0.isUnknown } ?? .unknown("no argument of try is known")
    }
    if name == "coalesce" {
      if let reason = arguments.lazy.compactMap(\.unknownReason).first { return .unknown(reason) }
      return arguments.first { $0.kind != .null && $0.kind != .string("") }
        ?? .unknown("coalesce has no non-empty argument")
    }
    if let reason = arguments.lazy.compactMap(\.unknownReason).first { return .unknown(reason) }
    switch (name, arguments.count) {
    case ("lower", 1): return string(arguments[0]) { $0.lowercased() }
    case ("upper", 1): return string(arguments[0]) { $0.uppercased() }
    case ("trimspace", 1): return string(arguments[0]) { $0.trimmingWhitespace() }
    case ("tostring", 1):
      if arguments[0].kind == .null { return arguments[0] }
      return arguments[0].settingText.map { HCLValue(.string($0), origin: arguments[0].origin) }
        ?? .unknown("tostring needs a string, number or bool")
    case ("tonumber", 1):
      return HCLOperations.number(arguments[0]).map { HCLValue(.number($0)) }
        ?? .unknown("tonumber needs a number")
    case ("tobool", 1):
      switch arguments[0].kind {
      case .bool: return arguments[0]
      case .string("true"): return HCLValue(.bool(true))
      case .string("false"): return HCLValue(.bool(false))
      default: return .unknown("tobool needs a bool")
      }
    case ("tolist", 1), ("toset", 1):
      guard let items = arguments[0].elements else { return .unknown("\(name) needs a list") }
      return HCLValue(.tuple(name == "toset" ? unique(items) : items))
    case ("tomap", 1):
      guard case .object = arguments[0].kind else { return .unknown("tomap needs a map") }
      return arguments[0]
    case ("join", 2):
      guard let separator = arguments[0].settingText, let items = arguments[1].elements else {
        return .unknown("join needs a separator and a list")
      }
      let texts = items.compactMap(\.settingText)
      guard texts.count == items.count else { return .unknown("join needs a list of strings") }
      return HCLValue(.string(texts.joined(separator: separator)))
    case ("concat", _):
      var all: [HCLValue] = []
      for argument in arguments {
        guard case .tuple(let items) = argument.kind else { return .unknown("concat needs lists") }
        all += items
      }
      return HCLValue(.tuple(all))
    case ("merge", _):
      var entries: [HCLObjectEntry] = []
      for argument in arguments {
        if argument.kind == .null { continue }
        guard case .object(let more) = argument.kind else { return .unknown("merge needs maps") }
        for entry in more {
          entries.removeAll { $0.key == entry.key }
          entries.append(entry)
        }
      }
      return HCLValue(.object(entries))
    case ("lookup", 2), ("lookup", 3):
      guard let key = arguments[1].settingText else { return .unknown("lookup needs a key") }
      return arguments[0][key]
        ?? (arguments.count == 3
          ? arguments[2] : .unknown("the map has no key \(key)"))
    case ("element", 2):
      guard let items = arguments[0].elements, !items.isEmpty,
        let index = HCLOperations.number(arguments[1])
      else { return .unknown("element needs a list and an index") }
      return items[Int(index) % items.count]
    case ("length", 1):
      switch arguments[0].kind {
      case .string(let text): return HCLValue(.number(Double(text.count)))
      case .tuple(let items): return HCLValue(.number(Double(items.count)))
      case .object(let entries): return HCLValue(.number(Double(entries.count)))
      default: return .unknown("length needs a string or a collection")
      }
    case ("keys", 1):
      guard case .object(let entries) = arguments[0].kind else {
        return .unknown("keys needs a map")
      }
      return HCLValue(.tuple(entries.map(\.key).sorted().map { HCLValue(.string($0)) }))
    case ("values", 1):
      guard case .object(let entries) = arguments[0].kind else {
        return .unknown("values needs a map")
      }
      return HCLValue(.tuple(entries.sorted { $0.key < $1.key }.map(\.value)))
    case ("flatten", 1):
      guard let items = arguments[0].elements else { return .unknown("flatten needs a list") }
      return HCLValue(.tuple(flatten(items, depth: 0)))
    case ("contains", 2):
      guard let items = arguments[0].elements else { return .unknown("contains needs a list") }
      return HCLValue(.bool(items.contains { HCLOperations.same($0, arguments[1]) }))
    case ("format", _) where !arguments.isEmpty:
      return format(arguments)
    case ("jsonencode", 1):
      return HCLJSON.encode(arguments[0]).map { HCLValue(.string($0)) }
        ?? .unknown(HCLJSON.firstUnknown(arguments[0]) ?? "jsonencode of a value that is not JSON")
    case ("replace", 3):
      guard let text = arguments[0].settingText, let old = arguments[1].settingText,
        let new = arguments[2].settingText, !old.isEmpty, !old.hasPrefix("/")
      else { return .unknown("replace with a pattern is not evaluated") }
      return HCLValue(.string(text.replacingOccurrences(old, new)))
    default:
      return .unknown("the function \(name) is not evaluated")
    }
  }

  static func string(_ value: HCLValue, _ transform: (String) -> String) -> HCLValue {
    guard let text = value.settingText else { return .unknown("a string was expected") }
    return HCLValue(.string(transform(text)))
  }

  static func unique(_ items: [HCLValue]) -> [HCLValue] {
    var kept: [HCLValue] = []
    for item in items where !kept.contains(where: { HCLOperations.same($0, item) }) {
      kept.append(item)
    }
    return kept
  }

  static func flatten(_ items: [HCLValue], depth: Int) -> [HCLValue] {
    items.flatMap { item -> [HCLValue] in
      if case .tuple(let inner) = item.kind, depth < 32 { return flatten(inner, depth: depth + 1) }
      return [item]
    }
  }

  /// `format("%s-%d", a, b)`: the verbs `%s`, `%d`, `%v` and `%%`.
  static func format(_ arguments: [HCLValue]) -> HCLValue {
    guard let pattern = arguments[0].settingText else { return .unknown("format needs a string") }
    var out = ""
    var rest = arguments.dropFirst()
    var characters = pattern.makeIterator()
    while let character = characters.next() {
      guard character == "%" else {
        out.append(character)
        continue
      }
      guard let verb = characters.next() else { return .unknown("format ends with %") }
      if verb == "%" {
        out.append("%")
        continue
      }
      guard "sdv".contains(verb), let argument = rest.popFirst(),
        let text = argument.settingText
      else { return .unknown("format verb %\(verb) is not evaluated") }
      out += text
    }
    return HCLValue(.string(out))
  }
}
