//! Who withheld things in one letter, as far as its text says: the forwarder's caption or the
//! author's own sentences about masking and omitting. Nothing else attributes a mask or an
//! omission to anyone; without such words it stays "not stated".

use crate::document::WithheldBy;

/// Who withheld things in one letter, as far as its text says.
#[derive(Debug, Clone, Copy)]
pub(super) struct Attribution {
    pub(super) masks: WithheldBy,
    pub(super) omissions: WithheldBy,
}

pub(super) fn attribution(caption: Option<&str>, body: &str) -> Attribution {
    let mut result = Attribution {
        masks: WithheldBy::NotStated,
        omissions: WithheldBy::NotStated,
    };
    if let Some(caption) = caption {
        if ["省略", "抜粋"].iter().any(|word| caption.contains(word)) {
            result.omissions = WithheldBy::Forwarder;
        }
        if ["黒塗り", "伏せ", "マスク", "非公開"]
            .iter()
            .any(|word| caption.contains(word))
        {
            result.masks = WithheldBy::Forwarder;
        }
    }
    for sentence in body.split('。') {
        let ours = ["弊社", "当社", "We ", "we "]
            .iter()
            .any(|word| sentence.contains(word));
        if !ours {
            continue;
        }
        if result.masks == WithheldBy::NotStated && explains_masking(sentence) {
            result.masks = WithheldBy::Author;
        }
        if result.omissions == WithheldBy::NotStated
            && [
                "省略しております",
                "省略しています",
                "省略いたしました",
                "省略しました",
            ]
            .iter()
            .any(|word| sentence.contains(word))
        {
            result.omissions = WithheldBy::Author;
        }
    }
    result
}

pub(super) fn explains_masking(sentence: &str) -> bool {
    [
        "黒塗り",
        "墨塗り",
        "伏せ字",
        "伏字",
        "マスキング",
        "マスク",
        "非開示",
        "を示し",
        "を示す",
        "を表し",
        "表記",
        "記号",
        "denote",
        "indicate",
        "marked",
        "stands for",
        "means",
        "redaction",
    ]
    .iter()
    .any(|word| sentence.contains(word))
}
