import EBCheckCore

/// The objects code keeps in lists and tuples (`permission_classes = [IsAuthenticated]`,
/// `return [AllowAny()]`): a container holds data, so each object is held here and the
/// container holds its handle; reading the element back gives the object itself, as Python does.
package final class HeldObjects {
  package var objects: [RValue] = []
  /// The handle of each class or instance already held (the same object, the same handle).
  package var handles: [ObjectIdentifier: Int] = [:]
  /// Objects one evaluation may hold; more are kept as unknown.
  package static let maximumObjects = 10_000

  package init() {}

  package static let kind = "held object"
}

extension PyInterpreter {
  /// How `value` is kept as an element of a list or tuple: data as it is, a class, an
  /// instance or a modelled library class by handle (its qualified name beside it).
  package mutating func heldValue(_ value: RValue) -> PyValue {
    let identity: ObjectIdentifier?
    let qualified: String?
    switch value {
    case .classObject(let type):
      identity = ObjectIdentifier(type)
      qualified = type.qualifiedName
    case .instance(let instance):
      identity = ObjectIdentifier(instance)
      qualified = nil
    case .native(let composed as ComposedPermission):
      identity = ObjectIdentifier(composed)
      qualified = nil
    case .module(let path) where RestFrameworkLibrary.isLibraryClass(path):
      identity = nil
      qualified = path
    default:
      return value.pyValue
    }
    let store = evaluator.heldObjects
    let handle: Int
    if let identity, let known = store.handles[identity] {
      handle = known
    } else {
      guard store.objects.count < HeldObjects.maximumObjects else { return value.pyValue }
      handle = store.objects.count
      store.objects.append(value)
      if let identity { store.handles[identity] = handle }
    }
    var fields: [String: PyValue] = [
      "handle": .int(handle), "evaluator": .int(ObjectIdentifier(evaluator).hashValue),
    ]
    if let qualified { fields["qualified"] = .string(qualified) }
    return .libraryObject(
      LibraryObject(
        kind: HeldObjects.kind, fields: fields, location: Location(file: "", span: Span(at: 0))))
  }

  /// The object an element holds (the one `heldValue` kept), else the element as data. A
  /// handle from another evaluation stays data (its qualified name is still readable).
  package func restored(_ value: PyValue) -> RValue {
    guard case .libraryObject(let object) = value, object.kind == HeldObjects.kind,
      case .int(let handle)? = object["handle"],
      object["evaluator"] == .int(ObjectIdentifier(evaluator).hashValue),
      handle >= 0, handle < evaluator.heldObjects.objects.count
    else { return .data(value) }
    return evaluator.heldObjects.objects[handle]
  }

  /// The elements of a list or tuple with the objects they hold; nil when it is neither.
  package func restoredElements(_ value: RValue) -> [RValue]? {
    if case .native(let list as ClassListObject) = value { return list.classes }
    guard let elements = PyOperations.iterate(value.pyValue) else { return nil }
    return elements.map { restored($0.value) }
  }
}

extension PyValue {
  /// The qualified name of the class a held element names (for readers of evaluated settings).
  package var heldClassName: String? {
    guard case .libraryObject(let object) = self, object.kind == HeldObjects.kind else {
      return nil
    }
    return object["qualified"]?.stringValue
  }
}
