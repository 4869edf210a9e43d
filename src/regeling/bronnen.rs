//! The source registry: what a key in a `bron` text (`[F24]`, `[DUSI25]`, …) stands for. The
//! built-in registry is `rules/bronnen.yaml`, shared by every rule set because the same pages are
//! cited by all three regulations (one address to correct, not three); a rule file may add sources
//! of its own under `bronnen:`, which its `base:` children inherit. A key is defined once: a second
//! definition, or a cited key that no registry defines, is a load error of the rule file.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::yaml::Spanned;

/// One source as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBron {
    pub(super) titel: String,
    #[serde(default)]
    pub(super) uitgever: Option<String>,
    /// Free text: a date where known, else a year or "medio 2024".
    #[serde(default)]
    pub(super) datum: Option<String>,
    #[serde(default)]
    pub(super) url: Option<String>,
}

/// The shared registry file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBronnen {
    pub(super) bronnen: BTreeMap<String, Spanned<RawBron>>,
}

/// A source, ready for the reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bron {
    pub id: String,
    pub titel: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uitgever: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datum: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Bron {
    pub(super) fn from_raw(id: &str, raw: &RawBron) -> Bron {
        Bron {
            id: id.to_string(),
            titel: raw.titel.clone(),
            uitgever: raw.uitgever.clone(),
            datum: raw.datum.clone(),
            url: raw.url.clone(),
        }
    }
}

/// An address a report may link to as it is: `http(s)://` and only the characters of a URL
/// that need no escaping in Markdown, HTML attributes or SARIF (no spaces, quotes, brackets,
/// parentheses or `<>`).
pub fn plain_url(u: &str) -> bool {
    (u.starts_with("https://") || u.starts_with("http://"))
        && u.len() > 8
        && u.chars().all(|c| c.is_ascii_alphanumeric() || "-._~:/?#@!$&*+,;=%".contains(c))
}

/// The keys a `bron` text cites, in order of first mention: `[F24]`, `[DUSI25]`, `[T]` (a
/// capital, then capitals and digits, in square brackets).
pub fn keys_in(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = after.find(']') else { break };
        let key = &after[..close];
        let mut chars = key.chars();
        let well_formed = chars.next().is_some_and(|c| c.is_ascii_uppercase())
            && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if well_formed && !out.contains(&key) {
            out.push(key);
        }
        rest = &after[close..];
    }
    out
}

/// Every `bron` text inside a parameter's value (dated steps and ceilings carry their own).
pub(super) fn nested_bron_texts(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("bron", serde_json::Value::String(s)) => out.push(s.clone()),
                    _ => nested_bron_texts(x, out),
                }
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| nested_bron_texts(x, out)),
        _ => {}
    }
}

/// The sources a text cites, resolved in `registry`; keys it does not hold are left out (the
/// loader has refused them already for rule data).
pub fn resolve(text: &str, registry: &BTreeMap<String, Bron>) -> Vec<Bron> {
    keys_in(text).into_iter().filter_map(|k| registry.get(k).cloned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_once_in_order() {
        assert_eq!(keys_in("DUS-I [DUSI25]; 'behouden' [KB24]; nog eens [DUSI25]"), vec!["DUSI25", "KB24"]);
        assert_eq!(keys_in("[T] en [F23]"), vec!["T", "F23"]);
        // Brackets that are no key: lower case, empty, unclosed.
        assert!(keys_in("zie [sic] en [] en [F2").is_empty());
        assert!(keys_in("[f24]").is_empty());
    }

    #[test]
    fn only_plain_addresses_are_links() {
        assert!(plain_url("https://www.dus-i.nl/subsidies/sterk-techniekonderwijs-2025"));
        assert!(!plain_url("https://x.nl/a) [klik](javascript:alert(1)"));
        assert!(!plain_url("javascript:alert(1)"));
        assert!(!plain_url("https://x.nl/\"><script>"));
    }

    #[test]
    fn nested_sources_are_read() {
        let v = serde_json::json!([{ "bedrag": "55.00", "bron": "a [F23]" }, { "x": { "bron": "b [F24]" } }]);
        let mut out = Vec::new();
        nested_bron_texts(&v, &mut out);
        assert_eq!(out, vec!["a [F23]".to_string(), "b [F24]".to_string()]);
    }
}
