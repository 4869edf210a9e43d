//! What a report format is: a [`Writer`] turns the checked files into one text, file by file
//! through a [`Stream`], so a report can be written while later files are still being checked.
//! The formats `--format` knows are registered in [`super::formats`].

use std::io::{Read, Seek, SeekFrom, Write};

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
        let mut rest = Vec::new();
        // Writing into memory cannot fail.
        let _ = stream.finish(&meta.skipped, &mut rest);
        match String::from_utf8(rest) {
            Ok(rest) => out.push_str(&rest),
            Err(e) => out.push_str(&String::from_utf8_lossy(e.as_bytes())),
        }
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
/// keeps only running counts. One that opens with an overview, totals or rule descriptors
/// (Markdown, HTML, JUnit, SARIF) keeps only what that opening needs (a row per file, counts,
/// the rules seen), renders each file's own part into a [`Spill`] when its turn comes, and in
/// [`Stream::finish`] writes the opening and then copies the spill across: its memory does not
/// grow with the findings of the files.
pub trait Stream {
    /// The next file, in report order; what may be written now goes to `out`.
    fn file(&mut self, f: &FileReport, out: &mut String);

    /// The rest of the report, once every file has been handed over, written straight to `out`;
    /// `skipped` are the files the run passed over. An error is `out`'s: the report stops there.
    fn finish(self: Box<Self>, skipped: &[super::model::Skipped], out: &mut dyn Write) -> std::io::Result<()>;
}

/// Text put aside until the end of a report: an anonymous temporary file (removed by the system
/// however the process ends), or memory when no such file can be made or written. Appended to
/// while the files are checked; read back, whole or in ranges, in [`Stream::finish`].
pub struct Spill {
    file: Option<std::fs::File>,
    /// Bytes written to the file so far.
    flushed: u64,
    /// Bytes not yet written to the file; everything, when there is no file.
    buf: Vec<u8>,
}

/// What a spill gathers in memory before it writes to its file.
const CHUNK: usize = 1 << 16;

impl Spill {
    /// A spill in a temporary file, or in memory when none can be made.
    pub fn new() -> Spill {
        Spill { file: tempfile::tempfile().ok(), flushed: 0, buf: Vec::new() }
    }

    /// A spill that stays in memory.
    pub fn in_memory() -> Spill {
        Spill { file: None, flushed: 0, buf: Vec::new() }
    }

    /// Bytes put aside so far.
    pub fn len(&self) -> u64 {
        self.flushed + self.buf.len() as u64
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn push(&mut self, text: &str) {
        self.buf.extend_from_slice(text.as_bytes());
        if self.file.is_some() && self.buf.len() >= CHUNK {
            self.flush();
        }
    }

    /// Writes the buffer to the file; when that fails (a full disk), the spill goes on in memory
    /// with what the file held read back.
    fn flush(&mut self) {
        let Some(file) = self.file.as_mut() else { return };
        let written = file.seek(SeekFrom::Start(self.flushed)).and_then(|_| file.write_all(&self.buf));
        if written.is_ok() {
            self.flushed += self.buf.len() as u64;
            self.buf.clear();
            return;
        }
        let mut mem = Vec::new();
        let _ = file.seek(SeekFrom::Start(0)).and_then(|_| file.take(self.flushed).read_to_end(&mut mem));
        mem.append(&mut self.buf);
        self.buf = mem;
        self.file = None;
        self.flushed = 0;
    }

    /// Copies bytes `start..start + len` to `out`.
    pub fn copy_range(&mut self, start: u64, len: u64, out: &mut dyn Write) -> std::io::Result<()> {
        let end = start + len;
        if start < self.flushed {
            let upto = end.min(self.flushed);
            if let Some(file) = self.file.as_mut() {
                file.seek(SeekFrom::Start(start))?;
                std::io::copy(&mut file.take(upto - start), out)?;
            }
        }
        if end > self.flushed {
            let from = start.max(self.flushed) - self.flushed;
            let to = end - self.flushed;
            out.write_all(&self.buf[from as usize..to as usize])?;
        }
        Ok(())
    }

    /// Copies everything put aside to `out`.
    pub fn copy_all(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        self.copy_range(0, self.len(), out)
    }
}

impl Default for Spill {
    fn default() -> Self {
        Spill::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn back(spill: &mut Spill, start: u64, len: u64) -> String {
        let mut out = Vec::new();
        spill.copy_range(start, len, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_spill_gives_back_what_it_was_given_from_its_file_and_from_memory() {
        for mut spill in [Spill::new(), Spill::in_memory()] {
            let part: String = (0..1000).map(|i| format!("regel {i}\n")).collect();
            let mut whole = String::new();
            // Enough for several writes to the file, and a rest still in memory.
            for _ in 0..30 {
                spill.push(&part);
                whole.push_str(&part);
            }
            spill.push("einde");
            whole.push_str("einde");
            assert_eq!(spill.len(), whole.len() as u64);
            let len = spill.len();
            assert_eq!(back(&mut spill, 0, len), whole);
            // A range across the boundary of file and memory, and ranges within either.
            let boundary = spill.flushed;
            assert!(boundary > 0 || spill.file.is_none());
            for (start, len) in [(boundary.saturating_sub(10), 20), (3, 5), (whole.len() as u64 - 7, 7), (0, 0)] {
                assert_eq!(back(&mut spill, start, len), whole[start as usize..(start + len) as usize]);
            }
            let mut out = Vec::new();
            spill.copy_all(&mut out).unwrap();
            assert_eq!(out, whole.as_bytes());
        }
        assert!(Spill::new().file.is_some(), "no temporary file could be made here");
    }
}
