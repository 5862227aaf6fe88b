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

pub mod chat;
pub mod conversation;
mod engine;
pub mod eval;
pub mod helplines;
mod judge;
pub mod lint;
mod matcher;
pub mod normalize;
pub mod pack;
pub mod report;
mod score;
mod spelling;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use conversation::Message;
pub use engine::{builtin_sources, Engine, ScanOptions};
pub use pack::{Lang, PackError, PackErrors, Source};
pub use report::{Level, Report};
