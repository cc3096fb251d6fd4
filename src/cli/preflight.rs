//! `jianbao preflight`: press readiness of any PDF.

use std::path::PathBuf;
use std::process::ExitCode;

use jianbao::error::InputError;
use jianbao::output::files::{self, MB};
use jianbao::output::preflight::{self, Options};

use super::table::table;

#[derive(Debug, clap::Args)]
pub(super) struct PreflightArgs {
    /// The PDF to check (ours, or one made by Word, WPS or anything else).
    pdf: PathBuf,
    /// The most ink a colour may lay down, in per cent (C + M + Y + K). 总墨量上限.
    #[arg(long, value_name = "PERCENT", default_value_t = 280.0)]
    max_ink: f64,
    /// The trim size every page must have: A4, A3, A5, B5 (GB/T 148: 176 × 250 mm),
    /// 16开, 大16开 or WIDTHxHEIGHT in mm (210x297).
    #[arg(long, value_name = "SIZE")]
    size: Option<String>,
    /// The least resolution of an image at its placed size, in pixels per inch.
    /// 图片最低分辨率.
    #[arg(long, value_name = "PPI", default_value_t = 150.0)]
    min_ppi: f64,
    /// The findings, each page's heaviest ink and every image's resolution as JSON
    /// (for CI).
    #[arg(long)]
    json: bool,
}

fn size(s: &str) -> Option<(f64, f64)> {
    let s = s.to_ascii_uppercase();
    if let Some(&(w, h, _)) = preflight::PAPER.iter().find(|p| p.2 == s) {
        return Some((w, h));
    }
    let (w, h) = s.split_once('X')?;
    Some((w.trim().parse().ok()?, h.trim().parse().ok()?))
}

/// Exit 0 clean, 1 findings, 2 the file cannot be read as a PDF.
pub(super) fn run(args: PreflightArgs) -> ExitCode {
    let unreadable = |msg: String| {
        eprintln!("error: {}: {msg}", args.pdf.display());
        ExitCode::from(2)
    };
    let size = match args.size.as_deref().map(|s| (s, size(s))) {
        Some((s, None)) => {
            return unreadable(format!(
                "--size {s} is not a size: write A4, A3, A5, B5 or 210x297 (mm)"
            ));
        }
        Some((_, Some(v))) => Some(v),
        None => None,
    };
    // The file named, what is wrong with it and what to do; exit 2.
    let refuse = |msg: String, help: &str| {
        eprint!(
            "{}",
            InputError::file(&args.pdf, msg).help(help).render(false)
        );
        ExitCode::from(2)
    };
    let bytes = match files::read_input(&args.pdf, 2048 * MB) {
        Ok(b) => b,
        Err(p) => {
            let (msg, help) = p.describe_named_in(
                ("PDF", "PDF 文件"),
                &args.pdf,
                jianbao::output::files::ON_THE_COMMAND_LINE,
            );
            return refuse(msg, &help);
        }
    };
    let opts = Options {
        max_ink: args.max_ink,
        size,
        min_ppi: args.min_ppi,
    };
    // Not a PDF at all (a Word file given by mistake): say what it is, not «internal
    // error» (QA12 C 07). A PDF's header may follow some bytes of junk (within 1 KiB).
    if !bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
    {
        let what = if bytes.starts_with(b"PK\x03\x04") {
            "this file is a Word (.docx), WPS or other zip file, not a PDF"
        } else if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
            "this file is an old Word (.doc) or WPS file, not a PDF"
        } else {
            "this file is not a PDF: it does not begin as one (%PDF-)"
        };
        return refuse(
            format!("{what} / 不是 PDF 文件"),
            "preflight checks a PDF for the press: the one `jianbao build` wrote, or one exported from another program / 印前检查的对象是 PDF：jianbao build 生成的，或其他软件导出的",
        );
    }
    let report = match preflight::preflight(&bytes, &opts) {
        Ok(f) => f,
        Err(e) => {
            let why = match e {
                jianbao::error::Error::Internal(m) => m,
                other => other.to_string(),
            };
            return refuse(
                format!("cannot be read as a PDF: {why} / 无法读取此 PDF"),
                "it may be damaged or cut short: export or build it again / 文件可能损坏或不完整，请重新导出",
            );
        }
    };
    let findings = &report.findings;
    let heaviest = report
        .ink
        .iter()
        .max_by(|a, b| a.percent.total_cmp(&b.percent));
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".into())
        );
    } else if findings.is_empty() {
        println!(
            "{}: ready for the press: fonts embedded, CMYK and spot colours only, no rich black text, ink ≤ {:.0} %, no hairlines, every page the trim size (its TrimBox, or its MediaBox when there is no bleed) / 可付印",
            args.pdf.display(),
            args.max_ink
        );
    } else {
        let rows: Vec<[String; 4]> = findings
            .iter()
            .map(|f| {
                [
                    f.check.to_owned(),
                    f.page.map_or("-".into(), |p| p.to_string()),
                    f.object.clone().unwrap_or_else(|| "-".into()),
                    f.message.clone(),
                ]
            })
            .collect();
        print!("{}", table(["check", "page", "object", "finding"], &rows));
        println!(
            "{} finding(s) in {} / 发现 {} 处问题",
            findings.len(),
            args.pdf.display(),
            findings.len()
        );
    }
    if let (false, Some(h)) = (args.json, heaviest) {
        println!(
            "heaviest ink: {:.0} % ({}) on page {} / 最大总墨量",
            h.percent, h.colour, h.page
        );
    }
    ExitCode::from(u8::from(!findings.is_empty()))
}
