//! The `.kairan` bundle format: a canonical ZIP archive holding a signed manifest and the
//! documents and attachments it lists (specified in `docs/bundle-format.md`).
//!
//! Reading fails closed: [`open_file`] either returns an [`OpenedBundle`] with a [`Verdict`]
//! or a [`BundleError`] that names the rule the file broke. This module never prints and knows
//! nothing of any user interface.

pub mod container;
mod error;
pub mod keys;
pub mod limits;
pub mod manifest;
mod open;
mod pack;
mod preview;
pub mod signature;

pub use error::{BundleError, FailureKind, NameProblem};
pub use keys::{KeyError, KeyId, PublicKey, SecretKey};
pub use manifest::{Manifest, ManifestEntry, ManifestError, Role};
pub use open::{
    BundleDocument, LinkRemark, OpenedBundle, Tamper, TrustedKey, Verdict, hex, open_bytes,
    open_file,
};
pub use pack::{PackError, PackOptions, SOURCE_METADATA, SourceEntry, SourceMetadata, pack_folder};
pub use preview::preview_compiled;
pub use signature::{SignatureFile, SignatureProblem};
