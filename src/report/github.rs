//! `--format github` (stub, being written).
use crate::model::Report;
pub(super) fn render(_report: &Report) -> String {
    String::new()
}
