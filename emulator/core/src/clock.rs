//! Wall-clock timestamps as the API writes them: RFC 3339 in UTC with milliseconds, e.g.
//! `2026-11-27T10:00:00.000Z`, from the caller's clock (milliseconds since the Unix epoch).

use time::macros::format_description;
use time::OffsetDateTime;

/// `YYYY-MM-DDTHH:MM:SS.mmmZ`
const FORMAT: &[time::format_description::BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");

/// The first and last instants of the years 0000 to 9999, in milliseconds since the epoch.
const FIRST_MS: i64 = -62_167_219_200_000;
const LAST_MS: i64 = 253_402_300_799_999;

/// Formats milliseconds since the Unix epoch as `YYYY-MM-DDTHH:MM:SS.mmmZ` (UTC). Instants
/// outside the years 0000 to 9999 are written as the nearest of those ends.
pub fn format_millis(unix_millis: i64) -> String {
    let nanos = i128::from(unix_millis.clamp(FIRST_MS, LAST_MS)) * 1_000_000;
    OffsetDateTime::from_unix_timestamp_nanos(nanos)
        .ok()
        .and_then(|instant| instant.format(FORMAT).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_instants_format_exactly() {
        assert_eq!(format_millis(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(format_millis(951_782_400_000), "2000-02-29T00:00:00.000Z");
        assert_eq!(format_millis(1_795_773_600_123), "2026-11-27T10:00:00.123Z");
        assert_eq!(format_millis(4_107_542_399_999), "2100-02-28T23:59:59.999Z");
        assert_eq!(format_millis(-1), "1969-12-31T23:59:59.999Z");
    }

    #[test]
    fn any_instant_formats_to_the_same_shape() {
        assert_eq!(format_millis(i64::MIN), "0000-01-01T00:00:00.000Z");
        assert_eq!(format_millis(i64::MAX), "9999-12-31T23:59:59.999Z");
        for ms in [i64::MIN, i64::MAX, FIRST_MS - 1, LAST_MS + 1, 0] {
            let text = format_millis(ms);
            assert_eq!(text.len(), 24, "{ms}: {text}");
            assert!(text.ends_with('Z') && text.as_bytes()[10] == b'T', "{text}");
        }
    }
}
