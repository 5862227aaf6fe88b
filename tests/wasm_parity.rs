//! The wasm build gives the native build's answers. `make test-wasm` first writes the native
//! CLI's reports for `tests/parity/inputs.jsonl` to `target/parity/expected.jsonl`; this test
//! runs in headless Chromium, scans the same inputs with the engine compiled to wasm, and
//! compares the JSON byte for byte.
#![cfg(target_arch = "wasm32")]

use redflag::{Engine, IdentifiedReport, Lang, Record};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const INPUTS: &str = include_str!("parity/inputs.jsonl");
const EXPECTED: &str = include_str!("../target/parity/expected.jsonl");

#[wasm_bindgen_test]
fn wasm_reports_equal_native_reports() {
    let engine = Engine::builtin().expect("the built-in packs load in wasm");
    let expected: Vec<&str> = EXPECTED.lines().collect();
    let inputs: Vec<&str> = INPUTS.lines().collect();
    assert_eq!(inputs.len(), expected.len(), "one native report per input");
    for (input, native) in inputs.iter().zip(expected) {
        let record = Record::parse(input).expect("parity inputs are valid records");
        let report = engine.scan(&record.messages, &record.options(false, Lang::En));
        let wasm = serde_json::to_string(&IdentifiedReport { id: &record.id, report: &report }).expect("reports serialise");
        assert_eq!(wasm, native, "wasm and native differ for {}", record.id);
    }
}

/// A paste without line breaks is one long message: scanning it must stay linear in wasm
/// too (it used to freeze the page), and find what the same text finds in lines.
#[wasm_bindgen_test]
fn a_one_megabyte_single_line_scans_like_the_same_text_in_lines() {
    let engine = Engine::builtin().expect("the built-in packs load in wasm");
    let line = "hey send me the pic from the party lol, how old r u? ";
    let count = line.len();
    let lines: Vec<redflag::Message> = (0..1_000_000 / count).map(|_| redflag::Message::new("Alex", line)).collect();
    let one: Vec<redflag::Message> = vec![redflag::Message::new("Alex", line.repeat(lines.len()))];
    let options = redflag::ScanOptions::default();
    let hits = |messages: &[redflag::Message]| -> Vec<(String, usize)> { engine.scan(messages, &options).signals.iter().map(|s| (s.id.clone(), s.count)).collect() };
    let in_lines = hits(&lines);
    assert!(!in_lines.is_empty(), "the text has signals");
    assert_eq!(hits(&one), in_lines);
}
