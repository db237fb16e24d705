import EBCheck
import FuzzSupport
import EBCheckCore

/// The files a generated repo is made of, in the order the input's parts fill them.
let paths = [
  "mysite/settings.py",
  ".ebextensions/django.config",
  ".platform/nginx/conf.d/elasticbeanstalk/x.conf",
  "Procfile",
  "mysite/urls.py",
  "requirements.txt",
  ".elasticbeanstalk/config.yml",
  "mysite/wsgi.py",
]

/// libFuzzer target: the whole linter, then the fixer, on a repo built from the input
/// (parts separated by "\n#~~\n" fill `paths` in order).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLint(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let parts = FuzzSupport.split(FuzzSupport.bytes(data, count), limit: paths.count)
  let files = SourceFiles(zip(paths, parts).map { SourceFile(path: $0, bytes: $1) })
  let result = Linter.lint(files)
  FuzzSupport.checkSpans(result.diagnostics, in: files)
  let outcome = FixSession.run(files, options: LintOptions(), includeUnsafe: true)
  FuzzSupport.checkSpans(outcome.remaining.diagnostics, in: outcome.remaining.files)
  return 0
}

@_cdecl("FuzzLint_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  FuzzSupport.runDriver(argc, argv, fuzzLint)
}
