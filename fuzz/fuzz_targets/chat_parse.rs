//! Arbitrary bytes as a chat export: `parse_chat` returns a chat with messages or an
//! error, never panics, whether it detects the format or is told one (the first byte picks
//! the format for the second parse, of the bytes after it).

#![no_main]

use libfuzzer_sys::fuzz_target;
use redflag::{parse_chat, speakers, Format};

fn parse(bytes: &[u8], format: Option<Format>) {
    match parse_chat(bytes, format) {
        Ok(chat) => {
            assert!(!chat.messages.is_empty(), "a parsed chat without messages");
            if let Some(format) = format {
                assert_eq!(chat.format, format);
            }
            let _ = speakers(&chat.messages);
        }
        Err(error) => {
            let _ = error.to_string();
        }
    }
}

fuzz_target!(|data: &[u8]| {
    parse(data, None);
    if let Some((&first, rest)) = data.split_first() {
        parse(rest, Some(Format::ALL[first as usize % Format::ALL.len()]));
    }
});
