//! Reading an application: bytes → YAML → [`Aanvraag`], then the reader's own rules (formaat.md §1):
//! ids defined once and referenced only when defined, enumerated values known to some rule set,
//! profile abbreviations made canonical. Every problem found after parsing is collected, so a
//! user sees them all at once.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::model::{Aanvraag, S};
use super::woorden::{KOSTEN_SOORTEN, PARTNER_SOORTEN, VORMEN};
use crate::messages::{Arg, Msg};
use crate::yaml::{self, Pos, YamlError, YamlErrorKind, pos};

/// Where an application was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Herkomst {
    /// A file; attachments are resolved relative to its folder.
    Bestand(PathBuf),
    /// Standard input: no folder, so attachment checks are skipped.
    Stdin,
}

impl Herkomst {
    pub fn folder(&self) -> Option<&Path> {
        match self {
            // A bare file name has the empty path as parent, which names no folder: it is ".".
            Herkomst::Bestand(p) => Some(p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."))),
            Herkomst::Stdin => None,
        }
    }
}

/// A problem that stops a file from being checked: its message (a catalogue id with named
/// arguments) and where in the file it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub msg: Msg,
    pub pos: Option<Pos>,
    /// The offending word as written, and the known word it was probably meant to be: what a
    /// drawn error underlines and offers as the fix.
    pub suggestion: Option<(String, String)>,
}

impl LoadError {
    pub fn new(msg: Msg, pos: Option<Pos>) -> Self {
        LoadError { msg, pos, suggestion: None }
    }

    /// The catalogue id of the message: what scripts may match on.
    pub fn id(&self) -> &'static str {
        self.msg.id
    }

    /// The same error with "did you mean": `written` is the word in the file, `meant` the fix.
    pub fn suggest(mut self, written: &str, meant: &str) -> Self {
        self.suggestion = Some((written.to_string(), meant.to_string()));
        self
    }
}

/// The values an enumerated field may take: what any loaded rule set knows, and the format's own
/// fixed lists. A value outside these is a load error; one known to another regulation only is a
/// finding of the checks.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    pub regelingen: BTreeSet<String>,
    pub indiening_soorten: BTreeSet<String>,
    pub regio_soorten: BTreeSet<String>,
    pub doelgroepen: BTreeSet<String>,
    /// Canonical profile id by every accepted spelling, lower-cased.
    pub profielen: BTreeMap<String, String>,
    pub onderdelen: BTreeSet<String>,
    pub themas: BTreeSet<String>,
}


/// Words longer than this are not typos of a key or an id: no suggestion is looked for, which
/// bounds the work of one comparison.
const SUGGEST_MAX_CHARS: usize = 64;
/// At most this many "did you mean" searches per file; later unknown values get the plain
/// message. Each search compares with every known word, so without a cap a file of many
/// unknown references against many ids would take time quadratic in its size.
const SUGGEST_MAX_SEARCHES: usize = 100;

/// The nearest of `known` to `word`, when it is near enough to be a typo.
pub fn suggest<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    if word.chars().count() > SUGGEST_MAX_CHARS {
        return None;
    }
    let w = word.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for k in known.into_iter().filter(|k| k.chars().count() <= SUGGEST_MAX_CHARS) {
        let score = strsim::jaro_winkler(&w, &k.to_lowercase());
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, k));
        }
    }
    let (score, k) = best?;
    let dist = strsim::damerau_levenshtein(&w, &k.to_lowercase());
    (score >= 0.8 || dist <= 2.max(k.chars().count() / 3)).then(|| k.to_string())
}

/// Reads and checks an application file.
pub fn load(path: &Path, vocab: &Vocabulary) -> Result<Aanvraag, Vec<LoadError>> {
    let bytes = read(path).map_err(|e| vec![e])?;
    load_bytes(&bytes, vocab)
}

/// The bytes of an application file, read once through [`crate::safe_read`]: not a regular
/// file, or larger than the limit, is refused before it is read.
pub fn read(path: &Path) -> Result<Vec<u8>, LoadError> {
    crate::safe_read::read_regular(path, yaml::MAX_BYTES as u64).map_err(|e| read_error(&e))
}

/// A refused read as a load error.
pub fn read_error(e: &crate::safe_read::ReadError) -> LoadError {
    use crate::safe_read::ReadError as R;
    let msg = match e {
        R::NotFound(m) => Msg::new("laden.niet-gevonden").arg("fout", m.as_str()),
        R::PermissionDenied(m) => Msg::new("laden.geen-toegang").arg("fout", m.as_str()),
        R::IsDir => Msg::new("laden.is-map"),
        R::NotRegular(kind) => Msg::new("laden.geen-bestand").arg("soort", Msg::new(kind)),
        R::TooLarge(size, limit) => Msg::new("laden.te-groot").arg("grootte", size.to_string()).arg("maximum", limit.to_string()),
        R::Io(m) => Msg::new("laden.io").arg("fout", m.as_str()),
    };
    LoadError::new(msg, None)
}

/// Reads and checks an application from bytes (a file's content or stdin).
pub fn load_bytes(bytes: &[u8], vocab: &Vocabulary) -> Result<Aanvraag, Vec<LoadError>> {
    let text = yaml::text_of(bytes).map_err(|e| vec![from_yaml(e)])?;
    load_text(text, vocab)
}

/// Reads and checks an application from text.
pub fn load_text(text: &str, vocab: &Vocabulary) -> Result<Aanvraag, Vec<LoadError>> {
    let mut a: Aanvraag = yaml::from_str(text).map_err(|e| vec![from_yaml(e)])?;
    // The same text read again as plain values; it has just been read, so this cannot fail.
    a.teksten = yaml::texts(text).unwrap_or_default();
    let errors = validate(&mut a, vocab);
    if errors.is_empty() { Ok(a) } else { Err(errors) }
}

/// Turns a reader error into a catalogue message, with "did you mean" for unknown keys.
pub fn from_yaml(e: YamlError) -> LoadError {
    let msg = match e.kind {
        YamlErrorKind::Empty => Msg::new("laden.leeg"),
        YamlErrorKind::MultipleDocuments => Msg::new("laden.meer-documenten"),
        YamlErrorKind::NotUtf8 => Msg::new("laden.geen-utf8"),
        YamlErrorKind::UnknownField { field, expected } => match suggest(&field, expected.iter().map(String::as_str)) {
            Some(s) => {
                return LoadError::new(Msg::new("laden.onbekende-sleutel-bedoeld").arg("sleutel", field.as_str()).arg("bedoeld", s.as_str()), e.pos)
                    .suggest(&field, &s);
            }
            None => Msg::new("laden.onbekende-sleutel").arg("sleutel", field).arg("toegestaan", expected.join(", ")),
        },
        YamlErrorKind::MissingField { field } => Msg::new("laden.ontbrekende-sleutel").arg("sleutel", field),
        YamlErrorKind::DuplicateKey { key } => Msg::new("laden.dubbele-sleutel").arg("sleutel", key),
        YamlErrorKind::InvalidType { expected, found } => {
            if found.is_empty() {
                Msg::new("laden.verkeerd-type").arg("verwacht", type_word(&expected))
            } else {
                Msg::new("laden.verkeerd-type-gevonden").arg("verwacht", type_word(&expected)).arg("gevonden", found)
            }
        }
        YamlErrorKind::InvalidBoolean => Msg::new("laden.boolean"),
        YamlErrorKind::Invalid(r) => {
            let mut msg = Msg::new(r.id);
            for (name, value) in r.args {
                msg = msg.arg(name, value);
            }
            let mut err = LoadError::new(msg, e.pos);
            if let Some((written, meant)) = r.fix {
                err = err.suggest(&written, &meant);
            }
            return err;
        }
        YamlErrorKind::Tab => Msg::new("laden.tab").arg("regel", e.pos.map_or(0, |p| p.line)),
        YamlErrorKind::Limit { what } => Msg::new("laden.limiet").arg("limiet", Msg::new(what.id_and_figure().0)),
        YamlErrorKind::Syntax { message } => Msg::new("laden.syntax").arg("melding", message),
    };
    LoadError::new(msg, e.pos)
}

/// A plain word for what serde expected, for the message "verwacht: …": a catalogue text, so the
/// word is in the reader's language.
fn type_word(expected: &str) -> Arg {
    let e = expected.to_lowercase();
    let w = if e.contains("sequence") || e.contains("vec") {
        "type.lijst"
    } else if e.contains("map") || e.contains("struct") {
        "type.mapping"
    } else if e.contains("bool") {
        "type.boolean"
    } else if e.contains("i32") || e.contains("u32") || e.contains("u16") || e.contains("integer") {
        "type.geheel-getal"
    } else if e.contains("string") || e.contains("str") {
        "type.tekst"
    } else {
        return Arg::Tekst(expected.to_string());
    };
    Msg::new(w).into()
}

struct Collector<'v> {
    vocab: &'v Vocabulary,
    errors: Vec<LoadError>,
    /// "Did you mean" searches still allowed in this file.
    searches_left: usize,
}

impl Collector<'_> {
    /// [`suggest`], within the file's budget of searches.
    fn suggest<'a>(&mut self, word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
        if self.searches_left == 0 {
            return None;
        }
        self.searches_left -= 1;
        suggest(word, known)
    }

    fn push(&mut self, msg: Msg, at: Option<Pos>) {
        self.errors.push(LoadError::new(msg, at));
    }

    fn push_suggested(&mut self, msg: Msg, at: Option<Pos>, written: &str, meant: &str) {
        self.errors.push(LoadError::new(msg, at).suggest(written, meant));
    }

    /// An enumerated value: known, or an error with the nearest known value.
    fn known<'a>(
        &mut self,
        field: &str,
        v: &S<String>,
        known: impl IntoIterator<Item = &'a str> + Clone,
    ) {
        if known.clone().into_iter().any(|k| k == v.value) {
            return;
        }
        match self.suggest(&v.value, known.clone()) {
            Some(s) => self.push_suggested(
                Msg::new("laden.onbekende-waarde-bedoeld").arg("veld", field).arg("waarde", v.value.as_str()).arg("bedoeld", s.as_str()),
                pos(v),
                &v.value,
                &s,
            ),
            None => self.push(
                Msg::new("laden.onbekende-waarde")
                    .arg("veld", field)
                    .arg("waarde", v.value.as_str())
                    .arg("bekend", known.into_iter().collect::<Vec<_>>().join(", ")),
                pos(v),
            ),
        }
    }

    /// Ids unique within their list.
    fn unique<'a>(&mut self, what: &str, ids: impl Iterator<Item = &'a S<String>>) -> BTreeSet<String> {
        let mut seen: BTreeMap<&str, Option<Pos>> = BTreeMap::new();
        for id in ids {
            if id.value.trim().is_empty() {
                self.push(Msg::new("laden.id-leeg").arg("wat", what), pos(id));
            } else if let Some(first) = seen.get(id.value.as_str()) {
                let first = first.map_or(String::new(), |p| p.line.to_string());
                self.push(Msg::new("laden.id-dubbel").arg("wat", what).arg("id", id.value.as_str()).arg("regel", first), pos(id));
            } else {
                seen.insert(&id.value, pos(id));
            }
        }
        seen.keys().map(|k| k.to_string()).collect()
    }

    fn reference(&mut self, what: &str, r: &S<String>, defined: &BTreeSet<String>) {
        if defined.contains(&r.value) {
            return;
        }
        match self.suggest(&r.value, defined.iter().map(String::as_str)) {
            Some(s) => self.push_suggested(
                Msg::new("laden.verwijzing-bedoeld").arg("wat", what).arg("id", r.value.as_str()).arg("bedoeld", s.as_str()),
                pos(r),
                &r.value,
                &s,
            ),
            None => self.push(Msg::new("laden.verwijzing").arg("wat", what).arg("id", r.value.as_str()), pos(r)),
        }
    }
}

fn validate(a: &mut Aanvraag, vocab: &Vocabulary) -> Vec<LoadError> {
    let mut c = Collector {
        vocab,
        errors: Vec::new(),
        searches_left: SUGGEST_MAX_SEARCHES,
    };
    let v = c.vocab;
    c.known("regeling", &a.regeling, v.regelingen.iter().map(String::as_str));
    c.known(
        "indiening.soort",
        &a.indiening.value.soort,
        v.indiening_soorten.iter().map(String::as_str),
    );
    c.known("regio.soort", &a.regio.value.soort, v.regio_soorten.iter().map(String::as_str));

    let partner_ids = c.unique("partner", a.partners.value.iter().map(|p| &p.value.id));
    for p in &a.partners.value {
        c.known("partners[].soort", &p.value.soort, PARTNER_SOORTEN.iter().copied());
        if let Some(k) = &p.value.kvk {
            let t = k.value.trim();
            if t.len() != 8 || !t.bytes().all(|b| b.is_ascii_digit()) {
                c.push(Msg::new("laden.kvk").arg("waarde", k.value.as_str()), pos(k));
            }
        }
    }
    c.reference("penvoerder", &a.penvoerder, &partner_ids);

    let act_ids = c.unique("activiteit", a.activiteiten().iter().map(|x| &x.value.id));
    if let Some(acts) = &mut a.activiteiten {
        for act in &mut acts.value {
            for d in &act.value.doelgroepen.value {
                c.known(
                    "activiteiten[].doelgroepen",
                    d,
                    v.doelgroepen.iter().map(String::as_str),
                );
            }
            if let Some(profielen) = &mut act.value.profielen {
                for p in &mut profielen.value {
                    match v.profielen.get(&p.value.to_lowercase()) {
                        Some(canon) => p.value = canon.clone(),
                        None => {
                            let mut ids: Vec<&str> = v.profielen.values().map(String::as_str).collect();
                            ids.dedup();
                            c.known("activiteiten[].profielen", p, ids);
                        }
                    }
                }
            }
        }
    }
    for r in a.begroting() {
        c.reference("activiteit", &r.value.activiteit, &act_ids);
        c.known("begroting[].soort", &r.value.soort, KOSTEN_SOORTEN.iter().copied());
    }
    for cf in a.cofinanciering() {
        c.reference("partner", &cf.value.partner, &partner_ids);
        c.known("cofinanciering[].vorm", &cf.value.vorm, VORMEN.iter().copied());
    }
    if let Some(s) = a.financiering.as_ref().and_then(|f| f.value.subsidie.as_ref()) {
        for (k, _) in &s.value.entries {
            let t = k.value.trim();
            if t.len() != 4 || t.parse::<i32>().is_err() {
                c.push(Msg::new("laden.jaar").arg("waarde", k.value.as_str()), pos(k));
            }
        }
    }
    if let Some(o) = &a.onderdelen {
        for (k, _) in &o.value.entries {
            c.known("onderdelen", k, v.onderdelen.iter().map(String::as_str));
        }
    }
    if let Some(t) = &a.themas {
        for (k, _) in &t.value.entries {
            c.known("themas", k, v.themas.iter().map(String::as_str));
        }
    }
    c.errors.sort_by_key(|e| e.pos);
    c.errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_file_name_lives_in_the_current_folder() {
        assert_eq!(Herkomst::Bestand(PathBuf::from("aanvraag.yaml")).folder(), Some(Path::new(".")));
        assert_eq!(Herkomst::Bestand(PathBuf::from("plan/aanvraag.yaml")).folder(), Some(Path::new("plan")));
        assert_eq!(Herkomst::Stdin.folder(), None);
    }

    #[test]
    fn suggests_near_keys_only() {
        let keys = ["cofinanciering", "subsidie", "eigen_bijdrage"];
        assert_eq!(suggest("cofinancering", keys), Some("cofinanciering".into()));
        assert_eq!(suggest("subsidy", keys), Some("subsidie".into()));
        assert_eq!(suggest("xyz", keys), None);
    }
}
