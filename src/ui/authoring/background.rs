//! Where the authoring preview's platform work runs: native dialogs for its fields, the folder
//! watcher, and signing, key creation and export on background threads — unlocking or creating
//! a password-protected key takes seconds (scrypt, 1 GiB), and the window must keep drawing.
//! Measured on a shared two-core machine (scrypt is a dependency, optimised in every profile):
//! 5–6 s for `kairan keygen` or `kairan pack` alone, and 9–17 s for signing in the app of a
//! debug build, whose own redrawing competes for the cores; hence "5 to 15 seconds" in the
//! text. Each thread reports the [`Stage`] it reaches, so the text beside the spinner says what
//! is slow only while it is.
//!
//! Threads report back over channels and wake the UI; [`Background::poll`] turns what arrived
//! into commands for [`crate::ui::state::AppState::handle`]. Nothing here decides anything: the
//! work itself is [`crate::authoring::publish`].

use std::path::Path;
use std::sync::mpsc::{self, Receiver, Sender};

use crate::authoring::checks::WarningPolicy;
use crate::authoring::publish::{self, Overwrite, SecretKeyFile};
use crate::authoring::{PackOptions, parse_recipients};
use crate::bundle::keys;
use crate::ui::authoring::state::{
    AuthoringCommand, AuthoringEffect, Chooser, ClientsJob, Field, JobOutcome, KeyJob, SignJob,
    SignedReport, Stage, Task,
};
use crate::ui::authoring::watch::FolderWatch;
use crate::ui::command::Command;
use crate::ui::error_text::Problem;

/// A message from a background thread.
enum Report {
    Progress(Stage),
    Finished(JobOutcome),
}

/// The watcher and the running task.
#[derive(Default)]
pub struct Background {
    watch: Option<FolderWatch>,
    reports: Option<Receiver<Report>>,
    spawn_failure: Option<(Task, Problem)>,
}

impl Background {
    /// Runs one effect; what a native dialog gives comes back as a command at once.
    pub fn run(&mut self, ctx: &egui::Context, effect: AuthoringEffect) -> Option<Command> {
        let authoring = |command| Some(Command::Authoring(command));
        match effect {
            AuthoringEffect::ChooseFolder => match rfd::FileDialog::new().pick_folder() {
                Some(dir) => authoring(AuthoringCommand::OpenFolder(dir)),
                None => authoring(AuthoringCommand::FolderDialogGaveNothing),
            },
            AuthoringEffect::ChooseFor(field) => {
                choose(field).map(|path| Command::Authoring(AuthoringCommand::Chosen(field, path)))
            }
            AuthoringEffect::Watch(dir) => {
                self.watch = None;
                let wake = ctx.clone();
                match FolderWatch::start(&dir, move || wake.request_repaint()) {
                    Ok(watch) => {
                        self.watch = Some(watch);
                        None
                    }
                    Err(error) => authoring(AuthoringCommand::WatchFailed(Problem::Watch(
                        std::sync::Arc::new(error),
                    ))),
                }
            }
            AuthoringEffect::Sign(job) => {
                self.spawn(ctx, Task::Sign, move |stage| sign(&job, stage));
                None
            }
            AuthoringEffect::CreateKey(job) => {
                self.spawn(ctx, Task::CreateKey, move |_| create_key(&job));
                None
            }
            AuthoringEffect::ShowFolder(folder) => show_folder(&folder)
                .err()
                .map(|problem| Command::Authoring(AuthoringCommand::ShowFolderFailed(problem))),
            AuthoringEffect::ExportClients(job) => {
                self.spawn(ctx, Task::ExportClients, move |progress| {
                    export_clients(&job, progress)
                });
                None
            }
        }
    }

    fn spawn(
        &mut self,
        ctx: &egui::Context,
        task: Task,
        work: impl FnOnce(&mut dyn FnMut(Stage)) -> JobOutcome + Send + 'static,
    ) {
        let (sender, receiver) = mpsc::channel();
        self.reports = Some(receiver);
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("kairan-sign".into())
            .spawn(move || {
                let send = |sender: &Sender<Report>, report| {
                    // The window may have closed; then nobody needs the report.
                    let _ = sender.send(report);
                    ctx.request_repaint();
                };
                let outcome = work(&mut |stage| send(&sender, Report::Progress(stage)));
                send(&sender, Report::Finished(outcome));
            });
        if let Err(error) = spawned {
            self.spawn_failure = Some((task, Problem::Thread(std::sync::Arc::new(error))));
        }
    }

    /// Stops watching the previewed folder.
    pub fn stop_watching(&mut self) {
        self.watch = None;
    }

    /// Commands for what the watcher and the running task reported since the last call.
    pub fn poll(&mut self) -> Vec<Command> {
        let mut commands = Vec::new();
        if let Some((task, reason)) = self.spawn_failure.take() {
            commands.push(Command::Authoring(AuthoringCommand::JobFinished(
                JobOutcome::Failed { task, reason },
            )));
        }
        if self.watch.as_ref().is_some_and(FolderWatch::changed) {
            commands.push(Command::Authoring(AuthoringCommand::SourcesChanged));
        }
        if let Some(reports) = &self.reports {
            let mut finished = false;
            while let Ok(report) = reports.try_recv() {
                commands.push(Command::Authoring(match report {
                    Report::Progress(stage) => AuthoringCommand::JobProgress(stage),
                    Report::Finished(outcome) => {
                        finished = true;
                        AuthoringCommand::JobFinished(outcome)
                    }
                }));
            }
            if finished {
                self.reports = None;
            }
        }
        commands
    }
}

/// Shows the native dialog for a field. `None` when cancelled or unavailable; the field's text
/// box is always there to type the path instead.
fn choose(field: Field) -> Option<std::path::PathBuf> {
    let dialog = rfd::FileDialog::new();
    match field.chooser() {
        Chooser::OpenFile => match field {
            Field::KeyFile => dialog.add_filter("minisign secret key", &["key"]),
            Field::ClientList => dialog.add_filter("CSV", &["csv"]),
            _ => dialog.add_filter("Text, web page", &["txt", "html", "htm"]),
        }
        .pick_file(),
        Chooser::SaveFile => match field {
            Field::Destination => dialog
                .add_filter("Kairan", &["kairan"])
                .set_file_name("notice.kairan"),
            _ => dialog.set_file_name("firm-signing-key"),
        }
        .save_file(),
        Chooser::Folder => dialog.pick_folder(),
    }
}

/// Opens `folder` in the desktop's file manager with the platform's own opener (`xdg-open`,
/// `open`, `explorer`), given the folder as one argument, never through a shell. The path is
/// made absolute first, so that no name is taken for an option.
///
/// Fails if the folder cannot be found or the opener cannot be started.
fn show_folder(folder: &Path) -> Result<(), Problem> {
    let folder = std::fs::canonicalize(folder).map_err(|error| Problem::read(folder, error))?;
    let opener = crate::ui::opener::platform_opener();
    let mut child = std::process::Command::new(opener)
        .arg(&folder)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|error| Problem::ShowFolder {
            folder: folder.clone(),
            program: opener,
            error: std::sync::Arc::new(error),
        })?;
    // The opener hands over to the file manager and exits; wait for it so it is not left as a
    // zombie. Whether the file manager then shows the folder is the desktop's business.
    let _ = std::thread::Builder::new()
        .name("kairan-show-folder".into())
        .spawn(move || child.wait());
    Ok(())
}

fn failed(task: Task, error: impl Into<Problem>) -> JobOutcome {
    JobOutcome::Failed {
        task,
        reason: error.into(),
    }
}

/// Reads and unlocks the key, telling `stage` when the slow part (scrypt) begins.
fn unlock(
    key: &Path,
    password: &str,
    stage: &mut dyn FnMut(Stage),
) -> Result<crate::bundle::SecretKey, publish::PublishError> {
    let file = SecretKeyFile::read(key)?;
    if file.needs_password() && !password.is_empty() {
        stage(Stage::Unlocking);
    }
    file.unlock(Some(password).filter(|password| !password.is_empty()))
}

fn sign(job: &SignJob, stage: &mut dyn FnMut(Stage)) -> JobOutcome {
    let result = publish::prepare(&job.dir, WarningPolicy::Allow).and_then(|checked| {
        let secret = unlock(&job.fields.key, job.fields.password.expose(), stage)?;
        stage(Stage::Signing);
        publish::export(
            &checked.folder,
            &secret,
            &PackOptions::default(),
            &job.fields.destination,
            job.overwrite,
        )
    });
    match result {
        Ok(exported) => JobOutcome::Signed(SignedReport {
            path: exported.path,
            size: exported.size,
            documents: exported.reopened.documents.len(),
            verdict: exported.reopened.verdict,
        }),
        Err(error) => failed(Task::Sign, error),
    }
}

fn create_key(job: &KeyJob) -> JobOutcome {
    match publish::write_key_pair(
        &job.base,
        keys::Protection::Password(job.password.expose()),
        "kairan secret key",
        Overwrite::Refuse,
    ) {
        Ok(written) => JobOutcome::KeyCreated(written),
        Err(error) => failed(Task::CreateKey, error),
    }
}

fn export_clients(job: &ClientsJob, stage: &mut dyn FnMut(Stage)) -> JobOutcome {
    let fields = &job.fields;
    let rows = match publish::read_text(&fields.list).map(|text| parse_recipients(&text)) {
        Ok(Ok(rows)) => rows,
        Ok(Err(error)) => {
            return failed(
                Task::ExportClients,
                Problem::Recipients {
                    list: fields.list.clone(),
                    error,
                },
            );
        }
        Err(error) => return failed(Task::ExportClients, error),
    };
    let secret = match unlock(&fields.key, fields.password.expose(), stage) {
        Ok(secret) => secret,
        Err(error) => return failed(Task::ExportClients, error),
    };
    let checked = match publish::prepare(&job.dir, WarningPolicy::Allow) {
        Ok(checked) => checked,
        Err(error) => return failed(Task::ExportClients, error),
    };
    stage(Stage::Clients {
        done: 0,
        total: rows.len(),
    });
    match publish::export_for_recipients(
        &checked.folder,
        &secret,
        &rows,
        &fields.output,
        job.overwrite,
        &mut |outcome| {
            stage(Stage::Clients {
                done: outcome.position,
                total: outcome.total,
            })
        },
    ) {
        Ok(summary) => JobOutcome::ClientsDone {
            summary,
            output: fields.output.clone(),
        },
        Err(error) => failed(Task::ExportClients, error),
    }
}
