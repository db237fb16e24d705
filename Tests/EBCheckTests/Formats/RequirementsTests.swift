import Testing
import EBCheckCore
import EBCheckFormats

import EBCheck

@Suite struct RequirementsTests {
  func load(_ files: [String: String]) -> Requirements {
    Requirements.load(from: SourceFiles(files.map { SourceFile(path: $0.key, text: $0.value) }))
  }

  @Test func includesRelativeToTheIncludingFileAndCyclesAreSafe() {
    let requirements = load([
      "requirements.txt": "-r requirements/production.txt\n",
      "requirements/production.txt": "-r base.txt\ngunicorn==21.2.0  # web server\n",
      "requirements/base.txt":
        "Django>=4.2,<5.0\n--requirement=../requirements.txt\n-c constraints.txt\n",
      "requirements/constraints.txt": "django<4.3\n",
    ])
    #expect(
      requirements.files == [
        "requirements.txt", "requirements/production.txt", "requirements/base.txt",
        "requirements/constraints.txt",
      ])
    #expect(requirements.djangoConstraint == ">=4.2,<5.0,<4.3")
    #expect(requirements.djangoVersion == DjangoVersion(4, 2))
    #expect(requirements.location(of: .gunicorn)?.file == "requirements/production.txt")
    #expect(requirements.location(of: .uwsgi) == nil)
  }

  @Test func includeNotReadIsSkipped() {
    let requirements = load(["requirements.txt": "django==3.2.25\n-r missing.txt\n"])
    #expect(requirements.files == ["requirements.txt"])
    #expect(requirements.djangoVersion == DjangoVersion(3, 2))
  }

  @Test(arguments: [
    ("Django==4.2.16", "4.2"),
    ("django==4.2.*", "4.2"),
    ("Django~=3.2.0", "3.2"),
    ("Django>=4.1,<5", "4.1"),
    ("django >= 5.0.1", "5.0"),
    ("Django>4.2", "4.2"),
    ("Django<5", "nil"),
    ("Django", "nil"),
    ("Django!=4.0.0,>=3.2", "3.2"),
    ("django[argon2,bcrypt]==5.1.4 ; python_version >= \"3.10\"", "5.1"),
    ("Django==4.2.16 --hash=sha256:abc", "4.2"),
    ("Django (>=3.0, <4.0)", "3.0"),
    ("Django @ https://github.com/django/django/archive/main.zip", "nil"),
  ])
  func djangoVersionGuess(_ line: String, _ expected: String) {
    let requirements = load(["requirements.txt": line + "\n"])
    #expect(requirements.requirement("DJANGO") != nil, "\(line)")
    #expect(requirements.djangoVersion?.description ?? "nil" == expected, "\(line)")
  }

  @Test func knownPackagesWithLocations() {
    let text = """
      django-environ==0.11.2
      python_decouple==3.8
      django-allow-cidr
      django-ebhealthcheck>=2.0
      django-health-check==3.17.0
      uvicorn[standard]>=0.23
      daphne
      uWSGI==2.0.23
      -e git+https://github.com/benoitc/gunicorn.git#egg=gunicorn
      """
    let file = SourceFile(path: "requirements.txt", text: text)
    let requirements = Requirements.load(from: SourceFiles([file]))
    #expect(Set(requirements.known.keys) == Set(KnownPackage.allCases).subtracting([.django]))
    let decouple = requirements.location(of: .pythonDecouple)
    #expect(decouple.map { file.text($0.span) } == "python_decouple")
    #expect(requirements.requirement("uvicorn")?.extras == ["standard"])
    #expect(requirements.location(of: .gunicorn).map { file.text($0.span) } == "gunicorn")
  }

  @Test func crlfCommentsContinuationsAndMultibyte() {
    let text =
      "# dépendances ☕\r\nDjango>=4.2,\\\r\n    <5.0  # LTS ✓\r\nhttps://example.com/pkg.whl\r\n--index-url https://pypi.org/simple\r\n"
    let file = SourceFile(path: "requirements.txt", text: text)
    let requirements = Requirements.load(from: SourceFiles([file]))
    #expect(requirements.requirements.map(\.name) == ["django"])
    #expect(requirements.djangoConstraint == ">=4.2,<5.0")
    let django = requirements.requirement("django")
    #expect(
      django.map { file.location(of: $0.location.span.start) } == LineColumn(line: 2, column: 1))
    #expect(django?.specifierLocation.map { file.text($0.span) }?.hasPrefix(">=4.2") == true)
  }

  @Test func pipfile() {
    let text = """
      [[source]]
      url = "https://pypi.org/simple"

      [packages]
      django = "==4.2.*"
      gunicorn = "*"
      "django-environ" = {version = ">=0.10", extras = ["x"]}

      [dev-packages]
      daphne = "*"

      [requires]
      python_version = "3.11"
      """
    let file = SourceFile(path: "Pipfile", text: text.replacingNewlines("\r\n"))
    let requirements = Requirements.load(from: SourceFiles([file]))
    #expect(requirements.requirements.map(\.name) == ["django", "gunicorn", "django-environ"])
    #expect(requirements.djangoVersion == DjangoVersion(4, 2))
    #expect(requirements.location(of: .daphne) == nil)
    #expect(requirements.requirement("django-environ")?.specifier == ">=0.10")
    #expect(
      requirements.requirement("django").flatMap(\.specifierLocation).map { file.text($0.span) }
        == "==4.2.*")
  }

  @Test func pyprojectProjectAndPoetry() {
    let project = """
      [project]
      name = "mysite"  # the site
      dependencies = [
          "Django>=5.0,<5.2",   # web framework ☕
          'gunicorn',
          "django-health-check>=3.17; python_version>='3.10'",
      ]

      [project.optional-dependencies]
      dev = ["uvicorn"]
      """
    let requirements = load(["pyproject.toml": project])
    #expect(requirements.requirements.map(\.name) == ["django", "gunicorn", "django-health-check"])
    #expect(requirements.djangoVersion == DjangoVersion(5, 0))
    #expect(requirements.requirement("django-health-check")?.marker == "python_version>='3.10'")

    let poetry = """
      [tool.poetry]
      name = "mysite"

      [tool.poetry.dependencies]
      python = "^3.11"
      Django = "^4.2"
      uwsgi = { version = "~2.0", optional = true }

      [tool.poetry.group.dev.dependencies]
      daphne = "*"
      """
    let poetryRequirements = load(["pyproject.toml": poetry])
    #expect(poetryRequirements.requirements.map(\.name) == ["django", "uwsgi"])
    #expect(poetryRequirements.djangoConstraint == ">=4.2,<5")
    #expect(poetryRequirements.djangoVersion == DjangoVersion(4, 2))
    #expect(poetryRequirements.requirement("uwsgi")?.specifier == ">=2.0,<2.1")
  }

  @Test func rootRequirementsWinOverOtherFiles() {
    let requirements = load([
      "docs/requirements.txt": "Django==3.2\n",
      "requirements.txt": "Django==4.2\n",
      "requirements-dev.txt": "Django==5.0\n",
    ])
    #expect(requirements.djangoVersion == DjangoVersion(4, 2))
    #expect(requirements.requirement("django")?.location.file == "requirements.txt")
    #expect(requirements.beanstalkEntry == "requirements.txt")
    #expect(load(["requirements/base.txt": "django\n"]).beanstalkEntry == nil)
    #expect(load(["Pipfile": "[packages]\ndjango = \"*\"\n"]).beanstalkEntry == "Pipfile")
  }
}

extension String {
  fileprivate func replacingNewlines(_ ending: String) -> String {
    split(separator: "\n", omittingEmptySubsequences: false).joined(separator: ending)
  }
}
