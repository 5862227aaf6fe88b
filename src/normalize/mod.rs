//! Normalisation: rewrites a message so that disguised words read as plain ones, and
//! remembers which original characters every output byte came from.
//!
//! The output is lower-case ASCII: words of `a-z0-9` separated by single spaces (plus `$`
//! next to numbers and `.`/`,`/`:` between digits). `docs/packs.md` lists the steps; pack
//! phrases go through the same steps, so a phrase and its disguised spelling meet here.

mod fold_table;

use fold_table::FOLD;

/// Rewrites text for matching. Built once from the emoji words in the packs.
#[derive(Debug, Clone, Default)]
pub struct Normalizer {
    /// Emoji and the words they stand for, sorted by emoji.
    emoji: Vec<(char, Box<str>)>,
}

/// Normalised text with a map back to the original.
///
/// Several messages can be appended one after another (separated by a newline); offsets
/// map back into the text of the message each byte came from.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    text: Vec<u8>,
    /// For each output byte, the byte range in the original message it stands for.
    starts: Vec<u32>,
    ends: Vec<u32>,
    /// Output ranges of letters that were written apart (`n u d e s`) and joined: inside
    /// them every position counts as a word boundary, because the writer's own word breaks
    /// were lost with the spaces.
    joined: Vec<(u32, u32)>,
    /// Output positions of letters that were written three or more times (`pleeease`):
    /// there the writer's own double letters (`keep`, `naakt`) were lost too.
    stretched: Vec<u32>,
    /// The first pass's output, kept to reuse its allocation.
    folded: Folded,
}

/// A message after the per-character pass: case, accents, look-alikes, invisible
/// characters and emoji are dealt with; words are not yet.
#[derive(Debug, Clone, Default)]
struct Folded {
    bytes: Vec<u8>,
    starts: Vec<u32>,
    ends: Vec<u32>,
}

impl Folded {
    fn clear(&mut self) {
        self.bytes.clear();
        self.starts.clear();
        self.ends.clear();
    }

    fn push(&mut self, byte: u8, start: usize, end: usize) {
        self.bytes.push(byte);
        self.starts.push(start as u32);
        self.ends.push(end as u32);
    }
}

/// Letters that leetspeak writes as digits or symbols, inside a word.
fn leet_letter(byte: u8) -> Option<u8> {
    Some(match byte {
        b'0' => b'o',
        b'1' => b'i',
        b'3' => b'e',
        b'4' => b'a',
        b'5' => b's',
        b'7' => b't',
        b'@' => b'a',
        b'$' => b's',
        b'!' => b'i',
        b'|' => b'l',
        _ => return None,
    })
}

/// Characters between letters written apart that still mean "one word" (`s.e.n.d`).
fn is_split_mark(byte: u8) -> bool {
    matches!(byte, b' ' | b'.' | b'-' | b'_' | b'*' | b'+' | b'~' | b'/')
}

/// The longest gap between letters written apart that is still read as one word.
const MAX_SPLIT_GAP: usize = 3;
/// How many single letters in a row make a word written apart (`r u ok` is not one).
const MIN_SPLIT_LETTERS: usize = 3;
/// A letter written this many times in a row is kept once (`pleeease`).
const REPEAT_RUN: usize = 3;

impl Normalizer {
    /// A normaliser that maps the given emoji to words (lower-case ASCII).
    pub fn new(emoji: impl IntoIterator<Item = (char, String)>) -> Normalizer {
        let mut emoji: Vec<(char, Box<str>)> = emoji.into_iter().map(|(c, w)| (c, w.into_boxed_str())).collect();
        emoji.sort_by_key(|&(c, _)| c);
        emoji.dedup_by_key(|&mut (c, _)| c);
        Normalizer { emoji }
    }

    /// Normalises one text on its own.
    pub fn normalize(&self, text: &str) -> Normalized {
        let mut out = Normalized::default();
        self.append(text, &mut out);
        out
    }

    /// Normalises `text` and appends it to `out` (after a newline if `out` is not empty).
    /// Returns where it starts in `out`.
    pub fn append(&self, text: &str, out: &mut Normalized) -> usize {
        if !out.text.is_empty() {
            out.push(b'\n', 0, 0);
        }
        let start = out.text.len();
        let mut folded = std::mem::take(&mut out.folded);
        self.fold(text, &mut folded);
        out.append_words(&folded);
        out.folded = folded;
        start
    }

    /// The per-character pass.
    fn fold(&self, text: &str, out: &mut Folded) {
        out.clear();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                out.push(b.to_ascii_lowercase(), i, i + 1);
                i += 1;
                continue;
            }
            let ch = text[i..].chars().next().unwrap_or('\u{fffd}');
            let end = i + ch.len_utf8();
            if let Ok(k) = self.emoji.binary_search_by_key(&ch, |&(c, _)| c) {
                out.push(b' ', i, end);
                for &w in self.emoji[k].1.as_bytes() {
                    out.push(w, i, end);
                }
                out.push(b' ', i, end);
            } else if let Ok(k) = FOLD.binary_search_by_key(&ch, |&(c, _)| c) {
                for &w in FOLD[k].1.as_bytes() {
                    out.push(w, i, end);
                }
            } else {
                out.push(b' ', i, end);
            }
            i = end;
        }
    }
}

impl Normalized {
    /// The normalised text (ASCII).
    pub fn as_str(&self) -> &str {
        // Only ASCII bytes are ever pushed.
        std::str::from_utf8(&self.text).unwrap_or_default()
    }

    /// The normalised text as bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.text
    }

    /// Empties the buffer, keeping its allocations.
    pub fn clear(&mut self) {
        self.text.clear();
        self.starts.clear();
        self.ends.clear();
        self.joined.clear();
        self.stretched.clear();
    }

    /// The original byte range that normalised bytes `start..end` stand for.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        (self.starts[start] as usize, self.ends[end - 1] as usize)
    }

    /// Whether a word may begin or end at `pos`.
    pub fn is_boundary(&self, pos: usize) -> bool {
        let word = |p: usize| self.text.get(p).is_some_and(|b| b.is_ascii_alphanumeric());
        if pos == 0 || !word(pos - 1) || !word(pos) {
            return true;
        }
        let pos = pos as u32;
        let before = self.joined.partition_point(|&(s, _)| s < pos);
        before > 0 && pos < self.joined[before - 1].1
    }

    /// Whether `start..end` contains a letter that was written three or more times.
    pub fn is_stretched(&self, start: usize, end: usize) -> bool {
        let first = self.stretched.partition_point(|&p| (p as usize) < start);
        self.stretched.get(first).is_some_and(|&p| (p as usize) < end)
    }

    /// Whether `start..end` lies inside letters that were written apart and joined.
    pub fn is_joined(&self, start: usize, end: usize) -> bool {
        let (start, end) = (start as u32, end as u32);
        let before = self.joined.partition_point(|&(s, _)| s <= start);
        before > 0 && end <= self.joined[before - 1].1
    }

    fn push(&mut self, byte: u8, start: u32, end: u32) {
        self.text.push(byte);
        self.starts.push(start);
        self.ends.push(end);
    }

    /// Removes the last byte, keeping the original range it stood for in the byte before.
    fn merge_last(&mut self) {
        if let (Some(_), Some(end)) = (self.text.pop(), self.ends.pop()) {
            self.starts.pop();
            if let Some(last) = self.ends.last_mut() {
                *last = end;
            }
        }
    }

    /// The word pass: leetspeak, apostrophes, letters written apart, repeats, separators.
    fn append_words(&mut self, folded: &Folded) {
        let bytes = &folded.bytes;
        let mut split = SplitRun::default();
        let mut gap_start: Option<usize> = None;
        let mut i = 0;
        while i < bytes.len() {
            // A word: letters, digits and the symbols leetspeak uses, with apostrophes and
            // number punctuation inside.
            let word_start = i;
            while i < bytes.len() && in_word(bytes, i) {
                i += 1;
            }
            if i == word_start {
                gap_start.get_or_insert(i);
                i += 1;
                continue;
            }
            let gap = gap_start.take().map(|g| &bytes[g..word_start]);
            self.append_word(folded, word_start, i, gap, &mut split);
        }
        split.finish(self);
    }

    fn append_word(&mut self, folded: &Folded, start: usize, end: usize, gap: Option<&[u8]>, split: &mut SplitRun) {
        let bytes = &folded.bytes;
        let word = &bytes[start..end];
        let has_letter = word.iter().any(u8::is_ascii_lowercase);
        let out_start = self.text.len();
        let continues_split = gap.is_some_and(|g| g.len() <= MAX_SPLIT_GAP && g.iter().all(|&b| is_split_mark(b)));
        if !continues_split || out_start == 0 {
            split.finish(self);
        }
        if self.text.last().is_some_and(|&b| b != b'\n') {
            // The space stands for the gap before the word (or its first byte, if none).
            let gap_start = start - gap.map_or(0, <[u8]>::len);
            let gap_end = if gap_start < start { start - 1 } else { start };
            self.push(b' ', folded.starts[gap_start], folded.ends[gap_end]);
        }
        let word_out_start = self.text.len();
        let mut repeat = 0usize;
        for k in start..end {
            let b = bytes[k];
            let out = if b.is_ascii_lowercase() {
                Some(b)
            } else if b.is_ascii_digit() {
                Some(if has_letter && is_leet_digit(bytes, start, end, k) { leet_letter(b).unwrap_or(b) } else { b })
            } else {
                symbol_in_word(bytes, start, end, k)
            };
            let Some(out) = out else {
                // A symbol that is not part of this word splits it.
                if self.text.len() > word_out_start && self.text.last() != Some(&b' ') {
                    self.push(b' ', folded.starts[k], folded.ends[k]);
                }
                repeat = 0;
                continue;
            };
            if out == b'\'' {
                continue;
            }
            let same = self.text.len() > word_out_start && self.text.last() == Some(&out) && out.is_ascii_lowercase();
            repeat = if same { repeat + 1 } else { 1 };
            self.push(out, folded.starts[k], folded.ends[k]);
            if repeat == REPEAT_RUN {
                self.merge_last();
                self.merge_last();
                self.stretched.push((self.text.len() - 1) as u32);
            } else if repeat > REPEAT_RUN {
                self.merge_last();
            }
        }
        while self.text.last() == Some(&b' ') && self.text.len() > word_out_start {
            self.text.pop();
            self.starts.pop();
            self.ends.pop();
        }
        let single_letter = self.text.len() == word_out_start + 1 && self.text[word_out_start].is_ascii_lowercase();
        if single_letter {
            // A lone stretched letter (`nnn`) may be joined with others: its position would move.
            if self.stretched.last() == Some(&(word_out_start as u32)) {
                self.stretched.pop();
            }
            split.letters.push(word_out_start);
        } else {
            split.finish(self);
        }
    }
}

/// Single letters written apart, collected until it is known whether there are enough of
/// them to be a word.
#[derive(Debug, Default)]
struct SplitRun {
    /// Output positions of the letters so far.
    letters: Vec<usize>,
}

impl SplitRun {
    /// Ends the run: joins its letters into one word when there are enough of them.
    fn finish(&mut self, out: &mut Normalized) {
        if self.letters.len() >= MIN_SPLIT_LETTERS {
            let first = self.letters[0];
            let mut write = first;
            for &pos in &self.letters {
                out.text[write] = out.text[pos];
                out.starts[write] = out.starts[pos];
                out.ends[write] = out.ends[pos];
                write += 1;
            }
            let tail = *self.letters.last().unwrap_or(&first) + 1;
            out.text.drain(write..tail);
            out.starts.drain(write..tail);
            out.ends.drain(write..tail);
            out.joined.push((first as u32, write as u32));
            let removed = (tail - write) as u32;
            // Only the word just appended can lie past the run: the rest are sorted before it.
            let moved = out.stretched.partition_point(|&p| p < tail as u32);
            for p in &mut out.stretched[moved..] {
                *p -= removed;
            }
        }
        self.letters.clear();
    }
}

/// Whether the byte at `i` belongs to a word.
fn in_word(bytes: &[u8], i: usize) -> bool {
    let b = bytes[i];
    let alnum = |j: Option<usize>| j.and_then(|j| bytes.get(j)).is_some_and(u8::is_ascii_alphanumeric);
    let digit = |j: Option<usize>| j.and_then(|j| bytes.get(j)).is_some_and(u8::is_ascii_digit);
    match b {
        b'a'..=b'z' | b'0'..=b'9' => true,
        b'@' | b'$' | b'!' | b'|' | b'\'' => alnum(i.checked_sub(1)) || alnum(Some(i + 1)),
        b'.' | b',' | b':' => digit(i.checked_sub(1)) && digit(Some(i + 1)),
        _ => false,
    }
}

/// Whether the digit at `k` stands for a letter: a run of leet digits after a letter
/// (`n00dz`, `nud35`), or a single one before a letter (`5ex`). Numbers such as `14yo`,
/// `10euro` or `john2009` stay numbers.
fn is_leet_digit(bytes: &[u8], start: usize, end: usize, k: usize) -> bool {
    let is_digit = |j: usize| bytes[j].is_ascii_digit();
    let mut lo = k;
    while lo > start && is_digit(lo - 1) {
        lo -= 1;
    }
    let mut hi = k + 1;
    while hi < end && is_digit(hi) {
        hi += 1;
    }
    if !bytes[lo..hi].iter().all(|&b| leet_letter(b).is_some()) {
        return false;
    }
    let letter_before = lo > start && bytes[lo - 1].is_ascii_lowercase();
    let letter_after = hi < end && bytes[hi].is_ascii_lowercase();
    // Leading digits stay a number (`14yo`, `10euro`); trailing ones after a word are
    // letters (`nud35`), since only leetspeak digits are in the run.
    letter_before || (letter_after && hi - lo == 1)
}

/// What a symbol inside a word becomes: a letter (leetspeak), itself (`$` of an amount,
/// number punctuation, an apostrophe to drop), or `None` when it separates words.
fn symbol_in_word(bytes: &[u8], start: usize, end: usize, k: usize) -> Option<u8> {
    let b = bytes[k];
    let letter = |j: usize| (start..end).contains(&j) && bytes[j].is_ascii_lowercase();
    let digit = |j: usize| (start..end).contains(&j) && bytes[j].is_ascii_digit();
    let before = k.checked_sub(1);
    let letter_before = before.is_some_and(letter);
    let letter_after = letter(k + 1);
    match b {
        b'\'' if before.is_some_and(|j| letter(j) || digit(j)) && (letter_after || digit(k + 1)) => Some(b'\''),
        b'.' | b',' | b':' => Some(b),
        b'$' if letter_before || letter_after => Some(b's'),
        b'$' => Some(b'$'),
        b'@' | b'!' | b'|' if letter_before && letter_after => leet_letter(b),
        b'@' if letter_before && k + 1 == end => Some(b'a'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(text: &str) -> String {
        Normalizer::new([('📸', "photo".to_string()), ('🤫', "secret".to_string())]).normalize(text).as_str().to_string()
    }

    #[test]
    fn case_accents_and_punctuation() {
        assert_eq!(norm("Hé, ÇA   va?!"), "he ca va");
        assert_eq!(norm("Tu as quel âge ?"), "tu as quel age");
        assert_eq!(norm("cœur STRAẞE"), "coeur strasse");
    }

    #[test]
    fn apostrophes_inside_words_are_dropped() {
        assert_eq!(norm("don't tell, c’est secret, foto's"), "dont tell cest secret fotos");
        assert_eq!(norm("'quoted'"), "quoted");
    }

    #[test]
    fn leetspeak_inside_words_numbers_stay() {
        assert_eq!(norm("s3nd n00dz"), "send noodz");
        assert_eq!(norm("h0t $exy n@ked 5ex"), "hot sexy naked sex");
        assert_eq!(norm("im 14yo, 10 euro, $50, 21:00, 10.50"), "im 14yo 10 euro $50 21:00 10.50");
        assert_eq!(norm("john2009 @alex nud35"), "john2009 alex nudes");
    }

    #[test]
    fn compatibility_forms_lookalikes_and_invisible_characters() {
        assert_eq!(norm("𝐧𝐮𝐝𝐞𝐬 ⓝⓤⓓⓔⓢ ｎｕｄｅｓ"), "nudes nudes nudes");
        assert_eq!(norm("nu\u{200b}d\u{200d}es"), "nudes");
        // Cyrillic а, е, о, р, с in a Latin word.
        assert_eq!(norm("s\u{435}nd ph\u{43e}t\u{43e}s"), "send photos");
        assert_eq!(norm("ᴘɪᴄ"), "pic");
    }

    #[test]
    fn letters_written_apart_are_joined() {
        assert_eq!(norm("send n u d e s now"), "send nudes now");
        assert_eq!(norm("s.e.n.d me"), "send me");
        assert_eq!(norm("n-u-d-e-s"), "nudes");
        assert_eq!(norm("r u ok"), "r u ok");
    }

    #[test]
    fn repeated_letters_are_kept_once_doubles_stay() {
        assert_eq!(norm("pleeeease nuuudes"), "please nudes");
        assert_eq!(norm("keep good"), "keep good");
        assert_eq!(norm("1000"), "1000");
    }

    #[test]
    fn stretched_letters_are_remembered() {
        let n = Normalizer::default().normalize("a naaaakt keep");
        assert_eq!(n.as_str(), "a nakt keep");
        assert!(n.is_stretched(2, 6));
        assert!(!n.is_stretched(7, 11));
        let joined = Normalizer::default().normalize("s e x y cuuute");
        assert_eq!(joined.as_str(), "sexy cute");
        assert!(joined.is_stretched(5, 9));
    }

    #[test]
    fn emoji_become_words() {
        assert_eq!(norm("send📸🤫"), "send photo secret");
    }

    #[test]
    fn every_output_byte_maps_back_to_the_original() {
        let text = "Sénd ｎｕｄｅｓ pleeease 📸";
        let n = Normalizer::new([('📸', "photo".to_string())]).normalize(text);
        let s = n.as_str();
        let find = |w: &str| {
            let at = s.find(w).expect(w);
            let (a, b) = n.original_span(at, at + w.len());
            &text[a..b]
        };
        assert_eq!(find("send"), "Sénd");
        assert_eq!(find("nudes"), "ｎｕｄｅｓ");
        assert_eq!(find("please"), "pleeease");
        assert_eq!(find("photo"), "📸");
    }

    #[test]
    fn joined_letters_are_boundaries_inside() {
        let n = norm_full("s e n d n u d e s");
        assert_eq!(n.as_str(), "sendnudes");
        assert!(n.is_boundary(4));
        assert!(n.is_joined(0, 9));
        let plain = norm_full("sendnudes");
        assert!(!plain.is_boundary(4));
    }

    fn norm_full(text: &str) -> Normalized {
        Normalizer::default().normalize(text)
    }

    #[test]
    fn appended_messages_are_separated_by_newlines() {
        let mut out = Normalized::default();
        let n = Normalizer::default();
        n.append("Hi there", &mut out);
        n.append("", &mut out);
        n.append("Bye!", &mut out);
        assert_eq!(out.as_str(), "hi there\n\nbye");
        let at = out.as_str().find("bye").unwrap();
        assert_eq!(out.original_span(at, at + 3), (0, 3));
    }
}
