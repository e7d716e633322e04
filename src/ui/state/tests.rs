//! What [`AppState::handle`] does, command by command, on the built-in sample: where the
//! documents go, failed opens, links and Back, the withheld-item and search cursors, and copying.

use super::*;
use crate::document::LinkTarget;

fn state() -> AppState {
    AppState::new(StartOptions {
        trusted: vec![crate::sample::demo_trusted_key()],
        system_language: Some(Language::Japanese),
        ..StartOptions::default()
    })
}

fn sample_state() -> AppState {
    let mut state = state();
    state.handle(Command::OpenSample);
    state
}

#[test]
fn the_sample_is_labelled_as_the_sample() {
    let state = sample_state();
    let shown = state.shown.as_ref().unwrap();
    assert_eq!(shown.trust(), Trust::Sample);
    assert_eq!(shown.contents, Contents::Shown);
}

#[test]
fn the_firm_notice_goes_left_and_the_first_vendor_document_right() {
    let state = sample_state();
    let shown = state.shown.as_ref().unwrap();
    let role = |index: Option<usize>| shown.bundle.documents[index.unwrap()].entry.role;
    assert_eq!(role(shown.left), Role::FirmNotice);
    assert_eq!(role(shown.right), Role::Report);
}

#[test]
fn the_sample_signed_file_on_disk_is_not_the_sample() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copy.kairan");
    std::fs::write(&path, crate::sample::SAMPLE_BUNDLE).unwrap();
    let mut state = state();
    state.handle(Command::OpenPath(path));
    assert_eq!(state.shown.unwrap().trust(), Trust::DemoKeyFile);
}

#[test]
fn a_failed_open_keeps_the_bundle_on_screen() {
    let mut state = sample_state();
    let serial = state.shown.as_ref().unwrap().serial;
    state.handle(Command::OpenPath(PathBuf::from("/nonexistent/x.kairan")));
    assert_eq!(state.shown.as_ref().unwrap().serial, serial);
    let error = state.error.unwrap();
    assert_eq!(error.kind, FailureKind::Unreadable);
    assert!(error.file.contains("x.kairan"));
}

#[test]
fn next_withheld_wraps_around_and_previous_goes_back() {
    let mut state = sample_state();
    let count = state.shown.as_ref().unwrap().withheld.len();
    assert_eq!(count, 12);
    state.handle(Command::PreviousWithheld);
    assert_eq!(
        state.shown.as_ref().unwrap().withheld_cursor,
        Some(count - 1)
    );
    state.handle(Command::NextWithheld);
    assert_eq!(state.shown.as_ref().unwrap().withheld_cursor, Some(0));
    assert!(state.scroll.is_some());
}

#[test]
fn back_returns_to_the_document_shown_before_a_link() {
    let mut state = sample_state();
    let shown = state.shown.as_ref().unwrap();
    let before = shown.right;
    let notice = shown
        .bundle
        .documents
        .iter()
        .position(|document| document.entry.role == Role::VendorNotice)
        .unwrap();
    state.handle(Command::ShowDocument(notice));
    assert_eq!(state.shown.as_ref().unwrap().right, Some(notice));
    state.handle(Command::Back);
    assert_eq!(state.shown.as_ref().unwrap().right, before);
}

#[test]
fn external_links_wait_for_confirmation() {
    let mut state = sample_state();
    state.handle(Command::FollowLink {
        target: LinkTarget::External {
            url: "https://example.com/a?b".into(),
        },
        from: None,
    });
    assert!(state.effects.is_empty());
    state.handle(Command::ConfirmExternal);
    assert_eq!(
        state.effects,
        vec![Effect::OpenUrl("https://example.com/a?b".into())]
    );
}

#[test]
fn links_of_unsafe_schemes_never_reach_the_opener() {
    for url in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "smb://server/share",
        "\\\\server\\share\\a.exe",
        "/home/user/.bashrc",
        "https://example.com/\u{202E}gpj.exe",
    ] {
        let mut state = sample_state();
        state.handle(Command::FollowLink {
            target: LinkTarget::External { url: url.into() },
            from: None,
        });
        assert_eq!(state.modal_of::<Dialog>(), None, "{url}");
        assert_eq!(state.message, Some(Message::LinkNotOpened(url.into())));
        state.handle(Command::ConfirmExternal);
        assert!(state.effects.is_empty(), "{url}");
    }
}

#[test]
fn search_ignores_width_and_finds_hits_in_every_document() {
    let mut state = sample_state();
    state.handle(Command::SetSearchQuery("ＡＷＳ".into()));
    assert!(!state.search.hits.is_empty());
    assert_eq!(state.search.current, Some(0));
    state.handle(Command::SetSearchQuery("株式会社エムケイシステム".into()));
    let documents: std::collections::BTreeSet<usize> =
        state.search.hits.iter().map(|hit| hit.document).collect();
    assert_eq!(documents.len(), 3);
}

/// The sample as if its firm notice had been changed after signing and shown anyway.
fn tampered_state_shown_anyway() -> AppState {
    let mut state = sample_state();
    let shown = state.shown.as_mut().unwrap();
    let firm = shown.left.unwrap();
    shown.bundle.verdict = Verdict::Tampered {
        entry: shown.bundle.documents[firm].entry.path.clone(),
        problem: Tamper::Hash,
    };
    shown.contents = Contents::ShownAnyway;
    state
}

#[test]
fn copying_an_altered_document_says_it_was_altered_and_an_intact_one_does_not() {
    let mut state = tampered_state_shown_anyway();
    let shown = state.shown.as_ref().unwrap();
    assert_eq!(shown.contents, Contents::ShownAnyway);
    let altered = shown.altered_document().unwrap();
    assert_eq!(shown.bundle.documents[altered].entry.role, Role::FirmNotice);
    let intact = (0..shown.bundle.documents.len())
        .find(|index| *index != altered)
        .unwrap();
    let header = Language::Japanese.strings().copied_altered_header;

    state.handle(Command::CopyDocument(altered));
    let Some(Effect::CopyText(text)) = state.effects.pop() else {
        panic!("no copy effect");
    };
    assert!(text.starts_with(header), "{text}");
    assert!(text.contains("ますますご清栄"), "{text}");
    assert_eq!(state.message, Some(Message::CopiedAltered));

    state.handle(Command::CopyDocument(intact));
    let Some(Effect::CopyText(text)) = state.effects.pop() else {
        panic!("no copy effect");
    };
    assert!(!text.contains(header));
    assert_eq!(state.message, Some(Message::Copied));
}

#[test]
fn a_selection_copied_from_an_altered_document_says_it_was_altered() {
    use crate::ui::viewer::selection::{TextPoint, TextSelection};
    let mut state = tampered_state_shown_anyway();
    let altered = state.shown.as_ref().unwrap().altered_document().unwrap();
    let header = Language::Japanese.strings().copied_altered_header;
    // Nothing selected: Copy does nothing.
    state.handle(Command::Select(TextSelection::caret(
        altered,
        TextPoint::new(4, 0),
    )));
    state.handle(Command::CopySelection);
    assert!(state.effects.is_empty(), "{:?}", state.effects);
    state.handle(Command::Select(TextSelection {
        document: altered,
        anchor: TextPoint::new(4, 0),
        focus: TextPoint::new(4, 2),
    }));
    state.handle(Command::CopySelection);
    let Some(Effect::CopyText(text)) = state.effects.pop() else {
        panic!("no copy effect");
    };
    assert_eq!(text, format!("{header}\n\n時下"));
    assert_eq!(state.message, Some(Message::CopiedAltered));
}

#[test]
fn copying_gives_masks_as_their_marker() {
    let mut state = sample_state();
    state.handle(Command::CopyDocument(1));
    let Some(Effect::CopyText(text)) = state.effects.first() else {
        panic!("no copy effect: {:?}", state.effects);
    };
    assert!(text.contains("■■■■サーバ及び個人情報を保持する■■■■サーバ"));
}

#[test]
fn a_dialog_that_gives_nothing_offers_the_path_field() {
    let mut state = sample_state();
    state.handle(Command::FileDialogGaveNothing);
    assert!(matches!(
        state.modal_of::<Dialog>(),
        Some(Dialog::Path {
            reason: PathPromptReason::NoFileChosen,
            ..
        })
    ));
}

#[test]
fn back_returns_to_the_link_after_a_jump_within_the_same_letter() {
    let mut state = sample_state();
    let shown = state.shown.as_ref().unwrap();
    let report = shown.right.unwrap();
    let path = shown.bundle.documents[report].entry.path.clone();
    let from = (report, crate::document::letter::PartKey::Title);
    state.handle(Command::FollowLink {
        target: LinkTarget::Document {
            path,
            heading: Some("s6".into()),
        },
        from: Some(from),
    });
    let shown = state.shown.as_ref().unwrap();
    assert_eq!(shown.right, Some(report));
    assert_eq!(shown.back.len(), 1, "the in-letter jump can be undone");

    state.handle(Command::Back);
    let shown = state.shown.as_ref().unwrap();
    assert!(shown.back.is_empty());
    assert_eq!(shown.right, Some(report));
    let scroll = state.scroll.unwrap();
    assert_eq!(
        (scroll.document, scroll.part),
        from,
        "Back scrolls to the link"
    );
}
