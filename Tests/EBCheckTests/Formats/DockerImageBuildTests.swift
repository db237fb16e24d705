import EBCheckCore
import EBCheckFormats
import Testing

/// Image names tied to the Dockerfile that builds them, and what a Dockerfile copies.
@Suite struct DockerImageBuildTests {
  static func files(_ pairs: [String: String]) -> SourceFiles {
    SourceFiles(pairs.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) })
  }

  @Test func namesAreComparedWithRegistryAndTagDefaults() {
    #expect(DockerImageBuild.normalized("nginx") == "nginx:latest")
    #expect(DockerImageBuild.normalized("docker.io/library/nginx:1.25") == "nginx:1.25")
    #expect(
      DockerImageBuild.normalized("localhost:5000/team/app") == "localhost:5000/team/app:latest")
    #expect(DockerImageBuild.normalized("team/app@sha256:abc") == "team/app@sha256:abc")
  }

  @Test func dockerBuildCommandsInScriptsAndCIFiles() {
    let files = Self.files([
      ".travis.yml":
        "after_success:\n  - docker build -t acme/web ./web\n  - docker push acme/web\n",
      "Makefile":
        "proxy:\n\tdocker build --pull --tag=acme/proxy:2 \\\n\t  -f deploy/Proxy.Dockerfile deploy && echo done\n",
      "bin/release":
        "docker buildx build --platform linux/amd64 -tacme/worker:1 worker # comment\n",
      "scripts/other.sh": "docker build -t $IMAGE .\ndocker build -t acme/up ../outside\n",
    ])
    let builds = DockerImageBuild.all(in: files)
    #expect(
      builds.map { "\($0.image) \($0.context) \($0.dockerfile) \($0.location.file)" }.sorted() == [
        "acme/proxy:2 deploy deploy/Proxy.Dockerfile Makefile",
        "acme/web:latest web web/Dockerfile .travis.yml",
        "acme/worker:1 worker worker/Dockerfile bin/release",
      ])
    #expect(DockerImageBuild.builds(of: "acme/web:latest", in: files).count == 1)
    #expect(DockerImageBuild.builds(of: "acme/web:2", in: files).isEmpty)
  }

  @Test func composeServicesWithImageAndBuild() {
    let files = Self.files([
      "docker/docker-compose.yml":
        "services:\n  app:\n    image: acme/app:3\n    build: ../app\n  front:\n    image: acme/front\n    build:\n      context: ../front\n      dockerfile: Dockerfile.nginx\n  db:\n    image: postgres:16\n"
    ])
    let builds = DockerImageBuild.all(in: files).map { "\($0.image) \($0.dockerfile)" }
    #expect(builds == ["acme/app:3 app/Dockerfile", "acme/front:latest front/Dockerfile.nginx"])
  }

  @Test func copiesIntoTheImageFromTheBuildContext() {
    let files = Self.files([
      "front/Dockerfile":
        "FROM nginx:1.27 AS base\nCOPY x /x\nFROM nginx:1.27\nWORKDIR /etc/nginx\nCOPY nginx.conf ./nginx.conf\nCOPY sites conf.d/\nCOPY --from=base /x /etc/nginx/x.conf\n",
      "front/nginx.conf": "events {}\n",
      "front/sites/a.conf": "server {}\n",
      "front/sites/b.conf": "server {}\n",
    ])
    let copies = DockerfileCopies.read(files["front/Dockerfile"]!)
    #expect(copies.baseImage == "nginx:1.27")
    let found = copies.files(under: "/etc/nginx", context: "front", in: files)
    #expect(
      found.map { "\($0.path) \($0.file.path)" } == [
        "/etc/nginx/nginx.conf front/nginx.conf",
        "/etc/nginx/conf.d/a.conf front/sites/a.conf",
        "/etc/nginx/conf.d/b.conf front/sites/b.conf",
      ])
  }

  @Test func dockerrunMountsLinksAndCommands() throws {
    let text = """
      {"AWSEBDockerrunVersion": 2,
       "volumes": [{"name": "site", "host": {"sourcePath": "/var/app/current/proxy/site.conf"}}],
       "containerDefinitions": [
         {"name": "app", "image": "acme/app", "command": ["gunicorn", "-b", "0.0.0.0:8000", "a.wsgi"]},
         {"name": "proxy", "image": "nginx", "links": ["app:backend"], "extraHosts": [{"hostname": "cache", "ipAddress": "10.0.0.9"}],
          "mountPoints": [{"sourceVolume": "site", "containerPath": "/etc/nginx/conf.d/default.conf"}]}
       ]}
      """
    let definition = try #require(
      DockerrunContainers.read(SourceFile(path: "Dockerrun.aws.json", text: text)))
    let proxy = definition.containers[1]
    #expect(proxy.links == ["app"])
    #expect(DockerrunContainers.resolvable(in: proxy) == ["app", "backend", "cache"])
    #expect(proxy.mounts.map(\.sourcePath) == ["/var/app/current/proxy/site.conf"])
    #expect(
      definition.containers[0].command?.value == ["gunicorn", "-b", "0.0.0.0:8000", "a.wsgi"])
  }

  @Test func ciFilesAndContainerConfigurationFilesAreRead() {
    #expect(FileClassifier.kind(of: ".travis.yml") == .ciConfig)
    #expect(FileClassifier.kind(of: ".gitlab-ci.yml") == .ciConfig)
    #expect(FileClassifier.kind(of: "nginx/sites-enabled/default.conf") == .serverConfig)
    #expect(FileClassifier.kind(of: ".platform/nginx/conf.d/x.conf") == .nginx)
    #expect(FileClassifier.kind(of: "Dockerfile-App") == .dockerfile)
    #expect(FileClassifier.kind(of: "deploy/proxy.Dockerfile") == .dockerfile)
    #expect(FileClassifier.kind(of: "Dockerfiles/readme.md") == .other)
  }
}
