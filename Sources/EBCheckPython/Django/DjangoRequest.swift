import EBCheckCore

/// What `request.get_host()` does with this request: Django validates the host against
/// `ALLOWED_HOSTS` (the simulation decides that; the interpreter only asks).
package enum DjangoHostCheck: Sendable, Hashable {
  /// The host is allowed; `get_host()` returns it.
  case allowed(host: PyValue)
  /// `get_host()` raises `DisallowedHost` (a 400).
  case disallowed(reason: String)
  /// Whether it raises depends on values ebcheck cannot see.
  case unknown(reason: String)
}

/// The concrete request Django builds from what the app server received: built by the
/// simulation from the hop in front of the app (nginx or nothing), never hard-coded here.
package struct DjangoRequestData: Sendable, Hashable {
  package var method: String
  /// The path without its query string.
  package var path: String
  package var queryString: String
  /// `request.META`, in the order the WSGI server fills it.
  package var meta: [(String, PyValue)]
  /// `request.is_secure()` (through `SECURE_PROXY_SSL_HEADER`).
  package var isSecure: Bool
  package var hostCheck: DjangoHostCheck
  /// The Django major version the requirements pin, when they do: the request's API
  /// changed across versions (`is_ajax()` is gone in 4.0).
  package var djangoMajorVersion: Int?

  package init(
    method: String = "GET", path: String, queryString: String = "", meta: [(String, PyValue)],
    isSecure: Bool, hostCheck: DjangoHostCheck
  ) {
    self.method = method
    self.path = path
    self.queryString = queryString
    self.meta = meta
    self.isSecure = isSecure
    self.hostCheck = hostCheck
  }

  package static func == (a: Self, b: Self) -> Bool {
    a.method == b.method && a.path == b.path && a.queryString == b.queryString
      && a.meta.map(\.0) == b.meta.map(\.0) && a.meta.map(\.1) == b.meta.map(\.1)
      && a.isSecure == b.isSecure && a.hostCheck == b.hostCheck
      && a.djangoMajorVersion == b.djangoMajorVersion
  }

  package func hash(into hasher: inout Hasher) {
    hasher.combine(method)
    hasher.combine(path)
    hasher.combine(queryString)
  }

  /// The WSGI environ gunicorn builds for the request: `HTTP_*` from the headers it got,
  /// `REMOTE_ADDR` the peer (nginx on the instance, or the load balancer), the port.
  /// `host` is the Host header; nil stands for the instance's private IP (unknown here).
  package static func fromHop(
    method: String, path: String, host: String?, headers: [(String, String)],
    remoteAddress: PyValue,
    serverPort: Int, isSecure: Bool, hostCheck: DjangoHostCheck
  ) -> DjangoRequestData {
    let parts = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
    let pathOnly = parts.first.map(String.init) ?? path
    let query = parts.count > 1 ? String(parts[1]) : ""
    let hostValue: PyValue =
      host.map { .string($0) }
      ?? .dynamic(
        DynamicValue(
          reason: "the instance's private IP (the Host the load balancer sends)",
          location: Location(file: "", span: Span(at: 0))))
    var meta: [(String, PyValue)] = [
      ("REQUEST_METHOD", .string(method)), ("PATH_INFO", .string(pathOnly)),
      ("QUERY_STRING", .string(query)), ("SCRIPT_NAME", .string("")),
      ("SERVER_PROTOCOL", .string("HTTP/1.0")), ("SERVER_PORT", .string(String(serverPort))),
      ("REMOTE_ADDR", remoteAddress), ("HTTP_HOST", hostValue),
    ]
    for (name, value) in headers where name.lowercased() != "host" {
      let key = "HTTP_" + name.uppercased().replacingOccurrences("-", "_")
      meta.append((key, .string(value)))
    }
    return DjangoRequestData(
      method: method, path: pathOnly, queryString: query, meta: meta, isSecure: isSecure,
      hostCheck: hostCheck)
  }

  package func metaValue(_ key: String) -> PyValue? { meta.first { $0.0 == key }?.1 }
}

/// `django.http.HttpRequest` for one request.
package final class HttpRequestObject: PyNativeObject, PyAttributeStore {
  package let data: DjangoRequestData
  /// Where `get_host()` (or `build_absolute_uri()`) was first called.
  package private(set) var hostCheckedAt: Location?
  /// Set when `get_host()` was called and whether it raises cannot be known.
  package private(set) var hostUnknown: String?
  package var extra: [String: RValue] = [:]

  package init(_ data: DjangoRequestData) {
    self.data = data
  }

  package var typeName: String { "WSGIRequest" }

  package func store(_ name: String, _ value: RValue) { extra[name] = value }

  package var metaDict: PyValue {
    .dict(data.meta.map { PyDictEntry(key: .string($0.0), value: $0.1) })
  }

  package func attribute(_ name: String, at location: Location, _ interpreter: inout PyInterpreter)
    -> RValue?
  {
    if let value = extra[name] { return value }
    switch name {
    case "path", "path_info": return .data(.string(data.path))
    case "method": return .data(.string(data.method))
    case "META": return .data(metaDict)
    case "headers": return .native(RequestHeadersObject(data))
    case "GET": return .data(.dict(Self.query(data.queryString)))
    case "POST", "COOKIES", "FILES": return .data(.dict([]))
    case "scheme": return .data(.string(data.isSecure ? "https" : "http"))
    case "user": return .native(AnonymousUserObject())
    case "content_type": return .data(.string(""))
    case "resolver_match", "urlconf": return .data(.none)
    default: return nil
    }
  }

  package func callMethod(
    _ name: String, _ arguments: Arguments, at location: Location,
    _ interpreter: inout PyInterpreter
  ) -> RValue? {
    switch name {
    case "get_host": return host(at: location, &interpreter)
    case "is_secure": return .data(.bool(data.isSecure))
    case "get_full_path", "get_full_path_info":
      return .data(.string(data.path + (data.queryString.isEmpty ? "" : "?" + data.queryString)))
    case "get_port": return .data(data.metaValue("SERVER_PORT") ?? .none)
    case "is_ajax":
      // Django before 4.0: whether X-Requested-With is XMLHttpRequest (the checker sends no
      // such header); 4.0 removed the method, and with no pinned version it stays unknown.
      guard let major = data.djangoMajorVersion, major < 4 else { return nil }
      return .data(.bool(data.metaValue("HTTP_X_REQUESTED_WITH") == .string("XMLHttpRequest")))
    case "build_absolute_uri":
      let host = host(at: location, &interpreter)
      guard case .data(.string(let text)) = host else { return host }
      let scheme = data.isSecure ? "https" : "http"
      var tail = data.path
      if case .string(let given)? = arguments.argument(0, "location")?.pyValue {
        if given.contains("://") { return .data(.string(given)) }
        tail = given.hasPrefix("/") ? given : data.path + given
      }
      return .data(.string(scheme + "://" + text + tail))
    default: return nil
    }
  }

  /// `get_host()`: returns the host or raises `DisallowedHost`, as the simulation decided.
  package func host(at location: Location, _ interpreter: inout PyInterpreter) -> RValue {
    if hostCheckedAt == nil { hostCheckedAt = location }
    switch data.hostCheck {
    case .allowed(let host): return .data(host)
    case .disallowed:
      interpreter.pendingRaise = ("DisallowedHost", location)
      return .data(.unknown("DisallowedHost"))
    case .unknown(let reason):
      if hostUnknown == nil { hostUnknown = reason }
      return .data(.unknown(reason))
    }
  }

  /// `QueryDict` of a query string, first value per key (what `.get` returns).
  package static func query(_ text: String) -> [PyDictEntry] {
    var entries: [PyDictEntry] = []
    for pair in text.split(separator: "&") where !pair.isEmpty {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let key = String(parts[0])
      if entries.contains(where: { $0.key == .string(key) }) { continue }
      entries.append(
        PyDictEntry(key: .string(key), value: .string(parts.count > 1 ? String(parts[1]) : "")))
    }
    return entries
  }
}

/// `request.headers`: the `HTTP_*` keys of META, read case-insensitively.
package final class RequestHeadersObject: PyNativeObject {
  package let data: DjangoRequestData

  package init(_ data: DjangoRequestData) {
    self.data = data
  }

  package var typeName: String { "HttpHeaders" }

  package func value(_ name: PyValue) -> PyValue? {
    guard case .string(let text) = name else { return nil }
    let key = text.uppercased().replacingOccurrences("-", "_")
    if key == "CONTENT_TYPE" || key == "CONTENT_LENGTH" { return data.metaValue(key) }
    return data.metaValue("HTTP_" + key)
  }

  package func callMethod(
    _ name: String, _ arguments: Arguments, at location: Location,
    _ interpreter: inout PyInterpreter
  ) -> RValue? {
    guard name == "get", let key = arguments.positional.first?.pyValue else { return nil }
    if case .unknown = key { return .data(key) }
    return .data(value(key) ?? arguments.argument(1, "default")?.pyValue ?? .none)
  }

  package func item(_ key: PyValue, at location: Location, _ interpreter: inout PyInterpreter)
    -> RValue?
  {
    if let found = value(key) { return .data(found) }
    interpreter.pendingRaise = ("KeyError", location)
    return .data(.unknown("KeyError"))
  }
}

/// `request.user` without a session: `AnonymousUser`.
package final class AnonymousUserObject: PyNativeObject {
  package var typeName: String { "AnonymousUser" }

  package func attribute(_ name: String, at location: Location, _ interpreter: inout PyInterpreter)
    -> RValue?
  {
    switch name {
    case "is_authenticated", "is_staff", "is_superuser", "is_active": return .data(.bool(false))
    case "is_anonymous": return .data(.bool(true))
    case "id", "pk": return .data(.none)
    case "username": return .data(.string(""))
    default: return nil
    }
  }

  package func callMethod(
    _ name: String, _ arguments: Arguments, at location: Location,
    _ interpreter: inout PyInterpreter
  ) -> RValue? {
    switch name {
    case "has_perm", "has_perms", "has_module_perms": return .data(.bool(false))
    default: return nil
    }
  }
}
