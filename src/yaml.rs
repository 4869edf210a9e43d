//! The one door to YAML. Everything stocheck reads as YAML (applications, rule sets, the message
//! catalogue) goes through [`from_str`], so the safety settings (strict booleans, duplicate keys
//! refused, one document, depth/node/alias budgets) are set once, here, and every error comes back
//! as a [`YamlError`] with a line and column.
//!
//! Value types that validate their own text (money, dates, moments) report a problem with
//! [`invalid`], which carries a message id and its arguments through serde's string-only custom
//! error and is decoded again here, so the message stays in the catalogue.

use serde::de::DeserializeOwned;

pub use serde_saphyr::Spanned;

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
    to_pos(s.referenced)
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
    Invalid { id: String, args: Vec<String> },
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

const INVALID_MARK: char = '\u{1f}';

/// A serde error for a value that read fine as YAML but is not acceptable: `id` names the
/// catalogue message, `args` fill it in. Decoded again by [`from_str`].
pub fn invalid<E: serde::de::Error>(id: &str, args: &[&str]) -> E {
    let mut s = String::from("stocheck");
    s.push(INVALID_MARK);
    s.push_str(id);
    for part in args {
        s.push(INVALID_MARK);
        // A value holding a marker character could split into extra arguments or pass for a
        // catalogue reference: the markers in it are shown as their control pictures.
        s.push_str(&unmark(part));
    }
    E::custom(s)
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
    serde_saphyr::from_str_with_options(text, options).map_err(convert)
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

fn convert(err: serde_saphyr::Error) -> YamlError {
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
        E::Message { msg, .. } if msg.starts_with("stocheck\u{1f}") => {
            let mut parts = msg.split(INVALID_MARK).skip(1).map(str::to_string);
            let id = parts.next().unwrap_or_default();
            YamlErrorKind::Invalid {
                id,
                args: parts.collect(),
            }
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
                Err(invalid("test-id", &[&s, "b"]))
            }
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct P {
            p: Picky,
        }
        let e = from_str::<P>("p: waarde\n").unwrap_err();
        assert_eq!(
            e.kind,
            YamlErrorKind::Invalid {
                id: "test-id".into(),
                args: vec!["waarde".into(), "b".into()]
            }
        );
        assert_eq!(e.pos, Some(Pos::new(1, 4)));
    }
}
