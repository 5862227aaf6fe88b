//! The keys of the phrase automaton, each with what it stands for: every phrase as it is
//! normalised, written together (`howoldareyou`), with its stretched letters squeezed
//! (`stuur nakt`) and in each chat spelling of its language (`hw old r u`). The patterns'
//! anchors and the common words of each language are keys too.

use std::collections::HashMap;

use crate::pack::Lang;
use crate::spelling::Spellings;

/// What an Aho-Corasick key stands for.
#[derive(Debug, Clone, Default)]
pub(super) struct KeyTarget {
    /// The rules whose phrase normalises to this key; `true` for a phrase with its double
    /// letters squeezed, which counts only where the text had a stretched letter.
    pub(super) rules: Vec<(usize, bool)>,
    /// The anchored patterns (indexes into the matcher's) that may start here.
    pub(super) anchors: Vec<usize>,
    /// A common word of this language, where no rule uses the word.
    pub(super) stopword: Option<Lang>,
}

/// The distinct keys for the Aho-Corasick automaton, each with what it stands for.
#[derive(Default)]
pub(super) struct KeyTable {
    pub(super) keys: Vec<Vec<u8>>,
    pub(super) targets: Vec<KeyTarget>,
    index: HashMap<Vec<u8>, usize>,
}

impl KeyTable {
    /// The target of `key`, added if it is new.
    pub(super) fn target(&mut self, key: Vec<u8>) -> &mut KeyTarget {
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

    /// Adds the keys of phrase rule `rule`, normalised to `key` (not empty): the phrase, the
    /// phrase written together, with its stretched letters squeezed, and in each chat spelling
    /// of its language.
    pub(super) fn add_phrase(&mut self, rule: usize, key: String, lang: Option<Lang>, spellings: &Spellings) {
        if key.contains(' ') {
            self.target(key.replace(' ', "").into_bytes()).rules.push((rule, false));
        }
        for squeezed in squeezed_variants(&key) {
            self.target(squeezed.into_bytes()).rules.push((rule, true));
        }
        if let Some(lang) = lang {
            for spelled in spellings.variants(lang, &key) {
                // Written together too, as the phrase is (`urhot`), if it is short: longer ones
                // are not written so, and they were a third of the keys.
                if spelled.bytes().filter(|&b| b == b' ').count() < MAX_JOINED_WORDS {
                    self.target(spelled.replace(' ', "").into_bytes()).rules.push((rule, false));
                }
                self.target(spelled.into_bytes()).rules.push((rule, false));
            }
        }
        self.target(key.into_bytes()).rules.push((rule, false));
    }
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
