import EBCheckCore

/// What a view answers to the health checker's anonymous `GET`, as far as its code and
/// Django's (or a package's) behaviour tell.
public enum ViewAnswer: Sendable, Hashable {
  /// A response with this status, e.g. `HttpResponse(status=503)` or `JsonResponse(...)`.
  case status(Int, at: Location?)
  /// A redirect (`redirect()`, `HttpResponseRedirect`, `RedirectView`): 301 or 302.
  case redirect(status: Int, to: String?, at: Location?)
  /// A login guard sends the anonymous checker to a login page (302).
  case loginRedirect(to: String, at: Location?)
  /// An authentication or permission check refuses the anonymous checker without a redirect
  /// (DRF's `IsAuthenticated` answers 403, or 401 when the first authenticator sends a
  /// challenge).
  case denied(status: Int, reason: String, at: Location?)
  /// The view renders a template no template directory holds: `TemplateDoesNotExist`, 500.
  case templateMissing(String, searched: [String], at: Location?)
  /// The view raises: `Http404` is 404, `PermissionDenied` 403, anything else 500.
  case raises(exception: String, status: Int, at: Location?)
  /// The view has no handler for GET: 405.
  case methodNotAllowed(allowed: [String], at: Location?)
  /// The answer holds only while something outside the repository answers, e.g. "200 if
  /// the database answers". `otherwise` is what the view answers when it does not, if known.
  case conditional(status: Int, condition: String, otherwise: Int?, at: Location?)
  /// The answer cannot be known from the repository.
  case unknown(Unverifiable)

  /// The status the checker gets, nil when unknown.
  public var status: Int? {
    switch self {
    case .status(let status, _), .redirect(let status, _, _), .denied(let status, _, _),
      .raises(_, let status, _), .conditional(let status, _, _, _):
      return status
    case .loginRedirect: return 302
    case .templateMissing: return 500
    case .methodNotAllowed: return 405
    case .unknown: return nil
    }
  }

  /// The line that decides the answer.
  public var location: Location? {
    switch self {
    case .status(_, let at), .redirect(_, _, let at), .loginRedirect(_, let at),
      .denied(_, _, let at), .templateMissing(_, _, let at), .raises(_, _, let at),
      .methodNotAllowed(_, let at), .conditional(_, _, _, let at):
      return at
    case .unknown(let why): return why.location
    }
  }

  /// How the trace says it: `→ 302 to /status/`.
  public var detail: String {
    switch self {
    case .status(let status, _):
      return "\(status)"
    case .redirect(let status, let target, _):
      return "\(status) redirect" + (target.map { " to \($0)" } ?? "")
    case .loginRedirect(let target, _):
      return "requires login → 302 to \(target)"
    case .denied(let status, let reason, _):
      return "\(reason) → \(status)"
    case .templateMissing(let name, let searched, _):
      let whereSearched = searched.isEmpty ? "" : " (searched \(searched.joined(separator: ", ")))"
      return "template '\(name)' exists in no template directory\(whereSearched) → 500"
    case .raises(let exception, let status, _):
      return "raises \(exception) → \(status)"
    case .methodNotAllowed(let allowed, _):
      let methods = allowed.isEmpty ? "no method" : allowed.joined(separator: ", ")
      return "no GET handler (allows \(methods)) → 405"
    case .conditional(let status, let condition, let otherwise, _):
      return "\(status) if \(condition)" + (otherwise.map { ", else \($0)" } ?? "")
    case .unknown(let why):
      return why.reason
    }
  }
}
