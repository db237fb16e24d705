import EBCheck
import FuzzSupport
import EBCheckCore
import EBCheckModel

/// libFuzzer target: the nginx reader, with the input as a user conf next to the platform's
/// defaults, then one simulated health-check request through it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNginx(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let file = SourceFile(
    path: ".platform/nginx/conf.d/elasticbeanstalk/x.conf", bytes: FuzzSupport.bytes(data, count))
  let files = SourceFiles([file])
  let configuration = NginxConfiguration.load(from: files)
  FuzzSupport.checkSpans(configuration.diagnostics, in: files)
  _ = configuration.route(path: "/health/", host: "172.31.1.2", userAgent: "ELB-HealthChecker/2.0")
  return 0
}

@_cdecl("FuzzNginx_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  FuzzSupport.runDriver(argc, argv, fuzzNginx)
}
