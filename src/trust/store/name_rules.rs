//! What a key's name and note must be: trimmed and Unicode-normalised (NFC), not too long, and
//! a name with at least one letter or digit and no hidden character. The same rules are checked
//! when a name is given and when the store file is read back.

use unicode_normalization::UnicodeNormalization as _;

use super::KeyRecord;
use crate::trust::{NameRule, TrustError};

/// Longest name a key may be given, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 2000;

pub(crate) fn normalize(name: &str) -> String {
    name.trim().nfc().collect()
}

pub(super) fn name_taken(holder: &KeyRecord) -> TrustError {
    TrustError::NameTaken {
        name: holder.name.clone(),
        key_id: holder.public_key.key_id.to_string(),
    }
}

pub(super) fn checked_name(name: &str) -> Result<String, TrustError> {
    let name = normalize(name);
    if name.is_empty() {
        return Err(TrustError::BadName(NameRule::Empty));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(TrustError::BadName(NameRule::TooLong(MAX_NAME_CHARS)));
    }
    if crate::trust::names::skeleton(&name).is_empty() {
        return Err(TrustError::BadName(NameRule::NoLetters));
    }
    if name.chars().any(crate::escape::is_hidden) {
        return Err(TrustError::BadName(NameRule::Hidden));
    }
    // `trust revoke KEY` and the others take a name, a key id or a fingerprint: a name made of
    // hexadecimal digits alone could be read as another key's.
    let compact: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.len() >= 8 && compact.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(TrustError::BadName(NameRule::LooksLikeKeyId));
    }
    Ok(name)
}

pub(super) fn checked_note(note: &str) -> Result<String, TrustError> {
    let note: String = note.trim().nfc().collect();
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(TrustError::BadName(NameRule::NoteTooLong(MAX_NOTE_CHARS)));
    }
    Ok(note)
}
