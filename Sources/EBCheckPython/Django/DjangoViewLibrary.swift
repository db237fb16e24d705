import EBCheckCore

/// What a view calls in Django and DRF beyond the response classes: the template shortcuts
/// (`render`, `TemplateResponse`), DRF's `Response` and status constants, and the services a
/// view reaches outside the repository (the database, the cache, the network).
package enum DjangoViewLibrary {
  /// Packages a view imports from whose names this library models (besides `django`).
  package static let packages = Set(["rest_framework"]).union(RestFrameworkLibrary.packages)

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

  package init(failing: Bool) {
    self.failing = failing
  }

  package func note(_ condition: String) {
    if !conditions.contains(condition) { conditions.append(condition) }
  }
}

extension DjangoViewLibrary {
  /// `django.views.View` and its generic subclasses as bases of a repository's class: their
  /// `dispatch()` calls the handler named by the request's method; `View` without one
  /// answers 405. What the generic views' own handlers answer is the URL layer's model.
  package static func viewClass(_ name: String) -> PyClassObject {
    let dispatch = NativeFunction("dispatch") { arguments, location, interpreter in
      guard arguments.positional.count >= 2 else { return .data(.unknown("dispatch()")) }
      let receiver = arguments.positional[0]
      let request = arguments.positional[1]
      guard case .native(let object as HttpRequestObject) = request else {
        return .data(.unknown("dispatch() without the request"))
      }
      let method = object.data.method.lowercased()
      if let handler = interpreter.boundMethod(receiver, method) {
        return interpreter.invokeFromLibrary(handler, [request], at: location)
      }
      guard name == "View" else {
        return .data(.unknown("\(name).\(method)(), Django's own handler"))
      }
      return .native(
        ResponseObject(className: "HttpResponseNotAllowed", status: .int(405), location: location))
    }
    var namespace: [String: RValue] = ["dispatch": .native(dispatch)]
    switch name {
    case "TemplateView":
      namespace["get"] = .native(
        NativeFunction("get") { arguments, location, interpreter in
          templateViewGet(arguments, at: location, &interpreter)
        })
      namespace["get_context_data"] = .native(
        NativeFunction("get_context_data") { _, _, _ in
          .data(.dict([]))
        })
    case "RedirectView":
      namespace["get"] = .native(
        NativeFunction("get") { arguments, location, interpreter in
          redirectViewGet(arguments, at: location, &interpreter)
        })
      namespace["get_redirect_url"] = .native(
        NativeFunction("get_redirect_url") {
          arguments, _, interpreter in
          redirectURL(arguments.positional.first, &interpreter)
        })
    default:
      break
    }
    return PyClassObject(name: name, module: "django.views.generic.base", namespace: namespace)
  }

  /// `TemplateView.get`: the context (the repository's `get_context_data` runs), then a
  /// `TemplateResponse` of `get_template_names()[0]` or `template_name`; none is
  /// `ImproperlyConfigured` (500).
  package static func templateViewGet(
    _ arguments: Arguments, at location: Location, _ interpreter: inout PyInterpreter
  ) -> RValue {
    guard let receiver = arguments.positional.first else { return .data(.unknown("get()")) }
    if let context = interpreter.boundMethod(receiver, "get_context_data") {
      _ = interpreter.invokeFromLibrary(context, [], at: location)
      if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
    }
    var template: PyValue = .none
    if let names = interpreter.boundMethod(receiver, "get_template_names") {
      let listed = interpreter.invokeFromLibrary(names, [], at: location).pyValue
      template = PyOperations.iterate(listed)?.first?.value ?? .unknown("get_template_names()")
    } else if let name = interpreter.boundMethod(receiver, "template_name") {
      template = name.pyValue
    }
    if template == .none {
      interpreter.pendingRaise = ("ImproperlyConfigured", location)
      return .data(.unknown("ImproperlyConfigured"))
    }
    return rendered(.data(template), status: nil, at: location, className: "TemplateResponse")
  }

  /// `RedirectView.get`: `get_redirect_url()` (the repository's, or `url`, else
  /// `pattern_name` reversed); None is 410 Gone; 301 when `permanent`, else 302.
  package static func redirectViewGet(
    _ arguments: Arguments, at location: Location, _ interpreter: inout PyInterpreter
  ) -> RValue {
    guard let receiver = arguments.positional.first,
      let method = interpreter.boundMethod(receiver, "get_redirect_url")
    else { return .data(.unknown("get()")) }
    let url = interpreter.invokeFromLibrary(method, [], at: location).pyValue
    if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
    if url == .none {
      return .native(
        ResponseObject(className: "HttpResponseGone", status: .int(410), location: location))
    }
    let permanent = interpreter.boundMethod(receiver, "permanent")?.pyValue ?? .bool(false)
    guard let isPermanent = permanent.truthiness else {
      return .data(.unknown("RedirectView's permanent cannot be evaluated"))
    }
    return .native(
      ResponseObject(
        className: isPermanent ? "HttpResponsePermanentRedirect" : "HttpResponseRedirect",
        status: .int(isPermanent ? 301 : 302), location: location, redirectTo: url))
  }

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
