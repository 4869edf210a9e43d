//! Load errors drawn the way rustc draws its errors (annotate-snippets): the message, the file
//! with line and column, the YAML line, a caret under the offending key or value, and the fix
//! ("bedoelde u `cofinanciering`?") with the corrected line. For stderr and the table report; the
//! JSON report keeps the plain message.

use annotate_snippets::{AnnotationKind, Level, Patch, Renderer, Snippet};

use super::{error_line, error_text};
use crate::aanvraag::LoadError;
use crate::messages::{Lang, Msg, render, text};
use crate::report::style::Style;
use crate::text_filter::visible;

/// The short title of an error whose full message ends in "did you mean" (or the corrected
/// value), and the label under the caret: the drawing shows the suggestion there and as a fix, so
/// the title need not repeat it.
fn short_title(id: &str) -> Option<(&'static str, &'static str)> {
    match id {
        "laden.onbekende-sleutel-bedoeld" => Some(("diag.onbekende-sleutel", "diag.bedoeld")),
        "laden.onbekende-waarde-bedoeld" => Some(("diag.onbekende-waarde", "diag.bedoeld")),
        "laden.verwijzing-bedoeld" => Some(("diag.verwijzing", "diag.bedoeld")),
        "laden.uitzondering-regel-bedoeld" => Some(("diag.uitzondering-regel", "diag.bedoeld")),
        "waarde.moment-zonder-offset" => Some(("diag.moment-zonder-offset", "diag.voorstel")),
        _ => None,
    }
}

/// The byte range of the offending token on `line`, starting at the 1-based character `column`:
/// the suggested-for word when it stands there (also inside quotes), else the plain scalar or key
/// up to the next `:`, `,`, `}`, `]`, comment or the end of the line.
fn token_range(line: &str, column: u32, word: Option<&str>) -> std::ops::Range<usize> {
    let start = line.char_indices().nth(column.saturating_sub(1) as usize).map_or(line.len(), |(i, _)| i);
    let rest = &line[start..];
    // A tab where the indentation is: the tabs themselves are the offending token.
    let tabs = rest.len() - rest.trim_start_matches('\t').len();
    if tabs > 0 {
        return start..start + tabs;
    }
    if let Some(w) = word.filter(|w| !w.is_empty()) {
        for skip in [0, 1] {
            if rest.get(skip..).is_some_and(|r| r.starts_with(w)) {
                return start + skip..start + skip + w.len();
            }
        }
    }
    let mut end = rest.len();
    if let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
        end = rest[1..].find(q).map_or(rest.len(), |i| i + 2);
    } else {
        for (i, c) in rest.char_indices() {
            let next = rest[i + c.len_utf8()..].chars().next();
            let stop = match c {
                ',' | '}' | ']' => true,
                ':' => next.is_none_or(char::is_whitespace),
                '#' => i > 0 && rest[..i].ends_with(' '),
                _ => false,
            };
            if stop {
                end = i;
                break;
            }
        }
    }
    let token = rest[..end].trim_end();
    start..start + token.len().max(if rest.is_empty() { 0 } else { 1 })
}

/// One load error drawn against the file's text. Without the text or a place, the plain
/// `path:line:column: message` line.
pub fn draw(path: &str, source: Option<&str>, e: &LoadError, lang: Lang, style: Style) -> String {
    let (Some(src), Some(p)) = (source, e.pos) else {
        return visible(&format!("{}: {}", text("cli.fout", lang), error_line(path, e, lang)));
    };
    let Some(line) = src.lines().nth(p.line.saturating_sub(1) as usize) else {
        return visible(&format!("{}: {}", text("cli.fout", lang), error_line(path, e, lang)));
    };
    // Control characters of the file are shown as pictures, one character for one, so columns
    // stay right and nothing from the file reaches the terminal as a control sequence.
    let line = &visible(line);
    let path = &visible(path);
    let written = e.suggestion.as_ref().map(|(w, _)| w.as_str());
    let span = token_range(line, p.column, written);
    let short = short_title(e.id());
    let title = match (short, &e.suggestion) {
        (Some((t, _)), Some(_)) => render(&Msg { id: t, args: e.msg.args.clone() }, lang),
        _ => error_text(e, lang),
    };
    let title = visible(&title);
    let label = e.suggestion.as_ref().map(|(_, meant)| match short {
        Some((_, "diag.voorstel")) => visible(&render(&Msg::new("diag.voorstel").arg("voorstel", meant.as_str()), lang)),
        _ => visible(&render(&Msg::new("diag.bedoeld").arg("bedoeld", meant.as_str()), lang)),
    });
    let mut annotation = AnnotationKind::Primary.span(span.clone());
    if let Some(l) = &label {
        annotation = annotation.label(l.as_str());
    }
    let error_name = text("diag.fout", lang);
    let help_name = text("diag.hulp", lang);
    let snippet = Snippet::source(line).line_start(p.line as usize).path(path).annotation(annotation);
    let mut report = vec![Level::ERROR.with_name(Some(error_name.as_str())).primary_title(title.as_str()).element(snippet)];
    let meant = e.suggestion.as_ref().map(|(_, m)| visible(m));
    if let (Some(meant), Some(l)) = (&meant, &label) {
        report.push(
            Level::HELP
                .with_name(Some(help_name.as_str()))
                .secondary_title(l.as_str())
                .element(Snippet::source(line).line_start(p.line as usize).path(path).patch(Patch::new(span, meant.as_str()))),
        );
    }
    let renderer = if style.color { Renderer::styled() } else { Renderer::plain() };
    renderer.render(&report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::Pos;

    #[test]
    fn tokens_under_the_caret() {
        assert_eq!(token_range("  cofinancering:", 3, Some("cofinancering")), 2..15);
        assert_eq!(token_range("  soort: techniekarm # x", 10, None), 9..20);
        assert_eq!(token_range("  - { id: a, soort: bedrjf }", 21, None), 20..26);
        assert_eq!(token_range("  naam: \"Regio X\"", 9, None), 8..17);
        assert_eq!(token_range("x: 2025-13-01", 4, None), 3..13);
        assert_eq!(token_range("\tondertekend: true", 1, None), 0..1);
    }

    #[test]
    fn draws_the_line_the_caret_and_the_fix() {
        let src = "regeling: sto-2025-2028\nfinanciering:\n  cofinancering: []\n";
        let msg = Msg::new("laden.onbekende-sleutel-bedoeld").arg("sleutel", "cofinancering").arg("bedoeld", "cofinanciering");
        let e = LoadError::new(msg, Some(Pos::new(3, 3)))
            .suggest("cofinancering", "cofinanciering");
        let out = draw("aanvraag.yaml", Some(src), &e, Lang::Nl, Style::PLAIN);
        assert!(out.starts_with("fout: Onbekende sleutel `cofinancering`"), "{out}");
        assert!(out.contains("--> aanvraag.yaml:3:3"), "{out}");
        assert!(out.contains("3 |   cofinancering: []"), "{out}");
        assert!(out.contains("^^^^^^^^^^^^^ bedoelde u `cofinanciering`?"), "{out}");
        assert!(out.contains("3 +   cofinanciering: []") || out.contains("cofinanciering: []"), "{out}");
        let en = draw("aanvraag.yaml", Some(src), &e, Lang::En, Style::PLAIN);
        assert!(en.contains("did you mean `cofinanciering`?"), "{en}");
        // Without the text: the plain line.
        assert_eq!(draw("a.yaml", None, &e, Lang::Nl, Style::PLAIN), "fout: a.yaml:3:3: Onbekende sleutel `cofinancering`; bedoelde u `cofinanciering`?");
    }
}
