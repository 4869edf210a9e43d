//! The registered report formats, in the order `--help` lists them. Adding a format is one writer
//! file and one line here.

use super::github::Github;
use super::html::Html;
use super::json::Json;
use super::junit::Junit;
use super::markdown::Markdown;
use super::sarif::SarifWriter;
use super::table::Table;
use super::writer::Writer;

/// Every format.
pub const FORMATS: &[&dyn Writer] = &[&Table, &Json, &Junit, &SarifWriter, &Github, &Markdown, &Html];

/// The format of that name (`--format NAME`), ignoring case.
pub fn by_name(name: &str) -> Option<&'static dyn Writer> {
    FORMATS.iter().copied().find(|w| w.name().eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_found() {
        let mut seen = std::collections::BTreeSet::new();
        for w in FORMATS {
            assert!(seen.insert(w.name()), "{} twice", w.name());
            assert_eq!(by_name(&w.name().to_uppercase()).map(|x| x.name()), Some(w.name()));
        }
        assert!(by_name("xml").is_none());
    }
}
