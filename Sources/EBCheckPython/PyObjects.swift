import EBCheckCore

/// A class defined by a `class` statement, or one of the library classes the interpreter
/// models (`MiddlewareMixin`, `django.views.View`…), whose methods are native.
package final class PyClassObject {
  package let name: String
  /// Dotted module the class was defined in (`django.utils.deprecation` for modelled ones).
  package let module: String
  package var bases: [PyClassObject]
  /// Names bound in the class body: methods, class attributes.
  package var namespace: [String: RValue]
  package let location: Location?
  /// Bases the interpreter does not model (an external class it cannot see into).
  package var opaqueBases: [String]

  package init(
    name: String, module: String, bases: [PyClassObject] = [], namespace: [String: RValue] = [:],
    location: Location? = nil, opaqueBases: [String] = []
  ) {
    self.name = name
    self.module = module
    self.bases = bases
    self.namespace = namespace
    self.location = location
    self.opaqueBases = opaqueBases
  }

  /// Classes followed when resolving an attribute; deeper hierarchies end as unknown.
  package static let maximumResolutionOrder = 256

  package var qualifiedName: String { module.isEmpty ? name : module + "." + name }

  /// Method resolution order: the class, then its bases depth first, left to right,
  /// each class once (the C3 order for every hierarchy without diamonds).
  package var resolutionOrder: [PyClassObject] {
    var order: [PyClassObject] = []
    var pending: [PyClassObject] = [self]
    var steps = 0
    while let next = pending.first, steps < Self.maximumResolutionOrder {
      steps += 1
      pending.removeFirst()
      if order.contains(where: { $0 === next }) { continue }
      order.append(next)
      pending.insert(contentsOf: next.bases, at: 0)
    }
    return order
  }

  /// The first class in the resolution order (from `start` on) that binds `name`.
  package func find(_ name: String, after start: PyClassObject? = nil) -> (RValue, PyClassObject)? {
    var order = resolutionOrder
    if let start, let index = order.firstIndex(where: { $0 === start }) {
      order = Array(order[(index + 1)...])
    }
    for candidate in order {
      if let found = candidate.namespace[name] { return (found, candidate) }
    }
    return nil
  }

  /// Whether the class is `other` or derives from it.
  package func isSubclass(of other: PyClassObject) -> Bool {
    resolutionOrder.contains { $0 === other }
  }

  /// Whether some class in the hierarchy has a base the interpreter cannot see into.
  package var hasOpaqueBase: Bool { resolutionOrder.contains { !$0.opaqueBases.isEmpty } }
}

/// An instance of a `PyClassObject`: its own attributes (set by `__init__` and methods).
package final class PyInstance {
  package let type: PyClassObject
  package var attributes: [String: RValue] = [:]

  package init(type: PyClassObject) {
    self.type = type
  }
}

/// An object of the modelled library (a request, a response, `get_response`…): the
/// interpreter asks it for attributes and calls.
package protocol PyNativeObject: AnyObject {
  /// The Python class name, for messages and `isinstance`.
  var typeName: String { get }
  /// `object.name`; nil when the object has no such attribute.
  func attribute(_ name: String, at location: Location, _ interpreter: inout PyInterpreter)
    -> RValue?
  /// `object.name(arguments)`; nil when the object has no such method.
  func callMethod(
    _ name: String, _ arguments: Arguments, at location: Location,
    _ interpreter: inout PyInterpreter
  ) -> RValue?
  /// `object(arguments)`; nil when the object is not callable.
  func call(_ arguments: Arguments, at location: Location, _ interpreter: inout PyInterpreter)
    -> RValue?
  /// `object[key]`; nil when the object is not subscriptable.
  func item(_ key: PyValue, at location: Location, _ interpreter: inout PyInterpreter) -> RValue?
}

/// What an object without attributes, methods, calls or items answers: nothing.
extension PyNativeObject {
  package func attribute(_ name: String, at location: Location, _ interpreter: inout PyInterpreter)
    -> RValue?
  { nil }
  package func callMethod(
    _ name: String, _ arguments: Arguments, at location: Location,
    _ interpreter: inout PyInterpreter
  ) -> RValue? { nil }
  package func call(
    _ arguments: Arguments, at location: Location, _ interpreter: inout PyInterpreter
  )
    -> RValue?
  { nil }
  package func item(_ key: PyValue, at location: Location, _ interpreter: inout PyInterpreter)
    -> RValue?
  { nil }
}

extension RValue {
  /// Python truthiness of objects the settings idioms never produced: classes, instances,
  /// functions and modelled library objects are true (an instance defining `__bool__` or
  /// `__len__` is not decided). Data keeps its own rule.
  package var truthiness: Bool? {
    switch self {
    case .classObject, .closure, .method, .native, .superObject: return true
    case .instance(let instance):
      if instance.type.find("__bool__") != nil || instance.type.find("__len__") != nil {
        return nil
      }
      return true
    default: return pyValue.truthiness
    }
  }

  /// Whether the value is one of the objects above (not data).
  package var isObject: Bool {
    switch self {
    case .classObject, .closure, .method, .native, .superObject, .instance: return true
    default: return false
    }
  }

  /// `a is b` where one side is an object: identity of reference types, nil when unknown.
  package static func identical(_ a: RValue, _ b: RValue) -> Bool? {
    switch (a, b) {
    case (.instance(let x), .instance(let y)): return x === y
    case (.classObject(let x), .classObject(let y)): return x === y
    case (.native(let x), .native(let y)): return x === y
    case (.data(let value), let object) where object.isObject:
      if case .unknown = value { return nil }
      if case .dynamic = value { return nil }
      return false
    case (let object, .data(let value)) where object.isObject:
      if case .unknown = value { return nil }
      if case .dynamic = value { return nil }
      return false
    default: return nil
    }
  }
}
