//! `uurtarieven`: the hourly rate of every personnel line against the guideline in force on the
//! first day of its hours (`uren_vanaf`, default 1 January of `jaar`), regels.md §2.3. A
//! guideline is a list of dated steps; a step's date may be a band, and then the lenient reading
//! has the new rate from the earliest candidate date, the strict one the old rate until the latest.
//! A rate above the guideline needs a `motivatie`; with one it passes, with a note that a higher
//! rate does not raise the subsidy.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::rule::Rule;
use crate::module::Module;
use crate::regeling::params as key;
use crate::aanvraag::{Kostenregel, S};
use crate::engine::{Ctx, Direction, Finding, Outcome, Subject, judge};
use crate::messages::{Arg, Msg};
use crate::regeling::params::Stap;
use crate::regeling::{Band, Param, Zekerheid};
use crate::values::cents_string;
use crate::yaml::pos;

pub const INTERN: Rule = Rule {
    id: "uurtarieven/intern",
    module: Module::Uurtarieven,
    params: &[key::UURTARIEF_INTERN.name],
    run: intern,
};
pub const EXTERN: Rule = Rule {
    id: "uurtarieven/extern",
    module: Module::Uurtarieven,
    params: &[key::UURTARIEF_EXTERN.name],
    run: extern_,
};

fn intern(ctx: &Ctx, out: &mut Vec<Finding>) {
    check(ctx, out, &INTERN, &key::UURTARIEF_INTERN, "personeel-intern");
}

fn extern_(ctx: &Ctx, out: &mut Vec<Finding>) {
    check(ctx, out, &EXTERN, &key::UURTARIEF_EXTERN, "personeel-extern");
}

/// Which reading of a step's date to use.
#[derive(Clone, Copy)]
enum Lezing {
    Mild,
    Streng,
}

fn vanaf(s: &Stap, l: Lezing) -> NaiveDate {
    let b = s.vanaf.band();
    match l {
        Lezing::Mild => b.mild.0,
        Lezing::Streng => b.streng.0,
    }
}

/// The step of one reading in force on `date`: the latest date not after it (on equal dates the
/// later entry wins, so a list may be written in any order).
fn in_force(steps: &[Stap], date: NaiveDate, l: Lezing) -> Option<&Stap> {
    steps
        .iter()
        .enumerate()
        .filter(|(_, s)| vanaf(s, l) <= date)
        .max_by_key(|(i, s)| (vanaf(s, l), *i))
        .map(|(_, s)| s)
}

/// The guideline in force on a date under both readings.
struct Richtlijn<'s> {
    mild: Option<&'s Stap>,
    streng: Option<&'s Stap>,
}

impl<'s> Richtlijn<'s> {
    fn at(band: &'s Band<Vec<Stap>>, date: NaiveDate) -> Richtlijn<'s> {
        Richtlijn {
            mild: in_force(&band.mild, date, Lezing::Mild),
            streng: in_force(&band.streng, date, Lezing::Streng),
        }
    }

    /// The lenient limit; `None` is "no constraint" (no step in force in that reading).
    fn limit_mild(&self) -> Option<Decimal> {
        self.mild.map(|s| s.bedrag.0)
    }

    /// The strict limit. Where only the lenient reading has a step in force, the strict reading
    /// is held to the same amount: it can never be more lenient than the lenient one.
    fn limit_streng(&self) -> Option<Decimal> {
        self.streng.or(self.mild).map(|s| s.bedrag.0)
    }

    fn amounts(&self) -> (Option<Decimal>, Option<Decimal>) {
        (self.limit_mild(), self.limit_streng())
    }
}

/// 31 December of the line's year and its first day of hours.
fn span(r: &Kostenregel) -> Option<(NaiveDate, NaiveDate)> {
    let jaar = r.jaar.value;
    let start = match &r.uren_vanaf {
        Some(d) => d.value.0,
        None => NaiveDate::from_ymd_opt(jaar, 1, 1)?,
    };
    Some((start, NaiveDate::from_ymd_opt(jaar, 12, 31)?))
}

/// The dates after the start, up to the line's year end, on which the guideline changes in
/// either reading: the places to split the line.
fn changes(band: &Band<Vec<Stap>>, start: NaiveDate, end: NaiveDate) -> Vec<NaiveDate> {
    let before = Richtlijn::at(band, start).amounts();
    let mut dates: Vec<NaiveDate> = band
        .mild
        .iter()
        .chain(&band.streng)
        .flat_map(|s| [vanaf(s, Lezing::Mild), vanaf(s, Lezing::Streng)])
        .filter(|d| *d > start && *d <= end)
        .filter(|d| Richtlijn::at(band, *d).amounts() != before)
        .collect();
    dates.sort();
    dates.dedup();
    dates
}

fn split_note(dates: &[NaiveDate]) -> Option<Msg> {
    let (first, last) = (dates.first()?, dates.last()?);
    Some(if first == last {
        Msg::new("uurtarieven.noot-splitsen")
            .arg("datum", Arg::Datum(*first))
            .arg("datum_iso", first.format("%Y-%m-%d").to_string())
    } else {
        Msg::new("uurtarieven.noot-splitsen-band")
            .arg("van", Arg::Datum(*first))
            .arg("tot", Arg::Datum(*last))
            .arg("tot_iso", last.format("%Y-%m-%d").to_string())
    })
}

/// Two notes in one.
fn both(a: Option<Msg>, b: Option<Msg>) -> Option<Msg> {
    match (a, b) {
        (Some(a), Some(b)) => Some(Msg::new("uurtarieven.noot-twee").arg("een", a).arg("twee", b)),
        (a, b) => a.or(b),
    }
}

/// Names the line in messages: its place in the budget, activity and year.
fn line_msg(id: &'static str, nr: usize, r: &Kostenregel) -> Msg {
    Msg::new(id)
        .arg("nr", nr)
        .arg("activiteit", r.activiteit.value.as_str())
        .arg("jaar", r.jaar.value.to_string())
}

/// The excess over the whole line, when its hours are given.
fn total_msg(r: &Kostenregel, per_uur: Decimal) -> Msg {
    match &r.uren {
        Some(u) => Msg::new("uurtarieven.totaal")
            .getal("uren", u.value.0)
            .euro("bedrag", crate::money::mul(u.value.0, per_uur)),
        None => Msg::new("uurtarieven.totaal-zonder-uren"),
    }
}

fn check(ctx: &Ctx, out: &mut Vec<Finding>, rule: &Rule, param: &key::Key<Vec<Stap>>, soort: &str) {
    let Some((band, p)) = ctx.need(param, rule.id, out) else {
        return;
    };
    let lines: Vec<(usize, &S<Kostenregel>)> = ctx
        .aanvraag
        .begroting()
        .iter()
        .enumerate()
        .filter(|(_, r)| r.value.soort.value == soort && r.value.uurtarief.is_some())
        .map(|(i, r)| (i + 1, r))
        .collect();
    let at_begroting = ctx.aanvraag.begroting.as_ref().and_then(pos);
    if lines.is_empty() {
        out.push(
            Finding::new(rule.id, Outcome::Skip, Msg::new("uurtarieven.geen-regels").arg("soort", soort))
                .at(at_begroting)
                .param(p),
        );
        return;
    }
    let before = out.len();
    // The strict guideline of each plainly passing line, for the summary.
    let mut plain: Vec<Decimal> = Vec::new();
    for (nr, line) in lines {
        match judge_line(rule, &band, p, nr, &line.value) {
            Line::Finding(f) => out.push(*f),
            Line::Within(limit) => plain.push(limit),
        }
    }
    if out.len() == before {
        let (low, high) = (plain.iter().min(), plain.iter().max());
        let msg = match (low, high) {
            (Some(l), Some(h)) if l != h => Msg::new("uurtarieven.binnen-alle-verschillend")
                .arg("aantal", plain.len())
                .arg("soort", soort)
                .euro("laagste", *l)
                .euro("hoogste", *h),
            (Some(l), _) => Msg::new("uurtarieven.binnen-alle")
                .arg("aantal", plain.len())
                .arg("soort", soort)
                .euro("richtlijn", *l),
            _ => Msg::new("skip.geen-gegevens"),
        };
        out.push(Finding::new(rule.id, Outcome::Pass, msg).at(at_begroting).param(p));
    }
}

/// What one line gives: its own finding, or a plain pass within the (strict) guideline.
enum Line {
    Finding(Box<Finding>),
    Within(Decimal),
}

/// The finding for one line, or [`Line::Within`] when it plainly passes (within the guideline
/// in both readings, no note needed).
fn judge_line(rule: &Rule, band: &Band<Vec<Stap>>, p: &Param, nr: usize, r: &Kostenregel) -> Line {
    let at = r.uurtarief.as_ref().and_then(pos);
    let rate = r.uurtarief.as_ref().map_or(Decimal::ZERO, |t| t.value.0);
    let Some((start, end)) = span(r) else {
        // A year outside the calendar: the begroting module reports it.
        return Line::Finding(Box::new(
            Finding::new(rule.id, Outcome::Skip, Msg::new("skip.geen-gegevens")).about(Subject::begroting(nr)).at(at).param(p),
        ));
    };
    let split = split_note(&changes(band, start, end));
    let g = Richtlijn::at(band, start);
    let Some(streng_step) = g.streng.or(g.mild) else {
        let first = band
            .mild
            .iter()
            .map(|s| vanaf(s, Lezing::Mild))
            .chain(band.streng.iter().map(|s| vanaf(s, Lezing::Streng)))
            .min();
        let msg = match first {
            Some(d) => line_msg("uurtarieven.geen-richtlijn", nr, r)
                .arg("vanaf", Arg::Datum(d))
                .arg("datum", Arg::Datum(start)),
            None => line_msg("uurtarieven.geen-richtlijn-leeg", nr, r),
        };
        let mut f = Finding::new(rule.id, Outcome::Skip, msg).about(Subject::begroting(nr)).at(at).param(p);
        if let Some(n) = split {
            f = f.note(n);
        }
        return Line::Finding(Box::new(f));
    };
    let mild = g.limit_mild();
    let streng = streng_step.bedrag.0;
    let motivated = r.motivatie().is_some();
    let above_mild = mild.is_some_and(|l| rate > l);
    let above_streng = rate > streng;
    let outcome = judge(!above_mild || motivated, !above_streng || motivated, p.ernst);
    // The guideline that decides: the lenient one when even that is exceeded.
    let (required, step) = match (above_mild, mild, g.mild) {
        (true, Some(l), Some(s)) => (l, s),
        _ => (streng, streng_step),
    };
    let boven = crate::money::sub(rate, required).max(Decimal::ZERO);
    let msg = if !above_streng {
        line_msg("uurtarieven.binnen", nr, r)
            .euro("tarief", rate)
            .euro("richtlijn", streng)
            .arg("datum", Arg::Datum(start))
    } else if motivated {
        line_msg("uurtarieven.boven-gemotiveerd", nr, r)
            .euro("tarief", rate)
            .euro("boven", boven)
            .euro("richtlijn", required)
            .arg("datum", Arg::Datum(start))
            .arg("totaal", total_msg(r, boven))
    } else if mild.is_none() {
        // No lenient guideline at all (a later CAO may have raised it, no source gives the new
        // figure): above the strict one only, and a motivatie settles it.
        line_msg("uurtarieven.boven-alleen-streng", nr, r)
            .euro("tarief", rate)
            .euro("boven", boven)
            .euro("richtlijn", required)
            .arg("datum", Arg::Datum(start))
            .arg("totaal", total_msg(r, boven))
    } else if above_mild {
        line_msg("uurtarieven.boven", nr, r)
            .euro("tarief", rate)
            .euro("boven", boven)
            .euro("richtlijn", required)
            .arg("datum", Arg::Datum(start))
            .arg("totaal", total_msg(r, boven))
    } else {
        let mild = mild.unwrap_or(streng);
        // Why the readings differ: the lenient step's own date band, where it has one.
        let waarom = match g.mild.map(|s| s.vanaf.band()) {
            Some(b) if !b.is_settled() => Msg::new("uurtarieven.waarom-datum")
                .euro("richtlijn_mild", mild)
                .arg("ingang_mild", Arg::Datum(b.mild.0))
                .arg("ingang_streng", Arg::Datum(b.streng.0)),
            _ => Msg::new("uurtarieven.waarom-bronnen").arg("datum", Arg::Datum(start)),
        };
        line_msg("uurtarieven.alleen-ruim", nr, r)
            .euro("tarief", rate)
            .euro("boven", boven)
            .euro("richtlijn_mild", mild)
            .euro("richtlijn_streng", streng)
            .arg("datum", Arg::Datum(start))
            .arg("totaal", total_msg(r, boven))
            .arg("waarom", waarom)
    };
    let subsidy_note = (above_streng && motivated).then(|| Msg::new("uurtarieven.noot-subsidie"));
    // Splitting the line matters only for a rate above the guideline at its start: the hours
    // after the change date may then be claimed at the new rate. A rate within both readings
    // needs no advice.
    let split = if above_streng { split } else { None };
    let note = both(subsidy_note, split);
    if outcome == Outcome::Pass && note.is_none() {
        return Line::Within(streng);
    }
    // Source of the deciding step; certainty the weaker of the steps of both readings.
    let zekerheid = |s: Option<&Stap>| s.and_then(|s| s.zekerheid).unwrap_or(p.zekerheid);
    let certainty: Zekerheid = zekerheid(g.mild.or(g.streng)).min(zekerheid(g.streng.or(g.mild)));
    let mut f = Finding::new(rule.id, outcome, msg)
        .about(Subject::begroting(nr))
        .at(at)
        .param(p)
        .source(step.bron.as_deref().unwrap_or(&p.bron), certainty)
        .money(rate, required)
        .direction(Direction::Max);
    if let Some(m) = mild {
        f = f.band(cents_string(m), cents_string(streng));
    }
    if let Some(n) = note {
        f = f.note(n);
    }
    Line::Finding(Box::new(f))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aanvraag::load_text;
    use crate::checks::testutil::*;
    use crate::engine::MomentFrom;
    use crate::regeling::Registry;
    use crate::values::Moment;

    /// The base application with one personnel line added.
    fn with_line(line: &str) -> String {
        edit(
            "  - { activiteit: lab, jaar: 2025, soort: materieel, bedrag: 250000 }\n",
            &format!("  - {{ activiteit: lab, jaar: 2025, soort: materieel, bedrag: 250000 }}\n  - {line}\n"),
        )
    }

    /// The amount of the last step of a built-in guideline (the one in force from 2025).
    fn richtlijn(param: &str) -> Decimal {
        let reg = registry();
        let steps = reg.get("sto-2025-2028").unwrap().parameters[param].get::<Vec<Stap>>().unwrap();
        assert!(steps.is_settled(), "one candidate for 2025–2028 (regels.md §2.3)");
        steps.streng.last().unwrap().bedrag.0
    }

    fn intern_line(rate: Decimal, extra: &str) -> String {
        with_line(&format!(
            "{{ activiteit: lab, jaar: 2025, soort: personeel-intern, uren: 40, uurtarief: \"{rate}\"{extra} }}"
        ))
    }

    /// regels.md §5 example 3, as far as it applies to 2025–2028: exactly the guideline passes.
    #[test]
    fn at_the_guideline_passes() {
        let g = richtlijn("uurtarief_intern");
        let f = findings(&intern_line(g, ""), &INTERN);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].outcome, Outcome::Pass);
        assert_eq!(f[0].message.id, "uurtarieven.binnen-alle");
    }

    #[test]
    fn one_cent_above_without_motivatie_fails_with_the_difference() {
        let g = richtlijn("uurtarief_intern");
        let cent = dec("0.01");
        let f = findings(&intern_line(g + cent, ""), &INTERN);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].outcome, Outcome::Fail);
        assert_eq!(f[0].found.as_deref(), Some(cents_string(g + cent).as_str()));
        assert_eq!(f[0].required.as_deref(), Some(cents_string(g).as_str()));
        assert_eq!(f[0].difference.as_deref(), Some("0.01"));
        assert!(f[0].pos.is_some(), "points at the uurtarief");
        // 40 hours × € 0.01 above.
        let totaal = f[0].message.args.iter().find(|(k, _)| *k == "totaal").map(|(_, v)| v.clone());
        let Some(Arg::Bericht(t)) = totaal else { panic!("no total") };
        assert!(t.args.contains(&("bedrag", Arg::Euro(dec("0.40")))), "{t:?}");
    }

    #[test]
    fn above_with_motivatie_passes_with_a_note() {
        let g = richtlijn("uurtarief_intern");
        let f = findings(&intern_line(g + dec("2"), ", motivatie: \"Senior vakdocent\""), &INTERN);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].outcome, Outcome::Pass);
        assert_eq!(f[0].note.as_ref().map(|n| n.id), Some("uurtarieven.noot-subsidie"));
        assert_eq!(f[0].difference.as_deref(), Some("2.00"));
        // White space is no motivation.
        let f = findings(&intern_line(g + dec("2"), ", motivatie: \"  \""), &INTERN);
        assert_eq!(f[0].outcome, Outcome::Fail);
    }

    #[test]
    fn external_guideline_boundary() {
        let g = richtlijn("uurtarief_extern");
        let line = |rate: Decimal| {
            with_line(&format!(
                "{{ activiteit: lab, jaar: 2026, soort: personeel-extern, uren: 10, uurtarief: \"{rate}\" }}"
            ))
        };
        assert_eq!(outcomes(&line(g), &EXTERN), vec![Outcome::Pass]);
        assert_eq!(outcomes(&line(g + dec("0.01")), &EXTERN), vec![Outcome::Fail]);
        // The internal rule does not look at external lines.
        assert_eq!(outcomes(&line(g + dec("0.01")), &INTERN), vec![Outcome::Skip]);
    }

    #[test]
    fn no_lines_of_the_kind_is_a_skip() {
        let f = findings(BASIS, &INTERN);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].outcome, Outcome::Skip);
        assert_eq!(f[0].message.id, "uurtarieven.geen-regels");
    }

    #[test]
    fn hours_before_the_first_step_are_skipped() {
        let g = richtlijn("uurtarief_intern");
        let t = with_line(&format!(
            "{{ activiteit: lab, jaar: 2024, soort: personeel-intern, uren: 40, uurtarief: \"{g}\" }}"
        ));
        let f = findings(&t, &INTERN);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].outcome, Outcome::Skip);
        assert_eq!(f[0].message.id, "uurtarieven.geen-richtlijn");
    }

    #[test]
    fn every_line_within_gives_one_summary() {
        let g = richtlijn("uurtarief_intern");
        let t = with_line(&format!(
            "{{ activiteit: lab, jaar: 2025, soort: personeel-intern, uren: 40, uurtarief: \"{g}\" }}\n  - \
             {{ activiteit: lab, jaar: 2026, soort: personeel-intern, uren: 10, uurtarief: 45 }}\n  - \
             {{ activiteit: lab, jaar: 2026, soort: personeel-intern, bedrag: 1000 }}"
        ));
        let f = findings(&t, &INTERN);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].outcome, Outcome::Pass);
        assert!(f[0].message.args.contains(&("aantal", Arg::from(2usize))), "only lines with a rate count");
    }

    // --- a dated guideline with an uncertain change date, in a rule set built for the test ----

    const BAND_SET: &str = r#"
id: test-uurtarief-band
naam: Test
versie: "1"
base: sto-2025-2028
parameters:
  uurtarief_intern:
    waarde:
      - { vanaf: 2020-01-01, bedrag: "55.00", zekerheid: afgeleid, bron: "stap 55" }
      - { vanaf: { mild: 2023-05-01, streng: 2023-07-01 }, bedrag: "60.00", bron: "stap 60" }
    bron: test bron
    zekerheid: bevestigd
"#;

    /// Runs a rule on an application under the test rule set.
    fn band_findings(app: &str, rule: &Rule) -> Vec<Finding> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("band.yaml"), BAND_SET).unwrap();
        let reg = Registry::load(&[dir.path().to_path_buf()]).unwrap_or_else(|e| panic!("{e:#?}"));
        let a = load_text(app, &reg.vocabulary()).unwrap_or_else(|e| panic!("{e:#?}"));
        let set = reg.get(&a.regeling.value).unwrap();
        let ctx = Ctx::new(&a, set, Moment::parse("2024-09-30T12:00:00+02:00").unwrap(), MomentFrom::Indiening, None);
        let mut out = Vec::new();
        (rule.run)(&ctx, &mut out);
        out
    }

    /// The test set's change step: its amount and its two candidate dates.
    fn change_step() -> (Decimal, NaiveDate, NaiveDate, Decimal) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("band.yaml"), BAND_SET).unwrap();
        let reg = Registry::load(&[dir.path().to_path_buf()]).unwrap();
        let steps = reg.get("test-uurtarief-band").unwrap().parameters["uurtarief_intern"]
            .get::<Vec<Stap>>()
            .unwrap()
            .streng;
        let b = steps[1].vanaf.band();
        (steps[1].bedrag.0, b.mild.0, b.streng.0, steps[0].bedrag.0)
    }

    fn band_app(rate: Decimal, vanaf: NaiveDate) -> String {
        let t = edit("regeling: sto-2025-2028", "regeling: test-uurtarief-band");
        edit_in(
            &t,
            "  - { activiteit: lab, jaar: 2025, soort: materieel, bedrag: 250000 }\n",
            &format!(
                "  - {{ activiteit: lab, jaar: 2025, soort: materieel, bedrag: 250000 }}\n  - {{ activiteit: lab, jaar: {}, \
                 soort: personeel-intern, uren: 40, uurtarief: \"{rate}\", uren_vanaf: {} }}\n",
                vanaf.format("%Y"),
                vanaf.format("%Y-%m-%d")
            ),
        )
    }

    /// regels.md §5 example 3: before both candidate dates the old rate fails, between them the
    /// new rate only warns, from the strict date it passes.
    #[test]
    fn uncertain_change_date_is_a_band() {
        let (nieuw, mild, streng, oud) = change_step();
        let day = chrono::Duration::days(1);
        let before = mild - chrono::Duration::days(61);
        let f = band_findings(&band_app(nieuw, before), &INTERN);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].outcome, Outcome::Fail);
        assert_eq!(f[0].required.as_deref(), Some(cents_string(oud).as_str()));
        assert_eq!(f[0].difference.as_deref(), Some(cents_string(nieuw - oud).as_str()));
        assert_eq!(f[0].source.as_deref(), Some("stap 55"));
        assert_eq!(f[0].certainty, Some(Zekerheid::Afgeleid));
        // The line runs past both candidate dates: split it.
        assert_eq!(f[0].note.as_ref().map(|n| n.id), Some("uurtarieven.noot-splitsen-band"));
        let totaal = f[0].message.args.iter().find(|(k, _)| *k == "totaal").map(|(_, v)| v.clone());
        let Some(Arg::Bericht(t)) = totaal else { panic!("no total") };
        assert!(t.args.contains(&("bedrag", Arg::Euro((nieuw - oud) * dec("40")))), "{t:?}");

        let f = band_findings(&band_app(nieuw, streng - day), &INTERN);
        assert_eq!(f[0].outcome, Outcome::Warn);
        assert_eq!(f[0].message.id, "uurtarieven.alleen-ruim");
        assert_eq!(f[0].mild.as_deref(), Some(cents_string(nieuw).as_str()));
        assert_eq!(f[0].streng.as_deref(), Some(cents_string(oud).as_str()));
        assert_eq!(f[0].note.as_ref().map(|n| n.id), Some("uurtarieven.noot-splitsen"));

        for d in [streng, streng + chrono::Duration::days(62)] {
            assert_eq!(band_findings(&band_app(nieuw, d), &INTERN).iter().map(|f| f.outcome).collect::<Vec<_>>(), vec![Outcome::Pass]);
        }
        // Above the new rate, after the change, without motivatie: fail against the new rate.
        let f = band_findings(&band_app(nieuw + dec("2"), streng + chrono::Duration::days(62)), &INTERN);
        assert_eq!(f[0].outcome, Outcome::Fail);
        assert_eq!(f[0].difference.as_deref(), Some("2.00"));
        assert_eq!(f[0].source.as_deref(), Some("stap 60"));
        assert_eq!(f[0].certainty, Some(Zekerheid::Bevestigd));
        assert!(f[0].note.is_none(), "no change after the start");
    }

    #[test]
    fn no_split_note_on_a_plain_pass() {
        let (_, mild, _, oud) = change_step();
        let before = mild - chrono::Duration::days(30);
        let f = band_findings(&band_app(oud, before), &INTERN);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].outcome, Outcome::Pass);
        assert_eq!(f[0].message.id, "uurtarieven.binnen-alle");
        assert!(f[0].note.is_none(), "a rate within the guideline needs no advice to split");
    }

    #[test]
    fn in_force_takes_the_latest_step_not_after_the_date() {
        let (_, mild, streng, _) = change_step();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("band.yaml"), BAND_SET).unwrap();
        let reg = Registry::load(&[dir.path().to_path_buf()]).unwrap();
        let steps = reg.get("test-uurtarief-band").unwrap().parameters["uurtarief_intern"]
            .get::<Vec<Stap>>()
            .unwrap();
        let g = Richtlijn::at(&steps, mild);
        assert_eq!(g.amounts(), (Some(dec("60.00")), Some(dec("55.00"))));
        let g = Richtlijn::at(&steps, streng);
        assert_eq!(g.amounts(), (Some(dec("60.00")), Some(dec("60.00"))));
        assert!(Richtlijn::at(&steps, NaiveDate::from_ymd_opt(2019, 12, 31).unwrap()).mild.is_none());
    }

    /// regels.md §7 point 7: for the uitgewerkte plannen the rate is a band (strict € 60 / € 135,
    /// lenient no bound, later CAOs may have raised the GPL): above it without motivatie warns and
    /// says a motivatie settles it; the aanvraag keeps one candidate and fails.
    #[test]
    fn uitgewerkt_plan_rates_are_a_band() {
        let g = richtlijn("uurtarief_intern");
        let above = intern_line(g + dec("5"), "");
        assert_eq!(findings(&above, &INTERN)[0].outcome, Outcome::Fail);
        for kind in ["uitgewerkt-plan-2025-2026", "uitgewerkt-plan-2027-2028"] {
            let t = edit_in(&above, "soort: aanvraag", &format!("soort: {kind}"));
            let f = &findings(&t, &INTERN)[0];
            assert_eq!(f.outcome, Outcome::Warn, "{kind}");
            assert_eq!(f.message.id, "uurtarieven.boven-alleen-streng");
            let text = crate::messages::render(&f.message, crate::messages::Lang::Nl);
            assert!(text.contains("motivatie"), "{text}");
            let motivated = edit_in(&t, "uurtarief: \"65.00\" }", "uurtarief: \"65.00\", motivatie: \"Cao VO 2025\" }");
            assert_eq!(findings(&motivated, &INTERN)[0].outcome, Outcome::Pass, "{kind}");
            let at = edit_in(&intern_line(g, ""), "soort: aanvraag", &format!("soort: {kind}"));
            assert_eq!(findings(&at, &INTERN)[0].outcome, Outcome::Pass, "{kind}");
        }
    }
}
