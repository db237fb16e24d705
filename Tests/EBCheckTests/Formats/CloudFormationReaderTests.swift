import EBCheckCore
import EBCheckFormats
import Testing

@Suite struct CloudFormationReaderTests {
  static func read(_ path: String, _ text: String) -> InfrastructureRead {
    CloudFormationReader.read([SourceFile(path: path, text: text)])
  }

  static let yaml = """
    AWSTemplateFormatVersion: "2010-09-09"
    Description: mysite on Elastic Beanstalk   # 설명
    Parameters:
      HealthCheckPath:
        Type: String
        Default: /health/
      Stage:
        Type: String
        AllowedValues: [staging, production]
        Default: production
      CertificateArn:
        Type: String
    Conditions:
      IsProduction: !Equals [!Ref Stage, production]
    Mappings:
      Intervals:
        production: { Seconds: 15 }
        staging: { Seconds: 30 }
    Resources:
      Application:
        Type: AWS::ElasticBeanstalk::Application
      Template:
        Type: AWS::ElasticBeanstalk::ConfigurationTemplate
        Properties:
          ApplicationName: !Ref Application
          SolutionStackName: 64bit Amazon Linux 2023 v4.3.0 running Python 3.12
          OptionSettings:
            - Namespace: aws:elasticbeanstalk:environment
              OptionName: LoadBalancerType
              Value: application
      Environment:
        Type: AWS::ElasticBeanstalk::Environment
        Properties:
          ApplicationName: !Ref Application
          EnvironmentName: !Sub "mysite-${Stage}"
          TemplateName: !Ref Template
          OptionSettings:
            - Namespace: aws:elasticbeanstalk:environment:process:default
              OptionName: HealthCheckPath
              Value: !Ref HealthCheckPath
            - Namespace: aws:elasticbeanstalk:environment:process:default
              OptionName: HealthCheckInterval
              Value: !FindInMap [Intervals, !Ref Stage, Seconds]
            - Namespace: aws:elasticbeanstalk:environment:process:default
              OptionName: MatcherHTTPCode
              Value: !If [IsProduction, "200", "200-399"]
            - !If
              - IsProduction
              - Namespace: aws:elasticbeanstalk:application:environment
                OptionName: DJANGO_DEBUG
                Value: "false"
              - !Ref AWS::NoValue
            - Namespace: aws:elbv2:listener:443
              OptionName: SSLCertificateArns
              Value: !Ref CertificateArn
            - Namespace: aws:elasticbeanstalk:application:environment
              OptionName: BUCKET
              Value: !GetAtt Bucket.Arn
      Bucket:
        Type: AWS::S3::Bucket
    """

  @Test func readsYAMLTemplatesWithShortFormTags() throws {
    let read = Self.read("infra/stack.yaml", Self.yaml)
    #expect(read.diagnostics.isEmpty)
    #expect(read.filesRead[.cloudFormation] == 1)
    #expect(read.definitions.map(\.resource) == ["Template", "Environment"])
    let environment = read.definitions[1]
    #expect(environment.name == "mysite-production")
    #expect(environment.templateReference == "Template")
    let rows = environment.settings.map { [$0.option, $0.value] }
    #expect(
      rows == [
        ["HealthCheckPath", "/health/"], ["HealthCheckInterval", "15"],
        ["MatcherHTTPCode", "200"], ["DJANGO_DEBUG", "false"],
        ["SSLCertificateArns", "!Ref CertificateArn"], ["BUCKET", "!GetAtt Bucket.Arn"],
      ])
    #expect(environment.settings[4].isDynamic)
    #expect(environment.settings[5].isDynamic)
    let file = SourceFile(path: "infra/stack.yaml", text: Self.yaml)
    // A Ref to a parameter is located at the parameter's Default, where it is written.
    #expect(file.text(environment.settings[0].location.span) == "/health/")
    #expect(file.location(of: environment.settings[0].location.span.start).line == 6)
    #expect(file.text(environment.settings[2].location.span) == "\"200\"")
    #expect(file.text(environment.settings[0].keyLocation.span) == "HealthCheckPath")
    #expect(
      read.definitions[0].settings.first?.source
        == .infrastructure(.cloudFormation, .configurationTemplate, "infra/stack.yaml"))
  }

  @Test func readsJSONTemplates() throws {
    let json = """
      {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Parameters": {"Path": {"Type": "String", "Default": "/ping"}},
        "Resources": {
          "Web": {
            "Type": "AWS::ElasticBeanstalk::Environment",
            "Properties": {
              "ApplicationName": "mysite",
              "OptionSettings": [
                {"Namespace": "aws:elasticbeanstalk:environment:process:default",
                 "OptionName": "HealthCheckPath", "Value": {"Ref": "Path"}},
                {"Namespace": "aws:elasticbeanstalk:environment:process:default",
                 "OptionName": "HealthCheckTimeout", "Value": 5},
                {"Namespace": "aws:elasticbeanstalk:application:environment",
                 "OptionName": "REGION", "Value": {"Fn::Sub": "${AWS::Region}"}}
              ]
            }
          }
        }
      }
      """
    let read = Self.read("cfn/web.json", json)
    let web = try #require(read.definitions.first)
    #expect(web.settings.map(\.value).prefix(2) == ["/ping", "5"])
    #expect(web.settings[2].isDynamic)
    let file = SourceFile(path: "cfn/web.json", text: json)
    #expect(file.text(web.settings[0].location.span) == "\"/ping\"")
    #expect(file.text(web.settings[1].location.span) == "5")
  }

  @Test func onlyTemplatesCount() {
    let notATemplate = "steps:\n  - run: echo AWS::ElasticBeanstalk::Environment\n"
    #expect(Self.read(".github/workflows/deploy.yml", notATemplate).definitions.isEmpty)
    #expect(Self.read(".github/workflows/deploy.yml", notATemplate).filesRead[.cloudFormation] == 0)
    let resources = "Resources:\n  Web:\n    Type: AWS::ElasticBeanstalk::Environment\n"
    #expect(Self.read("stack.template", resources).definitions.count == 1)
  }

  @Test func aConditionFalseResourceIsNotCreated() {
    let text = """
      Parameters:
        Stage: {Type: String, Default: staging}
      Conditions:
        IsProduction: !Equals [!Ref Stage, production]
      Resources:
        Web:
          Type: AWS::ElasticBeanstalk::Environment
          Condition: IsProduction
      """
    #expect(Self.read("stack.yaml", text).definitions.isEmpty)
  }

  @Test func brokenTemplatesAreY001() throws {
    let text =
      "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Web:\n    Type: AWS::ElasticBeanstalk::Environment\n    Properties: [unclosed\n"
    let diagnostic = try #require(Self.read("stack.yaml", text).diagnostics.first)
    #expect(diagnostic.rule == "Y001")
    #expect(diagnostic.location.file == "stack.yaml")
  }

  @Test func subReplacesParametersAndKeepsEscapes() throws {
    let text = """
      Parameters:
        Root: {Type: String, Default: /api}
      Resources:
        Web:
          Type: AWS::ElasticBeanstalk::Environment
          Properties:
            OptionSettings:
              - Namespace: aws:elasticbeanstalk:environment:process:default
                OptionName: HealthCheckPath
                Value: !Sub "${Root}/health/${!Literal}"
              - Namespace: aws:elasticbeanstalk:application:environment
                OptionName: JOINED
                Value: !Join [",", ["a", !Select [1, ["x", "b"]]]]
      """
    let settings = try #require(Self.read("stack.yaml", text).definitions.first?.settings)
    #expect(settings.map(\.value) == ["/api/health/${Literal}", "a,b"])
  }
}
