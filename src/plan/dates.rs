//! UK date display and prompt parsing (ISO, day-first, +6w/+3m/+1y, today).
