import EBCheckCore

extension DjangoClassViews {
  /// `ContextMixin`, `TemplateResponseMixin`, `TemplateView` and `RedirectView`.
  package static func templateNamespace(of name: String) -> [String: RValue] {
    switch name {
    case "ContextMixin":
      return [
        "extra_context": .data(.none),
        "get_context_data": method("get_context_data") { _, arguments, _, _ in
          .data(
            .dict(arguments.keywords.map { PyDictEntry(key: .string($0.0), value: $0.1.pyValue) }))
        },
      ]
    case "TemplateResponseMixin":
      return [
        "template_name": .data(.none), "template_engine": .data(.none),
        "content_type": .data(.none),
        "get_template_names": method("get_template_names") { receiver, _, location, interpreter in
          // "TemplateResponseMixin requires either a definition of 'template_name' or an
          // implementation of 'get_template_names()'"
          let name = attribute(receiver, "template_name", &interpreter) ?? .data(.none)
          if name.pyValue == .none {
            return raise("ImproperlyConfigured", at: location, &interpreter)
          }
          return .data(.list([PyElement(name.pyValue)]))
        },
        "render_to_response": method("render_to_response") { receiver, _, location, interpreter in
          renderToResponse(receiver, at: location, &interpreter)
        },
      ]
    case "TemplateView":
      return [
        "get": method("get") { receiver, arguments, location, interpreter in
          // context = self.get_context_data(**kwargs); return self.render_to_response(context)
          var context = Arguments()
          context.keywords = arguments.keywords
          let data =
            call(receiver, "get_context_data", context, at: location, &interpreter)
            ?? .data(.dict([]))
          if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
          return call(
            receiver, "render_to_response", .passing([data]), at: location, &interpreter)
            ?? .data(.unknown("render_to_response()"))
        }
      ]
    case "RedirectView":
      var namespace: [String: RValue] = [
        "permanent": .data(.bool(false)), "url": .data(.none), "pattern_name": .data(.none),
        "query_string": .data(.bool(false)),
        "get_redirect_url": method("get_redirect_url") { receiver, _, _, interpreter in
          DjangoViewLibrary.redirectURL(receiver, &interpreter)
        },
      ]
      let get = method("get") { receiver, arguments, location, interpreter in
        redirectViewGet(receiver, arguments, at: location, &interpreter)
      }
      // head, post, options, delete, put and patch all answer as get does.
      for handler in ["get", "head", "post", "options", "delete", "put", "patch"] {
        namespace[handler] = get
      }
      return namespace
    default:
      return [:]
    }
  }

  /// `render_to_response(context)`: a `TemplateResponse` of `get_template_names()`, which
  /// Django renders after the view returns (the first name is the one looked up).
  package static func renderToResponse(
    _ receiver: RValue, at location: Location, _ interpreter: inout PyInterpreter
  ) -> RValue {
    let names =
      method(receiver, "get_template_names", at: location, &interpreter)
    if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
    let template: PyValue
    switch names.pyValue {
    case .string(let name): template = .string(name)
    case let value:
      guard let items = PyOperations.iterate(value) else {
        template = .unknown("the template names cannot be evaluated")
        break
      }
      guard let first = items.first else {
        return raise("ImproperlyConfigured", at: location, &interpreter)
      }
      template = first.value
    }
    let at = binding(
      receiver, "template_name", or: binding(receiver, "get_template_names", or: location))
    return DjangoViewLibrary.rendered(
      .data(template), status: nil, at: at, className: "TemplateResponse")
  }

  /// `RedirectView.get`: `get_redirect_url(*args, **kwargs)` (the repository's when it
  /// overrides it); None is 410 Gone; 301 when `permanent`, else 302.
  package static func redirectViewGet(
    _ receiver: RValue, _ arguments: Arguments, at location: Location,
    _ interpreter: inout PyInterpreter
  ) -> RValue {
    var rest = arguments
    if !rest.positional.isEmpty {
      rest.positional.removeFirst()
      if !rest.identities.isEmpty { rest.identities.removeFirst() }
    }
    let url =
      call(receiver, "get_redirect_url", rest, at: location, &interpreter)?.pyValue
      ?? .unknown("get_redirect_url()")
    if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
    guard let hasURL = url.truthiness else {
      return .data(.unknown("the URL get_redirect_url() returns cannot be evaluated"))
    }
    if !hasURL {
      return .native(
        ResponseObject(className: "HttpResponseGone", status: .int(410), location: location))
    }
    let permanent = attribute(receiver, "permanent", &interpreter)?.pyValue ?? .bool(false)
    guard let isPermanent = permanent.truthiness else {
      return .data(.unknown("RedirectView's permanent cannot be evaluated"))
    }
    let at = binding(receiver, "get_redirect_url", or: binding(receiver, "url", or: location))
    return .native(
      ResponseObject(
        className: isPermanent ? "HttpResponsePermanentRedirect" : "HttpResponseRedirect",
        status: .int(isPermanent ? 301 : 302), location: at, redirectTo: url))
  }
}
