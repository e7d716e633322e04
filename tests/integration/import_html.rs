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

/// The first table of the imported page.
fn first_table(folder: &ImportedFolder) -> &kairan::document::Table {
    folder.letters[0]
        .document
        .body
        .iter()
        .find_map(|block| match block {
            Block::Table(table) => Some(table),
            _ => None,
        })
        .expect("a table")
}

/// Each row's cells as text.
fn cell_texts(table: &kairan::document::Table) -> Vec<Vec<String>> {
    table
        .rows
        .iter()
        .map(|row| row.iter().map(|cell| inline_text(cell)).collect())
        .collect()
}

/// Runs `kairan import PAGE -o OUT`, which must succeed.
fn kairan_import(
    env: &Env,
    page: &std::path::Path,
    out: &std::path::Path,
) -> crate::support::env::Run {
    let run = env.kairan(&[
        "import",
        page.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    run
}

/// Whether the import reported `note`.
fn has_note(folder: &ImportedFolder, note: &DetectionNote) -> bool {
    folder.detections.iter().any(|found| &found.note == note)
}

/// Why `html` is refused.
fn import_error(html: &str) -> ImportError {
    import_page(
        html,
        None,
        &ImportOptions {
            bundle_id: "page".into(),
        },
    )
    .unwrap_err()
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
        // Each kind dropped, where its first element stands.
        (7, 1, Page, String::new()),
        (8, 1, Page, String::new()),
        (11, 1, Page, String::new()),
        (35, 1, Page, String::new()),
        (36, 1, Page, String::new()),
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
            (Dropped::Styles, 1),
            (Dropped::Scripts, 1),
            (Dropped::Navigation, 2),
            (Dropped::Hidden, 1),
            (Dropped::Media, 1),
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
    let table = first_table(&folder);
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
    assert!(has_note(&folder, &DetectionNote::TitleFromPageTitle));
    let error = import_error("<p>本文だけ</p>");
    assert_eq!(error, ImportError::NoPageTitle);
}

#[test]
fn a_hostile_page_is_read_in_bounded_time_and_its_oversized_table_is_refused() {
    // 400 nested elements: no stack overflow, the text kept; 100,000 are refused before
    // the parser (which takes time in the square of the depth) sees them.
    let deep = |levels: usize| {
        format!(
            "<h1>t</h1>{}深い本文{}",
            "<div><span>".repeat(levels / 2),
            "</span></div>".repeat(levels / 2)
        )
    };
    let folder = import(&deep(400));
    assert!(plain_text(&folder.letters[0].document).contains("深い本文"));
    let error = import_error(&deep(100_000));
    assert_eq!(error, ImportError::PageTooDeep { depth: 100_000 });
    let wide = format!(
        "<h1>t</h1><table><tr>{}</tr></table>",
        "<td>x</td>".repeat(20)
    );
    let error = import_error(&wide);
    assert!(
        matches!(error, ImportError::BadTable { line: 1, .. }),
        "{error}"
    );
    // Merged cells are split and reported.
    let merged = import(
        "<h1>t</h1><table><tr><td colspan=2>a</td></tr><tr><td>b</td><td>c</td></tr></table>",
    );
    assert!(has_note(&merged, &DetectionNote::MergedCells));
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
    let run = kairan_import(&env, &page, &out);
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

fn body_text(folder: &ImportedFolder) -> String {
    plain_text(&folder.letters[0].document)
}

const HEAD: &str = "<html><body><p>2025年6月3日</p><h1>お知らせ</h1><p>お客様各位</p>";

#[test]
fn text_the_page_hides_or_blacks_out_with_its_style_never_reaches_the_folder() {
    let folder = import(
        "<html><head><style>.hid { display:none } p.bar{color:#000;background:#000}</style></head>\
         <body><h1>お知らせ</h1><p class=\"hid\">社内メモ</p>\
         <p>接続先は<span style=\"background: black; color: #000000\">db-prod-01</span>です。</p>\
         <p class=\"bar\">担当者 山田</p><p aria-hidden=\"TRUE\">隠し</p><p style=\"opacity:0\">透明</p>\
         <dialog>閉じた窓</dialog></body></html>",
    );
    let text = body_text(&folder);
    for secret in ["社内メモ", "db-prod-01", "山田", "隠し", "透明", "閉じた窓"] {
        assert!(!text.contains(secret), "{secret} in\n{text}");
    }
    // The blacked-out words are masks, reported where the page has them.
    let document = &folder.letters[0].document;
    assert_eq!(document.mask_count(), 2, "{text}");
    assert!(text.contains("接続先は■■■■です。"), "{text}");
    let blacked: Vec<(usize, usize)> = folder
        .detections
        .iter()
        .filter(|found| found.note == DetectionNote::BlackedOut)
        .map(|found| (found.line, found.column))
        .collect();
    assert_eq!(blacked.len(), 2);
    let hidden = folder.detections.iter().find_map(|found| match found.note {
        DetectionNote::Dropped {
            what: Dropped::Hidden,
            count,
        } => Some(count),
        _ => None,
    });
    assert_eq!(hidden, Some(4));
    // An outside style sheet may hide text too: the report says so.
    let linked = import(
        "<html><head><link rel=\"stylesheet\" href=\"site.css\"></head><body><h1>t</h1><p>a</p></body></html>",
    );
    assert!(has_note(&linked, &DetectionNote::UnreadStyle));
}

#[test]
fn visible_text_outside_main_is_kept_and_only_the_sites_header_footer_and_nav_go() {
    let folder = import(
        "<html><body><header><nav>メニュー</nav></header><h1>お知らせ</h1>\
         <main><article><p>関連記事</p></article><article><p>本文■■■■です。</p>\
         <aside>補足●●●●</aside></article></main>\
         <div><p>追記：顧客情報＊＊＊件</p></div><footer>会社概要</footer></body></html>",
    );
    let text = body_text(&folder);
    for kept in [
        "関連記事",
        "本文■■■■です。",
        "補足●●●●",
        "追記：顧客情報＊＊＊件",
    ] {
        assert!(text.contains(kept), "{kept} missing from\n{text}");
    }
    for gone in ["メニュー", "会社概要"] {
        assert!(!text.contains(gone), "{gone} in\n{text}");
    }
    assert_eq!(folder.letters[0].document.title_text(), "お知らせ");
    assert_eq!(folder.letters[0].document.mask_count(), 3);
}

#[test]
fn table_cells_keep_their_columns_and_their_paragraphs() {
    let folder = import(&format!(
        "{HEAD}<table><tr><th>日時</th><th>区分</th><th>内容</th></tr>\
         <tr><td rowspan=\"2\">6月1日</td><td>検知</td><td><p>調査中です。</p><p>詳細は■■■■社が分析中。</p></td></tr>\
         <tr><td>遮断</td><td><ul><li>A</li><li>B</li></ul></td></tr></table>"
    ));
    let table = first_table(&folder);
    let rows = cell_texts(table);
    assert_eq!(
        rows,
        [
            vec!["6月1日", "検知", "調査中です。詳細は■■■■社が分析中。"],
            vec!["", "遮断", "A B"],
        ]
    );
    assert_eq!(folder.letters[0].document.mask_count(), 1);
    assert_eq!(
        folder.letters[0].document.body.len(),
        1,
        "nothing moved out of the table"
    );
}

#[test]
fn lists_are_numbered_as_shown_and_kept_apart() {
    let folder = import(&format!(
        "{HEAD}<ol type=\"a\"><li><p>一</p><p>続き</p></li><li>二</li></ol>\
         <ol reversed><li>x</li><li>y</li></ol><ul><li>別の</li></ul>"
    ));
    let lists: Vec<Vec<String>> = folder.letters[0]
        .document
        .body
        .iter()
        .filter_map(|block| match block {
            Block::List { items, .. } => Some(items.iter().map(|item| inline_text(item)).collect()),
            _ => None,
        })
        .collect();
    assert_eq!(
        lists,
        [
            vec!["a. 一続き".to_owned(), "b. 二".to_owned()],
            vec!["2. x".to_owned(), "1. y".to_owned()],
            vec!["別の".to_owned()],
        ]
    );
}

#[test]
fn positions_hold_after_long_markup_and_links_are_never_invented() {
    let icon = format!(
        "<svg viewBox=\"0 0 10 10\">{}</svg>",
        "<path d=\"M0 0L1 1\"/>".repeat(60)
    );
    let folder = import(&format!(
        "<html><head><base href=\"https://base.example.jp/dir/\"></head><body>\n<h1>t</h1>\n{icon}<p>担当サーバ■■■■</p>\n\
         <p><a href=\"javascript:alert(1)\">危険</a>と<a href=\"x.html\">相対</a>と<a href=\"https://x.jp/a)b\">括弧</a></p>\n\
         <p>本文 &lt;!-- saved from url=(0014)https://txt.jp/ --&gt;</p></body></html>"
    ));
    let mask = folder
        .detections
        .iter()
        .find(|found| found.kind == DetectionKind::Mask)
        .unwrap();
    let column = icon.chars().count() + "<p>担当サーバ".chars().count() + 1;
    assert_eq!((mask.line, mask.column), (3, column));
    let document = &folder.letters[0].document;
    let links: Vec<String> = document
        .links()
        .map(|(target, _)| match target {
            LinkTarget::External { url } => url.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(links, ["https://base.example.jp/dir/x.html"]);
    // Text that reads like the browser's comment is text, not where the page came from.
    assert_eq!(document.source.as_ref().unwrap().url, None);
}

#[test]
fn a_page_without_a_heading_still_has_its_date_and_addressee_and_a_folder_that_checks() {
    let env = Env::new();
    let page = env.path("n.html");
    std::fs::write(
        &page,
        "<title>t</title><p>2025年6月3日</p><p>お客様各位</p><p>本文&shy;です\u{200b}。</p>",
    )
    .unwrap();
    let out = env.path("folder");
    let run = kairan_import(&env, &page, &out);
    assert!(
        run.stdout.contains("addressee: お客様各位"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("invisible characters"),
        "{}",
        run.stdout
    );
    let check = env.kairan(&["check", out.to_str().unwrap()]);
    assert!(!check.stdout.contains("error ["), "{}", check.stdout);
    // Without a dated paragraph, the folder is dated the day of the import.
    std::fs::write(&page, "<h1>t</h1><p>本文</p>").unwrap();
    let undated = env.path("undated");
    kairan_import(&env, &page, &undated);
    let check = env.kairan(&["check", undated.to_str().unwrap()]);
    assert!(!check.stdout.contains("error ["), "{}", check.stdout);
}

#[test]
fn a_page_wrapped_in_a_form_keeps_its_notice_and_drops_only_the_controls() {
    let folder = import(
        "<!DOCTYPE html><html><body><form method=\"post\" id=\"form1\"><div id=\"main\">\
         <p>2025年6月3日</p><h1>システム障害のお詫び</h1><p>お客様各位</p>\
         <p>サービス■■■■が停止しました。</p><p>—中略—</p><input type=\"hidden\" value=\"x\">\
         </div></form></body></html>",
    );
    let document = &folder.letters[0].document;
    assert_eq!(document.title_text(), "システム障害のお詫び");
    assert_eq!(document.mask_count(), 1);
    assert_eq!(document.omission_count(), 1);
    assert!(document.date.is_some());
}

#[test]
fn black_bars_made_with_backgrounds_alone_are_masks_and_visible_text_stays() {
    let folder = import(
        "<!DOCTYPE html><html><head><style>\
         .items{font-size:0} .items li{display:inline-block;font-size:14px}\
         .pc{display:none} .pc{display:block} .kuro{background-color:#111}\
         </style><style media=\"print\">.screen-only{display:none}</style></head><body>\
         <h1>お知らせ</h1>\
         <p>担当は<span style=\"background:#000\">山田花子</span>です。</p>\
         <p>対象は<span class=\"kuro\">佐藤</span>と\
         <span style=\"background:#000\"><span style=\"color:#000\">鈴木</span></span>です。</p>\
         <ul class=\"items\"><li>氏名</li><li>住所</li></ul>\
         <p class=\"pc\">再表示</p><p class=\"screen-only\">画面の文</p>\
         <div style=\"visibility:hidden\">隠れた<span style=\"visibility:visible\">見える</span></div>\
         <p style=\"color:transparent\">透明</p><noframes>古い</noframes>\
         </body></html>",
    );
    let text = body_text(&folder);
    for secret in ["山田花子", "佐藤", "鈴木", "隠れた", "透明", "古い"] {
        assert!(!text.contains(secret), "{secret} in\n{text}");
    }
    for shown in ["氏名", "住所", "再表示", "画面の文", "見える"] {
        assert!(text.contains(shown), "{shown} missing from\n{text}");
    }
    assert_eq!(folder.letters[0].document.mask_count(), 3, "{text}");
}

#[test]
fn cells_span_rows_only_within_their_group_and_positions_follow_character_references() {
    let folder = import(
        "<!DOCTYPE html><html><body><h1>t</h1>\n<table><thead><tr><th rowspan=2>区分</th><th>項目</th></tr></thead>\n\
         <tbody><tr><td rowspan=\"2.9\">個人</td><td>氏名</td></tr><tr><td>住所</td></tr></tbody>\n\
         <tbody><tr><td>法人</td><td>社名</td></tr></tbody></table>\n\
         <p>&mdash;省略&mdash;</p>\n<p>ID: a&lt;b&gt;c ■■■■</p>\n</body></html>",
    );
    let table = first_table(&folder);
    let rows = cell_texts(table);
    assert_eq!(
        rows,
        [vec!["個人", "氏名"], vec!["", "住所"], vec!["法人", "社名"],]
    );
    // The header's rowspan stops at the end of its group, as in a browser.
    assert_eq!(table.header.len(), 2);
    let places: Vec<(usize, usize, DetectionKind)> = folder
        .detections
        .iter()
        .filter(|found| matches!(found.kind, DetectionKind::Mask | DetectionKind::Omission))
        .map(|found| (found.line, found.column, found.kind))
        .collect();
    assert_eq!(
        places,
        [
            (5, 4, DetectionKind::Omission),
            (6, 20, DetectionKind::Mask)
        ]
    );
}

#[test]
fn many_dropped_elements_are_counted_and_links_get_lower_case_schemes() {
    let scripts = format!(
        "<h1>t</h1>{}<p><a href=\"HTTPS://X.EXAMPLE/a\">大文字</a></p>",
        "<p><script>x</script><img src=a.png></p>".repeat(20_000)
    );
    // Its time against the element count is measured in benches/import.rs.
    let folder = import(&scripts);
    let dropped = folder.detections.iter().find_map(|found| match found.note {
        DetectionNote::Dropped {
            what: Dropped::Scripts,
            count,
        } => Some(count),
        _ => None,
    });
    assert_eq!(dropped, Some(20_000));
    let links: Vec<String> = folder.letters[0]
        .document
        .links()
        .map(|(target, _)| match target {
            LinkTarget::External { url } => url.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(links, ["https://X.EXAMPLE/a"]);
}

#[test]
fn bulleted_lines_after_a_line_break_stay_apart_and_a_logo_heading_is_not_the_title() {
    let folder = import(
        "<!DOCTYPE html><html><body><div id=\"header\"><h1>株式会社サンプル</h1></div><main>\
         <h1>障害のお知らせ</h1><p>対象は次のとおり<br>・氏名<br>・住所</p></main></body></html>",
    );
    let document = &folder.letters[0].document;
    assert_eq!(document.title_text(), "障害のお知らせ");
    let text = plain_text(document);
    assert!(text.contains("株式会社サンプル"), "{text}");
    assert!(!text.contains("とおり・氏名"), "{text}");
    assert!(has_note(&folder, &DetectionNote::NoPageDate));
}

#[test]
fn pages_the_fuzzer_found_import_into_documents_their_sources_give_back() {
    for found in [
        "fuzz-control-in-title.bin",
        "fuzz-adjacent-bold.bin",
        "fuzz-bold-punctuation.bin",
        "fuzz-scheme-case.bin",
        "fuzz-bar-in-cell-link.bin",
    ] {
        let bytes = std::fs::read(format!("tests/fixtures/import/{found}")).unwrap();
        let html = String::from_utf8_lossy(&bytes);
        let folder = import(&html);
        let document = &folder.letters[0].document;
        let json = kairan::document::Document::from_json(&document.to_json()).unwrap();
        assert_eq!(&json, document, "{found}");
        let source = folder
            .files
            .iter()
            .find(|file| file.path.ends_with(".notice.md"))
            .unwrap();
        let parsed = parse_notice(&source.text, &source.path).unwrap();
        assert_eq!(&parsed.document, document, "{found}:\n{}", source.text);
    }
}
