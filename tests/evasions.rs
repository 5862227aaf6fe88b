//! Every disguise the normaliser undoes, in English, Dutch and French: the disguised word
//! is still found (with the exact original characters reported), and the same disguise on
//! an innocent word finds nothing.

use redflag::{Engine, Message, ScanOptions};

/// A worrying message with the word to disguise, the signal it must raise, and an innocent
/// message of the same shape.
struct Case {
    lang: &'static str,
    worrying: &'static str,
    word: &'static str,
    signal: &'static str,
    innocent: &'static str,
    innocent_word: &'static str,
}

const CASES: &[Case] = &[
    Case { lang: "en", worrying: "send me nudes", word: "nudes", signal: "grooming.nude_request", innocent: "send me notes", innocent_word: "notes" },
    Case { lang: "nl", worrying: "stuur me naaktfotos", word: "naaktfotos", signal: "grooming.nude_request", innocent: "stuur me de notities", innocent_word: "notities" },
    Case { lang: "fr", worrying: "envoie moi des nudes", word: "nudes", signal: "grooming.nude_request", innocent: "envoie moi des notes", innocent_word: "notes" },
];

/// The disguises: each rewrites one word.
const DISGUISES: &[(&str, fn(&str) -> String)] = &[
    ("leetspeak", |w| w.chars().map(|c| match c { 'a' => '4', 'e' => '3', 'o' => '0', 's' => '5', 'i' => '1', c => c }).collect()),
    ("spaced letters", |w| w.chars().map(String::from).collect::<Vec<_>>().join(" ")),
    ("dotted letters", |w| w.chars().map(String::from).collect::<Vec<_>>().join(".")),
    ("look-alike letters", |w| w.chars().map(|c| match c { 'a' => 'а', 'e' => 'е', 'o' => 'о', 'p' => 'р', 'c' => 'с', 'i' => 'і', c => c }).collect()),
    ("zero-width characters", |w| w.chars().map(String::from).collect::<Vec<_>>().join("\u{200b}")),
    ("fullwidth letters", |w| w.chars().map(|c| char::from_u32(c as u32 - 'a' as u32 + 0xff41).unwrap_or(c)).collect()),
    ("mathematical bold letters", |w| w.chars().map(|c| char::from_u32(c as u32 - 'a' as u32 + 0x1d41a).unwrap_or(c)).collect()),
    ("accents", |w| w.chars().map(|c| match c { 'a' => 'à', 'e' => 'é', 'o' => 'ö', 'u' => 'ü', 'i' => 'ï', c => c }).collect()),
    ("repeated letters", |w| w.chars().flat_map(|c| std::iter::repeat_n(c, if "aeiou".contains(c) { 4 } else { 1 })).collect()),
    ("mixed case", |w| w.chars().enumerate().map(|(i, c)| if i % 2 == 0 { c.to_ascii_uppercase() } else { c }).collect()),
];

fn signals(engine: &Engine, text: &str) -> Vec<(String, String)> {
    let report = engine.scan(&[Message::new("Alex", text)], &ScanOptions::default());
    report.signals.iter().flat_map(|s| s.matches.iter().map(|m| (s.id.clone(), m.text.clone()))).collect()
}

#[test]
fn every_disguise_is_seen_through_in_every_language() {
    let engine = Engine::builtin().unwrap();
    let mut failures = Vec::new();
    for case in CASES {
        assert!(signals(&engine, case.worrying).iter().any(|(id, _)| id == case.signal), "{}: the plain message must be found", case.lang);
        for (name, disguise) in DISGUISES {
            let disguised_word = disguise(case.word);
            let text = case.worrying.replace(case.word, &disguised_word);
            let found = signals(&engine, &text);
            match found.iter().find(|(id, _)| id == case.signal) {
                // The reported text is the exact original characters, disguise included.
                Some((_, matched)) if matched.ends_with(&disguised_word) => {}
                other => failures.push(format!("{} {name}: {text:?} gave {other:?}", case.lang)),
            }
        }
    }
    assert!(failures.is_empty(), "missed:\n{}", failures.join("\n"));
}

#[test]
fn the_same_disguises_on_innocent_words_find_nothing() {
    let engine = Engine::builtin().unwrap();
    for case in CASES {
        for (name, disguise) in DISGUISES {
            let text = case.innocent.replace(case.innocent_word, &disguise(case.innocent_word));
            assert_eq!(signals(&engine, &text), vec![], "{} {name}: {text:?}", case.lang);
        }
    }
}

#[test]
fn emoji_stand_for_their_words() {
    let engine = Engine::builtin().unwrap();
    for text in ["keep it 🤫 ok", "hou het 🤫 ok", "garde ça 🤫 ok"] {
        let found = signals(&engine, text);
        assert!(found.iter().any(|(id, m)| id == "grooming.secrecy" && m.contains('🤫')), "{text}: {found:?}");
    }
}

#[test]
fn words_inside_other_words_are_not_hits() {
    let engine = Engine::builtin().unwrap();
    for text in ["the snapshot of the photosynthesis lab", "een secretaresse op school", "les secrétaires du club"] {
        let report = engine.scan(&[Message::new("Alex", text)], &ScanOptions::default());
        assert!(report.signals.is_empty(), "{text}: {:?}", report.signals.iter().map(|s| &s.id).collect::<Vec<_>>());
    }
}

#[test]
fn chat_spellings_of_a_phrase_raise_its_signal_on_the_words_as_written() {
    let engine = Engine::builtin().unwrap();
    let cases = [
        ("how old r u?", "grooming.age_probe", "how old r u"),
        ("hw old r u", "grooming.age_probe", "hw old r u"),
        ("R u home ALON?", "grooming.parents_presence", "R u home ALON"),
        ("hoe oud benje", "grooming.age_probe", "hoe oud benje"),
        ("en hoe oud zijde gij", "grooming.age_probe", "hoe oud zijde gij"),
        ("t seule chez twa ?", "grooming.parents_presence", "t seule chez twa"),
        ("g tes nudes", "sextortion.has_images", "g tes nudes"),
        // Written together, as a phrase in plain spelling can be.
        ("howoldru", "grooming.age_probe", "howoldru"),
    ];
    for (text, signal, written) in cases {
        let found = signals(&engine, text);
        assert!(found.iter().any(|(id, m)| id == signal && m == written), "{text}: {found:?}");
    }
}

#[test]
fn chat_spellings_of_ordinary_words_find_nothing() {
    let engine = Engine::builtin().unwrap();
    for text in ["hw r u", "wat doe je", "t ou ?", "g faim", "kben moe"] {
        assert!(signals(&engine, text).is_empty(), "{text}: {:?}", signals(&engine, text));
    }
}
