//! `jianbao import`: a Word file as a Markdown article.

use std::path::PathBuf;

use jianbao::error::{Error, InputError};
use jianbao::output::files;

#[derive(Debug, clap::Args)]
pub(super) struct ImportArgs {
    /// The Word file (.docx; .doc, .wps, .odt and .rtf through LibreOffice).
    file: PathBuf,
    /// The Markdown file to write; default: beside the Word file, FILE.md. Its photos
    /// go into a folder beside it, FILE-images/.
    #[arg(short, long, value_name = "OUT.md")]
    output: Option<PathBuf>,
    /// Replace an existing Markdown file (a copy of it is kept as FILE.md.bak-N).
    #[arg(long)]
    force: bool,
}

pub(super) fn run(args: ImportArgs) -> jianbao::Result<()> {
    let path = &args.file;
    let here = |e: jianbao::input::DocxProblem| -> Error {
        InputError::file(path, format!("{} cannot be read as a Word document: {} / 无法读取此 Word 文件", path.display(), e.message))
            .help(e.help.unwrap_or_else(|| "open it in Word or WPS and save it again as .docx (另存为 .docx) / 请用 Word 或 WPS 另存为 .docx".to_owned()))
            .into()
    };
    let bytes = files::read_input(path, jianbao::input::word_file_limit()).map_err(|p| {
        let (msg, help) = p.describe(("Word file", "Word 文件"), path);
        Error::from(InputError::file(path, msg).help(help))
    })?;
    let docx = jianbao::input::word_package(path, &bytes).map_err(here)?;
    let converted = jianbao::input::convert(&docx).map_err(here)?;
    jianbao::input::not_read_as_text(path, &converted).map_err(here)?;
    refuse_empty(path, &converted.markdown)?;
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| path.with_extension("md"));
    if output.exists() && !args.force {
        return Err(InputError::file(
            &output,
            format!("{} exists already; nothing was written / 文件已存在，未写入", output.display()),
        )
        .help("name another file with -o OUT.md, or replace it with --force (a copy of the old one is kept) / 用 -o 指定其他文件名，或加 --force 覆盖（旧文件会备份）")
        .into());
    }
    files::guard_output(&output, std::slice::from_ref(path))?;
    // The photos, into a folder beside the Markdown, and the links rewritten to it.
    let stem = output
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let folder = format!("{stem}-images");
    let mut markdown = converted.markdown.clone();
    let mut names: Vec<&String> = converted.images.keys().collect();
    names.sort();
    let mut dropped = Vec::new();
    for name in names {
        let file_name = name.rsplit('/').next().unwrap_or(name);
        // A drawing (EMF or WMF, as a chart pasted from Excel is) cannot be placed:
        // left out of the Markdown and said, as `build` does with the Word file (the
        // .md named it, and its build stopped there, QA13 B 04).
        let ext = file_name
            .rsplit('.')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if matches!(ext.as_str(), "emf" | "wmf" | "emz" | "wmz") {
            let link = format!("]({})", name.replace(' ', "%20"));
            if let Some(end) = markdown.find(&link)
                && let Some(start) = markdown[..end].rfind("![")
            {
                markdown.replace_range(start..end + link.len(), "");
            }
            dropped.push(file_name.to_owned());
            continue;
        }
        let dir = output
            .parent()
            .unwrap_or(std::path::Path::new("."))
            .join(&folder);
        std::fs::create_dir_all(&dir).map_err(|e| {
            Error::io(
                &dir,
                "cannot make the photos' folder / 无法创建图片文件夹",
                e,
            )
        })?;
        files::write_atomic(&dir.join(file_name), &converted.images[name])?;
        markdown = markdown.replace(
            &format!("]({})", name.replace(' ', "%20")),
            &format!("]({folder}/{})", file_name.replace(' ', "%20")),
        );
    }
    if output.exists() {
        let kept = files::backup(&output)?;
        eprintln!("kept the old file as {}", kept.display());
    }
    files::write_atomic(&output, markdown.as_bytes())?;
    for w in &converted.warnings {
        eprintln!("warning: {}: {w}", path.display());
    }
    for d in &dropped {
        eprintln!(
            "warning: {}: the drawing {d} (EMF or WMF, as a chart pasted from Excel is) is not written, and not named in the .md: it cannot be printed; in Word, right-click it → 另存为图片 → PNG, and add that to the .md as ![caption](file.png) / EMF/WMF 图形无法排版，未写入；请在 Word 中另存为 PNG 图片后插入",
            path.display()
        );
    }
    println!(
        "wrote {} ({} paragraphs and headings, {} photo(s)); name it in the issue file: file = \"{}\"",
        output.display(),
        markdown
            .split("\n\n")
            .filter(|p| !p.trim().is_empty())
            .count(),
        converted.images.len() - dropped.len(),
        output.file_name().unwrap_or_default().to_string_lossy()
    );
    Ok(())
}

/// A Word file with no text is refused as `build` refuses it, before anything is
/// written: an empty `.md` would only fail later, in the issue.
fn refuse_empty(path: &std::path::Path, markdown: &str) -> jianbao::Result<()> {
    if !markdown.trim().is_empty() {
        return Ok(());
    }
    Err(InputError::file(
        path,
        format!(
            "{} has no text; nothing was written / {} 没有正文，未写入",
            path.display(),
            path.display()
        ),
    )
    .help("check that it is the right file, and that its text is not in text boxes, headers or footers (they are not read) / 请确认文件无误，正文不要放在文本框或页眉页脚中")
    .into())
}
