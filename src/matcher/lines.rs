//! The lines of a batch of normalised text, one message each: a pattern is searched in the
//! line around its anchor, and patterns that need a digit only in the lines that have one.

/// Where the lines of a batch of normalised text start, found once per batch: looking back
/// for the line start at every hit made a long single line quadratic.
pub(super) struct Lines {
    /// Positions of the line breaks.
    breaks: Vec<usize>,
    len: usize,
}

impl Lines {
    pub(super) fn new(bytes: &[u8]) -> Lines {
        Lines { breaks: bytes.iter().enumerate().filter(|&(_, &b)| b == b'\n').map(|(i, _)| i).collect(), len: bytes.len() }
    }

    /// The line that holds byte `pos`, without its line break.
    pub(super) fn around(&self, pos: usize) -> std::ops::Range<usize> {
        let k = self.breaks.partition_point(|&b| b < pos);
        let start = if k == 0 { 0 } else { self.breaks[k - 1] + 1 };
        start..self.breaks.get(k).copied().unwrap_or(self.len)
    }

    /// The stretches of lines that hold an ASCII digit, neighbouring lines joined (no pattern
    /// matches across a line break).
    pub(super) fn with_digits(&self, bytes: &[u8]) -> Vec<std::ops::Range<usize>> {
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
