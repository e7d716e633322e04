//! A test's own folder for the trust tests: a temporary configuration folder, the built binary
//! run against it, fresh keys, and bundles packed from a copy of the sample notice folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use kairan::authoring::{PackOptions, pack_folder};
use kairan::bundle::keys::{Protection, generate};
use kairan::bundle::{PublicKey, SecretKey};

/// The name the tests give the firm's key.
pub const FIRM: &str = "みかさ社会保険労務士法人";

/// A temporary folder holding the configuration folder, keys and bundles of one test.
pub struct Env {
    pub dir: tempfile::TempDir,
}

/// A key pair with its public key file.
pub struct Key {
    pub secret: SecretKey,
    pub public: PublicKey,
    pub public_file: PathBuf,
    pub secret_file: PathBuf,
}

/// The result of running the binary.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Run {
            code: output.status.code(),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        }
    }
}

impl Env {
    pub fn new() -> Self {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn config(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The binary, with this test's configuration folder, run in this test's folder.
    pub fn command(&self) -> Command {
        let mut command = super::kairan_with_config(&self.config());
        command.current_dir(self.dir.path());
        command
    }

    pub fn kairan(&self, args: &[&str]) -> Run {
        self.command().args(args).output().unwrap().into()
    }

    /// A new unprotected key pair, written as `NAME.pub` and `NAME.key`.
    pub fn key(&self, name: &str) -> Key {
        let pair = generate(Protection::Unprotected, "test key").unwrap();
        let public_file = self.path(&format!("{name}.pub"));
        let secret_file = self.path(&format!("{name}.key"));
        std::fs::write(&public_file, &pair.public_file).unwrap();
        std::fs::write(&secret_file, &pair.secret_file).unwrap();
        Key {
            secret: SecretKey::from_file_text(&pair.secret_file, None).unwrap(),
            public: pair.public_key,
            public_file,
            secret_file,
        }
    }

    /// Trusts `key` as `name` through the CLI.
    pub fn trust(&self, key: &Key, name: &str) {
        let run = self.kairan(&[
            "trust",
            "add",
            "--name",
            name,
            key.public_file.to_str().unwrap(),
        ]);
        assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    }

    /// A copy of the sample notice folder named `name`, with `bundle.json` edited by `edit`.
    pub fn notice_folder(&self, name: &str, edit: impl FnOnce(&mut serde_json::Value)) -> PathBuf {
        let folder = self.path(&format!("src-{name}"));
        super::copy_sample(&folder);
        let metadata_path = folder.join("bundle.json");
        let mut metadata: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&metadata_path).unwrap()).unwrap();
        metadata["bundle_id"] = name.into();
        edit(&mut metadata);
        std::fs::write(
            &metadata_path,
            serde_json::to_vec_pretty(&metadata).unwrap(),
        )
        .unwrap();
        folder
    }

    /// Packs `folder` with `key` into `NAME.kairan`.
    pub fn pack(&self, folder: &Path, key: &Key, name: &str) -> PathBuf {
        let bytes = pack_folder(folder, &key.secret, &PackOptions::default()).unwrap();
        let path = self.path(&format!("{name}.kairan"));
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// A bundle with id `name` signed by `key`, its `bundle.json` edited by `edit`.
    pub fn bundle(
        &self,
        key: &Key,
        name: &str,
        edit: impl FnOnce(&mut serde_json::Value),
    ) -> PathBuf {
        let folder = self.notice_folder(name, edit);
        self.pack(&folder, key, name)
    }
}

/// The detail lines `verify` prints for a bundle of the sample series.
pub fn details(bundle_id: &str, sequence: u32, extra: &str) -> String {
    format!(
        "  bundle {bundle_id}, series mikasa-mk-system-incident-2023 no. {sequence} (第{sequence}報), issued 2023-06-29T00:00:00+09:00\n\
         {extra}  issuer as claimed by the bundle: \"{FIRM}\" (unverified)\n  \
         3 documents, 0 attachments, 3 masked fields, 9 omitted sections\n"
    )
}

/// The headline of a bundle verified by `key` under `name`.
pub fn verified(name: &str, key: &Key) -> String {
    format!(
        "✔ VERIFIED — signed by {name} (a key you trust; key id {})\n",
        key.public.key_id
    )
}
