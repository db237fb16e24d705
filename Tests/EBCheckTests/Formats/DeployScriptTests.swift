import EBCheckCore
import EBCheckFormats
import Testing

/// What a deploy script copies into the bundle before `eb deploy`, read from its text.
@Suite struct DeployScriptTests {
  static func read(_ text: String, path: String = "bin/deploy") -> DeployScript? {
    DeployScript.read(SourceFile(path: path, text: text))
  }

  @Test func copiesBeforeTheDeployWithVariablesAndQuotes() throws {
    let script = try #require(
      Self.read(
        """
        #!/bin/sh
        STAGE="${1:-dev}"
        cp "environments/$STAGE/Dockerrun.aws.json" .
        mkdir -p .ebextensions
        cp -f 'environments/${STAGE}/env.config' .ebextensions/   # keep the name
        eb deploy "site-$STAGE"
        """))
    #expect(
      script.copies.map(\.source) == [
        "environments/$STAGE/Dockerrun.aws.json", "environments/${STAGE}/env.config",
      ])
    #expect(script.copies.map(\.destination) == ["Dockerrun.aws.json", ".ebextensions/env.config"])
    #expect(script.copies[0].location.file == "bin/deploy")
    #expect(script.deploy.span.length == "eb deploy".utf8.count)
  }

  @Test func nothingWithoutADeployOrACopyBeforeIt() {
    #expect(Self.read("cp a/Dockerrun.aws.json .\n") == nil)
    #expect(Self.read("eb deploy\ncp a/Dockerrun.aws.json .\n") == nil)
    #expect(Self.read("# eb deploy\ncp a/Dockerrun.aws.json .\n") == nil)
  }

  @Test func copiesOutsideTheBundleOrUnreadableAreLeftOut() {
    let text = """
      cp ../shared/Dockerrun.aws.json .
      cp /etc/app/Dockerrun.aws.json .
      cp "$(ls stages | head -1)/Dockerrun.aws.json" .
      cp stages/prod/Dockerrun.aws.json "$TARGET"
      cp stages/*/Dockerrun.aws.json .
      cp stages/prod/Dockerrun.aws.json ../out/
      eb deploy
      """
    #expect(Self.read(text) == nil)
  }

  @Test func makefileRecipesCRLFAndMultibyteLines() throws {
    let script = try #require(
      Self.read(
        "# 배포 (deploy)\r\ndeploy:\r\n\tcp deploy/Dockerrun.aws.json ./\r\n\teb deploy && echo done\r\n",
        path: "Makefile"))
    #expect(script.copies.map(\.destination) == ["Dockerrun.aws.json"])
    #expect(script.copies[0].location.span.start == "# 배포 (deploy)\r\ndeploy:\r\n\tcp ".utf8.count)
  }

  @Test func makeVariablesAndWorkingFolders() throws {
    let script = try #require(
      Self.read(
        "STAGE ?= staging\ndeploy:\n\t@cp stages/$(STAGE)/Dockerrun.aws.json . ; echo $$HOME\n\tcd web && cp conf/$(STAGE)/env.config .ebextensions/\n\tcp $(shell ls x) .\n\teb deploy app-$(STAGE)\n",
        path: "Makefile"))
    #expect(
      script.copies.map(\.source) == [
        "stages/${STAGE}/Dockerrun.aws.json", "web/conf/${STAGE}/env.config",
      ])
    #expect(
      script.copies.map(\.destination) == ["Dockerrun.aws.json", "web/.ebextensions/env.config"])
    // A shell script keeps its folder from line to line; an unknown `cd` stops the copies.
    let shell = try #require(
      Self.read(
        "cd deploy\ncp prod/Dockerrun.aws.json ../\ncd \"$DIR\"\ncp a/b.json .\ncd ..\neb deploy\n")
    )
    #expect(shell.copies.map(\.source) == ["deploy/prod/Dockerrun.aws.json"])
    #expect(shell.copies.map(\.destination) == ["Dockerrun.aws.json"])
  }

  @Test func forceStagedPathsBeforeAStagedDeploy() throws {
    let script = try #require(
      Self.read("git add -f .secrets && eb deploy --staged --profile=eb; git reset HEAD .secrets\n")
    )
    #expect(script.copies.isEmpty)
    #expect(script.staged.map(\.path) == [".secrets"])
    #expect(script.staged[0].location.span.start == 0)
    // Without --staged the CLI uploads the last commit, which the add does not change.
    #expect(Self.read("git add -f .secrets\neb deploy\n") == nil)
    #expect(Self.read("git add .secrets\neb deploy --staged\n") == nil)
  }
}
