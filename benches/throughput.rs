//! Native throughput of the scanning core: `cargo bench --bench throughput`.
//!
//! A deterministic ~10 MB synthetic teen chat (en/nl/fr, emoji, accents, a few worrying
//! lines sprinkled in; all text invented here) is scanned end to end, and the figures are
//! set against their targets and against raw Aho-Corasick over the same normalised text,
//! the practical limit of a single pass. MB = 10^6 bytes of the chat's original text.
//!
//! The last line is for scripts: `bench: full=…MB/s raw_ac=…MB/s ratio=…% load=…ms …`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use redflag::{builtin_sources, Engine, Message, Normalized, PackSet, ScanOptions};
use serde::Deserialize;

const CHAT_BYTES: usize = 10_000_000;
/// The engine matches normalised text in batches of this size; the normalise-only run does too.
const BATCH_BYTES: usize = 256 * 1024;
const FULL_RUNS: usize = 5;
const LATENCY_RUNS: usize = 2000;
const LOAD_RUNS: usize = 20;

const TARGET_FULL_MBS: f64 = 150.0;
const TARGET_RATIO_PCT: f64 = 40.0;
const TARGET_LOAD_MS: f64 = 20.0;

// ---------------------------------------------------------------------------------------
// The synthetic chat.

/// xorshift64*: small, fast, and the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 32) as usize * n) >> 32
    }

    fn pick<'a>(&mut self, items: &'a [String]) -> &'a str {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// The words of the chat, in www/bench-chat.json (shared with www/bench.js).
#[derive(Deserialize)]
struct Vocabulary {
    langs: Langs,
    /// Times for the `{t}` slot.
    times: Vec<String>,
    emoji: Vec<String>,
    /// Worrying lines (invented), said by an adult stranger now and then: (speaker, text).
    worrying: Vec<(String, String)>,
    /// A typical short chat to check: 12 messages, a few of them worrying.
    typical: Vec<(String, String)>,
}

#[derive(Deserialize)]
struct Langs {
    en: Lang,
    nl: Lang,
    fr: Lang,
}

#[derive(Deserialize)]
struct Lang {
    names: Vec<String>,
    /// Message templates with `{n}` (a name), `{w}` (a thing), `{p}` (a place), `{t}` (a time).
    lines: Vec<String>,
    /// Words for the `{w}` slot.
    things: Vec<String>,
    /// Places for the `{p}` slot.
    places: Vec<String>,
    /// Short reactions, sometimes a whole message.
    reactions: Vec<String>,
}

fn vocabulary() -> Vocabulary {
    serde_json::from_str(include_str!("../www/bench-chat.json")).expect("www/bench-chat.json is valid")
}

fn fill(rng: &mut Rng, vocabulary: &Vocabulary, lang: &Lang, template: &str) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let slot = &rest[open + 1..open + 2];
        out.push_str(match slot {
            "n" => rng.pick(&lang.names),
            "w" => rng.pick(&lang.things),
            "p" => rng.pick(&lang.places),
            _ => rng.pick(&vocabulary.times),
        });
        rest = &rest[open + 3..];
    }
    out.push_str(rest);
    out
}

/// One message: mostly a filled template, sometimes a reaction; with emoji, shouting,
/// stretched letters and the odd missing capital, as teenagers type.
fn message(rng: &mut Rng, vocabulary: &Vocabulary, lang: &Lang) -> Message {
    let speaker = rng.pick(&lang.names).to_string();
    let mut text = if rng.chance(22) {
        rng.pick(&lang.reactions).to_string()
    } else {
        let line = rng.pick(&lang.lines);
        fill(rng, vocabulary, lang, line)
    };
    if rng.chance(10) {
        text = text.to_uppercase();
    }
    if rng.chance(8) {
        // Stretch the last vowel: "sooo", "jaaa".
        if let Some(at) = text.rfind(['a', 'e', 'o', 'u']) {
            let vowel = text[at..at + 1].repeat(3);
            text.insert_str(at, &vowel);
        }
    }
    if rng.chance(25) {
        text.push(' ');
        for _ in 0..1 + rng.below(3) {
            text.push_str(rng.pick(&vocabulary.emoji));
        }
    }
    if rng.chance(6) {
        // A second line in the same message.
        let line = rng.pick(&lang.lines);
        text.push('\n');
        text.push_str(&fill(rng, vocabulary, lang, line));
    }
    Message::new(speaker, text)
}

/// About `bytes` of chat text: stretches of English, Dutch and French conversation, with a
/// worrying line every few hundred messages.
fn synthetic_chat(vocabulary: &Vocabulary, bytes: usize) -> Vec<Message> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let langs = [&vocabulary.langs.en, &vocabulary.langs.nl, &vocabulary.langs.fr];
    let mut messages = Vec::new();
    let mut size = 0;
    let mut lang = langs[0];
    while size < bytes {
        if rng.chance(1) {
            lang = langs[rng.below(3)];
        }
        let m = if rng.below(400) == 0 {
            let (speaker, text) = &vocabulary.worrying[rng.below(vocabulary.worrying.len())];
            Message::new(speaker.as_str(), text.as_str())
        } else {
            message(&mut rng, vocabulary, lang)
        };
        size += m.text.len();
        messages.push(m);
    }
    messages
}

/// FNV-1a (32 bits) over every message's text: www/bench.js generates the same chat and
/// prints the same checksum.
fn checksum(messages: &[Message]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in messages.iter().flat_map(|m| m.text.bytes()) {
        h = (h ^ b as u32).wrapping_mul(0x0100_0193);
    }
    h
}

// ---------------------------------------------------------------------------------------
// Measuring.

fn mbs(bytes: usize, time: Duration) -> f64 {
    bytes as f64 / 1e6 / time.as_secs_f64()
}

fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn median_of(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    percentile(&times, 0.5)
}

/// Where pack load time goes (median of 5 each): parsing and merging the TOML, then the
/// rest of `Engine::new` (normalising phrases, finding pattern anchors, the Aho-Corasick
/// automaton build; regexes are compiled on first use, during a scan).
fn load_breakdown() -> Vec<(&'static str, Duration)> {
    let sources = builtin_sources();
    let parse = median_of(5, || {
        black_box(PackSet::load(black_box(&sources)).expect("the built-in packs load"));
    });
    let whole = median_of(5, || {
        black_box(Engine::new(black_box(&sources)).expect("the built-in packs load"));
    });
    vec![("parse + merge the pack TOML", parse), ("normalise, find anchors, build the automaton", whole.saturating_sub(parse))]
}

/// The regexes' share of the full pipeline, and the dearest of them.
fn print_pattern_costs(costs: &[redflag::PatternCost], full: Duration) {
    let total: Duration = costs.iter().map(|c| c.time).sum();
    let searches: usize = costs.iter().map(|c| c.searches).sum();
    println!();
    println!(
        "regex searches on the chat: {searches} in {:.0} ms, {:.0}% of the full pipeline; {} of the packs' patterns ran (groups of unanchored ones count once)",
        total.as_secs_f64() * 1e3,
        100.0 * total.as_secs_f64() / full.as_secs_f64(),
        costs.len()
    );
    println!("{:>9} {:>9} {:>8}  pattern (file:line)", "ms", "searches", "us each");
    for cost in costs.iter().take(12) {
        let each = cost.time.as_secs_f64() * 1e6 / cost.searches as f64;
        let shown: String = cost.patterns.join(" | ").chars().take(70).collect();
        println!("{:>9.2} {:>9} {:>8.2}  {shown} ({})", cost.time.as_secs_f64() * 1e3, cost.searches, each, cost.at);
    }
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "MISSED"
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument is accepted and ignored.
    let generated = Instant::now();
    let vocabulary = vocabulary();
    let chat = synthetic_chat(&vocabulary, CHAT_BYTES);
    let chat_bytes: usize = chat.iter().map(|m| m.text.len()).sum();
    let generated = generated.elapsed();

    // Pack load: the first build also warms the allocator and caches.
    let engine = Engine::builtin().expect("the built-in packs load");
    let mut loads: Vec<Duration> = (0..LOAD_RUNS)
        .map(|_| {
            let t = Instant::now();
            black_box(Engine::builtin().expect("the built-in packs load"));
            t.elapsed()
        })
        .collect();
    loads.sort();
    let load = percentile(&loads, 0.5);
    let breakdown = load_breakdown();

    // Full pipeline.
    let options = ScanOptions::default();
    let report = engine.scan(&chat, &options);
    let full = best_of(FULL_RUNS, || {
        black_box(engine.scan(black_box(&chat), &options));
    });

    // Normalisation alone, batched as the engine does.
    let normalizer = engine.normalizer();
    let mut batch = Normalized::default();
    let normalize_only = best_of(FULL_RUNS, || {
        batch.clear();
        for m in black_box(&chat) {
            normalizer.append(&m.text, &mut batch);
            if batch.as_bytes().len() >= BATCH_BYTES {
                black_box(batch.as_bytes());
                batch.clear();
            }
        }
        black_box(batch.as_bytes());
    });

    // Raw Aho-Corasick over the whole chat's normalised text: the practical limit.
    let phrases: Vec<String> = engine
        .packs()
        .phrases()
        .map(|phrase| normalizer.normalize(phrase).as_str().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    let ac = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .match_kind(MatchKind::Standard)
        .build(&phrases)
        .expect("the phrases compile");
    let mut whole = Normalized::default();
    for m in &chat {
        normalizer.append(&m.text, &mut whole);
    }
    let normalized_bytes = whole.as_bytes().len();
    let mut ac_matches = 0;
    let raw = best_of(FULL_RUNS, || {
        ac_matches = black_box(ac.find_overlapping_iter(black_box(whole.as_bytes())).count());
    });

    // What each regex costs on the same chat (the engine has scanned it: no compiling here).
    let costs = engine.pattern_costs(&chat);

    // Latency of a typical short chat: first with a fresh engine, which compiles the
    // regexes whose anchors the chat contains, then warm.
    let short: Vec<Message> = vocabulary.typical.iter().map(|(speaker, text)| Message::new(speaker.as_str(), text.as_str())).collect();
    let first_scans: Vec<Duration> = (0..LOAD_RUNS)
        .map(|_| {
            let fresh = Engine::builtin().expect("the built-in packs load");
            let t = Instant::now();
            black_box(fresh.scan(black_box(&short), &options));
            t.elapsed()
        })
        .collect();
    let first_scan = percentile(&{ let mut f = first_scans; f.sort(); f }, 0.5);
    let short_report = engine.scan(&short, &options);
    for _ in 0..100 {
        black_box(engine.scan(black_box(&short), &options));
    }
    let mut latencies: Vec<Duration> = (0..LATENCY_RUNS)
        .map(|_| {
            let t = Instant::now();
            black_box(engine.scan(black_box(&short), &options));
            t.elapsed()
        })
        .collect();
    latencies.sort();
    let p50 = percentile(&latencies, 0.5);
    let p99 = percentile(&latencies, 0.99);

    let full_mbs = mbs(chat_bytes, full);
    let norm_mbs = mbs(chat_bytes, normalize_only);
    let rest = full.saturating_sub(normalize_only);
    let rest_mbs = mbs(chat_bytes, rest);
    let raw_mbs = mbs(chat_bytes, raw);
    let ratio = 100.0 * raw.as_secs_f64() / full.as_secs_f64();
    let load_ms = load.as_secs_f64() * 1e3;
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    let signals: usize = report.signals.iter().map(|s| s.count).sum();

    println!();
    println!("redflag native throughput (release, one thread; MB = 10^6 bytes of original chat text)");
    println!(
        "chat: {:.2} MB, {} messages, fnv {:08x} (generated in {:.0} ms), {:.2} MB once normalised; {} phrases in the raw AC",
        chat_bytes as f64 / 1e6,
        chat.len(),
        checksum(&chat),
        generated.as_secs_f64() * 1e3,
        normalized_bytes as f64 / 1e6,
        phrases.len()
    );
    println!("scan of the chat: risk {:?}, {} signals, {} hits; raw AC: {} matches", report.risk, report.signals.len(), signals, ac_matches);
    let mut by_count: Vec<(usize, &str)> = report.signals.iter().map(|s| (s.count, s.id.as_str())).collect();
    by_count.sort_by(|a, b| b.cmp(a));
    let top: Vec<String> = by_count.iter().take(6).map(|(n, id)| format!("{id} {n}")).collect();
    println!("most frequent signals: {}", top.join(", "));
    println!();
    println!("{:<44} {:>14}   {:<14} {}", "measure", "value", "target", "");
    println!("{}", "-".repeat(84));
    println!("{:<44} {:>9.1} MB/s   {:<14} {}", "full pipeline (Engine::scan, best of 5)", full_mbs, ">= 150 MB/s", verdict(full_mbs >= TARGET_FULL_MBS));
    println!("{:<44} {:>9.1} MB/s", "  normalise only (batched, best of 5)", norm_mbs);
    println!("{:<44} {:>9.1} MB/s", "  match + score + report (full - normalise)", rest_mbs);
    println!("{:<44} {:>9.1} MB/s   {:<14}", "raw aho-corasick DFA, overlapping (limit)", raw_mbs, "");
    println!("{:<44} {:>11.1} %   {:<14} {}", "full / raw aho-corasick", ratio, ">= 40 %", verdict(ratio >= TARGET_RATIO_PCT));
    println!("{:<44} {:>11.1} us", "latency, 12-message chat, median", us(p50));
    println!("{:<44} {:>11.1} us", "latency, 12-message chat, p99", us(p99));
    println!("{:<44} {:>11.2} ms", "first scan after load (compiles its regexes)", first_scan.as_secs_f64() * 1e3);
    println!("{:<44} {:>11.2} ms   {:<14} {}", "pack load (Engine::builtin, median of 20)", load_ms, "< 20 ms", verdict(load_ms < TARGET_LOAD_MS));
    for (what, time) in &breakdown {
        println!("{:<44} {:>11.2} ms", format!("  {what}"), time.as_secs_f64() * 1e3);
    }
    println!("(12-message chat: risk {:?}, {} signals)", short_report.risk, short_report.signals.len());
    print_pattern_costs(&costs, full);
    println!();
    println!(
        "bench: full={full_mbs:.1}MB/s normalize={norm_mbs:.1}MB/s raw_ac={raw_mbs:.1}MB/s ratio={ratio:.1}% load={load_ms:.2}ms latency_p50={:.1}us latency_p99={:.1}us",
        us(p50),
        us(p99)
    );
}
