import EBCheckCore
import Testing

@testable import EBCheckPython

/// The settings in a container image: `__file__`, file tests and `open()` answer from where
/// the Dockerfile's copies put each file; expected values are what CPython 3.12 gives in an
/// image laid out the same way.
@Suite struct ContainerImageFilesTests {
  /// `COPY . /srv/site` of a repository holding `app/settings.py`, `app/hosts.json` and
  /// `notes.md` (left out of the context), started in `/srv/site`.
  static func image(unseen: [ContainerImageFiles.Unseen] = []) -> DeployedFiles {
    var image = ContainerImageFiles(origin: "the image built from Dockerfile")
    image.add(imagePath: "/srv/site/app/settings.py", repositoryPath: "app/settings.py")
    image.add(imagePath: "/srv/site/app/hosts.json", repositoryPath: "app/hosts.json")
    image.fill("/srv/site", from: "", at: "Dockerfile:4")
    image.leftOut["notes.md"] = ".dockerignore"
    image.unseen = unseen
    return .container(image, appRoot: "/srv/site", workingDirectory: "/srv/site")
  }

  static func value(_ source: String, _ name: String = "X", deployed: DeployedFiles = image())
    -> String?
  {
    evaluated(source, deployed: deployed)?[name].flatMap {
      $0.value.isLiteral ? $0.value.pythonRepr : nil
    }
  }

  static func evaluated(_ source: String, deployed: DeployedFiles) -> EvaluatedSettings? {
    let files = SourceFiles([
      SourceFile(path: "app/settings.py", text: source),
      SourceFile(path: "app/hosts.json", text: "[\"a.example\"]\n"),
      SourceFile(path: "notes.md", text: "# notes\n"),
    ])
    let evaluator = SettingsEvaluator(files: files, unsetVariablesTakeDefaults: true)
    evaluator.deployed = deployed
    return evaluator.evaluate(module: "app.settings")
  }

  @Test func fileAndTestsAreTheImagePaths() {
    #expect(Self.value("X = __file__") == "'/srv/site/app/settings.py'")
    #expect(Self.value("import os\nX = os.path.exists('notes.md')") == "False")
    #expect(Self.value("import os\nX = os.path.isdir('/srv/site/app')") == "True")
    #expect(Self.value("import os\nX = os.path.isfile('app/hosts.json')") == "True")
    #expect(
      Self.value("from pathlib import Path\nX = (Path(__file__).parent / 'gone.txt').exists()")
        == "False")
  }

  @Test func openReadsTheCopiedFileAndRaisesForAMissingOne() {
    let read = """
      import json, os
      X = json.load(open(os.path.join(os.path.dirname(__file__), 'hosts.json')))
      """
    #expect(Self.value(read) == "['a.example']")
    let fallback = """
      try:
          X = open('/srv/site/notes.md').read()
      except FileNotFoundError:
          X = 'fallback'
      """
    #expect(Self.value(fallback) == "'fallback'")
  }

  @Test func aMissingFileFailsTheImportWithItsReason() {
    let source = "X = 1\nY = open('/srv/site/notes.md').read()\n"
    let failure = Self.evaluated(source, deployed: Self.image())?.failure
    #expect(failure?.exception == "FileNotFoundError")
    #expect(failure?.message.contains(".dockerignore leaves notes.md out") == true)
    #expect(failure?.location.span.start == "X = 1\nY = ".utf8.count)
  }

  @Test func aStagedPathIsThereWithTextTheRepositoryLacks() {
    let staged = Self.image(unseen: [
      .init(path: ".secrets", reason: "deploy.sh:3 stages it with `git add -f`")
    ])
    #expect(
      Self.value("import os\nX = os.path.exists('/srv/site/.secrets/keys.json')", deployed: staged)
        == nil)
    let settings = Self.evaluated("X = open('.secrets/keys.json').read()\n", deployed: staged)
    #expect(settings?.failure == nil)
    #expect(settings?["X"]?.value.isLiteral == false)
  }
}
