//! Errors, check findings and statuses in the reader's language.
//!
//! The library's errors keep their kinds and arguments up to the screen that shows them; this
//! module turns each variant into words. English is the library's own `Display` (the same text
//! the CLI prints), made visible with [`escape::visible`]; Japanese is written here, one match
//! arm per variant, so a new variant does not compile until it has Japanese words. Every value
//! taken from a file (names, paths, markers, claimed text) passes through [`escape::one_line`].
//!
//! The Japanese words sit by the library they belong to: `bundle.rs` for opening and verifying
//! a bundle, `trust.rs` for keys, trust files and key rollovers, `authoring.rs` for notice
//! folders, checks, publishing, importing and client lists. This file holds [`Explain`], the
//! viewer's own [`Problem`], the helpers they share and the words for statuses.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::i18n::Language;
use crate::authoring::import::ImportError;
use crate::authoring::publish::PublishError;
use crate::authoring::{RecipientRowError, SourceError};
use crate::bundle::{BundleError, KeyError, Verdict};
use crate::escape;
use crate::trust::{NextAction, Status, TrustError};

mod authoring;
mod bundle;
mod checks;
mod trust;

/// An error or finding that has words in every language the viewer speaks.
pub trait Explain: std::fmt::Display {
    /// The Japanese words.
    fn japanese(&self) -> String;
}

/// `error` in `language`: English is the library's message (as the CLI prints it), Japanese
/// is written in this module.
pub fn explain<E: Explain + ?Sized>(error: &E, language: Language) -> String {
    match language {
        Language::Japanese => error.japanese(),
        Language::English => escape::visible(&error.to_string()).into_owned(),
    }
}

/// A problem the viewer holds until it shows it: a library error kept with its kind and
/// arguments, or one of the viewer's own. Its `Display` is English; [`Explain`] gives Japanese.
#[derive(Debug, Clone)]
pub enum Problem {
    /// A bundle could not be opened.
    Bundle(Arc<BundleError>),
    /// A trust file could not be read or changed.
    Trust(Arc<TrustError>),
    /// The library of received notices could not be opened or changed.
    Library(Arc<crate::library::LibraryError>),
    /// A key could not be read.
    Key(Arc<KeyError>),
    /// Signing, exporting or writing a key failed.
    Publish(Arc<PublishError>),
    /// A letter could not be imported.
    Import(ImportError),
    /// The client list cannot be used.
    Recipients {
        /// The list.
        list: PathBuf,
        /// Why.
        error: RecipientRowError,
    },
    /// A notice folder does not compile.
    Source(SourceError),
    /// A file could not be read.
    Read {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        error: Arc<std::io::Error>,
    },
    /// A file could not be written.
    Write {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        error: Arc<std::io::Error>,
    },
    /// The key import form names no file.
    NoKeyFile,
    /// A path that is not a regular file.
    NotAFile(PathBuf),
    /// A file too large to be a public key file.
    KeyFileTooLarge(PathBuf),
    /// A file that would be overwritten.
    AlreadyExists(PathBuf),
    /// A background thread could not be started.
    Thread(Arc<std::io::Error>),
    /// A PDF could not be laid out.
    Pdf(Arc<crate::pdf::PdfError>),
    /// The previewed folder cannot be watched.
    Watch(Arc<notify::Error>),
    /// The program that shows a folder in the file manager could not be started.
    ShowFolder {
        /// The folder.
        folder: PathBuf,
        /// The program (`xdg-open`, `open`, `explorer`).
        program: &'static str,
        /// The operating system's reason.
        error: Arc<std::io::Error>,
    },
}

impl Problem {
    /// A read failure of `path`.
    pub fn read(path: &Path, error: std::io::Error) -> Self {
        Problem::Read {
            path: path.to_owned(),
            error: Arc::new(error),
        }
    }

    /// A write failure of `path`.
    pub fn write(path: &Path, error: std::io::Error) -> Self {
        Problem::Write {
            path: path.to_owned(),
            error: Arc::new(error),
        }
    }
}

impl From<BundleError> for Problem {
    fn from(error: BundleError) -> Self {
        Problem::Bundle(Arc::new(error))
    }
}

impl From<crate::library::LibraryError> for Problem {
    fn from(error: crate::library::LibraryError) -> Self {
        Problem::Library(Arc::new(error))
    }
}

impl From<TrustError> for Problem {
    fn from(error: TrustError) -> Self {
        Problem::Trust(Arc::new(error))
    }
}

impl From<KeyError> for Problem {
    fn from(error: KeyError) -> Self {
        Problem::Key(Arc::new(error))
    }
}

impl From<PublishError> for Problem {
    fn from(error: PublishError) -> Self {
        Problem::Publish(Arc::new(error))
    }
}

impl From<ImportError> for Problem {
    fn from(error: ImportError) -> Self {
        Problem::Import(error)
    }
}

/// Two problems are the same when they say the same.
impl PartialEq for Problem {
    fn eq(&self, other: &Self) -> bool {
        self.to_string() == other.to_string()
    }
}

impl Eq for Problem {}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Bundle(error) => write!(f, "{error}"),
            Problem::Trust(error) => write!(f, "{error}"),
            Problem::Library(error) => write!(f, "{error}"),
            Problem::Key(error) => write!(f, "{error}"),
            Problem::Publish(error) => write!(f, "{error}"),
            Problem::Import(error) => write!(f, "{error}"),
            Problem::Recipients { list, error } => write!(f, "{}: {error}", list.display()),
            Problem::Source(error) => write!(f, "{error}"),
            Problem::Read { path, error } => {
                write!(f, "could not read {}: {error}", path.display())
            }
            Problem::Write { path, error } => {
                write!(f, "could not write {}: {error}", path.display())
            }
            Problem::NoKeyFile => write!(f, "no key file given"),
            Problem::NotAFile(path) => write!(f, "{} is not a file", path.display()),
            Problem::KeyFileTooLarge(path) => write!(
                f,
                "{} is too large to be a minisign public key file",
                path.display()
            ),
            Problem::AlreadyExists(path) => {
                write!(
                    f,
                    "{} already exists; choose another file name",
                    path.display()
                )
            }
            Problem::Thread(error) => write!(f, "could not start a background thread: {error}"),
            Problem::Pdf(error) => write!(f, "{error}"),
            Problem::Watch(error) => write!(f, "{error}"),
            Problem::ShowFolder {
                folder,
                program,
                error,
            } => write!(
                f,
                "could not start {program} to show {} in the file manager: {error}",
                folder.display()
            ),
        }
    }
}

impl Explain for Problem {
    fn japanese(&self) -> String {
        match self {
            Problem::Bundle(error) => error.japanese(),
            Problem::Trust(error) => error.japanese(),
            Problem::Library(error) => error.japanese(),
            Problem::Key(error) => error.japanese(),
            Problem::Publish(error) => error.japanese(),
            Problem::Import(error) => error.japanese(),
            Problem::Recipients { list, error } => format!("{}：{}", p(list), error.japanese()),
            Problem::Source(error) => error.japanese(),
            Problem::Read { path, error } => {
                format!("{}を読み取れません：{}。", p(path), io_japanese(error))
            }
            Problem::Write { path, error } => {
                format!("{}に書き込めません：{}。", p(path), io_japanese(error))
            }
            Problem::NoKeyFile => "鍵ファイルが指定されていません。".to_owned(),
            Problem::NotAFile(path) => format!("{}はファイルではありません。", p(path)),
            Problem::KeyFileTooLarge(path) => format!(
                "{}は大きすぎて、minisign の公開鍵ファイルではありません。",
                p(path)
            ),
            Problem::AlreadyExists(path) => format!(
                "{}はすでにあります。別のファイル名を指定してください。",
                p(path)
            ),
            Problem::Thread(_) => "バックグラウンドの処理を開始できませんでした。".to_owned(),
            // Typst's own message is English and names the program's template, not the
            // reader's file; the English rendering carries it for a report.
            Problem::Pdf(error) => match error.as_ref() {
                crate::pdf::PdfError::Layout(_) => "PDFのレイアウトに失敗しました。プログラムの不具合です。英語表示の詳しい内容を添えてご報告ください。".to_owned(),
                crate::pdf::PdfError::TooManyNotes { count, limit } => format!(
                    "伏せ字・省略・リンクが多すぎるため、PDFにできません（{count}件。印刷できるのは{limit}件までです）。"
                ),
                crate::pdf::PdfError::TooLong { bytes, limit } => format!(
                    "文書が長すぎるため、PDFにできません（{}KB。印刷できるのは{}KB、数百ページまでです）。",
                    bytes / 1024,
                    limit / 1024
                ),
            },
            Problem::Watch(error) => match &error.kind {
                notify::ErrorKind::Io(io) => {
                    format!("フォルダーを監視できません：{}", io_japanese(io))
                }
                notify::ErrorKind::PathNotFound => "監視するフォルダーが見つかりません".to_owned(),
                notify::ErrorKind::MaxFilesWatch => {
                    "監視できるファイル数の上限に達しました".to_owned()
                }
                _ => "フォルダーの変更を監視できません".to_owned(),
            },
            Problem::ShowFolder {
                folder,
                program,
                error,
            } => format!(
                "フォルダ{}を表示するプログラム（{program}）を起動できません：{}。",
                p(folder),
                io_japanese(error)
            ),
        }
    }
}

/// A value from a file, on one line with hidden characters made visible.
fn v(text: &str) -> Cow<'_, str> {
    escape::one_line(text)
}

/// A value from a file in Japanese quotation marks.
fn q(text: &str) -> String {
    format!("「{}」", v(text))
}

/// A path, on one line.
fn p(path: &Path) -> String {
    escape::one_line(&path.display().to_string()).into_owned()
}

/// What the operating system said, in Japanese (its own words are English).
pub fn io_japanese(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let words = match error.kind() {
        ErrorKind::NotFound => "見つかりません",
        ErrorKind::PermissionDenied => "アクセスする権限がありません",
        ErrorKind::AlreadyExists => "同じ名前のものがすでにあります",
        ErrorKind::IsADirectory => "ファイルではなくフォルダーです",
        ErrorKind::NotADirectory => "フォルダーではありません",
        ErrorKind::DirectoryNotEmpty => "フォルダーが空ではありません",
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "ディスクの空き容量が足りません",
        ErrorKind::ReadOnlyFilesystem => "読み取り専用の場所です",
        ErrorKind::InvalidData => "内容を読み取れません（形式が正しくありません）",
        ErrorKind::UnexpectedEof => "ファイルが途中で終わっています",
        ErrorKind::Interrupted => "処理が中断されました",
        ErrorKind::TimedOut => "時間内に応答がありませんでした",
        ErrorKind::FileTooLarge => "ファイルが大きすぎます",
        ErrorKind::InvalidFilename => "ファイル名として使えない名前です",
        ErrorKind::OutOfMemory => "メモリが足りません",
        ErrorKind::ResourceBusy => "ほかのプログラムが使用中です",
        _ => {
            return match error.raw_os_error() {
                Some(code) => format!("システムのエラーです（エラー番号{code}）"),
                None => "システムのエラーです".to_owned(),
            };
        }
    };
    words.to_owned()
}

/// The headline of a status, in `language` (the words of `docs/trust.md`'s table).
pub fn status_text(status: Status, language: Language) -> &'static str {
    status.headline(language)
}

/// What the reader should do next, in `language`.
pub fn next_action_text(action: NextAction, language: Language) -> &'static str {
    action.words(language)
}

/// Why a bundle just written did not verify, in `language`.
pub fn verdict_problem(verdict: &Verdict, language: Language) -> String {
    match verdict {
        Verdict::Verified { .. } => status_text(Status::Verified, language).to_owned(),
        Verdict::UnknownSigner { .. } => status_text(Status::UnknownSigner, language).to_owned(),
        Verdict::Tampered { entry, problem } => match language {
            Language::Japanese => format!("{}：{}", v(entry), problem.japanese()),
            Language::English => format!("{}: {}", v(entry), explain(problem, language)),
        },
        Verdict::BadSignature { problem } => explain(problem, language),
        Verdict::Unsigned => status_text(Status::Preview, language).to_owned(),
    }
}

#[cfg(test)]
mod tests;
