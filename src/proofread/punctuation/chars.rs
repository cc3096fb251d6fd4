//! Character classes: what is Han, Chinese, a mark a rule may change, a pair.

/// A Han character (CJK unified ideographs, extensions, compatibility ideographs, 〇).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
        || c == '〇'
}

/// Marks a rule may produce or replace, quotes aside. They are skipped when looking
/// for context, so that fixing one mark never changes the decision about another.
pub(super) fn is_mutable(c: char) -> bool {
    matches!(
        c,
        ',' | ';'
            | ':'
            | '?'
            | '!'
            | '('
            | ')'
            | '-'
            | '.'
            | '，'
            | '；'
            | '：'
            | '？'
            | '！'
            | '（'
            | '）'
            | '—'
            | '―'
            | '…'
    )
}

/// Quotes of both widths. The context is looked for twice: once skipping quotes like
/// other marks, once stopping at them (as "not Chinese"); see `chinese_context`.
pub(super) fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’')
}

/// A half-width space: space, tab, no-break space.
pub(super) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}')
}

/// Chinese text: Han, CJK punctuation, full-width forms.
/// Quotes are not: see `chinese_context`.
pub(super) fn is_chinese(c: char) -> bool {
    !is_quote(c)
        && (is_han(c)
            || matches!(c as u32, 0x3000..=0x303F | 0xFE10..=0xFE1F | 0xFE30..=0xFE4F | 0xFF01..=0xFF65)
            || matches!(c, '—' | '…' | '·'))
}

/// Full-width punctuation after which (or before which) a half-width space is stray,
/// whatever is on the other side. Quotes and dashes are not in it: `“ hello”` is Latin.
pub(super) fn is_fw_strict(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '（'
            | '）'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '【'
            | '】'
            | '〔'
            | '〕'
            | '「'
            | '」'
            | '『'
            | '』'
    )
}

/// Any full-width punctuation.
pub(super) fn is_fw_punct(c: char) -> bool {
    is_fw_strict(c)
        || matches!(c as u32, 0x3001..=0x303F | 0xFE10..=0xFE1F | 0xFE30..=0xFE4F)
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '―' | '…' | '·')
        || (matches!(c as u32, 0xFF01..=0xFF65) && !c.is_alphanumeric())
}

pub(super) fn dash_class(c: char) -> bool {
    matches!(c, '-' | '—' | '―')
}

pub(super) fn dot_class(c: char) -> bool {
    matches!(c, '.' | '…')
}

pub(super) fn closing_of(open: char) -> Option<char> {
    Some(match open {
        '“' => '”',
        '‘' => '’',
        '（' | '(' => '）',
        '《' => '》',
        '【' => '】',
        '〔' => '〕',
        '「' => '」',
        '『' => '』',
        '〈' => '〉',
        _ => return None,
    })
}

pub(super) fn opening_of(close: char) -> Option<char> {
    Some(match close {
        '”' => '“',
        '’' => '‘',
        '）' | ')' => '（',
        '》' => '《',
        '】' => '【',
        '〕' => '〔',
        '」' => '「',
        '』' => '『',
        '〉' => '〈',
        _ => return None,
    })
}

pub(super) fn norm_open(c: char) -> char {
    if c == '(' { '（' } else { c }
}

pub(super) fn is_email_local(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}
