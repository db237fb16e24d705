import EBCheckCore
import EBCheckModel
import EBCheckPython
import EBCheckSimulation
import Testing

/// Package middlewares: one modelled from its documented behaviour, one ebcheck does not
/// model (unknown with its reason, never an assumed pass).
@Suite struct PackageMiddlewareTests {
  @Test func elbHealthCheckMiddlewareAnswersTheCheckerFirst() {
    let catalog = MiddlewareCatalog(modules: PythonModules(files: SourceFiles([])))
    let kind = catalog.kind(of: "elb_health_check.middleware.ELBHealthCheckMiddleware")
    #expect(kind == .userAgentResponder(prefix: "ELB-", status: 200))
    let first = SimulationTests.middleware([
      ("elb_health_check.middleware.ELBHealthCheckMiddleware", kind),
      ("django.middleware.common.CommonMiddleware", .common),
    ])
    #expect(
      SimulationTests.predict(SimulationTests.app(hosts: [], middleware: first)).status == 200)
    let late = SimulationTests.middleware([
      ("django.middleware.common.CommonMiddleware", .common),
      ("elb_health_check.middleware.ELBHealthCheckMiddleware", kind),
    ])
    #expect(SimulationTests.predict(SimulationTests.app(hosts: [], middleware: late)).status == 400)
  }

  @Test func unmodelledPackageMiddlewareIsUnknownWithItsReason() {
    let chain = SimulationTests.middleware([
      ("vendor_pkg.middleware.Gate", .unknown),
      ("django.middleware.common.CommonMiddleware", .common),
    ])
    let prediction = SimulationTests.predict(
      SimulationTests.app(hosts: [.pattern("*", at: nil)], middleware: chain))
    #expect(prediction.status == nil)
    guard case .unverifiable(let reasons) = prediction.verdict else {
      Issue.record("expected unverifiable, got \(prediction.verdict)")
      return
    }
    #expect(reasons.first?.reason.contains("vendor_pkg.middleware.Gate") == true)
  }

  @Test func redirectFallbackLeavesA404ToTheDatabase() {
    let catalog = MiddlewareCatalog(modules: PythonModules(files: SourceFiles([])))
    let path = "django.contrib.redirects.middleware.RedirectFallbackMiddleware"
    let chain = SimulationTests.middleware([
      ("django.middleware.common.CommonMiddleware", .common), (path, catalog.kind(of: path)),
    ])
    let app = SimulationTests.app(hosts: [.pattern("*", at: nil)], middleware: chain)
    // A routed path is answered by its view; an unrouted one depends on the stored redirects.
    #expect(SimulationTests.predict(app).status == 200)
    let missing = SimulationTests.predict(app, path: "/missing/")
    #expect(missing.status == nil)
    guard case .unverifiable(let reasons) = missing.verdict else {
      Issue.record("expected unverifiable, got \(missing.verdict)")
      return
    }
    #expect(reasons.first?.reason.contains("database") == true)
  }
}
