//! `kairan trust …` and `kairan settings …`, and the trust part of `verify` and `inspect`:
//! loading the reader's store, history and settings, recording what was opened, and wording
//! the trust verdict and warnings. A thin front end over [`crate::trust`].
//!
//! The trust part of `verify` and `inspect` (the files loaded for one run, the assessment, the
//! wording of its headline and warnings) is in `verdict`; this file runs the subcommands.

mod verdict;

pub(super) use verdict::{
    TrustContext, revoked_headline, warning_kind, warning_line, warning_lines,
};

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use clap::Subcommand;
use serde_json::json;
use unicode_normalization::UnicodeNormalization as _;

use crate::bundle::{self, PublicKey, SecretKey, Verdict};
use crate::escape::one_line;
use crate::trust::rollover::{
    ROLLOVER_MEDIA_TYPE, ROLLOVER_PATH, ROLLOVER_SIGNATURE_MEDIA_TYPE, ROLLOVER_SIGNATURE_PATH,
};
use crate::trust::{
    self, ConfigDir, HowAdded, KeyRecord, KeyStatus, OldKeyFate, RolloverStatement, SeriesHistory,
    Settings, TrustStore, TrustVerdict, Warning,
};

/// `kairan trust …`: the keys you trust.
#[derive(Debug, Subcommand)]
pub enum TrustCommand {
    /// Trust a signer's public key under a name you choose.
    ///
    /// Give a minisign public key file, or --paste to read the key from standard input, or
    /// --from-bundle with the fingerprint you confirmed with the issuer (by phone or letter).
    Add {
        /// The minisign public key file (`.pub`) to import.
        #[arg(required_unless_present_any = ["paste", "from_bundle"], conflicts_with_all = ["paste", "from_bundle"])]
        file: Option<PathBuf>,
        /// Read the key (its `RW…` line, or a whole `.pub` file) from standard input.
        #[arg(long, conflicts_with = "from_bundle")]
        paste: bool,
        /// Trust the key that signed this bundle (requires --fingerprint).
        #[arg(long, value_name = "BUNDLE", requires = "fingerprint")]
        from_bundle: Option<PathBuf>,
        /// The fingerprint you confirmed with the issuer; the key must have exactly this one.
        #[arg(long)]
        fingerprint: Option<String>,
        /// Your name for the key's owner (shown as the signer of everything it signs).
        #[arg(long)]
        name: String,
        /// A note to keep with the key (how you confirmed it, for instance).
        #[arg(long, default_value = "")]
        note: String,
    },
    /// List your trusted and revoked keys.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Forget a key (its signatures then show as an unknown signer; prefer `revoke`).
    Remove {
        /// The key: its name, key id or fingerprint.
        key: String,
    },
    /// Forget what was seen of a series (its numbers and versions), e.g. after a notice with a
    /// wrong number made every later one look old.
    ForgetSeries {
        /// The series id (as `kairan verify` prints it).
        series: String,
    },
    /// Revoke a key: its signatures then show as REVOKED, never as verified.
    Revoke {
        /// The key: its name, key id or fingerprint.
        key: String,
    },
    /// Give a key another name.
    Rename {
        /// The key: its name, key id or fingerprint.
        key: String,
        /// The new name.
        new_name: String,
    },
    /// Write a key as a minisign public key file (to standard output without --output).
    Export {
        /// The key: its name, key id or fingerprint.
        key: String,
        /// Where to write the `.pub` file.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Trust a new key of an issuer you trust, when they could not sign a rollover statement
    /// (their old key was lost or stolen): the new key takes the old key's name, and the old
    /// key is revoked (--revoke-old) or retired (--retire-old) in the same step.
    ///
    /// Confirm the new key's fingerprint with the issuer first, at a phone number you already
    /// know, and give it with --fingerprint.
    Replace {
        /// The trusted key to replace: its name, key id or fingerprint.
        old: String,
        /// The new key's minisign public key file (`.pub`).
        #[arg(
            required_unless_present = "from_bundle",
            conflicts_with = "from_bundle"
        )]
        file: Option<PathBuf>,
        /// Take the new key from the bundle it signed.
        #[arg(long, value_name = "BUNDLE")]
        from_bundle: Option<PathBuf>,
        /// The new key's fingerprint as the issuer read it to you.
        #[arg(long)]
        fingerprint: String,
        /// The old key may be in other hands: what it signed shows as REVOKED from now on.
        #[arg(
            long,
            required_unless_present = "retire_old",
            conflicts_with = "retire_old"
        )]
        revoke_old: bool,
        /// The old key is gone (lost, destroyed): it is removed from your keys, and what it
        /// signed shows as from an unknown signer.
        #[arg(long)]
        retire_old: bool,
        /// A note to keep with the new key (how you confirmed it, for instance).
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Trust the new key of a bundle under the name of the trusted key that introduced it.
    AcceptRollover {
        /// The bundle carrying the key rollover statement.
        file: PathBuf,
    },
    /// Sign a key rollover statement with the old secret key, into a notice folder.
    ///
    /// Writes key-rollover.json and key-rollover.json.minisig into DIR; list both in
    /// bundle.json (role key_rollover) and pack the folder with the new key.
    SignRollover {
        /// The old key's secret key file.
        #[arg(long)]
        old_key: PathBuf,
        /// The new key's public key file.
        #[arg(long)]
        new_key: PathBuf,
        /// From when the new key signs (RFC 3339, e.g. 2024-04-01T00:00:00+09:00).
        #[arg(long)]
        effective: String,
        /// The issuer's name to state (informational; readers keep their own name for the key).
        #[arg(long)]
        name: Option<String>,
        /// Read the old key's password from this file (first line) instead of asking.
        #[arg(long)]
        password_file: Option<PathBuf>,
        /// The notice folder to write into.
        #[arg(short, long)]
        output: PathBuf,
    },
}

/// `kairan settings …`: who you are.
#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Show your settings and where Kairan keeps its files.
    Show,
    /// Set your organisation; bundles addressed to another recipient are then flagged.
    /// Without NAME, clears it.
    Organisation {
        /// Your organisation's name, exactly as senders address it.
        name: Option<String>,
    },
}

/// Runs `kairan trust …`.
///
/// Fails if the store cannot be read or written, or the command's input is unusable.
pub fn run(command: TrustCommand) -> anyhow::Result<ExitCode> {
    let dir = ConfigDir::locate()?;
    let mut store = TrustStore::load(&dir.trust_store())?;
    match command {
        TrustCommand::Add {
            file,
            paste,
            from_bundle,
            fingerprint,
            name,
            note,
        } => {
            let (public_key, how) = match (file, paste, from_bundle) {
                (Some(file), _, _) => key_from_file(&file)?,
                (None, true, _) => {
                    let mut text = String::new();
                    std::io::stdin()
                        .read_to_string(&mut text)
                        .context("could not read the key from standard input")?;
                    let key = PublicKey::from_file_text(&text)
                        .context("the pasted text is not a minisign public key")?;
                    (key, HowAdded::Pasted)
                }
                (None, false, Some(bundle_path)) => key_from_bundle(&store, &bundle_path)?,
                (None, false, None) => bail!("give a key file, --paste or --from-bundle"),
            };
            if let Some(confirmed) = fingerprint {
                check_fingerprint(&public_key, &confirmed, "added")?;
            }
            let record = store.add(&name, public_key, how, &note)?;
            println!(
                "Trusted key {} as {:?}.",
                record.public_key.key_id, record.name
            );
            println!("  fingerprint: {}", record.fingerprint());
            println!("  added: {}", one_line(&record.how_added.to_string()));
            println!("  store: {}", store.path().display());
        }
        TrustCommand::List { json } => {
            let text = if json {
                list_json(&store)
            } else {
                list_text(&store)
            };
            std::io::stdout().lock().write_all(text.as_bytes())?;
        }
        TrustCommand::Remove { key } => {
            let key = store.find(&key)?.public_key;
            let record = store.remove(&key)?;
            println!(
                "Removed key {} ({:?}). Its signatures now show as an unknown signer; to have them flagged as REVOKED, add it again and revoke it.",
                record.public_key.key_id, record.name
            );
        }
        TrustCommand::ForgetSeries { series } => {
            let mut history = SeriesHistory::load(&dir.series_history())?;
            match history.forget_series(&series)? {
                0 => println!(
                    "Nothing to forget: no notice of series \"{}\" was recorded.",
                    one_line(&series)
                ),
                removed => println!(
                    "Forgot series \"{}\" ({removed} record(s)): its next notice is compared with nothing.",
                    one_line(&series)
                ),
            }
        }
        TrustCommand::Revoke { key } => {
            let key = store.find(&key)?.public_key;
            let record = store.revoke(&key)?;
            println!(
                "Revoked key {} (\"{}\"). Bundles it signs now show as REVOKED.",
                record.public_key.key_id,
                one_line(&record.name)
            );
            for introduced in store.introduced_by(&key) {
                println!(
                    "  It introduced key {} (\"{}\") by a rollover statement, which you still trust. If the old key was revoked because it was stolen, revoke that one too: kairan trust revoke {}",
                    introduced.public_key.key_id,
                    one_line(&introduced.name),
                    introduced.public_key.key_id
                );
            }
        }
        TrustCommand::Rename { key, new_name } => {
            let key = store.find(&key)?.public_key;
            let old_name = store.find(&key.key_id.to_string())?.name.clone();
            let record = store.rename(&key, &new_name)?;
            println!(
                "Renamed key {} from {old_name:?} to {:?}.",
                record.public_key.key_id, record.name
            );
        }
        TrustCommand::Export { key, output } => {
            let record = store.find(&key)?;
            let text = record.public_key.to_file_text();
            match output {
                None => std::io::stdout().lock().write_all(text.as_bytes())?,
                Some(path) => {
                    if path.exists() {
                        bail!(
                            "{} already exists; choose another file name",
                            path.display()
                        );
                    }
                    crate::fs::write_shared(&path, text.as_bytes())
                        .with_context(|| format!("could not write {}", path.display()))?;
                    println!(
                        "Wrote key {} ({:?}) to {}.",
                        record.public_key.key_id,
                        record.name,
                        one_line(&path.display().to_string())
                    );
                }
            }
        }
        TrustCommand::Replace {
            old,
            file,
            from_bundle,
            fingerprint,
            revoke_old,
            retire_old: _,
            note,
        } => {
            let old = store.find(&old)?.clone();
            if !old.is_trusted() {
                bail!(
                    "key {} (\"{}\") is already revoked, so its name is free: trust the new key with `kairan trust add` under that name (after confirming its fingerprint by phone)",
                    old.public_key.key_id,
                    one_line(&old.name)
                );
            }
            let (public_key, how) = match (file, from_bundle) {
                (_, Some(bundle_path)) => key_from_bundle(&store, &bundle_path)?,
                (Some(file), None) => key_from_file(&file)?,
                (None, None) => bail!("give the new key's file or --from-bundle"),
            };
            check_fingerprint(&public_key, &fingerprint, "changed")?;
            let fate = if revoke_old {
                OldKeyFate::Revoke
            } else {
                OldKeyFate::Retire
            };
            let record = store.replace_key(&old.public_key, public_key, how, &note, fate)?;
            println!(
                "Trusted key {} as \"{}\", in place of key {}.",
                record.public_key.key_id,
                one_line(&record.name),
                old.public_key.key_id
            );
            println!("  fingerprint: {}", record.fingerprint());
            println!(
                "  old key {}: {}",
                old.public_key.key_id,
                match fate {
                    OldKeyFate::Revoke => "revoked (what it signed now shows as REVOKED)",
                    OldKeyFate::Retire =>
                        "retired (removed from your keys; what it signed is no longer verified, and shows as an alarm where it claims this name)",
                }
            );
            println!("  store: {}", store.path().display());
        }
        TrustCommand::AcceptRollover { file } => accept_rollover(&dir, &mut store, &file)?,
        TrustCommand::SignRollover {
            old_key,
            new_key,
            effective,
            name,
            password_file,
            output,
        } => sign_rollover(
            &old_key,
            &new_key,
            &effective,
            name.as_deref(),
            password_file.as_deref(),
            &output,
        )?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `kairan settings …`.
///
/// Fails if the settings cannot be read or written.
pub fn run_settings(command: SettingsCommand) -> anyhow::Result<ExitCode> {
    let dir = ConfigDir::locate()?;
    let mut settings = Settings::load(&dir.settings())?;
    match command {
        SettingsCommand::Show => {
            println!(
                "organisation: {}",
                settings.organisation().unwrap_or("(not set)")
            );
            println!("configuration folder: {}", dir.path().display());
            println!("  trust store:    {}", dir.trust_store().display());
            println!("  series history: {}", dir.series_history().display());
            println!("  settings:       {}", dir.settings().display());
        }
        SettingsCommand::Organisation { name } => {
            settings.set_organisation(name.as_deref())?;
            match settings.organisation() {
                Some(name) => println!(
                    "Your organisation is now {name:?}; bundles addressed to anyone else will be flagged."
                ),
                None => println!("Your organisation is no longer set; recipients are not checked."),
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The key of a minisign public key file, and how it was added.
fn key_from_file(file: &Path) -> anyhow::Result<(PublicKey, HowAdded)> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("could not read the key file {}", file.display()))?;
    let key = PublicKey::from_file_text(&text)
        .with_context(|| format!("{} is not a minisign public key file", file.display()))?;
    let file = file.display().to_string();
    Ok((key, HowAdded::KeyFile { file }))
}

/// Refuses a key whose fingerprint is not the one the reader confirmed (spaces and case aside).
fn check_fingerprint(key: &PublicKey, confirmed: &str, what: &str) -> anyhow::Result<()> {
    // Spaces and case aside, and full-width digits and letters typed with a Japanese input
    // method read as their ASCII forms.
    let compact = |text: &str| {
        text.nfkc()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase()
    };
    if compact(confirmed) != compact(&key.fingerprint()) {
        bail!(
            "the fingerprint you gave does not match this key's; nothing was {what}. Ask the issuer, at a phone number you already know, to read their key's fingerprint to you, and give exactly that"
        );
    }
    Ok(())
}

fn key_from_bundle(store: &TrustStore, path: &Path) -> anyhow::Result<(PublicKey, HowAdded)> {
    let keys = trust::keys_for_opening(store, &[]);
    let opened = bundle::open_file(path, &keys)
        .with_context(|| format!("could not open {}", path.display()))?;
    match &opened.verdict {
        Verdict::UnknownSigner { key } => {
            if let Some(record) = store.record_for(key) {
                bail!(
                    "key {} is already in your trust store as {:?} ({})",
                    key.key_id,
                    record.name,
                    record.status.word()
                );
            }
            Ok((
                *key,
                HowAdded::FromBundle {
                    bundle_id: opened.manifest.bundle_id.clone(),
                },
            ))
        }
        Verdict::Verified { signer } if signer.public_key.is_demo() => bail!(
            "this bundle is signed with the public demo key, whose secret anyone has; it proves nothing about who made the bundle and can never be trusted"
        ),
        Verdict::Verified { signer } => bail!(
            "this bundle is already verified: its key {} is trusted as \"{}\"",
            signer.public_key.key_id,
            one_line(&signer.name)
        ),
        Verdict::Tampered { .. } | Verdict::BadSignature { .. } | Verdict::Unsigned => bail!(
            "this bundle does not verify (run `kairan verify` for details); its key cannot be trusted from it"
        ),
    }
}

fn accept_rollover(dir: &ConfigDir, store: &mut TrustStore, file: &Path) -> anyhow::Result<()> {
    let history = SeriesHistory::load(&dir.series_history())?;
    let settings = Settings::load(&dir.settings())?;
    let keys = trust::keys_for_opening(store, &[]);
    let opened = bundle::open_file(file, &keys)
        .with_context(|| format!("could not open {}", file.display()))?;
    let records = trust::Records {
        store: Some(store),
        history: Some(&history),
        settings: Some(&settings),
    };
    let assessment = trust::assess(
        &opened,
        records,
        trust::Origin::File,
        jiff::Timestamp::now(),
    );
    if assessment.status == trust::Status::Alarm {
        bail!(
            "this bundle raises an alarm (run `kairan verify` on it for details); its rollover statement cannot be accepted"
        );
    }
    let Some(offer) = assessment.rollover else {
        if let Some(Warning::RolloverNotAccepted { problem }) = assessment
            .warnings
            .iter()
            .find(|warning| matches!(warning, Warning::RolloverNotAccepted { .. }))
        {
            bail!("the key rollover statement cannot be accepted: {problem}; nothing was changed");
        }
        match &assessment.verdict {
            TrustVerdict::Bundle(Verdict::Verified { signer }) => bail!(
                "nothing to accept: the bundle's key {} is already trusted as {:?}",
                signer.public_key.key_id,
                signer.name
            ),
            TrustVerdict::Bundle(Verdict::UnknownSigner { .. }) => {
                bail!("nothing to accept: the bundle carries no key rollover statement")
            }
            _ => bail!(
                "nothing to accept: the bundle does not verify (run `kairan verify` for details)"
            ),
        }
    };
    let record = store.accept_rollover(&offer)?;
    println!(
        "Trusted key {} as {:?}: key {}, which you trust under that name, introduced it in a signed rollover statement (effective {}) in bundle {}.",
        record.public_key.key_id,
        record.name,
        offer.old.public_key.key_id,
        one_line(&offer.effective),
        one_line(&offer.bundle_id)
    );
    println!("  fingerprint: {}", record.fingerprint());
    println!(
        "  The old key {} stays trusted; revoke it with `kairan trust revoke {}` once it is retired.",
        offer.old.public_key.key_id, offer.old.public_key.key_id
    );
    Ok(())
}

fn sign_rollover(
    old_key: &Path,
    new_key: &Path,
    effective: &str,
    name: Option<&str>,
    password_file: Option<&Path>,
    output: &Path,
) -> anyhow::Result<()> {
    let new_text = std::fs::read_to_string(new_key)
        .with_context(|| format!("could not read the key file {}", new_key.display()))?;
    let new_public = PublicKey::from_file_text(&new_text)
        .with_context(|| format!("{} is not a minisign public key file", new_key.display()))?;
    let secret_text = std::fs::read_to_string(old_key)
        .with_context(|| format!("could not read the secret key {}", old_key.display()))?;
    let password = if SecretKey::is_encrypted(&secret_text)
        .with_context(|| format!("{}", old_key.display()))?
    {
        Some(super::read_password(
            password_file,
            "Password for the old secret key: ",
            false,
        )?)
    } else {
        None
    };
    let secret = SecretKey::from_file_text(&secret_text, password.as_deref())
        .with_context(|| format!("could not use the secret key {}", old_key.display()))?;
    let statement = RolloverStatement::new(secret.public_key(), new_public, effective, name)?;
    let signed = statement.sign(&secret)?;
    let statement_path = output.join(ROLLOVER_PATH);
    let signature_path = output.join(ROLLOVER_SIGNATURE_PATH);
    for (path, bytes) in [
        (&statement_path, signed.statement.as_slice()),
        (&signature_path, signed.signature.as_bytes()),
    ] {
        crate::fs::write_shared(path, bytes)
            .with_context(|| format!("could not write {}", path.display()))?;
    }
    println!(
        "Wrote {} and {} (key {} introduces key {} from {effective}).",
        statement_path.display(),
        signature_path.display(),
        statement.old_key.key_id,
        statement.new_key.key_id
    );
    println!("Add these entries to bundle.json, then pack the folder with the NEW key:");
    println!(
        "  {{ \"file\": \"{ROLLOVER_PATH}\", \"role\": \"key_rollover\", \"media_type\": \"{ROLLOVER_MEDIA_TYPE}\" }},"
    );
    println!(
        "  {{ \"file\": \"{ROLLOVER_SIGNATURE_PATH}\", \"role\": \"key_rollover\", \"media_type\": \"{ROLLOVER_SIGNATURE_MEDIA_TYPE}\" }}"
    );
    Ok(())
}

fn list_text(store: &TrustStore) -> String {
    let mut out = format!("Keys in {}:\n", store.path().display());
    if store.records().is_empty() {
        out += "  (none yet: add one with `kairan trust add --name NAME FILE.pub`)\n";
    }
    for record in store.records() {
        out += &match record.status {
            KeyStatus::Trusted => format!("  ✔ trusted  {}\n", one_line(&record.name)),
            KeyStatus::Revoked { at } => {
                format!("  ✘ REVOKED  {} (revoked {at})\n", one_line(&record.name))
            }
        };
        out += &format!(
            "      key id {}, fingerprint {}\n",
            record.public_key.key_id,
            record.fingerprint()
        );
        out += &format!(
            "      added {} ({})\n",
            record.added_at,
            one_line(&record.how_added.to_string())
        );
        if !record.note.is_empty() {
            out += &format!("      note: {}\n", one_line(&record.note));
        }
    }
    let demo = crate::sample::demo_trusted_key();
    out += &format!(
        "Built in: {} (key id {}); bundles it signs prove nothing about who made them.\n",
        demo.name, demo.public_key.key_id
    );
    out
}

fn record_json(record: &KeyRecord) -> serde_json::Value {
    json!({
        "name": record.name,
        "key_id": record.public_key.key_id.to_string(),
        "fingerprint": record.fingerprint(),
        "public_key": record.public_key.to_base64(),
        "status": record.status.word(),
        "revoked_at": match record.status {
            KeyStatus::Trusted => None,
            KeyStatus::Revoked { at } => Some(at.to_string()),
        },
        "added_at": record.added_at.to_string(),
        "how_added": record.how_added.to_string(),
        "note": record.note,
    })
}

fn list_json(store: &TrustStore) -> String {
    let report = json!({
        "store": store.path().display().to_string(),
        "keys": store.records().iter().map(record_json).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    crate::escape::json(&text).into_owned()
}
