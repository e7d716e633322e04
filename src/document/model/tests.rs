//! Tests of [`model`](super).

use crate::document::{disguised_host, link_host, opens_externally};

#[test]
fn a_line_break_in_the_letters_head_is_refused() {
    let json = |title: &str| {
        serde_json::json!({
            "format": DOCUMENT_FORMAT,
            "format_version": 1,
            "title": title,
            "body": [],
        })
        .to_string()
    };
    assert!(Document::from_json(json("お知らせ").as_bytes()).is_ok());
    for hostile in [
        "お知らせ\n✔ 検証済み",
        "お知らせ\r",
        "a\u{85}b",
        "a\u{1b}[2Jb",
    ] {
        assert!(matches!(
            Document::from_json(json(hostile).as_bytes()),
            Err(DocumentError::ControlInLine("title"))
        ));
    }
}

use super::*;

#[test]
fn addresses_written_to_look_like_another_site_are_told_apart() {
    for url in [
        "https://www.\u{430}\u{440}\u{440}\u{4cf}\u{435}.com/",
        "https://www.mikasa-sr.jp@evil.example/login",
        "http://例え.jp/",
        "https://xn--80ak6aa92e.com/",
        "https://www.XN--80AK6AA92E.com:8443/a",
    ] {
        assert!(disguised_host(url), "{url}");
    }
    for url in [
        "https://www.example.co.jp/news/@notice",
        "https://www.example.co.jp/ニュース",
        "https://www.example.co.jp/xn--not-a-host",
        "mailto:info@example.com",
    ] {
        assert!(!disguised_host(url), "{url}");
    }
}

#[test]
fn the_host_of_a_web_address_is_what_follows_any_user_part_without_the_port() {
    assert_eq!(
        link_host("https://www.mikasa-sr.jp@evil.example:8443/login"),
        Some("evil.example")
    );
    assert_eq!(link_host("HTTP://example.com"), Some("example.com"));
    assert_eq!(link_host("https://example.com/a@b"), Some("example.com"));
    assert_eq!(link_host("mailto:info@example.com"), None);
    assert_eq!(link_host("https:///path"), None);
}

#[test]
fn only_web_and_mail_addresses_open() {
    for url in [
        "https://www.example.co.jp/news/1",
        "HTTP://example.com",
        "mailto:info@example.com",
    ] {
        assert!(opens_externally(url), "{url}");
    }
    for url in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<script>",
        "smb://server/share",
        "\\\\server\\share",
        "/home/user/.ssh/id_rsa",
        "C:\\Windows\\system32\\calc.exe",
        "https://",
        "https:///path",
        "https://exa mple.com",
        "https://example.com/\u{202E}gpj.exe",
        "vbscript:x",
        "",
    ] {
        assert!(!opens_externally(url), "{url:?}");
    }
}

fn minimal() -> &'static str {
    r#"{"format":"kairan-document","format_version":1,"title":"t","body":[
        {"type":"paragraph","content":[{"type":"text","text":"a"},
          {"type":"mask","marker":"■■","masked_by":"not_stated"}]},
        {"type":"omission","kind":"section","marker":"—省略—","omitted_by":"forwarder"}]}"#
}

#[test]
fn minimal_document_parses_and_counts_withheld_items() {
    let document = Document::from_json(minimal().as_bytes()).unwrap();
    assert_eq!(document.mask_count(), 1);
    assert_eq!(document.omission_count(), 1);
}

#[test]
fn unknown_keys_are_rejected() {
    let json = minimal().replace(r#""title":"t""#, r#""title":"t","hidden":"x""#);
    let error = Document::from_json(json.as_bytes()).unwrap_err();
    assert!(
        error.to_string().contains("unknown field `hidden`"),
        "{error}"
    );
}

#[test]
fn duplicate_keys_are_rejected() {
    let json = minimal().replace(r#""title":"t""#, r#""title":"t","title":"u""#);
    let error = Document::from_json(json.as_bytes()).unwrap_err();
    assert!(
        error.to_string().contains("duplicate field `title`"),
        "{error}"
    );
}

#[test]
fn a_newer_format_version_is_refused_with_advice() {
    let json = minimal().replace(r#""format_version":1"#, r#""format_version":3"#);
    let error = Document::from_json(json.as_bytes()).unwrap_err();
    assert!(
        error.to_string().contains("version 3 is not supported"),
        "{error}"
    );
}

#[test]
fn round_trip_keeps_every_field() {
    let document = Document::from_json(minimal().as_bytes()).unwrap();
    assert_eq!(Document::from_json(&document.to_json()).unwrap(), document);
}
