import EBCheckCore
import EBCheckFormats
import EBCheckPython

extension DjangoVersion {
  /// `LoginRequiredMiddleware` and `@login_not_required` arrived in 5.1.
  public static let loginRequiredMiddleware = DjangoVersion(5, 1)
  /// From 4.0 the APPEND_SLASH redirect happens in `process_response` on a 404.
  public static let slashRedirectOnResponse = DjangoVersion(4, 0)
}

/// One entry of `ALLOWED_HOSTS` as far as the health checker is concerned.
public enum HostEntry: Sendable, Hashable {
  case pattern(String, at: Location?)
  /// The instance's private IP looked up at start-up (IMDS or the hostname).
  case instanceIP(InstanceIPSource, at: Location?)
  /// `socket.gethostname()`: the EC2 host name (`ip-172-31-…` or the resource name `i-…`,
  /// under `<region>.compute.internal`), or a container's ID on Docker — never the dotted IP
  /// the checker sends as Host.
  case instanceHostname(at: Location?)
  case unknown(Unverifiable)
}

public enum InstanceIPSource: Sendable, Hashable {
  /// IMDS with an IMDSv2 token: works everywhere.
  case imdsWithToken
  /// IMDS without a token: gets 401 where IMDSv1 is disabled (AL2023's default).
  case imdsWithoutToken
  /// `socket.gethostbyname(socket.gethostname())`: the primary private IP on EC2 hostnames.
  case hostname
}

/// What a middleware does to the health checker's request.
public enum MiddlewareKind: Sendable, Hashable {
  /// `SecurityMiddleware`: SSL redirect (calls get_host() when redirecting).
  case security
  /// `CommonMiddleware`: DISALLOWED_USER_AGENTS, get_host(), PREPEND_WWW, APPEND_SLASH.
  case common
  /// Django 5.1's `LoginRequiredMiddleware`: 302 unless the view is `@login_not_required`.
  case loginRequired
  /// `LocaleMiddleware`: on a 404 under `i18n_patterns`, 302 to the language-prefixed path.
  case locale
  /// django-allow-cidr's `AllowCIDRMiddleware`: validates Host against ALLOWED_HOSTS and ALLOWED_CIDR_NETS.
  case allowCIDR
  /// Answers the listed paths with a status before calling the rest of the chain.
  case healthResponder(paths: [String], prefix: Bool, status: Int)
  /// Answers `status` to every request whose User-Agent starts with `prefix`, before calling
  /// the rest of the chain (django-elb-health-check-middleware: `ELB-`).
  case userAgentResponder(prefix: String, status: Int)
  /// Passes every request on and acts only on a 404, answering from `source` (the database).
  case notFoundFallback(String)
  /// A custom middleware that calls `request.get_host()` (or builds absolute URLs) on every request.
  case hostChecking
  /// Does nothing that changes a GET health check (sessions, CSRF on GET, messages, ...).
  case passThrough
  /// Code of the repository: run with the request (see `MiddlewareExecutor`).
  case custom(CustomMiddleware)
  /// Django cannot import it (no such module or attribute): the app never starts.
  case notLoadable(reason: String)
  /// A package's middleware ebcheck does not model: what it does to the request is unknown.
  case unknown
}

/// A middleware of the repository, with what it takes to run it under a request.
public struct CustomMiddleware: Sendable, Hashable {
  public var path: String
  package var executor: MiddlewareExecutorHandle

  package init(path: String, executor: MiddlewareExecutorHandle) {
    self.path = path
    self.executor = executor
  }

  package func run(
    _ request: DjangoRequestData, at entry: Location?, processView: Bool = false,
    viewName: String? = nil
  ) -> MiddlewareRun {
    executor.executor.run(
      path, request: request, at: entry, processView: processView, viewName: viewName)
  }
}

/// Shares one executor (the files, env and settings it runs with) between entries; equal
/// by the middleware it runs, since the model compares apps by value.
package final class MiddlewareExecutorHandle: @unchecked Sendable, Hashable {
  package let executor: MiddlewareExecutor

  package init(_ executor: MiddlewareExecutor) {
    self.executor = executor
  }

  package static func == (a: MiddlewareExecutorHandle, b: MiddlewareExecutorHandle) -> Bool {
    a === b
  }

  package func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

public struct MiddlewareEntry: Sendable, Hashable {
  /// Dotted path as written in `MIDDLEWARE`.
  public var path: String
  public var location: Location?
  public var kind: MiddlewareKind

  public init(path: String, location: Location?, kind: MiddlewareKind) {
    self.path = path
    self.location = location
    self.kind = kind
  }

  /// `django.middleware.common.CommonMiddleware` → `CommonMiddleware`.
  public var shortName: String {
    // ASCII paths by byte (the last non-empty part between dots); others by Character.
    let utf8 = path.utf8
    guard utf8.allSatisfy({ $0 < 0x80 }) else {
      return String(path.split(separator: ".").last ?? Substring(path))
    }
    let dot = UInt8(ascii: ".")
    guard let end = utf8.lastIndex(where: { $0 != dot }) else { return path }
    let start = utf8[..<end].lastIndex(of: dot).map(utf8.index(after:)) ?? utf8.startIndex
    return String(Substring(utf8[start...end]))
  }
}

/// The view a path resolves to, with what guards it.
public struct ResolvedView: Sendable, Hashable {
  public var name: String
  public var location: Location?
  /// Where `@login_required`, `LoginRequiredMixin` or `permission_required` guards it.
  public var loginRequired: Location?
  /// `@login_not_required` (Django 5.1+).
  public var loginNotRequired: Bool
  /// What the view answers the checker's GET once reached (its code run, or Django's or a
  /// package's view modelled); a reference ebcheck cannot follow keeps the plain 200.
  public var answer: ViewAnswer
  /// The repository's code that answers instead, run with the request by the simulation
  /// (`answer` then holds what the guards and decorators decide before it runs, if anything).
  package var code: ViewCode?

  /// The status the view answers when reached, nil when unknown.
  public var status: Int? { answer.status }

  public init(
    name: String, location: Location?, loginRequired: Location? = nil,
    loginNotRequired: Bool = false, status: Int = 200
  ) {
    self.init(
      name: name, location: location, loginRequired: loginRequired,
      loginNotRequired: loginNotRequired, answer: .status(status, at: location))
  }

  public init(
    name: String, location: Location?, loginRequired: Location? = nil,
    loginNotRequired: Bool = false, answer: ViewAnswer
  ) {
    self.name = name
    self.location = location
    self.loginRequired = loginRequired
    self.loginNotRequired = loginNotRequired
    self.answer = answer
  }
}

public enum URLResolution: Sendable, Hashable {
  case view(ResolvedView)
  /// No pattern matches; `urlconf` is where `urlpatterns` lives.
  case notFound(urlconf: Location?)
  case unknown(Unverifiable)
}

/// Resolves a request path (without its leading slash) the way Django's URL resolver does.
public protocol URLResolver: Sendable {
  func resolve(_ path: String) -> URLResolution
  /// Whether `i18n_patterns` prefixes some routes with the language code.
  var usesLanguagePrefix: Bool { get }
}

extension URLResolver {
  public var usesLanguagePrefix: Bool { false }
}

/// Where a new first entry can be inserted in a list literal written in the source:
/// before `firstElement`, followed by `separator`, quoted with `quote`.
public struct ListSite: Sendable, Hashable {
  public var file: String
  /// Offset of the first element (or just after `[` for an empty list).
  public var insertAt: Int
  /// What goes between the new entry and the old first one, e.g. `",\n    "` or `", "`.
  public var separator: String
  public var quote: String
  public var isEmpty: Bool

  public init(file: String, insertAt: Int, separator: String, quote: String, isEmpty: Bool) {
    self.file = file
    self.insertAt = insertAt
    self.separator = separator
    self.quote = quote
    self.isEmpty = isEmpty
  }

  /// The edit that makes `entry` the first element.
  public func insertFirst(_ entry: String) -> Edit {
    let quoted = quote + entry + quote
    return .insert(isEmpty ? quoted : quoted + separator, in: file, at: insertAt)
  }
}

/// Everything about the Django app that decides a health check, each fact with its source.
public struct DjangoApp: Sendable {
  public var settingsFile: String
  /// Dotted settings module, e.g. `mysite.settings`.
  public var settingsModule: String = ""
  /// Where a middleware can be inserted first in the `MIDDLEWARE` literal.
  public var middlewareSite: ListSite?
  public var version: Sourced<DjangoVersion>?
  public var debug: Fact<Bool>
  /// The entries, or the whole list unknown. Its location is the assignment that set it.
  public var allowedHosts: Fact<[HostEntry]>

  /// Whether `ALLOWED_HOSTS` is known to contain `'*'`, so every Host passes.
  public var allowsEveryHost: Bool {
    guard case .known(let hosts) = allowedHosts else { return false }
    return hosts.value.contains { if case .pattern("*", _) = $0 { true } else { false } }
  }
  public var middleware: Fact<[MiddlewareEntry]>
  public var secureSSLRedirect: Fact<Bool>
  public var secureRedirectExempt: Fact<[String]>
  public var secureProxySSLHeader: Fact<Bool>
  /// `SECURE_PROXY_SSL_HEADER` as (request header, value), e.g. (`x-forwarded-proto`, `https`).
  public var proxySSLHeader: Sourced<[String]>?
  /// `SECURE_SSL_HOST`: when set, the SSL redirect goes there without calling get_host().
  public var secureSSLHost: Fact<String> = .defaulted("", "Django default")
  /// `LANGUAGE_CODE`, the language LocaleMiddleware picks for a request without Accept-Language.
  public var languageCode: String = "en-us"
  public var appendSlash: Fact<Bool>
  public var prependWWW: Fact<Bool>
  public var useXForwardedHost: Fact<Bool>
  public var disallowedUserAgents: Fact<[String]>
  public var allowedCIDRNets: Fact<[String]>
  public var loginURL: String
  public var urls: any URLResolver
  /// Every instance-IP lookup in the settings (IMDS or hostname), wherever its result goes.
  public var ipLookups: [Sourced<InstanceIPSource>] = []
  /// Whether the settings test `/sys/hypervisor`: their answer may differ between Xen- and
  /// Nitro-based instances (arms where the family is not known, a trace hop where it is).
  public var testsInstanceType = false
  /// An exception importing the settings raises (e.g. `.append` on a tuple): gunicorn cannot
  /// start the app and nginx answers 502.
  public var startupFailure: Sourced<String>?
  /// The settings code may have written under names ebcheck cannot read, and which of those
  /// the model reads; nil when every write has a name.
  public var openSettings: OpenSettings?
  /// The app in the other arm of a variable the settings need and nothing in the repository
  /// sets: where the console does not set it (the import fails), or where it does (when this
  /// app is the one whose import fails on the variable's `None` default). At most one.
  public var requiredArm: [RequiredVariableArm] = []
  /// The read whose missing variable made the import fail, in the arm where it is unset.
  public var failingRead: EnvRead?
  /// The expression that produced ALLOWED_HOSTS's final value (for fixes).
  public var allowedHostsExpression: Location?
  /// P001 findings of the Python files read to build the app (settings, URLconfs, middleware).
  public var parseDiagnostics: [Diagnostic] = []
  /// Every environment variable the settings read, with its default.
  public var envReads: [EnvRead] = []
  /// Environment variables the URLconf's code reads (its routes may depend on them).
  package var urlconfEnvReads: [EnvRead] = []

  public init(
    settingsFile: String, version: Sourced<DjangoVersion>? = nil,
    debug: Fact<Bool> = .defaulted(false, "Django default"),
    allowedHosts: Fact<[HostEntry]> = .defaulted([], "Django default"),
    middleware: Fact<[MiddlewareEntry]> = .defaulted([], "Django default"),
    secureSSLRedirect: Fact<Bool> = .defaulted(false, "Django default"),
    secureRedirectExempt: Fact<[String]> = .defaulted([], "Django default"),
    secureProxySSLHeader: Fact<Bool> = .defaulted(false, "Django default"),
    appendSlash: Fact<Bool> = .defaulted(true, "Django default"),
    prependWWW: Fact<Bool> = .defaulted(false, "Django default"),
    useXForwardedHost: Fact<Bool> = .defaulted(false, "Django default"),
    disallowedUserAgents: Fact<[String]> = .defaulted([], "Django default"),
    allowedCIDRNets: Fact<[String]> = .defaulted([], "not set"),
    loginURL: String = "/accounts/login/", urls: any URLResolver
  ) {
    self.settingsFile = settingsFile
    self.version = version
    self.debug = debug
    self.allowedHosts = allowedHosts
    self.middleware = middleware
    self.secureSSLRedirect = secureSSLRedirect
    self.secureRedirectExempt = secureRedirectExempt
    self.secureProxySSLHeader = secureProxySSLHeader
    self.appendSlash = appendSlash
    self.prependWWW = prependWWW
    self.useXForwardedHost = useXForwardedHost
    self.disallowedUserAgents = disallowedUserAgents
    self.allowedCIDRNets = allowedCIDRNets
    self.loginURL = loginURL
    self.urls = urls
  }
}

/// Settings the model reads that writes under names ebcheck cannot read may set (settings
/// applied from a file outside the repository by `setattr`): the answer takes the values the
/// repository's lines give, a condition the prediction states.
public struct OpenSettings: Sendable, Hashable {
  public var namespace: OpenNamespace
  public var names: [String]

  public init(namespace: OpenNamespace, names: [String]) {
    self.namespace = namespace
    self.names = names
  }

  /// `unless what setattr at … writes sets MIDDLEWARE, ROOT_URLCONF, DEBUG or one of 3
  /// other settings the answer reads`.
  public var condition: String {
    let shown = names.prefix(Self.namesShown)
    var text = "unless \(namespace.description) sets "
    if names.count > shown.count {
      text +=
        shown.joined(separator: ", ")
        + " or one of \(names.count - shown.count) other settings the answer reads"
    } else if names.count > 1 {
      text += shown.dropLast().joined(separator: ", ") + " or " + names[names.count - 1]
    } else {
      text += names.joined()
    }
    return text
  }

  package static let namesShown = 3
}

/// The other arm of a variable the settings read without a usable default.
public struct RequiredVariableArm: Sendable {
  /// The read (its variable, helper and location).
  public var read: EnvRead
  /// True when `app` is the arm where the console does not set the variable; false when it
  /// is the arm where the console sets it.
  public var unset: Bool
  public var app: DjangoApp

  public init(read: EnvRead, unset: Bool, app: DjangoApp) {
    self.read = read
    self.unset = unset
    self.app = app
  }
}
