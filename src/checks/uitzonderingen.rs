//! The module `uitzonderingen` (formaat.md §5.2): DUS-I's written agreement to depart from a rule,
//! recorded in the application. [`apply`] runs after every other rule: it gives each `fail` or
//! `warn` the waiver in force that covers it, and judges the waivers themselves:
//!
//! - `uitzonderingen/verlopen`: a waiver whose `tot` lies before the peildatum no longer applies
//!   (`warn`); one that ends within [`BIJNA_VERLOPEN_DAGEN`] days says so in a note (`pass`), so
//!   an expiry is seen coming instead of turning a pipeline red one morning;
//! - `uitzonderingen/ongebruikt`: a waiver in force that covers no `fail` or `warn` of this run
//!   (`warn`), so waivers nobody needs any more do not linger; one that covers several findings
//!   says how many, so a broad waiver is visible as broad.
//!
//! Expiry is judged on the run's peildatum (`--peildatum`, else today), not on the moment of
//! submission: it is about the day the plan is checked. A file without waivers gets no finding
//! of this module (there is nothing to judge), and neither does a run with `--no-waivers`.
//!
//! This file names its rules as plain ids; it is not in the registry [`super::RULES`], whose
//! rules run per kind of submission before the waivers can be judged.

use chrono::NaiveDate;

use crate::aanvraag::{S, Uitzondering};
use crate::engine::{Finding, Outcome, Subject, Waived};
use crate::messages::{Arg, Msg};
use crate::yaml::pos;

/// A waiver whose end date lies before the peildatum.
pub const VERLOPEN: &str = "uitzonderingen/verlopen";
/// A waiver that covers no finding of the run.
pub const ONGEBRUIKT: &str = "uitzonderingen/ongebruikt";
/// The rules of this module, in report order.
pub const IDS: [&str; 2] = [VERLOPEN, ONGEBRUIKT];

/// A waiver that ends within this many days after the peildatum gets a note that it will end
/// (formaat.md §5.2). A policy of the tool, not of the regulation: a month gives a region time to
/// ask DUS-I for an extension before its CI turns red.
pub const BIJNA_VERLOPEN_DAGEN: i64 = 30;

/// Whether a waiver holds on `peildatum`: it has no end date, or its end date (inclusive) is
/// not before that day.
pub fn in_force(u: &Uitzondering, peildatum: NaiveDate) -> bool {
    u.tot.as_ref().is_none_or(|t| t.value.0 >= peildatum)
}

/// Gives every `fail` and `warn` in `findings` the waiver in force that covers it, and returns
/// this module's findings about the waivers. One naming the finding's key wins over one naming
/// its rule; between equals, the first in the file.
pub fn apply(findings: &mut [Finding], waivers: &[S<Uitzondering>], peildatum: NaiveDate) -> Vec<Finding> {
    if waivers.is_empty() {
        return Vec::new();
    }
    let force: Vec<bool> = waivers.iter().map(|u| in_force(&u.value, peildatum)).collect();
    // Per waiver: how many findings it covers, and how many it names but another one covers.
    let mut covers = vec![0usize; waivers.len()];
    let mut beaten_by: Vec<Option<usize>> = vec![None; waivers.len()];
    let mut winner_of: Vec<Option<usize>> = vec![None; findings.len()];
    for (fi, f) in findings.iter().enumerate() {
        if !matches!(f.outcome, Outcome::Fail | Outcome::Warn) {
            continue;
        }
        let key = f.key();
        let names_key = |u: &Uitzondering| key.as_deref() == Some(named(u));
        let names_rule = |u: &Uitzondering| named(u) == f.rule;
        let candidates: Vec<usize> = (0..waivers.len())
            .filter(|&i| force[i])
            .filter(|&i| names_key(&waivers[i].value))
            .chain((0..waivers.len()).filter(|&i| force[i]).filter(|&i| names_rule(&waivers[i].value)))
            .collect();
        let Some(&win) = candidates.first() else { continue };
        covers[win] += 1;
        winner_of[fi] = Some(win);
        for &other in &candidates[1..] {
            // Name the waiver that makes this one redundant: one naming the same, where there is.
            if named(&waivers[other].value) == named(&waivers[win].value) {
                beaten_by[other] = Some(win);
            } else {
                beaten_by[other].get_or_insert(win);
            }
        }
    }
    for (f, win) in findings.iter_mut().zip(&winner_of) {
        if let Some(i) = *win {
            f.waiver = Some(waived(&waivers[i], i + 1, covers[i]));
        }
    }
    let mut out = Vec::new();
    for (i, u) in waivers.iter().enumerate() {
        out.push(verlopen(u, i + 1, peildatum));
    }
    for (i, u) in waivers.iter().enumerate() {
        out.push(ongebruikt(u, i + 1, force[i], covers[i], beaten_by[i]));
    }
    out
}

/// What a waiver names, as written but for surrounding white space (as the reader checked it).
fn named(u: &Uitzondering) -> &str {
    u.regel.value.trim()
}

fn waived(u: &S<Uitzondering>, nr: usize, covers: usize) -> Waived {
    let w = &u.value;
    Waived {
        regel: named(w).to_string(),
        reden: w.reden.value.clone(),
        kenmerk: w.kenmerk.value.clone(),
        datum: w.datum.value.0,
        tot: w.tot.as_ref().map(|t| t.value.0),
        nr,
        pos: pos(&w.regel).or(pos(u)),
        covers,
    }
}

/// The words every message about a waiver starts from: what it names and DUS-I's reference.
fn about(msg: &'static str, u: &Uitzondering) -> Msg {
    Msg::new(msg).arg("regel", named(u)).arg("kenmerk", u.kenmerk.value.as_str())
}

fn finding(rule: &'static str, outcome: Outcome, msg: Msg, u: &S<Uitzondering>, nr: usize) -> Finding {
    Finding::new(rule, outcome, msg).about(Subject::uitzondering(nr)).at(pos(&u.value.regel).or(pos(u)))
}

fn verlopen(u: &S<Uitzondering>, nr: usize, peildatum: NaiveDate) -> Finding {
    let w = &u.value;
    let Some(tot) = w.tot.as_ref().map(|t| t.value.0) else {
        return finding(VERLOPEN, Outcome::Pass, about("uitzonderingen.zonder-einde", w), u, nr);
    };
    let days = (tot - peildatum).num_days();
    let f = if days < 0 {
        let msg = about("uitzonderingen.verlopen", w).arg("tot", Arg::Datum(tot)).arg("peildatum", Arg::Datum(peildatum));
        finding(VERLOPEN, Outcome::Warn, msg, u, nr)
    } else if days <= BIJNA_VERLOPEN_DAGEN {
        let msg = about("uitzonderingen.geldt-tot", w).arg("tot", Arg::Datum(tot));
        let note = match days {
            0 => Msg::new("uitzonderingen.loopt-vandaag-af"),
            _ => Msg::new("uitzonderingen.loopt-af").arg("dagen", usize::try_from(days).unwrap_or(0)),
        }
        .arg("tot", Arg::Datum(tot));
        finding(VERLOPEN, Outcome::Pass, msg, u, nr).note(note)
    } else {
        finding(VERLOPEN, Outcome::Pass, about("uitzonderingen.geldt-tot", w).arg("tot", Arg::Datum(tot)), u, nr)
    };
    // The figures for scripts: the end date against the peildatum, and the days between them
    // (negative once it has passed).
    Finding { found: Some(tot.to_string()), required: Some(peildatum.to_string()), difference: Some(days.to_string()), ..f }
}

fn ongebruikt(u: &S<Uitzondering>, nr: usize, force: bool, covers: usize, beaten_by: Option<usize>) -> Finding {
    let w = &u.value;
    if !force {
        return finding(ONGEBRUIKT, Outcome::Skip, about("uitzonderingen.niet-van-kracht", w), u, nr);
    }
    let f = match (covers, beaten_by) {
        (0, Some(other)) => finding(ONGEBRUIKT, Outcome::Warn, about("uitzonderingen.overbodig", w).arg("andere", other + 1), u, nr),
        (0, None) => finding(ONGEBRUIKT, Outcome::Warn, about("uitzonderingen.ongebruikt", w), u, nr),
        (n, _) => {
            let f = finding(ONGEBRUIKT, Outcome::Pass, about("uitzonderingen.dekt", w).arg("aantal", n), u, nr);
            // A waiver of a whole rule that covers several findings is broad: it would also
            // cover a new problem of that rule. Say so, and how to narrow it.
            if n > 1 && !named(w).contains('#') { f.note(Msg::new("uitzonderingen.breed")) } else { f }
        }
    };
    Finding { found: Some(covers.to_string()), ..f }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testutil::{BASIS, parse};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn waivers(yaml: &str) -> Vec<S<Uitzondering>> {
        let a = parse(&format!("{BASIS}\nuitzonderingen:\n{yaml}"));
        a.uitzonderingen().to_vec()
    }

    fn fail(rule: &'static str, subject: Option<Subject>) -> Finding {
        let f = Finding::new(rule, Outcome::Fail, Msg::new("noot.tekst").arg("tekst", "x"));
        match subject {
            Some(s) => f.about(s),
            None => f,
        }
    }

    const W: &str = "    reden: r\n    kenmerk: K\n    datum: 2024-01-01\n";

    #[test]
    fn the_end_date_is_inclusive_and_soon_ending_is_noted() {
        let ws = waivers(&format!("  - regel: partners/minimum\n{W}    tot: 2025-01-01\n"));
        let peil = d("2025-01-01");
        assert!(in_force(&ws[0].value, peil));
        assert!(!in_force(&ws[0].value, d("2025-01-02")));
        let mut fs = vec![fail("partners/minimum", None)];
        let out = apply(&mut fs, &ws, peil);
        assert!(fs[0].waiver.is_some(), "a waiver ending on the peildatum still holds that day");
        assert_eq!(out[0].outcome, Outcome::Pass);
        assert!(out[0].note.is_some(), "ends today: the note says so");
        assert_eq!(out[0].difference.as_deref(), Some("0"));
        // The day after: expired, so the finding counts again.
        let mut fs = vec![fail("partners/minimum", None)];
        let out = apply(&mut fs, &ws, d("2025-01-02"));
        assert!(fs[0].waiver.is_none());
        assert_eq!((out[0].rule, out[0].outcome), (VERLOPEN, Outcome::Warn));
        assert_eq!((out[1].rule, out[1].outcome), (ONGEBRUIKT, Outcome::Skip));
        // 31 days ahead: no note; 30: a note.
        let out = apply(&mut [], &ws, d("2024-12-01"));
        assert!(out[0].note.is_none());
        let out = apply(&mut [], &ws, d("2024-12-02"));
        assert!(out[0].note.is_some());
    }

    #[test]
    fn a_key_wins_over_a_rule_then_the_first_and_the_loser_is_unused() {
        let ws = waivers(&format!("  - regel: partners/minimum\n{W}  - regel: \"partners/minimum#soort:mbo\"\n{W}  - regel: \"partners/minimum#soort:mbo\"\n{W}"));
        let mut fs = vec![fail("partners/minimum", Some(Subject::soort("mbo"))), fail("partners/minimum", Some(Subject::soort("po")))];
        let out = apply(&mut fs, &ws, d("2025-01-01"));
        assert_eq!(fs[0].waiver.as_ref().unwrap().nr, 2, "the key wins");
        assert_eq!(fs[1].waiver.as_ref().unwrap().nr, 1, "the rule covers the rest");
        let unused: Vec<(Outcome, Option<&str>)> = out.iter().filter(|f| f.rule == ONGEBRUIKT).map(|f| (f.outcome, f.found.as_deref())).collect();
        assert_eq!(unused, vec![(Outcome::Pass, Some("1")), (Outcome::Pass, Some("1")), (Outcome::Warn, Some("0"))]);
        let third = out.iter().find(|f| f.rule == ONGEBRUIKT && f.outcome == Outcome::Warn).unwrap();
        assert_eq!(third.message.id, "uitzonderingen.overbodig");
    }

    #[test]
    fn a_broad_waiver_says_how_many_it_covers() {
        let ws = waivers(&format!("  - regel: partners/minimum\n{W}"));
        let mut fs = vec![
            fail("partners/minimum", Some(Subject::soort("mbo"))),
            fail("partners/minimum", Some(Subject::soort("po"))),
            Finding::new("partners/minimum", Outcome::Pass, Msg::new("noot.tekst").arg("tekst", "x")).about(Subject::soort("vmbo")),
        ];
        let out = apply(&mut fs, &ws, d("2025-01-01"));
        assert_eq!(fs[0].waiver.as_ref().unwrap().covers, 2);
        assert!(fs[2].waiver.is_none(), "a pass is never waived");
        let used = &out[1];
        assert_eq!((used.outcome, used.found.as_deref()), (Outcome::Pass, Some("2")));
        assert_eq!(used.note.as_ref().map(|n| n.id), Some("uitzonderingen.breed"));
    }

    #[test]
    fn white_space_around_what_a_waiver_names_does_not_matter() {
        let ws = waivers(&format!("  - regel: \" partners/minimum#soort:mbo \"\n{W}"));
        let mut fs = vec![fail("partners/minimum", Some(Subject::soort("mbo")))];
        apply(&mut fs, &ws, d("2025-01-01"));
        assert_eq!(fs[0].waiver.as_ref().map(|w| w.regel.as_str()), Some("partners/minimum#soort:mbo"));
    }

    #[test]
    fn a_key_that_does_not_occur_is_unused_not_an_error() {
        let ws = waivers(&format!("  - regel: \"partners/minimum#soort:havo-vwo\"\n{W}"));
        let mut fs = vec![fail("partners/minimum", Some(Subject::soort("mbo")))];
        let out = apply(&mut fs, &ws, d("2025-01-01"));
        assert!(fs[0].waiver.is_none());
        assert_eq!((out[1].outcome, out[1].message.id), (Outcome::Warn, "uitzonderingen.ongebruikt"));
    }
}
