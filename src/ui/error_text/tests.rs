//! Every error kind, check finding and status has a Japanese rendering that is really
//! Japanese: not missing, not empty, not the English text, and holding no English sentence
//! (file names, key ids and addresses aside).
//!
//! The samples of each library's errors, and the tests that read them, are in
//! `tests/bundle.rs`, `tests/trust.rs` and `tests/authoring.rs`, split like the modules they
//! check; this file holds the checks they share, the viewer's own problems, and statuses.

use std::collections::BTreeSet;
use std::io::ErrorKind;
use std::path::PathBuf;

use super::*;
use crate::authoring::RowProblem;
use crate::bundle::KeyId;

mod authoring;
mod bundle;
mod trust;

/// The first run of three or more English words in `text`, if any. A word is a
/// whitespace-separated token of ASCII letters (with surrounding punctuation trimmed), so
/// file names, key ids, addresses and commands (`a.json`, `1A2B…`, `https://…`, `--fix`)
/// never count.
fn english_sentence(text: &str) -> Option<String> {
    let mut run: Vec<&str> = Vec::new();
    for token in text.split_whitespace() {
        let word = token.trim_matches(|c: char| c.is_ascii_punctuation());
        let english =
            !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic()) && word != "Kairan";
        if english {
            run.push(word);
            if run.len() >= 3 {
                return Some(run.join(" "));
            }
        } else {
            run.clear();
        }
    }
    None
}

#[test]
fn the_english_sentence_detector_finds_sentences_and_spares_names() {
    assert!(english_sentence("could not read the file").is_some());
    assert!(english_sentence("鍵 is not trusted").is_some());
    assert!(english_sentence("/home/yamada/お知らせ.kairan を読み取れません").is_none());
    assert!(english_sentence("鍵ID 0807060504030201 と https://example.jp/a b").is_none());
    assert!(english_sentence("「kairan check --fix-mask-width」で").is_none());
}

/// Fails with a description when the Japanese rendering is not Japanese.
fn problem_with(what: &str, japanese: &str, english: &str) -> Option<String> {
    if japanese.trim().is_empty() {
        return Some(format!("{what}: the Japanese rendering is empty"));
    }
    if japanese == english {
        return Some(format!(
            "{what}: the Japanese rendering is the English one: {english}"
        ));
    }
    if let Some(sentence) = english_sentence(japanese) {
        return Some(format!(
            "{what}: the Japanese rendering holds English ({sentence:?}): {japanese}"
        ));
    }
    if japanese.contains(" 「") || japanese.contains("」 ") {
        return Some(format!(
            "{what}: a half-width space beside 「」 (Japanese sets none): {japanese}"
        ));
    }
    if !japanese
        .chars()
        .any(|c| ('\u{3040}'..='\u{30FF}').contains(&c))
    {
        return Some(format!(
            "{what}: the Japanese rendering has no kana: {japanese}"
        ));
    }
    None
}

/// Checks every sample and that the samples cover `variants` distinct variants.
fn check_all<E: Explain + std::fmt::Debug>(kind: &str, samples: &[E], variants: usize) {
    let mut failures = Vec::new();
    let mut names = BTreeSet::new();
    for sample in samples {
        let debug = format!("{sample:?}");
        let name: String = debug
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        names.insert(name.clone());
        let japanese = explain(sample, Language::Japanese);
        let english = explain(sample, Language::English);
        if english.trim().is_empty() {
            failures.push(format!("{kind}::{name}: the English rendering is empty"));
        }
        if let Some(failure) = problem_with(&format!("{kind}::{name}"), &japanese, &english) {
            failures.push(failure);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(
        names.len(),
        variants,
        "{kind}: the samples cover {names:?}; every variant needs one"
    );
}

pub(super) fn key(byte: u8) -> KeyId {
    KeyId([byte, 2, 3, 4, 5, 6, 7, 8])
}

pub(super) fn path() -> PathBuf {
    PathBuf::from("/home/yamada/お知らせ.kairan")
}

pub(super) fn io(kind: ErrorKind) -> std::io::Error {
    std::io::Error::from(kind)
}

pub(super) fn json_error() -> serde_json::Error {
    serde_json::from_str::<u8>("{x").unwrap_err()
}

fn viewer_problems() -> Vec<Problem> {
    vec![
        BundleError::NotAnArchive.into(),
        TrustError::DemoKey.into(),
        crate::library::LibraryError::NoDataDir.into(),
        KeyError::WrongPassword.into(),
        PublishError::Exists { path: path() }.into(),
        ImportError::NoLetter.into(),
        Problem::Recipients {
            list: path(),
            error: RecipientRowError {
                line: 3,
                problem: RowProblem::FieldCount {
                    found: 3,
                    expected: 2,
                },
            },
        },
        Problem::Source(authoring::source_error()),
        Problem::read(&path(), io(ErrorKind::NotFound)),
        Problem::write(&path(), io(ErrorKind::PermissionDenied)),
        Problem::NoKeyFile,
        Problem::NotAFile(path()),
        Problem::KeyFileTooLarge(path()),
        Problem::AlreadyExists(path()),
        Problem::Thread(Arc::new(io(ErrorKind::OutOfMemory))),
        Problem::Pdf(Arc::new(crate::pdf::PdfError::TooManyNotes {
            count: 29_000,
            limit: crate::pdf::MAX_PRINTED_NOTES,
        })),
        Problem::Pdf(Arc::new(crate::pdf::PdfError::TooLong {
            bytes: 30_000_000,
            limit: crate::pdf::MAX_PRINTED_BYTES,
        })),
        Problem::Pdf(Arc::new(crate::pdf::PdfError::Layout(
            "unknown variable: x".into(),
        ))),
        Problem::Watch(Arc::new(notify::Error::path_not_found())),
        Problem::ShowFolder {
            folder: path(),
            program: "xdg-open",
            error: Arc::new(io(ErrorKind::NotFound)),
        },
    ]
}

#[test]
fn every_status_and_next_action_reads_as_japanese() {
    let mut failures = Vec::new();
    for status in Status::ALL {
        let what = format!("Status::{status:?}");
        let ja = status_text(status, Language::Japanese);
        let en = status_text(status, Language::English);
        failures.extend(problem_with(&what, ja, en));
        let action = status.next_action();
        failures.extend(problem_with(
            &format!("NextAction::{action:?}"),
            next_action_text(action, Language::Japanese),
            next_action_text(action, Language::English),
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn values_from_a_file_are_escaped_in_japanese() {
    let error = BundleError::DuplicateName {
        name: "請求書\u{202e}fdp.exe\n✔".into(),
    };
    let text = error.japanese();
    assert!(!text.contains('\u{202e}'), "{text}");
    assert!(!text.contains('\n'), "{text}");
    assert!(
        text.contains("\\u{202e}") || text.contains("\\u{202E}"),
        "{text}"
    );
}
