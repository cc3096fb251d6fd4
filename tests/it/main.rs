//! jianbao's integration tests, one module a subject, linked into one test binary
//! (each binary links Typst, hayro and lopdf: one link instead of fourteen).
//! `cargo test --test it MODULE` runs one subject, e.g. `cargo test --test it hostile`.

mod articles;
mod bad_inputs;
mod batch;
mod cjkcheck;
mod common;
mod fit;
mod fonts;
mod genre;
mod grid;
mod hostile;
mod photos;
mod pipeline;
mod preflight;
mod print;
mod proof;
mod proptest_input;
mod reference;
mod seed_check;
mod series;
mod watch;
mod word;
