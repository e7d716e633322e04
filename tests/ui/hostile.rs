//! The viewer opens every bundle of the hostile corpus (`tests/hostile/`) without panicking:
//! a file that breaks the format shows an error and the bundle on screen stays; a bundle that
//! is read but fails verification replaces it only under its warning banner, with its contents
//! hidden; nothing hostile is ever shown as verified.

use egui_kittest::kittest::Queryable as _;
use kairan::bundle::Verdict;
use kairan::ui::FirstOpen;
use kairan::ui::command::Command;
use kairan::ui::i18n::Language;
use kairan::ui::state::Contents;

use crate::support::{self, app};

#[test]
fn the_viewer_opens_every_hostile_bundle_and_never_shows_it_as_verified() {
    let dir = support::temp_dir();
    let strings = Language::Japanese.strings();
    let cases = support::hostile::cases();
    assert!(cases.len() >= 40);
    let options = app::options(
        FirstOpen::Sample,
        support::hostile::trusted(),
        dir.path().join("config"),
    );
    let mut harness = app::harness([1200.0, 800.0], options);
    for case in cases {
        // Start every case from the sample, as a reader would have it open.
        harness.state_mut().state.handle(Command::OpenSample);
        harness.run_steps(2);
        let before = harness
            .state()
            .state
            .shown
            .as_ref()
            .map(|shown| shown.serial);

        let path = dir.path().join(&case.file);
        std::fs::write(&path, &case.bytes).expect("the case is written");
        harness
            .state_mut()
            .state
            .handle(Command::OpenPath(path.clone()));
        harness.run_steps(2);

        let state = &harness.state().state;
        let shown = state.shown.as_ref().expect("something stays on screen");
        if (case.status == "invalid" || case.status == "unreadable")
            && let Some(error) = &state.error
        {
            let said = error.error.to_string();
            assert!(
                said.contains(&case.reason),
                "{}: the error says {:?}, expected {:?}",
                case.file,
                said,
                case.reason
            );
            assert_eq!(
                Some(shown.serial),
                before,
                "{}: the sample was replaced",
                case.file
            );
            harness.get_by_label(
                &strings
                    .error_title
                    .replace("{file}", &path.display().to_string()),
            );
            harness.get_by_label(strings.banner_sample_title);
            continue;
        }
        // Read, but not trustworthy: shown under its banner, never verified, contents hidden
        // unless the signature and every entry check out.
        assert!(state.error.is_none(), "{}: unexpected error", case.file);
        assert_ne!(
            Some(shown.serial),
            before,
            "{}: the bundle was not shown",
            case.file
        );
        assert!(
            !matches!(shown.bundle.verdict, Verdict::Verified { .. }),
            "{}: shown as verified",
            case.file
        );
        if !shown.bundle.verdict.intact() {
            assert_eq!(
                shown.contents,
                Contents::Withheld,
                "{}: contents shown",
                case.file
            );
            harness.get_by_label(strings.show_anyway);
        }
    }
}
