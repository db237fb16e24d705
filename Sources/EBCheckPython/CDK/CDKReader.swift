import EBCheckCore
import EBCheckFormats

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads AWS CDK apps in Python: each `CfnEnvironment(...)` and `CfnConfigurationTemplate(...)`
/// call, its `option_settings` evaluated by the interpreter (module constants, helpers, the
/// statements before the call in its function; property objects or dicts).
public enum CDKReader {
  static let constructs: [String: InfrastructureResourceKind] = [
    "CfnEnvironment": .environment, "CfnConfigurationTemplate": .configurationTemplate,
  ]
  static let markers = constructs.keys.map { Array($0.utf8) }

  public static func read(_ modules: PythonModules) -> InfrastructureRead {
    var result = InfrastructureRead()
    let files = modules.files.all.filter { file in
      file.kind == .python && !file.path.hasPrefix("../")
        && markers.contains { contains(file.bytes, $0) }
    }
    guard !files.isEmpty else { return result }
    let evaluator = SettingsEvaluator(files: modules.files, modules: modules)
    var read = 0
    for file in files {
      guard let parsed = modules.module(atPath: file.path), parsed.diagnostics.isEmpty,
        let name = modules.moduleName(ofPath: file.path),
        let state = evaluator.load(module: name, preferredPrefix: nil), state.path == file.path
      else { continue }
      var finder = PyCallFinder(names: Set(constructs.keys))
      finder.visit(parsed.statements, in: nil)
      guard !finder.found.isEmpty else { continue }
      read += 1
      let hints = assetHints(parsed.statements, file: file)
      for found in finder.found {
        guard
          var definition = definition(found, all: finder.found, evaluator: evaluator, state: state)
        else { continue }
        definition.sourceHints = hints
        result.definitions.append(definition)
      }
    }
    result.filesRead[.cdk] = read
    return result
  }

  static func definition(
    _ found: PyFoundCall, all: [PyFoundCall], evaluator: SettingsEvaluator, state: ModuleState
  ) -> InfrastructureDefinition? {
    guard case .call(let callee, let arguments) = found.call.kind,
      let constructName = PyCallFinder.calledName(callee), let kind = constructs[constructName]
    else { return nil }
    var interpreter = PyInterpreter(evaluator: evaluator, module: state)
    let frame = Frame(module: state, locals: found.function == nil ? nil : [:])
    let here = Location(file: state.path, span: found.call.span)
    if let function = found.function {
      for parameter in function.parameters {
        frame.locals?[parameter.name] = Binding(
          value: .data(.unknown("parameter \(parameter.name)")), location: here)
      }
      _ = interpreter.execute(Array(function.body.prefix(found.statementIndex)), frame)
      interpreter.pendingRaise = nil
    }
    func value(_ keyword: String) -> PyValue? {
      arguments.first { $0.keyword == keyword }.map {
        interpreter.evaluate($0.value, frame, statement: here).pyValue
      }
    }
    let positional = arguments.filter { $0.kind == .positional }
    let constructID =
      positional.count > 1
      ? interpreter.evaluate(positional[1].value, frame, statement: here).pyValue.stringValue : nil
    var definition = InfrastructureDefinition(
      tool: .cdk, kind: kind, resource: constructID ?? constructName,
      location: Location(file: state.path, span: callee.span))
    definition.name =
      value(kind == .environment ? "environment_name" : "template_name")?.stringValue
    if kind == .environment,
      let template = arguments.first(where: { $0.keyword == "template_name" })
    {
      definition.templateReference =
        templateReference(template.value, all: all)
        ?? value("template_name")?.stringValue
    }
    if let settings = value("option_settings") {
      let source = OptionSource.infrastructure(.cdk, kind, state.path)
      let (read, notes) = optionSettings(
        settings, source: source, fallback: here, evaluator: evaluator)
      definition.settings = read
      definition.notes = notes
    }
    return definition
  }

  /// `template_name=template.ref` where `template = CfnConfigurationTemplate(self, "Id", …)`.
  static func templateReference(_ expression: PyExpr, all: [PyFoundCall]) -> String? {
    guard case .attribute(let base, _, _) = expression.kind, case .name(let variable) = base.kind,
      let template = all.first(where: { $0.assignedName == variable }),
      case .call(_, let arguments) = template.call.kind
    else { return nil }
    let positional = arguments.filter { $0.kind == .positional }
    guard positional.count > 1, case .string(.text(let id)) = positional[1].value.kind else {
      return nil
    }
    return id
  }

  static func optionSettings(
    _ value: PyValue, source: OptionSource, fallback: Location, evaluator: SettingsEvaluator
  ) -> ([OptionSetting], [String]) {
    guard let elements = PyValueAccess.elements(value) else {
      return ([], ["option_settings is not a list the evaluator can follow (\(value.pythonRepr))"])
    }
    var settings: [OptionSetting] = []
    var notes: [String] = []
    for element in elements {
      guard case .dict(let entries) = element.value else {
        notes.append("an option_settings element that is not a property or a dict")
        continue
      }
      func entry(_ keys: [String]) -> PyDictEntry? {
        entries.last { entry in keys.contains { entry.key == .string($0) } }
      }
      guard let namespace = entry(["namespace"]), let namespaceText = namespace.value.stringValue,
        let option = entry(["option_name", "optionName"]), let optionText = option.value.stringValue
      else {
        notes.append("an option setting without a known namespace and option_name")
        continue
      }
      let located = { (entry: PyDictEntry?) -> Location in
        let location = entry?.location ?? element.location ?? fallback
        guard let entry, let text = entry.value.stringValue else { return location }
        return literal(text, within: location, files: evaluator.files) ?? location
      }
      var text = ""
      var kind = OptionValueKind.literal
      let written = entry(["value"])
      if let written {
        switch written.value {
        case .string(let string): text = string
        case .int(let number): text = String(number)
        case .float: text = written.value.pythonRepr
        case .bool(let flag): text = flag ? "true" : "false"
        case .none: text = ""
        case .list, .tuple, .dict:
          text = written.value.pythonRepr
          kind = .structured
        case .dynamic(let dynamic):
          text = evaluator.files[located(written).file]?.text(located(written).span) ?? ""
          kind = .dynamic("AWS CDK: \(dynamic.reason)")
        case .unknown(let reason):
          text = evaluator.files[located(written).file]?.text(located(written).span) ?? ""
          kind = .dynamic("AWS CDK: \(reason)")
        case .instanceIP, .libraryObject:
          text = written.value.pythonRepr
          kind = .dynamic("AWS CDK: computed when the app synthesizes")
        }
      }
      settings.append(
        OptionSetting(
          namespace: namespaceText, option: optionText, value: text,
          location: located(written), source: source, keyLocation: located(option),
          namespaceLocation: located(namespace), kind: kind))
    }
    return (settings, notes)
  }

  /// `Asset(self, "Bundle", path="../app")`: the folder an asset bundles, relative to the
  /// file's folder and to the repository root.
  static func assetHints(_ statements: [PyStmt], file: SourceFile) -> [Sourced<String>] {
    var finder = PyCallFinder(names: ["Asset", "from_asset", "AssetCode"])
    finder.visit(statements, in: nil)
    var hints: [Sourced<String>] = []
    let folder = RepositoryPath.folder(of: file.path)
    for found in finder.found {
      guard case .call(let callee, let arguments) = found.call.kind else { continue }
      // `Asset(scope, id, path=…)`; `Code.from_asset(path)`.
      let positional = arguments.filter { $0.kind == .positional }
      var candidates = arguments.filter { $0.keyword == "path" }
      if candidates.isEmpty, PyCallFinder.calledName(callee) != "Asset",
        let first = positional.first
      {
        candidates = [first]
      }
      for argument in candidates {
        guard case .string(.text(let text)) = argument.value.kind, !text.isEmpty else { continue }
        let at = Location(file: file.path, span: argument.value.span)
        // `cdk synth` resolves asset paths from where it runs (the folder of cdk.json),
        // usually the file's folder or one above it.
        var bases = [folder]
        while let last = bases.last, !last.isEmpty { bases.append(RepositoryPath.folder(of: last)) }
        for base in bases {
          if let joined = RepositoryPath.join(base, text) {
            hints.append(Sourced(joined, at: at, origin: "the asset path"))
          }
        }
      }
    }
    return hints
  }

  /// A helper's call site (`option(PROCESS, "HealthCheckPath", "/health/")`) holds the
  /// literal once: its span, so an edit changes exactly that value.
  static func literal(_ value: String, within location: Location, files: SourceFiles) -> Location? {
    guard let file = files[location.file], !value.isEmpty else { return nil }
    let written = file.text(location.span)
    if written.first == "\"" || written.first == "'" { return nil }
    var found: [Span] = []
    for quote in ["\"", "'"] {
      let needle = Array((quote + value + quote).utf8)
      var index = location.span.start
      while index + needle.count <= location.span.end {
        if Array(file.bytes[index..<(index + needle.count)]) == needle {
          found.append(Span(index, index + needle.count))
          index += needle.count
        } else {
          index += 1
        }
      }
    }
    return found.count == 1 ? Location(file: location.file, span: found[0]) : nil
  }

  /// Whether `needle` occurs in `bytes`. Asked of every Python file of the repository (the
  /// monorepo's thousands), so the first byte is found with `memchr` and the rest compared in
  /// place (`ThroughputSixTests` compares it with a plain scan).
  static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
    guard let first = needle.first, needle.count <= bytes.count else { return false }
    return bytes.withUnsafeBufferPointer { haystack in
      needle.withUnsafeBufferPointer { pattern in
        guard let base = haystack.baseAddress, let wanted = pattern.baseAddress else {
          return false
        }
        let lastStart = haystack.count - pattern.count
        var start = 0
        while start <= lastStart {
          guard let hit = memchr(base + start, Int32(first), lastStart - start + 1) else {
            return false
          }
          let offset = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
          if memcmp(base + offset, wanted, pattern.count) == 0 { return true }
          start = offset + 1
        }
        return false
      }
    }
  }
}

/// Reading lists and tuples the interpreter produced.
enum PyValueAccess {
  static func elements(_ value: PyValue) -> [PyElement]? {
    switch value {
    case .list(let elements), .tuple(let elements): elements
    default: nil
    }
  }
}
