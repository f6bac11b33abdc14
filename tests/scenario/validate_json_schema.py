#!/usr/bin/env python3
"""Checks docs/scenario.schema.json the way an editor uses it.

The committed JSON Schema must be a valid draft 2020-12 schema; it must accept
every shipped scenario file as written (overlays included) and the resolved
YAML that `sandtable show` prints for each; and it must reject invalid files
that a single key's type or range can tell apart.

Usage: validate_json_schema.py SOURCE_DIR SANDTABLE_PROGRAM
Needs the Python modules jsonschema and yaml (Debian: python3-jsonschema,
python3-yaml); the test is not registered without them.
"""
import glob
import json
import os
import re
import subprocess
import sys

import jsonschema
import yaml


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML reads YAML 1.1; editors read YAML 1.2 (core schema). Make the
    differences that matter here behave as in 1.2: dates stay strings,
    yes/no/on/off stay strings, and 1.2e9 is a number."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool",
                           "tag:yaml.org,2002:float")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))


def load_yaml(text):
    return yaml.load(text, Loader=Yaml12Loader)


# Invalid files (tests/data/invalid/) whose error the schema alone can see.
MUST_REJECT = [
    "misspelt_key_in_force", "unknown_top_level_key", "unknown_nested_key",
    "fraction_above_one", "negative_personnel", "quality_zero", "horizon_zero",
    "quoted_number", "text_for_number", "integer_given_fraction", "list_for_mapping",
    "mapping_for_number", "boolean_yes", "misspelt_role", "unknown_combat_law",
    "bad_element_name", "affiliation_not_identifier", "missing_required_key",
    "date_wrong_shape", "temperature_out_of_range", "forces_as_list",
    "reinforcements_as_mapping", "extends_not_a_path", "overlay_error_over_base",
]


def main():
    source, program = sys.argv[1], sys.argv[2]
    with open(os.path.join(source, "docs", "scenario.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = []

    def expect_valid(name, document):
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
        for e in errors:
            failures.append(f"{name}: rejected at {'.'.join(map(str, e.path)) or '(top)'}: {e.message}")

    files = sorted(glob.glob(os.path.join(source, "scenarios", "**", "*.yaml"), recursive=True))
    files += sorted(glob.glob(os.path.join(source, "tests", "data", "scenarios", "*.yaml")))
    files += sorted(glob.glob(os.path.join(source, "tests", "data", "overlays", "**", "*.yaml"),
                              recursive=True))
    if not files:
        failures.append("no scenario files found under " + source)
    for path in files:
        with open(path, encoding="utf-8") as f:
            expect_valid(path, load_yaml(f.read()))
        shown = subprocess.run([program, "show", path], capture_output=True, text=True)
        if shown.returncode != 0:
            failures.append(f"sandtable show {path} failed: {shown.stderr}")
        else:
            expect_valid(f"sandtable show {path}", load_yaml(shown.stdout))

    for name in MUST_REJECT:
        path = os.path.join(source, "tests", "data", "invalid", name + ".yaml")
        with open(path, encoding="utf-8") as f:
            document = load_yaml(f.read())
        if validator.is_valid(document):
            failures.append(f"{path}: accepted, but the schema should reject it")

    for line in failures:
        print(line)
    print(f"{len(files)} files accepted and {len(MUST_REJECT)} rejected as expected"
          if not failures else f"{len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
