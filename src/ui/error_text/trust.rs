//! Japanese words for keys and the reader's trust records: key files and passwords, the trust
//! store, series history and settings files, the names a key may be given, and key rollovers.

use super::{Explain, io_japanese, p, q, v};
use crate::bundle::KeyError;
use crate::library::LibraryError;
use crate::trust::{Exposure, NameRule, RolloverError, RolloverProblem, TrustError};

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
                    Exposure::NotAFile => "通常のファイルではありません（パイプや装置）",
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
            NameRule::LooksLikeKeyId => "名前が鍵IDや指紋のように読めます（英数字の16進数だけ）。コマンドが別の鍵と取り違えるため、差出人を知っている名前で付けてください。".to_owned(),
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
            RolloverError::DemoKey => {
                "新しい鍵が公開のデモ鍵です。デモ鍵の秘密は誰でも持っているため、信頼できません。"
                    .to_owned()
            }
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
