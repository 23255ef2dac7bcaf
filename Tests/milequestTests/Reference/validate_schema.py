#!/usr/bin/env python3
"""Validates milequest's JSON output against docs/schema/*.json, independently of milequest.

Uses the python3-jsonschema package (Debian's; any version with Draft202012Validator) and
checks formats: a `date` is exactly YYYY-MM-DD and a real day.

    validate_schema.py SCHEMA DOCUMENT     exit 0 when DOCUMENT (a file) is valid, else 1 and
                                           one line per error on stdout
    validate_schema.py --check DIR         exit 0 when every DIR/*.json is a valid draft 2020-12
                                           schema and strict (each object lists its fields and
                                           refuses others), else 1 and one line per problem
    validate_schema.py --available         exit 0 when jsonschema can be imported

Exit 2: a file that cannot be read or is not JSON.
"""

import datetime
import json
import os
import re
import sys

try:
    import jsonschema
    from jsonschema import Draft202012Validator, FormatChecker
except ImportError:  # pragma: no cover
    jsonschema = None

DRAFT = "https://json-schema.org/draft/2020-12/schema"
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def format_checker():
    checker = FormatChecker()

    @checker.checks("date", raises=ValueError)
    def is_date(instance):
        # Stricter than Python's fromisoformat, which also reads "20260315" and "2026-W11-1".
        if not isinstance(instance, str):
            return True
        return bool(DATE.match(instance)) and bool(datetime.date.fromisoformat(instance))

    return checker


def load(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError) as error:
        print(f"{path}: {error}")
        sys.exit(2)


def where(path):
    return "/" + "/".join(str(part) for part in path)


def validate(schema_path, document_path):
    schema = load(schema_path)
    document = load(document_path)
    validator = Draft202012Validator(schema, format_checker=format_checker())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    for error in errors:
        print(f"{where(error.absolute_path)}: {error.message}")
    return 1 if errors else 0


def strictness_problems(schema, path="#"):
    """Objects that do not list their fields, or accept fields they do not list."""
    problems = []
    if isinstance(schema, dict):
        if schema.get("type") == "object" or "properties" in schema:
            extra = schema.get("additionalProperties")
            if "properties" in schema:
                if extra is not False:
                    problems.append(f"{path}: additionalProperties is not false")
                listed = set(schema["properties"])
                for name in schema.get("required", []):
                    if name not in listed:
                        problems.append(f"{path}: required '{name}' is not a property")
            elif not isinstance(extra, dict):
                problems.append(f"{path}: an object with neither properties nor a value schema")
        if schema.get("type") == "array" and "items" not in schema:
            problems.append(f"{path}: an array without items")
        for key, value in schema.items():
            problems += strictness_problems(value, f"{path}/{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            problems += strictness_problems(value, f"{path}/{index}")
    return problems


def check(directory):
    problems = []
    names = sorted(name for name in os.listdir(directory) if name.endswith(".json"))
    for name in names:
        schema = load(os.path.join(directory, name))
        if schema.get("$schema") != DRAFT:
            problems.append(f"{name}: $schema is not {DRAFT}")
        try:
            Draft202012Validator.check_schema(schema)
        except jsonschema.exceptions.SchemaError as error:
            problems.append(f"{name}: not a valid schema: {error.message}")
        problems += [f"{name}: {problem}" for problem in strictness_problems(schema)]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


def main(arguments):
    if arguments == ["--available"]:
        return 0 if jsonschema is not None else 1
    if jsonschema is None:
        print("python3-jsonschema is not installed")
        return 2
    if len(arguments) == 2 and arguments[0] == "--check":
        return check(arguments[1])
    if len(arguments) == 2:
        return validate(arguments[0], arguments[1])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
