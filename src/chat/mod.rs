//! Chat sources: turn pasted text or an export file into [`Message`]s.
//!
//! Each format lives in its own module; [`parse`] detects which one a file is and
//! says clearly when it is none of them.

mod discord;
mod json;
mod meta;
mod plain;
mod snapchat;
mod telegram;
mod text;
mod time;
mod whatsapp;
mod zip;

use std::fmt;

use serde::{Serialize, Serializer};

use crate::conversation::Message;

pub use plain::parse_plain;
use text::decode_text;
/// Message times, read by the judge to tell how far apart two messages are.
pub(crate) use time::Timestamp;

/// The most messages a chat may have: 50 times what WhatsApp puts in an export (40,000), and
/// few enough that a crafted file of millions of one-word messages, each of which takes
/// some 170 bytes in memory however short it is, is refused instead of taking gigabytes.
/// WhatsApp files are counted before any message is made.
pub const MAX_MESSAGES: usize = 2_000_000;

/// The chat formats redflag reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// WhatsApp "Export chat": the `.txt` file (Android or iOS) or the `.zip` holding it.
    WhatsApp,
    /// DiscordChatExporter's JSON export of one channel.
    Discord,
    /// Telegram Desktop's JSON export (`result.json`), one chat or all of them.
    Telegram,
    /// Instagram's or Facebook Messenger's "Download your information" JSON (`message_1.json`).
    InstagramMessenger,
    /// Snapchat "My Data" chat history (`chat_history.json`).
    Snapchat,
    /// Pasted text: `Name: message` lines, or lines without a speaker.
    Plain,
}

impl Format {
    /// All formats, in the order detection tries them. Plain text comes last: it is
    /// what any readable text is when it is nothing more specific.
    pub const ALL: &'static [Format] = &[
        Format::WhatsApp,
        Format::Discord,
        Format::Telegram,
        Format::InstagramMessenger,
        Format::Snapchat,
        Format::Plain,
    ];

    /// The format's name as used on the command line and in results.
    pub fn name(self) -> &'static str {
        match self {
            Format::WhatsApp => "whatsapp",
            Format::Discord => "discord",
            Format::Telegram => "telegram",
            Format::InstagramMessenger => "instagram-messenger",
            Format::Snapchat => "snapchat",
            Format::Plain => "plain",
        }
    }

    /// The format called `name`, if there is one. `instagram`, `messenger` and `facebook`
    /// are accepted too, since people know the app rather than the file layout they share.
    pub fn from_name(name: &str) -> Option<Format> {
        match name {
            "instagram" | "messenger" | "facebook" => Some(Format::InstagramMessenger),
            _ => Format::ALL.iter().copied().find(|f| f.name() == name),
        }
    }

    /// How the format is called in sentences shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Format::WhatsApp => "WhatsApp",
            Format::Discord => "Discord",
            Format::Telegram => "Telegram",
            Format::InstagramMessenger => "Instagram or Messenger",
            Format::Snapchat => "Snapchat",
            Format::Plain => "pasted text",
        }
    }
}

impl Serialize for Format {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// A parsed chat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chat {
    /// The app the file was exported from (or plain text).
    pub format: Format,
    /// The messages, in the order written.
    pub messages: Vec<Message>,
    /// Messages in the file that could not be read (a missing field, a value of the wrong
    /// kind) and were left out, so that people can be told the check did not see them.
    pub skipped: usize,
    /// Flaws mended while reading: a broken character (half an emoji) replaced with
    /// U+FFFD, a time written as a fraction.
    pub repaired: usize,
}

/// Messages as a reader found them, before they are a [`Chat`].
#[derive(Debug, Default)]
struct Read {
    messages: Vec<Message>,
    skipped: usize,
    repaired: usize,
}

impl Read {
    /// Messages read with nothing left out or mended.
    fn whole(messages: Vec<Message>) -> Read {
        Read { messages, skipped: 0, repaired: 0 }
    }

    fn with_repaired(self, more: usize) -> Read {
        Read { repaired: self.repaired + more, ..self }
    }
}

/// Why a file could not be read as a chat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// The bytes are not text and no binary format matched.
    NotText,
    /// The bytes are text in an old encoding (such as Latin-1), not UTF-8.
    NotUtf8 {
        /// The first line with a byte that is not UTF-8, from 1.
        line: usize,
    },
    /// The file was read but holds no messages.
    Empty,
    /// The file looks like an export of one app but is broken.
    Corrupt {
        /// The app the file looks like it came from.
        format: Format,
        /// Where it breaks, in the reader's words.
        detail: String,
    },
    /// The file is a damaged JSON or zip file whose app could not be told.
    Damaged {
        /// What is damaged, in the reader's words.
        detail: String,
    },
    /// The file is readable but is not a chat export redflag knows.
    Unsupported {
        /// What the file looks like instead.
        detail: String,
    },
    /// The zip file is locked with a password.
    Encrypted,
    /// The chat inside the zip file unpacks to more than `limit_mb` megabytes.
    TooLarge {
        /// The limit, in megabytes.
        limit_mb: usize,
    },
    /// The chat has more than [`MAX_MESSAGES`] messages.
    TooManyMessages {
        /// The limit, in messages.
        limit: usize,
    },
}

impl ParseError {
    /// A stable name for the kind of error, such as `not_utf8`, that a page can translate
    /// (the `Display` text is English); [`ParseError::args`] fills its placeholders.
    pub fn code(&self) -> &'static str {
        match self {
            ParseError::NotText => "not_text",
            ParseError::NotUtf8 { .. } => "not_utf8",
            ParseError::Empty => "empty",
            ParseError::Corrupt { .. } => "corrupt",
            ParseError::Damaged { .. } => "damaged",
            ParseError::Unsupported { .. } => "unsupported",
            ParseError::Encrypted => "encrypted",
            ParseError::TooLarge { .. } => "too_large",
            ParseError::TooManyMessages { .. } => "too_many_messages",
        }
    }

    /// The values a translation of [`ParseError::code`] may name, as (placeholder, value).
    /// `detail` is the parser's own English words on what is wrong.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            ParseError::NotUtf8 { line } => vec![("line", line.to_string())],
            ParseError::Corrupt { format, detail } => vec![("format", format.label().to_string()), ("detail", detail.clone())],
            ParseError::Damaged { detail } | ParseError::Unsupported { detail } => vec![("detail", detail.clone())],
            ParseError::TooLarge { limit_mb } => vec![("limit_mb", limit_mb.to_string())],
            ParseError::TooManyMessages { limit } => vec![("limit", limit.to_string())],
            ParseError::NotText | ParseError::Empty | ParseError::Encrypted => Vec::new(),
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::NotText => f.write_str("this file is not a chat export redflag can read (it is not text)"),
            ParseError::NotUtf8 { line } => write!(
                f,
                "this file is not a chat export redflag can read: its text is not saved as UTF-8 \
                 (line {line} has letters redflag cannot read); export the chat again from the app, \
                 or save the file as UTF-8"
            ),
            ParseError::Empty => f.write_str("this chat has no messages"),
            ParseError::Corrupt { format, detail } => write!(f, "this {} chat export is damaged: {detail}", format.label()),
            ParseError::Damaged { detail } => write!(f, "this file is damaged: {detail}"),
            ParseError::Unsupported { detail } => write!(f, "this file is not a chat export redflag can read: {detail}"),
            ParseError::Encrypted => f.write_str(
                "this zip file is locked with a password, so redflag cannot open it; export the chat again without a password",
            ),
            ParseError::TooLarge { limit_mb } => {
                write!(f, "this chat export is too big for redflag: it unpacks to more than {limit_mb} MB")
            }
            ParseError::TooManyMessages { limit } => write!(
                f,
                "this chat has more messages than redflag can check at once (more than {}); export a shorter part of it",
                thousands(*limit)
            ),
        }
    }
}

impl std::error::Error for ParseError {}

/// `n` with a comma between groups of three digits, as in `2,000,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// Reads `bytes` as a chat, in `format` or, when `None`, whichever format they are in.
pub fn parse(bytes: &[u8], format: Option<Format>) -> Result<Chat, ParseError> {
    let (format, read) = match format {
        Some(format) => (format, parse_as(bytes, format)?),
        None => detect_and_parse(bytes)?,
    };
    if read.messages.is_empty() {
        return Err(ParseError::Empty);
    }
    if read.messages.len() > MAX_MESSAGES {
        return Err(ParseError::TooManyMessages { limit: MAX_MESSAGES });
    }
    Ok(Chat { format, messages: read.messages, skipped: read.skipped, repaired: read.repaired })
}

fn parse_as(bytes: &[u8], format: Format) -> Result<Read, ParseError> {
    match format {
        Format::WhatsApp => whatsapp::parse_export(bytes).map(Read::whole),
        Format::Plain => Ok(Read::whole(parse_plain(decode_text(bytes)?))),
        Format::Discord | Format::Telegram | Format::InstagramMessenger | Format::Snapchat => {
            json::parse_as(decode_text(bytes)?, format)
        }
    }
}

/// Tries the formats in [`Format::ALL`] order. Plain text is the fallback only for text
/// that does not look like a damaged structured export.
fn detect_and_parse(bytes: &[u8]) -> Result<(Format, Read), ParseError> {
    if zip::is_zip(bytes) {
        return Ok((Format::WhatsApp, Read::whole(whatsapp::parse_zip(bytes)?)));
    }
    let text = decode_text(bytes)?;
    if whatsapp::looks_like_whatsapp(text) {
        return Ok((Format::WhatsApp, Read::whole(whatsapp::parse_text(text)?)));
    }
    if json::looks_like_json(text) {
        return json::detect_and_parse(text);
    }
    if looks_like_html(text) {
        return Err(ParseError::Unsupported {
            detail: "it is a web page (HTML); when you download your data from the app, choose the JSON format"
                .to_string(),
        });
    }
    Ok((Format::Plain, Read::whole(parse_plain(text))))
}

/// Instagram, Facebook, Telegram and Snapchat also offer their exports as web pages; read
/// as pasted text they would be a heap of markup.
fn looks_like_html(text: &str) -> bool {
    let start: String = text.trim_start().chars().take(14).collect::<String>().to_ascii_lowercase();
    start.starts_with("<!doctype html") || start.starts_with("<html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_and_empty_input_are_refused_with_a_reason() {
        assert_eq!(parse(&[0xff, 0xfe, 0x00, 0x01], None), Err(ParseError::NotText));
        assert_eq!(parse(b"  \n\n", None), Err(ParseError::Empty));
    }

    #[test]
    fn latin1_text_is_told_apart_from_binary_with_its_line() {
        let latin1 = b"Alex: salut\nSam: \xe7a va? tu as quel \xe2ge\n";
        assert_eq!(parse(latin1, None), Err(ParseError::NotUtf8 { line: 2 }));
        assert!(parse(latin1, None).unwrap_err().to_string().contains("line 2"));
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_text() {
        let chat = parse("\u{feff}Alex: hoi".as_bytes(), None).unwrap();
        assert_eq!(chat.messages[0].speaker.as_deref(), Some("Alex"));
    }

    #[test]
    fn html_exports_are_sent_back_for_json() {
        let error =
            parse(b"<!DOCTYPE html>\n<html><body><div class=\"message\">hi</div></body></html>", None).unwrap_err();
        assert!(error.to_string().contains("choose the JSON format"), "{error}");
        assert!(parse(b"<html", None).is_err());
        assert_eq!(parse("<3 Max: hoi".as_bytes(), None).map(|c| c.format), Ok(Format::Plain));
    }

    #[test]
    fn too_many_messages_are_refused_with_the_limit() {
        let text = "a\n".repeat(MAX_MESSAGES + 1);
        let error = parse(text.as_bytes(), Some(Format::Plain)).unwrap_err();
        assert_eq!(error, ParseError::TooManyMessages { limit: MAX_MESSAGES });
        assert!(error.to_string().contains("(more than 2,000,000)"), "{error}");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
    }

    #[test]
    fn every_error_has_its_own_code_and_the_values_its_message_names() {
        let detail = || "line 3: not JSON".to_string();
        let errors = [
            ParseError::NotText,
            ParseError::NotUtf8 { line: 2 },
            ParseError::Empty,
            ParseError::Corrupt { format: Format::Discord, detail: detail() },
            ParseError::Damaged { detail: detail() },
            ParseError::Unsupported { detail: detail() },
            ParseError::Encrypted,
            ParseError::TooLarge { limit_mb: 200 },
            ParseError::TooManyMessages { limit: 5 },
        ];
        let codes: std::collections::BTreeSet<_> = errors.iter().map(ParseError::code).collect();
        assert_eq!(codes.len(), errors.len(), "{codes:?}");
        for error in &errors {
            for (name, value) in error.args() {
                assert!(!value.is_empty(), "{}: {name}", error.code());
                assert!(error.to_string().contains(value.as_str()), "{} names {name} = {value}: {error}", error.code());
            }
        }
        assert_eq!(ParseError::NotUtf8 { line: 2 }.args(), vec![("line", "2".to_string())]);
    }

    #[test]
    fn every_format_is_found_by_its_name() {
        for &format in Format::ALL {
            assert_eq!(Format::from_name(format.name()), Some(format));
        }
        assert_eq!(Format::from_name("instagram"), Some(Format::InstagramMessenger));
        assert_eq!(Format::from_name("msn"), None);
    }

    #[test]
    fn formats_serialize_as_their_names() {
        let json = serde_json::to_string(&Format::InstagramMessenger).unwrap();
        assert_eq!(json, "\"instagram-messenger\"");
    }
}
