//! The firm-side commands: `import` (plain-text letters → notice folder), `check` (pre-send
//! checks) and `pack` (checks, then signs one bundle, or one per client from a list).
//! A thin front end over [`crate::authoring::import`], [`crate::authoring::checks`] and
//! [`crate::authoring::publish`] (the path the app's signing takes too).

use crate::escape::one_line;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, bail};

use crate::authoring::checks::{self, Finding, Severity, WarningPolicy};
use crate::authoring::import::{DetectionKind, ImportOptions, import_input};
use crate::authoring::publish::{self, Overwrite, PublishError, SecretKeyFile};
use crate::authoring::{
    self, AUTHORING_EXTENSION, CompiledFolder, MASK_MARKER_WIDTH, PackOptions, compile_folder,
    fix_mask_width, parse_recipients,
};
use crate::bundle::SecretKey;

/// `kairan import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The plain-text file (UTF-8) holding one or more letters, or a web page saved by a
    /// browser (`.html`, `.htm`; its modification date is taken as the day it was retrieved).
    pub file: PathBuf,
    /// The notice folder to create.
    #[arg(short, long)]
    pub output: PathBuf,
    /// The bundle id to write into bundle.json (default: from the folder's name).
    #[arg(long)]
    pub bundle_id: Option<String>,
    /// Write into the folder even if it already holds files (they may be overwritten).
    #[arg(long)]
    pub force: bool,
}

/// `kairan check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The notice folder (holding bundle.json).
    pub dir: PathBuf,
    /// First rewrite every mask marker made of one repeated symbol (■■■■■■) to a fixed width,
    /// so that its length does not reveal the hidden text's length.
    #[arg(long)]
    pub fix_mask_width: bool,
    /// Whether warnings fail the check (exit status 1) as errors do.
    #[arg(long, value_enum, default_value_t = Warnings::Allow)]
    pub warnings: Warnings,
}

/// `kairan pack`.
#[derive(Debug, clap::Args)]
pub struct PackArgs {
    /// The notice folder (holding bundle.json).
    pub dir: PathBuf,
    /// The secret key file.
    #[arg(long)]
    pub key: PathBuf,
    /// Where to write the bundle; with --recipients, the folder for the bundles.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Read the key's password from this file (first line) instead of asking.
    #[arg(long)]
    pub password_file: Option<PathBuf>,
    /// Address the bundle to this recipient.
    #[arg(long, conflicts_with = "recipients")]
    pub recipient: Option<String>,
    /// Write one bundle per client listed in this CSV file (header `recipient,id`; `id` is
    /// optional) into the --output folder.
    #[arg(long)]
    pub recipients: Option<PathBuf>,
    /// Sign despite warnings from the pre-send checks (allow), or refuse while any remain
    /// (refuse). Errors always refuse.
    #[arg(long, value_enum, default_value_t = Warnings::Allow)]
    pub warnings: Warnings,
}

/// What warnings do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Warnings {
    /// Show warnings and go ahead.
    Allow,
    /// Treat warnings like errors.
    Refuse,
}

impl From<Warnings> for WarningPolicy {
    fn from(warnings: Warnings) -> Self {
        match warnings {
            Warnings::Allow => WarningPolicy::Allow,
            Warnings::Refuse => WarningPolicy::Refuse,
        }
    }
}

/// Runs `kairan import`.
///
/// Fails when the file cannot be read or holds no letter, or the folder cannot be written.
pub fn import(args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let input = publish::read_import_input(&args.file)?;
    if !args.force && publish::folder_has_files(&args.output) {
        bail!(
            "{} already exists and is not empty; choose another folder or pass --force",
            args.output.display()
        );
    }
    let bundle_id = args
        .bundle_id
        .clone()
        .unwrap_or_else(|| publish::bundle_id_from_folder(&args.output));
    let folder = import_input(&input, &ImportOptions { bundle_id })
        .with_context(|| format!("could not import {}", args.file.display()))?;

    let label = args.file.display().to_string();
    let mut stdout = std::io::stdout().lock();
    for detection in &folder.detections {
        let kind = match detection.kind {
            DetectionKind::Letter => "letter",
            DetectionKind::Addressee => "addressee",
            DetectionKind::Issuer => "issuer",
            DetectionKind::Title => "title",
            DetectionKind::Caption => "caption",
            DetectionKind::Heading => "heading",
            DetectionKind::Mask => "MASK",
            DetectionKind::Omission => "OMISSION",
            DetectionKind::JoinedParagraph => "joined",
            DetectionKind::SignOff => "sign-off",
            DetectionKind::NotWithheld => "not withheld",
            DetectionKind::Page => "page",
            DetectionKind::Note => "note",
        };
        writeln!(
            stdout,
            "{}:{}:{}: {kind}: {}{}{}",
            one_line(&label),
            detection.line,
            detection.column,
            match detection.text.as_str() {
                "" => String::new(),
                text => format!("{} — ", one_line(text)),
            },
            one_line(&detection.note.to_string()),
            detection
                .document
                .as_deref()
                .map(|document| format!(" → {}", one_line(document)))
                .unwrap_or_default()
        )?;
    }
    publish::write_imported(&folder, &args.output)?;
    let masks: usize = folder
        .letters
        .iter()
        .map(|letter| letter.document.mask_count())
        .sum();
    let omissions: usize = folder
        .letters
        .iter()
        .map(|letter| letter.document.omission_count())
        .sum();
    writeln!(
        stdout,
        "Wrote {}: {} documents, {masks} masked fields, {omissions} omitted sections. Confirm \
         each detection above against the letter, then run `kairan check {}`.",
        args.output.display(),
        folder.letters.len(),
        args.output.display()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Runs `kairan check`: exit status 0 when nothing blocks signing, 1 otherwise.
///
/// Fails when a source cannot be rewritten for --fix-mask-width.
pub fn check(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let mut stdout = std::io::stdout().lock();
    if args.fix_mask_width {
        let folder = compile_folder(&args.dir).map_err(|errors| source_errors(&errors))?;
        for document in &folder.documents {
            if !document.source_path.ends_with(AUTHORING_EXTENSION) {
                writeln!(
                    stdout,
                    "{}: skipped (mask widths are fixed in authoring sources only)",
                    one_line(&document.source_path)
                )?;
                continue;
            }
            let (text, changed) = fix_mask_width(&document.source_text, MASK_MARKER_WIDTH);
            if changed.is_empty() {
                continue;
            }
            let path = args.dir.join(&document.source_path);
            crate::fs::write_shared(&path, text.as_bytes())
                .with_context(|| format!("could not write {}", path.display()))?;
            for at in changed {
                writeln!(
                    stdout,
                    "{}:{}:{}: mask marker set to {MASK_MARKER_WIDTH} characters",
                    one_line(&document.source_path),
                    at.line,
                    at.column
                )?;
            }
        }
    }
    let findings = checks::check_dir(&args.dir);
    print_findings(&mut stdout, &findings)?;
    let blocking = checks::blocking(&findings, args.warnings.into());
    writeln!(stdout, "{}", summary(&findings, args.warnings))?;
    Ok(if blocking.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Prints each source error on a line of its own (escaped: they quote the sources) and
/// returns the one-line error the command fails with.
fn source_errors(errors: &[authoring::SourceError]) -> anyhow::Error {
    let mut stderr = std::io::stderr().lock();
    for error in errors {
        let _ = writeln!(stderr, "{}", one_line(&error.to_string()));
    }
    anyhow::anyhow!(
        "the notice folder has {} error{} (listed above); nothing was written",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    )
}

fn print_findings(out: &mut impl std::io::Write, findings: &[Finding]) -> std::io::Result<()> {
    for finding in findings {
        writeln!(out, "{}", one_line(&finding.to_string()))?;
    }
    Ok(())
}

fn summary(findings: &[Finding], warnings: Warnings) -> String {
    let count = |severity: Severity| {
        findings
            .iter()
            .filter(|finding| finding.severity == severity)
            .count()
    };
    let (errors, warning_count) = (count(Severity::Error), count(Severity::Warning));
    let notes = match count(Severity::Note) {
        0 => String::new(),
        1 => ", 1 note (for you to check by hand)".to_owned(),
        n => format!(", {n} notes (for you to check by hand)"),
    };
    let policy = match warnings {
        Warnings::Allow => "warnings allowed (--warnings allow)",
        Warnings::Refuse => "warnings refused (--warnings refuse)",
    };
    format!("{errors} errors, {warning_count} warnings{notes}; {policy}.")
}

/// Runs `kairan pack`: checks the folder, then signs one bundle, or one per client.
///
/// Fails when the checks block signing, the key cannot be used, or (for a single bundle) the
/// bundle cannot be packed, verified or written. With --recipients, a bad row is reported and
/// the rest go on; the exit status is then 1 if any row failed.
pub fn pack(args: &PackArgs) -> anyhow::Result<ExitCode> {
    // The same path as the app's: compile once, check what will be signed, sign, write, read
    // back from disk and verify.
    let checked = match publish::prepare(&args.dir, args.warnings.into()) {
        Ok(checked) => checked,
        Err(PublishError::Source { errors, .. }) => return Err(source_errors(&errors)),
        Err(PublishError::Blocked { findings, .. }) => {
            print_findings(&mut std::io::stderr().lock(), &findings)?;
            bail!(
                "signing refused: {}; fix them (see `kairan check {}`). Nothing was written.",
                summary(&findings, args.warnings).trim_end_matches('.'),
                one_line(&args.dir.display().to_string())
            );
        }
        Err(error) => return Err(error.into()),
    };
    if !checked.findings.is_empty() {
        let mut stderr = std::io::stderr().lock();
        print_findings(&mut stderr, &checked.findings)?;
        writeln!(stderr, "{}", summary(&checked.findings, args.warnings))?;
    }

    let secret = load_key(&args.key, args.password_file.as_deref())?;
    match &args.recipients {
        None => {
            let options = PackOptions {
                recipient: args.recipient.clone(),
                bundle_id: None,
            };
            // `kairan pack -o FILE` replaces FILE, as writing to a named file does in a shell.
            let exported = publish::export(
                &checked.folder,
                &secret,
                &options,
                &args.output,
                Overwrite::Replace,
            )?;
            println!(
                "Wrote {} ({} bytes, {} documents, signed by key {}; read back and verified).",
                exported.path.display(),
                exported.size,
                exported.reopened.documents.len(),
                secret.public_key().key_id
            );
            Ok(ExitCode::SUCCESS)
        }
        Some(list) => pack_for_recipients(args, list, &checked.folder, &secret),
    }
}

fn load_key(path: &Path, password_file: Option<&Path>) -> anyhow::Result<SecretKey> {
    let key = SecretKeyFile::read(path)?;
    let password = if key.needs_password() {
        Some(super::read_password(
            password_file,
            "Password for the secret key: ",
            false,
        )?)
    } else {
        None
    };
    Ok(key.unlock(password.as_deref())?)
}

fn pack_for_recipients(
    args: &PackArgs,
    list: &Path,
    folder: &CompiledFolder,
    secret: &SecretKey,
) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(list)
        .with_context(|| format!("could not read the client list {}", list.display()))?;
    let rows =
        parse_recipients(&text).map_err(|error| anyhow::anyhow!("{}: {error}", list.display()))?;
    let summary =
        // Like `-o FILE` for one bundle, the client bundles replace files of the same names.
        publish::export_for_recipients(folder, secret, &rows, &args.output, Overwrite::Replace, &mut |outcome| {
            let progress = format!("[{}/{}]", outcome.position, outcome.total);
            match &outcome.result {
                Ok(path) => println!(
                    "{progress} {} → {}",
                    one_line(&outcome.recipient),
                    one_line(&path.display().to_string())
                ),
                Err(error) => eprintln!(
                    "{progress} {}: {}",
                    one_line(&list.display().to_string()),
                    one_line(&error.to_string())
                ),
            }
        })?;
    let (written, failed, total) = (summary.written(), summary.failed(), rows.len());
    println!(
        "Wrote {written} of {total} bundles to {}{}.",
        args.output.display(),
        if failed > 0 {
            format!("; {failed} rows failed (see above) and were not written")
        } else {
            String::new()
        }
    );
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
