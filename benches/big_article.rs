//! Big articles: an issue with one article of 0.5, 1 and 2 MB (the sample issue's
//! paragraphs repeated), built end to end into a PDF, checked, and read into the model.
//! The time should grow in proportion to the size.
//!
//! ```sh
//! cargo bench --bench big_article                 # release profile
//! cargo bench --bench big_article --profile dev   # reuses the test build (deps at -O2)
//! ```

use std::path::{Path, PathBuf};

use divan::Bencher;

fn main() {
    divan::main();
}

const SIZES_KIB: [usize; 3] = [512, 1024, 2048];

/// The sample issue's paragraphs, repeated to `kib` KiB, one paragraph a line.
fn article(kib: usize) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("issues/lianluo-dongtai-2018-19");
    let mut paragraphs = Vec::new();
    for f in ["01-fawu-yidengjiang.txt", "02-jianyi-banli.txt"] {
        let text = std::fs::read_to_string(dir.join(f)).expect("sample article");
        paragraphs.extend(
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_owned),
        );
    }
    let mut out = String::with_capacity(kib * 1024 + 4096);
    let mut i = 0;
    while out.len() < kib * 1024 {
        out.push_str(&paragraphs[i % paragraphs.len()]);
        out.push('\n');
        i += 1;
    }
    out
}

/// An issue directory with the article.
fn issue(kib: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), article(kib)).unwrap();
    let toml = "[bulletin]\ntitle = \"联络动态\"\nunit = \"湖南省人大常委会选举任免联络工作委员会编\"\n\n[issue]\nnumber = 19\ntotal = 563\ndate = 2018-07-04\n\n[[article]]\ntitle = \"长文章\"\nfile = \"a.txt\"\n";
    let path = dir.path().join("issue.toml");
    std::fs::write(&path, toml).unwrap();
    (dir, path)
}

/// The whole build: read, model, fonts, Typst layout, missing-glyph walk, PDF, write
/// (what `pipeline::build` does, stage by stage so that each stage's time is printed).
#[divan::bench(args = SIZES_KIB, sample_count = 3, sample_size = 1)]
fn build(bencher: Bencher, kib: usize) {
    use jianbao::pipeline;
    use std::time::Instant;
    bencher
        .with_inputs(|| {
            comemo::evict(0);
            issue(kib)
        })
        .bench_local_values(|(dir, path)| {
            let ms = |t: Instant| t.elapsed().as_secs_f64() * 1000.0;
            let t = Instant::now();
            let opts = pipeline::BuildOptions {
                issue: path,
                ..Default::default()
            };
            let prepared = pipeline::prepare(&opts).unwrap_or_else(|e| panic!("{}", e.render(false)));
            let t_prepare = ms(t);
            let t = Instant::now();
            let laid = pipeline::lay_out(&prepared).unwrap_or_else(|e| panic!("{}", e.render(false)));
            let t_layout = ms(t);
            let t = Instant::now();
            let pdf = jianbao::output::pdf(&laid.document, &prepared.issue, false).unwrap();
            jianbao::output::files::write_atomic(&dir.path().join("out.pdf"), &pdf).unwrap();
            let t_pdf = ms(t);
            eprintln!(
                "  build {kib} KiB: {} pages, {} KiB PDF; read+model+fonts {t_prepare:.0} ms, layout+glyph check {t_layout:.0} ms, PDF+write {t_pdf:.0} ms",
                laid.document.pages().len(),
                pdf.len() / 1024,
            );
            dir
        });
}

/// `jianbao check` (reading, decoding, model, punctuation scan).
#[divan::bench(args = SIZES_KIB, sample_count = 5, sample_size = 1)]
fn check(bencher: Bencher, kib: usize) {
    bencher
        .with_inputs(|| issue(kib))
        .bench_local_values(|(dir, path)| {
            let report = jianbao::proofread::check::check(&path).unwrap();
            divan::black_box(report.findings.len());
            dir
        });
}

/// Reading the issue and the article into the model (no fonts, no layout).
#[divan::bench(args = SIZES_KIB, sample_count = 5, sample_size = 1)]
fn model(bencher: Bencher, kib: usize) {
    bencher
        .with_inputs(|| issue(kib))
        .bench_local_values(|(dir, path)| {
            let (issue, _) = jianbao::model::load(&path).unwrap();
            divan::black_box(issue.articles[0].blocks.len());
            dir
        });
}
