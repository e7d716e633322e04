//! Tables and nested lists (document format version 2): typed in a notice source, read into
//! the model with masks in cells, refused with a position when malformed, written back to the
//! same source, stored as version 2, checked for personal data and printed.

use kairan::authoring::SourceProblem;
use kairan::authoring::checks::{FindingCode, check_dir};
use kairan::authoring::{parse_notice, write_notice};
use kairan::document::letter::PartKey;
use kairan::document::{Block, Document, Inline, WithheldKind, withheld_items};

use crate::checks::plant_paragraph;
use crate::support::sample_copy;

const HEAD: &str = "---\ntitle: 経緯のご報告\n---\n\n";

const TIMELINE: &str = "表：主な経緯\n\
| 日時 | 内容 |\n\
| --- | --- |\n\
| 6月26日 | {{■■■■ | label: サーバ名 | reason: 攻撃を防ぐため}}で異常を検知 |\n\
| 6月27日 | 外部調査会社\\｜{{●●●● | label: 社名}}に依頼 \\| 継続中 |\n\
｜6月28日｜第1報を公表｜\n";

fn parsed(body: &str) -> Document {
    match parse_notice(&format!("{HEAD}{body}"), "r.notice.md") {
        Ok(parsed) => parsed.document,
        Err(errors) => panic!("{errors:?}"),
    }
}

fn problems(body: &str) -> Vec<(usize, usize, SourceProblem)> {
    match parse_notice(&format!("{HEAD}{body}"), "r.notice.md") {
        Ok(parsed) => panic!("parsed: {:?}", parsed.document.body),
        Err(errors) => errors
            .into_iter()
            .map(|error| (error.line, error.column, error.problem))
            .collect(),
    }
}

fn text(runs: &[Inline]) -> String {
    kairan::document::inline_text(runs)
}

#[test]
fn a_table_is_read_with_its_caption_header_and_masked_cells() {
    let document = parsed(TIMELINE);
    let [Block::Table(table)] = document.body.as_slice() else {
        panic!("{:?}", document.body);
    };
    assert_eq!(
        table.caption.as_deref().map(text).as_deref(),
        Some("主な経緯")
    );
    let header: Vec<String> = table.header.iter().map(|cell| text(cell)).collect();
    assert_eq!(header, ["日時", "内容"]);
    let rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|row| row.iter().map(|cell| text(cell)).collect())
        .collect();
    assert_eq!(
        rows,
        [
            ["6月26日", "■■■■で異常を検知"],
            // Bars inside a cell, full-width or not, are escaped; a mask's own bars are not.
            ["6月27日", "外部調査会社｜●●●●に依頼 | 継続中"],
            ["6月28日", "第1報を公表"],
        ]
        .map(|row| row.map(str::to_owned).to_vec())
    );
    let items = withheld_items(&document);
    assert_eq!(items.len(), 2);
    // Caption 0, header cells 1–2, then row by row: the first row's second cell is run 4.
    assert_eq!(items[0].place, PartKey::Block { block: 0, item: 4 });
    assert_eq!(items[1].place, PartKey::Block { block: 0, item: 6 });
    let WithheldKind::Mask(mask) = items[0].kind else {
        panic!()
    };
    assert_eq!(mask.reason.as_deref(), Some("攻撃を防ぐため"));
}

#[test]
fn a_row_of_another_length_and_a_misplaced_rule_are_refused_where_they_stand() {
    let found = problems("| a | b |\n| c |\n| --- | --- |\n| d | e | f |\n");
    assert_eq!(
        found,
        [
            (
                6,
                1,
                SourceProblem::TableRowCells {
                    expected: 2,
                    found: 1
                }
            ),
            (7, 1, SourceProblem::TableRuleMisplaced),
            (
                8,
                1,
                SourceProblem::TableRowCells {
                    expected: 2,
                    found: 3
                }
            ),
        ]
    );
    let wide = format!("|{}\n", " x |".repeat(17));
    assert!(matches!(
        problems(&wide).as_slice(),
        [(5, 1, SourceProblem::BadTable(_))]
    ));
}

#[test]
fn a_table_without_a_rule_has_no_header_and_bars_in_text_stay_text() {
    let document =
        parsed("| 氏名 | {{＊＊＊ | reason: 個人情報}} |\n\n本文の a | b は表ではありません。\n");
    let [Block::Table(table), Block::Paragraph { content }] = document.body.as_slice() else {
        panic!("{:?}", document.body);
    };
    assert!(table.header.is_empty());
    assert_eq!(table.rows.len(), 1);
    assert_eq!(text(content), "本文の a | b は表ではありません。");
    // `表：` not followed by a table is a paragraph.
    let document = parsed("表：なし\n\n| a |\n");
    assert!(
        matches!(&document.body[0], Block::Paragraph { content } if text(content) == "表：なし")
    );
}

#[test]
fn nested_list_items_become_lists_one_level_down_after_their_item() {
    let document = parsed("- ① 氏名\n  - 漢字\n  - カナ\n    - 旧姓\n- ② 住所\n");
    let lists: Vec<(u8, Vec<String>)> = document
        .body
        .iter()
        .map(|block| match block {
            Block::List { items, depth } => (*depth, items.iter().map(|item| text(item)).collect()),
            other => panic!("{other:?}"),
        })
        .collect();
    let expected: Vec<(u8, Vec<String>)> = vec![
        (0, vec!["① 氏名".into()]),
        (1, vec!["漢字".into(), "カナ".into()]),
        (2, vec!["旧姓".into()]),
        (0, vec!["② 住所".into()]),
    ];
    assert_eq!(lists, expected);
    // Indenting a whole list is no nesting.
    let document = parsed("  - a\n  - b\n");
    assert!(matches!(&document.body[..], [Block::List { depth: 0, items }] if items.len() == 2));
    let found = problems("- 1\n  - 2\n    - 3\n      - 4\n        - 5\n");
    assert_eq!(found, [(9, 9, SourceProblem::ListTooDeep)]);
}

#[test]
fn tables_and_nested_lists_are_written_back_and_stored_as_version_2_only() {
    let document = parsed(&format!(
        "{TIMELINE}\n- ① 氏名\n  - 漢字 | かな\n- ② 住所\n\n｜先頭が縦棒の段落ではなく表\n"
    ));
    let source = write_notice(&document, &|path: &str| path.to_owned()).unwrap();
    let reparsed = parse_notice(&source, "r.notice.md").unwrap().document;
    assert_eq!(reparsed, document, "{source}");
    let json = String::from_utf8(document.to_json()).unwrap();
    assert!(json.contains("\"format_version\": 2"), "{json}");
    assert_eq!(Document::from_json(json.as_bytes()).unwrap(), document);
    let as_v1 = json.replacen("\"format_version\": 2", "\"format_version\": 1", 1);
    assert!(Document::from_json(as_v1.as_bytes()).is_err());
    let v1_table = r#"{"format":"kairan-document","format_version":1,"title":"t","body":[
        {"type":"table","rows":[[[{"type":"text","text":"b"}]]]}]}"#;
    let error = Document::from_json(v1_table.as_bytes()).unwrap_err();
    assert!(error.to_string().contains("a table"), "{error}");
    // A paragraph that starts with a bar is written escaped, so it stays a paragraph.
    let paragraph = parsed("\\| 縦棒で始まる段落\n");
    let source = write_notice(&paragraph, &|path: &str| path.to_owned()).unwrap();
    assert_eq!(
        parse_notice(&source, "r.notice.md").unwrap().document,
        paragraph
    );
}

#[test]
fn a_ragged_table_in_json_is_refused() {
    let json = r#"{"format":"kairan-document","format_version":2,"title":[],"body":[
        {"type":"table","header":[[{"type":"text","text":"a"}],[]],
         "rows":[[[{"type":"text","text":"b"}]]]}]}"#;
    let error = Document::from_json(json.as_bytes()).unwrap_err();
    assert!(error.to_string().contains("row 1"), "{error}");
    let nested_first = r#"{"format":"kairan-document","format_version":2,"title":[],"body":[
        {"type":"list","depth":1,"items":[[{"type":"text","text":"a"}]]}]}"#;
    assert!(Document::from_json(nested_first.as_bytes()).is_err());
}

#[test]
fn an_individual_number_in_a_table_cell_is_found() {
    let dir = sample_copy();
    let line = plant_paragraph(
        dir.path(),
        "| 氏名 | 番号 |\n| --- | --- |\n| 山田 | 1234 5678 9018 |",
    );
    let found: Vec<(usize, FindingCode)> = check_dir(dir.path())
        .into_iter()
        .filter(|finding| finding.code == FindingCode::IndividualNumber)
        .map(|finding| (finding.line, finding.code))
        .collect();
    assert!(
        found.iter().any(|(at, _)| *at == line + 2),
        "{found:?} (table starts on line {line})"
    );
}

#[test]
fn a_row_of_single_dashes_is_data_and_an_empty_caption_is_text() {
    let document = parsed("表：\n| 6月26日 | 検知 |\n| ー | ー |\n| 6月28日 | - |\n");
    let [Block::Paragraph { content }, Block::Table(table)] = document.body.as_slice() else {
        panic!("{:?}", document.body);
    };
    assert_eq!(text(content), "表：");
    assert!(table.header.is_empty());
    let rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|row| row.iter().map(|cell| text(cell)).collect())
        .collect();
    assert_eq!(rows, [["6月26日", "検知"], ["ー", "ー"], ["6月28日", "-"]]);
    // A nested list after an empty list has no item to belong to.
    let json = r#"{"format":"kairan-document","format_version":2,"title":[],"body":[
        {"type":"list","items":[]},
        {"type":"list","depth":1,"items":[[{"type":"text","text":"a"}]]}]}"#;
    assert!(Document::from_json(json.as_bytes()).is_err());
}

#[test]
fn text_that_looks_like_a_link_in_a_cell_keeps_its_bars_escaped() {
    // Found by the fuzz target: `\[報告](http\｜…` in a cell is text, not a link, so its bars
    // must stay escaped when the cell is written back.
    let document = parsed("| a | \\[外部\\｜\\[報告](http\\｜x |\n");
    let source = write_notice(&document, &|path: &str| path.to_owned()).unwrap();
    assert_eq!(
        parse_notice(&source, "r.notice.md").unwrap().document,
        document,
        "{source}"
    );
}
