//! Chat spellings: the ways a language's words are written in chats (`ur` for `your`, `pix`
//! for `pics`, `jsuis` for `je suis`), and the variants of a phrase they make.
//!
//! A pack's `language.toml` lists them once (`[spellings]`), instead of every phrase being
//! written again in each spelling ("in your bra", "in ur bra", "in yur bra"). The matcher
//! adds each phrase's variants to its automaton as more keys for the same phrase, so a hit on
//! a variant is a hit on the phrase, mapped back to the characters the chat has. Patterns are
//! not expanded: a regex already says which spellings it takes.

use std::collections::HashMap;

use crate::pack::Lang;

/// The most variants one phrase gets. A phrase of ordinary words has a handful; the limit keeps
/// a long phrase of words that all have spellings from growing the automaton many times over.
pub const MAX_VARIANTS: usize = 32;
/// The longest word sequence a spelling may replace (`quest ce que`).
const MAX_WORDS: usize = 3;

/// The spellings of each language, keyed by the normalised words they stand for.
#[derive(Debug, Clone, Default)]
pub struct Spellings {
    by_lang: HashMap<(Lang, String), Vec<String>>,
}

impl Spellings {
    /// `entries` are (language, words, their spellings), all already normalised.
    pub fn new(entries: impl IntoIterator<Item = (Lang, String, Vec<String>)>) -> Spellings {
        let mut by_lang: HashMap<(Lang, String), Vec<String>> = HashMap::new();
        for (lang, words, spellings) in entries {
            let known = by_lang.entry((lang, words.clone())).or_default();
            for spelling in spellings {
                if spelling != words && !spelling.is_empty() && !known.contains(&spelling) {
                    known.push(spelling);
                }
            }
        }
        Spellings { by_lang }
    }

    /// The other spellings of `key` (a normalised phrase: words separated by single spaces)
    /// in `lang`, at most [`MAX_VARIANTS`], without `key` itself. The longest run of words
    /// with spellings is replaced first, so `je suis` becomes `jsuis` before `je` becomes `j`.
    pub fn variants(&self, lang: Lang, key: &str) -> Vec<String> {
        if self.by_lang.is_empty() {
            return Vec::new();
        }
        let words: Vec<&str> = key.split(' ').collect();
        // The phrase as parts, each written as itself (first) or one of its spellings.
        let mut parts: Vec<Vec<&str>> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let longest = (1..=MAX_WORDS.min(words.len() - i))
                .rev()
                .find_map(|n| self.by_lang.get_key_value(&(lang, words[i..i + n].join(" "))).map(|(k, s)| (n, k, s)));
            match longest {
                Some((n, (_, words_spelled), spellings)) => {
                    parts.push(std::iter::once(words_spelled.as_str()).chain(spellings.iter().map(String::as_str)).collect());
                    i += n;
                }
                None => {
                    parts.push(vec![words[i]]);
                    i += 1;
                }
            }
        }
        // Variants by how many parts they respell, fewest first, so that the limit drops the
        // least likely (every word respelled) and keeps `snd me your pics` and `send me ur pix`.
        // A state is a choice per part and the first part it may still change: each variant
        // is made once, changing parts left to right.
        let mut out = Vec::new();
        let mut level = vec![(vec![0usize; parts.len()], 0usize)];
        while !level.is_empty() {
            let mut next = Vec::new();
            for (choice, from) in &level {
                for part in *from..parts.len() {
                    for spelling in 1..parts[part].len() {
                        let mut changed = choice.clone();
                        changed[part] = spelling;
                        let variant = parts.iter().zip(&changed).map(|(p, &c)| p[c]).collect::<Vec<_>>().join(" ");
                        if variant != key && !out.contains(&variant) {
                            out.push(variant);
                            if out.len() == MAX_VARIANTS {
                                return out;
                            }
                        }
                        next.push((changed, part + 1));
                    }
                }
            }
            level = next;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spellings() -> Spellings {
        let entry = |lang, words: &str, spellings: &[&str]| (lang, words.to_string(), spellings.iter().map(|s| s.to_string()).collect());
        Spellings::new([
            entry(Lang::En, "your", &["ur", "yur"]),
            entry(Lang::En, "pics", &["pix"]),
            entry(Lang::Fr, "je suis", &["jsuis", "chui"]),
            entry(Lang::Fr, "je", &["j"]),
        ])
    }

    #[test]
    fn every_choice_of_spelling_per_word_is_a_variant() {
        let variants = spellings().variants(Lang::En, "send your pics");
        assert_eq!(variants, ["send ur pics", "send yur pics", "send your pix", "send ur pix", "send yur pix"]);
    }

    #[test]
    fn spellings_belong_to_their_language() {
        assert!(spellings().variants(Lang::Nl, "your pics").is_empty());
        assert!(spellings().variants(Lang::En, "je suis seule").is_empty());
    }

    #[test]
    fn the_longest_run_of_words_is_spelled_first() {
        let variants = spellings().variants(Lang::Fr, "je suis seule et je");
        assert!(variants.contains(&"jsuis seule et je".to_string()), "{variants:?}");
        assert!(variants.contains(&"chui seule et j".to_string()), "{variants:?}");
        assert!(!variants.iter().any(|v| v.starts_with("j suis")), "{variants:?}");
    }

    #[test]
    fn the_limit_keeps_the_variants_with_fewest_respelled_words() {
        let key = vec!["your pics"; 4].join(" ");
        let variants = spellings().variants(Lang::En, &key);
        assert!(variants.contains(&"your pics your pics your pics your pix".to_string()), "one word respelled: {variants:?}");
        assert!(!variants.iter().any(|v| !v.contains("your") && !v.contains("pics")), "every word respelled is dropped first: {variants:?}");
    }

    #[test]
    fn a_long_phrase_gets_at_most_the_limit() {
        let key = vec!["your"; 10].join(" ");
        let variants = spellings().variants(Lang::En, &key);
        assert_eq!(variants.len(), MAX_VARIANTS);
        assert!(!variants.contains(&key));
    }

    #[test]
    fn words_without_spellings_give_nothing() {
        assert!(spellings().variants(Lang::En, "how old").is_empty());
        assert!(Spellings::default().variants(Lang::En, "your pics").is_empty());
    }
}
