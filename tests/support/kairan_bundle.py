#!/usr/bin/env python3
"""Write and check Kairan bundles (format v1) with Python's standard library and the stock
minisign tool, following docs/bundle-format.md.

    kairan_bundle.py build SECRET.key PUBLIC.pub OUT.kairan [deflated]  # an example notice
    kairan_bundle.py check BUNDLE.kairan PUBLIC.pub           # layout, hashes and signature
"""
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import zipfile

UNTRUSTED_COMMENT = "kairan bundle manifest signature"
DOCUMENT_MEDIA_TYPE = "application/vnd.kairan.document+json"


def trusted_comment(manifest):
    return "kairan-bundle v{} id={} series={} seq={} issued={}".format(
        manifest["format_version"], manifest["bundle_id"], manifest["series"]["id"],
        manifest["series"]["sequence"], manifest["issued_at"])


def canonical_info(name, method=zipfile.ZIP_STORED):
    """A ZipInfo with every field the canonical layout fixes (section 2 of the spec)."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.create_system = 3                 # version made by 0x0314: Unix, spec 2.0
    info.external_attr = 0o100644 << 16    # regular file, rw-r--r--
    info.compress_type = method            # Kairan writes ZIP_STORED; reads ZIP_DEFLATED too
    return info


def build(secret_key, public_key_file, out_path, method="stored"):
    document = {
        "format": "kairan-document",
        "format_version": 1,
        "date": {"iso": "2024-04-01", "text": "2024年4月1日"},
        "addressee": "お客様 各位",
        "issuer": ["例示社会保険労務士法人"],
        "title": "システム障害のお知らせ",
        "body": [
            {"type": "heading", "id": "summary", "level": 1,
             "content": [{"type": "text", "text": "概要"}]},
            {"type": "paragraph", "content": [
                {"type": "text", "text": "対象サーバ: "},
                {"type": "mask", "marker": "■■■■", "label": "サーバ名",
                 "masked_by": "not_stated"}]},
            {"type": "omission", "kind": "section", "marker": "—省略—",
             "reason": "機密のため", "omitted_by": "forwarder", "under_heading": "summary"},
        ],
        "closing": "以上",
    }
    # (path in the bundle, bytes, media type, role), in archive order.
    files = [
        ("documents/notice.json",
         json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8") + b"\n",
         DOCUMENT_MEDIA_TYPE, "firm_notice"),
        ("files/連絡先.txt", "お問い合わせ: 03-0000-0000\n".encode("utf-8"),
         "text/plain; charset=utf-8", "attachment"),
    ]
    with open(public_key_file, encoding="utf-8") as f:
        public_key = f.read().splitlines()[1].strip()
    manifest = {
        "format": "kairan-bundle",
        "format_version": 1,
        "bundle_id": "python-example-2024-04-01",
        "series": {"id": "python-example", "sequence": 1},
        "issued_at": "2024-04-01T09:00:00+09:00",
        "issuer": {"name": "例示社会保険労務士法人", "public_key": public_key},
        "entries": [
            {"path": path, "size": len(data), "sha256": hashlib.sha256(data).hexdigest(),
             "media_type": media_type, "role": role}
            for path, data, media_type, role in files
        ],
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"

    with tempfile.TemporaryDirectory() as tmp:
        manifest_path = os.path.join(tmp, "manifest.json")
        with open(manifest_path, "wb") as f:
            f.write(manifest_bytes)
        subprocess.run(["minisign", "-S", "-s", secret_key, "-c", UNTRUSTED_COMMENT,
                        "-t", trusted_comment(manifest), "-m", manifest_path],
                       check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        with open(manifest_path + ".minisig", "rb") as f:
            signature = f.read()

    entries = [("manifest.json", manifest_bytes), ("manifest.json.minisig", signature)]
    entries += [(path, data) for path, data, _, _ in files]
    with zipfile.ZipFile(out_path, "w") as archive:   # a seekable file: no data descriptors
        for name, data in entries:
            compress_type = zipfile.ZIP_DEFLATED if method == "deflated" else zipfile.ZIP_STORED
            archive.writestr(canonical_info(name, compress_type), data)


def check(bundle_path, public_key_file):
    """Checks what Kairan checks, except the canonical byte layout beyond what zipfile shows."""
    with zipfile.ZipFile(bundle_path) as archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        assert names[:2] == ["manifest.json", "manifest.json.minisig"], names
        assert archive.comment == b"", "archive comment"
        for info in infos:
            assert info.date_time == (1980, 1, 1, 0, 0, 0), (info.filename, info.date_time)
            assert (info.create_system, info.create_version) == (3, 20), info.filename
            assert info.extract_version == 20, info.filename
            assert info.external_attr == 0o100644 << 16, info.filename
            assert info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
            utf8 = 0 if info.filename.isascii() else 0x800
            assert info.flag_bits == utf8, (info.filename, info.flag_bits)
            assert info.extra == b"" and info.comment == b"", info.filename
        assert archive.testzip() is None, "CRC-32 mismatch"
        manifest_bytes = archive.read("manifest.json")
        signature = archive.read("manifest.json.minisig")
        manifest = json.loads(manifest_bytes)
        listed = [entry["path"] for entry in manifest["entries"]]
        assert names[2:] == listed, (names[2:], listed)
        for entry in manifest["entries"]:
            data = archive.read(entry["path"])
            assert len(data) == entry["size"], entry["path"]
            assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["path"]
    lines = signature.decode("utf-8").split("\n")
    assert lines[0] == "untrusted comment: " + UNTRUSTED_COMMENT, lines[0]
    assert lines[2] == "trusted comment: " + trusted_comment(manifest), lines[2]
    with tempfile.TemporaryDirectory() as tmp:
        manifest_path = os.path.join(tmp, "manifest.json")
        with open(manifest_path, "wb") as f:
            f.write(manifest_bytes)
        with open(manifest_path + ".minisig", "wb") as f:
            f.write(signature)
        subprocess.run(["minisign", "-V", "-q", "-p", public_key_file, "-m", manifest_path],
                       check=True)
    print("ok: {} entries, signed by the key in {}".format(len(names), public_key_file))


if __name__ == "__main__":
    if len(sys.argv) in (5, 6) and sys.argv[1] == "build":
        build(*sys.argv[2:])
    elif len(sys.argv) == 4 and sys.argv[1] == "check":
        check(*sys.argv[2:])
    else:
        sys.exit(__doc__)
