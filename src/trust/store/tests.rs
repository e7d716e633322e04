//! Tests of the trust store: adding, naming rules, revoking, replacing and reloading keys.
use super::*;
use crate::bundle::keys::{Protection, generate};

pub(super) fn key() -> PublicKey {
    generate(Protection::Unprotected, "test")
        .unwrap()
        .public_key
}

pub(super) fn store() -> (tempfile::TempDir, TrustStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = TrustStore::load(&dir.path().join("trust-store.json")).unwrap();
    (dir, store)
}

#[test]
fn a_new_key_takes_the_old_keys_name_and_the_old_key_is_revoked_or_retired() {
    for fate in [OldKeyFate::Revoke, OldKeyFate::Retire] {
        let (_dir, mut store) = store();
        let (old, new) = (key(), key());
        let how = || HowAdded::FromBundle {
            bundle_id: "notice-2".into(),
        };
        store
            .add("みかさ社会保険労務士法人", old, how(), "")
            .unwrap();
        // Without the replacement the name is taken.
        assert!(matches!(
            store.add("みかさ社会保険労務士法人", new, how(), ""),
            Err(TrustError::NameTaken { .. })
        ));
        let record = store
            .replace_key(&old, new, how(), "by phone", fate)
            .unwrap();
        assert_eq!(record.name, "みかさ社会保険労務士法人");
        let reloaded = TrustStore::load(store.path()).unwrap();
        let trusted: Vec<_> = reloaded.trusted().map(|r| r.public_key).collect();
        assert_eq!(trusted, vec![new], "{fate:?}");
        match fate {
            OldKeyFate::Revoke => assert!(matches!(
                reloaded.record_for(&old).map(|r| r.status),
                Some(KeyStatus::Revoked { .. })
            )),
            OldKeyFate::Retire => assert!(reloaded.record_for(&old).is_none()),
        }
    }
}

#[test]
fn a_replacement_that_cannot_be_made_changes_nothing() {
    let (_dir, mut store) = store();
    let (old, other, stranger) = (key(), key(), key());
    let how = || HowAdded::Pasted;
    store.add("みかさ", old, how(), "").unwrap();
    store.add("別の事務所", other, how(), "").unwrap();
    let before = store.records().to_vec();
    // The new key is already trusted under another name.
    assert!(matches!(
        store.replace_key(&old, other, how(), "", OldKeyFate::Revoke),
        Err(TrustError::AlreadyPresent { .. })
    ));
    // The old key is not in the store.
    assert!(matches!(
        store.replace_key(&stranger, key(), how(), "", OldKeyFate::Revoke),
        Err(TrustError::NoSuchKey(_))
    ));
    // The demo key can never be trusted.
    assert!(matches!(
        store.replace_key(&old, PublicKey::demo(), how(), "", OldKeyFate::Retire),
        Err(TrustError::DemoKey)
    ));
    store.revoke(&old).unwrap();
    let revoked = store.records().to_vec();
    // A revoked key cannot hand its name on.
    assert!(matches!(
        store.replace_key(&old, stranger, how(), "", OldKeyFate::Retire),
        Err(TrustError::AlreadyRevoked { .. })
    ));
    assert_eq!(TrustStore::load(store.path()).unwrap().records(), revoked);
    assert_ne!(before, revoked);
}

#[test]
fn a_missing_file_is_an_empty_store() {
    let (_dir, store) = store();
    assert!(store.records().is_empty());
    assert!(!store.path().exists());
}

#[test]
fn added_keys_survive_a_reload_with_every_field() {
    let (_dir, mut store) = store();
    let key = key();
    let added = store
        .add(
            "  みかさ社会保険労務士法人 ",
            key,
            HowAdded::KeyFile {
                file: "firm.pub".into(),
            },
            "confirmed by phone",
        )
        .unwrap();
    assert_eq!(added.name, "みかさ社会保険労務士法人");
    let reloaded = TrustStore::load(store.path()).unwrap();
    assert_eq!(reloaded.records(), std::slice::from_ref(&added));
    assert_eq!(reloaded.trusted_keys(), vec![added.trusted_key()]);
}

#[test]
fn revoked_keys_are_not_trusted_keys() {
    let (_dir, mut store) = store();
    let key = key();
    store.add("firm", key, HowAdded::Pasted, "").unwrap();
    store.revoke(&key).unwrap();
    assert!(store.trusted_keys().is_empty());
    let reloaded = TrustStore::load(store.path()).unwrap();
    assert!(matches!(
        reloaded.record_for(&key).unwrap().status,
        KeyStatus::Revoked { .. }
    ));
    assert!(matches!(
        store.revoke(&key),
        Err(TrustError::AlreadyRevoked { .. })
    ));
}

#[test]
fn a_key_cannot_be_added_twice_nor_the_demo_key_at_all() {
    let (_dir, mut store) = store();
    let key = key();
    store.add("firm", key, HowAdded::Pasted, "").unwrap();
    assert!(matches!(
        store.add("again", key, HowAdded::Pasted, ""),
        Err(TrustError::AlreadyPresent { .. })
    ));
    assert!(matches!(
        store.add("demo", PublicKey::demo(), HowAdded::Pasted, ""),
        Err(TrustError::DemoKey)
    ));
    let mut clash = crate::bundle::keys::generate(Protection::Unprotected, "x")
        .unwrap()
        .public_key;
    clash.key_id = key.key_id;
    assert!(matches!(
        store.add("clash", clash, HowAdded::Pasted, ""),
        Err(TrustError::KeyIdClash { .. })
    ));
}

#[test]
fn keys_are_found_by_key_id_fingerprint_or_name() {
    let (_dir, mut store) = store();
    let (first, second) = (key(), key());
    store.add("firm", first, HowAdded::Pasted, "").unwrap();
    store.add("vendor", second, HowAdded::Pasted, "").unwrap();
    let id = second.key_id.to_string().to_lowercase();
    assert_eq!(store.find(&id).unwrap().public_key, second);
    assert_eq!(store.find(&first.fingerprint()).unwrap().public_key, first);
    assert_eq!(store.find(" vendor ").unwrap().public_key, second);
    assert!(matches!(
        store.find("nobody"),
        Err(TrustError::NoSuchKey(_))
    ));
    assert!(matches!(
        store.rename(&second, "ｆｉｒｍ"),
        Err(TrustError::NameTaken { .. })
    ));
    // A revoked key's name is free again (a firm's new key after the old one was revoked).
    store.revoke(&first).unwrap();
    store.rename(&second, "firm").unwrap();
    assert!(matches!(
        store.find("firm"),
        Err(TrustError::AmbiguousKey { count: 2, .. })
    ));
}

#[test]
fn a_second_key_under_a_look_alike_of_a_trusted_name_is_refused() {
    let (_dir, mut store) = store();
    let firm = key();
    store
        .add("みかさ社会保険労務士法人", firm, HowAdded::Pasted, "")
        .unwrap();
    for look_alike in [
        "みかさ社会保険労務士法人",
        "みかさ社会保険労務士法人 ",
        "みかさ社会保険労務士法⼈",
        "みかさ　社会保険労務士法人",
    ] {
        match store.add(look_alike, key(), HowAdded::Pasted, "") {
            Err(TrustError::NameTaken { key_id, .. }) => {
                assert_eq!(key_id, firm.key_id.to_string());
            }
            other => panic!("{look_alike:?}: {other:?}"),
        }
    }
    // Hidden characters are refused outright.
    assert!(matches!(
        store.add(
            "みかさ\u{200B}社会保険労務士法人",
            key(),
            HowAdded::Pasted,
            ""
        ),
        Err(TrustError::BadName(_))
    ));
    assert!(matches!(
        store.add("Mikasa\u{202E}", key(), HowAdded::Pasted, ""),
        Err(TrustError::BadName(_))
    ));
    assert_eq!(store.records().len(), 1);
}

#[test]
fn names_with_line_breaks_are_refused() {
    let (_dir, mut store) = store();
    assert!(matches!(
        store.add("firm\nforged line", key(), HowAdded::Pasted, ""),
        Err(TrustError::BadName(_))
    ));
    assert!(matches!(
        store.add("   ", key(), HowAdded::Pasted, ""),
        Err(TrustError::BadName(_))
    ));
}

#[test]
fn removing_a_key_forgets_it() {
    let (_dir, mut store) = store();
    let key = key();
    store.add("firm", key, HowAdded::Pasted, "").unwrap();
    store.remove(&key).unwrap();
    assert!(TrustStore::load(store.path()).unwrap().records().is_empty());
}

#[test]
fn a_change_keeps_keys_added_by_another_process_meanwhile() {
    let (_dir, mut first) = store();
    let mut second = TrustStore::load(first.path()).unwrap();
    let (a, b) = (key(), key());
    first.add("a", a, HowAdded::Pasted, "").unwrap();
    second.add("b", b, HowAdded::Pasted, "").unwrap();
    assert_eq!(second.records().len(), 2);
    first.reload().unwrap();
    assert_eq!(first.records().len(), 2);
}

#[test]
fn a_name_that_reads_as_a_key_id_is_refused() {
    let (_dir, mut store) = store();
    for name in ["D2107AFDCB2E6D20", "5A34 A8E7 1059 20A1"] {
        assert!(matches!(
            store.add(name, key(), HowAdded::Pasted, ""),
            Err(TrustError::BadName(crate::trust::NameRule::LooksLikeKeyId))
        ));
    }
    // Ordinary names with a few hex-looking letters stay fine.
    store.add("Cafe Bee", key(), HowAdded::Pasted, "").unwrap();
}
