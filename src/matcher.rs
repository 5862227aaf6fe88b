//! Finding phrases and patterns in normalised text.
//!
//! Phrases are searched with one Aho-Corasick automaton, a contiguous NFA: with ~25,000 keys
//! the DFA scanned only ~5% faster end to end but took twice as long to build (measured with
//! `cargo bench`). One regex over hundreds of patterns is slow (its lazy DFA thrashes:
//! measured under 1 MB/s), so each pattern is searched only where it can match: literals
//! that every match holds and that are rare in chat (its *anchors*) go into the same
//! automaton. When they are the pattern's prefixes (`stuur me`, `je vais te`), it runs as an
//! anchored search at each one found; when they are inside it (`naaktfotos` in
//! `je (?:\w+ )?naaktfotos`), it searches that line. The few patterns with neither (numbers,
//! line starts) run unanchored in small groups, over the lines with a digit only when each of
//! them needs one; where a group matches, each of its patterns searches that line on its own,
//! so one's match never hides another's. Every pattern's program is built when the packs
//! load, within size limits, so a pattern that would compile to gigabytes is a pack error with
//! its file and line, not an out-of-memory crash in a scan; an anchored pattern's full regex
//! is compiled the first time one of its anchors is found (most never are in a short chat,
//! and compiling all of them was a third of the engine's build). A pattern that could match a line
//! break is refused too: each message is one line of the normalised text, so a hit never
//! crosses a message. A hit counts only where it begins and ends on a word boundary.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex_automata::nfa::thompson;
use regex_automata::{meta, Anchored, Input};
use regex_syntax::hir::{literal::Extractor, Class, Hir, HirKind};

use crate::normalize::{Normalized, Normalizer};
use crate::pack::{Lang, Location, PackError, PackErrors, PackSet, RuleKind};
use crate::spelling::Spellings;

/// A phrase or pattern found in normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index of the rule in [`PackSet::rules`].
    pub rule: usize,
    /// Byte range in the normalised text.
    pub start: usize,
    pub end: usize,
}

/// An anchor needs a word of at least this many letters: shorter ones are everywhere.
const MIN_ANCHOR_WORD: usize = 3;
/// An anchor this long is rare whatever its words (`what yr are u`).
const RARE_LITERAL_LEN: usize = 10;
/// How many anchors per pattern to try for, in turn: past a limit the extractor shortens
/// them, so a larger limit gives longer, rarer anchors but a bigger automaton.
const ANCHOR_LIMITS: [usize; 3] = [16, 64, 256];
/// Patterns without anchors per unanchored regex: a few keep its lazy DFA small and fast.
const UNANCHORED_GROUP: usize = 8;

/// What an Aho-Corasick key stands for.
#[derive(Debug, Clone, Default)]
struct KeyTarget {
    /// The rules whose phrase normalises to this key; `true` for a phrase with its double
    /// letters squeezed, which counts only where the text had a stretched letter.
    rules: Vec<(usize, bool)>,
    /// The anchored patterns (indexes into [`Matcher::anchored`]) that may start here.
    anchors: Vec<usize>,
    /// A common word of this language, where no rule uses the word.
    stopword: Option<Lang>,
}

/// The distinct keys for the Aho-Corasick automaton, each with what it stands for.
#[derive(Default)]
struct KeyTable {
    keys: Vec<Vec<u8>>,
    targets: Vec<KeyTarget>,
    index: HashMap<Vec<u8>, usize>,
}

impl KeyTable {
    fn target(&mut self, key: Vec<u8>) -> &mut KeyTarget {
        let k = match self.index.get(&key) {
            Some(&k) => k,
            None => {
                self.index.insert(key.clone(), self.keys.len());
                self.keys.push(key);
                self.targets.push(KeyTarget::default());
                self.keys.len() - 1
            }
        };
        &mut self.targets[k]
    }
}

/// The most memory one pattern's compiled program may take. The built-in patterns need a
/// few KB each; a pattern such as `(?:(?:[a-z]{1000}){1000}){20}` would need gigabytes.
const PATTERN_SIZE_LIMIT: usize = 1 << 20;
/// The most memory the lazy DFA of one regex may cache while it searches.
const PATTERN_CACHE_LIMIT: usize = 2 << 20;

/// Compiles patterns (already checked with [`check_pattern`]) into one regex, within the
/// size limits (scaled by how many patterns it holds).
fn compile(patterns: &[Hir]) -> Result<meta::Regex, String> {
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
fn check_size(hir: &Hir) -> Result<(), String> {
    thompson::Compiler::new()
        .configure(thompson::Config::new().nfa_size_limit(Some(PATTERN_SIZE_LIMIT)))
        .build_from_hir(hir)
        .map(drop)
        .map_err(|_| too_big(PATTERN_SIZE_LIMIT))
}

fn too_big(limit: usize) -> String {
    format!("the pattern is too big once compiled (over {} KB): use fewer or smaller repetitions", limit / 1024)
}

/// A pattern searched only where one of its anchors is found.
#[derive(Debug, Clone)]
struct AnchoredPattern {
    rule: usize,
    hir: Hir,
    /// Compiled on first use; `None` if that failed, which [`check_size`] rules out.
    regex: OnceLock<Option<meta::Regex>>,
    /// Where its anchors are found in a match.
    place: AnchorPlace,
}

impl AnchoredPattern {
    fn regex(&self) -> Option<&meta::Regex> {
        self.regex.get_or_init(|| compile(std::slice::from_ref(&self.hir)).ok()).as_ref()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AnchorPlace {
    /// Every match starts with an anchor: search anchored there.
    Start,
    /// Every match contains an anchor: search the line around it.
    Inside,
}

/// Patterns without anchors, searched through the whole text together for the lines where
/// one of them matches; each is then searched on its own in those lines, so that one
/// pattern's match never hides another's in the same place.
#[derive(Debug, Clone)]
struct UnanchoredGroup {
    /// The rule of each pattern in the group's regex.
    rules: Vec<usize>,
    regex: meta::Regex,
    /// Each pattern alone, compiled the first time its group matches.
    each: Vec<(Hir, OnceLock<Option<meta::Regex>>)>,
    /// Every match of every pattern holds a digit (sums, times: `\d+ ?euros?`), so only the
    /// lines with one are searched: most chat lines have none.
    digits: bool,
}

/// The compiled phrases and patterns of a [`PackSet`].
#[derive(Debug, Clone)]
pub struct Matcher {
    keys: Option<AhoCorasick>,
    targets: Vec<KeyTarget>,
    anchored: Vec<AnchoredPattern>,
    unanchored: Vec<UnanchoredGroup>,
    rule_langs: Vec<Option<Lang>>,
}

/// Counts of common words per language, to tell what language a text is in.
pub type LangVotes = [usize; 3];

/// The regex searches of one batch of text, told apart so they can be timed (`profile.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Searched {
    /// Anchored pattern `n`, at one of its anchors.
    Anchored(usize),
    /// Group `n` of patterns without anchors, over the whole batch.
    Group(usize),
}

/// Told of every regex search [`Matcher::find_timed`] makes; it runs the search.
pub(crate) trait SearchClock {
    /// Runs `search`, which is what `searched` names.
    fn search(&mut self, searched: Searched, search: impl FnOnce());
}

/// A scan's clock: it only runs the searches.
impl SearchClock for () {
    #[inline(always)]
    fn search(&mut self, _: Searched, search: impl FnOnce()) {
        search()
    }
}

impl Matcher {
    /// Compiles the packs' phrases and finds the patterns' anchors. Phrases are normalised
    /// by `normalizer`, the same one the text goes through.
    pub fn new(packs: &PackSet, normalizer: &Normalizer) -> Result<Matcher, PackErrors> {
        let mut errors = Vec::new();
        let mut keys = KeyTable::default();
        let mut anchored = Vec::new();
        let mut unanchored = Vec::new();
        let common_words: HashSet<Vec<u8>> = packs.stopwords.iter().map(|(_, word)| normalizer.normalize(word).as_str().as_bytes().to_vec()).collect();
        let normalized = |text: &str| normalizer.normalize(text).as_str().to_string();
        let spellings = Spellings::new(
            packs.spellings.iter().map(|(lang, words, spellings)| (*lang, normalized(words), spellings.iter().map(|s| normalized(s)).collect())),
        );
        for (i, rule) in packs.rules.iter().enumerate() {
            match rule.kind {
                RuleKind::Phrase => {
                    let key = normalizer.normalize(&rule.text).as_str().to_string();
                    if key.is_empty() {
                        errors.push(rule_error(&rule.at, "signal.phrases", format!("`{}` has no letters or digits left after normalisation", rule.text)));
                        continue;
                    }
                    if key.contains(' ') {
                        keys.target(key.replace(' ', "").into_bytes()).rules.push((i, false));
                    }
                    for squeezed in squeezed_variants(&key) {
                        keys.target(squeezed.into_bytes()).rules.push((i, true));
                    }
                    if let Some(lang) = rule.lang {
                        for spelled in spellings.variants(lang, &key) {
                            // Written together too, as the phrase is (`urhot`), if it is short:
                            // longer ones are not written so, and they were a third of the keys.
                            if spelled.bytes().filter(|&b| b == b' ').count() < MAX_JOINED_WORDS {
                                keys.target(spelled.replace(' ', "").into_bytes()).rules.push((i, false));
                            }
                            keys.target(spelled.into_bytes()).rules.push((i, false));
                        }
                    }
                    keys.target(key.into_bytes()).rules.push((i, false));
                }
                RuleKind::Pattern => {
                    match check_pattern(&rule.text).and_then(|hir| check_size(&hir).map(|()| hir)) {
                        Ok(hir) => match anchors(&hir, &common_words) {
                            Some((place, literals)) => {
                                for literal in literals {
                                    keys.target(literal).anchors.push(anchored.len());
                                }
                                anchored.push(AnchoredPattern { rule: i, hir, regex: OnceLock::new(), place });
                            }
                            None => unanchored.push((i, hir)),
                        },
                        Err(message) => errors.push(rule_error(&rule.at, "signal.patterns", message)),
                    }
                }
            }
        }
        for (lang, word) in &packs.stopwords {
            let target = keys.target(normalizer.normalize(word).as_str().as_bytes().to_vec());
            target.stopword.get_or_insert(*lang);
        }
        if !errors.is_empty() {
            return Err(PackErrors(errors));
        }
        let keys_automaton = if keys.keys.is_empty() {
            None
        } else {
            let ac = AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .match_kind(MatchKind::Standard)
                .build(&keys.keys)
                .map_err(|e| PackErrors(vec![rule_error(&Location { file: "(packs)".into(), line: 0 }, "signal", format!("the phrases could not be compiled: {e}"))]))?;
            Some(ac)
        };
        let mut groups = Vec::new();
        let (with_digits, without): (Vec<_>, Vec<_>) = unanchored.into_iter().partition(|(_, hir)| needs_digit(hir));
        for (digits, patterns) in [(true, with_digits), (false, without)] {
            for group in patterns.chunks(UNANCHORED_GROUP) {
                let hirs: Vec<Hir> = group.iter().map(|(_, hir)| hir.clone()).collect();
                match compile(&hirs) {
                    Ok(regex) => groups.push(UnanchoredGroup {
                        rules: group.iter().map(|&(rule, _)| rule).collect(),
                        regex,
                        each: group.iter().map(|(_, hir)| (hir.clone(), OnceLock::new())).collect(),
                        digits,
                    }),
                    Err(message) => return Err(PackErrors(vec![rule_error(&packs.rules[group[0].0].at, "signal.patterns", message)])),
                }
            }
        }
        let rule_langs = packs.rules.iter().map(|r| r.lang).collect();
        Ok(Matcher { keys: keys_automaton, targets: keys.targets, anchored, unanchored: groups, rule_langs })
    }

    /// The patterns that have no anchor and are searched for over every line, each with
    /// whether that is only every line with a digit.
    pub fn unanchored_rules(&self) -> impl Iterator<Item = (usize, bool)> + '_ {
        self.unanchored.iter().flat_map(|group| group.rules.iter().map(|&rule| (rule, group.digits)))
    }

    /// How many anchored patterns and how many groups of unanchored ones there are.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn searches(&self) -> (usize, usize) {
        (self.anchored.len(), self.unanchored.len())
    }

    /// The rules that a search runs.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn searched_rules(&self, searched: Searched) -> &[usize] {
        match searched {
            Searched::Anchored(p) => std::slice::from_ref(&self.anchored[p].rule),
            Searched::Group(g) => &self.unanchored[g].rules,
        }
    }

    /// Appends the hits in `text` to `hits` and counts common words per language in `votes`.
    /// With `lang`, only rules for that language (or for any language) are used.
    pub fn find(&self, text: &Normalized, lang: Option<Lang>, hits: &mut Vec<Hit>, votes: &mut LangVotes) {
        self.find_timed(text, lang, hits, votes, &mut ());
    }

    /// [`Matcher::find`], telling `clock` of each regex search.
    pub(crate) fn find_timed(&self, text: &Normalized, lang: Option<Lang>, hits: &mut Vec<Hit>, votes: &mut LangVotes, clock: &mut impl SearchClock) {
        let bytes = text.as_bytes();
        let wanted = |rule: usize| lang.is_none() || self.rule_langs[rule].is_none_or(|l| Some(l) == lang);
        let at_boundaries = |start: usize, end: usize| text.is_boundary(start) && text.is_boundary(end);
        let lines = Lines::new(bytes);
        // Where an anchored pattern may start: (position, pattern).
        let mut starts = Vec::new();
        if let Some(ac) = &self.keys {
            for m in ac.find_overlapping_iter(bytes) {
                let (start, end) = (m.start(), m.end());
                let target = &self.targets[m.pattern().as_usize()];
                for &p in target.anchors.iter().filter(|&&p| wanted(self.anchored[p].rule)) {
                    let from = match self.anchored[p].place {
                        AnchorPlace::Start => start,
                        AnchorPlace::Inside => lines.around(start).start,
                    };
                    starts.push((from, p));
                }
                if !at_boundaries(start, end) {
                    continue;
                }
                if target.rules.is_empty() {
                    if let Some(l) = target.stopword {
                        votes[l as usize] += 1;
                    }
                    continue;
                }
                let stretched = text.is_stretched(start, end);
                let usable = |&&(rule, squeezed): &&(usize, bool)| wanted(rule) && (!squeezed || stretched);
                hits.extend(target.rules.iter().filter(usable).map(|&(rule, _)| Hit { rule, start, end }));
            }
        }
        starts.sort_unstable();
        starts.dedup();
        for (from, p) in starts {
            let pattern = &self.anchored[p];
            let Some(regex) = pattern.regex() else { continue };
            let mut push = |m: regex_automata::Match| {
                if at_boundaries(m.start(), m.end()) {
                    hits.push(Hit { rule: pattern.rule, start: m.start(), end: m.end() });
                }
            };
            clock.search(Searched::Anchored(p), || match pattern.place {
                AnchorPlace::Start => regex.search(&Input::new(bytes).range(from..).anchored(Anchored::Yes)).into_iter().for_each(&mut push),
                AnchorPlace::Inside => regex.find_iter(Input::new(bytes).range(lines.around(from))).for_each(&mut push),
            });
        }
        let mut digit_lines = None;
        for (g, group) in self.unanchored.iter().enumerate() {
            if !group.rules.iter().any(|&r| wanted(r)) {
                continue;
            }
            let whole = [0..bytes.len()];
            let spans: &[std::ops::Range<usize>] = if group.digits { digit_lines.get_or_insert_with(|| lines.with_digits(bytes)) } else { &whole };
            clock.search(Searched::Group(g), || {
                for span in spans {
                    // Lines before this one are searched already.
                    let mut searched_to = span.start;
                    for found in group.regex.find_iter(Input::new(bytes).range(span.clone())) {
                        if found.start() < searched_to {
                            continue;
                        }
                        let line = lines.around(found.start());
                        searched_to = line.end;
                        for (&rule, (hir, regex)) in group.rules.iter().zip(&group.each) {
                            let Some(regex) = regex.get_or_init(|| compile(std::slice::from_ref(hir)).ok()).as_ref() else { continue };
                            if !wanted(rule) {
                                continue;
                            }
                            for m in regex.find_iter(Input::new(bytes).range(line.clone())) {
                                if at_boundaries(m.start(), m.end()) {
                                    hits.push(Hit { rule, start: m.start(), end: m.end() });
                                }
                            }
                        }
                    }
                }
            });
        }
    }
}

/// Where the lines of a batch of normalised text start, found once per batch: looking back
/// for the line start at every hit made a long single line quadratic.
struct Lines {
    /// Positions of the line breaks.
    breaks: Vec<usize>,
    len: usize,
}

impl Lines {
    fn new(bytes: &[u8]) -> Lines {
        Lines { breaks: bytes.iter().enumerate().filter(|&(_, &b)| b == b'\n').map(|(i, _)| i).collect(), len: bytes.len() }
    }

    /// The line that holds byte `pos`, without its line break.
    fn around(&self, pos: usize) -> std::ops::Range<usize> {
        let k = self.breaks.partition_point(|&b| b < pos);
        let start = if k == 0 { 0 } else { self.breaks[k - 1] + 1 };
        start..self.breaks.get(k).copied().unwrap_or(self.len)
    }

    /// The stretches of lines that hold an ASCII digit, neighbouring lines joined (no pattern
    /// matches across a line break).
    fn with_digits(&self, bytes: &[u8]) -> Vec<std::ops::Range<usize>> {
        let mut spans: Vec<std::ops::Range<usize>> = Vec::new();
        let mut start = 0;
        for end in self.breaks.iter().copied().chain(std::iter::once(self.len)) {
            if bytes[start..end].iter().any(u8::is_ascii_digit) {
                match spans.last_mut() {
                    Some(last) if last.end + 1 == start => last.end = end,
                    _ => spans.push(start..end),
                }
            }
            start = end + 1;
        }
        spans
    }
}

/// Whether every match of `hir` holds an ASCII digit.
fn needs_digit(hir: &Hir) -> bool {
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
fn anchors(hir: &Hir, common_words: &HashSet<Vec<u8>>) -> Option<(AnchorPlace, Vec<Vec<u8>>)> {
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

/// The most words a chat spelling of a phrase may have to be matched written together too.
const MAX_JOINED_WORDS: usize = 2;

/// Most words with double letters that are squeezed in one variant of a phrase: each such
/// word may or may not be stretched in the text, so the variants grow as 2^n.
const MAX_SQUEEZED_WORDS: usize = 3;

/// `key` with the double letters of some of its words written once, as stretched text reads
/// after normalisation (`stuur naaaakt` → `stuur nakt`): one variant per choice of words.
fn squeezed_variants(key: &str) -> Vec<String> {
    let words: Vec<&str> = key.split(' ').collect();
    let doubled: Vec<usize> = (0..words.len()).filter(|&w| has_double_letter(words[w])).take(MAX_SQUEEZED_WORDS).collect();
    (1..1u32 << doubled.len())
        .map(|choice| {
            let mut variant: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            for (bit, &w) in doubled.iter().enumerate() {
                if choice & (1 << bit) != 0 {
                    variant[w] = squeeze_doubles(words[w]);
                }
            }
            variant.join(" ")
        })
        .collect()
}

fn has_double_letter(word: &str) -> bool {
    word.as_bytes().windows(2).any(|w| w[0] == w[1] && w[0].is_ascii_lowercase())
}

/// `word` with every run of a repeated letter written once (`naakt` → `nakt`).
fn squeeze_doubles(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if !(c.is_ascii_lowercase() && out.ends_with(c)) {
            out.push(c);
        }
    }
    out
}

fn rule_error(at: &Location, field: &str, message: String) -> PackError {
    PackError { at: at.clone(), field: field.to_string(), message }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::Source;

    fn packs(rules: &str) -> PackSet {
        let model = r#"
[scoring]
low = 1.0
medium = 2.0
high = 3.0
[[signal]]
id = "grooming.image_request"
weight = 3.0
explain = { en = "a", nl = "b", fr = "c" }
"#;
        PackSet::load(&[Source::new("model.toml", model), Source::new("en.toml", rules)]).unwrap()
    }

    fn found(rules: &str, text: &str) -> Vec<String> {
        let packs = packs(rules);
        let normalizer = Normalizer::default();
        let matcher = Matcher::new(&packs, &normalizer).unwrap();
        let norm = normalizer.normalize(text);
        let mut hits = Vec::new();
        matcher.find(&norm, None, &mut hits, &mut [0; 3]);
        hits.iter().map(|h| norm.as_str()[h.start..h.end].to_string()).collect()
    }

    const SEND_NUDES: &str = "lang = \"en\"\n[[signal]]\nid = \"grooming.image_request\"\nphrases = [\"send nudes\", \"pic\"]\npatterns = ['send (?:me )?(?:a )?pics?']\n";

    #[test]
    fn phrases_match_whole_words_only() {
        assert_eq!(found(SEND_NUDES, "pls send nudes"), vec!["send nudes"]);
        assert!(found(SEND_NUDES, "epic picnic").is_empty());
    }

    #[test]
    fn disguised_phrases_are_found() {
        assert_eq!(found(SEND_NUDES, "s e n d n u d e s"), vec!["sendnudes"]);
        assert_eq!(found(SEND_NUDES, "#SendNudes"), vec!["sendnudes"]);
    }

    #[test]
    fn patterns_match_on_word_boundaries() {
        assert_eq!(found(SEND_NUDES, "send me a pic"), vec!["pic", "send me a pic"]);
        assert!(found(SEND_NUDES, "resend me a picnic").is_empty());
    }

    #[test]
    fn patterns_with_and_without_anchors_are_both_found() {
        let rules = "[[signal]]\nid = \"grooming.image_request\"\npatterns = ['\\b\\d+ euros?\\b', '\\ba (?:pic|photo)\\b', '\\b\\d ?m\\b']\n";
        let packs = packs(rules);
        let matcher = Matcher::new(&packs, &Normalizer::default()).unwrap();
        let places: Vec<AnchorPlace> = matcher.anchored.iter().map(|p| p.place).collect();
        assert_eq!(places, vec![AnchorPlace::Inside, AnchorPlace::Start]);
        assert_eq!(matcher.unanchored.len(), 1);
        assert_eq!(found(rules, "pay 50 euro now or a pic, 7 m"), vec!["50 euro", "a pic", "7 m"]);
        assert!(found(rules, "pay 50 euros2 or a picture, 7 mins").is_empty());
    }

    #[test]
    fn patterns_without_anchors_are_searched_only_where_they_can_match_and_never_hide_each_other() {
        // Two sums that overlap, and short words: in one regex, the first sum's match would
        // hide the second's.
        let rules = "[[signal]]\nid = \"grooming.image_request\"\npatterns = ['\\b\\d+ ?e\\b', '\\b\\d+ ?e or\\b', '\\bor u\\b']\n";
        let matcher = Matcher::new(&packs(rules), &Normalizer::default()).unwrap();
        let digits: Vec<(usize, bool)> = matcher.unanchored.iter().map(|g| (g.rules.len(), g.digits)).collect();
        assert_eq!(digits, vec![(2, true), (1, false)]);
        let mut hits = found(rules, "hi\npay 50 e or u know\nno digits or u here");
        hits.sort();
        assert_eq!(hits, vec!["50 e", "50 e or", "or u", "or u"]);
    }

    #[test]
    fn patterns_with_common_first_words_are_anchored_on_a_rarer_part() {
        let rules = "[[signal]]\nid = \"grooming.image_request\"\npatterns = ['\\bje (?:\\w+ )?naaktfotos\\b']\n";
        let matcher = Matcher::new(&packs(rules), &Normalizer::default()).unwrap();
        assert_eq!(matcher.anchored[0].place, AnchorPlace::Inside);
        assert_eq!(found(rules, "hey\nstuur je mooie naaktfotos"), vec!["je mooie naaktfotos"]);
        assert!(found(rules, "je naaktfotosessie").is_empty());
    }

    #[test]
    fn only_rare_literals_anchor_a_pattern() {
        let common: HashSet<Vec<u8>> = [b"the".to_vec(), b"you".to_vec()].into();
        assert!(!is_rare(b"the ", &common));
        assert!(!is_rare(b"je ", &common));
        assert!(is_rare(b"naak", &common));
        assert!(is_rare(b"im 14", &common));
        assert!(is_rare(b"what yr are u", &common));
    }

    #[test]
    fn stretched_words_with_double_letters_match_but_plain_near_words_do_not() {
        let rules = "[[signal]]\nid = \"grooming.image_request\"\nphrases = [\"naakt\", \"nice ass\"]\n";
        assert_eq!(found(rules, "naaaaakt"), vec!["nakt"]);
        assert_eq!(found(rules, "niiice asss"), vec!["nice as"]);
        assert!(found(rules, "nice as always").is_empty());
        assert!(found(rules, "nakt").is_empty());
    }

    #[test]
    fn only_the_stretched_word_of_a_phrase_needs_to_be_squeezed() {
        let rules = "[[signal]]\nid = \"grooming.image_request\"\nphrases = [\"stuur naaktfotos\"]\n";
        assert_eq!(found(rules, "stuur naaaaktfotos"), vec!["stuur naktfotos"]);
        assert_eq!(found(rules, "stuuuur naaktfotos"), vec!["stur naaktfotos"]);
    }

    #[test]
    fn patterns_that_could_match_across_messages_are_refused_with_their_lines() {
        let rules = "[[signal]]\nid = \"grooming.image_request\"\npatterns = [\n  'send\\s+pics',\n  'send\\W+nudes',\n  'send[^x]+now',\n  '(?s)send.+photo',\n  'a\\npic',\n  'send\\S+',\n  'send (?:me )?pics',\n  '(?m)^send [^x\\n]+$',\n]\n";
        let err = Matcher::new(&packs(rules), &Normalizer::default()).unwrap_err();
        let lines: Vec<usize> = err.0.iter().map(|e| e.at.line).collect();
        assert_eq!(lines, vec![4, 5, 6, 7, 8], "{err}");
        assert!(err.0.iter().all(|e| e.message.contains("can match a line break")), "{err}");
    }

    #[test]
    fn a_pattern_too_big_to_compile_is_a_pack_error_with_its_line() {
        let rules = "[[signal]]\nid = \"grooming.image_request\"\npatterns = [\n  'send nudes',\n  'zzbomb(?:(?:[a-z]{1000}){1000}){20}',\n]\n";
        let err = Matcher::new(&packs(rules), &Normalizer::default()).unwrap_err();
        assert_eq!(err.0.len(), 1, "{err}");
        assert_eq!((err.0[0].at.line, err.0[0].field.as_str()), (5, "signal.patterns"));
        assert!(err.0[0].message.contains("too big once compiled"), "{err}");
    }

    #[test]
    fn an_anchored_pattern_is_compiled_only_once_its_anchor_is_found() {
        let rules = "[[signal]]\nid = \"grooming.image_request\"\npatterns = ['\\bstuur (?:me )?(?:een )?naaktfotos?\\b']\n";
        let packs = packs(rules);
        let normalizer = Normalizer::default();
        let matcher = Matcher::new(&packs, &normalizer).unwrap();
        let find = |text: &str| {
            let mut hits = Vec::new();
            matcher.find(&normalizer.normalize(text), None, &mut hits, &mut [0; 3]);
            hits.len()
        };
        assert_eq!(find("hoe was school vandaag"), 0);
        assert!(matcher.anchored[0].regex.get().is_none(), "not compiled before its anchor is seen");
        assert_eq!(find("stuur me een naaktfoto"), 1);
        assert!(matcher.anchored[0].regex.get().is_some_and(Option::is_some));
    }

    #[test]
    fn one_long_line_gives_the_hits_of_the_same_text_in_lines() {
        let rules = "[[signal]]\nid = \"grooming.image_request\"\nphrases = [\"pic\"]\npatterns = ['\\bsend (?:me )?(?:a )?pics?\\b', '\\bje (?:\\w+ )?naaktfotos\\b']\n";
        let packs = packs(rules);
        let normalizer = Normalizer::default();
        let matcher = Matcher::new(&packs, &normalizer).unwrap();
        let chunk = "send me a pic je mooie naaktfotos pic ";
        let count = |text: &Normalized| {
            let mut hits = Vec::new();
            matcher.find(text, None, &mut hits, &mut [0; 3]);
            hits.len()
        };
        let one_line = normalizer.normalize(&chunk.repeat(20_000));
        let mut lines = Normalized::default();
        for _ in 0..20_000 {
            normalizer.append(chunk, &mut lines);
        }
        assert_eq!(count(&one_line), 4 * 20_000);
        assert_eq!(count(&one_line), count(&lines));
    }

    #[test]
    fn bad_patterns_and_empty_phrases_are_reported_with_their_lines() {
        let rules = "[[signal]]\nid = \"grooming.image_request\"\nphrases = [\"!!\"]\npatterns = [\n  'send (',\n  'a*',\n  'send \\p{L}+',\n]\n";
        let err = Matcher::new(&packs(rules), &Normalizer::default()).unwrap_err();
        let got: Vec<(usize, &str)> = err.0.iter().map(|e| (e.at.line, e.field.as_str())).collect();
        assert_eq!(got, vec![(3, "signal.phrases"), (5, "signal.patterns"), (6, "signal.patterns"), (7, "signal.patterns")]);
        assert!(err.0[3].message.contains("write classes such as [a-z] instead of Unicode ones"), "{}", err.0[3].message);
    }
}
