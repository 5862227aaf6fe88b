//! Patterns: each checked on its own when the packs load (so every bad one is reported with
//! its line), the rare literals every match holds (its anchors), and its regex, compiled
//! within size limits and only when first needed.

use std::collections::HashSet;
use std::sync::OnceLock;

use regex_automata::meta;
use regex_automata::nfa::thompson;
use regex_syntax::hir::{literal::Extractor, Class, Hir, HirKind};

/// An anchor needs a word of at least this many letters: shorter ones are everywhere.
const MIN_ANCHOR_WORD: usize = 3;
/// An anchor this long is rare whatever its words (`what yr are u`).
const RARE_LITERAL_LEN: usize = 10;
/// How many anchors per pattern to try for, in turn: past a limit the extractor shortens
/// them, so a larger limit gives longer, rarer anchors but a bigger automaton.
const ANCHOR_LIMITS: [usize; 3] = [16, 64, 256];

/// The most memory one pattern's compiled program may take. The built-in patterns need a
/// few KB each; a pattern such as `(?:(?:[a-z]{1000}){1000}){20}` would need gigabytes.
const PATTERN_SIZE_LIMIT: usize = 1 << 20;
/// The most memory the lazy DFA of one regex may cache while it searches.
const PATTERN_CACHE_LIMIT: usize = 2 << 20;

/// Compiles patterns (already checked with [`check_pattern`]) into one regex, within the
/// size limits (scaled by how many patterns it holds).
pub(super) fn compile(patterns: &[Hir]) -> Result<meta::Regex, String> {
    let scale = patterns.len().max(1);
    meta::Regex::builder()
        .configure(
            meta::Config::new()
                .nfa_size_limit(Some(PATTERN_SIZE_LIMIT * scale))
                .onepass_size_limit(Some(PATTERN_SIZE_LIMIT * scale))
                .dfa_size_limit(Some(PATTERN_SIZE_LIMIT * scale))
                .hybrid_cache_capacity(PATTERN_CACHE_LIMIT),
        )
        .build_many_from_hir(patterns)
        .map_err(|e| match e.size_limit() {
            Some(limit) => too_big(limit),
            None => format!("the pattern could not be compiled: {e}"),
        })
}

/// Checks that a pattern's program fits [`PATTERN_SIZE_LIMIT`] without building the whole
/// regex: [`compile`] then cannot fail on it.
pub(super) fn check_size(hir: &Hir) -> Result<(), String> {
    thompson::Compiler::new()
        .configure(thompson::Config::new().nfa_size_limit(Some(PATTERN_SIZE_LIMIT)))
        .build_from_hir(hir)
        .map(drop)
        .map_err(|_| too_big(PATTERN_SIZE_LIMIT))
}

fn too_big(limit: usize) -> String {
    format!("the pattern is too big once compiled (over {} KB): use fewer or smaller repetitions", limit / 1024)
}

/// A pattern's regex, compiled the first time it is needed: most patterns never are in a
/// short chat, and compiling all of them was a third of the engine's build.
#[derive(Debug, Clone)]
pub(super) struct LazyRegex {
    hir: Hir,
    /// `None` if compiling failed, which [`check_size`] rules out.
    pub(super) compiled: OnceLock<Option<meta::Regex>>,
}

impl LazyRegex {
    pub(super) fn new(hir: Hir) -> LazyRegex {
        LazyRegex { hir, compiled: OnceLock::new() }
    }

    /// The regex, compiled now if this is the first call.
    pub(super) fn get(&self) -> Option<&meta::Regex> {
        self.compiled.get_or_init(|| compile(std::slice::from_ref(&self.hir)).ok()).as_ref()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum AnchorPlace {
    /// Every match starts with an anchor: search anchored there.
    Start,
    /// Every match contains an anchor: search the line around it.
    Inside,
}

/// Checks one pattern on its own, so that every bad pattern is reported with its line.
pub(crate) fn check_pattern(pattern: &str) -> Result<Hir, String> {
    let hir = regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
        .map_err(|e| {
            let hint = match e {
                // \p{..}, \w over Unicode and the like: slow, and useless on normalised text.
                regex_syntax::Error::Translate(ref t) if *t.kind() == regex_syntax::hir::ErrorKind::UnicodeNotAllowed => {
                    " (patterns run on normalised text, which is ASCII: write classes such as [a-z] instead of Unicode ones)"
                }
                _ => "",
            };
            format!("invalid regular expression: {}{hint}", e.to_string().replace('\n', " "))
        })?;
    if hir.properties().minimum_len() == Some(0) {
        return Err(format!("`{pattern}` can match empty text"));
    }
    if can_match_line_break(&hir) {
        return Err(format!(
            "`{pattern}` can match a line break (through \\s, \\W, [^...], (?s). or \\n), so it could match across two messages: normalised text has single spaces between words, so write a space for \\s and a class such as [a-z0-9 ] for the rest"
        ));
    }
    Ok(hir)
}

/// Whether every match of `hir` holds an ASCII digit.
pub(super) fn needs_digit(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Literal(literal) => literal.0.iter().any(u8::is_ascii_digit),
        HirKind::Class(Class::Bytes(class)) => class.ranges().iter().all(|r| r.start() >= b'0' && r.end() <= b'9'),
        HirKind::Class(Class::Unicode(class)) => class.ranges().iter().all(|r| r.start() >= '0' && r.end() <= '9'),
        HirKind::Empty | HirKind::Look(_) => false,
        HirKind::Repetition(repetition) => repetition.min > 0 && needs_digit(&repetition.sub),
        HirKind::Capture(capture) => needs_digit(&capture.sub),
        HirKind::Concat(parts) => parts.iter().any(needs_digit),
        HirKind::Alternation(parts) => parts.iter().all(needs_digit),
    }
}

/// Whether some part of `hir` can match a line break (`\s`, `\W`, `[^a]`, `(?s).`, `\n`;
/// not `\S` or `.`).
/// Normalised messages are joined by line breaks, so such a pattern could match across two.
fn can_match_line_break(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Literal(literal) => literal.0.contains(&b'\n'),
        HirKind::Class(Class::Bytes(class)) => class.ranges().iter().any(|r| r.start() <= b'\n' && b'\n' <= r.end()),
        HirKind::Class(Class::Unicode(class)) => class.ranges().iter().any(|r| r.start() <= '\n' && '\n' <= r.end()),
        HirKind::Empty | HirKind::Look(_) => false,
        HirKind::Repetition(repetition) => can_match_line_break(&repetition.sub),
        HirKind::Capture(capture) => can_match_line_break(&capture.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => parts.iter().any(can_match_line_break),
    }
}

/// Literals worth looking for that every match of a pattern holds, and where: the prefixes
/// of the whole pattern if they are rare enough, else those of one of the parts every match
/// goes through (`naaktfotos` in `je (?:\w+ )?naaktfotos`), the rarest such part.
pub(super) fn anchors(hir: &Hir, common_words: &HashSet<Vec<u8>>) -> Option<(AnchorPlace, Vec<Vec<u8>>)> {
    if let Some(literals) = rare_prefixes(hir, common_words) {
        return Some((AnchorPlace::Start, literals));
    }
    let HirKind::Concat(parts) = hir.kind() else { return None };
    let inside = parts.iter().filter_map(|part| rare_prefixes(part, common_words)).min_by_key(Vec::len)?;
    Some((AnchorPlace::Inside, inside))
}

/// The literal prefixes of every match of `hir`, if each holds a rare word. A short prefix
/// like `je ` or `the ` would start a search every few bytes, so longer prefixes are tried
/// before giving up.
fn rare_prefixes(hir: &Hir, common_words: &HashSet<Vec<u8>>) -> Option<Vec<Vec<u8>>> {
    let mut extractor = Extractor::new();
    for limit in ANCHOR_LIMITS {
        extractor.limit_total(limit);
        let prefixes = extractor.extract(hir);
        let literals = prefixes.literals()?;
        if !literals.is_empty() && literals.iter().all(|l| is_rare(l.as_bytes(), common_words)) {
            return Some(literals.iter().map(|l| l.as_bytes().to_vec()).collect());
        }
    }
    None
}

/// Whether `literal` is rare enough in chat to be worth looking for: it is long, or it holds
/// a word of at least [`MIN_ANCHOR_WORD`] letters that is not a common one (a cut-off word
/// counts: `naak` of `naakt`), or a number of two digits or more.
fn is_rare(literal: &[u8], common_words: &HashSet<Vec<u8>>) -> bool {
    literal.len() >= RARE_LITERAL_LEN
        || literal.split(|b| !b.is_ascii_alphanumeric()).any(|word| {
            let number = word.len() >= 2 && word.iter().all(u8::is_ascii_digit);
            number || (word.len() >= MIN_ANCHOR_WORD && !common_words.contains(word))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_rare_literals_anchor_a_pattern() {
        let common: HashSet<Vec<u8>> = [b"the".to_vec(), b"you".to_vec()].into();
        assert!(!is_rare(b"the ", &common));
        assert!(!is_rare(b"je ", &common));
        assert!(is_rare(b"naak", &common));
        assert!(is_rare(b"im 14", &common));
        assert!(is_rare(b"what yr are u", &common));
    }
}
