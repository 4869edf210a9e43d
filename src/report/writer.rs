//! What a report format is: a [`Writer`] turns the checked files into one text. The formats
//! `--format` knows are registered in [`super::formats`].

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

    /// The whole report for these files.
    fn write(&self, files: &[FileReport], meta: &Meta, layout: &Layout) -> String;

    /// Whether the report draws the load errors itself, as the table does; then a terminal
    /// showing it needs no second drawing on stderr.
    fn draws_errors(&self) -> bool {
        false
    }
}
