import Testing
import EBCheckCore
import EBCheckSimulation
import EBCheckRules
import EBCheck

/// Common health-check packages recognised by their import path.
@Suite struct HealthPackageTests {
  static func predict(_ example: RuleExample) -> HealthCheckPrediction? {
    let files = SourceFiles(
      example.files.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
    return Linter.lint(files).predictions.first
  }

  @Test func djangoEBHealthCheckAddsTheInstanceIPThroughIMDSv2() {
    let example = ExampleRepo.django(
      settings:
        "ALLOWED_HOSTS = ['www.example.com']\nINSTALLED_APPS = ['django.contrib.admin', 'ebhealthcheck.apps.EBHealthCheckConfig']\n"
    )
    #expect(Self.predict(example)?.status == 200)
  }

  @Test func djangoHealthCheckURLsAnswerTheirRoot() {
    // Its page is health_check/index.html, which the installed health_check app ships.
    let example = ExampleRepo.django(
      settings:
        "ALLOWED_HOSTS = ['*']\nINSTALLED_APPS = ['health_check']\nTEMPLATES = [{'APP_DIRS': True}]\n",
      urls:
        "from django.urls import include, path\n\nurlpatterns = [path('health/', include('health_check.urls'))]\n"
    )
    #expect(Self.predict(example)?.status == 200)
    let missing = ExampleRepo.django(
      settings: "ALLOWED_HOSTS = ['*']\n",
      urls:
        "from django.urls import include, path\n\nurlpatterns = [path('health/', include('vendor.urls'))]\n"
    )
    #expect(Self.predict(missing)?.healthy == nil)
  }

  @Test func allowCIDRCoveringTheVPCAllowsTheChecker() {
    let example = ExampleRepo.django(
      settings: """
        ALLOWED_HOSTS = ['www.example.com']
        ALLOWED_CIDR_NETS = ['172.16.0.0/12']
        MIDDLEWARE = ['allow_cidr.middleware.AllowCIDRMiddleware'] + [
            'django.middleware.common.CommonMiddleware',
        ]

        """)
    #expect(Self.predict(example)?.status == 200)
  }
}

@Suite struct BeanstalkGetConfigTests {
  @Test func getConfigEnvironmentReadsTheOptionSettings() {
    let example = ExampleRepo.django(
      settings: """
        import json
        import subprocess

        _eb = json.loads(subprocess.check_output(['/opt/elasticbeanstalk/bin/get-config', 'environment']))
        ALLOWED_HOSTS = _eb.get('ALLOWED_HOSTS', 'localhost').split(',')

        """,
      ebextensionsExtra: "  aws:elasticbeanstalk:application:environment:\n    ALLOWED_HOSTS: '*'\n"
    )
    let files = SourceFiles(
      example.files.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
    #expect(Linter.lint(files).predictions.first?.status == 200)
  }
}
