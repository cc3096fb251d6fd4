//! Where a display line (a title) may break: between words, found with ICU's
//! dictionary for Chinese, so that a title never breaks inside a word (GB/T 9704 7.3.1:
//! 回行时要做到词意完整).

use std::sync::LazyLock;

use icu_segmenter::options::WordBreakInvariantOptions;
use icu_segmenter::{WordSegmenter, WordSegmenterBorrowed};
use serde::Serialize;

/// Words of bulletins that the dictionary splits (年上|半年, 一季|度, 联系|点).
const TERMS: &[&str] = &[
    "上半年",
    "下半年",
    "一季度",
    "二季度",
    "三季度",
    "四季度",
    // A school's terms and the seasons (2026年春 / 季学期, QA16 I 02).
    "春季",
    "夏季",
    "秋季",
    "冬季",
    "学期",
    "全县",
    "全市",
    "全省",
    "全区",
    "全镇",
    "全乡",
    "全国",
    "联系点",
    "联络站",
    "联络点",
    "调研",
    "一等奖",
    "二等奖",
    "三等奖",
    "座谈会",
    "推进会",
    "分析会",
    "动员会",
    "部署会",
    "现场会",
    "培训班",
    "纪检监察",
    // Departments' names, which the dictionary splits (农业|农村|局).
    "农业农村",
    "人力资源",
    "社会保障",
    "生态环境",
    "城乡建设",
    "自然资源",
    "市场监管",
    "监督管理",
    "应急管理",
    "退役军人",
    "卫生健康",
    "文化旅游",
    "交通运输",
    "政务服务",
    "发展改革",
    // Set phrases of the genre (用心|用情).
    "用心用情",
    "走深走实",
    "见行见效",
    "落地落实",
    "提质增效",
    "真抓实干",
    "担当作为",
    "高质量",
    "营商环境",
    "乡村振兴",
    "基层治理",
    "党风廉政",
    "最后一公里",
    // Terms of law, courts and security that the dictionary splits (个人|信息).
    "个人信息",
    "数据安全",
    "网络安全",
    "安全生产",
    "生产安全",
    "知识产权",
    "行政诉讼",
    "人民法院",
    "审判执行",
    "人民检察院",
    "人民政府",
    "人大常委会",
    "常委会",
    // Political terms and meetings that the dictionary splits (八项|规定, 民主|生活|会).
    "八项规定",
    "八项规定精神",
    "中央八项规定精神",
    "党风廉政建设",
    "全面从严治党",
    "以案促改",
    "以案为鉴",
    "纪律检查委员会",
    "监察委员会",
    "纪律处分条例",
    "作风建设",
    "警示教育",
    "违纪违法",
    "形式主义",
    "官僚主义",
    "巡视巡察",
    "政治生态",
    "一岗双责",
    "两个维护",
    "四个意识",
    "四个自信",
    "二十届",
    "一中全会",
    "二中全会",
    "三中全会",
    "四中全会",
    "五中全会",
    "六中全会",
    "七中全会",
    "党纪学习教育",
    "主题教育",
    "民主生活会",
    "组织生活会",
    "意识形态",
    "责任制",
    "主动权",
    "全过程",
    "中国式",
    "新质生产力",
    "生产力",
    "数字化",
    "民生实事",
    "项目",
    "政协",
    // The full names of the bodies (中国人民政 / 治协商会议青山 / 县委员会, QA12 C 16).
    "中国人民政治协商会议",
    "政治协商会议",
    "人民代表大会",
    "中国共产党",
    "委员会",
    "中小学",
    "校长",
    "战略合作",
    "框架协议",
    "食品安全",
    "专项行动",
    "国有企业",
    "基层党组织",
    "党组织",
    "党支部",
    "党委书记",
    "职业健康",
    "专项检查",
    "专项整治",
    "治理",
    "三年行动",
    "攻坚行动",
    "征求意见稿",
    "实验小学",
    "实验中学",
    "达芬奇",
    "百分之",
    "千分之",
    // Institutions' names and what their bulletins are called.
    "人民医院",
    "中医医院",
    "附属医院",
    "院务",
    "校务",
    "政务",
    // Terms of safety, 政协 and schools (trial r23: 危险化学 / 品, 产业 / 链).
    "危险化学品",
    "危化品",
    "有限空间",
    "隐患排查",
    "应急救援",
    "产业链",
    "供应链",
    "创新链",
    "社情民意",
    "提案办理",
    "义务教育",
    "九年一贯制",
    // Terms of the economy the dictionary splits (QA2 10: 消费 / 品以旧换新).
    "消费品",
    "以旧换新",
    "设备更新",
    // The dictionary's 市城 | 市 in every 市城市管理局 (QA2 09's table).
    "城市",
    "大数据",
    // Who a notice goes to, which the dictionary splits (各县区各部 / 门, QA11).
    "各部门",
    "各单位",
    "各县区",
    "各乡镇",
    "各街道",
    "各地区",
    "各级",
    "有关部门",
    "有关单位",
    "市直",
    "县直",
    "绩效考核",
    "考核评价",
    // Terms the balanced title broke (国家自然 / 科学基金, 雨水 / 情, QA17 K 04).
    "国家自然科学基金",
    "国家社会科学基金",
    "自然科学基金",
    "社会科学基金",
    "雨水情",
    "水雨情",
    // Units the dictionary splits (3.2万平 | 方米, QA4).
    "平方米",
    "立方米",
    "平方公里",
];

/// Where a display line may break, in characters from its start, in two tiers: the
/// layout breaks at `words` when it can, and at `inside` too only when the line cannot
/// be set on its lines without them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Breaks {
    /// Between two words outside any quotation or 《title》.
    pub words: Vec<usize>,
    /// Between two words inside a quotation or 《title》 longer than a short one (which
    /// never breaks): 《新工科背景下的课程思政》 is kept on one line when it fits there.
    pub inside: Vec<usize>,
    /// Where the author set two phrases apart with a space (医院推行“责任制整体护理”模式
    /// 让患者感受更贴心的服务): the start of the phrase after it; and where a 破折号
    /// opens a subtitle (……的调查与思考——以青云县为例). A title too long for one line
    /// breaks there first.
    pub spaces: Vec<usize>,
    /// In a table cell (`cell_breaks`): every place between the dictionary's words that
    /// is not inside a number or a Latin word nor at a mark, where a word wider than its
    /// column breaks (县 | 农业 | 农村局 in 县农业农村局, whole where it fits).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<usize>,
}

/// One-character words that make a word of the one before them (协商 | 会, 积极 | 性,
/// 覆盖 | 率, 现代 | 化, 农业农村 | 局, 项目 | 数, 投资 | 额, 综合 | 楼), or close a phrase
/// with it (在新起点 | 上, 工作 | 中: QA3 04 broke 在新起点 / 上实现).
const SUFFIXES: &str = "局厅处科办部委院所站队组会化性率力式制权数额量楼上中";

/// One-character words that open a name or qualify the word after them (市 | 农业农村局,
/// 在新 | 起点上, 各 | 部门).
const PREFIXES: &str = "省市县区乡镇村党新各本每";

/// Conjunctions, which in a table cell go with the word after them (工作单位 | 及职务,
/// not 单位及 | 职务).
const CONJUNCTIONS: &str = "和及与或并暨";

/// A place's one-character word after its name (北京市, 朝阳区, 青云县).
const PLACES: &str = "省市县区乡镇村州旗盟";

/// A quotation or 《title》 of at most this many characters between its marks never
/// breaks; a longer one breaks inside only when it must.
const SHORT_QUOTE: usize = 8;

/// Where `line` may break: between two words, never between two one-character words
/// (a dictionary miss: 全|县), before a closing mark, after an opening one or a dash
/// (—— opens a title's second line, whole), before 的, inside a short quotation or
/// title in “” 《》, inside a number with its unit (2026年) or a Latin word; inside a
/// longer quotation or title only as a last resort (`Breaks::inside`).
pub(crate) fn breaks(line: &str) -> Breaks {
    breaks_of(line, false)
}

/// [`breaks`], for a title or (`cell`) a table cell's text, which has its `parts` too
/// and no line that opens with a dash (10万 / —50万元: a cell's dash is a 连接号; a
/// title's —— may open its subtitle).
fn breaks_of(line: &str, cell: bool) -> Breaks {
    static SEGMENTER: LazyLock<WordSegmenterBorrowed<'static>> =
        LazyLock::new(|| WordSegmenter::new_dictionary(WordBreakInvariantOptions::default()));
    let segmenter = &*SEGMENTER;
    let chars: Vec<char> = line.chars().collect();
    // The words, as character ranges.
    let bytes: Vec<usize> = segmenter.segment_str(line).collect();
    let ends: Vec<usize> = line
        .char_indices()
        .map(|(at, _)| at)
        .chain([line.len()])
        .enumerate()
        .filter(|&(k, at)| k > 0 && bytes.binary_search(&at).is_ok())
        .map(|(k, _)| k)
        .collect();
    let mut closed = vec![false; chars.len() + 1];
    // Inside a longer quotation or title: a break of the second tier.
    let mut quoted = vec![false; chars.len() + 1];
    // Inside a listed term of up to three characters, one word even in a cell's `parts`
    // (城市, 大数据; a longer one is two there: 农业 | 农村).
    let mut short_term = vec![false; chars.len() + 1];
    // Inside listed terms and short quotations or titles.
    for term in TERMS {
        let t: Vec<char> = term.chars().collect();
        for (start, window) in chars.windows(t.len()).enumerate() {
            if window == t {
                closed[start + 1..start + t.len()]
                    .iter_mut()
                    .for_each(|c| *c = true);
                if t.len() <= 3 {
                    short_term[start + 1..start + t.len()]
                        .iter_mut()
                        .for_each(|c| *c = true);
                }
            }
        }
    }
    // A standard's or a product's name stays whole: ISO 45001, GB/T 9704 (a space
    // between a Latin word and a number is part of the name, not a phrase's end); so
    // does a name of Latin words in a Chinese title (德国Siemens / Energy签署, QA3 01).
    // An initial's full stop too (John A. Rogers: it broke as John A. / Rogers, QA17 K 05),
    // and an abbreviated title's before a name (Prof. / Andrew Thompson broke, QA18 N 05).
    for k in 1..chars.len().saturating_sub(1) {
        let initial = k >= 2
            && chars[k - 1] == '.'
            && (chars[k - 2].is_ascii_uppercase()
                || (chars[k - 2].is_ascii_alphabetic() && chars[k + 1].is_ascii_uppercase()));
        if chars[k] == ' '
            && (chars[k - 1].is_ascii_alphanumeric() || initial)
            && chars[k + 1].is_ascii_alphanumeric()
        {
            closed[k] = true;
            closed[k + 1] = true;
        }
    }
    for (open, close) in [('“', '”'), ('《', '》'), ('‘', '’')] {
        let mut from = 0;
        while let Some(a) = chars[from..]
            .iter()
            .position(|&c| c == open)
            .map(|p| p + from)
        {
            let Some(b) = chars[a..].iter().position(|&c| c == close).map(|p| p + a) else {
                break;
            };
            let inner = if b - a <= SHORT_QUOTE + 1 {
                &mut closed
            } else {
                &mut quoted
            };
            inner[a + 1..=b].iter_mut().for_each(|c| *c = true);
            from = b + 1;
        }
    }
    // A dash (——) may open a line, as a title's second part often does.
    let closing = "，。、；：？！）》」』】〕〉”’…·";
    let opening = "（《「『【〔〈“‘";
    let latin = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '%' | '-');
    let mut out = Breaks::default();
    // A cell's word too wide for its column breaks between the dictionary's words
    // inside it still (inside a listed term of four characters or more too), not at a
    // mark nor inside a number or a Latin word, nor before a suffix or the cell's last
    // character alone (市发展改革 / 委).
    if cell {
        out.parts = ends
            .iter()
            .copied()
            .filter(|&end| end > 0 && end + 1 < chars.len() && !short_term[end])
            .filter(|&end| {
                let (before, after) = (chars[end - 1], chars[end]);
                let alone = ends.contains(&(end + 1));
                !((alone && SUFFIXES.contains(after))
                    || closing.contains(after)
                    || opening.contains(before)
                    || (before.is_ascii_digit() && after.is_ascii_digit())
                    || before == '—'
                    || after == '—'
                    || (before == after && before == '…')
                    || (latin(before) && latin(after)))
            })
            .collect();
    }
    // The words with the listed terms and short quotations whole.
    let ends: Vec<usize> = ends
        .into_iter()
        .filter(|&end| end >= chars.len() || !closed[end])
        .collect();
    // Whether the one-character word at `at` is a place's 市, 区, 县 … after its name,
    // the word from `name` (two to four Chinese characters).
    let place_after = |at: usize, name: usize| {
        chars.get(at).is_some_and(|c| PLACES.contains(*c))
            && (2..=4).contains(&(at - name))
            && chars[name..at]
                .iter()
                .all(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
            && !chars[name..at].iter().any(|c| PLACES.contains(*c))
    };
    let mut start = 0;
    let mut prev_start = 0;
    for (w, &end) in ends.iter().enumerate() {
        let next_end = ends.get(w + 1).copied();
        if end == 0 || end >= chars.len() {
            prev_start = start;
            start = end;
            continue;
        }
        let (before, after) = (chars[end - 1], chars[end]);
        let single = end - start == 1 && next_end == Some(end + 1);
        // A place's one character before a name (市 | 农业农村局), a body's after it
        // (农业农村 | 局, 党 | 支部): the name whole. So too a suffix that makes a word
        // of the one before it (协商 | 会, 积极 | 性, 覆盖 | 率, 现代 | 化), and a word
        // of one character that qualifies the next (在新 | 起点上, QA3 04; 各 | 部门).
        let prefix = end - start == 1
            && !place_after(start, prev_start)
            && (PREFIXES.contains(before) || (cell && CONJUNCTIONS.contains(before)));
        // A place's 市, 区, 县 … after its name (北京市朝阳 | 区人民法院 broke a masthead,
        // QA18 N 03): the name whole, and a place to break after it (朝阳区 | 人民法院);
        // at a title's start or after another one-character word it opens a name (市 |
        // 农业农村局, 各县区).
        let place = next_end == Some(end + 1) && place_after(end, start);
        // In a cell, any word of one character goes with the word before it, but one
        // that opens a name or a conjunction: the dictionary's words around one are
        // often not the text's (县政 | 府, 会审 | 议, QA5), and a cell's line is narrow.
        let suffix = next_end == Some(end + 1)
            && (SUFFIXES.contains(after)
                || (cell && !PREFIXES.contains(after) && !CONJUNCTIONS.contains(after)));
        // Nor a one-character word before 的 (推进会上的讲话: not …推进会 / 上的讲话).
        // 党的 opens a phrase instead (贯彻 / 党的二十届三中全会精神).
        let before_de =
            next_end == Some(end + 1) && chars.get(end + 1) == Some(&'的') && after != '党';
        let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
        // An ordinal with what it counts (第一人民医院, 第三党支部, 第四季度).
        let ordinal = chars[start..end].first() == Some(&'第')
            && end - start >= 2
            && chars[start + 1..end]
                .iter()
                .all(|c| "一二三四五六七八九十百零".contains(*c) || c.is_ascii_digit());
        let together = closed[end]
            || (ordinal && han(after))
            // 第 before a number in figures (江岭市第 / 1人民医院 broke a cell, QA13 B 15).
            || (before == '第' && (after.is_ascii_digit() || chinese_numeral(after)))
            || closing.contains(after)
            || opening.contains(before)
            || after == '的'
            || before.is_ascii_digit()
            || (chinese_numeral(before) && chinese_numeral(after))
            || before == '—'
            || (cell && after == '—')
            || (before == after && before == '…')
            || (latin(before) && latin(after))
            || (single && han(before) && han(after))
            || place
            || ((prefix || suffix || before_de) && han(before) && han(after));
        if !together {
            if quoted[end] {
                out.inside.push(end);
            } else {
                out.words.push(end);
            }
        }
        prev_start = start;
        start = end;
    }
    // Phrases set apart by spaces, between Chinese text (not a Latin word's space).
    let han_or_mark = |c: char| ('\u{2E80}'..='\u{9FFF}').contains(&c) || "”》）".contains(c);
    let space = |c: char| c == ' ' || c == '\u{3000}';
    for k in 1..chars.len() {
        if space(chars[k - 1]) && !space(chars[k]) {
            let before = chars[..k].iter().rev().find(|c| !space(**c));
            // After it, Chinese, or a Latin word that runs on into Chinese (稳中有进
            // ESI前1%学科增至9个, QA9); not a Latin word set off by spaces on both
            // sides (使用 AI 技术), a space typed around it alone.
            let latin_into_han = || {
                let run = chars[k..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || "%.+-".contains(**c))
                    .count();
                run > 0 && chars.get(k + run).is_some_and(|&c| han_or_mark(c))
            };
            // After a figure too (增长8.6% 增速连续……: the 本期要目's entry broke
            // elsewhere, QA17 K 06).
            if before.is_some_and(|&c| han_or_mark(c) || c.is_ascii_digit() || "%‰".contains(c))
                && (han_or_mark(chars[k]) || "“《（".contains(chars[k]) || latin_into_han())
            {
                out.spaces.push(k);
            }
        }
        // A 破折号 that opens a subtitle in the title's own line (……的调查与思考——以
        // 青云县为例): the second line starts with it, as a title's subtitle is set
        // (QA2 04 broke 调查 / 与思考——以……).
        if chars[k] == '—'
            && chars.get(k + 1) == Some(&'—')
            && han_or_mark(chars[k - 1])
            && !quoted[k]
            && !closed[k]
        {
            out.spaces.push(k);
        }
    }
    out
}

/// Where a table cell's text may break, in characters from its start: between words
/// (市城市 / 管理局, not 市城市管 / 理局), inside a long 《title》 too (a cell is narrow:
/// 《江岭市城市绿化 / 条例（修订）》), and where a word wider than its column may break
/// (`parts`). None in a cell of a word or two characters, or with no Chinese. The
/// layout keeps a word whole when its column holds it.
pub(crate) fn cell_breaks(cell: &str) -> Breaks {
    if cell.chars().count() <= 2 || !cell.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        return Breaks::default();
    }
    let mut b = breaks_of(cell, true);
    b.words.append(&mut b.inside);
    b.words.sort_unstable();
    b.spaces.clear();
    b
}

/// A digit of a number written in Chinese (百分之九十八, 二〇二六年): a number stays whole.
fn chinese_numeral(c: char) -> bool {
    "〇零一二三四五六七八九十百千万亿两".contains(c)
}

/// Where a list of units (a 报尾's 市应急管理局、市水利局、各县（市、区）防汛抗旱指挥部)
/// may break, in characters: after the 、，； or space between two units, never inside
/// a unit's name nor at a mark inside brackets (各县（市、区）).
pub(crate) fn unit_breaks(list: &str) -> Vec<usize> {
    let between = |c: char| "、，；,; 　".contains(c);
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut after = false;
    for (k, c) in list.chars().enumerate() {
        if depth == 0 && after && !between(c) {
            out.push(k);
        }
        if "（(〔《“【「『〈".contains(c) {
            depth += 1;
        } else if "）)〕》”】」』〉".contains(c) {
            depth = depth.saturating_sub(1);
        }
        after = between(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<String> {
        let cs: Vec<char> = s.chars().collect();
        let mut at = 0;
        let mut out = Vec::new();
        let mut all = breaks(s);
        all.words.append(&mut all.inside);
        all.words.sort_unstable();
        for b in all.words.into_iter().chain([cs.len()]) {
            out.push(cs[at..b].iter().collect());
            at = b;
        }
        out
    }

    #[test]
    fn titles_break_between_words() {
        for (t, words) in [
            (
                "集团公司召开2026年上半年安全生产形势分析会",
                "集团|公司|召开|2026年上半年|安全生产|形势|分析会",
            ),
            (
                "关于老旧小区物业管理“空白”问题的调研报告",
                "关于|老旧|小区|物业|管理|“空白”|问题的|调研|报告",
            ),
            (
                "各县区各部门工作绩效考核评价结果的通报",
                "各县区|各部门|工作|绩效考核评价|结果的|通报",
            ),
            (
                "县纪委监委召开一季度全县纪检监察工作推进会",
                "县纪委监委|召开|一季度|全县|纪检监察|工作|推进会",
            ),
            (
                "区教育体育局召开2026年春季学期开学工作部署会",
                "区教育|体育局|召开|2026年春季|学期|开学|工作|部署会",
            ),
            (
                "荣获2018年度《中国人大》杂志发行工作一等奖",
                "荣获|2018年度|《中国人大》|杂志|发行|工作|一等奖",
            ),
            (
                "在全街道基层治理工作推进会上的讲话（摘要）",
                "在全|街道|基层治理|工作|推进会上的|讲话|（摘要）",
            ),
            // A name of Latin words, a qualifier with the word it qualifies, a phrase's
            // 上 with it (QA3 01, 04: 德国Siemens / Energy, 在新 / 起点上, 在新起点 / 上).
            (
                "海外事业部与德国Siemens Energy签署燃机运维合作备忘录",
                "海外|事业部与|德国|Siemens Energy|签署|燃机运维|合作|备忘录",
            ),
            // An initial's stop inside a Latin name (QA17 K 05); the genre's terms
            // (QA17 K 04).
            (
                "美国国家工程院院士John A. Rogers教授来校作学术报告",
                "美国|国家|工程院|院士|John A. Rogers|教授|来校|作|学术|报告",
            ),
            // An abbreviated title with its name (QA18 N 05); a place with its 市 and
            // 区, a court's work whole (QA18 N 03).
            (
                "剑桥大学副校长Prof. Andrew Thompson一行访问我校",
                "剑桥|大学|副校长|Prof. Andrew Thompson|一行|访问|我校",
            ),
            (
                "北京市朝阳区人民法院审判执行工作动态",
                "北京市|朝阳区|人民法院|审判执行|工作|动态",
            ),
            (
                "我校2026年度国家自然科学基金立项数创历史新高",
                "我校|2026年度|国家自然科学基金|立项数创|历史|新高",
            ),
            ("全市雨水情及江河水位情况", "全市|雨水情|及|江河|水位|情况"),
            (
                "全市县域经济在新起点上实现新跨越",
                "全市|县域|经济|在新起点上|实现|新跨越",
            ),
            // A department's name and a set phrase stay whole.
            (
                "市农业农村局第三党支部用心用情服务群众",
                "市农业农村局|第三党支部|用心用情|服务|群众",
            ),
            // Terms of law and security stay whole (个人|信息 broke a trial's title).
            (
                "金沙区法院审结全市首例个人信息“单独同意”行政诉讼案",
                "金沙区|法院|审结|全市|首例|个人信息|“单独同意”|行政诉讼|案",
            ),
            // Political terms and meetings whole; 党的 opens its phrase.
            (
                "全面学习贯彻党的二十届三中全会精神",
                "全面|学习|贯彻|党的|二十届|三中全会|精神",
            ),
            (
                "县人大常委会组织代表视察民生实事项目推进情况",
                "县人大常委会|组织|代表|视察|民生实事项目|推进|情况",
            ),
            (
                "市政协召开“推动中小企业数字化转型”专题协商会",
                "市政协|召开|“推动|中小企业|数字化|转型”|专题|协商会",
            ),
            (
                "深入贯彻中央八项规定精神持续加固作风建设成果",
                "深入|贯彻|中央八项规定精神|持续|加固|作风建设|成果",
            ),
            // A 纪委's terms whole: the bulletin's own name, the committees' names.
            (
                "关于进一步加强和改进党风廉政建设工作的若干情况报告",
                "关于|进一步|加强|和|改进|党风廉政建设|工作的|若干|情况|报告",
            ),
            (
                "中共江岭市纪律检查委员会江岭市监察委员会",
                "中共|江岭市纪律检查委员会|江岭市监察委员会",
            ),
            // A number in Chinese whole; a suffix with its word.
            (
                "全市农村自来水覆盖率达到百分之九十八",
                "全市|农村|自来水|覆盖率|达到|百分之九十八",
            ),
            // A dash opens the second part.
            (
                "稳中有进——全市经济运行情况调研报告",
                "稳|中有|进|——全市|经济|运行|情况|调研|报告",
            ),
        ] {
            assert_eq!(split(t).join("|"), words, "{t}");
        }
    }

    #[test]
    fn a_standards_name_and_the_genres_terms_stay_whole() {
        let b = breaks("建设ISO 45001职业健康安全管理体系认证");
        let all: Vec<usize> = b.words.iter().chain(&b.inside).copied().collect();
        // 建设ISO 45001: characters 2..11; no break at 5 (before the space) or 6.
        assert!(!all.contains(&5) && !all.contains(&6), "{all:?}");
        let b = breaks("深化新时代国有企业基层党组织建设");
        let all: Vec<usize> = b.words.iter().chain(&b.inside).copied().collect();
        assert!(!all.contains(&7) && !all.contains(&11), "{all:?}");
        // 危险化学 / 品 (r23 F5): no break inside 危险化学品 (characters 9..14).
        let b = breaks(
            "关于全市城镇燃气、危险化学品和工贸行业有限空间作业领域安全隐患排查整治情况的通报",
        );
        let all: Vec<usize> = b.words.iter().chain(&b.inside).copied().collect();
        assert!((10..14).all(|k| !all.contains(&k)), "{all:?}");
        // 消费 / 品以旧换新 (QA2 10): no break inside 消费品 (characters 15..18) or
        // 以旧换新 (18..22).
        let b = breaks("国家《关于推动大规模设备更新和消费品以旧换新的行动方案》要点解读");
        let all: Vec<usize> = b.words.iter().chain(&b.inside).copied().collect();
        assert!((16..18).chain(19..22).all(|k| !all.contains(&k)), "{all:?}");
    }

    #[test]
    fn a_space_between_two_phrases_is_where_a_title_breaks_first() {
        let spaces = |t: &str| breaks(t).spaces;
        assert_eq!(
            spaces("医院推行“责任制整体护理”模式 让患者感受更贴心的服务"),
            [16]
        );
        assert_eq!(spaces("坚持党建引领　激活基层治理“末梢”"), [7]);
        // Before a Latin word that runs on into Chinese (QA9), not one set off by spaces.
        assert_eq!(
            spaces("学校2026年前三季度科研工作稳中有进 ESI前1%学科增至9个"),
            [20]
        );
        assert!(spaces("学校使用 AI 技术提升教学质量").is_empty());
        // After a figure (QA17 K 06).
        assert_eq!(spaces("工业增加值同比增长8.6% 增速连续7个月高于全省"), [14]);
        // A Latin word's space, or none.
        assert!(spaces("我校与University of Cambridge签署MOU").is_empty());
        assert!(spaces("集团公司召开安全生产形势分析会").is_empty());
        // A subtitle's dash opens the second line (QA2 04); not one inside 《》.
        assert_eq!(
            spaces("关于农村集体经济发展的调查与思考——以青云县为例"),
            [16]
        );
        assert!(spaces("学习《稳中求进——经济工作文集》心得").is_empty());
    }

    #[test]
    fn an_ordinal_stays_with_what_it_counts() {
        // A two-line masthead split 江南大学附属第一 / 人民医院院务简报.
        assert_eq!(
            split("江南大学附属第一人民医院院务简报").join("|"),
            "江南|大学|附属|第一人民医院|院务|简报"
        );
        // In figures too, in a table's cell (江岭市第 / 1人民医院, QA13 B 15).
        let cell = "江岭市第1人民医院";
        let b = cell_breaks(cell);
        let at = cell.chars().position(|c| c == '第').unwrap();
        assert!(!b.words.contains(&(at + 1)), "{:?}", b.words);
    }

    #[test]
    fn a_list_breaks_between_its_units_only() {
        let list =
            "市应急管理局、市水利局，各县（市、区）防汛抗旱指挥部、《中国人大》杂志社 校团委";
        let cs: Vec<char> = list.chars().collect();
        let parts: Vec<String> = [0]
            .into_iter()
            .chain(unit_breaks(list))
            .zip(unit_breaks(list).into_iter().chain([cs.len()]))
            .map(|(a, b)| cs[a..b].iter().collect())
            .collect();
        assert_eq!(
            parts,
            [
                "市应急管理局、",
                "市水利局，",
                "各县（市、区）防汛抗旱指挥部、",
                "《中国人大》杂志社 ",
                "校团委"
            ]
        );
    }

    /// A 《title》 longer than a short one breaks inside only in the second tier: the
    /// layout keeps it whole on a line when it fits (《新工科背景下的课程 / 思政》 broke).
    #[test]
    fn a_long_book_title_breaks_inside_only_as_a_last_resort() {
        let t = "《新工科背景下的课程思政》入选省级一流课程";
        let b = breaks(t);
        let open = t.chars().position(|c| c == '》').unwrap() + 1;
        assert!(b.words.contains(&open), "{b:?}");
        assert!(b.words.iter().all(|&at| at == 0 || at >= open), "{b:?}");
        assert!(!b.inside.is_empty(), "{b:?}");
        assert!(b.inside.iter().all(|&at| at > 1 && at < open), "{b:?}");
        // A short one has no break inside in either tier.
        let b = breaks("荣获2018年度《中国人大》杂志发行工作一等奖");
        assert!(b.inside.is_empty(), "{b:?}");
    }

    /// A cell breaks between words, a long 《title》 inside it too (QA2 09's table set
    /// 市城市管 / 理局 and 《江岭市城市绿化条 / 例（修订）》); a word too wide for its
    /// column between the dictionary's words inside it (县农业 / 农村局 in a column of
    /// five, not 县 / 农业农村局).
    #[test]
    fn table_cells_break_between_words() {
        let cut = |s: &str, at: Vec<usize>| {
            let cs: Vec<char> = s.chars().collect();
            let mut from = 0;
            let mut out = Vec::new();
            for b in at.into_iter().chain([cs.len()]) {
                out.push(cs[from..b].iter().collect::<String>());
                from = b;
            }
            out.join("|")
        };
        // (In `parts` a number parts from what follows it: the layout keeps a number
        // with its unit by its rule, 2026年, and 12345 | 热线 may break.)
        for (cell, words, parts) in [
            ("市城市管理局", "市城市|管理局", "市城市|管理局"),
            ("县农业农村局", "县农业农村局", "县|农业|农村局"),
            (
                "市住房城乡建设局",
                "市住房|城乡建设局",
                "市|住房|城乡|建设局",
            ),
            ("市发展改革委", "市发展改革委", "市|发展|改革委"),
            (
                "《江岭市城市绿化条例（修订）》",
                "《江岭|市城市|绿化|条例|（修订）》",
                "《江|岭|市城市|绿化|条例|（修订）》",
            ),
            ("2026年6月25日", "2026年|6月|25日", "2026|年|6|月|25日"),
            // No line opens with the dash (the layout keeps 50万元 whole by its rule
            // for a number and its unit).
            (
                "10万—50万元（个）",
                "10万—50万元|（个）",
                "10|万—50|万|元|（个）",
            ),
            (
                "平均住院日（天）",
                "平均|住院日|（天）",
                "平均|住院|日|（天）",
            ),
            (
                "12345热线智能化改造",
                "12345热线|智能化|改造",
                "12345|热线|智能化|改造",
            ),
            ("市大数据中心", "市大数据|中心", "市|大数据|中心"),
            // A word of one character goes with the one before it (县政 | 府, QA5), a
            // unit the dictionary splits stays whole (万平 | 方米, QA4).
            (
                "变更方案已报县政府常务会审议",
                "变更|方案已报|县政府|常务|会审议",
                "变更|方案|已|报|县政|府|常务|会审议",
            ),
            ("工作单位及职务", "工作|单位|及职务", "工作|单位|及|职务"),
            (
                "新建门急诊综合楼3.2万平方米",
                "新建门急诊|综合楼|3.2万平方米",
                "新建|门|急|诊|综合楼|3.2|万平方米",
            ),
        ] {
            let b = cell_breaks(cell);
            assert_eq!(cut(cell, b.words), words, "{cell}");
            assert_eq!(cut(cell, b.parts), parts, "{cell}");
        }
        assert_eq!(cell_breaks("合计"), Breaks::default());
        assert_eq!(cell_breaks("12.50"), Breaks::default());
    }
}
