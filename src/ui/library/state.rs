//! What the viewer holds of the reader's library of received notices ([`LibraryState`]) and
//! every [`LibraryCommand`]: the library itself (opened the first time it is needed), the
//! Library window (its listing and its search across all notices), the report kept before the
//! one on screen, and "Changes since 第N報".
//!
//! Plain Rust with no widgets, tested without a window. Opening a notice from the library goes
//! through the viewer's normal open path ([`Command::OpenPath`]), so the stored file is
//! verified again against the reader's keys; the comparison is [`crate::series::compare`], the
//! same as `kairan diff`, which decides whether two reports are one series continuing. This
//! module decides neither.

use crate::bundle;
use crate::library::{Library, LibraryError, Listing, Notice, Rebuilt, SearchHit};
use crate::series::{Comparison, Report, compare};
use crate::trust::{self, Origin as TrustOrigin, Records};
use crate::ui::command::Command;
use crate::ui::error_text::Problem;
use crate::ui::state::{AppState, Origin};
use crate::ui::trust::state::{TrustFiles, TrustNote};
use crate::ui::viewer::navigation::Step;

/// Everything the viewer holds of the library.
#[derive(Debug, Default)]
pub struct LibraryState {
    /// The library, opened the first time a file is kept or the window is opened.
    store: Option<Library>,
    /// The Library window.
    pub window: LibraryWindow,
    /// The kept notice on screen, when the file shown is kept.
    pub shown: Option<Notice>,
    /// The report kept before the one on screen, in its series.
    pub earlier: Option<Notice>,
    /// "Changes since 第N報", when open.
    pub changes: Option<ChangesView>,
}

/// The Library window: every kept notice by issuer and series, and a search across them.
#[derive(Debug, Default)]
pub struct LibraryWindow {
    /// Whether it is shown.
    pub open: bool,
    /// The kept notices, as of the last time the window was opened or a notice was kept.
    pub listing: Option<Result<Listing, Problem>>,
    /// The search text as typed.
    pub query: String,
    /// What the search found (`None` while the query is blank).
    pub hits: Option<Result<Vec<SearchHit>, Problem>>,
    /// Why the last notice chosen could not be opened.
    pub failure: Option<Problem>,
}

/// Two reports compared: the one on screen and the one kept before it.
#[derive(Debug, Clone)]
pub struct ChangesView {
    /// What changed, older report first ([`Comparison::older`] names it).
    pub comparison: Comparison,
    /// The kept older report.
    pub older: Notice,
    /// The current change, counted over every document's changes in order.
    pub current: Option<usize>,
    /// Changes with every step, so the view scrolls to the current change once.
    pub serial: u64,
}

/// A library request from a view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibraryCommand {
    /// Open the Library window (and list the kept notices afresh).
    OpenWindow,
    /// Close it.
    CloseWindow,
    /// The search text changed: search again.
    SetQuery(String),
    /// Open the kept notice with this id in the viewer.
    OpenNotice(String),
    /// Open the notice of this search hit and go to the match.
    OpenHit(usize),
    /// Show what changed since the report kept before the one on screen.
    ShowChanges,
    /// Close that view.
    CloseChanges,
    /// Go to the next change.
    NextChange,
    /// Go to the previous change.
    PreviousChange,
}

impl LibraryState {
    /// The library, opened now if it is not yet: with the reader's keys and records, so that an
    /// index rebuilt from the stored files judges them as the reader would now. Also returns
    /// what a rebuild did when opening it had to make a lost or damaged index anew (a first,
    /// empty index is no news).
    ///
    /// Fails if there is no folder for it or it cannot be opened.
    pub(in crate::ui) fn store(
        &mut self,
        files: &TrustFiles,
    ) -> Result<(&mut Library, Option<Rebuilt>), LibraryError> {
        let mut rebuilt = None;
        if self.store.is_none() {
            let config = files.config.as_ref().ok_or(LibraryError::NoDataDir)?;
            let keys = files
                .store
                .as_ref()
                .map(|store| trust::keys_for_opening(store, &[]))
                .unwrap_or_default();
            let reader = crate::library::Reader {
                keys: &keys,
                store: files.store.as_ref(),
                settings: files.settings.as_ref(),
            };
            let opened = Library::open(&config.library(), reader)?;
            rebuilt = opened.rebuilt.filter(|rebuilt| {
                rebuilt.reason != crate::library::RebuildReason::Missing
                    || rebuilt.indexed + rebuilt.skipped > 0
            });
            self.store = Some(opened.library);
        }
        match &mut self.store {
            Some(library) => Ok((library, rebuilt)),
            None => Err(LibraryError::NoDataDir),
        }
    }

    /// The number of changes in the open comparison.
    pub fn change_count(&self) -> usize {
        self.changes
            .as_ref()
            .map_or(0, |view| view.comparison.change_count())
    }
}

impl AppState {
    /// The library, opened now if it is not yet; a rebuilt index is told in the trust note.
    fn open_library(&mut self) -> Result<&mut Library, LibraryError> {
        let (library, rebuilt) = self.library.store(&self.trust.files)?;
        if let Some(rebuilt) = rebuilt {
            self.trust.note = Some(TrustNote::LibraryRebuilt {
                indexed: rebuilt.indexed,
                skipped: rebuilt.skipped,
            });
        }
        Ok(library)
    }

    /// After a file is shown and kept (or not): which kept notice is on screen, the report
    /// kept before it, and the window's listing afresh.
    pub(in crate::ui) fn library_after_showing(&mut self, kept_id: Option<String>) {
        self.library.changes = None;
        self.library.shown = None;
        self.library.earlier = None;
        if let Some(id) = kept_id
            && let Some(library) = &self.library.store
        {
            // A lookup that fails only costs the reader the "changes since" button.
            self.library.shown = library.find(&id).ok();
            self.library.earlier = self
                .library
                .shown
                .as_ref()
                .and_then(|notice| library.earlier_report(notice).ok().flatten());
        }
        if self.library.window.open {
            self.refresh_listing();
        }
    }

    fn refresh_listing(&mut self) {
        let store = self.trust.files.store.clone();
        let listing = self
            .open_library()
            .and_then(|library| library.notices())
            .map(|notices| {
                Listing::of(
                    notices
                        .into_iter()
                        .map(|notice| notice.with_status_now(store.as_ref()))
                        .collect(),
                )
            })
            .map_err(Problem::from);
        self.library.window.listing = Some(listing);
        self.search_library();
    }

    fn search_library(&mut self) {
        let query = self.library.window.query.clone();
        self.library.window.hits = if query.trim().is_empty() {
            None
        } else {
            let store = self.trust.files.store.clone();
            Some(
                self.open_library()
                    .and_then(|library| library.search(&query))
                    .map(|hits| {
                        hits.into_iter()
                            .map(|mut hit| {
                                hit.notice = hit.notice.with_status_now(store.as_ref());
                                hit
                            })
                            .collect()
                    })
                    .map_err(Problem::from),
            )
        };
    }

    /// Opens a kept notice through the normal open path; whether it is now on screen.
    fn open_kept(&mut self, notice: &Notice) -> bool {
        let path = match self.open_library() {
            Ok(library) => library.file_of(notice),
            Err(error) => {
                self.library.window.failure = Some(error.into());
                return false;
            }
        };
        self.handle(Command::OpenPath(path.clone()));
        let shown = self
            .shown
            .as_ref()
            .is_some_and(|shown| shown.origin == Origin::File(path.clone()));
        if shown && self.error.is_none() {
            self.library.window.failure = None;
            if let Some(shown) = &mut self.shown {
                shown.kept_copy = true;
            }
            true
        } else {
            false
        }
    }

    /// Applies one library command.
    pub(in crate::ui) fn handle_library(&mut self, command: LibraryCommand) {
        match command {
            LibraryCommand::OpenWindow => {
                self.library.window.open = true;
                self.library.window.failure = None;
                self.refresh_listing();
            }
            LibraryCommand::CloseWindow => self.library.window.open = false,
            LibraryCommand::SetQuery(text) => {
                self.library.window.query = text;
                self.search_library();
            }
            LibraryCommand::OpenNotice(id) => {
                let found = self.open_library().and_then(|library| library.find(&id));
                match found {
                    Ok(notice) => {
                        if self.open_kept(&notice) {
                            self.library.window.open = false;
                        }
                    }
                    Err(error) => self.library.window.failure = Some(error.into()),
                }
            }
            LibraryCommand::OpenHit(index) => self.open_hit(index),
            LibraryCommand::ShowChanges => self.show_changes(),
            LibraryCommand::CloseChanges => self.library.changes = None,
            LibraryCommand::NextChange => self.step_change(Step::Forward),
            LibraryCommand::PreviousChange => self.step_change(Step::Backward),
        }
    }

    /// Opens a search hit's notice, then finds the same words with the viewer's Find and goes
    /// to the first match in the document the hit was in.
    fn open_hit(&mut self, index: usize) {
        let Some(Ok(hits)) = &self.library.window.hits else {
            return;
        };
        let Some(hit) = hits.get(index).cloned() else {
            return;
        };
        if !self.open_kept(&hit.notice) {
            return;
        }
        self.library.window.open = false;
        let query = self.library.window.query.clone();
        self.handle(Command::OpenSearch);
        self.handle(Command::SetSearchQuery(query));
        let document = self.shown.as_ref().and_then(|shown| {
            shown
                .bundle
                .documents
                .iter()
                .position(|document| document.entry.path == hit.document_path)
        });
        if let Some(first) = self
            .search
            .hits
            .iter()
            .position(|found| Some(found.document) == document)
        {
            self.go_to_hit(first);
        }
    }

    /// Compares the report on screen with the one kept before it, as `kairan diff` does: the
    /// older is opened from its stored file with the reader's keys and assessed (nothing is
    /// recorded), and [`compare`] decides whether they are one series continuing.
    fn show_changes(&mut self) {
        let Some(older) = self.library.earlier.clone() else {
            return;
        };
        let path = match self.open_library() {
            Ok(library) => library.file_of(&older),
            Err(error) => {
                self.library.window.failure = Some(error.into());
                return;
            }
        };
        let keys = self.opening_keys();
        let opened = match bundle::open_file(&path, &keys) {
            Ok(opened) => opened,
            Err(error) => {
                self.error = Some(crate::ui::state::OpenFailure {
                    file: path.display().to_string(),
                    kind: error.kind(),
                    error: error.into(),
                });
                return;
            }
        };
        let Some(shown) = &self.shown else {
            return;
        };
        let files = &self.trust.files;
        let records = Records {
            store: files.store.as_ref(),
            history: files.history.as_ref(),
            settings: files.settings.as_ref(),
        };
        let older_status =
            trust::assess(&opened, records, TrustOrigin::File, jiff::Timestamp::now()).status;
        let comparison = compare(
            Report {
                bundle: &opened,
                status: older_status,
            },
            Report {
                bundle: &shown.bundle,
                status: shown.status(),
            },
        );
        self.library.changes = Some(ChangesView {
            comparison,
            older,
            current: None,
            serial: 0,
        });
    }

    fn step_change(&mut self, step: Step) {
        let count = self.library.change_count();
        let Some(view) = &mut self.library.changes else {
            return;
        };
        if count == 0 {
            return;
        }
        view.current = Some(step.apply(view.current, count));
        view.serial += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trust::ConfigDir;
    use crate::ui::i18n::Language;
    use crate::ui::state::StartOptions;

    fn state_in(dir: &std::path::Path) -> AppState {
        AppState::new(StartOptions {
            config_dir: Some(ConfigDir::at(dir.to_owned())),
            system_language: Some(Language::English),
            ..StartOptions::default()
        })
    }

    fn library(state: &mut AppState, command: LibraryCommand) {
        state.handle(Command::Library(command));
    }

    #[test]
    fn an_empty_library_lists_nothing_and_a_blank_search_is_no_search() {
        let dir = tempfile::tempdir().unwrap();
        let mut state = state_in(dir.path());
        library(&mut state, LibraryCommand::OpenWindow);
        assert!(state.library.window.open);
        assert!(matches!(
            &state.library.window.listing,
            Some(Ok(listing)) if listing.issuers.is_empty()
        ));
        library(&mut state, LibraryCommand::SetQuery("ＡＷＳ".into()));
        assert!(matches!(&state.library.window.hits, Some(Ok(hits)) if hits.is_empty()));
        library(&mut state, LibraryCommand::SetQuery("  ".into()));
        assert!(state.library.window.hits.is_none());
        library(&mut state, LibraryCommand::CloseWindow);
        assert!(!state.library.window.open);
    }

    #[test]
    fn a_notice_the_library_does_not_hold_is_a_failure_in_the_window_not_an_opened_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut state = state_in(dir.path());
        library(&mut state, LibraryCommand::OpenWindow);
        library(
            &mut state,
            LibraryCommand::OpenNotice("0123456789abcdef".into()),
        );
        assert!(state.shown.is_none());
        assert!(state.library.window.open);
        assert!(state.library.window.failure.is_some());
        library(&mut state, LibraryCommand::OpenHit(0));
        assert!(state.shown.is_none());
    }

    #[test]
    fn without_an_earlier_report_there_are_no_changes_to_show_or_walk() {
        let dir = tempfile::tempdir().unwrap();
        let mut state = state_in(dir.path());
        state.handle(Command::OpenSample);
        assert!(state.library.earlier.is_none());
        library(&mut state, LibraryCommand::ShowChanges);
        library(&mut state, LibraryCommand::NextChange);
        assert!(state.library.changes.is_none());
        assert_eq!(state.library.change_count(), 0);
    }
}
