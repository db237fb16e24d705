import EBCheckCore

/// Where a settings file asks the instance for its private IP (IMDS or a hostname lookup).
public struct InstanceIPLookup: Sendable, Hashable {
  public enum Method: String, Sendable, Hashable {
    /// An HTTP request to the instance metadata service (169.254.169.254 / instance-data).
    case imds
    /// `socket.gethostbyname(socket.gethostname())` and friends.
    case socket
  }

  public var method: Method
  /// Whether the request carries an IMDSv2 session token (always false for `socket`).
  public var usesToken: Bool
  /// The call that fetches the IP (the GET to `local-ipv4`, or `gethostbyname`).
  public var location: Location
  /// The module-level statement whose evaluation reached the lookup (e.g. `IP = get_ip()`),
  /// when the lookup sits inside a function.
  public var callSite: Location?
  /// `"." + ip`: the IP as an `ALLOWED_HOSTS` domain pattern, which Django matches against
  /// the IP itself as well as names below it (`validate_host`).
  public var dotPrefixed = false

  public init(method: Method, usesToken: Bool, location: Location, callSite: Location? = nil) {
    self.method = method
    self.usesToken = usesToken
    self.location = location
    self.callSite = callSite
  }
}

/// A value that exists only at run time: an environment variable, a network or file read.
public struct DynamicValue: Sendable, Hashable {
  public var reason: String
  /// The environment variable the value comes from, when there is one.
  public var envVar: String?
  /// What the value is when the environment variable is unset (the default, after the
  /// same operations), when known.
  public var defaultValue: PyValue?
  /// Values the setting can take, when it depends on a condition whose branches are known.
  public var possibleValues: [PyValue]
  public var location: Location
  /// `socket.gethostname()`/`getfqdn()`: the instance's (or container's) host name, whose
  /// text is not known but is never a dotted IP address.
  public var isInstanceHostname = false
  /// What the text ends with when only its end is known (a program's path ends with `/`
  /// and its name): it never equals a string with another ending.
  public var textEnding: String?

  public init(
    reason: String, envVar: String? = nil, defaultValue: PyValue? = nil,
    possibleValues: [PyValue] = [], location: Location
  ) {
    self.reason = reason
    self.envVar = envVar
    self.defaultValue = defaultValue
    self.possibleValues = possibleValues
    self.location = location
  }
}

/// A library object kept as data: `kind` names it (`URLPattern`), `fields` hold what it
/// was built from, `location` is the call that built it.
public struct LibraryObject: Sendable, Hashable {
  public var kind: String
  public var fields: [String: PyValue]
  public var location: Location

  public init(kind: String, fields: [String: PyValue], location: Location) {
    self.kind = kind
    self.fields = fields
    self.location = location
  }

  public subscript(field: String) -> PyValue? { fields[field] }
}

/// One element of a list or tuple with the span of the expression that produced it.
public struct PyElement: Sendable, Hashable {
  public var value: PyValue
  public var location: Location?

  public init(_ value: PyValue, _ location: Location? = nil) {
    self.value = value
    self.location = location
  }
}

public struct PyDictEntry: Sendable, Hashable {
  public var key: PyValue
  public var value: PyValue
  public var location: Location?

  public init(key: PyValue, value: PyValue, location: Location? = nil) {
    self.key = key
    self.value = value
    self.location = location
  }
}

/// The evaluator's view of a Python value: a literal, the instance-IP symbol, something
/// only known at run time (`dynamic`), or something the evaluator cannot compute (`unknown`).
public indirect enum PyValue: Sendable, Hashable {
  case string(String)
  case int(Int)
  case float(Double)
  case bool(Bool)
  case none
  case list([PyElement])
  case tuple([PyElement])
  case dict([PyDictEntry])
  case instanceIP(InstanceIPLookup)
  case dynamic(DynamicValue)
  case unknown(String)
  /// An object of the modelled library that code keeps in containers (a URL pattern in
  /// `urlpatterns`): its kind, the values it was built from, and the call that built it.
  case libraryObject(LibraryObject)

  /// True when the value and everything inside it is a plain literal.
  public var isLiteral: Bool {
    switch self {
    case .string, .int, .float, .bool, .none: return true
    case .list(let elements), .tuple(let elements):
      return elements.allSatisfy { $0.value.isLiteral }
    case .dict(let entries): return entries.allSatisfy { $0.key.isLiteral && $0.value.isLiteral }
    case .instanceIP, .dynamic, .unknown, .libraryObject: return false
    }
  }

  public var stringValue: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  public var boolValue: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  /// Elements of a list or tuple.
  public var elements: [PyElement]? {
    switch self {
    case .list(let elements), .tuple(let elements): return elements
    default: return nil
    }
  }

  /// Python truthiness when it is known. The instance IP counts as truthy: the code that
  /// fetched it is assumed to succeed (rules judge separately whether it can).
  public var truthiness: Bool? {
    switch self {
    case .string(let value): return !value.isEmpty
    case .int(let value): return value != 0
    case .float(let value): return value != 0
    case .bool(let value): return value
    case .none: return false
    case .list(let elements), .tuple(let elements):
      // A container built from something unknown may never have existed (CPython raised).
      return hasUnknown ? nil : !elements.isEmpty
    case .dict(let entries): return hasUnknown ? nil : !entries.isEmpty
    case .instanceIP, .libraryObject: return true
    case .dynamic, .unknown: return nil
    }
  }

  /// Whether containers nest deeper than `limit` (deeper values are not built: they would
  /// only come from hostile input and would strain recursive algorithms).
  public func nestsDeeper(than limit: Int) -> Bool {
    guard limit >= 0 else { return true }
    switch self {
    case .list(let elements), .tuple(let elements):
      return elements.contains { $0.value.nestsDeeper(than: limit - 1) }
    case .dict(let entries):
      return entries.contains {
        $0.key.nestsDeeper(than: limit - 1) || $0.value.nestsDeeper(than: limit - 1)
      }
    default:
      return false
    }
  }

  /// Whether an `.unknown` sits anywhere inside the value.
  public var hasUnknown: Bool {
    switch self {
    case .unknown: return true
    case .list(let elements), .tuple(let elements): return elements.contains { $0.value.hasUnknown }
    case .dict(let entries): return entries.contains { $0.key.hasUnknown || $0.value.hasUnknown }
    default: return false
    }
  }

  /// Equality of values ignoring where they came from.
  public func sameValue(as other: PyValue) -> Bool {
    switch (self, other) {
    case (.list(let a), .list(let b)), (.tuple(let a), .tuple(let b)):
      return a.count == b.count && zip(a, b).allSatisfy { $0.value.sameValue(as: $1.value) }
    case (.dict(let a), .dict(let b)):
      return a.count == b.count
        && zip(a, b).allSatisfy { $0.key.sameValue(as: $1.key) && $0.value.sameValue(as: $1.value) }
    case (.instanceIP(let a), .instanceIP(let b)):
      return a.method == b.method && a.usesToken == b.usesToken && a.location == b.location
        && a.dotPrefixed == b.dotPrefixed
    case (.dynamic(let a), .dynamic(let b)):
      return a.reason == b.reason && a.envVar == b.envVar && a.location == b.location
    default:
      return self == other
    }
  }

  /// Python's `repr()` of a literal (used for messages and `str()` of containers).
  public var pythonRepr: String {
    switch self {
    case .string(let value): return PyValue.quote(value)
    case .int(let value): return String(value)
    case .float(let value): return PyValue.formatFloat(value)
    case .bool(let value): return value ? "True" : "False"
    case .none: return "None"
    case .list(let elements):
      return "[" + elements.map(\.value.pythonRepr).joined(separator: ", ") + "]"
    case .tuple(let elements):
      if elements.count == 1 { return "(" + elements[0].value.pythonRepr + ",)" }
      return "(" + elements.map(\.value.pythonRepr).joined(separator: ", ") + ")"
    case .dict(let entries):
      return "{"
        + entries.map { $0.key.pythonRepr + ": " + $0.value.pythonRepr }.joined(separator: ", ")
        + "}"
    case .instanceIP(let lookup): return (lookup.dotPrefixed ? "." : "") + "<instance-private-ip>"
    case .dynamic(let value): return "<dynamic: \(value.reason)>"
    case .unknown(let reason): return "<unknown: \(reason)>"
    case .libraryObject(let object):
      // A class kept in a list (`[IsAuthenticated]`) by its qualified name, as Python prints it.
      if let qualified = heldClassName { return "<class '\(qualified)'>" }
      return "<\(object.kind) object>"
    }
  }

  /// Python's `str()` of a literal, nil when it cannot be known.
  public var pythonStr: String? {
    switch self {
    case .string(let value): return value
    case .instanceIP, .dynamic, .unknown, .libraryObject: return nil
    default: return isLiteral ? pythonRepr : nil
    }
  }

  package static func formatFloat(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
    if value == value.rounded() && abs(value) < 1e16 {
      return String(Int(value)) + ".0"
    }
    return value.description
  }

  package static func quote(_ value: String) -> String {
    let useDouble = value.contains("'") && !value.contains("\"")
    let quoteCharacter: Character = useDouble ? "\"" : "'"
    var result = String(quoteCharacter)
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      default:
        if Character(scalar) == quoteCharacter {
          result += "\\" + String(quoteCharacter)
        } else if scalar.value < 0x20 || scalar.value == 0x7F {
          result += "\\x" + (scalar.value < 16 ? "0" : "") + String(scalar.value, radix: 16)
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    result.append(quoteCharacter)
    return result
  }
}

/// The final value of one setting and where it came from.
public struct SettingValue: Sendable, Hashable {
  public var value: PyValue
  /// The assignment statement that set the final value.
  public var location: Location
  /// The expression of that assignment.
  public var valueLocation: Location
  /// Every `+=`, `.append`, `.extend`, `.insert` and concatenation that contributed.
  public var contributions: [Location]

  public init(
    value: PyValue, location: Location, valueLocation: Location, contributions: [Location] = []
  ) {
    self.value = value
    self.location = location
    self.valueLocation = valueLocation
    self.contributions = contributions
  }
}

/// Why a name holds `os.environ`: it was bound in the branch of a test that variables the
/// environment supplies decided (`if environ.get('READ_FROM_ENV'): config = environ`), so
/// reads through it happen only while they keep those values.
public struct EnvProvenance: Sendable, Hashable {
  /// The variables the test read.
  public var variables: [String]
  /// The test.
  public var location: Location
  /// Whether the test was true (the `if` branch) or false (the `else`).
  public var outcome: Bool

  public init(variables: [String], location: Location, outcome: Bool) {
    self.variables = variables
    self.location = location
    self.outcome = outcome
  }
}

/// One read of an environment variable by the settings.
public struct EnvRead: Sendable, Hashable {
  public var name: String
  /// The default used when the variable is unset; nil when the read has none (it fails or
  /// returns None, depending on the helper).
  public var defaultValue: PyValue?
  public var location: Location
  /// `os.environ[]`, `os.environ.get`, `os.getenv`, `environ.Env`, `env.list`, `decouple.config`…
  public var helper: String
  /// When the read sits inside a function (`get_env_variable("X")`), the module-level
  /// statement that called it.
  public var callSite: Location?
  /// True when the read runs only in a branch of a condition the evaluator cannot decide
  /// (`if 'RDS_HOSTNAME' in os.environ:`): it happens only when that condition holds.
  public var underCondition: Bool
  /// Where the read goes through a name bound to `os.environ` under a decided test: that
  /// test, which must keep its outcome for the read to happen.
  public var provenance: EnvProvenance?

  public init(
    name: String, defaultValue: PyValue?, location: Location, helper: String,
    callSite: Location? = nil, underCondition: Bool = false
  ) {
    self.name = name
    self.defaultValue = defaultValue
    self.location = location
    self.helper = helper
    self.callSite = callSite
    self.underCondition = underCondition
  }
}

/// Where the settings test an environment variable against values (`DJANGO_ENV ==
/// 'production'`, `if os.environ.get('USE_S3'):`): the values that decide which code runs.
public struct EnvCondition: Sendable, Hashable {
  public var name: String
  /// The values the code compares the variable with, as the environment would spell them;
  /// a bare truth test records `"1"` (some non-empty value).
  public var values: [String]
  /// The test that reads the variable.
  public var location: Location
  /// A bare truth test (`if os.environ.get('USE_S3'):`), not a comparison.
  public var isTruthTest: Bool

  public init(name: String, values: [String], location: Location, isTruthTest: Bool = false) {
    self.name = name
    self.values = values
    self.location = location
    self.isTruthTest = isTruthTest
  }
}

/// Why evaluation of a module stopped early (an exception CPython would raise at import).
public struct EvaluationFailure: Sendable, Hashable {
  public var message: String
  public var location: Location
  /// The exception the module's code raised, when it raised one.
  public var exception: String? = nil
}

/// A Django settings module after symbolic evaluation.
public struct EvaluatedSettings: Sendable, Hashable {
  /// Dotted module name, e.g. `mysite.settings.production`.
  public var module: String
  public var file: String
  /// UPPERCASE names only, like `django.conf.settings`.
  public var values: [String: SettingValue]
  public var envReads: [EnvRead]
  /// Tests on environment variables that decide which branch runs (recorded when the
  /// evaluator leaves unset variables dynamic).
  public var envConditions: [EnvCondition] = []
  public var instanceIPLookups: [InstanceIPLookup]
  /// Parse errors (P001) of every file the evaluation read.
  public var diagnostics: [Diagnostic]
  /// Files read to evaluate the module (the module, its star imports, helpers).
  public var filesRead: [String]
  public var failure: EvaluationFailure?
  /// Set when the module wrote settings under names ebcheck cannot read: the values are
  /// those the repository's own lines give, true unless the open writes set a setting no
  /// later line assigns (a condition of every answer that reads it).
  public var openNamespace: OpenNamespace?

  public subscript(name: String) -> SettingValue? { values[name] }
}

/// Writes to a settings module under names ebcheck cannot read (`setattr(module, key,
/// value)` over a file outside the repository): what the settings are unless those writes
/// set a name.
public struct OpenNamespace: Sendable, Hashable {
  /// `setattr at config/settings/base.py:68 (called at config/settings/production.py:4)`.
  public var writer: String
  /// Where the written names come from (`contents of .secrets/production.json, read at run
  /// time`), when known.
  public var source: String?
  public var location: Location
  /// Settings assigned by a line after the last open write: their values are the line's.
  public var assignedAfter: Set<String>
  /// Settings read while open before being assigned (`MIDDLEWARE += [...]`): the assigned
  /// value builds on what the writes may have set.
  public var readWhileOpen: Set<String>

  public init(
    writer: String, source: String?, location: Location, assignedAfter: Set<String> = [],
    readWhileOpen: Set<String> = []
  ) {
    self.writer = writer
    self.source = source
    self.location = location
    self.assignedAfter = assignedAfter
    self.readWhileOpen = readWhileOpen
  }

  /// The names among `names` the open writes could still decide, in their order.
  public func openNames(among names: [String]) -> [String] {
    names.filter { !assignedAfter.contains($0) || readWhileOpen.contains($0) }
  }

  /// `what setattr at base.py:68 writes (names from: value read from a JSON file)`.
  public var description: String {
    "what \(writer) writes" + (source.map { " (names from: \($0))" } ?? "")
  }
}
