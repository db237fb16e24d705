import Foundation
import Testing
import EBCheckCore
import EBCheckModel

import EBCheck

/// Runs the real nginx on the same confs and checks that `route` predicts what it answers:
/// the status of a `return`, the redirect target, and the Host header the app receives
/// (a backend server echoes `$http_host` with status 299).
@Suite(.serialized) struct NginxLiveTests {
  struct Request: Sendable {
    var path: String
    var userAgent = "ELB-HealthChecker/2.0"
    var headers: [String: String] = [:]
    var host = "172.31.38.21:80"
  }

  struct Scenario: Sendable, CustomStringConvertible {
    var name: String
    /// Root-relative `.platform/nginx/...` path → text; `BACKEND` stands for the app port.
    var files: [String: String]
    var requests: [Request]
    var description: String { name }
  }

  static func fixture(_ name: String) -> String {
    (try? String(contentsOfFile: NginxDifferentialTests.fixtures + "/" + name, encoding: .utf8))
      ?? ""
  }

  static let beanstalk = ".platform/nginx/conf.d/elasticbeanstalk/"
  static let order = """
    location / { return 200; }
    location /health { return 201; }
    location /health/deep { return 202; }
    location ^~ /static/ { return 203; }
    location ~ ^/health/d { return 204; }
    location ~* \\.PNG$ { return 205; }
    location ~ \\.png$ { return 206; }
    location = /health/deep { return 207; }
    location /api/ {
        location ~ ^/api/v1/ { return 208; }
        location /api/internal/ { return 209; }
    }
    location ~ ^/api/ { return 210; }
    """

  static let scenarios: [Scenario] = [
    Scenario(
      name: "defaults", files: [:], requests: [Request(path: "/"), Request(path: "/health/?a=1")]),
    Scenario(
      name: "health return",
      files: [beanstalk + "health.conf": fixture("server-health-return.conf")],
      requests: [Request(path: "/health/"), Request(path: "/health"), Request(path: "/")]),
    Scenario(
      name: "https redirect with exemption",
      files: [beanstalk + "https.conf": fixture("server-https-redirect.conf")],
      requests: [
        Request(path: "/health/"),
        Request(
          path: "/a?b=1", userAgent: "Mozilla/5.0", headers: ["X-Forwarded-Proto": "http"],
          host: "example.com"),
        Request(
          path: "/a", userAgent: "Mozilla/5.0", headers: ["X-Forwarded-Proto": "https"],
          host: "example.com"),
      ]),
    Scenario(
      name: "UA host rewrite",
      files: [beanstalk + "00_application.conf": fixture("server-ua-host-rewrite.conf")],
      requests: [
        Request(path: "/"), Request(path: "/", userAgent: "curl/8", host: "Example.COM:80"),
      ]),
    Scenario(
      name: "returns and rewrites",
      files: [beanstalk + "q.conf": fixture("server-quotes-escapes.conf")],
      requests: [
        Request(path: "/ping"), Request(path: "/teapot"), Request(path: "/legacy/a/b?k=v"),
        Request(path: "/old/x?y=1"), Request(path: "/other"),
      ]),
    Scenario(
      name: "location order",
      files: [beanstalk + "00_application.conf": order],
      requests: [
        "/", "/healthz", "/health/deep", "/health/deeper", "/health/x", "/static/logo.png",
        "/img/logo.png", "/img/logo.PNG", "/api/v1/x", "/api/internal/x", "/api/other",
      ].map { Request(path: $0) }),
    Scenario(
      name: "upstream without Host header",
      files: [
        ".platform/nginx/conf.d/upstream.conf":
          "upstream django {\n  server 127.0.0.1:BACKEND;\n}\n",
        beanstalk + "00_application.conf":
          "location / { proxy_pass http://django; }\nlocation /h/ { proxy_pass http://127.0.0.1:BACKEND; }\n",
      ],
      requests: [Request(path: "/"), Request(path: "/h/")]),
    Scenario(
      name: "map on the user agent picks the Host",
      files: [
        ".platform/nginx/conf.d/elb_host.conf":
          "map $http_user_agent $django_host {\n    default $host;\n    \"~^ELB-HealthChecker/\" www.forum-example.com;\n    curl/8 \"curl.$host\";\n    ~*^(mozilla)/ $1.example.com;\n}\n",
        beanstalk + "00_application.conf":
          "location / {\n    proxy_pass http://127.0.0.1:BACKEND;\n    proxy_set_header Host $django_host;\n}\n",
      ],
      requests: [
        Request(path: "/health/"), Request(path: "/", userAgent: "CURL/8"),
        Request(path: "/", userAgent: "Mozilla/5.0"), Request(path: "/", userAgent: "other"),
      ]),
    Scenario(
      name: "X-Forwarded-Proto set by the repo and passed through",
      files: [
        beanstalk + "00_application.conf":
          "location / {\n    proxy_pass http://127.0.0.1:BACKEND;\n    proxy_set_header Host $host;\n    proxy_set_header X-Forwarded-Proto https;\n}\nlocation /pass/ {\n    proxy_pass http://127.0.0.1:BACKEND;\n}\n"
      ],
      requests: [
        Request(path: "/health/"), Request(path: "/pass/"),
        Request(path: "/pass/", userAgent: "Mozilla/5.0", headers: ["X-Forwarded-Proto": "http"]),
      ]),
    Scenario(
      name: "http-level Host header and internal rewrite",
      files: [
        ".platform/nginx/conf.d/headers.conf": "proxy_set_header Host $http_host;\n",
        beanstalk + "r.conf":
          "location = /healthz { rewrite ^ /health/ last; }\nlocation /health/ { proxy_pass http://127.0.0.1:BACKEND; }\n",
      ],
      requests: [Request(path: "/healthz"), Request(path: "/")]),
  ]

  /// Scenarios whose `.platform/nginx/nginx.conf` replaces the platform's main file.
  static let replacedMain: [Scenario] = [
    Scenario(
      name: "replaced nginx.conf keeping the Beanstalk include",
      files: [
        ".platform/nginx/nginx.conf": fixture("main-nginx.conf"),
        beanstalk + "x.conf": "location /x { return 204; }\n",
      ],
      requests: [Request(path: "/health/"), Request(path: "/x"), Request(path: "/")]),
    Scenario(
      name: "replaced nginx.conf without the Beanstalk include",
      files: [
        ".platform/nginx/nginx.conf": fixture("main-nginx-no-include.conf"),
        beanstalk + "health.conf": "location = /health/ { return 200; }\n",
      ],
      requests: [
        Request(path: "/health/"),
        Request(
          path: "/", userAgent: "Mozilla/5.0", headers: ["X-Forwarded-Proto": "http"],
          host: "example.com"),
      ]),
  ]

  static var available: Bool {
    NginxDifferentialTests.nginx != nil
      && FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")
  }

  @Test(arguments: scenarios + replacedMain)
  func predictionMatchesRealNginx(_ scenario: Scenario) throws {
    guard Self.available else { return }
    let base = 20000 + Int(getpid() % 5000) * 2
    let front = base
    let backend = base + 1
    var files: [String: String] = [:]
    for (path, text) in scenario.files {
      files[path] = text.replacingOccurrences(of: "BACKEND", with: "\(backend)")
        .replacingOccurrences(of: "127.0.0.1:8000", with: "127.0.0.1:\(backend)")
        .replacingOccurrences(of: "127.0.0.1:5000", with: "127.0.0.1:\(backend)")
    }
    let config = NginxConfiguration.load(
      from: SourceFiles(files.map { SourceFile(path: $0.key, text: $0.value) }),
      env: ["PORT": "\(backend)"])
    #expect(config.diagnostics.isEmpty)

    let server = try LiveNginx(files: files, front: front, backend: backend)
    defer { server.stop() }
    for request in scenario.requests {
      let route = config.route(
        path: request.path, host: request.host, userAgent: request.userAgent,
        headers: request.headers)
      let answer = try server.get(request)
      let label = "\(scenario.name) \(request.path)"
      switch route.outcome {
      case .respond(let status, _):
        #expect(answer.status == status, "\(label)")
      case .redirect(let status, let target, _):
        #expect(answer.status == status, "\(label)")
        // nginx adds the listening port to relative redirects; production listens on 80.
        let real = answer.location.replacingOccurrences(of: ":\(front)/", with: "/")
        #expect(real == target, "\(label)")
      case .proxy(let port, let host, _):
        #expect(port == backend, "\(label)")
        #expect(answer.status == 299, "\(label)")
        // The backend echoes the Host header; $proxy_host carries the upstream's port.
        let proto = route.upstreamHeaders["x-forwarded-proto"] ?? ""
        #expect(
          answer.body == host + "|" + proto,
          "\(label): nginx sent Host|X-Forwarded-Proto \(answer.body), predicted \(host)|\(proto)")
      default:
        Issue.record("\(label): unexpected prediction \(route.outcome)")
      }
    }
  }
}

/// nginx started on a temp prefix with the platform layout, stopped by its pid.
struct LiveNginx {
  let prefix: String
  let front: Int
  let process: Process

  struct Answer {
    var status: Int
    var location: String
    var body: String
  }

  init(files: [String: String], front: Int, backend: Int) throws {
    let nginx = try #require(NginxDifferentialTests.nginx)
    prefix = NSTemporaryDirectory() + "ebcheck-live-\(UUID().uuidString)"
    self.front = front
    let manager = FileManager.default
    try manager.createDirectory(
      atPath: prefix + "/conf.d/elasticbeanstalk", withIntermediateDirectories: true)
    try NginxDefaults.applicationConf(port: backend).write(
      toFile: prefix + "/conf.d/elasticbeanstalk/00_application.conf", atomically: false,
      encoding: .utf8)
    for (path, text) in files {
      let relative = String(path.dropFirst(".platform/nginx/".count))
      let full = prefix + "/" + relative
      try manager.createDirectory(
        atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try text.write(toFile: full, atomically: false, encoding: .utf8)
    }
    let main = """
      pid \(prefix)/nginx.pid;
      error_log \(prefix)/error.log;
      worker_processes 1;
      events { worker_connections 64; }
      http {
          access_log off;
          include conf.d/*.conf;
          map $http_upgrade $connection_upgrade { default "upgrade"; }
          server {
              listen 127.0.0.1:\(front) default_server;
              include conf.d/elasticbeanstalk/*.conf;
          }
          server {
              listen 127.0.0.1:\(backend);
              location / { return 299 "$http_host|$http_x_forwarded_proto"; }
          }
      }
      """
    if var user = files[".platform/nginx/nginx.conf"] {
      // The user's main file: listen on the test port, add the echo backend, keep the rest.
      user = user.replacingOccurrences(of: "listen        80 ", with: "listen 127.0.0.1:\(front) ")
        .replacingOccurrences(of: "listen 80 ", with: "listen 127.0.0.1:\(front) ")
      let backendServer =
        "server { listen 127.0.0.1:\(backend); location / { return 299 \"$http_host|$http_x_forwarded_proto\"; } }\n"
      if let close = user.lastIndex(of: "}") { user.insert(contentsOf: backendServer, at: close) }
      user = "pid \(prefix)/nginx.pid;\n" + user
      try user.write(toFile: prefix + "/nginx.conf", atomically: false, encoding: .utf8)
    } else {
      try main.write(toFile: prefix + "/nginx.conf", atomically: false, encoding: .utf8)
    }
    // In the foreground, so this test owns the process and stops it by its id.
    process = Process()
    process.executableURL = URL(fileURLWithPath: nginx)
    process.arguments = [
      "-e", prefix + "/error.log", "-p", prefix, "-c", prefix + "/nginx.conf", "-g", "daemon off;",
    ]
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Wait until it answers.
    for _ in 0..<100 {
      if (try? get(NginxLiveTests.Request(path: "/__ready__")))?.status ?? 0 > 0 { break }
      guard process.isRunning else { break }
      usleep(20_000)
    }
    #expect(
      process.isRunning,
      "nginx did not start: \((try? String(contentsOfFile: prefix + "/error.log", encoding: .utf8)) ?? "")"
    )
  }

  func get(_ request: NginxLiveTests.Request) throws -> Answer {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    var arguments = [
      "-s", "-o", "-", "-w", "\n%{http_code}\n%{redirect_url}", "--max-time", "5",
      "-H", "Host: \(request.host)", "-A", request.userAgent,
    ]
    for (key, value) in request.headers { arguments += ["-H", "\(key): \(value)"] }
    arguments.append("http://127.0.0.1:\(front)\(request.path)")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
    guard lines.count >= 3 else { return Answer(status: 0, location: "", body: "") }
    return Answer(
      status: Int(lines[lines.count - 2]) ?? 0, location: lines[lines.count - 1],
      body: lines[0..<(lines.count - 2)].joined(separator: "\n"))
  }

  func stop() {
    if process.isRunning {
      kill(process.processIdentifier, SIGQUIT)
      process.waitUntilExit()
    }
    try? FileManager.default.removeItem(atPath: prefix)
  }
}
