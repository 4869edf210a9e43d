//! `documenten/plaatshouders`: text that `stocheck init` asked the user to replace (the template's
//! `VUL-IN` / `FILL-IN`, its sample KvK number) still in any value of the file fails; `TODO`,
//! `lorem ipsum` and the like warn (formaat.md §5.7). The words are rule data (`plaatshouders`);
//! comments are not read. It applies to every kind of submission, whatever modules the kind
//! restricts otherwise, so a half-filled plan can never look finished.

use super::rule::Rule;
use crate::engine::{Ctx, Finding, Outcome, Subject};
use crate::messages::Msg;
use crate::module::Module;
use crate::regeling::params as key;

pub const PLAATSHOUDERS: Rule = Rule {
    id: "documenten/plaatshouders",
    module: Module::Documenten,
    params: &[key::PLAATSHOUDERS.name],
    run: plaatshouders,
};

/// The first of `words` that stands in `text` as a whole word (not inside a longer word or
/// number), compared case-insensitively.
pub fn found<'w>(text: &str, words: &'w [String]) -> Option<&'w str> {
    let hay = text.to_lowercase();
    words.iter().map(String::as_str).find(|w| {
        let needle = w.to_lowercase();
        if needle.is_empty() {
            return false;
        }
        hay.match_indices(&needle).any(|(i, m)| {
            let before = hay[..i].chars().next_back();
            let after = hay[i + m.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

/// A value as the message quotes it: at most 60 characters.
fn quote(text: &str) -> String {
    let mut q: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        q.push('…');
    }
    q
}

fn plaatshouders(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some((band, p)) = ctx.need(&key::PLAATSHOUDERS, PLAATSHOUDERS.id, out) else { return };
    // One list for both readings: the words are the template's, not a reading of the law.
    let words = &band.streng;
    let before = out.len();
    for crate::yaml::Tekst { text, pos: at, path } in &ctx.aanvraag.teksten {
        let (outcome, id, word) = if let Some(w) = found(text, &words.fout) {
            (Outcome::Fail, "documenten.plaatshouder-fout", w)
        } else if let Some(w) = found(text, &words.waarschuwing) {
            (Outcome::Warn, "documenten.plaatshouder-waarschuwing", w)
        } else {
            continue;
        };
        out.push(
            Finding::new(PLAATSHOUDERS.id, outcome, Msg::new(id).arg("woord", word).arg("tekst", quote(text)))
                .about(Subject::veld(path))
                .at(Some(*at))
                .param(p),
        );
    }
    if out.len() == before {
        out.push(Finding::new(PLAATSHOUDERS.id, Outcome::Pass, Msg::new("documenten.plaatshouders-geen")).param(p));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn whole_words_only_in_any_case() {
        let fout = w(&["VUL-IN", "00000000"]);
        assert_eq!(found("VUL-IN naam van de regio", &fout), Some("VUL-IN"));
        assert_eq!(found("nog vul-in hier", &fout), Some("VUL-IN"));
        assert_eq!(found("00000000", &fout), Some("00000000"));
        // A longer number or word that holds the marker is not the marker.
        assert_eq!(found("100000000", &fout), None);
        assert_eq!(found("VUL-INNEN", &fout), None);
        let warn = w(&["TODO", "lorem ipsum"]);
        assert_eq!(found("Lorem ipsum dolor", &warn), Some("lorem ipsum"));
        assert_eq!(found("todo: regiovisie", &warn), Some("TODO"));
        assert_eq!(found("Todos Santos", &warn), None);
    }
}
