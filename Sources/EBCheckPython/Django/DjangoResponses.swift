import EBCheckCore

/// A response object: its status and where it was made. `passedOn` marks the response
/// `get_response(request)` returns (the rest of the chain answered; its status is theirs).
package final class ResponseObject: PyNativeObject, PyAttributeStore {
  package let className: String
  package let status: PyValue
  package let location: Location
  package let passedOn: Bool
  /// The `Location` header of a redirect, when known.
  package let redirectTo: PyValue?
  /// The template a `render()` or `TemplateResponse` renders (by name), when it does.
  package var template: PyValue?
  package var extra: [String: RValue] = [:]
  /// Whether `LocaleMiddleware.process_response` handled it (a passed-on response).
  package var appliesLocale = false
  /// A login decorator's redirect to LOGIN_URL.
  package var isLoginRedirect = false
  /// The methods a 405 from a method decorator or `@api_view` allows.
  package var allowedMethods: [String]?
  /// Why DRF's permission check refused the anonymous checker.
  package var deniedReason: String?

  package init(
    className: String, status: PyValue, location: Location, passedOn: Bool = false,
    redirectTo: PyValue? = nil
  ) {
    self.className = className
    self.status = status
    self.location = location
    self.passedOn = passedOn
    self.redirectTo = redirectTo
  }

  package var typeName: String { className }

  package func store(_ name: String, _ value: RValue) { extra[name] = value }

  package func attribute(_ name: String, at location: Location, _ interpreter: inout PyInterpreter)
    -> RValue?
  {
    if let value = extra[name] { return value }
    switch name {
    case "status_code":
      if passedOn {
        return .data(.unknown("the status of the response from the rest of the chain"))
      }
      return .data(status)
    case "url": return redirectTo.map { .data($0) }
    case "headers", "cookies": return .data(.dict([]))
    default: return nil
    }
  }

  package func callMethod(
    _ name: String, _ arguments: Arguments, at location: Location,
    _ interpreter: inout PyInterpreter
  ) -> RValue? {
    switch name {
    case "set_cookie", "delete_cookie", "set_signed_cookie", "setdefault", "__setitem__",
      "__delitem__", "write", "flush", "close":
      return .data(.none)
    case "has_header": return .data(.unknown("response headers"))
    default: return nil
    }
  }

  package func item(_ key: PyValue, at location: Location, _ interpreter: inout PyInterpreter)
    -> RValue?
  {
    .data(.unknown("response header"))
  }
}

/// Django's response classes, shortcuts and exceptions.
package enum DjangoResponses {
  /// The fixed status of each `HttpResponse` subclass (`HttpResponse` itself: 200 unless
  /// `status=`).
  package static let classes: [String: Int] = [
    "HttpResponse": 200, "JsonResponse": 200, "StreamingHttpResponse": 200, "FileResponse": 200,
    "HttpResponseRedirect": 302, "HttpResponsePermanentRedirect": 301,
    "HttpResponseNotModified": 304, "HttpResponseBadRequest": 400, "HttpResponseNotFound": 404,
    "HttpResponseForbidden": 403, "HttpResponseNotAllowed": 405, "HttpResponseGone": 410,
    "HttpResponseServerError": 500, "TemplateResponse": 200, "SimpleTemplateResponse": 200,
  ]

  /// Modules that export the response classes.
  package static let modules: Set<String> = [
    "django.http", "django.http.response", "django.template.response",
  ]

  /// `http.HTTPStatus` members a health view uses.
  package static let httpStatus: [String: Int] = [
    "OK": 200, "CREATED": 201, "ACCEPTED": 202, "NO_CONTENT": 204, "MOVED_PERMANENTLY": 301,
    "FOUND": 302, "SEE_OTHER": 303, "NOT_MODIFIED": 304, "TEMPORARY_REDIRECT": 307,
    "PERMANENT_REDIRECT": 308, "BAD_REQUEST": 400, "UNAUTHORIZED": 401, "FORBIDDEN": 403,
    "NOT_FOUND": 404, "METHOD_NOT_ALLOWED": 405, "GONE": 410, "INTERNAL_SERVER_ERROR": 500,
    "SERVICE_UNAVAILABLE": 503,
  ]

  /// The status Django answers when a middleware or view raises `kind` (uncaught): the
  /// handler turns `Http404` into 404, `PermissionDenied` 403, `SuspiciousOperation` and
  /// its subclasses 400, `BadRequest` 400, anything else 500. nil when `kind` does not
  /// name an exception class (`raise error` of a variable).
  package static func status(ofRaised kind: String) -> Int? {
    switch kind {
    case "Http404", "Resolver404": return 404
    case "PermissionDenied": return 403
    case "BadRequest", "SuspiciousOperation", "DisallowedHost", "DisallowedRedirect",
      "SuspiciousFileOperation", "SuspiciousMultipartForm", "TooManyFieldsSent",
      "TooManyFilesSent", "RequestDataTooBig", "InvalidSessionKey", "SuspiciousSession",
      "DisallowedModelAdminLookup", "DisallowedModelAdminToField":
      return 400
    default:
      guard let first = kind.unicodeScalars.first, first.properties.isUppercase else { return nil }
      return 500
    }
  }

  /// A response class or shortcut called with `arguments`.
  package static func construct(
    _ className: String, _ arguments: Arguments, at location: Location,
    _ interpreter: inout PyInterpreter
  ) -> RValue {
    guard let fixed = classes[className] else { return .data(.unknown(className)) }
    var status: PyValue = .int(fixed)
    var redirect: PyValue?
    switch className {
    case "HttpResponse", "StreamingHttpResponse", "FileResponse":
      if let given = arguments.argument(2, "status") { status = statusValue(given) }
    case "JsonResponse":
      if let given = arguments.keyword("status") { status = statusValue(given) }
      let data = arguments.argument(0, "data")?.pyValue
      let safe = arguments.argument(2, "safe")?.pyValue ?? .bool(true)
      if case .bool(true) = safe, let data {
        switch data {
        case .dict: break
        case .unknown, .dynamic: break
        default:
          // "In order to allow non-dict objects to be serialized set the safe parameter to False."
          interpreter.pendingRaise = ("TypeError", location)
          return .data(.unknown("TypeError"))
        }
      }
    case "TemplateResponse", "SimpleTemplateResponse":
      if let given = arguments.argument(3, "status") { status = statusValue(given) }
    case "HttpResponseRedirect", "HttpResponsePermanentRedirect":
      redirect = arguments.argument(0, "redirect_to")?.pyValue
      if let given = arguments.keyword("status") { status = statusValue(given) }
    default:
      break
    }
    return .native(
      ResponseObject(className: className, status: status, location: location, redirectTo: redirect)
    )
  }

  package static func statusValue(_ value: RValue) -> PyValue {
    switch value {
    case .data(.int(let code)): return .int(code)
    case .module(let name) where name.hasPrefix("http.HTTPStatus."):
      let member = String(name.dropFirst("http.HTTPStatus.".count))
      return httpStatus[member].map { .int($0) } ?? .unknown("HTTPStatus.\(member)")
    case .data(.none): return .int(200)
    default: return .unknown("status=\(value.pyValue.pythonRepr)")
    }
  }

  /// `django.shortcuts.redirect(to, *args, permanent=False)`: 302 or 301 to a URL; a URL
  /// name is reversed first through `names` (one the URLconf reader did not read stays
  /// named: still a redirect, unless the name exists nowhere).
  package static func redirect(
    _ arguments: Arguments, at location: Location, names: [String: String] = [:]
  ) -> RValue {
    let permanent = arguments.keyword("permanent")?.pyValue ?? .bool(false)
    guard case .bool(let isPermanent) = permanent else {
      return .data(.unknown("redirect(permanent=…) not known"))
    }
    let target = arguments.positional.first?.pyValue
    var redirectTo = target
    if case .string(let url)? = target, !(url.contains("/") || url.contains(".")) {
      // A URL name: reversed by the URL resolver (a name it does not know raises).
      redirectTo = .string(names[url] ?? "the URL named '\(url)'")
    }
    return .native(
      ResponseObject(
        className: isPermanent ? "HttpResponsePermanentRedirect" : "HttpResponseRedirect",
        status: .int(isPermanent ? 301 : 302), location: location, redirectTo: redirectTo))
  }
}

extension ResponseObject {
  /// Whether two responses answer the same (a branch ebcheck cannot decide then does not
  /// matter): the same class, status, redirect target and template.
  package func answersLike(_ other: ResponseObject) -> Bool {
    className == other.className && status.sameValue(as: other.status)
      && passedOn == other.passedOn
      && (redirectTo ?? .none).sameValue(as: other.redirectTo ?? .none)
      && (template ?? .none).sameValue(as: other.template ?? .none)
  }
}
