//! The `.kairan` bundle format: a canonical ZIP archive holding a signed manifest and the
//! documents and attachments it lists (specified in `docs/bundle-format.md`).
//!
//! Reading fails closed: [`open_file`] either returns an [`OpenedBundle`] with a [`Verdict`]
//! or a [`BundleError`] that names the rule the file broke; [`write_signed`] writes the bytes
//! it is given as a signed bundle (reading and compiling a notice folder is
//! [`crate::authoring`]'s job). This module never prints and knows
//! nothing of any user interface.

pub mod container;
mod error;
pub mod keys;
pub mod limits;
pub mod manifest;
mod open;
pub mod signature;
pub mod source;
mod write;

pub use error::{BundleError, FailureKind, NameProblem};
pub use keys::{KeyError, KeyId, PublicKey, SecretKey};
pub use manifest::{Manifest, ManifestEntry, ManifestError, Role};
pub use open::{
    BundleDocument, LinkRemark, OpenedBundle, SaveEntryError, Tamper, TrustedKey, Verdict, hex,
    open_bytes, open_file,
};
pub use signature::{SignatureFile, SignatureProblem};
pub use write::{BundleFields, EntryBytes, WriteError, write_signed};
