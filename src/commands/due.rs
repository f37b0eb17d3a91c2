//! `aftercare due`: the register's review list: plan reviews and need review dates that are
//! overdue or coming up, overdue first, as a table, CSV or JSON.

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use super::table::{Align, Column, DEFAULT_WIDTH, output_width, render};
use crate::cli::{Context, exit, usage};
use crate::inert::{inert, inert_line};
use crate::plan::dates::format_uk;
use crate::plan::document::PlanFile;
use crate::plan::lifecycle::{Lifecycle, current_needs};
use crate::plan::model::Plan;
use crate::plan::privacy::{Identifiers, mask_identifiers, meeting_file_name};
use crate::plan::review_state::ReviewState;
use crate::plan::rules::is_far_future;

/// Arguments of `aftercare due`.
#[derive(Debug, clap::Args)]
pub struct DueArgs {
    /// The plans folder (default: the configured folder, else ./plans).
    pub dir: Option<PathBuf>,
    /// Reviews due within this period (30d, 6w, 3m, 1y); overdue ones are always listed.
    #[arg(long, default_value = "30d", value_name = "PERIOD")]
    pub within: String,
    /// Only overdue reviews.
    #[arg(long)]
    pub overdue: bool,
    /// Only plans whose ICB contains NAME (any case).
    #[arg(long, value_name = "NAME")]
    pub icb: Option<String>,
    /// Only plans whose local authority contains NAME.
    #[arg(long, value_name = "NAME")]
    pub la: Option<String>,
    /// Only plans whose care coordinator contains NAME.
    #[arg(long, value_name = "NAME")]
    pub coordinator: Option<String>,
    #[arg(long, value_enum, default_value_t = DueFormat::Table)]
    pub format: DueFormat,
    /// As if today were this date (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// Meeting mode: identifiers in free text are hidden.
    #[arg(long)]
    pub meeting: bool,
    /// Fit the table to this many columns (default: the terminal's width, or 80 when the
    /// output is not a terminal).
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DueFormat {
    Table,
    Csv,
    Json,
}

/// `aftercare due` as typed: the list on `out` (0, whatever it holds), a usage error or an
/// unreadable folder on `err` (2).
pub fn execute(
    args: DueArgs,
    context: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let settings = match context.settings(args.today.as_deref()) {
        Ok(settings) => settings,
        Err(message) => return usage(err, &message),
    };
    let within = match parse_within(&args.within) {
        Ok(days) => days,
        Err(message) => return usage(err, &format!("--within {message}")),
    };
    let folder = match context.load_plans(args.dir.as_deref(), &settings) {
        Ok(folder) => folder,
        Err(message) => return usage(err, &message),
    };
    let filter = DueFilter {
        within_days: Some(within),
        overdue_only: args.overdue,
        icb: args.icb,
        la: args.la,
        coordinator: args.coordinator,
        meeting: args.meeting,
    };
    let rows = due_rows(
        &folder.files,
        &filter,
        settings.today,
        settings.due_soon_days,
    );
    match args.format {
        DueFormat::Table => write_table_fit(&rows, output_width(args.width), out),
        DueFormat::Csv => write_csv(&rows, out),
        DueFormat::Json => write_json(&rows, out),
    }?;
    if rows.is_empty() {
        for note in unmatched_filters(&folder.files, &filter) {
            writeln!(err, "aftercare due: {}", inert_line(&note))?;
        }
    }
    Ok(exit::FINE)
}

/// A filter no plan matches (`--icb Nowhere`), said with the names the plans have, so an empty
/// list is not mistaken for "nothing due".
pub fn unmatched_filters(files: &[PlanFile], filter: &DueFilter) -> Vec<String> {
    let plans: Vec<&Plan> = files.iter().filter_map(|file| file.plan.as_ref()).collect();
    type Field = fn(&Plan) -> Option<&str>;
    let filters: [(&str, &str, &Option<String>, Field); 3] = [
        ("--icb", "ICBs", &filter.icb, |plan| {
            plan.responsible.icb.as_deref()
        }),
        ("--la", "local authorities", &filter.la, |plan| {
            plan.responsible.local_authority.as_deref()
        }),
        (
            "--coordinator",
            "care coordinators",
            &filter.coordinator,
            |plan| plan.responsible.care_coordinator.as_deref(),
        ),
    ];
    let mut notes = Vec::new();
    for (option, names, wanted, field) in filters {
        let Some(wanted) = wanted else { continue };
        if plans
            .iter()
            .any(|plan| matches(&Some(wanted.clone()), field(plan)))
        {
            continue;
        }
        let mut known: Vec<&str> = plans.iter().filter_map(|plan| field(plan)).collect();
        known.sort_unstable();
        known.dedup();
        let known = if known.is_empty() {
            "none".to_owned()
        } else {
            known.join(", ")
        };
        notes.push(format!(
            "{option} {wanted}: no plan has it; the {names} in the plans: {known}"
        ));
    }
    notes
}

/// Which reviews to list.
#[derive(Debug, Clone, Default)]
pub struct DueFilter {
    /// Only reviews due on or before today + this many days (overdue ones always count).
    pub within_days: Option<i64>,
    pub overdue_only: bool,
    /// Case-insensitive substring matches.
    pub icb: Option<String>,
    pub la: Option<String>,
    pub coordinator: Option<String>,
    /// Meeting mode: hide identifiers in free text.
    pub meeting: bool,
}

/// One review that falls due: a plan's next review or a need's own review date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueRow {
    pub due: NaiveDate,
    /// Days from today: negative when overdue.
    pub days: i64,
    pub state: &'static str,
    pub plan_id: String,
    pub initials: String,
    /// `plan review` or the need id and its text.
    pub what: String,
    pub icb: String,
    pub local_authority: String,
    pub care_coordinator: String,
    pub file: String,
}

fn matches(wanted: &Option<String>, actual: Option<&str>) -> bool {
    match wanted {
        None => true,
        Some(wanted) => {
            actual.is_some_and(|actual| actual.to_lowercase().contains(&wanted.to_lowercase()))
        }
    }
}

/// The state of a review dated more than 10 years away: most likely a typo.
const CHECK_DATE: &str = "check date";

/// The review list for a loaded folder, overdue first then by date.
pub fn due_rows(
    files: &[PlanFile],
    filter: &DueFilter,
    today: NaiveDate,
    due_soon_days: i64,
) -> Vec<DueRow> {
    let mut rows = Vec::new();
    for file in files {
        let Some(plan) = &file.plan else { continue };
        // A planned ending leaves the plan live: its reviews are listed until the ending's date.
        let lifecycle = Lifecycle::of(plan, today);
        if lifecycle.is_ended()
            || !matches(&filter.icb, plan.responsible.icb.as_deref())
            || !matches(&filter.la, plan.responsible.local_authority.as_deref())
            || !matches(
                &filter.coordinator,
                plan.responsible.care_coordinator.as_deref(),
            )
        {
            continue;
        }
        let mut add = |due: NaiveDate, what: String| {
            let days = (due - today).num_days();
            // More than 10 years away is a typo to check (2207 for 2027), listed whatever the
            // filter: such a review would otherwise never appear anywhere.
            let typo = is_far_future(due, today);
            let state = ReviewState::of(due, today, due_soon_days);
            let wanted = typo
                || if filter.overdue_only {
                    state == ReviewState::Overdue
                } else {
                    filter.within_days.is_none_or(|within| days <= within)
                };
            if wanted {
                let state = if typo { CHECK_DATE } else { state.label() };
                let mut row = row(plan, file, due, days, state, what);
                if filter.meeting {
                    row.file = meeting_file(&row.file, plan);
                }
                rows.push(row);
            }
        };
        if let Some(due) = plan.reviews.next_due {
            let what = match lifecycle.dated_label() {
                Some(ending) => format!("plan review ({ending})"),
                None => "plan review".into(),
            };
            add(due, what);
        }
        for need in current_needs(plan, lifecycle) {
            if let Some(due) = need.review_by {
                let id = need.id.as_deref().unwrap_or("need");
                let text = need.need.as_deref().unwrap_or("").trim();
                let text = if filter.meeting {
                    mask_identifiers(text, &plan.person)
                } else {
                    text.to_owned()
                };
                add(due, format!("{id} {text}"));
            }
        }
    }
    rows.sort_by(|a, b| (a.due, &a.plan_id, &a.what).cmp(&(b.due, &b.plan_id, &b.what)));
    rows
}

fn row(
    plan: &Plan,
    file: &PlanFile,
    due: NaiveDate,
    days: i64,
    state: &'static str,
    what: String,
) -> DueRow {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    DueRow {
        due,
        days,
        state,
        plan_id: text(&plan.id),
        initials: text(&plan.person.initials),
        what,
        icb: text(&plan.responsible.icb),
        local_authority: text(&plan.responsible.local_authority),
        care_coordinator: text(&plan.responsible.care_coordinator),
        file: file.display.clone(),
    }
}

/// The file column in meeting mode: a file name that is not the plan's id is hidden
/// (`plans/[hidden].yaml`), and the person's identifiers anywhere in the path.
fn meeting_file(path: &str, plan: &Plan) -> String {
    let shown = meeting_file_name(path, plan.id.as_deref());
    Identifiers::of(&plan.person).mask(&shown)
}

/// `3 days overdue`, `today`, `in 12 days`.
fn when(days: i64) -> String {
    match days {
        0 => "today".into(),
        1 => "in 1 day".into(),
        -1 => "1 day overdue".into(),
        d if d < 0 => format!("{} days overdue", -d),
        d => format!("in {d} days"),
    }
}

/// A plain, aligned table for a terminal, fitted to 80 columns.
pub fn write_table(rows: &[DueRow], out: &mut dyn Write) -> std::io::Result<()> {
    write_table_fit(rows, DEFAULT_WIDTH, out)
}

/// A plain, aligned table, every line at most `width` characters: the review and the care
/// coordinator (the widest first) are cut with `…` to fit; a row never wraps.
pub fn write_table_fit(rows: &[DueRow], width: usize, out: &mut dyn Write) -> std::io::Result<()> {
    let columns = [
        Column::fixed("Due", Align::Left),
        Column::fixed("When", Align::Left),
        Column::fixed("Plan", Align::Left),
        Column::fixed("Person", Align::Left),
        Column::text("Review"),
        Column::text("Coordinator"),
    ];
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            vec![
                format_uk(row.due),
                if row.state == CHECK_DATE {
                    "check the date: a typo?".to_owned()
                } else {
                    when(row.days)
                },
                inert_line(&row.plan_id).into_owned(),
                inert_line(&row.initials).into_owned(),
                inert_line(&row.what).into_owned(),
                inert_line(&row.care_coordinator).into_owned(),
            ]
        })
        .collect();
    for line in render(&columns, &cells, width) {
        writeln!(out, "{line}")?;
    }
    let overdue = rows.iter().filter(|row| row.days < 0).count();
    let reviews = if rows.len() == 1 { "review" } else { "reviews" };
    writeln!(out, "{} {reviews}, {overdue} overdue", rows.len())
}

/// What a cell may start with that a spreadsheet reads as a formula: `= + - @`, and (OWASP's
/// list) a tab or a carriage return it may drop first; a line break likewise.
const FORMULA_STARTS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\n'];

/// One CSV field, quoted when needed; a leading `= + - @`, tab or line break is defused so a
/// spreadsheet never runs plan text as a formula. (`summary`'s CSV uses it too.)
pub(crate) fn csv_field(text: &str) -> String {
    // Checked before `inert`, which shows a lone CR as a picture and drops the CR of CR LF.
    let risky = text.starts_with(FORMULA_STARTS);
    // Line breaks are kept (the field is quoted); other control characters are shown inert.
    let text = inert(text);
    let defused = if risky || text.starts_with(FORMULA_STARTS) {
        format!("'{text}")
    } else {
        text.into_owned()
    };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

/// CSV that opens in a spreadsheet as it is: UTF-8 with a byte-order mark, CRLF lines.
pub fn write_csv(rows: &[DueRow], out: &mut dyn Write) -> std::io::Result<()> {
    write!(out, "\u{feff}")?;
    let header = "due,days,state,plan_id,initials,review,icb,local_authority,care_coordinator,file";
    write!(out, "{header}\r\n")?;
    for row in rows {
        let text_fields = [
            row.state.to_owned(),
            row.plan_id.clone(),
            row.initials.clone(),
            row.what.clone(),
            row.icb.clone(),
            row.local_authority.clone(),
            row.care_coordinator.clone(),
            row.file.clone(),
        ];
        let text: Vec<String> = text_fields.iter().map(|field| csv_field(field)).collect();
        write!(
            out,
            "{},{},{}\r\n",
            row.due.format("%Y-%m-%d"),
            row.days,
            text.join(",")
        )?;
    }
    Ok(())
}

pub fn write_json(rows: &[DueRow], out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, rows).map_err(std::io::Error::other)?;
    writeln!(out)
}

/// `30d`, `6w`, `3m` (as 30 days a month), `1y` or a bare number of days.
pub fn parse_within(text: &str) -> Result<i64, String> {
    let text = text.trim().to_ascii_lowercase();
    let (number, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((at, _)) => text.split_at(at),
        None => (text.as_str(), "d"),
    };
    let count: i64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a period; write 30d, 6w, 3m or 1y"))?;
    let days = match unit {
        "d" => 1,
        "w" => 7,
        "m" => 30,
        "y" => 365,
        _ => {
            return Err(format!(
                "`{text}`: the unit is d, w, m or y, as in 30d or 6w"
            ));
        }
    };
    Ok(count * days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::finding::Check;
    use crate::plan::rules::RuleSettings;
    use crate::tui::layers::dashboard::summary::PlanSummary;

    #[test]
    fn periods() {
        assert_eq!(parse_within("30d"), Ok(30));
        assert_eq!(parse_within("6w"), Ok(42));
        assert_eq!(parse_within("45"), Ok(45));
        assert!(parse_within("soon").is_err());
        assert!(parse_within("3x").is_err());
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-5"), "'-5");
    }

    #[test]
    fn csv_defuses_cells_starting_with_a_tab_or_a_carriage_return() {
        // OWASP's list: a spreadsheet may drop the leading tab or CR and read a formula.
        assert_eq!(csv_field("\t=1+1"), "'\t=1+1");
        assert_eq!(csv_field("\r=1+1"), "'\u{240d}=1+1");
        assert_eq!(csv_field("\r\n=1+1"), "\"'\n=1+1\"");
        assert_eq!(csv_field("a\tb"), "a\tb", "a tab inside a cell is text");
    }

    /// One plan (no other review date) whose next review is due on `due`, loaded.
    fn plan_due(due: &str, settings: &RuleSettings) -> PlanFile {
        let text = format!(
            "schema: aftercare/v1\nid: S117-9001\nperson:\n  initials: A.B.\nepisode:\n  \
             section: \"3\"\n  left_hospital: 2026-02-01\n  legal_status: none\nresponsible:\n  \
             icb: NHS Test ICB\n  local_authority: Test Borough\nneeds: []\nreviews:\n  \
             next_due: {due}\n  history:\n    - date: 2026-03-01\n"
        );
        let name = "plans/s117-9001.yaml";
        PlanFile::from_bytes(name.into(), name.into(), text.into_bytes(), settings)
    }

    #[test]
    fn the_list_the_dashboard_and_rule_nine_agree_on_every_boundary() {
        let settings = RuleSettings::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
        for (due, expected) in [
            ("2026-11-27", "overdue"),
            ("2026-11-28", "due soon"),
            ("2026-12-28", "due soon"),
            ("2026-12-29", "later"),
        ] {
            let file = plan_due(due, &settings);
            let rows = due_rows(
                std::slice::from_ref(&file),
                &DueFilter::default(),
                settings.today,
                settings.due_soon_days,
            );
            assert_eq!(rows[0].state, expected, "aftercare due, {due}");
            let summary = PlanSummary::of(&file, &settings);
            assert_eq!(summary.review_state.label(), expected, "dashboard, {due}");
            let rule_nine: Vec<&str> = file
                .findings
                .iter()
                .filter(|finding| finding.check == Check::Rule(9))
                .map(|finding| finding.message.as_str())
                .collect();
            match expected {
                "later" => assert!(rule_nine.is_empty(), "{due}: {rule_nine:?}"),
                state => assert!(
                    rule_nine.len() == 1 && rule_nine[0].contains(&format!("is {state}")),
                    "rule 9, {due}: {rule_nine:?}"
                ),
            }
        }
    }

    #[test]
    fn when_reads_naturally() {
        assert_eq!(when(-3), "3 days overdue");
        assert_eq!(when(0), "today");
        assert_eq!(when(12), "in 12 days");
    }
}
