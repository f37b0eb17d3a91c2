//! The benchmark table: each size's `RESULT` lines, parsed, printed as the README's table.

pub type Row = std::collections::HashMap<String, f64>;

/// `RESULT key=value ...`, as numbers.
pub fn parse(line: &str) -> Row {
    line.split_whitespace()
        .skip(1)
        .filter_map(|pair| pair.split_once('='))
        .map(|(key, value)| (key.to_owned(), value.parse().unwrap_or(f64::NAN)))
        .collect()
}

fn duration(ms: f64) -> String {
    if ms >= 1000.0 {
        format!("{:.2} s", ms / 1000.0)
    } else if ms >= 10.0 {
        format!("{ms:.0} ms")
    } else if ms >= 1.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{:.0} µs", ms * 1000.0)
    }
}

fn megabytes(bytes: f64) -> String {
    format!("{:.0} MB", bytes / 1_000_000.0).replace(" 0 MB", " <1 MB")
}

/// A time and its ratio to `cat` of the same files.
fn against_cat(r: &Row, key: &str) -> String {
    format!("{} ({:.2}x cat)", duration(r[key]), r[key] / r["cat"])
}

type Line<'a> = (&'a str, Box<dyn Fn(&Row) -> String>, &'a str);

pub fn table(rows: &[Row]) {
    let lines: Vec<Line> = vec![
        ("folder size", Box::new(|r| megabytes(r["bytes"])), ""),
        (
            "`cat` of every file (the floor)",
            Box::new(|r| duration(r["cat"])),
            "",
        ),
        (
            "load + validate, 1 thread (no cache)",
            Box::new(|r| against_cat(r, "seq")),
            "",
        ),
        (
            "cold load + validate, all cores (no cache)",
            Box::new(|r| against_cat(r, "par")),
            "≤ 4x cat at 10,000",
        ),
        (
            "cold load + validate, making the cache",
            Box::new(|r| against_cat(r, "making")),
            "",
        ),
        (
            "warm load (from the cache)",
            Box::new(|r| against_cat(r, "warm")),
            "",
        ),
        ("cache file", Box::new(|r| megabytes(r["cache_bytes"])), ""),
        (
            "`check`, cold (no cache)",
            Box::new(|r| against_cat(r, "check_cold")),
            "",
        ),
        (
            "`check`, warm",
            Box::new(|r| against_cat(r, "check_warm")),
            "≤ 0.5x cat",
        ),
        (
            "first frame, cold / warm",
            Box::new(|r| {
                format!(
                    "{} / {}",
                    duration(r["first_frame"]),
                    duration(r["first_frame_warm"])
                )
            }),
            "< 100 ms",
        ),
        (
            "first rows on screen (cold)",
            Box::new(|r| duration(r["first_rows"])),
            "",
        ),
        (
            "all plans listed, cold",
            Box::new(|r| against_cat(r, "all_loaded")),
            "",
        ),
        (
            "all plans listed, warm",
            Box::new(|r| against_cat(r, "all_loaded_warm")),
            "≤ 0.5x cat",
        ),
        (
            "all plans read (openable, searchable), warm",
            Box::new(|r| against_cat(r, "all_read_warm")),
            "",
        ),
        (
            "where a cold load's time goes (1 thread): one-pass YAML reader",
            Box::new(|r| against_cat(r, "one_pass")),
            "",
        ),
        (
            "... libyaml alone (before; now for what the one pass leaves)",
            Box::new(|r| against_cat(r, "yaml")),
            "",
        ),
        (
            "... plan read (reader + conversion)",
            Box::new(|r| against_cat(r, "parse")),
            "",
        ),
        (
            "... whole assessment (read, rules, places)",
            Box::new(|r| against_cat(r, "assess")),
            "",
        ),
        (
            "... whole assessment read as before (libyaml, second parse)",
            Box::new(|r| against_cat(r, "assess_before")),
            "",
        ),
        (
            "dashboard frame, 80x24",
            Box::new(|r| duration(r["dash"])),
            "flat",
        ),
        (
            "dashboard frame, 200x50",
            Box::new(|r| duration(r["dash_wide"])),
            "flat",
        ),
        (
            "plan view frame, 80x24",
            Box::new(|r| duration(r["plan"])),
            "flat",
        ),
        (
            "edit + verify + write (fsync)",
            Box::new(|r| duration(r["write"])),
            "< 30 ms",
        ),
        (
            "one edit, plan of 10,000 needs (end to end)",
            Box::new(|r| duration(r["big_write"])),
            "well under 1 s",
        ),
        (
            "peak memory (VmHWM)",
            Box::new(|r| {
                format!(
                    "{} ({:.1}x folder)",
                    megabytes(r["peak"]),
                    r["peak"] / r["bytes"]
                )
            }),
            "< 3x folder",
        ),
    ];
    print!("| measure |");
    for row in rows {
        print!(" {:.0} plans |", row["plans"]);
    }
    println!(" target |");
    println!("|---|{}---|", "---|".repeat(rows.len()));
    for (label, cell, target) in &lines {
        print!("| {label} |");
        for row in rows {
            print!(" {} |", cell(row));
        }
        println!(" {target} |");
    }
}
