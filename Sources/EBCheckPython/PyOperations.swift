import EBCheckCore
import EBCheckFormats

/// Python semantics on literal values. Every function answers `.unknown` rather than
/// guess when CPython could compute something else.
package enum PyOperations {
  package static let maximumStringLength = 1_000_000
  package static let maximumListLength = 1_000_000

  /// Whether `size * count` stays within `limit`, without overflowing on huge counts.
  package static func fits(_ size: Int, times count: Int, within limit: Int) -> Bool {
    let (product, overflow) = size.multipliedReportingOverflow(by: count)
    return !overflow && product <= limit
  }

  /// How many values `items` hold, nested ones counted (a list repeated inside a list counts
  /// each time it appears: `[[1] * 10**5] * 10**5` holds 10**10), counted no further than
  /// `limit` + 1. Repetition and concatenation are bounded by it, so no later walk over a
  /// value (is it literal, does it hold an unknown) can run past the limit.
  package static func nestedSize(_ items: [PyElement], limit: Int) -> Int {
    var budget = limit + 1
    for item in items where budget > 0 { count(item.value, &budget) }
    return limit + 1 - max(budget, 0)
  }

  private static func count(_ value: PyValue, _ budget: inout Int) {
    budget -= 1
    switch value {
    case .list(let elements), .tuple(let elements):
      for element in elements where budget > 0 { count(element.value, &budget) }
    case .dict(let entries):
      for entry in entries where budget > 0 {
        count(entry.key, &budget)
        count(entry.value, &budget)
      }
    default: break
    }
  }

  /// Applies `compute` to literal operands; dynamic operands yield a dynamic result whose
  /// default is `compute` applied to the operands' defaults.
  package static func lift(_ operands: [PyValue], _ compute: ([PyValue]) -> PyValue) -> PyValue {
    var firstDynamic: DynamicValue?
    for operand in operands {
      switch operand {
      case .unknown: return operand
      case .dynamic(let value): if firstDynamic == nil { firstDynamic = value }
      default: continue
      }
    }
    guard var dynamic = firstDynamic else { return compute(operands) }
    var defaults: [PyValue] = []
    for operand in operands {
      if case .dynamic(let value) = operand {
        guard let fallback = value.defaultValue else {
          defaults = []
          break
        }
        defaults.append(fallback)
      } else {
        defaults.append(operand)
      }
    }
    if defaults.count == operands.count {
      let result = compute(defaults)
      if case .unknown = result {
        dynamic.defaultValue = nil
      } else {
        dynamic.defaultValue = result
      }
    } else {
      dynamic.defaultValue = nil
    }
    dynamic.possibleValues = possibilities(operands, compute)
    return .dynamic(dynamic)
  }

  /// When one operand is a value undecided between a few known branches and the others are
  /// known: the result for each branch (`urlpatterns += [...]` after an undecided loop keeps
  /// the lists it may be). Empty otherwise.
  package static func possibilities(_ operands: [PyValue], _ compute: ([PyValue]) -> PyValue)
    -> [PyValue]
  {
    var undecided: Int?
    for (index, operand) in operands.enumerated() {
      guard case .dynamic(let value) = operand else { continue }
      guard undecided == nil, !value.possibleValues.isEmpty, value.possibleValues.count <= 8
      else { return [] }
      undecided = index
    }
    guard let index = undecided, case .dynamic(let value) = operands[index] else { return [] }
    var results: [PyValue] = []
    for possible in value.possibleValues {
      if case .dynamic = possible { return [] }
      var substituted = operands
      substituted[index] = possible
      let result = compute(substituted)
      if case .unknown = result { return [] }
      if case .dynamic = result { return [] }
      results.append(result)
    }
    return results
  }

  package static func numeric(_ value: PyValue) -> Double? {
    switch value {
    case .int(let number): return Double(number)
    case .float(let number): return number
    case .bool(let flag): return flag ? 1 : 0
    default: return nil
    }
  }

  package static func integer(_ value: PyValue) -> Int? {
    switch value {
    case .int(let number): return number
    case .bool(let flag): return flag ? 1 : 0
    default: return nil
    }
  }

  package static func str(_ value: PyValue) -> PyValue {
    lift([value]) { operands in
      guard let text = operands[0].pythonStr else { return .unknown("str() of a non-literal") }
      return .string(text)
    }
  }

  /// Python `==` on literals; nil when it cannot be decided.
  package static func equal(_ lhs: PyValue, _ rhs: PyValue) -> Bool? {
    if lhs.hasUnknown || rhs.hasUnknown { return nil }
    if let left = numeric(lhs), let right = numeric(rhs) { return left == right }
    switch (lhs, rhs) {
    case (.string(let a), .string(let b)): return a.unicodeScalars.elementsEqual(b.unicodeScalars)
    case (.none, .none): return true
    case (.list(let a), .list(let b)), (.tuple(let a), .tuple(let b)):
      guard a.count == b.count else { return false }
      for (x, y) in zip(a, b) {
        guard let same = equal(x.value, y.value) else { return nil }
        if !same { return false }
      }
      return true
    case (.dict(let a), .dict(let b)):
      guard a.count == b.count else { return false }
      for entry in a {
        guard let match = b.first(where: { equal($0.key, entry.key) == true }) else { return false }
        guard let same = equal(match.value, entry.value) else { return nil }
        if !same { return false }
      }
      return true
    case (.dynamic(let value), .string(let text)), (.string(let text), .dynamic(let value)):
      if let ending = value.textEnding, !text.hasSuffix(ending) { return false }
      return nil
    case (.instanceIP, _), (_, .instanceIP), (.dynamic, _), (_, .dynamic), (.unknown, _),
      (_, .unknown):
      return nil
    default:
      return false
    }
  }

  package static func compareOrder(_ lhs: PyValue, _ rhs: PyValue) -> Int? {
    if let left = numeric(lhs), let right = numeric(rhs) {
      return left < right ? -1 : left > right ? 1 : 0
    }
    if case .string(let a) = lhs, case .string(let b) = rhs {
      if a.unicodeScalars.elementsEqual(b.unicodeScalars) { return 0 }
      return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) { $0.value < $1.value }
        ? -1 : 1
    }
    return nil
  }

  package static func contains(_ container: PyValue, _ item: PyValue) -> Bool? {
    if container.hasUnknown || item.hasUnknown { return nil }
    switch container {
    case .string(let text):
      guard case .string(let needle) = item else { return nil }
      if needle.isEmpty { return true }
      return text.utf8.count >= needle.utf8.count && text.contains(needle)
    case .list(let elements), .tuple(let elements):
      var undecided = false
      for element in elements {
        switch equal(element.value, item) {
        case true?: return true
        case nil: undecided = true
        default: continue
        }
      }
      return undecided ? nil : false
    case .dict(let entries):
      switch item {
      case .list, .dict: return nil  // unhashable: CPython raises TypeError
      default: break
      }
      var undecided = false
      for entry in entries {
        switch equal(entry.key, item) {
        case true?: return true
        case nil: undecided = true
        default: continue
        }
      }
      return undecided ? nil : false
    default:
      return nil
    }
  }

  /// `==` and `in` decided although a value is known only by the end of its text: it never
  /// equals a string that ends otherwise (`'test' in sys.argv` under gunicorn); nil otherwise.
  package static func decidedByEnding(_ op: PyCompareOperator, _ lhs: PyValue, _ rhs: PyValue)
    -> Bool?
  {
    func hasEnding(_ value: PyValue) -> Bool {
      switch value {
      case .dynamic(let dynamic): return dynamic.textEnding != nil
      case .list(let elements), .tuple(let elements):
        return elements.contains { hasEnding($0.value) }
      default: return false
      }
    }
    guard hasEnding(lhs) || hasEnding(rhs) else { return nil }
    switch op {
    case .equal, .notEqual:
      return equal(lhs, rhs).map { op == .equal ? $0 : !$0 }
    case .inOp, .notIn:
      return contains(rhs, lhs).map { op == .inOp ? $0 : !$0 }
    default:
      return nil
    }
  }

  package static func compare(_ op: PyCompareOperator, _ lhs: PyValue, _ rhs: PyValue) -> PyValue {
    switch op {
    case .isOp, .isNot:
      if case .instanceIP = lhs, rhs == .none { return .bool(op == .isNot) }
      switch (lhs, rhs) {
      case (.dynamic, _), (_, .dynamic):
        return lift([lhs, rhs]) { compare(op, $0[0], $0[1]) }
      default: break
      }
      guard lhs.isLiteral && rhs.isLiteral else { return .unknown("identity comparison") }
      let identical: Bool
      switch (lhs, rhs) {
      case (.none, .none): identical = true
      case (.bool(let a), .bool(let b)): identical = a == b
      case (.none, _), (_, .none), (.bool, _), (_, .bool): identical = false
      default: return .unknown("identity comparison")
      }
      return .bool(op == .isOp ? identical : !identical)
    default:
      break
    }
    if case .instanceIP = lhs, rhs == .none { return .bool(op == .notEqual) }
    if let decided = decidedByEnding(op, lhs, rhs) { return .bool(decided) }
    return lift([lhs, rhs]) { operands in
      let (a, b) = (operands[0], operands[1])
      switch op {
      case .equal, .notEqual:
        guard let same = equal(a, b) else { return .unknown("comparison") }
        return .bool(op == .equal ? same : !same)
      case .inOp, .notIn:
        guard let found = contains(b, a) else { return .unknown("membership test") }
        return .bool(op == .inOp ? found : !found)
      case .less, .lessEqual, .greater, .greaterEqual:
        guard let order = compareOrder(a, b) else { return .unknown("ordering comparison") }
        switch op {
        case .less: return .bool(order < 0)
        case .lessEqual: return .bool(order <= 0)
        case .greater: return .bool(order > 0)
        default: return .bool(order >= 0)
        }
      case .isOp, .isNot:
        return .unknown("identity comparison")
      }
    }
  }

  package static func unary(_ op: PyUnaryOperator, _ operand: PyValue) -> PyValue {
    if op == .not, case .instanceIP = operand { return .bool(false) }
    return lift([operand]) { operands in
      let value = operands[0]
      switch op {
      case .not:
        guard let truth = value.truthiness else { return .unknown("truth value") }
        return .bool(!truth)
      case .minus:
        if let number = integer(value) {
          let (negated, overflow) = (0).subtractingReportingOverflow(number)
          return overflow ? .unknown("integer overflow") : .int(negated)
        }
        if case .float(let number) = value { return .float(-number) }
        return .unknown("unary minus")
      case .plus:
        if let number = integer(value) { return .int(number) }
        if case .float = value { return value }
        return .unknown("unary plus")
      case .invert:
        if let number = integer(value) { return .int(~number) }
        return .unknown("bitwise not")
      }
    }
  }

  package static func binary(_ op: PyBinaryOperator, _ lhs: PyValue, _ rhs: PyValue) -> PyValue {
    lift([lhs, rhs]) { operands in literalBinary(op, operands[0], operands[1]) }
  }

  package static func checked(_ result: (Int, Bool)) -> PyValue {
    result.1 ? .unknown("integer overflow") : .int(result.0)
  }

  package static func literalBinary(_ op: PyBinaryOperator, _ lhs: PyValue, _ rhs: PyValue)
    -> PyValue
  {
    if op == .add, case .string(".") = lhs, case .instanceIP(var lookup) = rhs, !lookup.dotPrefixed
    {
      lookup.dotPrefixed = true
      return .instanceIP(lookup)
    }
    if case .instanceIP = lhs { return .unknown("operation on the instance IP") }
    if case .instanceIP = rhs { return .unknown("operation on the instance IP") }
    if case .bool(let a) = lhs, case .bool(let b) = rhs {
      switch op {
      case .bitOr: return .bool(a || b)
      case .bitAnd: return .bool(a && b)
      case .bitXor: return .bool(a != b)
      default: break
      }
    }
    if let a = integer(lhs), let b = integer(rhs) {
      switch op {
      case .add: return checked(a.addingReportingOverflow(b))
      case .subtract: return checked(a.subtractingReportingOverflow(b))
      case .multiply: return checked(a.multipliedReportingOverflow(by: b))
      case .divide: return b == 0 ? .unknown("division by zero") : .float(Double(a) / Double(b))
      case .floorDivide:
        guard b != 0, !(a == Int.min && b == -1) else { return .unknown("division") }
        var quotient = a / b
        if (a % b != 0) && ((a < 0) != (b < 0)) { quotient -= 1 }
        return .int(quotient)
      case .modulo:
        guard b != 0, !(a == Int.min && b == -1) else { return .unknown("modulo") }
        var remainder = a % b
        if remainder != 0 && ((remainder < 0) != (b < 0)) { remainder += b }
        return .int(remainder)
      case .power:
        guard b >= 0 else { return .unknown("negative power") }
        switch a {
        case 0: return .int(b == 0 ? 1 : 0)
        case 1: return .int(1)
        case -1: return .int(b % 2 == 0 ? 1 : -1)
        default:
          guard b < 64 else { return .unknown("integer overflow") }
          var result = 1
          for _ in 0..<b {
            let (next, overflow) = result.multipliedReportingOverflow(by: a)
            if overflow { return .unknown("integer overflow") }
            result = next
          }
          return .int(result)
        }
      case .bitOr: return .int(a | b)
      case .bitAnd: return .int(a & b)
      case .bitXor: return .int(a ^ b)
      case .leftShift:
        guard b >= 0, b < 62, a.magnitude < (1 << (62 - b)) else { return .unknown("shift") }
        return .int(a << b)
      case .rightShift:
        guard b >= 0 else { return .unknown("shift") }
        return .int(b >= 64 ? (a < 0 ? -1 : 0) : a >> b)
      case .matrixMultiply: return .unknown("matrix multiply")
      }
    }
    if let a = numeric(lhs), let b = numeric(rhs) {
      switch op {
      case .add: return .float(a + b)
      case .subtract: return .float(a - b)
      case .multiply: return .float(a * b)
      case .divide: return b == 0 ? .unknown("division by zero") : .float(a / b)
      default: return .unknown("float operation")
      }
    }
    switch (op, lhs, rhs) {
    case (.add, .string(let a), .string(let b)):
      guard a.utf8.count + b.utf8.count <= maximumStringLength else {
        return .unknown("string too long")
      }
      return .string(a + b)
    case (.add, .list(let a), .list(let b)):
      guard nestedSize(a + b, limit: maximumListLength) <= maximumListLength else {
        return .unknown("list too long")
      }
      return .list(a + b)
    case (.add, .tuple(let a), .tuple(let b)):
      guard nestedSize(a + b, limit: maximumListLength) <= maximumListLength else {
        return .unknown("tuple too long")
      }
      return .tuple(a + b)
    case (.multiply, .string(let text), _), (.multiply, _, .string(let text)):
      guard let count = integer(lhs) ?? integer(rhs) else { return .unknown("string repeat") }
      guard count <= 0 || fits(text.utf8.count, times: count, within: maximumStringLength) else {
        return .unknown("string too long")
      }
      return .string(count <= 0 ? "" : String(repeating: text, count: count))
    case (.multiply, .list(let items), _), (.multiply, _, .list(let items)):
      guard let count = integer(lhs) ?? integer(rhs) else { return .unknown("list repeat") }
      let size = nestedSize(items, limit: maximumListLength)
      guard count <= 0 || fits(size, times: count, within: maximumListLength) else {
        return .unknown("list too long")
      }
      return .list(count <= 0 ? [] : Array([[PyElement]](repeating: items, count: count).joined()))
    case (.multiply, .tuple(let items), _), (.multiply, _, .tuple(let items)):
      guard let count = integer(lhs) ?? integer(rhs) else { return .unknown("tuple repeat") }
      let size = nestedSize(items, limit: maximumListLength)
      guard count <= 0 || fits(size, times: count, within: maximumListLength) else {
        return .unknown("tuple too long")
      }
      return .tuple(count <= 0 ? [] : Array([[PyElement]](repeating: items, count: count).joined()))
    case (.modulo, .string(let format), _):
      return percentFormat(format, rhs)
    case (.bitOr, .dict(let a), .dict(let b)):
      return .dict(mergeDict(a, b))
    default:
      return .unknown("unsupported operation \(op.rawValue)")
    }
  }

  /// A hashable spelling of a literal key under Python's equality (`1 == 1.0 == True`).
  package static func canonicalKey(_ value: PyValue) -> String? {
    if let number = numeric(value) { return "n:\(number)" }
    switch value {
    case .string(let text): return "s:" + text
    case .none: return "none"
    case .tuple(let elements):
      var parts: [String] = []
      for element in elements {
        guard let part = canonicalKey(element.value) else { return nil }
        parts.append(part)
      }
      return "t:(" + parts.joined(separator: ",") + ")"
    default: return nil
    }
  }

  package static func mergeDict(_ base: [PyDictEntry], _ extra: [PyDictEntry]) -> [PyDictEntry] {
    var result = base
    var index: [String: Int] = [:]
    for (position, entry) in result.enumerated() {
      if let key = canonicalKey(entry.key) { index[key] = position }
    }
    for entry in extra {
      let key = canonicalKey(entry.key)
      if let key, let position = index[key] {
        result[position].value = entry.value
        result[position].location = entry.location
      } else if key == nil,
        let position = result.firstIndex(where: { equal($0.key, entry.key) == true })
      {
        result[position].value = entry.value
        result[position].location = entry.location
      } else {
        if let key { index[key] = result.count }
        result.append(entry)
      }
    }
    return result
  }

  /// `"%s:%d" % (a, b)` for the `%s`, `%d`, `%i`, `%r` and `%%` conversions.
  package static func percentFormat(_ format: String, _ arguments: PyValue) -> PyValue {
    var values: [PyValue]
    if case .tuple(let elements) = arguments {
      values = elements.map(\.value)
    } else {
      values = [arguments]
    }
    var output = ""
    var iterator = format.unicodeScalars.makeIterator()
    while let scalar = iterator.next() {
      guard scalar == "%" else {
        output.unicodeScalars.append(scalar)
        continue
      }
      guard let conversion = iterator.next() else { return .unknown("format string") }
      if conversion == "%" {
        output += "%"
        continue
      }
      guard !values.isEmpty else { return .unknown("format arguments") }
      let value = values.removeFirst()
      switch conversion {
      case "s":
        guard let text = value.pythonStr else { return .unknown("format argument") }
        output += text
      case "r":
        guard value.isLiteral else { return .unknown("format argument") }
        output += value.pythonRepr
      case "d", "i":
        guard let number = integer(value) else { return .unknown("format argument") }
        output += String(number)
      default:
        return .unknown("format conversion")
      }
    }
    return values.isEmpty ? .string(output) : .unknown("format arguments")
  }

  package static func isPythonWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F,
      0x205F,
      0x3000:
      return true
    default:
      return false
    }
  }

  package static func split(_ text: String, separator: String?, limit: Int = -1) -> [String]? {
    guard let separator else {
      var parts: [String] = []
      var current = String.UnicodeScalarView()
      var splits = 0
      var scalars = Array(text.unicodeScalars)
      var index = 0
      while index < scalars.count && isPythonWhitespace(scalars[index]) { index += 1 }
      while index < scalars.count {
        if isPythonWhitespace(scalars[index]) && (limit < 0 || splits < limit) {
          parts.append(String(current))
          current = String.UnicodeScalarView()
          splits += 1
          while index < scalars.count && isPythonWhitespace(scalars[index]) { index += 1 }
          continue
        }
        current.append(scalars[index])
        index += 1
      }
      if limit >= 0 && splits >= limit {
        // Python strips trailing whitespace only from the unsplit remainder's end when limited.
        while let last = current.last, isPythonWhitespace(last) { current.removeLast() }
      }
      if !current.isEmpty { parts.append(String(current)) }
      scalars.removeAll()
      return parts
    }
    guard !separator.isEmpty else { return nil }
    let source = Array(text.utf8)
    let pattern = Array(separator.utf8)
    var parts: [String] = []
    var start = 0
    var index = 0
    while index + pattern.count <= source.count {
      if (limit < 0 || parts.count < limit)
        && source[index..<index + pattern.count].elementsEqual(pattern)
      {
        parts.append(String(decoding: source[start..<index], as: UTF8.self))
        index += pattern.count
        start = index
      } else {
        index += 1
      }
    }
    parts.append(String(decoding: source[start...], as: UTF8.self))
    return parts
  }

  package static func strip(_ text: String, characters: String?, leading: Bool, trailing: Bool)
    -> String
  {
    let set = characters.map { Set($0.unicodeScalars) }
    let remove: (Unicode.Scalar) -> Bool = { scalar in
      if let set { return set.contains(scalar) }
      return isPythonWhitespace(scalar)
    }
    var scalars = Substring(text).unicodeScalars[...]
    if leading { while let first = scalars.first, remove(first) { scalars.removeFirst() } }
    if trailing { while let last = scalars.last, remove(last) { scalars.removeLast() } }
    return String(String.UnicodeScalarView(scalars))
  }

  package static func isASCII(_ text: String) -> Bool { text.utf8.allSatisfy { $0 < 0x80 } }

  /// Methods of `str` that do not mutate; nil when the method is not modelled.
  package static func stringMethod(
    _ text: String, _ name: String, _ arguments: [PyValue], keywords: [String: PyValue]
  )
    -> PyValue?
  {
    func argument(_ index: Int, _ keyword: String) -> PyValue? {
      index < arguments.count ? arguments[index] : keywords[keyword]
    }
    switch name {
    case "split", "rsplit":
      let separatorValue = argument(0, "sep")
      var separator: String?
      if let separatorValue, separatorValue != .none {
        guard case .string(let value) = separatorValue else { return .unknown("split separator") }
        separator = value
      }
      var limit = -1
      if let limitValue = argument(1, "maxsplit") {
        guard let value = integer(limitValue) else { return .unknown("split limit") }
        limit = value
      }
      if name == "rsplit" && limit >= 0 { return .unknown("rsplit with a limit") }
      guard let parts = split(text, separator: separator, limit: limit) else {
        return .unknown("empty separator")
      }
      return .list(parts.map { PyElement(.string($0)) })
    case "strip", "lstrip", "rstrip":
      var characters: String?
      if let value = argument(0, "chars"), value != .none {
        guard case .string(let chars) = value else { return .unknown("strip characters") }
        characters = chars
      }
      return .string(
        strip(text, characters: characters, leading: name != "rstrip", trailing: name != "lstrip"))
    case "lower", "upper", "casefold", "title", "capitalize", "swapcase":
      guard isASCII(text) else { return .unknown("case mapping of non-ASCII text") }
      switch name {
      case "lower", "casefold": return .string(text.lowercased())
      case "upper": return .string(text.uppercased())
      default: return nil
      }
    case "replace":
      guard case .string(let old)? = argument(0, "old"),
        case .string(let new)? = argument(1, "new"),
        arguments.count <= 2
      else { return .unknown("replace arguments") }
      if old.isEmpty { return .unknown("replace of an empty string") }
      guard let parts = split(text, separator: old) else { return .unknown("replace") }
      return .string(parts.joined(separator: new))
    case "startswith", "endswith":
      guard arguments.count == 1 else { return .unknown("\(name) arguments") }
      var candidates: [String] = []
      switch arguments[0] {
      case .string(let value): candidates = [value]
      case .tuple(let elements):
        for element in elements {
          guard case .string(let value) = element.value else {
            return .unknown("\(name) arguments")
          }
          candidates.append(value)
        }
      default: return .unknown("\(name) arguments")
      }
      let bytes = Array(text.utf8)
      let found = candidates.contains { candidate in
        let pattern = Array(candidate.utf8)
        guard pattern.count <= bytes.count else { return false }
        return name == "startswith"
          ? bytes[0..<pattern.count].elementsEqual(pattern)
          : bytes[(bytes.count - pattern.count)...].elementsEqual(pattern)
      }
      return .bool(found)
    case "join":
      guard arguments.count == 1, let elements = iterate(arguments[0]) else {
        return .unknown("join argument")
      }
      var parts: [String] = []
      for element in elements {
        guard case .string(let value) = element.value else {
          return .unknown("join of non-strings")
        }
        parts.append(value)
      }
      return .string(parts.joined(separator: text))
    case "format":
      return format(text, arguments, keywords)
    case "isdigit":
      guard isASCII(text) else { return .unknown("isdigit of non-ASCII text") }
      return .bool(!text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 })
    default:
      return nil
    }
  }

  /// `str.format` with `{}`, `{0}` and `{name}` fields only.
  package static func format(
    _ template: String, _ arguments: [PyValue], _ keywords: [String: PyValue]
  )
    -> PyValue
  {
    var output = ""
    var automatic = 0
    let scalars = Array(template.unicodeScalars)
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      if scalar == "{" {
        if index + 1 < scalars.count && scalars[index + 1] == "{" {
          output += "{"
          index += 2
          continue
        }
        guard let close = scalars[index...].firstIndex(of: "}") else {
          return .unknown("format string")
        }
        let field = String(String.UnicodeScalarView(scalars[(index + 1)..<close]))
        let value: PyValue?
        if field.isEmpty {
          value = automatic < arguments.count ? arguments[automatic] : nil
          automatic += 1
        } else if let position = Int(field) {
          value = position < arguments.count ? arguments[position] : nil
        } else if field.unicodeScalars.allSatisfy({ $0.properties.isXIDContinue }) {
          value = keywords[field]
        } else {
          return .unknown("format field")
        }
        guard let text = value?.pythonStr else { return .unknown("format argument") }
        output += text
        index = close + 1
      } else if scalar == "}" {
        guard index + 1 < scalars.count && scalars[index + 1] == "}" else {
          return .unknown("format string")
        }
        output += "}"
        index += 2
      } else {
        output.unicodeScalars.append(scalar)
        index += 1
      }
    }
    return .string(output)
  }

  /// The elements of an iterable literal (a string yields its characters, a dict its keys).
  package static func iterate(_ value: PyValue) -> [PyElement]? {
    switch value {
    case .list(let elements), .tuple(let elements): return elements
    case .string(let text):
      guard text.unicodeScalars.count <= maximumListLength else { return nil }
      return text.unicodeScalars.map { PyElement(.string(String($0))) }
    case .dict(let entries):
      guard !value.hasUnknown else { return nil }
      return entries.map { PyElement($0.key, $0.location) }
    default: return nil
    }
  }

  package static func subscriptValue(_ container: PyValue, _ index: PyValue) -> PyValue {
    switch (container, index) {
    case (.list(let elements), _), (.tuple(let elements), _):
      guard let position = integer(index) else { return .unknown("index") }
      let resolved = position < 0 ? elements.count + position : position
      guard resolved >= 0 && resolved < elements.count else {
        return .unknown("index out of range")
      }
      return elements[resolved].value
    case (.string(let text), _):
      guard let position = integer(index) else { return .unknown("index") }
      let scalars = Array(text.unicodeScalars)
      let resolved = position < 0 ? scalars.count + position : position
      guard resolved >= 0 && resolved < scalars.count else { return .unknown("index out of range") }
      return .string(String(scalars[resolved]))
    case (.dict(let entries), _):
      for entry in entries {
        switch equal(entry.key, index) {
        case true?: return entry.value
        case nil: return .unknown("dict key")
        default: continue
        }
      }
      return .unknown("missing key \(index.pythonRepr)")
    default:
      return .unknown("subscript")
    }
  }

  package static func slice(_ container: PyValue, lower: PyValue?, upper: PyValue?, step: PyValue?)
    -> PyValue
  {
    func bound(_ value: PyValue?) -> Int?? {
      guard let value, value != .none else { return .some(nil) }
      guard let number = integer(value) else { return nil }
      return .some(number)
    }
    guard let lowerBound = bound(lower), let upperBound = bound(upper), let stepValue = bound(step),
      stepValue == nil || stepValue == 1
    else { return .unknown("slice") }
    func clamp(_ value: Int?, _ count: Int, _ fallback: Int) -> Int {
      guard var value else { return fallback }
      if value < 0 { value += count }
      return max(0, min(count, value))
    }
    switch container {
    case .list(let elements), .tuple(let elements):
      let start = clamp(lowerBound, elements.count, 0)
      let end = max(start, clamp(upperBound, elements.count, elements.count))
      let part = Array(elements[start..<end])
      if case .list = container { return .list(part) }
      return .tuple(part)
    case .string(let text):
      let scalars = Array(text.unicodeScalars)
      let start = clamp(lowerBound, scalars.count, 0)
      let end = max(start, clamp(upperBound, scalars.count, scalars.count))
      return .string(String(String.UnicodeScalarView(scalars[start..<end])))
    default:
      return .unknown("slice")
    }
  }

  /// Python `int(text)`.
  package static func parseInt(_ text: String) -> Int? {
    var trimmed = strip(text, characters: nil, leading: true, trailing: true)
    guard !trimmed.hasPrefix("_"), !trimmed.hasSuffix("_"), !trimmed.contains("__") else {
      return nil
    }
    trimmed.removeAll { $0 == "_" }
    guard isASCII(trimmed) else { return nil }
    return Int(trimmed)
  }

  package static func parseFloat(_ text: String) -> Double? {
    let trimmed = strip(text, characters: nil, leading: true, trailing: true)
    guard isASCII(trimmed), !trimmed.contains("_"), !trimmed.isEmpty else { return nil }
    let lowered = trimmed.lowercased()
    if ["inf", "+inf", "-inf", "infinity", "nan"].contains(lowered) { return nil }
    return Double(trimmed)
  }

  /// A JSON object of string values, keys sorted (what `get-config environment` prints).
  package static func jsonObject(_ values: [String: String]) -> String {
    let members = values.keys.sorted().map { key in
      quoteJSON(key) + ": " + quoteJSON(values[key]!)
    }
    return "{" + members.joined(separator: ", ") + "}"
  }

  package static func quoteJSON(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      default:
        if scalar.value < 0x20 {
          out += "\\u00" + (scalar.value < 16 ? "0" : "") + String(scalar.value, radix: 16)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  /// `json.loads` of a literal string, through the span-keeping JSON reader.
  package static func parseJSON(_ text: String) -> PyValue? {
    let file = SourceFile(path: "<json>", text: text)
    let read = JSONReader.read(file)
    guard !read.failed, let root = read.root else { return nil }
    return pyValue(root)
  }

  package static func pyValue(_ node: YAMLNode) -> PyValue? {
    switch node.kind {
    case .scalar(let text, let style):
      if style != .plain { return .string(text) }
      switch node.resolved {
      case .null?: return PyValue.none
      case .bool(let flag)?: return .bool(flag)
      case .int(let digits)?: return Int(digits).map(PyValue.int)
      case .float(let digits)?: return Double(digits).map(PyValue.float)
      case .string(let value)?: return .string(value)
      case nil: return nil
      }
    case .sequence(let items):
      let values = items.compactMap(pyValue)
      return values.count == items.count ? .list(values.map { PyElement($0) }) : nil
    case .mapping(let pairs):
      var entries: [PyDictEntry] = []
      for pair in pairs {
        guard let key = pair.key.scalar, let value = pyValue(pair.value) else { return nil }
        entries.append(PyDictEntry(key: .string(key), value: value))
      }
      return .dict(entries)
    case .alias:
      return nil
    }
  }

  /// `urllib.parse.urlparse(url)`'s attributes the settings read, each lifted over a dynamic
  /// URL (an environment variable's default gives the default's parts).
  package static func urlParts(_ url: PyValue) -> [String: PyValue] {
    var fields: [String: PyValue] = [:]
    for name in ["scheme", "netloc", "hostname", "path", "port"] {
      fields[name] = lift([url]) { operands in
        guard let text = operands[0].stringValue else {
          return .unknown("urlparse of a non-string")
        }
        return urlPart(name, of: text)
      }
    }
    return fields
  }

  package static func urlPart(_ name: String, of url: String) -> PyValue {
    var rest = Substring(url)
    var scheme = ""
    if let colon = rest.firstIndex(of: ":"),
      rest[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }),
      rest[..<colon].first?.isLetter == true
    {
      scheme = rest[..<colon].lowercased()
      rest = rest[rest.index(after: colon)...]
    }
    var netloc = ""
    if rest.hasPrefix("//") {
      rest = rest.dropFirst(2)
      let end = rest.firstIndex { "/?#".contains($0) } ?? rest.endIndex
      netloc = String(rest[..<end])
      rest = rest[end...]
    }
    let pathEnd = rest.firstIndex { "?#".contains($0) } ?? rest.endIndex
    let hostAndPort = netloc.split(separator: "@").last.map(String.init) ?? ""
    var host = hostAndPort
    var port: PyValue = .none
    if host.hasPrefix("[") {
      if let close = host.firstIndex(of: "]") {
        let after = host[host.index(after: close)...]
        if after.hasPrefix(":"), let number = Int(after.dropFirst()) { port = .int(number) }
        host = String(host[host.index(after: host.startIndex)..<close])
      }
    } else if let colon = host.lastIndex(of: ":") {
      let digits = host[host.index(after: colon)...]
      if !digits.isEmpty {
        guard let number = Int(digits) else { return .unknown("urlparse port") }
        port = .int(number)
      }
      host = String(host[..<colon])
    }
    switch name {
    case "scheme": return .string(scheme)
    case "netloc": return .string(netloc)
    case "hostname": return host.isEmpty ? .none : .string(host.lowercased())
    case "path": return .string(String(rest[..<pathEnd]))
    default: return port
    }
  }
}
