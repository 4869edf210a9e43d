//! One call through everything a file meets: load, every check, every writer in both languages.
//! For the fuzz target, the property tests and the adversarial corpus, which all ask the same
//! question: does any input make stocheck panic, or put a control character where it must not?
//! Not part of the tool's behaviour; public only so those three can share it.

use crate::messages::Lang;
use crate::regeling::Registry;
use crate::report::Meta;
use crate::report::formats::FORMATS;
use crate::report::style::Style;
use crate::report::writer::Layout;
use crate::run::{FailOn, FileReport, Options};

/// The outputs of one file.
pub struct Outputs {
    pub report: FileReport,
    /// Every registered format (the table plain, 80 columns), by name; Dutch then English.
    pub texts: Vec<(&'static str, String)>,
    /// The load errors as drawn on stderr.
    pub stderr: String,
}

/// A fixed peildatum, so the outputs are the same on every run.
pub fn options() -> Options {
    Options { peildatum: crate::run::parse_peildatum("2024-09-15").expect("a valid date"), fail_on: FailOn::Fail, no_waivers: false }
}

/// Loads, checks and writes `bytes` in every format and both languages.
pub fn run_all(reg: &Registry, bytes: &[u8]) -> Outputs {
    let vocab = reg.vocabulary();
    let opts = options();
    let report = crate::run::check_text(bytes.to_vec(), reg, &vocab, &opts);
    let files = std::slice::from_ref(&report);
    let mut texts = Vec::new();
    let mut stderr = String::new();
    for lang in [Lang::Nl, Lang::En] {
        let meta = Meta { peildatum: opts.peildatum, lang, skipped: Vec::new() };
        // Every finding written, so every text of the report passes the filters.
        let layout = Layout { width: 80, style: Style::PLAIN, detail: crate::report::writer::Detail::Verbose };
        for w in FORMATS {
            texts.push((w.name(), w.write(files, &meta, &layout)));
        }
        for e in &report.errors {
            stderr.push_str(&crate::report::diagnostic::draw(&report.path, report.source.as_deref(), e, lang, Style::PLAIN));
            stderr.push('\n');
        }
    }
    Outputs { report, texts, stderr }
}

/// The first character in `text` that would steer a terminal (see [`crate::text_filter`]).
pub fn unsafe_char(text: &str) -> Option<char> {
    text.chars().find(|c| !crate::text_filter::is_safe(*c))
}
