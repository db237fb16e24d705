import EBCheckCore

/// DRF's permission, authentication and throttle classes as library classes (DRF 3.15,
/// djangorestframework-simplejwt 5, django-rest-knox 4): what each does with the health
/// checker's request, which carries no credentials. A repository class deriving from one
/// inherits these methods and overrides what it defines; its own code runs.
package enum RestFrameworkLibrary {
  /// The class at an import path, nil when not modelled.
  package static func libraryClass(_ qualified: String) -> PyClassObject? {
    let parts = qualified.split(separator: ".").map(String.init)
    guard let name = parts.last else { return nil }
    let module = parts.dropLast().joined(separator: ".")
    switch module {
    case "rest_framework.permissions": return permissionClass(name)
    case "rest_framework.authentication": return authenticationClass(name, module: module)
    case "rest_framework.throttling": return throttleClass(name)
    case "rest_framework_simplejwt.authentication" where name.hasPrefix("JWT"),
      "knox.auth" where name == "TokenAuthentication":
      return authenticationClass(name, module: module)
    default: return nil
    }
  }

  /// Whether an import path names one of the classes above (without building it).
  package static func isLibraryClass(_ qualified: String) -> Bool {
    guard let dot = qualified.lastIndex(of: ".") else { return false }
    let name = String(qualified[qualified.index(after: dot)...])
    switch qualified[..<dot] {
    case "rest_framework.permissions": return permissionRules[name] != nil
    case "rest_framework.authentication": return challenges[name] != nil
    case "rest_framework.throttling": return throttleScopes[name] != nil
    case "rest_framework_simplejwt.authentication": return name.hasPrefix("JWT")
    case "knox.auth": return name == "TokenAuthentication"
    default: return false
    }
  }

  /// Packages whose classes above a view module imports.
  package static let packages: Set<String> = ["rest_framework_simplejwt", "knox"]

  // MARK: permissions

  /// What `has_permission` decides for the request's user (anonymous unless an
  /// authentication class of the repository returned one).
  package enum PermissionRule {
    case always
    case authenticated
    case staff
    case safeMethodOrAuthenticated
  }

  package static let permissionRules: [String: PermissionRule] = [
    "BasePermission": .always, "AllowAny": .always, "IsAuthenticated": .authenticated,
    "IsAdminUser": .staff, "IsAuthenticatedOrReadOnly": .safeMethodOrAuthenticated,
    // Model permissions refuse an anonymous user before the queryset is read; the read-only
    // variant lets an anonymous GET through (no permission is required for it).
    "DjangoModelPermissions": .authenticated, "DjangoObjectPermissions": .authenticated,
    "DjangoModelPermissionsOrAnonReadOnly": .safeMethodOrAuthenticated,
  ]

  package static func permissionClass(_ name: String) -> PyClassObject? {
    guard let rule = permissionRules[name] else { return nil }
    let check = NativeFunction("has_permission") { arguments, location, interpreter in
      guard arguments.positional.count >= 2 else { return .data(.unknown("has_permission()")) }
      let request = arguments.positional[1]
      func flag(_ name: String) -> RValue {
        let user = interpreter.objectAttribute(
          request, "user", location, Frame(module: interpreter.root))
        return interpreter.objectAttribute(user, name, location, Frame(module: interpreter.root))
      }
      switch rule {
      case .always: return .data(.bool(true))
      case .authenticated: return flag("is_authenticated")
      case .staff: return flag("is_staff")
      case .safeMethodOrAuthenticated:
        let method = interpreter.objectAttribute(
          request, "method", location, Frame(module: interpreter.root))
        if case .string(let verb) = method.pyValue, ["GET", "HEAD", "OPTIONS"].contains(verb) {
          return .data(.bool(true))
        }
        return flag("is_authenticated")
      }
    }
    let objectCheck = NativeFunction("has_object_permission") { _, _, _ in .data(.bool(true)) }
    return PyClassObject(
      name: name, module: "rest_framework.permissions",
      namespace: [
        "has_permission": .native(check), "has_object_permission": .native(objectCheck),
      ])
  }

  // MARK: authentication

  /// The challenge `authenticate_header` names (nil: none, so DRF answers 403).
  package static let challenges: [String: String?] = [
    "BaseAuthentication": nil, "SessionAuthentication": nil, "RemoteUserAuthentication": nil,
    "BasicAuthentication": "Basic realm=\"api\"", "TokenAuthentication": "Token",
    "JWTAuthentication": "Bearer realm=\"api\"",
    "JWTStatelessUserAuthentication":
      "Bearer realm=\"api\"",
    "JWTTokenUserAuthentication": "Bearer realm=\"api\"",
  ]

  package static func authenticationClass(_ name: String, module: String) -> PyClassObject? {
    guard let challenge = challenges[name] else { return nil }
    // Without an Authorization header, a session cookie or REMOTE_USER, each returns None.
    let authenticate = NativeFunction("authenticate") { _, location, interpreter in
      guard name != "BaseAuthentication" else {
        interpreter.pendingRaise = ("NotImplementedError", location)
        return .data(.unknown("BaseAuthentication.authenticate()"))
      }
      return .data(.none)
    }
    let header = NativeFunction("authenticate_header") { arguments, _, interpreter in
      // TokenAuthentication answers with its `keyword` (a subclass may rename it).
      if name == "TokenAuthentication", let receiver = arguments.positional.first,
        let keyword = interpreter.boundMethod(receiver, "keyword")
      {
        return keyword
      }
      return .data(challenge.map { .string($0) } ?? .none)
    }
    var namespace: [String: RValue] = [
      "authenticate": .native(authenticate), "authenticate_header": .native(header),
    ]
    if name == "TokenAuthentication" { namespace["keyword"] = .data(.string("Token")) }
    return PyClassObject(name: name, module: module, namespace: namespace)
  }

  // MARK: throttles

  package static let throttleScopes: [String: String?] = [
    "BaseThrottle": nil, "SimpleRateThrottle": nil, "AnonRateThrottle": "anon",
    "UserRateThrottle": "user", "ScopedRateThrottle": nil,
  ]

  package static func throttleClass(_ name: String) -> PyClassObject? {
    guard let scope = throttleScopes[name] else { return nil }
    var namespace: [String: RValue] = [:]
    if name == "BaseThrottle" {
      namespace["allow_request"] = .native(
        NativeFunction("allow_request") { _, location, interpreter in
          interpreter.pendingRaise = ("NotImplementedError", location)
          return .data(.unknown("BaseThrottle.allow_request()"))
        })
    } else {
      namespace["allow_request"] = .native(
        NativeFunction("allow_request") { arguments, location, interpreter in
          RestFrameworkThrottle.allowRequest(name, arguments, at: location, &interpreter)
        })
    }
    namespace["wait"] = .native(NativeFunction("wait") { _, _, _ in .data(.none) })
    if let scope { namespace["scope"] = .data(.string(scope)) }
    return PyClassObject(name: name, module: "rest_framework.throttling", namespace: namespace)
  }
}

/// `IsAuthenticated | HasAPIKey`, `A & B`, `~A`: DRF's permission classes compose through
/// their metaclass into an operand holder DRF instantiates like a class.
package final class ComposedPermission: PyNativeObject {
  package enum Operation: String {
    case and = "&"
    case or = "|"
    case not = "~"
  }

  package let operation: Operation
  package let operands: [RValue]

  package init(_ operation: Operation, _ operands: [RValue]) {
    self.operation = operation
    self.operands = operands
  }

  package var typeName: String { "OperandHolder" }

  package var description: String {
    let names = operands.map(RestFrameworkCycle.name)
    return operation == .not
      ? "~" + (names.first ?? "") : names.joined(separator: " \(operation.rawValue) ")
  }

  /// `a & b` or `a | b` of DRF permission classes; nil for any other operator or operand.
  package static func compose(_ operation: PyBinaryOperator, _ a: RValue, _ b: RValue)
    -> RValue?
  {
    switch operation {
    case .bitAnd: return compose(.and, [a, b])
    case .bitOr: return compose(.or, [a, b])
    default: return nil
    }
  }

  /// The composition of `a op b` (or `~a`) when every operand is a DRF permission class.
  package static func compose(_ operation: Operation, _ operands: [RValue]) -> RValue? {
    guard operands.allSatisfy(isPermission) else { return nil }
    return .native(ComposedPermission(operation, operands))
  }

  package static func isPermission(_ value: RValue) -> Bool {
    switch value {
    case .module(let path): return path.hasPrefix("rest_framework.permissions.")
    case .classObject(let type):
      return type.resolutionOrder.contains { $0.module == "rest_framework.permissions" }
    case .native(let object): return object is ComposedPermission
    default: return false
    }
  }
}
