//! The PDF's own words in each language: labels of the verdict strip, the footer, the notes and
//! the circulation slip. Values from the bundle never pass through here; they are filled into
//! these templates only as data (see `pdf::content`).

use crate::bundle::Role;
use crate::document::{OmissionKind, WithheldBy};
use crate::language::Language;
use crate::trust::Status;

/// The PDF's labels in one language.
#[derive(Debug)]
pub struct PaperWords {
    /// The language code Typst gets for the PDF's own words.
    pub code: &'static str,
    /// Before the name the reader gave the signing key.
    pub signer: &'static str,
    /// After that name: it is the reader's own name for the key.
    pub signer_named_by_reader: &'static str,
    /// When no trusted signer can be named.
    pub signer_unknown: &'static str,
    /// The public demo key, which proves nothing.
    pub signer_demo: &'static str,
    /// Before the name the bundle claims for its issuer.
    pub claimed_issuer: &'static str,
    /// After the claimed name: it is only a claim.
    pub claimed_issuer_unchecked: &'static str,
    /// Before a key the reader revoked.
    pub signer_revoked: &'static str,
    /// Nothing was signed (an authoring preview).
    pub signer_none: &'static str,
    /// Before the key's fingerprint.
    pub fingerprint: &'static str,
    /// When no key can be named.
    pub fingerprint_none: &'static str,
    /// Before the bundle id.
    pub bundle_id: &'static str,
    /// Before the series id.
    pub series: &'static str,
    /// The place in the series, `{n}` the sequence number.
    pub sequence: &'static str,
    /// Before the SHA-256 of the bundle file.
    pub file_sha256: &'static str,
    /// Who established the verdict, and when; `{time}` is the local time.
    pub checked_by: &'static str,
    /// A printout is a copy nobody can check.
    pub copy_note: &'static str,
    /// Page numbering, `{page}` of `{total}`.
    pub page: &'static str,
    /// Before the next step.
    pub next: &'static str,
    /// The documents were left out because the bundle is not intact.
    pub contents_withheld: &'static str,
    /// The documents are printed although the bundle is not intact.
    pub shown_anyway: &'static str,
    /// On the document whose entry was altered.
    pub altered_document: &'static str,
    /// Forwarded copy: where the original was published.
    pub source_url: &'static str,
    /// Forwarded copy: when it was retrieved.
    pub source_retrieved: &'static str,
    /// Forwarded copy: who published the original.
    pub source_publisher: &'static str,
    /// A field the copy does not state.
    pub not_stated: &'static str,
    /// A field taken from a letter that is not printed.
    pub not_printed: &'static str,
    /// The slip's sender when no trusted signer can be named.
    pub sender_not_established: &'static str,
    /// Between two statements on one line of the strip.
    pub gap: &'static str,
    /// Before the title of letters printed only because the reader chose "Show anyway".
    pub unverified_title: &'static str,
    /// A masked field's note begins with this.
    pub mask_note: &'static str,
    /// An omitted section's note.
    pub omission_note: &'static str,
    /// Before the kind of text a mask hides.
    pub what: &'static str,
    /// Before the reason.
    pub reason: &'static str,
    /// Before who masked it.
    pub by: &'static str,
    /// Before who omitted it.
    pub omitted_by: &'static str,
    /// A link's note, before its target.
    pub link_to: &'static str,
    /// A link within the bundle: `{document}` and `{heading}`.
    pub link_in_bundle: &'static str,
    /// A link to a whole document of the bundle: `{document}`.
    pub link_to_document: &'static str,
    /// A link that goes nowhere in the bundle.
    pub link_missing: &'static str,
    /// The circulation slip's title.
    pub slip_title: &'static str,
    /// Slip: the notice's title.
    pub slip_subject: &'static str,
    /// Slip: the sender as the reader named the key.
    pub slip_sender: &'static str,
    /// Slip: the date received.
    pub slip_received: &'static str,
    /// Slip: the date the notice bears.
    pub slip_issued: &'static str,
    /// Slip: the date by which it goes back.
    pub slip_deadline: &'static str,
    /// Slip: where it goes back to.
    pub slip_return_to: &'static str,
    /// Slip: what Kairan established.
    pub slip_verdict: &'static str,
    /// Slip table: the column of recipients.
    pub slip_recipient: &'static str,
    /// Slip table: the seal column.
    pub slip_seal: &'static str,
    /// Slip table: the date column.
    pub slip_date: &'static str,
    /// Slip table: the remarks column.
    pub slip_remarks: &'static str,
    /// Slip: how to use it.
    pub slip_instructions: &'static str,
}

const JAPANESE: PaperWords = PaperWords {
    code: "ja",
    signer: "署名者：",
    signer_named_by_reader: "（このコンピューターで信頼する鍵に付けた名前）",
    signer_unknown: "署名者：確認できません",
    signer_demo: "署名：公開デモ鍵（だれでも使える鍵のため、差出人は証明されません）",
    claimed_issuer: "ファイルが名乗る差出人：",
    claimed_issuer_unchecked: "（未確認の自称）",
    signer_revoked: "署名者：失効させた鍵 ",
    signer_none: "署名：なし（作成中のプレビュー）",
    fingerprint: "署名鍵の指紋：",
    fingerprint_none: "署名鍵の指紋：確認できません",
    bundle_id: "ファイルID：",
    series: "系列：",
    sequence: "第{n}報",
    file_sha256: "ファイルのSHA-256：",
    checked_by: "この記載は、このコンピューターの Kairan が {time} に確認した結果です。",
    copy_note: "印刷物・PDFは写しです。写しが書き換えられていないことは、だれにも確かめられません。確かめるには、元の .kairan ファイルを Kairan で開いてください。",
    page: "{page} / {total} ページ",
    next: "次にすること：",
    contents_withheld: "この確認結果のため、本文は出力していません（Kairan で「それでも表示」を選ぶと出力できます）。",
    shown_anyway: "検証できなかったファイルを、利用者の指示で「それでも表示」したものです。内容を信用しないでください。",
    altered_document: "この文書は、署名された後に書き換えられています。",
    source_url: "転載元：",
    source_retrieved: "取得日：",
    source_publisher: "発行元：",
    not_stated: "記載なし",
    not_printed: "（確認結果のため記載しません）",
    sender_not_established: "確認できません（下の「署名の確認」のとおり）",
    gap: "　",
    unverified_title: "【未検証の写し】",
    mask_note: "伏せ字",
    omission_note: "省略",
    what: "伏せた内容：",
    reason: "理由：",
    by: "伏せた人：",
    omitted_by: "省略した人：",
    link_to: "リンク先：",
    link_in_bundle: "このファイル内の{document}の{heading}",
    link_to_document: "このファイル内の{document}",
    link_missing: "このファイルにない文書（リンク切れ）",
    slip_title: "回覧票",
    slip_subject: "件名",
    slip_sender: "差出人",
    slip_received: "受領日",
    slip_issued: "発信日",
    slip_deadline: "回覧期限",
    slip_return_to: "戻り先",
    slip_verdict: "署名の確認",
    slip_recipient: "回覧先",
    slip_seal: "確認印",
    slip_date: "確認日",
    slip_remarks: "備考",
    slip_instructions: "読み終えたら確認印を押し、次の方へ回してください。最後の方は戻り先へ返してください。",
};

const ENGLISH: PaperWords = PaperWords {
    code: "en",
    signer: "Signed by: ",
    signer_named_by_reader: " (your name for a key this computer trusts)",
    signer_unknown: "Signed by: cannot be established",
    signer_demo: "Signed with the public demo key (anyone can use it: the sender is not proven)",
    claimed_issuer: "The file claims to come from: ",
    claimed_issuer_unchecked: " (an unchecked claim)",
    signer_revoked: "Signed by a key you revoked: ",
    signer_none: "Not signed (a preview of work in progress)",
    fingerprint: "Signing key fingerprint: ",
    fingerprint_none: "Signing key fingerprint: cannot be established",
    bundle_id: "File id: ",
    series: "Series: ",
    sequence: "report no. {n}",
    file_sha256: "SHA-256 of the file: ",
    checked_by: "Checked by Kairan on this computer on {time}.",
    copy_note: "A printout or PDF is a copy: nobody can check that the copy itself was not altered. To check, open the original .kairan file in Kairan.",
    page: "Page {page} of {total}",
    next: "What to do: ",
    contents_withheld: "Because of this verdict the letters are not included (choose \"Show anyway\" in Kairan to include them).",
    shown_anyway: "This file could not be verified; it is printed only because you chose \"Show anyway\". Do not rely on it.",
    altered_document: "This document was changed after it was signed.",
    source_url: "Copied from: ",
    source_retrieved: "Retrieved: ",
    source_publisher: "Published by: ",
    not_stated: "not stated",
    not_printed: "(not shown because of the verdict)",
    sender_not_established: "cannot be established (see Signature below)",
    gap: ". ",
    unverified_title: "[UNVERIFIED COPY] ",
    mask_note: "Masked field.",
    omission_note: "Omitted",
    what: "What: ",
    reason: "Reason: ",
    by: "Masked by: ",
    omitted_by: "Omitted by: ",
    link_to: "Link to: ",
    link_in_bundle: "{heading} in {document} (in this file)",
    link_to_document: "{document} (in this file)",
    link_missing: "a document this file does not have (broken link)",
    slip_title: "Circulation slip",
    slip_subject: "Subject",
    slip_sender: "Sender",
    slip_received: "Received",
    slip_issued: "Dated",
    slip_deadline: "Return by",
    slip_return_to: "Return to",
    slip_verdict: "Signature",
    slip_recipient: "Pass to",
    slip_seal: "Seen",
    slip_date: "Date",
    slip_remarks: "Remarks",
    slip_instructions: "Initial when read and pass it on; the last reader returns it.",
};

impl PaperWords {
    /// The labels in `language`.
    pub fn of(language: Language) -> &'static PaperWords {
        match language {
            Language::Japanese => &JAPANESE,
            Language::English => &ENGLISH,
        }
    }
}

/// The short words printed large on every page of a notice that is not verified; `None` for a
/// verified one.
pub fn large_words(status: Status, language: Language) -> Option<&'static str> {
    let (ja, en) = match status {
        Status::Verified | Status::VerifiedWithCaution => return None,
        Status::Sample => ("見本・デモ鍵", "SAMPLE — DEMO KEY"),
        Status::DemoKey => ("デモ鍵・未検証", "DEMO KEY — NOT VERIFIED"),
        Status::UnknownSigner => ("未検証", "NOT VERIFIED"),
        Status::Alarm => (
            "警告・なりすまし／差し替えの疑い",
            "ALARM — IMPERSONATION OR REPLACEMENT?",
        ),
        Status::Revoked => ("失効した鍵", "REVOKED KEY"),
        Status::Tampered => ("改ざんあり", "TAMPERED"),
        Status::Invalid => ("署名無効", "INVALID SIGNATURE"),
        Status::Unreadable => ("読み取れないファイル", "UNREADABLE FILE"),
        Status::Preview => ("未署名・プレビュー", "PREVIEW — NOT SIGNED"),
    };
    Some(match language {
        Language::Japanese => ja,
        Language::English => en,
    })
}

/// A role's name as a document heading.
pub fn role_name(role: Role, language: Language) -> &'static str {
    match (role, language) {
        (Role::FirmNotice, Language::Japanese) => "事務所のお知らせ",
        (Role::VendorNotice, Language::Japanese) => "ベンダーのお知らせ",
        (Role::Report, Language::Japanese) => "報告書",
        (Role::Attachment | Role::KeyRollover, Language::Japanese) => "添付ファイル",
        (Role::FirmNotice, Language::English) => "Firm notice",
        (Role::VendorNotice, Language::English) => "Vendor notice",
        (Role::Report, Language::English) => "Report",
        (Role::Attachment | Role::KeyRollover, Language::English) => "Attachment",
    }
}

/// Who withheld something, in `language`.
pub fn withheld_by(by: WithheldBy, language: Language) -> &'static str {
    match (by, language) {
        (WithheldBy::Author, Language::Japanese) => "原文の作成者",
        (WithheldBy::Forwarder, Language::Japanese) => "転送した事務所",
        (WithheldBy::NotStated, Language::Japanese) => "記載なし",
        (WithheldBy::Author, Language::English) => "the original author",
        (WithheldBy::Forwarder, Language::English) => "the forwarding firm",
        (WithheldBy::NotStated, Language::English) => "not stated",
    }
}

/// What kind of omission, in `language`.
pub fn omission_kind(kind: OmissionKind, language: Language) -> &'static str {
    match (kind, language) {
        (OmissionKind::Section, Language::Japanese) => "この節は省略されています。",
        (OmissionKind::Middle, Language::Japanese) => {
            "この節の一部が省略されています（前後の文は続いています）。"
        }
        (OmissionKind::Rest, Language::Japanese) => "ここから後は省略されています。",
        (OmissionKind::Unspecified, Language::Japanese) => "省略があります（範囲の記載なし）。",
        (OmissionKind::Section, Language::English) => "This section was left out.",
        (OmissionKind::Middle, Language::English) => {
            "Part of this section was left out; the text continues after it."
        }
        (OmissionKind::Rest, Language::English) => "Everything after this point was left out.",
        (OmissionKind::Unspecified, Language::English) => {
            "Something was left out here (extent not stated)."
        }
    }
}

/// The status's one-character mark, printed before its words so that it reads without colour.
pub fn status_mark(status: Status) -> &'static str {
    match status {
        Status::Verified => "✓",
        Status::Sample => "ⓘ",
        Status::VerifiedWithCaution | Status::DemoKey | Status::UnknownSigner | Status::Preview => {
            "△"
        }
        Status::Alarm
        | Status::Revoked
        | Status::Tampered
        | Status::Invalid
        | Status::Unreadable => "×",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_but_a_verified_one_has_large_words_in_both_languages() {
        for status in Status::ALL {
            for language in [Language::Japanese, Language::English] {
                assert_eq!(
                    large_words(status, language).is_none(),
                    status.verified(),
                    "{status:?}"
                );
            }
        }
    }

    #[test]
    fn only_a_verified_status_has_the_tick() {
        for status in Status::ALL {
            assert_eq!(
                status_mark(status) == "✓",
                status == Status::Verified,
                "{status:?}"
            );
        }
    }
}
