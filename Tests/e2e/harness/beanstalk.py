"""Reads what Elastic Beanstalk itself reads from a repo: option settings and the Procfile.

Only what the harness needs to boot the app the way the platform does:
environment properties, the Python container options, and the ``web:`` line.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ENV_NAMESPACE = "aws:elasticbeanstalk:application:environment"
PYTHON_NAMESPACE = "aws:elasticbeanstalk:container:python"
STATIC_NAMESPACE = "aws:elasticbeanstalk:environment:proxy:staticfiles"
# The Python platform maps /static to the bundle's static/ folder unless told otherwise.
PYTHON_DEFAULT_STATIC = {"/static": "static"}


@dataclass
class OptionSettings:
    """Option values in the order Beanstalk applies them (later files win)."""

    values: dict[tuple[str, str], str] = field(default_factory=dict)

    def get(self, namespace: str, option: str) -> str | None:
        return self.values.get((namespace, option))

    def namespace(self, namespace: str) -> dict[str, str]:
        return {opt: val for (ns, opt), val in self.values.items() if ns == namespace}


def _as_option_string(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    return str(value)


def _load_config_document(path: Path) -> Any:
    text = path.read_text(encoding="utf-8-sig")
    if text.lstrip().startswith("{"):
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            pass
    return yaml.safe_load(text)


def _settings_from_document(doc: Any) -> list[tuple[str, str, str]]:
    """All three option_settings spellings: list with namespace, list without, shorthand map."""
    if not isinstance(doc, dict):
        return []
    raw = doc.get("option_settings")
    found: list[tuple[str, str, str]] = []
    if isinstance(raw, list):
        for item in raw:
            if not isinstance(item, dict) or "option_name" not in item:
                continue
            namespace = str(item.get("namespace") or ENV_NAMESPACE)
            found.append((namespace, str(item["option_name"]), _as_option_string(item.get("value"))))
    elif isinstance(raw, dict):
        for namespace, options in raw.items():
            if isinstance(options, dict):
                for option, value in options.items():
                    found.append((str(namespace), str(option), _as_option_string(value)))
    return found


def read_option_settings(project: Path) -> OptionSettings:
    settings = OptionSettings()
    ebext = project / ".ebextensions"
    if ebext.is_dir():
        for path in sorted(ebext.glob("*.config"), key=lambda p: p.name):
            for namespace, option, value in _settings_from_document(_load_config_document(path)):
                settings.values[(namespace, option)] = value
    return settings



def static_mappings(options: OptionSettings) -> dict[str, str]:
    """URL path → folder in the bundle, as the proxy serves them."""
    return options.namespace(STATIC_NAMESPACE) or dict(PYTHON_DEFAULT_STATIC)
