#!/usr/bin/env python3
"""Checks the Windows and macOS packaging configuration, which these machines cannot build:
Cargo.toml's [package.metadata.packager] against cargo-packager's own JSON schema
(packaging/cargo-packager.schema.json, from cargo-packager at commit c2365d2), and that
packaging/macos/Info.plist parses and exports and claims the .kairan type."""
import json
import plistlib
import sys
import tomllib

import jsonschema


def camel(key):
    """cargo-packager reads kebab-case keys as aliases of its camelCase ones."""
    first, *rest = key.split("-")
    return first + "".join(part.title() for part in rest)


def camel_keys(value):
    if isinstance(value, dict):
        return {camel(key): camel_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [camel_keys(item) for item in value]
    return value


with open("Cargo.toml", "rb") as file:
    config = tomllib.load(file)["package"]["metadata"]["packager"]
with open("packaging/cargo-packager.schema.json") as file:
    schema = json.load(file)
jsonschema.validate(camel_keys(config), schema)

associations = config["file-associations"]
if not any("kairan" in item["extensions"] for item in associations):
    sys.exit("check-packager-config: no file association for .kairan")

with open(config["macos"]["info-plist-path"], "rb") as file:
    plist = plistlib.load(file)
exported = plist["UTExportedTypeDeclarations"][0]
tags = exported["UTTypeTagSpecification"]
claimed = plist["CFBundleDocumentTypes"][0]
if (
    tags["public.filename-extension"] != ["kairan"]
    or tags["public.mime-type"] != ["application/x-kairan"]
    or claimed["LSItemContentTypes"] != [exported["UTTypeIdentifier"]]
    or claimed["CFBundleTypeRole"] != "Viewer"
):
    sys.exit("check-packager-config: Info.plist does not export and claim the .kairan type")
print("packaging configuration for Windows and macOS: valid")
