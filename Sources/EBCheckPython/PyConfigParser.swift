import EBCheckCore

/// `configparser.ConfigParser()` (or `RawConfigParser()`, no interpolation) reading INI files
/// of the deployed bundle: a file the bundle lacks is skipped, as `read()` skips a file it
/// cannot open, so a later `get` raises `NoSectionError` and the import fails.
package final class ConfigParserObject: PyNativeObject {
  package let interpolates: Bool
  package var parsed = INIText()
  /// Why the contents are not known (a file ebcheck cannot read or name); every later
  /// lookup is unknown for this reason.
  package var unknownBecause: String?

  package init(interpolates: Bool) {
    self.interpolates = interpolates
  }

  package var typeName: String { interpolates ? "ConfigParser" : "RawConfigParser" }

  /// Merges one source; a later file's values replace earlier ones, as configparser does.
  package func merge(_ text: String, at location: Location, _ interpreter: inout PyInterpreter)
    -> Bool
  {
    switch INIText.parse(text) {
    case .failure(let failure):
      interpreter.pendingRaise = (failure.exception, location)
      return false
    case .success(let read):
      Self.replace(&parsed.defaults, with: read.defaults)
      for section in read.sections {
        if let index = parsed.sections.firstIndex(where: { $0.name == section.name }) {
          Self.replace(&parsed.sections[index], with: section)
        } else {
          parsed.sections.append(section)
        }
      }
      return true
    }
  }

  /// A later source's options replace the same keys of an earlier one.
  package static func replace(_ section: inout INIText.Section, with later: INIText.Section) {
    let keys = Set(later.options.map(\.key))
    section.options.removeAll { keys.contains($0.key) }
    section.options += later.options
  }

  /// `read(filenames)`: the names it read.
  package func read(_ argument: RValue, at location: Location, _ interpreter: inout PyInterpreter)
    -> RValue
  {
    var names: [RValue] = [argument]
    if case .data(.list(let elements)) = argument {
      names = elements.map { .data($0.value) }
    } else if case .data(.tuple(let elements)) = argument {
      names = elements.map { .data($0.value) }
    }
    var readNames: [PyElement] = []
    for name in names {
      switch source(name, interpreter.evaluator) {
      case .missing: continue
      case .unknown(let reason):
        unknownBecause = reason
        return .data(.unknown(reason))
      case .text(let shown, let text):
        guard merge(text, at: location, &interpreter) else {
          return .data(.unknown("configparser refused the file"))
        }
        readNames.append(PyElement(shown.map { .string($0) } ?? .unknown("the deployed path")))
      }
    }
    return .data(.list(readNames))
  }

  package enum Source {
    case missing
    case unknown(String)
    case text(shown: String?, String)
  }

  /// What opening `name` on the instance finds.
  package func source(_ name: RValue, _ evaluator: SettingsEvaluator) -> Source {
    guard let deployed = evaluator.deployed else {
      return .unknown("configparser file (the deployed application folder is not known)")
    }
    let shown: String?
    let inApp: String?
    switch name {
    case .native(let path as PathObject):
      shown = path.text
      inApp = path.inApp ?? path.text.flatMap { deployed.repositoryPath($0) }
    case .data(.string(let text)):
      shown = text
      inApp = deployed.repositoryPath(text)
    default:
      return .unknown("configparser file named by a value ebcheck cannot see")
    }
    guard let inApp else {
      return .unknown("configparser file \(shown ?? "?") outside the application folder")
    }
    if let file = evaluator.files[inApp] {
      guard file.kind == .ini else {
        return .unknown("configparser file \(inApp), which ebcheck does not read as INI")
      }
      return .text(shown: shown, file.text)
    }
    if evaluator.files.unreadFiles.contains(inApp) {
      return .unknown("contents of \(inApp) (not read by ebcheck)")
    }
    if let created = deployed.createdAtDeploy {
      return .unknown("\(inApp) is not in the bundle, but \(created)")
    }
    return .missing
  }

  /// The raw value of `option` in `section` (DEFAULT's when the section lacks it).
  package func raw(_ section: String, _ option: String) -> String?? {
    let key = option.lowercased()
    if section == "DEFAULT" { return .some(parsed.defaults.value(key)) }
    guard let found = parsed.sections.first(where: { $0.name == section }) else { return nil }
    return .some(found.value(key) ?? parsed.defaults.value(key))
  }

  /// `get(section, option)` with its conversion; raising as configparser does unless a
  /// fallback is given.
  package func lookup(
    _ section: PyValue, _ option: PyValue, fallback: RValue?, convert: String?, raw: Bool,
    at location: Location, _ interpreter: inout PyInterpreter
  ) -> RValue {
    if let unknownBecause { return .data(.unknown(unknownBecause)) }
    guard case .string(let sectionName) = section, case .string(let optionName) = option else {
      return .data(.unknown("configparser lookup with a computed name"))
    }
    guard let inSection = self.raw(sectionName, optionName) else {
      if let fallback { return fallback }
      interpreter.pendingRaise = ("NoSectionError", location)
      return .data(.unknown("NoSectionError: no section '\(sectionName)'"))
    }
    guard let value = inSection else {
      if let fallback { return fallback }
      interpreter.pendingRaise = ("NoOptionError", location)
      return .data(.unknown("NoOptionError: no option '\(optionName)' in '\(sectionName)'"))
    }
    var text = value
    if interpolates && !raw {
      var budget = Self.interpolationBudget
      guard let expanded = interpolate(value, section: sectionName, depth: 0, budget: &budget)
      else {
        if budget <= 0 {
          return .data(.unknown("configparser interpolation of '\(optionName)' is too large"))
        }
        interpreter.pendingRaise = ("InterpolationError", location)
        return .data(.unknown("configparser interpolation of '\(optionName)' fails"))
      }
      text = expanded
    }
    guard let convert else { return .data(.string(text)) }
    let converted: PyValue?
    switch convert {
    case "getboolean":
      switch text.lowercased() {
      case "1", "yes", "true", "on": converted = .bool(true)
      case "0", "no", "false", "off": converted = .bool(false)
      default: converted = nil
      }
    case "getint": converted = PyOperations.parseInt(text).map { .int($0) }
    default: converted = PyOperations.parseFloat(text).map { .float($0) }
    }
    guard let converted else {
      interpreter.pendingRaise = ("ValueError", location)
      return .data(.unknown("\(convert) of '\(text)' raises ValueError"))
    }
    return .data(converted)
  }

  /// BasicInterpolation: `%%` is `%`, `%(name)s` the option `name` of the same section (or
  /// DEFAULT); nil where configparser raises (a lone `%`, a missing name, depth over 10).
  /// References expanded and characters produced before an interpolation is given up as
  /// unknown: nested references grow exponentially (CPython would grind on).
  package static let interpolationBudget = 100_000

  package func interpolate(_ value: String, section: String, depth: Int, budget: inout Int)
    -> String?
  {
    guard depth <= 10 else { return nil }
    budget -= value.utf8.count + 1
    if budget <= 0 { return nil }
    var output = ""
    var rest = Substring(value)
    while let percent = rest.firstIndex(of: "%") {
      output += rest[..<percent]
      let after = rest.index(after: percent)
      guard after < rest.endIndex else { return nil }
      if rest[after] == "%" {
        output += "%"
        rest = rest[rest.index(after: after)...]
        continue
      }
      guard rest[after] == "(", let close = rest[after...].firstIndex(of: ")") else { return nil }
      let name = String(rest[rest.index(after: after)..<close])
      let typeIndex = rest.index(after: close)
      guard typeIndex < rest.endIndex, rest[typeIndex] == "s" else { return nil }
      guard case .some(.some(let referenced)) = raw(section, name),
        let expanded = interpolate(
          referenced, section: section, depth: depth + 1, budget: &budget)
      else { return nil }
      output += expanded
      rest = rest[rest.index(after: typeIndex)...]
    }
    return output + rest
  }

  package func callMethod(
    _ name: String, _ arguments: Arguments, at location: Location,
    _ interpreter: inout PyInterpreter
  ) -> RValue? {
    switch name {
    case "read":
      guard let names = arguments.argument(0, "filenames") else { return nil }
      return read(names, at: location, &interpreter)
    case "read_string":
      guard case .data(.string(let text))? = arguments.argument(0, "string") else {
        unknownBecause = "configparser text ebcheck cannot see"
        return .data(.none)
      }
      _ = merge(text, at: location, &interpreter)
      return .data(.none)
    case "get", "getboolean", "getint", "getfloat":
      guard let section = arguments.argument(0, "section"),
        let option = arguments.argument(1, "option")
      else { return nil }
      let raw = arguments.keyword("raw")?.pyValue.truthiness ?? false
      return lookup(
        section.pyValue, option.pyValue, fallback: arguments.keyword("fallback"),
        convert: name == "get" ? nil : name, raw: raw, at: location, &interpreter)
    case "has_section":
      if let unknownBecause { return .data(.unknown(unknownBecause)) }
      guard case .string(let section)? = arguments.argument(0, "section")?.pyValue else {
        return .data(.unknown("has_section of a computed name"))
      }
      return .data(.bool(parsed.sections.contains { $0.name == section }))
    case "has_option":
      if let unknownBecause { return .data(.unknown(unknownBecause)) }
      guard case .string(let section)? = arguments.argument(0, "section")?.pyValue,
        case .string(let option)? = arguments.argument(1, "option")?.pyValue
      else { return .data(.unknown("has_option of a computed name")) }
      if case .some(.some) = raw(section, option) { return .data(.bool(true)) }
      return .data(.bool(false))
    case "sections":
      if let unknownBecause { return .data(.unknown(unknownBecause)) }
      return .data(.list(parsed.sections.map { PyElement(.string($0.name)) }))
    default:
      return nil
    }
  }

  package func item(_ key: PyValue, at location: Location, _ interpreter: inout PyInterpreter)
    -> RValue?
  {
    if let unknownBecause { return .data(.unknown(unknownBecause)) }
    guard case .string(let section) = key else {
      return .data(.unknown("configparser section with a computed name"))
    }
    guard section == "DEFAULT" || parsed.sections.contains(where: { $0.name == section }) else {
      interpreter.pendingRaise = ("KeyError", location)
      return .data(.unknown("KeyError: no section '\(section)'"))
    }
    return .native(ConfigSectionProxy(parser: self, section: section))
  }
}

/// `config['section']`: `proxy['key']`, `proxy.get('key', fallback)`, `getboolean`…
package final class ConfigSectionProxy: PyNativeObject {
  package let parser: ConfigParserObject
  package let section: String

  package init(parser: ConfigParserObject, section: String) {
    self.parser = parser
    self.section = section
  }

  package var typeName: String { "SectionProxy" }

  package func item(_ key: PyValue, at location: Location, _ interpreter: inout PyInterpreter)
    -> RValue?
  {
    if case .string(let option) = key, case .some(nil) = parser.raw(section, option) {
      interpreter.pendingRaise = ("KeyError", location)
      return .data(.unknown("KeyError: '\(option)'"))
    }
    return parser.lookup(
      .string(section), key, fallback: nil, convert: nil, raw: false, at: location, &interpreter)
  }

  package func callMethod(
    _ name: String, _ arguments: Arguments, at location: Location,
    _ interpreter: inout PyInterpreter
  ) -> RValue? {
    guard ["get", "getboolean", "getint", "getfloat"].contains(name),
      let option = arguments.argument(0, "option")
    else { return nil }
    // The proxy's fallback defaults to None.
    let fallback = arguments.argument(1, "fallback") ?? .data(.none)
    let raw = arguments.keyword("raw")?.pyValue.truthiness ?? false
    return parser.lookup(
      .string(section), option.pyValue, fallback: fallback,
      convert: name == "get" ? nil : name, raw: raw, at: location, &interpreter)
  }
}
