//! What the JSON exports share: telling them apart, saying where a damaged file breaks,
//! and repairing Meta's mojibake.

use serde::de::IgnoredAny;

use super::{discord, meta, snapchat, telegram, Format, ParseError};
use crate::conversation::Message;

/// Reads one JSON layout into messages; serde's error says where the file differs.
type JsonReader = fn(&str) -> serde_json::Result<Vec<Message>>;

fn reader(format: Format) -> Option<JsonReader> {
    match format {
        Format::Discord => Some(discord::read),
        Format::Telegram => Some(telegram::read),
        Format::InstagramMessenger => Some(meta::read),
        Format::Snapchat => Some(snapchat::read),
        Format::WhatsApp | Format::Plain => None,
    }
}

/// Whether `text` is meant to be JSON: an object, or an array of values. Text pasted from
/// WhatsApp Web also starts with `[` (`[21:14, 23/11/2026] Alex: hi`), so an array must
/// open on something only JSON has there.
pub(super) fn looks_like_json(text: &str) -> bool {
    let text = text.trim_start();
    match text.strip_prefix('[') {
        Some(inside) => matches!(inside.trim_start().bytes().next(), Some(b'{' | b'[' | b'"' | b']')),
        None => text.starts_with('{'),
    }
}

/// Reads `text` as the first JSON format whose layout it has.
pub(super) fn detect_and_parse(text: &str) -> Result<(Format, Vec<Message>), ParseError> {
    // One pass over the syntax first, so a damaged file is reported as damaged rather than
    // as "no layout matched".
    if let Err(error) = serde_json::from_str::<IgnoredAny>(text) {
        let detail = describe(&error, None);
        return Err(match sniff(text) {
            Some(format) => ParseError::Corrupt { format, detail },
            None => ParseError::Damaged { detail },
        });
    }
    for &format in Format::ALL {
        if let Some(Ok(messages)) = reader(format).map(|read| read(text)) {
            return Ok((format, messages));
        }
    }
    // The keys of one app are there but its layout did not fit: a damaged export of that
    // app is the likelier story than some other JSON file.
    match sniff(text) {
        Some(format) => Err(parse_as(text, format).err().unwrap_or(ParseError::Empty)),
        None => Err(ParseError::Unsupported {
            detail: "it is a JSON file, but not a chat export from an app redflag knows".to_string(),
        }),
    }
}

/// Reads `text` as `format`, which must be one of the JSON formats.
pub(super) fn parse_as(text: &str, format: Format) -> Result<Vec<Message>, ParseError> {
    let read =
        reader(format).ok_or(ParseError::Unsupported { detail: format!("{} is not a JSON format", format.label()) })?;
    read(text).map_err(|error| ParseError::Corrupt { format, detail: describe(&error, Some(format)) })
}

/// The app whose export keys appear in `text`, for naming the app in an error about a
/// file too damaged to read.
fn sniff(text: &str) -> Option<Format> {
    let has = |keys: &[&str]| keys.iter().all(|key| text.contains(key));
    if has(&["\"guild\"", "\"channel\""]) {
        Some(Format::Discord)
    } else if has(&["\"sender_name\"", "\"timestamp_ms\""]) {
        Some(Format::InstagramMessenger)
    } else if has(&["\"Media Type\"", "\"Created\""]) {
        Some(Format::Snapchat)
    } else if has(&["\"from_id\""]) || has(&["\"date_unixtime\""]) {
        Some(Format::Telegram)
    } else {
        None
    }
}

/// A sentence about where and how the JSON is broken.
fn describe(error: &serde_json::Error, format: Option<Format>) -> String {
    let place = match error.line() {
        0 => String::new(),
        line => format!(" at line {line}, column {}", error.column()),
    };
    match error.classify() {
        serde_json::error::Category::Eof => {
            format!("the file stops too early{place}; maybe the download did not finish")
        }
        serde_json::error::Category::Syntax | serde_json::error::Category::Io => {
            format!("something is written wrong{place}")
        }
        serde_json::error::Category::Data => {
            let message = error.to_string();
            let reason = message.split(" at line ").next().unwrap_or(&message);
            let app = format.map_or("a chat", Format::label);
            format!("the file does not have what a {app} export has{place} ({reason})")
        }
    }
}

/// Undoes mojibake in Meta's exports, which write each UTF-8 byte as its own `\u00XX`
/// escape (`"\u00c3\u00a9"` for `é`). When every character is at most U+00FF and those
/// bytes are valid UTF-8, the bytes are what was meant; otherwise the text is left as is.
pub(super) fn repair_mojibake(text: String) -> String {
    if text.is_ascii() || text.chars().any(|c| u32::from(c) > 0xff) {
        return text;
    }
    // Every char is at most U+00FF here, so each is exactly one byte.
    let bytes: Vec<u8> = text.chars().map(|c| c as u8).collect();
    String::from_utf8(bytes).unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mojibake_is_repaired_and_real_latin1_kept() {
        assert_eq!(repair_mojibake("caf\u{c3}\u{a9}".to_string()), "café");
        assert_eq!(repair_mojibake("\u{f0}\u{9f}\u{98}\u{98}".to_string()), "😘");
        assert_eq!(repair_mojibake("café".to_string()), "café");
        assert_eq!(repair_mojibake("déjà vu 😘".to_string()), "déjà vu 😘");
        assert_eq!(repair_mojibake("plain".to_string()), "plain");
    }

    #[test]
    fn json_is_told_apart_from_pasted_whatsapp_web_text() {
        assert!(looks_like_json("  {\"messages\": []}"));
        assert!(looks_like_json("[{\"a\": 1}]"));
        assert!(!looks_like_json("[21:14, 23/11/2026] Alex: hi"));
        assert!(!looks_like_json("Alex: {curly}"));
    }

    #[test]
    fn damaged_json_says_where() {
        let error = detect_and_parse("{\"messages\": [ {\"a\": 1}, ").unwrap_err();
        assert!(error.to_string().contains("line 1, column 25"), "{error}");
        assert!(error.to_string().contains("stops too early"), "{error}");
    }

    #[test]
    fn other_json_is_not_a_chat() {
        let error = detect_and_parse("{\"name\": \"redflag\", \"version\": 1}").unwrap_err();
        assert!(matches!(error, ParseError::Unsupported { .. }), "{error}");
    }
}
