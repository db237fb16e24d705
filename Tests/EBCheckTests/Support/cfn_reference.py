"""Reference reading of CloudFormation templates: PyYAML with constructors for the short-form
tags (or json), then an independent resolution of what the template alone decides.

Usage: cfn_reference.py TEMPLATE ...
Prints {path: [[logical id, kind, namespace, option, value], ...]}; a value CloudFormation
computes at deploy time is "<dynamic>".
"""
import json
import re
import sys

import yaml

DYNAMIC = "<dynamic>"
NO_VALUE = object()
TYPES = {
    "AWS::ElasticBeanstalk::Environment": "environment",
    "AWS::ElasticBeanstalk::ConfigurationTemplate": "configurationTemplate",
}


class Loader(yaml.SafeLoader):
    pass


def construct_tag(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    name = suffix if suffix in ("Ref", "Condition") else "Fn::" + suffix
    if name == "Fn::GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    return {name: value}


Loader.add_multi_constructor("!", construct_tag)


class Template:
    def __init__(self, document):
        self.parameters = document.get("Parameters") or {}
        self.conditions = document.get("Conditions") or {}
        self.mappings = document.get("Mappings") or {}
        self.resources = document.get("Resources") or {}

    def ref(self, name):
        if name == "AWS::NoValue":
            return NO_VALUE
        if name in self.parameters and isinstance(self.parameters[name], dict) \
                and "Default" in self.parameters[name]:
            return self.resolve(self.parameters[name]["Default"])
        return DYNAMIC

    def condition(self, name, seen=()):
        if name not in self.conditions or name in seen:
            return None
        return self.test(self.conditions[name], seen + (name,))

    def test(self, node, seen=()):
        if not isinstance(node, dict) or len(node) != 1:
            return None
        (function, argument), = node.items()
        if function == "Condition":
            return self.condition(argument, seen)
        if function == "Fn::Equals":
            a, b = (self.resolve(x) for x in argument)
            return None if DYNAMIC in (a, b) else a == b
        if function == "Fn::Not":
            inner = self.test(argument[0], seen)
            return None if inner is None else not inner
        if function in ("Fn::And", "Fn::Or"):
            values = [self.test(x, seen) for x in argument]
            if function == "Fn::And":
                return False if False in values else (True if all(v is True for v in values) else None)
            return True if True in values else (False if all(v is False for v in values) else None)
        return None

    def substitute(self, argument):
        text, variables = (argument, {}) if isinstance(argument, str) else (argument[0], argument[1])

        def replace(match):
            name = match.group(1)
            if name.startswith("!"):
                return "${" + name[1:] + "}"
            value = self.resolve(variables[name]) if name in variables else (
                DYNAMIC if "." in name else self.ref(name))
            if not isinstance(value, str) or value == DYNAMIC:
                raise ValueError
            return value

        try:
            return re.sub(r"\$\{([^}]*)\}", replace, text)
        except ValueError:
            return DYNAMIC

    def resolve(self, node):
        if isinstance(node, dict) and len(node) == 1:
            (function, argument), = node.items()
            if function == "Ref":
                return self.ref(argument)
            if function == "Fn::Sub":
                return self.substitute(argument)
            if function == "Fn::Join":
                parts = self.resolve(argument[1])
                if not isinstance(parts, list) or any(not isinstance(p, str) or p == DYNAMIC for p in parts):
                    return DYNAMIC
                return argument[0].join(parts)
            if function == "Fn::Select":
                index, items = self.resolve(argument[0]), self.resolve(argument[1])
                try:
                    return items[int(index)]
                except (TypeError, ValueError, IndexError):
                    return DYNAMIC
            if function == "Fn::FindInMap":
                keys = [self.resolve(k) for k in argument[:3]]
                try:
                    return self.resolve(self.mappings[keys[0]][keys[1]][keys[2]])
                except (KeyError, TypeError):
                    return DYNAMIC
            if function == "Fn::If":
                decided = self.condition(argument[0])
                return DYNAMIC if decided is None else self.resolve(argument[1] if decided else argument[2])
            if function.startswith("Fn::"):
                return DYNAMIC
        if isinstance(node, dict):
            resolved = {k: self.resolve(v) for k, v in node.items()}
            return {k: v for k, v in resolved.items() if v is not NO_VALUE}
        if isinstance(node, list):
            return [v for v in (self.resolve(x) for x in node) if v is not NO_VALUE]
        if node is True:
            return "true"
        if node is False:
            return "false"
        if node is None:
            return ""
        if isinstance(node, float):
            return repr(node)
        return str(node)


def rows(path):
    text = open(path, encoding="utf-8-sig").read()
    document = json.loads(text) if text.lstrip().startswith("{") else yaml.load(text, Loader=Loader)
    template = Template(document)
    out = []
    for logical_id, resource in template.resources.items():
        kind = TYPES.get(resource.get("Type"))
        if kind is None:
            continue
        if "Condition" in resource and template.condition(resource["Condition"]) is False:
            continue
        settings = template.resolve((resource.get("Properties") or {}).get("OptionSettings", []))
        for entry in settings if isinstance(settings, list) else []:
            if not isinstance(entry, dict):
                continue
            value = entry.get("Value", "")
            out.append([logical_id, kind, entry.get("Namespace"), entry.get("OptionName"),
                        value if isinstance(value, str) else DYNAMIC])
    return out


print(json.dumps({path: rows(path) for path in sys.argv[1:]}, ensure_ascii=False))
