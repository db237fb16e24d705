import EBCheckCore

/// What a URLconf calls to build `urlpatterns`, as library values the interpreter runs:
/// `path`/`re_path`/`url` (and django-distill's twins) make a `URLPattern` object,
/// `include()` an `include` object, `static()`/`staticfiles_urlpatterns()` their patterns
/// only when `DEBUG` is on, `i18n_patterns()` a language-prefixed group, and a DRF router
/// keeps its registrations until `.urls` is read. The model turns the value of
/// `urlpatterns` into the resolver; what each object holds is written here.
package enum DjangoURLLibrary {
  /// Packages whose URL helpers a URLconf imports, besides `django` and the view packages.
  package static let packages: Set<String> = [
    "django_distill", "debug_toolbar", "wagtail", "puput",
  ]

  /// Pattern functions by import path, and whether each takes a `path()` route.
  package static let patternFunctions: [String: Bool] = [
    "django.urls.path": true, "django.urls.conf.path": true,
    "django.urls.re_path": false, "django.urls.conf.re_path": false,
    "django.conf.urls.url": false, "django.conf.urls.re_path": false,
    "django_distill.distill_path": true, "django_distill.distill_re_path": false,
    "django_distill.distill_url": false,
  ]

  package static let includeFunctions: Set<String> = [
    "django.urls.include", "django.urls.conf.include", "django.conf.urls.include",
  ]

  package static let routers: Set<String> = [
    "rest_framework.routers.DefaultRouter", "rest_framework.routers.SimpleRouter",
  ]

  /// A URLconf helper by import path; nil when this library does not model it.
  package static func function(_ qualified: String) -> NativeFunction? {
    let name = String(qualified.split(separator: ".").last ?? "")
    if let isRoute = patternFunctions[qualified] {
      return NativeFunction(name) { arguments, location, _ in
        .data(pattern(name, isRoute: isRoute, arguments, at: location))
      }
    }
    if includeFunctions.contains(qualified) {
      return NativeFunction(name) { arguments, location, _ in include(arguments, at: location) }
    }
    if routers.contains(qualified) {
      return NativeFunction(name) { arguments, _, _ in
        let instance = PyInstance(type: routerClass(name))
        instance.attributes["registry"] = .data(.list([]))
        instance.attributes["trailing_slash"] = .data(
          arguments.argument(0, "trailing_slash")?.pyValue ?? .bool(true))
        return .instance(instance)
      }
    }
    switch qualified {
    case "django.conf.urls.static.static":
      return NativeFunction(name) { arguments, location, interpreter in
        .data(
          served(
            arguments.argument(0, "prefix")?.pyValue ?? .none, interpreter.djangoSettings,
            at: location))
      }
    case "django.contrib.staticfiles.urls.staticfiles_urlpatterns":
      return NativeFunction(name) { arguments, location, interpreter in
        var prefix = arguments.argument(0, "prefix")?.pyValue ?? .none
        if prefix == .none { prefix = interpreter.djangoSettings?["STATIC_URL"] ?? .none }
        return .data(served(prefix, interpreter.djangoSettings, at: location))
      }
    case "django.conf.urls.i18n.i18n_patterns":
      return NativeFunction(name) { arguments, location, interpreter in
        .data(languagePrefixed(arguments, interpreter.djangoSettings, at: location))
      }
    case "debug_toolbar.toolbar.debug_toolbar_urls":
      return NativeFunction(name) { arguments, location, _ in
        let prefix = arguments.argument(0, "prefix")?.pyValue ?? .string("__debug__")
        guard let text = prefix.stringValue else {
          return .data(.unknown("debug_toolbar_urls() of a prefix ebcheck cannot read"))
        }
        let included = LibraryObject(
          kind: "include", fields: ["module": .string("debug_toolbar.urls")], location: location)
        return .data(
          .list([
            PyElement(
              .libraryObject(
                patternObject(
                  "debug_toolbar_urls", isRoute: false,
                  pattern: .string("^" + regexEscape(trimmedSlashes(text)) + "/"),
                  target: .libraryObject(included), at: location)), location)
          ]))
      }
    case "rest_framework.urlpatterns.format_suffix_patterns":
      // The same patterns, each also reachable with a `.json`-style suffix (no health
      // path ends in one): the list passed in.
      return NativeFunction(name) { arguments, _, _ in
        arguments.argument(0, "urlpatterns") ?? .data(.unknown("format_suffix_patterns()"))
      }
    default:
      return nil
    }
  }

  /// `path(route, view, kwargs=None, name=None)`: the route, the name, and what the view
  /// argument is — an `include()`, the admin site's URLs, or a view (the call's own
  /// expression names it; a repository function passed by value is kept by name too).
  package static func pattern(
    _ function: String, isRoute: Bool, _ arguments: Arguments, at location: Location
  ) -> PyValue {
    guard let route = arguments.argument(0, "route") ?? arguments.argument(0, "regex"),
      let view = arguments.argument(1, "view")
    else {
      return .unknown("\(function)() without a route and a view (TypeError at import)")
    }
    var target: PyValue = .none
    var viewName: PyValue = .none
    switch view {
    case .data(.libraryObject(let object)) where object.kind == "include":
      target = .libraryObject(object)
    case .module(let qualified) where qualified.hasSuffix("site.urls"):
      target = .libraryObject(
        LibraryObject(
          kind: "include", fields: ["module": .string("admin.site.urls")], location: location))
    case .data(.unknown(let reason)):
      viewName = .unknown(reason)
    case .function(let definition, let module):
      viewName = .string(module + ":" + definition.name)
    case .data(.libraryObject(let function)) where function.kind == "function":
      if let module = function["module"]?.stringValue, let name = function["name"]?.stringValue {
        viewName = .string(module + ":" + name)
      }
    default:
      break
    }
    var object = patternObject(
      function, isRoute: isRoute, pattern: route.pyValue, target: target, at: location)
    object.fields["name"] = arguments.argument(3, "name")?.pyValue ?? .none
    object.fields["view"] = viewName
    return .libraryObject(object)
  }

  package static func patternObject(
    _ function: String, isRoute: Bool, pattern: PyValue, target: PyValue, at location: Location
  ) -> LibraryObject {
    LibraryObject(
      kind: "URLPattern",
      fields: [
        "function": .string(function), "isRoute": .bool(isRoute), "pattern": pattern,
        "target": target, "name": .none, "view": .none,
      ], location: location)
  }

  /// `include(module_or_patterns, namespace=None)`, also `include((patterns, app_name))`.
  package static func include(_ arguments: Arguments, at location: Location) -> RValue {
    guard var included = arguments.argument(0, "arg") else {
      return .data(.unknown("include() without a URLconf (TypeError at import)"))
    }
    var fields: [String: PyValue] = [
      "namespace": arguments.argument(1, "namespace")?.pyValue ?? .none, "app_name": .none,
    ]
    if case .data(.tuple(let parts)) = included, parts.count == 2 {
      included = .data(parts[0].value)
      fields["app_name"] = parts[1].value
    }
    switch included {
    case .data(.string(let module)), .repoModule(let module), .module(let module):
      fields["module"] = .string(module)
    case .data(.list(let elements)), .data(.tuple(let elements)):
      fields["patterns"] = .list(elements)
    case .data(.unknown(let reason)):
      fields["unknown"] = .string("include() of a value ebcheck cannot tell (\(reason))")
    case .data(.dynamic(let dynamic)):
      fields["unknown"] = .string("include() of \(dynamic.reason)")
    default:
      fields["unknown"] = .string("include() of something ebcheck cannot follow")
    }
    return .data(.libraryObject(LibraryObject(kind: "include", fields: fields, location: location)))
  }

  /// `static(prefix)` and `staticfiles_urlpatterns()`: nothing unless `DEBUG` is on (or
  /// the prefix is a URL); then one pattern serving the files under the prefix.
  package static func served(
    _ prefix: PyValue, _ settings: [String: PyValue]?, at location: Location
  ) -> PyValue {
    let debug = settings?["DEBUG"] ?? .bool(false)
    if debug.truthiness == false { return .list([]) }
    guard let text = prefix.stringValue else {
      return .list([PyElement(.unknown("static() of a prefix ebcheck cannot read"), location)])
    }
    if text.contains("://") || text.hasPrefix("//") { return .list([]) }
    let served = LibraryObject(kind: "static", fields: ["debug": debug], location: location)
    let object = patternObject(
      "static", isRoute: false,
      pattern: .string("^" + regexEscape(String(text.drop { $0 == "/" })) + "(?P<path>.*)$"),
      target: .libraryObject(served), at: location)
    return .list([PyElement(.libraryObject(object), location)])
  }

  /// `i18n_patterns(*urls, prefix_default_language=True)`: the patterns under a language
  /// prefix (as they are without `USE_I18N`).
  package static func languagePrefixed(
    _ arguments: Arguments, _ settings: [String: PyValue]?, at location: Location
  ) -> PyValue {
    let elements = arguments.positional.map { PyElement($0.pyValue, location) }
    if settings?["USE_I18N"] == .bool(false) { return .list(elements) }
    let prefixDefault = arguments.keyword("prefix_default_language")?.pyValue ?? .bool(true)
    let object = LibraryObject(
      kind: "i18n", fields: ["patterns": .list(elements), "prefixDefault": prefixDefault],
      location: location)
    return .list([PyElement(.libraryObject(object), location)])
  }

  package static func trimmedSlashes(_ text: String) -> String {
    String(text.drop { $0 == "/" })
  }

  /// Python's `re.escape` for the characters a URL prefix holds.
  package static func regexEscape(_ text: String) -> String {
    var escaped = ""
    for character in text {
      if !(character.isLetter || character.isNumber || character == "_") { escaped.append("\\") }
      escaped.append(character)
    }
    return escaped
  }
}

extension DjangoURLLibrary {
  /// DRF's `DefaultRouter`/`SimpleRouter` as a library class (a repository class may
  /// derive from it): `registry` is a list of `registration` objects (the prefix and the
  /// `register()` call that names the viewset), `register()` appends to it, and the `urls`
  /// property is the routes of what the registry holds when it is read.
  package static func routerClass(_ kind: String) -> PyClassObject {
    let initializer = NativeFunction("__init__") { arguments, _, _ in
      if case .instance(let instance)? = arguments.positional.first {
        instance.attributes["registry"] = .data(.list([]))
        // `trailing_slash=False`: every route ends without '/'.
        instance.attributes["trailing_slash"] = .data(
          arguments.argument(1, "trailing_slash")?.pyValue ?? .bool(true))
      }
      return .data(.none)
    }
    let register = NativeFunction("register") { arguments, location, _ in
      guard case .instance(let instance)? = arguments.positional.first else {
        return .data(.unknown("register() without a router"))
      }
      let prefix =
        arguments.argument(1, "prefix")?.pyValue ?? .unknown("register() without a prefix")
      let registration = LibraryObject(
        kind: "registration", fields: ["prefix": prefix], location: location)
      guard case .data(.list(var entries))? = instance.attributes["registry"] else {
        instance.attributes["registry"] = .data(.unknown("the router's registry"))
        return .data(.none)
      }
      entries.append(PyElement(.libraryObject(registration), location))
      instance.attributes["registry"] = .data(.list(entries))
      return .data(.none)
    }
    let urls = LibraryProperty { instance, location in
      let registry = instance.attributes["registry"]?.pyValue ?? .unknown("the router's registry")
      let object = LibraryObject(
        kind: "router",
        fields: [
          "router": .string(kind), "registrations": registry,
          "trailingSlash": instance.attributes["trailing_slash"]?.pyValue ?? .bool(true),
        ],
        location: location)
      return .data(.list([PyElement(.libraryObject(object), location)]))
    }
    return PyClassObject(
      name: kind, module: "rest_framework.routers",
      namespace: [
        "__init__": .native(initializer), "register": .native(register), "urls": .native(urls),
      ])
  }
}

/// A read-only property of a modelled library class: reading it on an instance calls `get`.
package final class LibraryProperty: PyNativeObject {
  package let get: (PyInstance, Location) -> RValue
  package var typeName: String { "property" }

  package init(_ get: @escaping (PyInstance, Location) -> RValue) {
    self.get = get
  }
}
