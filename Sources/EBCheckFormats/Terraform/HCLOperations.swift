/// Operators over evaluated values; an unknown operand makes the result unknown.
enum HCLOperations {
  static func unary(_ op: HCLUnaryOperator, _ operand: HCLValue) -> HCLValue {
    if operand.isUnknown { return operand }
    switch (op, operand.kind) {
    case (.not, .bool(let flag)): return HCLValue(.bool(!flag))
    case (.negate, .number(let number)): return HCLValue(.number(-number))
    case (.negate, .string(let text)):
      guard let number = Double(text) else { break }
      return HCLValue(.number(-number))
    default: break
    }
    return .unknown("'\(op.rawValue)' does not apply to a \(operand.typeName)")
  }

  static func binary(_ op: HCLBinaryOperator, _ left: HCLValue, _ right: HCLValue) -> HCLValue {
    if let reason = left.unknownReason ?? right.unknownReason { return .unknown(reason) }
    switch op {
    case .equal: return HCLValue(.bool(same(left, right)))
    case .notEqual: return HCLValue(.bool(!same(left, right)))
    case .and, .or:
      guard case .bool(let a) = left.kind, case .bool(let b) = right.kind else {
        return .unknown("'\(op.rawValue)' needs two bools")
      }
      return HCLValue(.bool(op == .and ? a && b : a || b))
    default:
      guard let a = number(left), let b = number(right) else {
        return .unknown("'\(op.rawValue)' needs two numbers")
      }
      switch op {
      case .less: return HCLValue(.bool(a < b))
      case .greater: return HCLValue(.bool(a > b))
      case .lessOrEqual: return HCLValue(.bool(a <= b))
      case .greaterOrEqual: return HCLValue(.bool(a >= b))
      case .add: return HCLValue(.number(a + b))
      case .subtract: return HCLValue(.number(a - b))
      case .multiply: return HCLValue(.number(a * b))
      case .divide:
        return b == 0 ? .unknown("division by zero") : HCLValue(.number(a / b))
      case .modulo:
        return b == 0
          ? .unknown("modulo by zero") : HCLValue(.number(a.truncatingRemainder(dividingBy: b)))
      default: return .unknown("unsupported operator")
      }
    }
  }

  /// Terraform converts a numeric string to a number where a number is expected.
  static func number(_ value: HCLValue) -> Double? {
    switch value.kind {
    case .number(let number): number
    case .string(let text): Double(text)
    default: nil
    }
  }

  /// Equality ignoring where values were written.
  static func same(_ left: HCLValue, _ right: HCLValue) -> Bool {
    switch (left.kind, right.kind) {
    case (.tuple(let a), .tuple(let b)):
      return a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
    case (.object(let a), .object(let b)):
      return a.count == b.count
        && a.allSatisfy { entry in b.contains { $0.key == entry.key && same($0.value, entry.value) }
        }
    default:
      return left.kind == right.kind
    }
  }

  static func index(_ collection: HCLValue, _ key: HCLValue) -> HCLValue {
    if let reason = collection.unknownReason ?? key.unknownReason { return .unknown(reason) }
    switch collection.kind {
    case .tuple(let items):
      guard let number = number(key), number == number.rounded(), number >= 0,
        Int(number) < items.count
      else { return .unknown("index \(key.settingText ?? "?") is outside the list") }
      return items[Int(number)]
    case .object:
      guard let text = key.settingText, let value = collection[text] else {
        return .unknown("the map has no key \(key.settingText ?? "?")")
      }
      return value
    default:
      return .unknown("a \(collection.typeName) cannot be indexed")
    }
  }
}
