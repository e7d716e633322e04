//! Japanese words for the firm's authoring work: packing, publishing and writing keys, importing
//! letters and client lists. What is wrong in a notice folder's sources, and every pre-send
//! check finding, is in [`checks`](super::checks).

use super::{Explain, io_japanese, p, q, v};
use crate::authoring::import::{DetectionNote, ImportError};
use crate::authoring::publish::{PublishError, RecipientFailure};
use crate::authoring::{PackError, RecipientRowError, RowProblem, Unrepresentable};
use crate::document::{OmissionKind, WithheldBy};

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
            ImportError::NoLetter => "文書が見つかりません。各文書は、日付（例：2023年6月29日、June 3, 2025）と宛先（例：お客様各位、To our customers）をそれぞれ1行に書いて始めてください。".to_owned(),
            ImportError::TextBeforeFirstLetter { line } => format!(
                "{line}行目：最初の文書の日付と宛先より前に文章があります。文書の中に移すか削除してから、もう一度取り込んでください。"
            ),
            ImportError::NoTitle { line } => format!(
                "{line}行目：文書に件名がありません。宛先・発信者と本文の間に件名を1行で書いてから、もう一度取り込んでください。"
            ),
            ImportError::BadTable { line, problem } => format!(
                "{line}行目：{}ページの表を短くするか、表の文字を写してください。",
                super::bundle::table_problem(problem)
            ),
            ImportError::PageTooDeep { depth } => format!(
                "ページの要素が{depth}段も入れ子になっています。実際のページは数十段なので、このページは読み込みません。"
            ),
            ImportError::TitleTooLong { line, chars } => format!(
                "{line}行目：ページの件名が{chars}文字あります。件名は2000文字までです。"
            ),
            ImportError::DocumentTooLarge { bytes } => format!(
                "ページの文書が{bytes}バイトになり、ファイルに入れられる大きさ（32 MiB）を超えます。短いページを取り込んでください。"
            ),
            ImportError::NoPageTitle => "ページに見出し（<h1> など）も <title> もありません。ページに加えるか、本文をテキストの文書に写してください。".to_owned(),
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
            RowProblem::NoClients => "顧客一覧に見出し行しかありません。その下に顧客を1行に1社ずつ書いてください。".to_owned(),
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
                "ID{}には半角英数字と「.」「_」「-」しか使えず、先頭は英数字です（64文字まで）。",
                q(id)
            ),
            RowProblem::RepeatedId { id } => {
                format!("ID{}は、前の行ですでに使われています（大文字と小文字は区別しません）。", q(id))
            }
            RowProblem::SameFileName { id } => format!(
                "この行のファイル名（…-{}.kairan）が前の行と同じになります。この行に別のID（id）を付けてください。",
                v(id)
            ),
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
            DetectionNote::Letterhead => {
                "日付の上のレターヘッドを発信者の行として読みました".to_owned()
            }
            DetectionNote::OmissionInLine => {
                "見出しや箇条書きの中の省略の印は、文字のまま残しました（省略は独立した段落になります）。確認してください".to_owned()
            }
            DetectionNote::SignOff => {
                "結びのあいさつと署名として、1 行ずつそのまま残しました".to_owned()
            }
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
            DetectionNote::PageAddress { from } => format!(
                "ページのアドレス（{}から）。お知らせが公開された場所か確認してください",
                match from {
                    crate::authoring::import::AddressFrom::Canonical => "正規 URL の指定",
                    crate::authoring::import::AddressFrom::SavedFrom => {
                        "ブラウザーが保存時に書いた「saved from」の注記"
                    }
                    crate::authoring::import::AddressFrom::OpenGraph => "og:url の指定",
                }
            ),
            DetectionNote::NoPageAddress => {
                "ページに自身のアドレスが書かれていません。原稿に「url:」を手で加えてください"
                    .to_owned()
            }
            DetectionNote::Retrieved => {
                "この日に取得しました（ファイルの更新日）。もっと前に保存したページなら「retrieved:」を直してください".to_owned()
            }
            DetectionNote::NoRetrievalDate => {
                "ページを取得した日がわかりません。原稿に「retrieved:」を手で加えてください"
                    .to_owned()
            }
            DetectionNote::Dropped { what, count } => format!(
                "{}を{count}個取り除きました",
                match what {
                    crate::authoring::import::Dropped::Scripts => "スクリプト",
                    crate::authoring::import::Dropped::Styles => "スタイルシート",
                    crate::authoring::import::Dropped::Navigation => {
                        "サイトのナビゲーション（メニュー・ヘッダー・フッター・サイドバー）"
                    }
                    crate::authoring::import::Dropped::Forms => "フォームの部品",
                    crate::authoring::import::Dropped::Media => "画像などのメディア",
                    crate::authoring::import::Dropped::Hidden => "ページが隠している要素",
                }
            ),
            DetectionNote::MergedCells => {
                "結合されたマスのある表です。結合マスは、そのマスと空のマスに分けました。表を確認してください".to_owned()
            }
            DetectionNote::UnreadStyle => {
                "ページには Kairan が読めないスタイル（外部のスタイルシート、読めない規則）があり、ここで読んだのとは違って文字を隠したり黒塗りしたり表示したりしているかもしれません。表示されたページと見比べてください".to_owned()
            }
            DetectionNote::NoPageDate => {
                "ページの日付だけの段落が見つかりません。フォルダーは取り込んだ日の日付にしました。原稿の「date:」と bundle.json の issued_at を設定してください".to_owned()
            }
            DetectionNote::InvisibleCharacters { count } => format!(
                "見えない文字（ゼロ幅スペース、ソフトハイフン、制御文字）を{count}個取り除きました"
            ),
            DetectionNote::BlackedOut => {
                "ページがスタイルで黒塗りしている文字です。伏せ字として読み、その文字は取り込みません".to_owned()
            }
            DetectionNote::StruckText => {
                "取り消し線の文字（<del>、<s>）を普通の文字として残しました。取り消し線のまま読ませる必要があれば手で書き加えてください".to_owned()
            }
            DetectionNote::Note => {
                "注記（※・注の行）として、注記する文の下に小さく組みます".to_owned()
            }
            DetectionNote::TitleFromPageTitle => {
                "ページに見出しがないため、ページのタイトル（<title>）を件名にしました".to_owned()
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
