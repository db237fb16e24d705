import Testing
import EBCheckCore
import EBCheckFormats

import EBCheck

@Suite struct ProcfileTests {
  struct Case: Sendable, CustomStringConvertible {
    var line: String
    var server: AppServerKind
    var host: String?
    var port: Int?
    var module: String?
    var attribute: String?
    var portVariable: String? = nil
    var socket: String? = nil
    var workers: Int? = nil
    var threads: Int? = nil
    var env: [String: String] = [:]
    var chdir: String? = nil
    var http = true

    var description: String { line }
  }

  static let cases: [Case] = [
    Case(
      line: "web: gunicorn --bind :8000 --workers 3 --threads 2 project.wsgi:application",
      server: .gunicorn, host: "0.0.0.0", port: 8000, module: "project.wsgi",
      attribute: "application", workers: 3, threads: 2),
    Case(
      line: "web: gunicorn -b 127.0.0.1:8001 -w 2 mysite.wsgi", server: .gunicorn,
      host: "127.0.0.1", port: 8001, module: "mysite.wsgi", attribute: "application", workers: 2),
    Case(
      line: "web: gunicorn --bind=0.0.0.0:5000 --config gunicorn.conf.py app.wsgi:app",
      server: .gunicorn, host: "0.0.0.0", port: 5000, module: "app.wsgi", attribute: "app"),
    Case(
      line: "web: gunicorn -b0.0.0.0:9000 -w4 config.wsgi", server: .gunicorn, host: "0.0.0.0",
      port: 9000, module: "config.wsgi", attribute: "application", workers: 4),
    Case(
      line: "web: gunicorn --bind unix:/run/app.sock mysite.wsgi", server: .gunicorn, host: nil,
      port: nil, module: "mysite.wsgi", attribute: "application", socket: "unix:/run/app.sock"),
    Case(
      line: "web: gunicorn --bind :$PORT mysite.wsgi:application", server: .gunicorn,
      host: "0.0.0.0", port: nil, module: "mysite.wsgi", attribute: "application",
      portVariable: "PORT"),
    Case(
      line: "web: gunicorn --bind 0.0.0.0:${PORT:-8080} mysite.wsgi", server: .gunicorn,
      host: "0.0.0.0", port: 8080, module: "mysite.wsgi", attribute: "application",
      portVariable: "PORT"),
    Case(
      line:
        "web: cd src && exec gunicorn --env DJANGO_SETTINGS_MODULE=mysite.settings.prod mysite.wsgi",
      server: .gunicorn, host: "127.0.0.1", port: 8000, module: "mysite.wsgi",
      attribute: "application", env: ["DJANGO_SETTINGS_MODULE": "mysite.settings.prod"],
      chdir: "src"),
    Case(
      line: "web: DJANGO_SETTINGS_MODULE=app.settings PORT=8002 gunicorn app.wsgi",
      server: .gunicorn, host: "0.0.0.0", port: 8002, module: "app.wsgi",
      attribute: "application", env: ["DJANGO_SETTINGS_MODULE": "app.settings", "PORT": "8002"]),
    Case(
      line: "web: newrelic-admin run-program gunicorn --chdir backend backend.wsgi --timeout 60",
      server: .gunicorn, host: "127.0.0.1", port: 8000, module: "backend.wsgi",
      attribute: "application", chdir: "backend"),
    Case(
      line: "web: python -m gunicorn mysite.wsgi:application --bind 0.0.0.0:8000 --threads 8",
      server: .gunicorn, host: "0.0.0.0", port: 8000, module: "mysite.wsgi",
      attribute: "application", threads: 8),
    Case(
      line: "web: uwsgi --http :8000 --module mysite.wsgi:application --master --processes 4",
      server: .uwsgi, host: "0.0.0.0", port: 8000, module: "mysite.wsgi",
      attribute: "application", workers: 4),
    Case(
      line: "web: uwsgi --http-socket=127.0.0.1:8000 --wsgi-file mysite/wsgi.py", server: .uwsgi,
      host: "127.0.0.1", port: 8000, module: "mysite.wsgi", attribute: "application"),
    Case(
      line: "web: uwsgi --socket 127.0.0.1:8000 --module=mysite.wsgi", server: .uwsgi,
      host: "127.0.0.1", port: 8000, module: "mysite.wsgi", attribute: "application",
      http: false),
    Case(
      line: "web: daphne -b 0.0.0.0 -p 8000 mysite.asgi:application", server: .daphne,
      host: "0.0.0.0", port: 8000, module: "mysite.asgi", attribute: "application"),
    Case(
      line: "web: daphne -e tcp:port=8003:interface=127.0.0.1 mysite.asgi:application",
      server: .daphne, host: "127.0.0.1", port: 8003, module: "mysite.asgi",
      attribute: "application"),
    Case(
      line: "web: uvicorn mysite.asgi:application --host 0.0.0.0 --port 8000 --workers 2",
      server: .uvicorn, host: "0.0.0.0", port: 8000, module: "mysite.asgi",
      attribute: "application", workers: 2),
    Case(
      line: "web: uvicorn --port=$PORT mysite.asgi:app", server: .uvicorn, host: "127.0.0.1",
      port: nil, module: "mysite.asgi", attribute: "app", portVariable: "PORT"),
    Case(
      line: "web: python manage.py runserver 0.0.0.0:8000", server: .runserver, host: "0.0.0.0",
      port: 8000, module: nil, attribute: nil),
    Case(
      line: "web: python3 src/manage.py runserver 8001 --noreload", server: .runserver,
      host: "127.0.0.1", port: 8001, module: nil, attribute: nil, chdir: "src"),
    Case(
      line: "web: sh -c 'cd app && gunicorn -b :8000 app.wsgi'", server: .gunicorn,
      host: "0.0.0.0", port: 8000, module: "app.wsgi", attribute: "application", chdir: "app"),
    Case(
      line: "web: gunicorn \"mysite.wsgi:application\" --bind \"0.0.0.0:8000\" # comment",
      server: .gunicorn, host: "0.0.0.0", port: 8000, module: "mysite.wsgi",
      attribute: "application"),
    Case(
      line: "web: hypercorn -b 0.0.0.0:8000 mysite.asgi:application", server: .hypercorn,
      host: "0.0.0.0", port: 8000, module: "mysite.asgi", attribute: "application"),
  ]

  @Test(arguments: cases)
  func commandLine(_ expected: Case) throws {
    let file = SourceFile(path: "Procfile", text: expected.line + "\n")
    let model = ProcfileModel.load(from: SourceFiles([file]))
    #expect(model.diagnostics.isEmpty)
    let process = try #require(model.web)
    #expect(process.name == "web")
    #expect(process.server == expected.server)
    #expect(process.host == expected.host)
    #expect(process.port == expected.port)
    #expect(process.portVariable == expected.portVariable)
    #expect(process.unixSocket == expected.socket)
    #expect(process.module == expected.module)
    #expect(process.attribute == expected.attribute)
    #expect(process.speaksHTTP == expected.http)
    if let workers = expected.workers { #expect(process.workers == workers) }
    if let threads = expected.threads { #expect(process.threads == threads) }
    #expect(process.env == expected.env)
    #expect(process.chdir == expected.chdir)
    // Spans point at the text they describe, for fixes.
    if let span = process.moduleSpan, let module = expected.module {
      #expect(file.text(span) == module || file.text(span).hasPrefix(module.replacingDots()))
    }
    if let span = process.portSpan {
      let text = file.text(span)
      #expect(Int(text) == expected.port || text.hasPrefix("$"))
    }
  }

  @Test func defaultCommandWithoutProcfile() {
    let model = ProcfileModel.load(from: SourceFiles(), wsgiPath: "mysite/wsgi.py")
    #expect(model.isDefault)
    let web = model.web
    #expect(web?.server == .gunicorn)
    #expect(web?.host == "127.0.0.1" && web?.port == 8000)
    #expect(web?.module == "mysite.wsgi" && web?.attribute == "application")
    #expect(web?.workers == 1 && web?.threads == 15)
    let plain = ProcfileModel.load(from: SourceFiles()).web
    #expect(plain?.module == "application")
    let tuned = ProcfileModel.load(
      from: SourceFiles(), wsgiPath: "config.wsgi:app", numProcesses: 3, numThreads: 4
    ).web
    #expect(tuned?.module == "config.wsgi" && tuned?.attribute == "app")
    #expect(tuned?.workers == 3 && tuned?.threads == 4)
  }

  @Test func multipleProcessesCommentsCRLFAndErrors() {
    let text =
      "# Procfile ☕ café\r\nweb: gunicorn -b :8000 a.wsgi\r\nworker: celery -A a worker\r\nnot a line\r\n"
    let file = SourceFile(path: "Procfile", text: text)
    let model = ProcfileModel.load(from: SourceFiles([file]))
    #expect(model.processes.map(\.name) == ["web", "worker"])
    #expect(model.processes[1].server == .unknown)
    #expect(model.diagnostics.count == 1)
    #expect(model.diagnostics.first?.rule == ReaderProblem.procfileSyntax.id)
    let web = model.processes[0]
    #expect(web.portSpan.map { file.text($0) } == "8000")
    #expect(web.portSpan.map { file.location(of: $0.start) } == LineColumn(line: 2, column: 19))
    #expect(web.appSpan.map { file.text($0) } == "a.wsgi")
    #expect(web.location.map { file.text($0.span) } == "web: gunicorn -b :8000 a.wsgi")
  }

  @Test func portResolvesFromEnvironment() throws {
    let file = SourceFile(path: "Procfile", text: "web: gunicorn --bind :$PORT a.wsgi\n")
    let web = try #require(ProcfileModel.load(from: SourceFiles([file])).web)
    #expect(web.resolvedPort(env: [:]) == nil)
    #expect(web.resolvedPort(env: ["PORT": "5000"]) == 5000)
    #expect(web.portSpan.map { file.text($0) } == "$PORT")
  }
}

extension String {
  fileprivate func replacingDots() -> String { String(map { $0 == "." ? "/" : $0 }) }
}
