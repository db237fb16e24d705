import EBCheckCore
import EBCheckFormats
import Testing

@testable import EBCheckPython

/// `sys.argv` of the deployed process: the app server's command line, or mod_wsgi's own
/// `['mod_wsgi']`; expected values are what CPython gives under each server.
@Suite struct ProcessArgumentsTests {
  static func value(_ source: String, command: String?, modWSGI: Bool = false) -> String? {
    var deployed = DeployedFiles.amazonLinux()
    if modWSGI {
      deployed.arguments = .modWSGI
    } else if let command {
      let process = ProcfileModel.analyze(name: "web", bytes: Array(command.utf8), offset: 0)
      deployed.arguments = ProcessArguments.of(process, origin: "the web process of Procfile")
    }
    return DeployedFilesTests.value(source, deployed: deployed)
  }

  static let tests = """
    import sys
    from sys import argv
    X = ['test' in sys.argv, len(sys.argv) > 1 and sys.argv[1] == 'test', sys.argv[1:2] == ['test'], argv[1:]]

    """

  @Test func gunicornCommandLineIsArgv() {
    #expect(
      Self.value(Self.tests, command: "gunicorn --bind :8000 --workers 3 mysite.wsgi")
        == "[False, False, False, ['--bind', ':8000', '--workers', '3', 'mysite.wsgi']]")
  }

  @Test func modWSGISetsItsOwnName() {
    #expect(Self.value(Self.tests, command: nil, modWSGI: true) == "[False, False, False, []]")
    #expect(
      Self.value("import sys\nX = sys.argv[0] == 'mod_wsgi'\n", command: nil, modWSGI: true)
        == "True")
  }

  @Test func scriptPathIsKnownAndProgramPathOnlyByItsEnd() {
    #expect(
      Self.value(
        "import sys\nX = [sys.argv[0], 'runserver' in sys.argv]\n",
        command: "python manage.py runserver 0.0.0.0:8000") == "['manage.py', True]")
    // gunicorn found on PATH: argv[0] is its full path, which is never 'gunicorn' itself.
    #expect(
      Self.value(
        "import sys\nX = [sys.argv[0] == 'gunicorn', 'x' in sys.argv]\n", command: "gunicorn app")
        == "[False, False]")
    #expect(
      Self.value(
        "import sys\nX = sys.argv[0] == '/opt/venv/bin/gunicorn'\n", command: "gunicorn app")?
        .contains("False") == false)
  }

  @Test func unknownWithoutAProcess() {
    let value = DeployedFilesTests.value("import sys\nX = 'test' in sys.argv\n")
    #expect(value != "False" && value != "True")
  }
}
