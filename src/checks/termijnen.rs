//! `termijnen`: the kind of submission exists in the rule set, and its moment (`indiening.moment`,
//! else the peildatum) falls inside the kind's window, read in both band readings.

use super::rule::Rule;
use crate::module::Module;
use crate::regeling::params as key;
use crate::engine::{Ctx, Direction, Finding, MomentFrom, Outcome, judge};
use crate::messages::{Arg, Msg};
use crate::regeling::Venster;
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
    params: &[key::VENSTER.name],
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
    // What the moment is held against: the window's begin when it is too early, else its last
    // moment. So `difference` is the seconds late (positive) or early (negative).
    let early = (if mild.is_err() { mild } else { streng }) == Err(false);
    let (required, direction) = match (early, w.begin) {
        (true, Some(b)) => (b, Direction::Min),
        _ => (last_moment(w), Direction::Max),
    };
    let msg = match (mild, streng) {
        (Ok(()), Ok(())) => Msg::new("termijnen.binnen")
            .arg("moment", Arg::Moment(m))
            .arg("eind", Arg::Moment(last_moment(w)))
            .arg("over", Arg::Duur(seconds(last_moment(w), m))),
        (Ok(()), Err(_)) => Msg::new("termijnen.alleen-ruim")
            .arg("moment", Arg::Moment(m))
            .arg("eind_streng", Arg::Moment(last_moment(&band.streng)))
            .arg("eind_mild", Arg::Moment(last_moment(&band.mild)))
            .arg("te_laat_streng", Arg::Duur(seconds(m, last_moment(&band.streng)).max(0))),
        (Err(true), _) => Msg::new("termijnen.te-laat")
            .arg("moment", Arg::Moment(m))
            .arg("eind", Arg::Moment(last_moment(w)))
            .arg("te_laat", Arg::Duur(seconds(m, last_moment(w)))),
        (Err(false), _) => {
            let begin = w.begin.unwrap_or(m);
            Msg::new("termijnen.te-vroeg")
                .arg("moment", Arg::Moment(m))
                .arg("begin", Arg::Moment(begin))
                .arg("te_vroeg", Arg::Duur(seconds(begin, m)))
        }
    };
    let at = ctx.aanvraag.indiening.value.moment.as_ref().and_then(pos).or(pos(&ctx.aanvraag.indiening));
    let mut f = Finding::new(VENSTER.id, outcome, msg)
        .at(at)
        .param(p)
        .moments(m, required)
        .direction(direction)
        .band(last_moment(&band.mild), last_moment(&band.streng));
    if ctx.moment_from == MomentFrom::Peildatum {
        f = f.note(Msg::new("termijnen.noot-peildatum").arg("moment", Arg::Moment(m)));
    } else if !w.tijd_bekend {
        f = f.note(Msg::new("termijnen.noot-tijd-onbekend"));
    }
    out.push(f);
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
}
