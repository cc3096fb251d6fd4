//! The file system as jianbao touches it: every input is read here and every output
//! written here, so that the guards stand in one place.
//!
//! Reading ([`read_input`]): only regular files (a FIFO, a device such as
//! `/dev/urandom` or a folder is refused before anything blocks or floods memory),
//! never more than a size limit, and errors that say in plain words what is wrong
//! (a symbolic-link loop is a loop, not a permission problem).
//!
//! Writing ([`write_atomic`]): a temporary file beside the target, flushed, then
//! renamed over it, so the target is either the old file or the new one. The
//! temporary file's name carries the writer's process id
//! (`.NAME.PID.jianbao-XXXXXX.tmp`): a later write of the same target removes those
//! left by processes that no longer run (killed with `kill -9`), and the CLI removes
//! its own on SIGINT, SIGTERM and SIGHUP ([`remove_in_flight`]). [`guard_output`]
//! refuses a target that is one of the build's inputs or not a regular file.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, InputError, Result};

/// One mebibyte, the unit of the size limits.
pub const MB: u64 = 1024 * 1024;

/// Why an input could not be read.
#[derive(Debug)]
pub enum ReadProblem {
    /// No such file.
    NotFound,
    /// A folder where a file was expected.
    Folder,
    /// A FIFO, a device, a socket: reading it could block or never end.
    NotRegular(&'static str),
    /// Larger than the limit.
    TooLarge { size: u64, limit: u64 },
    /// A symbolic link that leads back to itself.
    Loop,
    /// No permission to read it (or to pass through a folder on the way).
    Permission,
    /// A part of the path is a file, not a folder.
    NotAFolderOnTheWay,
    /// Anything else the system said.
    Other(std::io::Error),
}

/// Where paths in the issue file are relative to (the help of a file not found).
const NAMED_IN_ISSUE_FILE: (&str, &str) = (
    "paths in the issue file are relative to it",
    "期刊文件中的路径相对于期刊文件",
);

/// Where a path given on the command line is relative to (the issue file, a PDF to
/// check): not the issue file, which was said for them too (QA14 F 08).
pub const ON_THE_COMMAND_LINE: (&str, &str) = (
    "a path on the command line is relative to the folder you run jianbao in",
    "命令行中的路径相对于当前所在的文件夹",
);

/// Where a photo's path is relative to (the help of a photo not found).
pub const NAMED_IN_ARTICLE: (&str, &str) = (
    "a photo's path is relative to the article that names it",
    "图片路径相对于引用它的文章文件",
);

/// The file an editor most likely meant by a path that is not there: the path with
/// Windows' `\` read as `/` (gaojian\01.txt), or a file of the same folder whose name
/// differs only in case (Huodong.JPG for huodong.jpg), or the one file of the same name
/// with another extension (02-tingke.txt for 02-tingke.docx), or the one file whose
/// folders and name differ only in full-width marks and spaces (稿件终稿/通知（修改）.txt
/// for 稿件 终稿/通知 (修改).txt, as a Chinese input method types a Windows name).
pub fn near_miss(path: &Path) -> Option<PathBuf> {
    let text = path.to_string_lossy();
    if text.contains('\\') {
        let slashed = PathBuf::from(text.replace('\\', "/"));
        if slashed.is_file() {
            return Some(slashed);
        }
    }
    // Notepad's .txt after the name, hidden by Windows (issue.toml.txt).
    let mut txt = path.as_os_str().to_owned();
    txt.push(".txt");
    if Path::new(&txt).is_file() {
        return Some(PathBuf::from(txt));
    }
    let name = path.file_name()?.to_string_lossy().to_lowercase();
    let stem = path.file_stem()?.to_string_lossy().to_lowercase();
    let parent = path.parent().filter(|d| !d.as_os_str().is_empty());
    let names: Vec<std::ffi::OsString> = std::fs::read_dir(parent.unwrap_or(Path::new(".")))
        .ok()
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name())
        .collect();
    let lower = |n: &std::ffi::OsString| n.to_string_lossy().to_lowercase();
    // The name in other letter case; else the one file of that name with another
    // extension, or with one when none was written (02-tingke.docx for 02-tingke.txt).
    let same_stem: Vec<&std::ffi::OsString> = names
        .iter()
        .filter(|n| {
            Path::new(&lower(n))
                .file_stem()
                .is_some_and(|s| s.to_string_lossy() == stem)
        })
        .collect();
    let found = names
        .iter()
        .find(|n| lower(n) == name)
        .or_else(|| (same_stem.len() == 1).then(|| same_stem[0]));
    match found {
        Some(found) => Some(match parent {
            Some(d) => d.join(found),
            None => PathBuf::from(found),
        }),
        None => loosely(path)
            .or_else(|| {
                // The one file of the same kind whose name is this one's less a suffix an
                // editor adds to a draft, or more (02-fayan.docx for 02-fayan-final.docx,
                // 稿件.docx for 稿件（修改稿）.docx), in the same folder.
                let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
                let apart = |longer: &str, shorter: &str| {
                    longer.len() > shorter.len()
                        && longer.starts_with(shorter)
                        && longer[shorter.len()..]
                            .starts_with(['-', '_', ' ', '（', '(', '.', 'v', 'V'])
                };
                let like = names.iter().filter(|n| {
                    let n = Path::new(&lower(n)).to_owned();
                    let other = n.file_stem().map(|s| s.to_string_lossy().into_owned());
                    n.extension().map(|e| e.to_string_lossy().into_owned()) == ext
                        && other.is_some_and(|o| apart(&stem, &o) || apart(&o, &stem))
                });
                the_one(like, parent)
            })
            .or_else(|| {
                // The one file whose name is this one with a character typed wrong, left
                // out, added or two swapped (01_anquan.txt, 01-anquang.txt for
                // 01-anquan.txt), in a name long enough for that to be a slip (QA14 F 12).
                let typo = names.iter().filter(|n| {
                    name.chars().count() >= 6 && strsim::damerau_levenshtein(&lower(n), &name) == 1
                });
                the_one(typo, parent)
            }),
    }
}

/// The file of `parent` named by the one name `names` yields, if it yields one only.
fn the_one<'a>(
    mut names: impl Iterator<Item = &'a std::ffi::OsString>,
    parent: Option<&Path>,
) -> Option<PathBuf> {
    let one = names.next()?;
    names.next().is_none().then(|| match parent {
        Some(d) => d.join(one),
        None => PathBuf::from(one),
    })
}

/// A name as an editor may type it another way: in lower case, full-width marks and
/// letters as half-width ones (（修改） for (修改)), with no spaces (稿件终稿 for 稿件 终稿).
fn loose_name(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The file a path names when each of its parts is taken loosely ([`loose_name`]): the
/// one entry of each folder that matches; none when a part matches none or several.
fn loosely(path: &Path) -> Option<PathBuf> {
    use std::path::Component;
    let mut at = PathBuf::new();
    for part in path.components() {
        match part {
            Component::Normal(name) => {
                let exact = at.join(name);
                if exact.exists() {
                    at = exact;
                    continue;
                }
                let want = loose_name(&name.to_string_lossy());
                let dir = if at.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    at.as_path()
                };
                let mut matches = std::fs::read_dir(dir)
                    .ok()?
                    .flatten()
                    .filter(|e| loose_name(&e.file_name().to_string_lossy()) == want);
                let one = matches.next()?;
                if matches.next().is_some() {
                    return None;
                }
                at.push(one.file_name());
            }
            other => at.push(other.as_os_str()),
        }
    }
    (at.is_file() && at != path).then_some(at)
}

impl ReadProblem {
    fn from_io(e: std::io::Error) -> Self {
        use std::io::ErrorKind;
        match e.kind() {
            ErrorKind::NotFound => ReadProblem::NotFound,
            ErrorKind::PermissionDenied => ReadProblem::Permission,
            ErrorKind::IsADirectory => ReadProblem::Folder,
            ErrorKind::NotADirectory => ReadProblem::NotAFolderOnTheWay,
            _ if is_loop(&e) => ReadProblem::Loop,
            _ => ReadProblem::Other(e),
        }
    }

    /// What is wrong and what to do, in both languages; `what` names the file's part
    /// in the build in both (("article file", "文章文件"), ("issue file", "期刊文件")).
    /// A path not found is taken as named in the issue file.
    pub fn describe(&self, what: (&str, &str), path: &Path) -> (String, String) {
        self.describe_named_in(what, path, NAMED_IN_ISSUE_FILE)
    }

    /// [`ReadProblem::describe`] for a file named elsewhere: `named_in` says what its
    /// path is relative to, in both languages.
    pub fn describe_named_in(
        &self,
        (what, zh): (&str, &str),
        path: &Path,
        named_in: (&str, &str),
    ) -> (String, String) {
        let p = path.display();
        match self {
            ReadProblem::NotFound => (
                format!("{what} not found: {p} / 找不到{zh}"),
                match near_miss(path) {
                    Some(there)
                        if there.as_os_str().len() == path.as_os_str().len() + 4
                            && there.to_string_lossy().ends_with(".txt") =>
                    {
                        format!(
                            "there is {}: Notepad added .txt to the name, which Windows hides; rename it to {} (in Explorer: View → File name extensions, to see it) / 记事本在文件名后加了 .txt（Windows 默认隐藏扩展名），请改名为 {}",
                            there.display(),
                            p,
                            p
                        )
                    }
                    // An article where an issue file was named (jianbao12.docx for
                    // jianbao12.toml): building it is no cure (QA15 H 06).
                    Some(there)
                        if crate::input::extension(path).as_deref() == Some("toml")
                            && crate::input::is_article_file(&there) =>
                    {
                        let name = there.file_name().unwrap_or_default().to_string_lossy();
                        format!(
                            "there is {}, an article, not an issue file: an article is built through the issue file that names it under [[article]] (file = \"{name}\"); `jianbao new DIR` writes an issue file to start from / 磁盘上有 {}，这是稿件，不是期刊文件：请在期刊文件的 [[article]] 中引用它（jianbao new 可生成期刊文件）",
                            there.display(),
                            there.display()
                        )
                    }
                    // A PDF beside it (issue.pdf for issue.toml) is a build's output, not
                    // the file lost (it was offered as the name to write, QA17 L 05).
                    Some(there) if crate::input::extension(&there).as_deref() == Some("pdf") => format!(
                        "there is {}, a PDF (what a build writes), not the {what}: the {what} itself is not in that folder; restore it (was it deleted or renamed?) or give its name as it is on disk / 磁盘上只有 PDF 文件 {}（排版输出），{zh}本身不在该文件夹中：请恢复它，或按实际文件名填写",
                        there.display(),
                        there.display()
                    ),
                    Some(there) => format!(
                        "there is {}: write the name as it is on disk, with / between folders / 磁盘上有 {}：请按实际文件名填写，文件夹之间用 /",
                        there.display(),
                        there.display()
                    ),
                    None => format!(
                        "check the file name and its folder; {} / 检查文件名和所在文件夹；{}",
                        named_in.0, named_in.1
                    ),
                },
            ),
            ReadProblem::Folder => (
                format!("{p} is a folder, not an {what} / 这是文件夹，不是{zh}"),
                "name a file (inside that folder, if it is there) / 请填写一个文件".into(),
            ),
            ReadProblem::NotRegular(kind) => (
                format!("{what} {p} is not a regular file but {kind} / {zh}不是普通文件"),
                "name an ordinary file saved on disk; pipes and devices are not read / 请填写保存在磁盘上的普通文件".into(),
            ),
            ReadProblem::TooLarge { size, limit } => (
                format!(
                    "{what} {p} is {} MB, larger than the limit of {} MB / 文件过大（{} MB，上限 {} MB）",
                    mb(*size),
                    mb(*limit),
                    mb(*size),
                    mb(*limit)
                ),
                "check that this is the right file; if it is, raise the limit in the issue file: [limits] article_mb = N / 确认文件无误；如确需更大，在期刊文件中设置 [limits] article_mb = N".into(),
            ),
            ReadProblem::Loop => (
                format!("{what} {p} is a symbolic link that leads back to itself (a loop) / 符号链接循环"),
                "point the link at the real file, or name the real file / 请让链接指向实际文件，或直接填写实际文件".into(),
            ),
            ReadProblem::Permission => (
                format!("no permission to read {what} {p} / 没有读取{zh}的权限"),
                "give yourself read permission (chmod u+r, or Properties → Security) / 请为该文件添加读取权限".into(),
            ),
            ReadProblem::NotAFolderOnTheWay => (
                format!("cannot reach {what} {p}: a part of its path is a file, not a folder / 无法访问{zh}：路径中有一部分是文件而不是文件夹"),
                "check the path's folders / 检查路径中的文件夹".into(),
            ),
            ReadProblem::Other(e) => (
                format!("cannot read {what} {p}: {} / 无法读取{zh}", plain_io(e)),
                "check that the file exists, is readable and is on a working disk / 检查文件是否存在且可读".into(),
            ),
        }
    }
}

fn mb(bytes: u64) -> String {
    let v = bytes as f64 / MB as f64;
    if v >= 10.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

#[cfg(unix)]
fn is_loop(e: &std::io::Error) -> bool {
    e.raw_os_error() == Some(libc::ELOOP)
}

#[cfg(not(unix))]
fn is_loop(_: &std::io::Error) -> bool {
    false
}

/// What kind of non-regular file this is, for messages.
fn kind_of(ft: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if ft.is_char_device() || ft.is_block_device() {
            return "a device";
        }
        if ft.is_socket() {
            return "a socket";
        }
    }
    if ft.is_dir() {
        "a folder"
    } else {
        "not an ordinary file"
    }
}

/// Opens a file for reading without blocking on a FIFO (on Unix the open is
/// non-blocking; a regular file reads the same either way).
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Reads a regular file of at most `limit` bytes. Anything else (a FIFO, a device, a
/// folder, a link loop, a larger file) is a [`ReadProblem`], found before reading.
pub fn read_input(path: &Path, limit: u64) -> std::result::Result<Vec<u8>, ReadProblem> {
    let file = open_nonblocking(path).map_err(ReadProblem::from_io)?;
    let meta = file.metadata().map_err(ReadProblem::from_io)?;
    if meta.is_dir() {
        return Err(ReadProblem::Folder);
    }
    if !meta.is_file() {
        return Err(ReadProblem::NotRegular(kind_of(meta.file_type())));
    }
    if meta.len() > limit {
        return Err(ReadProblem::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // A file that grows while it is read stops at the limit all the same.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadProblem::from_io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadProblem::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// Whether two paths name the same file (same device and inode), following links.
/// False when either does not exist. Only `stat`s the paths: opening a FIFO would
/// block.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => same_identity(&a, &b),
        _ => false,
    }
}

#[cfg(unix)]
fn same_identity(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
fn same_identity(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    // Without inodes: the same size and times is taken as the same file.
    a.len() == b.len()
        && a.modified().ok() == b.modified().ok()
        && a.created().ok() == b.created().ok()
}

/// Whether `path` lies inside the folder `base` (both resolved: links and `..`
/// followed), so that a link inside the folder pointing out of it is outside.
pub fn is_inside(base: &Path, path: &Path) -> bool {
    // The folder of `issue.toml` given without one is the current folder.
    let base = if base.as_os_str().is_empty() {
        Path::new(".")
    } else {
        base
    };
    match (std::fs::canonicalize(base), std::fs::canonicalize(path)) {
        (Ok(base), Ok(path)) => path.starts_with(base),
        // A path that does not resolve is judged by its words: no `..`, not absolute.
        (Ok(_), Err(_)) | (Err(_), _) => {
            !path.is_absolute()
                && !path
                    .components()
                    .any(|c| matches!(c, std::path::Component::ParentDir))
                || path.starts_with(base)
        }
    }
}

/// Where a PDF goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A file, written atomically.
    File(PathBuf),
    /// Standard output (`-o -`, or a path that is this process's standard output,
    /// such as `/dev/stdout`).
    Stdout,
}

impl Target {
    /// The target for a path given by the user: `-` and `/dev/stdout` (or anything
    /// that is the same file as standard output) stream to standard output.
    pub fn of(path: &Path) -> Target {
        if path == Path::new("-") || is_stdout(path) {
            Target::Stdout
        } else {
            Target::File(path.to_owned())
        }
    }
}

#[cfg(unix)]
fn is_stdout(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Ok(target) = std::fs::metadata(path) else {
        return false;
    };
    // Standard output's device and inode, read through its descriptor.
    let Ok(out) = std::fs::metadata("/dev/fd/1").or_else(|_| std::fs::metadata("/proc/self/fd/1"))
    else {
        return false;
    };
    // Whatever standard output is (a pipe, a terminal, or a file it was redirected to):
    // writing there by name would replace the `/dev/stdout` link itself.
    target.dev() == out.dev() && target.ino() == out.ino()
}

#[cfg(not(unix))]
fn is_stdout(_: &Path) -> bool {
    false
}

/// Refuses an output that would destroy an input of the build (the issue file, an
/// article, a font, a layout) or that is not a regular file (a device, a FIFO, a
/// folder): the atomic rename would replace it with the PDF.
pub fn guard_output(output: &Path, inputs: &[PathBuf]) -> Result<()> {
    let existing = std::fs::metadata(output).ok();
    let is_input = |i: &&PathBuf| {
        existing
            .as_ref()
            .is_some_and(|o| std::fs::metadata(i).is_ok_and(|m| same_identity(o, &m)))
    };
    if let Some(input) = inputs.iter().find(is_input) {
        return Err(InputError::file(
            output,
            format!(
                "the output {} is an input of this build ({}); writing the PDF there would destroy it / 输出文件就是本次排版的输入文件，写入会将其覆盖",
                output.display(),
                input.display()
            ),
        )
        .help("give the PDF another name with -o OUT.pdf (the default is the issue file's name with .pdf) / 用 -o 另指定 PDF 文件名")
        .into());
    }
    match std::fs::symlink_metadata(output) {
        Ok(m) if m.is_dir() => Err(InputError::file(
            output,
            format!(
                "the output {} is a folder / 输出路径是文件夹",
                output.display()
            ),
        )
        .help("give a file name: -o FOLDER/issue.pdf / 请给出文件名，如 -o 文件夹/issue.pdf")
        .into()),
        Ok(m) if m.file_type().is_symlink() => match std::fs::metadata(output) {
            Ok(t) if !t.is_file() => Err(not_regular(output, kind_of(t.file_type()))),
            _ => Ok(()),
        },
        Ok(m) if !m.is_file() => Err(not_regular(output, kind_of(m.file_type()))),
        _ => Ok(()),
    }
}

fn not_regular(output: &Path, kind: &str) -> Error {
    InputError::file(
        output,
        format!(
            "the output {} is not a regular file but {kind}; it is left alone / 输出路径不是普通文件，不予覆盖",
            output.display()
        ),
    )
    .help("write to a file (-o OUT.pdf), or to standard output with -o - / 请写入普通文件，或用 -o - 输出到标准输出")
    .into()
}

/// Temporary files being written now, removed by [`remove_in_flight`] when the
/// process is told to stop.
static IN_FLIGHT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes the temporary files this process is writing. The CLI calls it from its
/// SIGINT/SIGTERM/SIGHUP handler right before it exits: the list stays locked after
/// it, so no write may follow in this process.
pub fn remove_in_flight() {
    if let Ok(list) = IN_FLIGHT.lock() {
        for p in list.iter() {
            let _ = std::fs::remove_file(p);
        }
        // Held until the process exits: no temporary file is made after this (one is
        // made and listed under this lock, see `write_atomic_as`).
        std::mem::forget(list);
    }
}

/// Takes a temporary file off the list once it is renamed or given up.
fn untrack(path: &Path) {
    if let Ok(mut list) = IN_FLIGHT.lock() {
        list.retain(|p| p != path);
    }
}

/// The temporary-file prefix of a target: `.NAME.` (the process id follows).
fn temp_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map_or_else(|| "out".to_owned(), |n| n.to_string_lossy().into_owned());
    format!(".{name}.")
}

/// Removes the temporary files of `path` left by processes that no longer run.
fn sweep_stale(dir: &Path, path: &Path) {
    let prefix = temp_prefix(path);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        let Some(rest) = name.strip_prefix(&prefix) else {
            continue;
        };
        let Some((pid, tail)) = rest.split_once('.') else {
            continue;
        };
        if !(tail.starts_with("jianbao-") && tail.ends_with(".tmp")) {
            continue;
        }
        if let Ok(pid) = pid.parse::<u32>()
            && !process_alive(pid)
        {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(unix)]
#[allow(unsafe_code)]
fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: kill with signal 0 sends nothing; it only asks whether the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn process_alive(_: u32) -> bool {
    true
}

/// Writes bytes to `path` atomically: a temporary file in the same folder, flushed,
/// then renamed over the target. On any failure the target is left as it was and the
/// temporary file is removed. A new file gets 0644, a replaced one keeps its
/// permissions.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_as(
        path,
        bytes,
        "cannot write the output file / 无法写入输出文件",
    )
}

/// [`write_atomic`] with the words that name what is being written.
pub fn write_atomic_as(path: &Path, bytes: &[u8], what: &str) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let io = |e: std::io::Error| write_error(path, what, e);
    if std::fs::metadata(path).is_ok_and(|m| m.is_dir()) {
        return Err(io(std::io::Error::from(std::io::ErrorKind::IsADirectory)));
    }
    sweep_stale(dir, path);
    // Made and listed under one lock, so that a stop signal between the two cannot
    // leave it behind (the signal's handler takes the lock to remove what is listed).
    let mut tmp = {
        let mut list = IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner());
        let tmp = tempfile::Builder::new()
            .prefix(&format!(
                "{}{}.jianbao-",
                temp_prefix(path),
                std::process::id()
            ))
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(io)?;
        list.push(tmp.path().to_owned());
        tmp
    };
    let tmp_path = tmp.path().to_owned();
    let result = (|| {
        // A temporary file is private (0600); the PDF is an ordinary file for the
        // printer: keep the permissions of the file it replaces, or give 0644.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
            tmp.as_file()
                .set_permissions(std::fs::Permissions::from_mode(mode))
                .map_err(io)?;
        }
        tmp.write_all(bytes).map_err(io)?;
        tmp.as_file().sync_all().map_err(io)?;
        tmp.persist(path).map_err(|e| io(e.error))?;
        Ok(())
    })();
    untrack(&tmp_path);
    result
}

/// A write error for the editor: the target's name (never the temporary file's), and
/// help that fits the cause.
fn write_error(path: &Path, what: &str, e: std::io::Error) -> Error {
    use std::io::ErrorKind;
    let (why, help) = match e.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => (
            "the disk is full".to_owned(),
            "free some space on the disk (or write elsewhere with -o) and build again / 磁盘已满：请清理空间或用 -o 写到别处",
        ),
        ErrorKind::IsADirectory => (
            "it is a folder".to_owned(),
            "give a file name: -o FOLDER/issue.pdf / 请给出文件名，如 -o 文件夹/issue.pdf",
        ),
        ErrorKind::NotADirectory => (
            "a part of the path is a file, not a folder".to_owned(),
            "check the folders in the path / 检查路径中的文件夹",
        ),
        ErrorKind::NotFound => (
            "its folder does not exist".to_owned(),
            "create the folder first, or write elsewhere with -o / 请先建立文件夹，或用 -o 写到别处",
        ),
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => (
            "no permission to write there".to_owned(),
            "write where you may (-o OUT.pdf), or give yourself write permission on the folder / 请写到有写权限的位置",
        ),
        _ if is_loop(&e) => (
            "the path is a symbolic-link loop".to_owned(),
            "check the links in the path / 检查路径中的符号链接",
        ),
        _ => (
            plain_io(&e),
            "check the disk and the folder, then build again / 检查磁盘和文件夹后重试",
        ),
    };
    InputError::file(path, format!("{what}: {why}"))
        .help(help)
        .into()
}

/// An I/O error's words without the paths some wrappers add.
fn plain_io(e: &std::io::Error) -> String {
    match e.raw_os_error() {
        Some(code) => std::io::Error::from_raw_os_error(code).to_string(),
        None => e.kind().to_string(),
    }
}

/// Writes bytes to standard output (a PDF streamed with `-o -`).
pub fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| {
            Error::io(
                Path::new("-"),
                "cannot write to standard output / 无法写入标准输出",
                e,
            )
        })
}

/// Copies a file to a backup path that must not exist yet (never through a link):
/// returns the path written. Tries `FILE.bak`, then `FILE.bak.1`, `FILE.bak.2`, …
pub fn backup(path: &Path) -> Result<PathBuf> {
    let bytes = std::fs::read(path).map_err(|e| {
        Error::io(
            path,
            "cannot read the file to back it up / 无法读取文件以备份",
            e,
        )
    })?;
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    for n in 0..1000 {
        let mut candidate = name.clone();
        if n > 0 {
            candidate.push(format!(".{n}"));
        }
        let candidate = PathBuf::from(candidate);
        // create_new refuses any existing name, a dangling link included.
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(mut f) => {
                f.write_all(&bytes)
                    .and_then(|()| f.sync_all())
                    .map_err(|e| {
                        write_error(&candidate, "cannot write the backup / 无法写入备份文件", e)
                    })?;
                return Ok(candidate);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(write_error(
                    &candidate,
                    "cannot write the backup / 无法写入备份文件",
                    e,
                ));
            }
        }
    }
    Err(InputError::file(
        path,
        "too many backups (FILE.bak … FILE.bak.999) / 备份文件过多",
    )
    .help("remove old .bak files / 请删除旧的 .bak 文件")
    .into())
}

#[cfg(test)]
mod tests {
    /// A name typed with full-width brackets, or without the space of its folder's
    /// name, finds the file on disk (only «check the file name» was said).
    #[test]
    fn a_name_typed_with_full_width_marks_or_no_space_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("稿件 终稿");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("04 通知 (修改).txt"), "正文。").unwrap();
        let on_disk = folder.join("04 通知 (修改).txt");
        for typed in [
            "稿件 终稿/04 通知（修改）.txt",
            "稿件终稿/04 通知 (修改).txt",
            "稿件终稿/04通知（修改）.txt",
        ] {
            assert_eq!(
                near_miss(&dir.path().join(typed)),
                Some(on_disk.clone()),
                "{typed}"
            );
        }
        assert_eq!(near_miss(&dir.path().join("稿件终稿/05 通知.txt")), None);
        // One character typed wrong, left out, added or swapped (QA14 F 12).
        std::fs::write(dir.path().join("01-anquan.txt"), "正文。").unwrap();
        for typed in [
            "01_anquan.txt",
            "01-anquang.txt",
            "01-anqun.txt",
            "01-naquan.txt",
        ] {
            assert_eq!(
                near_miss(&dir.path().join(typed)),
                Some(dir.path().join("01-anquan.txt")),
                "{typed}"
            );
        }
        assert_eq!(near_miss(&dir.path().join("02-anquan.txt.bak")), None);
    }

    use super::*;

    #[test]
    fn a_path_not_found_names_the_file_meant() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir(d.path().join("gaojian")).unwrap();
        std::fs::write(d.path().join("gaojian/huodong.jpg"), b"x").unwrap();
        let meant = d.path().join("gaojian/huodong.jpg");
        // Another case.
        assert_eq!(
            near_miss(&d.path().join("gaojian/Huodong.JPG")),
            Some(meant.clone())
        );
        // Windows' backslash.
        let slashed = format!("{}\\huodong.jpg", d.path().join("gaojian").display());
        assert_eq!(near_miss(Path::new(&slashed)), Some(meant.clone()));
        assert_eq!(near_miss(&d.path().join("gaojian/other.jpg")), None);
        // Another extension, or none written: the one file of that name.
        assert_eq!(
            near_miss(&d.path().join("gaojian/huodong.png")),
            Some(meant.clone())
        );
        assert_eq!(near_miss(&d.path().join("gaojian/huodong")), Some(meant));
        // Two of that name: no guess.
        std::fs::write(d.path().join("gaojian/huodong.txt"), b"x").unwrap();
        assert_eq!(near_miss(&d.path().join("gaojian/huodong.docx")), None);
        // A draft's suffix added or dropped (-final, （修改稿）), the same kind of file.
        for f in [
            "02-fayan.docx",
            "02-fayan.odt",
            "02-fayan.md",
            "稿件（修改稿）.docx",
        ] {
            std::fs::write(d.path().join(f), b"x").unwrap();
        }
        assert_eq!(
            near_miss(&d.path().join("02-fayan-final.docx")),
            Some(d.path().join("02-fayan.docx"))
        );
        assert_eq!(
            near_miss(&d.path().join("稿件.docx")),
            Some(d.path().join("稿件（修改稿）.docx"))
        );
        assert_eq!(near_miss(&d.path().join("02-fa.docx")), None);
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("a.pdf");
        write_atomic(&out, b"one").unwrap();
        write_atomic(&out, b"two").unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[cfg(unix)]
    #[test]
    fn written_pdf_is_readable_by_others() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("a.pdf");
        write_atomic(&out, b"x").unwrap();
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
    }

    #[test]
    fn failed_write_leaves_old_file_and_names_the_target() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("missing-dir").join("a.pdf");
        let err = write_atomic(&out, b"x").unwrap_err().to_string();
        assert!(!out.exists());
        assert!(err.contains("a.pdf") && !err.contains("jianbao-"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn stale_temp_files_of_dead_processes_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("a.pdf");
        // No process has pid 4194304 or more on Linux (pid_max's ceiling).
        let stale = dir.path().join(".a.pdf.4194305.jianbao-XYZ.tmp");
        let other = dir.path().join(".b.pdf.4194305.jianbao-XYZ.tmp");
        let live = dir
            .path()
            .join(format!(".a.pdf.{}.jianbao-XYZ.tmp", std::process::id()));
        for p in [&stale, &other, &live] {
            std::fs::write(p, b"x").unwrap();
        }
        write_atomic(&out, b"pdf").unwrap();
        assert!(!stale.exists(), "a dead process's temp file is swept");
        assert!(other.exists(), "another target's temp file is left alone");
        assert!(live.exists(), "a running process's temp file is left alone");
    }

    #[test]
    fn read_input_refuses_large_and_odd_files() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.txt");
        std::fs::write(&f, vec![b'x'; 100]).unwrap();
        assert_eq!(read_input(&f, 100).unwrap().len(), 100);
        assert!(matches!(
            read_input(&f, 99),
            Err(ReadProblem::TooLarge {
                size: 100,
                limit: 99
            })
        ));
        assert!(matches!(
            read_input(dir.path(), 100),
            Err(ReadProblem::Folder)
        ));
        #[cfg(unix)]
        {
            assert!(matches!(
                read_input(Path::new("/dev/zero"), 100),
                Err(ReadProblem::NotRegular("a device"))
            ));
            let link = dir.path().join("loop");
            std::os::unix::fs::symlink(&link, &link).unwrap();
            assert!(matches!(read_input(&link, 100), Err(ReadProblem::Loop)));
        }
    }

    #[cfg(unix)]
    #[test]
    fn backup_never_writes_through_a_dangling_link() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.txt");
        std::fs::write(&f, "原文").unwrap();
        let target = outside.path().join("elsewhere.txt");
        std::os::unix::fs::symlink(&target, dir.path().join("a.txt.bak")).unwrap();
        let written = backup(&f).unwrap();
        assert_eq!(written, dir.path().join("a.txt.bak.1"));
        assert!(!target.exists());
        assert_eq!(std::fs::read_to_string(written).unwrap(), "原文");
    }

    #[test]
    fn inside_means_below_the_folder_after_links() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/a.txt"), "x").unwrap();
        std::fs::write(dir.path().join("b.txt"), "x").unwrap();
        let sub = dir.path().join("sub");
        assert!(is_inside(&sub, &sub.join("a.txt")));
        assert!(!is_inside(&sub, &sub.join("../b.txt")));
        assert!(!is_inside(&sub, Path::new("/etc/passwd")));
        assert!(!is_inside(Path::new(""), Path::new("../x.txt")));
        assert!(is_inside(Path::new(""), Path::new("missing.txt")));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("b.txt"), sub.join("link.txt")).unwrap();
            assert!(!is_inside(&sub, &sub.join("link.txt")));
        }
    }

    #[test]
    fn output_that_is_an_input_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("issue.toml");
        std::fs::write(&f, "x").unwrap();
        let err =
            guard_output(&dir.path().join("./issue.toml"), std::slice::from_ref(&f)).unwrap_err();
        assert!(err.to_string().contains("is an input"), "{err}");
        assert!(guard_output(&dir.path().join("out.pdf"), &[f]).is_ok());
        #[cfg(unix)]
        assert!(guard_output(Path::new("/dev/null"), &[]).is_err());
    }
}
