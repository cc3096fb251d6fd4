//! Proofread: the punctuation and spacing rules, and `jianbao check` (findings with
//! their places, `--fix` for the safe ones).

pub mod check;
pub mod punctuation;
