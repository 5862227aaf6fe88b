//! Arbitrary text as one more pack file: loading must return Ok or a list of errors, never
//! panic. By default the fuzz input is added to the built-in model file (signals.toml: every
//! signal, the scoring) only, so that each run takes milliseconds, not the ~0.5 s a full
//! engine build takes; REDFLAG_FUZZ_ALL_PACKS=1 adds it to all the built-in packs instead.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use redflag::{builtin_sources, Engine, Message, ScanOptions, Source};

fn base() -> &'static Vec<Source> {
    static BASE: OnceLock<Vec<Source>> = OnceLock::new();
    BASE.get_or_init(|| {
        let all = builtin_sources();
        if std::env::var_os("REDFLAG_FUZZ_ALL_PACKS").is_some_and(|v| v == "1") {
            all
        } else {
            all.into_iter().filter(|s| s.name.ends_with("/signals.toml")).collect()
        }
    })
}

fuzz_target!(|text: &str| {
    let mut sources = base().clone();
    sources.push(Source::new("fuzz.toml", text));
    match Engine::new(&sources) {
        Ok(engine) => {
            // A pack that loads must also scan.
            let chat = [Message::new("a", text), Message::new("b", "how old are you? send me a pic")];
            let _ = engine.scan(&chat, &ScanOptions::default());
        }
        Err(errors) => {
            assert!(!errors.0.is_empty(), "an error without any problem in it");
            let _ = errors.to_string();
        }
    }
});
