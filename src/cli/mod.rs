//! The command line: `verify`, `inspect`, `diff`, `pdf`, `library`, `keygen`, `pack`, `import`,
//! `check`, `preview`, `trust`, `settings`. A thin front end over [`crate::bundle`],
//! [`crate::document`], [`crate::trust`] and [`crate::library`]; with [`crate::ui`] the only
//! code besides
//! `main.rs` that prints.

// The command line is, with main.rs, the one place that prints.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod authoring;
mod diff;
mod library;
mod output;
mod pdf;
mod preview;
mod trust;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use clap::{Parser, Subcommand};

use crate::authoring::publish;
use crate::bundle::{self, BundleError, OpenedBundle, PublicKey, TrustedKey, keys};
use crate::sample;

/// Kairan (回覧): view and check signed notice bundles.
#[derive(Debug, Parser)]
#[command(name = "kairan", version, about, long_about = None, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A bundle to open in the viewer (without one, the built-in sample opens).
    pub file: Option<PathBuf>,
    /// What to do instead of opening the viewer.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check who signed a bundle and whether anything was altered.
    ///
    /// Uses your trust store (`kairan trust`), the built-in demo key and any --key files.
    /// Exit status: 0 verified by a trusted key (or the built-in sample with --sample); 6
    /// verified, with a caution (an older notice than one already opened, expired, issued in
    /// the future, or addressed to someone else); 3 valid signature by an unknown key or by the
    /// public demo key; 4 invalid, tampered or broken bundle, a key you revoked, or an alarm
    /// (two different notices under one number, a name that belongs to another of your keys);
    /// 5 unreadable file; 1 other errors; 2 usage.
    Verify {
        /// The bundle (`.kairan`), or `--sample` for the built-in one.
        #[arg(required_unless_present = "sample")]
        file: Option<PathBuf>,
        /// Verify the built-in sample bundle.
        #[arg(long, conflicts_with = "file")]
        sample: bool,
        #[command(flatten)]
        /// Keys to trust, the report's form, and whether to keep the file.
        options: ReportArgs,
    },
    /// List a bundle's documents, links, masked fields and omitted sections.
    ///
    /// Exit status as for `verify`.
    Inspect {
        /// The bundle (`.kairan`).
        file: PathBuf,
        #[command(flatten)]
        /// Keys to trust, the report's form, and whether to keep the file.
        options: ReportArgs,
    },
    /// What changed between two reports of a series (第N報 → 第M報): disclosed masks, new masks,
    /// lifted and added omissions, sections and paragraphs.
    Diff(diff::DiffArgs),
    /// Your library of received notices: every bundle you open whose signature is valid is
    /// kept. List series by issuer, search the letters, show, remove, export, rebuild the index.
    Library {
        /// What to do.
        #[command(subcommand)]
        command: library::LibraryCommand,
    },
    /// Write a bundle as a PDF, with the verdict on every page, and optionally a circulation
    /// slip (回覧票) as its first page.
    ///
    /// Letters of a bundle that is tampered, invalid, revoked or under an alarm are left out
    /// unless --show-anyway is given. Exit status as for `verify` (a file that cannot be opened
    /// gets no PDF and its verdict's status); 1 if no PDF could be written (an output that is
    /// not a regular file or is the bundle itself, letters too long to print, a write error).
    Pdf(pdf::PdfArgs),
    /// Create a signing key pair (minisign format).
    Keygen {
        /// Base path: writes BASE.pub (give it to clients) and BASE.key (keep it secret).
        #[arg(short, long)]
        output: PathBuf,
        /// Store the secret key without a password (only for demo and test keys).
        #[arg(long)]
        unprotected: bool,
        /// Read the password from this file (first line) instead of asking.
        #[arg(long)]
        password_file: Option<PathBuf>,
        /// Overwrite existing key files.
        #[arg(long)]
        force: bool,
    },
    /// Check a notice folder, then sign it into a bundle (or one per client).
    ///
    /// Signing is refused while the pre-send checks report errors (and, with
    /// `--warnings refuse`, warnings).
    Pack(authoring::PackArgs),
    /// Turn a plain-text file of letters or a saved web page into a notice folder, listing every detected mask,
    /// omission and look-alike with its line and column.
    Import(authoring::ImportArgs),
    /// Run the pre-send checks on a notice folder (exit status 1 if signing would be refused).
    Check(authoring::CheckArgs),
    /// Open a notice folder in the desktop app's live preview (unsigned), with its checks.
    Preview(preview::PreviewArgs),
    /// Manage the keys you trust: add, list, remove, revoke, rename, export, key rollover.
    Trust {
        /// What to do.
        #[command(subcommand)]
        command: trust::TrustCommand,
    },
    /// Show or change your settings (your organisation, for checking recipients).
    Settings {
        /// What to do.
        #[command(subcommand)]
        command: trust::SettingsCommand,
    },
}

/// Which keys to trust.
#[derive(Debug, Default, clap::Args)]
pub struct KeyArgs {
    /// A signer's public key file (minisign `.pub`) to trust; may be repeated.
    #[arg(long = "key", value_name = "PUB")]
    keys: Vec<PathBuf>,
}

/// What `verify` and `inspect` share: keys to trust, the report's form, and whether to keep
/// the file in the library.
#[derive(Debug, Default, clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    /// Keys to trust for this run.
    keys: KeyArgs,
    /// Print a JSON report instead of text.
    #[arg(long)]
    json: bool,
    /// Do not keep this file in your library of received notices (for a file you check
    /// for someone else, or your own bundle before sending it). The series history is
    /// still recorded: it is what catches a replayed or conflicting notice.
    #[arg(long)]
    no_library: bool,
}

/// Exit statuses of `verify` and `inspect` (decided by the library's [`crate::trust::Status`]).
pub use crate::trust::exit;

/// `verify` and `inspect`: opens a bundle with the reader's keys, assesses it, records it in
/// the series history and (unless asked not to, and never the built-in sample) keeps it in
/// the library, then reports.
fn open_and_report(
    options: &ReportArgs,
    label: &str,
    open: impl FnOnce(&[TrustedKey]) -> Result<bundle::OpenedBundle, bundle::BundleError>,
    origin: crate::trust::Origin,
    detail: output::Detail,
) -> anyhow::Result<ExitCode> {
    let mut context = trust::TrustContext::load()?;
    let trusted = context.keys_for_opening(&key_file_keys(&options.keys)?);
    let keeps = !options.no_library && origin == crate::trust::Origin::File;
    let mut kept = keeps
        .then(|| library::open_for_keeping(&context, &trusted))
        .flatten();
    let opened = open(&trusted);
    let assessment = context.assess_and_record(&opened, origin, kept.as_mut());
    report(label, &opened, assessment.as_ref(), options.json, detail)
}

/// Runs a subcommand and returns the process exit status.
///
/// Fails on errors that are not verdicts (bad key files, unwritable outputs).
pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Verify {
            file,
            sample,
            options,
        } => match (file, sample) {
            (Some(file), _) => open_and_report(
                &options,
                &file.display().to_string(),
                |trusted| bundle::open_file(&file, trusted),
                crate::trust::Origin::File,
                output::Detail::Verdict,
            ),
            (None, _) => open_and_report(
                &options,
                "(built-in sample)",
                |trusted| bundle::open_bytes(sample::SAMPLE_BUNDLE.into(), trusted),
                crate::trust::Origin::BuiltInSample,
                output::Detail::Verdict,
            ),
        },
        Command::Inspect { file, options } => open_and_report(
            &options,
            &file.display().to_string(),
            |trusted| bundle::open_file(&file, trusted),
            crate::trust::Origin::File,
            output::Detail::Contents,
        ),
        Command::Trust { command } => trust::run(command),
        Command::Library { command } => library::run(command),
        Command::Settings { command } => trust::run_settings(command),
        Command::Keygen {
            output,
            unprotected,
            password_file,
            force,
        } => keygen(&output, unprotected, password_file.as_deref(), force),
        Command::Pack(args) => authoring::pack(&args),
        Command::Diff(args) => diff::diff(&args),
        Command::Pdf(args) => pdf::pdf(&args),
        Command::Import(args) => authoring::import(&args),
        Command::Check(args) => authoring::check(&args),
        Command::Preview(args) => preview::preview(args),
    }
}

/// The keys given with `--key` for this run.
fn key_file_keys(args: &KeyArgs) -> anyhow::Result<Vec<TrustedKey>> {
    let mut trusted = Vec::new();
    for path in &args.keys {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("could not read the key file {}", path.display()))?;
        let public_key = PublicKey::from_file_text(&text)
            .with_context(|| format!("{} is not a minisign public key file", path.display()))?;
        trusted.push(TrustedKey {
            name: format!("the key in {}", path.display()),
            public_key,
        });
    }
    Ok(trusted)
}

fn report(
    label: &str,
    opened: &Result<OpenedBundle, BundleError>,
    assessment: Option<&crate::trust::Assessment>,
    json: bool,
    detail: output::Detail,
) -> anyhow::Result<ExitCode> {
    let status = output::status(opened, assessment);
    let text = if json {
        output::json(label, opened, assessment, detail)
    } else {
        output::text(label, opened, assessment, detail)
    };
    let mut stdout = std::io::stdout().lock();
    // Every bundle string was escaped where it was placed; this is the last guard. JSON keeps
    // its exact strings, with hidden characters as JSON escapes.
    let shown = if json {
        crate::escape::json(&text)
    } else {
        crate::escape::visible(&text)
    };
    stdout.write_all(shown.as_bytes())?;
    Ok(ExitCode::from(status.exit_code()))
}

fn keygen(
    base: &Path,
    unprotected: bool,
    password_file: Option<&Path>,
    force: bool,
) -> anyhow::Result<ExitCode> {
    let overwrite = if force {
        publish::Overwrite::Replace
    } else {
        publish::Overwrite::Refuse
    };
    for path in [base.with_extension("pub"), base.with_extension("key")] {
        if path.exists() && !force {
            bail!(
                "{} already exists; choose another name or pass --force to overwrite it",
                path.display()
            );
        }
    }
    let written = if unprotected {
        publish::write_key_pair(
            base,
            keys::Protection::Unprotected,
            "kairan secret key (unprotected)",
            overwrite,
        )?
    } else {
        let password = read_password(
            password_file,
            "Password to protect the new secret key: ",
            true,
        )?;
        eprintln!("Deriving the key from the password (scrypt, 1 GiB; this takes a few seconds)…");
        publish::write_key_pair(
            base,
            keys::Protection::Password(&password),
            "kairan secret key",
            overwrite,
        )?
    };
    println!(
        "Secret key: {} (keep it private{})",
        written.secret_path.display(),
        if unprotected {
            "; NOT password-protected"
        } else {
            ""
        }
    );
    println!(
        "Public key: {} (give it to your clients)",
        written.public_path.display()
    );
    println!("Key id:      {}", written.public_key.key_id);
    println!("Fingerprint: {}", written.public_key.fingerprint());
    Ok(ExitCode::SUCCESS)
}

fn read_password(file: Option<&Path>, prompt: &str, confirm: bool) -> anyhow::Result<String> {
    if let Some(file) = file {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("could not read the password file {}", file.display()))?;
        return Ok(text.lines().next().unwrap_or_default().to_owned());
    }
    let password = rpassword::prompt_password(prompt)
        .context("could not read a password from the terminal; use --password-file")?;
    if password.is_empty() {
        bail!("the password is empty; use --unprotected for a key without a password");
    }
    if confirm && rpassword::prompt_password("Repeat the password: ")? != password {
        bail!("the two passwords differ; nothing was written");
    }
    Ok(password)
}
