//! The one door to YAML. Everything stocheck reads as YAML (applications, rule sets, the message
//! catalogue) goes through [`from_str`], so the safety settings (strict booleans, duplicate keys
//! refused, one document, depth/node/alias budgets) are set once, here, and every error comes back
//! as a [`YamlError`] with a line and column.
//!
//! Value types that validate their own text (money, dates, moments) report a problem with
//! [`refuse`]: serde's custom error can only hold a string, so the [`Refusal`] itself (a catalogue
//! id with named arguments, and the fix when there is one) is kept beside the reader for the
//! length of one [`from_str`] and handed back as data in [`YamlErrorKind::Invalid`]. The string
//! serde carries is only a description; nothing is decoded from it.
//!
//! A tab used for indentation is named as such, at its own line, before the parser's (English)
//! complaint about it can reach the user.

use std::cell::RefCell;

use serde::de::DeserializeOwned;

/// A value with the place it was written: the line and column of its use (for a value reached
/// through an alias, the alias). Read through serde-saphyr's own `Spanned`, then kept in eight
/// bytes instead of its two full locations: a plan of 100,000 lines holds some 100,000 of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    /// The place, or `None` when the reader had none.
    pub at: Option<Pos>,
}

impl<T> Spanned<T> {
    pub fn new(value: T, at: Option<Pos>) -> Self {
        Spanned { value, at }
    }
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Spanned<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = serde_saphyr::Spanned::<T>::deserialize(d)?;
        Ok(Spanned { at: to_pos(s.referenced), value: s.value })
    }
}

/// Largest file read, in bytes.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;
/// Deepest nesting of mappings and sequences.
pub const MAX_DEPTH: usize = 64;
/// Most nodes (scalars, mappings, sequences) in one file.
pub const MAX_NODES: usize = 5_000_000;
/// Most events replayed through aliases in one file.
pub const MAX_ALIAS_REPLAY: usize = 1_000_000;

/// A place in a YAML file: 1-based line and 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl Pos {
    pub fn new(line: u32, column: u32) -> Self {
        Pos { line, column }
    }
}

/// The position a spanned value was referenced at, or `None` when the reader had none.
pub fn pos<T>(s: &Spanned<T>) -> Option<Pos> {
    s.at
}

fn to_pos(loc: serde_saphyr::Location) -> Option<Pos> {
    let (line, column) = (loc.line(), loc.column());
    if line == 0 {
        return None;
    }
    Some(Pos::new(
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    ))
}

/// What went wrong while reading YAML. The variants carry data, not sentences: the message
/// catalogue turns them into text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YamlErrorKind {
    /// The file holds no document at all.
    Empty,
    /// More than one YAML document (`---`).
    MultipleDocuments,
    /// A key the format does not know; `expected` are the keys allowed at that place.
    UnknownField { field: String, expected: Vec<String> },
    /// A required key is missing.
    MissingField { field: String },
    /// The same key twice in one mapping.
    DuplicateKey { key: String },
    /// A value of the wrong shape or type.
    InvalidType { expected: String, found: String },
    /// A boolean spelled other than `true` / `false`.
    InvalidBoolean,
    /// A value rejected by its own type: a message id of the catalogue with its arguments.
    Invalid(Refusal),
    /// A line whose indentation holds a tab, which YAML does not allow (the position is the tab's).
    Tab,
    /// A nesting, node, alias or size limit was reached.
    Limit { what: Limiet },
    /// Not valid YAML at all (the parser's own words).
    Syntax { message: String },
    /// The bytes are not UTF-8.
    NotUtf8,
}

/// Which reading limit a file reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limiet {
    /// Nesting deeper than [`MAX_DEPTH`].
    Diepte,
    /// More than [`MAX_NODES`] nodes.
    Knopen,
    /// Alias expansion beyond [`MAX_ALIAS_REPLAY`] events, or aliases out of proportion.
    Aliassen,
    /// More than [`MAX_BYTES`] bytes.
    Bytes,
}

impl Limiet {
    /// The catalogue id naming the limit, and the limit's figure.
    pub fn id_and_figure(self) -> (&'static str, usize) {
        match self {
            Limiet::Diepte => ("limiet.diepte", MAX_DEPTH),
            Limiet::Knopen => ("limiet.knopen", MAX_NODES),
            Limiet::Aliassen => ("limiet.aliassen", MAX_ALIAS_REPLAY),
            Limiet::Bytes => ("limiet.bytes", MAX_BYTES),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind:?} at {pos:?}")]
pub struct YamlError {
    pub kind: YamlErrorKind,
    pub pos: Option<Pos>,
}

/// A value its own type refused: the catalogue id saying why, its named arguments (the text as
/// written, as `waarde`, and whatever else the message needs), and the fix when one is certain:
/// the text as written and the text it should be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub id: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub fix: Option<(String, String)>,
}

impl Refusal {
    /// A refusal of `written`, passed to the message as `waarde`.
    pub fn new(id: &'static str, written: &str) -> Refusal {
        Refusal { id, args: vec![("waarde", written.to_string())], fix: None }
    }

    /// The same refusal with the corrected text as its fix.
    /// The corrected text is passed to the message as `voorstel` too.
    pub fn fix(mut self, written: &str, meant: String) -> Refusal {
        self.args.push(("voorstel", meant.clone()));
        self.fix = Some((written.to_string(), meant));
        self
    }

    /// What serde carries as the error's text: a description for whoever prints serde errors
    /// directly; [`from_str`] matches it to find this refusal again.
    fn describe(&self) -> String {
        let args: Vec<String> = self.args.iter().map(|(k, v)| format!("{k}={v:?}")).collect();
        format!("value refused ({}: {})", self.id, args.join(", "))
    }
}

thread_local! {
    /// The refusals of the value types during the current [`from_str`] on this thread.
    static REFUSED: RefCell<Vec<(String, Refusal)>> = const { RefCell::new(Vec::new()) };
}

/// A serde error for a value that read fine as YAML but is not acceptable to its type. The
/// refusal itself reaches [`from_str`]'s caller as data.
pub fn refuse<E: serde::de::Error>(r: Refusal) -> E {
    let text = r.describe();
    REFUSED.with(|v| v.borrow_mut().push((text.clone(), r)));
    E::custom(text)
}

/// `s` with the catalogue's marker characters (U+001E, U+001F) shown as their control pictures,
/// for text from a file that travels as a message argument.
pub fn unmark(s: &str) -> String {
    s.replace('\u{1e}', "\u{241e}").replace('\u{1f}', "\u{241f}")
}

/// Checks the raw bytes of a file (size, UTF-8) and hands back the text.
pub fn text_of(bytes: &[u8]) -> Result<&str, YamlError> {
    if bytes.len() > MAX_BYTES {
        return Err(YamlError {
            kind: YamlErrorKind::Limit { what: Limiet::Bytes },
            pos: None,
        });
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        // valid_up_to is a char boundary, so this is valid UTF-8.
        let good = std::str::from_utf8(good).unwrap_or("");
        let line = good.matches('\n').count() + 1;
        let column = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        YamlError {
            kind: YamlErrorKind::NotUtf8,
            pos: Some(Pos::new(line as u32, column as u32)),
        }
    })
}

/// Reads one YAML document into `T` with stocheck's safety settings.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    // Lines end at LF, CRLF or a lone CR (old Mac files): a file of CR-only lines is not one
    // comment line.
    if text.trim_start_matches('\u{feff}').split(['\n', '\r']).all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#') || l == "---" || l == "..."
    }) {
        return Err(YamlError {
            kind: YamlErrorKind::Empty,
            pos: Some(Pos::new(1, 1)),
        });
    }
    let options = serde_saphyr::options! {
        strict_booleans: true,
        duplicate_keys: serde_saphyr::options::DuplicateKeyPolicy::Error,
        budget: Some(budget()),
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: MAX_ALIAS_REPLAY,
        },
    };
    // A file with more nodes than the limit needs at least two bytes a node. Only such a file is
    // first counted by the streaming scanner, which builds nothing: so the limit is met in a
    // fraction of the time and memory that deserialising up to it would take.
    if text.len() >= 2 * MAX_NODES {
        let report = serde_saphyr::budget::check_yaml_budget(text, budget(), serde_saphyr::budget::EnforcingPolicy::AllContent);
        if let Ok(serde_saphyr::budget::BudgetReport { breached: Some(b), .. }) = report {
            return Err(YamlError { kind: breach_kind(&b), pos: None });
        }
    }
    REFUSED.with(|v| v.borrow_mut().clear());
    let result = serde_saphyr::from_str_with_options(text, options);
    let refused = REFUSED.with(|v| std::mem::take(&mut *v.borrow_mut()));
    result.map_err(|e| {
        let e = convert(e, &refused);
        match tab_indent(text) {
            // The parser's words for a tab are English and point at its symptom; the tab itself is
            // the cause. Only the parser's own complaints are replaced, or those at the tab's line.
            Some(tab) if matches!(e.kind, YamlErrorKind::Syntax { .. }) || e.pos.is_some_and(|p| p.line == tab.line) => {
                YamlError { kind: YamlErrorKind::Tab, pos: Some(tab) }
            }
            _ => e,
        }
    })
}

/// The first tab in the indentation of a line (the run of blanks it starts with), if any line
/// that holds more than blanks has one.
fn tab_indent(text: &str) -> Option<Pos> {
    for (i, line) in text.lines().enumerate() {
        let indent: &str = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        if indent.len() == line.len() {
            continue;
        }
        if let Some(col) = indent.find('\t') {
            return Some(Pos::new(u32::try_from(i + 1).unwrap_or(u32::MAX), col as u32 + 1));
        }
    }
    None
}


fn budget() -> serde_saphyr::Budget {
    let mut b = serde_saphyr::Budget::default();
    b.max_documents = 1;
    b.max_depth = MAX_DEPTH;
    b.max_nodes = MAX_NODES;
    b.max_events = MAX_NODES * 3;
    b.max_reader_input_bytes = Some(MAX_BYTES);
    b.max_total_scalar_bytes = MAX_BYTES;
    b
}

/// The reader's budget breach as a limit the catalogue can name (never its Debug text).
fn breach_kind(b: &serde_saphyr::budget::BudgetBreach) -> YamlErrorKind {
    use serde_saphyr::budget::BudgetBreach as B;
    let what = match b {
        B::Documents { .. } => return YamlErrorKind::MultipleDocuments,
        B::Depth { .. } => Limiet::Diepte,
        B::Nodes { .. } | B::Events { .. } => Limiet::Knopen,
        B::InputBytes { .. } | B::ScalarBytes { .. } => Limiet::Bytes,
        _ => Limiet::Aliassen,
    };
    YamlErrorKind::Limit { what }
}

fn convert(err: serde_saphyr::Error, refused: &[(String, Refusal)]) -> YamlError {
    use serde_saphyr::Error as E;
    let pos = err.location().and_then(to_pos);
    let err = err.without_snippet();
    let kind = match err {
        E::Eof { .. } => YamlErrorKind::Empty,
        E::MultipleDocuments { .. } => YamlErrorKind::MultipleDocuments,
        E::SerdeUnknownField {
            field, expected, ..
        } => YamlErrorKind::UnknownField {
            field: field.clone(),
            expected: expected.iter().map(|s| s.to_string()).collect(),
        },
        E::SerdeMissingField { field, .. } => YamlErrorKind::MissingField {
            field: field.to_string(),
        },
        E::DuplicateMappingKey { key, .. } => YamlErrorKind::DuplicateKey {
            key: key.clone().unwrap_or_default(),
        },
        E::SerdeInvalidType {
            unexpected,
            expected,
            ..
        }
        | E::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => YamlErrorKind::InvalidType {
            expected: expected.clone(),
            found: unexpected.clone(),
        },
        E::InvalidBooleanStrict { .. } => YamlErrorKind::InvalidBoolean,
        E::InvalidScalar { ty, .. } => YamlErrorKind::InvalidType {
            expected: ty.to_string(),
            found: String::new(),
        },
        E::Unexpected { expected, .. } => YamlErrorKind::InvalidType {
            expected: expected.to_string(),
            found: String::new(),
        },
        E::NullIntoString { .. } => YamlErrorKind::InvalidType {
            expected: "string".into(),
            found: "null".into(),
        },
        E::Budget { breach, .. } => breach_kind(breach),
        E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. }
        | E::AliasReplayCounterOverflow { .. } => YamlErrorKind::Limit { what: Limiet::Aliassen },
        E::InvalidUtf8Input => YamlErrorKind::NotUtf8,
        E::Message { msg, .. } if refused.iter().any(|(t, _)| t == msg) => {
            // The last refusal with this text: the one that stopped the reader.
            let r = refused.iter().rev().find(|(t, _)| t == msg).map(|(_, r)| r.clone());
            YamlErrorKind::Invalid(r.unwrap_or_else(|| Refusal::new("laden.syntax", msg)))
        }
        other => {
            let message = other.to_string();
            // The reader appends " at line L, column C"; the position is reported separately.
            let message = match message.rfind(" at line ") {
                Some(i) => message[..i].to_string(),
                None => message,
            };
            let lower = message.to_lowercase();
            if lower.contains("depth") || lower.contains("nesting") {
                YamlErrorKind::Limit { what: Limiet::Diepte }
            } else if lower.contains("budget") {
                YamlErrorKind::Limit { what: Limiet::Knopen }
            } else {
                YamlErrorKind::Syntax { message }
            }
        }
    };
    YamlError { kind, pos }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        a: Spanned<String>,
        b: Option<bool>,
    }

    fn err(text: &str) -> YamlError {
        from_str::<Doc>(text).expect_err("should fail")
    }

    #[test]
    fn reads_with_positions() {
        let d: Doc = from_str("a: 12500.50\nb: true\n").unwrap();
        assert_eq!(d.a.value, "12500.50");
        assert_eq!(pos(&d.a), Some(Pos::new(1, 4)));
    }

    #[test]
    fn refuses_yes_as_boolean() {
        assert_eq!(err("a: x\nb: yes\n").kind, YamlErrorKind::InvalidBoolean);
    }

    #[test]
    fn refuses_duplicate_keys_with_position() {
        let e = err("a: x\na: y\n");
        assert!(matches!(e.kind, YamlErrorKind::DuplicateKey { .. }));
        assert_eq!(e.pos, Some(Pos::new(2, 1)));
    }

    #[test]
    fn unknown_key_lists_expected() {
        let e = err("a: x\nbb: 1\n");
        match e.kind {
            YamlErrorKind::UnknownField { field, expected } => {
                assert_eq!(field, "bb");
                assert!(expected.contains(&"b".to_string()));
            }
            k => panic!("{k:?}"),
        }
    }

    #[test]
    fn empty_and_comment_only_files_are_empty() {
        assert_eq!(err("").kind, YamlErrorKind::Empty);
        assert_eq!(err("# niets\n\n").kind, YamlErrorKind::Empty);
    }

    #[test]
    fn several_documents_are_refused() {
        assert_eq!(err("a: x\n---\na: y\n").kind, YamlErrorKind::MultipleDocuments);
    }

    #[test]
    fn deep_nesting_is_a_limit() {
        let mut text = String::from("a: x\nb: ");
        for _ in 0..200 {
            text.push('[');
        }
        for _ in 0..200 {
            text.push(']');
        }
        let e = from_str::<serde_json::Value>(&text).unwrap_err();
        assert!(matches!(e.kind, YamlErrorKind::Limit { .. }), "{e:?}");
    }

    #[test]
    fn not_utf8_names_the_place() {
        let e = text_of(b"a: x\nb: \xff\n").unwrap_err();
        assert_eq!(e.kind, YamlErrorKind::NotUtf8);
        assert_eq!(e.pos, Some(Pos::new(2, 4)));
    }

    #[test]
    fn custom_errors_round_trip() {
        #[derive(Debug)]
        struct Picky;
        impl<'de> Deserialize<'de> for Picky {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Err(refuse(Refusal::new("test-id", &s).fix(&s, "b".into())))
            }
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct P {
            p: Picky,
        }
        let e = from_str::<P>("p: waarde\n").unwrap_err();
        assert_eq!(e.kind, YamlErrorKind::Invalid(Refusal::new("test-id", "waarde").fix("waarde", "b".into())));
        assert_eq!(e.pos, Some(Pos::new(1, 4)));
        // Nothing is left over for the next file.
        assert!(REFUSED.with(|v| v.borrow().is_empty()));
    }

    #[test]
    fn a_tab_in_the_indentation_is_named_at_its_line() {
        let text = "a: x\nb:\n\tc: 1\n";
        let e = from_str::<serde_json::Value>(text).unwrap_err();
        assert_eq!(e, YamlError { kind: YamlErrorKind::Tab, pos: Some(Pos::new(3, 1)) });
        // After spaces too.
        let e = from_str::<serde_json::Value>("a:\n  b:\n  \tc: 1\n").unwrap_err();
        assert_eq!(e, YamlError { kind: YamlErrorKind::Tab, pos: Some(Pos::new(3, 3)) });
        // A tab inside a value, or a file that reads fine, is no problem.
        from_str::<serde_json::Value>("a: \"x\ty\"\nb: 1\n").unwrap();
    }
}

/// Every scalar value of a YAML document (not its keys, not its comments) as text, with the place
/// it stands: for checks that read free text wherever it is (placeholders left from a template).
/// Whole numbers are given as written in decimal; fractions, booleans and nulls are left out (no
/// placeholder is one). Read with the same safety settings as [`from_str`].
pub fn texts(text: &str) -> Result<Vec<Tekst>, YamlError> {
    let root: Spanned<Node> = from_str(text)?;
    let mut out = Vec::new();
    let at = pos(&root);
    root.value.collect(at, &mut String::new(), &mut out);
    Ok(out)
}

/// A text value of a document, with its place and its path (`regio.naam`, `partners[2].naam`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tekst {
    pub text: String,
    pub pos: Pos,
    pub path: String,
}

/// A YAML node for [`texts`]: only what it needs.
enum Node {
    Text(String),
    List(Vec<Spanned<Node>>),
    Map(Vec<(String, Spanned<Node>)>),
    Other,
}

impl Node {
    fn collect(self, at: Option<Pos>, path: &mut String, out: &mut Vec<Tekst>) {
        match self {
            Node::Text(t) => {
                if let Some(p) = at {
                    out.push(Tekst { text: t, pos: p, path: path.clone() });
                }
            }
            Node::List(items) => {
                for (n, i) in items.into_iter().enumerate() {
                    let len = path.len();
                    path.push_str(&format!("[{}]", n + 1));
                    let p = pos(&i);
                    i.value.collect(p, path, out);
                    path.truncate(len);
                }
            }
            Node::Map(items) => {
                for (k, i) in items {
                    let len = path.len();
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(&k);
                    let p = pos(&i);
                    i.value.collect(p, path, out);
                    path.truncate(len);
                }
            }
            Node::Other => {}
        }
    }
}

/// A mapping key as a path step: text and numbers as written, anything else `?`.
struct Key(String);

impl<'de> serde::Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Node::deserialize(d)? {
            Node::Text(t) => Ok(Key(t)),
            _ => Ok(Key("?".to_string())),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Node {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Node;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_str<E>(self, v: &str) -> Result<Node, E> {
                Ok(Node::Text(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Node, E> {
                Ok(Node::Text(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
                Ok(Node::Text(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
                Ok(Node::Text(v.to_string()))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Node, E> {
                Ok(Node::Other)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Node, E> {
                Ok(Node::Other)
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Other)
            }
            fn visit_none<E>(self) -> Result<Node, E> {
                Ok(Node::Other)
            }
            fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
                serde::Deserialize::deserialize(d)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(i) = a.next_element::<Spanned<Node>>()? {
                    items.push(i);
                }
                Ok(Node::List(items))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                // Keys are the format's words (or years, ids), not values a user fills in: they
                // only name the path.
                while let Some((k, v)) = a.next_entry::<Key, Spanned<Node>>()? {
                    items.push((k.0, v));
                }
                Ok(Node::Map(items))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod texts_tests {
    use super::*;

    #[test]
    fn every_value_with_its_place_and_no_key_or_comment() {
        let t = texts("a: VUL-IN naam  # TODO in a comment\nb:\n  - { c: \"00000000\", d: 12, e: 1.5, f: true }\nTODO: x\n").unwrap();
        let got: Vec<(&str, u32, u32, &str)> = t.iter().map(|t| (t.text.as_str(), t.pos.line, t.pos.column, t.path.as_str())).collect();
        assert_eq!(got, vec![("VUL-IN naam", 1, 4, "a"), ("00000000", 3, 10, "b[1].c"), ("12", 3, 25, "b[1].d"), ("x", 4, 7, "TODO")]);
    }
}
