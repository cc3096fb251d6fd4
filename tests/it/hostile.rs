//! Hostile inputs, through the binary: output paths that would destroy an input, files
//! that are FIFOs, devices or symlink loops, numbers and sizes that would hang or exhaust
//! the machine, text that would be lost silently, signals in the middle of a build.
//!
//! Every run goes through `run`, which kills the child and fails the test when it takes
//! longer than its bound; `expect` checks the exit code, the message, that no input file
//! changed and that no `.jianbao*.tmp` file was left behind.
//! `cargo test --test it hostile -- --nocapture` prints one summary line per case.

use std::collections::BTreeMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::Hasher;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

/// The default wall-time bound of a run, in seconds.
const LIMIT: u64 = 60;

const OK: &str = "正文。\n";

// ── running the binary ───────────────────────────────────────────────────────

struct Out {
    status: ExitStatus,
    stdout: Vec<u8>,
    stderr: String,
    /// stdout (lossy) and stderr together, for the needles.
    all: String,
    secs: f64,
}

impl Out {
    fn code(&self) -> Option<i32> {
        self.status.code()
    }

    /// The exit code, or the signal that ended the process.
    fn describe(&self) -> String {
        if let Some(c) = self.status.code() {
            return c.to_string();
        }
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            if let Some(s) = self.status.signal() {
                return format!("signal {s}");
            }
        }
        "?".to_owned()
    }
}

/// Runs `jianbao ARGS` in `cwd` with a bound of `limit` seconds.
fn run(cwd: &Path, args: &[&str], limit: u64) -> Out {
    run_signal(cwd, args, limit, None)
}

/// Runs `jianbao ARGS` in `cwd`; when `signal` is given, sends it (`kill -SIG pid`) once
/// after its delay if the child is still running. Kills the child and panics when it
/// runs longer than `limit` seconds.
fn run_signal(cwd: &Path, args: &[&str], limit: u64, signal: Option<(Duration, &str)>) -> Out {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start jianbao");
    let mut so = child.stdout.take().unwrap();
    let mut se = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = so.read_to_end(&mut v);
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = se.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let bound = Duration::from_secs(limit);
    let mut pending = signal;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for jianbao") {
            break status;
        }
        if let Some((after, sig)) = pending
            && start.elapsed() >= after
        {
            let _ = Command::new("kill")
                .arg(format!("-{sig}"))
                .arg(child.id().to_string())
                .status();
            pending = None;
        }
        if start.elapsed() > bound {
            let _ = child.kill();
            let _ = child.wait();
            let err = t_err.join().unwrap_or_default();
            panic!(
                "jianbao {}: timed out after {limit} s\n{}",
                args.join(" "),
                String::from_utf8_lossy(&err)
            );
        }
        let mut nap = Duration::from_millis(20);
        if let Some((after, _)) = pending {
            nap = nap.min(after.saturating_sub(start.elapsed()));
        }
        std::thread::sleep(nap);
    };
    let secs = start.elapsed().as_secs_f64();
    let stdout = t_out.join().unwrap();
    let stderr = String::from_utf8_lossy(&t_err.join().unwrap()).into_owned();
    let all = format!("{}{}", String::from_utf8_lossy(&stdout), stderr);
    Out {
        status,
        stdout,
        stderr,
        all,
        secs,
    }
}

// ── what must not change ─────────────────────────────────────────────────────

#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    File(u64),
    Dir,
    Symlink(PathBuf),
    Other(String),
}

/// The files under some folders before a run (hashes of regular files; symlinks are
/// not followed), the files allowed to change, and the folders where no temp file may
/// be left.
struct Snap {
    roots: Vec<PathBuf>,
    entries: BTreeMap<PathBuf, Entry>,
    may_change: Vec<PathBuf>,
    temp_dirs: Vec<PathBuf>,
}

fn hash_file(p: &Path) -> u64 {
    let mut h = DefaultHasher::new();
    h.write(&std::fs::read(p).unwrap_or_else(|e| panic!("read {}: {e}", p.display())));
    h.finish()
}

fn walk(dir: &Path, into: &mut BTreeMap<PathBuf, Entry>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        let Ok(md) = std::fs::symlink_metadata(&p) else {
            continue;
        };
        let ft = md.file_type();
        let entry = if ft.is_symlink() {
            Entry::Symlink(std::fs::read_link(&p).unwrap_or_default())
        } else if ft.is_dir() {
            walk(&p, into);
            Entry::Dir
        } else if ft.is_file() {
            Entry::File(hash_file(&p))
        } else {
            Entry::Other(format!("{ft:?}"))
        };
        into.insert(p, entry);
    }
}

fn snap(roots: &[&Path]) -> Snap {
    let mut entries = BTreeMap::new();
    for r in roots {
        walk(r, &mut entries);
    }
    Snap {
        roots: roots.iter().map(|r| r.to_path_buf()).collect(),
        entries,
        may_change: Vec::new(),
        temp_dirs: Vec::new(),
    }
}

impl Snap {
    /// This file may be written by the run (the output).
    fn allow(mut self, p: &Path) -> Self {
        self.may_change.push(p.to_owned());
        self
    }

    /// Also look for temp files (not recursively) in this folder.
    fn temp_dir(mut self, p: &Path) -> Self {
        self.temp_dirs.push(p.to_owned());
        self
    }

    /// Panics when a file that was there before changed, or a temp file is left.
    fn verify(&self, case: &str) {
        let mut now = BTreeMap::new();
        for r in &self.roots {
            walk(r, &mut now);
        }
        for (p, before) in &self.entries {
            if self.may_change.contains(p) {
                continue;
            }
            assert_eq!(
                now.get(p),
                Some(before),
                "{case}: input {} changed or vanished",
                p.display()
            );
        }
        let mut left: Vec<PathBuf> = now.keys().filter(|p| is_temp(p)).cloned().collect();
        for d in &self.temp_dirs {
            if let Ok(rd) = std::fs::read_dir(d) {
                left.extend(rd.flatten().map(|e| e.path()).filter(|p| is_temp(p)));
            }
        }
        assert!(left.is_empty(), "{case}: temp files left behind: {left:?}");
    }
}

fn is_temp(p: &Path) -> bool {
    let name = p.file_name().unwrap_or_default().to_string_lossy();
    name.contains(".jianbao") && name.ends_with(".tmp")
}

// ── the assertions ───────────────────────────────────────────────────────────

/// Asserts the exit code (one of `codes`; empty: any), that every needle is in stdout
/// or stderr (case-insensitive), that nothing panicked, that no input changed and no
/// temp file was left; prints the case's first message line.
fn expect(case: &str, out: &Out, codes: &[i32], needles: &[&str], snap: &Snap) {
    let all = &out.all;
    let low = all.to_lowercase();
    eprintln!("CASE | {case} | {} | {}", out.describe(), first_line(out));
    if !codes.is_empty() {
        assert!(
            out.code().is_some_and(|c| codes.contains(&c)),
            "{case}: exit {} (expected {codes:?})\n{all}",
            out.describe()
        );
    }
    for n in needles {
        assert!(
            low.contains(&n.to_lowercase()),
            "{case}: «{n}» not in the output:\n{all}"
        );
    }
    assert!(
        !low.contains("panicked") && !low.contains("internal error"),
        "{case}: {all}"
    );
    snap.verify(case);
}

/// Asserts that none of the strings is in stdout or stderr (case-insensitive).
fn refute(case: &str, out: &Out, strings: &[&str]) {
    let low = out.all.to_lowercase();
    for s in strings {
        assert!(
            !low.contains(&s.to_lowercase()),
            "{case}: «{s}» must not be in the output:\n{}",
            out.all
        );
    }
}

/// Asserts that every needle is in stderr (case-insensitive).
fn in_stderr(case: &str, out: &Out, needles: &[&str]) {
    let low = out.stderr.to_lowercase();
    for n in needles {
        assert!(
            low.contains(&n.to_lowercase()),
            "{case}: «{n}» not in stderr:\n{}",
            out.stderr
        );
    }
}

fn first_line(out: &Out) -> String {
    let stdout = if out.stdout.starts_with(b"%PDF") {
        String::new()
    } else {
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let line = out
        .stderr
        .lines()
        .chain(stdout.lines())
        .find(|l| !l.trim().is_empty() && !l.starts_with("note:"))
        .unwrap_or("");
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ── fixtures ─────────────────────────────────────────────────────────────────

/// MINIMAL_TOML (edited) and article a.txt with `article`.
fn issue_with(edit: impl Fn(&str) -> String, article: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let (dir, path) = write_issue(&edit(MINIMAL_TOML), &[]);
    std::fs::write(dir.path().join("a.txt"), article).unwrap();
    (dir, path)
}

fn plain() -> (tempfile::TempDir, PathBuf) {
    issue_with(|t| t.to_owned(), OK.as_bytes())
}

fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temp path")
}

fn font_file() -> PathBuf {
    repo().join("fonts/LiberationSerif-Regular.ttf")
}

#[cfg(unix)]
fn mkfifo(p: &Path) {
    let ok = Command::new("mkfifo").arg(p).status().expect("run mkfifo");
    assert!(ok.success(), "mkfifo {}", p.display());
}

#[cfg(unix)]
fn is_fifo(p: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_fifo())
}

fn complete_pdf(bytes: &[u8]) -> bool {
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |i| i + 1);
    bytes.starts_with(b"%PDF-") && bytes[..end].ends_with(b"%%EOF")
}

/// A copy of the sample issue's folder (its regular files).
fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = sample_issue().parent().unwrap().to_owned();
    for e in std::fs::read_dir(&src).unwrap().flatten() {
        let p = e.path();
        if p.is_file() && p.extension().is_none_or(|x| x != "pdf") {
            std::fs::copy(&p, dir.path().join(e.file_name())).unwrap();
        }
    }
    dir
}

// ── PNGs written by hand ─────────────────────────────────────────────────────

fn crc32(data: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in data {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}

fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    png.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = png.len();
    png.extend_from_slice(kind);
    png.extend_from_slice(data);
    let crc = crc32(&png[start..]);
    png.extend_from_slice(&crc.to_be_bytes());
}

/// A zlib stream of one stored block.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let len = data.len() as u16;
    let mut z = vec![0x78, 0x01, 0x01];
    z.extend_from_slice(&len.to_le_bytes());
    z.extend_from_slice(&(!len).to_le_bytes());
    z.extend_from_slice(data);
    let (mut a, mut b) = (1u32, 0u32);
    for &x in data {
        a = (a + u32::from(x)) % 65521;
        b = (b + a) % 65521;
    }
    z.extend_from_slice(&((b << 16) | a).to_be_bytes());
    z
}

/// An 8-bit grey PNG of the given size with the given image data and, optionally, a
/// pHYs chunk of `ppm` pixels a metre.
fn png(width: u32, height: u32, ppm: Option<u32>, idat: &[u8]) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &ihdr);
    if let Some(ppm) = ppm {
        let mut phys = Vec::new();
        phys.extend_from_slice(&ppm.to_be_bytes());
        phys.extend_from_slice(&ppm.to_be_bytes());
        phys.push(1);
        chunk(&mut png, b"pHYs", &phys);
    }
    chunk(&mut png, b"IDAT", idat);
    chunk(&mut png, b"IEND", &[]);
    png
}

// ── 1–4: the output never destroys an input ──────────────────────────────────

#[test]
fn output_onto_an_input_is_refused() {
    let (d, _) = plain();
    let dir = d.path();
    let f = dir.join("f");
    std::fs::create_dir(&f).unwrap();
    std::fs::copy(font_file(), f.join("LiberationSerif-Regular.ttf")).unwrap();

    let cases: [(&str, &[&str]); 3] = [
        (
            "-o issue.toml",
            &["build", "issue.toml", "-o", "issue.toml"],
        ),
        (
            "-o a.txt (the article)",
            &["build", "issue.toml", "-o", "a.txt"],
        ),
        (
            "--pdfa -o issue.toml",
            &["build", "issue.toml", "--pdfa", "-o", "issue.toml"],
        ),
    ];
    for (case, args) in cases {
        let before = snap(&[dir]);
        let out = run(dir, args, LIMIT);
        expect(case, &out, &[1], &["input"], &before);
    }

    let before = snap(&[dir]);
    let out = run(
        dir,
        &[
            "build",
            "issue.toml",
            "--font-dir",
            "f",
            "-o",
            "f/LiberationSerif-Regular.ttf",
        ],
        LIMIT,
    );
    expect("-o onto a font of --font-dir", &out, &[1], &[], &before);
}

#[test]
fn default_output_that_is_the_input_is_refused() {
    let (d, issue) = plain();
    let dir = d.path();
    std::fs::copy(&issue, dir.join("i.pdf")).unwrap();
    let before = snap(&[dir]);
    let out = run(dir, &["build", "i.pdf"], LIMIT);
    expect("build i.pdf (output = input)", &out, &[1], &[], &before);
}

#[cfg(unix)]
#[test]
fn output_that_is_a_fifo_or_a_folder_is_refused() {
    let (d, _) = plain();
    let dir = d.path();
    let fifo = dir.join("out.fifo");
    mkfifo(&fifo);
    let before = snap(&[dir]);
    let out = run(dir, &["build", "issue.toml", "-o", "out.fifo"], 30);
    expect("-o a FIFO", &out, &[1], &["not a regular file"], &before);
    assert!(is_fifo(&fifo), "the FIFO was replaced");

    std::fs::create_dir(dir.join("sub")).unwrap();
    let before = snap(&[dir]);
    let out = run(dir, &["build", "issue.toml", "-o", "sub"], LIMIT);
    expect("-o a folder", &out, &[1], &["folder"], &before);
    assert!(dir.join("sub").is_dir());
}

#[test]
fn output_to_stdout() {
    let (d, _) = plain();
    let dir = d.path();
    let before = snap(&[dir]);
    let out = run(dir, &["build", "issue.toml", "-o", "-"], LIMIT);
    expect("-o -", &out, &[0], &[], &before);
    assert!(out.stdout.starts_with(b"%PDF-"), "-o -: no PDF on stdout");
    assert!(
        std::fs::symlink_metadata(dir.join("-")).is_err(),
        "-o - created a file named -"
    );

    #[cfg(unix)]
    {
        let before = snap(&[dir]).temp_dir(Path::new("/dev"));
        let out = run(dir, &["build", "issue.toml", "-o", "/dev/stdout"], LIMIT);
        expect("-o /dev/stdout (a pipe)", &out, &[0], &[], &before);
        assert!(
            out.stdout.starts_with(b"%PDF-"),
            "-o /dev/stdout: no PDF on stdout"
        );
    }
}

// ── 5–6: check --fix ─────────────────────────────────────────────────────────

#[cfg(unix)]
#[test]
fn fix_leaves_a_read_only_article_alone() {
    use std::os::unix::fs::PermissionsExt;
    let (d, _) = issue_with(|t| t.to_owned(), "全国,人大。\n".as_bytes());
    let dir = d.path();
    let a = dir.join("a.txt");
    std::fs::set_permissions(&a, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = snap(&[dir]);
    let out = run(dir, &["check", "issue.toml", "--fix"], LIMIT);
    expect(
        "check --fix on a read-only article",
        &out,
        // An error, not a finding: check exits 2.
        &[2],
        &["read-only"],
        &before,
    );
    assert_eq!(std::fs::read(&a).unwrap(), "全国,人大。\n".as_bytes());
}

#[cfg(unix)]
#[test]
fn fix_does_not_follow_a_dangling_backup_symlink() {
    let original = "全国,人大。\n";
    let (d, _) = issue_with(|t| t.to_owned(), original.as_bytes());
    let dir = d.path();
    let other = tempfile::tempdir().unwrap();
    let outside = other.path().join("outside.txt");
    let bak = dir.join("a.txt.bak");
    std::os::unix::fs::symlink(&outside, &bak).unwrap();
    let a = dir.join("a.txt");
    let before = snap(&[dir, other.path()]).allow(&a);
    let out = run(dir, &["check", "issue.toml", "--fix"], LIMIT);
    expect(
        "check --fix with a dangling a.txt.bak symlink",
        &out,
        &[0, 1],
        &[],
        &before,
    );
    assert!(
        std::fs::symlink_metadata(&outside).is_err(),
        "--fix wrote through the symlink to {}",
        outside.display()
    );
    let md = std::fs::symlink_metadata(&bak).unwrap();
    assert!(
        md.file_type().is_symlink(),
        "a.txt.bak is no longer a symlink"
    );
    assert_eq!(std::fs::read_link(&bak).unwrap(), outside);
    let fixed = std::fs::read_to_string(&a).unwrap();
    assert!(fixed.contains("全国，人大"), "a.txt not fixed: {fixed}");
    let backups: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with("a.txt.bak") && n != "a.txt.bak"
        })
        .filter(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_file()))
        .collect();
    assert!(
        backups
            .iter()
            .any(|p| std::fs::read(p).unwrap() == original.as_bytes()),
        "no backup with the original bytes under another name: {backups:?}"
    );
}

// ── 7–10: files that would hang a read ───────────────────────────────────────

#[cfg(unix)]
#[test]
fn article_that_is_a_fifo() {
    let (d, _) = write_issue(MINIMAL_TOML, &[]);
    let dir = d.path();
    mkfifo(&dir.join("a.txt"));
    let before = snap(&[dir]);
    let out = run(dir, &["build", "issue.toml"], 10);
    expect(
        "article is a FIFO",
        &out,
        &[1],
        &["not a regular file"],
        &before,
    );
}

#[cfg(unix)]
#[test]
fn article_that_is_dev_urandom() {
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"/dev/urandom\"");
    let (d, _) = write_issue(&toml, &[]);
    let dir = d.path();
    let before = snap(&[dir]);
    let out = run(dir, &["build", "issue.toml"], 10);
    expect("file = /dev/urandom", &out, &[1], &["outside"], &before);

    std::fs::write(
        dir.join("issue.toml"),
        format!("allow_outside = true\n{toml}"),
    )
    .unwrap();
    let before = snap(&[dir]);
    let out = run(dir, &["build", "issue.toml"], 10);
    expect(
        "file = /dev/urandom, allow_outside",
        &out,
        &[1],
        &["not a regular file"],
        &before,
    );
}

#[cfg(unix)]
#[test]
fn font_dir_with_loops_and_a_fifo() {
    let (d, _) = plain();
    let dir = d.path();
    let f = dir.join("f");
    std::fs::create_dir(&f).unwrap();
    std::os::unix::fs::symlink(&f, f.join("loop")).unwrap();
    std::os::unix::fs::symlink("self", f.join("self")).unwrap();
    mkfifo(&f.join("x.ttf"));
    let before = snap(&[dir]).allow(&dir.join("issue.pdf"));
    let out = run(dir, &["build", "issue.toml", "--font-dir", "f"], LIMIT);
    expect(
        "--font-dir with symlink loops and a FIFO x.ttf",
        &out,
        &[0],
        &[],
        &before,
    );
    assert!(is_fifo(&f.join("x.ttf")));
}

#[cfg(unix)]
#[test]
fn font_dir_proc() {
    let (d, _) = plain();
    let dir = d.path();
    let before = snap(&[dir]).allow(&dir.join("issue.pdf"));
    let out = run(dir, &["build", "issue.toml", "--font-dir", "/proc"], LIMIT);
    expect("--font-dir /proc", &out, &[0], &[], &before);
}

// ── 11–13: numbers and sizes from the input ──────────────────────────────────

#[test]
fn proof_with_a_huge_page_range() {
    let (d, _) = plain();
    let dir = d.path();
    let before = snap(&[dir]);
    let out = run(
        dir,
        &[
            "proof",
            "issue.toml",
            "--pages",
            "1-99999999999",
            "-o",
            "proofs",
        ],
        30,
    );
    expect(
        "proof --pages 1-99999999999",
        &out,
        &[1],
        &["page"],
        &before,
    );
}

#[test]
fn compare_with_hostile_references() {
    let (d, _) = plain();
    let dir = d.path();
    let before = snap(&[dir]);
    let out = run(
        dir,
        &[
            "compare",
            "issue.toml",
            "--reference",
            "R",
            "--update",
            "--yes",
        ],
        LIMIT,
    );
    expect(
        "compare --update --yes (make the references)",
        &out,
        &[0],
        &[],
        &before,
    );
    let page1 = dir.join("R/page-1.png");
    assert!(page1.is_file(), "no R/page-1.png");
    let debug_text = ["Format(", "{ kind:"];
    let compare = ["compare", "issue.toml", "--reference", "R", "-o", "diff"];

    // (a) a valid 1×1 PNG at 4,000,000 px/m ≈ 101,600 dpi.
    std::fs::write(&page1, png(1, 1, Some(4_000_000), &zlib_stored(&[0, 0]))).unwrap();
    let before = snap(&[dir]);
    let out = run(dir, &compare, 30);
    expect(
        "compare: a reference at 101600 dpi",
        &out,
        &[2],
        &["dpi"],
        &before,
    );
    refute("compare: a reference at 101600 dpi", &out, &debug_text);

    // (b) a PNG that says it is 2,000,000 × 2,000,000 pixels.
    let garbage = zlib_stored(&[0; 64]);
    std::fs::write(&page1, png(2_000_000, 2_000_000, None, &garbage)).unwrap();
    let before = snap(&[dir]);
    let out = run(dir, &compare, 30);
    expect(
        "compare: a reference of 2000000×2000000 px",
        &out,
        &[2],
        &[],
        &before,
    );
    refute("compare: 2000000×2000000", &out, &debug_text);

    // (c) not a PNG at all.
    std::fs::write(&page1, b"not a png").unwrap();
    let before = snap(&[dir]);
    let out = run(dir, &compare, 30);
    expect(
        "compare: a reference that is not a PNG",
        &out,
        &[2],
        &[],
        &before,
    );
    refute("compare: not a PNG", &out, &debug_text);
}

#[test]
fn article_over_the_size_limit() {
    // 10 bytes a line: 22,020,100 bytes, over 21 MiB.
    let big = OK.repeat(21 * 1024 * 1024 / 10 + 1);
    let (d, _) = issue_with(|t| t.to_owned(), big.as_bytes());
    drop(big);
    let dir = d.path();
    let before = snap(&[dir]);
    let out = run(dir, &["build", "issue.toml"], LIMIT);
    expect("a 21 MB article", &out, &[1], &["MB"], &before);
    assert!(!dir.join("issue.pdf").exists());
}

#[test]
fn article_over_the_page_limit() {
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.md\"");
    let md = "1. 正文\n".repeat(100_000);
    let (d, _) = write_issue(&toml, &[("a.md", &md)]);
    let dir = d.path();
    let before = snap(&[dir]);
    let out = run(dir, &["build", "issue.toml"], LIMIT);
    expect(
        "100,000 list items (over the page limit)",
        &out,
        &[1],
        &["pages"],
        &before,
    );
    assert!(!dir.join("issue.pdf").exists());
}

// ── 14–17: nothing is lost silently ──────────────────────────────────────────

#[test]
fn style_values_that_leave_no_room() {
    let cases = [
        (
            "[style.page] top = 290mm",
            "[style.page]\ntop = \"290mm\"\n",
        ),
        ("[style.page] lines = 0", "[style.page]\nlines = 0\n"),
        (
            "[style.fonts.body] size = 160pt",
            "[style.fonts.body]\nsize = \"160pt\"\n",
        ),
    ];
    for (case, extra) in cases {
        let (d, _) = issue_with(|t| format!("{t}\n{extra}"), OK.as_bytes());
        let dir = d.path();
        let before = snap(&[dir]);
        let out = run(dir, &["build", "issue.toml"], LIMIT);
        expect(case, &out, &[1], &[], &before);
        in_stderr(case, &out, &["issue.toml:"]);
        assert!(!dir.join("issue.pdf").exists(), "{case}: a PDF was written");
    }
}

#[test]
fn control_characters_in_an_article() {
    let (d, _) = issue_with(
        |t| t.to_owned(),
        "第一\x0B第二\x0C第三\x1B第四。\n".as_bytes(),
    );
    let dir = d.path();
    let pdf = dir.join("issue.pdf");
    let before = snap(&[dir]).allow(&pdf);
    let out = run(dir, &["build", "issue.toml"], LIMIT);
    let case = "VT, FF, ESC in a .txt article";
    expect(case, &out, &[0], &[], &before);
    in_stderr(case, &out, &["control character", "a.txt:1:"]);
    if tool("pdftotext") {
        let text = squash(&body_text(&pdf));
        assert!(text.contains("第一第二第三第四"), "{case}: PDF text {text}");
    }
}

#[test]
fn zero_width_characters_in_an_article() {
    // WeChat copies carry zero-width spaces: they went into the PDF's text
    // (社区\u{200b}志愿者), silently.
    let (d, _) = issue_with(
        |t| t.to_owned(),
        "社区\u{200B}志愿者\u{2060}上门\u{FEFF}服务\u{200D}。\n".as_bytes(),
    );
    let dir = d.path();
    let pdf = dir.join("issue.pdf");
    let out = run(dir, &["build", "issue.toml"], LIMIT);
    let case = "zero-width characters in a .txt article";
    assert_eq!(out.status.code(), Some(0), "{case}");
    in_stderr(case, &out, &["zero-width mark", "a.txt:1:3", "U+200B"]);
    if tool("pdftotext") {
        let text = body_text(&pdf);
        assert!(
            text.contains("社区志愿者上门服务。"),
            "{case}: PDF text {text:?}"
        );
    }
}

/// A picture's place-holder (U+FFFC, where a picture stood in the text copied) printed
/// as a box with OBJ in it, and the line and paragraph separators (U+2028, U+2029)
/// stopped the build as characters no font has (QA12 B 07, 18). The place-holder goes,
/// said; the separators are the line ends they are.
#[test]
fn a_pictures_place_holder_and_the_line_separators_in_an_article() {
    let (d, _) = issue_with(
        |t| t.to_owned(),
        "会议现场\u{FFFC}与会人员认真听取报告。\u{2028}第二段。\u{2029}第三段。\n".as_bytes(),
    );
    let dir = d.path();
    let pdf = dir.join("issue.pdf");
    let out = run(dir, &["build", "issue.toml"], LIMIT);
    let case = "U+FFFC, U+2028, U+2029 in a .txt article";
    assert_eq!(out.status.code(), Some(0), "{case}");
    in_stderr(case, &out, &["picture place-holder", "a.txt:1:5", "U+FFFC"]);
    if tool("pdftotext") {
        let text = body_text(&pdf);
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        for want in ["会议现场与会人员认真听取报告。", "第二段。", "第三段。"]
        {
            assert!(lines.contains(&want), "{case}: {want} in {lines:?}");
        }
    }
}

/// A replacement character (U+FFFD, where a program could not read a character) is
/// said to be a lost character, not a character to find a font for (QA12 B 18).
#[test]
fn a_replacement_character_is_said_to_be_a_lost_character() {
    let (d, _) = issue_with(|t| t.to_owned(), "会议\u{FFFD}现场。\n".as_bytes());
    let out = run(d.path(), &["build", "issue.toml"], LIMIT);
    let case = "U+FFFD in a .txt article";
    assert_eq!(out.status.code(), Some(1), "{case}");
    in_stderr(
        case,
        &out,
        &[
            "the character is lost",
            "a.txt:1:3",
            "type the lost characters",
        ],
    );
    assert!(!out.stderr.contains("--font-dir"), "{case}: {}", out.stderr);
}

#[test]
fn emoji_presentation_selectors_in_an_article() {
    // WeChat's ☀️ is ☀ and U+FE0F: the selector stayed in the PDF's text after the
    // symbol printed. It goes, with nothing said (nothing printed changes).
    let (d, _) = issue_with(
        |t| t.to_owned(),
        "今日天气晴\u{2600}\u{FE0F}，值班电话\u{260E}\u{FE0E}。\n".as_bytes(),
    );
    let dir = d.path();
    let pdf = dir.join("issue.pdf");
    let out = run(dir, &["build", "issue.toml"], LIMIT);
    let case = "emoji presentation selectors in a .txt article";
    assert_eq!(out.status.code(), Some(0), "{case}");
    let err = &out.stderr;
    assert!(!err.contains("zero-width"), "{case}: {err}");
    if tool("pdftotext") {
        let text = body_text(&pdf);
        assert!(
            text.contains("今日天气晴\u{2600}，值班电话\u{260E}。"),
            "{case}: PDF text {text:?}"
        );
    }
}

/// An emoji no font has (a WeChat paste's 🎉): the build stops, and the help says to
/// delete it, not first to add a font (QA16 J 05).
#[test]
fn an_emoji_no_font_has_is_said_to_be_deleted() {
    let (d, _) = issue_with(
        |t| t.to_owned(),
        "🎉中秋佳节来临之际，社区开展主题活动😊。\n".as_bytes(),
    );
    let dir = d.path();
    let before = snap(&[dir]);
    let out = run(dir, &["build", "issue.toml"], LIMIT);
    let case = "an emoji in a .txt article";
    expect(case, &out, &[1], &[], &before);
    in_stderr(case, &out, &["U+1F389", "it is an emoji", "delete it"]);
    assert!(
        !out.stderr.contains("--font-dir DIR"),
        "{case}: {}",
        out.stderr
    );
}

#[test]
fn control_character_in_the_issue_file() {
    let (d, _) = issue_with(
        |t| t.replace("byline = \"测试处 供稿\"", r#"byline = "张\u0000三""#),
        OK.as_bytes(),
    );
    let dir = d.path();
    assert!(
        std::fs::read_to_string(dir.join("issue.toml"))
            .unwrap()
            .contains(r"\u0000")
    );
    let before = snap(&[dir]);
    let out = run(dir, &["build", "issue.toml"], LIMIT);
    let case = "byline with \\u0000";
    expect(case, &out, &[1], &[], &before);
    in_stderr(case, &out, &["issue.toml:", "control character"]);
}

#[test]
fn html_and_footnotes_in_markdown() {
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.md\"");
    let md = "<div>会议纪要</div>\n\n正文<br>续行[^1]。\n\n[^1]: 注释内容。\n";
    let (d, _) = write_issue(&toml, &[("a.md", md)]);
    let dir = d.path();
    let pdf = dir.join("issue.pdf");
    let before = snap(&[dir]).allow(&pdf);
    let out = run(dir, &["build", "issue.toml"], LIMIT);
    let case = "HTML block, <br> and a footnote in .md";
    expect(case, &out, &[0], &[], &before);
    in_stderr(case, &out, &["HTML"]);
    if tool("pdftotext") {
        let text = squash(&body_text(&pdf));
        assert!(text.contains("会议纪要"), "{case}: HTML block lost: {text}");
        assert!(text.contains("注释内容"), "{case}: footnote lost: {text}");
    }
}

// ── 18–19: signals and temp files ────────────────────────────────────────────

#[cfg(unix)]
#[test]
fn sigterm_during_a_build() {
    let d = sample_copy();
    let dir = d.path();
    let pdf = dir.join("issue.pdf");
    let before = snap(&[dir]);
    let out = run(dir, &["build", "issue.toml"], 120);
    expect("sample build (before SIGTERM)", &out, &[0], &[], &before);
    let good = std::fs::read(&pdf).unwrap();
    for i in 0..10u64 {
        let case = format!("SIGTERM after {} ms", i * 20);
        let before = snap(&[dir]).allow(&pdf);
        let out = run_signal(
            dir,
            &["build", "issue.toml"],
            120,
            Some((Duration::from_millis(i * 20), "TERM")),
        );
        expect(&case, &out, &[], &[], &before);
        let now = std::fs::read(&pdf).unwrap();
        assert!(
            now == good || complete_pdf(&now),
            "{case}: issue.pdf is neither the earlier PDF nor a complete one"
        );
    }
}

#[cfg(unix)]
#[test]
fn sigkill_during_a_build() {
    let d = sample_copy();
    let dir = d.path();
    let pdf = dir.join("issue.pdf");
    let before = snap(&[dir]);
    let out = run(dir, &["build", "issue.toml"], 120);
    expect("sample build (before SIGKILL)", &out, &[0], &[], &before);
    let good = std::fs::read(&pdf).unwrap();
    let took = Duration::from_secs_f64(out.secs);
    let inputs = snap(&[dir]).allow(&pdf);
    for i in 0..20u32 {
        let after = took * i / 20;
        let out = run_signal(dir, &["build", "issue.toml"], 120, Some((after, "KILL")));
        let case = format!("SIGKILL after {} ms", after.as_millis());
        eprintln!("CASE | {case} | {} | {}", out.describe(), first_line(&out));
        assert!(!out.all.contains("panicked"), "{case}: {}", out.all);
        let now = std::fs::read(&pdf).unwrap();
        assert!(
            now == good,
            "{case}: issue.pdf differs from the earlier PDF (complete: {})",
            complete_pdf(&now)
        );
    }
    // Temp files of killed builds may be there now; the next build sweeps them.
    let out = run(dir, &["build", "issue.toml"], 120);
    expect("build after the kills", &out, &[0], &[], &inputs);
    assert_eq!(std::fs::read(&pdf).unwrap(), good);
}

// ── 20–27: messages ──────────────────────────────────────────────────────────

#[test]
fn cmyk_value_over_100() {
    let (d, _) = issue_with(
        |t| format!("{t}\n[print]\nred = {{ cmyk = [0, 150, 100, 0] }}\n"),
        OK.as_bytes(),
    );
    let dir = d.path();
    let before = snap(&[dir]);
    let out = run(dir, &["build", "issue.toml"], LIMIT);
    let case = "[print] red cmyk 150";
    expect(case, &out, &[1], &[], &before);
    in_stderr(case, &out, &["issue.toml:", "100"]);
}

#[test]
fn surrogate_escape_in_the_issue_file() {
    let (d, _) = issue_with(
        |t| t.replace("title = \"测试简报\"", r#"title = "\uD800""#),
        OK.as_bytes(),
    );
    let dir = d.path();
    let before = snap(&[dir]);
    let out = run(dir, &["build", "issue.toml"], LIMIT);
    let case = "title = \"\\uD800\"";
    expect(case, &out, &[1], &[], &before);
    refute(case, &out, &["whole number"]);
}

#[test]
fn output_in_a_folder_that_cannot_be() {
    let (d, _) = plain();
    let dir = d.path();
    let outdir = tempfile::tempdir().unwrap();
    let case = "-o an existing folder";
    let before = snap(&[dir, outdir.path()]);
    let out = run(dir, &["build", "issue.toml", "-o", s(outdir.path())], LIMIT);
    expect(case, &out, &[1], &["folder"], &before);
    refute(case, &out, &[".jianbao-"]);

    std::fs::write(dir.join("plain"), b"x").unwrap();
    let case = "-o under a regular file";
    let before = snap(&[dir]);
    let out = run(dir, &["build", "issue.toml", "-o", "plain/x.pdf"], LIMIT);
    expect(case, &out, &[1], &[], &before);
    refute(case, &out, &[".jianbao-"]);
}

#[test]
fn big5_article() {
    // 會議紀要：全體委員出席會議。 in Big5 (checked with iconv -f BIG5).
    let big5: &[u8] = b"\xb7\x7c\xc4\xb3\xac\xf6\xad\x6e\xa1\x47\xa5\xfe\xc5\xe9\xa9\x65\
                        \xad\xfb\xa5\x58\xae\x75\xb7\x7c\xc4\xb3\xa1\x43\n";
    let (d, _) = issue_with(|t| t.to_owned(), big5);
    let dir = d.path();
    let before = snap(&[dir]).allow(&dir.join("issue.pdf"));
    let out = run(dir, &["build", "issue.toml"], LIMIT);
    let case = "a Big5 article";
    expect(case, &out, &[0], &[], &before);
    in_stderr(case, &out, &["Big5"]);
}

#[test]
fn dotted_key_200_deep() {
    let key = ["a"; 200].join(".");
    let (d, _) = issue_with(
        |t| t.replace("[bulletin]\n", &format!("[bulletin]\n{key} = 1\n")),
        OK.as_bytes(),
    );
    let dir = d.path();
    let before = snap(&[dir]);
    let out = run(dir, &["build", "issue.toml"], LIMIT);
    let case = "a dotted key 200 deep";
    expect(case, &out, &[1], &[], &before);
    in_stderr(case, &out, &["issue.toml"]);
}

#[test]
fn negative_bleed() {
    let (d, _) = plain();
    let dir = d.path();
    let before = snap(&[dir]);
    let out = run(dir, &["build", "issue.toml", "--bleed", "-3mm"], LIMIT);
    let case = "--bleed -3mm";
    expect(case, &out, &[1], &["bleed"], &before);
    refute(case, &out, &["-- -3"]);
}

#[cfg(unix)]
#[test]
fn article_that_is_a_symlink_loop() {
    let (d, _) = write_issue(MINIMAL_TOML, &[]);
    let dir = d.path();
    std::os::unix::fs::symlink("a.txt", dir.join("a.txt")).unwrap();
    let before = snap(&[dir]);
    let out = run(dir, &["build", "issue.toml"], LIMIT);
    let case = "a.txt -> a.txt";
    expect(case, &out, &[1], &["loop"], &before);
    refute(case, &out, &["permission"]);
}

#[test]
fn article_outside_the_issue_folder() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("issue");
    std::fs::create_dir(&dir).unwrap();
    std::fs::create_dir(root.path().join("other")).unwrap();
    std::fs::write(root.path().join("other/x.txt"), OK).unwrap();
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"../other/x.txt\"");
    std::fs::write(dir.join("issue.toml"), &toml).unwrap();

    let before = snap(&[root.path()]);
    let out = run(&dir, &["build", "issue.toml"], LIMIT);
    expect("file = ../other/x.txt", &out, &[1], &["outside"], &before);
    assert!(!dir.join("issue.pdf").exists());

    std::fs::write(
        dir.join("issue.toml"),
        format!("allow_outside = true\n{toml}"),
    )
    .unwrap();
    let before = snap(&[root.path()]).allow(&dir.join("issue.pdf"));
    let out = run(&dir, &["build", "issue.toml"], LIMIT);
    expect(
        "file = ../other/x.txt, allow_outside",
        &out,
        &[0],
        &[],
        &before,
    );
}

// ── 28–29: a font rewritten under the build; a long title ────────────────────

#[cfg(unix)]
#[test]
fn font_rewritten_during_the_build() {
    let (d, _) = issue_with(
        |t| {
            t.replace(
                "[issue]",
                "[style.fonts]\nlatin = [\"Liberation Serif\"]\n\n[issue]",
            )
        },
        "正文 Text 123。\n".as_bytes(),
    );
    let dir = d.path();
    let f = dir.join("f");
    std::fs::create_dir(&f).unwrap();
    let font = f.join("LiberationSerif-Regular.ttf");
    let bytes = std::fs::read(font_file()).unwrap();
    std::fs::write(&font, &bytes).unwrap();
    for i in 0..5 {
        let (p, b) = (font.clone(), bytes.clone());
        let writer = std::thread::spawn(move || {
            for _ in 0..200 {
                std::fs::write(&p, &b).unwrap();
                std::thread::sleep(Duration::from_millis(1));
            }
        });
        let out = run(dir, &["build", "issue.toml", "--font-dir", "f"], LIMIT);
        writer.join().unwrap();
        let case = format!("font rewritten during the build, try {}", i + 1);
        eprintln!("CASE | {case} | {} | {}", out.describe(), first_line(&out));
        assert!(
            out.code().is_some_and(|c| (0..=2).contains(&c)),
            "{case}: ended by {} (not an exit code 0, 1 or 2)\n{}",
            out.describe(),
            out.all
        );
        assert!(!out.all.contains("panicked"), "{case}: {}", out.all);
    }
    assert_eq!(std::fs::read(&font).unwrap(), bytes);
}

#[test]
fn title_of_20000_characters() {
    let title = "标题".repeat(10_000);
    let (d, _) = issue_with(
        |t| t.replace("title = \"测试标题\"", &format!("title = \"{title}\"")),
        OK.as_bytes(),
    );
    let dir = d.path();
    let before = snap(&[dir]).allow(&dir.join("issue.pdf"));
    let out = run(dir, &["build", "issue.toml"], LIMIT);
    // Refused at once with its place (it used to take 12 s of layout, and 1.2 s of a
    // quadratic check before that, to print a wall of centred text).
    expect(
        "a title of 20,000 characters",
        &out,
        &[1],
        &["issue.toml:", "at most 300"],
        &before,
    );
    assert!(out.secs < 20.0, "took {:.1} s", out.secs);
    let out = run(dir, &["check", "issue.toml"], LIMIT);
    expect(
        "check: a title of 20,000 characters",
        &out,
        &[2],
        &["at most 300"],
        &before,
    );
}

#[cfg(unix)]
#[test]
fn output_to_dev_stdout_redirected_to_a_file() {
    // `jianbao build … -o /dev/stdout > out.pdf`: streamed, never written by name (a
    // rename over /dev/stdout would replace the system's link).
    let (d, _) = plain();
    let dir = d.path();
    let out_file = dir.join("redirected.pdf");
    let status = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .current_dir(dir)
        .args(["build", "issue.toml", "-o", "/dev/stdout"])
        .stdout(Stdio::from(std::fs::File::create(&out_file).unwrap()))
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    assert!(std::fs::read(&out_file).unwrap().starts_with(b"%PDF-"));
    let link = std::fs::symlink_metadata("/dev/stdout").unwrap();
    assert!(link.file_type().is_symlink(), "/dev/stdout is still a link");
}
