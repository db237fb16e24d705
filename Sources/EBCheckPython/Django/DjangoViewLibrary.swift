import EBCheckCore

/// What a view calls in Django and DRF beyond the response classes: the template shortcuts
/// (`render`, `TemplateResponse`), DRF's `Response` and status constants, and the services a
/// view reaches outside the repository (the database, the cache, the network).
package enum DjangoViewLibrary {
  /// Packages a view imports from whose names this library models (besides `django`).
  package static let packages = Set(["rest_framework", "meta"]).union(
    RestFrameworkLibrary.packages)

  /// A callable by import path; nil when this library does not model it.
  package static func function(_ qualified: String) -> NativeFunction? {
    switch qualified {
    case "django.shortcuts.render":
      // render(request, template_name, context=None, content_type=None, status=None, using=None)
      return NativeFunction("render") { arguments, location, _ in
        rendered(
          arguments.argument(1, "template_name"), status: arguments.argument(4, "status"),
          at: location)
      }
    case "django.shortcuts.render_to_response":
      return NativeFunction("render_to_response") { arguments, location, _ in
        rendered(
          arguments.argument(0, "template_name"), status: arguments.argument(3, "status"),
          at: location)
      }
    case "django.template.response.TemplateResponse",
      "django.template.response.SimpleTemplateResponse":
      // TemplateResponse(request, template, context=None, content_type=None, status=None)
      let name = String(qualified.split(separator: ".").last ?? "TemplateResponse")
      return NativeFunction(name) { arguments, location, _ in
        let simple = name == "SimpleTemplateResponse"
        return rendered(
          arguments.argument(simple ? 0 : 1, "template"),
          status: arguments.argument(simple ? 3 : 4, "status"), at: location, className: name)
      }
    case "django.contrib.auth.views.redirect_to_login":
      // redirect_to_login(next, login_url=None, redirect_field_name='next'): a 302 to the
      // login URL with the path to come back to; where it goes is known when its parts are.
      return NativeFunction("redirect_to_login") { arguments, location, interpreter in
        let target: String?
        switch arguments.argument(1, "login_url")?.pyValue {
        case nil, .some(.none): target = DjangoDecorators.loginTarget(nil, &interpreter)
        case .some(.string(let url)):
          target = DjangoDecorators.loginTarget(.data(.string(url)), &interpreter)
        default: target = nil  // a login URL ebcheck cannot read
        }
        let field = arguments.argument(2, "redirect_field_name")?.pyValue ?? .string("next")
        var redirectTo: PyValue?
        if let target, case .string(let next)? = arguments.argument(0, "next")?.pyValue,
          case .string(let name) = field
        {
          redirectTo = .string(target + "?" + name + "=" + DjangoDecorators.percentEncoded(next))
        }
        let response = ResponseObject(
          className: "HttpResponseRedirect", status: .int(302), location: location,
          redirectTo: redirectTo)
        response.isLoginRedirect = true
        return .native(response)
      }
    case "rest_framework.response.Response":
      // Response(data=None, status=None, template_name=None, headers=None, ...)
      return NativeFunction("Response") { arguments, location, _ in
        let status = arguments.argument(1, "status").map(statusValue) ?? .int(200)
        return .native(ResponseObject(className: "Response", status: status, location: location))
      }
    default:
      return nil
    }
  }

  /// A response that renders `template` (its name; found or not is the URL layer's business).
  package static func rendered(
    _ template: RValue?, status: RValue?, at location: Location,
    className: String = "HttpResponse"
  ) -> RValue {
    let response = ResponseObject(
      className: className, status: status.map(statusValue) ?? .int(200), location: location)
    response.template = template?.pyValue ?? .unknown("render() without a template name")
    return .native(response)
  }

  /// `status=` given as an int, `http.HTTPStatus.X` or DRF's `status.HTTP_503_…`.
  package static func statusValue(_ value: RValue) -> PyValue {
    if case .module(let name) = value, let code = statusConstant(name) { return .int(code) }
    return DjangoResponses.statusValue(value)
  }

  /// `rest_framework.status.HTTP_503_SERVICE_UNAVAILABLE` → 503.
  package static func statusConstant(_ qualified: String) -> Int? {
    let last = qualified.split(separator: ".").last.map(String.init) ?? qualified
    guard last.hasPrefix("HTTP_"), qualified.hasPrefix("rest_framework.status.") else {
      return nil
    }
    return Int(last.dropFirst(5).prefix(3))
  }

  /// The status DRF's exception handler answers for its exceptions (inside an `APIView`).
  package static let restFrameworkExceptions: [String: Int] = [
    "NotFound": 404, "NotAuthenticated": 403, "AuthenticationFailed": 403,
    "PermissionDenied": 403, "ValidationError": 400, "ParseError": 400, "MethodNotAllowed": 405,
    "Throttled": 429, "NotAcceptable": 406, "UnsupportedMediaType": 415, "APIException": 500,
    "Http404": 404,
  ]

  /// A service outside the repository a call reaches, by the callee's import path: what the
  /// answer then depends on, and the exception the call raises when the service is down.
  package static func externalService(_ qualified: String) -> (
    condition: String, exception: String
  )? {
    let parts = qualified.split(separator: ".").map(String.init)
    if qualified.hasPrefix("django.db.") || parts.contains("objects") {
      return ("the database answers", "OperationalError")
    }
    if qualified.hasPrefix("django.core.cache.") {
      return ("the cache answers", "ConnectionError")
    }
    if ["requests", "httpx", "urllib3", "boto3"].contains(parts.first ?? "")
      || qualified.hasPrefix("urllib.request.")
    {
      return ("the network call succeeds", "ConnectionError")
    }
    if ["redis", "pymongo", "celery", "kombu", "psycopg2", "pymysql"].contains(parts.first ?? "") {
      return ("the service it calls answers", "ConnectionError")
    }
    return nil
  }
}

/// The services the code run under a request reached, in order; with `failing` set, each such
/// call raises (the run that tells what the view answers when the service is down).
package final class ExternalCallLog {
  package let failing: Bool
  package private(set) var conditions: [String] = []
  /// The rate throttles the request passed, in order (HC015 compares them with the cadence).
  package private(set) var throttles: [ThrottleNote] = []

  package init(failing: Bool) {
    self.failing = failing
  }

  package func note(_ condition: String) {
    if !conditions.contains(condition) { conditions.append(condition) }
  }

  package func note(_ throttle: ThrottleNote) {
    if !throttles.contains(throttle) { throttles.append(throttle) }
  }
}

extension DjangoViewLibrary {
  /// `RedirectView.get_redirect_url`: `url`, else the path `pattern_name` reverses to.
  package static func redirectURL(_ receiver: RValue?, _ interpreter: inout PyInterpreter)
    -> RValue
  {
    guard let receiver else { return .data(.unknown("get_redirect_url()")) }
    if let url = interpreter.boundMethod(receiver, "url"), url.pyValue != .none {
      return url
    }
    if case .string(let name)? = interpreter.boundMethod(receiver, "pattern_name")?.pyValue {
      return .data(
        interpreter.djangoURLNames[name].map { .string($0) }
          ?? .string("the URL named '\(name)'"))
    }
    return .data(.none)
  }
}
