//! extract: sentences and the quantity claims in them.

pub mod quantities;
