//! The sample bundle is the real letter: nothing in the seed may be lost or invented.
//!
//! The seed (`../shared/seed/`, copied into `notices/` as the authoritative text) holds three
//! letters in one text. Rendering the sample's documents as plain text, in bundle order, must
//! give back the seed exactly, up to white space and the seed's `- ` list markers.

use kairan::bundle::Role;
use kairan::document::{WithheldBy, WithheldKind, plain_text, withheld_items};

const SEED: &str = include_str!("../../notices/mikasa-2023-06-29/seed.txt");

fn without_white_space(text: &str) -> String {
    text.lines()
        .map(|line| line.trim_start().strip_prefix("- ").unwrap_or(line))
        .collect::<String>()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn sample_text() -> String {
    let sample = kairan::sample::open_sample().expect("the built-in sample opens");
    sample
        .documents
        .iter()
        .map(|item| plain_text(&item.document))
        .collect()
}

#[test]
fn the_sample_renders_back_to_the_seed_word_for_word() {
    let seed = without_white_space(SEED);
    let rendered = without_white_space(&sample_text());
    if seed != rendered {
        let common = seed
            .chars()
            .zip(rendered.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let context = |text: &str| {
            text.chars()
                .skip(common.saturating_sub(20))
                .take(60)
                .collect::<String>()
        };
        panic!(
            "the sample departs from the seed after {common} characters:\n seed:   {}\n sample: {}",
            context(&seed),
            context(&rendered)
        );
    }
}

#[test]
fn the_seed_copy_in_notices_matches_the_shared_seed_when_present() {
    let shared = crate::support::root().join("../shared/seed/mikasa-notice-2023-06-29.txt");
    if let Ok(text) = std::fs::read_to_string(&shared) {
        assert_eq!(
            text,
            SEED,
            "notices/mikasa-2023-06-29/seed.txt differs from {}",
            shared.display()
        );
    }
}

#[test]
fn every_mask_and_omission_of_the_seed_is_a_first_class_item() {
    assert_eq!(SEED.matches("■■■■").count(), 3);
    assert_eq!(SEED.matches("—省略—").count(), 8);
    assert_eq!(SEED.matches("—中略—").count(), 1);
    let sample = kairan::sample::open_sample().expect("the built-in sample opens");
    let mut masks = 0;
    let mut omitted = 0;
    let mut omitted_middle = 0;
    for item in &sample.documents {
        for withheld in withheld_items(&item.document) {
            match withheld.kind {
                WithheldKind::Mask(mask) => {
                    assert_eq!(mask.marker, "■■■■");
                    // The seed does not say who masked the server names.
                    assert_eq!(mask.masked_by, WithheldBy::NotStated);
                    masks += 1;
                }
                WithheldKind::Omission(omission) if omission.marker == "—省略—" => {
                    omitted += 1
                }
                WithheldKind::Omission(omission) if omission.marker == "—中略—" => {
                    omitted_middle += 1
                }
                WithheldKind::Omission(omission) => {
                    panic!("unexpected omission marker {}", omission.marker)
                }
            }
        }
    }
    assert_eq!((masks, omitted, omitted_middle), (3, 8, 1));
}

#[test]
fn the_firm_notice_links_to_both_vendor_notices() {
    let sample = kairan::sample::open_sample().expect("the built-in sample opens");
    let firm = sample
        .documents
        .iter()
        .find(|item| item.entry.role == Role::FirmNotice)
        .expect("a firm notice");
    let targets: Vec<String> = firm
        .document
        .links()
        .filter_map(|(target, _)| match target {
            kairan::document::LinkTarget::Document { path, .. } => Some(path.clone()),
            kairan::document::LinkTarget::External { .. } => None,
        })
        .collect();
    for vendor in sample
        .documents
        .iter()
        .filter(|item| item.entry.role != Role::FirmNotice)
    {
        assert!(
            targets.contains(&vendor.entry.path),
            "the firm notice does not link to {}",
            vendor.entry.path
        );
    }
}
