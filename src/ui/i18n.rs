//! Every string the viewer shows, in Japanese and English, side by side in one table.
//!
//! Views never spell out text themselves: they take a [`Strings`] from the current
//! [`Language`] and fill placeholders with [`fill`]. Text that comes from a bundle (titles,
//! letter text, issuer claims) is shown as written and never passes through here.
//!
//! This is one file on purpose, however long the table grows: it is a single `strings!`
//! invocation that defines [`Strings`] and both languages from the same list, so a message
//! without its other language does not compile, and the two languages of each message stay on
//! one line where a reviewer reads them together.

pub use crate::language::{Language, fill};

impl Language {
    /// The strings of this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Language::Japanese => &JAPANESE,
            Language::English => &ENGLISH,
        }
    }
}

/// The names of the `{name}` placeholders in `text`, sorted, for the tests that both languages
/// keep the same ones.
#[cfg(test)]
pub(crate) fn placeholders(text: &str) -> Vec<String> {
    let mut names: Vec<String> = text
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
        .collect();
    names.sort();
    names
}

macro_rules! strings {
    ($($name:ident: $ja:literal, $en:literal;)*) => {
        /// The viewer's strings in one language; each field is named for the message it holds.
        #[allow(missing_docs)]
        pub struct Strings {
            /// The language these strings are in (for texts built by [`super::error_text`]).
            pub lang: Language,
            $(pub $name: &'static str,)*
        }
        impl Strings {
            /// Every string of the table with its name, in table order.
            pub fn all(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($name), self.$name),)*]
            }
        }
        const JAPANESE: Strings = Strings { lang: Language::Japanese, $($name: $ja,)* };
        const ENGLISH: Strings = Strings { lang: Language::English, $($name: $en,)* };
    };
}

strings! {
    app_name: "Kairan 回覧", "Kairan";
    // Menus
    menu_file: "ファイル", "File";
    menu_view: "表示", "View";
    menu_help: "ヘルプ", "Help";
    help_guide: "使い方", "Guide";
    help_about: "Kairan について", "About Kairan";
    help_window_title: "Kairan のヘルプ", "Kairan help";
    help_intro: "Kairan は、署名付きのお知らせファイル（.kairan）を開き、誰が署名したか、署名のあとで変えられていないかを確かめてから表示します。署名者の名前は、ファイルに書かれた名前ではなく、あなたが信頼した鍵に自分で付けた名前です。", "Kairan opens signed notice files (.kairan) and checks who signed them and that nothing changed since, before it shows them. The signer's name is the name you gave the key you trust, never a name written in the file.";
    help_verdicts: "上部の表示の意味と、するべきこと", "What the banner says, and what to do";
    help_good_title: "検証済み", "Verified";
    help_good_text: "あなたが信頼した鍵で署名され、署名のあとで何も変えられていません。そのまま読めます。", "Signed by a key you trust, and nothing changed since it was signed. Read it as it is.";
    help_info_title: "サンプル", "Sample";
    help_info_text: "Kairan に同梱された見本です。公開デモ鍵の署名は、誰が作ったかについて何も証明しません。", "The sample that ships with Kairan. The public demo key's signature proves nothing about who made a file.";
    help_caution_title: "注意（未確認の署名者・デモ鍵・注意事項つき）", "Caution (unknown signer, demo key, cautions)";
    help_caution_text: "署名は正しいものの、あなたが信頼していない鍵か公開デモ鍵の署名で、名乗っている差出人は確かめられていません。電話など別の方法で差出人に鍵の指紋を確かめてから「この鍵を信頼する」を使ってください。", "The signature is valid, but the key is not one you trust (or is the public demo key), so the claimed sender is unconfirmed. Check the key's fingerprint with the sender another way, such as by phone, before you use “Trust this key as…”.";
    help_danger_title: "危険（改ざん・署名が無効・失効・警告）", "Danger (altered, bad signature, revoked, alarm)";
    help_danger_text: "署名のあとで内容が変えられたか、署名が正しくないか、あなたが失効させた鍵の署名か、あなたの記録と食い違います。内容は「それでも表示する」まで表示されません。内容に基づいて行動せず、差出人に連絡してください。", "Something changed since signing, the signature is wrong, the key was revoked by you, or your records disagree. The contents stay hidden until “Show anyway”. Do not act on them; contact the sender.";
    help_marks: "文中の印", "Marks in the letters";
    help_mark_mask: "■■■■ の枠：伏せ字。元の文字はファイルにありません。クリック、Enter、F8 で、何を・なぜ・誰が伏せたかが下に表示されます。", "A framed ■■■■: a masked field. The hidden text is not in the file. Click it, press Enter or F8 to see below what was hidden, why and by whom.";
    help_mark_omission: "左に斜線のある枠：省略された節。省略した人と理由が書かれています。", "A block hatched on the left: an omitted section, with who left it out and why.";
    help_mark_link: "下線：リンク。ファイル内の文書へ移動します。外部のアドレスは開く前に確認します。", "Underlined: a link. It goes to a document in the file; an outside address is opened only after you confirm it.";
    help_mark_unread: "●：「受け取ったお知らせ」（Ctrl+L）で、まだ本文を表示していないお知らせ。", "●: in Received notices (Ctrl+L), a notice whose letters you have not opened yet.";
    help_keys: "キー操作", "Keys";
    help_key_escape: "検索バー、詳細、ダイアログを閉じる", "Close the search bar, the details or a dialog";
    help_key_tab: "リンク・伏せ字・省略・ボタンを順に選び、Enter で実行", "Move between links, masks, omissions and buttons; Enter activates";
    help_key_select: "本文の選択を広げる（段落をまたいで。Ctrl+Shift+Home / End で文書の先頭・末尾まで）。Ctrl+C でコピー", "Extend the text selection (across paragraphs; Ctrl+Shift+Home / End to the letter's start or end). Ctrl+C copies";
    about_version: "Kairan {version}", "Kairan {version}";
    about_what: "署名付きのお知らせファイルを読み、確かめ、作るためのアプリです。", "An app to read, check and make signed notice files.";
    about_license: "Kairan：MIT または Apache-2.0 ライセンス", "Kairan: MIT or Apache-2.0 licence";
    about_font: "同梱フォント BIZ UDゴシック：SIL Open Font License 1.1（Copyright 2022 The BIZ UDGothic Project Authors）", "Bundled font BIZ UDGothic: SIL Open Font License 1.1 (Copyright 2022 The BIZ UDGothic Project Authors)";
    about_crates: "直接使っているライブラリとライセンス", "Libraries used directly, and their licences";
    about_crates_note: "これらが使うライブラリも、それぞれのライセンスに従います（一覧はソースの Cargo.lock にあります）。", "The libraries these use are under their own licences (listed in the source's Cargo.lock).";
    open: "開く…", "Open…";
    open_by_path: "パスを入力して開く…", "Open by path…";
    recent: "最近使ったファイル", "Recent files";
    recent_none: "（まだありません）", "(none yet)";
    open_sample: "組み込みサンプルを開く", "Open the built-in sample";
    quit: "終了", "Quit";
    find: "検索…", "Find…";
    zoom_in: "拡大", "Zoom in";
    zoom_out: "縮小", "Zoom out";
    zoom_reset: "実際のサイズ", "Actual size";
    zoom_percent: "表示倍率：{percent}%", "Zoom: {percent}%";
    toggle_side_list: "一覧の表示／非表示", "Show or hide the list";
    side_list_button: "≡ 一覧", "≡ List";
    theme: "配色", "Theme";
    theme_system: "システムに合わせる", "Follow system";
    theme_light: "ライト", "Light";
    theme_dark: "ダーク", "Dark";
    language: "言語 / Language", "Language / 言語";
    switch_language_hint: "表示言語を切り替えます", "Switch the display language";
    // Trust banner
    banner_sample_title: "組み込みサンプル — 公開デモ鍵で署名", "Built-in sample — signed with the public demo key";
    banner_sample_detail: "Kairan に同梱された見本です。デモ鍵の秘密鍵は公開されているため、この署名は作成者について何も証明しません。", "This is the sample that ships with Kairan. The demo key's secret half is public, so this signature proves nothing about who made the file.";
    banner_demo_title: "公開デモ鍵で署名されています — 差出人は証明されません", "Signed with the public demo key — this proves nothing";
    banner_demo_detail: "デモ鍵は誰でも署名に使えます。このファイルは組み込みサンプルではありません。本物のお知らせとして扱わず、差出人に確認してください。", "Anyone can sign with the demo key, and this file is not the built-in sample. Do not treat it as a real notice; check with the sender.";
    banner_verified_title: "検証済み：{name}の署名", "Verified: signed by {name}";
    banner_verified_detail: "鍵ID {key_id}・発行日（署名者の記載）：{time}・署名後の改変はありません。差出人名は、あなたがこの鍵に登録した名前です。", "Key ID {key_id} · Issued (as the signer states): {time} · unchanged since signing. The name is the one you recorded for this key.";
    banner_unknown_title: "署名は有効ですが、差出人を確認できません", "Valid signature, but the signer is unknown";
    banner_unknown_claim: "ファイル内の自己申告（未確認）：「{claim}」", "The file claims to come from “{claim}” (unverified claim)";
    banner_unknown_fingerprint: "鍵の指紋：{fingerprint}", "Key fingerprint: {fingerprint}";
    banner_unknown_advice: "信頼する前に、この指紋が正しいか差出人の事務所に電話で（すでに知っている番号で）、または郵送の書面で確認してください。このファイルに書かれた連絡先は使わないでください。", "Before trusting it, confirm this fingerprint with the firm by phone (on a number you already have) or from a letter they sent you; do not use contact details from this file.";
    banner_tampered_title: "改ざんを検出：{entry}", "Tampered: {entry}";
    tampered_document: "{role}「{title}」", "{role} “{title}”";
    tampered_unread_document: "{role}（{path}）", "{role} ({path})";
    altered_document: "改ざんされた文書", "Altered document";
    altered_document_detail: "この文書は署名後に変更されています。内容を信用しないでください。", "This document was changed after signing. Do not rely on it.";
    copied_altered_header: "【改ざんされた文書】この文書は署名後に変更されています。内容を信用しないでください。", "[ALTERED DOCUMENT] This document was changed after signing. Do not rely on it.";
    copied_altered: "本文をコピーしました。改ざんされた文書であることを先頭に記しています。", "Text copied, headed by a note that the document was altered.";
    banner_tampered_advice: "署名後に内容が変更されています。内容を信用せず、差出人に送り直しを依頼してください。", "The contents were changed after signing. Do not rely on them; ask the sender for a fresh copy.";
    banner_alarm_title: "警告：なりすまし・差し替えの疑いがあります", "ALARM: possible impersonation or replacement";
    banner_alarm_advice: "署名は有効ですが、あなたの記録と食い違います（下記）。あらかじめ知っている電話番号で差出人に確認するまで、このお知らせを信用しないでください。", "The signature is valid, but it conflicts with your records (below). Do not rely on this notice until the issuer, reached at a phone number you already know, confirms it.";
    banner_alarm_signed_by: "署名者：{name}（あなたが信頼する鍵、鍵ID {key_id}）", "Signed by {name} (a key you trust; key ID {key_id})";
    banner_invalid_title: "署名が無効です", "Invalid signature";
    banner_invalid_advice: "誰が作成したファイルか確認できません。内容を信用せず、差出人に確認してください。", "There is no telling who made this file. Do not rely on it; check with the sender.";
    banner_file: "ファイル：{path}", "File: {path}";
    banner_kept_copy: "受け取ったお知らせ（この端末に保管した写し）から開きました", "Opened from your received notices (the copy kept on this computer)";
    banner_hidden: "内容は表示していません。", "The contents are not shown.";
    show_anyway: "それでも表示する", "Show anyway";
    hide_again: "内容を隠す", "Hide the contents";
    shown_anyway_warning: "検証に失敗した内容を表示しています。この内容に基づいて行動しないでください。", "Showing contents that failed verification. Do not act on them.";
    tamper_unlisted: "署名された一覧にないファイルが追加されています。", "A file not listed in the signed manifest was added.";
    tamper_missing: "署名された一覧にあるファイルが削除されています。", "A file listed in the signed manifest was removed.";
    tamper_size: "大きさが署名時と異なります（署名時{signed}バイト、現在{found}バイト）。", "Its size differs from what was signed ({signed} bytes signed, {found} bytes found).";
    tamper_hash: "内容が署名時と異なります（SHA-256 が一致しません）。", "Its contents differ from what was signed (SHA-256 mismatch).";
    tamper_damaged: "データが壊れています：{reason}", "Its bytes are damaged: {reason}";
    signature_other_key: "署名した鍵{found}は、ファイルが名乗る鍵{claimed}とも、信頼済みのどの鍵とも一致しません。", "It was made by key {found}, which is neither the key the file names ({claimed}) nor one you trust.";
    signature_no_key: "署名した鍵（鍵ID {found}）はあなたが信頼する鍵ではなく、ファイルには検証に使える鍵が書かれていません（署名後に改変されたか壊れています）。", "It was signed by key {found}, which you do not trust, and the file names no key to check it with (it was altered or broken after signing).";
    signature_names_another_key: "署名した鍵（鍵ID {signed_by}）と、ファイルが差出人の鍵として記載する鍵（鍵ID {named}）が一致しません。", "It was signed by key {signed_by}, but the file names key {named} as the issuer's key.";
    signature_manifest: "署名が目録（manifest.json）と一致しません。署名後に目録が変更または差し替えられています。", "The signature does not match the manifest: it was altered or swapped after signing.";
    signature_comment: "署名付きコメントの署名が無効です。", "The signature over the signed comment is invalid.";
    signature_comment_mismatch: "署名付きコメントが、この目録の内容と一致しません。", "The signed comment does not describe this manifest.";
    // Opening errors
    error_title: "開けませんでした：{file}", "Could not open {file}";
    error_unreadable_advice: "ファイルが存在し、読み取れるか確認してください。壊れている場合は、差出人に送り直しを依頼してください。", "Check that the file exists and can be read. If it is damaged, ask the sender to send it again.";
    error_invalid_advice: "Kairan 形式の規則に反するファイルです。信用せず、差出人に確認してください。", "This file breaks the rules of the Kairan format. Do not trust it; check with the sender.";
    error_detail: "詳細：{reason}", "Details: {reason}";
    error_kept: "前に表示していた内容はそのまま表示しています。", "What was shown before is still shown.";
    dismiss: "閉じる", "Dismiss";
    back_to_form: "戻って入力し直す", "Back to the form";
    // Open by path
    path_title: "パスを入力して開く", "Open by path";
    path_no_dialog: "ファイルが選ばれませんでした。ファイル選択画面が出なかった場合、このデスクトップにはファイル選択サービス（ポータル）がありません。パスを入力して開けます。", "No file was chosen. If no file dialog appeared, this desktop has no file-chooser service (portal); you can type the path instead.";
    path_label: "ファイルのパス", "File path";
    save_path_title: "添付ファイルの保存先", "Save the attachment to";
    save_path_no_dialog: "保存先が選ばれませんでした。ファイル選択画面が出なかった場合、このデスクトップにはファイル選択サービス（ポータル）がありません。保存先のパスを入力して保存できます（同じ名前のファイルがある場所には保存しません）。", "No place was chosen. If no file dialog appeared, this desktop has no file-chooser service (portal); you can type where to save it instead (an existing file is never replaced).";
    save_path_label: "保存先のパス", "Save to";
    open_button: "開く", "Open";
    cancel: "キャンセル", "Cancel";
    // External links
    external_title: "外部のアドレスを開きますか？", "Open an address outside this bundle?";
    external_detail: "ブラウザで次のアドレスを開きます。アドレス全体をよく確認してください。", "Your browser will open this address. Check all of it carefully:";
    media_type: "種類：{type}", "Type: {type}";
    demo_key_name: "Kairan の公開デモ鍵（見本用で、事務所の鍵ではありません）", "Kairan demo key (public sample key — not a firm's key)";
    link_goes_nowhere: "このリンク先はこのファイルにありません。", "This link goes nowhere: its target is not in this file.";
    link_disguised_host: "このアドレスは、別のサイトに見せかけた書き方です（英字に似た外国の文字、または「@」の前の名前）。開く前に差出人に確認してください。", "This address is written to look like another site's (letters that imitate Latin ones, or a name before \u{201c}@\u{201d}). Ask the sender before opening it.";
    link_text_other_address: "リンクの文字は{shown}を示していますが、実際のリンク先は違います。", "The link's text shows {shown}, but that is not where it goes.";
    link_not_opened: "このリンク先（{url}）は開きません。Kairan が開くのは https・http・mailto のアドレスだけです。", "Kairan does not open this address ({url}); it opens only https, http and mailto addresses.";
    open_in_browser: "ブラウザで開く", "Open in browser";
    external_host: "行き先のサイト：{host}", "Site: {host}";
    // Toolbar
    back: "← 戻る", "← Back";
    back_hint: "リンクをたどる前の文書に戻ります（Alt+←）", "Return to the document shown before the link (Alt+←)";
    previous_withheld: "◀ 前の伏せ字・省略", "◀ Previous withheld";
    next_withheld: "次の伏せ字・省略 ▶", "Next withheld ▶";
    previous_withheld_short: "◀ 前", "◀ Prev";
    next_withheld_short: "次 ▶", "Next ▶";
    withheld_hint: "伏せ字と省略を順に表示します（F8 / Shift+F8）", "Walk the masked fields and omitted sections (F8 / Shift+F8)";
    withheld_position: "{n} / {total}：{kind}（{document}）", "{n} of {total}: {kind} ({document})";
    kind_mask: "伏せ字", "masked field";
    kind_omission: "省略", "omitted section";
    bundle_counts: "このファイル：伏せ字{masks}件・省略{omissions}件", "This bundle: {masks} masked · {omissions} omitted";
    copy_text: "本文をコピー", "Copy text";
    banner_details: "詳しい説明", "Details";
    select_all: "本文をすべて選択", "Select all text";
    copy_hint: "伏せ字は記号（■■■■など）のままコピーされます", "Masked fields are copied as their marker (such as ■■■■) only";
    copied: "本文をコピーしました（伏せ字は記号のまま）。", "Text copied (masked fields as their markers).";
    // Search
    search_field: "検索語", "Search text";
    search_hint: "全角・半角を区別せずに全文書を検索（Ctrl+F）", "Search all documents, full-width and half-width alike (Ctrl+F)";
    search_previous: "◀ 前", "◀ Previous";
    search_next: "次 ▶", "Next ▶";
    search_position: "{n} / {total}件", "{n} of {total}";
    search_position_altered: "{n} / {total}件（改ざんされた文書の中）", "{n} of {total} (in the altered document)";
    search_none: "見つかりません", "No matches";
    search_close: "検索を閉じる", "Close search";
    // Side list
    documents: "文書", "Documents";
    role_firm: "事務所のお知らせ", "Firm notice";
    role_vendor: "ベンダーのお知らせ", "Vendor notice";
    role_report: "報告書", "Report";
    role_key_rollover: "鍵の切り替え声明", "Key rollover statement";
    doc_counts: "伏せ字{masks}・省略{omissions}", "{masks} masked · {omissions} omitted";
    issuer_not_stated: "発行者の記載なし", "issuer not stated";
    undated: "日付なし", "undated";
    withheld_list: "伏せ字・省略の一覧", "Masked and omitted";
    withheld_none: "ありません", "none";
    withheld_more_before: "…この前に{n}件（Shift+F8 で移動）", "… {n} more before (Shift+F8)";
    withheld_more_after: "…この後に{n}件（F8 で移動）", "… {n} more after (F8)";
    attachments: "添付ファイル", "Attachments";
    attachments_none: "ありません", "none";
    attachment_note: "添付ファイルは Kairan では開きません。保存し、信頼できる場合にだけ開いてください。", "Kairan never opens attachments. Save one, and open it only if you trust it.";
    save_as: "「{name}」を名前を付けて保存…", "Save “{name}” as…";
    size_bytes: "{n}バイト", "{n} bytes";
    saved_to: "保存しました：{path}", "Saved to {path}";
    save_failed: "保存できませんでした：{reason}", "Could not save: {reason}";
    // Document panes
    firm_pane: "事務所のお知らせ", "Firm notice";
    vendor_pane: "ベンダーの文書", "Vendor documents";
    no_document: "表示する文書はありません。", "No document to show.";
    content_withheld_alarm: "署名は有効ですが、あなたの記録と食い違う警告があるため、内容を表示していません。差出人に確認してから、上の「それでも表示する」で表示できます。", "The signature is valid, but it conflicts with your records, so the contents are not shown. Check with the issuer; “Show anyway” above shows them.";
    content_withheld_revoked: "あなたが失効させた鍵の署名のため、内容を表示していません。上の「それでも表示する」で表示できます。", "It is signed by a key you revoked, so the contents are not shown. Use “Show anyway” above to see them.";
    shown_anyway_alarm: "警告のある内容を表示しています。差出人に確認するまで、この内容に基づいて行動しないでください。", "Showing contents under an alarm. Do not act on them until the issuer confirms them.";
    content_withheld: "このファイルは検証に失敗したため、内容を表示していません。上の「それでも表示する」で表示できます。", "This bundle failed verification, so its contents are not shown. Use “Show anyway” above to see them.";
    provenance: "{publisher}の文書の写し", "Copy of a document by {publisher}";
    provenance_source: "出典：{url}", "Source: {url}";
    provenance_retrieved: "{date}時点で取得した写しです。現在の公開ページとは異なる場合があります。", "Copy as retrieved on {date}; the live page may differ.";
    provenance_retrieved_unknown: "取得日：記載なし。現在の公開ページとは異なる場合があります。", "Retrieval date: not stated; the live page may differ.";
    not_stated: "記載なし", "not stated";
    file_value: "「{value}」", "“{value}”";
    open_source: "出典を開く…", "Open source…";
    mask_accessible: "伏せ字：{what}、理由：{reason}、伏せた人：{who}", "Masked field: {what}, reason: {reason}, masked by: {who}";
    omission_accessible: "省略：{marker}、理由：{reason}、省略した人：{who}", "Omitted section: {marker}, reason: {reason}, omitted by: {who}";
    what_not_stated: "内容の記載なし", "what is hidden is not stated";
    detail_mask_heading: "伏せ字{n}／{total}　{marker}", "Masked field {n} of {total}  {marker}";
    detail_omission_heading: "省略{n}／{total}　{marker}", "Omitted section {n} of {total}  {marker}";
    detail_place: "場所：{document}", "Where: {document}";
    detail_place_section: "場所：{document} › {section}", "Where: {document} › {section}";
    omission_by: "省略した人：{who}", "Omitted by: {who}";
    detail_keys: "F8 次へ・Shift+F8 前へ・Esc 閉じる", "F8 next · Shift+F8 previous · Esc closes";
    detail_close: "閉じる", "Close";
    mask_title: "伏せ字（元の文字は記録されていません）", "Masked field (the hidden text is not in the file)";
    mask_readable: "△ この伏せ字は読める文字で表示されています。隠したはずの内容そのものが見えているのかもしれません。差出人に確かめてください。", "△ This masked field shows readable text: it may be the very text it was meant to hide. Ask the sender.";
    mask_what: "内容：{label}", "What: {label}";
    mask_reason: "理由：{reason}", "Reason: {reason}";
    mask_by: "伏せた人：{who}", "Masked by: {who}";
    omitted_by: "{marker}　{who}による省略", "{marker}  omitted by {who}";
    omitted_by_unstated: "{marker}　省略（省略した人の記載なし）", "{marker}  omitted (who left it out is not stated)";
    omission_reason: "理由：{reason}", "Reason: {reason}";
    omission_section: "この節は省略されています。", "This section was left out.";
    omission_middle: "この節の一部が省略されています（前後の文は続いています）。", "Part of this section was left out; the text continues after it.";
    omission_rest: "ここから後は省略されています。", "Everything after this point was left out.";
    omission_unspecified: "省略があります（範囲の記載なし）。", "Something was left out here (extent not stated).";
    who_author: "原文の作成者", "the original author";
    who_forwarder: "転送した事務所", "the forwarding firm";
    who_not_stated: "記載なし", "not stated";
    link_to_document: "このファイル内の「{title}」を開きます", "Opens “{title}” in this file";
    link_to_heading: "このファイル内の「{title}」の「{heading}」へ移動します", "Goes to “{heading}” in “{title}” in this file";
    link_external_hint: "外部のアドレス：{url}（開く前に確認します）", "Outside address: {url} (asks before opening)";
    tab_label: "{role}｜{date}", "{role} | {date}";
    withheld_entry: "{n}. {kind} {marker}｜{place}", "{n}. {kind} {marker} | {place}";
    no_bundle: "表示中のファイルはありません。「ファイル」→「開く…」でファイルを開くか、ここにドロップしてください。", "No bundle is open. Use File → Open… or drop a file here.";
    drop_hint: "ファイルをここにドロップして開く", "Drop a file here to open it";
    dropped_nothing: "ドロップされた項目にファイルのパスがありません。", "What was dropped has no file path.";
    // Trusted keys: banner
    banner_revoked_title: "失効させた鍵の署名です：{name}", "Revoked: signed by a key you revoked ({name})";
    banner_revoked_detail: "鍵ID {key_id}は、あなたが{date}に失効させた鍵です。失効した鍵の署名は何も証明しません。このファイルを信用しないでください。", "Key ID {key_id} was revoked by you on {date}. A signature by a revoked key proves nothing; do not rely on this file.";
    trust_this_key: "この鍵を信頼する（名前を付ける）…", "Trust this key as…";
    warning_newer_seen: "古いお知らせ — このシリーズの新しいお知らせ（第{n}報）を{date}に開いています（ファイルID：{bundle}）。このお知らせは最新ではない可能性があります。", "OLDER NOTICE — a newer notice (第{n}報) of this series was opened on {date} (bundle {bundle}); this one may be out of date.";
    warning_conflicting: "矛盾する版 — 同じ番号（第{n}報）で内容の異なるお知らせを{date}に開いています（ファイルID：{bundle}）。どちらが本物か差出人が確認するまで、どちらも信用しないでください。", "CONFLICTING VERSIONS — a different notice with the same number (第{n}報) of this series was opened on {date} (bundle {bundle}). Do not rely on either until the issuer confirms which is genuine.";
    warning_expired: "期限切れ — このお知らせの有効期限は{date}でした。現在の情報ではない可能性があります。", "EXPIRED — this notice expired on {date}; it may no longer be current.";
    warning_misaddressed: "宛先違い — このお知らせの宛先は「{recipient}」で、あなたの組織「{organisation}」ではありません。", "ADDRESSED TO SOMEONE ELSE — this notice is addressed to “{recipient}”, not to your organisation “{organisation}”.";
    warning_issued_in_future: "発行日時が未来です（{date}）— 日付が正しくありません。差出人に確認するまで信用しないでください。", "ISSUED IN THE FUTURE — this notice says it was issued on {date}, later than now; its date cannot be right. Ask the issuer before relying on it.";
    warning_impersonation: "なりすましの可能性 — このファイルは「{claimed}」からと名乗っていますが、それはあなたが別の鍵（鍵ID {key_id}）に付けた名前です。その差出人が確認するまで、この鍵を信頼しないでください。", "POSSIBLE IMPERSONATION — the file claims to come from “{claimed}”, the name you gave a different key (key ID {key_id}). Do not trust this key unless that issuer confirms it.";
    warning_rollover_refused: "鍵の切り替えは受け入れられません — 切り替え声明が含まれていますが、{problem}", "KEY ROLLOVER NOT ACCEPTED — the bundle carries a key rollover statement, but {problem}.";
    rollover_offer: "鍵の切り替え — あなたが「{name}」として信頼している鍵{old_key_id}が、署名付きの声明でこの鍵への切り替えを告知しています（{effective}から有効）。", "KEY ROLLOVER — key {old_key_id}, which you trust as “{name}”, signed a statement introducing this key (effective {effective}).";
    rollover_accept: "この鍵も「{name}」として信頼する", "Trust this key as “{name}” too";
    // Trusted keys: what an action did
    note_trusted_from_bundle: "鍵{key_id}を「{name}」として信頼しました。このファイルを開き直しました。", "You now trust key {key_id} as “{name}”. The file was opened again.";
    note_trusted_by_rollover: "鍵{key_id}を「{name}」として信頼しました。同じ名前で信頼している鍵{old_key_id}が、署名付きの切り替え声明（{effective}から有効）で告知した鍵です。古い鍵も引き続き信頼されています。使われなくなったら失効させてください。", "You now trust key {key_id} as “{name}”: key {old_key_id}, which you trust under that name, introduced it in a signed rollover statement (effective {effective}). The old key stays trusted; revoke it once it is retired.";
    note_imported: "鍵{key_id}を「{name}」として追加しました。", "Added key {key_id} as “{name}”.";
    note_renamed: "鍵{key_id}の名前を「{old}」から「{new}」に変更しました。", "Renamed key {key_id} from “{old}” to “{new}”.";
    note_revoked: "鍵{key_id}（「{name}」）を失効させました。この鍵の署名は今後「失効」と表示されます。", "Revoked key {key_id} (“{name}”). Files it signs now show as revoked.";
    note_removed: "鍵{key_id}（「{name}」）を削除しました。この鍵の署名は今後「差出人不明」と表示されます。", "Removed key {key_id} (“{name}”). Files it signs now show an unknown signer.";
    note_exported: "鍵{key_id}を書き出しました：{path}", "Wrote key {key_id} to {path}";
    note_organisation_set: "あなたの組織を「{name}」にしました。ほかの宛先のお知らせには警告が表示されます。", "Your organisation is now “{name}”; notices addressed to anyone else are flagged.";
    note_organisation_cleared: "あなたの組織の設定を外しました。宛先は確認されません。", "Your organisation is no longer set; recipients are not checked.";
    note_library_rebuilt: "受け取ったお知らせのライブラリの索引が読めなかったため、保存されたファイルから作り直しました（{indexed}件。検証できなくなったファイル{skipped}件は索引に入れず、フォルダーに残しています）。", "The index of your library of received notices could not be read and was made anew from the stored files ({indexed} notices; {skipped} files that no longer verify were left out of the index and kept in the folder).";
    note_not_kept: "このお知らせを、受け取ったお知らせのライブラリに保存できませんでした。表示と検証には影響しません。", "Could not keep this notice in your library of received notices; what is shown and its verdict are not affected.";
    note_not_recorded: "このお知らせを開いた記録を残せませんでした（古いお知らせの再送の検出に使います）。", "Could not record that this notice was opened (this is how replayed older notices are detected).";
    failed_accept_rollover: "鍵の切り替えを受け入れられませんでした。何も変更されていません。", "Could not accept the key rollover; nothing was changed.";
    failed_import: "鍵を追加できませんでした。何も変更されていません。", "Could not add the key; nothing was changed.";
    failed_rename: "名前を変更できませんでした。何も変更されていません。", "Could not rename the key; nothing was changed.";
    failed_revoke: "鍵を失効させられませんでした。何も変更されていません。", "Could not revoke the key; nothing was changed.";
    failed_remove: "鍵を削除できませんでした。何も変更されていません。", "Could not remove the key; nothing was changed.";
    failed_export: "鍵を書き出せませんでした。", "Could not export the key.";
    failed_organisation: "組織を保存できませんでした。何も変更されていません。", "Could not save your organisation; nothing was changed.";
    // Trusted keys: files that cannot be read
    problem_store_title: "信頼する鍵の一覧を読み込めません：{path}", "Your trusted keys could not be read: {path}";
    problem_store_effect: "修復されるまで、デモ鍵以外の署名者は確認できず「差出人不明」と表示されます。失効させた鍵も検出できません。Kairan はこのファイルを変更も上書きもしません。", "Until it is fixed, no signer but the demo key can be recognised (all show as unknown) and revoked keys cannot be flagged. Kairan will not change or overwrite this file.";
    problem_store_advice: "ファイルを修復するか、コピーを残して別の場所に移してから（空の一覧から始まります）「再読み込み」を押してください。", "Repair the file, or move it elsewhere (keeping a copy) to start an empty list, then press Reload.";
    problem_history_title: "開いたお知らせの履歴を読み込めません：{path}", "The history of opened notices could not be read: {path}";
    problem_settings_title: "設定ファイルを読み込めません：{path}", "Your settings could not be read: {path}";
    problem_partial_effect: "修復されるまで、失効した鍵の検出以外の警告（古いお知らせの再送、同じ番号の別内容、期限切れ、宛先違い、なりすまし）は表示されません。Kairan はこのファイルを変更しません。修復するか、コピーを残して別の場所に移してから「再読み込み」を押してください。", "Until it is fixed, no warnings but revoked keys are given (replayed or conflicting notices, expiry, misaddressing, impersonation). Kairan will not change this file. Repair it, or move it elsewhere (keeping a copy), then press Reload.";
    problem_folder_title: "設定フォルダーが見つかりません", "No configuration folder could be found";
    problem_folder_effect: "信頼する鍵を保存できず、デモ鍵以外の署名者は確認できません。", "Trusted keys cannot be kept, and no signer but the demo key can be recognised.";
    reload: "再読み込み", "Reload";
    hide: "隠す", "Hide";
    // Trusted keys: the trust dialog
    trust_dialog_title: "この鍵を信頼する", "Trust this key";
    trust_dialog_intro: "信頼すると、この鍵で署名されたファイルはすべて、下で付ける名前の差出人による「検証済み」と表示されます。", "Once trusted, every file signed by this key shows as verified, signed by the name you give below.";
    fingerprint_heading: "鍵の指紋", "Key fingerprint";
    key_id_line: "鍵ID {key_id}", "Key ID {key_id}";
    trust_dialog_advice: "信頼する前に、この指紋を差出人の事務所に電話で（すでに知っている番号で）、または郵送の書面で確認してください。このファイルに書かれた連絡先は使わないでください。", "Before trusting it, confirm this fingerprint with the firm by phone (on a number you already have) or from a letter they sent you. Do not use contact details from this file.";
    trust_dialog_confirmed: "この指紋を差出人に確認しました", "I confirmed this fingerprint with the sender";
    trust_dialog_name: "差出人の名前（あなたが決める名前です。自己申告から入力済みで、変更できます）", "Name for the key's owner (your choice: prefilled from the claim, you can change it)";
    trust_dialog_note: "メモ（任意。例：6月30日に山田様へ電話で確認）", "Note (optional, e.g. confirmed by phone with Ms Yamada on 30 June)";
    trust_dialog_confirm: "信頼する", "Trust";
    trust_dialog_needs_check: "信頼するには、指紋を確認したことにチェックを入れ、名前を入力してください。", "To trust it, tick the box once you have confirmed the fingerprint, and give a name.";
    impersonation_name: "なりすましに注意：「{name}」は、あなたがすでに別の鍵（鍵ID {key_id}）に付けている名前です。同じ差出人が本当に鍵を変えたのでない限り、なりすましの可能性があります。差出人に確認するまで信頼しないでください。", "Possible impersonation: “{name}” is already the name of a different key you trust (key ID {key_id}). Unless that sender really changed keys, this may be an impersonation. Do not trust it until they confirm.";
    impersonation_claim: "なりすましに注意：このファイルが名乗る「{claim}」は、あなたがすでに別の鍵（鍵ID {key_id}）に付けている名前です。", "Possible impersonation: the name this file claims, “{claim}”, already belongs to a different key you trust (key ID {key_id}).";
    replace_key_button: "これは「{name}」の新しい鍵です…", "This is a new key of “{name}”…";
    replace_key_title: "「{name}」の新しい鍵として信頼する", "Trust as the new key of “{name}”";
    replace_key_intro: "このファイルは、あなたが信頼する「{name}」を名乗っていますが、別の鍵で署名されています。差出人が鍵を失くしたなどの理由で鍵を変えたのでない限り、なりすましです。", "This file claims to come from “{name}”, whom you trust, but a different key signed it. Unless they changed keys (because the old one was lost, for instance), this is an impersonation.";
    replace_key_old_heading: "いま信頼している鍵（鍵ID {key_id}）の指紋", "Fingerprint of the key you trust now (key ID {key_id})";
    replace_key_new_heading: "このファイルに署名した新しい鍵（鍵ID {key_id}）の指紋", "Fingerprint of the new key that signed this file (key ID {key_id})";
    replace_key_advice: "「{name}」に、あらかじめ知っている電話番号で電話し（このファイルに書かれた連絡先は使わないでください）、鍵を変えたこと、新しい鍵の指紋が上の下段と一字一句同じであることを読み上げてもらってください。", "Call “{name}” at a phone number you already know (not one from this file), ask whether they changed keys, and have them read the new key's fingerprint to you: it must match the lower one above exactly.";
    replace_key_confirmed: "新しい鍵の指紋を、電話で差出人に確認しました", "I confirmed the new key's fingerprint with the issuer by phone";
    replace_key_fate: "古い鍵をどうしますか", "What becomes of the old key?";
    replace_key_revoke: "失効させる — 他人の手に渡ったかもしれない（盗難・流出）。古い鍵の署名は今後すべて「失効」と表示されます。", "Revoke it — it may be in other hands (stolen, leaked). Everything it signed shows as revoked from now on.";
    replace_key_retire: "引退させる — 失くした・壊れた。古い鍵はあなたの鍵から外され、その署名は検証済みではなくなります（この名前を名乗るものは警告になります）。", "Retire it — it was lost or destroyed. It is removed from your keys, and what it signed is no longer verified (where it claims this name, it raises an alarm).";
    replace_key_confirm: "新しい鍵として信頼する", "Trust as the new key";
    replace_key_needs: "続けるには、電話で指紋を確認したことにチェックを入れ、古い鍵をどうするか選んでください。", "To go on, tick the box once you have confirmed the fingerprint by phone, and choose what becomes of the old key.";
    replace_key_failed: "鍵を入れ替えられませんでした。何も変更されていません。", "The keys could not be exchanged; nothing was changed.";
    note_replaced_revoked: "鍵{key_id}を「{name}」の新しい鍵として信頼し、古い鍵{old_key_id}を失効させました。このファイルを開き直しました。", "You now trust key {key_id} as “{name}”, and revoked the old key {old_key_id}. The file was opened again.";
    note_replaced_retired: "鍵{key_id}を「{name}」の新しい鍵として信頼し、古い鍵{old_key_id}をあなたの鍵から外しました。このファイルを開き直しました。", "You now trust key {key_id} as “{name}”, and removed the old key {old_key_id} from your keys. The file was opened again.";
    trust_dialog_failed: "信頼できませんでした。何も変更されていません。", "The key could not be trusted; nothing was changed.";
    // Trusted keys: Settings ▸ Trusted keys
    menu_settings: "設定", "Settings";
    trusted_keys_menu: "信頼する鍵…", "Trusted keys…";
    keys_window_title: "信頼する鍵", "Trusted keys";
    keys_store_path: "保存場所：{path}", "Kept in {path}";
    keys_none: "信頼する鍵はまだありません。", "You trust no keys yet.";
    key_status_trusted: "信頼済み", "Trusted";
    key_status_revoked: "失効（{date}）", "Revoked on {date}";
    key_fingerprint_line: "指紋：{fingerprint}", "Fingerprint {fingerprint}";
    key_added_line: "追加日：{date}・{how}", "Added {date} · {how}";
    how_key_file: "鍵ファイル「{file}」から読み込み", "imported from the key file {file}";
    how_pasted: "貼り付け", "pasted";
    how_from_bundle: "ファイル（ID：{bundle}）の署名者として確認して信頼", "trusted from bundle {bundle}";
    how_rollover: "鍵{old_key_id}の切り替え声明（ファイルID：{bundle}）で告知", "introduced by key {old_key_id} in a rollover statement (bundle {bundle})";
    key_note_line: "メモ：{note}", "Note: {note}";
    rename: "名前を変更", "Rename";
    new_name_label: "新しい名前", "New name";
    save: "保存", "Save";
    revoke: "失効させる…", "Revoke…";
    remove: "削除…", "Remove…";
    export_key: "書き出す…", "Export…";
    confirm_revoke_title: "この鍵を失効させますか？", "Revoke this key?";
    confirm_revoke_detail: "「{name}」（鍵ID {key_id}）を失効させると、この鍵で署名されたファイルはすべて「失効」と表示され、検証済みにはなりません。", "After revoking “{name}” (key ID {key_id}), every file it signs shows as revoked, never as verified.";
    confirm_remove_title: "この鍵を削除しますか？", "Remove this key?";
    confirm_remove_detail: "「{name}」（鍵ID {key_id}）を削除すると、この鍵の署名は「差出人不明」と表示されます。鍵が盗まれた、または使われなくなった場合は、削除ではなく失効させてください。", "After removing “{name}” (key ID {key_id}), files it signs show an unknown signer. If the key was stolen or retired, revoke it instead.";
    revoke_button: "失効させる", "Revoke";
    remove_button: "削除する", "Remove";
    export_path_prompt: "書き出し先が選ばれませんでした。書き出すファイルのパスを入力できます（既存のファイルは上書きしません）。", "No place was chosen. You can type the path of the file to write (an existing file is never overwritten).";
    export_button: "書き出す", "Export";
    add_key_heading: "鍵を追加", "Add a key";
    import_from_file: ".pub ファイルから", "From a .pub file";
    import_paste: "テキストを貼り付け", "Paste the key text";
    import_choose: "ファイルを選ぶ…", "Choose file…";
    import_path_label: "鍵ファイルのパス", "Key file path";
    import_text_label: "公開鍵（RW… の行、または .pub ファイル全体）", "Public key (its RW… line, or the whole .pub file)";
    import_name_label: "差出人の名前", "Name for the key's owner";
    import_note_label: "メモ（任意）", "Note (optional)";
    import_preview: "読み取った鍵：鍵ID {key_id}、指紋{fingerprint}。追加する前に、この指紋を鍵の持ち主に確認してください。", "Key read: key ID {key_id}, fingerprint {fingerprint}. Confirm this fingerprint with its owner before adding it.";
    import_unreadable: "鍵を読み取れません：{reason}", "No key can be read: {reason}";
    import_button: "この鍵を信頼する", "Trust this key";
    organisation_heading: "あなたの組織", "Your organisation";
    organisation_hint: "お知らせの宛先と比べます。宛先が違うお知らせには警告が出ます。空にすると確認しません。", "Compared with each notice's recipient: notices addressed to someone else are flagged. Leave empty not to check.";
    organisation_label: "組織名", "Organisation name";
    demo_key_line: "組み込み：{name}（鍵ID {key_id}）。この鍵の署名は、作成者について何も証明しません。", "Built in: {name} (key ID {key_id}); files it signs prove nothing about who made them.";
    close: "閉じる", "Close";
    // Library of received notices
    library_menu: "受け取ったお知らせ…", "Received notices…";
    library_title: "受け取ったお知らせ", "Received notices";
    library_about: "開いたファイルのうち署名が有効なものは、ここに残ります。報をクリックすると、あなたの鍵でもう一度検証して開きます。", "Every file you open whose signature is valid is kept here. Click a report to open it; it is verified again with your keys.";
    library_empty: "まだ何も残っていません。", "Nothing kept yet.";
    library_unread_count: "未読{n}件", "{n} unread";
    library_unnamed_key: "名前を付けていない鍵（鍵ID {key_id}）", "Key you have not named (key ID {key_id})";
    library_demo_key: "公開デモ鍵（誰でも署名できるため、差出人について何も証明しません）", "The public demo key (anyone can sign with it, so it proves nothing about the sender)";
    changes_older_signer: "第{older}報の署名者：{signer}", "第{older}報 signed by: {signer}";
    library_claimed: "ファイル内の自己申告（未確認）：「{claim}」", "The files claim to come from “{claim}” (unverified claim)";
    library_series: "シリーズ：{series}", "Series: {series}";
    library_report: "{unread}第{n}報　{status}　{date}受信", "{unread}第{n}報 · {status} · received {date}";
    library_unread_mark: "●未読　", "● unread · ";
    library_missing_one: "第{first}報は受け取っていません", "第{first}報 has not been received";
    library_missing_range: "第{first}報〜第{last}報は受け取っていません", "第{first}報–第{last}報 have not been received";
    library_rollback: "第{n}報は、第{after}報より後に届きました。古いお知らせが送り直された可能性があります。最新の内容は第{after}報で確認してください。", "第{n}報 arrived after 第{after}報: an older notice may have been sent again. Read 第{after}報 for the latest.";
    library_conflict: "第{n}報が2通あり、内容が違います。どちらが本物か差出人に確認してください。", "Two different notices are numbered 第{n}報; ask the issuer which is genuine.";
    library_search_label: "すべてのお知らせを検索", "Search all notices";
    library_search_hint: "全角・半角を区別しません", "Full-width and half-width alike";
    library_hits: "{n}件見つかりました。クリックすると、見つかった箇所を開きます。", "{n} found. Click one to open it at the match.";
    library_hit: "{title}（{issuer}・第{n}報）", "{title} ({issuer}, 第{n}報)";
    library_hit_detail: "{status}　一致{n}か所", "{status} · {n} matches";
    library_unreadable: "受け取ったお知らせを読み出せません：{reason}", "The received notices cannot be read: {reason}";
    library_open_failed: "開けませんでした：{reason}", "Could not open it: {reason}";
    // Changes since an earlier report
    changes_since: "第{n}報からの変更", "Changes since 第{n}報";
    changes_since_hint: "受け取った第{n}報と、表示中の第{shown}報を比べます", "Compares the 第{n}報 you received with the 第{shown}報 on screen";
    changes_reports: "古い方：第{older}報（{older_date}受信）　新しい方：第{newer}報（表示中）", "Older: 第{older}報 (received {older_date}) · Newer: 第{newer}報 (on screen)";
    changes_summary: "変更{n}件：{parts}", "Changes ({n}): {parts}";
    changes_none: "変更はありません。", "No changes.";
    changes_kind_disclosed: "伏せ字の開示{n}件", "{n} masked fields disclosed";
    changes_kind_newly_withheld: "新たな伏せ字{n}件", "{n} fields newly masked";
    changes_kind_omission_lifted: "省略の解除{n}件", "{n} omissions lifted";
    changes_kind_omission_added: "新たな省略{n}件", "{n} omissions added";
    changes_kind_section_added: "追加された節{n}件", "{n} sections added";
    changes_kind_section_removed: "削除された節{n}件", "{n} sections removed";
    changes_kind_section_retitled: "見出しの変更{n}件", "{n} sections retitled";
    changes_kind_paragraph: "本文の変更{n}件", "{n} paragraphs changed";
    changes_kind_header: "日付・件名の変更{n}件", "{n} dates or titles changed";
    changes_kind_mask_explained: "伏せ字の説明の変更{n}件", "{n} masked fields explained differently";
    changes_separator: "、", ", ";
    changes_same_signer: "同じシリーズの続報です（同じ署名鍵）。", "The same series continued (same signing key).";
    changes_rollover: "同じシリーズの続報です（古い方の鍵が、新しい鍵への切り替えを宣言しています）。", "The same series continued (the older key introduced the newer one: key rollover).";
    changes_not_intact: "比較していません — ファイル「{bundle}」は検証できないため、その内容は比べられません。", "Not compared — file “{bundle}” does not verify, so nothing in it can be compared.";
    changes_not_verified: "検証されていません — ファイル「{bundle}」は「{status}」です。以下は差出人の続報としてではなく、2つのファイルの比較として読んでください。", "Not verified — file “{bundle}” is: {status}. What follows is not the issuer's update, only a comparison of two files.";
    changes_other_series: "別のシリーズです — 関係のない2つのお知らせとして比べています。", "Different series — compared as two unrelated notices.";
    changes_other_signer: "別の鍵で署名されています（古い方の鍵は新しい鍵を宣言していません）。同じ差出人の続報として読まないでください。", "Different keys signed them and the older key introduced no newer one; do not read this as the same issuer's update.";
    changes_same_number: "同じ番号です — 続報ではなく、2つの版として比べています。", "Same number — compared as two versions, not as an update.";
    changes_previous: "◀ 前の変更", "◀ Previous change";
    changes_next: "次の変更 ▶", "Next change ▶";
    changes_position: "{n} / {total}件目", "{n} of {total}";
    changes_document_added: "（新しい方だけにある文書）", "(only in the newer report)";
    changes_document_removed: "（古い方だけにある文書）", "(only in the older report)";
    change_in: "（{heading}）", " (in {heading})";
    change_disclosed: "◆ 伏せ字の開示：{marker} →「{revealed}」", "◆ Disclosed: {marker} → “{revealed}”";
    change_disclosed_unplaced: "◆ 伏せ字の開示：{marker}（文が並べ替えられ、どの文に置き換わったかは特定できません。段落の変更を確認してください）", "◆ Disclosed: {marker} (the text was rearranged, so what replaced it cannot be told; see the paragraph's changes)";
    change_label: "（{label}）", " ({label})";
    change_newly_withheld: "■ 新たな伏せ字：{marker}（前は「{replaced}」）", "■ Newly masked: {marker} (was “{replaced}”)";
    change_newly_withheld_new: "■ 新たな伏せ字：{marker}", "■ Newly masked: {marker}";
    change_reason: "　理由：{reason}", ", reason: {reason}";
    change_omission_lifted: "◇ 省略の解除：{marker}", "◇ Omission lifted: {marker}";
    change_mask_explained: "● 伏せ字の説明の変更：{marker}", "● Mask explained differently: {marker}";
    change_mask_label: "　伏せた内容：{old}→{new}", ", what is hidden: {old} → {new}";
    change_mask_reason: "　理由：{old}→{new}", ", reason: {old} → {new}";
    change_omission_added: "□ 新たな省略：{marker}", "□ Omission added: {marker}";
    change_section_added: "＋ 節の追加：{title}", "+ Section added: {title}";
    change_section_removed: "－ 節の削除：{title}", "- Section removed: {title}";
    change_section_retitled: "～ 見出しの変更：「{old}」→「{new}」", "~ Section retitled: “{old}” → “{new}”";
    change_paragraph_changed: "～ 本文の変更", "~ Paragraph changed";
    change_paragraph_added: "＋ 段落の追加：{text}", "+ Paragraph added: {text}";
    change_paragraph_removed: "－ 段落の削除：{text}", "- Paragraph removed: {text}";
    change_date: "～ 日付の変更：{old}→{new}", "~ Date changed: {old} → {new}";
    change_title: "～ 件名の変更：「{old}」→「{new}」", "~ Title changed: “{old}” → “{new}”";
    edit_deleted: "［－削除：{text}］", "[- deleted: {text}]";
    edit_inserted: "［＋追加：{text}］", "[+ inserted: {text}]";
    no_date: "日付なし", "no date";
    // Authoring: preview banner
    banner_preview_title: "プレビュー — 未署名", "Preview — not signed";
    banner_preview_detail: "フォルダの原稿を、署名後にお客様が見るとおりに表示しています。まだ署名されていません。送付するには「署名して書き出す…」を使ってください。", "The folder's sources, shown exactly as clients will see them once signed. Nothing here is signed yet; use “Sign and export…” to send it.";
    banner_folder: "フォルダ：{path}", "Folder: {path}";
    // Authoring: menu and toolbar
    open_folder: "フォルダを開く（プレビュー）…", "Open folder (preview)…";
    open_folder_by_path: "パスを入力してフォルダを開く…", "Open folder by path…";
    import_letter: "文書を取り込む…", "Import letter…";
    sign_and_export: "署名して書き出す…", "Sign and export…";
    sign_hint: "事務所の鍵で署名し、書き出したファイルを読み直して検証します", "Signs with the firm's key, then reads the written file back and verifies it";
    export_for_clients: "顧客ごとに書き出す…", "Export for clients…";
    new_signing_key: "新しい署名鍵を作る…", "New signing key…";
    needs_preview: "先にフォルダをプレビューで開いてください", "Open a folder in preview first";
    reload_preview: "再読み込み", "Reload";
    watching_active: "保存すると自動で更新されます", "Updates when a source is saved";
    watching_unavailable: "自動更新できません（{reason}）。「再読み込み」を使ってください。", "Cannot watch for changes ({reason}); use Reload.";
    choose: "選ぶ…", "Choose…";
    // Authoring: source errors and checks
    source_errors_title: "原稿に誤りがあります（{n}件）", "The sources have errors ({n})";
    source_errors_kept: "直前の正しい版を表示しています。原稿を直して保存すると更新されます。", "The last good version is still shown; fix the source and save to update it.";
    source_errors_nothing: "表示できる版がまだありません。原稿を直して保存してください。", "There is no good version to show yet; fix the source and save.";
    source_errors_more: "ほか{n}件", "and {n} more";
    checks_title: "送付前チェック", "Pre-send checks";
    checks_clean: "問題は見つかりませんでした", "No problems found";
    checks_clean_with_notes: "問題は見つかりませんでした（ご自身で確認するもの{notes}件）", "No problems found ({notes} for you to check by hand)";
    checks_warnings_only: "警告{warnings}件（署名はできます）", "{warnings} warnings (signing allowed)";
    checks_blocked: "エラー{errors}件・警告{warnings}件 — エラーがある間は署名できません", "{errors} errors · {warnings} warnings — signing is refused while errors remain";
    checks_none: "指摘事項はありません。", "Nothing to report.";
    checks_not_run: "原稿に誤りが{errors}件あるため、チェックできません（署名できません）。", "The sources have {errors} errors, so the checks cannot run (signing is refused). ";
    checks_last_good: "表示中の直前の正しい版の警告：{warnings}件", "Warnings in the last good version shown: {warnings}";
    severity_error: "エラー", "Error";
    severity_warning: "警告", "Warning";
    severity_note: "確認", "Note";
    finding_entry: "{severity}　{place}　{check}：{message}（{code}）", "{severity}  {place}  {check}: {message} ({code})";
    check_source_error: "原稿の誤り", "Source error";
    check_missing_document: "リンク先の文書がない", "Link to a missing document";
    check_missing_heading: "リンク先の見出しがない", "Link to a missing heading";
    check_mask_without_reason: "伏せ字の理由がない", "Mask without a reason";
    check_omission_without_reason: "省略の理由がない", "Omission without a reason";
    check_mask_width: "伏せ字の長さ", "Mask length";
    check_readable_mask_marker: "読める伏せ字", "Readable mask marker";
    check_attachment_not_scanned: "確認できない添付ファイル", "Attachment not scanned";
    check_individual_number: "個人番号（マイナンバー）", "Individual number (My Number)";
    check_pension_number: "基礎年金番号", "Basic pension number";
    check_employment_insurance_number: "雇用保険被保険者番号", "Employment-insurance number";
    check_bank_account: "口座番号", "Bank account number";
    check_phone_number: "電話番号", "Phone number";
    check_email_address: "メールアドレス", "E-mail address";
    check_invisible_character: "見えない文字", "Invisible character";
    check_bidi_control: "文字の向きを変える制御文字", "Bidirectional control character";
    check_confusable_character: "紛らわしい文字", "Confusable characters";
    check_dated_before_cited: "引用した文書より前の日付", "Dated before a notice it cites";
    check_missing_date: "日付がない", "Missing date";
    check_missing_addressee: "宛先がない", "Missing addressee";
    check_missing_issuer: "発信者がない", "Missing issuer";
    check_missing_title: "件名がない", "Missing title";
    check_unopenable_link: "開けないリンク先", "Link readers cannot open";
    finding_jump_hint: "クリックするとプレビューの該当箇所へ移動します", "Click to go to this place in the preview";
    finding_no_place: "プレビューに対応する箇所がありません。ファイル名・行・桁で原稿を確認してください", "No place in the preview matches; see the file, line and column in the source";
    finding_location_only: "プレビューには対応する箇所がありません。原稿の{place}を確認してください。", "No place in the preview matches; look at {place} in the source.";
    // Authoring: dialogs
    open_folder_title: "文書フォルダを開く", "Open a notice folder";
    folder_no_dialog: "フォルダが選ばれませんでした。選択画面が出なかった場合、このデスクトップにはファイル選択サービス（ポータル）がありません。パスを入力して開けます。", "No folder was chosen. If no dialog appeared, this desktop has no file-chooser service (portal); you can type the path instead.";
    folder_label: "フォルダのパス（bundle.json のあるフォルダ）", "Folder path (the folder holding bundle.json)";
    import_title: "文書を取り込む", "Import a letter";
    import_detail: "テキスト形式の文書（UTF-8）か、ブラウザーで保存したウェブページ（.html）から新しい文書フォルダを作ります。検出した伏せ字・省略と、ページのアドレス・取得日・取り除いた部分は一覧で確認できます。", "Makes a new notice folder from a plain-text letter (UTF-8) or a web page saved by a browser (.html). Every detected mask and omission, and a page's address, retrieval date and what was dropped from it, are listed for you to confirm.";
    import_letter_field: "取り込む文書（.txt または .html）", "Letter to import (.txt or .html)";
    import_folder_field: "作成するフォルダ（空のフォルダ）", "Folder to create (must be empty)";
    import_letter_button: "取り込む", "Import";
    import_needs_both: "文書ファイルと作成するフォルダの両方を指定してください。", "Give both the letter file and the folder to create.";
    import_folder_not_empty: "そのフォルダには既にファイルがあります。空のフォルダか新しい名前を指定してください。", "That folder already holds files; choose an empty folder or a new name.";
    import_report_title: "取り込みました：{folder}", "Imported into {folder}";
    import_report_detail: "検出結果を元の文書と照らし合わせて確認してください（行:桁）。", "Confirm each detection against the letter (line:column).";
    detect_letter: "文書の始まり", "letter";
    detect_addressee: "宛先", "addressee";
    detect_issuer: "発信者", "issuer";
    detect_title: "件名", "title";
    detect_caption: "転載の注記", "caption";
    detect_heading: "見出し", "heading";
    detect_mask: "伏せ字", "MASK";
    detect_omission: "省略", "OMISSION";
    detect_joined: "段落の結合", "joined";
    detect_sign_off: "結び", "sign-off";
    detect_not_withheld: "伏せ字・省略ではない", "not withheld";
    detect_page: "ページの情報", "page";
    detect_note: "注記", "note";
    sign_title: "署名して書き出す", "Sign and export";
    sign_detail: "プレビューの内容そのままを事務所の鍵で署名し、書き出したファイルを読み直して検証します。", "Signs exactly what the preview shows with the firm's key, then reads the written file back and verifies it.";
    key_file_field: "事務所の秘密鍵ファイル（.key）", "The firm's secret key file (.key)";
    password_field: "鍵のパスワード", "Key password";
    password_repeat_field: "パスワード（確認）", "Password again";
    password_wrong: "このパスワードでは鍵を開けません。もう一度入力してください。", "The password does not open this key; type it again.";
    password_missing: "この鍵にはパスワードが必要です。入力してください。", "This key is password-protected; type its password.";
    destination_field: "書き出し先（.kairan）", "Save the bundle as (.kairan)";
    sign_button: "署名して書き出す", "Sign and export";
    sign_warnings: "送付前チェックの警告が{n}件あります（署名はできます）。", "The pre-send checks report {n} warnings (signing is allowed).";
    sign_no_warnings: "送付前チェックの警告はありません。", "The pre-send checks report no warnings.";
    show_warnings: "警告を見る", "Show warnings";
    hide_warnings: "警告を隠す", "Hide warnings";
    sign_needs_fields: "鍵ファイルと書き出し先を指定してください。", "Give the key file and where to save the bundle.";
    replace_file_question: "ファイル「{path}」は既にあります。上書きしますか？", "The file {path} already exists. Replace it?";
    replace_files_question: "書き出し先フォルダ「{folder}」には、これから書き出すのと同じ名前のファイルが{n}件あります。上書きしますか？", "The folder {folder} already holds {n} of the files this export writes. Replace them?";
    replace_button: "上書きする", "Replace";
    keep_button: "やめる", "Don't replace";
    sign_refused_title: "署名できません", "Signing refused";
    sign_refused_detail: "送付前チェックでエラーが{n}件あります。原稿を直して保存すると、プレビューとチェックが更新されます。", "The pre-send checks report {n} errors. Fix them in the sources; the preview and the checks update as you save.";
    new_key_title: "新しい署名鍵を作る", "Create a signing key";
    new_key_detail: "パスワードで保護した鍵のペアを作ります。「名前.key」は事務所で厳重に保管し、「名前.pub」をお客様に渡します。パスワードから鍵を導き出すため、作るのに5〜15秒ほどかかります。", "Creates a password-protected key pair. Keep NAME.key safe at the firm; give NAME.pub to your clients. Deriving the key from the password takes 5 to 15 seconds.";
    key_base_field: "保存先と名前（名前.key と 名前.pub を作ります）", "Where and under what name (writes NAME.key and NAME.pub)";
    create_key_button: "鍵を作る", "Create key";
    key_needs_place: "鍵の保存先と名前を指定してください。", "Give where to save the key and its name.";
    key_needs_password: "パスワードを入力してください。", "Type a password.";
    key_passwords_differ: "2つのパスワードが一致しません。", "The two passwords differ.";
    key_exists: "{path}は既にあります。別の名前を指定してください。", "{path} already exists; choose another name.";
    key_created_title: "署名鍵を作りました", "Signing key created";
    key_created_secret: "秘密鍵：{path}（事務所外に出さないでください）", "Secret key: {path} (keep it at the firm)";
    key_created_public: "公開鍵：{path}（お客様に渡してください）", "Public key: {path} (give it to your clients)";
    key_id_label: "鍵ID", "Key ID";
    fingerprint_label: "鍵の指紋", "Key fingerprint";
    fingerprint_advice: "お客様から電話で確認を求められたら、この指紋を読み上げてください。", "When a client calls to confirm the key, read this fingerprint out to them.";
    clients_title: "顧客ごとに書き出す", "Export for clients";
    clients_detail: "顧客一覧（CSV：1行目は recipient,id）の各行について、その顧客宛てのファイルを1つずつ署名して書き出します。パスワードは1回だけ入力します。", "Signs one bundle per row of the client list (CSV with the header recipient,id), each addressed to that client. The password is asked once.";
    client_list_field: "顧客一覧（.csv）", "Client list (.csv)";
    output_folder_field: "書き出し先フォルダ", "Output folder";
    clients_button: "書き出す", "Export";
    clients_needs_fields: "顧客一覧、鍵ファイル、書き出し先フォルダを指定してください。", "Give the client list, the key file and the output folder.";
    signed_title: "署名して書き出しました", "Signed and exported";
    signed_verified: "検証済み：書き出したファイルをディスクから読み直し、署名とすべての項目が鍵{key_id}で確認できました。", "Verified: the written file was read back from disk; its signature and every entry check out with key {key_id}.";
    signed_with_demo_key: "公開デモ鍵で署名しました。デモ鍵の秘密鍵は公開されているため、この署名は差出人を何も証明しません。お客様に送る前に事務所の鍵で署名し直してください。", "Signed with the public demo key. Its secret half is public, so this signature proves nothing about the sender; sign with the firm's own key before sending.";
    signed_not_verified: "検証できませんでした：{verdict}", "Did not verify: {verdict}";
    open_written: "開く", "Open";
    open_written_hint: "書き出したファイルをこのビューアーで開きます（プレビューは閉じます）", "Opens the written file in this viewer (the preview closes)";
    show_folder: "フォルダを表示", "Show in folder";
    show_folder_hint: "書き出し先のフォルダをファイルマネージャーで開きます", "Opens the folder in the file manager";
    signed_file: "{path}（{size}バイト、文書{documents}件）", "{path} ({size} bytes, {documents} documents)";
    clients_done_title: "顧客ごとの書き出し", "Bundles for clients";
    clients_done_summary: "{total}件中{written}件を{folder}に書き出しました。", "Wrote {written} of {total} bundles to {folder}.";
    clients_done_failed: "{n}行は書き出せませんでした（下の一覧を確認してください）。ほかの行は書き出し済みです。", "{n} rows failed and were not written (see below); the other rows were written.";
    failed_sign: "署名・書き出しができませんでした", "Could not sign and export";
    failed_key: "鍵を作れませんでした", "Could not create the key";
    failed_clients: "顧客ごとの書き出しができませんでした", "Could not export for clients";
    failed_import_letter: "取り込めませんでした", "Could not import the letter";
    nothing_written: "ファイルは何も書き出していません。", "Nothing was written.";
    job_checking: "原稿を確認しています…", "Checking the folder…";
    job_unlocking: "鍵を開いています…（パスワードから鍵を導き出すため、5〜15秒ほどかかります）", "Unlocking the key… (deriving it from the password takes 5 to 15 seconds)";
    job_signing: "署名して書き出し、読み直して確かめています…", "Signing, writing and reading the file back…";
    job_creating_key: "鍵を作っています…（パスワードから鍵を導き出すため、5〜15秒ほどかかります）", "Creating the key… (deriving it from the password takes 5 to 15 seconds)";
    job_clients_progress: "書き出しています… {n} / {total}", "Exporting… {n} of {total}";
    job_keeps_running: "処理はバックグラウンドで行っています。完了すると結果を表示します。", "This runs in the background; the result appears when it is done.";
    print_menu: "印刷…", "Print…";
    export_pdf_menu: "PDFに書き出す…", "Export PDF…";
    print_title: "印刷", "Print";
    export_pdf_title: "PDFに書き出す", "Export PDF";
    print_intro: "印刷用のPDFを作り、既定のPDFビューアーで開きます。ビューアーの印刷（Ctrl+P）でプリンターを選んで印刷してください。", "Kairan makes a PDF for printing and opens it in your PDF viewer; print it from there (Ctrl+P), choosing the printer.";
    pdf_language: "PDFの言語：", "Language of the PDF:";
    pdf_states_verdict: "各ページに、このコンピューターでの確認結果「{verdict}」と署名者・指紋・ファイルのSHA-256を記載します。", "Every page states what this computer established (\"{verdict}\"), with the signer, the key fingerprint and the file's SHA-256.";
    pdf_no_letters: "このファイルは検証できなかったため、本文は出力しません（確認結果のみのPDFになります）。", "This file could not be verified, so its letters are left out (the PDF holds only the verdict).";
    pdf_letters_marked: "「それでも表示」を選んだため本文も出力し、すべてのページに警告を記載します。", "You chose \"Show anyway\", so the letters are included, with a warning on every page.";
    slip_include: "回覧票を1ページ目に付ける", "Add a circulation slip as the first page";
    slip_received: "受領日", "Received";
    slip_deadline: "回覧期限", "Return by";
    slip_return_to: "戻り先", "Return to";
    slip_recipients: "回覧先（1行に1つ。次回も使います）", "Pass to (one per line; kept for next time)";
    pdf_destination: "保存先：", "Save to:";
    pdf_choose: "参照…", "Browse…";
    pdf_save_button: "PDFを保存", "Save PDF";
    print_button: "PDFを作って開く", "Make the PDF and open it";
    pdf_running: "PDFを作っています…", "Making the PDF…";
    pdf_saved: "PDFを保存しました：{path}", "PDF saved: {path}";
    print_opened: "印刷用のPDFを既定のアプリで開きました。そのアプリの印刷（Ctrl+P）で印刷してください。ファイル：{path}", "The PDF for printing is open in your default app; print it from there (Ctrl+P). File: {path}";
    print_sent: "印刷用のPDFを既定のプリンターに送りました（lp）。ファイル：{path}", "The PDF was sent to the default printer (lp). File: {path}";
    print_not_opened: "印刷用のPDFを作りましたが、開けるアプリが見つかりませんでした。次のファイルをPDFビューアーで開いて印刷してください：{path}", "The PDF for printing was made, but no app could open it. Open this file in a PDF viewer and print it: {path}";
    pdf_failed: "PDFを作れませんでした：{reason}", "The PDF could not be made: {reason}";
    pdf_no_destination: "保存先を入力するか、「参照…」で選んでください。", "Type where to save the PDF, or choose it with Browse….";
    pdf_destination_folder: "保存先がフォルダーです。ファイル名まで入力してください。", "That is a folder; type a file name as well.";
    pdf_nothing_shown: "PDFにするファイルが開かれていません。", "No file is open to make a PDF of.";
    pdf_exists: "同じ名前のファイルがあります。置き換えるには、もう一度「PDFを保存」を押してください。", "A file of that name exists. Press Save PDF again to replace it.";
    pdf_not_a_file: "保存先が通常のファイルではありません。別のファイル名を入力してください。", "That is not a regular file; type another file name.";
    pdf_is_the_bundle: "保存先が表示中のファイルそのものです。別のファイル名を入力してください。", "That is the file on screen; type another file name.";
    pdf_no_file_chosen: "保存先を選べませんでした（キャンセルしたか、ファイル選択の画面を開けませんでした）。保存先の欄に直接入力できます。", "No destination was chosen (cancelled, or the file chooser could not open). You can type it in the field.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_locales_choose_japanese() {
        assert_eq!(
            Language::from_locale(Some("ja_JP.UTF-8")),
            Language::Japanese
        );
        assert_eq!(
            Language::from_locale(Some("en_US.UTF-8")),
            Language::English
        );
        assert_eq!(Language::from_locale(Some("C")), Language::English);
        assert_eq!(Language::from_locale(None), Language::English);
    }

    #[test]
    fn fill_replaces_every_placeholder() {
        assert_eq!(
            fill("{n} of {total}: {n}", &[("n", "1"), ("total", "3")]),
            "1 of 3: 1"
        );
    }

    #[test]
    fn a_value_is_never_expanded_as_a_template() {
        assert_eq!(
            fill(
                "for {recipient}, not {organisation}",
                &[("recipient", "{organisation}"), ("organisation", "Ours")]
            ),
            "for {organisation}, not Ours"
        );
        assert_eq!(fill("{unknown} {", &[("x", "y")]), "{unknown} {");
    }

    #[test]
    fn both_languages_keep_the_same_placeholders() {
        let ja = Language::Japanese.strings().all();
        let en = Language::English.strings().all();
        assert_eq!(ja.len(), en.len());
        for ((name, a), (_, b)) in ja.into_iter().zip(en) {
            assert_eq!(placeholders(a), placeholders(b), "{name}: {a} / {b}");
        }
    }

    fn japanese_text(c: char) -> bool {
        matches!(c, '\u{3000}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}')
    }

    #[test]
    fn japanese_strings_call_a_bundle_a_file_not_a_sheaf() {
        for (name, text) in Language::Japanese.strings().all() {
            assert!(!text.contains('束'), "{name}: {text}");
        }
    }

    #[test]
    fn japanese_strings_put_no_half_width_space_between_a_placeholder_and_japanese_text() {
        for (name, text) in Language::Japanese.strings().all() {
            let chars: Vec<char> = text.chars().collect();
            for (at, window) in chars.windows(3).enumerate() {
                let stray = matches!(window, ['}', ' ', next] if japanese_text(*next))
                    || matches!(window, [before, ' ', '{'] if japanese_text(*before));
                assert!(!stray, "{name}: stray space at {at} in {text}");
            }
        }
        let verified = fill(
            Language::Japanese.strings().banner_verified_title,
            &[("name", "みかさ社会保険労務士法人")],
        );
        assert_eq!(verified, "検証済み：みかさ社会保険労務士法人の署名");
    }

    #[test]
    fn the_issue_time_is_labelled_as_the_signers_own_statement() {
        let ja = Language::Japanese.strings().banner_verified_detail;
        let en = Language::English.strings().banner_verified_detail;
        assert!(ja.contains("発行日（署名者の記載）") && !ja.contains("署名日時"));
        assert!(en.contains("Issued (as the signer states)"));
    }
}
