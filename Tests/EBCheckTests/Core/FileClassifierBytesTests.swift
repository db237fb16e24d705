import EBCheckCore
import Testing

/// `FileClassifier.kind` classifies paths on their bytes, as the file system names them.
@Suite struct FileClassifierBytesTests {
  static let folders = [
    "", ".ebextensions/", ".elasticbeanstalk/", ".elasticbeanstalk/saved_configs/",
    "saved_configs/",
    ".platform/nginx/conf.d/", ".platform/nginx/", ".platform/httpd/conf.d/", ".platform/hooks/",
    ".platform/confighooks/predeploy/", ".platform/", "requirements/", "svc/requirements/",
    ".terraform/modules/", "infra/cdk.out/", "a//b/", "/", "app/nginx/", "é/", "a\u{301}/",
  ]
  static let names = [
    "settings.py", "stubs.pyi", "01.config", "config.yml", "prod.cfg.yml", "Procfile",
    "healthd.conf", "nginx.conf", "x.conf", "hook.sh", "requirements.txt", "requirement-dev.in",
    "base.txt", "Pipfile", "pyproject.toml", "Dockerfile", "Dockerrun.aws.json",
    "docker-compose.yml", "compose.yaml", ".ebcheck.yml", ".ebcheck.yaml", ".ebignore", "main.tf",
    "prod.tfvars", "stack.template", "template.yaml", "package.json", ".hidden.yml", "README",
    "", ".py", "x.p", "requirements", "café.py", "x.py\u{301}", "\u{600}.py", "Procfile\r",
    "x\r\n.conf", "requirements\u{301}.txt", "Dockerfile/", ".config",
  ]

  @Test func everyFolderAndNameHasOneKind() {
    // Every combination classifies, whatever its bytes (empty or odd parts included), and a
    // non-ASCII folder changes nothing for the name's own kind.
    for folder in Self.folders {
      for name in Self.names where !name.contains("/") {
        let kind = FileClassifier.kind(of: folder + name)
        if folder == "é/" { #expect(kind == FileClassifier.kind(of: "x/" + name), "\(name)") }
      }
    }
  }

  @Test func nonASCIINamesCompareByBytes() {
    #expect(FileClassifier.kind(of: "café.py") == .python)
    #expect(FileClassifier.kind(of: "é/Procfile") == .procfile)
    #expect(FileClassifier.kind(of: "a\u{301}/.ebextensions/01.config") == .ebextension)
    // A combining mark after the extension makes it another extension.
    #expect(FileClassifier.kind(of: "x.py\u{301}") == .other)
    // A precomposed name is not its decomposed twin: file names are bytes.
    #expect(FileClassifier.kind(of: "caf\u{E9}.py") == .python)
    #expect(FileClassifier.kind(of: "Pipfil\u{E9}") == .other)
  }

  @Test func knownKinds() {
    #expect(FileClassifier.kind(of: "app/settings.py") == .python)
    #expect(FileClassifier.kind(of: ".ebextensions/01.config") == .ebextension)
    #expect(FileClassifier.kind(of: "svc/.platform/nginx/conf.d/x.conf") == .nginx)
    #expect(FileClassifier.kind(of: ".platform/httpd/conf.d/x.conf") == .httpd)
    #expect(FileClassifier.kind(of: "requirements/base.txt") == .requirements)
    #expect(FileClassifier.kind(of: ".terraform/modules/main.tf") == .other)
    #expect(FileClassifier.kind(of: "infra/stack.yaml") == .infrastructureTemplate)
    #expect(FileClassifier.kind(of: "package.json") == .other)
    // A prepended Arabic sign joins the dot into one Character, but Python's import system
    // compares code points: the name still ends in `.py`.
    #expect(FileClassifier.kind(of: "\u{600}.py") == .python)
  }
}
