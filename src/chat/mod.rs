//! Chat sources: turn pasted text or an export file into [`Message`]s.
//!
//! Each format lives in its own module; [`parse`] detects which one a file is and
//! says clearly when it is none of them.

mod plain;

use std::fmt;

use serde::Serialize;

use crate::conversation::Message;

pub use plain::parse_plain;

/// The chat formats redflag reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Pasted text: `Name: message` lines, or lines without a speaker.
    Plain,
}

impl Format {
    /// All formats, in the order detection tries them.
    pub const ALL: &'static [Format] = &[Format::Plain];

    /// The format's name as used on the command line and in results.
    pub fn name(self) -> &'static str {
        match self {
            Format::Plain => "plain",
        }
    }

    /// The format called `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.iter().copied().find(|f| f.name() == name)
    }
}

/// A parsed chat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chat {
    pub format: Format,
    pub messages: Vec<Message>,
}

/// Why a file could not be read as a chat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// The bytes are not text (or not UTF-8) and no binary format matched.
    NotText,
    /// The file was read but holds no messages.
    Empty,
    /// The file looks like `format` but is broken at `detail`.
    Corrupt { format: Format, detail: String },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::NotText => f.write_str("this file is not a chat export redflag can read (it is not text)"),
            ParseError::Empty => f.write_str("this chat has no messages"),
            ParseError::Corrupt { format, detail } => write!(f, "this {} chat export is damaged: {detail}", format.name()),
        }
    }
}

impl std::error::Error for ParseError {}

/// Reads `bytes` as a chat, in `format` or, when `None`, whichever format they are in.
pub fn parse(bytes: &[u8], format: Option<Format>) -> Result<Chat, ParseError> {
    let format = format.unwrap_or(Format::Plain);
    let text = std::str::from_utf8(bytes).map_err(|_| ParseError::NotText)?;
    if text.contains('\0') {
        return Err(ParseError::NotText);
    }
    let messages = match format {
        Format::Plain => parse_plain(text),
    };
    if messages.is_empty() {
        return Err(ParseError::Empty);
    }
    Ok(Chat { format, messages })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_and_empty_input_are_refused_with_a_reason() {
        assert_eq!(parse(&[0xff, 0xfe, 0x00, 0x01], None), Err(ParseError::NotText));
        assert_eq!(parse(b"  \n\n", None), Err(ParseError::Empty));
    }
}
