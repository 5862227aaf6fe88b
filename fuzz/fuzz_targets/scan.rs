//! Arbitrary text pasted and scanned with the built-in packs: no panic, and every match in
//! the report points at the exact text it quotes (byte and UTF-16 offsets alike).

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use redflag::{parse_plain, Engine, Lang, Message, Report, ScanOptions};

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::builtin().expect("the built-in packs load"))
}

fn check(messages: &[Message], report: &Report) {
    assert_eq!(report.messages, messages.len());
    for signal in &report.signals {
        assert!(signal.count >= signal.matches.len());
        for m in &signal.matches {
            let text = &messages[m.message].text;
            assert!(m.start <= m.end && m.end <= text.len(), "match {}..{} in a {}-byte message", m.start, m.end, text.len());
            assert_eq!(&text[m.start..m.end], m.text, "the quoted text is not at its offsets");
            let utf16 = |byte: usize| text[..byte].encode_utf16().count();
            assert_eq!((m.start_utf16, m.end_utf16), (utf16(m.start), utf16(m.end)), "UTF-16 offsets of {:?} in {text:?}", m.text);
        }
    }
}

fuzz_target!(|text: &str| {
    let messages = parse_plain(text);
    let report = engine().scan(&messages, &ScanOptions::default());
    check(&messages, &report);
    // The young person's side, one language only, explanations in another.
    let self_speaker = messages.iter().find_map(|m| m.speaker.clone());
    let options = ScanOptions { self_speaker, lang: Some(Lang::Nl), ui_lang: Lang::Fr };
    let report = engine().scan(&messages, &options);
    check(&messages, &report);
});
