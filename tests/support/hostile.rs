//! The hostile corpus: one bundle per attack, each with the status and the reason Kairan must
//! give for it. `tests/hostile.rs` checks every case; `cargo test --test hostile -- --ignored
//! regenerate` writes the small ones to `tests/hostile/cases/` with `tests/hostile/cases.json`.
//!
//! Every case is built deterministically (fixed test keys, deterministic signatures), so the
//! committed files are exactly what this module produces.

use std::io::Write as _;

use kairan::bundle::limits;
use kairan::bundle::manifest::{MANIFEST_PATH, SIGNATURE_PATH};
use kairan::bundle::{
    BundleError, FailureKind, OpenedBundle, Role, SignatureFile, TrustedKey, Verdict,
};

use super::bundle::{
    Parts, TestKey, document_json, entries, manifest_entry, parts, signer, with_signed_manifest,
};
use super::zip::{self, Entry, central, end, local};

/// Cases larger than this are generated at test time and not committed.
pub const COMMIT_LIMIT: usize = 256 * 1024;

/// One hostile bundle.
pub struct Case {
    /// File name in `tests/hostile/cases/`.
    pub file: String,
    /// What the attack is.
    pub attack: &'static str,
    /// The status `kairan verify` must report: `invalid`, `unreadable`, `tampered` or
    /// `unknown_signer` (never `verified`).
    pub status: &'static str,
    /// A fragment the reason must contain.
    pub reason: String,
    /// The bundle.
    pub bytes: Vec<u8>,
}

/// The keys the reader trusts when opening the corpus: the test signer and the demo key.
pub fn trusted() -> Vec<TrustedKey> {
    let mut trusted = super::bundle::signer_trusted();
    trusted.push(kairan::sample::demo_trusted_key());
    trusted
}

/// The status word and full reason of an open result, as `kairan verify` reports them.
pub fn outcome(result: &Result<OpenedBundle, BundleError>) -> (&'static str, String) {
    match result {
        Err(error) if error.kind() == FailureKind::Unreadable => ("unreadable", error.to_string()),
        Err(error) => ("invalid", error.to_string()),
        Ok(opened) => match &opened.verdict {
            Verdict::Verified { signer } => ("verified", format!("signed by {}", signer.name)),
            Verdict::UnknownSigner { key } => (
                "unknown_signer",
                format!("valid signature by unknown key {}", key.key_id),
            ),
            Verdict::Tampered { entry, problem } => {
                ("tampered", format!("entry {entry:?}: {problem}"))
            }
            Verdict::BadSignature { problem } => ("invalid", problem.to_string()),
            Verdict::Unsigned => ("invalid", "not signed".to_owned()),
        },
    }
}

struct Builder {
    cases: Vec<Case>,
}

impl Builder {
    fn add(
        &mut self,
        name: &str,
        attack: &'static str,
        status: &'static str,
        reason: &str,
        bytes: Vec<u8>,
    ) {
        self.cases.push(Case {
            file: format!("{:02}-{name}.kairan", self.cases.len() + 1),
            attack,
            status,
            reason: reason.to_owned(),
            bytes,
        });
    }
}

fn written(entries: &[Entry]) -> Vec<u8> {
    zip::write(entries).bytes
}

fn with_entry(name: &str, contents: &[u8]) -> Vec<u8> {
    let mut entries = entries();
    entries.push(Entry::stored(name, contents));
    written(&entries)
}

fn altered(alter: impl FnOnce(&mut Entry)) -> Vec<u8> {
    let mut entries = entries();
    alter(&mut entries[3]);
    written(&entries)
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).expect("deflate to memory");
    encoder.finish().expect("deflate to memory")
}

/// Nested JSON arrays `depth` deep.
fn nested(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

/// Every case of the corpus.
pub fn cases() -> Vec<Case> {
    let mut b = Builder { cases: Vec::new() };
    let comment = parts().manifest.trusted_comment();
    let sample = kairan::sample::SAMPLE_BUNDLE;

    // --- names ---
    b.add(
        "duplicate-name",
        "two entries with the same name",
        "invalid",
        "two entries are named \"files/memo.txt\"",
        with_entry("files/memo.txt", b"attachment bytes\n"),
    );
    b.add(
        "duplicate-after-case-folding",
        "names equal after case folding",
        "invalid",
        "differ only in case or Unicode normalisation",
        with_entry("files/Memo.TXT", b"x"),
    );
    {
        let parts = parts().with_file("files/caf\u{e9}.txt", b"nfc", Role::Attachment);
        let mut entries = parts.entries(&signer());
        entries.push(Entry::stored("files/cafe\u{301}.txt", b"nfd"));
        b.add(
            "duplicate-after-nfc-nfd",
            "names equal after Unicode normalisation (NFC vs NFD)",
            "invalid",
            "differ only in case or Unicode normalisation",
            written(&entries),
        );
    }
    b.add(
        "name-absolute",
        "absolute entry name",
        "invalid",
        "it is an absolute path",
        with_entry("/etc/cron.d/evil", b"x"),
    );
    b.add(
        "name-parent-segment",
        "entry name climbing out with ..",
        "invalid",
        "it contains a `..` segment",
        with_entry("files/../../.bashrc", b"x"),
    );
    b.add(
        "name-backslash",
        "entry name with a backslash",
        "invalid",
        "it contains a backslash",
        with_entry("..\\..\\evil.exe", b"x"),
    );
    b.add(
        "name-drive-letter",
        "entry name with a drive letter",
        "invalid",
        "it starts with a drive letter",
        with_entry("C:/Windows/evil.dll", b"x"),
    );
    {
        let mut entries = entries();
        let mut entry = Entry::stored("files/x.txt", b"x");
        entry.name = b"files/\xff\xfe.txt".to_vec();
        entries.push(entry);
        b.add(
            "name-not-utf8",
            "entry name that is not UTF-8",
            "invalid",
            "it is not valid UTF-8",
            written(&entries),
        );
    }
    b.add(
        "name-control-character",
        "entry name with a control character (terminal escape)",
        "invalid",
        "it contains a control, direction-changing or invisible character",
        with_entry("files/\u{1b}[2Jevil.txt", b"x"),
    );
    b.add(
        "name-directory",
        "a directory entry",
        "invalid",
        "it contains an empty or `.` segment",
        with_entry("files/", b""),
    );

    // --- headers ---
    {
        let mut layout = zip::write(&entries());
        let at = layout.local[2] + local::TIME;
        layout.patch16(at, 0x6000);
        b.add(
            "local-header-mismatch",
            "local header disagrees with the central directory",
            "invalid",
            "the local header of \"documents/notice.json\" does not match the central directory",
            layout.bytes,
        );
    }
    {
        let mut layout = zip::write(&entries());
        let at = layout.local[3] + local::NAME;
        layout.bytes[at] = b'F';
        b.add(
            "local-name-mismatch",
            "local name differs from the central name (what extractors write)",
            "invalid",
            "the local header of \"files/memo.txt\" does not match",
            layout.bytes,
        );
    }
    b.add(
        "encrypted-entry",
        "encrypted entry",
        "invalid",
        "\"files/memo.txt\" is encrypted",
        altered(|e| e.flags |= 0x0001),
    );
    b.add(
        "symlink-entry",
        "entry that is a symbolic link",
        "invalid",
        "\"files/memo.txt\" is a symbolic link",
        altered(|e| e.external = 0o120777 << 16),
    );
    b.add(
        "data-descriptor",
        "entry with a trailing data descriptor",
        "invalid",
        "\"files/memo.txt\" uses a data descriptor",
        altered(|e| e.flags |= 0x0008),
    );
    b.add(
        "unsupported-method",
        "entry compressed with bzip2",
        "invalid",
        "uses compression method 12",
        altered(|e| e.method = 12),
    );
    b.add(
        "extra-field",
        "entry with an extra field (a place to hide bytes)",
        "invalid",
        "extra field length is 0x9",
        altered(|e| e.extra = b"\x55\x54\x05\x00\x01\x00\x00\x00\x00".to_vec()),
    );
    b.add(
        "timestamp",
        "entry with a real timestamp",
        "invalid",
        "modification time is 0x6000",
        altered(|e| e.time = 0x6000),
    );

    // --- layout ---
    {
        // Overlapping-entry zip bomb: ten central records share one local entry's bytes.
        let base = entries();
        let mut layout = zip::write(&base);
        let mut directory = Vec::new();
        let bomb_offset = layout.local[3] as u32;
        for copy in 0..10 {
            let start = layout.central[3];
            let mut record = layout.bytes[start..layout.end].to_vec();
            let name = format!("files/mem{copy}.txt");
            record[central::NAME..central::NAME + name.len()].copy_from_slice(name.as_bytes());
            record[central::LOCAL_OFFSET..central::LOCAL_OFFSET + 4]
                .copy_from_slice(&bomb_offset.to_le_bytes());
            directory.extend_from_slice(&record);
        }
        let directory_offset = layout.central[0];
        let mut bytes = layout.bytes[..layout.end].to_vec();
        bytes.extend_from_slice(&directory);
        let count = (base.len() + 10) as u16;
        let size = (bytes.len() - directory_offset) as u32;
        zip::end_record(&mut bytes, count, size, directory_offset as u32);
        layout.bytes = bytes;
        b.add(
            "overlapping-entries-bomb",
            "zip bomb: many central records over the same bytes",
            "invalid",
            "entries \"files/memo.txt\" and \"files/mem0.txt\" overlap",
            layout.bytes,
        );
    }
    {
        let layout = zip::write(&entries());
        let mut bytes = layout.bytes[..layout.local[3]].to_vec();
        bytes.extend_from_slice(b"HIDDEN");
        bytes.extend_from_slice(&layout.bytes[layout.local[3]..]);
        let mut shifted = zip::Layout {
            bytes,
            ..layout.clone()
        };
        shifted.patch32(
            layout.central[3] + 6 + central::LOCAL_OFFSET,
            (layout.local[3] + 6) as u32,
        );
        shifted.patch32(
            layout.end + 6 + end::DIRECTORY_OFFSET,
            (layout.central[0] + 6) as u32,
        );
        b.add(
            "hidden-data-between-entries",
            "bytes hidden between two entries",
            "invalid",
            "6 unaccounted bytes are hidden after entry \"documents/notice.json\"",
            shifted.bytes,
        );
    }
    {
        let layout = zip::write(&entries());
        let prefix = b"MZ\x90\x00 self-extractor stub\n".to_vec();
        let mut shifted = zip::Layout {
            bytes: [prefix.clone(), layout.bytes.clone()].concat(),
            ..layout.clone()
        };
        for &at in &layout.central {
            let old = u32::from_le_bytes(
                layout.bytes[at + central::LOCAL_OFFSET..at + central::LOCAL_OFFSET + 4]
                    .try_into()
                    .expect("4 bytes"),
            );
            shifted.patch32(
                prefix.len() + at + central::LOCAL_OFFSET,
                old + prefix.len() as u32,
            );
        }
        shifted.patch32(
            prefix.len() + layout.end + end::DIRECTORY_OFFSET,
            (layout.central[0] + prefix.len()) as u32,
        );
        b.add(
            "prepended-data-adjusted",
            "data before the archive with offsets adjusted (zip -A)",
            "invalid",
            &format!(
                "{} bytes of unexpected data come before the archive",
                prefix.len()
            ),
            shifted.bytes,
        );
    }
    {
        let mut bytes = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".to_vec();
        let prefix = bytes.len();
        bytes.extend_from_slice(sample);
        b.add(
            "polyglot-pdf",
            "polyglot: a PDF header before an unchanged bundle",
            "invalid",
            &format!("{prefix} bytes of unexpected data come before the archive"),
            bytes,
        );
    }
    b.add(
        "two-archives-concatenated",
        "two bundles joined into one file",
        "invalid",
        &format!(
            "{} bytes of unexpected data come before the archive",
            sample.len()
        ),
        [sample, sample].concat(),
    );
    b.add(
        "appended-data",
        "data after the end record",
        "invalid",
        "11 bytes of unexpected data follow the end of the archive",
        [sample, b"hello world".as_slice()].concat(),
    );
    {
        let mut layout = zip::write(&entries());
        let at = layout.end + end::COMMENT_LEN;
        layout.patch16(at, 12);
        layout.bytes.extend_from_slice(b"see attached");
        b.add(
            "archive-comment",
            "archive comment",
            "invalid",
            "the archive has a comment",
            layout.bytes,
        );
    }
    {
        let mut layout = zip::write(&entries());
        let at = layout.end + end::DISK;
        layout.patch16(at, 1);
        b.add(
            "multi-disk",
            "archive claiming to span disks",
            "invalid",
            "span several disks",
            layout.bytes,
        );
    }
    for (name, cut) in [
        ("truncated-end-record", sample.len() - 1),
        ("truncated-central-directory", sample.len() - 100),
        ("truncated-half", sample.len() / 2),
        ("truncated-first-header", 10),
    ] {
        b.add(
            name,
            "truncated file",
            "unreadable",
            "there is no ZIP end record",
            sample[..cut].to_vec(),
        );
    }
    b.add(
        "empty-file",
        "an empty file",
        "unreadable",
        "there is no ZIP end record",
        Vec::new(),
    );
    {
        let mut entries = entries();
        entries.swap(0, 1);
        b.add(
            "signature-first",
            "signature before the manifest",
            "invalid",
            "must start with manifest.json and manifest.json.minisig",
            written(&entries),
        );
    }
    {
        let mut entries = entries();
        entries.swap(2, 3);
        b.add(
            "order-mismatch",
            "entries out of manifest order",
            "invalid",
            "is out of order",
            written(&entries),
        );
    }

    // --- caps ---
    {
        let mut entries = entries();
        for index in 0..(limits::MAX_ENTRIES + 1 - entries.len()) {
            entries.push(Entry::stored(&format!("f/{index}"), b""));
        }
        b.add(
            "entries-over-cap",
            "1025 entries",
            "invalid",
            "holds 1025 entries, more than the limit of 1024",
            written(&entries),
        );
    }
    {
        // 100 000 real entries; the end record gives 0xFFFF as ZIP64 writers do.
        let mut entries = entries();
        for index in 0..100_000 - entries.len() {
            entries.push(Entry::stored(&format!("{index:05}"), b""));
        }
        let mut layout = zip::write(&entries);
        let at = layout.end;
        layout.patch16(at + end::ENTRIES_ON_DISK, 0xffff);
        layout.patch16(at + end::ENTRIES, 0xffff);
        b.add(
            "100000-entries",
            "100 000 entries",
            "invalid",
            "holds 65535 entries, more than the limit of 1024",
            layout.bytes,
        );
    }
    b.add(
        "entry-declares-4-gib",
        "an entry declaring 4 GiB",
        "invalid",
        "declares 4294967295 bytes, more than the per-entry limit",
        altered(|e| {
            e.stored = Vec::new();
            e.size = u32::MAX;
        }),
    );
    b.add(
        "entry-over-cap",
        "an entry declaring the per-entry cap plus one",
        "invalid",
        &format!(
            "declares {} bytes, more than the per-entry limit",
            limits::MAX_ENTRY_BYTES + 1
        ),
        altered(|e| {
            e.method = 8;
            e.stored = deflate(b"");
            e.size = (limits::MAX_ENTRY_BYTES + 1) as u32;
        }),
    );
    {
        let mut entries = entries();
        for index in 0..3 {
            let mut big = Entry::deflated(&format!("files/big-{index}"), b"");
            big.size = 200 * 1024 * 1024;
            entries.push(big);
        }
        b.add(
            "total-over-cap",
            "entries declaring 600 MiB in all",
            "invalid",
            "the entries declare more than 536870912 bytes in all",
            written(&entries),
        );
    }
    {
        let mut manifest = parts().manifest_bytes();
        manifest.resize(limits::MAX_MANIFEST_BYTES as usize + 1, b' ');
        let signature = Parts::signature_for(&manifest, &comment, &signer());
        let mut entries = parts().entries_with(&manifest, &signature);
        entries[0] = Entry::deflated(MANIFEST_PATH, &manifest);
        b.add(
            "manifest-1-mib-plus-1",
            "a manifest of 1 MiB + 1 (deflated)",
            "invalid",
            "manifest.json is 1048577 bytes, more than the limit of 1048576",
            written(&entries),
        );
    }
    {
        let manifest = parts().manifest_bytes();
        let mut signature = Parts::signature_for(&manifest, &comment, &signer());
        signature.resize(limits::MAX_SIGNATURE_BYTES as usize + 1, b'\n');
        b.add(
            "signature-over-cap",
            "a signature file of 2 KiB + 1",
            "invalid",
            "manifest.json.minisig is 2049 bytes, more than the limit of 2048",
            written(&parts().entries_with(&manifest, &signature)),
        );
    }
    {
        // Ratio zip bomb: 64 MiB of zeros in ~64 KiB, declaring the signed 17 bytes.
        let mut entries = entries();
        entries[3].method = 8;
        entries[3].stored = deflate(&vec![0u8; 64 * 1024 * 1024]);
        b.add("zip-bomb-ratio", "zip bomb: deflated zeros declaring a small size", "tampered",
            "entry \"files/memo.txt\": its bytes are damaged: entry \"files/memo.txt\" could not be decompressed: it expands to more than the declared 17 bytes",
            written(&entries));
    }
    {
        // The same bomb as a document: the viewer must not try to parse it either.
        let document = document_json("爆弾");
        let mut entries = entries();
        entries[2].method = 8;
        entries[2].stored = deflate(&[document.clone(), vec![b' '; 32 * 1024 * 1024]].concat());
        b.add(
            "zip-bomb-document",
            "zip bomb in a document entry",
            "tampered",
            "it expands to more than the declared",
            written(&entries),
        );
    }
    {
        let mut entries = entries();
        entries[3].method = 8;
        entries[3].stored = [deflate(b"attachment bytes\n"), b"hidden payload".to_vec()].concat();
        b.add(
            "deflate-trailing-data",
            "bytes hidden after the end of a deflate stream",
            "tampered",
            "14 bytes after the end of its deflate stream",
            written(&entries),
        );
    }

    // --- contents against the signed manifest ---
    b.add(
        "entry-not-in-manifest",
        "an entry added after signing",
        "tampered",
        "entry \"files/added.exe\": it is in the archive but not listed",
        with_entry("files/added.exe", b"MZ"),
    );
    {
        let mut entries = entries();
        entries.pop();
        b.add("manifest-entry-missing", "an entry removed after signing", "tampered",
            "entry \"files/memo.txt\": the signed manifest lists it but the archive does not contain it",
            written(&entries));
    }
    b.add(
        "size-mismatch",
        "an entry replaced by one of another size",
        "tampered",
        "entry \"files/memo.txt\": it is 26 bytes but the signed manifest says 17",
        altered(|e| *e = Entry::stored("files/memo.txt", b"attachment bytes, altered\n")),
    );
    b.add(
        "hash-mismatch",
        "an entry replaced by one of the same size",
        "tampered",
        "entry \"files/memo.txt\": its SHA-256 does not match",
        altered(|e| *e = Entry::stored("files/memo.txt", b"ATTACHMENT BYTES\n")),
    );
    {
        let mut layout = zip::write(&entries());
        layout.bytes[layout.data[2] + 40] ^= 0x01;
        b.add(
            "crc-mismatch",
            "a flipped bit in a document",
            "tampered",
            "entry \"documents/notice.json\": its bytes are damaged",
            layout.bytes,
        );
    }

    // --- the manifest ---
    {
        let mut parts = parts();
        parts.manifest.format_version = 2;
        b.add(
            "manifest-version-2",
            "an unknown manifest format version",
            "invalid",
            "format version 2 is not supported",
            with_signed_manifest(&parts.manifest_bytes(), &parts.manifest.trusted_comment()),
        );
    }
    {
        let manifest = String::from_utf8(parts().manifest_bytes()).expect("UTF-8");
        let duplicate = manifest.replacen(
            "\"bundle_id\": \"test-bundle-1\",",
            "\"bundle_id\": \"test-bundle-1\",\n  \"bundle_id\": \"other\",",
            1,
        );
        b.add(
            "manifest-duplicate-key",
            "a duplicate key in the manifest",
            "invalid",
            "duplicate field `bundle_id`",
            with_signed_manifest(duplicate.as_bytes(), &comment),
        );
        let unknown =
            manifest.replacen("\"bundle_id\":", "\"trusted\": true,\n  \"bundle_id\":", 1);
        b.add(
            "manifest-unknown-key",
            "an unknown key in the manifest",
            "invalid",
            "unknown field `trusted`",
            with_signed_manifest(unknown.as_bytes(), &comment),
        );
        let deep = manifest.replacen(
            "\"bundle_id\": \"test-bundle-1\"",
            &format!("\"bundle_id\": {}", nested(100_000)),
            1,
        );
        b.add(
            "manifest-deeply-nested",
            "100 000 nested arrays in the manifest",
            "invalid",
            "invalid type: sequence, expected a string",
            with_signed_manifest(deep.as_bytes(), &comment),
        );
    }
    b.add(
        "manifest-not-json",
        "a manifest that is not JSON",
        "invalid",
        "manifest.json is invalid",
        with_signed_manifest(b"\x00\x01 not json", &comment),
    );
    {
        let deep = format!(
            r#"{{"format":"kairan-document","format_version":1,"title":"t","body":[{{"type":"paragraph","content":[{{"type":"text","text":{}}}]}}]}}"#,
            nested(100_000)
        );
        let parts = parts().with_file("documents/deep.json", deep.as_bytes(), Role::Report);
        b.add(
            "document-deeply-nested",
            "100 000 nested arrays in a signed document",
            "invalid",
            "document \"documents/deep.json\" is invalid",
            parts.build(&signer()),
        );
    }

    // --- the signature ---
    b.add(
        "signature-by-another-key",
        "signed by a key other than the one the bundle names",
        "invalid",
        &format!("it was made by key {}", TestKey::stranger().public.key_id),
        parts().build(&TestKey::stranger()),
    );
    {
        let stranger = TestKey::stranger();
        b.add("untrusted-key", "signed by a key the reader does not trust (a revoked key, once the trust store lists revocations)",
            "unknown_signer", &format!("valid signature by unknown key {}", stranger.public.key_id),
            Parts::new(&stranger).build(&stranger));
    }
    {
        let original = parts();
        let mut swapped = parts();
        swapped.manifest.entries[1] =
            manifest_entry("files/memo.txt", b"pay to account 0000\n", Role::Attachment);
        swapped.payload[1].1 = b"pay to account 0000\n".to_vec();
        let signature = Parts::signature_for(&original.manifest_bytes(), &comment, &signer());
        b.add(
            "swapped-manifest",
            "a valid signature beside another manifest",
            "invalid",
            "the signature does not match manifest.json",
            written(&swapped.entries_with(&swapped.manifest_bytes(), &signature)),
        );
    }
    {
        use base64::Engine as _;
        use ed25519_dalek::Signer as _;
        let base64 = base64::engine::general_purpose::STANDARD;
        let key = signer();
        let signing = ed25519_dalek::SigningKey::from_bytes(&key.seed());
        let manifest = parts().manifest_bytes();
        let signature = signing.sign(&manifest).to_bytes();
        let line = [b"Ed".as_slice(), &key.public.key_id.0, &signature].concat();
        let global = signing
            .sign(&[&signature[..], comment.as_bytes()].concat())
            .to_bytes();
        let text = format!(
            "untrusted comment: kairan bundle manifest signature\n{}\ntrusted comment: {comment}\n{}\n",
            base64.encode(line),
            base64.encode(global)
        );
        b.add(
            "legacy-signature",
            "a legacy (non-prehashed) minisign signature",
            "invalid",
            "it is a legacy minisign signature (Ed)",
            written(&parts().entries_with(&manifest, text.as_bytes())),
        );
    }
    b.add(
        "trusted-comment-mismatch",
        "a signature whose trusted comment names another notice",
        "invalid",
        "does not describe this manifest",
        with_signed_manifest(
            &parts().manifest_bytes(),
            &comment.replace("seq=1", "seq=2"),
        ),
    );
    {
        let manifest = parts().manifest_bytes();
        let text =
            SignatureFile::sign(&signer().secret, &manifest, "kairan-bundle v1 other").to_text();
        let text = text.replace("kairan-bundle v1 other", &comment);
        b.add(
            "trusted-comment-altered",
            "a trusted comment edited after signing",
            "invalid",
            "the signature over the trusted comment is invalid",
            written(&parts().entries_with(&manifest, text.as_bytes())),
        );
    }
    {
        let manifest = parts().manifest_bytes();
        let text =
            String::from_utf8(Parts::signature_for(&manifest, &comment, &signer())).expect("UTF-8");
        b.add(
            "signature-crlf",
            "a signature file with CRLF line ends",
            "invalid",
            "it must be four lines",
            written(&parts().entries_with(&manifest, text.replace('\n', "\r\n").as_bytes())),
        );
        b.add(
            "signature-other-untrusted-comment",
            "a signature with another untrusted comment",
            "invalid",
            "its untrusted comment must be exactly",
            written(
                &parts().entries_with(
                    &manifest,
                    text.replace(
                        "kairan bundle manifest signature",
                        "verified by the government",
                    )
                    .as_bytes(),
                ),
            ),
        );
    }
    {
        let mut entries = entries();
        entries[1] = Entry::stored(SIGNATURE_PATH, b"");
        b.add(
            "signature-empty",
            "an empty signature file",
            "invalid",
            "it must be four lines",
            written(&entries),
        );
    }
    b.cases
}

/// The expectations file: one object per case, keyed by file name, in corpus order.
pub fn expectations_json(cases: &[Case]) -> String {
    let mut out = String::from("{\n");
    for (index, case) in cases.iter().enumerate() {
        let value = serde_json::json!({
            "attack": case.attack,
            "status": case.status,
            "reason": case.reason,
            "bytes": case.bytes.len(),
            "committed": case.bytes.len() <= COMMIT_LIMIT,
        });
        out += &format!(
            "  {}: {}{}\n",
            serde_json::to_string(&case.file).expect("a string"),
            value,
            if index + 1 < cases.len() { "," } else { "" }
        );
    }
    out += "}\n";
    out
}
