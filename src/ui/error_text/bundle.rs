//! Japanese words for opening and verifying a bundle: the archive and its entry names, the
//! manifest, the signature file and the signature, altered entries, and the documents inside.

use super::{Explain, io_japanese, p, q};
use crate::bundle::Role;
use crate::bundle::signature::SignatureFileError;
use crate::bundle::{BundleError, ManifestError, NameProblem, SignatureProblem, Tamper};
use crate::document::{DocumentError, TableProblem};

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
            BundleError::NotAFile { path } => format!(
                "{}はファイルではありません（フォルダー・装置・パイプ）。.kairan ファイルの場所を指定してください。",
                p(path)
            ),
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
            DocumentError::ControlInLine(field) => format!(
                "文書の{}に改行などの制御文字があります（ないはずの行が表示されてしまいます）。",
                head_field(field)
            ),
            DocumentError::BadNote(marker) => format!(
                "注記の印{}が文書で使われる印（※、※1、注：、注1：、（注））ではないか、注記の本文が空です。",
                q(marker)
            ),
            DocumentError::BadBold => {
                "太字の部分が空か、改行などの制御文字を含んでいます。".to_owned()
            }
            DocumentError::NeedsVersion2(what) => format!(
                "文書の形式がバージョン1なのに、バージョン2でしか書けない内容（{}）があります。",
                match *what {
                    "a note" => "注記",
                    "a table" => "表",
                    "a nested list" => "入れ子の箇条書き",
                    _ => "太字",
                }
            ),
            DocumentError::BadTable(problem) => table_problem(problem),
            DocumentError::BadListDepth(depth) => format!(
                "{depth}段目の入れ子の箇条書きが、1段上の箇条書きの後にないか、{}段より深くなっています。",
                crate::bundle::limits::MAX_LIST_DEPTH
            ),
            DocumentError::HeadLineTooLong { field, chars } => format!(
                "文書の{}が{chars}文字あります。冒頭の1行は{}文字までです。",
                head_field(field),
                crate::bundle::limits::MAX_HEAD_LINE_CHARS
            ),
            DocumentError::InvisibleMarker(marker) => format!(
                "伏せ字か省略の記号{}が空か、見えない文字でできています。",
                q(marker)
            ),
        }
    }
}

/// What is wrong with a table, in Japanese.
pub fn table_problem(problem: &TableProblem) -> String {
    use crate::bundle::limits::{MAX_CELL_CHARS, MAX_TABLE_CELLS, MAX_TABLE_COLUMNS};
    match problem {
        TableProblem::Empty => {
            "表に行か列がありません（見出し行のほかに1行以上必要です）。".to_owned()
        }
        TableProblem::TooManyColumns(columns) => {
            format!("表が{columns}列あります。表は{MAX_TABLE_COLUMNS}列までです。")
        }
        TableProblem::TooManyCells { rows, columns } => {
            format!("表が{rows}行{columns}列あります。表のマスは{MAX_TABLE_CELLS}個までです。")
        }
        TableProblem::RaggedRow {
            row,
            cells,
            columns,
        } => format!("表の{row}行目のマスが{cells}個ですが、表は{columns}列です。"),
        TableProblem::CellTooLong => {
            format!("表のマスに{MAX_CELL_CHARS}文字を超える文があります。")
        }
        TableProblem::ControlInCell => "表のマスに改行などの制御文字があります。".to_owned(),
    }
}

/// A line of the letter's head, in Japanese.
fn head_field(field: &str) -> &'static str {
    match field {
        "date" => "日付",
        "addressee" => "宛先",
        "title" => "件名",
        "closing" => "結び",
        "caption" => "見出し書き",
        _ => "発信者",
    }
}
