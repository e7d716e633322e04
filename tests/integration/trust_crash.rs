//! Killing Kairan at random moments while it writes the trust store never loses a key that was
//! already committed and never leaves a store that cannot be read.

use std::time::{Duration, Instant};

use kairan::trust::TrustStore;

use crate::support::env::Env;

const ROUNDS: usize = 80;

fn random_below(limit: u64) -> u64 {
    getrandom::u64().unwrap() % limit.max(1)
}

#[cfg(unix)]
#[test]
fn a_store_written_by_processes_killed_at_random_moments_stays_readable_and_complete() {
    let env = Env::new();
    let store_path = env.config().join("trust-store.json");
    let keys: Vec<_> = (0..ROUNDS).map(|i| env.key(&format!("k{i}"))).collect();

    // How long one `trust add` takes, so that kills land anywhere in it.
    let warmup = env.key("warmup");
    let started = Instant::now();
    env.trust(&warmup, "warm-up");
    let typical = started.elapsed().as_micros() as u64;

    let mut committed = vec![warmup.public];
    let (mut killed, mut completed) = (0, 0);
    for (i, key) in keys.iter().enumerate() {
        let mut child = env
            .command()
            .args([
                "trust",
                "add",
                "--name",
                &format!("key {i}"),
                key.public_file.to_str().unwrap(),
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(random_below(typical * 3 / 2)));
        // SIGKILL: no destructor, no flush, no unlock but the kernel's.
        let _ = child.kill();
        let status = child.wait().unwrap();

        let store = TrustStore::load(&store_path)
            .unwrap_or_else(|error| panic!("round {i}: the store became unreadable: {error}"));
        for public in &committed {
            assert!(
                store.record_for(public).is_some(),
                "round {i}: committed key {} is gone",
                public.key_id
            );
        }
        if status.success() {
            completed += 1;
            assert!(
                store.record_for(&key.public).is_some(),
                "round {i}: success but no key"
            );
        } else {
            killed += 1;
        }
        if store.record_for(&key.public).is_some() {
            committed.push(key.public);
        }
    }
    assert!(
        killed > 0,
        "no process was killed before it finished ({completed} completed)"
    );
    assert!(completed + killed == ROUNDS);
    // The store is still writable afterwards, and every committed key survives that too.
    let last = env.key("last");
    env.trust(&last, "last");
    let store = TrustStore::load(&store_path).unwrap();
    assert_eq!(store.records().len(), committed.len() + 1);
}
