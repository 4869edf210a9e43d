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
        whole(&hay, &needle)
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

/// Whether a value of a file whose text is `bron` can hold one of `words`: each piece of a word
/// between white space then stands in the text as written (folding a value over lines changes
/// only white space), and as a whole piece: what stands beside a word in a value, or beside the
/// value in the file (a quote, a blank, a colon, a bracket), is no letter or digit. Only an escape
/// (`\`) or a doubled quote (`''`) could make a word the text does not show. When no word can
/// stand in a value, the values need not be read one by one.
fn mogelijk<'w>(bron: &str, words: impl Iterator<Item = &'w String>) -> bool {
    // memchr's searches, several times quicker than `str::contains` on a whole plan.
    let has = |needle: &str| memchr::memmem::find(bron.as_bytes(), needle.as_bytes()).is_some();
    if memchr::memchr(b'\\', bron.as_bytes()).is_some() || has("''") {
        return true;
    }
    let words: Vec<String> = words.map(|w| w.to_lowercase()).collect();
    // Compared without regard to case as `found` does. ASCII words in a text whose only
    // non-ASCII letters lower to non-ASCII ones (all but the Kelvin sign and the dotted capital
    // I) can be compared byte by byte, which is far cheaper than lowering the whole text.
    let hay = if words.iter().all(|w| w.is_ascii()) && !has("\u{212a}") && !has("\u{130}") {
        bron.to_ascii_lowercase()
    } else {
        bron.to_lowercase()
    };
    words.iter().any(|w| w.split_whitespace().all(|piece| whole(&hay, piece)))
}

/// Whether `piece` stands in `hay` with no letter or digit right before or after it.
fn whole(hay: &str, piece: &str) -> bool {
    // memchr's search, not `str::match_indices`: most words stand nowhere in a plan, and the
    // whole text is searched once per piece.
    memchr::memmem::find_iter(hay.as_bytes(), piece.as_bytes()).any(|i| {
        // A match of a whole UTF-8 string starts and ends on character boundaries.
        let before = hay[..i].chars().next_back();
        let after = hay[i + piece.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn plaatshouders(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some((band, p)) = ctx.need(&key::PLAATSHOUDERS, PLAATSHOUDERS.id, out) else { return };
    // One list for both readings: the words are the template's, not a reading of the law.
    let words = &band.streng;
    let before = out.len();
    let teksten = if mogelijk(&ctx.aanvraag.bron, words.fout.iter().chain(&words.waarschuwing)) { ctx.aanvraag.teksten() } else { &[] };
    for crate::yaml::Tekst { text, pos: at, path } in teksten {
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

    #[test]
    fn a_word_that_may_stand_in_a_value_is_looked_for() {
        let words = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let w = words(&["VUL-IN", "lorem ipsum"]);
        assert!(mogelijk("naam: vul-in\n", w.iter()));
        assert!(mogelijk("naam: Vul-In\n", w.iter()));
        // Every piece of a word must stand somewhere.
        assert!(!mogelijk("tekst: Lorem\n", w.iter()));
        assert!(mogelijk("a: ipsum\nb: LOREM\n", w.iter()));
        // Folded over two lines, the value reads `lorem ipsum`.
        assert!(mogelijk("tekst: Lorem\n  ipsum\n", w.iter()));
        // An escape or a doubled quote could spell a word the text does not show.
        assert!(mogelijk("naam: \"VUL\\u002DIN\"\n", w.iter()));
        assert!(!mogelijk("naam: Techniekregio\nbedrag: 100\n", w.iter()));
        assert!(!mogelijk("naam: lorem\n", w.iter()));
        // The Kelvin sign lowers to an ASCII `k`.
        assert!(mogelijk("naam: \u{212a}vk\n", words(&["kvk"]).iter()));
        assert!(mogelijk("naam: Café TODO\n", words(&["todo"]).iter()));
        // Inside a longer number or word, a word is not one: no value needs reading then.
        let kvk = words(&["00000000", "todo"]);
        assert!(!mogelijk("maximum: 900000000\nnaam: Todos\n", kvk.iter()));
        assert!(mogelijk("kvk: \"00000000\"\n", kvk.iter()));
        assert!(mogelijk("00000000", kvk.iter()));
        assert!(mogelijk("- [todo]\n", kvk.iter()));
    }

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
