import EBCheckCore
import EBCheckModel

/// DK002: a multi-container Docker definition leaves nothing listening on port 80.
public struct NothingOnPort80Rule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "DK002", name: "multicontainer-port-80", severity: .error,
    summary:
      "No container of a Dockerrun.aws.json v2 or docker-compose.yml answers on port 80, so every health check fails.",
    rationale: """
      The ECS-managed (multi-container) Docker platforms, and the Docker platform running a \
      `docker-compose.yml`, run no proxy on the instance: the load balancer reaches whichever \
      container publishes host port 80 (`portMappings`, `ports:`). With no such container \
      nothing listens; with two, the second cannot bind the port and does not start. An \
      nginx container resolves every host its configuration proxies to when it starts (the \
      file mounted from the bundle or copied into the image the repository builds); on that \
      network a container finds only the containers it links to, so a host that is no link \
      stops nginx ("host not found in upstream") and nothing answers either.
      """,
    fix:
      "Map host port 80 on exactly one container (usually an nginx container that links to the app).",
    fixable: false,
    triggering: [
      RuleExample([
        ".ebextensions/health.config":
          "option_settings:\n  aws:elasticbeanstalk:environment:process:default:\n    HealthCheckPath: /health/\n",
        "Dockerrun.aws.json": """
        {
          "AWSEBDockerrunVersion": 2,
          "containerDefinitions": [
            {"name": "app", "image": "example/app", "portMappings": [{"hostPort": 80, "containerPort": 8000}]},
            {"name": "proxy", "image": "nginx", "portMappings": [{"hostPort": ↓80, "containerPort": 80}]}
          ]
        }

        """,
      ]).saying("both map host port 80"),
      RuleExample([
        ".ebextensions/health.config":
          "option_settings:\r\n  aws:elasticbeanstalk:environment:process:default:\r\n    HealthCheckPath: /health/\r\n",
        "Dockerrun.aws.json":
          "↓{\r\n  \"AWSEBDockerrunVersion\": 2,\r\n  \"containerDefinitions\": [\r\n    {\"name\": \"web\", \"image\": \"example/한국\", \"portMappings\": [{\"hostPort\": 8000, \"containerPort\": 8000}]}\r\n  ]\r\n}\r\n",
      ]),
      RuleExample([
        ".ebextensions/health.config":
          "option_settings:\n  aws:elasticbeanstalk:environment:process:default:\n    HealthCheckPath: /health/\n",
        "proxy/default.conf":
          "server {\n  listen 80;\n  location / {\n    proxy_pass ↓http://web:8000;\n  }\n}\n",
        "Dockerrun.aws.json": """
        {
          "AWSEBDockerrunVersion": 2,
          "volumes": [{"name": "conf", "host": {"sourcePath": "/var/app/current/proxy/default.conf"}}],
          "containerDefinitions": [
            {"name": "app", "image": "example/app"},
            {"name": "proxy", "image": "nginx:1.25", "links": ["app"],
             "mountPoints": [{"sourceVolume": "conf", "containerPath": "/etc/nginx/conf.d/default.conf"}],
             "portMappings": [{"hostPort": 80, "containerPort": 80}]}
          ]
        }

        """,
      ]).saying("no link of the container"),
      RuleExample([
        ".ebextensions/health.config":
          "option_settings:\n  aws:elasticbeanstalk:environment:process:default:\n    HealthCheckPath: /health/\n",
        "Dockerfile": "FROM python:3.12\nCMD gunicorn -b 0.0.0.0:8000 mysite.wsgi\n",
        "docker-compose.yml":
          "services:\n  ↓web:\n    build: .\n    ports:\n      - \"8000:8000\"\n",
      ]),
    ],
    nonTriggering: [
      RuleExample([
        ".ebextensions/health.config":
          "option_settings:\n  aws:elasticbeanstalk:environment:process:default:\n    HealthCheckPath: /health/\n",
        "Dockerrun.aws.json": """
        {
          "AWSEBDockerrunVersion": 2,
          "containerDefinitions": [
            {"name": "app", "image": "example/app"},
            {"name": "proxy", "image": "nginx", "links": ["app"], "portMappings": [{"hostPort": 80, "containerPort": 80}]}
          ]
        }

        """,
      ]),
      RuleExample([
        ".ebextensions/health.config":
          "option_settings:\n  aws:elasticbeanstalk:environment:process:default:\n    HealthCheckPath: /health/\n",
        "proxy/default.conf":
          "server {\n  listen 80;\n  location / {\n    proxy_pass http://web:8000;\n  }\n}\n",
        "Dockerrun.aws.json": """
        {
          "AWSEBDockerrunVersion": 2,
          "volumes": [{"name": "conf", "host": {"sourcePath": "/var/app/current/proxy/default.conf"}}],
          "containerDefinitions": [
            {"name": "app", "image": "example/app"},
            {"name": "proxy", "image": "nginx:1.25", "links": ["app:web"],
             "mountPoints": [{"sourceVolume": "conf", "containerPath": "/etc/nginx/conf.d/default.conf"}],
             "portMappings": [{"hostPort": 80, "containerPort": 80}]}
          ]
        }

        """,
      ]),
    ],
    references: [
      "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/create_deploy_docker_v2config.html"
    ])

  public func check(_ context: LintContext) -> [Diagnostic] {
    context.environments.compactMap { environment in
      guard let reason = environment.appServer.containerNotListening,
        let location = reason.location
      else { return nil }
      return diagnostic(
        "\(reason.value): nothing answers the load balancer on port 80",
        at: location,
        help:
          "map host port 80 on exactly one container that starts, and link it to every host its proxy names"
      )
    }
  }
}
