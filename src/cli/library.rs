//! `kairan library`: the reader's library of received notices from the command line — list,
//! search, show, remove, export, rebuild — and the library opened for `verify` and `inspect`
//! to keep what they open. Renders [`crate::library`]; decides nothing.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::json;

use super::trust::TrustContext;
use crate::bundle::TrustedKey;
use crate::escape::one_line;
use crate::library::{
    self, Library, Listing, Notice, Opened, RebuildReason, Rebuilt, SearchHit, StoredDocument,
};

/// What to do with the library.
#[derive(Debug, clap::Subcommand)]
pub enum LibraryCommand {
    /// Every kept notice: series grouped by issuer, each report 第N報 with its status and an
    /// unread mark; missing numbers and numbers held by two notices are shown.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Find text in every kept notice (full- and half-width, upper and lower case alike).
    Search {
        /// The text to find.
        text: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Show a kept notice's details and letters (and mark it read).
    Show {
        /// Its id: at least the first 8 hex digits, as `list` shows them.
        id: String,
    },
    /// Remove a kept notice from the library (its stored file and its index entry).
    Remove {
        /// Its id: at least the first 8 hex digits.
        id: String,
    },
    /// Copy every kept notice's file into a folder.
    Export {
        /// The folder (made if missing); existing files are never overwritten.
        dir: PathBuf,
    },
    /// Make a new index from the stored files.
    Rebuild,
}

/// The words for why an index was rebuilt.
fn rebuild_message(rebuilt: &Rebuilt) -> String {
    let why = match rebuilt.reason {
        RebuildReason::Missing => "kairan: the library index was missing; rebuilt it",
        RebuildReason::Corrupt => "kairan: the library index was damaged; rebuilt it",
        RebuildReason::OtherVersion => {
            "kairan: the library index was made by another version of Kairan; rebuilt it"
        }
        RebuildReason::Requested => "Rebuilt the library index",
    };
    let mut text = format!(
        "{why} from the stored files ({} notices indexed",
        rebuilt.indexed
    );
    if rebuilt.skipped > 0 {
        text += &format!(
            ", {} stored files no longer verify and were left out of it",
            rebuilt.skipped
        );
    }
    text += "). Verdicts are as of now; read marks were reset to unread.";
    text
}

/// Opens the reader's library, telling on standard error when its index was rebuilt.
fn open(context: &TrustContext, keys: &[TrustedKey]) -> anyhow::Result<Library> {
    let folder = library::default_folder()?;
    let Opened { library, rebuilt } = Library::open(&folder, context.reader(keys))?;
    if let Some(rebuilt) = rebuilt {
        eprintln!("{}", rebuild_message(&rebuilt));
    }
    Ok(library)
}

/// The library for `verify` and `inspect` to keep what they open: `None` (after one warning
/// line on standard error) when it cannot be opened, which never changes a verdict.
pub(super) fn open_for_keeping(context: &TrustContext, keys: &[TrustedKey]) -> Option<Library> {
    match open(context, keys) {
        Ok(library) => Some(library),
        Err(error) => {
            eprintln!(
                "kairan: warning: could not open your library of received notices, so this notice is not kept in it: {}",
                one_line(&error.to_string())
            );
            None
        }
    }
}

/// Runs a `kairan library` subcommand.
///
/// Fails if the trust files or the library cannot be read or changed.
pub fn run(command: LibraryCommand) -> anyhow::Result<ExitCode> {
    let context = TrustContext::load()?;
    let keys = context.keys_for_opening(&[]);
    let mut out = String::new();
    match command {
        LibraryCommand::List { json } => {
            let notices = open(&context, &keys)?.notices()?;
            let listing = Listing::of(
                notices
                    .into_iter()
                    .map(|notice| notice.with_status_now(Some(context.store())))
                    .collect(),
            );
            out = if json {
                print_json(&listing_json(&listing))
            } else {
                listing_text(&listing)
            };
        }
        LibraryCommand::Search { text, json } => {
            let mut hits = open(&context, &keys)?.search(&text)?;
            for hit in &mut hits {
                hit.notice = hit.notice.clone().with_status_now(Some(context.store()));
            }
            out = if json {
                print_json(&json!({
                    "query": text,
                    "hits": hits.iter().map(hit_json).collect::<Vec<_>>(),
                }))
            } else {
                search_text(&text, &hits)
            };
        }
        LibraryCommand::Show { id } => {
            let mut library = open(&context, &keys)?;
            let notice = library.find(&id)?;
            let documents = library.documents(&notice)?;
            out = show_text(&notice, &documents, &library.file_of(&notice));
            library.mark_read(&notice)?;
        }
        LibraryCommand::Remove { id } => {
            let mut library = open(&context, &keys)?;
            let notice = library.find(&id)?;
            library.remove(&notice)?;
            out += &format!(
                "Removed {} (第{}報 of {}, bundle {}) from your library.\n",
                notice.short_id(),
                notice.sequence,
                one_line(&notice.series_id),
                one_line(&notice.bundle_id)
            );
        }
        LibraryCommand::Export { dir } => {
            let written = open(&context, &keys)?.export(&dir)?;
            for path in &written {
                out += &format!("{}\n", one_line(&path.display().to_string()));
            }
            out += &format!("Exported {} notices to {}.\n", written.len(), dir.display());
        }
        LibraryCommand::Rebuild => {
            let library = open(&context, &keys)?;
            let (_, rebuilt) = library.rebuild(context.reader(&keys))?;
            out = format!("{}\n", rebuild_message(&rebuilt));
        }
    }
    std::io::stdout().lock().write_all(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn print_json(value: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    crate::escape::json(&text).into_owned()
}

/// How the library names an issuer.
fn issuer_heading(name: Option<&str>, key_ids: &[String]) -> String {
    match name {
        Some(name) => format!("{} (key {})", one_line(name), key_ids.join(", ")),
        None => format!(
            "Key {} (not a key you named; the issuer each notice claims is shown, unverified)",
            key_ids.join(", ")
        ),
    }
}

fn listing_text(listing: &Listing) -> String {
    if listing.issuers.is_empty() {
        return "Your library is empty: notices you open with `kairan verify` or `kairan inspect` are kept here.\n".to_owned();
    }
    let mut out = String::new();
    for issuer in &listing.issuers {
        out += &format!(
            "{}\n",
            issuer_heading(issuer.name.as_deref(), &issuer.key_ids)
        );
        for series in &issuer.series {
            out += &format!("  series {}\n", one_line(&series.series_id));
            let mut lines: Vec<(u32, String)> = series
                .reports
                .iter()
                .map(|notice| {
                    let claimed = if issuer.name.is_none() {
                        format!("  claims \"{}\"", one_line(&notice.claimed_issuer))
                    } else {
                        String::new()
                    };
                    let conflict = if series.conflicts.contains(&notice.sequence) {
                        "  ✘ two different notices carry this number"
                    } else {
                        ""
                    };
                    let late = series
                        .rollbacks
                        .iter()
                        .find(|rollback| rollback.id == notice.id)
                        .map(|rollback| {
                            format!(
                                "  ⚠ arrived after 第{}報 (an older notice sent again?)",
                                rollback.after
                            )
                        })
                        .unwrap_or_default();
                    (
                        notice.sequence,
                        format!(
                            "    {} 第{}報  {}  {}  bundle {}  issued {}{claimed}{conflict}{late}\n",
                            if notice.read { " " } else { "●" },
                            notice.sequence,
                            notice.short_id(),
                            notice.status.word(),
                            one_line(&notice.bundle_id),
                            one_line(&notice.issued_at),
                        ),
                    )
                })
                .collect();
            for gap in &series.missing {
                let text = if gap.start() == gap.end() {
                    format!("      第{}報  missing (not in your library)\n", gap.start())
                } else {
                    format!(
                        "      第{}報–第{}報  missing (not in your library)\n",
                        gap.start(),
                        gap.end()
                    )
                };
                lines.push((*gap.start(), text));
            }
            // Reports and gaps by number; a stable sort keeps reports of one number in order.
            lines.sort_by_key(|(sequence, _)| *sequence);
            for (_, line) in lines {
                out += &line;
            }
        }
    }
    out += &format!(
        "{} unread (●). `kairan library show ID` shows a notice.\n",
        listing.unread()
    );
    out
}

fn notice_json(notice: &Notice) -> serde_json::Value {
    json!({
        "id": notice.id,
        "signer": notice.signer,
        "claimed_issuer": notice.claimed_issuer,
        "key_id": notice.key_id,
        "series": notice.series_id,
        "sequence": notice.sequence,
        "bundle_id": notice.bundle_id,
        "issued_at": notice.issued_at,
        "received_at": notice.received_at.to_string(),
        "status": notice.status.word(),
        "read": notice.read,
    })
}

fn listing_json(listing: &Listing) -> serde_json::Value {
    json!({
        "unread": listing.unread(),
        "issuers": listing.issuers.iter().map(|issuer| json!({
            "name": issuer.name,
            "key_ids": issuer.key_ids,
            "series": issuer.series.iter().map(|series| json!({
                "series": series.series_id,
                "reports": series.reports.iter().map(notice_json).collect::<Vec<_>>(),
                "missing": series.missing.iter().map(|gap| [*gap.start(), *gap.end()]).collect::<Vec<_>>(),
                "conflicts": series.conflicts,
                "rollbacks": series.rollbacks.iter().map(|rollback| json!({
                    "id": rollback.id,
                    "sequence": rollback.sequence,
                    "after": rollback.after,
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

fn hit_json(hit: &SearchHit) -> serde_json::Value {
    json!({
        "notice": notice_json(&hit.notice),
        "document": hit.document_path,
        "title": hit.document_title,
        "excerpt": hit.excerpt,
        "matches": hit.matches,
    })
}

fn search_text(query: &str, hits: &[SearchHit]) -> String {
    let mut out = String::new();
    for hit in hits {
        out += &format!(
            "{}  第{}報 {}  bundle {}  「{}」 ({} matches)\n    {}\n",
            hit.notice.short_id(),
            hit.notice.sequence,
            one_line(&hit.notice.series_id),
            one_line(&hit.notice.bundle_id),
            one_line(&hit.document_title),
            hit.matches,
            one_line(&hit.excerpt)
        );
    }
    out += &format!(
        "{} documents hold \"{}\".\n",
        hits.len(),
        one_line(query.trim())
    );
    out
}

fn show_text(notice: &Notice, documents: &[StoredDocument], file: &std::path::Path) -> String {
    let signer = match &notice.signer {
        Some(name) => one_line(name).into_owned(),
        None => format!("(a key you have not named: {})", notice.key_id),
    };
    let mut out = format!(
        "id           {}\nstatus       {} (when last opened)\nsigner       {signer}\nkey id       {}\nclaims       \"{}\" (unverified)\nseries       {} 第{}報\nbundle       {}\nissued       {}\nreceived     {}\nfile         {}\n",
        notice.id,
        notice.status.word(),
        notice.key_id,
        one_line(&notice.claimed_issuer),
        one_line(&notice.series_id),
        notice.sequence,
        one_line(&notice.bundle_id),
        one_line(&notice.issued_at),
        notice.received_at,
        one_line(&file.display().to_string()),
    );
    for document in documents {
        out += &format!(
            "\n== {} ({})\n",
            one_line(&document.title),
            one_line(&document.path)
        );
        for line in document.text.lines() {
            out += &format!("{}\n", one_line(line));
        }
    }
    out += &format!(
        "\nTo check it again against your keys now: kairan verify {}\n",
        one_line(&file.display().to_string())
    );
    out
}
