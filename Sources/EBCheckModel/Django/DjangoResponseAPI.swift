/// Django's and DRF's response classes, shortcuts and exceptions as data: what each answers.
package enum DjangoResponseAPI {
  /// Response classes and the status they answer unless `status=` says otherwise.
  package static let responses: [String: Int] = [
    "HttpResponse": 200, "JsonResponse": 200, "StreamingHttpResponse": 200, "FileResponse": 200,
    "Response": 200,  // rest_framework.response.Response
    "HttpResponseRedirect": 302, "HttpResponsePermanentRedirect": 301,
    "HttpResponseNotModified": 304, "HttpResponseBadRequest": 400, "HttpResponseNotFound": 404,
    "HttpResponseForbidden": 403, "HttpResponseNotAllowed": 405, "HttpResponseGone": 410,
    "HttpResponseServerError": 500,
  ]

  /// Classes whose first argument is the redirect target.
  package static let redirects: Set<String> = [
    "HttpResponseRedirect", "HttpResponsePermanentRedirect",
  ]

  /// Exceptions Django (or DRF) turns into a response; any other exception is a 500.
  package static let exceptions: [String: Int] = [
    "Http404": 404, "PermissionDenied": 403, "SuspiciousOperation": 400, "BadRequest": 400,
    "DisallowedHost": 400, "NotFound": 404, "NotAuthenticated": 403, "AuthenticationFailed": 403,
    "ValidationError": 400, "ParseError": 400, "MethodNotAllowed": 405, "Throttled": 429,
    "NotAcceptable": 406, "UnsupportedMediaType": 415, "APIException": 500,
  ]

  /// Packages whose names are modelled here; a name imported from elsewhere is the app's own.
  package static let packages = ["django", "rest_framework"]

  /// `status.HTTP_503_SERVICE_UNAVAILABLE` (DRF's and Django's `http.HTTPStatus` names too).
  package static func statusConstant(_ name: String) -> Int? {
    let last = String(name.split(separator: ".").last ?? Substring(name))
    if last.hasPrefix("HTTP_"), let code = Int(last.dropFirst(5).prefix(3)) { return code }
    return httpStatusNames[last]
  }

  package static let httpStatusNames: [String: Int] = [
    "OK": 200, "NO_CONTENT": 204, "MOVED_PERMANENTLY": 301, "FOUND": 302, "BAD_REQUEST": 400,
    "UNAUTHORIZED": 401, "FORBIDDEN": 403, "NOT_FOUND": 404, "INTERNAL_SERVER_ERROR": 500,
    "SERVICE_UNAVAILABLE": 503,
  ]

  /// Calls that reach something outside the repository, by the name of what they call:
  /// the answer then holds only while it answers.
  package static func externalDependency(of dotted: String) -> String? {
    let parts = dotted.split(separator: ".").map(String.init)
    if parts.contains("objects") || parts.contains("cursor") || parts.contains("connection")
      || parts.contains("connections") || parts.last == "ensure_connection"
    {
      return "the database answers"
    }
    if parts.first == "cache" || parts.first == "caches" { return "the cache answers" }
    if parts.first == "requests" || parts.first == "httpx" || parts.first == "urllib" {
      return "the network call succeeds"
    }
    if parts.first == "redis" || parts.contains("ping") { return "the service it pings answers" }
    return nil
  }
}
