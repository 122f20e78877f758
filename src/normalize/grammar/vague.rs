//! Vague quantities: the phrases of the normalizer's vague list
//! (`hedges.toml` or a newsroom's `[[vague]]` entries), such as "hundreds
//! of thousands", "dozens", "scores of", "a few thousand", "several",
//! each with its own interval; a hedge
//! before one ("more than", "fewer than") keeps only its lower or upper end.

use super::hedging::hedge_before;
use super::step::{emit, Step};
use crate::model::{Bound, Interval, Quantity, QuantityKind, Unit};
use crate::normalize::hedges::HedgeKind;
use crate::normalize::lexer::Toks;
use crate::normalize::Context;

pub(super) fn vague(t: &Toks, i: usize, floor: usize, ctx: &Context) -> Option<Step> {
    // Each phrase tried opens with the word at `i`: its other words are
    // compared.
    let v = ctx.config.vague_opening(t.lw(i)).find(|v| {
        v.words
            .iter()
            .enumerate()
            .skip(1)
            .all(|(k, vw)| t.is_word(i + k) && t.lw(i + k) == vw)
    })?;
    let end = i + v.words.len();
    // "hundreds" in "two hundreds" or "the 1990s" is not vague.
    let high = if v.high_closed {
        Bound::Closed(v.high)
    } else {
        Bound::Open(v.high)
    };
    let (start, hedge) = hedge_before(t, i, floor, ctx);
    let q = match hedge {
        Some(HedgeKind::LowerOpen) | Some(HedgeKind::LowerClosed) => {
            Interval::new(Bound::Closed(v.low), Bound::Unbounded)
                .map(|iv| (iv, QuantityKind::LowerBound))
        }
        Some(HedgeKind::UpperOpen) | Some(HedgeKind::UpperClosed) => {
            Interval::new(Bound::Unbounded, high).map(|iv| (iv, QuantityKind::UpperBound))
        }
        _ => Interval::new(Bound::Closed(v.low), high).map(|iv| (iv, QuantityKind::Vague)),
    };
    let (interval, kind) = q.ok()?;
    emit(
        start,
        end,
        Some(Quantity {
            interval,
            point: None,
            unit: Unit::Count,
            kind,
        }),
    )
}
