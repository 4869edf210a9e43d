//! The message catalogue: every text a user reads, keyed by id, in `messages/<lang>.yaml`
//! (compiled in): Dutch (`nl.yaml`, the default) and English (`en.yaml`). Checks and the loader
//! build [`Msg`] values (an id with named arguments); only writers call [`render`], which fills in
//! the arguments formatted for the language (amounts as `€ 12.345,67` / `€12,345.67`, dates as
//! `1 oktober 2024` / `1 October 2024`). Load errors, rule-file errors and usage errors are
//! [`Msg`] values too: every argument is named, none is positional. A missing id renders as
//! `[[id]]`; tests make sure both catalogues have exactly the same ids and the same arguments per
//! id, and that every id the source names is in both (`tests/catalogue.rs`).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Timelike};
use rust_decimal::Decimal;
use chrono_tz::Europe::Amsterdam;

use crate::values::{Moment, euro_en, euro_nl, number_en, number_nl};

/// The Dutch catalogue's source.
pub const NL_SOURCE: &str = include_str!("../messages/nl.yaml");
/// The English catalogue's source.
pub const EN_SOURCE: &str = include_str!("../messages/en.yaml");

/// The language of the texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    /// Every language, for tests and completions.
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    /// `nl` or `en` (also `NL`, `en_GB.UTF-8`: what `STOCHECK_LANG` may hold).
    pub fn parse(text: &str) -> Option<Lang> {
        let t = text.trim().to_lowercase();
        let code = t.split(['_', '-', '.']).next().unwrap_or("");
        match code {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A value in a message, formatted per language by [`crate::messages`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// An amount in euros.
    Euro(Decimal),
    /// A percentage (10 → "10%").
    Pct(Decimal),
    /// A plain number (hours, counts).
    Getal(Decimal),
    Tekst(String),
    Datum(NaiveDate),
    Moment(Moment),
    /// A span of time in seconds.
    Duur(i64),
    /// A list of words, joined.
    Lijst(Vec<String>),
    /// Alternatives, any one of which will do: "bedrijf of overheid", "vmbo, vso of po".
    Of(Vec<String>),
    /// Another message, rendered in place (a reason, a sub-sentence).
    Bericht(Box<Msg>),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Tekst(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Tekst(s)
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Getal(Decimal::from(n as u64))
    }
}
impl From<u32> for Arg {
    fn from(n: u32) -> Self {
        Arg::Getal(Decimal::from(n))
    }
}
impl From<Msg> for Arg {
    fn from(m: Msg) -> Self {
        Arg::Bericht(Box::new(m))
    }
}

/// A message: a catalogue id and its named arguments. Checks build these; only the writers turn
/// them into text, in the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Msg {
    pub fn new(id: &'static str) -> Msg {
        Msg { id, args: Vec::new() }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        self.args.push((name, value.into()));
        self
    }

    pub fn euro(self, name: &'static str, v: Decimal) -> Msg {
        self.arg(name, Arg::Euro(v))
    }

    pub fn pct(self, name: &'static str, v: Decimal) -> Msg {
        self.arg(name, Arg::Pct(v))
    }

    pub fn getal(self, name: &'static str, v: impl Into<Decimal>) -> Msg {
        self.arg(name, Arg::Getal(v.into()))
    }
}

/// A partner kind in words ("een bedrijf", "a company") where the catalogue has them; an id no
/// catalogue names is shown as written.
pub fn partnersoort(soort: &str) -> Arg {
    let id = match soort {
        "vmbo" => "partnersoort.vmbo",
        "mbo" => "partnersoort.mbo",
        "po" => "partnersoort.po",
        "vso" => "partnersoort.vso",
        "praktijkonderwijs" => "partnersoort.praktijkonderwijs",
        "havo-vwo" => "partnersoort.havo-vwo",
        "bedrijf" => "partnersoort.bedrijf",
        "overheid" => "partnersoort.overheid",
        "overig" => "partnersoort.overig",
        other => return Arg::from(other),
    };
    Arg::from(Msg::new(id))
}

/// A kind of region in words ("techniekluwe regio"); an id no catalogue names is shown as written.
pub fn regiosoort(soort: &str) -> Arg {
    let id = match soort {
        "techniekregio" => "regiosoort.techniekregio",
        "techniekluwe-regio" => "regiosoort.techniekluwe-regio",
        "techniekarme-regio" => "regiosoort.techniekarme-regio",
        other => return Arg::from(other),
    };
    Arg::from(Msg::new(id))
}

/// A certainty in the reader's language (`bevestigd`, or `confirmed` in English), from the rule
/// data's word; the JSON and SARIF keep that word.
pub fn zekerheid(word: &str, lang: Lang) -> String {
    text(&format!("zekerheid.{word}"), lang)
}

/// A catalogue: prepared at build time ([`crate::prepared`], a sorted table searched in place),
/// or, when that preparation is stale, read from the YAML compiled in.
enum Catalogue {
    Prepared(&'static crate::prepared::Table),
    Read(BTreeMap<String, String>),
}

impl Catalogue {
    fn get(&'static self, id: &str) -> Option<&'static str> {
        match self {
            Catalogue::Prepared(t) => t.get(id),
            Catalogue::Read(m) => m.get(id).map(String::as_str),
        }
    }
}

/// The catalogue of a language, prepared the first time it is asked for: only the language in
/// use is ever touched.
fn catalogue(lang: Lang) -> &'static Catalogue {
    static NL: OnceLock<Catalogue> = OnceLock::new();
    static EN: OnceLock<Catalogue> = OnceLock::new();
    let (cell, source, name) = match lang {
        Lang::Nl => (&NL, NL_SOURCE, "messages/nl.yaml"),
        Lang::En => (&EN, EN_SOURCE, "messages/en.yaml"),
    };
    cell.get_or_init(|| match crate::prepared::catalogue(lang.code()) {
        Some(t) => Catalogue::Prepared(t),
        // The catalogues are compiled in and tested; an unreadable one is a build defect.
        None => Catalogue::Read(crate::yaml::from_str(source).unwrap_or_else(|e| panic!("{name}: {e}"))),
    })
}

/// A catalogue text without arguments.
pub fn text(id: &str, lang: Lang) -> String {
    template(id, lang).map_or_else(|| format!("[[{id}]]"), |t| fill(t, |_| None))
}

/// Every id of the catalogue, for tests.
pub fn ids(lang: Lang) -> Box<dyn Iterator<Item = &'static str>> {
    match catalogue(lang) {
        Catalogue::Prepared(t) => Box::new(t.ids()),
        Catalogue::Read(m) => Box::new(m.keys().map(String::as_str)),
    }
}

/// The template of an id, or `None` when the catalogue lacks it.
pub fn template(id: &str, lang: Lang) -> Option<&'static str> {
    catalogue(lang).get(id)
}

/// A message in the user's language.
pub fn render(msg: &Msg, lang: Lang) -> String {
    let Some(t) = template(msg.id, lang) else {
        return format!("[[{}]]", msg.id);
    };
    fill(t, |name| msg.args.iter().find(|(k, _)| *k == name).map(|(_, v)| format_arg(v, lang)))
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
            // A count with its singular and plural form, `{aantal|één regel|# regels}`: the
            // first form when the count is 1, else the second, `#` standing for the count.
            Some(end) if plural(&after[..end]).is_some() => {
                let (name, one, other) = plural(&after[..end]).unwrap_or_default();
                match lookup(name) {
                    Some(v) => out.push_str(&if v == "1" { one } else { other }.replace('#', &v)),
                    None => out.push_str(&format!("{{{}}}", &after[..end])),
                }
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

/// The parts of a plural placeholder `name|one|other`.
fn plural(s: &str) -> Option<(&str, &str, &str)> {
    let mut parts = s.split('|');
    let (name, one, other) = (parts.next()?, parts.next()?, parts.next()?);
    (is_name(name) && parts.next().is_none()).then_some((name, one, other))
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

const MONTHS: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
];

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
    moment(m, Lang::Nl)
}

/// A date the English way: `1 October 2024`.
pub fn datum_en(d: chrono::NaiveDate) -> String {
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// A date in the reader's language.
pub fn datum(d: chrono::NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Nl => datum_nl(d),
        Lang::En => datum_en(d),
    }
}

/// A moment in Amsterdam local time, in the reader's language: `1 October 2024 16:00`.
pub fn moment(m: &crate::values::Moment, lang: Lang) -> String {
    let local = m.0.with_timezone(&Amsterdam);
    let time = if local.second() == 0 {
        format!("{:02}:{:02}", local.hour(), local.minute())
    } else {
        format!("{:02}:{:02}:{:02}", local.hour(), local.minute(), local.second())
    };
    format!("{} {}", datum(local.date_naive(), lang), time)
}

/// The words of a span of time per language: (day, days, hour, hours, minute, minutes, second,
/// seconds, "and").
struct Units(&'static [&'static str; 9]);

const EENHEDEN: Units = Units(&["dag", "dagen", "uur", "uur", "minuut", "minuten", "seconde", "seconden", "en"]);
const UNITS: Units = Units(&["day", "days", "hour", "hours", "minute", "minutes", "second", "seconds", "and"]);

fn duur_in(seconds: i64, u: &Units) -> String {
    let w = u.0;
    let s = seconds.unsigned_abs();
    let unit = |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let (d, h, m, sec) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60, s % 60);
    let parts: Vec<String> = if d > 0 {
        vec![unit(d, w[0], w[1]), unit(h, w[2], w[3])]
    } else if h > 0 {
        vec![unit(h, w[2], w[3]), unit(m, w[4], w[5])]
    } else if m > 0 {
        vec![unit(m, w[4], w[5]), unit(sec, w[6], w[7])]
    } else {
        vec![unit(sec, w[6], w[7])]
    };
    let parts: Vec<String> = parts.into_iter().enumerate().filter(|(i, p)| *i == 0 || !p.starts_with("0 ")).map(|(_, p)| p).collect();
    parts.join(&format!(" {} ", w[8]))
}

/// A span of time in words, to the two largest units: `3 dagen en 4 uur`, `1 seconde`.
pub fn duur_nl(seconds: i64) -> String {
    duur_in(seconds, &EENHEDEN)
}

/// A span of time in English words: `3 days and 4 hours`, `1 second`.
pub fn duur_en(seconds: i64) -> String {
    duur_in(seconds, &UNITS)
}

/// An amount in euros in the reader's language.
pub fn euro(v: rust_decimal::Decimal, lang: Lang) -> String {
    match lang {
        Lang::Nl => euro_nl(v),
        Lang::En => euro_en(v),
    }
}

/// A plain number in the reader's language (`7,5` / `7.5`).
pub fn number(v: rust_decimal::Decimal, lang: Lang) -> String {
    match lang {
        Lang::Nl => number_nl(v),
        Lang::En => number_en(v),
    }
}

fn format_arg(a: &Arg, lang: Lang) -> String {
    match a {
        Arg::Euro(v) => euro(*v, lang),
        Arg::Pct(v) => format!("{}%", number(*v, lang)),
        Arg::Getal(v) => number(*v, lang),
        Arg::Tekst(s) => s.clone(),
        Arg::Datum(d) => datum(*d, lang),
        Arg::Moment(m) => moment(m, lang),
        Arg::Duur(s) => match lang {
            Lang::Nl => duur_nl(*s),
            Lang::En => duur_en(*s),
        },
        Arg::Lijst(items) => items.join(", "),
        Arg::Of(items) => match items.split_last() {
            Some((last, rest)) if !rest.is_empty() => {
                format!("{} {} {last}", rest.join(", "), if lang == Lang::Nl { "of" } else { "or" })
            }
            _ => items.join(", "),
        },
        Arg::Bericht(m) => render(m, lang),
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
    fn english_formats() {
        let d = chrono::NaiveDate::from_ymd_opt(2024, 10, 1).unwrap();
        assert_eq!(datum_en(d), "1 October 2024");
        assert_eq!(moment(&Moment::parse("2024-10-01T14:00:00Z").unwrap(), Lang::En), "1 October 2024 16:00");
        assert_eq!(duur_en(3 * 86_400 + 4 * 3600), "3 days and 4 hours");
        assert_eq!(duur_en(1), "1 second");
        assert_eq!(euro("12345.67".parse().unwrap(), Lang::En), "€12,345.67");
        assert_eq!(number("7.50".parse().unwrap(), Lang::En), "7.5");
        assert_eq!(Lang::parse("en_GB.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("NL"), Some(Lang::Nl));
        assert_eq!(Lang::parse("de"), None);
    }

    #[test]
    fn catalogue_loads_and_has_no_empty_texts() {
        for lang in Lang::ALL {
            let n = ids(lang).count();
            assert!(n > 20);
            for id in ids(lang) {
                assert!(!template(id, lang).unwrap().trim().is_empty(), "{}: {id}", lang.code());
            }
        }
    }

    /// The names in braces of a template: `{gevonden}`, `{0}`.
    fn placeholders(t: &str) -> std::collections::BTreeSet<String> {
        let mut out = std::collections::BTreeSet::new();
        let mut rest = t;
        while let Some(start) = rest.find('{') {
            let after = &rest[start + 1..];
            match after.find('}') {
                Some(end) if is_name(&after[..end]) => {
                    out.insert(after[..end].to_string());
                    rest = &after[end + 1..];
                }
                Some(end) if plural(&after[..end]).is_some() => {
                    out.insert(plural(&after[..end]).unwrap_or_default().0.to_string());
                    rest = &after[end + 1..];
                }
                _ => rest = after,
            }
        }
        out
    }

    /// No template has a positional argument (`{0}`): every argument is named, so a message's
    /// arguments cannot be given in the wrong order.
    #[test]
    fn every_argument_is_named() {
        for lang in Lang::ALL {
            for id in ids(lang) {
                let positional: Vec<String> = placeholders(template(id, lang).unwrap()).into_iter().filter(|p| p.bytes().all(|b| b.is_ascii_digit())).collect();
                assert!(positional.is_empty(), "{}: {id} has positional arguments {positional:?}", lang.code());
            }
        }
    }

    /// formaat.md §5.9: no text calls a plan "afgekeurd" or "rejected"; that is DUS-I's decision.
    #[test]
    fn no_text_calls_a_plan_rejected() {
        for lang in Lang::ALL {
            for id in ids(lang) {
                let t = template(id, lang).unwrap_or_default().to_lowercase();
                assert!(!t.contains("afgekeurd") && !t.contains("rejected"), "{}: {id}: {t}", lang.code());
            }
        }
    }

    #[test]
    fn alternatives_are_joined_with_or() {
        let of = |v: &[&str], lang| format_arg(&Arg::Of(v.iter().map(|s| s.to_string()).collect()), lang);
        assert_eq!(of(&["bedrijf"], Lang::Nl), "bedrijf");
        assert_eq!(of(&["bedrijf", "overheid"], Lang::Nl), "bedrijf of overheid");
        assert_eq!(of(&["vmbo", "vso", "po"], Lang::En), "vmbo, vso or po");
    }

    #[test]
    fn plural_forms_follow_the_count() {
        let t = "{aantal|één regel|# regels} binnen";
        let one = fill(t, |n| (n == "aantal").then(|| "1".to_string()));
        let two = fill(t, |n| (n == "aantal").then(|| "2".to_string()));
        assert_eq!((one.as_str(), two.as_str()), ("één regel binnen", "2 regels binnen"));
    }

    /// Every id of either catalogue is in the other, with the same arguments: a message without
    /// a translation, or a translation that drops a figure, fails here.
    #[test]
    fn every_message_is_translated_with_the_same_arguments() {
        let nl: std::collections::BTreeSet<&str> = ids(Lang::Nl).collect();
        let en: std::collections::BTreeSet<&str> = ids(Lang::En).collect();
        let only_nl: Vec<_> = nl.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&nl).collect();
        assert!(only_nl.is_empty(), "no English text for: {only_nl:?}");
        assert!(only_en.is_empty(), "no Dutch text for: {only_en:?}");
        for id in &nl {
            let (a, b) = (template(id, Lang::Nl).unwrap(), template(id, Lang::En).unwrap());
            assert_eq!(placeholders(a), placeholders(b), "{id}: the two languages use different arguments");
        }
    }
}
