"""Fast checks of the harness's own pieces (no processes): python3 -m unittest Tests/e2e/test_harness.py"""
from __future__ import annotations

import shutil
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import apache, appserver, bundle, docker, multicontainer, nginx, probe  # noqa: E402
from harness.beanstalk import ENV_NAMESPACE, PYTHON_NAMESPACE, read_option_settings  # noqa: E402
from harness.ports import PortMap  # noqa: E402
from harness.predictions import outcome_for  # noqa: E402


_TEMP_DIRS: list[Path] = []


def tearDownModule() -> None:
    for path in _TEMP_DIRS:
        shutil.rmtree(path, ignore_errors=True)


def _project(files: dict[str, str]) -> Path:
    root = Path(tempfile.mkdtemp(prefix="ebcheck-e2e-unit-"))
    _TEMP_DIRS.append(root)
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


class OptionSettingsTest(unittest.TestCase):
    def test_three_spellings_and_json_in_alphabetical_order(self) -> None:
        root = _project({
            ".ebextensions/01.config": "option_settings:\n  aws:elasticbeanstalk:application:environment:\n    A: one\n    FLAG: true\n",
            ".ebextensions/02.config": "option_settings:\n  - option_name: A\n    value: two\n",
            ".ebextensions/03.config": '{"option_settings": [{"namespace": "aws:elasticbeanstalk:container:python",'
                                       ' "option_name": "WSGIPath", "value": "site.wsgi:application"}]}',
            ".ebextensions/ignored.yaml": "option_settings: {x: {y: z}}\n",
        })
        options = read_option_settings(root)
        self.assertEqual(options.namespace(ENV_NAMESPACE), {"A": "two", "FLAG": "true"})
        self.assertEqual(options.get(PYTHON_NAMESPACE, "WSGIPath"), "site.wsgi:application")
        self.assertEqual(len(options.values), 3)


class AppServerTest(unittest.TestCase):
    def test_procfile_bind_is_moved_but_keeps_its_logical_port(self) -> None:
        root = _project({"Procfile": "web: gunicorn --bind :5000 --workers 3 shop.wsgi\n"})
        ports = PortMap()
        [web] = appserver.app_commands(root, read_option_settings(root), {}, ports)
        self.assertEqual(web.logical_port, 5000)
        self.assertEqual(web.argv[3:5], ["--bind", f"127.0.0.1:{ports[5000]}"])
        self.assertEqual(web.argv[-3:], ["--workers", "3", "shop.wsgi"])

    def test_default_command_comes_from_wsgipath_and_port(self) -> None:
        root = _project({".ebextensions/a.config": "option_settings:\n  aws:elasticbeanstalk:container:python:\n    WSGIPath: site/wsgi.py\n"})
        ports = PortMap()
        [web] = appserver.app_commands(root, read_option_settings(root), {"PORT": "5000"}, ports)
        self.assertEqual(web.logical_port, 5000)
        self.assertEqual(web.argv[-1], "site.wsgi:application")
        self.assertIn("15", web.argv)


class NginxRewriteTest(unittest.TestCase):
    def test_ports_are_rewritten_once_and_ipv6_listens_dropped(self) -> None:
        ports = PortMap()
        text = "server {\n    listen 8081;\n    listen [::]:8081;\n    location / { proxy_pass http://localhost:8000; }\n}\n"
        out = nginx.rewrite_conf(text, Path("/x"), ports, main=False)
        self.assertIn(f"listen 127.0.0.1:{ports[8081]};", out)
        self.assertIn(f"proxy_pass http://127.0.0.1:{ports[8000]};", out)
        self.assertIn("# (e2e) IPv6 listen dropped", out)
        self.assertEqual(len(ports.items()), 2)

    def test_main_conf_loses_user_and_gets_private_paths(self) -> None:
        text = "user nginx;\npid /var/run/nginx.pid;\nworker_processes auto;\nhttp {\n  access_log /var/log/nginx/access.log;\n}\n"
        out = nginx.rewrite_conf(text, Path("/r"), PortMap(), main=True)
        self.assertNotIn("user nginx", out)
        self.assertIn("pid /r/nginx.pid;", out)
        self.assertIn("worker_processes 1;", out)
        self.assertIn("access_log /r/logs/access.log;", out)
        self.assertIn("proxy_temp_path /r/temp/proxy;", out)


class ApacheLayoutTest(unittest.TestCase):
    def test_platform_evidence_picks_the_front(self) -> None:
        def kind(config: str) -> str:
            project = _project({".ebextensions/01.config": config})
            return apache.layout_kind(read_option_settings(project), project)

        python = "option_settings:\n  aws:elasticbeanstalk:container:python:\n    WSGIPath: "
        self.assertEqual(kind(python + "mysite/wsgi.py\n"), "mod_wsgi")
        self.assertEqual(kind(python + "/opt/python/current/app/web/wsgi.py\n"), "mod_wsgi")
        self.assertEqual(kind(python + "mysite.wsgi:application\n"), "nginx")
        proxy = "option_settings:\n  aws:elasticbeanstalk:environment:proxy:\n    ProxyServer: apache\n"
        self.assertEqual(kind(proxy), "proxy")

    def test_ebextensions_files_under_conf_d_only(self) -> None:
        project = _project({".ebextensions/02.config": (
            "files:\n"
            '  "/etc/httpd/conf.d/health.conf":\n    content: |\n      RequestHeader set Host "a"\n'
            '  "/etc/httpd/conf/other.conf":\n    content: |\n      Redirect / https://b/\n'
            '  "/opt/elasticbeanstalk/hooks/x.sh":\n    content: "echo"\n')})
        self.assertEqual(apache._httpd_files(project), {"health.conf": 'RequestHeader set Host "a"\n'})

    def test_script_path_and_rewritten_paths(self) -> None:
        project = Path("/tmp/app")
        self.assertEqual(apache._script_path(project, "/opt/python/current/app/web/wsgi.py"),
                         project / "web/wsgi.py")
        ports = PortMap()
        text = apache._rewrite("<VirtualHost *:80>\nListen 80\nProxyPass / http://127.0.0.1:8000/\n"
                               "<Directory /opt/python/current/app/static>\n", Path("/r"), project, ports)
        self.assertIn(f"<VirtualHost *:{ports[80]}>", text)
        self.assertIn("# (e2e) Listen 80", text)
        self.assertIn(f"http://127.0.0.1:{ports[8000]}/", text)
        self.assertIn("<Directory /tmp/app/static>", text)


class MatcherTest(unittest.TestCase):
    def test_lists_and_ranges(self) -> None:
        self.assertTrue(probe.matches(200, "200"))
        self.assertFalse(probe.matches(204, "200"))
        self.assertTrue(probe.matches(400, "200-499"))
        self.assertTrue(probe.matches(302, "200,302"))
        self.assertFalse(probe.matches(None, "200-599"))


if __name__ == "__main__":
    unittest.main()


class InfrastructurePredictionTest(unittest.TestCase):
    """Cases whose health check is set in infrastructure code take path and matcher from
    ebcheck's JSON prediction; before a fix they must equal the manifest's."""

    def test_prediction_sets_path_and_matcher_and_disagreement_is_a_mismatch(self) -> None:
        from harness.case import CaseResult, _from_prediction
        from harness.manifest import Check

        checks = [Check("default", "HTTP", 80, "/health/", 200, True, "200")]
        entries = [{"protocol": "HTTP", "path": "/health/", "matcher": "200"}]
        result = CaseResult("x")
        self.assertEqual(_from_prediction(checks, entries, result, fixed=False)[0].path, "/health/")
        self.assertEqual(result.mismatches, [])
        wrong = [{"protocol": "HTTP", "path": "/", "matcher": "200,302"}]
        configured = _from_prediction(checks, wrong, result, fixed=False)
        self.assertEqual((configured[0].path, configured[0].matcher), ("/", "200,302"))
        self.assertEqual([m.field for m in result.mismatches], ["path", "matcher"])
        after_fix = CaseResult("y")
        _from_prediction(checks, wrong, after_fix, fixed=True)
        self.assertEqual(after_fix.mismatches, [])


class DockerLayoutTest(unittest.TestCase):
    def test_image_env_substitution_workdir_and_exec_command(self) -> None:
        root = _project({"Dockerfile": (
            "FROM node AS assets\nCMD [\"node\"]\nFROM python:3.12\nARG MODE=staging\n"
            "ENV BUILD_MODE production\nENV DJANGO_SETTINGS_MODULE=site.settings.${BUILD_MODE} OTHER=${MODE:-x}\n"
            "COPY . /srv\nWORKDIR /srv/web\nEXPOSE 8000/tcp\n"
            "CMD [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \\\n     \"site.wsgi\"]\n")})
        image = docker.read_image(root / "Dockerfile")
        self.assertEqual(image.env["DJANGO_SETTINGS_MODULE"], "site.settings.production")
        self.assertEqual(image.env["OTHER"], "staging")
        self.assertEqual(image.exposed, 8000)
        self.assertEqual(image.command, ["gunicorn", "--bind", "0.0.0.0:8000", "site.wsgi"])
        (root / "web").mkdir()
        layout = docker.lay_out(root, {"DJANGO_SETTINGS_MODULE": "site.settings.console"}, {}, PortMap())
        self.assertEqual(layout.cwd, root / "web")
        self.assertEqual(layout.env["DJANGO_SETTINGS_MODULE"], "site.settings.console")  # properties win
        self.assertEqual(layout.container_port, 8000)
        self.assertEqual(layout.argv[layout.argv.index("--bind") + 1].rpartition(":")[0], docker.CONTAINER_ADDRESS)

    def test_loopback_binds_stay_on_the_loopback(self) -> None:
        ports = PortMap()
        argv, logical = docker._server_argv(["python", "manage.py", "runserver"], Path("."), {}, ports)
        self.assertEqual((argv[-1], logical), (f"127.0.0.1:{ports[8000]}", 8000))
        argv, _ = docker._server_argv(["/bin/sh", "-c", "exec gunicorn -b localhost:9000 a.wsgi"], Path("."), {}, ports)
        self.assertIn(f"localhost:{ports[9000]}", argv)
        self.assertIsNone(docker._server_argv(["supervisord", "-n"], Path("."), {}, ports))

    def test_dockerrun_v1_port_and_command_override(self) -> None:
        root = _project({
            "Dockerfile": "FROM python:3.12\nEXPOSE 8000\nCMD [\"gunicorn\", \"a.wsgi\"]\n",
            "Dockerrun.aws.json": '{"AWSEBDockerrunVersion": "1", "Ports": [{"ContainerPort": "5000"}],'
                                  ' "Command": "gunicorn -b 0.0.0.0:5000 b.wsgi"}',
        })
        layout = docker.lay_out(root, {}, {}, PortMap())
        self.assertEqual(layout.container_port, 5000)
        self.assertEqual((layout.logical_port, layout.argv[-1]), (5000, "b.wsgi"))


class BundleTest(unittest.TestCase):
    """The copy the stack boots is what `eb deploy` uploads (harness/bundle.py)."""

    def _pruned(self, files: dict[str, str]) -> tuple[Path, list[str]]:
        source = _project(files)
        copy = Path(tempfile.mkdtemp(prefix="ebcheck-e2e-bundle-")) / "app"
        _TEMP_DIRS.append(copy.parent)
        shutil.copytree(source, copy)
        return copy, bundle.prune_to_bundle(source, copy)

    def test_git_ignored_files_stay_behind(self) -> None:
        copy, removed = self._pruned({
            ".gitignore": "local_settings.py\n*.sqlite3\n",
            "mysite/settings.py": "ALLOWED_HOSTS = []\n",
            "mysite/local_settings.py": "ALLOWED_HOSTS = ['*']\n",
            "db.sqlite3": "",
        })
        self.assertEqual(removed, ["db.sqlite3", "mysite/local_settings.py"])
        self.assertTrue((copy / "mysite/settings.py").is_file())
        self.assertFalse((copy / ".git").exists())

    def test_ebignore_replaces_gitignore(self) -> None:
        # With an .ebignore, .gitignore means nothing to the EB CLI: its files are deployed.
        copy, removed = self._pruned({
            ".gitignore": "local_settings.py\n",
            ".ebignore": "docs/\n*.md\n",
            "mysite/local_settings.py": "ALLOWED_HOSTS = ['*']\n",
            "docs/notes.txt": "",
            "README.md": "",
        })
        # The EB CLI never uploads the .ebignore itself.
        self.assertEqual(removed, [".ebignore", "README.md", "docs/notes.txt"])
        self.assertTrue((copy / "mysite/local_settings.py").is_file())
        self.assertFalse((copy / "docs").exists())

    def test_ebignore_negation_reaches_into_a_left_out_folder(self) -> None:
        # The EB CLI matches each file's path: `!docker/**` after `*` puts docker/'s files
        # back, where git would never look inside the ignored folder.
        copy, removed = self._pruned({
            ".ebignore": "*\n!Dockerrun.aws.json\n!docker/**\n",
            "Dockerrun.aws.json": "{}",
            "docker/nginx/site.conf": "server {}\n",
            "app/manage.py": "",
            "env/prod/Dockerrun.aws.json": "{}",
            "notes.txt~": "",
        })
        self.assertEqual(removed, [".ebignore", "app/manage.py", "notes.txt~"])
        self.assertTrue((copy / "docker/nginx/site.conf").is_file())
        # An unanchored name matches at any depth.
        self.assertTrue((copy / "env/prod/Dockerrun.aws.json").is_file())


class UnixSocketTest(unittest.TestCase):
    def test_one_path_means_one_file_for_gunicorn_and_nginx(self) -> None:
        folder = _project({})
        ports = PortMap(socket_dir=folder / "sockets")
        command = appserver._rewrite("gunicorn --bind unix:/run/app.sock site.wsgi", "web", {}, ports)
        assert command is not None and command.socket is not None
        self.assertIn(f"unix:{command.socket}", command.argv)
        conf = nginx.rewrite_conf("proxy_pass http://unix:/run/app.sock:/;\nproxy_pass http://unix:/run/other.sock;",
                                  folder, ports, main=False)
        self.assertIn(f"unix:{command.socket}:/;", conf)
        self.assertNotIn("/run/other.sock", conf)
        self.assertNotIn(f"unix:{command.socket};", conf)


class ConsoleOptionTest(unittest.TestCase):
    def test_the_outcome_for_the_consoles_wsgipath(self) -> None:
        option = "aws:elasticbeanstalk:container:python:WSGIPath"
        entry = {"outcomes": [
            {"status": 502, "premise": {"kind": "consoleOption", "option": option, "value": None}},
            {"status": 400, "premise": {"kind": "consoleOption", "option": option, "value": "a.wsgi:application"}},
        ]}
        self.assertEqual(outcome_for(entry, {})["status"], 502)
        chosen = outcome_for(entry, {}, console_options={(PYTHON_NAMESPACE, "WSGIPath"): "a.wsgi:application"})
        self.assertEqual(chosen["status"], 400)
        self.assertIsNone(outcome_for(entry, {}, console_options={(PYTHON_NAMESPACE, "WSGIPath"): "b.wsgi"}))


class ContainerScriptTest(unittest.TestCase):
    def test_start_script_is_the_repository_file_the_image_copies(self) -> None:
        project = _project({
            "Dockerfile": "FROM python:3.12\nWORKDIR /srv/a\nCOPY . .\nCOPY bin/start.sh /usr/local/bin/go\n"
                          "EXPOSE 8000\nCMD [\"/usr/local/bin/go\"]\n",
            "bin/start.sh": "#!/bin/sh\nexec gunicorn a.wsgi\n",
        })
        layout = docker.lay_out(project, {}, {}, PortMap(), scratch=project / "work")
        self.assertIsNotNone(layout.script)
        self.assertEqual(layout.script.argv, ["/bin/sh", str(project / "bin/start.sh")])
        self.assertTrue((layout.script.bin_dir / "gunicorn").is_file())

    def test_supervisord_config_paths_move_into_the_case(self) -> None:
        project = _project({
            "Dockerfile": "FROM python:3.12\nWORKDIR /srv/a\nCOPY . .\nCOPY s.conf /etc/s.conf\nEXPOSE 8000\n"
                          "CMD [\"supervisord\", \"-n\", \"-c\", \"/etc/s.conf\"]\n",
            "s.conf": "[supervisord]\npidfile=/tmp/s.pid\nlogfile=/dev/null\n[program:web]\n"
                      "command=gunicorn -b 127.0.0.1:8000 a.wsgi\ndirectory=/srv/a/sub\n",
        })
        planned = docker.lay_out(project, {}, {}, PortMap()).script  # without scratch: nothing written
        self.assertFalse(Path(planned.argv[-1]).exists())
        layout = docker.lay_out(project, {}, {}, PortMap(), scratch=project / "work")
        conf = Path(layout.script.argv[-1]).read_text()
        self.assertIn(f"directory={project / 'sub'}", conf)
        self.assertIn("logfile=/dev/null", conf)
        self.assertNotIn("/tmp/s.pid", conf)


class MultiContainerTest(unittest.TestCase):
    _DOCKERRUN = (
        '{"AWSEBDockerrunVersion": 2, "volumes": [{"name": "site", "host": {"sourcePath": '
        '"/var/app/current/site.conf"}}], "containerDefinitions": [{"name": "web", "image": "w"}, '
        '{"name": "proxy", "image": "nginx:1.25", "links": ["LINK"], "portMappings": '
        '[{"hostPort": 80, "containerPort": 80}], "mountPoints": [{"sourceVolume": "site", '
        '"containerPath": "/etc/nginx/conf.d/default.conf"}]}]}')

    def _layout(self, link: str) -> tuple[multicontainer.MultiLayout, str]:
        project = _project({
            "Dockerrun.aws.json": self._DOCKERRUN.replace("LINK", link),
            "site.conf": "server { listen 80; location / { proxy_pass http://api:8000; } }\n",
            "web/Dockerfile": "FROM python:3.12\nWORKDIR /app\nCOPY . .\nEXPOSE 8000\n"
                              "CMD [\"gunicorn\", \"-b\", \"0.0.0.0:8000\", \"a.wsgi\"]\n",
        })
        work = project / "work"
        layout = multicontainer.lay_out(project, {"w": "web/Dockerfile"}, work, PortMap(), {}, {})
        return layout, (layout.nginx_root / "conf.d/default.conf").read_text()

    def test_a_linked_alias_becomes_the_containers_address(self) -> None:
        layout, conf = self._layout("web:api")
        self.assertEqual(len(layout.commands), 1)
        self.assertIn(f"proxy_pass http://{docker.CONTAINER_ADDRESS}:{layout.commands[0].real_port};", conf)

    def test_a_name_no_link_defines_stays_as_written(self) -> None:
        _, conf = self._layout("web")
        self.assertIn("proxy_pass http://api:8000;", conf)

    def test_container_command_premise_holds_when_the_harness_ran_it(self) -> None:
        entry = {"outcomes": [
            {"condition": "if it starts", "variable": "", "status": 200, "healthy": True,
             "premise": {"kind": "containerCommand", "holds": True}},
            {"condition": "if not", "variable": "", "status": None, "healthy": False,
             "premise": {"kind": "containerCommand", "holds": False}}]}
        self.assertEqual(outcome_for(entry, {}, container_command=True)["status"], 200)
        self.assertIsNone(outcome_for(entry, {}, container_command=False)["status"])
