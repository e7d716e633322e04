//! The list of recently opened bundles, kept in the per-user data directory.
//!
//! The file is rewritten atomically so that a crash never leaves half a list; a missing or
//! unreadable list is simply empty. Holds paths only, never file contents.

use std::path::{Path, PathBuf};

/// How many recent files are remembered.
pub const RECENT_LIMIT: usize = 10;

/// Recently opened files, most recent first.
#[derive(Debug, Clone, Default)]
pub struct RecentFiles {
    paths: Vec<PathBuf>,
    store: Option<PathBuf>,
}

impl RecentFiles {
    /// Loads the list kept at `store`; `None` keeps it in memory only (as tests do).
    pub fn load(store: Option<PathBuf>) -> Self {
        let paths = store
            .as_deref()
            .and_then(|path| std::fs::read(path).ok())
            .and_then(|bytes| serde_json::from_slice::<Vec<PathBuf>>(&bytes).ok())
            .unwrap_or_default()
            .into_iter()
            .take(RECENT_LIMIT)
            .collect();
        RecentFiles { paths, store }
    }

    /// The paths, most recent first.
    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
    }

    /// Puts `path` first and saves the list.
    ///
    /// Fails if the list cannot be written; the in-memory list is updated regardless.
    pub fn add(&mut self, path: &Path) -> std::io::Result<()> {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        self.paths.retain(|known| *known != path);
        self.paths.insert(0, path);
        self.paths.truncate(RECENT_LIMIT);
        self.save()
    }

    /// Forgets `path` (after it failed to open) and saves the list.
    ///
    /// Fails if the list cannot be written.
    pub fn remove(&mut self, path: &Path) -> std::io::Result<()> {
        let before = self.paths.len();
        self.paths.retain(|known| known != path);
        if self.paths.len() == before {
            return Ok(());
        }
        self.save()
    }

    fn save(&self) -> std::io::Result<()> {
        let Some(store) = &self.store else {
            return Ok(());
        };
        if let Some(dir) = store.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let bytes = serde_json::to_vec_pretty(&self.paths).map_err(std::io::Error::other)?;
        crate::fs::write_shared(store, &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_survive_a_restart_most_recent_first() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("nested").join("recent.json");
        let mut recent = RecentFiles::load(Some(store.clone()));
        recent.add(&dir.path().join("a.kairan")).unwrap();
        recent.add(&dir.path().join("b.kairan")).unwrap();
        recent.add(&dir.path().join("a.kairan")).unwrap();
        let reloaded = RecentFiles::load(Some(store));
        assert_eq!(
            reloaded.paths(),
            &[dir.path().join("a.kairan"), dir.path().join("b.kairan")]
        );
    }

    #[test]
    fn a_corrupt_list_loads_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("recent.json");
        std::fs::write(&store, b"\xff not json").unwrap();
        assert!(RecentFiles::load(Some(store)).paths().is_empty());
    }

    #[test]
    fn the_list_keeps_only_the_most_recent() {
        let mut recent = RecentFiles::load(None);
        for index in 0..RECENT_LIMIT + 3 {
            recent
                .add(Path::new(&format!("/tmp/{index}.kairan")))
                .unwrap();
        }
        assert_eq!(recent.paths().len(), RECENT_LIMIT);
        assert_eq!(
            recent.paths()[0],
            Path::new(&format!("/tmp/{}.kairan", RECENT_LIMIT + 2))
        );
    }
}
