//! Watching a previewed notice folder, so that saving a source updates the preview within a
//! second. The operating system reports changes (`notify`); a small thread waits for them
//! without polling, lets a burst of events settle for [`DEBOUNCE`] (editors often write a file
//! in several steps), then sends one message and wakes the UI.
//!
//! Only changes are reported; what changed is worked out by compiling the folder again.

use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher as _};

/// How long a burst of file events must be quiet before the preview rebuilds.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

/// A running watch. Dropping it stops the watcher and then its thread.
pub struct FolderWatch {
    _watcher: notify::RecommendedWatcher,
    changes: Receiver<()>,
}

impl FolderWatch {
    /// Starts watching `dir` and everything under it; `wake` is called (from the watch thread)
    /// after each settled burst of changes.
    ///
    /// Fails if the operating system refuses to watch the folder.
    pub fn start(dir: &Path, wake: impl Fn() + Send + 'static) -> Result<Self, notify::Error> {
        let (raw_sender, raw) = mpsc::channel::<notify::Result<notify::Event>>();
        let mut watcher = notify::recommended_watcher(raw_sender)?;
        watcher.watch(dir, RecursiveMode::Recursive)?;
        let (sender, changes) = mpsc::channel();
        std::thread::Builder::new()
            .name("kairan-watch".into())
            .spawn(move || {
                // Ends when the watcher (and with it the raw sender) is dropped.
                while let Ok(event) = raw.recv() {
                    if !is_change(&event) {
                        continue;
                    }
                    loop {
                        match raw.recv_timeout(DEBOUNCE) {
                            Ok(_) => {}
                            Err(RecvTimeoutError::Timeout) => break,
                            Err(RecvTimeoutError::Disconnected) => return,
                        }
                    }
                    if sender.send(()).is_err() {
                        return;
                    }
                    wake();
                }
            })
            .map_err(|error| notify::Error::generic(&error.to_string()))?;
        Ok(FolderWatch {
            _watcher: watcher,
            changes,
        })
    }

    /// Whether anything changed since the last call (never blocks).
    pub fn changed(&self) -> bool {
        let mut any = false;
        while self.changes.try_recv().is_ok() {
            any = true;
        }
        any
    }
}

/// Reading a file (as compiling the preview does) is not a change.
fn is_change(event: &notify::Result<notify::Event>) -> bool {
    match event {
        Ok(event) => !matches!(event.kind, EventKind::Access(_)),
        Err(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Instant;

    #[test]
    fn a_saved_file_is_reported_once_after_the_burst_settles() {
        let dir = tempfile::tempdir().unwrap();
        let wakes = Arc::new(AtomicUsize::new(0));
        let counter = wakes.clone();
        let watch = FolderWatch::start(dir.path(), move || {
            counter.fetch_add(1, Ordering::SeqCst);
        })
        .unwrap();
        for round in 0..3 {
            std::fs::write(dir.path().join("a.notice.md"), format!("{round}")).unwrap();
        }
        let start = Instant::now();
        while !watch.changed() {
            assert!(
                start.elapsed() < Duration::from_secs(5),
                "no change reported"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(wakes.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn reading_a_file_is_not_a_change() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.notice.md"), "x").unwrap();
        let watch = FolderWatch::start(dir.path(), || {}).unwrap();
        let _ = std::fs::read_to_string(dir.path().join("a.notice.md")).unwrap();
        std::thread::sleep(DEBOUNCE * 3);
        assert!(!watch.changed());
    }
}
