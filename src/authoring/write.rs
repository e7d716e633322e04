//! Writing a [`Document`] as an authoring source, so that parsing the text gives the same
//! document back. Used by the plain-text import and to turn JSON documents into sources.

use crate::document::{Block, Document, Inline, LinkTarget, Mask, Omission, WithheldBy};

use super::parse::{escapable, omission_kind_of};

/// A document that the authoring format cannot express exactly.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the document cannot be written as an authoring source: {0}")]
pub struct Unrepresentable(pub String);

/// Writes `document` as an authoring source. `name_of` turns a link's bundle path into the name
/// written after `doc:` (for example the file stem).
///
/// Fails when the document holds something the format cannot express exactly: text with line
/// breaks or surrounding spaces, empty paragraphs or list items, a `)` unbalanced in a link
/// address, or a closing with line breaks.
pub fn write_notice(
    document: &Document,
    name_of: &dyn Fn(&str) -> String,
) -> Result<String, Unrepresentable> {
    let mut out = String::from("---\n");
    let mut field = |key: &str, value: &str| -> Result<(), Unrepresentable> {
        if value.trim() != value || value.is_empty() || value.contains('\n') {
            return Err(Unrepresentable(format!(
                "the {key} {value:?} is empty, has line breaks or surrounding spaces"
            )));
        }
        out.push_str(&format!("{key}: {value}\n"));
        Ok(())
    };
    // The letter's head is inline text, masks and links included, as in the body.
    let head = |runs: &[Inline]| inline_source(runs, name_of);
    field("title", &head(&document.title)?)?;
    if let Some(date) = &document.date {
        field("date", &date.text)?;
        if super::parse_written_date(&date.text).as_deref() != Some(date.iso.as_str()) {
            field("date-iso", &date.iso)?;
        }
    }
    if let Some(addressee) = &document.addressee {
        field("addressee", &head(addressee)?)?;
    }
    for line in &document.issuer {
        field("issuer", &head(line)?)?;
    }
    if let Some(source) = &document.source {
        for (key, value) in [
            ("publisher", &source.publisher),
            ("url", &source.url),
            ("retrieved", &source.retrieved),
        ] {
            if let Some(value) = value {
                field(key, value)?;
            }
        }
        if let Some(caption) = &source.caption {
            field("caption", &head(caption)?)?;
        }
    }
    out.push_str("---\n");

    let mut heading: Option<&str> = None;
    let mut previous: Option<&Block> = None;
    for block in &document.body {
        out.push('\n');
        match block {
            Block::Heading { id, level, content } => {
                let hashes = match level {
                    1 => "##",
                    2 => "###",
                    other => {
                        return Err(Unrepresentable(format!("heading level {other}")));
                    }
                };
                out.push_str(&format!(
                    "{hashes} {} {{#{id}}}\n",
                    inline_source(content, name_of)?
                ));
                heading = Some(id);
            }
            Block::Paragraph { content } => {
                let text = inline_source(content, name_of)?;
                if text.starts_with(['#', '-', '>', '|', '｜']) {
                    out.push('\\');
                }
                out.push_str(&text);
                out.push('\n');
            }
            Block::List { items, depth } => {
                if items.is_empty() {
                    return Err(Unrepresentable("an empty list".into()));
                }
                // A nested list continues the list above it, and the list after a nested list
                // carries on the same list, with no blank line between.
                let after_nested = matches!(previous, Some(Block::List { depth: 1.., .. }));
                if *depth > 0
                    && matches!(previous, Some(Block::List { depth: up, .. }) if up == depth)
                {
                    return Err(Unrepresentable(format!(
                        "two lists nested {depth} deep in a row (written as one)"
                    )));
                }
                if (*depth > 0 || after_nested) && out.ends_with("\n\n") {
                    out.pop();
                }
                let indent = "  ".repeat(usize::from(*depth));
                for item in items {
                    out.push_str(&format!("{indent}- {}\n", inline_source(item, name_of)?));
                }
            }
            Block::Table(table) => {
                if let Some(problem) = table.problem() {
                    return Err(Unrepresentable(problem.to_string()));
                }
                if let Some(caption) = &table.caption {
                    out.push_str(&format!("表：{}\n", inline_source(caption, name_of)?));
                }
                let row = |cells: &[Vec<Inline>]| -> Result<String, Unrepresentable> {
                    let mut line = String::from("|");
                    for cell in cells {
                        let text = runs_source(cell, name_of)?;
                        if text.trim_matches([' ', '\t', '\u{3000}']) != text {
                            return Err(Unrepresentable(format!(
                                "a table cell that starts or ends with spaces: {text:?}"
                            )));
                        }
                        line.push_str(&format!(" {} |", escape_bars(&text)));
                    }
                    Ok(line)
                };
                if !table.header.is_empty() {
                    out.push_str(&row(&table.header)?);
                    out.push('\n');
                    out.push_str(&"| --- ".repeat(table.header.len()));
                    out.push_str("|\n");
                }
                for cells in &table.rows {
                    out.push_str(&row(cells)?);
                    out.push('\n');
                }
            }
            Block::Centered { content } => {
                out.push_str(&format!("-> {} <-\n", inline_source(content, name_of)?));
            }
            Block::Note { marker, content } => {
                // The mark, then the text as written (a space after the mark is the text's).
                let text = format!("{}{}", escape_text(marker), runs_source(content, name_of)?);
                if crate::document::note_marker(&text) != Some(marker.chars().count())
                    || text.trim_end() != text
                    || text.contains('\n')
                {
                    return Err(Unrepresentable(format!("the note {text:?}")));
                }
                out.push_str(&format!("> {text}\n"));
            }
            Block::Omission(omission) => {
                out.push_str(&omission_source(omission, heading)?);
                out.push('\n');
            }
        }
        previous = Some(block);
    }
    if let Some(closing) = &document.closing {
        if closing.trim() != closing || closing.is_empty() || closing.contains('\n') {
            return Err(Unrepresentable(format!("the closing {closing:?}")));
        }
        out.push_str(&format!("\n-> {}\n", escape_text(closing)));
    }
    Ok(out)
}

fn inline_source(
    content: &[Inline],
    name_of: &dyn Fn(&str) -> String,
) -> Result<String, Unrepresentable> {
    let out = runs_source(content, name_of)?;
    if out.is_empty() || out.trim_matches([' ', '\t']) != out {
        return Err(Unrepresentable(format!(
            "a block that is empty or starts or ends with spaces: {out:?}"
        )));
    }
    Ok(out)
}

/// Inline content as source text, whatever its edges.
fn runs_source(
    content: &[Inline],
    name_of: &dyn Fn(&str) -> String,
) -> Result<String, Unrepresentable> {
    let mut out = String::new();
    for (index, inline) in content.iter().enumerate() {
        if index > 0
            && matches!(
                (&content[index - 1], inline),
                (Inline::Strong { .. }, Inline::Strong { .. })
            )
        {
            return Err(Unrepresentable(
                "two bold runs in a row (written as one)".to_owned(),
            ));
        }
        match inline {
            Inline::Text { text } => {
                // A tab inside a line (text copied from a PDF or a spreadsheet) is kept; one at
                // either end of a block is refused below, as the parser would trim it.
                if text.contains(['\n', '\r']) {
                    return Err(Unrepresentable(format!("text with a line break: {text:?}")));
                }
                out.push_str(&escape_text(text));
            }
            Inline::Strong { text } => {
                // `**…**` is bold only around a letter or digit.
                if !text.chars().any(char::is_alphanumeric) || text.contains(['\n', '\r']) {
                    return Err(Unrepresentable(format!("bold text {text:?}")));
                }
                out.push_str(&format!("**{}**", escape_text(text)));
            }
            Inline::Mask(mask) => out.push_str(&mask_source(mask)),
            Inline::Link { target, text } => {
                let target = match target {
                    LinkTarget::Document { path, heading } => {
                        let mut target = format!("doc:{}", name_of(path));
                        if let Some(heading) = heading {
                            target.push('#');
                            target.push_str(heading);
                        }
                        target
                    }
                    LinkTarget::External { url } => url.clone(),
                };
                if !balanced_parentheses(&target) {
                    return Err(Unrepresentable(format!("unbalanced `)` in {target:?}")));
                }
                if text.trim().is_empty() || text.contains('\n') {
                    return Err(Unrepresentable(format!("the link {text:?} → {target:?}")));
                }
                out.push_str(&format!("[{}]({target})", escape_attribute(text)));
            }
        }
    }
    Ok(out)
}

/// Whether an address's parentheses balance, as a link written `[text](address)` needs.
pub(crate) fn balanced_parentheses(address: &str) -> bool {
    let mut depth = 0i64;
    for c in address.chars() {
        depth += match c {
            '(' => 1,
            ')' => -1,
            _ => 0,
        };
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}

fn mask_source(mask: &Mask) -> String {
    let mut out = format!("{{{{{}", escape_attribute(&mask.marker));
    if let Some(label) = &mask.label {
        out.push_str(&format!(" | label: {}", escape_attribute(label)));
    }
    if let Some(reason) = &mask.reason {
        out.push_str(&format!(" | reason: {}", escape_attribute(reason)));
    }
    push_who(&mut out, mask.masked_by);
    out.push_str("}}");
    out
}

fn omission_source(omission: &Omission, heading: Option<&str>) -> Result<String, Unrepresentable> {
    let mut out = format!("[[{}", escape_attribute(&omission.marker));
    if omission_kind_of(&omission.marker) != Some(omission.kind) {
        let kind = serde_json::to_value(omission.kind)
            .ok()
            .and_then(|value| value.as_str().map(str::to_owned))
            .unwrap_or_default();
        out.push_str(&format!(" | kind: {kind}"));
    }
    if omission.under_heading.as_deref() != heading {
        let under = omission.under_heading.as_deref().unwrap_or("-");
        out.push_str(&format!(" | under: {under}"));
    }
    if let Some(reason) = &omission.reason {
        out.push_str(&format!(" | reason: {}", escape_attribute(reason)));
    }
    push_who(&mut out, omission.omitted_by);
    out.push_str("]]");
    Ok(out)
}

fn push_who(out: &mut String, who: WithheldBy) {
    match who {
        WithheldBy::Author => out.push_str(" | by: author"),
        WithheldBy::Forwarder => out.push_str(" | by: forwarder"),
        WithheldBy::NotStated => {}
    }
}

/// Escapes running text: backslashes, brackets and braces.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '[' | '{' | '}' | '*') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes the bars of a table cell's source that are not already escaped, inside a mask
/// (whose attributes escape their own bars) or in a link's address (which the row's reader
/// skips whole).
fn escape_bars(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars().peekable();
    let mut in_mask = false;
    // Inside a link's `[text]` (opened by an unescaped `[`; an escaped one is text).
    let mut in_link_text = false;
    while let Some(c) = chars.next() {
        if c == '[' && !in_mask {
            in_link_text = true;
        }
        if c == ']' && in_link_text && chars.peek() == Some(&'(') {
            in_link_text = false;
            // A link's address, to its closing parenthesis (they balance in a written link).
            out.push(c);
            let mut depth = 0usize;
            for c in chars.by_ref() {
                out.push(c);
                match c {
                    '(' => depth += 1,
                    ')' if depth <= 1 => break,
                    ')' => depth -= 1,
                    _ => {}
                }
            }
            continue;
        }
        match c {
            '\\' => {
                out.push(c);
                if let Some(next) = chars.next() {
                    out.push(next);
                }
                continue;
            }
            '{' if chars.peek() == Some(&'{') => in_mask = true,
            '}' if chars.peek() == Some(&'}') => in_mask = false,
            '|' | '｜' if !in_mask => out.push('\\'),
            _ => {}
        }
        out.push(c);
    }
    out
}

/// Escapes text inside `{{ }}`, `[[ ]]` and link text: also bars, brackets and surrounding
/// spaces cannot occur.
fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if escapable(c) && matches!(c, '\\' | '|' | '｜' | '[' | ']' | '{' | '}') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authoring::parse_notice;

    fn same_name(path: &str) -> String {
        path.to_owned()
    }

    #[test]
    fn a_written_document_parses_back_to_itself() {
        let source = "---\ntitle: 報告 [1]\ndate: 2023年6月28日\naddressee: お客様各位\n\
                      issuer: 株式会社A\nissuer: 代表 B\npublisher: 株式会社A\n---\n\n\
                      ## 1. 概要 {#s1}\n\n{{■■ | reason: a\\|b}}サーバ\\{x\\} \\[y\\]\n\n\
                      [[—省略— | kind: rest | under: - | by: author]]\n\n- ・項目\n\n-> 記 <-\n\n\
                      [x](doc:other#s1)と[y](https://e.jp/(a))\n\n-> 以上\n";
        let parsed = parse_notice(source, "x").unwrap();
        let written = write_notice(&parsed.document, &same_name).unwrap();
        let reparsed = parse_notice(&written, "x").unwrap();
        assert_eq!(reparsed.document, parsed.document, "{written}");
    }

    #[test]
    fn text_with_a_line_break_is_refused() {
        let mut document = parse_notice("---\ntitle: t\n---\n本文\n", "x")
            .unwrap()
            .document;
        document.body = vec![Block::Paragraph {
            content: vec![Inline::text("a\nb")],
        }];
        assert!(write_notice(&document, &same_name).is_err());
    }
}
