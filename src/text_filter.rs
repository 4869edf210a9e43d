//! The one filter for text that reaches a terminal or a CI log: every text that comes from an
//! application, a rule file, a path or the operating system goes through [`visible`] (or
//! [`visible_keep_cr`], for writers that escape line ends themselves) before it is printed.
//!
//! What it neutralises, one character for one so columns under a caret stay right:
//! - C0 controls and DEL become their Unicode control pictures (ESC → `␛`, CR → `␍`), so no
//!   escape sequence (colours, screen clearing, OSC 8 links, title changes) can run;
//! - C1 controls (U+0080–U+009F, among them the 8-bit CSI) become `�`;
//! - bidirectional overrides, embeddings, isolates and marks (U+202A–U+202E, U+2066–U+2069,
//!   U+200E, U+200F, U+061C) become `�`, so text cannot be shown in an order other than the
//!   one it has ("Trojan Source");
//! - the internal marker characters of the message catalogue (U+001E, U+001F) are C0 controls
//!   and so become pictures, which is also why a value from a file can never pass for a
//!   catalogue reference.
//!
//! Line feed and tab stay: the writers lay text out in lines.

/// `s` with every character that could steer a terminal made visible; line feeds and tabs stay.
pub fn visible(s: &str) -> String {
    filter(s, false)
}

/// As [`visible`], but carriage returns stay too: for writers that escape line ends in their own
/// way (GitHub workflow commands turn CR into `%0D`).
pub fn visible_keep_cr(s: &str) -> String {
    filter(s, true)
}

/// Whether `c` is left as it is by [`visible`].
pub fn is_safe(c: char) -> bool {
    replacement(c, false).is_none()
}

fn filter(s: &str, keep_cr: bool) -> String {
    // Most text needs no change: keep the common case one pass without reallocation.
    if s.chars().all(|c| replacement(c, keep_cr).is_none()) {
        return s.to_string();
    }
    s.chars().map(|c| replacement(c, keep_cr).unwrap_or(c)).collect()
}

fn replacement(c: char, keep_cr: bool) -> Option<char> {
    match c {
        '\n' | '\t' => None,
        '\r' if keep_cr => None,
        '\u{0}'..='\u{1f}' => Some(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')),
        '\u{7f}' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}' => Some('\u{fffd}'),
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some('\u{fffd}'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_bidi_and_markers_become_visible() {
        assert_eq!(visible("a\u{1b}[31mb\u{7}\u{7f}\u{9b}c"), "a␛[31mb␇␡\u{fffd}c");
        assert_eq!(visible("x\u{202e}y\u{2066}z\u{200f}"), "x\u{fffd}y\u{fffd}z\u{fffd}");
        assert_eq!(visible("\u{1e}type.lijst\u{1f}"), "␞type.lijst␟");
        assert_eq!(visible("a\rb"), "a␍b");
        assert_eq!(visible_keep_cr("a\rb\u{1b}"), "a\rb␛");
        assert_eq!(visible("regel 1\nregel 2\t€ 1.425,07"), "regel 1\nregel 2\t€ 1.425,07");
    }

    #[test]
    fn one_character_for_one() {
        let s = "n\u{1b}]8;;http://x\u{7}k\u{202e}\u{9c}";
        assert_eq!(visible(s).chars().count(), s.chars().count());
        assert!(visible(s).chars().all(is_safe));
    }
}
