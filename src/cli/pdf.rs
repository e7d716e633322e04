//! `kairan pdf`: a bundle as a PDF with the verdict on every page, and optionally a
//! circulation slip (回覧票) as its first page. The verdict is the one `verify` gives; this
//! command only chooses the language, the slip's fields and where the PDF goes.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;

use super::KeyArgs;
use crate::bundle;
use crate::escape::one_line;
use crate::language::Language;
use crate::pdf::{self, PdfRequest, Slip};
use crate::sample;
use crate::trust::Origin;

/// The language of the PDF's own words.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum PdfLanguage {
    /// 日本語.
    Ja,
    /// English.
    En,
}

/// `kairan pdf`'s arguments.
#[derive(Debug, clap::Args)]
pub struct PdfArgs {
    /// The bundle (`.kairan`), or `--sample` for the built-in one.
    #[arg(required_unless_present = "sample")]
    file: Option<PathBuf>,
    /// Print the built-in sample bundle.
    #[arg(long, conflicts_with = "file")]
    sample: bool,
    /// Where to write the PDF.
    #[arg(short, long, value_name = "OUT.pdf")]
    output: PathBuf,
    /// Put a circulation slip (回覧票) before the letters.
    #[arg(long)]
    slip: bool,
    /// The language of the PDF's own words (verdict, notes, slip); the letters are printed as
    /// written. Default: from the system locale.
    #[arg(long, value_enum)]
    lang: Option<PdfLanguage>,
    /// Print the letters of a bundle that is tampered, invalid, revoked or under an alarm,
    /// each page marked as such (without it, such a PDF holds only the verdict).
    #[arg(long)]
    show_anyway: bool,
    /// Slip: who it is passed to, in order; may be repeated.
    #[arg(long = "recipient", value_name = "NAME", requires = "slip")]
    recipients: Vec<String>,
    /// Slip: by when it should be back (回覧期限).
    #[arg(long, value_name = "TEXT", requires = "slip", default_value = "")]
    deadline: String,
    /// Slip: where it goes back to (戻り先).
    #[arg(long, value_name = "TEXT", requires = "slip", default_value = "")]
    return_to: String,
    /// Slip: when it was received (default: today).
    #[arg(long, value_name = "TEXT", requires = "slip")]
    received: Option<String>,
    #[command(flatten)]
    /// Keys to trust for this run.
    keys: KeyArgs,
}

/// Refuses an output that is not a regular file (a device, a pipe, a folder: replacing it would
/// destroy it) or that is the bundle being printed.
fn refuse_output(args: &PdfArgs) -> anyhow::Result<()> {
    let output = &args.output;
    if let Ok(metadata) = std::fs::symlink_metadata(output)
        && !metadata.is_file()
        && !metadata.file_type().is_symlink()
    {
        anyhow::bail!(
            "{} is not a regular file; give a file name for the PDF",
            output.display()
        );
    }
    if let (Some(input), Ok(output)) = (&args.file, std::fs::canonicalize(output))
        && std::fs::canonicalize(input).is_ok_and(|input| input == output)
    {
        anyhow::bail!(
            "{} is the bundle itself; give another file name for the PDF",
            output.display()
        );
    }
    Ok(())
}

/// Writes the PDF; the exit status is the verdict's, as for `verify`.
pub(super) fn pdf(args: &PdfArgs) -> anyhow::Result<ExitCode> {
    refuse_output(args)?;
    let context = super::trust::TrustContext::load()?;
    let trusted = context.keys_for_opening(&super::key_file_keys(&args.keys)?);
    let (opened, origin) = match &args.file {
        Some(file) => (bundle::open_file(file, &trusted), Origin::File),
        None => (
            bundle::open_bytes(sample::SAMPLE_BUNDLE.into(), &trusted),
            Origin::BuiltInSample,
        ),
    };
    let opened = match opened {
        Ok(opened) => opened,
        Err(error) => {
            eprintln!(
                "kairan: no PDF was written: {}",
                one_line(&error.to_string())
            );
            return Ok(ExitCode::from(
                crate::trust::Status::of_error(&error).exit_code(),
            ));
        }
    };
    let assessment = context.assess(&opened, origin);
    let language = match args.lang {
        Some(PdfLanguage::Ja) => Language::Japanese,
        Some(PdfLanguage::En) => Language::English,
        None => Language::from_environment(),
    };
    let now = jiff::Timestamp::now();
    let slip = args.slip.then(|| Slip {
        received: args.received.clone().unwrap_or_else(|| {
            crate::time::readable::date_in(
                now.to_zoned(crate::time::readable::local_zone()).date(),
                language,
            )
        }),
        deadline: args.deadline.clone(),
        return_to: args.return_to.clone(),
        recipients: args.recipients.clone(),
    });
    // The viewer's words for each warning, in the PDF's language, as its banner shows them.
    let cautions: Vec<String> = assessment
        .warnings
        .iter()
        .map(|warning| crate::ui::trust::view::warning_text(warning, language.strings()))
        .collect();
    let bytes = pdf::render(&PdfRequest {
        bundle: &opened,
        assessment: &assessment,
        language,
        show_anyway: args.show_anyway,
        slip: slip.as_ref(),
        checked_at: now,
        cautions: &cautions,
    })?;
    crate::fs::write_atomically(
        &args.output,
        &bytes,
        crate::fs::Access::Shared,
        crate::fs::Existing::Replace,
    )
    .with_context(|| format!("could not write {}", args.output.display()))?;
    let status = assessment.status;
    println!(
        "{}: {} ({})",
        args.output.display(),
        status.headline(Language::English),
        if status.shows_contents() || args.show_anyway {
            "letters included"
        } else {
            "letters left out, as the viewer hides them for this verdict; --show-anyway prints them, marked"
        }
    );
    Ok(ExitCode::from(status.exit_code()))
}
