//! UK date display and prompt parsing (ISO, day-first, +6w/+3m/+1y, today).
// Placeholder until the dates branch lands.
use chrono::NaiveDate;
pub fn parse_iso(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| e.to_string())
}
pub fn format_uk(date: NaiveDate) -> String {
    date.format("%d %b %Y").to_string()
}
