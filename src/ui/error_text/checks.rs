//! Japanese words for what is wrong in a notice folder's sources and for every pre-send check
//! finding.

use super::{Explain, io_japanese, q, v};
use crate::authoring::checks::{FindingDetail, HiddenKind, LetterField, NotScanned};
use crate::authoring::{FRONT_KEY_LIST, SourceError, SourceProblem};

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
            SourceProblem::InvisibleInMarker { code } => format!(
                "記号に見えない文字（{code}）が入っています。見える文字だけで記号を書いてください。"
            ),
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
            SourceProblem::MarkupInBold => {
                "太字「**…**」は文字だけです。伏せ字やリンクは入れられません。「{{」や「[」の前で太字を閉じ、後で開き直してください。".to_owned()
            }
            SourceProblem::ControlInHead { code } => format!(
                "この冒頭の行に制御文字（{code}）があります。文書にない改行として表示されるので、取り除いてください。"
            ),
            SourceProblem::TableRowCells { expected, found } => format!(
                "この表の行はマスが{found}個ですが、表は{expected}列です。どの行も同じ数のマス「| … | … |」にしてください（空のマスは「|  |」、マスの中の「|」は「\\|」と書きます）。"
            ),
            SourceProblem::TableRuleMisplaced => {
                "「| --- | --- |」の行はすぐ上の行を表の見出し行にする印なので、表の2行目にだけ書けます。".to_owned()
            }
            SourceProblem::BadTable(problem) => super::bundle::table_problem(problem),
            SourceProblem::ListTooDeep => format!(
                "この箇条書きの項目は{}段より深く入れ子になっています。字下げを減らしてください。",
                crate::bundle::limits::MAX_LIST_DEPTH
            ),
            SourceProblem::EmptyNote => {
                "注記には、印の後に本文を書いてください（例：「> ※1 出典は…」）。".to_owned()
            }
            SourceProblem::NoteWithoutMark => {
                "注記「> 」の後には、文書どおりの印を書いてください（「> ※ …」「> ※1 …」「> 注：…」「> 注1：…」「> （注）…」）。段落を「>」で始めるには「\\>」と書きます。".to_owned()
            }
            SourceProblem::HeadLineTooLong { chars } => format!(
                "冒頭のこの行は{chars}文字あります。件名・宛先・発信者・見出し書きは{}文字までです。残りは本文に移してください。",
                crate::bundle::limits::MAX_HEAD_LINE_CHARS
            ),
            SourceProblem::SymlinkRefused { path, at } => format!(
                "{}：{}はシンボリックリンクです。読み込むのはお知らせフォルダーの中のファイルだけです。リンクではなく、ファイルをフォルダーにコピーしてください。",
                q(path),
                q(at)
            ),
            SourceProblem::NotAFile { path } => format!(
                "{}は通常のファイルではありません（フォルダー、デバイスまたはパイプ）。ファイルを指定してください。",
                q(path)
            ),
            SourceProblem::FileTooLarge { path, limit } => format!(
                "{}は大きすぎます。ファイルに入れられるのは 1 件 {} バイトまでです。",
                q(path),
                limit
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
        LetterField::Title => "件名",
    }
}

impl Explain for FindingDetail {
    fn japanese(&self) -> String {
        match self {
            FindingDetail::Source(problem) => problem.japanese(),
            FindingDetail::MissingField { field, forwarded } => {
                let name = field_japanese(*field);
                let example = field.example();
                if *field == LetterField::Title {
                    format!(
                        "文書に件名がなく、読む人には空白が表示されます。「{example}」を加えてください。"
                    )
                } else if *forwarded {
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
                "リンク{}のリンク先は{}の見出し「#{}」ですが、その見出しはありません（{}）。",
                q(text),
                q(path),
                v(heading),
                if ids.is_empty() {
                    "その文書には見出しがありません".to_owned()
                } else {
                    format!(
                        "ある見出しID：{}",
                        ids.iter().map(|id| v(id)).collect::<Vec<_>>().join("、")
                    )
                }
            ),
            FindingDetail::DatedBeforeCited { ours, path, theirs } => format!(
                "事務所のお知らせの日付（{}）が、引用している{}の日付（{}）より前です。どちらかの日付が誤っています。",
                v(ours),
                q(path),
                v(theirs)
            ),
            FindingDetail::UnopenableLink { url } => format!(
                "リンク先{}は、Web（https、http）やメールのアドレスではありません。読む人は開けず、何かを実行させる目的のおそれもあります。リンクは https://、http://、mailto: のアドレスだけにしてください。",
                q(url)
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
            FindingDetail::ReadableMaskMarker { marker } => format!(
                "伏せ字の記号{}は読める文字で、受け取った全員に見えます。隠すべき内容そのものかもしれません。記号は ■■■■ のような記号にして、何を伏せたかは「| label: …」に書いてください。",
                q(marker)
            ),
            FindingDetail::AttachmentNotScanned { media_type, why } => match why {
                NotScanned::NotText => format!(
                    "この添付ファイル（{}）はテキストではないため、個人情報のチェックをしていません。送付する前に、開いてご自身で確認してください。",
                    v(media_type)
                ),
                NotScanned::UnknownEncoding => format!(
                    "この添付ファイル（{}）は UTF-8 でも Shift_JIS でもないため、個人情報のチェックをしていません。送付する前に、開いてご自身で確認してください。",
                    v(media_type)
                ),
            },
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
