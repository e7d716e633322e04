//! What views ask for. Views push [`Command`]s while drawing; the app applies them with
//! [`super::state::AppState::handle`] after the frame, so that drawing never changes state.
//! What only the platform can do (dialogs, clipboard, browser) comes back out as [`Effect`]s.

use std::path::PathBuf;

use super::i18n::Language;
use super::settings::ThemeChoice;
use crate::document::LinkTarget;
use crate::ui::trust::state::{TrustCommand, TrustEffect};

/// A request from a view.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Open the bundle at this path.
    OpenPath(PathBuf),
    /// Open the built-in sample.
    OpenSample,
    /// Show the native open dialog.
    ChooseFile,
    /// The native open dialog gave no file (cancelled, or no dialog could be shown).
    FileDialogGaveNothing,
    /// Ask for a path in a text field.
    AskForPath,
    /// Open the path typed in the path field.
    OpenTypedPath,
    /// Close the open dialog or confirmation without doing anything.
    CloseDialog,
    /// Show a document (by index) in the pane its role belongs to.
    ShowDocument(usize),
    /// Follow a link found in the text.
    FollowLink {
        /// Where it goes.
        target: LinkTarget,
        /// The document and part holding the link, which Back returns to.
        from: Option<(usize, crate::document::letter::PartKey)>,
    },
    /// Open the external address awaiting confirmation.
    ConfirmExternal,
    /// Return to the document shown before the last link.
    Back,
    /// Go to the next masked field or omitted section.
    NextWithheld,
    /// Go to the previous masked field or omitted section.
    PreviousWithheld,
    /// Go to one withheld item of the bundle-wide list (and show its details).
    GoToWithheld(usize),
    /// Close the withheld item's detail panel (the item is no longer current).
    CloseWithheldDetail,
    /// Show the contents of a bundle that failed verification.
    RevealAnyway,
    /// Hide them again.
    HideContent,
    /// Dismiss the open error.
    DismissError,
    /// Dismiss the last message.
    DismissMessage,
    /// Open the search bar.
    OpenSearch,
    /// Close the search bar.
    CloseSearch,
    /// The search text changed.
    SetSearchQuery(String),
    /// Go to the next search hit.
    NextHit,
    /// Go to the previous search hit.
    PreviousHit,
    /// Use this UI language.
    SetLanguage(Language),
    /// Use this theme.
    SetTheme(ThemeChoice),
    /// Change the zoom.
    Zoom(ZoomStep),
    /// Show this pane when the window is too small for both.
    ShowPane(crate::ui::state::Pane),
    /// Open the help window at this page.
    ShowHelp(crate::ui::help::HelpPage),
    /// Close the help window.
    CloseHelp,
    /// Show or hide the side list (for windows of the current width class).
    ToggleSideList,
    /// Copy a document's text (masks as their markers).
    CopyDocument(usize),
    /// Select the whole text of a document (the one being read when `None`: the firm's
    /// notice, else the first shown), for Ctrl+C.
    SelectAll(Option<usize>),
    /// Select this text (a caret when empty).
    Select(crate::ui::viewer::selection::TextSelection),
    /// Forget the selection.
    ClearSelection,
    /// Copy the selected text (masks as their markers).
    CopySelection,
    /// Ask where to save an attachment.
    SaveAttachment(String),
    /// Save an attachment to the chosen place.
    SaveAttachmentTo {
        /// The attachment's bundle path.
        entry: String,
        /// Where to write it.
        destination: PathBuf,
    },
    /// The save dialog gave no place (cancelled, or there is no file-chooser service): ask for
    /// a path instead.
    SaveDialogGaveNothing {
        /// The attachment's bundle path.
        entry: String,
        /// The name it would be saved under.
        file_name: String,
    },
    /// Save the attachment to the path typed into the save prompt.
    SaveTypedPath,
    /// A pane has scrolled as requested.
    ScrollDone(u64),
    /// Something without a file path was dropped on the window.
    DroppedWithoutPath,
    /// Close the viewer.
    Quit,
    /// A trusted-keys request (see [`TrustCommand`]).
    Trust(TrustCommand),
    /// A request about the library of received notices.
    Library(crate::ui::library::state::LibraryCommand),
    /// Preview, check, sign and export a notice folder.
    Authoring(crate::ui::authoring::state::AuthoringCommand),
    /// Print or export the shown bundle as a PDF.
    Print(crate::ui::print::state::PrintCommand),
}

/// A zoom step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZoomStep {
    /// Larger.
    In,
    /// Smaller.
    Out,
    /// Actual size.
    Reset,
}

/// Something only the platform can do, requested by [`super::state::AppState::handle`].
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Show the native open dialog.
    ChooseFile,
    /// Show the native save dialog for an attachment.
    ChooseSaveLocation {
        /// The attachment's bundle path.
        entry: String,
        /// The suggested file name.
        file_name: String,
    },
    /// Open an address in the browser (already confirmed by the reader).
    OpenUrl(String),
    /// Put text on the clipboard.
    CopyText(String),
    /// Change the zoom.
    Zoom(ZoomStep),
    /// Close the window.
    Quit,
    /// Trusted-keys file dialogs (see [`TrustEffect`]).
    Trust(TrustEffect),
    /// Dialogs, file watching and background signing for the authoring preview.
    Authoring(crate::ui::authoring::state::AuthoringEffect),
    /// Show the native save dialog for a PDF.
    ChoosePdfDestination {
        /// The destination typed so far.
        current: PathBuf,
    },
    /// Make a PDF on a background thread.
    Print(Box<crate::ui::print::state::PrintJob>),
}
