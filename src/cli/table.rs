//! The one table printer of the CLI: `check`, `compare`, `fonts` and `preflight` print
//! their findings through it.

use unicode_width::UnicodeWidthStr;

/// A column is padded to its widest cell, but never wider than this: a long context or
/// path runs on instead of pushing every other row to the right.
const MAX_COLUMN: usize = 60;

/// A plain text table, columns padded to their widest cell (CJK counts two columns), two
/// spaces between columns, the last column unpadded.
pub(crate) fn table<const N: usize>(head: [&str; N], rows: &[[String; N]]) -> String {
    let mut widths: [usize; N] = head.map(UnicodeWidthStr::width);
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width()).min(MAX_COLUMN);
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>, out: &mut String| {
        let start = out.len();
        for (i, (cell, w)) in cells.zip(widths).enumerate() {
            out.push_str(cell);
            if i + 1 < N {
                out.extend(std::iter::repeat_n(' ', w.saturating_sub(cell.width()) + 2));
            }
        }
        out.truncate(start + out[start..].trim_end().len());
        out.push('\n');
    };
    let mut out = String::new();
    line(&mut head.into_iter(), &mut out);
    for row in rows {
        line(&mut row.iter().map(String::as_str), &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use unicode_width::UnicodeWidthStr;

    use super::table;

    #[test]
    fn columns_line_up_by_display_width() {
        let rows = [
            ["a.md:1:2".to_string(), "半角逗号".into(), "x".into()],
            ["b.md:10:20".into(), "y".into(), "尾".into()],
        ];
        let t = table(["位置", "problem", "context"], &rows);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines.len(), 3, "{t}");
        // Each line's third cell starts at the same display column: 10 + 2 + 8 + 2.
        let third = |line: &str, cell: &str| line[..line.rfind(cell).unwrap()].width();
        assert_eq!(third(lines[0], "context"), 22, "{t}");
        assert_eq!(third(lines[1], "x"), 22, "{t}");
        assert_eq!(third(lines[2], "尾"), 22, "{t}");
        assert!(lines.iter().all(|l| !l.ends_with(' ')), "{t}");
    }
}
