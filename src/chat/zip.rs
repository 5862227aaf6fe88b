//! Just enough of the ZIP format to take one file out of a WhatsApp export: the central
//! directory at the end of the archive, stored and deflated entries, and a CRC-32 check.
//! Every offset and length read from the file is checked against the bytes that are
//! really there. An entry is unpacked piece by piece, never whole into memory, and
//! unpacking stops at [`MAX_UNPACKED_BYTES`].

use miniz_oxide::inflate::stream::{inflate, InflateState};
use miniz_oxide::{DataFormat, MZFlush, MZStatus};

use super::ParseError;

/// The most a chat file may unpack to: far above any real chat (years of messages are a
/// few megabytes). The unpacked text is never held whole, but the messages read from it
/// are: about three times its size for real chats, more for a file of very short messages,
/// whose number [`super::MAX_MESSAGES`] bounds.
pub(super) const MAX_UNPACKED_BYTES: usize = 200 * 1024 * 1024;

/// How much is unpacked at a time: small next to any chat, large enough that each call
/// into the inflater does real work.
const PIECE_BYTES: usize = 64 * 1024;

const LOCAL_HEADER_SIGNATURE: u32 = 0x0403_4b50;
const CENTRAL_HEADER_SIGNATURE: u32 = 0x0201_4b50;
const END_OF_DIRECTORY_SIGNATURE: u32 = 0x0605_4b50;
const END_OF_DIRECTORY_LEN: usize = 22;
const CENTRAL_HEADER_LEN: usize = 46;
const LOCAL_HEADER_LEN: usize = 30;
const STORED: u16 = 0;
const DEFLATED: u16 = 8;
/// Method number of WinZip's AES encryption, which hides the real method.
const AES_ENCRYPTED: u16 = 99;
const FLAG_ENCRYPTED: u16 = 1;

/// Whether `bytes` start like a zip archive (an empty archive is only its end record).
pub(super) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// One file listed in the archive's central directory.
#[derive(Debug)]
pub(super) struct Entry {
    /// The path inside the archive (bytes that are not UTF-8 are replaced).
    pub(super) name: String,
    flags: u16,
    method: u16,
    crc32: u32,
    compressed_size: usize,
    uncompressed_size: usize,
    local_header_offset: usize,
}

impl Entry {
    pub(super) fn is_directory(&self) -> bool {
        self.name.ends_with('/')
    }
}

/// An opened archive: its bytes and its list of files.
pub(super) struct Archive<'a> {
    bytes: &'a [u8],
    entries: Vec<Entry>,
}

fn damaged(detail: &str) -> ParseError {
    ParseError::Damaged { detail: format!("the zip file {detail}; download or export it again") }
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    let field = bytes.get(at..at.checked_add(2)?)?;
    field.try_into().ok().map(u16::from_le_bytes)
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let field = bytes.get(at..at.checked_add(4)?)?;
    field.try_into().ok().map(u32::from_le_bytes)
}

/// A 32-bit length or offset from the file as `usize`; `u32::MAX` marks a ZIP64 archive,
/// whose 64-bit fields this reader does not follow.
fn size_at(bytes: &[u8], at: usize) -> Result<usize, ParseError> {
    match u32_at(bytes, at) {
        Some(u32::MAX) => Err(ParseError::Unsupported {
            detail: "it is a very large (ZIP64) archive; export the chat without media".to_string(),
        }),
        Some(value) => Ok(value as usize),
        None => Err(damaged("is cut off")),
    }
}

impl<'a> Archive<'a> {
    /// Reads the central directory of `bytes`.
    pub(super) fn open(bytes: &'a [u8]) -> Result<Archive<'a>, ParseError> {
        let end = find_end_of_directory(bytes).ok_or_else(|| damaged("is cut off (its list of files is missing)"))?;
        let entry_count = usize::from(u16_at(bytes, end + 10).unwrap_or(0));
        let directory_offset = size_at(bytes, end + 16)?;
        // Offsets past the end are refused before any arithmetic on them, so that sums of
        // offsets and 16-bit lengths stay far from overflow even where `usize` is 32 bits.
        if directory_offset > bytes.len() {
            return Err(damaged("is cut off (its list of files is missing)"));
        }
        let mut entries = Vec::with_capacity(entry_count);
        let mut at = directory_offset;
        for _ in 0..entry_count {
            if u32_at(bytes, at) != Some(CENTRAL_HEADER_SIGNATURE) {
                return Err(damaged("has a broken list of files"));
            }
            let cut_off = || damaged("has a broken list of files");
            let name_len = usize::from(u16_at(bytes, at + 28).ok_or_else(cut_off)?);
            let extra_len = usize::from(u16_at(bytes, at + 30).ok_or_else(cut_off)?);
            let comment_len = usize::from(u16_at(bytes, at + 32).ok_or_else(cut_off)?);
            let name_start = at + CENTRAL_HEADER_LEN;
            let name = bytes.get(name_start..name_start + name_len).ok_or_else(cut_off)?;
            entries.push(Entry {
                name: String::from_utf8_lossy(name).into_owned(),
                flags: u16_at(bytes, at + 8).ok_or_else(cut_off)?,
                method: u16_at(bytes, at + 10).ok_or_else(cut_off)?,
                crc32: u32_at(bytes, at + 16).ok_or_else(cut_off)?,
                compressed_size: size_at(bytes, at + 20)?,
                uncompressed_size: size_at(bytes, at + 24)?,
                local_header_offset: size_at(bytes, at + 42)?,
            });
            at = name_start + name_len + extra_len + comment_len;
        }
        Ok(Archive { bytes, entries })
    }

    pub(super) fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Unpacks `entry` and hands it to `sink` piece by piece, checked against its CRC-32
    /// once it is all through. Reading it again unpacks it again.
    pub(super) fn unpack(&self, entry: &Entry, sink: &mut dyn FnMut(&[u8])) -> Result<(), ParseError> {
        self.unpack_at_most(entry, MAX_UNPACKED_BYTES, sink)
    }

    /// [`Archive::unpack`] with the size limit as a parameter, so tests can reach it.
    fn unpack_at_most(&self, entry: &Entry, limit: usize, sink: &mut dyn FnMut(&[u8])) -> Result<(), ParseError> {
        if entry.flags & FLAG_ENCRYPTED != 0 || entry.method == AES_ENCRYPTED {
            return Err(ParseError::Encrypted);
        }
        // The declared size is checked first to refuse early; the real size is still
        // bounded while unpacking, since a declared size can lie.
        if entry.uncompressed_size > limit {
            return Err(too_large(limit));
        }
        let header = entry.local_header_offset;
        if header > self.bytes.len() || u32_at(self.bytes, header) != Some(LOCAL_HEADER_SIGNATURE) {
            return Err(damaged(&format!("has a broken entry for {}", entry.name)));
        }
        // The local header's own name and extra lengths can differ from the central
        // directory's, so the data starts where the local header says.
        let name_len = usize::from(u16_at(self.bytes, header + 26).unwrap_or(0));
        let extra_len = usize::from(u16_at(self.bytes, header + 28).unwrap_or(0));
        let data_start = header + LOCAL_HEADER_LEN + name_len + extra_len;
        let data = data_start
            .checked_add(entry.compressed_size)
            .and_then(|data_end| self.bytes.get(data_start..data_end))
            .ok_or_else(|| damaged("is cut off"))?;
        let mut crc = Crc32::new();
        let mut unpacked = 0usize;
        let mut take = |piece: &[u8]| {
            unpacked += piece.len();
            if unpacked > limit {
                return Err(too_large(limit));
            }
            crc.update(piece);
            sink(piece);
            Ok(())
        };
        match entry.method {
            STORED => take(data)?,
            DEFLATED => inflate_pieces(data, &mut take)
                .map_err(|error| error.unwrap_or_else(|| damaged(&format!("has broken compressed data in {}", entry.name))))?,
            _ => {
                return Err(ParseError::Unsupported {
                    detail: format!("{} is packed in a way redflag cannot unpack; use a normal zip file", entry.name),
                })
            }
        }
        if crc.value() != entry.crc32 {
            return Err(damaged(&format!("has damaged data in {} (its checksum does not match)", entry.name)));
        }
        Ok(())
    }
}

/// Inflates raw deflate `data` into pieces of at most [`PIECE_BYTES`] for `take`. An error
/// is `take`'s, or `None` when the data itself is broken or cut off.
fn inflate_pieces(
    data: &[u8],
    take: &mut dyn FnMut(&[u8]) -> Result<(), ParseError>,
) -> Result<(), Option<ParseError>> {
    let mut state = InflateState::new_boxed(DataFormat::Raw);
    let mut piece = vec![0u8; PIECE_BYTES];
    let mut input = data;
    loop {
        let result = inflate(&mut state, input, &mut piece, MZFlush::None);
        input = &input[result.bytes_consumed..];
        take(&piece[..result.bytes_written]).map_err(Some)?;
        match result.status {
            Ok(MZStatus::StreamEnd) => return Ok(()),
            // No progress with data left to read would loop forever: the data is broken.
            Ok(_) if result.bytes_consumed == 0 && result.bytes_written == 0 => return Err(None),
            Ok(_) => {}
            Err(_) => return Err(None),
        }
    }
}

fn too_large(limit: usize) -> ParseError {
    ParseError::TooLarge { limit_mb: limit / (1024 * 1024) }
}

/// Where the end-of-central-directory record starts: searched backwards, because a
/// comment of up to 64 KiB may follow it.
fn find_end_of_directory(bytes: &[u8]) -> Option<usize> {
    let last = bytes.len().checked_sub(END_OF_DIRECTORY_LEN)?;
    let first = last.saturating_sub(usize::from(u16::MAX));
    (first..=last).rev().find(|&at| {
        let comment_len = u16_at(bytes, at + 20).map(usize::from);
        u32_at(bytes, at) == Some(END_OF_DIRECTORY_SIGNATURE)
            && comment_len.is_some_and(|len| at + END_OF_DIRECTORY_LEN + len <= bytes.len())
    })
}

/// CRC-32 (IEEE), the checksum zip stores for each file, over bytes that come in pieces.
struct Crc32(u32);

impl Crc32 {
    fn new() -> Crc32 {
        Crc32(!0)
    }

    fn update(&mut self, bytes: &[u8]) {
        self.0 = bytes.iter().fold(self.0, |crc, &byte| CRC_TABLE[((crc ^ u32::from(byte)) & 0xff) as usize] ^ (crc >> 8));
    }

    fn value(&self) -> u32 {
        !self.0
    }
}

const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut crc = n as u32;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 == 1 { 0xedb8_8320 ^ (crc >> 1) } else { crc >> 1 };
            bit += 1;
        }
        table[n] = crc;
        n += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-file archive built by hand: `packed` is stored as `method` says, `content`
    /// is what it unpacks to.
    fn one_file_zip(name: &str, content: &[u8], packed: &[u8], method: u16, flags: u16) -> Vec<u8> {
        let mut zip = Vec::new();
        let push16 =
            |zip: &mut Vec<u8>, fields: &[u16]| fields.iter().for_each(|f| zip.extend_from_slice(&f.to_le_bytes()));
        let push32 =
            |zip: &mut Vec<u8>, fields: &[u32]| fields.iter().for_each(|f| zip.extend_from_slice(&f.to_le_bytes()));
        let mut crc = Crc32::new();
        crc.update(content);
        let sizes = [crc.value(), packed.len() as u32, content.len() as u32];
        push32(&mut zip, &[LOCAL_HEADER_SIGNATURE]);
        push16(&mut zip, &[20, flags, method, 0, 0]);
        push32(&mut zip, &sizes);
        push16(&mut zip, &[name.len() as u16, 0]);
        zip.extend_from_slice(name.as_bytes());
        zip.extend_from_slice(packed);
        let directory_offset = zip.len() as u32;
        push32(&mut zip, &[CENTRAL_HEADER_SIGNATURE]);
        push16(&mut zip, &[20, 20, flags, method, 0, 0]);
        push32(&mut zip, &sizes);
        push16(&mut zip, &[name.len() as u16, 0, 0, 0, 0]);
        push32(&mut zip, &[0, 0]);
        zip.extend_from_slice(name.as_bytes());
        let directory_len = zip.len() as u32 - directory_offset;
        push32(&mut zip, &[END_OF_DIRECTORY_SIGNATURE]);
        push16(&mut zip, &[0, 0, 1, 1]);
        push32(&mut zip, &[directory_len, directory_offset]);
        push16(&mut zip, &[0]);
        zip
    }

    fn stored_zip(name: &str, content: &[u8], flags: u16) -> Vec<u8> {
        one_file_zip(name, content, content, STORED, flags)
    }

    /// All the pieces `entry` unpacks to, within `limit`.
    fn unpack_whole(archive: &Archive<'_>, entry: &Entry, limit: usize) -> Result<Vec<u8>, ParseError> {
        let mut whole = Vec::new();
        archive.unpack_at_most(entry, limit, &mut |piece| {
            assert!(piece.len() <= PIECE_BYTES);
            whole.extend_from_slice(piece);
        })?;
        Ok(whole)
    }

    fn read(archive: &Archive<'_>, entry: &Entry) -> Result<Vec<u8>, ParseError> {
        unpack_whole(archive, entry, MAX_UNPACKED_BYTES)
    }

    #[test]
    fn crc32_matches_the_standard_check_value() {
        let mut crc = Crc32::new();
        crc.update(b"1234");
        crc.update(b"56789");
        assert_eq!(crc.value(), 0xcbf4_3926);
    }

    #[test]
    fn a_stored_file_is_read_back() {
        let zip = stored_zip("_chat.txt", b"hello", 0);
        let archive = Archive::open(&zip).unwrap();
        assert_eq!(archive.entries()[0].name, "_chat.txt");
        assert_eq!(read(&archive, &archive.entries()[0]).unwrap(), b"hello");
    }

    #[test]
    fn deflated_files_are_unpacked_in_pieces_within_the_limit() {
        // Larger than one piece, so that unpacking takes several rounds.
        let content: Vec<u8> = (0..300_000u32).map(|i| b"abcdefghij\n"[(i % 11) as usize]).collect();
        let packed = miniz_oxide::deflate::compress_to_vec(&content, 6);
        let zip = one_file_zip("_chat.txt", &content, &packed, DEFLATED, 0);
        let archive = Archive::open(&zip).unwrap();
        let entry = &archive.entries()[0];
        assert_eq!(read(&archive, entry).unwrap(), content);
        assert_eq!(unpack_whole(&archive, entry, 300_000).unwrap(), content);
        // Refused by the declared size, then by the real size when the declared one lies;
        // the error names the limit.
        let limit = 2 * 1024 * 1024;
        let big = vec![b'z'; limit + 1];
        let packed = miniz_oxide::deflate::compress_to_vec(&big, 6);
        let zip = one_file_zip("_chat.txt", &big, &packed, DEFLATED, 0);
        let archive = Archive::open(&zip).unwrap();
        assert_eq!(unpack_whole(&archive, &archive.entries()[0], limit), Err(ParseError::TooLarge { limit_mb: 2 }));
        let lying = one_file_zip("_chat.txt", b"tiny", &packed, DEFLATED, 0);
        let archive = Archive::open(&lying).unwrap();
        let mut seen = 0;
        let error = archive.unpack_at_most(&archive.entries()[0], limit, &mut |piece| seen += piece.len());
        assert_eq!(error, Err(ParseError::TooLarge { limit_mb: 2 }));
        assert!(seen <= limit, "no more than the limit is handed on ({seen} bytes)");
    }

    #[test]
    fn cut_off_compressed_data_is_damaged() {
        let content = "23/11/2026 21:14 - Max: hoi\n".repeat(5000).into_bytes();
        let packed = miniz_oxide::deflate::compress_to_vec(&content, 6);
        let zip = one_file_zip("_chat.txt", &content, &packed[..packed.len() / 2], DEFLATED, 0);
        let archive = Archive::open(&zip).unwrap();
        let error = read(&archive, &archive.entries()[0]).unwrap_err();
        assert!(error.to_string().contains("broken compressed data"), "{error}");
    }

    #[test]
    fn encrypted_damaged_and_cut_archives_are_refused() {
        let locked = stored_zip("_chat.txt", b"hello", FLAG_ENCRYPTED);
        let archive = Archive::open(&locked).unwrap();
        assert_eq!(read(&archive, &archive.entries()[0]), Err(ParseError::Encrypted));

        let mut flipped = stored_zip("_chat.txt", b"hello", 0);
        let at = flipped.windows(5).position(|w| w == b"hello").unwrap();
        flipped[at] = b'j';
        let archive = Archive::open(&flipped).unwrap();
        let error = read(&archive, &archive.entries()[0]).unwrap_err();
        assert!(error.to_string().contains("checksum"), "{error}");

        let zip = stored_zip("_chat.txt", b"hello", 0);
        for cut in 0..zip.len() {
            if let Ok(archive) = Archive::open(&zip[..cut]) {
                archive.entries().iter().for_each(|entry| assert!(read(&archive, entry).is_err()));
            }
        }
    }
}
