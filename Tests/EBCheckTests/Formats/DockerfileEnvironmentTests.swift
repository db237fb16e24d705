import EBCheckCore
import EBCheckFormats
import Testing

@Suite struct DockerfileEnvironmentTests {
  @Test func bothFormsOfTheLastStage() throws {
    let text =
      "FROM node AS build\nENV STAGE=build\nFROM python:3.12\r\nENV A=1 B=\"two words\"\r\nENV C three  four\r\n# 설정\r\n"
    let file = SourceFile(path: "Dockerfile", text: text)
    let variables = DockerfileEnvironment.read(file)
    #expect(variables["STAGE"] == nil)
    #expect(variables["A"]?.value == "1")
    #expect(variables["B"]?.value == "two words")
    #expect(variables["C"]?.value == "three  four")
    let a = try #require(variables["A"]?.location)
    #expect(file.text(a.span) == "1")
    let c = try #require(variables["C"]?.location)
    #expect(file.text(c.span) == "three  four")
  }
}
