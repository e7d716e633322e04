//! What the viewer holds for passing a notice on ([`PrintState`]) and every [`PrintCommand`]:
//! the PDF dialog's form (language, circulation slip, destination), the job that is running,
//! and what the last one did.
//!
//! Plain Rust with no widgets, tested without a window. The PDF itself is
//! [`crate::pdf::render`], fed the shown bundle and the same assessment the banner renders;
//! writing and handing it to the system happen in [`super::job`] on a background thread.

use std::path::PathBuf;

use crate::language::Language;
use crate::pdf::Slip;
use crate::trust::Assessment;
use crate::ui::command::{Command, Effect};
use crate::ui::error_text::Problem;
use crate::ui::modal::InModal;
use crate::ui::state::{AppState, Contents, Origin, Shown};

/// Export to a file the reader chooses, or print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Save the PDF where the reader says.
    Export,
    /// Make the PDF in a temporary folder and hand it to the system's viewer or printer.
    Print,
}

/// The PDF dialog's fields, edited in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintForm {
    /// What the dialog is for.
    pub purpose: Purpose,
    /// The language of the PDF's own words.
    pub language: Language,
    /// Whether the circulation slip is the first page.
    pub slip: bool,
    /// Slip: the date received.
    pub received: String,
    /// Slip: by when it should be back.
    pub deadline: String,
    /// Slip: where it goes back to.
    pub return_to: String,
    /// Slip: who it is passed to, one per line.
    pub recipients: String,
    /// Export: where the PDF goes, as typed or chosen.
    pub destination: String,
    /// Why the last submit was refused.
    pub problem: Option<FormProblem>,
    /// An existing file the reader was told about and may now replace by submitting again.
    pub replace: Option<PathBuf>,
}

/// Why the form cannot be submitted as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormProblem {
    /// Export with no destination.
    NoDestination,
    /// The destination is a folder.
    DestinationIsFolder,
    /// Nothing is shown to print.
    NothingShown,
    /// The native save dialog gave no file (cancelled, or no desktop portal).
    NoFileChosen,
    /// A file of that name exists; submitting again replaces it.
    Exists,
    /// The destination is not a regular file (a device, a pipe).
    NotAFile,
    /// The destination is the bundle on screen.
    IsTheBundle,
}

/// What a finished job did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrintOutcome {
    /// The PDF was saved here.
    Saved(PathBuf),
    /// The PDF was made here and opened in the system's viewer, whose Print command prints it.
    OpenedForPrinting(PathBuf),
    /// The PDF was made here and sent to the default printer with `lp`.
    SentToPrinter(PathBuf),
    /// The PDF was made here but nothing could open or print it.
    NotOpened(PathBuf),
    /// No PDF was made.
    Failed(Problem),
}

/// Everything the viewer holds for PDF and print.
#[derive(Debug, Default)]
pub struct PrintState {
    /// The job running, if any.
    pub running: Option<Purpose>,
    /// What the last job did, until the reader closes the note.
    pub outcome: Option<PrintOutcome>,
}

/// A PDF or print request from a view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrintCommand {
    /// Open the dialog for this purpose.
    OpenDialog(Purpose),
    /// Close it.
    CloseDialog,
    /// Ask the native save dialog for the destination.
    ChooseDestination,
    /// The native save dialog's answer.
    DestinationChosen(Option<PathBuf>),
    /// Make the PDF with the form as it is.
    Submit,
    /// A job finished.
    Finished(PrintOutcome),
    /// Close the note about the last job.
    DismissOutcome,
}

/// Where a job's PDF goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Saved to this file.
    File(PathBuf),
    /// Made in a temporary folder under this name, then printed.
    Printer {
        /// The PDF's file name.
        file_name: String,
    },
}

/// A job for the background: everything the thread needs, owned.
#[derive(Debug, Clone)]
pub struct PrintJob {
    /// Where the PDF goes.
    pub destination: Destination,
    /// The bundle as shown.
    pub bundle: crate::bundle::OpenedBundle,
    /// Its assessment.
    pub assessment: Assessment,
    /// The PDF's language.
    pub language: Language,
    /// Whether the reader chose "Show anyway".
    pub show_anyway: bool,
    /// The slip, if any.
    pub slip: Option<Slip>,
    /// The assessment's warnings in the PDF's language, as the banner words them.
    pub cautions: Vec<String>,
}

/// Two jobs are the same when they would print the same notice, the same way.
impl PartialEq for PrintJob {
    fn eq(&self, other: &Self) -> bool {
        self.destination == other.destination
            && self.bundle.same_file(&other.bundle)
            && self.assessment == other.assessment
            && self.language == other.language
            && self.show_anyway == other.show_anyway
            && self.slip == other.slip
            && self.cautions == other.cautions
    }
}

/// The PDF's file name for `shown`: its first letter's title (only when the letters are
/// shown: an altered title is not a name to save under), made safe by
/// [`crate::fs::safe_file_name`] (which also drops hidden characters), at most 60 characters,
/// with `.pdf`; `kairan.pdf` when nothing usable is left.
pub fn pdf_file_name(shown: &Shown) -> String {
    let title: String = shown
        .bundle
        .documents
        .first()
        .filter(|_| shown.status().shows_contents())
        .map(|document| document.document.title_text().chars().take(200).collect())
        .unwrap_or_default();
    let name: String = crate::fs::safe_file_name(&title).chars().take(60).collect();
    // safe_file_name's own name for nothing left is "attachment", not ours.
    if title.trim().is_empty() || name == "attachment" {
        "kairan.pdf".to_owned()
    } else {
        format!("{}.pdf", name.trim_end())
    }
}

/// Why the PDF may not be written to `path`: it is the bundle on screen, not a regular file,
/// or an existing file the reader has not yet been told about (`replace` is the one they were).
fn destination_problem(
    path: &std::path::Path,
    shown: &Shown,
    replace: Option<&std::path::Path>,
) -> Option<FormProblem> {
    let metadata = std::fs::symlink_metadata(path).ok()?;
    if let Origin::File(bundle) = &shown.origin
        && std::fs::canonicalize(bundle).ok() == std::fs::canonicalize(path).ok()
    {
        return Some(FormProblem::IsTheBundle);
    }
    if !metadata.is_file() && !metadata.file_type().is_symlink() {
        return Some(FormProblem::NotAFile);
    }
    (replace != Some(path)).then_some(FormProblem::Exists)
}

fn default_destination(file_name: &str) -> String {
    let folder = directories::UserDirs::new().and_then(|dirs| {
        dirs.document_dir()
            .map(std::path::Path::to_path_buf)
            .or_else(|| Some(dirs.home_dir().to_path_buf()))
    });
    match folder {
        Some(folder) => folder.join(file_name).display().to_string(),
        None => file_name.to_owned(),
    }
}

impl AppState {
    pub(in crate::ui) fn handle_print(&mut self, command: PrintCommand) {
        match command {
            PrintCommand::OpenDialog(purpose) => {
                // One PDF at a time: the shortcut is not disabled as the menu entry is.
                let Some(shown) = self.shown.as_ref().filter(|_| self.print.running.is_none())
                else {
                    return;
                };
                let language = self.language();
                let today = crate::time::readable::date_in(
                    jiff::Zoned::now()
                        .with_time_zone(crate::time::readable::local_zone())
                        .date(),
                    language,
                );
                let circulation = &self.settings.circulation;
                self.open_modal(PrintForm {
                    purpose,
                    language,
                    slip: circulation.slip.unwrap_or(language == Language::Japanese),
                    received: today,
                    deadline: String::new(),
                    return_to: circulation.return_to.clone(),
                    recipients: circulation.recipients.join("\n"),
                    destination: default_destination(&pdf_file_name(shown)),
                    problem: None,
                    replace: None,
                });
            }
            PrintCommand::CloseDialog => {
                self.close_modal::<PrintForm>();
            }
            PrintCommand::ChooseDestination => {
                if let Some(form) = self.modal_of::<PrintForm>() {
                    self.effects.push(Effect::ChoosePdfDestination {
                        current: PathBuf::from(&form.destination),
                    });
                }
            }
            PrintCommand::DestinationChosen(path) => {
                if let Some(form) = self.modal_of_mut::<PrintForm>() {
                    match path {
                        Some(path) => {
                            form.destination = path.display().to_string();
                            form.problem = None;
                            // The native dialog has asked about replacing an existing file.
                            form.replace = Some(path);
                        }
                        None => form.problem = Some(FormProblem::NoFileChosen),
                    }
                }
            }
            PrintCommand::Submit => self.submit_print(),
            PrintCommand::Finished(outcome) => {
                self.print.running = None;
                self.print.outcome = Some(outcome);
            }
            PrintCommand::DismissOutcome => self.print.outcome = None,
        }
    }

    fn submit_print(&mut self) {
        let Some(form) = PrintForm::of_mut(&mut self.modal) else {
            return;
        };
        let Some(shown) = &self.shown else {
            form.problem = Some(FormProblem::NothingShown);
            return;
        };
        let destination = match form.purpose {
            Purpose::Print => Destination::Printer {
                file_name: pdf_file_name(shown),
            },
            Purpose::Export => {
                let typed = form.destination.trim();
                if typed.is_empty() {
                    form.problem = Some(FormProblem::NoDestination);
                    return;
                }
                let mut path = PathBuf::from(typed);
                if path.is_dir() {
                    form.problem = Some(FormProblem::DestinationIsFolder);
                    return;
                }
                if path.extension().is_none() {
                    path.set_extension("pdf");
                }
                if let Some(problem) = destination_problem(&path, shown, form.replace.as_deref()) {
                    if problem == FormProblem::Exists {
                        form.replace = Some(path);
                    }
                    form.problem = Some(problem);
                    return;
                }
                Destination::File(path)
            }
        };
        let recipients: Vec<String> = form
            .recipients
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(str::to_owned)
            .collect();
        // What the reader typed for the slip is kept for next time (never the dates).
        self.settings.circulation.recipients = recipients.clone();
        self.settings.circulation.return_to = form.return_to.trim().to_owned();
        self.settings.circulation.slip = Some(form.slip);
        let status = shown.status();
        let assessment = shown.assessment_or_default().into_owned();
        let cautions = assessment
            .warnings
            .iter()
            .map(|warning| crate::ui::trust::view::warning_text(warning, form.language.strings()))
            .collect();
        let job = PrintJob {
            cautions,
            destination,
            bundle: shown.bundle.clone(),
            assessment,
            language: form.language,
            show_anyway: !status.shows_contents() && shown.contents == Contents::ShownAnyway,
            slip: form.slip.then(|| Slip {
                received: form.received.trim().to_owned(),
                deadline: form.deadline.trim().to_owned(),
                return_to: form.return_to.trim().to_owned(),
                recipients,
            }),
        };
        self.print.running = Some(form.purpose);
        self.print.outcome = None;
        self.close_modal::<PrintForm>();
        self.effects.push(Effect::Print(Box::new(job)));
    }
}

/// Whether a PDF can be made of what is on screen (a bundle is shown and no job is running).
pub fn can_print(state: &AppState) -> bool {
    state.shown.is_some() && state.print.running.is_none()
}

/// The command that opens the dialog, for menus and shortcuts.
pub fn open_dialog(purpose: Purpose) -> Command {
    Command::Print(PrintCommand::OpenDialog(purpose))
}
