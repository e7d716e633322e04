//! Where a PDF is made, saved and handed on, off the UI thread: laying out a long notice takes
//! a moment, and the window must keep drawing. Nothing here decides what the paper says; that
//! is [`crate::pdf::render`].
//!
//! Printing writes the PDF to a new temporary folder and opens it with the platform's opener
//! (`xdg-open`, `open`, `explorer`), whose viewer has the Print command and its dialog: the
//! reader chooses the printer and the pages there, as they would for any PDF. Where nothing
//! opens it and `lp` exists, the PDF goes to the default printer; otherwise the reader is told
//! where the file is.

use std::path::Path;
use std::process::{Command as Process, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use super::state::{Destination, PrintCommand, PrintJob, PrintOutcome};
use crate::pdf::{self, PdfRequest};
use crate::ui::command::Command;
use crate::ui::error_text::Problem;

/// The running job's channel.
#[derive(Default)]
pub struct PrintJobs {
    finished: Option<Receiver<PrintOutcome>>,
}

impl PrintJobs {
    /// Starts `job` on a thread that wakes the UI when it is done.
    pub fn start(&mut self, ctx: &egui::Context, job: PrintJob) -> Option<Command> {
        let (send, receive) = mpsc::channel();
        let wake = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("kairan-pdf".into())
            .spawn(move || {
                let outcome = run(&job, &system_openers());
                let _ = send.send(outcome);
                wake.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.finished = Some(receive);
                None
            }
            Err(error) => Some(Command::Print(PrintCommand::Finished(
                PrintOutcome::Failed(Problem::Thread(std::sync::Arc::new(error))),
            ))),
        }
    }

    /// What finished since the last frame, as a command.
    pub fn poll(&mut self) -> Option<Command> {
        let outcome = self.finished.as_ref()?.try_recv().ok()?;
        self.finished = None;
        Some(Command::Print(PrintCommand::Finished(outcome)))
    }
}

/// A program that can take a PDF: its name and the arguments before the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opener {
    /// The program.
    pub program: &'static str,
    /// Arguments before the file.
    pub args: &'static [&'static str],
    /// Whether it prints (rather than shows) the file.
    pub prints: bool,
}

/// The openers of this platform, in the order they are tried: its own opener (which shows the
/// PDF in the reader's viewer), then on Unix `lp` (which prints it on the default printer).
pub fn system_openers() -> Vec<Opener> {
    let mut openers = vec![Opener {
        program: crate::ui::opener::platform_opener(),
        args: &[],
        prints: false,
    }];
    if cfg!(unix) && !cfg!(target_os = "macos") {
        openers.push(Opener {
            program: "lp",
            args: &["--"],
            prints: true,
        });
    }
    openers
}

/// Makes the PDF, then saves it or hands it to the first of `openers` that takes it.
pub fn run(job: &PrintJob, openers: &[Opener]) -> PrintOutcome {
    let request = PdfRequest {
        bundle: &job.bundle,
        assessment: &job.assessment,
        language: job.language,
        show_anyway: job.show_anyway,
        slip: job.slip.as_ref(),
        checked_at: jiff::Timestamp::now(),
        cautions: &job.cautions,
    };
    let bytes = match pdf::render(&request) {
        Ok(bytes) => bytes,
        Err(error) => return PrintOutcome::Failed(Problem::Pdf(std::sync::Arc::new(error))),
    };
    match &job.destination {
        Destination::File(destination) => {
            match crate::fs::write_atomically(
                destination,
                &bytes,
                crate::fs::Access::Shared,
                crate::fs::Existing::Replace,
            ) {
                Ok(()) => PrintOutcome::Saved(destination.clone()),
                Err(error) => PrintOutcome::Failed(Problem::write(destination, error)),
            }
        }
        Destination::Printer { file_name } => {
            let folder = match tempfile::Builder::new().prefix("kairan-print-").tempdir() {
                Ok(folder) => folder.keep(),
                Err(error) => {
                    return PrintOutcome::Failed(Problem::write(&std::env::temp_dir(), error));
                }
            };
            let path = folder.join(file_name);
            if let Err(error) = crate::fs::write_atomically(
                &path,
                &bytes,
                crate::fs::Access::Private,
                crate::fs::Existing::Keep,
            ) {
                return PrintOutcome::Failed(Problem::write(&path, error));
            }
            hand_on(&path, openers)
        }
    }
}

/// How long an opener may take to say whether it took the file; one still running then has.
const OPENER_ANSWER: Duration = Duration::from_secs(10);

/// Gives `path` to the first opener that takes it.
fn hand_on(path: &Path, openers: &[Opener]) -> PrintOutcome {
    for opener in openers {
        if took(opener, path) {
            return if opener.prints {
                PrintOutcome::SentToPrinter(path.to_owned())
            } else {
                PrintOutcome::OpenedForPrinting(path.to_owned())
            };
        }
    }
    PrintOutcome::NotOpened(path.to_owned())
}

/// Whether `opener` took the file: it started, and exited successfully or is still running
/// after [`OPENER_ANSWER`]. The file is one argument after the opener's own, never through a
/// shell; the path is absolute (our own temporary folder), so it is never read as an option.
fn took(opener: &Opener, path: &Path) -> bool {
    let child = Process::new(opener.program)
        .args(opener.args)
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut child) = child else {
        return false;
    };
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return status.success(),
            Ok(None) if started.elapsed() < OPENER_ANSWER => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Ok(None) => {
                // Still running: it has the file. Reap it later so it is not left a zombie.
                let _ = std::thread::Builder::new()
                    .name("kairan-opener".into())
                    .spawn(move || child.wait());
                return true;
            }
            Err(_) => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::print::state::PrintJob;

    fn print_job() -> PrintJob {
        let bundle = crate::sample::open_sample().unwrap();
        let assessment = crate::trust::assess(
            &bundle,
            crate::trust::Records::default(),
            crate::trust::Origin::BuiltInSample,
            jiff::Timestamp::now(),
        );
        PrintJob {
            destination: Destination::Printer {
                file_name: "お知らせ.pdf".into(),
            },
            bundle,
            assessment,
            language: crate::language::Language::Japanese,
            show_anyway: false,
            slip: None,
            cautions: Vec::new(),
        }
    }

    const FAILS: Opener = Opener {
        program: "false",
        args: &[],
        prints: false,
    };
    const MISSING: Opener = Opener {
        program: "kairan-no-such-opener",
        args: &[],
        prints: false,
    };
    const SHOWS: Opener = Opener {
        program: "true",
        args: &[],
        prints: false,
    };
    const PRINTS: Opener = Opener {
        program: "true",
        args: &["--"],
        prints: true,
    };

    #[test]
    fn printing_hands_the_pdf_to_the_first_opener_that_takes_it() {
        let job = print_job();
        let outcome = run(&job, &[MISSING, FAILS, SHOWS, PRINTS]);
        let PrintOutcome::OpenedForPrinting(path) = &outcome else {
            panic!("{outcome:?}");
        };
        assert!(std::fs::read(path).unwrap().starts_with(b"%PDF-"));
        assert!(path.ends_with("お知らせ.pdf"));

        let outcome = run(&job, &[MISSING, FAILS, PRINTS]);
        assert!(
            matches!(outcome, PrintOutcome::SentToPrinter(_)),
            "{outcome:?}"
        );

        let outcome = run(&job, &[MISSING, FAILS]);
        let PrintOutcome::NotOpened(path) = &outcome else {
            panic!("{outcome:?}");
        };
        assert!(
            path.is_file(),
            "the reader is told where the PDF is, and it is there"
        );
    }

    #[test]
    fn an_export_to_a_folder_that_cannot_be_written_fails_with_the_path() {
        let mut job = print_job();
        let target = std::path::PathBuf::from("/nonexistent/kairan/お知らせ.pdf");
        job.destination = Destination::File(target.clone());
        match run(&job, &[]) {
            PrintOutcome::Failed(Problem::Write { path, .. }) => assert_eq!(path, target),
            other => panic!("{other:?}"),
        }
    }
}
