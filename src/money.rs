//! Checked arithmetic on money and hours. Every sum, difference, product and percentage of
//! amounts in the checks goes through these helpers instead of `Decimal`'s operators, which
//! panic on overflow.
//!
//! Why they cannot overflow in practice: the reader refuses amounts above [`MAX_BEDRAG`] and
//! hours above [`MAX_UREN`] (formaat.md §1), and rule data refuses decimals above
//! [`MAX_BEDRAG`], so a file of at most 5,000,000 values sums to at most 5·10¹⁸ and a product
//! of two bounded values is at most 10²⁴, far inside `Decimal`'s 7.9·10²⁸. The helpers still
//! check, and saturate at `Decimal::MAX` / `Decimal::MIN` rather than panic, so that no input
//! can end a run without a report even if a bound is changed.

use rust_decimal::{Decimal, RoundingStrategy};

/// The largest amount the reader accepts: € 1.000.000.000.000 (a larger figure is a typing error).
pub const MAX_BEDRAG: Decimal = Decimal::from_parts(3_567_587_328, 232, 0, false, 0);
/// The largest number of hours the reader accepts on one line.
pub const MAX_UREN: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

fn saturate(positive: bool) -> Decimal {
    if positive { Decimal::MAX } else { Decimal::MIN }
}

/// `a + b`.
pub fn add(a: Decimal, b: Decimal) -> Decimal {
    a.checked_add(b).unwrap_or_else(|| saturate(a.is_sign_positive()))
}

/// `a - b`.
pub fn sub(a: Decimal, b: Decimal) -> Decimal {
    a.checked_sub(b).unwrap_or_else(|| saturate(a.is_sign_positive()))
}

/// `a × b`.
pub fn mul(a: Decimal, b: Decimal) -> Decimal {
    a.checked_mul(b).unwrap_or_else(|| saturate(a.is_sign_positive() == b.is_sign_positive()))
}

/// The sum of the values.
pub fn sum(values: impl IntoIterator<Item = Decimal>) -> Decimal {
    values.into_iter().fold(Decimal::ZERO, add)
}

/// `pct` percent of `amount` (`amount × pct / 100`), not rounded.
pub fn percent_of(amount: Decimal, pct: Decimal) -> Decimal {
    let product = mul(amount, pct);
    product.checked_div(Decimal::ONE_HUNDRED).unwrap_or(product)
}

/// `part` as a percentage of `whole`, rounded toward zero to 2 decimals (so a shortfall never
/// shows as enough); `None` when `whole` is zero.
pub fn share(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() {
        return None;
    }
    let pct = mul(part, Decimal::ONE_HUNDRED).checked_div(whole)?;
    Some(pct.round_dp_with_strategy(2, RoundingStrategy::ToZero))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn bounds_are_the_documented_figures() {
        assert_eq!(MAX_BEDRAG, d("1000000000000"));
        assert_eq!(MAX_UREN, d("1000000"));
    }

    #[test]
    fn exact_where_the_operators_are_and_saturating_where_they_panic() {
        assert_eq!(sum([d("0.10"), d("0.20")]), d("0.30"));
        assert_eq!(percent_of(d("905000"), d("10")), d("90500"));
        assert_eq!(share(d("1"), d("3")), Some(d("33.33")));
        assert_eq!(share(d("1"), Decimal::ZERO), None);
        assert_eq!(add(Decimal::MAX, d("1")), Decimal::MAX);
        assert_eq!(sub(Decimal::MIN, d("1")), Decimal::MIN);
        assert_eq!(mul(Decimal::MAX, d("-2")), Decimal::MIN);
        assert_eq!(sum([Decimal::MAX, Decimal::MAX]), Decimal::MAX);
        // Saturated at the product, then divided: no panic, and the sign kept.
        assert_eq!(percent_of(Decimal::MAX, d("100")), Decimal::MAX / Decimal::ONE_HUNDRED);
        assert!(percent_of(Decimal::MIN, d("100")) < Decimal::ZERO);
    }

    #[test]
    fn the_bounds_keep_every_combination_inside_decimal() {
        // Five million lines at the maximum, each hours × rate at the maximum: still exact.
        let line = MAX_UREN.checked_mul(MAX_BEDRAG).unwrap();
        assert!(line.checked_mul(Decimal::from(5_000_000)).is_some());
        assert!(line.checked_mul(Decimal::from(5_000_000)).unwrap().checked_mul(Decimal::ONE_HUNDRED).is_some());
    }
}
