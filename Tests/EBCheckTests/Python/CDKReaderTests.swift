import EBCheckCore
import EBCheckFormats
import EBCheckPython
import Testing

@Suite struct CDKReaderTests {
  static func read(_ contents: [String: String]) -> InfrastructureRead {
    let files = SourceFiles(
      contents.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
    return CDKReader.read(PythonModules(files: files))
  }

  static let stack = """
    from aws_cdk import Stack
    from aws_cdk import aws_elasticbeanstalk as eb
    from constructs import Construct

    PROCESS = "aws:elasticbeanstalk:environment:process:default"


    def setting(name, value, namespace=PROCESS):
        return eb.CfnEnvironment.OptionSettingProperty(
            namespace=namespace, option_name=name, value=value
        )


    class WebStack(Stack):
        def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
            super().__init__(scope, construct_id, **kwargs)
            interval = 15 * 2
            template = eb.CfnConfigurationTemplate(
                self, "Base", application_name="mysite",
                option_settings=[
                    eb.CfnConfigurationTemplate.ConfigurationOptionSettingProperty(
                        namespace="aws:elasticbeanstalk:environment",
                        option_name="LoadBalancerType", value="application"),
                ])
            eb.CfnEnvironment(
                self, "Web",
                application_name="mysite",
                environment_name="mysite-" + "prod",
                template_name=template.ref,
                option_settings=[
                    setting("HealthCheckPath", "/health/"),
                    setting("HealthCheckInterval", str(interval)),
                    {"namespace": PROCESS, "option_name": "MatcherHTTPCode", "value": "200"},
                    setting("SECRET", self.node.try_get_context("secret"),
                            namespace="aws:elasticbeanstalk:application:environment"),
                ] + [setting(name, "5") for name in ["HealthyThresholdCount"]],
            )
    """

  @Test func evaluatesOptionSettingsThroughHelpersAndLocals() throws {
    let read = Self.read(["infra/stacks/web.py": Self.stack, "infra/stacks/__init__.py": ""])
    #expect(read.filesRead[.cdk] == 1)
    #expect(read.definitions.map(\.resource) == ["Base", "Web"])
    let web = read.definitions[1]
    #expect(web.kind == .environment)
    #expect(web.name == "mysite-prod")
    #expect(web.templateReference == "Base")
    let rows = web.settings.map { [$0.option, $0.value] }
    #expect(
      rows.filter { $0[0] != "SECRET" } == [
        ["HealthCheckPath", "/health/"], ["HealthCheckInterval", "30"],
        ["MatcherHTTPCode", "200"], ["HealthyThresholdCount", "5"],
      ])
    let secret = try #require(web.settings.first { $0.option == "SECRET" })
    #expect(secret.isDynamic)
    let file = SourceFile(path: "x", text: Self.stack)
    // The literal at the helper's call site, the dict's own literal.
    #expect(file.text(web.settings[0].location.span) == "\"/health/\"")
    #expect(file.text(web.settings[0].keyLocation.span) == "\"HealthCheckPath\"")
    #expect(file.text(web.settings[2].location.span) == "\"200\"")
    #expect(web.settings[0].source == .infrastructure(.cdk, .environment, "infra/stacks/web.py"))
    #expect(read.definitions[0].settings.first?.value == "application")
  }

  @Test func filesWithoutConstructsAreNotEvaluated() {
    let read = Self.read(["mysite/settings.py": "DEBUG = False\n"])
    #expect(read.definitions.isEmpty)
    #expect(read.filesRead[.cdk] == nil)
  }

  @Test func moduleLevelCallsAndImportedConstants() throws {
    let read = Self.read([
      "cdk/constants.py": "HEALTH = '/ping/'\n",
      "cdk/__init__.py": "",
      "cdk/app.py": """
      import aws_cdk as cdk
      from aws_cdk.aws_elasticbeanstalk import CfnEnvironment
      from cdk.constants import HEALTH

      app = cdk.App()
      stack = cdk.Stack(app, "S")
      CfnEnvironment(stack, "Env", application_name="a", option_settings=[
          CfnEnvironment.OptionSettingProperty(
              namespace="aws:elasticbeanstalk:environment:process:default",
              option_name="HealthCheckPath", value=HEALTH),
      ])
      app.synth()
      """,
    ])
    let setting = try #require(read.definitions.first?.settings.first)
    #expect(setting.value == "/ping/")
    #expect(setting.location.file == "cdk/constants.py")
  }
}
