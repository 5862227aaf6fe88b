//! Arbitrary UTF-8 through the normaliser: the output is ASCII, every output byte maps back
//! to a range of the input that starts and ends on character boundaries, and no span,
//! boundary or join query panics (alone, and after appending to a batch as the engine does).

#![no_main]

use libfuzzer_sys::fuzz_target;
use redflag::{Normalized, Normalizer};

/// How far past each byte spans are checked (every span would be quadratic).
const SPAN_WINDOW: usize = 48;

fn check(text: &str, n: &Normalized, from: usize) {
    let out = n.as_bytes();
    assert!(out.is_ascii(), "non-ASCII output {:?} for {:?}", n.as_str(), text);
    assert_eq!(n.as_str().len(), out.len());
    for i in from..out.len() {
        if out[i] == b'\n' {
            continue; // the separator between appended messages maps to nothing
        }
        let (start, end) = n.original_span(i, i + 1);
        assert!(start <= end && end <= text.len(), "byte {i} maps to {start}..{end} of a {}-byte input {text:?}", text.len());
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "byte {i} maps to {start}..{end}, not char boundaries, in {text:?}");
        // Any range a phrase could match (one line, no separator) maps to a usable slice.
        for j in i + 1..out.len().min(i + SPAN_WINDOW) {
            if out[j] == b'\n' {
                break;
            }
            let (s, e) = n.original_span(i, j + 1);
            assert!(s <= e && e <= text.len(), "{i}..{} maps to {s}..{e} in {text:?} (normalised {:?})", j + 1, n.as_str());
            assert!(text.get(s..e).is_some(), "{i}..{} maps to {s}..{e}, not a slice of {text:?}", j + 1);
            let _ = n.is_joined(i, j + 1);
        }
    }
    for pos in from..=out.len() {
        let _ = n.is_boundary(pos);
    }
}

fuzz_target!(|text: &str| {
    let normalizer = Normalizer::new([('📸', "photo".to_string()), ('🤫', "secret".to_string()), ('🍑', "peach emoji".to_string())]);
    let alone = normalizer.normalize(text);
    check(text, &alone, 0);

    // As the engine does: appended after other text in one batch.
    let mut batch = normalizer.normalize("hello there n u d e s");
    let start = normalizer.append(text, &mut batch);
    assert_eq!(&batch.as_bytes()[start..], alone.as_bytes(), "appending changes the normalisation of {text:?}");
    check(text, &batch, start);
});
