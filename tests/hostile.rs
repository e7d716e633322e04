//! The hostile corpus (`tests/hostile/`): every case is refused with its specific reason,
//! without panicking, within a generous bound of time and memory.
//!
//! Memory is measured by a counting allocator that tracks, per thread, the peak of bytes
//! allocated while a case is being opened.
// Its own binary: its `#[global_allocator]` would count and slow every other test's allocations.
// Tests, benches and examples: a failed unwrap is a failed run, and they report by printing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    missing_docs
)]

mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::time::{Duration, Instant};

use support::hostile::{COMMIT_LIMIT, Case, cases, expectations_json, outcome, trusted};

struct Counting;

thread_local! {
    static CURRENT: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

fn track(delta: isize) {
    // `try_with`: allocations during thread teardown are not tracked.
    let _ = CURRENT.try_with(|current| {
        let now = current.get().saturating_add_signed(delta);
        current.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

// SAFETY: every call is forwarded unchanged to the system allocator; the bookkeeping only
// touches const-initialised thread-locals, which never allocate.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        track(layout.size() as isize);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        track(-(layout.size() as isize));
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        track(new_size as isize - layout.size() as isize);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes allocated at the peak of `f`, beyond what was allocated before it.
fn peak_allocation<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let start = CURRENT.with(Cell::get);
    PEAK.with(|peak| peak.set(start));
    let result = f();
    (result, PEAK.with(Cell::get) - start)
}

const TIME_BOUND: Duration = Duration::from_secs(2);
/// Generous: the bundle's own bytes (copied once into shared memory) and 16 MiB besides.
/// The largest cap a hostile file could make the reader honour is far above this.
fn memory_bound(case: &Case) -> usize {
    case.bytes.len() + 16 * 1024 * 1024
}

fn corpus_dir() -> std::path::PathBuf {
    support::root().join("tests/hostile")
}

#[test]
fn the_corpus_has_at_least_forty_cases_with_distinct_names() {
    let cases = cases();
    assert!(cases.len() >= 40, "only {} cases", cases.len());
    let mut names: Vec<&str> = cases.iter().map(|case| case.file.as_str()).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), cases.len());
}

#[test]
fn every_hostile_bundle_is_refused_with_its_reason_quickly_and_in_bounded_memory() {
    let trusted = trusted();
    let mut failures = Vec::new();
    for case in cases() {
        let started = Instant::now();
        let (result, peak) = peak_allocation(|| {
            std::panic::catch_unwind(|| outcome(&support::bundle::open(&case.bytes, &trusted)))
        });
        let elapsed = started.elapsed();
        let Ok((status, reason)) = result else {
            failures.push(format!("{}: PANICKED", case.file));
            continue;
        };
        if status != case.status || !reason.contains(&case.reason) {
            failures.push(format!(
                "{}: expected {} with {:?}, got {status}: {reason}",
                case.file, case.status, case.reason
            ));
        }
        if elapsed > TIME_BOUND {
            failures.push(format!("{}: took {elapsed:?}", case.file));
        }
        if peak > memory_bound(&case) {
            failures.push(format!(
                "{}: allocated {peak} bytes at peak, more than {}",
                case.file,
                memory_bound(&case)
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn a_declared_4_gib_entry_costs_almost_nothing() {
    let case = cases()
        .into_iter()
        .find(|case| case.file.ends_with("entry-declares-4-gib.kairan"))
        .unwrap();
    let (_, peak) = peak_allocation(|| outcome(&support::bundle::open(&case.bytes, &trusted())));
    assert!(
        peak < case.bytes.len() + 64 * 1024,
        "{peak} bytes allocated"
    );
}

#[test]
fn the_committed_corpus_is_what_the_generator_writes() {
    let cases = cases();
    let expectations = std::fs::read_to_string(corpus_dir().join("cases.json")).expect(
        "tests/hostile/cases.json; run `cargo test --test hostile -- --ignored regenerate`",
    );
    assert_eq!(
        expectations,
        expectations_json(&cases),
        "tests/hostile/cases.json is stale; run `cargo test --test hostile -- --ignored regenerate`"
    );
    for case in cases.iter().filter(|case| case.bytes.len() <= COMMIT_LIMIT) {
        let committed = std::fs::read(corpus_dir().join("cases").join(&case.file))
            .unwrap_or_else(|error| panic!("{}: {error}", case.file));
        assert!(
            committed == case.bytes,
            "tests/hostile/cases/{} is stale; run `cargo test --test hostile -- --ignored regenerate`",
            case.file
        );
    }
}

/// Writes the corpus: `cargo test --test hostile -- --ignored regenerate`.
#[test]
#[ignore = "writes tests/hostile/; run explicitly to regenerate the corpus"]
fn regenerate() {
    let cases = cases();
    let dir = corpus_dir().join("cases");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    for case in cases.iter().filter(|case| case.bytes.len() <= COMMIT_LIMIT) {
        std::fs::write(dir.join(&case.file), &case.bytes).unwrap();
    }
    std::fs::write(corpus_dir().join("cases.json"), expectations_json(&cases)).unwrap();
}
