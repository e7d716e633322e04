//! The one dialog over the window. Each feature's dialogs are its own types, but only one of
//! them can be open at a time: [`AppState::modal`] holds it as one [`Modal`], so a state with the
//! path prompt and the signing form both open cannot be built. Opening a dialog replaces
//! whatever was open; closing one closes it only if it is still the dialog on screen, so a late
//! "close" from one feature never shuts another feature's dialog.
//!
//! Features reach their own dialog through [`InModal`], which every dialog type implements:
//! `SignForm`-style code reads `AuthoringDialog::of_mut(&mut state.modal)` and never matches
//! on another feature's variant.

use crate::ui::authoring::forms::AuthoringDialog;
use crate::ui::print::state::PrintForm;
use crate::ui::state::{AppState, Dialog};
use crate::ui::trust::state::{NewKeyDialog, TrustDialog};

/// Whether the reader asked to close the dialog shown as `modal`: Esc (when it is the top
/// dialog and no drop-down is open) or a close from inside it. Unlike
/// [`egui::ModalResponse::should_close`], a click beside the dialog does not count: a stray
/// click must not throw away what was typed.
pub fn asked_to_close<T>(modal: &egui::ModalResponse<T>) -> bool {
    let escape = || {
        modal
            .response
            .ctx
            .input_mut(|input| input.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
    };
    modal.response.should_close() || (modal.is_top_modal && !modal.any_popup_open && escape())
}

/// The dialog over the window, whichever feature it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub enum Modal {
    /// The viewer's path prompt or external-address confirmation.
    Viewer(Dialog),
    /// "Trust this key as…".
    TrustKey(TrustDialog),
    /// "This is a new key of NAME".
    NewKey(NewKeyDialog),
    /// A dialog of the firm's authoring work.
    Authoring(AuthoringDialog),
    /// The PDF and print form.
    Print(PrintForm),
}

/// A dialog type that is one variant of [`Modal`].
pub trait InModal: Sized {
    /// This dialog as the one over the window.
    fn into_modal(self) -> Modal;
    /// This kind of dialog, if it is the one open.
    fn of(modal: &Option<Modal>) -> Option<&Self>;
    /// This kind of dialog, if it is the one open, to edit in place.
    fn of_mut(modal: &mut Option<Modal>) -> Option<&mut Self>;
    /// Closes the open dialog if it is of this kind, and gives it back.
    fn take_from(modal: &mut Option<Modal>) -> Option<Self>;
}

/// Implements [`InModal`] for the type held by one variant.
macro_rules! in_modal {
    ($variant:ident, $type:ty) => {
        impl InModal for $type {
            fn into_modal(self) -> Modal {
                Modal::$variant(self)
            }
            fn of(modal: &Option<Modal>) -> Option<&Self> {
                match modal {
                    Some(Modal::$variant(dialog)) => Some(dialog),
                    _ => None,
                }
            }
            fn of_mut(modal: &mut Option<Modal>) -> Option<&mut Self> {
                match modal {
                    Some(Modal::$variant(dialog)) => Some(dialog),
                    _ => None,
                }
            }
            fn take_from(modal: &mut Option<Modal>) -> Option<Self> {
                match modal.take() {
                    Some(Modal::$variant(dialog)) => Some(dialog),
                    other => {
                        *modal = other;
                        None
                    }
                }
            }
        }
    };
}

in_modal!(Viewer, Dialog);
in_modal!(TrustKey, TrustDialog);
in_modal!(NewKey, NewKeyDialog);
in_modal!(Authoring, AuthoringDialog);
in_modal!(Print, PrintForm);

impl AppState {
    /// Opens `dialog` over the window, in place of whatever dialog was open.
    pub fn open_modal(&mut self, dialog: impl InModal) {
        self.modal = Some(dialog.into_modal());
    }

    /// Closes the open dialog if it is of kind `T`; another feature's dialog stays.
    pub fn close_modal<T: InModal>(&mut self) -> Option<T> {
        T::take_from(&mut self.modal)
    }

    /// The open dialog, if it is of kind `T`.
    pub fn modal_of<T: InModal>(&self) -> Option<&T> {
        T::of(&self.modal)
    }

    /// The open dialog, if it is of kind `T`, to edit in place.
    pub fn modal_of_mut<T: InModal>(&mut self) -> Option<&mut T> {
        T::of_mut(&mut self.modal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::state::{PathPromptReason, StartOptions};

    fn path_prompt() -> Dialog {
        Dialog::Path {
            text: "x".into(),
            reason: PathPromptReason::Asked,
        }
    }

    #[test]
    fn opening_a_dialog_replaces_the_open_one() {
        let mut state = AppState::new(StartOptions::default());
        state.open_modal(path_prompt());
        state.open_modal(AuthoringDialog::Import(Default::default()));
        assert!(state.modal_of::<Dialog>().is_none());
        assert!(matches!(
            state.modal_of::<AuthoringDialog>(),
            Some(AuthoringDialog::Import(_))
        ));
    }

    #[test]
    fn closing_one_kind_leaves_another_kinds_dialog_open() {
        let mut state = AppState::new(StartOptions::default());
        state.open_modal(path_prompt());
        assert_eq!(state.close_modal::<AuthoringDialog>(), None);
        assert_eq!(state.modal_of::<Dialog>(), Some(&path_prompt()));
        assert_eq!(state.close_modal::<Dialog>(), Some(path_prompt()));
        assert_eq!(state.modal, None);
    }

    #[test]
    fn a_dialog_is_edited_in_place() {
        let mut state = AppState::new(StartOptions::default());
        state.open_modal(path_prompt());
        if let Some(Dialog::Path { text, .. }) = state.modal_of_mut::<Dialog>() {
            text.push('y');
        }
        assert!(matches!(
            state.modal_of::<Dialog>(),
            Some(Dialog::Path { text, .. }) if text == "xy"
        ));
    }
}
