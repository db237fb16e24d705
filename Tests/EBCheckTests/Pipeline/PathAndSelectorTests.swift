import EBCheck
import EBCheckCore
import Testing

/// The small pure pieces of the 0.2 contract: path arithmetic and rule selectors.
@Suite struct PathAndSelectorTests {
  @Test func relativePaths() {
    #expect(RelativePath.from("/repo", to: "/repo/backend/a.py") == "backend/a.py")
    #expect(
      RelativePath.from("/repo/backend/mysite", to: "/repo/backend/.ebextensions/x")
        == "../.ebextensions/x")
    #expect(RelativePath.from("/repo", to: "/repo") == ".")
    #expect(RelativePath.from("/", to: "/etc/hosts") == "etc/hosts")
    #expect(RelativePath.normalize("/a/./b/../c//d/") == "/a/c/d")
    #expect(RelativePath.normalize("../x/./y") == "../x/y")
    #expect(RelativePath.normalize("/..") == "/")
    #expect(RelativePath.join("/repo", "backend/../x.py") == "/repo/x.py")
    #expect(RelativePath.join("/repo", "/abs") == "/abs")
    #expect(
      RelativePath.isInside("/repo/a", "/repo") && !RelativePath.isInside("/repository", "/repo"))
  }

  @Test func pathBasesShowAndLocatePaths() {
    let bases = PathBases(currentDirectory: "/repo/backend", repositoryRoot: "/repo")
    #expect(bases.display("/repo/backend/mysite/settings.py") == "mysite/settings.py")
    #expect(bases.display("/repo/README.md") == "../README.md")
    #expect(
      bases.repositoryRelative(ofDisplayed: "mysite/settings.py") == "backend/mysite/settings.py")
    #expect(bases.repositoryRelative(ofDisplayed: "../../elsewhere/x.py") == nil)
    let display = bases.displayer(root: "/repo/backend")
    #expect(display("mysite/urls.py") == "mysite/urls.py")
  }

  @Test func selectorsAreIdsPrefixesOrAll() {
    for known in ["HC001", "hc001", "HC", "H", "HC00", "ALL", "all", "S001", "IO002"] {
      #expect(RuleSelectors.isKnown(known), "\(known)")
    }
    for unknown in ["XX999", "HC999", "HC0001", "", "E501"] {
      #expect(!RuleSelectors.isKnown(unknown), "\(unknown)")
    }
    #expect(RuleSelectors.isKnownID("DJ004") && !RuleSelectors.isKnownID("DJ"))
    #expect(RuleSelectors.unknownMessage("HC0001").contains("did you mean 'HC001'?"))
    #expect(RuleSelectors.unknownMessage("EB10").contains("did you mean"))
    #expect(throws: UsageError("--select: " + RuleSelectors.unknownMessage("XX999"))) {
      try RuleSelectors.validate(["HC", "XX999"], origin: "--select")
    }
  }

  @Test func allSelectsEveryRule() {
    #expect(LintOptions(select: ["ALL"]).isEnabled("EB009"))
    #expect(!LintOptions(select: ["ALL"], ignore: ["EB"]).isEnabled("EB009"))
    #expect(!LintOptions(ignore: ["all"]).isEnabled("HC001"))
  }

  @Test func temporaryNamesAreRecognised() {
    #expect(Discovery.isTemporaryName(".ebcheck-a1B2c3"))
    #expect(!Discovery.isTemporaryName(".ebcheck-a1B2c"))
    #expect(!Discovery.isTemporaryName(".ebcheck-notes.txt"))
    #expect(!Discovery.isTemporaryName(".ebcheck.yml"))
  }

  @Test func occupiedPathsIncludeFoldersAndPackages() {
    var files = SourceFiles([SourceFile(path: "mysite/settings.py", text: "")])
    files.occupied = ["mysite/ignored.py", "build", "mysite"]
    files.unexplored = ["build"]
    #expect(files.isOccupied("mysite/settings.py"))
    #expect(files.isOccupied("mysite/ignored.py"))
    #expect(files.isOccupied("build/x.py"), "below an occupied folder")
    #expect(files.isOccupied("mysite.py"), "a module named like the package folder")
    #expect(files.isOccupied("mysite/settings.py/x.py"), "below a file")
    #expect(!files.isOccupied("mysite/ebcheck_health.py"))
  }
}
