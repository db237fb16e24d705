import EBCheckCore
import EBCheckFormats
import EBCheckGenerate
import EBCheckModel
import Testing

/// `generate … --for terraform|cloudformation` read back by ebcheck's own readers gives the
/// options the `.ebextensions` output holds.
@Suite struct GeneratorSettingsFormatTests {
  static func rows(_ settings: [OptionSetting]) -> [[String]] {
    settings.map { [$0.namespace, $0.option, $0.value] }
  }

  @Test(arguments: [LoadBalancerType.application, .network, .classic])
  func everyFormatSaysTheSame(_ loadBalancer: LoadBalancerType) throws {
    var spec = HealthCheckSpec.beanstalkDefaults(for: loadBalancer, path: "/santé/${x}\"")
    spec.matcher = "200,302"
    let expected = spec.clampedForBeanstalk.optionRows.map { [$0.namespace, $0.option, $0.value] }
    let ebextensions = SourceFile(
      path: ".ebextensions/health.config",
      text: Generators.optionSettings(spec, format: .ebextensions))
    let fromYAML = OptionSettingsReader.ebextension(
      YAMLLoader.load(ebextensions), file: ebextensions)
    #expect(Self.rows(fromYAML.settings).map { $0[1] } == expected.map { $0[1] })

    let terraform =
      "resource \"aws_elastic_beanstalk_environment\" \"web\" {\n"
      + Generators.optionSettings(spec, format: .terraform) + "}\n"
    let tf = TerraformReader.read([SourceFile(path: "main.tf", text: terraform)])
    #expect(tf.diagnostics.isEmpty)
    #expect(Self.rows(try #require(tf.definitions.first).settings) == expected)

    let body = Generators.optionSettings(spec, format: .cloudformation)
      .split(separator: "\n", omittingEmptySubsequences: false).map { "      " + $0 }
      .joined(separator: "\n")
    let template =
      "Resources:\n  Web:\n    Type: AWS::ElasticBeanstalk::Environment\n    Properties:\n" + body
    let cfn = CloudFormationReader.read([SourceFile(path: "stack.yaml", text: template)])
    #expect(Self.rows(try #require(cfn.definitions.first).settings) == expected)
  }
}
