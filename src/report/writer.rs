//! What a report format is: a [`Writer`] turns the checked files into one text, file by file
//! through a [`Stream`], so a report can be written while later files are still being checked.
//! The formats `--format` knows are registered in [`super::formats`].

use super::Meta;
use super::model::FileReport;
use super::style::Style;

/// Width used when the output is not a terminal and `COLUMNS` says nothing.
pub const PIPE_WIDTH: usize = 100;

/// How to lay a report out: the width and colour of the terminal it goes to. Only the table uses
/// it; every other format is the same bytes wherever it goes.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// Columns available.
    pub width: usize,
    pub style: Style,
    /// How much to print (formaat.md §5.4).
    pub detail: Detail,
}

impl Default for Layout {
    fn default() -> Self {
        Layout { width: PIPE_WIDTH, style: Style::PLAIN, detail: Detail::Normal }
    }
}

/// How much the table prints (formaat.md §5.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Detail {
    /// One line per file, and the load errors (`--quiet`).
    Quiet,
    /// Failures and warnings in full, passes and skips counted per module.
    #[default]
    Normal,
    /// Every finding (`--verbose`).
    Verbose,
}

/// One report format.
pub trait Writer: Sync {
    /// The name `--format` takes.
    fn name(&self) -> &'static str;

    /// A report being written: it is handed the files in report order and gives back what can be
    /// written so far. `meta.skipped` is not known yet (files found while checking may join it);
    /// [`Stream::finish`] gets the final list.
    fn stream<'a>(&'a self, meta: &'a Meta, layout: &'a Layout) -> Box<dyn Stream + 'a>;

    /// The whole report for these files: the stream, run to its end.
    fn write(&self, files: &[FileReport], meta: &Meta, layout: &Layout) -> String {
        let mut out = String::new();
        let mut stream = self.stream(meta, layout);
        for f in files {
            stream.file(f, &mut out);
        }
        stream.finish(&meta.skipped, &mut out);
        out
    }

    /// Whether the report draws the load errors itself, as the table does; then a terminal
    /// showing it needs no second drawing on stderr.
    fn draws_errors(&self) -> bool {
        false
    }
}

/// A report being written, one file at a time. A format that can say what it has to say about a
/// file when that file's turn comes (the table, JSON, GitHub) appends it to `out` at once and
/// keeps only running counts; one that opens with an overview or totals keeps what those need
/// (a summary row, its own rendering of the file) and writes everything in [`Stream::finish`].
pub trait Stream {
    /// The next file, in report order; what may be written now goes to `out`.
    fn file(&mut self, f: &FileReport, out: &mut String);

    /// The rest of the report, once every file has been handed over; `skipped` are the files the
    /// run passed over.
    fn finish(self: Box<Self>, skipped: &[super::model::Skipped], out: &mut String);
}

/// The stream of a format that needs every file before it can write anything (SARIF: its rule
/// descriptors, at the top, carry the sources of every finding): it keeps the files and writes
/// the whole report at the end.
pub struct Collect<'a> {
    files: Vec<FileReport>,
    meta: &'a Meta,
    layout: &'a Layout,
    write: fn(&[FileReport], &Meta, &Layout) -> String,
}

impl<'a> Collect<'a> {
    pub fn new(meta: &'a Meta, layout: &'a Layout, write: fn(&[FileReport], &Meta, &Layout) -> String) -> Self {
        Collect { files: Vec::new(), meta, layout, write }
    }
}

impl Stream for Collect<'_> {
    fn file(&mut self, f: &FileReport, _out: &mut String) {
        self.files.push(f.clone());
    }

    fn finish(self: Box<Self>, skipped: &[super::model::Skipped], out: &mut String) {
        let meta = Meta { peildatum: self.meta.peildatum, lang: self.meta.lang, skipped: skipped.to_vec() };
        out.push_str(&(self.write)(&self.files, &meta, self.layout));
    }
}
