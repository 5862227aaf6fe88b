//! redflag scans chat text for signs of online grooming and sextortion, on the device:
//! the same engine runs in the browser (WebAssembly) and on the command line.
//!
//! Text flows one way: chat → [`Message`]s → normalised text (with a map back to the
//! original) → phrase, pattern and concept hits → signals (concept rules add theirs) → each
//! other person judged on their own signals, episode by episode → a [`Report`] whose verdict
//! is the worst person's worst episode.
//! What counts as a signal is data: the pattern packs in `data/packs/` (see `docs/packs.md`).
//!
//! ```
//! use redflag::{Engine, Message, ScanOptions, Level};
//!
//! let engine = Engine::builtin().expect("the built-in packs are valid");
//! let chat = vec![
//!     Message::new("Alex", "you're so mature for your age. how old are you?"),
//!     Message::new("Sam", "14"),
//!     Message::new("Alex", "dont tell your parents about us ok? its our secret"),
//!     Message::new("Alex", "send me a pic of you 📸"),
//! ];
//! let options = ScanOptions { self_speaker: Some("Sam".into()), ..ScanOptions::default() };
//! let report = engine.scan(&chat, &options);
//! assert!(report.categories.grooming.level >= Level::Medium);
//! ```

#![deny(missing_docs)]

mod chat;
mod conversation;
mod engine;
mod eval;
mod helplines;
mod judge;
mod lint;
mod matcher;
mod normalize;
mod pack;
#[cfg(not(target_arch = "wasm32"))]
mod profile;
mod report;
mod score;
mod spelling;
#[cfg(target_arch = "wasm32")]
mod wasm;

// The public surface, by the path text takes through it.
pub use chat::{parse as parse_chat, parse_plain, Chat, Format, ParseError, MAX_MESSAGES};
pub use conversation::{most_active, speakers, Message, Speaker};
pub use engine::{builtin_sources, Engine, ScanOptions};
pub use normalize::{Normalized, Normalizer};
pub use pack::{Category, Lang, Location, PackError, PackErrors, PackSet, Source};
pub use report::{
    Categories, CategoryScore, EpisodeReport, IdentifiedReport, Level, MatchReport, PersonReport, Report, SignalReport, YoungPerson,
    MAX_MATCHES_LISTED, SCHEMA,
};

// For researchers: measuring and checking packs.
pub use eval::{
    evaluate_corpus, BadLine, Confusion, CorpusEvaluation, EvalOptions, Evaluation, Firing, Naming, Record, RecordError, RecordOutcome, Share,
    Warnings,
};
pub use lint::{lint, Finding, Severity};
#[cfg(not(target_arch = "wasm32"))]
pub use profile::PatternCost;

// For the page: who to call.
pub use helplines::{countries, helplines, Country, Helpline, HelplineError, FALLBACK};
