//! Chinese numerals and dates as bulletins print them: 总第五百六十三期, 2018年7月4日.

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const UNITS: [char; 4] = ['\0', '十', '百', '千'];
const BIG_UNITS: [&str; 4] = ["", "万", "亿", "万亿"];

/// Reads a number written in Chinese numerals below 10,000 (三, 十二, 二十, 一百零五,
/// 两百), the inverse of [`chinese_number`] there; none for anything else.
pub(crate) fn parse_chinese_number(s: &str) -> Option<u64> {
    let mut total = 0u64;
    let mut digit: Option<u64> = None;
    for c in s.chars() {
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '两' => {
                digit = Some(2);
                continue;
            }
            '〇' => {
                digit = Some(0);
                continue;
            }
            c => {
                digit = Some(DIGITS.iter().position(|&d| d == c)? as u64);
                continue;
            }
        };
        // 十二: a unit with no digit before it counts one of it.
        total += digit.take().unwrap_or(1) * unit;
    }
    let n = total + digit.unwrap_or(0);
    (!s.is_empty() && n < 10_000).then_some(n)
}

/// Writes a non-negative integer in Chinese numerals the way an issue count is read:
/// 10 → 十, 11 → 十一, 20 → 二十, 101 → 一百零一, 110 → 一百一十, 10086 → 一万零八十六.
pub(crate) fn chinese_number(n: u64) -> String {
    if n == 0 {
        return "零".into();
    }
    // Split into groups of four digits, least significant first.
    let mut groups = Vec::new();
    let mut rest = n;
    while rest > 0 {
        groups.push((rest % 10_000) as u16);
        rest /= 10_000;
    }
    let mut out = String::new();
    let mut pending_zero = false;
    for (i, &g) in groups.iter().enumerate().rev() {
        if g == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if !out.is_empty() && (pending_zero || g < 1000) {
            out.push('零');
        }
        pending_zero = false;
        out.push_str(&group(g));
        out.push_str(BIG_UNITS[i.min(BIG_UNITS.len() - 1)]);
    }
    // 一十X at the very start reads as 十X.
    if let Some(stripped) = out.strip_prefix("一十") {
        out = format!("十{stripped}");
    }
    out
}

/// Four digits (1..=9999) with 千百十 units and inner zeros collapsed.
fn group(g: u16) -> String {
    let digits = [g / 1000, g / 100 % 10, g / 10 % 10, g % 10];
    let mut out = String::new();
    let mut zero = false;
    for (pos, &d) in digits.iter().enumerate() {
        let unit = UNITS[3 - pos];
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        out.push(DIGITS[d as usize]);
        if unit != '\0' {
            out.push(unit);
        }
    }
    out
}

/// A date written as 2018年7月4日 (Arabic digits, no leading zeros, as GB/T 9704 asks).
pub(crate) fn chinese_date(year: i32, month: u8, day: u8) -> String {
    format!("{year}年{month}月{day}日")
}

/// A date in Chinese numerals, as on documents: 二〇一八年七月四日, 一九七八年十月一日
/// (the year digit by digit with 〇 for zero; month and day as numbers).
pub(crate) fn chinese_numeral_date(year: i32, month: u8, day: u8) -> String {
    format!(
        "{}{}日",
        chinese_numeral_month(year, month),
        chinese_number(u64::from(day))
    )
}

/// A month in Arabic numerals, a monthly bulletin's date: 2018年7月.
pub(crate) fn chinese_month(year: i32, month: u8) -> String {
    format!("{year}年{month}月")
}

/// A month in Chinese numerals: 二〇一八年七月.
pub(crate) fn chinese_numeral_month(year: i32, month: u8) -> String {
    format!(
        "{}年{}月",
        chinese_year(u64::from(year.unsigned_abs())),
        chinese_number(u64::from(month))
    )
}

/// The figures of a year, as a year is written in Chinese numerals: digit by digit,
/// 〇 for zero (2018 → 二〇一八).
const YEAR_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// A year in Chinese numerals: 二〇一八.
pub(crate) fn chinese_year(year: u64) -> String {
    year.to_string()
        .chars()
        .filter_map(|c| c.to_digit(10).map(|d| YEAR_DIGITS[d as usize]))
        .collect()
}

/// Reads a year written digit by digit in Chinese numerals (二〇二六), the inverse of
/// [`chinese_year`]; none for anything else.
pub(crate) fn parse_chinese_year(s: &str) -> Option<u64> {
    s.chars().try_fold(0u64, |n, c| {
        let d = YEAR_DIGITS.iter().position(|&y| y == c)?;
        Some(n * 10 + d as u64)
    })
}

#[cfg(test)]
mod tests {
    use super::chinese_number as n;

    #[test]
    fn small_numbers() {
        assert_eq!(n(0), "零");
        assert_eq!(n(1), "一");
        assert_eq!(n(9), "九");
        assert_eq!(n(10), "十");
        assert_eq!(n(11), "十一");
        assert_eq!(n(19), "十九");
        assert_eq!(n(20), "二十");
        assert_eq!(n(21), "二十一");
        assert_eq!(n(99), "九十九");
    }

    #[test]
    fn hundreds_and_zeros() {
        assert_eq!(n(100), "一百");
        assert_eq!(n(101), "一百零一");
        assert_eq!(n(110), "一百一十");
        assert_eq!(n(111), "一百一十一");
        assert_eq!(n(563), "五百六十三");
        assert_eq!(n(1000), "一千");
        assert_eq!(n(1001), "一千零一");
        assert_eq!(n(1010), "一千零一十");
        assert_eq!(n(1100), "一千一百");
        assert_eq!(n(2018), "二千零一十八");
    }

    #[test]
    fn ten_thousands_and_beyond() {
        assert_eq!(n(10000), "一万");
        assert_eq!(n(10001), "一万零一");
        assert_eq!(n(10010), "一万零一十");
        assert_eq!(n(10086), "一万零八十六");
        assert_eq!(n(10100), "一万零一百");
        assert_eq!(n(11000), "一万一千");
        assert_eq!(n(100000), "十万");
        assert_eq!(n(100010), "十万零一十");
        assert_eq!(n(1000000), "一百万");
        assert_eq!(n(100000000), "一亿");
        assert_eq!(n(100000001), "一亿零一");
        assert_eq!(n(120003400), "一亿二千万三千四百");
    }

    #[test]
    fn dates() {
        assert_eq!(super::chinese_date(2018, 7, 4), "2018年7月4日");
        assert_eq!(super::chinese_date(2026, 11, 24), "2026年11月24日");
    }

    #[test]
    fn dates_in_chinese_numerals() {
        assert_eq!(
            super::chinese_numeral_date(2018, 7, 4),
            "二〇一八年七月四日"
        );
        assert_eq!(
            super::chinese_numeral_date(1978, 10, 1),
            "一九七八年十月一日"
        );
        assert_eq!(
            super::chinese_numeral_date(1957, 7, 30),
            "一九五七年七月三十日"
        );
        assert_eq!(
            super::chinese_numeral_date(2000, 12, 21),
            "二〇〇〇年十二月二十一日"
        );
    }

    #[test]
    fn chinese_numbers_read_back() {
        use super::parse_chinese_number as p;
        for k in 1..10_000u64 {
            assert_eq!(p(&n(k)), Some(k), "{k}");
        }
        assert_eq!(p("两百"), Some(200));
        assert_eq!(p("第三"), None);
        assert_eq!(p(""), None);
    }
}
