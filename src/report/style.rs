//! Colour for people at a terminal, and nothing else: every writer asks [`Style`] to paint a piece
//! of text, and a plain style hands it back unchanged. Whether colour is on is decided once, in
//! `main` (`--color auto|always|never`, `NO_COLOR`, whether the stream is a terminal).

/// How text is painted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    pub color: bool,
}

/// The paints the writers use, each for one meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    Pass,
    Warn,
    Fail,
    Skip,
    /// Headings (module names, labels).
    Heading,
    /// Secondary text (sources, places).
    Dim,
}

impl Paint {
    fn style(self) -> anstyle::Style {
        use anstyle::{AnsiColor, Style};
        match self {
            Paint::Pass => Style::new().fg_color(Some(AnsiColor::Green.into())),
            Paint::Warn => Style::new().fg_color(Some(AnsiColor::Yellow.into())),
            Paint::Fail => Style::new().bold().fg_color(Some(AnsiColor::Red.into())),
            Paint::Skip | Paint::Dim => Style::new().dimmed(),
            Paint::Heading => Style::new().bold(),
        }
    }
}

impl Style {
    pub const PLAIN: Style = Style { color: false };

    /// `text` in the paint, or unchanged without colour. Paint whole, already-wrapped pieces:
    /// the escape codes take no room on screen but would count in a width computation.
    pub fn paint(self, p: Paint, text: &str) -> String {
        if self.color && !text.is_empty() {
            let s = p.style();
            format!("{s}{text}{s:#}")
        } else {
            text.to_string()
        }
    }
}

/// Whether to use colour: `always` and `never` decide; `auto` means only on a terminal and only
/// when `NO_COLOR` is unset or empty (no-color.org).
pub fn decide(choice: &str, is_terminal: bool, no_color: Option<&str>) -> bool {
    match choice {
        "always" => true,
        "never" => false,
        _ => is_terminal && no_color.is_none_or(str::is_empty),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_only_when_asked_or_at_a_terminal_without_no_color() {
        assert!(decide("auto", true, None));
        assert!(decide("auto", true, Some("")));
        assert!(!decide("auto", true, Some("1")));
        assert!(!decide("auto", false, None));
        assert!(decide("always", false, Some("1")));
        assert!(!decide("never", true, None));
        assert_eq!(Style::PLAIN.paint(Paint::Fail, "x"), "x");
        assert_eq!(Style { color: true }.paint(Paint::Pass, "x"), "\x1b[32mx\x1b[0m");
    }
}
