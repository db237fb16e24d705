import EBCheckCore

/// A condition the interpreter decided while running code under a request (a decisive
/// line of a middleware or view, shown as a hop in the trace).
package struct ConditionNote: Sendable, Hashable {
  package var location: Location
  /// True/False when decided, nil when the interpreter could not decide it.
  package var outcome: Bool?
  /// The condition as written.
  package var text: String
}

/// A library function whose body is Swift (a method of a modelled class, `redirect()`…).
package final class NativeFunction: PyNativeObject {
  package typealias Body = (Arguments, Location, inout PyInterpreter) -> RValue
  package let name: String
  package let body: Body

  package init(_ name: String, _ body: @escaping Body) {
    self.name = name
    self.body = body
  }

  package var typeName: String { "builtin_function_or_method" }

  package func attribute(_ name: String, at location: Location, _ interpreter: inout PyInterpreter)
    -> RValue?
  {
    name == "__name__" ? .data(.string(self.name)) : nil
  }

  package func call(
    _ arguments: Arguments, at location: Location, _ interpreter: inout PyInterpreter
  )
    -> RValue?
  {
    body(arguments, location, &interpreter)
  }
}

extension PyInterpreter {
  /// A `def` at module level is a plain function; inside a function it is a closure over
  /// that function's frame; in a class body it sees the scope around the class.
  package func functionValue(_ function: PyFunctionDef, _ frame: Frame) -> RValue {
    let scope = frame.isClassBody ? frame.enclosing : (frame.locals == nil ? nil : frame)
    if let scope { return .closure(function, module: frame.module.name, enclosing: scope) }
    return .function(function, module: frame.module.name)
  }

  /// `class Name(bases): body`: the body runs once in its own namespace.
  package mutating func executeClass(
    _ definition: PyClassDef, _ frame: Frame, _ statementLocation: Location
  ) -> Flow {
    var bases: [PyClassObject] = []
    var baseLocations: [Location] = []
    var opaque: [String] = []
    for base in definition.bases {
      guard case .positional = base.kind else { continue }  // metaclass=…
      switch evaluate(base.value, frame, statement: statementLocation) {
      case .classObject(let type):
        bases.append(type)
        baseLocations.append(location(base.value.span, frame))
      case .module(let qualified):
        if let modelled = DjangoLibrary.libraryClass(qualified) {
          bases.append(modelled)
          baseLocations.append(location(base.value.span, frame))
        } else if qualified != "builtins.object" {
          opaque.append(qualified)
        }
      case .builtin("object"): break
      case .builtin(let name), .type(let name): opaque.append(name)
      default: opaque.append(PySyntax.dottedName(base.value) ?? "an unknown base")
      }
    }
    let body = Frame(module: frame.module, locals: [:], callSite: frame.callSite)
    body.isClassBody = true
    body.enclosing = frame.locals == nil ? nil : frame
    let flow = execute(definition.body, body)
    switch flow {
    case .raised, .stop: return flow
    default: break
    }
    var namespace: [String: RValue] = [:]
    var bindingLocations: [String: Location] = [:]
    for (name, binding) in body.locals ?? [:] {
      namespace[name] = binding.value
      bindingLocations[name] = binding.valueLocation ?? binding.location
    }
    let isEnumeration = opaque.contains { Self.enumBases.contains($0) }
    opaque.removeAll { Self.enumBases.contains($0) }
    let type = PyClassObject(
      name: definition.name, module: frame.module.name, bases: bases, namespace: namespace,
      location: statementLocation, opaqueBases: opaque)
    type.bindingLocations = bindingLocations
    type.baseLocations = baseLocations
    type.nameLocation = location(definition.nameSpan, frame)
    if isEnumeration { makeEnumeration(type, body: body.locals ?? [:]) }
    var value = RValue.classObject(type)
    // `@decorator class C`: C = decorator(C), innermost decorator first.
    for decorator in definition.decorators.reversed() {
      let applied = evaluateDecorator(decorator, frame, statement: statementLocation)
      value = decorateClass(value, with: applied, at: location(decorator.span, frame), frame)
    }
    bind(
      definition.name,
      Binding(value: value, location: statementLocation, valueLocation: statementLocation),
      frame)
    return .normal
  }

  /// A class decorator applied: the repository's decorators run; a library one is followed
  /// when modelled (`DjangoLibrary.classDecorators` keep the class), else the class is unknown.
  package mutating func decorateClass(
    _ type: RValue, with decorator: RValue, at location: Location, _ frame: Frame
  ) -> RValue {
    switch decorator {
    case .module(let name):
      if DjangoLibrary.classDecorators.contains(name) { return type }
      if DjangoDecorators.settingAttributeOnly.contains(name), case .classObject(let object) = type,
        let mark = DjangoDecorators.passing[name] ?? nil
      {
        // `@login_not_required` on a class sets the class's attribute (as_view() does not
        // copy it onto the view function).
        object.namespace[mark.attribute] = .data(mark.value)
        return type
      }
      return .data(.unknown("a class decorated by \(name), which ebcheck does not model"))
    case .function, .closure, .classObject, .instance, .native, .method:
      var arguments = Arguments()
      arguments.positional = [type]
      arguments.identities = [nil]
      return invoke(decorator, arguments, location, frame, statement: location)
    default:
      return .data(.unknown("a class decorated by a value ebcheck cannot read"))
    }
  }

  /// Records a condition of the code being run under a request (when asked to).
  package mutating func noteCondition(_ test: PyExpr, _ outcome: Bool?, _ frame: Frame) {
    guard conditionLog != nil, conditionLog!.count < 64 else { return }
    let text = evaluator.files[frame.module.path]?.text(test.span) ?? "condition"
    conditionLog!.append(
      ConditionNote(location: location(test.span, frame), outcome: outcome, text: text))
  }

  /// `base.name = value`: instances and classes keep their attributes.
  package mutating func assignAttribute(
    _ base: PyExpr, _ name: String, _ value: RValue, _ frame: Frame, statement: Location
  ) {
    switch evaluate(base, frame, statement: statement) {
    case .instance(let instance): instance.attributes[name] = value
    case .classObject(let type): type.namespace[name] = value
    case .native(let object):
      (object as? PyAttributeStore)?.store(name, value)
    default: break
    }
  }

  /// `is`, `is not`, `==`, `!=` where a side is an object; nil for data on both sides.
  package func compareObjects(_ op: PyCompareOperator, _ left: RValue, _ right: RValue) -> PyValue?
  {
    guard left.isObject || right.isObject else { return nil }
    if case .native(let a as PathObject) = left, case .native(let b as PathObject) = right,
      op == .equal || op == .notEqual
    {
      guard let x = a.text, let y = b.text else { return .unknown("comparison of paths") }
      return .bool((x == y) == (op == .equal))
    }
    switch op {
    case .isOp, .equal:
      return RValue.identical(left, right).map { .bool($0) } ?? .unknown("object comparison")
    case .isNot, .notEqual:
      return RValue.identical(left, right).map { .bool(!$0) } ?? .unknown("object comparison")
    default:
      return .unknown("comparison of objects")
    }
  }

  /// `object[key]`.
  package mutating func objectItem(
    _ container: RValue, _ key: RValue, _ expression: PyExpr, _ frame: Frame
  ) -> RValue {
    let at = location(expression.span, frame)
    if case .native(let object) = container, let found = object.item(key.pyValue, at: at, &self) {
      return found
    }
    return .data(.unknown("item of an object"))
  }

  /// Attribute lookup on classes, instances, `super()` and library objects.
  package mutating func objectAttribute(
    _ receiver: RValue, _ name: String, _ at: Location, _ frame: Frame
  ) -> RValue {
    switch receiver {
    case .instance(let instance):
      if let own = instance.attributes[name] { return own }
      if name == "__class__" { return .classObject(instance.type) }
      if let (found, owner) = instance.type.find(name) {
        if case .native(let property as LibraryProperty) = found {
          return property.get(instance, at)
        }
        return bindToReceiver(found, receiver, owner)
      }
      return missingAttribute(instance.type, name)
    case .classObject(let type):
      if name == "__name__" { return .data(.string(type.name)) }
      if let (found, owner) = type.find(name) {
        switch found {
        case .native(let method as ClassMethodObject):
          return .method(method.function, receiver: receiver, definedIn: owner)
        case .native(let method as StaticMethodObject):
          return method.function
        default:
          return found
        }
      }
      if name == "objects", let model = type.resolutionOrder.flatMap(\.opaqueBases).first {
        // A Django model's default manager, added by the model's metaclass.
        return .module(model + ".objects")
      }
      return missingAttribute(type, name)
    case .superObject(let start, let instanceValue):
      guard case .instance(let instance) = instanceValue,
        let (found, owner) = instance.type.find(name, after: start)
      else { return .data(.unknown("super().\(name)")) }
      return bindToReceiver(found, instanceValue, owner)
    case .native(let object):
      if let found = object.attribute(name, at: at, &self) { return found }
      // A method: called later with its arguments.
      return .native(
        NativeFunction(name) { arguments, location, interpreter in
          object.callMethod(name, arguments, at: location, &interpreter)
            ?? .data(.unknown("\(object.typeName).\(name) is not modelled"))
        })
    default:
      return .data(.unknown("attribute '\(name)' of a function"))
    }
  }

  package func missingAttribute(_ type: PyClassObject, _ name: String) -> RValue {
    if type.resolutionOrder.count >= PyClassObject.maximumResolutionOrder {
      return .data(.unknown("'\(name)': the class hierarchy of \(type.name) is too deep to follow"))
    }
    if type.hasOpaqueBase {
      let bases = type.resolutionOrder.flatMap(\.opaqueBases).joined(separator: ", ")
      return .data(.unknown("'\(name)' may come from \(bases), which ebcheck does not model"))
    }
    return .data(.unknown("\(type.name) has no attribute '\(name)'"))
  }

  /// Functions found on a class bind to the instance, class methods to its class; static
  /// methods and plain values stay as they are.
  package func bindToReceiver(_ value: RValue, _ receiver: RValue, _ owner: PyClassObject) -> RValue
  {
    switch value {
    case .native(let method as StaticMethodObject):
      return method.function
    case .native(let method as ClassMethodObject):
      var type = receiver
      if case .instance(let instance) = receiver { type = .classObject(instance.type) }
      return .method(method.function, receiver: type, definedIn: owner)
    case .function, .closure, .lambda, .native(is NativeFunction), .native(is DecoratedFunction),
      .native(is DecoratedMethod):
      return .method(value, receiver: receiver, definedIn: owner)
    default:
      return value
    }
  }

  /// `super()` and `super(Class, self)` inside a method.
  package mutating func superCall(
    _ callee: PyExpr, _ arguments: [PyArgument], _ frame: Frame, statement: Location
  ) -> RValue? {
    guard case .name("super") = callee.kind, binding("super", frame) == nil else { return nil }
    if arguments.count == 2 {
      let type = evaluate(arguments[0].value, frame, statement: statement)
      let receiver = evaluate(arguments[1].value, frame, statement: statement)
      guard case .classObject(let start) = type else { return .data(.unknown("super()")) }
      return .superObject(start, receiver: receiver)
    }
    var scope: Frame? = frame
    var depth = 0
    while let current = scope, depth < 64 {
      if let (type, receiver) = current.superContext {
        return .superObject(type, receiver: receiver)
      }
      scope = current.enclosing
      depth += 1
    }
    return .data(.unknown("super() outside a method"))
  }

  /// `hasattr`, `getattr`, `isinstance`, `callable`, `issubclass` on objects.
  package mutating func objectBuiltin(
    _ name: String, _ arguments: Arguments, _ at: Location, _ frame: Frame, statement: Location
  ) -> RValue? {
    if case .module("django.conf.settings")? = arguments.positional.first,
      let settings = djangoSettings
    {
      return settingsAttribute(name, arguments, settings)
    }
    guard let subject = arguments.positional.first, subject.isObject else { return nil }
    switch name {
    case "hasattr", "getattr":
      guard arguments.positional.count >= 2,
        case .string(let attribute) = arguments.positional[1].pyValue
      else { return .data(.unknown(name)) }
      let found = objectAttribute(subject, attribute, at, frame)
      let missing: Bool?
      if case .data(.unknown(let reason)) = found {
        missing = reason.hasSuffix("has no attribute '\(attribute)'") ? true : nil
      } else {
        missing = false
      }
      if name == "hasattr" { return missing.map { .data(.bool(!$0)) } ?? .data(.unknown(name)) }
      if missing == true, arguments.positional.count >= 3 { return arguments.positional[2] }
      return found
    case "callable":
      switch subject {
      case .instance(let instance): return .data(.bool(instance.type.find("__call__") != nil))
      default: return .data(.bool(true))
      }
    case "isinstance", "issubclass":
      guard arguments.positional.count == 2 else { return .data(.unknown(name)) }
      var candidates: [RValue] = [arguments.positional[1]]
      if case .data(.tuple) = arguments.positional[1] { return .data(.unknown(name)) }
      candidates = candidates.filter(\.isObject)
      var type: PyClassObject?
      if case .instance(let instance) = subject, name == "isinstance" { type = instance.type }
      if case .classObject(let given) = subject, name == "issubclass" { type = given }
      guard let type, case .classObject(let other)? = candidates.first else {
        return .data(.unknown(name))
      }
      if type.isSubclass(of: other) { return .data(.bool(true)) }
      return type.hasOpaqueBase ? .data(.unknown(name)) : .data(.bool(false))
    default:
      return nil
    }
  }

  /// `getattr(settings, 'NAME', default)` and `hasattr(settings, 'NAME')` on Django's
  /// configured settings: a setting the project sets, else the default given. A name the
  /// project does not set may still have Django's own default, so `hasattr` of it is unknown.
  package func settingsAttribute(
    _ name: String, _ arguments: Arguments, _ settings: [String: PyValue]
  ) -> RValue? {
    guard name == "getattr" || name == "hasattr" else { return nil }
    guard arguments.positional.count >= 2,
      case .string(let attribute) = arguments.positional[1].pyValue
    else { return .data(.unknown(name)) }
    if let value = settings[attribute] { return .data(name == "hasattr" ? .bool(true) : value) }
    if name == "getattr", arguments.positional.count >= 3 { return arguments.positional[2] }
    return .data(.unknown("setting \(attribute) (not set; Django's default)"))
  }

  /// Calling a class (a new instance), an instance (`__call__`), a closure, a bound method
  /// or a library object.
  package mutating func invokeObject(
    _ function: RValue, _ arguments: Arguments, _ at: Location, _ frame: Frame,
    statement: Location
  ) -> RValue {
    switch function {
    case .classObject(let type):
      if let constructor = type.find("__new__")?.0, case .native = constructor {
        return invoke(constructor, arguments, at, frame, statement: statement)
      }
      let instance = PyInstance(type: type)
      let receiver = RValue.instance(instance)
      if let (initializer, owner) = type.find("__init__") {
        _ = invoke(
          bindToReceiver(initializer, receiver, owner), arguments, at, frame, statement: statement)
      }
      return receiver
    case .instance(let instance):
      guard let (method, owner) = instance.type.find("__call__") else {
        return missingAttribute(instance.type, "__call__")
      }
      return invoke(
        bindToReceiver(method, function, owner), arguments, at, frame, statement: statement)
    case .closure(let definition, let module, let enclosing):
      return callFunction(
        definition.parameters, .body(definition.body), module: module, arguments, at, frame,
        statement: statement, enclosing: enclosing, isAsync: definition.isAsync)
    case .method(let target, let receiver, let owner):
      var bound = arguments
      bound.positional.insert(receiver, at: 0)
      bound.identities.insert(nil, at: 0)
      let context = owner.map { ($0, receiver) }
      switch target {
      case .function(let definition, let module):
        return callFunction(
          definition.parameters, .body(definition.body), module: module, bound, at, frame,
          statement: statement, superContext: context, isAsync: definition.isAsync)
      case .closure(let definition, let module, let enclosing):
        return callFunction(
          definition.parameters, .body(definition.body), module: module, bound, at, frame,
          statement: statement, enclosing: enclosing, superContext: context,
          isAsync: definition.isAsync)
      default:
        return invoke(target, bound, at, frame, statement: statement)
      }
    case .native(let object):
      return object.call(arguments, at: at, &self)
        ?? .data(.unknown("\(object.typeName) is not callable"))
    default:
      return .data(.unknown("call of an object"))
    }
  }
}

/// A library object that keeps attributes code sets on it (`request.is_health = True`).
package protocol PyAttributeStore: AnyObject {
  func store(_ name: String, _ value: RValue)
}
