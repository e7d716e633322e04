//! The PDF as a reader's office receives it, read back with poppler's `pdftotext` and
//! `pdffonts`: the seed letter whole and in order, the verdict on every page in the reader's
//! own words, no letter text from a tampered file, and bundle text that stays text.

use std::path::Path;
use std::process::Command;

use kairan::bundle::{OpenedBundle, Role, TrustedKey};
use kairan::document::{Block, Document, Inline, Mask, WithheldBy};
use kairan::language::Language;
use kairan::pdf::{PdfRequest, Slip, render};
use kairan::trust::{self, Assessment, Origin, Records};

use crate::support::bundle::{Parts, manifest_entry, open, signer};
use crate::support::{describe, kairan, require_tool, temp_dir, zip};

const SEED: &str = include_str!("../../notices/mikasa-2023-06-29/seed.txt");

/// The name the reader gave the test signer's key: what every page must call the signer.
const READERS_NAME: &str = "みかさ社労士（電話で確認済み）";

fn assessed(bundle: &OpenedBundle, origin: Origin) -> Assessment {
    trust::assess(bundle, Records::default(), origin, jiff::Timestamp::now())
}

fn pdf(bundle: &OpenedBundle, origin: Origin, language: Language, show_anyway: bool) -> Vec<u8> {
    pdf_with_slip(bundle, origin, language, show_anyway, None)
}

fn pdf_with_slip(
    bundle: &OpenedBundle,
    origin: Origin,
    language: Language,
    show_anyway: bool,
    slip: Option<&Slip>,
) -> Vec<u8> {
    let assessment = assessed(bundle, origin);
    let bytes = render(&PdfRequest {
        bundle,
        assessment: &assessment,
        language,
        show_anyway,
        slip,
        checked_at: jiff::Timestamp::now(),
        cautions: &[],
    })
    .expect("the PDF is made");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF file");
    bytes
}

/// The text of each page, as `pdftotext` reads it.
fn pages(pdf: &[u8]) -> Vec<String> {
    require_tool("pdftotext", "poppler-utils");
    let dir = temp_dir();
    let path = dir.path().join("notice.pdf");
    std::fs::write(&path, pdf).unwrap();
    let output = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", describe(&output));
    let text = String::from_utf8(output.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\x0c').map(str::to_owned).collect();
    if pages.last().is_some_and(|page| page.trim().is_empty()) {
        pages.pop();
    }
    pages
}

fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A page's letter text: after the verdict strip (which ends with its "what to do" line) and
/// before the notes (※1 …) and the footer (which starts with the key fingerprint), with note
/// marks (※1) taken out.
fn body_of(page: &str) -> String {
    let lines: Vec<&str> = page.lines().collect();
    let start = lines
        .iter()
        .position(|line| line.starts_with("次にすること："))
        .map_or(0, |index| index + 1);
    let end = lines[start..]
        .iter()
        .position(|line| {
            let line = line.trim_start();
            line.starts_with("署名鍵の指紋")
                || line
                    .strip_prefix('※')
                    .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
        })
        .map_or(lines.len(), |index| start + index);
    let body = squeezed(&lines[start..end].join("\n"));
    let mut out = String::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '※' && chars.peek().is_some_and(char::is_ascii_digit) {
            while chars.peek().is_some_and(char::is_ascii_digit) {
                chars.next();
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn sample_file_bundle() -> OpenedBundle {
    kairan::sample::open_sample().expect("the sample opens")
}

#[test]
fn the_samples_pdf_holds_every_line_of_the_seed_in_order() {
    assert!(!SEED.contains('※'), "the seed has no ※ of its own");
    let bundle = sample_file_bundle();
    let pages = pages(&pdf(
        &bundle,
        Origin::BuiltInSample,
        Language::Japanese,
        false,
    ));
    let body: String = pages.iter().map(|page| body_of(page)).collect();
    let mut from = 0;
    for line in SEED.lines() {
        let line = line.trim_start();
        let line = squeezed(line.strip_prefix("- ").unwrap_or(line));
        if line.is_empty() {
            continue;
        }
        match body[from..].find(&line) {
            Some(at) => from += at + line.len(),
            None => panic!(
                "the seed line {line:?} is missing from the PDF after {:?}",
                body[..from].chars().rev().take(40).collect::<String>()
            ),
        }
    }
}

#[test]
fn the_pdf_embeds_the_programs_font() {
    require_tool("pdffonts", "poppler-utils");
    let dir = temp_dir();
    let path = dir.path().join("sample.pdf");
    std::fs::write(
        &path,
        pdf(
            &sample_file_bundle(),
            Origin::BuiltInSample,
            Language::Japanese,
            false,
        ),
    )
    .unwrap();
    let output = Command::new("pdffonts").arg(&path).output().unwrap();
    assert!(output.status.success(), "{}", describe(&output));
    let listing = String::from_utf8(output.stdout).unwrap();
    let fonts: Vec<&str> = listing.lines().skip(2).collect();
    assert!(!fonts.is_empty(), "{listing}");
    assert!(
        fonts.iter().any(|font| font.contains("BIZUDGothic")),
        "{listing}"
    );
    for font in fonts {
        let columns: Vec<&str> = font.split_whitespace().collect();
        // name type [type] encoding emb sub uni object ID: `emb` is the fifth from the end.
        let emb = columns[columns.len() - 5];
        assert_eq!(emb, "yes", "every font is embedded: {font}");
    }
}

fn paragraph(text: &str) -> Block {
    Block::Paragraph {
        content: vec![Inline::text(text)],
    }
}

fn letter(title: &str, body: Vec<Block>) -> Document {
    Document {
        date: None,
        addressee: None,
        issuer: Vec::new(),
        title: Inline::line(title),
        source: None,
        body,
        closing: None,
    }
}

/// A bundle of one firm notice `document`, signed by the test signer.
fn bundle_of(document: &Document) -> Parts {
    let mut parts = Parts::new(&signer());
    let bytes = document.to_json();
    parts.payload = vec![("documents/notice.json".to_owned(), bytes.clone())];
    parts.manifest.entries = vec![manifest_entry(
        "documents/notice.json",
        &bytes,
        Role::FirmNotice,
    )];
    parts
}

fn readers_keys() -> Vec<TrustedKey> {
    vec![TrustedKey {
        name: READERS_NAME.into(),
        public_key: signer().public,
    }]
}

fn opened(bytes: &[u8]) -> OpenedBundle {
    open(bytes, &readers_keys()).expect("the bundle opens")
}

fn masked_letter() -> Document {
    let mut body = vec![Block::Paragraph {
        content: vec![
            Inline::text("障害の起きた"),
            Inline::Mask(Mask {
                marker: "■■■■-■■-■■■■".into(),
                label: Some("サーバ名".into()),
                reason: Some("攻撃者に悪用されないため".into()),
                masked_by: WithheldBy::Author,
            }),
            Inline::text("サーバを停止しました。"),
        ],
    }];
    // Long enough for several pages, so that "every page" means something.
    for n in 0..120 {
        body.push(paragraph(&format!(
            "第{n}段落。復旧の見通しについては、確認が取れ次第あらためてお知らせいたします。"
        )));
    }
    letter("システム障害のお知らせ", body)
}

#[test]
fn every_page_names_the_signer_as_the_reader_named_the_key_and_notes_carry_reasons() {
    let bundle = opened(&bundle_of(&masked_letter()).build(&signer()));
    let pages = pages(&pdf(&bundle, Origin::File, Language::Japanese, false));
    assert!(pages.len() >= 3, "{} pages", pages.len());
    for (number, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&format!("署名者：「{READERS_NAME}」")),
            "page {}: {page}",
            number + 1
        );
        assert!(page.contains("✓ 検証済み"), "page {}", number + 1);
        assert!(page.contains("写しです"), "page {}", number + 1);
        assert!(
            page.contains(&format!("{} / {} ページ", number + 1, pages.len())),
            "page {}",
            number + 1
        );
    }
    let all = squeezed(&pages.concat());
    assert!(
        all.contains(
            "伏せ字伏せた内容：「サーバ名」理由：「攻撃者に悪用されないため」伏せた人：原文の作成者"
        ),
        "{all}"
    );
    assert!(
        !all.contains("署名者：「テスト法人」"),
        "the bundle's own claim is never the signer"
    );
}

#[test]
fn a_mask_marker_is_never_broken_across_lines() {
    let bundle = opened(&bundle_of(&masked_letter()).build(&signer()));
    let text = pages(&pdf(&bundle, Origin::File, Language::Japanese, false)).concat();
    assert!(
        text.lines().any(|line| line.contains("■■■■-■■-■■■■")),
        "the marker stays on one line: {text}"
    );
}

#[test]
fn a_demo_key_bundle_says_demo_key_on_every_page() {
    let bundle = sample_file_bundle();
    let pages = pages(&pdf(&bundle, Origin::File, Language::Japanese, false));
    assert!(pages.len() >= 2);
    for (number, page) in pages.iter().enumerate() {
        assert!(page.contains("デモ鍵・未検証"), "page {}", number + 1);
        assert!(!page.contains("検証済み"), "page {}", number + 1);
    }
}

/// The masked letter's bundle with its document altered after signing.
fn tampered() -> OpenedBundle {
    let parts = bundle_of(&masked_letter());
    let mut entries = parts.entries(&signer());
    let altered = letter(
        "システム障害のお知らせ",
        vec![paragraph("差し替えられた偽の本文です。")],
    )
    .to_json();
    let last = entries.len() - 1;
    entries[last] = zip::Entry::stored("documents/notice.json", &altered);
    let bundle = opened(&zip::write(&entries).bytes);
    assert_eq!(
        assessed(&bundle, Origin::File).status,
        trust::Status::Tampered
    );
    bundle
}

#[test]
fn a_tampered_bundle_exports_no_letter_text_unless_shown_anyway() {
    let bundle = tampered();
    let pages = pages(&pdf(&bundle, Origin::File, Language::Japanese, false));
    let all = pages.concat();
    assert!(!all.contains("偽の本文"), "{all}");
    assert!(all.contains("本文は出力していません"), "{all}");
    for page in &pages {
        assert!(page.contains("改ざんあり"), "{page}");
    }

    let pages = self::pages(&pdf(&bundle, Origin::File, Language::Japanese, true));
    assert!(pages.concat().contains("偽の本文"));
    assert!(
        pages
            .concat()
            .contains("署名された後に書き換えられています")
    );
    for page in &pages {
        assert!(page.contains("改ざんあり"), "{page}");
    }
}

#[test]
fn bundle_text_that_looks_like_markup_is_printed_as_written() {
    let hostile = [
        "#read(\"/etc/passwd\")",
        "#include \"/etc/passwd\"",
        "#set page(width: 1cm)",
        "\\input{/etc/passwd}",
        "<script>alert(1)</script>",
        "%s %n {0} {name} $x^2$ *bold* _em_ `raw` @ref <label>",
        "// not a comment /* nor this */ ] ) }",
    ];
    let document = Document {
        issuer: vec![Inline::line("#import \"@preview/evil:0.1.0\": *")],
        title: Inline::line("#pagebreak() タイトル"),
        ..letter("", hostile.iter().map(|text| paragraph(text)).collect())
    };
    let bundle = opened(&bundle_of(&document).build(&signer()));
    let pages = pages(&pdf(&bundle, Origin::File, Language::Japanese, false));
    let all = squeezed(&pages.concat());
    for text in hostile.iter().chain(
        [
            "#import \"@preview/evil:0.1.0\": *",
            "#pagebreak() タイトル",
        ]
        .iter(),
    ) {
        assert!(all.contains(&squeezed(text)), "{text:?} is printed: {all}");
    }
    assert!(!all.contains("root:x:0:0"), "no file was read");
    assert_eq!(
        pages.len(),
        1,
        "no page break or page size came from the bundle"
    );
}

#[test]
fn hidden_characters_in_bundle_text_are_made_visible() {
    let document = letter(
        "請求書\u{202e}fdp.exe",
        vec![paragraph("支払先\u{200b}口座")],
    );
    let bundle = opened(&bundle_of(&document).build(&signer()));
    let all = pages(&pdf(&bundle, Origin::File, Language::Japanese, false)).concat();
    assert!(!all.contains('\u{202e}') && !all.contains('\u{200b}'));
    assert!(all.to_lowercase().contains("\\u{202e}"), "{all}");
}

#[test]
fn the_circulation_slip_comes_first_with_a_seal_box_per_recipient() {
    let bundle = sample_file_bundle();
    let slip = Slip {
        received: "2023年6月30日".into(),
        deadline: "7月7日".into(),
        return_to: "総務部".into(),
        recipients: vec!["人事部".into(), "経理部".into(), "社長".into()],
    };
    let pages = pages(&pdf_with_slip(
        &bundle,
        Origin::BuiltInSample,
        Language::Japanese,
        false,
        Some(&slip),
    ));
    let first = squeezed(&pages[0]);
    for text in [
        "回覧票",
        "件名",
        "利用システム障害に伴う個人情報の状況に関して",
        "受領日",
        "2023年6月30日",
        "回覧期限",
        "7月7日",
        "戻り先",
        "総務部",
        "回覧先",
        "確認印",
        "確認日",
        "人事部",
        "経理部",
        "社長",
        "見本・デモ鍵",
    ] {
        assert!(first.contains(text), "{text} on the slip: {first}");
    }
    assert!(
        !first.contains("時下ますます"),
        "the letters start on the next page"
    );
    assert!(squeezed(&pages[1]).contains("時下ますます"));

    let english = self::pages(&pdf_with_slip(
        &bundle,
        Origin::BuiltInSample,
        Language::English,
        false,
        Some(&slip),
    ));
    assert!(english[0].contains("Circulation slip"), "{}", english[0]);
    assert!(english[0].contains("SAMPLE — DEMO KEY"), "{}", english[0]);
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn kairan_pdf_writes_the_pdf_and_exits_with_the_verdict() {
    let dir = temp_dir();
    let out = dir.path().join("sample.pdf");
    let output = kairan()
        .args([
            "pdf",
            "--sample",
            "--slip",
            "--lang",
            "ja",
            "--recipient",
            "総務部",
            "-o",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", describe(&output));
    let bytes = std::fs::read(&out).unwrap();
    assert!(squeezed(&pages(&bytes)[0]).contains("回覧票"));

    let file = write(dir.path(), "sample.kairan", kairan::sample::SAMPLE_BUNDLE);
    let demo_out = dir.path().join("demo.pdf");
    let output = kairan()
        .args(["pdf", "--lang", "en", "-o"])
        .arg(&demo_out)
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(i32::from(trust::exit::UNKNOWN_SIGNER)),
        "{}",
        describe(&output)
    );
    assert!(pages(&std::fs::read(&demo_out).unwrap())[0].contains("DEMO KEY"));

    let broken = write(dir.path(), "broken.kairan", b"not a bundle");
    let broken_out = dir.path().join("broken.pdf");
    let output = kairan()
        .args(["pdf", "-o"])
        .arg(&broken_out)
        .arg(&broken)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(i32::from(trust::exit::UNREADABLE)),
        "{}",
        describe(&output)
    );
    assert!(
        !broken_out.exists(),
        "no PDF for a file that cannot be read"
    );
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("no PDF was written"),
        "{}",
        describe(&output)
    );
}

#[test]
fn a_long_claimed_name_cannot_push_the_verdict_off_the_page() {
    let mut parts = bundle_of(&masked_letter());
    parts.manifest.issuer.name = "株式会社".repeat(500);
    let bundle = open(&parts.build(&signer()), &[]).expect("the bundle opens");
    let pages = pages(&pdf(&bundle, Origin::File, Language::Japanese, false));
    for page in &pages {
        let first: String = page.lines().take(2).collect();
        assert!(
            first.contains("未検証"),
            "the verdict opens the page: {first}"
        );
        assert!(page.contains("（未確認の自称）"), "{page}");
    }
}

#[test]
fn quotation_marks_inside_a_value_become_nested_quotes_not_codes() {
    let mut document = masked_letter();
    if let Block::Paragraph { content } = &mut document.body[0]
        && let Inline::Mask(mask) = &mut content[1]
    {
        mask.reason = Some("「報告書」は厳秘扱いのため".into());
    }
    let bundle = opened(&bundle_of(&document).build(&signer()));
    let all = squeezed(&pages(&pdf(&bundle, Origin::File, Language::Japanese, false)).concat());
    assert!(
        all.contains("理由：「『報告書』は厳秘扱いのため」"),
        "{all}"
    );
    assert!(!all.contains("\\u{"), "{all}");
}

#[test]
fn a_tampered_title_appears_nowhere_not_on_the_slip_nor_in_the_metadata() {
    let bundle = tampered();
    let slip = Slip::default();
    let bytes = pdf_with_slip(
        &bundle,
        Origin::File,
        Language::Japanese,
        false,
        Some(&slip),
    );
    let all = pages(&bytes).concat();
    assert!(!all.contains("システム障害のお知らせ"), "{all}");
    assert!(all.contains("確認結果のため記載しません"), "{all}");
    let dir = temp_dir();
    let path = write(dir.path(), "t.pdf", &bytes);
    let info = Command::new("pdfinfo").arg(&path).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(!info.contains("システム障害"), "{info}");
}

#[test]
fn kairan_pdf_refuses_to_replace_the_bundle_or_a_folder() {
    let dir = temp_dir();
    let file = write(dir.path(), "sample.kairan", kairan::sample::SAMPLE_BUNDLE);
    for output in [file.clone(), dir.path().to_path_buf()] {
        let result = kairan()
            .args(["pdf", "-o"])
            .arg(&output)
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(result.status.code(), Some(1), "{}", describe(&result));
    }
    assert_eq!(
        std::fs::read(&file).unwrap(),
        kairan::sample::SAMPLE_BUNDLE,
        "the bundle is untouched"
    );
}

#[test]
fn a_notice_with_more_notes_than_kairan_prints_gets_a_clear_error_instead_of_a_pdf() {
    let mask = Inline::Mask(Mask {
        marker: "■".into(),
        label: None,
        reason: None,
        masked_by: WithheldBy::NotStated,
    });
    let content = vec![mask; kairan::pdf::MAX_PRINTED_NOTES + 1];
    let document = letter("伏せ字だらけ", vec![Block::Paragraph { content }]);
    let bundle = opened(&bundle_of(&document).build(&signer()));
    let assessment = assessed(&bundle, Origin::File);
    let result = render(&PdfRequest {
        bundle: &bundle,
        assessment: &assessment,
        language: Language::Japanese,
        show_anyway: false,
        slip: None,
        checked_at: jiff::Timestamp::now(),
        cautions: &[],
    });
    assert!(
        matches!(result, Err(kairan::pdf::PdfError::TooManyNotes { count, .. }) if count == kairan::pdf::MAX_PRINTED_NOTES + 1),
        "{result:?}"
    );
}
