import EBCheckCore
import EBCheckModel
import Testing

/// The app server's port from `bind` in a gunicorn configuration file, evaluated as Python.
@Suite struct GunicornConfigFileTests {
  static func appServer(_ files: [String: String]) -> AppServer? {
    var all: [String: String] = [
      ".ebextensions/00_marker.config": "packages: {}\n", "application.py": "application = None\n",
    ]
    all.merge(files) { _, new in new }
    let sources = SourceFiles(
      all.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
    return ProjectBuilder.build(sources, options: ModelOptions()).environments.first?.appServer
  }

  @Test func defaultFileInTheStartDirectorySetsThePort() throws {
    let server = try #require(
      Self.appServer([
        "Procfile": "web: gunicorn application\n",
        "gunicorn.conf.py": "workers = 3\nbind = '0.0.0.0:5000'\n",
      ]))
    let port = try #require(server.port)
    #expect(port.value == 5000)
    #expect(port.location?.file == "gunicorn.conf.py")
    // The digits inside the literal, so a fix rewrites only them.
    #expect(port.location?.span == Span(28, 32))
    #expect(server.portIsEditable)
  }

  @Test func commandLineBindWinsOverTheFile() throws {
    let server = try #require(
      Self.appServer([
        "Procfile": "web: gunicorn --bind :8000 application\n",
        "gunicorn.conf.py": "bind = '0.0.0.0:5000'\n",
      ]))
    #expect(server.port?.value == 8000)
    #expect(server.port?.location?.file == "Procfile")
  }

  @Test func namedFileRelativeToTheShellDirectory() throws {
    let server = try #require(
      Self.appServer([
        "Procfile": "web: cd web && gunicorn -c conf/gunicorn.py application\n",
        "web/conf/gunicorn.py": "PORT = 9000\nbind = ['127.0.0.1:' + str(PORT)]\n",
      ]))
    #expect(server.port?.value == 9000)
    // Computed, not a literal: no fix may rewrite the expression.
    #expect(server.portIsEditable == false)
  }

  @Test func listBindingTheUpstreamPortIsReached() throws {
    let server = try #require(
      Self.appServer([
        "Procfile": "web: gunicorn application\n",
        "gunicorn.conf.py": "bind = ['unix:/run/app.sock', '127.0.0.1:8001', '127.0.0.1:8000']\n",
      ]))
    #expect(server.port?.value == 8000)
  }

  @Test func bindFromAnOpenVariableIsUnknownWithAReason() throws {
    let server = try #require(
      Self.appServer([
        "Procfile": "web: gunicorn application\n",
        "gunicorn.conf.py": "import os\nbind = os.environ['GUNICORN_BIND']\n",
      ]))
    #expect(server.port == nil)
    #expect(server.portUnknownReason?.contains("GUNICORN_BIND") == true)
  }

  @Test func bindFromAVariableTheEnvironmentSets() throws {
    let server = try #require(
      Self.appServer([
        ".ebextensions/env.config":
          "option_settings:\n  aws:elasticbeanstalk:application:environment:\n    GUNICORN_BIND: 0.0.0.0:7000\n",
        "Procfile": "web: gunicorn application\n",
        "gunicorn.conf.py": "import os\nbind = os.environ.get('GUNICORN_BIND', '127.0.0.1:8000')\n",
      ]))
    #expect(server.port?.value == 7000)
  }

  @Test func noConfigFileKeepsGunicornsDefault() throws {
    let server = try #require(Self.appServer(["Procfile": "web: gunicorn application\n"]))
    #expect(server.port?.value == 8000)
  }
}
