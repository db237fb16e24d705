import EBCheckCore

/// The hypervisor under an EC2 instance, which decides whether `/sys/hypervisor/uuid` exists
/// (facts.md §5): Xen-based instance types have it, its text starting with `ec2`; Nitro-based
/// types do not. Settings that test it before asking IMDS for the IP answer differently on
/// each family, so the simulation evaluates them once per family.
package enum InstanceHypervisor: String, Sendable, Hashable, CaseIterable {
  case xen
  case nitro

  /// The instance type families built on Xen (facts.md §5, AWS's list of instances built on
  /// the Nitro System and of previous-generation types): every other current family is Nitro.
  package static let xenFamilies: Set<String> = [
    "t1", "t2", "m1", "m2", "m3", "m4", "c1", "c3", "c4", "r3", "r4", "x1", "x1e", "i2", "i3",
    "d2", "g2", "g3", "g3s", "p2", "p3", "f1", "h1", "cc2", "cr1", "hs1",
  ]

  /// The hypervisor of an instance type (`t2.micro` → xen, `t3.small` → nitro, any
  /// `.metal` size → nitro); nil when the text is not an instance type.
  package init?(instanceType: String) {
    let text = instanceType.filter { $0 != " " && $0 != "\t" }.lowercased()
    guard let dot = text.firstIndex(of: "."), dot != text.startIndex else { return nil }
    let family = String(text[..<dot])
    let size = String(text[text.index(after: dot)...])
    guard !size.isEmpty, family.first?.isLetter == true,
      family.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" })
    else { return nil }
    self = Self.xenFamilies.contains(family) && size != "metal" ? .xen : .nitro
  }

  /// The condition an answer on this family holds under.
  package var condition: String {
    switch self {
    case .xen: "on a Xen-based instance type (t2, m4, c4, …: /sys/hypervisor/uuid starts with ec2)"
    case .nitro: "on a Nitro-based instance type (t3, m5, c5, …: no /sys/hypervisor/uuid)"
    }
  }

  /// Whether `path` is a file of `/sys/hypervisor` ebcheck models.
  package static func isInstancePath(_ path: String) -> Bool {
    let normalized = DeployedFiles.normalized(path)
    return normalized == "/sys/hypervisor" || normalized.hasPrefix("/sys/hypervisor/")
  }

  /// `os.path.exists/isfile/isdir` of a `/sys/hypervisor` path on this family: on Xen the
  /// folder and its `uuid` file exist (other names in it are not known); on Nitro none does.
  package func test(_ path: String, accepting kinds: Set<DeployedFiles.Entry>) -> PyValue {
    let normalized = DeployedFiles.normalized(path)
    switch self {
    case .nitro:
      return .bool(false)
    case .xen:
      if normalized == "/sys/hypervisor" { return .bool(kinds.contains(.folder)) }
      if normalized == "/sys/hypervisor/uuid" { return .bool(kinds.contains(.file)) }
      return .unknown("\(normalized) on a Xen-based instance")
    }
  }
}

/// `open("/sys/hypervisor/uuid")` on a Xen-based instance: reading it gives the instance's
/// UUID, whose text ebcheck knows only to start with `ec2`.
package final class HypervisorUUIDFile: PyNativeObject {
  package init() {}

  package var typeName: String { "TextIOWrapper" }

  package func callMethod(
    _ name: String, _ arguments: Arguments, at location: Location,
    _ interpreter: inout PyInterpreter
  ) -> RValue? {
    switch name {
    case "read", "readline": return .native(HypervisorUUIDText())
    case "close": return .data(.none)
    case "__enter__": return .native(self)
    default: return nil
    }
  }
}

/// The text of `/sys/hypervisor/uuid` on a Xen-based instance: a UUID starting with `ec2`
/// (lowercase in that file), the rest unknown.
package final class HypervisorUUIDText: PyNativeObject {
  package static let knownPrefix = "ec2"

  package init() {}

  package var typeName: String { "str" }

  package func callMethod(
    _ name: String, _ arguments: Arguments, at location: Location,
    _ interpreter: inout PyInterpreter
  ) -> RValue? {
    switch name {
    case "strip", "rstrip", "lstrip":
      // The file ends in a newline at most; stripping keeps the known start.
      return arguments.positional.isEmpty ? .native(self) : nil
    case "startswith":
      guard arguments.positional.count == 1,
        case .string(let prefix) = arguments.positional[0].pyValue
      else { return .data(.unknown("str.startswith of the hypervisor UUID")) }
      let known = Self.knownPrefix
      if prefix.count <= known.count { return .data(.bool(known.hasPrefix(prefix))) }
      // Longer than what is known: false only when it already differs within the known part.
      return prefix.hasPrefix(known)
        ? .data(.unknown("the hypervisor UUID past its first three characters"))
        : .data(.bool(false))
    default:
      return nil
    }
  }
}

extension SettingsEvaluator {
  /// A file test of a `/sys/hypervisor` path: answered on a known family; otherwise unknown
  /// with the condition, and recorded so the caller can evaluate each family.
  package func instanceTest(_ path: String, _ kinds: Set<DeployedFiles.Entry>) -> PyValue {
    testsInstanceType = true
    if let hypervisor { return hypervisor.test(path, accepting: kinds) }
    return .unknown(DeployedFiles.instanceFileCondition(path) ?? "\(path) on the instance")
  }

  /// `open(path)` of a `/sys/hypervisor` file: the UUID file on a Xen-based instance, no such
  /// file on Nitro (`FileNotFoundError`, reported by the caller); nil for other paths.
  package func openInstanceFile(_ path: String) -> RValue? {
    guard InstanceHypervisor.isInstancePath(path) else { return nil }
    testsInstanceType = true
    switch hypervisor {
    case .xen? where DeployedFiles.normalized(path) == "/sys/hypervisor/uuid":
      return .native(HypervisorUUIDFile())
    default:
      return .data(.unknown(DeployedFiles.instanceFileCondition(path) ?? path))
    }
  }
}
