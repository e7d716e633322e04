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
use crate::trust::{self, Assessment};
use crate::ui::command::{Command, Effect};
use crate::ui::error_text::Problem;
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
    /// The dialog, when open.
    pub form: Option<PrintForm>,
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
}

/// Two jobs are the same when they would print the same notice, the same way.
impl PartialEq for PrintJob {
    fn eq(&self, other: &Self) -> bool {
        self.destination == other.destination
            && self.bundle.file_bytes() == other.bundle.file_bytes()
            && self.assessment == other.assessment
            && self.language == other.language
            && self.show_anyway == other.show_anyway
            && self.slip == other.slip
    }
}

/// The assessment a PDF of `shown` states: the one the banner renders (without the reader's
/// records, the same default assessment [`Shown::status`] uses).
pub fn assessment_of(shown: &Shown) -> Assessment {
    match &shown.assessment {
        Some(assessment) => assessment.clone(),
        None => {
            let origin = match shown.origin {
                Origin::BuiltInSample => trust::Origin::BuiltInSample,
                Origin::File(_) | Origin::Preview(_) => trust::Origin::File,
            };
            trust::assess(
                &shown.bundle,
                trust::Records::default(),
                origin,
                jiff::Timestamp::now(),
            )
        }
    }
}

/// The PDF's file name for `shown`: its first letter's title, made safe, with `.pdf`.
pub fn pdf_file_name(shown: &Shown) -> String {
    let title = shown
        .bundle
        .documents
        .first()
        .map(|document| crate::escape::elided(&document.document.title, 60))
        .unwrap_or_else(|| "kairan".to_owned());
    format!("{}.pdf", crate::fs::safe_file_name(&title))
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
                let Some(shown) = &self.shown else {
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
                self.print.form = Some(PrintForm {
                    purpose,
                    language,
                    slip: circulation.slip.unwrap_or(language == Language::Japanese),
                    received: today,
                    deadline: String::new(),
                    return_to: circulation.return_to.clone(),
                    recipients: circulation.recipients.join("\n"),
                    destination: default_destination(&pdf_file_name(shown)),
                    problem: None,
                });
            }
            PrintCommand::CloseDialog => self.print.form = None,
            PrintCommand::ChooseDestination => {
                if let Some(form) = &self.print.form {
                    self.effects.push(Effect::ChoosePdfDestination {
                        current: PathBuf::from(&form.destination),
                    });
                }
            }
            PrintCommand::DestinationChosen(path) => {
                if let Some(form) = &mut self.print.form {
                    match path {
                        Some(path) => {
                            form.destination = path.display().to_string();
                            form.problem = None;
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
        let Some(form) = &mut self.print.form else {
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
        let job = PrintJob {
            destination,
            bundle: shown.bundle.clone(),
            assessment: assessment_of(shown),
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
        self.print.form = None;
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
