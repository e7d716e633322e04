//! Import of a saved web page (`kairan import page.html`): headings, paragraphs, nested lists
//! and a table with a masked cell read from a real page's markup, every detection at its line
//! and column in the HTML file, the page's address and retrieval date reported to confirm,
//! scripts, navigation, media and hidden text dropped and counted, never carried.

use kairan::authoring::import::{
    DetectionKind, DetectionNote, Dropped, ImportError, ImportOptions, ImportedFolder, import_page,
};
use kairan::authoring::parse_notice;
use kairan::document::{Block, Inline, LinkTarget, inline_text, plain_text};

use crate::support::env::Env;

const PAGE: &str = "tests/fixtures/import/vendor-page.html";

fn import(html: &str) -> ImportedFolder {
    import_page(
        html,
        Some("2025-06-04"),
        &ImportOptions {
            bundle_id: "page".into(),
        },
    )
    .unwrap_or_else(|error| panic!("{error}"))
}

fn detections(folder: &ImportedFolder) -> Vec<(usize, usize, DetectionKind, String)> {
    folder
        .detections
        .iter()
        .map(|found| (found.line, found.column, found.kind, found.text.clone()))
        .collect()
}

#[test]
fn a_saved_vendor_page_is_read_with_its_table_lists_masks_and_omission_at_their_places() {
    use DetectionKind::*;
    let html = std::fs::read_to_string(PAGE).unwrap();
    let folder = import(&html);
    let url = "https://www.example-vendor.co.jp/news/2025/0603.html";
    let found = detections(&folder);
    let expected: Vec<(usize, usize, DetectionKind, String)> = vec![
        (5, 12, Page, url.into()),
        (1, 1, Page, "2025-06-04".into()),
        (1, 1, Page, String::new()),
        (1, 1, Page, String::new()),
        (1, 1, Page, String::new()),
        (1, 1, Page, String::new()),
        (1, 1, Page, String::new()),
        (
            15,
            5,
            Title,
            "不正アクセスに関する調査結果のご報告（第2報）".into(),
        ),
        (14, 17, Letter, "2025年6月3日".into()),
        (16, 4, Addressee, "お客様各位".into()),
        (17, 22, Mask, "■■■■".into()),
        (18, 5, Heading, "1. 経緯".into()),
        (23, 23, Mask, "●●●●".into()),
        (27, 5, Heading, "2. 影響を受けた情報".into()),
        (34, 4, Omission, "—省略—".into()),
        (37, 5, Heading, "3. 今後の対応".into()),
    ];
    assert_eq!(found, expected);
    let dropped: Vec<(Dropped, usize)> = folder
        .detections
        .iter()
        .filter_map(|found| match found.note {
            DetectionNote::Dropped { what, count } => Some((what, count)),
            _ => None,
        })
        .collect();
    assert_eq!(
        dropped,
        [
            (Dropped::Scripts, 1),
            (Dropped::Styles, 1),
            (Dropped::Navigation, 2),
            (Dropped::Media, 1),
            (Dropped::Hidden, 1),
        ]
    );

    let document = &folder.letters[0].document;
    assert_eq!(document.mask_count(), 2);
    assert_eq!(document.omission_count(), 1);
    let source = document.source.as_ref().unwrap();
    assert_eq!(source.url.as_deref(), Some(url));
    assert_eq!(source.retrieved.as_deref(), Some("2025-06-04"));
    assert_eq!(source.publisher.as_deref(), Some("株式会社エグザンプル"));
    assert_eq!(document.addressee_text().as_deref(), Some("お客様各位"));

    // The link is made absolute against the page's address.
    let links: Vec<(&LinkTarget, &str)> = document.links().collect();
    assert_eq!(links.len(), 1);
    assert!(
        matches!(links[0].0, LinkTarget::External { url } if url == "https://www.example-vendor.co.jp/news/2025/0520.html")
    );
    let table = document
        .body
        .iter()
        .find_map(|block| match block {
            Block::Table(table) => Some(table),
            _ => None,
        })
        .unwrap();
    assert_eq!(
        table.caption.as_deref().map(inline_text).as_deref(),
        Some("表1 主な経緯")
    );
    assert_eq!(table.header.len(), 2);
    assert_eq!(table.rows.len(), 2);
    // `&#x8ABF;` is 調.
    assert_eq!(inline_text(&table.rows[1][1]), "外部の調査会社に調査を依頼");
    assert!(matches!(table.rows[0][1][0], Inline::Mask(_)));
    let lists: Vec<(u8, Vec<String>)> = document
        .body
        .iter()
        .filter_map(|block| match block {
            Block::List { items, depth } => {
                Some((*depth, items.iter().map(|item| inline_text(item)).collect()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        lists,
        [
            (0, vec!["1. 氏名".to_owned()]),
            (1, vec!["漢字表記".to_owned(), "カナ表記".to_owned()]),
            (0, vec!["2. 住所".to_owned()]),
        ]
    );
    // Nothing dropped reaches the document; the paragraph's <br> joins its lines.
    let text = plain_text(document);
    for gone in [
        "社内向けメモ",
        "dataLayer",
        "font-family",
        "製品",
        "©",
        "構成図",
    ] {
        assert!(!text.contains(gone), "{gone} in\n{text}");
    }
    assert!(
        text.contains("対応してまいります。ご不便をおかけし"),
        "{text}"
    );

    // The written source gives the same document back.
    let written = folder
        .files
        .iter()
        .find(|file| file.path.ends_with(".notice.md"))
        .unwrap();
    assert_eq!(written.path, "documents/vendor-report-2025-06-03.notice.md");
    assert_eq!(
        &parse_notice(&written.text, &written.path).unwrap().document,
        document
    );
}

#[test]
fn a_page_without_main_drops_its_header_and_footer_and_reads_its_title_from_the_heading() {
    let folder = import(
        "<html><body><header>サイト名</header><h1>お知らせ</h1><p>本文です。<b>重要</b>な点は<a href=\"javascript:alert(1)\">こちら</a>。</p>\
         <footer>会社概要</footer></body></html>",
    );
    let document = &folder.letters[0].document;
    assert_eq!(document.title_text(), "お知らせ");
    assert_eq!(
        document.body,
        [Block::Paragraph {
            content: vec![
                Inline::text("本文です。"),
                Inline::Strong {
                    text: "重要".into()
                },
                // A link that could not be opened safely stays text.
                Inline::text("な点はこちら。"),
            ]
        }]
    );
    let notes: Vec<String> = folder
        .detections
        .iter()
        .map(|found| found.note.to_string())
        .collect();
    assert!(
        notes.contains(
            &"the page names no address of its own; add `url:` to the source by hand".to_owned()
        ),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .any(|note| note.starts_with("dropped navigation")),
        "{notes:?}"
    );
}

#[test]
fn a_page_without_a_heading_takes_its_title_element_and_a_page_without_either_is_refused() {
    let folder = import("<title>障害のお知らせ</title><p>復旧しました。</p>");
    assert_eq!(folder.letters[0].document.title_text(), "障害のお知らせ");
    assert!(
        folder
            .detections
            .iter()
            .any(|found| found.note == DetectionNote::TitleFromPageTitle)
    );
    let error = import_page(
        "<p>本文だけ</p>",
        None,
        &ImportOptions {
            bundle_id: "page".into(),
        },
    )
    .unwrap_err();
    assert_eq!(error, ImportError::NoTitle { line: 1 });
}

#[test]
fn a_hostile_page_is_read_in_bounded_time_and_its_oversized_table_is_refused() {
    // 50,000 nested elements: no stack overflow, the text kept.
    let deep = format!(
        "<h1>t</h1>{}深い本文{}",
        "<div><span>".repeat(25_000),
        "</span></div>".repeat(25_000)
    );
    let started = std::time::Instant::now();
    let folder = import(&deep);
    assert!(plain_text(&folder.letters[0].document).contains("深い本文"));
    assert!(started.elapsed().as_secs() < 60);
    let wide = format!(
        "<h1>t</h1><table><tr>{}</tr></table>",
        "<td>x</td>".repeat(20)
    );
    let error = import_page(
        &wide,
        None,
        &ImportOptions {
            bundle_id: "page".into(),
        },
    )
    .unwrap_err();
    assert!(
        matches!(error, ImportError::BadTable { line: 1, .. }),
        "{error}"
    );
    // Merged cells are split and reported.
    let merged = import(
        "<h1>t</h1><table><tr><td colspan=2>a</td></tr><tr><td>b</td><td>c</td></tr></table>",
    );
    assert!(
        merged
            .detections
            .iter()
            .any(|found| found.note == DetectionNote::MergedCells)
    );
}

#[test]
fn kairan_import_reads_a_shift_jis_page_and_takes_its_modification_date() {
    let env = Env::new();
    let page = env.path("notice.html");
    let html = "<html><head><meta charset=\"Shift_JIS\"><link rel=\"canonical\" href=\"https://example.jp/n/1\"></head>\
                <body><h1>メンテナンスのお知らせ</h1><p>2025年6月3日</p><p>作業は{{}}ではなく■■で行います。</p></body></html>";
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(html);
    std::fs::write(&page, &bytes).unwrap();
    let out = env.path("folder");
    let run = env.kairan(&[
        "import",
        page.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("MASK: ■■ — "), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("page: https://example.jp/n/1 — the page's address, from its canonical link"),
        "{}",
        run.stdout
    );
    let today = jiff::Zoned::now().date().to_string();
    assert!(
        run.stdout.contains(&format!("page: {today} — retrieved")),
        "{}",
        run.stdout
    );
    let source =
        std::fs::read_to_string(out.join("documents/vendor-notice-2025-06-03.notice.md")).unwrap();
    assert!(source.contains(&format!("retrieved: {today}")), "{source}");
    assert!(source.contains("\\{\\{\\}\\}ではなく{{■■}}"), "{source}");
}
