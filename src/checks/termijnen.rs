//! `termijnen`: the kind of submission exists in the rule set, and its moment (`indiening.moment`,
//! else the peildatum) falls inside the kind's window, read in both band readings.

use super::rule::Rule;
use crate::module::Module;
use crate::regeling::params as key;
use crate::engine::{Ctx, Direction, Finding, MomentFrom, Outcome, judge};
use crate::messages::{Arg, Msg};
use crate::regeling::params::Feestdag;
use crate::regeling::{Venster, Zekerheid};
use crate::values::Moment;
use crate::yaml::pos;

pub const SOORT: Rule = Rule {
    id: "termijnen/soort",
    module: Module::Termijnen,
    params: &[],
    run: soort,
};

pub const VENSTER: Rule = Rule {
    id: "termijnen/venster",
    module: Module::Termijnen,
    params: &[key::VENSTER.name, key::FEESTDAGEN.name],
    run: venster,
};

fn soort(ctx: &Ctx, out: &mut Vec<Finding>) {
    let s = &ctx.aanvraag.indiening.value.soort;
    let known: Vec<String> = ctx.set.soorten.keys().cloned().collect();
    let f = if ctx.soort.is_some() {
        Finding::new(
            SOORT.id,
            Outcome::Pass,
            Msg::new("termijnen.soort-bekend")
                .arg("soort", s.value.as_str())
                .arg("regeling", ctx.set.id.as_str()),
        )
    } else {
        Finding::new(
            SOORT.id,
            Outcome::Fail,
            Msg::new("termijnen.soort-onbekend")
                .arg("soort", s.value.as_str())
                .arg("regeling", ctx.set.id.as_str())
                .arg("soorten", Arg::Lijst(known)),
        )
    };
    out.push(f.at(pos(s)).source(&format!("{}: soorten indiening", ctx.set.naam), crate::regeling::Zekerheid::Bevestigd));
}

/// Whether `m` lies in the window, and if not, whether it is early (`Some(false)`) or late.
fn inside(w: &Venster, m: &Moment) -> Result<(), bool> {
    if let Some(b) = &w.begin
        && m.0 < b.0
    {
        return Err(false);
    }
    let before_end = if w.tot_en_met { m.0 <= w.eind.0 } else { m.0 < w.eind.0 };
    if before_end { Ok(()) } else { Err(true) }
}

/// The last moment still inside the window, for messages: the end itself when inclusive,
/// one second before it when exclusive.
fn last_moment(w: &Venster) -> Moment {
    if w.tot_en_met {
        w.eind
    } else {
        Moment(w.eind.0 - chrono::Duration::seconds(1))
    }
}

fn venster(ctx: &Ctx, out: &mut Vec<Finding>) {
    if ctx.soort.is_none() {
        out.push(Finding::new(
            VENSTER.id,
            Outcome::Skip,
            Msg::new("skip.soort-onbekend").arg("soort", ctx.aanvraag.indiening.value.soort.value.as_str()),
        ));
        return;
    }
    let Some((band, p)) = ctx.need(&key::VENSTER, VENSTER.id, out) else {
        return;
    };
    let m = ctx.moment;
    let (mild, streng) = (inside(&band.mild, &m), inside(&band.streng, &m));
    let outcome = judge(mild.is_ok(), streng.is_ok(), p.ernst);
    // The reading whose window the message speaks of: the one that decides.
    let w = if mild.is_err() { &band.mild } else { &band.streng };
    // A moment taken from the peildatum was not submitted: the message says so.
    let wanneer = match ctx.moment_from {
        MomentFrom::Indiening => Msg::new("termijnen.wanneer-ingediend").arg("moment", Arg::Moment(m)),
        MomentFrom::Peildatum => Msg::new("termijnen.wanneer-peildatum").arg("moment", Arg::Moment(m)),
    };
    // What the moment is held against: the window's begin when it is too early, else its last
    // moment. So `difference` is the seconds late (positive) or early (negative).
    let early = (if mild.is_err() { mild } else { streng }) == Err(false);
    let (required, direction) = match (early, w.begin) {
        (true, Some(b)) => (b, Direction::Min),
        _ => (last_moment(w), Direction::Max),
    };
    let msg = match (mild, streng) {
        (Ok(()), Ok(())) => Msg::new("termijnen.binnen")
            .arg("wanneer", wanneer)
            .arg("eind", Arg::Moment(last_moment(w)))
            .arg("over", Arg::Duur(seconds(last_moment(w), m))),
        // Between the two openings: the strict window opens later than the lenient one.
        (Ok(()), Err(false)) => {
            let begin_streng = band.streng.begin.unwrap_or(m);
            Msg::new("termijnen.alleen-ruim-vroeg")
                .arg("wanneer", wanneer)
                .arg("begin_streng", Arg::Moment(begin_streng))
                .arg("begin_mild", band.mild.begin.map_or(Arg::Tekst(String::new()), Arg::Moment))
                .arg("te_vroeg_streng", Arg::Duur(seconds(begin_streng, m)))
        }
        (Ok(()), Err(true)) => Msg::new("termijnen.alleen-ruim")
            .arg("wanneer", wanneer)
            .arg("eind_streng", Arg::Moment(last_moment(&band.streng)))
            .arg("eind_mild", Arg::Moment(last_moment(&band.mild)))
            .arg("te_laat_streng", Arg::Duur(late(&band.streng, m).max(0))),
        (Err(true), _) => Msg::new("termijnen.te-laat")
            .arg("wanneer", wanneer)
            .arg("eind", Arg::Moment(last_moment(w)))
            .arg("te_laat", Arg::Duur(late(w, m))),
        (Err(false), _) => {
            let begin = w.begin.unwrap_or(m);
            Msg::new("termijnen.te-vroeg")
                .arg("wanneer", wanneer)
                .arg("begin", Arg::Moment(begin))
                .arg("te_vroeg", Arg::Duur(seconds(begin, m)))
        }
    };
    let at = ctx.aanvraag.indiening.value.moment.as_ref().and_then(pos).or(pos(&ctx.aanvraag.indiening));
    let mut f = Finding::new(VENSTER.id, outcome, msg)
        .at(at)
        .param(p)
        .moments(m, required)
        .direction(direction);
    // The band of what decided: the two openings when the moment is early, else the two ends.
    f = match (early, band.mild.begin, band.streng.begin) {
        (true, Some(bm), Some(bs)) => f.band(bm, bs),
        _ => f.band(last_moment(&band.mild), last_moment(&band.streng)),
    };
    // The certainty of what decided (regels.md §2.0): a moment well away from every boundary is
    // decided by the dates; on a boundary day, or between the readings, by the unknown time of day.
    let tijd_onbekend = !band.mild.tijd_bekend || !band.streng.tijd_bekend;
    if tijd_onbekend && (outcome == Outcome::Warn || near_boundary(&band, m)) {
        f.certainty = Some(Zekerheid::Onbekend);
    }
    // Between the readings because the strict end falls on a weekend or holiday: say so.
    let atw = match ctx.optional(&key::FEESTDAGEN, VENSTER.id, out) {
        Some((fd, _)) if outcome == Outcome::Warn && !band.streng.tijd_bekend => {
            let last = last_moment(&band.streng).local_date();
            vrije_dag(last, &fd.streng).map(|reden| {
                Msg::new("termijnen.noot-atw")
                    .arg("datum", Arg::Datum(last))
                    .arg("reden", reden)
                    .arg("tot", Arg::Datum(atw_einde(last, &fd.streng)))
            })
        }
        _ => None,
    };
    if let Some(n) = atw {
        f = f.note(n);
    } else if !w.tijd_bekend && ctx.moment_from == MomentFrom::Indiening {
        f = f.note(Msg::new("termijnen.noot-tijd-onbekend"));
    }
    out.push(f);
}

/// Why a day ends no term under the Algemene termijnenwet: a Saturday, a Sunday or a holiday of
/// the rule data's list; `None` for a working day.
pub(crate) fn vrije_dag(d: chrono::NaiveDate, feestdagen: &[Feestdag]) -> Option<Msg> {
    use chrono::Datelike;
    if let Some(f) = feestdagen.iter().find(|f| f.datum.0 == d) {
        return Some(Msg::new("termijnen.dag-feestdag").arg("naam", f.naam.as_str()));
    }
    match d.weekday() {
        chrono::Weekday::Sat => Some(Msg::new("termijnen.dag-zaterdag")),
        chrono::Weekday::Sun => Some(Msg::new("termijnen.dag-zondag")),
        _ => None,
    }
}

/// The last day of a term that ends on `d` under the Atw: the first day from `d` on that is no
/// Saturday, Sunday or holiday.
pub(crate) fn atw_einde(d: chrono::NaiveDate, feestdagen: &[Feestdag]) -> chrono::NaiveDate {
    let mut day = d;
    while vrije_dag(day, feestdagen).is_some() {
        day = day.succ_opt().unwrap_or(day);
        if day == chrono::NaiveDate::MAX {
            break;
        }
    }
    day
}

/// How late `m` is after the window's end: from the exclusive end (D+1 00:00 for "uiterlijk D"),
/// at least one second for a moment exactly on it; from the end itself when it is inclusive.
fn late(w: &Venster, m: Moment) -> i64 {
    let s = seconds(m, w.eind);
    if w.tot_en_met { s } else { s.max(1) }
}

/// Whether `m` falls on the local calendar day of a boundary of either reading: a window's first
/// day, its last day, or the day its exclusive end begins.
fn near_boundary(band: &crate::regeling::Band<Venster>, m: Moment) -> bool {
    let day = m.local_date();
    [&band.mild, &band.streng].iter().any(|w| {
        w.begin.is_some_and(|b| b.local_date() == day) || last_moment(w).local_date() == day || w.eind.local_date() == day
    })
}

fn seconds(later: Moment, earlier: Moment) -> i64 {
    (later.0 - earlier.0).num_seconds()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testutil::*;

    fn at(moment: &str) -> String {
        edit("moment: 2024-09-30T14:30:00+02:00", &format!("moment: {moment}"))
    }

    /// regels.md §5 example 2, the 2025–2028 aanvraag window.
    #[test]
    fn aanvraag_window_boundaries() {
        let cases = [
            ("2024-10-01T16:00:00+02:00", Outcome::Pass),
            ("2024-10-01T16:00:01+02:00", Outcome::Fail),
            ("2024-10-01T14:00:00Z", Outcome::Pass),
            ("2024-10-01T14:30:00Z", Outcome::Fail),
            ("2024-09-01T08:59:59+02:00", Outcome::Fail),
            ("2024-09-01T09:00:00+02:00", Outcome::Pass),
        ];
        for (m, want) in cases {
            assert_eq!(outcomes(&at(m), &VENSTER), vec![want], "{m}");
        }
    }

    #[test]
    fn late_by_one_second_says_so() {
        let f = &findings(&at("2024-10-01T16:00:01+02:00"), &VENSTER)[0];
        assert_eq!(f.message.id, "termijnen.te-laat");
        assert!(f.message.args.contains(&("te_laat", Arg::Duur(1))));
        assert!(f.pos.is_some());
    }

    #[test]
    fn vooraanmelding_on_first_of_july_only_in_the_lenient_reading() {
        let base = edit("soort: aanvraag", "soort: vooraanmelding");
        let on = |m: &str| edit_in(&base, "moment: 2024-09-30T14:30:00+02:00", &format!("moment: {m}"));
        assert_eq!(outcomes(&on("2024-06-15T10:00:00+02:00"), &VENSTER), vec![Outcome::Pass]);
        assert_eq!(outcomes(&on("2024-07-01T10:00:00+02:00"), &VENSTER), vec![Outcome::Warn]);
        assert_eq!(outcomes(&on("2024-07-02T00:00:00+02:00"), &VENSTER), vec![Outcome::Fail]);
    }

    #[test]
    fn uitgewerkt_plan_2027_late_is_only_a_warning() {
        let base = edit("soort: aanvraag", "soort: uitgewerkt-plan-2027-2028");
        let late = edit_in(&base, "moment: 2024-09-30T14:30:00+02:00", "moment: 2026-10-02T00:00:00+02:00");
        assert_eq!(outcomes(&late, &VENSTER), vec![Outcome::Warn]);
    }

    #[test]
    fn kind_known_only_elsewhere_fails() {
        // The registry's vocabulary is the union of all rule sets; a kind this set lacks fails.
        let reg = registry();
        let set = reg.get("sto-2025-2028").unwrap();
        assert!(set.soorten.contains_key("aanvraag"));
        assert_eq!(outcomes(BASIS, &SOORT), vec![Outcome::Pass]);
    }

    fn uitgewerkt(moment: &str) -> String {
        let base = edit("soort: aanvraag", "soort: uitgewerkt-plan-2025-2026");
        edit_in(&base, "moment: 2024-09-30T14:30:00+02:00", &format!("moment: {moment}"))
    }

    /// regels.md §7 point 12: lateness is measured from the exclusive end ("uiterlijk 15 april"
    /// ends at 16 April 00:00): 00:30 is 30 minutes late, not 30 minutes and 1 second; a moment
    /// exactly on the exclusive end is 1 second late.
    #[test]
    fn lateness_from_the_exclusive_end() {
        let f = &findings(&uitgewerkt("2025-04-16T00:30:00+02:00"), &VENSTER)[0];
        assert_eq!(f.outcome, Outcome::Fail);
        assert!(f.message.args.contains(&("te_laat", Arg::Duur(30 * 60))), "{:?}", f.message);
        let f = &findings(&uitgewerkt("2025-04-16T00:00:00+02:00"), &VENSTER)[0];
        assert!(f.message.args.contains(&("te_laat", Arg::Duur(1))), "{:?}", f.message);
        let f = &findings(&uitgewerkt("2025-04-15T23:59:59+02:00"), &VENSTER)[0];
        assert_eq!(f.outcome, Outcome::Pass);
    }

    /// regels.md §7 point 13: a moment taken from the peildatum was not submitted, and the
    /// message does not say "ingediend".
    #[test]
    fn peildatum_is_not_a_submission() {
        let reg = registry();
        let text = edit("  moment: 2024-09-30T14:30:00+02:00\n", "");
        let a = parse(&text);
        let set = reg.get("sto-2025-2028").unwrap();
        let ctx = Ctx {
            aanvraag: &a,
            set,
            soort: Some("aanvraag"),
            moment: Moment::parse("2025-01-01T00:00:00+01:00").unwrap(),
            moment_from: MomentFrom::Peildatum,
            folder: None,
        };
        let mut out = Vec::new();
        venster(&ctx, &mut out);
        assert_eq!(out[0].outcome, Outcome::Fail);
        for lang in [crate::messages::Lang::Nl, crate::messages::Lang::En] {
            let text = crate::messages::render(&out[0].message, lang).to_lowercase();
            let named = if lang == crate::messages::Lang::Nl { "peildatum" } else { "reference date" };
            assert!(text.contains(named) && !text.contains("ingediend") && !text.contains("submitted"), "{text}");
        }
    }

    /// regels.md §7 point 15: the certainty of a window finding follows what decided it. Weeks
    /// outside the vooraanmelding window its dates decide (afgeleid, the row's certainty); on
    /// 1 July 2024, a boundary day whose time of day no source gives, the unknown time does
    /// (onbekend).
    #[test]
    fn certainty_follows_what_decided() {
        let plan = |m: &str| {
            let t = edit("soort: aanvraag", "soort: vooraanmelding");
            edit_in(&t, "moment: 2024-09-30T14:30:00+02:00", &format!("moment: {m}"))
        };
        let far = &findings(&plan("2024-08-15T12:00:00+02:00"), &VENSTER)[0];
        assert_eq!(far.outcome, Outcome::Fail);
        assert_eq!(far.certainty, Some(Zekerheid::Afgeleid));
        let edge = &findings(&plan("2024-07-01T12:00:00+02:00"), &VENSTER)[0];
        assert_eq!(edge.outcome, Outcome::Warn);
        assert_eq!(edge.certainty, Some(Zekerheid::Onbekend));
        let inside = &findings(&plan("2024-06-15T12:00:00+02:00"), &VENSTER)[0];
        assert_eq!(inside.certainty, Some(Zekerheid::Afgeleid));
        // The 2025–2028 aanvraag has a time of day: its boundary is confirmed.
        let f = &findings(&at("2024-10-01T16:00:01+02:00"), &VENSTER)[0];
        assert_eq!(f.certainty, Some(Zekerheid::Bevestigd));
    }

    /// Easter Sunday (the anonymous Gregorian algorithm), to recompute the holidays that move.
    fn pasen(y: i32) -> chrono::NaiveDate {
        let (a, b, c) = (y % 19, y / 100, y % 100);
        let (d, e) = (b / 4, b % 4);
        let f = (b + 8) / 25;
        let g = (b - f + 1) / 3;
        let h = (19 * a + b - d - g + 15) % 30;
        let (i, k) = (c / 4, c % 4);
        let l = (32 + 2 * e + 2 * i - h - k) % 7;
        let m = (a + 11 * h + 22 * l) / 451;
        let month = (h + l - 7 * m + 114) / 31;
        let day = (h + l - 7 * m + 114) % 31 + 1;
        chrono::NaiveDate::from_ymd_opt(y, month as u32, day as u32).unwrap()
    }

    /// regels.md §2.0 and §7 point 10: the holiday list is data with its source; its Easter-based
    /// days are recomputed here, and every window without a time of day whose strict last day is
    /// a Saturday, Sunday or holiday runs leniently at least to the end of the next working day.
    #[test]
    fn holidays_and_atw_ends_agree_with_the_data() {
        let reg = registry();
        for set in reg.sets() {
            let Ok(p) = set.param(None, None, key::FEESTDAGEN.name) else { panic!("{}: no feestdagen", set.id) };
            let fd = p.get::<Vec<Feestdag>>().unwrap().streng;
            let years: std::collections::BTreeSet<i32> = fd.iter().map(|f| chrono::Datelike::year(&f.datum.0)).collect();
            assert!(years.contains(&2019) && years.contains(&2024), "{}: {years:?}", set.id);
            for y in years {
                let e = pasen(y);
                for (days, naam) in [(1, "tweede Paasdag"), (39, "Hemelvaartsdag"), (50, "tweede Pinksterdag")] {
                    let d = e + chrono::Duration::days(days);
                    assert!(fd.iter().any(|f| f.datum.0 == d && f.naam == naam), "{}: {naam} {y} ({d}) missing", set.id);
                }
            }
            for (soort, k) in &set.soorten {
                let Some(v) = k.parameters.get(key::VENSTER.name) else { continue };
                let b = v.get::<Venster>().unwrap();
                if b.streng.tijd_bekend {
                    continue;
                }
                let last = last_moment(&b.streng).local_date();
                if vrije_dag(last, &fd).is_some() {
                    let einde = atw_einde(last, &fd);
                    assert!(last_moment(&b.mild).local_date() >= einde, "{} {soort}: the lenient end {:?} is before {einde}", set.id, b.mild.eind);
                }
            }
        }
        // The known cases of §2.0.
        let d = |y, m, dd| chrono::NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let fd = registry().get("sto-2020-2023").unwrap().param(None, None, key::FEESTDAGEN.name).unwrap().get::<Vec<Feestdag>>().unwrap().streng;
        assert_eq!(atw_einde(d(2019, 3, 31), &fd), d(2019, 4, 1));
        assert_eq!(atw_einde(d(2020, 5, 31), &fd), d(2020, 6, 2));
        assert_eq!(atw_einde(d(2023, 10, 1), &fd), d(2023, 10, 2));
        assert_eq!(atw_einde(d(2019, 10, 1), &fd), d(2019, 10, 1));
    }

    /// A warning that comes from a weekend end says why: the Atw.
    #[test]
    fn atw_warning_names_the_day() {
        let base = edit("soort: aanvraag", "soort: vooraanmelding");
        let t = edit_in(&base, "moment: 2024-09-30T14:30:00+02:00", "moment: 2024-07-01T10:00:00+02:00");
        let f = &findings(&t, &VENSTER)[0];
        assert_eq!(f.outcome, Outcome::Warn);
        let note = crate::messages::render(f.note.as_ref().unwrap(), crate::messages::Lang::Nl);
        assert!(note.contains("zondag") && note.contains("Algemene termijnenwet") && note.contains("1 juli 2024"), "{note}");
    }
}
