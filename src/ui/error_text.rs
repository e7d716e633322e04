//! Errors, check findings and statuses in the reader's language.
//!
//! The library's errors keep their kinds and arguments up to the screen that shows them; this
//! module turns each variant into words. English is the library's own `Display` (the same text
//! the CLI prints), made visible with [`escape::visible`]; Japanese is written here, one match
//! arm per variant, so a new variant does not compile until it has Japanese words. Every value
//! taken from a file (names, paths, markers, claimed text) passes through [`escape::one_line`].

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::i18n::Language;
use crate::authoring::checks::{FindingDetail, HiddenKind, LetterField};
use crate::authoring::import::{DetectionNote, ImportError};
use crate::authoring::publish::PublishError;
use crate::authoring::publish::RecipientFailure;
use crate::authoring::{
    FRONT_KEY_LIST, PackError, RecipientRowError, RowProblem, SourceError, SourceProblem,
    Unrepresentable,
};
use crate::bundle::Role;
use crate::bundle::signature::SignatureFileError;
use crate::bundle::{
    BundleError, KeyError, ManifestError, NameProblem, SignatureProblem, Tamper, Verdict,
};
use crate::document::{DocumentError, OmissionKind, WithheldBy};
use crate::escape;
use crate::library::LibraryError;
use crate::trust::{
    Exposure, NameRule, NextAction, RolloverError, RolloverProblem, Status, TrustError,
};

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
    /// The previewed folder cannot be watched.
    Watch(Arc<notify::Error>),
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
            Problem::Watch(error) => write!(f, "{error}"),
        }
    }
}

impl Explain for Problem {
    fn japanese(&self) -> String {
        match self {
            Problem::Bundle(error) => error.japanese(),
            Problem::Trust(error) => error.japanese(),
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

/// What a JSON parser said, in Japanese, with its line and column.
fn json_japanese(error: &serde_json::Error) -> String {
    use serde_json::error::Category;
    // A time that does not parse is a data error whose message is crate::time::NotATime's.
    let not_a_time = error.to_string().contains("is not an RFC 3339 time");
    let what = match error.classify() {
        Category::Data if not_a_time => {
            "日時として読めない値があります（2023-06-29T09:00:00+09:00 のように書きます）"
        }
        Category::Syntax => "JSON の書き方に誤りがあります",
        Category::Data => "項目の名前か値が正しくありません",
        Category::Eof => "JSON が途中で終わっています",
        Category::Io => "読み取りに失敗しました",
    };
    if error.line() == 0 {
        what.to_owned()
    } else {
        format!("{what}（{}行{}桁目）", error.line(), error.column())
    }
}

impl Explain for NameProblem {
    fn japanese(&self) -> String {
        match self {
            NameProblem::Empty => "名前が空です",
            NameProblem::TooLong => "名前が長すぎます",
            NameProblem::NotUtf8 => "名前の文字コードが UTF-8 ではありません",
            NameProblem::Absolute => "名前が絶対パスになっています",
            NameProblem::Backslash => "名前に「\\」が含まれています",
            NameProblem::DriveLetter => "名前がドライブ名（C: など）で始まっています",
            NameProblem::ParentSegment => "名前に上のフォルダーを指す「..」が含まれています",
            NameProblem::EmptySegment => "名前に空の部分か「.」だけの部分があります",
            NameProblem::ControlCharacter => {
                "名前に制御文字・文字の向きを変える文字・見えない文字が含まれています（名前を偽装するのに使われます）"
            }
        }
        .to_owned()
    }
}

impl Explain for BundleError {
    fn japanese(&self) -> String {
        match self {
            BundleError::Io { path, source } => {
                format!("{}を読み取れません：{}。", p(path), io_japanese(source))
            }
            BundleError::FileTooLarge { size, limit } => format!(
                "ファイルの大きさが{size}バイトあり、Kairan のファイルの上限（{limit}バイト）を超えています。"
            ),
            BundleError::NotAnArchive => "Kairan のファイルではありません。ZIP 形式の終わりの部分が見つかりません（ZIP ではないか、途中で切れているか壊れています）。差出人に送り直しを依頼してください。".to_owned(),
            BundleError::EndRecord(_) => "ZIP 形式の終わりの部分が壊れています。".to_owned(),
            BundleError::ArchiveComment => "ZIP にコメントが付いています。Kairan のファイルにはコメントはありません（作成後に変更されています）。".to_owned(),
            BundleError::AppendedData { bytes } => format!(
                "ファイルの終わりの後に、余分なデータが{bytes}バイト付いています（変更されたか、2つのファイルがつながっています）。"
            ),
            BundleError::PrependedData { offset } => format!(
                "ファイルの先頭に、余分なデータが{offset}バイトあります（変更されたか、別の形式を装っています）。"
            ),
            BundleError::MultiDisk => "ZIP が複数のディスクに分かれていると書かれているか、項目の数が食い違っています。".to_owned(),
            BundleError::CentralDirectory(_) => "ZIP の目次（セントラルディレクトリ）が壊れています。".to_owned(),
            BundleError::TooManyEntries { count, limit } => format!(
                "ファイルの中の項目が{count}個あり、上限の{limit}個を超えています。"
            ),
            BundleError::EntryTooLarge { name, size, limit } => format!(
                "項目{}の大きさが{size}バイトとされ、1項目の上限（{limit}バイト）を超えています。",
                q(name)
            ),
            BundleError::TotalTooLarge { limit } => format!(
                "項目の大きさの合計が上限（{limit}バイト）を超えています。"
            ),
            BundleError::Encrypted { name } => format!(
                "項目{}が暗号化されています。Kairan のファイルには暗号化された項目はありません。",
                q(name)
            ),
            BundleError::Symlink { name } => format!(
                "項目{}はシンボリックリンクです。Kairan のファイルに入れられるのは通常のファイルだけです。",
                q(name)
            ),
            BundleError::DataDescriptor { name } => format!(
                "項目{}は大きさを後ろに書く方式（データディスクリプタ）で書かれています。Kairan のファイルでは使えません。",
                q(name)
            ),
            BundleError::UnsupportedCompression { name, method } => format!(
                "項目{}の圧縮方式（{method}）は使えません。使えるのは無圧縮（0）と deflate（8）だけです。",
                q(name)
            ),
            BundleError::NonCanonical {
                name,
                field,
                found,
                expected,
            } => format!(
                "項目{}の{field}が{found:#x}ですが、決められた値は{expected:#x}です（変更されたか、Kairan に対応したツールで作られていません）。",
                q(name)
            ),
            BundleError::BadName { name, problem } => format!(
                "項目名{}は使えません：{}。",
                q(name),
                problem.japanese()
            ),
            BundleError::DuplicateName { name } => {
                format!("同じ名前{}の項目が2つあります。", q(name))
            }
            BundleError::ConfusableNames { first, second } => format!(
                "項目{}と{}は、大文字・小文字や文字の表し方が違うだけの同じ名前です。",
                q(first),
                q(second)
            ),
            BundleError::HeaderMismatch { name } => format!(
                "項目{}の見出し情報が ZIP の目次と一致しません。",
                q(name)
            ),
            BundleError::OverlappingEntries { first, second } => format!(
                "項目{}と{}のデータが重なっています。",
                q(first),
                q(second)
            ),
            BundleError::HiddenData { bytes, after } => format!(
                "項目{}の後ろに、どこにも属さないデータが{bytes}バイト隠されています。",
                q(after)
            ),
            BundleError::Decompress { name, .. } => {
                format!("項目{}を展開できません（データが壊れています）。", q(name))
            }
            BundleError::CrcMismatch { name } => format!(
                "項目{}の内容がチェック値（CRC-32）と一致しません（項目が変更されています）。",
                q(name)
            ),
            BundleError::MissingManifest { position, found } => format!(
                "ファイルは manifest.json と manifest.json.minisig で始まる決まりですが、{position}番目に{}があります。",
                q(found)
            ),
            BundleError::ManifestTooLarge { size, limit } => format!(
                "目録（manifest.json）が{size}バイトあり、上限（{limit}バイト）を超えています。"
            ),
            BundleError::SignatureTooLarge { size, limit } => format!(
                "署名ファイル（manifest.json.minisig）が{size}バイトあり、上限（{limit}バイト）を超えています。"
            ),
            BundleError::Manifest(error) => {
                format!("目録（manifest.json）が正しくありません：{}", error.japanese())
            }
            BundleError::AlteredManifest(problem) => format!(
                "目録（manifest.json）が署名の後に変更されています：{}",
                problem.japanese()
            ),
            BundleError::SignatureFile(error) => format!(
                "署名ファイル（manifest.json.minisig）が正しくありません：{}",
                error.japanese()
            ),
            BundleError::OrderMismatch { expected, found } => format!(
                "項目{}の順番が違います。目録ではこの位置は{}です。",
                q(found),
                q(expected)
            ),
            BundleError::Document { path, source } => format!(
                "文書{}が正しくありません：{}",
                q(path),
                source.japanese()
            ),
        }
    }
}

impl Explain for ManifestError {
    fn japanese(&self) -> String {
        match self {
            ManifestError::Json(error) => format!("{}。", json_japanese(error)),
            ManifestError::HiddenCharacter(field) => format!(
                "{field}に制御文字・文字の向きを変える文字・見えない文字が含まれています（名前を偽装するのに使われます）。"
            ),
            ManifestError::WrongFormat(found) => {
                format!("形式名が{}で、Kairan の目録ではありません。", q(found))
            }
            ManifestError::UnsupportedVersion(version) => format!(
                "形式のバージョン{version}には対応していません。新しい版の Kairan で作られたファイルです。Kairan を更新してください。"
            ),
            ManifestError::BadIdentifier { field, value } => format!(
                "{field}の値{}は識別子として使えません（英数字と「.」「_」「-」で 1〜128 文字）。",
                q(value)
            ),
            ManifestError::ZeroSequence => "通し番号は 1 から始まる決まりです。".to_owned(),
            ManifestError::ExpiresBeforeIssued => {
                "有効期限（expires_at）が発行日時（issued_at）より前になっています。".to_owned()
            }
            ManifestError::BadPublicKey => {
                "差出人の公開鍵（issuer.public_key）が minisign の公開鍵ではありません。".to_owned()
            }
            ManifestError::BadPath { path, .. } => {
                format!("項目のパス{}は使えません。", q(path))
            }
            ManifestError::BadHash(path) => format!(
                "項目{}の SHA-256 が、16進数の小文字 64 桁になっていません。",
                q(path)
            ),
            ManifestError::DuplicateEntry(path) => {
                format!("項目{}が2回記載されています。", q(path))
            }
            ManifestError::EntryTooLarge(path) => {
                format!("項目{}の大きさが、1項目の上限を超えています。", q(path))
            }
            ManifestError::RoleMediaTypeMismatch { path, role } => format!(
                "項目{}の役割（{}）と種類（media type）が合っていません。",
                q(path),
                role_japanese(*role)
            ),
            ManifestError::NoDocument => "目録に文書が1つもありません。".to_owned(),
        }
    }
}

fn role_japanese(role: Role) -> &'static str {
    match role {
        Role::FirmNotice => "事務所のお知らせ",
        Role::VendorNotice => "ベンダーのお知らせ",
        Role::Report => "報告書",
        Role::KeyRollover => "鍵の切り替え声明",
        Role::Attachment => "添付ファイル",
    }
}

impl Explain for SignatureFileError {
    fn japanese(&self) -> String {
        match self {
            SignatureFileError::Shape => {
                "4行で、各行が改行1つで終わる決まりですが、そうなっていません。".to_owned()
            }
            SignatureFileError::UntrustedComment => {
                "1行目（署名されないコメント）が決められた内容と違います。".to_owned()
            }
            SignatureFileError::Legacy => "古い方式の minisign 署名です。Kairan が受け付けるのは、minisign 0.8 以降の標準（プレハッシュ方式）の署名だけです。".to_owned(),
            SignatureFileError::Encoding(line) => format!(
                "{}の行が、決められた長さの正しい base64 になっていません。",
                signature_line_japanese(line)
            ),
            SignatureFileError::TrustedCommentPrefix => {
                "3行目が「trusted comment: 」で始まっていません。".to_owned()
            }
        }
    }
}

fn signature_line_japanese(line: &str) -> String {
    match line {
        "signature" => "署名".to_owned(),
        "global signature" => "コメントの署名".to_owned(),
        other => q(other),
    }
}

impl Explain for SignatureProblem {
    fn japanese(&self) -> String {
        match self {
            SignatureProblem::OtherKey { found, claimed } => format!(
                "署名した鍵（鍵ID {found}）は、ファイルが名乗る鍵（鍵ID {claimed}）とも、信頼済みのどの鍵とも一致しません。"
            ),
            SignatureProblem::NoKeyToCheck { found } => format!(
                "署名した鍵（鍵ID {found}）はあなたが信頼する鍵ではなく、ファイルには検証に使える鍵が書かれていません（署名後に改変されたか壊れています）。"
            ),
            SignatureProblem::NamesAnotherKey { signed_by, named } => format!(
                "署名した鍵（鍵ID {signed_by}）と、ファイルが差出人の鍵として記載する鍵（鍵ID {named}）が一致しません。ファイルには署名した鍵が記載されている必要があります。"
            ),
            SignatureProblem::ManifestMismatch => "署名が目録（manifest.json）と一致しません。署名後に目録が変更または差し替えられています。".to_owned(),
            SignatureProblem::CommentSignature => {
                "署名付きコメントの署名が無効です（コメントが変更されています）。".to_owned()
            }
            SignatureProblem::CommentMismatch { .. } => {
                "署名付きコメントが、この目録の内容と一致しません。".to_owned()
            }
        }
    }
}

impl Explain for Tamper {
    fn japanese(&self) -> String {
        match self {
            Tamper::Unlisted => "署名された一覧にないファイルが追加されています。".to_owned(),
            Tamper::Missing => "署名された一覧にあるファイルが削除されています。".to_owned(),
            Tamper::Size { signed, found } => {
                format!("大きさが署名時と異なります（署名時{signed}バイト、現在{found}バイト）。")
            }
            Tamper::Hash => "内容が署名時と異なります（SHA-256 が一致しません）。".to_owned(),
            Tamper::Damaged(_) => {
                "データが壊れています（チェック値が合わないか、展開できません）。".to_owned()
            }
        }
    }
}

impl Explain for DocumentError {
    fn japanese(&self) -> String {
        match self {
            DocumentError::Json(error) => {
                format!("Kairan の文書として読めません：{}。", json_japanese(error))
            }
            DocumentError::WrongFormat { found } => {
                format!("形式名が{}で、Kairan の文書ではありません。", q(found))
            }
            DocumentError::UnsupportedVersion { found } => format!(
                "文書の形式のバージョン{found}には対応していません。Kairan を更新してください。"
            ),
            DocumentError::DuplicateHeadingId(id) => {
                format!("2つの見出しが同じID{}を使っています。", q(id))
            }
            DocumentError::InvisibleMarker(marker) => format!(
                "伏せ字か省略の記号{}が空か、見えない文字でできています。",
                q(marker)
            ),
        }
    }
}

impl Explain for KeyError {
    fn japanese(&self) -> String {
        match self {
            KeyError::BadPublicKey => {
                "minisign の公開鍵ではありません（「RW」で始まる行が必要です）。".to_owned()
            }
            KeyError::SeveralPublicKeys => "ファイルに鍵が2つ以上入っています。どれのことか Kairan は推測しません。鍵が1つだけのファイルをもらってください。".to_owned(),
            KeyError::BadSecretKey => "minisign の秘密鍵ファイルではありません。".to_owned(),
            KeyError::PasswordRequired => {
                "秘密鍵はパスワードで保護されています。パスワードを入力してください。".to_owned()
            }
            KeyError::WrongPassword => {
                "パスワードが違います（または鍵ファイルが壊れています）。".to_owned()
            }
            KeyError::Unsupported(_) => {
                "この秘密鍵の方式には対応していません。".to_owned()
            }
            KeyError::Random(_) => {
                "オペレーティングシステムから乱数を取得できませんでした。".to_owned()
            }
        }
    }
}

fn trust_file_japanese(what: &str) -> &'static str {
    match what {
        "trust store" => "信頼する鍵の一覧",
        "series history" => "開いたお知らせの履歴",
        "settings file" => "設定ファイル",
        _ => "ファイル",
    }
}

impl Explain for TrustError {
    fn japanese(&self) -> String {
        match self {
            TrustError::NoConfigDir => format!(
                "設定フォルダーが見つかりません（ホームフォルダーがない可能性があります）。環境変数{}に、Kairan が信頼する鍵を保存できるフォルダーを指定してください。",
                crate::trust::CONFIG_DIR_ENV
            ),
            TrustError::Read { path, cause } => format!(
                "{}を読み取れません：{}。Kairan はこのファイルを変更していません。読み取る権限があるか確認してください。",
                p(path),
                io_japanese(cause)
            ),
            TrustError::Corrupt { path, what, .. } => format!(
                "{}は Kairan の{}として正しい形式ではありません。Kairan はこのファイルを変更しておらず、直るまで書き込みません。ファイルを修復するか、コピーを残して別の場所に移してください（空の状態から始まります）。",
                p(path),
                trust_file_japanese(what)
            ),
            TrustError::Lock { path, cause } => {
                format!("{}をロックできません：{}。", p(path), io_japanese(cause))
            }
            TrustError::Write { path, cause } => format!(
                "{}に書き込めません：{}。前の内容はそのまま残っています。",
                p(path),
                io_japanese(cause)
            ),
            TrustError::NoSuchKey(given) => format!(
                "信頼する鍵の一覧に{}に当たる鍵はありません（名前、鍵ID、指紋のどれかで指定してください）。",
                q(given)
            ),
            TrustError::AmbiguousKey {
                name,
                count,
                key_ids,
            } => format!(
                "{}という名前の鍵が{count}個あります。鍵IDで指定してください（{}）。",
                q(name),
                key_ids.join("、")
            ),
            TrustError::AlreadyPresent {
                name,
                key_id,
                status,
            } => format!(
                "この鍵（鍵ID {key_id}）は、すでに{}として一覧にあります（{}）。",
                q(name),
                if *status == "revoked" {
                    "失効済み"
                } else {
                    "信頼済み"
                }
            ),
            TrustError::KeyIdClash { name, key_id } => format!(
                "一覧にある別の鍵（{}）が同じ鍵ID {key_id}を持っています。署名を区別できないため、この鍵は追加できません。",
                q(name)
            ),
            TrustError::DemoKey => "これは Kairan の公開デモ鍵です。秘密鍵が公開されているため、誰の鍵としても信頼できません。".to_owned(),
            TrustError::Exposed { path, problem } => format!(
                "{}は信頼できません：{}。自分だけが変更できる通常のファイル・フォルダーにするか（例：chmod go-w）、環境変数{}で別のフォルダーを指定してください。",
                p(path),
                match problem {
                    Exposure::Symlink => "シンボリックリンクです",
                    Exposure::OthersMayWrite => "このコンピューターのほかのユーザーが変更できます",
                    Exposure::OtherOwner => "ほかのユーザーの持ち物です",
                },
                crate::trust::CONFIG_DIR_ENV
            ),
            TrustError::NameTaken { name, key_id } => format!(
                "あなたが信頼する別の鍵{}（鍵ID {key_id}）が、同じ名前か、見分けのつかない名前を使っています。1つの名前に2つの鍵があると、どちらも相手になりすませます。{}の新しい鍵であれば、あらかじめ知っている電話番号で指紋を確認してから、「この鍵は{}の新しい鍵です…」で古い鍵と入れ替えてください。",
                q(name),
                q(name),
                q(name)
            ),
            TrustError::BadName(rule) => rule.japanese(),
            TrustError::AlreadyRevoked { name, key_id } => {
                format!("{}（鍵ID {key_id}）はすでに失効しています。", q(name))
            }
        }
    }
}

impl Explain for LibraryError {
    fn japanese(&self) -> String {
        match self {
            LibraryError::NoDataDir => format!(
                "受け取った通知のライブラリを置くフォルダーが見つかりません（ホームフォルダーがない可能性があります）。環境変数{}に、Kairan がファイルを保存できるフォルダーを指定してください。",
                crate::trust::CONFIG_DIR_ENV
            ),
            LibraryError::Read { path, cause } => {
                format!("{}を読み取れません：{}。", p(path), io_japanese(cause))
            }
            LibraryError::Write { path, cause } => {
                format!("{}に書き込めません：{}。", p(path), io_japanese(cause))
            }
            LibraryError::Index { path, .. } => format!(
                "ライブラリの索引{}でエラーが起きました。保存された通知そのものは無事です。「kairan library rebuild」で保存されたファイルから索引を作り直せます。",
                p(path)
            ),
            LibraryError::BadId(given) => format!(
                "{}は通知のIDではありません。IDの先頭8桁以上（16進数）を指定してください（「kairan library list」に表示されます）。",
                q(given)
            ),
            LibraryError::NoSuchNotice(prefix) => {
                format!("ライブラリに、IDが{}で始まる通知はありません。", v(prefix))
            }
            LibraryError::AmbiguousId { prefix, count } => format!(
                "ライブラリに、IDが{}で始まる通知が{count}件あります。もっと長く指定してください。",
                v(prefix)
            ),
            LibraryError::ExportExists { path } => format!(
                "{}はすでにあります。書き出しではファイルを上書きしません。",
                p(path)
            ),
        }
    }
}

impl Explain for NameRule {
    fn japanese(&self) -> String {
        match self {
            NameRule::Empty => {
                "名前が空です。鍵の持ち主を、あなたが呼んでいる名前で入力してください。"
                    .to_owned()
            }
            NameRule::TooLong(max) => format!("名前が{max}文字を超えています。"),
            NameRule::Hidden => "名前に制御文字か見えない文字（改行、ゼロ幅スペース、文字の向きを変える記号など）が含まれています。".to_owned(),
            NameRule::NoLetters => "名前に文字も数字もありません。鍵の持ち主を知っている名前で入力してください。".to_owned(),
            NameRule::NoteTooLong(max) => format!("メモが{max}文字を超えています。"),
            NameRule::OrganisationControl => {
                "組織名に制御文字（改行など）が含まれています。".to_owned()
            }
        }
    }
}

impl Explain for RolloverError {
    fn japanese(&self) -> String {
        match self {
            RolloverError::Json(_) => "切り替え声明の JSON が正しくありません。".to_owned(),
            RolloverError::WrongFormat(found) => {
                format!("形式名が{}で、鍵の切り替え声明ではありません。", q(found))
            }
            RolloverError::UnsupportedVersion(version) => {
                format!("切り替え声明の形式のバージョン{version}には対応していません。")
            }
            RolloverError::BadKey(field) => {
                format!("{field}が minisign の公開鍵ではありません。")
            }
            RolloverError::BadTime(value) => format!(
                "有効になる日時{}が読めません（2024-04-01T00:00:00+09:00 のように書きます）。",
                q(value)
            ),
            RolloverError::SameKey => "古い鍵と新しい鍵が同じです。".to_owned(),
            RolloverError::WrongSecretKey(key_id) => {
                format!("指定した秘密鍵は、声明に書かれた古い鍵（鍵ID {key_id}）ではありません。")
            }
        }
    }
}

impl Explain for RolloverProblem {
    fn japanese(&self) -> String {
        match self {
            RolloverProblem::Incomplete => {
                "切り替え声明とその署名の両方がそろっていません。".to_owned()
            }
            RolloverProblem::TooLarge(path) => {
                format!("{}が大きすぎます。", q(path))
            }
            RolloverProblem::Unreadable(_) => "切り替え声明を読み取れません。".to_owned(),
            RolloverProblem::Malformed(error) => {
                format!("声明が正しくありません：{}", error.japanese())
            }
            RolloverProblem::Signature(_) => "古い鍵による声明の署名を確認できません。".to_owned(),
            RolloverProblem::OtherKey { introduced, signer } => format!(
                "声明が告知する鍵（鍵ID {introduced}）と、このファイルに署名した鍵（鍵ID {signer}）が違います。"
            ),
            RolloverProblem::OldKeyUnknown(key_id) => {
                format!("声明に署名した鍵（鍵ID {key_id}）は、あなたが信頼する鍵ではありません。")
            }
            RolloverProblem::OldKeyRevoked { name, key_id } => format!(
                "声明に署名した鍵{}（鍵ID {key_id}）は、あなたが失効させた鍵です。",
                q(name)
            ),
        }
    }
}

impl Explain for PackError {
    fn japanese(&self) -> String {
        match self {
            PackError::Authoring { errors } => errors
                .iter()
                .map(Explain::japanese)
                .collect::<Vec<_>>()
                .join("\n"),
            PackError::DanglingLink { file, text, target } => format!(
                "{}：リンク{}のリンク先{}は、このファイルに含まれていません。",
                v(file),
                q(text),
                q(target)
            ),
            PackError::Manifest(error) => {
                format!(
                    "文書の設定（bundle.json）が正しくありません：{}",
                    error.japanese()
                )
            }
            PackError::Bundle(error) => error.japanese(),
        }
    }
}

impl Explain for PublishError {
    fn japanese(&self) -> String {
        match self {
            PublishError::Read { path, source } => {
                format!("{}を読み取れません：{}。", p(path), io_japanese(source))
            }
            PublishError::Write { path, source } => {
                format!("{}に書き込めません：{}。", p(path), io_japanese(source))
            }
            PublishError::Key { path, source } => {
                format!("秘密鍵{}を使えません：{}", p(path), source.japanese())
            }
            PublishError::Source { dir, errors } => format!(
                "{}に誤りが{}件あります。何も署名していません。{}",
                p(dir),
                errors.len(),
                errors
                    .first()
                    .map(|first| format!("最初の誤り：{}", first.japanese()))
                    .unwrap_or_default()
            ),
            PublishError::Blocked { findings, policy } => format!(
                "署名前チェックで、署名を止める指摘が{}件あります。何も署名していません。",
                crate::authoring::checks::blocking(findings, *policy).len()
            ),
            PublishError::Pack { dir, source } => {
                format!("{}からファイルを作れません：{}", p(dir), source.japanese())
            }
            PublishError::DoesNotVerify(_) => {
                "作成したファイルを検証できませんでした。何も書き出していません。".to_owned()
            }
            PublishError::WrittenBundleDoesNotVerify { path, .. } => format!(
                "書き出した{}を読み直すと検証できなかったため、削除しました。",
                p(path)
            ),
            PublishError::Exists { path } => {
                format!("{}はすでにあります。別の名前を指定してください。", p(path))
            }
        }
    }
}

impl Explain for ImportError {
    fn japanese(&self) -> String {
        match self {
            ImportError::NoLetter => "文書が見つかりません。各文書は、日付（例：2023年6月29日）と宛先（例：お客様各位）をそれぞれ1行に書いて始めてください。".to_owned(),
            ImportError::TextBeforeFirstLetter { line } => format!(
                "{line}行目：最初の文書の日付と宛先より前に文章があります。文書の中に移すか削除してから、もう一度取り込んでください。"
            ),
            ImportError::NoTitle { line } => format!(
                "{line}行目：文書に件名がありません。宛先・発信者と本文の間に件名を1行で書いてから、もう一度取り込んでください。"
            ),
            ImportError::BadBundleId(id) => format!(
                "ファイルID{}には、半角英数字と「.」「_」「-」しか使えません。",
                q(id)
            ),
            ImportError::Unrepresentable { line, .. } => format!(
                "{line}行目：この文書は原稿の形式で正確に書き表せません。"
            ),
        }
    }
}

impl Explain for Unrepresentable {
    fn japanese(&self) -> String {
        "この文書は原稿の形式で正確に書き表せません。".to_owned()
    }
}

impl Explain for RecipientRowError {
    fn japanese(&self) -> String {
        format!("顧客一覧の{}行目：{}", self.line, self.problem.japanese())
    }
}

impl Explain for RowProblem {
    fn japanese(&self) -> String {
        match self {
            RowProblem::EmptyList => "顧客一覧が空です。1行目に「recipient,id」のような見出し行を書いてください。".to_owned(),
            RowProblem::NoRecipientColumn { header } => format!(
                "見出し行{}に「recipient」の列がありません。1行目を「recipient,id」のようにしてください。",
                q(&header.join(","))
            ),
            RowProblem::UnclosedQuote => "「\"」で始まる項目が閉じられていません。".to_owned(),
            RowProblem::StrayQuote => "項目の途中に「\"」があります。項目全体を「\"」で囲み、中の「\"」は「\"\"」と書いてください。".to_owned(),
            RowProblem::FieldCount { found, expected } => format!(
                "項目が{found}個ありますが、見出し行は{expected}個です。"
            ),
            RowProblem::EmptyRecipient => "宛先（recipient）が空です。".to_owned(),
            RowProblem::BadId { id } => format!(
                "ID{}には半角英数字と「.」「_」「-」しか使えません（64文字まで）。",
                q(id)
            ),
            RowProblem::RepeatedId { id } => {
                format!("ID{}は、前の行ですでに使われています。", q(id))
            }
        }
    }
}

impl Explain for DetectionNote {
    fn japanese(&self) -> String {
        let who = |by: &WithheldBy| match by {
            WithheldBy::Author => "原文の作成者",
            WithheldBy::Forwarder => "転送した事務所",
            WithheldBy::NotStated => "記載なし",
        };
        match self {
            DetectionNote::LetterStarts { date: Some(date) } => {
                format!("ここから文書が始まります（日付 {}）", v(date))
            }
            DetectionNote::LetterStarts { date: None } => {
                "ここから文書が始まります（日付を読み取れません）".to_owned()
            }
            DetectionNote::Addressee => "宛先として読みました".to_owned(),
            DetectionNote::Caption => {
                "転送した写しの見出し（文書の出典の見出しとして残します）".to_owned()
            }
            DetectionNote::Title => "件名として読みました".to_owned(),
            DetectionNote::Issuer => "発信者の行として読みました".to_owned(),
            DetectionNote::Heading { level, id } => {
                format!("見出し（レベル{level}、ID {}）", v(id))
            }
            DetectionNote::Masked { by } => format!("伏せ字（伏せた人：{}）", who(by)),
            DetectionNote::Omitted { kind, by } => format!(
                "省略（{}。省略した人：{}）",
                match kind {
                    OmissionKind::Section => "節全体",
                    OmissionKind::Middle => "節の一部",
                    OmissionKind::Rest => "以降すべて",
                    OmissionKind::Unspecified => "範囲の記載なし",
                },
                who(by)
            ),
            DetectionNote::JoinedParagraph => {
                "前の段落が文の途中で終わっているため、つなげました（改ページ？）".to_owned()
            }
            DetectionNote::BulletOpensHeading => {
                "見出しの先頭の記号1つは行頭記号として読みました（伏せ字ではありません）".to_owned()
            }
            DetectionNote::BulletOpensListItem => {
                "箇条書きの先頭の記号1つは行頭記号として読みました（伏せ字ではありません）"
                    .to_owned()
            }
            DetectionNote::Salutation => {
                "文書の冒頭の「前略」はあいさつとして読みました（省略ではありません）".to_owned()
            }
            DetectionNote::Separator => {
                "＊や×だけの行は区切り線として読みました（伏せ字ではありません）".to_owned()
            }
            DetectionNote::Emphasis => {
                "「**」は強調の印として読みました（伏せ字ではありません）".to_owned()
            }
            DetectionNote::TemplateBlank => {
                "ひな形の「○○」は記入欄として読みました（伏せ字ではありません）".to_owned()
            }
            DetectionNote::ExampleSymbols => {
                "伏せ字を説明する文の中なので、記号は例として読みました".to_owned()
            }
            DetectionNote::ExampleMarker => {
                "伏せ字を説明する文の中なので、この表記は例として読みました".to_owned()
            }
        }
    }
}

impl Explain for RecipientFailure {
    fn japanese(&self) -> String {
        match self {
            RecipientFailure::Row(error) => error.japanese(),
            RecipientFailure::Publish {
                line,
                recipient,
                error,
            } => format!("{line}行目（{}）：{}", v(recipient), error.japanese()),
        }
    }
}

impl Explain for SourceError {
    fn japanese(&self) -> String {
        format!(
            "{}:{}:{}: {}",
            v(&self.file),
            self.line,
            self.column,
            self.problem.japanese()
        )
    }
}

impl Explain for SourceProblem {
    fn japanese(&self) -> String {
        match self {
            SourceProblem::NoFrontMatter => "原稿は前書き（フロントマター）から始めてください。「---」の行、「title: …」「date: …」などの項目、もう一度「---」の行の順です。".to_owned(),
            SourceProblem::FrontMatterNotClosed => {
                "前書きが閉じていません。最後の項目の後に「---」の行を入れてください。".to_owned()
            }
            SourceProblem::NotKeyValue { line } => format!(
                "前書きには「項目名: 値」の形で書いてください（{}と書かれています）。使える項目名：{}",
                q(line),
                FRONT_KEY_LIST.replace(", ", "、")
            ),
            SourceProblem::EmptyValue { key } => format!(
                "「{}:」に値がありません。値を書くか、その行を削除してください。",
                v(key)
            ),
            SourceProblem::KeyTwice {
                key,
                only_issuer_repeats,
            } => format!(
                "「{}:」が2回書かれています。1つにしてください。{}",
                v(key),
                if *only_issuer_repeats {
                    "（繰り返せるのは「issuer:」だけです）"
                } else {
                    ""
                }
            ),
            SourceProblem::UnknownKey { key } => format!(
                "前書きの項目名「{}」は使えません。使える項目名：{}",
                v(key),
                FRONT_KEY_LIST.replace(", ", "、")
            ),
            SourceProblem::BadRetrieved { value } => format!(
                "「retrieved: {}」は日付として読めません。2023-06-29 のように書いてください。",
                v(value)
            ),
            SourceProblem::NoTitle => {
                "前書きに「title:」がありません。文書の件名を書いてください。".to_owned()
            }
            SourceProblem::BadDateIso { value } => format!(
                "「date-iso: {}」は日付として読めません。2023-06-29 のように書いてください。",
                v(value)
            ),
            SourceProblem::DateIsoWithoutDate => {
                "「date-iso:」を使うときは、文書に書かれたとおりの日付を「date:」にも書いてください。"
                    .to_owned()
            }
            SourceProblem::DatesDisagree {
                text,
                derived,
                explicit,
            } => format!(
                "「date: {}」は{}と読めますが、「date-iso:」は{}になっています。",
                v(text),
                v(derived),
                v(explicit)
            ),
            SourceProblem::UnreadableDate { text } => format!(
                "日付{}が読めません。2023年6月29日、令和5年6月29日、2023-06-29 のように書くか、「date-iso: 2023-06-29」の形で加えてください。",
                q(text)
            ),
            SourceProblem::ClosingNotLast => "右寄せの行「-> …」は結び（以上）なので、文書の最後の行にしてください。中央寄せにするには「-> … <-」と書きます。".to_owned(),
            SourceProblem::EmptyListItem => {
                "箇条書きの項目が空です。「- 」の後に文章を書いてください。".to_owned()
            }
            SourceProblem::EmptyCentredLine => {
                "中央寄せの行が空です。-> と <- の間に文章を書いてください。".to_owned()
            }
            SourceProblem::MarkupInClosing => {
                "結び（「-> 以上」）には伏せ字やリンクを使えません。".to_owned()
            }
            SourceProblem::UnknownUnder { id } => format!(
                "省略に「under: {}」とありますが、そのIDの見出しがありません。",
                v(id)
            ),
            SourceProblem::TitleHeading => "「# 」は使いません。件名は前書きに書き、節の見出しは「## 」、小見出しは「### 」で書いてください。".to_owned(),
            SourceProblem::HeadingLevel => {
                "見出しは2段階です。節は「## 」、小見出しは「### 」で書いてください。".to_owned()
            }
            SourceProblem::HeadingWithoutId => "見出しの最後に、リンク用のIDを付けてください（例：「## 1. 発生事象{#s1}」）。".to_owned(),
            SourceProblem::BadHeadingId { id } => format!(
                "見出しのID{}には、半角英数字と「-」「_」しか使えません（例：s1）。",
                q(id)
            ),
            SourceProblem::DuplicateHeadingId { id } => format!(
                "2つの見出しが同じID{}を使っています。IDは重ならないようにしてください。",
                q(id)
            ),
            SourceProblem::HeadingWithoutText => {
                "見出しの{#ID}の前に見出しの文章がありません。".to_owned()
            }
            SourceProblem::UnknownOmissionKind { kind } => format!(
                "省略の種類{}は使えません。section、middle、rest、unspecified のどれかにしてください。",
                q(kind)
            ),
            SourceProblem::OmissionKindUnclear { marker } => format!(
                "省略{}の種類がわかりません。「| kind: section」（または middle、rest、unspecified）を加えてください。",
                q(marker)
            ),
            SourceProblem::UnknownBy { value } => format!(
                "「by: {}」は使えません。author（文書の作成者）、forwarder（転送した人）、not_stated（記載なし）のどれかにしてください。",
                v(value)
            ),
            SourceProblem::EmptyMarker => "記号が空です。読む人に見える記号を最初に書いてください（例：{{■■■■}}、[[—省略—]]）。".to_owned(),
            SourceProblem::NotAttribute { found, known } => format!(
                "「|」の後は「項目名: 値」の形で書いてください（{}と書かれています）。ここで使える項目名：{}",
                q(found),
                known.join("、")
            ),
            SourceProblem::UnknownAttribute { key, known } => format!(
                "項目名「{}」は使えません。ここで使える項目名：{}",
                v(key),
                known.join("、")
            ),
            SourceProblem::EmptyAttribute { key } => format!(
                "「{}:」に値がありません。値を書くか、削除してください。",
                v(key)
            ),
            SourceProblem::AttributeTwice { key } => {
                format!("「{}:」が2回書かれています。", v(key))
            }
            SourceProblem::UnclosedMask => "「{{」で始まる伏せ字が閉じていません。「}}」で閉じてください（波かっこそのものは「\\{」と書きます）。".to_owned(),
            SourceProblem::MaskNotClosedBeforeNext => "「{{」で始まる伏せ字が、次の「{{」までに閉じていません。「}}」で閉じてください。".to_owned(),
            SourceProblem::UnmatchedMaskClose => "「}}」に対応する「{{」がありません。波かっこそのものは「\\}」と書きます。".to_owned(),
            SourceProblem::MaskInLink => {
                "リンクの文字の中に伏せ字は入れられません。伏せ字はリンクの外に出してください。"
                    .to_owned()
            }
            SourceProblem::LinkWithoutText => {
                "リンクには見える文字が必要です：[文字](doc:名前)".to_owned()
            }
            SourceProblem::EmptyLinkHeading { target } => format!(
                "リンク先{}の「#」の後の見出しIDが空です。",
                q(target)
            ),
            SourceProblem::EmptyDocLink => {
                "「doc:」の後に文書の名前か「#見出しID」を書いてください。".to_owned()
            }
            SourceProblem::UnknownLinkTarget { target } => format!(
                "リンク先{}は「doc:名前#見出し」でも、https://・http://・mailto: のアドレスでもありません。",
                q(target)
            ),
            SourceProblem::UnreadableMetadata { kind, .. } => format!(
                "フォルダーの設定（bundle.json）を読み取れません：{}。",
                io_japanese(&std::io::Error::from(*kind))
            ),
            SourceProblem::BadMetadata { .. } => {
                "フォルダーの設定（bundle.json）の JSON が正しくありません。".to_owned()
            }
            SourceProblem::PathOutsideFolder { path } => format!(
                "{}は、フォルダーの中を指すパスにしてください。",
                q(path)
            ),
            SourceProblem::InvalidMetadata(problem) => format!(
                "フォルダーの設定（bundle.json）のままでは署名できません：{}",
                problem.japanese()
            ),
            SourceProblem::BadPath { path, problem } => format!(
                "{}はファイルの中の名前に使えません：{}。",
                q(path),
                problem.japanese()
            ),
            SourceProblem::SourceForAttachment { path } => format!(
                "{}：「source」を書けるのは文書だけです。添付ファイルはそのまま入れます。",
                q(path)
            ),
            SourceProblem::MissingMediaType { path } => format!(
                "{}：添付ファイルには bundle.json で「media_type」（例：application/pdf）を指定してください。",
                q(path)
            ),
            SourceProblem::UnreadableSource { kind, .. } => format!(
                "このファイルを読み取れません：{}。",
                io_japanese(&std::io::Error::from(*kind))
            ),
            SourceProblem::NotUtf8 { .. } => {
                "UTF-8 のテキストではありません。UTF-8 で保存し直してください。".to_owned()
            }
            SourceProblem::BadJsonDocument { .. } => {
                "Kairan の文書（JSON）として正しくありません。".to_owned()
            }
        }
    }
}

fn field_japanese(field: LetterField) -> &'static str {
    match field {
        LetterField::Date => "日付",
        LetterField::Addressee => "宛先",
        LetterField::Issuer => "発信者",
    }
}

impl Explain for FindingDetail {
    fn japanese(&self) -> String {
        match self {
            FindingDetail::Source(problem) => problem.japanese(),
            FindingDetail::MissingField { field, forwarded } => {
                let name = field_japanese(*field);
                let example = field.example();
                if *forwarded {
                    format!(
                        "転送する文書に{name}がありません。原本を確認し、書かれていれば「{example}」を加えてください。書かれていなければ、このままで構いません。"
                    )
                } else {
                    format!(
                        "事務所のお知らせに{name}がありません。前書きに「{example}」を加えてください。"
                    )
                }
            }
            FindingDetail::MissingDocument { text, path } => format!(
                "リンク{}のリンク先{}は、このファイルの文書ではありません。「doc:」の後の名前を bundle.json と照らし合わせてください。",
                q(text),
                q(path)
            ),
            FindingDetail::MissingHeading {
                text,
                heading,
                path,
                ids,
            } => format!(
                "リンク{}のリンク先は{}の見出し「#{}」ですが、その見出しはありません（ある見出しID：{}）。",
                q(text),
                q(path),
                v(heading),
                ids.iter().map(|id| v(id)).collect::<Vec<_>>().join("、")
            ),
            FindingDetail::DatedBeforeCited { ours, path, theirs } => format!(
                "事務所のお知らせの日付（{}）が、引用している{}の日付（{}）より前です。どちらかの日付が誤っています。",
                v(ours),
                q(path),
                v(theirs)
            ),
            FindingDetail::NonAsciiHost { url } => format!(
                "アドレス{}のホスト名に半角英数字以外の文字があり、別のサイトを装えます。ホスト名は半角英数字で書いてください。",
                q(url)
            ),
            FindingDetail::MaskWithoutReason { marker } => format!(
                "伏せ字{}に理由がありません。読む人には「理由の記載なし」と表示されます（理由がわかれば「| reason: …」を加えてください）。",
                v(marker)
            ),
            FindingDetail::MaskWidth { marker, length } => format!(
                "伏せ字の記号{}は{length}文字あり、隠した文字数がわかってしまうおそれがあります。「kairan check --fix-mask-width」で、すべての記号を{}文字にそろえられます。",
                v(marker),
                crate::authoring::MASK_MARKER_WIDTH
            ),
            FindingDetail::OmissionWithoutReason { marker } => format!(
                "省略{}に理由がありません。読む人には「理由の記載なし」と表示されます（理由がわかれば「| reason: …」を加えてください）。",
                v(marker)
            ),
            FindingDetail::Hidden { character, kind } => format!(
                "本文に見えない{}（U+{:04X}）があります。違う文章を同じに見せたり、表示の順番を入れ替えたりできるので、削除してください。",
                match kind {
                    HiddenKind::BidiControl => "文字の向きを変える制御文字",
                    HiddenKind::ZeroWidth => "ゼロ幅の文字",
                    HiddenKind::Control => "制御文字",
                    HiddenKind::Invisible => "文字",
                },
                u32::from(*character)
            ),
            FindingDetail::MixedScript { word } => format!(
                "{}には、ラテン文字とよく似たキリル文字かギリシャ文字が混ざっています。打ち直してください。",
                q(word)
            ),
            FindingDetail::EmailAddress { address } => format!(
                "メールアドレス{}は、受け取った全員が読めます。公開するもの（事務所の連絡先など）でなければ伏せ字にしてください。",
                v(address)
            ),
            FindingDetail::IndividualNumber { number } => format!(
                "{}は個人番号（マイナンバー：検査用数字が正しい12桁）のようです。決して送ってはいけません。伏せ字にしてください。",
                v(number)
            ),
            FindingDetail::PensionNumber { number } => format!(
                "{}は基礎年金番号のようです。伏せ字にしてください。",
                v(number)
            ),
            FindingDetail::EmploymentInsuranceNumber { number } => format!(
                "{}は雇用保険被保険者番号のようです。伏せ字にしてください。",
                v(number)
            ),
            FindingDetail::BankAccount { number } => {
                format!("{}は口座番号のようです。伏せ字にしてください。", v(number))
            }
            FindingDetail::PhoneNumber { number } => format!(
                "{}は電話番号のようです。公開するもの（事務所の連絡先など）でなければ伏せ字にしてください。",
                v(number)
            ),
        }
    }
}

/// The headline of a status, in `language` (the words of `docs/trust.md`'s table).
pub fn status_text(status: Status, language: Language) -> &'static str {
    match language {
        Language::Japanese => match status {
            Status::Verified => "検証済み",
            Status::VerifiedWithCaution => "検証済み（注意事項があります）",
            Status::Sample => "組み込みサンプル（公開デモ鍵で署名）",
            Status::DemoKey => "公開デモ鍵で署名されています — 差出人は証明されません",
            Status::UnknownSigner => "署名は有効ですが、差出人を確認できません",
            Status::Alarm => "警告：なりすまし・差し替えの疑いがあります",
            Status::Revoked => "失効させた鍵の署名です",
            Status::Tampered => "改ざんを検出しました",
            Status::Invalid => "署名が無効です",
            Status::Unreadable => "ファイルを読み取れません",
            Status::Preview => "プレビュー — 未署名",
        },
        Language::English => match status {
            Status::Verified => "Verified",
            Status::VerifiedWithCaution => "Verified, with cautions",
            Status::Sample => "Built-in sample (signed with the public demo key)",
            Status::DemoKey => "Signed with the public demo key — this proves nothing",
            Status::UnknownSigner => "Valid signature, but the signer is unknown",
            Status::Alarm => "ALARM: possible impersonation or replacement",
            Status::Revoked => "Signed by a key you revoked",
            Status::Tampered => "Tampered",
            Status::Invalid => "Invalid signature",
            Status::Unreadable => "The file cannot be read",
            Status::Preview => "Preview — not signed",
        },
    }
}

/// What the reader should do next, in `language`.
pub fn next_action_text(action: NextAction, language: Language) -> &'static str {
    match language {
        Language::Japanese => match action {
            NextAction::Rely => "このお知らせは、信頼する差出人が送ったとおりの内容です。",
            NextAction::ReadCautions => "内容を信用する前に、注意事項を読んでください。",
            NextAction::TryTheSample => "Kairan を試すための見本です。",
            NextAction::AskForProperlySignedCopy => {
                "差出人自身の鍵で署名したファイルを送ってもらってください。"
            }
            NextAction::ConfirmFingerprint => {
                "信頼する前に、鍵の指紋を差出人に電話か郵送の書面で確認してください。"
            }
            NextAction::ConfirmWithIssuer => {
                "すでに知っている電話番号で差出人に確認するまで、信用しないでください。"
            }
            NextAction::AskForNewCopy => "信用せず、差出人に送り直しを依頼してください。",
            NextAction::CheckTheFile => {
                "ファイルがそろっているか確認し、もう一度ダウンロードしてください。"
            }
            NextAction::FinishAndSign => "原稿を仕上げて署名してください。",
        },
        Language::English => match action {
            NextAction::Rely => "It is what the signer you trust sent.",
            NextAction::ReadCautions => "Read the cautions before relying on it.",
            NextAction::TryTheSample => "It is a sample for trying Kairan.",
            NextAction::AskForProperlySignedCopy => {
                "Ask the sender for a copy signed with their own key."
            }
            NextAction::ConfirmFingerprint => {
                "Confirm the key's fingerprint with the sender by phone or letter before trusting it."
            }
            NextAction::ConfirmWithIssuer => {
                "Do not rely on it until the issuer, reached at a known phone number, confirms it."
            }
            NextAction::AskForNewCopy => "Do not rely on it; ask the sender for a new copy.",
            NextAction::CheckTheFile => "Check that the file is complete; download it again.",
            NextAction::FinishAndSign => "Finish the notice and sign it.",
        },
    }
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
