//! Protected spans: URLs, e-mail addresses, Markdown code and link targets, which
//! no rule touches.

use std::ops::Range;

use super::Scanner;
use crate::proofread::punctuation::Kind;
use crate::proofread::punctuation::chars::*;

impl Scanner {
    // ── protected spans ──

    pub(super) fn protect(&mut self, text: &str) {
        // The tabs between the cells of a table pasted into a `.txt`.
        if self.opts.line_paragraphs && !self.opts.markdown {
            for line in crate::input::article::tab_tables(text)
                .into_iter()
                .flatten()
            {
                let from = self.off.partition_point(|&o| o < line.start);
                let to = self.off.partition_point(|&o| o < line.end);
                for k in from..to {
                    if self.cs[k] == '\t' {
                        self.protected[k] = true;
                    }
                }
            }
        }
        // A Markdown file's front matter (title: …) is not text: it does not print.
        if self.opts.markdown
            && let Some((span, _)) = crate::input::article::front_matter_span(text)
        {
            let from = self.off.partition_point(|&o| o < span.start);
            let to = self.off.partition_point(|&o| o < span.end);
            for k in from..to {
                self.protected[k] = true;
            }
        }
        let n = self.n();
        // An HTML entity pasted from a web page into a .txt (&nbsp; &amp;) is the one
        // character the build prints for it: its ; is not a semicolon.
        if !self.opts.markdown {
            for i in 0..n {
                if self.cs[i] != '&' || self.protected[i] {
                    continue;
                }
                let rest: String = self.cs[i..n.min(i + 13)].iter().collect();
                let before = i.checked_sub(1).map(|k| self.cs[k]);
                if let Some((len, with)) =
                    crate::input::text_input::entity_replacement(before, &rest)
                {
                    let end = i + rest[..len].chars().count();
                    self.mark(i..end);
                    self.found.push((i..end, Kind::HtmlEntity, Some(with)));
                }
            }
        }
        // A program's call typed in the text (在命令行输入print("你好, 世界")): a name
        // of ASCII letters right before ( and straight quotes inside, on one line. Its
        // marks made Chinese, it no longer ran (QA12 B 06).
        for i in 0..n {
            if self.cs[i] != '(' || i == 0 || !self.cs[i - 1].is_ascii_alphabetic() {
                continue;
            }
            let Some(close) = (i + 1..n)
                .take_while(|&k| self.cs[k] != '\n')
                .find(|&k| self.cs[k] == ')')
            else {
                continue;
            };
            if self.cs[i + 1..close]
                .iter()
                .any(|c| matches!(c, '"' | '\''))
            {
                let mut start = i;
                while start > 0
                    && (self.cs[start - 1].is_ascii_alphanumeric()
                        || matches!(self.cs[start - 1], '_' | '.'))
                {
                    start -= 1;
                }
                self.mark(start..close + 1);
            }
        }
        let mut i = 0;
        while i < n {
            // URLs: scheme:// or www.
            if self.starts_with(i, "://") && i > 0 && self.cs[i - 1].is_ascii_alphabetic() {
                let mut start = i;
                while start > 0 && self.cs[start - 1].is_ascii_alphanumeric() {
                    start -= 1;
                }
                let end = self.url_end(i + 3);
                self.mark(start..end);
                i = end.max(i + 1);
                continue;
            }
            if (i == 0 || !self.cs[i - 1].is_ascii_alphanumeric())
                && self.starts_with_ignore_case(i, "www.")
            {
                let end = self.url_end(i + 4);
                self.mark(i..end);
                i = end.max(i + 1);
                continue;
            }
            if self.cs[i] == '@' {
                let mut start = i;
                while start > 0 && is_email_local(self.cs[start - 1]) {
                    start -= 1;
                }
                let mut end = i + 1;
                while end < n
                    && (self.cs[end].is_ascii_alphanumeric() || matches!(self.cs[end], '.' | '-'))
                {
                    end += 1;
                }
                while end > i + 1 && matches!(self.cs[end - 1], '.' | '-') {
                    end -= 1;
                }
                let domain: String = self.cs[i + 1..end].iter().collect();
                if start < i && domain.contains('.') {
                    self.mark(start..end);
                    i = end;
                    continue;
                }
            }
            i += 1;
        }
        if self.opts.markdown {
            self.protect_markdown();
        }
    }

    fn url_end(&self, from: usize) -> usize {
        let n = self.n();
        let url_char = |c: char| c.is_ascii_graphic() && !matches!(c, '"' | '<' | '>' | '`');
        let mut end = from;
        while end < n && url_char(self.cs[end]) {
            end += 1;
        }
        // An address with Chinese in it (www.江岭.中国/jczl/2026.html, …/通知/2026年1-10月.pdf,
        // as government sites write them: --fix made the host's dot a 。 and 1-10 a
        // 1—10, QA12 B 02): it goes on over Chinese characters as far as its last / or .
        // with letters or figures after it, before a space or a full-width mark. Not
        // over Chinese with none (登录https://a.b/c查询: the text goes on there).
        while end < n && is_han(self.cs[end]) {
            let run = (end..n)
                .take_while(|&k| is_han(self.cs[k]) || url_char(self.cs[k]))
                .count();
            let Some(last) = (end..end + run).rev().find(|&k| {
                matches!(self.cs[k], '/' | '.')
                    && self
                        .cs
                        .get(k + 1)
                        .is_some_and(|c| c.is_ascii_alphanumeric())
            }) else {
                break;
            };
            end = last + 1;
            while end < n && url_char(self.cs[end]) {
                end += 1;
            }
        }
        // Trailing sentence punctuation is not part of the URL; `)` only when unbalanced.
        loop {
            if end <= from {
                break;
            }
            let c = self.cs[end - 1];
            if matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | '_') {
                end -= 1;
            } else if c == ')' {
                let opens = self.cs[from..end].iter().filter(|&&c| c == '(').count();
                let closes = self.cs[from..end].iter().filter(|&&c| c == ')').count();
                if closes > opens {
                    end -= 1;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        end
    }

    pub(super) fn starts_with(&self, i: usize, s: &str) -> bool {
        (i..)
            .zip(s.chars())
            .all(|(k, c)| self.cs.get(k) == Some(&c))
    }

    fn starts_with_ignore_case(&self, i: usize, s: &str) -> bool {
        (i..)
            .zip(s.chars())
            .all(|(k, c)| self.cs.get(k).is_some_and(|d| d.eq_ignore_ascii_case(&c)))
    }

    /// The end of an HTML tag opening at `k` (`<b>`, `</span>`, `<br/>`,
    /// `<img src="…">`) on one line: an ASCII letter after `<` or `</`.
    fn html_tag_end(&self, k: usize) -> Option<usize> {
        let mut j = k + 1;
        if self.cs.get(j) == Some(&'/') {
            j += 1;
        }
        if !self.cs.get(j)?.is_ascii_alphabetic() {
            return None;
        }
        while j < self.n() && self.cs[j].is_ascii_alphanumeric() {
            j += 1;
        }
        if !matches!(self.cs.get(j)?, '>' | '/' | ' ' | '\t') {
            return None;
        }
        (j..self.n())
            .take_while(|&e| self.cs[e] != '\n' && self.cs[e] != '<')
            .find(|&e| self.cs[e] == '>')
            .map(|e| e + 1)
    }

    fn mark(&mut self, r: Range<usize>) {
        for k in r {
            self.protected[k] = true;
        }
    }

    /// Markdown: fenced and indented-by-fence code, code spans, link and image
    /// targets `](…)`, autolinks `<…>`, and the `!` of an image `![`.
    fn protect_markdown(&mut self) {
        let n = self.n();
        // Fenced code blocks, line by line.
        let mut line_start = 0;
        let mut fence: Option<(char, usize)> = None;
        while line_start < n {
            let mut line_end = line_start;
            while line_end < n && self.cs[line_end] != '\n' {
                line_end += 1;
            }
            let first = (line_start..line_end).find(|&k| !is_space(self.cs[k]));
            let marker = first.and_then(|k| {
                let c = self.cs[k];
                if c != '`' && c != '~' {
                    return None;
                }
                let len = (k..line_end).take_while(|&j| self.cs[j] == c).count();
                (len >= 3 && k - line_start < 4).then_some((c, len))
            });
            match (fence, marker) {
                (None, Some(m)) => {
                    fence = Some(m);
                    self.mark(line_start..line_end);
                }
                (Some((c, len)), Some((c2, len2))) if c == c2 && len2 >= len => {
                    fence = None;
                    self.mark(line_start..line_end);
                }
                (Some(_), _) => self.mark(line_start..line_end),
                // A link reference definition (`[1]: https://… "通知"`): its title's
                // quotes curled, it was no longer one, and printed as text.
                (None, None)
                    if first.is_some_and(|k| {
                        k - line_start < 4
                            && self.cs[k] == '['
                            && self.cs.get(k + 1) != Some(&'^')
                            && (k..line_end)
                                .any(|j| self.cs[j] == ']' && self.cs.get(j + 1) == Some(&':'))
                    }) =>
                {
                    self.mark(line_start..line_end);
                }
                (None, None) => {
                    // A block marker (list item, heading, quote) and the spaces after
                    // it are structure, not text.
                    if let Some(k) = first {
                        let len = self.md_marker_len(k, line_end);
                        if len > 0 {
                            let mut end = k + len;
                            while end < line_end && is_space(self.cs[end]) {
                                end += 1;
                            }
                            self.mark(k..end);
                        }
                    }
                }
            }
            line_start = line_end + 1;
        }
        // Code spans, link targets, autolinks, images (outside code blocks).
        let mut i = 0;
        while i < n {
            if self.protected[i] {
                i += 1;
                continue;
            }
            match self.cs[i] {
                // An HTML entity (&amp; &nbsp; &#8212;) is one character written so: its
                // ; is not a semicolon (--fix made &amp; into &amp；, printed as such).
                '&' => {
                    let body = (i + 1..n)
                        .take_while(|&j| self.cs[j].is_ascii_alphanumeric() || self.cs[j] == '#')
                        .count();
                    let end = i + 1 + body;
                    if (2..=10).contains(&body) && end < n && self.cs[end] == ';' {
                        self.mark(i..end + 1);
                        i = end + 1;
                    } else {
                        i += 1;
                    }
                }
                '`' => {
                    let len = (i..n).take_while(|&j| self.cs[j] == '`').count();
                    let mut j = i + len;
                    let mut closed = None;
                    while j < n {
                        if self.cs[j] == '`' {
                            let l2 = (j..n).take_while(|&k| self.cs[k] == '`').count();
                            if l2 == len {
                                closed = Some(j + l2);
                                break;
                            }
                            j += l2;
                        } else {
                            j += 1;
                        }
                    }
                    match closed {
                        Some(end) => {
                            self.mark(i..end);
                            i = end;
                        }
                        None => i += len,
                    }
                }
                ']' if i + 1 < n && self.cs[i + 1] == '(' => {
                    let mut depth = 0usize;
                    let mut j = i + 1;
                    let mut end = None;
                    while j < n && self.cs[j] != '\n' {
                        match self.cs[j] {
                            '(' => depth += 1,
                            ')' => {
                                depth -= 1;
                                if depth == 0 {
                                    end = Some(j + 1);
                                    break;
                                }
                            }
                            _ => {}
                        }
                        j += 1;
                    }
                    match end {
                        Some(end) => {
                            // The brackets around the link text are syntax too.
                            let mut depth = 0usize;
                            for k in (0..i).rev() {
                                match self.cs[k] {
                                    '\n' => break,
                                    ']' if !self.protected[k] => depth += 1,
                                    '[' if !self.protected[k] && depth > 0 => depth -= 1,
                                    '[' if !self.protected[k] => {
                                        self.protected[k] = true;
                                        break;
                                    }
                                    _ => {}
                                }
                            }
                            self.mark(i..end);
                            i = end;
                        }
                        None => i += 1,
                    }
                }
                // A footnote: [^1] in the text, `[^1]: ` opening its note.
                '[' if i + 1 < n && self.cs[i + 1] == '^' => {
                    let close = (i + 2..n)
                        .take_while(|&k| self.cs[k] != '\n')
                        .find(|&k| self.cs[k] == ']');
                    match close {
                        Some(c) => {
                            let mut end = c + 1;
                            if end < n && self.cs[end] == ':' {
                                end += 1;
                                while end < n && is_space(self.cs[end]) {
                                    end += 1;
                                }
                            }
                            self.mark(i..end);
                            i = end;
                        }
                        None => i += 1,
                    }
                }
                // An HTML comment (an editor's hidden note, over lines too) and an
                // HTML tag are not printed: fixing their `!`, `--` or quotes would
                // turn them into text that prints.
                '<' if self.starts_with(i, "<!--") => {
                    let end = (i + 4..n)
                        .find(|&k| self.starts_with(k, "-->"))
                        .map_or(n, |k| k + 3);
                    self.mark(i..end);
                    i = end;
                }
                '<' if self.html_tag_end(i).is_some() => {
                    let end = self.html_tag_end(i).unwrap_or(i + 1);
                    self.mark(i..end);
                    i = end;
                }
                '<' => {
                    let mut j = i + 1;
                    while j < n && !matches!(self.cs[j], '>' | '<' | ' ' | '\n') {
                        j += 1;
                    }
                    let inner: String = self.cs[i + 1..j].iter().collect();
                    if j < n && self.cs[j] == '>' && (inner.contains(':') || inner.contains('@')) {
                        self.mark(i..j + 1);
                        i = j + 1;
                    } else {
                        i += 1;
                    }
                }
                '!' if i + 1 < n && self.cs[i + 1] == '[' => {
                    self.protected[i] = true;
                    i += 1;
                }
                _ => i += 1,
            }
        }
    }
}
