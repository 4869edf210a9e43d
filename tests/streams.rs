//! The reports that open with an overview, totals or rule descriptors (Markdown, HTML, JUnit,
//! SARIF) are written while the files are checked (issue 15, "flat memory"): streamed file by
//! file they give the same bytes as the whole report written at once, and what a stream holds
//! while the files come in does not grow with their findings: a row of the overview and a few
//! counts per file, never the file's report.

use std::alloc::{GlobalAlloc, Layout as Allocation, System};
use std::cell::Cell;

use stocheck::messages::Lang;
use stocheck::regeling::Registry;
use stocheck::report::Meta;
use stocheck::report::formats::by_name;
use stocheck::report::model::FileReport;
use stocheck::report::writer::{Detail, Layout};
use stocheck::run::{FailOn, Options};

/// Counts the bytes live on the current thread: what the thread allocated and has not freed.
/// Per thread, so the other tests of this binary, running alongside, do not disturb the count.
struct Counting;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
}

fn count(bytes: isize) {
    // During thread teardown the counter may be gone; nothing to count then.
    let _ = LIVE.try_with(|l| l.set(l.get() + bytes));
}

fn live() -> isize {
    LIVE.with(|l| l.get())
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Allocation) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            count(layout.size() as isize);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Allocation) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            count(layout.size() as isize);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Allocation) {
        unsafe { System.dealloc(ptr, layout) };
        count(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Allocation, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            count(new_size as isize - layout.size() as isize);
        }
        p
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// The formats that open with an overview, totals or rule descriptors.
const FORMATS: [&str; 4] = ["markdown", "html", "junit", "sarif"];

fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn options() -> Options {
    Options { peildatum: stocheck::run::parse_peildatum("2025-01-01").unwrap(), fail_on: FailOn::Fail, no_waivers: false }
}

/// Every example checked, with their attachments, in the order of a run over `examples/`; and a
/// file that cannot be read, for the load errors.
fn examples() -> &'static [FileReport] {
    static R: std::sync::OnceLock<Vec<FileReport>> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        let reg = Registry::load(&[]).expect("built-in rule sets");
        let dir = root().join("examples").display().to_string();
        let walk = stocheck::walk::collect(&[dir], &stocheck::run::exclusions(&[]).unwrap());
        let mut files = stocheck::run::check_all(&walk, &reg, &options()).files;
        let mut broken = stocheck::run::check_text(b"regeling: sto-2025-2028\nregio: [\n".to_vec(), &reg, &reg.vocabulary(), &options());
        broken.path = "kapot.yaml".to_string();
        assert!(!broken.errors.is_empty());
        files.insert(1, broken);
        assert!(files.len() > 10, "{} examples", files.len());
        files
    })
}

/// `n` files: the examples over and over, each copy under a path of its own.
fn many(n: usize) -> Vec<FileReport> {
    let ex = examples();
    (0..n)
        .map(|i| {
            let mut f = ex[i % ex.len()].clone();
            if i >= ex.len() {
                f.path = format!("kopie-{i}/{}", f.path);
            }
            f
        })
        .collect()
}

fn meta(lang: Lang) -> Meta {
    Meta { peildatum: options().peildatum, lang, skipped: Vec::new() }
}

fn layout(detail: Detail) -> Layout {
    Layout { detail, ..Layout::default() }
}

/// The report as `main` writes it: each file's part when its turn comes, then the rest.
fn streamed(format: &str, files: &[FileReport], meta: &Meta, layout: &Layout) -> String {
    let w = by_name(format).unwrap();
    let mut out = String::new();
    let mut stream = w.stream(meta, layout);
    for f in files {
        stream.file(f, &mut out);
    }
    let mut rest = Vec::new();
    stream.finish(&[], &mut rest).unwrap();
    out.push_str(&String::from_utf8(rest).unwrap());
    out
}

#[test]
fn streamed_reports_are_the_whole_reports_byte_for_byte() {
    // None, one, a few, enough for Markdown to fold and cut sections, and enough for it to cut
    // the overview too.
    for n in [0, 1, 2, 7, 40, 450] {
        let files = many(n);
        for format in FORMATS {
            let w = by_name(format).unwrap();
            for lang in [Lang::Nl, Lang::En] {
                for detail in [Detail::Normal, Detail::Verbose] {
                    if detail == Detail::Verbose && format != "markdown" && n > 7 {
                        continue; // only Markdown reads the detail
                    }
                    let (meta, layout) = (meta(lang), layout(detail));
                    let whole = w.write(&files, &meta, &layout);
                    let streamed = streamed(format, &files, &meta, &layout);
                    assert!(whole == streamed, "{format} {lang:?} {detail:?}, {n} files: the streamed report differs from the whole one");
                }
            }
        }
    }
    // Every single example on its own, and the Markdown budget crossed.
    for f in examples() {
        for format in FORMATS {
            let (meta, layout) = (meta(Lang::Nl), layout(Detail::Normal));
            let files = std::slice::from_ref(f);
            assert_eq!(by_name(format).unwrap().write(files, &meta, &layout), streamed(format, files, &meta, &layout), "{format} {}", f.path);
        }
    }
    let md = streamed("markdown", &many(40), &meta(Lang::Nl), &layout(Detail::Normal));
    assert!(md.chars().count() <= stocheck::report::markdown::MAX_CHARS && md.contains("Ingekort om onder"), "the budget was not reached");
}

/// Bytes a stream holds after `n` files, beyond what it held after the first `warm` ones.
fn growth(format: &str, detail: Detail, f: &FileReport, warm: usize, n: usize) -> isize {
    let (meta, layout) = (meta(Lang::Nl), layout(detail));
    let w = by_name(format).unwrap();
    let mut part = String::new();
    let mut stream = w.stream(&meta, &layout);
    for _ in 0..warm {
        part.clear();
        stream.file(f, &mut part);
    }
    let before = live();
    for _ in 0..n {
        part.clear();
        stream.file(f, &mut part);
    }
    let grown = live() - before;
    stream.finish(&[], &mut std::io::sink()).unwrap();
    grown
}

#[test]
fn a_stream_keeps_a_row_per_file_not_the_file() {
    let ex = examples();
    // The file with the most findings, and its report's size in memory: what a stream that kept
    // the files would hold for each.
    let f = ex.iter().max_by_key(|f| f.findings.len()).unwrap();
    let before = live();
    let kept = vec![f.clone(); 100];
    let report_bytes = (live() - before) / 100;
    drop(kept);
    assert!(report_bytes > 8_000, "a report of {} findings takes {report_bytes} bytes", f.findings.len());
    let n = 2_000;
    for (format, detail) in FORMATS.iter().map(|f| (*f, Detail::Normal)).chain([("markdown", Detail::Verbose)]) {
        let per_file = growth(format, detail, f, 200, n) / n as isize;
        // The overview's row of a file, drawn, and a few figures; room for a vector's doubling.
        assert!(per_file < 1_500, "{format} ({detail:?}) holds {per_file} bytes a file; the file's report is {report_bytes}");
        assert!(per_file * 5 < report_bytes, "{format} ({detail:?}) holds {per_file} bytes a file; the file's report is {report_bytes}");
    }
}
