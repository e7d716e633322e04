#!/usr/bin/env python3
"""Fills fuzz/corpus/<target>/ with seed inputs: the committed sample bundle and the hostile
corpus (tests/hostile/cases/), the entries inside the sample (manifest, signature, documents),
the sample's authoring sources and the letter it was made from, and the small files under
fuzz/seeds/.

The corpora themselves are not committed (they grow large); run this once before the first
`cargo fuzz run`, and again after the sample changes. Existing corpus files are kept.
"""

import hashlib
import pathlib
import zipfile

FUZZ = pathlib.Path(__file__).resolve().parent
SAMPLE = FUZZ.parent / "notices" / "mikasa-2023-06-29.kairan"
SAMPLE_SOURCE = FUZZ.parent / "notices" / "mikasa-2023-06-29"
HOSTILE = FUZZ.parent / "tests" / "hostile" / "cases"
SEEDS = FUZZ / "seeds"
CORPUS = FUZZ / "corpus"


def put(target: str, data: bytes) -> None:
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    # libFuzzer names corpus files by their SHA-1; doing the same avoids duplicates.
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def main() -> None:
    bundle = SAMPLE.read_bytes()
    with zipfile.ZipFile(SAMPLE) as archive:
        entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
    names = [name for name, _ in entries]
    assert names[:2] == ["manifest.json", "manifest.json.minisig"], names
    manifest, signature = entries[0][1], entries[1][1]
    documents = [data for _, data in entries[2:]]
    rollover = (SEEDS / "key-rollover.json").read_bytes()

    put("bundle_open", bundle)
    # The hostile corpus: one bundle per known attack, each just past some rule of the format.
    for case in sorted(HOSTILE.glob("*.kairan")):
        put("bundle_open", case.read_bytes())
    put("bundle_edits", b"")  # no edits: the sample itself
    put("bundle_edits", bytes([0, 0, 0, 0x50]))  # one byte rewritten to what it already is
    put("bundle_resigned", b"\x00" + manifest)
    put("bundle_resigned", b"\x01" + signature)
    for selector, document in zip((2, 3, 4), documents):
        put("bundle_resigned", bytes([selector]) + document)
    put("bundle_resigned", b"\x05" + rollover)
    put("manifest_json", manifest)
    for document in documents:
        put("document_json", document)
    put("signature_file", signature)
    put("signature_file", (SEEDS / "key-rollover.json.minisig").read_bytes())
    put("trust_files", b"\x00" + rollover)
    put("trust_files", b"\x01" + (SEEDS / "trust-store.json").read_bytes())
    put("trust_files", b"\x02" + (SEEDS / "series-history.json").read_bytes())
    put("trust_files", b"\x03" + (SEEDS / "settings.json").read_bytes())
    for source in sorted((SAMPLE_SOURCE / "documents").glob("*.notice.md")):
        put("authoring_source", source.read_bytes())
    put("authoring_source", (SEEDS / "clients.csv").read_bytes())
    # Document format version 2: a mask in the letter's head, as JSON and as a source.
    put("document_json", (SEEDS / "document-v2-masked-head.json").read_bytes())
    put("authoring_source", (SEEDS / "masked-head.notice.md").read_bytes())
    put("document_json", (SEEDS / "document-v2-table.json").read_bytes())
    put("authoring_source", (SEEDS / "table.notice.md").read_bytes())
    for page in sorted((FUZZ.parent / "tests/fixtures/import").glob("*.html")):
        put("html_import", page.read_bytes())
    put("plain_text_import", (SAMPLE_SOURCE / "seed.txt").read_bytes())
    # Letters in other styles: English (letterhead, June 3, 2025, [REDACTED], [...], sign-off)
    # and Japanese with ＊/×/● masks and （略）/以下略 omissions.
    for letter in sorted((FUZZ.parent / "tests" / "fixtures" / "import").glob("*.txt")):
        put("plain_text_import", letter.read_bytes())
    for folder in sorted(CORPUS.iterdir()):
        print(f"{folder.name}: {len(list(folder.iterdir()))} files")


if __name__ == "__main__":
    main()
