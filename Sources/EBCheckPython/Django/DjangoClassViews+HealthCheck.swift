import EBCheckCore

/// django-health-check's status views (`health_check.views`, 3.x) as library classes:
/// `MainView` runs the plugins the installed `health_check.*` apps register, `HealthCheckView`
/// the checks its `checks` attribute names. Every plugin that passes → 200, else 500; the
/// checker sends no `Accept` header, which the view reads as `*/*`: the HTML page
/// (`health_check/index.html`, shipped by the `health_check` app) with that status;
/// `?format=json` answers the same status as JSON. An unknown subset is 404.
extension DjangoClassViews {
  static let healthCheckViews = "health_check.views"

  package static let healthCheckHierarchy: [String: (module: String, bases: [String])] = [
    "CheckMixin": ("health_check.mixins", []),
    "_MainView": (healthCheckViews, ["CheckMixin", "TemplateView"]),
    "MainView": (healthCheckViews, ["_MainView"]),
    "HealthCheckView": (healthCheckViews, ["_MainView"]),
  ]

  /// A plugin's check: what must hold for it to pass (nil: it always passes), or why
  /// ebcheck cannot tell; `fails` when it fails whatever the services do.
  package struct HealthCheckPlugin: Sendable, Hashable {
    package var condition: String?
    package var unknown: String?
    package var fails = false
  }

  package static func healthCheckNamespace(of name: String) -> [String: RValue] {
    switch name {
    case "_MainView":
      return [
        "template_name": .data(.string("health_check/index.html")),
        "get": method("get") { receiver, arguments, location, interpreter in
          healthCheckGet(receiver, arguments, at: location, &interpreter)
        },
      ]
    case "HealthCheckView":
      return [
        "checks": .data(
          .tuple(
            [
              "health_check.Cache", "health_check.Database", "health_check.Mail",
              "health_check.Storage",
            ]
            .map { PyElement(.string($0)) }))
      ]
    default:
      return [:]
    }
  }

  /// `_MainView.get`: runs the plugins, then renders the page (or JSON) with 200 or 500.
  static func healthCheckGet(
    _ receiver: RValue, _ arguments: Arguments, at location: Location,
    _ interpreter: inout PyInterpreter
  ) -> RValue {
    let settings = interpreter.djangoSettings ?? [:]
    let plugins: [HealthCheckPlugin]
    if case .instance(let instance) = receiver,
      instance.type.resolutionOrder.contains(where: {
        $0.name == "HealthCheckView" && $0.module == healthCheckViews
      })
    {
      let checks = attribute(receiver, "checks", &interpreter)?.pyValue ?? .none
      guard let listed = PyOperations.iterate(checks) else {
        return .data(.unknown("HealthCheckView's checks cannot be evaluated"))
      }
      plugins = listed.map { healthCheck(named: $0.value, settings: settings) }
    } else {
      plugins = registeredPlugins(settings)
    }
    if let subset = arguments.keyword("subset")?.pyValue, subset != .none {
      guard let key = subset.stringValue else {
        return .data(.unknown("the subset the URL names"))
      }
      let subsets = dictionary(settings["HEALTH_CHECK"])?["SUBSETS"]
      // "Subset: '…' does not exist." (also when no plugin is registered)
      if plugins.isEmpty || dictionary(subsets)?[key] == nil {
        return raise("Http404", at: location, &interpreter)
      }
      return .data(.unknown("which plugins the subset '\(key)' selects"))
    }
    if let why = plugins.compactMap(\.unknown).first { return .data(.unknown(why)) }
    var failed = plugins.contains(where: \.fails)
    let conditions = plugins.compactMap(\.condition)
    if !conditions.isEmpty, let log = interpreter.externalCalls {
      log.note(conditions.joined(separator: " and "))
      if log.failing { failed = true }
    }
    let status = PyValue.int(failed ? 500 : 200)
    var json = false
    if case .native(let request as HttpRequestObject)? = attribute(
      receiver, "request", &interpreter)
    {
      json = HttpRequestObject.query(request.data.queryString).contains {
        $0.key == .string("format") && $0.value == .string("json")
      }
    }
    if json {
      return .native(ResponseObject(className: "JsonResponse", status: status, location: location))
    }
    let template = attribute(receiver, "template_name", &interpreter) ?? .data(.none)
    return DjangoViewLibrary.rendered(
      template, status: .data(status), at: location, className: "TemplateResponse")
  }

  /// The plugins the installed apps register in `ready()` (`health_check.db`, `.cache` once
  /// per `CACHES` alias, `.storage`, `health_check.contrib.*`).
  static func registeredPlugins(_ settings: [String: PyValue]) -> [HealthCheckPlugin] {
    let apps = (PyOperations.iterate(settings["INSTALLED_APPS"] ?? .list([])) ?? []).compactMap {
      $0.value.stringValue
    }
    var plugins: [HealthCheckPlugin] = []
    for app in apps {
      let label =
        app.hasSuffix("Config")
        ? String(app.split(separator: ".").dropLast(2).joined(separator: ".")) : app
      guard label.hasPrefix("health_check."), label != "health_check" else { continue }
      switch label {
      case "health_check.db":
        plugins.append(
          HealthCheckPlugin(
            condition: "the database answers and holds health_check.db's table (migrate ran)"))
      case "health_check.cache":
        plugins += cacheAliases(settings).map { cachePlugin($0, settings) }
      case "health_check.storage":
        plugins.append(HealthCheckPlugin(condition: "the default storage accepts a file"))
      default:
        plugins.append(contribPlugin(label))
      }
    }
    return plugins
  }

  /// A `checks` entry of `HealthCheckView`: a name (or a `(name, options)` pair).
  static func healthCheck(named value: PyValue, settings: [String: PyValue]) -> HealthCheckPlugin {
    var name = value.stringValue
    var alias = "default"
    if name == nil, let pair = PyOperations.iterate(value), pair.count == 2 {
      name = pair[0].value.stringValue
      if let given = dictionary(pair[1].value)?["alias"]?.stringValue { alias = given }
    }
    switch name {
    case "health_check.Cache": return cachePlugin(alias, settings)
    case "health_check.Database": return HealthCheckPlugin(condition: "the database answers")
    case "health_check.Storage":
      return HealthCheckPlugin(condition: "the default storage accepts a file")
    case "health_check.Mail":
      let backend =
        settings["EMAIL_BACKEND"]?.stringValue ?? "django.core.mail.backends.smtp.EmailBackend"
      if backend.hasSuffix(".smtp.EmailBackend") {
        let host = settings["EMAIL_HOST"]?.stringValue ?? "localhost"
        return HealthCheckPlugin(condition: "the SMTP server at \(host) answers")
      }
      if backend.hasPrefix("django.core.mail.backends.") { return HealthCheckPlugin() }
      return HealthCheckPlugin(unknown: "whether the mail backend \(backend) opens a connection")
    case "health_check.Disk", "health_check.Memory":
      return contribPlugin("health_check.contrib.psutil")
    default:
      return HealthCheckPlugin(
        unknown: "the health check \(name ?? value.pythonRepr), which ebcheck does not model")
    }
  }

  /// The cache plugin for one alias: the local-memory cache always keeps the value, the
  /// dummy cache never does (the check fails), others answer while their server does.
  static func cachePlugin(_ alias: String, _ settings: [String: PyValue]) -> HealthCheckPlugin {
    let caches = dictionary(settings["CACHES"])
    let backend =
      caches.map { dictionary($0[alias])?["BACKEND"]?.stringValue }
      ?? "django.core.cache.backends.locmem.LocMemCache"
    switch backend {
    case "django.core.cache.backends.locmem.LocMemCache"?: return HealthCheckPlugin()
    case "django.core.cache.backends.dummy.DummyCache"?: return HealthCheckPlugin(fails: true)
    case let other?: return HealthCheckPlugin(condition: "the cache '\(alias)' (\(other)) answers")
    case nil: return HealthCheckPlugin(unknown: "the backend of the cache '\(alias)'")
    }
  }

  static func cacheAliases(_ settings: [String: PyValue]) -> [String] {
    guard let caches = dictionary(settings["CACHES"]) else { return ["default"] }
    return caches.keys.sorted()
  }

  static func contribPlugin(_ label: String) -> HealthCheckPlugin {
    let conditions: [String: String] = [
      "health_check.contrib.migrations": "every migration is applied",
      "health_check.contrib.db_heartbeat": "the database answers",
      "health_check.contrib.celery": "a Celery worker runs a task",
      "health_check.contrib.celery_ping": "a Celery worker answers a ping",
      "health_check.contrib.psutil": "disk and memory stay within HEALTH_CHECK's limits",
      "health_check.contrib.redis": "Redis at REDIS_URL answers",
      "health_check.contrib.rabbitmq": "RabbitMQ at BROKER_URL answers",
      "health_check.contrib.s3boto3_storage": "the S3 storage accepts a file",
      "health_check.contrib.s3boto_storage": "the S3 storage accepts a file",
      "health_check.contrib.mail": "the mail server answers",
    ]
    if let condition = conditions[label] { return HealthCheckPlugin(condition: condition) }
    return HealthCheckPlugin(unknown: "the plugin \(label), which ebcheck does not model")
  }

  /// A dict value's string keys.
  static func dictionary(_ value: PyValue?) -> [String: PyValue]? {
    guard case .dict(let entries)? = value else { return nil }
    var result: [String: PyValue] = [:]
    for entry in entries {
      if case .string(let key) = entry.key { result[key] = entry.value }
    }
    return result
  }
}
