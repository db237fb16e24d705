import EBCheckCore

/// What calling an `async def` gives: the call, not yet run. `await` runs it (the interpreter
/// has no event loop: a coroutine runs to its end when awaited, as one task would).
package final class CoroutineObject: PyNativeObject {
  package typealias Body = (inout PyInterpreter) -> RValue
  package let name: String
  package let body: Body
  package private(set) var awaited = false

  package init(_ name: String, _ body: @escaping Body) {
    self.name = name
    self.body = body
  }

  package var typeName: String { "coroutine" }

  /// Runs the coroutine; a second await of the same one is unknown (Python raises).
  package func run(_ interpreter: inout PyInterpreter) -> RValue {
    guard !awaited else { return .data(.unknown("a coroutine awaited twice")) }
    awaited = true
    return body(&interpreter)
  }
}

extension PyInterpreter {
  /// `await value`: runs a coroutine; anything else is not awaitable here (unknown).
  package mutating func awaitValue(_ value: RValue) -> RValue {
    if case .native(let coroutine as CoroutineObject) = value { return coroutine.run(&self) }
    if case .data(let data) = value, data.truthiness == nil { return value }
    return .data(.unknown("await of a value that is not a coroutine"))
  }

  /// Whether `value` is a coroutine function (`asyncio`/`inspect`/asgiref's
  /// `iscoroutinefunction`): an `async def`, or an object marked by `markcoroutinefunction`.
  package func isCoroutineFunction(_ value: RValue) -> PyValue {
    switch value {
    case .function(let definition, _), .closure(let definition, _, _):
      return .bool(definition.isAsync)
    case .method(let target, _, _):
      return isCoroutineFunction(target)
    case .instance(let instance):
      // An instance counts only once marked, whatever its __call__ is (as in Python).
      return .bool(instance.attributes[Self.coroutineMarker] != nil)
    case .classObject:
      return .bool(false)
    case .native(let object as PassOnFunction):
      return .bool(object.isAsync)
    case .native(let object):
      _ = object
      return .bool(false)
    default:
      return .unknown("iscoroutinefunction() of a value ebcheck cannot tell")
    }
  }

  /// The attribute `markcoroutinefunction` sets (inspect's marker in Python 3.12+).
  package static let coroutineMarker = "_is_coroutine_marker"
}
