//! The one answer to "can I rely on this notice?": a [`Status`] that the library decides once
//! per opened bundle and every front end only renders — CLI text, `--json`, the exit code, the
//! viewer's banner. Nothing outside this module maps verdicts and warnings to a headline.
//!
//! `docs/trust.md` has the table status → words (ja, en) → icon → exit code → next action.

use crate::bundle::{BundleError, FailureKind};
use crate::language::Language;

/// How the reader came to have the bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The sample embedded in the program, opened as the sample (no arguments, `--sample`).
    BuiltInSample,
    /// A file (even a copy of the sample: its bytes came from outside the program).
    File,
}

/// The headline for a bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Signed by a key the reader trusts, every entry intact, nothing to warn about.
    Verified,
    /// As [`Status::Verified`], with cautions to read (older notice, expired, addressed to
    /// someone else, issued in the future, a rollover that cannot be accepted).
    VerifiedWithCaution,
    /// The built-in sample, signed with the public demo key: shows how Kairan works, proves
    /// nothing about who wrote it.
    Sample,
    /// A file signed with the public demo key, whose secret key anyone can have: proves
    /// nothing about who made it.
    DemoKey,
    /// Intact and validly signed by a key the reader does not trust (yet).
    UnknownSigner,
    /// Intact and validly signed, but something suggests deception: a different notice under
    /// the same number as one already opened, or a name that belongs to another of the reader's
    /// keys.
    Alarm,
    /// Signed by a key the reader revoked.
    Revoked,
    /// An entry is not what was signed.
    Tampered,
    /// The signature does not verify, or the file breaks the format.
    Invalid,
    /// The file could not be read at all.
    Unreadable,
    /// An authoring preview: compiled from a notice folder, nothing signed.
    Preview,
}

/// What the reader should do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NextAction {
    /// Read it: it is what the trusted signer sent.
    Rely,
    /// Read the cautions before relying on it.
    ReadCautions,
    /// Nothing: it is the sample, for trying Kairan.
    TryTheSample,
    /// Ask the sender for a copy signed with their own key.
    AskForProperlySignedCopy,
    /// Confirm the key's fingerprint with the issuer by phone or letter before trusting it.
    ConfirmFingerprint,
    /// Do not rely on it until the issuer, reached by a known phone number, confirms it.
    ConfirmWithIssuer,
    /// Do not rely on it; ask the sender for a new copy.
    AskForNewCopy,
    /// Check that the file is complete (download it again).
    CheckTheFile,
    /// Finish the notice and sign it.
    FinishAndSign,
}

/// Exit statuses of `kairan verify` and `kairan inspect`.
pub mod exit {
    /// Verified by a trusted key (or the built-in sample opened as the sample).
    pub const VERIFIED: u8 = 0;
    /// Valid signature by a key the reader does not trust, or by the public demo key.
    pub const UNKNOWN_SIGNER: u8 = 3;
    /// Invalid signature, tampered entry, a file that breaks the format, a key the reader
    /// revoked, or an alarm.
    pub const INVALID: u8 = 4;
    /// The file could not be read at all.
    pub const UNREADABLE: u8 = 5;
    /// Verified, with a caution.
    pub const VERIFIED_WITH_CAUTION: u8 = 6;
}

impl Status {
    /// The status of a file that could not be opened.
    pub fn of_error(error: &BundleError) -> Status {
        match error.kind() {
            FailureKind::Unreadable => Status::Unreadable,
            FailureKind::Invalid => Status::Invalid,
        }
    }

    /// The word scripts see (`--json`'s `status`).
    pub fn word(self) -> &'static str {
        match self {
            Status::Verified => "verified",
            Status::VerifiedWithCaution => "verified_with_caution",
            Status::Sample => "sample",
            Status::DemoKey => "demo_key",
            Status::UnknownSigner => "unknown_signer",
            Status::Alarm => "alarm",
            Status::Revoked => "revoked",
            Status::Tampered => "tampered",
            Status::Invalid => "invalid",
            Status::Unreadable => "unreadable",
            Status::Preview => "preview",
        }
    }

    /// The status whose [`Status::word`] is `word`.
    pub fn from_word(word: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|status| status.word() == word)
    }

    /// The process exit status: 0 only for a bundle the reader can rely on.
    pub fn exit_code(self) -> u8 {
        match self {
            Status::Verified | Status::Sample => exit::VERIFIED,
            Status::VerifiedWithCaution => exit::VERIFIED_WITH_CAUTION,
            Status::UnknownSigner | Status::DemoKey => exit::UNKNOWN_SIGNER,
            Status::Alarm
            | Status::Revoked
            | Status::Tampered
            | Status::Invalid
            | Status::Preview => exit::INVALID,
            Status::Unreadable => exit::UNREADABLE,
        }
    }

    /// Whether a front end may say "verified": a trusted signer and every entry intact.
    pub fn verified(self) -> bool {
        matches!(self, Status::Verified | Status::VerifiedWithCaution)
    }

    /// Whether the documents are shown straight away. Otherwise they stay behind an explicit
    /// "Show anyway", under a warning.
    pub fn shows_contents(self) -> bool {
        matches!(
            self,
            Status::Verified
                | Status::VerifiedWithCaution
                | Status::Sample
                | Status::DemoKey
                | Status::UnknownSigner
                | Status::Preview
        )
    }

    /// What the reader should do next.
    pub fn next_action(self) -> NextAction {
        match self {
            Status::Verified => NextAction::Rely,
            Status::VerifiedWithCaution => NextAction::ReadCautions,
            Status::Sample => NextAction::TryTheSample,
            Status::DemoKey => NextAction::AskForProperlySignedCopy,
            Status::UnknownSigner => NextAction::ConfirmFingerprint,
            Status::Alarm => NextAction::ConfirmWithIssuer,
            Status::Revoked | Status::Tampered | Status::Invalid => NextAction::AskForNewCopy,
            Status::Unreadable => NextAction::CheckTheFile,
            Status::Preview => NextAction::FinishAndSign,
        }
    }

    /// Every status, for tests and documentation tables.
    pub const ALL: [Status; 11] = [
        Status::Verified,
        Status::VerifiedWithCaution,
        Status::Sample,
        Status::DemoKey,
        Status::UnknownSigner,
        Status::Alarm,
        Status::Revoked,
        Status::Tampered,
        Status::Invalid,
        Status::Unreadable,
        Status::Preview,
    ];
}

impl Status {
    /// The headline in `language` (the words of `docs/trust.md`'s table), as the viewer's
    /// banner, the CLI and the PDF show it.
    pub fn headline(self, language: Language) -> &'static str {
        match language {
            Language::Japanese => match self {
                Status::Verified => "検証済み",
                Status::VerifiedWithCaution => "検証済み（注意事項があります）",
                Status::Sample => "組み込みサンプル（公開デモ鍵で署名）",
                Status::DemoKey => "公開デモ鍵で署名されています — 差出人は証明されません",
                Status::UnknownSigner => "署名は有効ですが、差出人を確認できません",
                Status::Alarm => "警告：なりすまし・差し替えの疑いがあります",
                Status::Revoked => "失効させた鍵の署名です",
                Status::Tampered => "改ざんを検出しました",
                Status::Invalid => "署名が無効です",
                Status::Unreadable => "ファイルを読み取れません",
                Status::Preview => "プレビュー — 未署名",
            },
            Language::English => match self {
                Status::Verified => "Verified",
                Status::VerifiedWithCaution => "Verified, with cautions",
                Status::Sample => "Built-in sample (signed with the public demo key)",
                Status::DemoKey => "Signed with the public demo key — this proves nothing",
                Status::UnknownSigner => "Valid signature, but the signer is unknown",
                Status::Alarm => "ALARM: possible impersonation or replacement",
                Status::Revoked => "Signed by a key you revoked",
                Status::Tampered => "Tampered",
                Status::Invalid => "Invalid signature",
                Status::Unreadable => "The file cannot be read",
                Status::Preview => "Preview — not signed",
            },
        }
    }
}

impl NextAction {
    /// What the reader should do next, in `language`.
    pub fn words(self, language: Language) -> &'static str {
        match language {
            Language::Japanese => match self {
                NextAction::Rely => "このお知らせは、信頼する差出人が送ったとおりの内容です。",
                NextAction::ReadCautions => "内容を信用する前に、注意事項を読んでください。",
                NextAction::TryTheSample => "Kairan を試すための見本です。",
                NextAction::AskForProperlySignedCopy => {
                    "差出人自身の鍵で署名したファイルを送ってもらってください。"
                }
                NextAction::ConfirmFingerprint => {
                    "信頼する前に、鍵の指紋を差出人に電話か郵送の書面で確認してください。"
                }
                NextAction::ConfirmWithIssuer => {
                    "すでに知っている電話番号で差出人に確認するまで、信用しないでください。"
                }
                NextAction::AskForNewCopy => "信用せず、差出人に送り直しを依頼してください。",
                NextAction::CheckTheFile => {
                    "ファイルがそろっているか確認し、もう一度ダウンロードしてください。"
                }
                NextAction::FinishAndSign => "原稿を仕上げて署名してください。",
            },
            Language::English => match self {
                NextAction::Rely => "It is what the signer you trust sent.",
                NextAction::ReadCautions => "Read the cautions before relying on it.",
                NextAction::TryTheSample => "It is a sample for trying Kairan.",
                NextAction::AskForProperlySignedCopy => {
                    "Ask the sender for a copy signed with their own key."
                }
                NextAction::ConfirmFingerprint => {
                    "Confirm the key's fingerprint with the sender by phone or letter before trusting it."
                }
                NextAction::ConfirmWithIssuer => {
                    "Do not rely on it until the issuer, reached at a known phone number, confirms it."
                }
                NextAction::AskForNewCopy => "Do not rely on it; ask the sender for a new copy.",
                NextAction::CheckTheFile => "Check that the file is complete; download it again.",
                NextAction::FinishAndSign => "Finish the notice and sign it.",
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_trusted_signer_or_the_built_in_sample_exits_zero() {
        let zero: Vec<Status> = Status::ALL
            .into_iter()
            .filter(|status| status.exit_code() == 0)
            .collect();
        assert_eq!(zero, vec![Status::Verified, Status::Sample]);
        assert_eq!(Status::DemoKey.exit_code(), exit::UNKNOWN_SIGNER);
        assert_eq!(Status::Alarm.exit_code(), exit::INVALID);
    }

    #[test]
    fn only_verified_statuses_may_be_called_verified() {
        for status in Status::ALL {
            assert_eq!(
                status.verified(),
                matches!(status, Status::Verified | Status::VerifiedWithCaution),
                "{status:?}"
            );
        }
    }

    #[test]
    fn words_are_distinct() {
        let mut words: Vec<&str> = Status::ALL.iter().map(|status| status.word()).collect();
        words.sort_unstable();
        words.dedup();
        assert_eq!(words.len(), Status::ALL.len());
        for status in Status::ALL {
            assert_eq!(Status::from_word(status.word()), Some(status));
        }
    }
}
