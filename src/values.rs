//! Value types of the application document that validate their own text: money, hours, dates
//! and moments. Each reads the scalar's text (never a float), so `12500.10` is exactly
//! 12500.10, and refuses what the format does not allow with a catalogue message.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer};

use crate::yaml::{self, refuse};

/// The text of an amount or a number of hours: digits, optionally a point and one or two decimals
/// (`12.500` is refused as ambiguous: twelve and a half, or twelve thousand five hundred).
const TWEE_DECIMALEN: &str = r"^\s*[0-9]+(\.[0-9]{1,2})?\s*$";

/// A JSON Schema for a value written as a YAML number or as a quoted string of a given pattern.
/// A number's decimals cannot be checked by a schema without floating point; the reader checks
/// them exactly.
fn number_or_string(description: &str, pattern: &str) -> schemars::Schema {
    schemars::json_schema!({
        "description": description,
        "anyOf": [
            { "type": "number", "minimum": 0 },
            { "type": "string", "pattern": pattern }
        ]
    })
}

/// Parses a plain decimal (`12`, `12.5`, `0.25`): digits with at most one point, an optional
/// leading minus. No exponents, hex, underscores or thousands separators: those are typos in
/// an amount, not notations.
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let t = text.trim();
    let body = t.strip_prefix('-').unwrap_or(t);
    let mut parts = body.splitn(2, '.');
    let int = parts.next()?;
    let frac = parts.next();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || frac.is_some_and(|f| !digits(f)) {
        return None;
    }
    t.parse::<Decimal>().ok()
}

/// An amount in euros, exact, not negative, a whole number of cents, at most
/// [`MAX_BEDRAG`](crate::money::MAX_BEDRAG).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(pub Decimal);

/// Why the text of an amount or a number of hours is refused: a catalogue id, and for an
/// ambiguous value its two readings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Plain(&'static str),
    /// Three decimals: `12.500` is twelve and a half, or, to a Dutch writer, twelve thousand
    /// five hundred. Both readings are offered.
    Ambiguous { thousands: String, decimal: String },
}

/// The checks an amount and a number of hours share, on the text as written (before it is
/// turned into a number, so no digit is ever rounded away): a plain decimal, not negative, at
/// most two decimals, at most `max`.
fn bounded(text: &str, max: Decimal, too_large: &'static str, not_a_number: &'static str, negative: &'static str, decimals: &'static str) -> Result<Decimal, Refusal> {
    let t = text.trim();
    let body = t.strip_prefix('-').unwrap_or(t);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || (body.contains('.') && !digits(frac)) {
        return Err(Refusal::Plain(not_a_number));
    }
    if t.starts_with('-') && (int.bytes().any(|b| b != b'0') || frac.bytes().any(|b| b != b'0')) {
        return Err(Refusal::Plain(negative));
    }
    if frac.len() == 3 {
        let thousands = format!("{}{frac}", int.trim_start_matches('0'));
        let thousands = if thousands.trim_start_matches('0').is_empty() { "0".to_string() } else { thousands.trim_start_matches('0').to_string() };
        let decimal = if frac.ends_with('0') { format!("{int}.{}", &frac[..2]) } else { format!("{int}.{frac}") };
        return Err(Refusal::Ambiguous { thousands, decimal });
    }
    if frac.len() > 3 {
        return Err(Refusal::Plain(decimals));
    }
    // At most 13 integer digits and two decimals reach the parser: exact, never rounded.
    if int.trim_start_matches('0').len() > 13 {
        return Err(Refusal::Plain(too_large));
    }
    let v = t.parse::<Decimal>().map_err(|_| Refusal::Plain(not_a_number))?.abs();
    if v > max {
        return Err(Refusal::Plain(too_large));
    }
    Ok(v)
}

impl Refusal {
    /// The refusal as the reader reports it: the catalogue id with named arguments (the value as
    /// written; for an ambiguous one its two readings too).
    pub fn refusal(&self, written: &str, ambiguous_id: &'static str) -> yaml::Refusal {
        match self {
            Refusal::Plain(id) => yaml::Refusal::new(id, written.trim()),
            Refusal::Ambiguous { thousands, decimal } => {
                let mut r = yaml::Refusal::new(ambiguous_id, written.trim());
                r.args.push(("duizendtallen", thousands.clone()));
                r.args.push(("decimaal", decimal.clone()));
                r
            }
        }
    }

    /// The catalogue id and its arguments for the value as written.
    pub fn message(&self, written: &str, ambiguous_id: &'static str) -> (&'static str, Vec<String>) {
        match self {
            Refusal::Plain(id) => (id, vec![written.trim().to_string()]),
            Refusal::Ambiguous { thousands, decimal } => (ambiguous_id, vec![written.trim().to_string(), thousands.clone(), decimal.clone()]),
        }
    }
}

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// Parses the text of an amount under the format's rules; the error is a catalogue id.
    pub fn parse(text: &str) -> Result<Money, &'static str> {
        Money::read(text).map_err(|r| r.message(text, "waarde.bedrag-dubbelzinnig").0)
    }

    /// As [`Money::parse`], with the two readings of an ambiguous amount.
    pub fn read(text: &str) -> Result<Money, Refusal> {
        bounded(text, crate::money::MAX_BEDRAG, "waarde.bedrag-te-groot", "waarde.bedrag-geen-getal", "waarde.bedrag-negatief", "waarde.bedrag-centen").map(Money)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Money::read(&text).map_err(|r| refuse(r.refusal(&text, "waarde.bedrag-dubbelzinnig")))
    }
}

impl schemars::JsonSchema for Money {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Money".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        number_or_string("An amount in euros, not negative, a whole number of cents: 12500, 12500.5 or \"12500.50\".", TWEE_DECIMALEN)
    }
}

/// A number of hours: not negative, at most two decimals, at most
/// [`MAX_UREN`](crate::money::MAX_UREN).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Uren(pub Decimal);

impl<'de> Deserialize<'de> for Uren {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        bounded(&text, crate::money::MAX_UREN, "waarde.uren-te-groot", "waarde.uren-geen-getal", "waarde.uren-negatief", "waarde.uren-decimalen")
            .map(Uren)
            .map_err(|r| refuse(r.refusal(&text, "waarde.uren-dubbelzinnig")))
    }
}

impl schemars::JsonSchema for Uren {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Uren".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        number_or_string("A number of hours, not negative, at most two decimals: 400 or 12.5.", TWEE_DECIMALEN)
    }
}

/// A calendar date, ISO 8601 (`2025-01-01`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Datum(pub NaiveDate);

impl Datum {
    pub fn parse(text: &str) -> Result<Datum, &'static str> {
        let t = text.trim();
        let shape = t.len() == 10
            && t.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        if !shape {
            return Err("waarde.datum-vorm");
        }
        // The shape is checked: digits where digits belong, so each part is a number.
        let n = |r: std::ops::Range<usize>| t[r].bytes().fold(0u32, |n, b| n * 10 + u32::from(b - b'0'));
        NaiveDate::from_ymd_opt(n(0..4) as i32, n(5..7), n(8..10)).map(Datum).ok_or("waarde.datum-onmogelijk")
    }
}

impl<'de> Deserialize<'de> for Datum {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Datum::parse(&text).map_err(|id| refuse(yaml::Refusal::new(id, text.trim())))
    }
}

impl fmt::Display for Datum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl schemars::JsonSchema for Datum {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Datum".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A date, ISO 8601: 2025-01-01.",
            "type": "string",
            "pattern": r"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\s*$"
        })
    }
}

/// A moment with its UTC offset (`2024-09-30T14:30:00+02:00`, `2024-10-01T14:00:00Z`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Moment(pub DateTime<FixedOffset>);

impl Moment {
    /// The calendar day of the moment in Dutch local time.
    pub fn local_date(&self) -> NaiveDate {
        self.0.with_timezone(&chrono_tz::Europe::Amsterdam).date_naive()
    }

    /// Parses an RFC 3339 moment. A moment without its offset is refused with the user's own
    /// value and the offset Europe/Amsterdam had at that time as the fix; a bare date with an
    /// example of a moment on that day (a moment carries its offset, formaat.md §1).
    pub fn parse(text: &str) -> Result<Moment, yaml::Refusal> {
        let t = text.trim();
        if let Ok(m) = DateTime::parse_from_rfc3339(t) {
            return Ok(Moment(m));
        }
        let with_seconds = chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S%.f").ok().map(|d| (d, t.to_string()));
        let without = || chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M").ok().map(|d| (d, format!("{t}:00")));
        if let Some((local, written)) = with_seconds.or_else(without) {
            return Err(match amsterdam_offset(local) {
                Some(offset) => yaml::Refusal::new("waarde.moment-zonder-offset", t).fix(t, format!("{written}{offset}")),
                // The hour the clock skips in spring: no offset makes it a moment in Amsterdam.
                None => yaml::Refusal::new("waarde.moment-bestaat-niet", t),
            });
        }
        if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            let offset = d.and_hms_opt(12, 0, 0).and_then(amsterdam_offset).unwrap_or_else(|| "+01:00".into());
            let mut r = yaml::Refusal::new("waarde.moment-datum", t);
            r.args.push(("voorbeeld", format!("{t}T12:00:00{offset}")));
            return Err(r);
        }
        Err(yaml::Refusal::new("waarde.moment-vorm", t))
    }
}

/// The UTC offset of Europe/Amsterdam at a local time (`+02:00` in summer, `+01:00` in winter);
/// in the hour the clock goes back, the first (summer time) one. `None` in the hour it skips.
fn amsterdam_offset(local: chrono::NaiveDateTime) -> Option<String> {
    use chrono::{Offset, TimeZone};
    let at = chrono_tz::Europe::Amsterdam.from_local_datetime(&local).earliest()?;
    let secs = at.offset().fix().local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let m = secs.unsigned_abs() / 60;
    Some(format!("{sign}{:02}:{:02}", m / 60, m % 60))
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Moment::parse(&text).map_err(refuse)
    }
}

impl fmt::Display for Moment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
    }
}

impl schemars::JsonSchema for Moment {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Moment".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A moment with its UTC offset (RFC 3339): 2024-09-30T14:30:00+02:00 or 2024-10-01T12:00:00Z.",
            "type": "string",
            "pattern": r"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})\s*$"
        })
    }
}

/// Formats an amount the Dutch way: `€ 12.345,67`.
pub fn euro_nl(amount: Decimal) -> String {
    let (neg, int, frac) = split_cents(amount);
    format!("{}€ {},{}", if neg { "-" } else { "" }, group(&int, '.'), frac)
}

/// Formats an amount the English way: `€12,345.67`.
pub fn euro_en(amount: Decimal) -> String {
    let (neg, int, frac) = split_cents(amount);
    format!("{}€{}.{}", if neg { "-" } else { "" }, group(&int, ','), frac)
}

/// A decimal as the machine-readable string of the JSON report: two decimals for money.
pub fn cents_string(amount: Decimal) -> String {
    let mut d = amount.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    d.rescale(2);
    d.to_string()
}

fn split_cents(amount: Decimal) -> (bool, String, String) {
    let s = cents_string(amount.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    (amount.is_sign_negative() && !amount.is_zero(), int.to_string(), frac.to_string())
}

fn group(int: &str, sep: char) -> String {
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A percentage or other plain number, Dutch: decimal comma, no trailing zeros (`7,5`).
pub fn number_nl(v: Decimal) -> String {
    v.normalize().to_string().replace('.', ",")
}

/// A percentage or other plain number, English: decimal point, no trailing zeros (`7.5`).
pub fn number_en(v: Decimal) -> String {
    v.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn money_is_read_exactly() {
        assert_eq!(Money::parse("12500.5"), Ok(Money(d("12500.5"))));
        assert_eq!(Money::parse("0.10").unwrap().0 + Money::parse("0.20").unwrap().0, d("0.30"));
        assert_eq!(Money::parse("12.50"), Ok(Money(d("12.5"))));
        assert_eq!(Money::parse("1000000000000"), Ok(Money(d("1000000000000"))));
        assert_eq!(Money::parse("0001000000000000.00"), Ok(Money(d("1000000000000"))));
    }

    #[test]
    fn three_decimals_are_ambiguous_with_both_readings() {
        assert_eq!(
            Money::read("12.500"),
            Err(Refusal::Ambiguous { thousands: "12500".into(), decimal: "12.50".into() })
        );
        assert_eq!(Money::read("1.250"), Err(Refusal::Ambiguous { thousands: "1250".into(), decimal: "1.25".into() }));
        assert_eq!(Money::read("12.505"), Err(Refusal::Ambiguous { thousands: "12505".into(), decimal: "12.505".into() }));
        assert_eq!(Money::parse("12.5000"), Err("waarde.bedrag-centen"));
    }

    #[test]
    fn amounts_above_the_bound_are_refused_before_any_rounding() {
        assert_eq!(Money::parse("1000000000000.01"), Err("waarde.bedrag-te-groot"));
        assert_eq!(Money::parse("9999999999999999999999999999"), Err("waarde.bedrag-te-groot"));
        assert_eq!(Money::parse("79228162514264337593543950336"), Err("waarde.bedrag-te-groot"));
        assert_eq!(Money::parse(&"9".repeat(400)), Err("waarde.bedrag-te-groot"));
        assert_eq!(Money::parse("-0.00"), Ok(Money::ZERO));
    }

    #[test]
    fn money_refuses_fractions_of_cents_negatives_and_notations() {
        assert_eq!(Money::parse("12.505"), Err("waarde.bedrag-dubbelzinnig"));
        assert_eq!(Money::parse("-1"), Err("waarde.bedrag-negatief"));
        for bad in ["1e3", "0x10", "1_000", "12,50", "", ".5", "€ 5", "inf", "NaN"] {
            assert_eq!(Money::parse(bad), Err("waarde.bedrag-geen-getal"), "{bad}");
        }
    }

    #[test]
    fn dates_refuse_impossible_days() {
        assert!(Datum::parse("2024-02-29").is_ok());
        assert_eq!(Datum::parse("2025-02-29"), Err("waarde.datum-onmogelijk"));
        assert_eq!(Datum::parse("2025-13-01"), Err("waarde.datum-onmogelijk"));
        assert_eq!(Datum::parse("1-1-2025"), Err("waarde.datum-vorm"));
    }

    #[test]
    fn moments_need_an_offset() {
        assert!(Moment::parse("2024-10-01T14:00:00Z").is_ok());
        assert!(Moment::parse("2024-10-01T16:00:00+02:00").is_ok());
        assert_eq!(Moment::parse("2024-10-32T16:00:00+02:00").unwrap_err().id, "waarde.moment-vorm");
    }

    /// A moment without its offset gets the user's own value back with the offset Amsterdam had
    /// then: summer time, winter time, either side of the changes, without seconds too.
    #[test]
    fn a_moment_without_offset_is_offered_with_amsterdams() {
        let fix = |t: &str| {
            let r = Moment::parse(t).unwrap_err();
            assert_eq!(r.id, "waarde.moment-zonder-offset", "{t}");
            let meant = r.fix.expect("a fix").1;
            // The fix itself reads as a moment, the same local time.
            assert!(Moment::parse(&meant).is_ok(), "{meant}");
            meant
        };
        assert_eq!(fix("2024-10-01T16:00:00"), "2024-10-01T16:00:00+02:00");
        assert_eq!(fix("2024-12-02T09:15:30"), "2024-12-02T09:15:30+01:00");
        assert_eq!(fix("2025-03-30T01:59:59"), "2025-03-30T01:59:59+01:00");
        assert_eq!(fix("2025-03-30T03:00:00"), "2025-03-30T03:00:00+02:00");
        assert_eq!(fix("2025-10-26T03:00:00"), "2025-10-26T03:00:00+01:00");
        assert_eq!(fix("2024-09-30T14:30"), "2024-09-30T14:30:00+02:00");
        // The hour the clock skips has no moment in Amsterdam: no fix is offered.
        let gap = Moment::parse("2025-03-30T02:30:00").unwrap_err();
        assert_eq!((gap.id, gap.fix), ("waarde.moment-bestaat-niet", None));
    }

    /// A bare date is refused as a moment, with an example on that day with its offset.
    #[test]
    fn a_bare_date_is_no_moment() {
        for (date, example) in [("2024-09-30", "2024-09-30T12:00:00+02:00"), ("2025-01-15", "2025-01-15T12:00:00+01:00")] {
            let r = Moment::parse(date).unwrap_err();
            assert_eq!(r.id, "waarde.moment-datum");
            assert!(r.args.contains(&("voorbeeld", example.to_string())), "{r:?}");
            assert!(Moment::parse(example).is_ok());
        }
    }

    #[test]
    fn euros_dutch_and_english() {
        assert_eq!(euro_nl(d("12345.67")), "€ 12.345,67");
        assert_eq!(euro_nl(d("1907400")), "€ 1.907.400,00");
        assert_eq!(euro_nl(d("0.01")), "€ 0,01");
        assert_eq!(euro_nl(d("-10000")), "-€ 10.000,00");
        assert_eq!(euro_en(d("12345.67")), "€12,345.67");
        assert_eq!(euro_nl(d("100")), "€ 100,00");
        assert_eq!(euro_nl(d("999")), "€ 999,00");
        assert_eq!(euro_nl(d("1000")), "€ 1.000,00");
    }

    #[test]
    fn cents_strings_have_two_decimals() {
        assert_eq!(cents_string(d("30000")), "30000.00");
        assert_eq!(cents_string(d("-0.01")), "-0.01");
        assert_eq!(number_nl(d("7.50")), "7,5");
    }
}

#[cfg(test)]
mod zone_tests {
    /// `.cargo/config.toml` compiles in only Europe/Amsterdam: the whole time zone database puts
    /// tens of thousands of pointers in the binary that are relocated at every start.
    #[test]
    fn only_amsterdam_is_compiled_in() {
        // With the zones it is defined by and the fixed ones chrono-tz always keeps (UTC, Etc/GMT±n):
        // some fifty, against six hundred in the whole database.
        let names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect();
        assert!(names.contains(&"Europe/Amsterdam"));
        assert!(!names.contains(&"America/New_York"), "{} zones compiled in", names.len());
        assert!(names.len() < 100, "{} zones compiled in", names.len());
    }
}
