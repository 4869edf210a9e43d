//! The message catalogue: every text a user reads, keyed by id, in `messages/<lang>.yaml`
//! (compiled in). Checks and the loader build [`Msg`] values (an id with named arguments); only
//! writers call [`render`], which fills in the arguments formatted for the language (amounts as
//! `€ 12.345,67`, dates as `1 oktober 2024`). A missing id renders as `[[id]]`, and a test makes
//! sure none is missing.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, Timelike};
use chrono_tz::Europe::Amsterdam;

use crate::engine::{Arg, Msg};
use crate::values::{euro_nl, number_nl};

/// The Dutch catalogue's source.
pub const NL_SOURCE: &str = include_str!("../messages/nl.yaml");

/// The language of the texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Nl,
}

fn catalogue(lang: Lang) -> &'static BTreeMap<String, String> {
    static NL: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    match lang {
        Lang::Nl => NL.get_or_init(|| {
            // The catalogue is compiled in and tested; an unreadable one is a build defect.
            crate::yaml::from_str(NL_SOURCE).unwrap_or_else(|e| panic!("messages/nl.yaml: {e}"))
        }),
    }
}

/// Every id of the catalogue, for tests.
pub fn ids(lang: Lang) -> impl Iterator<Item = &'static str> {
    catalogue(lang).keys().map(String::as_str)
}

/// The template of an id, or `None` when the catalogue lacks it.
pub fn template(id: &str, lang: Lang) -> Option<&'static str> {
    catalogue(lang).get(id).map(String::as_str)
}

/// A message in the user's language.
pub fn render(msg: &Msg, lang: Lang) -> String {
    let Some(t) = template(msg.id, lang) else {
        return format!("[[{}]]", msg.id);
    };
    fill(t, |name| msg.args.iter().find(|(k, _)| *k == name).map(|(_, v)| format_arg(v, lang)))
}

/// A catalogue text with positional arguments `{0}`, `{1}`, … (load errors).
pub fn render_positional(id: &str, args: &[String], lang: Lang) -> String {
    let Some(t) = template(id, lang) else {
        return format!("[[{id}]] {}", args.join(" "));
    };
    fill(t, |name| name.parse::<usize>().ok().and_then(|i| args.get(i).cloned()))
}

fn fill(template: &str, lookup: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) if is_name(&after[..end]) => {
                let name = &after[..end];
                out.push_str(&lookup(name).unwrap_or_else(|| format!("{{{name}}}")));
                rest = &after[end + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

const MAANDEN: [&str; 12] = [
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
    "november", "december",
];

/// A date the Dutch way: `1 oktober 2024`.
pub fn datum_nl(d: chrono::NaiveDate) -> String {
    format!("{} {} {}", d.day(), MAANDEN[d.month0() as usize], d.year())
}

/// A moment in Dutch local time: `1 oktober 2024 16:00` (seconds when they matter).
pub fn moment_nl(m: &crate::values::Moment) -> String {
    let local = m.0.with_timezone(&Amsterdam);
    let time = if local.second() == 0 {
        format!("{:02}:{:02}", local.hour(), local.minute())
    } else {
        format!("{:02}:{:02}:{:02}", local.hour(), local.minute(), local.second())
    };
    format!("{} {}", datum_nl(local.date_naive()), time)
}

/// A span of time in words, to the two largest units: `3 dagen en 4 uur`, `1 seconde`.
pub fn duur_nl(seconds: i64) -> String {
    let s = seconds.unsigned_abs();
    let unit = |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let (d, h, m, sec) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60, s % 60);
    let parts: Vec<String> = if d > 0 {
        vec![unit(d, "dag", "dagen"), unit(h, "uur", "uur")]
    } else if h > 0 {
        vec![unit(h, "uur", "uur"), unit(m, "minuut", "minuten")]
    } else if m > 0 {
        vec![unit(m, "minuut", "minuten"), unit(sec, "seconde", "seconden")]
    } else {
        vec![unit(sec, "seconde", "seconden")]
    };
    let parts: Vec<String> = parts.into_iter().enumerate().filter(|(i, p)| *i == 0 || !p.starts_with("0 ")).map(|(_, p)| p).collect();
    parts.join(" en ")
}

fn format_arg(a: &Arg, lang: Lang) -> String {
    match (a, lang) {
        (Arg::Euro(v), Lang::Nl) => euro_nl(*v),
        (Arg::Pct(v), Lang::Nl) => format!("{}%", number_nl(*v)),
        (Arg::Getal(v), Lang::Nl) => number_nl(*v),
        (Arg::Tekst(s), _) => s.clone(),
        (Arg::Datum(d), Lang::Nl) => datum_nl(*d),
        (Arg::Moment(m), Lang::Nl) => moment_nl(m),
        (Arg::Duur(s), Lang::Nl) => duur_nl(*s),
        (Arg::Lijst(items), _) => items.join(", "),
        (Arg::Bericht(m), l) => render(m, l),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::Moment;

    #[test]
    fn fills_named_arguments_with_dutch_formats() {
        let m = Msg::new("test.voorbeeld");
        assert_eq!(render(&m, Lang::Nl), "[[test.voorbeeld]]");
        assert_eq!(fill("a {x} b {y}", |n| (n == "x").then(|| "1".into())), "a 1 b {y}");
        assert_eq!(fill("{ niet }", |_| None), "{ niet }");
    }

    #[test]
    fn dates_moments_and_durations() {
        assert_eq!(datum_nl(chrono::NaiveDate::from_ymd_opt(2024, 10, 1).unwrap()), "1 oktober 2024");
        assert_eq!(moment_nl(&Moment::parse("2024-10-01T14:00:00Z").unwrap()), "1 oktober 2024 16:00");
        assert_eq!(moment_nl(&Moment::parse("2024-10-01T16:00:01+02:00").unwrap()), "1 oktober 2024 16:00:01");
        assert_eq!(duur_nl(1), "1 seconde");
        assert_eq!(duur_nl(3 * 86_400 + 4 * 3600 + 5), "3 dagen en 4 uur");
        assert_eq!(duur_nl(86_400), "1 dag");
        assert_eq!(duur_nl(125), "2 minuten en 5 seconden");
    }

    #[test]
    fn catalogue_loads_and_has_no_empty_texts() {
        let n = ids(Lang::Nl).count();
        assert!(n > 20);
        for id in ids(Lang::Nl) {
            assert!(!template(id, Lang::Nl).unwrap().trim().is_empty(), "{id}");
        }
    }
}
