//! Punctuation and spacing of Chinese text, by GB/T 15834 and `../shared/GUIDE.md` §2.
//!
//! [`scan`] finds what an editor would fix in pasted text: half-width `, ; : ? ! ( )`
//! inside Chinese text, straight quotes, `--` or a lone `—` for ——, `...` or a lone `…`
//! for ……, stray spaces between Chinese characters (joined-line artefacts), spaces
//! between Chinese and numbers or next to full-width punctuation, a half-width space or
//! tab at a paragraph start, and unbalanced “” ‘’ （） 《》 【】 〔〕 「」 『』 〈〉.
//! Each [`Finding`] has the byte span it is about and, when the fix is safe, the text
//! to put there; [`fix`] applies the safe ones.
//!
//! Digits, Latin text, URLs and e-mail addresses are left alone: a mark is changed only
//! when the text around it is Chinese, and URLs, e-mail addresses (and in Markdown code
//! spans, code blocks and link targets) are never touched.
//!
//! **Why one pass is enough (idempotence).** Every decision looks at the nearest
//! character whose class no rule can change: spaces and every mark a rule may produce
//! or replace (both widths) are skipped when looking for the context, and quotes stop
//! the search as "not Chinese" whatever their width. Pairs (quotes, parentheses) are
//! formed independently of width. So after [`fix`], a second
//! [`scan`] sees the same contexts and the same pairs and finds nothing to fix; the
//! property test in `tests/it/proptest_input.rs` checks `fix(fix(x)) == fix(x)`.

mod chars;
mod scanner;

use std::ops::Range;

pub use chars::is_han;
use chars::{closing_of, dash_class, opening_of};
use scanner::Scanner;

/// Whether a line holds only a page's number as a PDF prints it (— 2 —, 第5页).
pub(crate) fn is_page_number_line(line: &str) -> bool {
    scanner::page_number_line(&line.chars().collect::<Vec<_>>())
}

/// How a text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// CommonMark: paragraphs are separated by blank lines; code, link targets and
    /// images are left alone; list markers and indented list lines are allowed.
    pub markdown: bool,
    /// Check spaces (stray, joined-line, around punctuation, at a paragraph start).
    /// Off for the issue file's fields, where a space is often meant (`处 王水清供稿`).
    pub spaces: bool,
    /// Every line is a paragraph (`.txt` articles); otherwise paragraphs are separated
    /// by blank lines (Markdown) or the whole text is one (a field of the issue file).
    pub line_paragraphs: bool,
}

impl Options {
    /// A `.txt` article: one paragraph a line.
    pub const TXT: Options = Options {
        markdown: false,
        spaces: true,
        line_paragraphs: true,
    };
    /// A `.md` article.
    pub const MARKDOWN: Options = Options {
        markdown: true,
        spaces: true,
        line_paragraphs: false,
    };
    /// A text field of the issue file (title, byline, recipients…).
    pub const FIELD: Options = Options {
        markdown: false,
        spaces: false,
        line_paragraphs: false,
    };

    /// The options for an article file, by its extension.
    pub fn for_path(path: &std::path::Path) -> Options {
        match path.extension().and_then(|e| e.to_str()) {
            Some("md") | Some("markdown") => Options::MARKDOWN,
            _ => Options::TXT,
        }
    }
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A half-width `, ; : ? ! ( )` in Chinese text.
    HalfWidth(char),
    /// A straight `"` or `'` in Chinese text.
    StraightQuote(char),
    /// A straight quote without a partner, in Chinese text: which way it faces is unknown.
    UnpairedStraightQuote(char),
    /// `--`, `---`, `—-`, `―` … where a dash (破折号) —— is meant.
    Dash,
    /// A single `—` between two Chinese characters: a 破折号 (——) or a 连接号 (—)?
    SingleEmDash,
    /// `...`, a single `…` … where an ellipsis (省略号) …… is meant.
    Ellipsis,
    /// A space between two Chinese characters (a joined-line artefact).
    SpaceBetweenChinese,
    /// A half-width space between the names of a list (出席：周建华 王赟 李珺): it
    /// parts them, so it is not taken out but made the full-width space 　 a list of
    /// names is set with (taken out, 王赟李珺 could not be told apart).
    SpaceBetweenNames,
    /// A space between a Chinese character and a number.
    SpaceChineseNumber,
    /// A space next to full-width punctuation.
    SpaceAtPunctuation,
    /// A space after a `.txt` line's number before Chinese text (`2. 分行业看`).
    SpaceAfterNumber,
    /// A half-width space or tab at the start of a paragraph.
    Indent,
    /// An opening mark without its closing partner.
    Unclosed(char),
    /// A closing mark without its opening partner.
    Unopened(char),
    /// ○ (a circle, U+25CB) typed for 〇 (the numeral zero) in a number: 二○二六.
    CircleForZero,
    /// Half-width `[ ]` around a year or Chinese text: 〔2000〕 or 【】 is meant.
    HalfWidthBrackets,
    /// A line of a `.txt` broken mid-sentence (it ends with ，or 、, or it was cut at
    /// a fixed width, as a PDF's text is): every line is a paragraph, so it would
    /// print as one.
    BrokenLine,
    /// A half-width `.` between Chinese sentences in text not typed in half-width mode:
    /// a 句号 or a name's 间隔号?
    DotBetweenChinese,
    /// A hyphen for the 连接号 of a span of dates or times (1-6月 → 1—6月, 9:00-11:30
    /// → 9:00—11:30).
    HyphenRange,
    /// A span of values (40%-60%, 20℃~25℃) typed with a hyphen or a half-width tilde.
    ValueRange(char),
    /// A bullet or another dot between the parts of a foreign name, where the 间隔号 ·
    /// is meant (安东尼奥•古特雷斯).
    DotForMiddleDot(char),
    /// Full-width digits or Latin letters (２３０, ＧＤＰ): they print one em wide
    /// each, spaced apart; GB/T 15835 writes them half width.
    FullWidthAlnum,
    /// Double quotes inside double quotes (“…“四个一”…”): the inner pair is ‘ ’.
    NestedQuote,
    /// 「」『』, the quotation marks of vertical text, in text set across the page: “”
    /// ‘’ are meant (GB/T 15834).
    CornerQuote(char),
    /// A heading's Chinese number followed by another mark than 、 (一．雨情水情,
    /// 二，险情处置): the line is not taken for a heading.
    HeadingNumberMark(char),
    /// An HTML entity in text copied from a web page (`&nbsp;` `&amp;` `&ldquo;`),
    /// which the build prints as the character it stands for.
    HtmlEntity,
    /// A line that holds only a page's number (— 2 —, 第3页), as text copied from a PDF
    /// keeps it between the halves of a sentence.
    PageNumberLine,
    /// A PDF's running head (the bulletin's name over a page) on the line after a
    /// page's number, inside a sentence the page cut: `--fix` joined the sentence to it
    /// (…小型水库的江岭市水利工作简报, QA16 J 02).
    RunningHead,
    /// A Markdown heading's `#`s typed in Chinese mode: no space after them (`##一、`)
    /// or full width (`＃＃`): the line is no heading, and the marks print.
    HeadingMarks,
}

impl Kind {
    /// The problem, short, in Chinese and English.
    pub fn problem(&self) -> String {
        match self {
            Kind::HalfWidth(c) => format!("中文里的半角{} half-width «{c}»", half_name(*c)),
            Kind::StraightQuote(c) => format!("直引号 straight quote «{c}»"),
            Kind::UnpairedStraightQuote(c) => {
                format!("落单的直引号 unpaired straight quote «{c}»")
            }
            Kind::Dash => "破折号应为—— dash should be ——".into(),
            Kind::SingleEmDash => {
                "单个一字线：破折号用——，连接号才用— single «—»: a dash is ——".into()
            }
            Kind::Ellipsis => "省略号应为…… ellipsis should be ……".into(),
            Kind::SpaceBetweenChinese => "汉字间多余空格 space between Chinese characters".into(),
            Kind::SpaceBetweenNames => {
                "名单中的半角空格应为全角空格 a list of names is parted by full-width spaces «　»"
                    .into()
            }
            Kind::SpaceChineseNumber => {
                "汉字与数字间空格 space between Chinese and a number".into()
            }
            Kind::SpaceAtPunctuation => {
                "全角标点旁空格 space next to full-width punctuation".into()
            }
            Kind::SpaceAfterNumber => "序号后多余空格 space after a line's number".into(),
            Kind::Indent => "段首半角空格或制表符 space or tab at paragraph start".into(),
            Kind::Unclosed(c) => format!("«{c}»未闭合 «{c}» is never closed"),
            Kind::Unopened(c) => format!("«{c}»没有对应的前半 «{c}» closes nothing"),
            Kind::CircleForZero => "数字中的○应为〇 circle ○ for the numeral 〇".into(),
            Kind::HalfWidthBrackets => "中文里的半角方括号 half-width [ ] in Chinese text".into(),
            Kind::DotBetweenChinese => "汉字间的半角点 half-width «.» between Chinese".into(),
            Kind::HyphenRange => {
                "日期、时间范围用连接号— a span of dates or times takes «—», not «-»".into()
            }
            Kind::ValueRange(c) => {
                format!("数值范围用浪纹线～ a span of values takes «～», not «{c}»")
            }
            Kind::DotForMiddleDot(c) => {
                format!("间隔号应为· the 间隔号 is «·», not «{c}»")
            }
            Kind::FullWidthAlnum => {
                "全角数字或字母应为半角 full-width digits or letters should be half width".into()
            }
            Kind::NestedQuote => {
                "引号内的引号用单引号 a quotation inside a quotation takes ‘ ’".into()
            }
            Kind::CornerQuote(c) => {
                format!("直排引号 «{c}» in text set across the page: use “ ” ‘ ’")
            }
            Kind::HeadingNumberMark(c) => {
                format!("标题序号后用顿号 a heading's number takes 、, not «{c}»")
            }
            Kind::HtmlEntity => {
                "网页 HTML 实体 an HTML entity from a web page (its character is meant)".into()
            }
            Kind::BrokenLine => {
                "句中断行：.txt 每行是一段 line broken mid-sentence (a .txt line is a paragraph)"
                    .into()
            }
            Kind::PageNumberLine => {
                "PDF 页码行 a page's number copied from a PDF, on a line of its own".into()
            }
            Kind::RunningHead => {
                "PDF 页眉行 a PDF's running head inside a sentence the page cut".into()
            }
            Kind::HeadingMarks => {
                "标题符号 # 须为半角且后跟空格 a heading's # must be half width with a space after it (else it prints as text)".into()
            }
        }
    }

    /// What to do when there is no safe fix; for a line broken mid-sentence, which is
    /// fixed by joining it, what the fix does (`check` lists it so, not as «删除»).
    pub fn advice(&self) -> Option<String> {
        match self {
            Kind::UnpairedStraightQuote(c) => Some(if *c == '"' {
                "改为“或” use “ or ”".into()
            } else {
                "改为‘或’ use ‘ or ’".into()
            }),
            Kind::SingleEmDash => Some("破折号改为—— write —— if it is a dash".into()),
            Kind::Unclosed(c) => Some(format!(
                "补上{} add the closing {}",
                closing_of(*c).unwrap_or(' '),
                closing_of(*c).unwrap_or(' ')
            )),
            Kind::Unopened(c) => Some(format!(
                "补上{} or delete it / 或删除",
                opening_of(*c).unwrap_or(' ')
            )),
            Kind::HalfWidthBrackets => Some(
                "年份用六角括号〔2000〕，其他用【】或〔〕 a year in 〔 〕, other text in 【】 or 〔 〕".into(),
            ),
            Kind::BrokenLine => Some("与下一行合并 join it with the next line".into()),
            Kind::DotBetweenChinese => Some(
                "句末改为。，外国人名中改为· a sentence's end is 。, a dot in a foreign name is ·"
                    .into(),
            ),
            _ => None,
        }
    }
}

fn half_name(c: char) -> &'static str {
    match c {
        ',' => "逗号",
        ';' => "分号",
        ':' => "冒号",
        '?' => "问号",
        '!' => "叹号",
        '.' => "句号",
        '(' | ')' => "括号",
        _ => "标点",
    }
}

/// One thing to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Byte range in the text.
    pub span: Range<usize>,
    pub kind: Kind,
    /// The safe replacement for `span`, or `None` when an editor must decide.
    pub fix: Option<String>,
}

/// Finds every problem in `text`, in text order.
pub fn scan(text: &str, opts: Options) -> Vec<Finding> {
    Scanner::new(text, opts).run()
}

/// Applies the safe fixes. `fix(&fix(x)) == fix(x)`.
pub fn fix(text: &str, opts: Options) -> String {
    // Lines broken mid-sentence (text copied from a PDF) are joined first, alone: the
    // marks pair up within a paragraph, so the rest is found in the joined text.
    // A PDF's page numbers go before that, so that the sentence they cut is joined.
    let pages: Vec<Finding> = scan(text, opts)
        .into_iter()
        .filter(|f| matches!(f.kind, Kind::PageNumberLine | Kind::RunningHead))
        .collect();
    let text = &apply(text, &pages);
    let joins: Vec<Finding> = scan(text, opts)
        .into_iter()
        .filter(|f| f.kind == Kind::BrokenLine)
        .collect();
    let joined = apply(text, &joins);
    let mut out = apply(&joined, &scan(&joined, opts));
    // A fix can make another: a full-width digit made half-width shows 中. ４ to be a
    // sentence's end (中。4). Again, until nothing changes.
    for _ in 0..3 {
        let next = apply(&out, &scan(&out, opts));
        if next == out {
            break;
        }
        out = next;
    }
    out
}

/// Applies the safe fixes of `findings` (found in `text`).
pub fn apply(text: &str, findings: &[Finding]) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut at = 0;
    for f in findings {
        let Some(rep) = &f.fix else { continue };
        if f.span.start < at {
            continue; // never happens: findings do not overlap
        }
        out.push_str(&text[at..f.span.start]);
        out.push_str(rep);
        at = f.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Maps every mark the fixer may change to one representative, and drops spaces and
/// line breaks (the fixer joins a line broken mid-sentence with the next): two texts
/// that differ only by fixes map to the same string. For tests and for the check's
/// "content unchanged" guarantee.
///
/// A run of stops, commas, pauses, dots and ellipses (spaces between them too) is one
/// mark: the fixer makes ，，， or ... into ……, a half-width comma after a Chinese
/// character into ，, and one fix can lead to another (中，，, → 中，，， → 中……), so
/// only the run's place is the content, not its length.
pub fn normalize_for_comparison(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text
        .chars()
        .filter(|&c| !matches!(c, ' ' | '\t' | '\u{a0}' | '\u{3000}' | '\n' | '\r'))
        .peekable();
    while let Some(c) = chars.next() {
        match c {
            '０'..='ｚ' if c.is_alphanumeric() => {
                out.push(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c))
            }
            '％' => out.push('%'),
            // The stops and pauses one may become another (一．雨情 is 一、雨情), and
            // 。。。 or ... typed for …….
            c if stop_class(c) => {
                while chars.peek().is_some_and(|&d| stop_class(d)) {
                    chars.next();
                }
                out.push('，');
            }
            ';' | '；' => out.push('；'),
            ':' | '：' => out.push('：'),
            '?' | '？' => out.push('？'),
            '!' | '！' => out.push('！'),
            '(' | '（' => out.push('（'),
            ')' | '）' => out.push('）'),
            // Quotes of either kind: a quotation inside a quotation goes from “ ” to ‘ ’.
            '"' | '“' | '”' | '\'' | '‘' | '’' | '「' | '」' | '『' | '』' => {
                out.push('"')
            }
            // (A hyphen in a span of values becomes the 浪纹线 ～.)
            '-' | '—' | '―' | '～' | '~' => {
                while chars.peek().is_some_and(|&d| dash_class(d)) {
                    chars.next();
                }
                out.push('—');
            }
            c => out.push(c),
        }
    }
    out
}

/// The marks [`normalize_for_comparison`] takes for one: stops, commas, pauses, dots.
fn stop_class(c: char) -> bool {
    matches!(c, '．' | '。' | '、' | ',' | '，' | '.' | '…')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(s: &str) -> String {
        fix(s, Options::TXT)
    }

    fn kinds(s: &str) -> Vec<Kind> {
        scan(s, Options::TXT).into_iter().map(|f| f.kind).collect()
    }

    fn kinds_md(s: &str) -> Vec<Kind> {
        scan(s, Options::MARKDOWN)
            .into_iter()
            .map(|f| f.kind)
            .collect()
    }

    /// A comma fixed makes a run of three, and the run becomes ……: the comparison of
    /// contents takes both for one mark (CI's property test found 中，，, in a draw).
    #[test]
    fn a_fix_that_makes_an_ellipsis_keeps_the_content() {
        for (typed, want) in [
            ("中，，,", "中……"),
            ("中,,,中", "中……中"),
            ("中，，，，，，,", "中……，"),
        ] {
            let f = fixed(typed);
            assert_eq!(f, want);
            assert_eq!(
                normalize_for_comparison(&f),
                normalize_for_comparison(typed)
            );
        }
        // Not the same content: a character more, a mark more where there was none.
        assert_ne!(
            normalize_for_comparison("中，国"),
            normalize_for_comparison("中国")
        );
        assert_ne!(
            normalize_for_comparison("中……国"),
            normalize_for_comparison("中国")
        );
    }

    /// An HTML entity in Markdown is one character: its ; is not a semicolon.
    #[test]
    fn an_html_entity_is_kept() {
        let md = "<td>研发&amp;设计</td>中文;测试";
        assert_eq!(
            fix(md, Options::MARKDOWN),
            "<td>研发&amp;设计</td>中文；测试"
        );
    }

    #[test]
    fn half_width_marks_in_chinese_text() {
        assert_eq!(fixed("6月21日,全国人大"), "6月21日，全国人大");
        assert_eq!(
            fixed("第19期(总第五百六十三期)"),
            "第19期（总第五百六十三期）"
        );
        assert_eq!(fixed("是吗?好!如下:一;二"), "是吗？好！如下：一；二");
        assert_eq!(fixed("(选举任免处 王水清供稿)"), "（选举任免处王水清供稿）");
        assert_eq!(fixed("(1)既要"), "（1）既要");
        assert_eq!(fixed("使用Python, 以及"), "使用Python，以及");
        // An English title's own parentheses stay; Chinese around them is converted.
        assert_eq!(
            fixed("题为“Annual Safety Report (2026)”，共56页。"),
            "题为“Annual Safety Report (2026)”，共56页。"
        );
        assert_eq!(fixed("GDP (国内生产总值)增长"), "GDP（国内生产总值）增长");
        // A unit's denominator keeps its parentheses (QA11).
        for unit in [
            "给予0.2～0.5μg/(kg·min)泵入",
            "血糖10mmol/(L·h)以下",
            "为35DDDs/(100人·天)。",
        ] {
            assert_eq!(fixed(unit), unit);
        }
        // After a figure's unit symbol, at the line's end or before Chinese (QA7).
        assert_eq!(
            fixed("一是覆盖率达到100%;\n二是下降5%!\n三是面积50㎡;\n四是温度35℃;其他"),
            "一是覆盖率达到100%；\n二是下降5%！\n三是面积50㎡；\n四是温度35℃；其他"
        );
        // Not in Latin text, nor before it.
        assert_eq!(fixed("growth of 5%; see below"), "growth of 5%; see below");
        assert_eq!(fixed("中文5%; see below"), "中文5%; see below");
    }

    #[test]
    fn a_half_width_full_stop_ending_a_chinese_sentence() {
        assert_eq!(
            fixed("他说:\"当委员不是荣誉,是责任.\""),
            "他说：“当委员不是荣誉，是责任。”"
        );
        assert_eq!(fixed("会议结束."), "会议结束。");
        assert_eq!(fixed("升级到V2.0版."), "升级到V2.0版。");
        assert_eq!(fixed("见《条例》."), "见《条例》。");
        // Decimal points, names, abbreviations and a dot before more text stay.
        for s in [
            "增长5.8%。",
            "详见www.gov.cn。",
            "江岭.青川",
            "No.5号",
            "V2.0版",
        ] {
            assert_eq!(fixed(s), s, "{s}");
        }
    }

    #[test]
    fn a_half_width_full_stop_between_chinese_sentences() {
        // Typed in half-width mode (half-width commas on the line): sentence ends.
        assert_eq!(
            fixed("事故仍有发生.应急管理部表示,要深入推进"),
            "事故仍有发生。应急管理部表示，要深入推进"
        );
        assert_eq!(
            fixed("分别增长15.3%和27.6%.\"十四五\"以来,我国"),
            "分别增长15.3%和27.6%。“十四五”以来，我国"
        );
        // Otherwise it may be a name's 间隔号: listed for a person, not fixed.
        assert_eq!(fixed("迈克尔.杰克逊说"), "迈克尔.杰克逊说");
        assert_eq!(kinds("迈克尔.杰克逊说"), [Kind::DotBetweenChinese]);
        // Decimals, versions and web names are none of these.
        assert!(kinds("增长5.8%，详见www.gov.cn，V2.0版").is_empty());
        // After a unit or an address that ends a Chinese sentence, at the line's end
        // (QA3 03): its 。; an English sentence's stop stays.
        assert_eq!(fixed("平均跨瓣压差达65mmHg.\n"), "平均跨瓣压差达65mmHg。\n");
        assert_eq!(
            fixed("邮箱：gk@jlsdyrmyy.cn.\n"),
            "邮箱：gk@jlsdyrmyy.cn。\n"
        );
        assert!(kinds("It is a Chinese bulletin.\n").is_empty());
    }

    #[test]
    fn a_hyphen_in_a_span_of_dates_is_a_connecting_dash() {
        assert_eq!(fixed("2026年1-6月，全国"), "2026年1—6月，全国");
        assert_eq!(fixed("2025-2026年度"), "2025—2026年度");
        // Between two whole dates (QA13 A 04).
        assert_eq!(fixed("11月20日-11月29日，"), "11月20日—11月29日，");
        assert_eq!(fixed("11月30日-12月2日，"), "11月30日—12月2日，");
        assert_eq!(fixed("2026年1月-6月，"), "2026年1月—6月，");
        assert_eq!(fixed("2025年-2026年，"), "2025年—2026年，");
        // Phone numbers, dates in figures and codes stay.
        for s in [
            "电话0731-85309270。",
            "2026-06-01日",
            "GB/T 9704-2012号",
            "A1-2号楼",
        ] {
            assert_eq!(fixed(s), s, "{s}");
        }
    }

    #[test]
    fn latin_numbers_urls_and_mail_stay() {
        for s in [
            "联系hnrdlldt@163.com",
            "电话0731-85309270",
            "增长3.6%",
            "PM2.5浓度",
            "见http://x.y/z?a=1,2",
            "上午10:30开会",
            "共1,000元",
            "He said, (really) \"yes\"... don't",
            "网址www.example.com/a,b",
            "2018—2019年",
            "1月—3月",
            // A program's call typed in the text (QA12 B 06).
            "在命令行输入print(\"你好, 世界\")即可自检。",
            // Addresses with Chinese in them (QA12 B 02).
            "详见https://www.江岭.中国/jczl/2026.html",
            "网址：http://江岭.政务/通知/2026年1-10月.pdf",
            // The space after an address that ends in a figure keeps it apart from
            // the Chinese after it (--fix ran them together, QA18 N 04).
            "详见 https://doi.org/10.1038/s41586-026-01234-5 查阅。",
            "申请表见 https://grad.example.edu.cn/joint-phd-2026 下载。",
        ] {
            assert_eq!(fixed(s), s, "changed: {s}");
        }
        // The text after an address goes on where no / or . with letters follows.
        assert_eq!(
            fixed("登录https://a.b/c查询1-3月数据,谢谢"),
            "登录https://a.b/c查询1—3月数据，谢谢"
        );
        assert_eq!(
            fixed("详见www.江岭.中国/a.html,联系"),
            "详见www.江岭.中国/a.html，联系"
        );
    }

    #[test]
    fn quotes_dashes_ellipses() {
        assert_eq!(
            fixed("组织\"三个及时\"\"三个明确\"的做法"),
            "组织“三个及时”“三个明确”的做法"
        );
        // Single quotes: ‘’ inside a double quotation, “” outside one (GB/T 15834;
        // '十五五' became ‘十五五’, QA3 03).
        assert_eq!(fixed("他说'好'"), "他说“好”");
        assert_eq!(
            fixed("他说：\"要做好'十五五'规划\""),
            "他说：“要做好‘十五五’规划”"
        );
        assert_eq!(
            fixed("他说：“要做好'十五五'规划”"),
            "他说：“要做好‘十五五’规划”"
        );
        assert_eq!(fixed("\"三个及时\",\"三个明确\""), "“三个及时”，“三个明确”");
        assert_eq!(fixed("加入\"WTO\",我国"), "加入“WTO”，我国");
        // A Latin quotation in Chinese text gets Chinese quotes; its own marks stay.
        assert_eq!(fixed("\"Hello, world!\" 然后"), "“Hello, world!”然后");
        assert_eq!(fixed("这--那"), "这——那");
        assert_eq!(fixed("—在会上的讲话"), "——在会上的讲话");
        assert_eq!(fixed("等等..."), "等等……");
        assert_eq!(fixed("等等…"), "等等……");
        assert_eq!(kinds("北京—上海"), vec![Kind::SingleEmDash]);
        assert_eq!(fixed("北京—上海"), "北京—上海");
        // A chain of them linking short words is 连接号 (QA2 01: reported by hand).
        assert_eq!(kinds("构建起“区—街道—社区—网格”四级责任体系"), vec![]);
        assert_eq!(kinds("建立省—市—县三级联动机制"), vec![]);
    }

    #[test]
    fn spaces() {
        assert_eq!(fixed("工作座谈会在 浙江省召开"), "工作座谈会在浙江省召开");
        assert_eq!(fixed("荣获 2018 年度"), "荣获2018年度");
        assert_eq!(fixed("工作， 共同"), "工作，共同");
        assert_eq!(fixed("  \t段首空格"), "段首空格");
        assert_eq!(
            fixed("Hello world 你好 PDF 文件"),
            "Hello world 你好 PDF 文件"
        );
        assert_eq!(fixed("第 28 号"), "第28号");
    }

    #[test]
    fn a_bullet_in_a_name_a_hyphen_between_times_and_a_dot_after_percent() {
        let kinds =
            |t: &str| -> Vec<Kind> { scan(t, Options::TXT).into_iter().map(|f| f.kind).collect() };
        assert_eq!(
            fix("联合国秘书长安东尼奥•古特雷斯表示", Options::TXT),
            "联合国秘书长安东尼奥·古特雷斯表示"
        );
        assert_eq!(fix("会见了约翰・史密斯", Options::TXT), "会见了约翰·史密斯");
        // A bullet opening a list item stays.
        assert!(kinds("• 完成情况").is_empty());
        assert_eq!(
            fix("上午9:00-11:30办理", Options::TXT),
            "上午9:00—11:30办理"
        );
        assert_eq!(
            fix("上午9：00-11：30办理", Options::TXT),
            "上午9：00—11：30办理"
        );
        // Not a code or a phone number.
        assert!(kinds("电话0731-88881111").is_empty());
        assert!(!kinds("比分1:2-3:45").contains(&Kind::HyphenRange));
        // Spans a university's notice writes: school years, hours in words, values.
        assert_eq!(
            fix("《关于做好2026-2027学年选课工作的通知》", Options::TXT),
            "《关于做好2026—2027学年选课工作的通知》"
        );
        assert_eq!(
            fix("上午9点-11点半办理", Options::TXT),
            "上午9点—11点半办理"
        );
        assert_eq!(
            fix("占比40%-60%，气温20℃~25℃。", Options::TXT),
            "占比40%～60%，气温20℃～25℃。"
        );
        assert!(kinds("版本2.0-3.0").is_empty());
        // A stop after a time, or after a note's mark, before the next sentence.
        assert!(
            kinds("截至17:00.请登录系统").contains(&Kind::HalfWidth('.'))
                || kinds("截至17:00.请登录系统").contains(&Kind::DotBetweenChinese)
        );
        assert!(
            kinds_md("见注释[^1].详见附件")
                .iter()
                .any(|k| matches!(k, Kind::HalfWidth('.') | Kind::DotBetweenChinese)),
            "{:?}",
            kinds_md("见注释[^1].详见附件")
        );
        assert_eq!(fix("同比增长5%.\n", Options::TXT), "同比增长5%。\n");
        // Fixing twice changes nothing (proptest: ４ became 4 after the first fix, and
        // the ’ before it then read as an apostrophe).
        for s in ["“'“中a'４”\n", "中４. ", "， _ 中", "， * 中", "， ** 中"] {
            for opts in [Options::TXT, Options::MARKDOWN] {
                let once = fix(s, opts);
                assert_eq!(fix(&once, opts), once, "{s}");
            }
        }
        // A space after bold type that ends with a mark prints (trial r9).
        assert_eq!(
            fix(
                "**建设文明校园。** 近日，全市召开会议。\n",
                Options::MARKDOWN
            ),
            "**建设文明校园。**近日，全市召开会议。\n"
        );
        assert_eq!(
            fix("会议强调， **一是** 加强学习。\n", Options::MARKDOWN),
            "会议强调，**一是**加强学习。\n"
        );
        // A space between a heading's two phrases is the author's, where it breaks.
        assert!(scan("# 坚持党建引领 激活基层治理\n", Options::MARKDOWN).is_empty());
        assert!(scan("一、坚持党建引领 激活基层治理\n", Options::TXT).is_empty());
        // A number that ends a Chinese sentence (the trial's 拨打119.); not a code's.
        assert_eq!(fix("请立即拨打119.\n", Options::TXT), "请立即拨打119。\n");
        assert_eq!(fix("共计1,200.\n", Options::TXT), "共计1,200。\n");
        assert_eq!(fix("版本V2.\n", Options::TXT), "版本V2.\n");
        // A space after a .txt line's number, before Chinese text; a Markdown list's stays.
        assert_eq!(
            fix("1. 总体情况\n2．工作措施\n", Options::TXT),
            "1.总体情况\n2．工作措施\n"
        );
        assert!(scan("1. 总体情况\n", Options::MARKDOWN).is_empty());
        // A Markdown heading's typed number is the .txt's (QA14 E 06).
        assert_eq!(
            fix(
                "### 1. 思想认识\n\n正文。\n\n## 二. 措施\n",
                Options::MARKDOWN
            ),
            "### 1.思想认识\n\n正文。\n\n## 二、措施\n"
        );
        // Said as the space after a number it is, not a space by a full-width mark.
        assert_eq!(kinds("2. 分行业看\n"), vec![Kind::SpaceAfterNumber]);
    }

    #[test]
    fn look_alikes_of_zero_brackets_and_dividers() {
        let kinds =
            |t: &str| -> Vec<Kind> { scan(t, Options::TXT).into_iter().map(|f| f.kind).collect() };
        let found = scan("二○二六年，〇○七号", Options::TXT);
        assert_eq!(
            found
                .iter()
                .filter(|f| f.kind == Kind::CircleForZero)
                .count(),
            2
        );
        assert_eq!(fix("二○二六年", Options::TXT), "二〇二六年");
        // A circle that is a bullet or a shape is left alone.
        assert!(!kinds("○ 完成情况").contains(&Kind::CircleForZero));
        assert!(kinds("湘党简准字[2000]第28号").contains(&Kind::HalfWidthBrackets));
        assert!(kinds("见[注释]所述").contains(&Kind::HalfWidthBrackets));
        // A citation number and Latin text stay.
        assert!(!kinds("研究表明[1]。").contains(&Kind::HalfWidthBrackets));
        assert!(!kinds("array[2000] in C").contains(&Kind::HalfWidthBrackets));
    }

    #[test]
    fn unbalanced_marks() {
        assert_eq!(kinds("《中国人大杂志"), vec![Kind::Unclosed('《')]);
        assert_eq!(kinds("中国人大》杂志"), vec![Kind::Unopened('》')]);
        assert_eq!(kinds("“引文"), vec![Kind::Unclosed('“')]);
        assert_eq!(kinds("【工作研究"), vec![Kind::Unclosed('【')]);
        assert_eq!(kinds("（括号"), vec![Kind::Unclosed('（')]);
        assert!(kinds("“甲《乙》丙”（丁）【戊】").is_empty());
        // A quotation inside a quotation: its pair becomes ‘ ’, the outer one stays.
        assert_eq!(
            fix("他说：“要深化“四个一”活动。”\n", Options::TXT),
            "他说：“要深化‘四个一’活动。”\n"
        );
        assert!(kinds("“甲”和“乙”").is_empty());
        // An item's number typed 1） at a line's start closes nothing by design; a ）
        // after a number inside a line still does.
        for t in [
            "1）安全生产。",
            "　　12）隐患排查。",
            "正文。\na）甲。",
            "三）乙。",
            "检查了以下内容：1）安全生产；2）危险源管控。",
        ] {
            assert_eq!(kinds(t), vec![], "{t}");
        }
        assert_eq!(kinds("正文第1）条"), vec![Kind::Unopened('）')]);
        // A quotation over several paragraphs closes only in the last.
        assert!(kinds("“第一段。\n“第二段。”").is_empty());
    }

    /// A line cut inside a number (减少3 / 1%) or after a quotation closed inside a
    /// sentence (“经验判断” / 向…) is joined; they printed as paragraphs of their own
    /// (QA12 B 08). A heading that ends in a quotation, over its text, is not.
    #[test]
    fn a_line_cut_inside_a_number_or_after_a_quotation_is_joined() {
        let text = "会议指出，要推动基层治理从“经验判断”\n向“数据说话”转变，文件数量减少3\n1%，基层干部有更多时间走村入户。\n";
        assert_eq!(
            fixed(text),
            "会议指出，要推动基层治理从“经验判断”向“数据说话”转变，文件数量减少31%，基层干部有更多时间走村入户。\n"
        );
        for kept in [
            "一、深入开展“三服务”\n全市各级机关深入基层开展服务。\n",
            "他说：“要抓好落实。”\n会议要求各地抓好落实。\n",
            "表1\n2026年主要指标\n",
        ] {
            assert_eq!(fixed(kept), kept, "{kept}");
        }
    }

    /// A PDF's page numbers between the halves of a sentence are deleted and the halves
    /// joined; `--fix` had glued them in (从“经验—2—判断”, QA12 B 03).
    #[test]
    fn a_pdfs_page_numbers_are_deleted_and_the_sentence_joined() {
        let text = "会议指出，要用好AI辅助研判，推动基层治理从“经验\n— 2 —\n判断”向“数据说话”转变，部分社区一年内更换网格员\n- 3 -\n超过三成，影响工作连续性。\n第4页（共12页）\n";
        let pages = kinds(text)
            .into_iter()
            .filter(|k| *k == Kind::PageNumberLine)
            .count();
        assert_eq!(pages, 3, "{:?}", kinds(text));
        assert_eq!(
            fixed(text),
            "会议指出，要用好AI辅助研判，推动基层治理从“经验判断”向“数据说话”转变，部分社区一年内更换网格员超过三成，影响工作连续性。\n"
        );
        // The running head after a page's number, inside the sentence, goes too (QA16
        // J 02: the sentence was joined to it); a heading after a paragraph's end stays.
        let headed = "今年以来，市水利局坚持防汛抗旱两手抓，全力保障全\n市水安全，在智慧水利建设方面取得了新的进展，实现\n了对全市三十二座中型水库和一百多座小型水库的\n— 2 —\n江岭市水利工作简报\n实时监测，被评为全省水利信息化优秀案例。\n";
        assert_eq!(
            fixed(headed),
            "今年以来，市水利局坚持防汛抗旱两手抓，全力保障全市水安全，在智慧水利建设方面取得了新的进展，实现了对全市三十二座中型水库和一百多座小型水库的实时监测，被评为全省水利信息化优秀案例。\n"
        );
        // The space between a slogan's two phrases stays (QA16 J 04), not a stray one.
        for kept in [
            "开展“月满中秋 情暖邻里”主题活动。\n",
            "幸福里社区：月满中秋 情暖邻里\n",
            "不忘初心 牢记使命\n",
        ] {
            assert_eq!(fixed(kept), kept);
        }
        assert_eq!(fixed("开展“月满 中秋”活动。\n"), "开展“月满中秋”活动。\n");
        // A Latin word hyphenated at a line's end is joined without its hyphen (QA16
        // J 01: Man-agement kept it, infra- / structure was left).
        let hyphened = "今年以来，市水利局坚持防汛抗旱两手抓，全力保障全\n市水安全，在智慧水利建设方面引入Smart Water Man-\nagement平台和water infra-\nstructure monitoring系统，实现了对全市中型水库的实时监测。\n";
        assert_eq!(
            fixed(hyphened),
            "今年以来，市水利局坚持防汛抗旱两手抓，全力保障全市水安全，在智慧水利建设方面引入Smart Water Management平台和water infrastructure monitoring系统，实现了对全市中型水库的实时监测。\n"
        );
        let heading = "被评为全省水利信息化优秀案例。\n— 2 —\n二、主要做法\n坚持问题导向。\n";
        assert_eq!(
            fixed(heading),
            "被评为全省水利信息化优秀案例。\n二、主要做法\n坚持问题导向。\n"
        );
        // In Markdown too; not a line with more than a page's number on it.
        assert!(kinds_md("正文\n\n— 2 —\n").contains(&Kind::PageNumberLine));
        for line in ["2026—2030", "第3页有表", "— 2 — 说明", "3"] {
            assert!(!kinds(line).contains(&Kind::PageNumberLine), "{line}");
        }
    }

    #[test]
    fn a_txt_line_broken_mid_sentence_is_found_and_joined_by_the_fix() {
        let text = "今年以来，坚持有保有压，\n优化支出结构，同比增长3.2%。\n一、基本情况\n";
        let found = scan(text, Options::TXT);
        let broken: Vec<&Finding> = found
            .iter()
            .filter(|f| f.kind == Kind::BrokenLine)
            .collect();
        assert_eq!(broken.len(), 1, "{found:?}");
        assert_eq!(&text[broken[0].span.clone()], "\n");
        assert_eq!(broken[0].fix.as_deref(), Some(""));
        // Markdown joins the lines of a paragraph itself; a field has one paragraph.
        assert!(
            scan(text, Options::MARKDOWN)
                .iter()
                .all(|f| f.kind != Kind::BrokenLine)
        );
        assert_eq!(
            fix(text, Options::TXT),
            "今年以来，坚持有保有压，优化支出结构，同比增长3.2%。\n一、基本情况\n"
        );
    }

    /// Text copied from a PDF: every line cut at the page's width, the next line's
    /// indent and a quotation split across two lines. The lines are joined, with a space
    /// only between Latin words, and the straight quotes, which pair up only once
    /// joined, are made “ ”.
    #[test]
    fn text_copied_from_a_pdf_is_joined_before_its_marks_are_fixed() {
        let text = "会议要求，各单位按照部署做到\"三个及时\n　　\"的要求，认真组织学习有关文件和WTO\nrules的规则文本，切实把各项工作做实\n做细做好，确保取得实效。\n二、下一步工作\n";
        assert_eq!(
            fix(text, Options::TXT),
            "会议要求，各单位按照部署做到“三个及时”的要求，认真组织学习有关文件和WTO rules的规则文本，切实把各项工作做实做细做好，确保取得实效。\n二、下一步工作\n"
        );
        // Windows line ends go with the line joined, and stay elsewhere.
        assert_eq!(
            fix(&text.replace('\n', "\r\n"), Options::TXT),
            "会议要求，各单位按照部署做到“三个及时”的要求，认真组织学习有关文件和WTO rules的规则文本，切实把各项工作做实做细做好，确保取得实效。\r\n二、下一步工作\r\n"
        );
    }

    /// 。。。 typed for ……, 「」 for “”, a stop after a telephone number or before a
    /// note's mark, and a heading's number typed 一． or 二，.
    #[test]
    fn ellipses_corner_quotes_stops_and_heading_marks_typed_by_hand() {
        assert_eq!(
            fixed("建议加大投入。。。并完善机制。"),
            "建议加大投入……并完善机制。"
        );
        assert_eq!(
            fixed("他说：「要抓实『两个一以贯之』」。"),
            "他说：“要抓实‘两个一以贯之’”。"
        );
        // 『』 in no quotation is one of its own (QA12 B 15).
        assert_eq!(
            fixed("开展『三服务』活动，他说：「好『事』」。"),
            "开展“三服务”活动，他说：“好‘事’”。"
        );
        // A Markdown heading typed in Chinese mode (QA12 B 13).
        assert_eq!(
            fix(
                "##一、主要成效\n\n＃＃ 二、存在问题\n\n#基层治理# 我市召开推进会。\n",
                Options::MARKDOWN
            ),
            "## 一、主要成效\n\n## 二、存在问题\n\n#基层治理# 我市召开推进会。\n"
        );
        assert!(fix("## 三、下一步\n", Options::MARKDOWN) == "## 三、下一步\n");
        // Marks that look like quotes, ellipses and dashes (QA12 B 17).
        assert_eq!(
            fixed(
                "提出＂两个确保＂和〝三个一〞，要求如下⋯⋯详见附件．．．目标──全覆盖－－不留死角。"
            ),
            "提出“两个确保”和“三个一”，要求如下……详见附件……目标——全覆盖——不留死角。"
        );
        // Not a full-width stop in a number (５．２％ is made 5.2%) nor one stop.
        assert_eq!(fixed("增长５．２％。"), "增长5.2%。");
        assert_eq!(fixed("联系电话:0796-8123456."), "联系电话：0796-8123456。");
        // Spans of values: a count with its unit after the second figure, 万 and 亿,
        // negative values; a stop after a unit of measure, before a date, after a time.
        assert_eq!(
            fixed("疗程6-12个月，增速在-3.2%~-1.5%之间，12.5万-15.3万元。\n"),
            "疗程6～12个月，增速在-3.2%～-1.5%之间，12.5万～15.3万元。\n"
        );
        assert_eq!(
            fixed("降至8 mmHg.患者术后第2天出院。\n"),
            "降至8 mmHg。患者术后第2天出院。\n"
        );
        assert_eq!(
            fixed("统计时间为每月1日8:30-17:30.\n"),
            "统计时间为每月1日8:30—17:30。\n"
        );
        assert_eq!(
            fixed("电话0571-86091234，编号A3-5件，COVID-19疫苗。\n"),
            "电话0571-86091234，编号A3-5件，COVID-19疫苗。\n"
        );
        // A dash named in quotes, as a table's note names its cells' mark: left alone.
        assert_eq!(
            fixed("注：“—”表示低于汛限水位。\n"),
            "注：“—”表示低于汛限水位。\n"
        );
        // A figure typed in full width with its thousands separator: one number.
        assert_eq!(
            fixed("全县GDP达到１，２３４．５６亿元，增长５．２％。\n"),
            "全县GDP达到1,234.56亿元，增长5.2%。\n"
        );
        assert_eq!(fixed("共１２，３４人\n"), "共12，34人\n");
        // Spaces between two fields of a line part them: one full-width space.
        assert_eq!(
            fixed("来源：江岭市人民医院    发布时间：2026年11月18日\n"),
            "来源：江岭市人民医院\u{3000}发布时间：2026年11月18日\n"
        );
        // A lone corner quote (a WeChat post's —— 」) is left for the editor, named as
        // unpaired: made ” it was as lone.
        assert_eq!(
            fixed("——」下一步，我们将继续努力。"),
            "——」下一步，我们将继续努力。"
        );
        let found = scan("——」下一步，我们将继续努力。", Options::TXT);
        assert!(
            found
                .iter()
                .any(|p| p.fix.is_none() && p.kind.problem().contains('」')),
            "{found:?}"
        );
        assert_eq!(fix("请参阅.[^f2]\n", Options::MARKDOWN), "请参阅。[^f2]\n");
        assert_eq!(
            fixed("一．雨情水情\n二,险情处置\n一，我们要继续努力，做好工作。\n"),
            "一、雨情水情\n二、险情处置\n一，我们要继续努力，做好工作。\n"
        );
    }

    /// A web page's entities in a .txt are the characters they stand for, and the ;
    /// that ends one is no semicolon (--fix once made &nbsp; into &nbsp；).
    #[test]
    fn an_html_entity_in_a_txt_is_its_character() {
        let text = "志愿服务活动&nbsp;。\n研发&amp;设计，&ldquo;双减&rdquo;政策。\n";
        let kinds: Vec<Kind> = scan(text, Options::TXT)
            .into_iter()
            .map(|f| f.kind)
            .collect();
        assert_eq!(
            kinds.iter().filter(|k| **k == Kind::HtmlEntity).count(),
            4,
            "{kinds:?}"
        );
        assert!(!kinds.contains(&Kind::HalfWidth(';')), "{kinds:?}");
        assert_eq!(
            fix(text, Options::TXT),
            "志愿服务活动。\n研发&设计，“双减”政策。\n"
        );
    }

    /// Pasted half-width marks that `check` missed, then called the file clean: `...`
    /// after a figure at a line's end, a `.` after a `)` made （）, a `.` before a space
    /// and a date (认证. 11月20日).
    #[test]
    fn marks_after_a_figure_a_bracket_or_before_a_date() {
        assert_eq!(fixed("缩短了45%..."), "缩短了45%……");
        // The space typed before it goes with it (QA7: 23% …… was left so).
        assert_eq!(fixed("较常年偏多23% ..."), "较常年偏多23%……");
        assert_eq!(
            fixed("上线AI质检模块(基于YOLOv8模型)."),
            "上线AI质检模块（基于YOLOv8模型）。"
        );
        assert_eq!(
            fixed("完成再认证. 11月20日,审核组开展审核."),
            "完成再认证。11月20日，审核组开展审核。"
        );
        for t in [
            "缩短了45%...",
            "上线AI质检模块(基于YOLOv8模型).",
            "完成再认证. 11月20日,审核.",
        ] {
            let once = fixed(t);
            assert_eq!(fixed(&once), once);
            assert!(kinds(&once).is_empty(), "{once}");
        }
        // Not Chinese: a version, a code, English.
        assert_eq!(fixed("see V2. 3 items"), "see V2. 3 items");
        assert_eq!(fixed("Wait..."), "Wait...");
    }

    /// A list of names parted by half-width spaces (an attendance line of a 会议简报)
    /// keeps them apart, with full-width spaces: taken out, 王赟李珺 could not be told
    /// apart, by a fix called safe. A stray space in running text still goes.
    #[test]
    fn names_of_a_list_stay_apart() {
        assert_eq!(
            fixed("出席会议的有：周建华 王赟 李珺 欧阳明 张彧 孙立平"),
            "出席会议的有：周建华　王赟　李珺　欧阳明　张彧　孙立平"
        );
        assert_eq!(fixed("请假：钱文华 冯丽娟。"), "请假：钱文华　冯丽娟。");
        assert_eq!(kinds("出席：周建华 王赟"), vec![Kind::SpaceBetweenNames]);
        // Running text, and two words with no colon before them.
        assert_eq!(
            fixed("我们要坚持 党的领导，推动发展。"),
            "我们要坚持党的领导，推动发展。"
        );
        assert_eq!(fixed("会议指出 要加强"), "会议指出要加强");
        assert_eq!(
            fixed("（选举任免处 王水清供稿）"),
            "（选举任免处王水清供稿）"
        );
        // Fixed once, nothing more to fix.
        let once = fixed("出席：周建华 王赟 李珺");
        assert_eq!(fixed(&once), once);
        assert!(kinds(&once).is_empty());
    }

    #[test]
    fn markdown_table_cells_keep_their_spaces() {
        let md = Options::MARKDOWN;
        let row = "| 党员发展（名） | 40 | 完成率（%） |\n";
        assert!(scan(row, md).is_empty(), "{:?}", scan(row, md));
        // Images, links and footnotes: their brackets and the note's colon are syntax.
        for text in [
            "![党员突击队在变电站巡视](a.jpg)\n",
            "见[《实施意见》](https://example.org/a)全文。\n",
            "荣誉[^1]。\n\n[^1]: 数据来源：公司党建信息系统。\n",
        ] {
            assert!(scan(text, md).is_empty(), "{text}: {:?}", scan(text, md));
        }
        // In plain text a space after （名） is still stray.
        assert!(!scan("党员发展（名） 40", Options::TXT).is_empty());
    }

    #[test]
    fn markdown_code_and_links_stay() {
        let md = "见[链接](http://a.b/c?x=1,2)和`a,b`以及\n\n```\n代码,不改\n```\n";
        assert_eq!(fix(md, Options::MARKDOWN), md);
        assert_eq!(fix("- 列表,项\n", Options::MARKDOWN), "- 列表，项\n");
        // A link reference definition and a footnote's indented second paragraph are
        // structure: --fix curled the title's quotes and took out the indent.
        let md = "见[通知][1]。\n\n[1]: https://jwc.example.edu.cn/tz \"通知\"\n\n[^n]: 注释。\n\n    注释第二段。\n";
        assert_eq!(fix(md, Options::MARKDOWN), md);
        // Front matter is not text: its colons stay (they became ：, and the block no
        // longer read as front matter).
        let md = "---\ntitle: 学生评教\ntags: [评教, 质量]\n---\n\n正文,一段\n";
        assert_eq!(
            fix(md, Options::MARKDOWN),
            "---\ntitle: 学生评教\ntags: [评教, 质量]\n---\n\n正文，一段\n"
        );
    }

    #[test]
    fn full_width_digits_and_letters_become_half_width_and_lose_their_spaces() {
        assert_eq!(
            fixed("共转移２３０余人，排查 ４６ 次，发现隐患 ３１２ 项。\n"),
            "共转移230余人，排查46次，发现隐患312项。\n"
        );
        assert_eq!(fixed("ＧＤＰ增长５．２％。\n"), "GDP增长5.2%。\n");
        assert_eq!(kinds("排查４６次。\n"), vec![Kind::FullWidthAlnum]);
        // A full-width ％ or ． without full-width digits, and protected text, stay.
        assert_eq!(fixed("增长5％。\n"), "增长5％。\n");
        // A full-width minus before a number is a minus sign (QA14 E 10); between two
        // numbers it is not one.
        assert_eq!(
            fixed("同比－１．８％，环比－0.3%。\n"),
            "同比−1.8%，环比−0.3%。\n"
        );
        assert_eq!(kinds("环比－0.3%。\n"), vec![Kind::FullWidthAlnum]);
        assert_eq!(fixed("第１－２季度\n"), "第1－2季度\n");
    }

    /// The space between two bodies that issue a document jointly is the title's
    /// (《中共中央 国务院关于……》): not reported, not taken out (QA2 04). A stray space
    /// elsewhere still is.
    #[test]
    fn the_space_between_joint_issuers_is_kept() {
        for typed in [
            "学习《中共中央 国务院关于学习运用“千万工程”经验的意见》。",
            "中共中央办公厅 国务院办公厅印发《意见》。",
            "根据中共江岭市委 江岭市人民政府关于加强安全生产的决定。",
        ] {
            assert_eq!(kinds(typed), [], "{typed}");
            assert_eq!(fixed(typed), typed);
        }
        assert_eq!(kinds("中共中央 号召全党。"), [Kind::SpaceBetweenChinese]);
        assert_eq!(kinds("市委 市政府召开会议。"), [Kind::SpaceBetweenChinese]);
        // A work's title keeps its space (QA6); outside the title it goes.
        let film = "观看了专题片《持续发力 纵深推进》，深受教育。";
        assert_eq!(kinds(film), [], "{film}");
        assert_eq!(
            kinds("《决定》发布 以来，效果明显。"),
            [Kind::SpaceBetweenChinese]
        );
        // Two short words: a line's end joined (the sample's 《中国 人大》).
        assert_eq!(kinds("《中国 人大》杂志"), [Kind::SpaceBetweenChinese]);
    }

    #[test]
    fn a_caption_keeps_the_space_after_its_number() {
        for t in [
            "表1 各县订阅份数\n",
            "图2-3 签约仪式现场\n",
            "**表2** 重点任务分工\n",
        ] {
            assert_eq!(fix(t, Options::MARKDOWN), t);
            assert_eq!(fix(t, Options::TXT), t);
        }
        // A photo's caption in its description; a table's cells keep their spaces.
        for t in [
            "![图2 职工在书屋阅读](media/image2.jpeg)\n",
            "| 联系人 | 陈志强 13905711234 | 张  三 |\n",
        ] {
            assert_eq!(fix(t, Options::MARKDOWN), t);
        }
        // Elsewhere the space between Chinese and a number still goes.
        assert_eq!(fix("共有 12 个县\n", Options::TXT), "共有12个县\n");
        assert_eq!(fix("见表1 所列\n", Options::TXT), "见表1所列\n");
    }

    #[test]
    fn markdown_html_comments_and_tags_stay() {
        // An editor's hidden note: its `!` and `--` fixed, it printed.
        let md = "正文<!-- 编辑备注：此处待核实 -->继续。\n\n<!--\n两行的备注,不改\n-->\n";
        assert_eq!(fix(md, Options::MARKDOWN), md);
        let md = "这是<b>粗体</b>和<span style=\"color:red\">红字</span>,完。\n";
        assert_eq!(
            fix(md, Options::MARKDOWN),
            "这是<b>粗体</b>和<span style=\"color:red\">红字</span>，完。\n"
        );
    }

    #[test]
    fn fixing_twice_changes_nothing() {
        for s in [
            "中-- --国",
            "a,,中",
            "(a(中)b)",
            "中 -- 3",
            "a... 中",
            "中— —国",
            "\"中\" \"a\" \"",
        ] {
            let once = fixed(s);
            assert_eq!(fixed(&once), once, "from {s:?}");
        }
        // Found by the property test: a tab before a Markdown list marker.
        for s in ["\t0) \u{3000}", " * ，", " a\n\n 中"] {
            let once = fix(s, Options::MARKDOWN);
            assert_eq!(fix(&once, Options::MARKDOWN), once, "from {s:?}");
        }
    }
}
