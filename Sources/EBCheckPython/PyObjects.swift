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
  /// Where the class body binds each name (the value's span), for a repository class.
  package var bindingLocations: [String: Location] = [:]
  /// Where each base in `bases` is written in the `class` statement.
  package var baseLocations: [Location] = []
  /// The class's name in its `class` statement.
  package var nameLocation: Location?

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

  /// Method resolution order: Python's C3 linearization (a class before its bases, each
  /// base's own order kept, bases left to right); a hierarchy C3 refuses, or one deeper
  /// than the bound, falls back to depth first, left to right, each class once.
  package var resolutionOrder: [PyClassObject] {
    if let linear = Self.linearization(of: self, depth: 0) { return linear }
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

  /// C3: the class, then the merge of its bases' linearizations and the bases' list.
  package static func linearization(of type: PyClassObject, depth: Int) -> [PyClassObject]? {
    guard depth < 32 else { return nil }
    if type.bases.isEmpty { return [type] }
    var sequences: [[PyClassObject]] = []
    for base in type.bases {
      guard let order = linearization(of: base, depth: depth + 1) else { return nil }
      sequences.append(order)
    }
    sequences.append(type.bases)
    var result = [type]
    while result.count < maximumResolutionOrder {
      sequences.removeAll { $0.isEmpty }
      guard !sequences.isEmpty else { return result }
      let head = sequences.lazy.map { $0[0] }.first { candidate in
        !sequences.contains { $0.dropFirst().contains { $0 === candidate } }
      }
      guard let head else { return nil }
      result.append(head)
      for index in sequences.indices where sequences[index].first === head {
        sequences[index].removeFirst()
      }
    }
    return nil
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

  /// Where the class that binds `name` (first in the order) binds it, if in the repository.
  package func bindingLocation(of name: String) -> Location? {
    resolutionOrder.first { $0.namespace[name] != nil }?.bindingLocations[name]
  }

  /// Where a repository class in the order names the library base called `base`.
  package func baseLocation(naming base: String) -> Location? {
    for type in resolutionOrder {
      for (index, parent) in type.bases.enumerated()
      where parent.name == base && index < type.baseLocations.count {
        return type.baseLocations[index]
      }
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

/// `staticmethod(f)` in a class body: found on a class or an instance, the plain function.
package final class StaticMethodObject: PyNativeObject {
  package let function: RValue
  package init(_ function: RValue) { self.function = function }
  package var typeName: String { "staticmethod" }
}

/// `classmethod(f)` in a class body: found on a class or an instance, bound to the class.
package final class ClassMethodObject: PyNativeObject {
  package let function: RValue
  package init(_ function: RValue) { self.function = function }
  package var typeName: String { "classmethod" }
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
