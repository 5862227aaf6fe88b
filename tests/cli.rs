//! The `redflag` command line, run as a user runs it: scanning a chat, a JSON Lines corpus,
//! measuring packs, checking packs, and the clear errors for bad input.
#![cfg(feature = "cli")]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn redflag(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_redflag"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("redflag starts");
    // redflag may exit before reading (bad arguments): a closed pipe is then expected.
    let _ = child.stdin.take().expect("stdin is piped").write_all(stdin.as_bytes());
    child.wait_with_output().expect("redflag ends")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// A scratch folder of this test's own, emptied first.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("the scratch folder is made");
    dir
}

const SEXTORTION: &str = "[12/03/2026, 21:14] X: I have your nudes\n\
[12/03/2026, 21:15] X: pay 200 euro in paysafecard within 24 hours or I send them to your school\n\
[12/03/2026, 21:16] Sam: please dont\n";

#[test]
fn scan_reads_a_chat_from_stdin_and_prints_the_report() {
    let out = redflag(&["scan", "--self", "Sam"], SEXTORTION);
    assert!(out.status.success(), "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).expect("the report is JSON");
    assert_eq!(report["schema"], 2);
    assert_eq!(report["risk"], "high");
    assert_eq!(report["kind"], "sextortion");
    assert_eq!(report["categories"]["sextortion"]["level"], "high");
    assert_eq!(report["self"], serde_json::json!({"speaker": "Sam", "guessed": false}));
    assert_eq!(report["people"][0]["speaker"], "X");
    assert_eq!(report["people"][0]["episode"], serde_json::json!({"first": 0, "last": 1, "first_time": "2026-03-12T21:14", "last_time": "2026-03-12T21:15"}));
    let signals = report["signals"].as_array().unwrap();
    assert!(signals.iter().any(|s| s["id"] == "sextortion.threat_share"));
    for signal in signals {
        for m in signal["matches"].as_array().unwrap() {
            // Sam's own words are only ever context ("please dont" raises what X did).
            let context = signal["id"].as_str().unwrap().starts_with("context.");
            assert_eq!(m["speaker"], if context { "Sam" } else { "X" }, "{signal}");
        }
    }
}

#[test]
fn the_same_chat_scanned_as_the_young_person_and_as_the_other_differs() {
    let as_sam = redflag(&["scan", "--self", "Sam"], SEXTORTION);
    let as_x = redflag(&["scan", "--self", "X"], SEXTORTION);
    let risk = |o: &Output| serde_json::from_str::<Value>(&stdout(o)).unwrap()["risk"].clone();
    assert_eq!(risk(&as_sam), "high");
    assert_eq!(risk(&as_x), "none", "with X as the user, only Sam's plea is left");
}

#[test]
fn explanations_follow_the_ui_language() {
    let en = redflag(&["scan", "--ui-lang", "en"], SEXTORTION);
    let nl = redflag(&["scan", "--ui-lang", "nl"], SEXTORTION);
    let first_explanation = |o: &Output| serde_json::from_str::<Value>(&stdout(o)).unwrap()["signals"][0]["explanation"].as_str().unwrap().to_string();
    assert_ne!(first_explanation(&en), first_explanation(&nl));
}

#[test]
fn jsonl_gives_one_report_per_record_in_order_with_its_id() {
    let input = std::fs::read_to_string("tests/parity/inputs.jsonl").expect("the parity inputs exist");
    let out = redflag(&["scan", "--jsonl"], &input);
    assert!(out.status.success(), "{}", stderr(&out));
    let ids_in: Vec<String> = input.lines().map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].as_str().unwrap().to_string()).collect();
    let ids_out: Vec<String> = stdout(&out).lines().map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids_in, ids_out);
}

#[test]
fn a_bad_jsonl_line_is_named_and_the_others_are_still_scanned() {
    let input = "{\"id\":\"a\",\"messages\":[{\"speaker\":\"X\",\"text\":\"hi\"}]}\n{not json\n{\"id\":\"c\",\"messages\":[]}\n";
    let out = redflag(&["scan", "--jsonl"], input);
    assert!(!out.status.success(), "a bad line makes the exit code non-zero");
    assert!(stderr(&out).contains("line 2"), "{}", stderr(&out));
    let ids: Vec<String> = stdout(&out).lines().map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, vec!["a", "c"]);
}

#[test]
fn an_unreadable_file_is_a_clear_error() {
    let out = redflag(&["scan", "no/such/chat.txt"], "");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no/such/chat.txt"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"));
}

#[test]
fn an_unknown_export_format_is_named() {
    let out = redflag(&["scan", "--format", "myspace"], "hello");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("myspace"), "{}", stderr(&out));
}

#[test]
fn eval_reports_recall_precision_and_false_positives() {
    let dir = scratch("eval");
    let corpus = dir.join("corpus.jsonl");
    std::fs::write(
        &corpus,
        "{\"id\":\"p\",\"label\":\"sextortion\",\"messages\":[{\"speaker\":\"X\",\"text\":\"I have your nudes. pay 200 euro in paysafecard within 24 hours or I send them to your school\"}]}\n\
         {\"id\":\"n\",\"label\":\"benign\",\"messages\":[{\"speaker\":\"X\",\"text\":\"can you send me the maths homework\"}]}\n",
    )
    .unwrap();
    let out = redflag(&["eval", "--json", corpus.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let figures: Value = serde_json::from_str(&stdout(&out)).expect("the figures are JSON");
    assert_eq!(figures["records"], 2);
    assert_eq!(figures["positives"], 1);
    assert_eq!(figures["overall"]["tp"], 1);
    assert_eq!(figures["overall"]["tn"], 1);
    let text = redflag(&["eval", corpus.to_str().unwrap()], "");
    assert!(stdout(&text).contains("recall"), "{}", stdout(&text));
}

/// The pattern lab evaluates in one thread from files in memory; the command line streams
/// files on every core. Both must give the same figures.
#[test]
fn eval_equals_the_in_memory_evaluation_the_pattern_lab_uses() {
    let files = ["tests/corpus/en.jsonl", "tests/corpus/nl.jsonl", "tests/corpus/fr.jsonl"];
    let sources: Vec<redflag::Source> = files.iter().map(|f| redflag::Source::new(*f, std::fs::read_to_string(f).unwrap())).collect();
    let engine = redflag::Engine::builtin().unwrap();
    for (args, options) in [
        (vec![], redflag::EvalOptions::default()),
        (
            vec!["--threshold", "high", "--prefix", "20", "--record-lang"],
            redflag::EvalOptions { threshold: redflag::Level::High, prefix: Some(20), record_lang: true },
        ),
    ] {
        let out = redflag(&[&["eval", "--json"][..], &args, &files].concat(), "");
        assert!(out.status.success(), "{}", stderr(&out));
        let cli: Value = serde_json::from_str(&stdout(&out)).unwrap();
        let lab = redflag::evaluate_corpus(&engine, &sources, &options);
        // Both read back from JSON text, as rates parse back to the nearest float either way.
        let lab_json: Value = serde_json::from_str(&serde_json::to_string(&lab.evaluation).unwrap()).unwrap();
        assert_eq!(cli, lab_json, "{args:?}");
        assert_eq!(lab.records.len(), cli["records"].as_u64().unwrap() as usize);
    }
}

#[test]
fn lint_passes_the_shipped_packs() {
    let out = redflag(&["lint", "data/packs"], "");
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(stdout(&out).contains(": 0 error(s)"), "{}", stdout(&out));
}

#[test]
fn lint_names_file_line_and_field_of_a_bad_pack() {
    let dir = scratch("lint");
    std::fs::copy("data/packs/signals.toml", dir.join("signals.toml")).unwrap();
    std::fs::write(dir.join("bad.toml"), "lang = \"en\"\n\n[[signal]]\nid = \"grooming.secrecy\"\npatterns = [\n  'keep (it',\n]\n").unwrap();
    let out = redflag(&["lint", dir.to_str().unwrap()], "");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("1 problem"), "{}", stderr(&out));
    let err = stdout(&out);
    assert!(err.contains("bad.toml:6"), "{err}");
    assert!(err.contains("signal.patterns"), "{err}");
}

#[test]
fn lint_fails_on_a_repeated_phrase_and_only_warns_about_a_shadowed_one() {
    let dir = scratch("lint-findings");
    std::fs::copy("data/packs/signals.toml", dir.join("signals.toml")).unwrap();
    let mine = dir.join("mine.toml");
    std::fs::write(&mine, "lang = \"en\"\n[[signal]]\nid = \"grooming.secrecy\"\nphrases = [\"our little secret\", \"secret\"]\npatterns = ['\\bsecret\\b']\n").unwrap();
    let out = redflag(&["lint", dir.to_str().unwrap()], "");
    assert!(out.status.success(), "warnings alone pass: {}", stdout(&out));
    assert!(stdout(&out).contains("mine.toml:4: warning: `secret` is shadowed by `\\bsecret\\b`"), "{}", stdout(&out));

    std::fs::write(&mine, "lang = \"en\"\n[[signal]]\nid = \"grooming.secrecy\"\nphrases = [\n  \"our little secret\",\n  \"Our Little Secret!\",\n]\n").unwrap();
    let out = redflag(&["lint", dir.to_str().unwrap()], "");
    assert!(!out.status.success());
    assert!(stdout(&out).contains("mine.toml:6: error: `Our Little Secret!` normalises to `our little secret`"), "{}", stdout(&out));
    assert!(stderr(&out).contains("1 error(s)"), "{}", stderr(&out));
}

#[test]
fn a_custom_pack_replaces_the_built_in_ones() {
    let dir = scratch("pack");
    std::fs::copy("data/packs/signals.toml", dir.join("signals.toml")).unwrap();
    std::fs::write(dir.join("mine.toml"), "lang = \"en\"\n[[signal]]\nid = \"grooming.secrecy\"\nphrases = [\"purple banana\"]\n").unwrap();
    let out = redflag(&["scan", "--pack", dir.to_str().unwrap()], "X: this is our purple banana ok\nX: keep it secret\n");
    assert!(out.status.success(), "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let texts: Vec<&str> = report["signals"].as_array().unwrap().iter().flat_map(|s| s["matches"].as_array().unwrap()).map(|m| m["text"].as_str().unwrap()).collect();
    assert_eq!(texts, vec!["purple banana"], "only the custom pack's phrase is used");
}
