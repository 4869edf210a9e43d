//! GitHub Actions workflow commands: one `::error` per failing finding and one `::warning` per
//! warning (and one `::error` per load error), so the runner shows them as annotations on the
//! file and line:
//!
//! ```text
//! ::error file=plannen/noord.yaml,line=41,col=7,title=cofinanciering/minimum%3A Genoeg cofinanciering::Cofinanciering € 146.000,00 …
//! ```
//!
//! Escaping is the runner's own (actions/runner, `ActionCommand`): in the message `%` → `%25`,
//! CR → `%0D`, LF → `%0A`; in property values also `:` → `%3A` and `,` → `%2C`. So no text from
//! an application (a partner's name with `::` or a line break in it) can end a command or start
//! a new one, and the runner turns the escapes back into the original text, amounts included.
//! Other control characters (a terminal escape in a name) are shown as control pictures.
//!
//! A failure or warning that a waiver covers (formaat.md §5.2) is a `::notice`: shown on its line
//! with the waiver, never an error or a warning, since it does not count for the verdict.

use super::writer::{Layout, Stream, Writer};
use super::{LADEN, Meta, error_text, finding_text, rule_short, visible, waiver_text};
use crate::engine::Outcome;
use crate::messages::Msg;
use crate::messages::render;
use crate::report::model::FileReport;
use crate::yaml::Pos;

/// Escapes a command's message (the runner's `EscapeData`), control characters made visible.
pub fn escape_data(s: &str) -> String {
    visible(s).replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value (the runner's `EscapeProperty`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(kind: &str, path: &str, pos: Option<Pos>, title: &str, message: &str) -> String {
    let mut props = vec![format!("file={}", escape_property(path))];
    if let Some(p) = pos {
        props.push(format!("line={}", p.line));
        props.push(format!("col={}", p.column));
    }
    props.push(format!("title={}", escape_property(title)));
    format!("::{kind} {}::{}\n", props.join(","), escape_data(message))
}

/// All commands, one line each, in file order and then finding order.
/// The `github` report.
pub struct Github;

impl Writer for Github {
    fn name(&self) -> &'static str {
        "github"
    }

    fn stream<'a>(&'a self, meta: &'a Meta, _layout: &'a Layout) -> Box<dyn Stream + 'a> {
        Box::new(GithubStream(meta))
    }
}

/// Every command of a file is written when its turn comes; nothing is kept.
struct GithubStream<'a>(&'a Meta);

impl Stream for GithubStream<'_> {
    fn file(&mut self, f: &FileReport, out: &mut String) {
        commands(out, f, self.0);
    }

    fn finish(self: Box<Self>, _skipped: &[crate::report::model::Skipped], _out: &mut dyn std::io::Write) -> std::io::Result<()> {
        Ok(())
    }
}

pub fn write(files: &[FileReport], meta: &Meta) -> String {
    Github.write(files, meta, &Layout::default())
}

/// The commands of one file: its load errors, then its failures and warnings (and the waived
/// ones as notices).
fn commands(out: &mut String, file: &FileReport, meta: &Meta) {
    for e in &file.errors {
        let title = format!("{LADEN}: {}", rule_short(LADEN, meta.lang));
        out.push_str(&command("error", &file.path, e.pos, &title, &error_text(e, meta.lang)));
    }
    for f in &file.findings {
        let kind = match f.outcome {
            _ if f.waiver.is_some() => "notice",
            Outcome::Fail => "error",
            Outcome::Warn => "warning",
            Outcome::Pass | Outcome::Skip => continue,
        };
        let mut title = format!("{}: {}", f.rule, rule_short(f.rule, meta.lang));
        if f.waiver.is_some() {
            title = format!("{title} ({})", render(&Msg::new("rapport.status-waived"), meta.lang));
        }
        let mut message = finding_text(f, meta.lang);
        if let Some(w) = waiver_text(f, meta.lang) {
            message.push('\n');
            message.push_str(&w);
        }
        if let Some(b) = &f.source {
            let bron = match f.certainty {
                Some(c) => format!("{b} [{}]", crate::messages::zekerheid(c.as_str(), meta.lang)),
                None => b.clone(),
            };
            message.push('\n');
            message.push_str(&render(&Msg::new("rapport.bron").arg("bron", bron), meta.lang));
        }
        out.push_str(&command(kind, &file.path, f.pos, &title, &message));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_does() {
        assert_eq!(escape_data("a%b\r\nc::d, e: f"), "a%25b%0D%0Ac::d, e: f");
        assert_eq!(escape_property("a%b\r\nc::d, e: f"), "a%25b%0D%0Ac%3A%3Ad%2C e%3A f");
        // A literal escape sequence in the input stays literal after the runner unescapes it.
        assert_eq!(escape_data("%0A"), "%250A");
    }
}
