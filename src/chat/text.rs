//! Text as the parsers read it: bytes checked to be text and UTF-8, split into lines.
//!
//! A line ends at `\n`, at `\r\n`, or at a `\r` alone (old Mac software and some exports end
//! lines that way); every parser splits lines here, so that all of them agree on where a
//! line ends. Text that is all in memory is read with [`decode_text`] and [`lines`]; text
//! that arrives in pieces (a zip entry unpacked as it is read) goes through [`LineSplitter`],
//! which makes the same checks and gives the same lines.

use super::ParseError;

const BYTE_ORDER_MARK: &[u8] = b"\xef\xbb\xbf";
/// How much of the start of a file [`looks_binary`] counts control characters in.
const SAMPLE_BYTES: usize = 8192;

/// `bytes` as UTF-8 text without a byte order mark, or why they are not text.
pub(super) fn decode_text(bytes: &[u8]) -> Result<&str, ParseError> {
    let bytes = bytes.strip_prefix(BYTE_ORDER_MARK).unwrap_or(bytes);
    if looks_binary(&bytes[..bytes.len().min(SAMPLE_BYTES)]) || bytes.contains(&0) {
        return Err(ParseError::NotText);
    }
    std::str::from_utf8(bytes).map_err(|error| ParseError::NotUtf8 { line: line_number_at(bytes, error.valid_up_to()) })
}

/// Text never holds NUL bytes, and only rarely other control characters; images, archives
/// and other binary files are full of them. `sample` is the start of the file.
fn looks_binary(sample: &[u8]) -> bool {
    let controls = sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)).count();
    sample.contains(&0) || controls * 100 > sample.len()
}

/// The 1-based number of the line that byte `offset` of `bytes` is on.
fn line_number_at(bytes: &[u8], offset: usize) -> usize {
    let mut line = 1;
    let mut rest = &bytes[..offset];
    while let Some((at, len)) = line_break(rest) {
        line += 1;
        rest = &rest[at + len..];
    }
    line
}

/// Where the first line break in `bytes` starts and how long it is (2 for `\r\n`).
/// A `\r` as the last byte counts as a break of 1, though a `\n` may follow it in a
/// later piece of a stream: [`LineSplitter`] keeps that in mind.
fn line_break(bytes: &[u8]) -> Option<(usize, usize)> {
    let at = bytes.iter().position(|&b| b == b'\n' || b == b'\r')?;
    let crlf = bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n');
    Some((at, if crlf { 2 } else { 1 }))
}

/// Each line of `text` with its byte offset, without its line break. Like `str::split`,
/// text that ends with a line break ends with an empty line, and empty text is one empty line.
pub(super) fn lines(text: &str) -> Lines<'_> {
    Lines { text, at: Some(0) }
}

/// The iterator of [`lines`].
pub(super) struct Lines<'a> {
    text: &'a str,
    /// Where the next line starts; `None` once the last line was given.
    at: Option<usize>,
}

impl<'a> Iterator for Lines<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let start = self.at?;
        let rest = &self.text[start..];
        match line_break(rest.as_bytes()) {
            Some((end, len)) => {
                self.at = Some(start + end + len);
                Some((start, &rest[..end]))
            }
            None => {
                self.at = None;
                Some((start, rest))
            }
        }
    }
}

/// Splits text that arrives in pieces into lines, with the checks of [`decode_text`]: a
/// byte order mark at the start is dropped, binary data is refused, and a line that is not
/// UTF-8 is refused with its number. Only the unfinished last line is kept between pieces.
pub(super) struct LineSplitter {
    /// The start of the text until [`SAMPLE_BYTES`] have come, then the unfinished line.
    pending: Vec<u8>,
    sampled: bool,
    /// The last piece ended with `\r`: a `\n` starting the next piece belongs to that break.
    after_cr: bool,
    /// A NUL byte was seen, or the start looks like binary data.
    binary: bool,
    line: usize,
    /// The first line that is not UTF-8; lines after it are no longer given.
    bad_line: Option<usize>,
}

impl LineSplitter {
    pub(super) fn new() -> LineSplitter {
        LineSplitter { pending: Vec::new(), sampled: false, after_cr: false, binary: false, line: 1, bad_line: None }
    }

    /// Takes the next piece of the text and calls `visit` with each line it completes.
    pub(super) fn push(&mut self, mut piece: &[u8], visit: &mut dyn FnMut(&str)) {
        self.binary |= piece.contains(&0);
        if !self.sampled {
            let wanted = (SAMPLE_BYTES + BYTE_ORDER_MARK.len()).saturating_sub(self.pending.len()).min(piece.len());
            self.pending.extend_from_slice(&piece[..wanted]);
            piece = &piece[wanted..];
            if self.pending.len() < SAMPLE_BYTES + BYTE_ORDER_MARK.len() {
                return;
            }
            self.take_sample(visit);
        }
        self.split(piece, visit);
    }

    /// Ends the text: gives its last line, or says why it is not text.
    pub(super) fn finish(mut self, visit: &mut dyn FnMut(&str)) -> Result<(), ParseError> {
        if !self.sampled {
            self.take_sample(visit);
        }
        let last = std::mem::take(&mut self.pending);
        self.give(&last, visit);
        if self.binary {
            Err(ParseError::NotText)
        } else if let Some(line) = self.bad_line {
            Err(ParseError::NotUtf8 { line })
        } else {
            Ok(())
        }
    }

    /// Checks the start of the text, then splits it like any later piece.
    fn take_sample(&mut self, visit: &mut dyn FnMut(&str)) {
        self.sampled = true;
        let mut start = std::mem::take(&mut self.pending);
        if start.starts_with(BYTE_ORDER_MARK) {
            start.drain(..BYTE_ORDER_MARK.len());
        }
        self.binary |= looks_binary(&start[..start.len().min(SAMPLE_BYTES)]);
        self.split(&start, visit);
    }

    fn split(&mut self, mut piece: &[u8], visit: &mut dyn FnMut(&str)) {
        if self.after_cr && piece.first() == Some(&b'\n') {
            piece = &piece[1..];
        }
        self.after_cr = false;
        while let Some((at, len)) = line_break(piece) {
            if self.pending.is_empty() {
                self.give(&piece[..at], visit);
            } else {
                let mut line = std::mem::take(&mut self.pending);
                line.extend_from_slice(&piece[..at]);
                self.give(&line, visit);
                line.clear();
                self.pending = line;
            }
            self.after_cr = len == 1 && piece[at] == b'\r' && at + 1 == piece.len();
            piece = &piece[at + len..];
        }
        self.pending.extend_from_slice(piece);
    }

    fn give(&mut self, line: &[u8], visit: &mut dyn FnMut(&str)) {
        if self.binary || self.bad_line.is_some() {
            return;
        }
        match std::str::from_utf8(line) {
            Ok(line) => visit(line),
            Err(_) => self.bad_line = Some(self.line),
        }
        self.line += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_lines(text: &str) -> Vec<&str> {
        lines(text).map(|(_, line)| line).collect()
    }

    /// The lines `LineSplitter` gives for `bytes` cut into pieces of `size`.
    fn split_in_pieces(bytes: &[u8], size: usize) -> Result<Vec<String>, ParseError> {
        let mut got = Vec::new();
        let mut splitter = LineSplitter::new();
        for piece in bytes.chunks(size) {
            splitter.push(piece, &mut |line| got.push(line.to_string()));
        }
        splitter.finish(&mut |line| got.push(line.to_string()))?;
        Ok(got)
    }

    #[test]
    fn lines_end_at_lf_crlf_and_a_lone_cr() {
        assert_eq!(all_lines("a\nb\r\nc\rd"), ["a", "b", "c", "d"]);
        assert_eq!(all_lines("a\r\rb\n\r"), ["a", "", "b", "", ""]);
        assert_eq!(all_lines(""), [""]);
        let offsets: Vec<usize> = lines("ab\r\ncd\ref").map(|(at, _)| at).collect();
        assert_eq!(offsets, [0, 4, 7]);
    }

    #[test]
    fn pieces_give_the_same_lines_wherever_they_are_cut() {
        let text = "\u{feff}Alex: hi\rSam: hey\r\nAlex: ça va?\n\nSam: 😊\r";
        let expected: Vec<&str> = all_lines(text.strip_prefix('\u{feff}').unwrap_or(text));
        for size in [1, 2, 3, 5, 7, 64] {
            assert_eq!(split_in_pieces(text.as_bytes(), size).unwrap(), expected, "pieces of {size}");
        }
    }

    #[test]
    fn pieces_are_checked_like_text_in_memory() {
        let latin1 = b"Alex: salut\rSam: \xe7a va\nAlex: ok";
        assert_eq!(decode_text(latin1), Err(ParseError::NotUtf8 { line: 2 }));
        assert_eq!(split_in_pieces(latin1, 4), Err(ParseError::NotUtf8 { line: 2 }));
        let mut nul_late = "Alex: hi\n".repeat(2000).into_bytes();
        nul_late.push(0);
        assert_eq!(decode_text(&nul_late), Err(ParseError::NotText));
        assert_eq!(split_in_pieces(&nul_late, 1000), Err(ParseError::NotText));
        let controls = [1u8, 2, 3, 4].repeat(10);
        assert_eq!(split_in_pieces(&controls, 3), Err(ParseError::NotText));
    }
}
