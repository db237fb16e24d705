import EBCheck
import EBCheckCore
import EBCheckRules
import EBCheckSimulation
import Testing

/// `proxy_pass` to a unix socket or through a variable: reached only where the app server
/// binds what nginx names.
@Suite struct ProxyTargetTests {
  static func predict(procfile: String?, pass: String) -> HealthCheckPrediction? {
    var files = ExampleRepo.django(settings: "ALLOWED_HOSTS = ['*']\n").files
    if let procfile { files["Procfile"] = procfile }
    files[".platform/nginx/conf.d/elasticbeanstalk/app.conf"] =
      "location /health/ {\n    proxy_pass \(pass);\n}\n"
    let sources = SourceFiles(
      files.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
    return Linter.lint(sources).predictions.first
  }

  @Test func theSameSocketReachesTheApp() {
    let prediction = Self.predict(
      procfile: "web: gunicorn -b unix:/var/app/current/app.sock mysite.wsgi\n",
      pass: "http://unix:/var/app/current/app.sock:/")
    #expect(prediction?.status == 200)
  }

  @Test func aPortBoundServerIsNotOnTheSocket() {
    let prediction = Self.predict(procfile: nil, pass: "http://unix:/run/gunicorn.sock")
    #expect(prediction?.status == 502)
    if case .badGateway(.proxiedSocketClosed(let proxied, let bound), _)? = prediction?.verdict {
      #expect(proxied == "unix:/run/gunicorn.sock")
      #expect(bound == ":8000")
    } else {
      Issue.record("expected a closed socket, got \(String(describing: prediction?.verdict))")
    }
  }

  @Test func aVariableTargetIsUnknownNotAssumed() {
    let prediction = Self.predict(procfile: nil, pass: "$backend")
    #expect(prediction?.status == nil)
    if case .unverifiable(let reasons)? = prediction?.verdict {
      #expect(reasons.first?.reason.contains("nginx variable") == true)
    } else {
      Issue.record("expected unverifiable, got \(String(describing: prediction?.verdict))")
    }
  }
}
