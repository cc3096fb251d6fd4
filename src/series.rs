//! A bulletin as a series of issues: the next issue's file (`jianbao next`), a new
//! bulletin scaffolded in one command (`jianbao new`), and the continuity of a folder
//! of issues (`jianbao check DIR`): numbers skipped or doubled, dates that go back,
//! cumulative numbers that do not follow.
//!
//! The series file itself (`series = "../series.toml"`) is read with the issue file
//! (`input::issue_file`): what it holds holds for every issue.

use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, Item, value};

use crate::error::{Error, InputError, Result};
use crate::input::issue_file::{self, NumberResets};
use crate::output::files;

/// The same day a month on (the month's last day when it has fewer days).
fn month_after((y, m, d): Date) -> Date {
    let (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    let last = time::Month::try_from(m).map_or(28, |month| month.length(y));
    (y, m, d.min(last))
}

/// A date as (year, month, day).
pub type Date = (i32, u8, u8);

/// Today in China Standard Time.
pub fn today() -> Date {
    let now = time::OffsetDateTime::now_utc()
        .to_offset(time::UtcOffset::from_whole_seconds(8 * 3600).expect("UTC+8"));
    (now.year(), u8::from(now.month()), now.day())
}

/// Parses `2018-08-01`.
pub fn parse_date(s: &str) -> std::result::Result<Date, String> {
    let bad = || format!("«{s}» is not a date such as 2018-08-01 / 日期须写成 2018-08-01 的形式");
    let parts: Vec<&str> = s.trim().split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(bad());
    };
    let (y, m, d) = (
        y.parse::<i32>().map_err(|_| bad())?,
        m.parse::<u8>().map_err(|_| bad())?,
        d.parse::<u8>().map_err(|_| bad())?,
    );
    let month = time::Month::try_from(m).map_err(|_| bad())?;
    time::Date::from_calendar_date(y, month, d).map_err(|_| bad())?;
    Ok((y, m, d))
}

fn toml_date((y, m, d): Date) -> toml_edit::Datetime {
    toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: y as u16,
            month: m,
            day: d,
        }),
        time: None,
        offset: None,
    }
}

/// What `next` wrote.
#[derive(Debug)]
pub struct NextIssue {
    pub path: PathBuf,
    pub number: Option<u32>,
    pub total: Option<u32>,
    /// Its date; none for an undated bulletin.
    pub date: Option<Date>,
    /// Its issue line as the masthead will print it (第20期（总第五百六十四期）,
    /// 增刊第3期), with the issue file's labels; none without a number.
    pub issue_line: Option<String>,
    /// What the editor should know: this issue's one-off parts left out (its 编者按,
    /// 本期增发), a label kept as written.
    pub notes: Vec<String>,
}

/// What a run of figures in a label counts.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Counts {
    /// The year (2026年第9期, 〔2026〕第9期, 二〇二六年第九期).
    Year,
    /// The cumulative number (总第127期).
    Total,
    /// The issue's number.
    Number,
    /// A year of a span of years (2025—2026学年): kept as written.
    Span,
    /// The month (2026年3月 第3期): the new date's.
    Month,
}

/// A run of Chinese numerals or of digits in a label: its value, its byte range,
/// whether it is in Chinese numerals, and what it counts.
#[derive(Debug, Clone)]
struct Run {
    value: u64,
    range: std::ops::Range<usize>,
    chinese: bool,
    counts: Counts,
}

/// The runs of figures in an issue line written as a label, each read as the year
/// (four digits, or followed by 年, or in 〔〕 before 第), the cumulative number (after
/// 总第) or the issue's number (the rest).
fn label_runs(label: &str) -> Vec<Run> {
    const NUMERALS: &str = "〇零一二三四五六七八九十百千两";
    let numeral = |c: char| NUMERALS.contains(c);
    let cs: Vec<(usize, char)> = label.char_indices().collect();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i].1;
        if !(numeral(c) || c.is_ascii_digit()) {
            i += 1;
            continue;
        }
        let chinese = numeral(c);
        let len = cs[i..]
            .iter()
            .take_while(|&&(_, c)| {
                if chinese {
                    numeral(c)
                } else {
                    c.is_ascii_digit()
                }
            })
            .count();
        let from = cs[i].0;
        let to = cs.get(i + len).map_or(label.len(), |&(at, _)| at);
        let run = &label[from..to];
        let after = label[to..].trim_start();
        let before = label[..from].trim_end();
        // A year: four figures before 年 or in brackets (〔2026〕), not 第2026期 (a
        // running number); or one end of a span of years (2025—2026学年), the school
        // year's, kept as written.
        let dashes = ['—', '-', '－', '–', '~', '～', '至'];
        let spanned = after.starts_with(dashes) || before.ends_with(dashes);
        let year_like = len == 4
            && (after.starts_with('年')
                || spanned
                || (after.starts_with(['〕', ']', '）', ')'])
                    && before.ends_with(['〔', '[', '（', '('])));
        // A year in Chinese numerals is written digit by digit (二〇二六).
        let value = if chinese && year_like {
            crate::model::numerals::parse_chinese_year(run)
        } else if chinese {
            crate::model::numerals::parse_chinese_number(run)
        } else {
            run.parse().ok()
        };
        if let Some(value) = value {
            let counts = if year_like && (1900..=2200).contains(&value) && spanned {
                Counts::Span
            } else if year_like && (1900..=2200).contains(&value) {
                Counts::Year
            } else if before.ends_with("总第") || before.ends_with('总') {
                Counts::Total
            } else if after.starts_with('月') && (1..=12).contains(&value) {
                Counts::Month
            } else {
                Counts::Number
            };
            runs.push(Run {
                value,
                range: from..to,
                chinese,
                counts,
            });
        }
        i += len;
    }
    runs
}

/// The issue's number in an issue line written as a label (`label = "〔第三期〕"`,
/// `2026年第9期（总第127期）`): the first run of figures that is not the year or the
/// cumulative number; none when there is none, or it is 0.
fn label_number(label: &str) -> Option<u64> {
    label_runs(label)
        .into_iter()
        .find(|r| r.counts == Counts::Number)
        .map(|r| r.value)
        .filter(|&n| n > 0)
}

/// The first and the last of a run of numbers.
type Span = (u64, u64);

/// A combined issue's (合刊) numbers: the first and the last issue number its label names
/// (第5-6期, 第5、6期合刊, 第五—六期), and the same of its cumulative numbers
/// (总第41-42期); none of a label of one issue.
fn label_spans(label: &str) -> (Option<Span>, Option<Span>) {
    const JOINERS: [&str; 11] = ["-", "—", "——", "－", "–", "~", "～", "至", "、", "，", "和"];
    let runs = label_runs(label);
    let mut number = None;
    let mut total = None;
    for pair in runs.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let between = label[a.range.end..b.range.start].trim();
        if !JOINERS.contains(&between) || b.counts != Counts::Number || b.value <= a.value {
            continue;
        }
        match a.counts {
            // At most four issues in one (第1-4期); a wider span is no combined issue.
            Counts::Number if number.is_none() && b.value - a.value <= 3 && a.value > 0 => {
                number = Some((a.value, b.value));
            }
            Counts::Total if total.is_none() => total = Some((a.value, b.value)),
            _ => {}
        }
    }
    (number, total)
}

/// A combined issue (合刊): the first and the last of the numbers its label names, and
/// of its cumulative numbers: those its label names, else counted from `total`, which
/// is the cumulative number of the issue `number` names (its first when it names none).
struct Combined {
    numbers: Span,
    totals: Option<Span>,
}

/// The issue's numbers when it is a combined issue; none for an issue of one number.
fn combined(issue: &issue_file::IssueInfo) -> Option<Combined> {
    let (numbers, totals) = label_spans(issue.label.as_ref()?.get_ref());
    let (a, b) = numbers?;
    let totals = totals.or_else(|| {
        let t = u64::from(*issue.total.as_ref()?.get_ref());
        let n = issue
            .number
            .as_ref()
            .map_or(a, |n| u64::from(*n.get_ref()).clamp(a, b));
        let first = t.saturating_sub(n - a);
        Some((first, first + (b - a)))
    });
    Some(Combined {
        numbers: (a, b),
        totals,
    })
}

/// What moves in a label for the next issue: its number to `next(number)`, its year
/// (old, new) when the date changes year, its cumulative number to `total`.
struct LabelMoves<F: Fn(u64) -> u64> {
    next: F,
    year: Option<(i32, i32)>,
    total: Option<u32>,
    /// The new date's month, when it has one.
    month: Option<u8>,
}

/// The label with its figures moved on, each written as it was (in Chinese numerals,
/// a year digit by digit, or in digits zero-padded as they were). None when it holds
/// no issue number.
fn next_label<F: Fn(u64) -> u64>(label: &str, moves: &LabelMoves<F>) -> Option<String> {
    let runs = label_runs(label);
    runs.iter()
        .find(|r| r.counts == Counts::Number && r.value > 0)?;
    let mut out = String::new();
    let mut at = 0;
    let mut number_moved = false;
    for r in &runs {
        let new = match r.counts {
            // Only the first number is the issue's (第9期 in 第9期第2版 and the like).
            Counts::Number if !number_moved => {
                number_moved = true;
                Some((moves.next)(r.value))
            }
            Counts::Year => moves
                .year
                .filter(|(old, _)| i64::from(*old) == r.value as i64)
                .map(|(_, new)| new as u64),
            Counts::Total => moves.total.map(u64::from),
            Counts::Month => moves.month.map(u64::from),
            Counts::Number | Counts::Span => None,
        };
        let Some(new) = new else { continue };
        let written = match (r.chinese, r.counts) {
            (true, Counts::Year) => crate::model::numerals::chinese_year(new),
            (true, _) => crate::model::numerals::chinese_number(new),
            // Zero-padded only as it was (第09期; not 第24期 → 第01期).
            (false, _) if label[r.range.clone()].starts_with('0') => {
                format!("{:0width$}", new, width = r.range.len())
            }
            (false, _) => new.to_string(),
        };
        out.push_str(&label[at..r.range.start]);
        out.push_str(&written);
        at = r.range.end;
    }
    out.push_str(&label[at..]);
    Some(out)
}

/// The default folder of the next issue: the issue's folder name with its number (and
/// year) moved on (`lianluo-dongtai-2018-19` → `lianluo-dongtai-2018-20`), beside it;
/// else, or when that is the issue's own folder, the folder's name with `-next`.
pub fn default_next_dir(
    issue: &Path,
    old: (Option<u32>, Option<i32>),
    new: (Option<u32>, i32),
) -> PathBuf {
    let dir = issue
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let abs = std::path::absolute(dir).unwrap_or_else(|_| dir.to_owned());
    let name = abs
        .file_name()
        .map_or_else(|| "issue".to_owned(), |n| n.to_string_lossy().into_owned());
    let parent = abs.parent().unwrap_or(Path::new(".")).to_owned();
    // The runs of figures in the name, wherever they stand (2026-11, 2026年第11期,
    // 第11期, 2026_11: only a number after the last - was moved, QA17 L 10).
    let runs: Vec<(std::ops::Range<usize>, u64)> = label_runs(&name)
        .into_iter()
        .filter(|r| !r.chinese)
        .map(|r| (r.range, r.value))
        .collect();
    let year_run = old.1.and_then(|y| {
        runs.iter()
            .position(|(r, v)| r.len() == 4 && *v == y as u64)
    });
    let number_run = old.0.and_then(|n| {
        runs.iter()
            .enumerate()
            .rev()
            .find(|(i, (_, v))| Some(*i) != year_run && *v == u64::from(n))
            .map(|(i, _)| i)
    });
    let mut out = String::new();
    let mut at = 0;
    let mut moved = false;
    for (i, (r, _)) in runs.iter().enumerate() {
        let new_text = if Some(i) == number_run
            && let Some(new_n) = new.0
        {
            // A number of two figures or more keeps its width (2026-01 → 2026-02, and
            // 2026-12 → 2027-01: 2027-1 sorted after 2027-10, QA17 L 03), for folders
            // to sort in order; after 第 only when it was padded (第12期 → 第1期).
            let padded = name[r.clone()].starts_with('0');
            let width = if padded || !name[..r.start].ends_with('第') {
                r.len()
            } else {
                0
            };
            format!("{new_n:0width$}")
        } else if Some(i) == year_run {
            new.1.to_string()
        } else {
            continue;
        };
        out.push_str(&name[at..r.start]);
        out.push_str(&new_text);
        at = r.end;
        moved = true;
    }
    out.push_str(&name[at..]);
    // Not the issue's own folder: a year moved to the same year, the number not found
    // (2026-01 holding issue 3) named it, and next told the editor to remove this
    // issue's file (QA12 C 09).
    let name = match out {
        moved_name if moved && moved_name != name => moved_name,
        _ => format!("{name}-next"),
    };
    parent.join(name)
}

/// Writes the next issue's folder and file: number + 1 (1 again in a new year when the
/// series says `number_resets = "yearly"`), total + 1, the date given, no articles (a
/// commented template instead). The issue file is copied (comments kept, and its
/// series file named from the new folder) with its articles and its one-off parts
/// taken out. No date given: a bulletin dated by its month (`date_style =
/// "month"`) is dated a month on, any other today, and an undated one is left undated.
pub fn next(issue: &Path, date: Option<Date>, out_dir: Option<&Path>) -> Result<NextIssue> {
    let loaded = issue_file::load(issue)?;
    let f = &loaded.file;
    let old_date = f.issue.date.as_ref().and_then(|d| d.get_ref().date);
    let monthly = matches!(
        f.issue.date_style,
        issue_file::DateStyle::Month | issue_file::DateStyle::ChineseMonth
    );
    // An undated bulletin's next issue is undated too, unless a date is given.
    let date = match (date, old_date) {
        (Some(d), _) => Some(d),
        (None, Some(d)) if monthly => Some(month_after((i32::from(d.year), d.month, d.day))),
        (None, Some(_)) => Some(today()),
        (None, None) => None,
    };
    // The year the new issue is in, for a yearly count: its date's, else this one.
    let year = date.map_or_else(|| today().0, |d| d.0);
    let old_year = old_date.map(|d| i32::from(d.year));
    if let (Some(d), Some(date)) = (old_date, date)
        && (i32::from(d.year), d.month, d.day) > date
    {
        return Err(InputError::file(
            issue,
            format!(
                "the next issue's date {}-{:02}-{:02} is before this issue's {}-{:02}-{:02} / 下一期的日期早于本期",
                date.0, date.1, date.2, d.year, d.month, d.day
            ),
        )
        .help("give the date with --date YYYY-MM-DD / 用 --date 指定日期")
        .into());
    }
    let old_number = f.issue.number.as_ref().map(|n| *n.get_ref());
    let new_year = old_year.is_some_and(|y| y != year);
    // The number after `n`: 1 again in a new year when the series says so.
    let restart = new_year && f.number_resets == NumberResets::Yearly;
    let next_number = |n: u64| if restart { 1 } else { n + 1 };
    // A combined issue (合刊 第5-6期) counts as the issues it names: the next is 第7期,
    // its total past the last of them (it printed 第6-6期合刊, QA17 L 02).
    let combined = combined(&f.issue);
    let number = match &combined {
        Some(c) => Some(next_number(c.numbers.1) as u32),
        None => old_number.map(|n| next_number(u64::from(n)) as u32),
    };
    let total = match &combined {
        Some(c) => c.totals.map(|(_, last)| last as u32 + 1),
        None => f.issue.total.as_ref().map(|t| *t.get_ref() + 1),
    };
    let dir = out_dir.map_or_else(
        || {
            // A combined issue's folder is named by one of its numbers, either.
            let named = |n: Option<u32>| default_next_dir(issue, (n, old_year), (number, year));
            let first = named(old_number);
            match combined.as_ref().map(|c| c.numbers) {
                Some((a, b)) if first.to_string_lossy().ends_with("-next") => [b, a]
                    .into_iter()
                    .map(|n| named(u32::try_from(n).ok()))
                    .find(|d| !d.to_string_lossy().ends_with("-next"))
                    .unwrap_or(first),
                _ => first,
            }
        },
        Path::to_owned,
    );
    let path = dir.join("issue.toml");
    if path.exists() {
        return Err(InputError::file(
            &path,
            format!(
                "{} exists already; it is left as it is / 文件已存在，未改写",
                path.display()
            ),
        )
        .help(
            "choose another folder with -o DIR, or remove that file first / 请用 -o 指定其他文件夹",
        )
        .into());
    }
    let mut notes = Vec::new();
    // A new year with the count going on: most bulletins number within the year
    // (GUIDE §4), and the series may simply not have said so.
    if let (true, false, Some(old), Some(n)) = (new_year, restart, old_year, number) {
        notes.push(format!(
            "the year changes ({old} → {year}) and the number goes on (第{n}期): if this bulletin numbers its issues within the year, write number_resets = \"yearly\" at the top of the series file (or of this issue file, before its first [table]), delete the new folder and run next again / 跨年后期号接续为第{n}期；如按年度编号，请在系列文件（或本期文件）开头写 number_resets = \"yearly\" 后重新生成"
        ));
    }
    // A year the series counts by, not known: this issue has no date.
    if f.number_resets == NumberResets::Yearly
        && old_year.is_none()
        && date.is_some()
        && let Some(n) = number
    {
        notes.push(format!(
            "this issue has no date, so whether the next is in a new year is not known: its number goes on (第{n}期); if a new year has begun, write number = 1 in the new file / 本期无日期，无法判断是否跨年，期号接续为第{n}期；如已是新的一年，请在新文件中改为 number = 1"
        ));
    }
    // A combined issue's label is not carried over: the next issue is one issue.
    if let (Some(l), Some(_)) = (f.issue.label.as_ref(), &combined) {
        notes.push(format!(
            "this issue is a combined issue («{}»): the next is {}, printed from its number and total; the label is not carried over (write one if the new issue needs it) / 本期为合刊，下一期按 number、total 印为单期，合刊标签未带入",
            l.get_ref(),
            number.map_or_else(String::new, |n| format!("第{n}期"))
        ));
    }
    // A label moves on with the issue: 〔第三期〕 → 〔第四期〕 (第一期 in a new year).
    let label = f.issue.label.as_ref().filter(|_| combined.is_none()).map(|l| {
        let l = l.get_ref();
        let runs = label_runs(l);
        if new_year && runs.iter().any(|r| r.counts == Counts::Span) {
            notes.push(format!("the label «{l}» holds a span of years (a school year), kept as written: change it when the school year changes / 期号标签「{l}」中的学年已原样保留，学年变更时请修改"));
        }
        if total.is_none() && runs.iter().any(|r| r.counts == Counts::Total) {
            notes.push(format!("the label «{l}» holds a 总第…期 and the issue file no total: that number is kept as written; change it, or give [issue] total / 期号标签「{l}」中的总期号已原样保留，请修改，或在 [issue] 中写 total"));
        }
        let moves = LabelMoves {
            next: next_number,
            year: old_year.filter(|_| new_year).map(|old| (old, year)),
            total,
            month: date.map(|d| d.1),
        };
        next_label(l, &moves)
        .unwrap_or_else(|| {
            notes.push(format!("the label «{l}» holds no number and is kept as written: change it for the new issue / 期号标签「{l}」中没有数字，已原样保留，请修改"));
            l.clone()
        })
    });
    // The file copied, with or without a series file: what the editor set in this
    // issue's file (its [issue] date_style, contents, note_label…) goes on. Under a
    // series, a fresh file of only the changing keys dropped them unsaid (QA12 C 01).
    let series = loaded.series.as_ref().map(|s| pathdiff(&s.path, &dir));
    let labels = crate::model::Labels::read(&loaded, Some(year))?;
    let (number_text, total_text) =
        labels.issue_line(label.as_deref(), number, f.issue.supplement, total);
    let issue_line = number_text.map(|n| n + total_text.as_deref().unwrap_or(""));
    // A combined issue's label, not carried over, gives way to the issue line in the
    // file's opening comment.
    let new_label = label.as_deref().or(issue_line.as_deref());
    let text = copied_issue(
        &moved_header(
            &loaded.text,
            old_number.zip(number),
            f.issue.total.as_ref().map(|t| *t.get_ref()).zip(total),
            f.issue
                .label
                .as_ref()
                .map(|l| l.get_ref().as_str())
                .zip(new_label),
        ),
        series.as_deref(),
        number,
        total,
        date,
        label.as_deref(),
        &mut notes,
    )?;
    std::fs::create_dir_all(&dir)
        .map_err(|e| Error::io(&dir, "cannot create the folder / 无法创建文件夹", e))?;
    files::write_atomic_as(
        &path,
        text.as_bytes(),
        "cannot write the issue file / 无法写入期刊文件",
    )?;
    Ok(NextIssue {
        path,
        number,
        total,
        date,
        issue_line,
        notes,
    })
}

/// A path to `target` as seen from the folder `from` (`../series.toml`).
fn pathdiff(target: &Path, from: &Path) -> String {
    let abs = |p: &Path| {
        std::fs::canonicalize(p)
            .or_else(|_| std::path::absolute(p))
            .unwrap_or_else(|_| p.to_owned())
    };
    let (target, from) = (abs(target), abs(from));
    let t: Vec<_> = target.components().collect();
    let f: Vec<_> = from.components().collect();
    let common = t.iter().zip(&f).take_while(|(a, b)| a == b).count();
    let mut out: Vec<String> = std::iter::repeat_n("..".to_owned(), f.len() - common).collect();
    out.extend(
        t[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    out.join("/")
}

/// What `new` writes for the editor to replace: the sample article's title, its
/// byline, a list's recipients, and the opening of its text. A build says each that is
/// left ([`placeholders_note`]).
const SAMPLE_TITLE: &str = "示例文章";
const SAMPLE_BYLINE: &str = "某某供稿";
const SAMPLE_RECIPIENTS: &str = "……";
const SAMPLE_TEXT: &str = "这是一篇示例文章。把本期的文章粘贴为纯文本（每段一行），或写成 Markdown（.md），在 issue.toml 中每篇写一个 [[article]]。\n运行 jianbao build issue.toml 生成 PDF，jianbao check issue.toml 检查标点。\n";

/// The build's warning for what `new` wrote and the editor has not replaced: it would
/// print (a page ending «（某某供稿）», a 报尾 of «送：……»). None when nothing is left.
pub(crate) fn placeholders_note(issue: &crate::model::Issue) -> Option<String> {
    // Where `new` writes them: the articles' titles and bylines, the 报尾's lists.
    let titles = issue.articles.iter().map(|a| a.title.concat());
    let bylines = issue.articles.iter().filter_map(|a| a.byline.clone());
    let recipients = issue
        .footer
        .iter()
        .flat_map(|f| &f.distribution)
        .flat_map(|d| d.recipients.iter().cloned());
    let mut left: Vec<String> = Vec::new();
    for v in titles.chain(bylines).chain(recipients) {
        let v = v.trim();
        if [SAMPLE_TITLE, SAMPLE_BYLINE, SAMPLE_RECIPIENTS].contains(&v)
            && !left.iter().any(|l| l == v)
        {
            left.push(v.to_owned());
        }
    }
    let first_line = SAMPLE_TEXT.lines().next().unwrap_or_default();
    let texts: Vec<String> = issue
        .articles
        .iter()
        .filter(|a| a.source.trim_start().starts_with(first_line))
        .map(|a| a.path.display().to_string())
        .collect();
    if left.is_empty() && texts.is_empty() {
        return None;
    }
    let mut what: Vec<String> = left.iter().map(|v| format!("«{v}»")).collect();
    what.extend(texts.iter().map(|p| format!("the sample text of {p}")));
    Some(format!(
        "the issue still holds what `jianbao new` wrote for you to replace: {}; it prints as it is / 期刊中仍有 jianbao new 生成的示例内容（{}），会照样排出，请替换",
        what.join(", "),
        what.join("、")
    ))
}

/// The build's warning for a label whose issue number or cumulative number is not the
/// issue file's (`number = 13` with `label = "第12期"`, as when the number was moved on
/// by hand): the label prints; `number` and `total` are what `next` and `check DIR`
/// count. At the label. None when they agree, or one of them is not given.
pub(crate) fn label_note(loaded: &crate::input::issue_file::LoadedIssueFile) -> Option<String> {
    let issue = &loaded.file.issue;
    let label = issue.label.as_ref()?;
    let runs = label_runs(label.get_ref());
    let said = |counts: Counts| runs.iter().find(|r| r.counts == counts).map(|r| r.value);
    // A combined issue's `number` (and `total`) may be any of the issues it names.
    let (number_span, total_span) = label_spans(label.get_ref());
    let within = |n: u64, l: u64, span: Option<(u64, u64)>| {
        n == l || span.is_some_and(|(a, b)| (a..=b).contains(&n))
    };
    let mut off = Vec::new();
    if let (Some(n), Some(l)) = (issue.number.as_ref(), said(Counts::Number))
        && !within(u64::from(*n.get_ref()), l, number_span)
    {
        off.push(format!("its number is {l}, `number` is {}", n.get_ref()));
    }
    if let (Some(t), Some(l)) = (issue.total.as_ref(), said(Counts::Total))
        && !within(u64::from(*t.get_ref()), l, total_span)
    {
        off.push(format!(
            "its cumulative number is {l}, `total` is {}",
            t.get_ref()
        ));
    }
    if off.is_empty() {
        return None;
    }
    let (path, text, span) = loaded.source_of(label.span());
    let (line, col) = crate::error::line_col(text, span.start);
    Some(format!(
        "{}:{line}:{col}: the label «{}» disagrees with the issue file: {}; the label prints, and `next` and `check` count `number` and `total`: make them agree / 期号标签与 number、total 不一致：印出的是标签，续期和连续性检查按 number、total 计算，请改为一致",
        path.display(),
        label.get_ref(),
        off.join("; ")
    ))
}

const ARTICLE_TEMPLATE: &str = "\n# Add this issue's articles, one [[article]] table each (see examples/issue.toml):\n# [[article]]\n# column = \"工作研究\"\n# title = \"标题\"\n# byline = \"某某供稿\"\n# file = \"01-article.txt\"\n";

/// The comment lines that open an issue file (`# 工作动态 第5期（总第58期）`) with the
/// issue's number, its total and its label moved on, as the file's values are: in the
/// first line that holds the number or the label only. A later line is the editor's
/// note (本刊自2025年第3期起改版), and its number was moved too (QA12 C 15).
fn moved_header(
    text: &str,
    number: Option<(u32, u32)>,
    total: Option<(u32, u32)>,
    label: Option<(&str, &str)>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut header = true;
    let mut moved = false;
    let label = label.filter(|(old, _)| !old.is_empty());
    // A number in figures or in Chinese numerals (总第五百九十九期, as the masthead
    // prints it: it was left, QA14 F 05), each moved in the form it was written.
    let forms = |(old, new): (u32, u32)| {
        let chinese = |n: u32| crate::model::numerals::chinese_number(u64::from(n));
        [
            (old.to_string(), new.to_string()),
            (chinese(old), chinese(new)),
        ]
    };
    let number_forms = number.map(forms);
    let total_forms = total.map(forms);
    for line in text.split_inclusive('\n') {
        header &= line.trim_start().starts_with('#');
        let holds = |l: &str| {
            number_forms
                .as_ref()
                .is_some_and(|f| f.iter().any(|(old, _)| l.contains(&format!("第{old}期"))))
                || label.is_some_and(|(old, _)| l.contains(old))
        };
        if !header || moved || !holds(line) {
            out.push_str(line);
            continue;
        }
        moved = true;
        let mut line = line.to_owned();
        if let Some((old, new)) = label {
            line = line.replace(old, new);
        }
        // 总第58期 apart from 第3期, so that the one is not taken for the other: the
        // totals are set aside (a mark no comment holds), the number moved, the new
        // totals put in.
        let mark = |k: usize| format!("\u{0}{k}\u{0}");
        for (k, (old, _)) in total_forms.iter().flatten().enumerate() {
            line = line.replace(&format!("总第{old}期"), &mark(k));
        }
        for (old, new) in number_forms.iter().flatten() {
            line = line.replace(&format!("第{old}期"), &format!("第{new}期"));
        }
        for (k, (_, new)) in total_forms.iter().flatten().enumerate() {
            line = line.replace(&mark(k), &format!("总第{new}期"));
        }
        out.push_str(&line);
    }
    out
}

/// The issue file copied for the next issue: its comments kept, the [issue] table
/// moved on, its articles and its one-off parts (编者按, 本期增发) taken out, each
/// said in `notes`.
fn copied_issue(
    text: &str,
    series: Option<&str>,
    number: Option<u32>,
    total: Option<u32>,
    date: Option<Date>,
    label: Option<&str>,
    notes: &mut Vec<String>,
) -> Result<String> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e| Error::internal(format!("the issue file parsed once but not again: {e}")))?;
    // The series file named from the new folder (the same path but where the new
    // folder lies deeper or higher).
    if let Some(series) = series {
        doc["series"] = value(series);
    }
    let issue = doc["issue"].or_insert(Item::Table(toml_edit::Table::new()));
    if let Some(n) = number {
        issue["number"] = value(i64::from(n));
    }
    if let Some(n) = total {
        issue["total"] = value(i64::from(n));
    }
    // No label: none is printed (a combined issue's is not carried over).
    match (label, issue.as_table_like_mut()) {
        (Some(l), _) => issue["label"] = value(l),
        (None, Some(t)) => {
            t.remove("label");
        }
        (None, None) => {}
    }
    if let Some(date) = date {
        issue["date"] = value(toml_date(date));
    }
    if let Some(t) = issue.as_table_like_mut() {
        for key in ["note", "note_file"] {
            if t.remove(key).is_some() {
                notes.push(format!(
                    "this issue's 编者按 ([issue] {key}) is left out / 本期编者按未带入下一期"
                ));
            }
        }
    }
    if let Some(t) = doc.get_mut("footer").and_then(Item::as_table_like_mut)
        && t.remove("extra").is_some()
    {
        notes.push(
            "this issue's 本期增发 ([footer] extra) is left out / 本期增发未带入下一期".to_owned(),
        );
    }
    // What may change from issue to issue is kept, and said: the words after the date
    // (a 大会简报's hour: the next issue of the day printed the last one's, QA9), the
    // 份号 and a mark of urgency (特急, 加急).
    if let Some(suffix) = doc
        .get("issue")
        .and_then(Item::as_table_like)
        .and_then(|t| t.get("date_suffix"))
        .and_then(Item::as_str)
    {
        notes.push(format!("the words after the date ([issue] date_suffix = \"{suffix}\") are kept as in this issue: change them if the new issue has another hour / 日期后的文字（date_suffix）沿用本期，如时间不同请修改"));
    }
    if let Some(b) = doc.get("bulletin").and_then(Item::as_table_like) {
        if b.get("copy_number").is_some() {
            notes.push("the 份号 ([bulletin] copy_number) is kept as in this issue: change it if the new issue has another / 份号沿用本期，如有变化请修改".to_owned());
        }
        let urgent = b
            .get("marks")
            .and_then(Item::as_array)
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str())
            .filter(|m| {
                ["特急", "加急", "特提", "急件"]
                    .iter()
                    .any(|u| m.contains(u))
            })
            .collect::<Vec<_>>();
        if !urgent.is_empty() {
            notes.push(format!(
                "the mark(s) {} ([bulletin] marks) are kept as in this issue: take them out if the new issue is not urgent / 紧急程度标注沿用本期，如不需要请删除",
                urgent.join("、")
            ));
        }
    }
    doc.remove("article");
    Ok(format!("{doc}{ARTICLE_TEMPLATE}"))
}

/// Scaffolds a new bulletin in `dir`: `series.toml` (every key commented), the first
/// issue's folder with its file and one sample article; it builds as it is. Returns
/// the issue file's path.
pub fn scaffold(dir: &Path, title: &str, unit: &str, date: Date) -> Result<PathBuf> {
    let series = dir.join("series.toml");
    let issue_dir = dir.join(format!("{}-01", date.0));
    let issue = issue_dir.join("issue.toml");
    for p in [&series, &issue] {
        if p.exists() {
            return Err(InputError::file(
                p,
                format!(
                    "{} exists already; nothing was written / 文件已存在，未写入",
                    p.display()
                ),
            )
            .help("choose an empty folder with -o DIR / 请用 -o 指定一个空文件夹")
            .into());
        }
    }
    std::fs::create_dir_all(&issue_dir)
        .map_err(|e| Error::io(&issue_dir, "cannot create the folder / 无法创建文件夹", e))?;
    let quoted = |s: &str| toml_edit::Value::from(s).to_string();
    let series_text = format!(
        r#"# {title}: what every issue of the bulletin shares. An issue file names this file
# (series = "../series.toml") and holds only what changes: its number, date and
# articles; it may override any key. examples/issue.toml documents every key.

[bulletin]
title = {}                  # printed huge and red
# issuer = "……"             # the issuing body over the title (a two-level masthead)
# pinyin = "……"             # the pinyin / English line under the title
unit = {}                   # the editing unit, left over the red rule
# marks = ["内部资料"]

[footer]
# editors = ["某某"]
# approval = "……准字〔2026〕第1号"
# print_count = 300
# [footer.contact]
# phone = "0000-00000000"
[[footer.distribution]]
label = "送"
recipients = ["{}"]

# [style]                    # layout settings; every value has the GB/T 9704 default
# [print]                    # bleed, crop marks, PDF/A, pages
"#,
        quoted(title),
        quoted(unit),
        SAMPLE_RECIPIENTS,
    );
    let issue_text = format!(
        "# {title} 第1期. The bulletin, the footer and the style are in ../series.toml.\nseries = \"../series.toml\"\n\n[issue]\nnumber = 1\ntotal = 1\ndate = {}\n\n[[article]]\ntitle = \"{SAMPLE_TITLE}\"\nbyline = \"{SAMPLE_BYLINE}\"\nfile = \"01-article.txt\"\n",
        toml_date(date)
    );
    let article = SAMPLE_TEXT;
    files::write_atomic(&series, series_text.as_bytes())?;
    files::write_atomic(&issue, issue_text.as_bytes())?;
    files::write_atomic(&issue_dir.join("01-article.txt"), article.as_bytes())?;
    Ok(issue)
}

/// One issue of a folder, as the continuity check sees it.
#[derive(Debug, Clone)]
pub struct Listed {
    pub path: PathBuf,
    pub number: Option<u32>,
    pub total: Option<u32>,
    pub date: Option<Date>,
    /// A supplement (增刊): numbered in a series of its own.
    pub supplement: bool,
    /// The bulletin's title: a folder may hold the issues of several bulletins, each a
    /// series of its own.
    pub bulletin: String,
    /// A combined issue's (合刊 第5-6期) last number and last cumulative number: what
    /// the next issue follows. Its `number` and `total` are its first.
    pub last: (Option<u32>, Option<u32>),
    /// Whether the series numbers its issues within the year.
    pub resets: NumberResets,
}

/// A break in a series: which issue, what is wrong.
#[derive(Debug, Clone)]
pub struct Break {
    pub path: PathBuf,
    pub problem: String,
}

/// The issue files of a folder: `DIR/*/*.toml` (and `DIR/*.toml`), series files left out.
pub fn issue_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let is_issue = |p: &Path| {
        p.is_file()
            && p.extension().is_some_and(|e| e == "toml")
            && p.file_name().is_some_and(|n| n != "series.toml")
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            if let Ok(inner) = std::fs::read_dir(&p) {
                out.extend(inner.flatten().map(|e| e.path()).filter(|p| is_issue(p)));
            }
        } else if is_issue(&p) {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// The one issue file a folder holds itself (`2026-01/` for `2026-01/issue.toml`, as
/// `jianbao new` and `next` make them), if it holds one: a folder given where an issue
/// file goes means it, as `build FOLDER` builds it (QA14 F 07).
pub fn the_issue_in(dir: &Path) -> Option<PathBuf> {
    let mut own = issue_files(dir)
        .into_iter()
        .filter(|p| p.parent() == Some(dir));
    match (own.next(), own.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

/// Checks a folder of issues of one bulletin for breaks: a number doubled or skipped,
/// a date earlier than the previous issue's, a cumulative number that does not follow
/// the count. Issues are taken in the order of their cumulative numbers, else of their
/// years and numbers.
pub fn continuity(dir: &Path) -> Result<Continuity> {
    let mut listed = Vec::new();
    let mut unread = Vec::new();
    for path in issue_files(dir) {
        // A file that cannot be read is said, and the series checked without it.
        let loaded = match issue_file::load(&path) {
            Ok(loaded) => loaded,
            Err(e) => {
                unread.push(e);
                continue;
            }
        };
        let f = &loaded.file;
        // A label (〔第三期〕) says the number when there is no `number`.
        let number = f.issue.number.as_ref().map(|n| *n.get_ref()).or_else(|| {
            let label = f.issue.label.as_ref()?;
            u32::try_from(label_number(label.get_ref())?).ok()
        });
        let total = f.issue.total.as_ref().map(|t| *t.get_ref());
        // A combined issue (合刊) runs from its first number to its last (QA17 L 02).
        let u32_of = |n: u64| u32::try_from(n).ok();
        let (number, total, last) = match combined(&f.issue) {
            Some(Combined {
                numbers: (a, b),
                totals,
            }) => (
                u32_of(a),
                totals.and_then(|t| u32_of(t.0)),
                (u32_of(b), totals.and_then(|t| u32_of(t.1))),
            ),
            None => (number, total, (number, total)),
        };
        listed.push(Listed {
            number,
            total,
            last,
            resets: f.number_resets,
            date: f
                .issue
                .date
                .as_ref()
                .and_then(|d| d.get_ref().date)
                .map(|d| (i32::from(d.year), d.month, d.day)),
            supplement: f.issue.supplement,
            bulletin: f.bulletin.title.get_ref().trim().to_owned(),
            path,
        });
    }
    // Each bulletin's regular issues, then its supplements (增刊第N期): each a series of
    // its own (a folder holding 信息专报 and 党建工作简报 compared their numbers).
    let mut series: Vec<((String, bool), Vec<Listed>)> = Vec::new();
    for l in listed {
        let key = (l.bulletin.clone(), l.supplement);
        match series.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push(l),
            None => series.push((key, vec![l])),
        }
    }
    series.sort_by_key(|((_, supplement), _)| *supplement);
    let mut breaks = Vec::new();
    let mut listed = Vec::new();
    for (_, mut issues) in series {
        breaks.extend(breaks_in(&mut issues));
        listed.extend(issues);
    }
    Ok(Continuity {
        listed,
        breaks,
        unread,
    })
}

/// What [`continuity`] found in a folder of issues.
pub struct Continuity {
    /// The issues read, in the order of their series.
    pub listed: Vec<Listed>,
    /// The breaks in their series.
    pub breaks: Vec<Break>,
    /// The errors of the issue files that could not be read (left out of the series).
    pub unread: Vec<crate::Error>,
}

/// The breaks of one series, its issues put in order: of the cumulative numbers when
/// every issue has one (so that a date that goes back shows), else of the dates.
fn breaks_in(listed: &mut [Listed]) -> Vec<Break> {
    // In the order of the cumulative number; without one, of the year and the number
    // in it (a 大会简报 counts its issues, several a day: a misdated 第5期 is a date
    // out of order, not a skip and a number going back).
    if listed.iter().all(|l| l.total.is_some()) {
        listed.sort_by_key(|l| (l.total, l.date, l.number));
    } else {
        listed.sort_by_key(|l| (l.date.map(|d| d.0), l.number, l.date));
    }
    let mut breaks = Vec::new();
    for pair in listed.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let year_changed = matches!((a.date, b.date), (Some(x), Some(y)) if x.0 != y.0);
        let problem = match (a.last.0, b.number) {
            // In a new year the number is 1 again where the series says so, and goes on
            // where it does not (both were taken, QA17 L 04).
            (Some(_), Some(y)) if year_changed && b.resets == NumberResets::Yearly => {
                (y != 1).then(|| format!(
                    "number {y} opens a new year: the series numbers within the year (number_resets = \"yearly\"), so it is 1 / 系列按年度编号，新年第一期应为第1期"
                ))
            }
            (Some(x), Some(1)) if year_changed && x > 1 => Some(format!(
                "number 1 follows {x} in a new year: the series says its numbers go on; if it numbers within the year, write number_resets = \"yearly\" at the top of its series file / 期号跨年从1开始，但系列未设按年度编号：如按年度编号，请在系列文件开头写 number_resets = \"yearly\""
            )),
            (Some(x), Some(y)) if y == x => Some(format!(
                "number {y} again (also {}) / 期号重复",
                a.path.display()
            )),
            (Some(x), Some(y)) if y > x + 1 => {
                let skipped = |sep| ((x + 1)..y).map(|n| n.to_string()).collect::<Vec<_>>().join(sep);
                Some(format!(
                    "number {y} follows {x}: {} skipped / 期号不连续，缺第 {} 期",
                    skipped(", "),
                    skipped("、")
                ))
            }
            (Some(x), Some(y)) if y < x => {
                Some(format!("number {y} follows {x}: it goes back / 期号倒退"))
            }
            _ => None,
        };
        if let Some(problem) = problem {
            breaks.push(Break {
                path: b.path.clone(),
                problem,
            });
        }
        if let (Some(x), Some(y)) = (a.last.1, b.total)
            && y != x + 1
        {
            breaks.push(Break {
                path: b.path.clone(),
                problem: format!(
                    "total {y} follows total {x}: it should be {} / 总期号不连续，应为 {}",
                    x + 1,
                    x + 1
                ),
            });
        }
        if let (Some(x), Some(y)) = (a.date, b.date)
            && y < x
        {
            breaks.push(Break {
                path: b.path.clone(),
                problem: format!(
                    "dated {}-{:02}-{:02}, before the issue before it ({}-{:02}-{:02}) / 日期早于上一期",
                    y.0, y.1, y.2, x.0, x.1, x.2
                ),
            });
        }
    }
    breaks
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The header's first line that holds the number moves on, its total too; a later
    /// line, the editor's note of the bulletin's history, stays (QA12 C 15).
    #[test]
    fn the_headers_title_line_moves_on_and_the_editors_notes_stay() {
        let text = "# 政协工作简报 2026年第3期（总第58期）\n# 本刊自2025年第3期起改版。\n[issue]\nnumber = 3\n# 第3期\n";
        assert_eq!(
            moved_header(text, Some((3, 4)), Some((58, 59)), None),
            "# 政协工作简报 2026年第4期（总第59期）\n# 本刊自2025年第3期起改版。\n[issue]\nnumber = 3\n# 第3期\n"
        );
        // The total's 第 is not the number's (第58期 with number 58).
        assert_eq!(
            moved_header(
                "# 第58期（总第58期）\n",
                Some((58, 59)),
                Some((58, 59)),
                None
            ),
            "# 第59期（总第59期）\n"
        );
        // In Chinese numerals, as the masthead prints them (QA14 F 05).
        assert_eq!(
            moved_header(
                "# 政协工作简报 第5期（总第五百九十九期）\n",
                Some((5, 6)),
                Some((599, 600)),
                None
            ),
            "# 政协工作简报 第6期（总第六百期）\n"
        );
        assert_eq!(
            moved_header(
                "# 第五期（总第五百九十九期）\n",
                Some((5, 6)),
                Some((599, 600)),
                None
            ),
            "# 第六期（总第六百期）\n"
        );
    }

    /// Labels as offices write them: the issue's number moves, the year moves with the
    /// date (only the year that is the old date's), the 总第 with the total; a year in
    /// Chinese numerals is written digit by digit. (The year was taken for the number:
    /// 2026年第9期 → 2027年第9期, 二〇二六年第九期 → 七年第九期.)
    #[test]
    fn a_label_moves_its_number_its_year_and_its_total() {
        let moves = |year: Option<(i32, i32)>, total: Option<u32>, reset: bool| LabelMoves {
            next: move |n: u64| if reset { 1 } else { n + 1 },
            year,
            total,
            month: None,
        };
        let same_year = moves(None, Some(128), false);
        for (label, want) in [
            ("〔第三期〕", "〔第四期〕"),
            ("第09期", "第10期"),
            ("2026年第9期", "2026年第10期"),
            ("〔2026〕第9期", "〔2026〕第10期"),
            ("2026年第9期（总第127期）", "2026年第10期（总第128期）"),
            ("二〇二六年第九期", "二〇二六年第十期"),
            ("第9期（总第一百二十七期）", "第10期（总第一百二十八期）"),
            ("第9期 2026年11月", "第10期 2026年11月"),
        ] {
            assert_eq!(
                next_label(label, &same_year).as_deref(),
                Some(want),
                "{label}"
            );
        }
        let new_year = moves(Some((2026, 2027)), None, true);
        assert_eq!(
            next_label("2026年第24期", &new_year).as_deref(),
            Some("2027年第1期")
        );
        assert_eq!(
            next_label("二〇二六年第二十四期", &new_year).as_deref(),
            Some("二〇二七年第一期")
        );
        assert_eq!(next_label("本期增发", &same_year), None);
        // A month before the number is the new date's (the month was taken for the
        // number: 2026年3月 第3期 → 2026年4月 第3期); 第2026期 is a running number.
        let april = LabelMoves {
            next: |n: u64| n + 1,
            year: None,
            total: None,
            month: Some(4),
        };
        assert_eq!(
            next_label("2026年3月 第3期", &april).as_deref(),
            Some("2026年4月 第4期")
        );
        assert_eq!(
            next_label("第3期 2026年3月", &april).as_deref(),
            Some("第4期 2026年4月")
        );
        assert_eq!(
            next_label("第2026期", &same_year).as_deref(),
            Some("第2027期")
        );
        assert_eq!(label_number("2026年3月 第3期"), Some(3));
        // A school year is a span of years: kept (it became 2025—2027学年).
        assert_eq!(
            next_label("2025—2026学年第9期", &new_year).as_deref(),
            Some("2025—2026学年第1期")
        );
        // The number a folder's continuity reads: the issue's, not the year.
        assert_eq!(label_number("2026年第9期（总第127期）"), Some(9));
        assert_eq!(label_number("二〇二六年第九期"), Some(9));
        assert_eq!(label_number("〔第三期〕"), Some(3));
    }

    #[test]
    fn next_dir_moves_the_number_and_the_year() {
        let issue = Path::new("/x/issues/lianluo-dongtai-2018-19/issue.toml");
        assert_eq!(
            default_next_dir(issue, (Some(19), Some(2018)), (Some(20), 2018)),
            Path::new("/x/issues/lianluo-dongtai-2018-20")
        );
        assert_eq!(
            default_next_dir(issue, (Some(19), Some(2018)), (Some(1), 2019)),
            Path::new("/x/issues/lianluo-dongtai-2019-01")
        );
        // A folder named in Chinese, or with other marks between its figures (QA17 L 10);
        // a number of two figures keeps its width in a new year (QA17 L 03).
        for (old_name, old, new, want) in [
            ("第11期", (Some(11), Some(2026)), (Some(12), 2026), "第12期"),
            (
                "2026年第11期",
                (Some(11), Some(2026)),
                (Some(12), 2026),
                "2026年第12期",
            ),
            (
                "2026年 第12期",
                (Some(12), Some(2026)),
                (Some(1), 2027),
                "2027年 第1期",
            ),
            (
                "2026_11",
                (Some(11), Some(2026)),
                (Some(12), 2026),
                "2026_12",
            ),
            (
                "2026-12",
                (Some(12), Some(2026)),
                (Some(1), 2027),
                "2027-01",
            ),
            ("2026-9", (Some(9), Some(2026)), (Some(10), 2026), "2026-10"),
        ] {
            assert_eq!(
                default_next_dir(
                    &Path::new("/x/s").join(old_name).join("issue.toml"),
                    old,
                    new
                ),
                Path::new("/x/s").join(want),
                "{old_name}"
            );
        }
        // Zero-padded numbers keep their width.
        assert_eq!(
            default_next_dir(
                Path::new("/x/廉政简报/2026-01/issue.toml"),
                (Some(1), Some(2026)),
                (Some(2), 2026)
            ),
            Path::new("/x/廉政简报/2026-02")
        );
        assert_eq!(
            default_next_dir(
                Path::new("/x/a/issue.toml"),
                (Some(3), None),
                (Some(4), 2026)
            ),
            Path::new("/x/a-next")
        );
        // Never the issue's own folder (2026-01 holding issue 3, QA12 C 09).
        assert_eq!(
            default_next_dir(
                Path::new("/x/b/2026-01/issue.toml"),
                (Some(3), Some(2026)),
                (Some(4), 2026)
            ),
            Path::new("/x/b/2026-01-next")
        );
    }

    #[test]
    fn dates_are_checked() {
        assert_eq!(parse_date("2018-08-01"), Ok((2018, 8, 1)));
        assert!(parse_date("2018-02-30").is_err());
        assert!(parse_date("2018/08/01").is_err());
    }

    #[test]
    fn a_path_from_a_folder() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("s/20")).unwrap();
        std::fs::write(d.path().join("s/series.toml"), "").unwrap();
        assert_eq!(
            pathdiff(&d.path().join("s/series.toml"), &d.path().join("s/20")),
            "../series.toml"
        );
    }
}
