import EBCheckCore

/// A `major.minor` release line of Django.
public struct DjangoVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var major: Int
  public var minor: Int

  public init(_ major: Int, _ minor: Int) {
    self.major = major
    self.minor = minor
  }

  public static func < (lhs: DjangoVersion, rhs: DjangoVersion) -> Bool {
    (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
  }

  public var description: String { "\(major).\(minor)" }
}

/// One `op version` clause of a specifier (`>=4.2`, `==4.2.*`, `~=3.2.0`).
public struct VersionClause: Sendable, Hashable, CustomStringConvertible {
  public var op: String
  public var version: String

  public init(_ op: String, _ version: String) {
    self.op = op
    self.version = version
  }

  public var description: String { op + version }

  /// Leading numeric components: `4.2.1rc1` → [4, 2, 1].
  public var numbers: [Int] {
    var result: [Int] = []
    for part in version.split(separator: ".") {
      let digits = part.prefix { $0.isASCII && $0.isNumber }
      guard let number = Int(digits) else { break }
      result.append(number)
      if digits.count != part.count { break }
    }
    return result
  }
}

/// Packages whose presence changes what ebcheck predicts.
public enum KnownPackage: String, Sendable, Hashable, CaseIterable {
  case django = "django"
  case gunicorn = "gunicorn"
  case uwsgi = "uwsgi"
  case daphne = "daphne"
  case uvicorn = "uvicorn"
  case djangoEnviron = "django-environ"
  case pythonDecouple = "python-decouple"
  case djangoAllowCIDR = "django-allow-cidr"
  case djangoEbhealthcheck = "django-ebhealthcheck"
  case djangoHealthCheck = "django-health-check"
}

/// One dependency line.
public struct Requirement: Sendable, Hashable {
  /// Normalized (PEP 503): lowercase, runs of `-_.` become `-`.
  public var name: String
  /// As written.
  public var rawName: String
  public var clauses: [VersionClause]
  public var extras: [String]
  public var marker: String?
  /// From a `-c` constraints file: limits versions, installs nothing.
  public var isConstraint: Bool
  /// The name as written in the file.
  public var location: Location
  /// The version specifier as written, when there is one.
  public var specifierLocation: Location?

  public var specifier: String { clauses.map(\.description).joined(separator: ",") }

  public static func normalize(_ name: String) -> String {
    var out = ""
    var lastDash = false
    for character in name.lowercased() {
      if character == "-" || character == "_" || character == "." {
        if !lastDash { out.append("-") }
        lastDash = true
      } else {
        out.append(character)
        lastDash = false
      }
    }
    return out
  }
}

/// Every dependency the repository declares, from `requirements*.txt` (with `-r` / `-c`
/// includes), `requirements/*.txt`, `Pipfile` and `pyproject.toml`.
public struct Requirements: Sendable {
  public var requirements: [Requirement]
  /// Files read, in the order they were read.
  public var files: [String]

  public init(
    requirements: [Requirement] = [], files: [String] = []
  ) {
    self.requirements = requirements
    self.files = files
  }

  /// The file the Beanstalk Python platform installs from: the root `requirements.txt`, else
  /// the root `Pipfile` (EBG:python-configuration-requirements; the order when both exist is
  /// not documented, requirements.txt is assumed). nil when neither exists: then nothing from
  /// `requirements/*.txt` or `pyproject.toml` gets installed.
  public var beanstalkEntry: String? {
    files.contains("requirements.txt")
      ? "requirements.txt" : files.contains("Pipfile") ? "Pipfile" : nil
  }

  /// The first declaration of a package (entry files first: root `requirements.txt`,
  /// `Pipfile`, `pyproject.toml`, then the others by path). Constraints are skipped.
  public func requirement(_ name: String) -> Requirement? {
    let normalized = Requirement.normalize(name)
    return requirements.first { $0.name == normalized && !$0.isConstraint }
  }

  /// Where a known package is declared, nil when absent.
  public func location(of package: KnownPackage) -> Location? {
    requirement(package.rawValue)?.location
  }

  /// Every known package present, with its location.
  public var known: [KnownPackage: Location] {
    var result: [KnownPackage: Location] = [:]
    for package in KnownPackage.allCases {
      if let location = location(of: package) { result[package] = location }
    }
    return result
  }

  /// Every clause that limits Django: its requirement's plus any `-c` constraint.
  public var djangoClauses: [VersionClause] {
    guard let django = requirement("django") else { return [] }
    let constraints = requirements.filter { $0.name == "django" && $0.isConstraint }
    return django.clauses + constraints.flatMap(\.clauses)
  }

  /// The Django specifier as written (`>=4.2,<5`), nil when Django is absent.
  public var djangoConstraint: String? {
    guard requirement("django") != nil else { return nil }
    return djangoClauses.map(\.description).joined(separator: ",")
  }

  /// Best guess of the Django line that gets installed: the lowest version the constraint
  /// admits; nil when Django is absent or has no lower bound.
  public var djangoVersion: DjangoVersion? {
    Self.lowestVersion(djangoClauses)
  }

  public static func lowestVersion(_ clauses: [VersionClause]) -> DjangoVersion? {
    var lowest: DjangoVersion?
    for clause in clauses {
      let numbers = clause.numbers
      guard let major = numbers.first else { continue }
      let version = DjangoVersion(major, numbers.count > 1 ? numbers[1] : 0)
      switch clause.op {
      case "==", "===", "~=", ">=", ">":
        if lowest.map({ version > $0 }) ?? true { lowest = version }
      default:
        continue
      }
    }
    return lowest
  }

  // MARK: Loading

  public static func load(from files: SourceFiles) -> Requirements {
    var loader = RequirementsLoader(files: files)
    let candidates = files.ofKind(.requirements).map(\.path)
    func rank(_ path: String) -> (Int, String) {
      switch path {
      case "requirements.txt": (0, path)
      case "Pipfile": (1, path)
      case "pyproject.toml": (2, path)
      default: (path.contains("/") ? 4 : 3, path)
      }
    }
    for path in candidates.sorted(by: { rank($0) < rank($1) }) {
      loader.read(path, constraint: false)
    }
    return Requirements(
      requirements: loader.requirements, files: loader.order)
  }
}

package struct RequirementsLoader {
  package let files: SourceFiles
  package var requirements: [Requirement] = []
  package var order: [String] = []
  package var visited: Set<String> = []

  package init(files: SourceFiles) { self.files = files }

  package mutating func read(_ path: String, constraint: Bool) {
    guard !visited.contains(path) else { return }
    // An include discovery did not read (any name other than requirements-like ones) is
    // skipped: ebcheck cannot tell a missing file from one it does not read.
    guard let file = files[path] else { return }
    visited.insert(path)
    order.append(path)
    let name = path.split(separator: "/").last.map(String.init) ?? path
    if name == "Pipfile" {
      readToml(file, sections: ["packages"])
    } else if name == "pyproject.toml" {
      readToml(file, sections: ["project", "tool.poetry.dependencies"])
    } else {
      readPip(file, constraint: constraint)
    }
  }

  // MARK: pip format

  /// Logical lines: comments dropped, `\` continuations joined; each piece keeps its offset.
  package func logicalLines(_ file: SourceFile) -> [[(UInt8, Int)]] {
    var lines: [[(UInt8, Int)]] = []
    var current: [(UInt8, Int)] = []
    for physical in RequirementsText.physicalLines(file) {
      var bytes = physical
      // A comment starts at `#` at the line start or after whitespace.
      if let hash = bytes.indices.first(where: { index in
        bytes[index].0 == UInt8(ascii: "#")
          && (index == 0 || bytes[index - 1].0 == 0x20 || bytes[index - 1].0 == 0x09)
      }) {
        bytes.removeSubrange(hash...)
      }
      while let last = bytes.last, last.0 == 0x20 || last.0 == 0x09 { bytes.removeLast() }
      if let last = bytes.last, last.0 == UInt8(ascii: "\\") {
        bytes.removeLast()
        current += bytes
        continue
      }
      current += bytes
      lines.append(current)
      current = []
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }

  package mutating func readPip(_ file: SourceFile, constraint: Bool) {
    for line in logicalLines(file) {
      let words = Self.words(line)
      guard let first = words.first else { continue }
      let text = first.text
      var include: (String, Bool)?
      if text == "-r" || text == "--requirement" || text == "-c" || text == "--constraint" {
        if words.count >= 2 {
          include = (words[1].text, text.hasPrefix("-c") || text == "--constraint")
        }
      } else if text.hasPrefix("--requirement=") || text.hasPrefix("--constraint=") {
        include = (String(text.drop { $0 != "=" }.dropFirst()), text.hasPrefix("--constraint"))
      } else if text.hasPrefix("-r") && text.count > 2 {
        include = (String(text.dropFirst(2)), false)
      } else if text.hasPrefix("-c") && text.count > 2 {
        include = (String(text.dropFirst(2)), true)
      }
      if let (target, isConstraint) = include {
        read(Self.resolve(target, relativeTo: file.path), constraint: isConstraint)
        continue
      }
      if text.hasPrefix("-e") || text == "--editable" {
        // `-e git+https://...#egg=Django`: only the egg name is known.
        if let egg = line.eggName() {
          append(name: egg.0, span: egg.1, specifier: [], file: file, constraint: constraint)
        }
        continue
      }
      if text.hasPrefix("-") { continue }
      parseRequirement(line, file: file, constraint: constraint)
    }
  }

  package struct Word {
    package var text: String
    package var span: Span
  }

  package static func words(_ line: [(UInt8, Int)]) -> [Word] {
    var words: [Word] = []
    var index = 0
    while index < line.count {
      while index < line.count, line[index].0 == 0x20 || line[index].0 == 0x09 { index += 1 }
      guard index < line.count else { break }
      let start = index
      while index < line.count, line[index].0 != 0x20 && line[index].0 != 0x09 { index += 1 }
      let bytes = line[start..<index].map(\.0)
      words.append(
        Word(
          text: String(decoding: bytes, as: UTF8.self),
          span: Span(line[start].1, line[index - 1].1 + 1)))
    }
    return words
  }

  /// `name[extra] (op version, ...) ; marker` or `name @ url`, per PEP 508.
  package mutating func parseRequirement(_ line: [(UInt8, Int)], file: SourceFile, constraint: Bool)
  {
    let bytes = line.map(\.0)
    var index = 0
    while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
    let nameStart = index
    while index < bytes.count, Self.isNameByte(bytes[index]) { index += 1 }
    let isURL = index < bytes.count && bytes[index] == UInt8(ascii: ":")
    guard index > nameStart, !isURL else {
      // A bare URL: take `#egg=name` when present.
      if let egg = line.eggName() {
        append(name: egg.0, span: egg.1, specifier: [], file: file, constraint: constraint)
      }
      return
    }
    let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
    let nameSpan = Span(line[nameStart].1, line[index - 1].1 + 1)
    var rest = Array(line[index...])
    var marker: String?
    if let semicolon = rest.firstIndex(where: { $0.0 == UInt8(ascii: ";") }) {
      marker = String(decoding: rest[(semicolon + 1)...].map(\.0), as: UTF8.self)
        .trimmingWhitespace()
      rest.removeSubrange(semicolon...)
    }
    // Per-requirement options such as `--hash=sha256:...`.
    if let option = Self.optionStart(rest) { rest.removeSubrange(option...) }
    var extras: [String] = []
    if let open = rest.firstIndex(where: { $0.0 == UInt8(ascii: "[") }),
      let close = rest.firstIndex(where: { $0.0 == UInt8(ascii: "]") }), open < close
    {
      extras = String(decoding: rest[(open + 1)..<close].map(\.0), as: UTF8.self)
        .split(separator: ",").map { $0.trimmingWhitespace() }
      rest.removeSubrange(open...close)
    }
    let specText = String(decoding: rest.map(\.0), as: UTF8.self).trimmingWhitespace()
    if specText.hasPrefix("@") {
      append(
        name: name, span: nameSpan, specifier: [], file: file, constraint: constraint,
        extras: extras, marker: marker)
      return
    }
    let clauses = Self.clauses(specText)
    var specSpan: Span?
    let meaningful = rest.filter {
      $0.0 != 0x20 && $0.0 != 0x09 && $0.0 != UInt8(ascii: "(") && $0.0 != UInt8(ascii: ")")
    }
    if let first = meaningful.first, let last = meaningful.last {
      specSpan = Span(first.1, last.1 + 1)
    }
    append(
      name: name, span: nameSpan, specifier: clauses, file: file, constraint: constraint,
      extras: extras, marker: marker, specifierSpan: specSpan)
  }

  package static func optionStart(_ rest: [(UInt8, Int)]) -> Int? {
    var index = 0
    while index + 2 < rest.count {
      if (rest[index].0 == 0x20 || rest[index].0 == 0x09) && rest[index + 1].0 == UInt8(ascii: "-")
        && rest[index + 2].0 == UInt8(ascii: "-")
      {
        return index
      }
      index += 1
    }
    return nil
  }

  package static func isNameByte(_ byte: UInt8) -> Bool {
    (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
      || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
  }

  /// `>=4.2, <5.0` → clauses; also Poetry's `^4.2`, `~4.2` and a bare `4.2`.
  package static func clauses(_ text: String) -> [VersionClause] {
    var result: [VersionClause] = []
    let cleaned = String(text.filter { $0 != "(" && $0 != ")" && $0 != " " && $0 != "\t" })
    for part in cleaned.split(separator: ",") {
      let clause = String(part)
      if clause == "*" || clause.isEmpty { continue }
      if clause.hasPrefix("^") {
        let version = String(clause.dropFirst())
        let numbers = VersionClause("", version).numbers
        result.append(VersionClause(">=", version))
        if let first = numbers.first {
          // ^4.2 → <5; ^0.3 → <0.4
          let upper = first > 0 || numbers.count < 2 ? "\(first + 1)" : "0.\(numbers[1] + 1)"
          result.append(VersionClause("<", upper))
        }
        continue
      }
      if clause.hasPrefix("~") && !clause.hasPrefix("~=") {
        let version = String(clause.dropFirst())
        let numbers = VersionClause("", version).numbers
        result.append(VersionClause(">=", version))
        if numbers.count >= 2 {
          result.append(VersionClause("<", "\(numbers[0]).\(numbers[1] + 1)"))
        } else if let first = numbers.first {
          result.append(VersionClause("<", "\(first + 1)"))
        }
        continue
      }
      var op = ""
      for candidate in ["===", "==", "!=", "~=", ">=", "<=", ">", "<", "="]
      where clause.hasPrefix(candidate) {
        op = candidate
        break
      }
      let version = String(clause.dropFirst(op.count))
      if op.isEmpty || op == "=" { op = "==" }
      result.append(VersionClause(op, version))
    }
    return result
  }

  package mutating func append(
    name: String, span: Span, specifier: [VersionClause], file: SourceFile, constraint: Bool,
    extras: [String] = [], marker: String? = nil, specifierSpan: Span? = nil
  ) {
    requirements.append(
      Requirement(
        name: Requirement.normalize(name), rawName: name, clauses: specifier, extras: extras,
        marker: marker, isConstraint: constraint, location: Location(file: file.path, span: span),
        specifierLocation: specifierSpan.map { Location(file: file.path, span: $0) }))
  }

  package static func resolve(_ target: String, relativeTo path: String) -> String {
    var parts = target.hasPrefix("/") ? [] : path.split(separator: "/").dropLast().map(String.init)
    for part in target.split(separator: "/") {
      switch part {
      case ".": continue
      case "..": if !parts.isEmpty { parts.removeLast() }
      default: parts.append(String(part))
      }
    }
    return parts.joined(separator: "/")
  }

  // MARK: TOML (the small part Pipfile and pyproject.toml use)

  package mutating func readToml(_ file: SourceFile, sections wanted: Set<String>) {
    var section = ""
    let bytes = file.bytes
    var index = 0
    while index < bytes.count {
      // Skip blank space and comments.
      let byte = bytes[index]
      if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A {
        index += 1
        continue
      }
      if byte == UInt8(ascii: "#") {
        while index < bytes.count, bytes[index] != 0x0A { index += 1 }
        continue
      }
      if byte == UInt8(ascii: "[") {
        let end = bytes[index...].firstIndex(of: 0x0A) ?? bytes.count
        let header = String(decoding: bytes[index..<end], as: UTF8.self)
        let name = header.split(separator: "#").first.map { $0.trimmingWhitespace() } ?? ""
        section = String(name.drop { $0 == "[" }.reversed().drop { $0 == "]" }.reversed())
          .trimmingWhitespace()
        section = section.replacingQuotes()
        index = end
        continue
      }
      // key = value
      let keyStart = index
      while index < bytes.count, bytes[index] != UInt8(ascii: "="), bytes[index] != 0x0A {
        index += 1
      }
      guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { continue }
      var keyEnd = index
      while keyEnd > keyStart, bytes[keyEnd - 1] == 0x20 || bytes[keyEnd - 1] == 0x09 {
        keyEnd -= 1
      }
      var keyText = String(decoding: bytes[keyStart..<keyEnd], as: UTF8.self)
      var keySpan = Span(keyStart, keyEnd)
      if keyText.count >= 2, keyText.first == "\"" || keyText.first == "'" {
        keyText = String(keyText.dropFirst().dropLast())
        keySpan = Span(keyStart + 1, keyEnd - 1)
      }
      index += 1
      let valueStart = index
      index = Self.skipValue(bytes, from: index)
      let value = Array(bytes[valueStart..<index])
      guard wanted.contains(section) else { continue }
      if section == "project" {
        guard keyText == "dependencies" else { continue }
        for (text, start) in Self.strings(value, offset: valueStart) {
          parseRequirement(
            Array(zip(Array(text.utf8), start..<(start + text.utf8.count))), file: file,
            constraint: false)
        }
      } else {
        if keyText == "python" { continue }
        var clauses: [VersionClause] = []
        var specSpan: Span?
        let trimmed = String(decoding: value, as: UTF8.self).trimmingWhitespace()
        if trimmed.hasPrefix("{") {
          // { version = ">=4.2", extras = [...] }
          if let range = Self.tableValue(value, key: "version", offset: valueStart) {
            clauses = Self.clauses(range.0)
            specSpan = range.1
          }
        } else if let (text, start) = Self.strings(value, offset: valueStart).first {
          clauses = Self.clauses(text)
          specSpan = Span(start, start + text.utf8.count)
        }
        append(
          name: keyText, span: keySpan, specifier: clauses, file: file, constraint: false,
          specifierSpan: specSpan)
      }
    }
  }

  /// Skips one TOML value (string, array or inline table, possibly over several lines).
  package static func skipValue(_ bytes: [UInt8], from start: Int) -> Int {
    var index = start
    var depth = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        index += 1
        while index < bytes.count, bytes[index] != byte, bytes[index] != 0x0A {
          if bytes[index] == UInt8(ascii: "\\") && byte == UInt8(ascii: "\"") { index += 1 }
          index += 1
        }
        index += 1
        continue
      }
      if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") { depth += 1 }
      if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") { depth -= 1 }
      if byte == UInt8(ascii: "#") {
        while index < bytes.count, bytes[index] != 0x0A { index += 1 }
        continue
      }
      if byte == 0x0A && depth <= 0 { return index }
      index += 1
    }
    return min(index, bytes.count)
  }

  /// Every string literal in a value, with the file offset of its first character.
  package static func strings(_ value: [UInt8], offset: Int) -> [(String, Int)] {
    var result: [(String, Int)] = []
    var index = 0
    while index < value.count {
      let byte = value[index]
      if byte == UInt8(ascii: "#") {
        while index < value.count, value[index] != 0x0A { index += 1 }
        continue
      }
      guard byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") else {
        index += 1
        continue
      }
      let start = index + 1
      index = start
      while index < value.count, value[index] != byte, value[index] != 0x0A { index += 1 }
      result.append(
        (String(decoding: value[start..<min(index, value.count)], as: UTF8.self), offset + start))
      index += 1
    }
    return result
  }

  /// `key = "..."` inside an inline table.
  package static func tableValue(_ value: [UInt8], key: String, offset: Int) -> (String, Span)? {
    let text = Array(key.utf8)
    var index = 0
    while index + text.count < value.count {
      if Array(value[index..<(index + text.count)]) == text,
        index == 0 || !isNameByte(value[index - 1])
      {
        var after = index + text.count
        while after < value.count, value[after] == 0x20 { after += 1 }
        if after < value.count, value[after] == UInt8(ascii: "=") {
          if let (string, start) = strings(Array(value[after...]), offset: offset + after).first {
            return (string, Span(start, start + string.utf8.count))
          }
        }
      }
      index += 1
    }
    return nil
  }
}

extension Array where Element == (UInt8, Int) {
  /// `#egg=Name` in a URL line, with its span.
  fileprivate func eggName() -> (String, Span)? {
    let bytes = map(\.0)
    let marker = [UInt8]("#egg=".utf8)
    guard bytes.count > marker.count else { return nil }
    for index in 0...(bytes.count - marker.count)
    where [UInt8](bytes[index..<(index + marker.count)]) == marker {
      let start = index + marker.count
      var end = start
      while end < bytes.count, RequirementsLoader.isNameByte(bytes[end]) { end += 1 }
      guard end > start else { return nil }
      return (
        String(decoding: bytes[start..<end], as: UTF8.self),
        Span(self[start].1, self[end - 1].1 + 1)
      )
    }
    return nil
  }
}

extension String {
  fileprivate func replacingQuotes() -> String { String(filter { $0 != "\"" && $0 != "'" }) }
}
