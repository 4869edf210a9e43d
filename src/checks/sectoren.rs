//! `sectoren`: every activity serves an education sector the regulation pays for (regels.md
//! §2.4); nothing is exclusively for havo/vwo (shared use is allowed); and, where the rule set
//! restricts profiles, an activity that names profiles names a technical one. Every list may be
//! a band; both readings are evaluated and the band rule decides.

use std::borrow::Cow;
use rust_decimal::Decimal;

use super::rule::Rule;
use crate::module::Module;
use crate::regeling::params as key;
use crate::aanvraag::Activiteit;
use crate::engine::{Ctx, Direction, Finding, Outcome, Subject, judge};
use crate::messages::{Arg, Msg};
use crate::regeling::{Band, Param};
use crate::yaml::pos;

pub const DOELGROEPEN: Rule = Rule {
    id: "sectoren/doelgroepen",
    module: Module::Sectoren,
    params: &[key::DOELGROEPEN_TOEGESTAAN.name, key::DOELGROEPEN_BEPERKT.name, key::DOELGROEPEN_ONZEKER.name, key::HAVO_VWO_EXCLUSIEF.name],
    run: doelgroepen,
};
pub const HAVO_VWO: Rule = Rule {
    id: "sectoren/havo-vwo",
    module: Module::Sectoren,
    params: &[key::HAVO_VWO_EXCLUSIEF.name, key::HAVO_VWO_DOORSTROOM.name],
    run: havo_vwo,
};
pub const PROFIELEN: Rule = Rule {
    id: "sectoren/profielen",
    module: Module::Sectoren,
    params: &[key::TECHNISCHE_PROFIELEN.name],
    run: profielen,
};

/// The kind of a doelgroep in one reading of the rule set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Klasse {
    Toegestaan,
    Beperkt,
    HavoVwo,
    Onzeker,
    /// Known to some rule set (the reader accepted it), not to this one.
    Onbekend,
}

impl Klasse {
    fn eligible(self) -> bool {
        matches!(self, Klasse::Toegestaan | Klasse::Beperkt)
    }
}

type Lijst<'a> = Option<(Cow<'a, Band<Vec<String>>>, &'a Param)>;

/// The rule set's lists of doelgroepen. Only `doelgroepen_toegestaan` is required; a missing
/// other list is empty.
struct Lijsten<'a> {
    toegestaan: (Cow<'a, Band<Vec<String>>>, &'a Param),
    beperkt: Lijst<'a>,
    onzeker: Lijst<'a>,
    havo: Lijst<'a>,
}


fn pick<T>(b: &Band<T>, mild: bool) -> &T {
    if mild { &b.mild } else { &b.streng }
}

fn holds(l: &Lijst, mild: bool, g: &str) -> bool {
    l.as_ref().is_some_and(|(b, _)| pick(b, mild).iter().any(|x| x == g))
}

impl Lijsten<'_> {
    fn klasse(&self, g: &str, mild: bool) -> Klasse {
        if pick(&self.toegestaan.0, mild).iter().any(|x| x == g) {
            Klasse::Toegestaan
        } else if holds(&self.beperkt, mild, g) {
            Klasse::Beperkt
        } else if holds(&self.havo, mild, g) {
            Klasse::HavoVwo
        } else if holds(&self.onzeker, mild, g) {
            Klasse::Onzeker
        } else {
            Klasse::Onbekend
        }
    }

    /// Whether the activity serves a group this reading pays for.
    fn eligible(&self, act: &Activiteit, mild: bool) -> bool {
        groups(act).any(|g| self.klasse(g, mild).eligible())
    }

    fn any(&self, act: &Activiteit, k: Klasse) -> bool {
        groups(act).any(|g| self.klasse(g, true) == k || self.klasse(g, false) == k)
    }

    fn of(&self, act: &Activiteit, k: Klasse) -> Vec<String> {
        groups(act)
            .filter(|g| self.klasse(g, true) == k || self.klasse(g, false) == k)
            .map(str::to_string)
            .collect()
    }
}

fn groups(act: &Activiteit) -> impl Iterator<Item = &str> {
    act.doelgroepen.value.iter().map(|g| g.value.as_str())
}

fn all_in(act: &Activiteit, list: &[String]) -> bool {
    !act.doelgroepen.value.is_empty() && groups(act).all(|g| list.iter().any(|x| x == g))
}

fn activiteiten_pos(ctx: &Ctx) -> Option<crate::yaml::Pos> {
    ctx.aanvraag.activiteiten.as_ref().and_then(pos)
}

fn act_msg(id: &'static str, act: &Activiteit) -> Msg {
    Msg::new(id).arg("activiteit", act.id.value.as_str()).arg("naam", act.naam.value.as_str())
}

fn doelgroepen(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(toegestaan) = ctx.need(&key::DOELGROEPEN_TOEGESTAAN, DOELGROEPEN.id, out) else {
        return;
    };
    let l = Lijsten {
        toegestaan,
        beperkt: ctx.optional(&key::DOELGROEPEN_BEPERKT, DOELGROEPEN.id, out),
        onzeker: ctx.optional(&key::DOELGROEPEN_ONZEKER, DOELGROEPEN.id, out),
        havo: ctx.optional(&key::HAVO_VWO_EXCLUSIEF, DOELGROEPEN.id, out),
    };
    let p_t = l.toegestaan.1;
    let acts = ctx.aanvraag.activiteiten();
    if acts.is_empty() {
        out.push(
            Finding::new(DOELGROEPEN.id, Outcome::Skip, Msg::new("sectoren.geen-activiteiten"))
                .at(activiteiten_pos(ctx))
                .param(p_t),
        );
        return;
    }
    let before = out.len();
    let mut plain = 0usize;
    for a in acts {
        let act = &a.value;
        let at = pos(&act.doelgroepen);
        let mut own = false;
        // Groups this regulation does not know at all, or only in the lenient reading.
        for g in &act.doelgroepen.value {
            let (m, s) = (l.klasse(&g.value, true), l.klasse(&g.value, false));
            if m != Klasse::Onbekend && s != Klasse::Onbekend {
                continue;
            }
            own = true;
            let id = if m == Klasse::Onbekend { "sectoren.doelgroep-onbekend" } else { "sectoren.doelgroep-alleen-ruim" };
            out.push(
                Finding::new(
                    DOELGROEPEN.id,
                    judge(m != Klasse::Onbekend, false, p_t.ernst),
                    act_msg(id, act).arg("doelgroep", g.value.as_str()).arg("regeling", ctx.set.id.as_str()),
                )
                .about(Subject::activiteit(&act.id.value).within(Subject::doelgroep(&g.value)))
                .at(pos(g))
                .param(p_t),
            );
        }
        if act.doelgroepen.value.is_empty() {
            out.push(
                Finding::new(DOELGROEPEN.id, judge(false, false, p_t.ernst), act_msg("sectoren.geen-doelgroepen", act))
                    .about(Subject::activiteit(&act.id.value))
                    .at(at.or(pos(a)))
                    .param(p_t),
            );
            continue;
        }
        // Only havo/vwo: sectoren/havo-vwo judges it.
        if groups(act).all(|g| l.klasse(g, true) == Klasse::HavoVwo) {
            continue;
        }
        let (elig_m, elig_s) = (l.eligible(act, true), l.eligible(act, false));
        if !(elig_m && elig_s)
            && l.any(act, Klasse::Onzeker)
            && let Some((_, p)) = &l.onzeker
        {
            out.push(
                Finding::new(
                    DOELGROEPEN.id,
                    judge(elig_m, elig_s, p.ernst),
                    act_msg("sectoren.alleen-onzeker", act).arg("doelgroepen", Arg::Lijst(l.of(act, Klasse::Onzeker))),
                )
                .about(Subject::activiteit(&act.id.value))
                .at(at)
                .param(p),
            );
        } else if elig_m
            && elig_s
            && l.any(act, Klasse::Beperkt)
            && let Some((_, p)) = &l.beperkt
        {
            let beperkt = Arg::Lijst(l.of(act, Klasse::Beperkt));
            let note = match &p.toelichting {
                Some(t) => Msg::new("sectoren.noot-beperkt-toelichting").arg("doelgroepen", beperkt).arg("toelichting", t.as_str()),
                None => Msg::new("sectoren.noot-beperkt").arg("doelgroepen", beperkt),
            };
            out.push(
                Finding::new(DOELGROEPEN.id, Outcome::Pass, act_msg("sectoren.doelgroepen-beperkt", act))
                    .about(Subject::activiteit(&act.id.value))
                    .at(at)
                    .param(p)
                    .note(note),
            );
        } else if elig_m && elig_s {
            if !own {
                plain += 1;
            }
        } else if !own {
            // Neither eligible nor uncertain, nor unknown: a group of this regulation's lists that
            // pays for nothing on its own (havo/vwo with another such group, in one reading).
            out.push(
                Finding::new(
                    DOELGROEPEN.id,
                    judge(elig_m, elig_s, p_t.ernst),
                    act_msg("sectoren.geen-toegestane", act).arg("toegestaan", Arg::Lijst(l.toegestaan.0.streng.clone())),
                )
                .about(Subject::activiteit(&act.id.value))
                .at(at)
                .param(p_t),
            );
        }
    }
    if out.len() == before {
        let msg = if plain == 0 {
            Msg::new("sectoren.doelgroepen-alleen-havo-vwo")
        } else {
            Msg::new("sectoren.doelgroepen-ok").arg("aantal", plain)
        };
        let outcome = if plain == 0 { Outcome::Skip } else { Outcome::Pass };
        out.push(Finding::new(DOELGROEPEN.id, outcome, msg).at(activiteiten_pos(ctx)).param(p_t));
    }
}

fn havo_vwo(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some((band, p)) = ctx.need(&key::HAVO_VWO_EXCLUSIEF, HAVO_VWO.id, out) else {
        return;
    };
    let acts = ctx.aanvraag.activiteiten();
    if acts.is_empty() {
        out.push(
            Finding::new(HAVO_VWO.id, Outcome::Skip, Msg::new("sectoren.geen-activiteiten"))
                .at(activiteiten_pos(ctx))
                .param(p),
        );
        return;
    }
    // Which groups make a havo/vwo activity shared use of vmbo facilities rather than doorstroom
    // of havo/vwo pupils (regels.md §2.4): strict the vmbo groups, vso and po; lenient also mbo.
    let doorstroom = ctx.optional(&key::HAVO_VWO_DOORSTROOM, HAVO_VWO.id, out);
    let before = out.len();
    let mut gedeeld = Vec::new();
    // The cost lines by activity, gathered once: a scan per activity would be quadratic.
    let mut by_act: std::collections::HashMap<&str, Vec<&crate::aanvraag::S<crate::aanvraag::Kostenregel>>> = std::collections::HashMap::new();
    for r in ctx.aanvraag.begroting() {
        by_act.entry(r.value.activiteit.value.as_str()).or_default().push(r);
    }
    for a in acts {
        let act = &a.value;
        let (excl_m, excl_s) = (all_in(act, &band.mild), all_in(act, &band.streng));
        let outcome = judge(!excl_m, !excl_s, p.ernst);
        if outcome == Outcome::Pass {
            if groups(act).any(|g| band.streng.iter().chain(&band.mild).any(|x| x == g)) {
                if let Some((d, dp)) = &doorstroom {
                    let deelt = |list: &Vec<String>| groups(act).any(|g| list.iter().any(|x| x == g));
                    let o = judge(deelt(&d.mild), deelt(&d.streng), dp.ernst);
                    if o != Outcome::Pass {
                        let havo: Vec<String> =
                            groups(act).filter(|g| band.streng.iter().chain(&band.mild).any(|x| x == g)).map(str::to_string).collect();
                        out.push(
                            Finding::new(
                                HAVO_VWO.id,
                                o,
                                act_msg("sectoren.havo-vwo-doorstroom", act)
                                    .arg("havo", Arg::Lijst(havo))
                                    .arg("doelgroepen", Arg::Lijst(groups(act).map(str::to_string).collect())),
                            )
                            .at(pos(&act.doelgroepen))
                            .param(dp),
                        );
                        continue;
                    }
                }
                gedeeld.push(act.id.value.clone());
            }
            continue;
        }
        let lines: Vec<_> = by_act.get(act.id.value.as_str()).cloned().unwrap_or_default();
        let total: Decimal = crate::money::sum(lines.iter().map(|r| r.value.kosten().0));
        let id = if excl_m { "sectoren.alleen-havo-vwo" } else { "sectoren.alleen-havo-vwo-streng" };
        out.push(
            Finding::new(
                HAVO_VWO.id,
                outcome,
                act_msg(id, act)
                    .arg("doelgroepen", Arg::Lijst(groups(act).map(str::to_string).collect()))
                    .arg("regels", lines.len())
                    .euro("bedrag", total),
            )
            .about(Subject::activiteit(&act.id.value))
            .at(pos(&act.doelgroepen))
            .param(p)
            .money(total, Decimal::ZERO)
            .direction(Direction::Max),
        );
    }
    if out.len() == before {
        let mut f = Finding::new(
            HAVO_VWO.id,
            Outcome::Pass,
            Msg::new("sectoren.havo-vwo-ok").arg("aantal", acts.len()),
        )
        .at(activiteiten_pos(ctx))
        .param(p);
        if !gedeeld.is_empty() {
            f = f.note(Msg::new("sectoren.noot-meegebruik").arg("activiteiten", Arg::Lijst(gedeeld)));
        }
        out.push(f);
    }
}

fn profielen(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some((band, p)) = ctx.need(&key::TECHNISCHE_PROFIELEN, PROFIELEN.id, out) else {
        return;
    };
    let before = out.len();
    let mut named = 0usize;
    for a in ctx.aanvraag.activiteiten() {
        let act = &a.value;
        let Some(prof) = act.profielen.as_ref().filter(|p| !p.value.is_empty()) else { continue };
        named += 1;
        let technical = |list: &Vec<String>| prof.value.iter().any(|x| list.contains(&x.value));
        let outcome = judge(technical(&band.mild), technical(&band.streng), p.ernst);
        if outcome == Outcome::Pass {
            continue;
        }
        out.push(
            Finding::new(
                PROFIELEN.id,
                outcome,
                act_msg("sectoren.profielen-niet-technisch", act)
                    .arg("profielen", Arg::Lijst(prof.value.iter().map(|x| x.value.clone()).collect()))
                    .arg("technisch", Arg::Lijst(band.streng.clone())),
            )
            .about(Subject::activiteit(&act.id.value))
            .at(pos(prof))
            .param(p)
            .band(band.mild.join(", "), band.streng.join(", ")),
        );
    }
    if out.len() == before {
        // Where every profile of the rule set counts as technical there is no restriction at all.
        let all: Vec<String> = ctx
            .optional(&key::PROFIELEN, PROFIELEN.id, out)
            .map(|(b, _)| b.streng.iter().map(|x| x.id.clone()).collect())
            .unwrap_or_default();
        let unrestricted = !all.is_empty() && all.iter().all(|x| band.mild.contains(x) && band.streng.contains(x));
        let msg = match (named, unrestricted) {
            (0, _) => Msg::new("sectoren.geen-profielen"),
            (n, true) => Msg::new("sectoren.profielen-geen-beperking").arg("aantal", n),
            (n, false) => Msg::new("sectoren.profielen-ok").arg("aantal", n),
        };
        out.push(Finding::new(PROFIELEN.id, Outcome::Pass, msg).at(activiteiten_pos(ctx)).param(p));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testutil::*;

    const LAB: &str = "  - { id: lab, naam: Lab, doelgroepen: [po, vmbo-bb], profielen: [PIE] }\n";

    /// The base application with one more activity and a cost line on it.
    fn with_activity(doelgroepen: &str) -> String {
        let t = edit(LAB, &format!("{LAB}  - {{ id: extra, naam: Extra, doelgroepen: {doelgroepen} }}\n"));
        edit_in(
            &t,
            "  - { activiteit: lab, jaar: 2028, soort: materieel, bedrag: 250000 }\n",
            "  - { activiteit: lab, jaar: 2028, soort: materieel, bedrag: 250000 }\n  \
             - { activiteit: extra, jaar: 2026, soort: materieel, bedrag: \"12000.50\" }\n  \
             - { activiteit: extra, jaar: 2027, soort: overig, bedrag: 3000 }\n",
        )
    }

    #[test]
    fn base_passes_all_three() {
        assert_eq!(outcomes(BASIS, &DOELGROEPEN), vec![Outcome::Pass]);
        assert_eq!(outcomes(BASIS, &HAVO_VWO), vec![Outcome::Pass]);
        assert_eq!(outcomes(BASIS, &PROFIELEN), vec![Outcome::Pass]);
    }

    #[test]
    fn havo_vwo_only_activity_fails_with_its_cost_lines() {
        let t = with_activity("[havo, vwo]");
        let f = findings(&t, &HAVO_VWO);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].outcome, Outcome::Fail);
        assert!(f[0].message.args.contains(&("regels", Arg::from(2usize))));
        assert!(f[0].message.args.contains(&("bedrag", Arg::Euro(dec("15000.50")))));
        assert_eq!(f[0].found.as_deref(), Some("15000.50"));
        assert!(f[0].pos.is_some());
        // The doelgroepen rule leaves it to sectoren/havo-vwo.
        assert_eq!(outcomes(&t, &DOELGROEPEN), vec![Outcome::Pass]);
        // The partner-kind spelling counts the same.
        assert_eq!(worst(&with_activity("[havo-vwo]"), &HAVO_VWO), Outcome::Fail);
    }

    #[test]
    fn mixed_with_an_eligible_group_passes_as_shared_use() {
        let t = with_activity("[havo, vmbo-gl]");
        let f = findings(&t, &HAVO_VWO);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].outcome, Outcome::Pass);
        assert_eq!(f[0].note.as_ref().map(|n| n.id), Some("sectoren.noot-meegebruik"));
        assert_eq!(outcomes(&t, &DOELGROEPEN), vec![Outcome::Pass]);
    }

    #[test]
    fn praktijkonderwijs_only_warns() {
        let t = with_activity("[praktijkonderwijs]");
        assert_eq!(outcomes(&t, &DOELGROEPEN), vec![Outcome::Warn]);
        // Together with an eligible group it is fine.
        assert_eq!(outcomes(&with_activity("[praktijkonderwijs, vmbo-kb]"), &DOELGROEPEN), vec![Outcome::Pass]);
    }

    #[test]
    fn limited_groups_pass_with_a_note() {
        let f = findings(&with_activity("[vmbo-tl]"), &DOELGROEPEN);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].outcome, Outcome::Pass);
        assert!(f[0].note.is_some());
    }

    #[test]
    fn a_group_of_another_regulation_fails() {
        // Known to the reader through a rule set that lists it, absent from this one's lists.
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("ander.yaml"),
            "id: test-ander\nnaam: T\nversie: '1'\nbase: sto-2025-2028\nparameters:\n  doelgroepen_toegestaan:\n    \
             waarde: [po, vmbo-bb, hbo]\n    bron: test bron\n    zekerheid: onbekend\n",
        )
        .unwrap();
        let reg = crate::regeling::Registry::load(&[dir.path().to_path_buf()]).unwrap();
        let app = with_activity("[hbo, vmbo-bb]");
        let a = crate::aanvraag::load_text(&app, &reg.vocabulary()).unwrap_or_else(|e| panic!("{e:#?}"));
        let ctx = Ctx::new(&a, reg.get("sto-2025-2028").unwrap(), crate::values::Moment::parse("2024-09-30T12:00:00+02:00").unwrap(), crate::engine::MomentFrom::Indiening, None);
        let mut out = Vec::new();
        (DOELGROEPEN.run)(&ctx, &mut out);
        assert_eq!(out.iter().map(|f| f.outcome).collect::<Vec<_>>(), vec![Outcome::Fail]);
        assert_eq!(out[0].message.id, "sectoren.doelgroep-onbekend");
    }

    #[test]
    fn no_doelgroepen_fails() {
        assert_eq!(worst(&with_activity("[]"), &DOELGROEPEN), Outcome::Fail);
    }

    #[test]
    fn profiles_are_unrestricted_in_2025_2028() {
        let t = edit("profielen: [PIE]", "profielen: [ZW, EO]");
        let f = findings(&t, &PROFIELEN);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].outcome, Outcome::Pass);
        assert_eq!(f[0].message.id, "sectoren.profielen-geen-beperking");
        let t = edit("doelgroepen: [po, vmbo-bb], profielen: [PIE]", "doelgroepen: [po, vmbo-bb]");
        assert_eq!(findings(&t, &PROFIELEN)[0].message.id, "sectoren.geen-profielen");
    }

    /// regels.md §7 point 6: an activity for havo/vwo with mbo but no vmbo, vso or po is
    /// doorstroom of havo/vwo pupils: strictly not allowed, leniently the mbo is an eligible
    /// group, so a warning. With a vmbo group it is shared use and passes.
    #[test]
    fn havo_vwo_doorstroom_with_mbo_warns() {
        assert_eq!(worst(&with_activity("[havo, vwo, mbo]"), &HAVO_VWO), Outcome::Warn);
        assert_eq!(worst(&with_activity("[havo, mbo]"), &HAVO_VWO), Outcome::Warn);
        // Praktijkonderwijs is no vmbo group, vso or po: strictly doorstroom as well.
        assert_eq!(worst(&with_activity("[havo, praktijkonderwijs]"), &HAVO_VWO), Outcome::Warn);
        assert_eq!(worst(&with_activity("[havo, vwo, mbo, vmbo-kb]"), &HAVO_VWO), Outcome::Pass);
        assert_eq!(worst(&with_activity("[mbo]"), &HAVO_VWO), Outcome::Pass);
        let f = findings(&with_activity("[havo, vwo, mbo]"), &HAVO_VWO);
        let w = f.iter().find(|f| f.outcome == Outcome::Warn).unwrap();
        assert!(w.source.as_deref().unwrap().contains("Nee dat mag niet!"), "{w:?}");
    }
}
