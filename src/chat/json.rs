//! What the JSON exports share: telling them apart, saying where a damaged file breaks,
//! and mending what exporters get wrong: Meta's mojibake, emoji cut in half (a lone UTF-16
//! surrogate), times written as fractions, and single messages of the wrong shape, which
//! are left out and counted rather than failing the whole file.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, IgnoredAny, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::{discord, meta, snapchat, telegram, Format, ParseError, Read};

/// Reads one JSON layout into messages; serde's error says where the file differs.
type JsonReader = fn(&str) -> serde_json::Result<Read>;

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
pub(super) fn detect_and_parse(text: &str) -> Result<(Format, Read), ParseError> {
    let (text, repaired) = repair_lone_surrogates(text);
    let (format, read) = detect_and_parse_repaired(&text)?;
    Ok((format, read.with_repaired(repaired)))
}

fn detect_and_parse_repaired(text: &str) -> Result<(Format, Read), ParseError> {
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
        if let Some(Ok(read)) = reader(format).map(|read| read(text)) {
            return Ok((format, read));
        }
    }
    // The keys of one app are there but its layout did not fit: a damaged export of that
    // app is the likelier story than some other JSON file.
    match sniff(text) {
        Some(format) => Err(parse_repaired_as(text, format).err().unwrap_or(ParseError::Empty)),
        None => Err(ParseError::Unsupported {
            detail: "it is a JSON file, but not a chat export from an app redflag knows".to_string(),
        }),
    }
}

/// Reads `text` as `format`, which must be one of the JSON formats.
pub(super) fn parse_as(text: &str, format: Format) -> Result<Read, ParseError> {
    let (text, repaired) = repair_lone_surrogates(text);
    Ok(parse_repaired_as(&text, format)?.with_repaired(repaired))
}

fn parse_repaired_as(text: &str, format: Format) -> Result<Read, ParseError> {
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

/// JSON text with every lone UTF-16 surrogate escape (a `\ud83d` with no low half after it,
/// or a low half alone) replaced by `\ufffd`, the replacement character, and how many were
/// replaced. Exporters that cut text to a length can cut an emoji's pair of escapes in two,
/// and serde_json rightly refuses such a string, which would fail the whole file. Both
/// escapes are six bytes long, so positions in error messages stay true.
pub(super) fn repair_lone_surrogates(text: &str) -> (Cow<'_, str>, usize) {
    if !text.contains("\\ud") && !text.contains("\\uD") {
        return (Cow::Borrowed(text), 0);
    }
    let bytes = text.as_bytes();
    let mut lone = Vec::new();
    let mut in_string = false;
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'"' => in_string = !in_string,
            b'\\' if in_string => {
                let step = match unicode_escape_at(bytes, at) {
                    Some(0xd800..=0xdbff) if matches!(unicode_escape_at(bytes, at + 6), Some(0xdc00..=0xdfff)) => 12,
                    Some(0xd800..=0xdfff) => {
                        lone.push(at);
                        6
                    }
                    Some(_) => 6,
                    // `\"`, `\\` and the like: the escaped byte is not the string's end.
                    None => 2,
                };
                at += step;
                continue;
            }
            _ => {}
        }
        at += 1;
    }
    if lone.is_empty() {
        return (Cow::Borrowed(text), 0);
    }
    let mut repaired = String::with_capacity(text.len());
    let mut copied = 0;
    for &escape in &lone {
        // Escapes are ASCII, so these are character boundaries.
        repaired.push_str(&text[copied..escape]);
        repaired.push_str("\\ufffd");
        copied = escape + 6;
    }
    repaired.push_str(&text[copied..]);
    (Cow::Owned(repaired), lone.len())
}

/// The code unit of a `\uXXXX` escape starting at `at`.
fn unicode_escape_at(bytes: &[u8], at: usize) -> Option<u32> {
    let escape = bytes.get(at..at + 6)?;
    if &escape[..2] != b"\\u" {
        return None;
    }
    let hex = std::str::from_utf8(&escape[2..]).ok()?;
    u32::from_str_radix(hex, 16).ok().filter(|_| hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A JSON list read one element at a time: an element that does not have the layout (a
/// missing field, a value of the wrong kind) is left out and counted instead of failing
/// the whole file. A list of which no element fits is not of this layout at all, and the
/// first element's error is the answer, so that detection moves on to the next format.
pub(super) struct Tolerant<T> {
    pub(super) items: Vec<T>,
    pub(super) skipped: usize,
}

impl<T> Default for Tolerant<T> {
    fn default() -> Tolerant<T> {
        Tolerant { items: Vec::new(), skipped: 0 }
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Tolerant<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Tolerant<T>, D::Error> {
        deserializer.deserialize_seq(TolerantVisitor(PhantomData))
    }
}

struct TolerantVisitor<T>(PhantomData<T>);

impl<'de, T: DeserializeOwned> Visitor<'de> for TolerantVisitor<T> {
    type Value = Tolerant<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut elements: A) -> Result<Tolerant<T>, A::Error> {
        let mut list = Tolerant::default();
        let mut first_error = None;
        // Each element is first read as any JSON value, which only broken syntax can fail,
        // so that the reading goes on after an element of the wrong shape.
        while let Some(value) = elements.next_element::<serde_json::Value>()? {
            match T::deserialize(value) {
                Ok(item) => list.items.push(item),
                Err(error) => {
                    list.skipped += 1;
                    first_error.get_or_insert(error);
                }
            }
        }
        match first_error {
            Some(error) if list.items.is_empty() => Err(de::Error::custom(error)),
            _ => Ok(list),
        }
    }
}

/// A whole number that some exports write as a fraction (`1795468445000.0`), read either
/// way; `was_fraction` says the file had it as one, so that the repair is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct WholeNumber {
    pub(super) value: i64,
    pub(super) was_fraction: bool,
}

impl<'de> Deserialize<'de> for WholeNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<WholeNumber, D::Error> {
        deserializer.deserialize_any(WholeNumberVisitor)
    }
}

struct WholeNumberVisitor;

impl Visitor<'_> for WholeNumberVisitor {
    type Value = WholeNumber;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number")
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<WholeNumber, E> {
        Ok(WholeNumber { value, was_fraction: false })
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<WholeNumber, E> {
        let value = i64::try_from(value).map_err(|_| E::custom("the number is too large"))?;
        Ok(WholeNumber { value, was_fraction: false })
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<WholeNumber, E> {
        // The bounds are where an i64 ends; `as` would saturate silently beyond them.
        if !(value.is_finite() && value >= i64::MIN as f64 && value < i64::MAX as f64) {
            return Err(E::custom("the number is too large"));
        }
        Ok(WholeNumber { value: value.trunc() as i64, was_fraction: true })
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
    fn lone_surrogates_are_replaced_and_pairs_kept() {
        let text = r#"{"a":"cut \ud83d","b":"\ud83d\ude00 ok","c":"\\ud800 is text","d":"\udc00\uD800x"}"#;
        let (repaired, count) = repair_lone_surrogates(text);
        assert_eq!(count, 3);
        assert_eq!(repaired.len(), text.len());
        let value: serde_json::Value = serde_json::from_str(&repaired).unwrap();
        assert_eq!(value["a"], "cut \u{fffd}");
        assert_eq!(value["b"], "😀 ok");
        assert_eq!(value["c"], "\\ud800 is text");
        assert_eq!(value["d"], "\u{fffd}\u{fffd}x");
        assert!(matches!(repair_lone_surrogates("{\"a\":\"😀\"}"), (Cow::Borrowed(_), 0)));
        // Cut off inside an escape: nothing to repair, and no panic.
        assert_eq!(repair_lone_surrogates(r#"{"a":"\ud8"#).1, 0);
    }

    #[test]
    fn list_elements_of_the_wrong_shape_are_counted_and_skipped() {
        #[derive(Deserialize)]
        struct Item {
            n: WholeNumber,
        }
        let read = |json: &str| serde_json::from_str::<Tolerant<Item>>(json);
        let list = read(r#"[{"n":1},{"n":"one"},{"m":2},{"n":2.5}]"#).unwrap();
        let numbers: Vec<WholeNumber> = list.items.iter().map(|item| item.n).collect();
        assert_eq!(
            numbers,
            [WholeNumber { value: 1, was_fraction: false }, WholeNumber { value: 2, was_fraction: true }]
        );
        assert_eq!(list.skipped, 2);
        assert!(read(r#"[{"m":1}]"#).is_err(), "no element fits: not this layout");
        assert_eq!(read("[]").map(|list| list.skipped).ok(), Some(0));
        assert!(read(r#"[{"n":1e300}]"#).is_err());
        assert!(read(r#"[{"n":1},{"n":"#).is_err(), "broken syntax still fails");
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
