//! Times of messages: every format's date and time pieces become one ISO 8601 string,
//! built in one place so that all formats write times the same way.

/// A date and a wall-clock time as an export gives them, checked to be a real moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Timestamp {
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: Option<u8>,
    /// Minutes east of UTC when the export says which zone it used; `None` for the
    /// phone's local time, which the export does not name.
    utc_offset_minutes: Option<i16>,
}

impl Timestamp {
    /// The moment, if every piece is in range (`second` is `None` when the export leaves it out).
    pub(crate) fn new(
        year: u32,
        month: u32,
        day: u32,
        hour: u32,
        minute: u32,
        second: Option<u32>,
    ) -> Option<Timestamp> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month)
            && hour < 24
            && minute < 60
            && second.map_or(true, |s| s < 60);
        valid.then(|| Timestamp {
            year: year as u16,
            month: month as u8,
            day: day as u8,
            hour: hour as u8,
            minute: minute as u8,
            second: second.map(|s| s as u8),
            utc_offset_minutes: None,
        })
    }

    /// The same wall-clock time, marked as being `minutes` east of UTC.
    fn with_utc_offset(self, minutes: i16) -> Timestamp {
        Timestamp { utc_offset_minutes: Some(minutes), ..self }
    }

    /// The UTC moment `millis` milliseconds after 1970-01-01.
    pub(crate) fn from_unix_millis(millis: i64) -> Option<Timestamp> {
        let seconds = millis.div_euclid(1000);
        let days = seconds.div_euclid(86_400);
        let of_day = seconds.rem_euclid(86_400) as u32;
        let (year, month, day) = civil_from_days(days)?;
        Timestamp::new(year, month, day, of_day / 3600, of_day / 60 % 60, Some(of_day % 60))
            .map(|t| t.with_utc_offset(0))
    }

    /// Reads `2026-11-23T21:14:05`, `2026-11-23 21:14:05 UTC`, `2026-11-23T21:14:05.123+01:00`
    /// and the like (fractions of a second are dropped).
    pub(crate) fn parse_iso(text: &str) -> Option<Timestamp> {
        let mut cursor = Cursor::new(text);
        let year = cursor.number(4, 4)?;
        cursor.expect("-")?;
        let month = cursor.number(2, 2)?;
        cursor.expect("-")?;
        let day = cursor.number(2, 2)?;
        if !cursor.eat("T") && !cursor.eat(" ") {
            return None;
        }
        let hour = cursor.number(2, 2)?;
        cursor.expect(":")?;
        let minute = cursor.number(2, 2)?;
        let second = if cursor.eat(":") { Some(cursor.number(2, 2)?) } else { None };
        if cursor.eat(".") {
            cursor.number(1, 9)?;
        }
        let stamp = Timestamp::new(year, month, day, hour, minute, second)?;
        let rest = cursor.rest();
        match rest {
            "" => Some(stamp),
            "Z" | " UTC" | " GMT" => Some(stamp.with_utc_offset(0)),
            _ => {
                let mut zone = Cursor::new(rest);
                let sign = match zone.eat_any(&["+", "-"])? {
                    "+" => 1,
                    _ => -1,
                };
                let hours = zone.number(2, 2)?;
                zone.eat(":");
                let minutes = zone.number(2, 2)?;
                (zone.rest().is_empty() && hours < 24 && minutes < 60)
                    .then(|| stamp.with_utc_offset(sign * (hours * 60 + minutes) as i16))
            }
        }
    }

    /// Microseconds since 1970 (the wall-clock time read as UTC when no zone is known),
    /// for putting messages in order.
    pub(crate) fn unix_micros(self) -> i64 {
        let days = days_from_civil(self.year.into(), self.month.into(), self.day.into());
        let seconds = days * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second.unwrap_or(0))
            - i64::from(self.utc_offset_minutes.unwrap_or(0)) * 60;
        seconds * 1_000_000
    }

    /// ISO 8601: `2026-11-23T21:14`, with `:05` seconds when known and `Z` or `+01:00`
    /// when the zone is known. Written into a string of exactly its length: an export of
    /// millions of messages has one of these per message.
    pub(crate) fn to_iso(self) -> String {
        use std::fmt::Write;
        let zone_len = match self.utc_offset_minutes {
            None => 0,
            Some(0) => 1,
            Some(_) => 6,
        };
        let mut iso = String::with_capacity(16 + if self.second.is_some() { 3 } else { 0 } + zone_len);
        // Writing to a String cannot fail.
        let _ = write!(iso, "{:04}-{:02}-{:02}T{:02}:{:02}", self.year, self.month, self.day, self.hour, self.minute);
        if let Some(second) = self.second {
            let _ = write!(iso, ":{second:02}");
        }
        match self.utc_offset_minutes {
            None => {}
            Some(0) => iso.push('Z'),
            Some(offset) => {
                let sign = if offset < 0 { '-' } else { '+' };
                let offset = offset.unsigned_abs();
                let _ = write!(iso, "{sign}{:02}:{:02}", offset / 60, offset % 60);
            }
        }
        iso
    }
}

fn is_leap_year(year: u32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// The two conversions below are Howard Hinnant's `days_from_civil` / `civil_from_days`:
// exact for the proleptic Gregorian calendar, with no tables and no loops.

fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The (year, month, day) of `days` after 1970-01-01, if the year has four digits.
fn civil_from_days(days: i64) -> Option<(u32, u32, u32)> {
    // Bounds keep the arithmetic far from overflow for any i64 input.
    if !(-800_000..=3_000_000).contains(&days) {
        return None;
    }
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    Some((u32::try_from(year).ok()?, month as u32, day as u32))
}

/// Reads a line left to right, for the hand-written date grammars of the text formats.
/// Cloning it keeps a place to come back to.
#[derive(Clone)]
pub(crate) struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(text: &'a str) -> Cursor<'a> {
        Cursor { text, pos: 0 }
    }

    /// What is left to read.
    pub(crate) fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    /// Consumes `prefix` if the rest starts with it.
    pub(crate) fn eat(&mut self, prefix: &str) -> bool {
        let found = self.rest().starts_with(prefix);
        if found {
            self.pos += prefix.len();
        }
        found
    }

    /// Like [`Cursor::eat`], as an `Option` for `?`.
    pub(crate) fn expect(&mut self, prefix: &str) -> Option<()> {
        self.eat(prefix).then_some(())
    }

    /// Consumes the first of `choices` the rest starts with, and says which.
    pub(crate) fn eat_any<'c>(&mut self, choices: &[&'c str]) -> Option<&'c str> {
        choices.iter().copied().find(|choice| self.eat(choice))
    }

    /// Consumes spaces, including the no-break spaces phones put inside times.
    pub(crate) fn skip_spaces(&mut self) -> usize {
        let before = self.pos;
        while self.eat_any(&[" ", "\u{a0}", "\u{202f}"]).is_some() {}
        self.pos - before
    }

    /// Consumes a number of `min..=max` ASCII digits (and no more digits follow).
    pub(crate) fn number(&mut self, min: usize, max: usize) -> Option<u32> {
        let digits = self.rest().bytes().take_while(u8::is_ascii_digit).count();
        if digits < min || digits > max {
            return None;
        }
        let value = self.rest()[..digits].parse().ok()?;
        self.pos += digits;
        Some(value)
    }

    /// Like [`Cursor::number`], also saying how many digits it had.
    pub(crate) fn number_with_width(&mut self, min: usize, max: usize) -> Option<(u32, usize)> {
        let start = self.pos;
        let value = self.number(min, max)?;
        Some((value, self.pos - start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_become_iso_with_or_without_seconds() {
        assert_eq!(Timestamp::new(2026, 11, 23, 21, 14, None).map(|t| t.to_iso()).as_deref(), Some("2026-11-23T21:14"));
        assert_eq!(
            Timestamp::new(2026, 11, 23, 9, 4, Some(5)).map(|t| t.to_iso()).as_deref(),
            Some("2026-11-23T09:04:05")
        );
    }

    #[test]
    fn iso_strings_have_no_spare_room() {
        for text in ["2026-11-23T21:14", "2026-11-23T21:14:05", "2026-11-23T21:14:05Z", "2026-11-23T21:14:05-05:30"] {
            let iso = Timestamp::parse_iso(text).map(|t| t.to_iso()).unwrap_or_default();
            assert_eq!(iso, text);
            assert_eq!(iso.capacity(), iso.len(), "{text}");
        }
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert_eq!(Timestamp::new(2026, 2, 29, 0, 0, None), None);
        assert!(Timestamp::new(2028, 2, 29, 0, 0, None).is_some());
        assert_eq!(Timestamp::new(2026, 13, 1, 0, 0, None), None);
        assert_eq!(Timestamp::new(2026, 1, 1, 24, 0, None), None);
    }

    #[test]
    fn unix_milliseconds_become_utc() {
        let t = Timestamp::from_unix_millis(1_795_468_445_000).map(|t| t.to_iso());
        assert_eq!(t.as_deref(), Some("2026-11-23T21:14:05Z"));
        assert_eq!(Timestamp::from_unix_millis(0).map(|t| t.to_iso()).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(Timestamp::from_unix_millis(i64::MAX), None);
        assert_eq!(Timestamp::from_unix_millis(i64::MIN), None);
    }

    #[test]
    fn iso_like_stamps_keep_their_zone() {
        let read = |s: &str| Timestamp::parse_iso(s).map(|t| t.to_iso());
        assert_eq!(read("2026-11-23T21:14:05").as_deref(), Some("2026-11-23T21:14:05"));
        assert_eq!(read("2026-11-23 21:14:05 UTC").as_deref(), Some("2026-11-23T21:14:05Z"));
        assert_eq!(read("2026-11-23T21:14:05.123+01:00").as_deref(), Some("2026-11-23T21:14:05+01:00"));
        assert_eq!(read("2026-11-23T21:14:05.1234567-05:30").as_deref(), Some("2026-11-23T21:14:05-05:30"));
        assert_eq!(read("2026-11-23"), None);
        assert_eq!(read("2026-11-23T21:14:05 tomorrow"), None);
    }

    #[test]
    fn ordering_key_follows_the_zone() {
        let utc = Timestamp::parse_iso("2026-11-23T20:14:05Z").map(|t| t.unix_micros());
        let brussels = Timestamp::parse_iso("2026-11-23T21:14:05+01:00").map(|t| t.unix_micros());
        assert_eq!(utc, brussels);
        assert_eq!(
            Timestamp::from_unix_millis(1_795_468_445_000).map(|t| t.unix_micros()),
            Some(1_795_468_445_000_000)
        );
    }
}
