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

mod keys;
mod lines;
mod pattern;

use std::collections::HashSet;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex_automata::{meta, Anchored, Input};
use regex_syntax::hir::Hir;

use crate::normalize::{Normalized, Normalizer};
use crate::pack::{Lang, Location, PackError, PackErrors, PackSet, RuleKind};
use crate::spelling::Spellings;

use keys::{KeyTable, KeyTarget};
use lines::Lines;
pub(crate) use pattern::check_pattern;
use pattern::{anchors, check_size, compile, needs_digit, AnchorPlace, LazyRegex};

/// A phrase or pattern found in normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index of the rule in [`PackSet::rules`].
    pub rule: usize,
    /// Byte range in the normalised text.
    pub start: usize,
    pub end: usize,
}

/// Patterns without anchors per unanchored regex: a few keep its lazy DFA small and fast.
const UNANCHORED_GROUP: usize = 8;

/// A pattern searched only where one of its anchors is found.
#[derive(Debug, Clone)]
struct AnchoredPattern {
    rule: usize,
    regex: LazyRegex,
    /// Where its anchors are found in a match.
    place: AnchorPlace,
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
    each: Vec<LazyRegex>,
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
                    keys.add_phrase(i, key, rule.lang, &spellings);
                }
                RuleKind::Pattern => {
                    match check_pattern(&rule.text).and_then(|hir| check_size(&hir).map(|()| hir)) {
                        Ok(hir) => match anchors(&hir, &common_words) {
                            Some((place, literals)) => {
                                for literal in literals {
                                    keys.target(literal).anchors.push(anchored.len());
                                }
                                anchored.push(AnchoredPattern { rule: i, regex: LazyRegex::new(hir), place });
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
                        each: group.iter().map(|(_, hir)| LazyRegex::new(hir.clone())).collect(),
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
            let Some(regex) = pattern.regex.get() else { continue };
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
                        for (&rule, regex) in group.rules.iter().zip(&group.each) {
                            // Compiled only if wanted: most groups match rarely.
                            let Some(regex) = wanted(rule).then(|| regex.get()).flatten() else { continue };
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

fn rule_error(at: &Location, field: &str, message: String) -> PackError {
    PackError { at: at.clone(), field: field.to_string(), message }
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
        assert!(matcher.anchored[0].regex.compiled.get().is_none(), "not compiled before its anchor is seen");
        assert_eq!(find("stuur me een naaktfoto"), 1);
        assert!(matcher.anchored[0].regex.compiled.get().is_some_and(Option::is_some));
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
