//! `begroting/plafond`: the requested subsidy against the region's ceilings, over the whole period
//! and per year. A ceiling is a fixed amount (a band allowed), the region's own `regio.maximum`,
//! a per-pupil formula or a share of an earlier grant, each as the rule data says.

use rust_decimal::Decimal;

use super::rule::Rule;
use crate::engine::{Ctx, Direction, Finding, Outcome, Subject, judge};
use crate::messages::Msg;
use crate::module::Module;
use crate::regeling::params::{self as key, AandeelVan, Per};
use crate::regeling::{Band, Ernst, Plafond};
use crate::values::cents_string;
use crate::yaml::{Pos, pos};

pub const PLAFOND: Rule = Rule {
    id: "begroting/plafond",
    module: Module::Begroting,
    params: &[key::PLAFONDS.name],
    run: plafond,
};

/// The place of `financiering.subsidie`, else of `financiering`.
pub(super) fn subsidie_pos(ctx: &Ctx) -> Option<Pos> {
    let a = ctx.aanvraag;
    a.financiering.as_ref().and_then(|f| f.value.subsidie.as_ref()).and_then(pos).or(a.financiering_pos())
}

/// The amount of a ceiling under both readings (`None`: no ceiling in that reading), or the
/// `skip` message saying why it is not known.
enum Bedrag {
    Bekend(Band<Option<Decimal>>),
    Onbekend(Msg),
}

fn settled(d: Decimal) -> Bedrag {
    Bedrag::Bekend(Band { mild: Some(d), streng: Some(d) })
}

/// Works out a ceiling's amount. `extra` receives findings about the inputs themselves (pupil
/// counts that disagree with `regio.maximum`).
fn plafond_bedrag(ctx: &Ctx, item: &Plafond, extra: &mut Vec<Finding>) -> Bedrag {
    let a = ctx.aanvraag;
    let soort = a.regio.value.soort.value.as_str();
    let maximum = a.regio.value.maximum.as_ref();
    let onbekend = |standaard: &'static str| {
        let reden = match &item.ontbreekt {
            Some(t) => Msg::new("noot.tekst").arg("tekst", t.as_str()),
            None => Msg::new(standaard),
        };
        Bedrag::Onbekend(Msg::new("begroting.plafond-onbekend").arg("regio_soort", crate::messages::regiosoort(soort)).arg("reden", reden))
    };
    if let Some(b) = &item.bedrag {
        let mut band = b.band().map(|o| o.map(|d| d.0));
        // Both given: the file's own maximum, when there is one, is the strict reading
        // (regels.md §2.6, the techniekarme ceiling of 2020–2023).
        if item.uit_bestand
            && let Some(m) = maximum
        {
            band.streng = Some(m.value.0);
        }
        return Bedrag::Bekend(band);
    }
    if item.uit_bestand {
        return match maximum {
            Some(m) => settled(m.value.0),
            None => onbekend("begroting.reden-geen-maximum"),
        };
    }
    if let Some(pl) = &item.per_leerling {
        let Some(amounts) = per_leerling(a, pl) else {
            return match maximum {
                Some(m) => settled(m.value.0),
                None => onbekend("begroting.reden-geen-leerlingen"),
            };
        };
        let amount = amounts.streng;
        if let Some(m) = maximum.filter(|m| m.value.0 != amounts.streng && m.value.0 != amounts.mild) {
            let (bb, kb, gl) = a.leerlingen_totaal(pl.soorten.as_deref()).unwrap_or_default();
            let msg = Msg::new("begroting.plafond-leerlingen-wijkt-af")
                .euro("berekend", amount)
                .euro("maximum", m.value.0)
                .getal("bb_kb", Decimal::from(bb.saturating_add(kb)))
                .getal("gl", Decimal::from(gl));
            extra.push(
                Finding::new(PLAFOND.id, judge(true, false, Ernst::Waarschuwing), msg)
                    .about(Subject::regio_maximum())
                    .at(pos(m))
                    .source(&item.bron, item.zekerheid)
                    .money(m.value.0, amount),
            );
        }
        return Bedrag::Bekend(Band { mild: Some(amounts.mild), streng: Some(amounts.streng) });
    }
    if let Some(share) = &item.aandeel {
        let base = match share.van {
            AandeelVan::Beschikt20202023 => a.financiering.as_ref().and_then(|f| f.value.beschikt_2020_2023.as_ref()),
        };
        return match base {
            // Exact, no rounding (regels.md §2.0).
            Some(b) => settled(crate::money::percent_of(b.value.0, share.pct.0)),
            None => onbekend("begroting.reden-geen-beschikt"),
        };
    }
    Bedrag::Onbekend(Msg::new("skip.regeldata").arg("fout", "plafonds: een plafond zonder bedrag"))
}

/// The per-pupil maximum (regels.md §2.6), each vestiging once: a vestiging code on two partners
/// counts its pupils once, and where the listings differ the strict reading takes the smaller
/// amount, the lenient one the larger. Partners without a code count each on their own. `None`
/// when no partner of the kinds gives pupils.
fn per_leerling(a: &crate::aanvraag::Aanvraag, pl: &crate::regeling::params::PerLeerling) -> Option<Band<Decimal>> {
    let mut per_vestiging: std::collections::BTreeMap<String, (Decimal, Decimal)> = std::collections::BTreeMap::new();
    let (mut mild, mut streng) = (Decimal::ZERO, Decimal::ZERO);
    let mut any = false;
    let counts = |p: &crate::aanvraag::Partner| pl.soorten.as_ref().is_none_or(|s| s.contains(&p.soort.value));
    for p in a.partners().map(|p| &p.value).filter(|p| counts(p)) {
        let Some(l) = &p.leerlingen else { continue };
        any = true;
        let amount = crate::money::sum([
            crate::money::mul(Decimal::from(l.value.bb), pl.bb.0),
            crate::money::mul(Decimal::from(l.value.kb), pl.kb.0),
            crate::money::mul(Decimal::from(l.value.gl), pl.gl.0),
        ]);
        match p.vestiging.as_ref().map(|v| v.value.trim().to_uppercase()).filter(|v| !v.is_empty()) {
            Some(code) => {
                let e = per_vestiging.entry(code).or_insert((amount, amount));
                e.0 = e.0.max(amount);
                e.1 = e.1.min(amount);
            }
            None => {
                mild = crate::money::add(mild, amount);
                streng = crate::money::add(streng, amount);
            }
        }
    }
    for (m, s) in per_vestiging.values() {
        mild = crate::money::add(mild, *m);
        streng = crate::money::add(streng, *s);
    }
    any.then_some(Band { mild, streng })
}

/// A maximum as shown: rounded down to the cent.
fn down(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::ToZero)
}

/// Judges one amount of subsidy against a ceiling's two readings.
fn toets(
    subsidie: Decimal,
    ceiling: &Band<Option<Decimal>>,
    item: &Plafond,
    waar: Msg,
    maximum: &'static str,
    ctx: &Ctx,
    at: Option<Pos>,
) -> Finding {
    let meets = |c: &Option<Decimal>| c.is_none_or(|c| subsidie <= c);
    let (ok_mild, ok_streng) = (meets(&ceiling.mild), meets(&ceiling.streng));
    let outcome = judge(ok_mild, ok_streng, item.ernst);
    // The reading that decides: the lenient one when even that is exceeded, else the strict one.
    let r = if !ok_mild { ceiling.mild } else if !ok_streng { ceiling.streng } else { ceiling.streng.or(ceiling.mild) };
    let soort = ctx.aanvraag.regio.value.soort.value.as_str();
    let Some(r) = r else {
        let msg = Msg::new("begroting.plafond-geen").arg("waar", waar).euro("subsidie", subsidie);
        return Finding::new(PLAFOND.id, outcome, msg).at(at).source(&item.bron, item.zekerheid);
    };
    // Compared exactly; shown rounded down to the cent, since it is a maximum (regels.md §2.0).
    let exact = r;
    let r = down(r);
    let gebruikt = if r.is_zero() { Decimal::ZERO } else { crate::money::share(subsidie, r).unwrap_or(Decimal::ONE_HUNDRED) };
    let id = if ok_mild && !ok_streng {
        "begroting.plafond-alleen-ruim"
    } else if subsidie > exact && r.is_zero() {
        // No percentage of a € 0 maximum: say the maximum is € 0,00.
        "begroting.plafond-boven-nul"
    } else if subsidie > exact {
        "begroting.plafond-boven"
    } else {
        "begroting.plafond-binnen"
    };
    let ruim = match ceiling.mild {
        Some(m) => Msg::new("begroting.plafond-ruim-bedrag").euro("plafond", down(m)),
        None => Msg::new("begroting.plafond-ruim-geen"),
    };
    let msg = Msg::new(id)
        .arg("waar", waar)
        .euro("subsidie", subsidie)
        .arg("maximum", Msg::new(maximum))
        .euro("plafond", r)
        .arg("regio_soort", crate::messages::regiosoort(soort))
        .pct("gebruikt", gebruikt)
        .euro("ruimte", crate::money::sub(r, subsidie).max(Decimal::ZERO))
        .euro("over", crate::money::sub(subsidie, r).max(Decimal::ZERO))
        .arg("ruim", ruim);
    let mut f = Finding::new(PLAFOND.id, outcome, msg)
        .at(at)
        .source(&item.bron, item.zekerheid)
        .money(subsidie, r)
        .direction(Direction::Max);
    match (ceiling.mild, ceiling.streng) {
        (Some(m), Some(s)) => f = f.band(cents_string(down(m)), cents_string(down(s))),
        // No ceiling in one reading: that key has no value and is left out; the other shows.
        (None, Some(s)) => f.streng = Some(cents_string(down(s))),
        (Some(m), None) => f.mild = Some(cents_string(down(m))),
        (None, None) => {}
    }
    f
}

fn plafond(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some((band, p)) = ctx.need(&key::PLAFONDS, PLAFOND.id, out) else {
        return;
    };
    let a = ctx.aanvraag;
    let soort = &a.regio.value.soort.value;
    // The ceilings of either reading; one that only one reading lists is no ceiling in the other.
    let mut items: Vec<(&Plafond, bool, bool)> = Vec::new();
    for it in band.streng.iter().chain(&band.mild) {
        if !items.iter().any(|(x, _, _)| *x == it) {
            items.push((it, band.mild.contains(it), band.streng.contains(it)));
        }
    }
    items.retain(|(it, _, _)| it.regio_soort.as_ref().is_none_or(|s| s == soort));
    if items.is_empty() {
        let msg = Msg::new("begroting.plafond-niet-voor-regio").arg("regio_soort", crate::messages::regiosoort(soort));
        out.push(Finding::new(PLAFOND.id, Outcome::Skip, msg).at(pos(&a.regio.value.soort)).param(p));
        return;
    }
    let regio_at = a.regio.value.maximum.as_ref().and_then(pos).or(pos(&a.regio.value.soort));
    for (item, in_mild, in_streng) in items {
        let mut extra = Vec::new();
        let ceiling = match plafond_bedrag(ctx, item, &mut extra) {
            Bedrag::Bekend(b) => Band {
                mild: if in_mild { b.mild } else { None },
                streng: if in_streng { b.streng } else { None },
            },
            Bedrag::Onbekend(msg) => {
                let subject = match item.per {
                    Per::Totaal => Subject::subsidie(),
                    Per::Jaar => Subject::subsidie_per_jaar(),
                };
                out.push(Finding::new(PLAFOND.id, Outcome::Skip, msg).about(subject).at(regio_at).source(&item.bron, item.zekerheid));
                continue;
            }
        };
        match item.per {
            Per::Totaal => {
                let waar = Msg::new("begroting.waar-totaal");
                let total = a.subsidie_totaal().0;
                out.push(toets(total, &ceiling, item, waar, "begroting.maximum-totaal", ctx, subsidie_pos(ctx)).about(Subject::subsidie()));
            }
            Per::Jaar => {
                let years = a.subsidie();
                let mut over = false;
                for (jaar, bedrag, at) in &years {
                    let waar = Msg::new("begroting.waar-jaar").arg("jaar", jaar.to_string());
                    let f = toets(bedrag.0, &ceiling, item, waar, "begroting.maximum-jaar", ctx, *at).about(Subject::subsidie_jaar(*jaar));
                    if f.outcome != Outcome::Pass {
                        over = true;
                        out.push(f);
                    }
                }
                // No year over: one summary, for the highest year.
                if !over {
                    match years.iter().max_by_key(|(j, b, _)| (b.0, -j)) {
                        Some((jaar, bedrag, at)) => {
                            let waar = Msg::new("begroting.waar-hoogste-jaar").arg("jaar", jaar.to_string());
                            out.push(
                                toets(bedrag.0, &ceiling, item, waar, "begroting.maximum-jaar", ctx, *at)
                                    .about(Subject::subsidie_jaar(*jaar)),
                            );
                        }
                        None => out.push(
                            Finding::new(PLAFOND.id, Outcome::Skip, Msg::new("begroting.geen-subsidie"))
                                .about(Subject::subsidie_per_jaar())
                                .at(subsidie_pos(ctx))
                                .source(&item.bron, item.zekerheid),
                        ),
                    }
                }
            }
        }
        out.extend(extra);
    }
}

/// The region's ceiling over the whole period, for the report's head: the strict reading of the
/// first `per: totaal` ceiling that applies to the region's kind, when its amount is known. The
/// verdict is [`PLAFOND`]'s; this only says how much of the ceiling the plan uses.
pub fn plafond_totaal(ctx: &Ctx) -> Option<Decimal> {
    let (band, _) = ctx.optional(&key::PLAFONDS, PLAFOND.id, &mut Vec::new())?;
    let soort = &ctx.aanvraag.regio.value.soort.value;
    band.streng
        .iter()
        .filter(|it| it.per == Per::Totaal && it.regio_soort.as_ref().is_none_or(|s| s == soort))
        .find_map(|it| match plafond_bedrag(ctx, it, &mut Vec::new()) {
            Bedrag::Bekend(b) => b.streng.or(b.mild).map(down),
            Bedrag::Onbekend(_) => None,
        })
}

