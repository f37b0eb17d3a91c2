//! `aftercare set <FILE|PLAN-ID> <PATH> <VALUE>`: one field edit from the command line, through
//! the app's write gate (`store::pending`: preview, refusal words, locked atomic write). Prints
//! the diff and the warnings the app shows for the same change, in its words.
//!
//! Exit codes: 0 written (or, with `--dry-run`, would be written), 1 refused, 2 usage.

use std::cell::RefCell;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDate};
use serde_yaml::Value;

use crate::cli::{Context, exit, usage};
use crate::inert::inert;
use crate::plan::date_reading::{DateRule, read_date};
use crate::plan::dates::{DATE_KEYS, parse_prompt};
use crate::plan::finding::Check;
use crate::plan::money::{CHARGE_KEYS, Pence};
use crate::plan::parse::NEED_KEYS;
use crate::plan::rules::RuleSettings;
use crate::store::edit::{self, Edit, EditError, EditPath};
use crate::store::folder::plans_with_id;
use crate::store::pending::{
    Preview, STALE_COMMENT_NOTE, added_error_refusal, open_held, preview_edits,
    without_stale_comments, write_held,
};
use crate::store::write::leftovers::{STALE_TEMP_AGE, remove_stale_temp_files};
use crate::store::write::{Loaded, WriteError};

pub const WRITTEN: u8 = exit::FINE;
pub const REFUSED: u8 = exit::REFUSED_OR_FINDINGS;
pub const USAGE: u8 = exit::USAGE;

/// Arguments of `aftercare set`.
#[derive(Debug, Clone, clap::Args)]
pub struct SetArgs {
    /// The plan: a file, or a plan id (`S117-0042`) looked up in the plans folder.
    #[arg(value_name = "FILE|PLAN-ID")]
    pub plan: String,
    /// The field: `reviews.next_due`, `needs.N2.review_by`, `needs.N2.funding.icb`,
    /// `needs.N2.cost.amount`, `needs.N2.delivery`, `needs.N2.top_up` ...
    pub path: String,
    /// The new value. Dates take the prompt forms: 2026-12-01, 01/12/2026, +6w, +3m, today.
    /// Lists and shares take YAML: `[N2, N3]`, `{icb: 40, la: 60}`; a cost or top-up too:
    /// `{amount: 1450.00, per: week, from: 2026-12-01}`. Amounts are pounds to the penny.
    pub value: String,
    /// Show the diff and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Remove the trailing comment of a changed line (it may be out of date); by default it
    /// is kept and named.
    #[arg(long)]
    pub drop_comment: bool,
    /// The plans folder a plan id is looked up in (default: the folder before `set`, else the
    /// configured one, else ./plans).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Fields that hold text even when it looks like a number (`section: "37"`, `notes: "12"`).
/// (`icb` is not among them: under `funding` it is a share.)
const TEXT_KEYS: &[&str] = &[
    "section",
    "nhs_number",
    "id",
    "initials",
    "name",
    "need",
    "provider",
    "notes",
    "note",
    "care_coordinator",
    "local_authority",
    "goals",
    "views",
    "reasons",
    "icb_decision_by",
    "la_decision_by",
];

/// `aftercare set` as typed: the folder from `--dir` or the one before the command, the
/// diff and what was written on `out`, refusals and usage errors on `err`. Returns the exit
/// code.
pub fn execute(
    mut args: SetArgs,
    context: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    match context.plans_folder(args.dir.as_deref()) {
        Ok(dir) => args.dir = Some(dir),
        Err(message) => return usage(err, &message),
    }
    let today = Local::now().date_naive();
    match run_split(&args, today, out, err) {
        Ok(code) => Ok(code),
        Err(error) => {
            writeln!(err, "aftercare set: {}", inert(&format!("{error:#}")))?;
            Ok(USAGE)
        }
    }
}

/// Run `aftercare set`; the diff, and messages and refusals after it, go to `out` in the
/// order said. Returns the exit code.
pub fn run(args: &SetArgs, today: NaiveDate, out: &mut dyn Write) -> anyhow::Result<u8> {
    run_with(args, today, out, &mut |_| {})
}

/// `run`, with refusals, usage errors and notes on `err` and only the diff and what was
/// written on `out`.
pub fn run_split(
    args: &SetArgs,
    today: NaiveDate,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let (mut said, mut complaints) = (Vec::new(), Vec::new());
    let code = edit_and_write(args, today, &mut said, &mut complaints, &mut |_| {});
    out.write_all(inert(&String::from_utf8_lossy(&said)).as_bytes())?;
    err.write_all(inert(&String::from_utf8_lossy(&complaints)).as_bytes())?;
    code
}

/// One stream written through two handles (`run`): what goes to either lands in order.
struct OneStream<'a>(&'a RefCell<Vec<u8>>);

impl Write for OneStream<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().write(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `run`, with a hook called between reading the file and writing it (tests use it to change
/// the file behind the command's back). What is printed quotes plan text, file names and the
/// diff: it goes out inert (control characters as placeholders).
fn run_with(
    args: &SetArgs,
    today: NaiveDate,
    out: &mut dyn Write,
    before_write: &mut dyn FnMut(&Path),
) -> anyhow::Result<u8> {
    let said = RefCell::new(Vec::new());
    let code = edit_and_write(
        args,
        today,
        &mut OneStream(&said),
        &mut OneStream(&said),
        before_write,
    );
    out.write_all(inert(&String::from_utf8_lossy(&said.borrow())).as_bytes())?;
    code
}

fn edit_and_write(
    args: &SetArgs,
    today: NaiveDate,
    out: &mut dyn Write,
    err: &mut dyn Write,
    before_write: &mut dyn FnMut(&Path),
) -> anyhow::Result<u8> {
    let settings = RuleSettings::new(today);
    let path = match EditPath::parse(&args.path) {
        Ok(path) => path,
        Err(e) => return say(err, USAGE, &e.to_string()),
    };
    let (file, display) = match find_plan(args, &settings) {
        Ok(found) => found,
        Err((code, message)) => return say(err, code, &message),
    };
    let folder = plans_folder(args);
    if !args.dry_run {
        // Leftovers of an interrupted write (full copies of a plan): cleared before writing.
        if let Some(note) = remove_stale_temp_files(&folder, STALE_TEMP_AGE).note() {
            writeln!(err, "aftercare set: {note}")?;
        }
    }
    // A write holds the plan's lock from this read to its read-back: another `set` (or the
    // app) writing the plan meanwhile waits its turn rather than finding it changed.
    let mut held = match open_held(&folder, &file, !args.dry_run) {
        Ok(held) => held,
        Err(WriteError::Moved { .. }) => {
            return say(err, REFUSED, &format!("{}: it was moved", file.display()));
        }
        Err(e) => return say(err, REFUSED, &e.to_string()),
    };
    held.loaded.display = display;
    let loaded = &held.loaded;
    let current = edit::loader_value(&loaded.text).ok();
    let value = match value_for(&path, &args.value, current.as_ref(), today) {
        Ok(value) => value,
        Err(message) => return say(err, USAGE, &format!("{}: {message}", args.path)),
    };
    let edits = [Edit::Set {
        path: path.clone(),
        value,
    }];
    let preview = match preview_edits(loaded, &edits, &settings) {
        Ok(preview) => preview,
        Err(WriteError::Edit { source, .. }) => {
            return say(err, REFUSED, &refusal(loaded, &path, &source));
        }
        Err(e) => return say(err, REFUSED, &e.to_string()),
    };
    if preview.pending.diff.is_empty() {
        writeln!(
            out,
            "{}: `{}` already has that value; nothing to write",
            loaded.display, path
        )?;
        return Ok(WRITTEN);
    }
    if let Some(message) = unknown_key(loaded, &preview, &path) {
        return say(err, REFUSED, &message);
    }
    if let Some(refused) = added_error_refusal(&preview.new_errors) {
        writeln!(err, "aftercare set: {refused}")?;
        for error in &preview.findings.errors {
            writeln!(err, "  {}", error.compiler_line())?;
        }
        return Ok(REFUSED);
    }
    let preview = match args.drop_comment {
        true => without_stale_comments(loaded, &preview, &settings),
        false => preview,
    };
    write!(out, "{}", preview.pending.diff)?;
    for (line, comment) in &preview.stale_comments {
        let display = &loaded.display;
        writeln!(
            out,
            "{display}:{line}: note: {STALE_COMMENT_NOTE}: `{comment}` (kept; --drop-comment removes it)"
        )?;
    }
    for warning in date_warnings(&path, &args.value, today) {
        writeln!(out, "{}: warning: {path}: {warning}", loaded.display)?;
    }
    for warning in &preview.findings.warnings {
        writeln!(out, "{}", warning.compiler_line())?;
    }
    if args.dry_run {
        writeln!(out, "dry run: {} not written", loaded.display)?;
        return Ok(WRITTEN);
    }
    before_write(&loaded.path);
    match write_held(&held, &preview) {
        Ok(_) => {
            writeln!(out, "wrote {}", held.loaded.display)?;
            Ok(WRITTEN)
        }
        Err(e) => say(err, REFUSED, &e.to_string()),
    }
}

fn say(out: &mut dyn Write, code: u8, message: &str) -> anyhow::Result<u8> {
    let word = if code == USAGE { "usage" } else { "refused" };
    writeln!(out, "aftercare set: {word}: {message}")?;
    Ok(code)
}

/// The file to edit and the name to show for it: the argument when it names a file, else the
/// plan with that id in the plans folder. Either way the file must be inside the plans folder
/// (after `..`, absolute paths and symlinks are resolved): `set` never writes elsewhere.
fn find_plan(args: &SetArgs, settings: &RuleSettings) -> Result<(PathBuf, String), (u8, String)> {
    let dir = plans_folder(args);
    let given = Path::new(&args.plan);
    let looks_like_file = args.plan.ends_with(".yaml")
        || args.plan.ends_with(".yml")
        || args.plan.contains(std::path::MAIN_SEPARATOR)
        || given.symlink_metadata().is_ok();
    if looks_like_file {
        return inside_folder(&dir, given).map(|path| (path, args.plan.clone()));
    }
    let found = plans_with_id(&dir, &args.plan, settings).map_err(|e| (USAGE, e.to_string()))?;
    match found.as_slice() {
        [one] => inside_folder(&dir, one).map(|path| (path, one.to_string_lossy().into_owned())),
        [] => Err((
            USAGE,
            format!(
                "no plan with id `{}` in {}; give the file or a plan id",
                args.plan,
                dir.display()
            ),
        )),
        many => Err((
            REFUSED,
            format!(
                "{} files have the id `{}` ({}); give the file",
                many.len(),
                args.plan,
                many.iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

/// The plans folder: `--dir`, else `./plans`.
fn plans_folder(args: &SetArgs) -> PathBuf {
    args.dir.clone().unwrap_or_else(|| PathBuf::from("plans"))
}

/// `file` resolved (symlinks, `..`) and checked to be a regular file inside `dir`: the path
/// to read and write, so a link changed after this check cannot redirect the write.
fn inside_folder(dir: &Path, file: &Path) -> Result<PathBuf, (u8, String)> {
    let shown = file.display();
    let folder = dir.canonicalize().map_err(|e| {
        (
            USAGE,
            format!(
                "{}: cannot open the plans folder ({e}); give it with --dir",
                dir.display()
            ),
        )
    })?;
    if file.symlink_metadata().is_err() {
        return Err((USAGE, format!("{shown}: no such file")));
    }
    let real = file.canonicalize().map_err(|e| {
        (
            REFUSED,
            format!("{shown}: a symlink that leads nowhere ({e})"),
        )
    })?;
    if !real.starts_with(&folder) {
        return Err((
            REFUSED,
            format!(
                "{shown} is outside the plans folder {}; set edits plans inside it only \
                 (give another folder with --dir)",
                dir.display()
            ),
        ));
    }
    if !real.is_file() {
        return Err((
            REFUSED,
            format!("{shown}: not a plan file (a folder, pipe, socket or device)"),
        ));
    }
    Ok(real)
}

/// The value to write, typed as the field wants: dates from the prompt forms, text kept as
/// text, numbers and booleans where the file (or YAML) has them, YAML for lists and maps.
fn value_for(
    path: &EditPath,
    text: &str,
    current: Option<&Value>,
    today: NaiveDate,
) -> Result<Value, String> {
    let key = path
        .segments()
        .last()
        .map(String::as_str)
        .unwrap_or_default();
    if is_date_key(path) {
        let date = parse_prompt(text, today).map_err(|e| e.to_string())?;
        return Ok(Value::String(date.format("%Y-%m-%d").to_string()));
    }
    if is_money_path(path) {
        let value = serde_yaml::from_str::<Value>(text).map_err(|e| format!("not YAML: {e}"))?;
        return if key == "amount" {
            amount_value(&value)
        } else {
            amounts_within(value)
        };
    }
    let old = current.and_then(|plan| path.value_in(plan));
    // Text already there is replaced below (a block keeps its last line break).
    if TEXT_KEYS.contains(&key) && !matches!(old, Some(Value::String(_))) {
        return Ok(Value::String(text.to_string()));
    }
    let parsed = || serde_yaml::from_str::<Value>(text).map_err(|e| format!("not YAML: {e}"));
    match old {
        Some(Value::String(old)) => {
            let mut new = text.to_string();
            // A block of text keeps its last line break (`|` stays `|`, not `|-`).
            if old.ends_with('\n') && !new.ends_with('\n') {
                new.push('\n');
            }
            Ok(Value::String(new))
        }
        Some(Value::Number(_) | Value::Bool(_)) => match parsed()? {
            v @ (Value::Number(_) | Value::Bool(_)) => Ok(v),
            _ => Err(format!(
                "`{text}` is not a {}",
                if old.is_some_and(Value::is_bool) {
                    "true or false"
                } else {
                    "number"
                }
            )),
        },
        _ if text.starts_with(['{', '[']) || matches!(text, "null" | "~") => parsed(),
        _ => match parsed() {
            Ok(v @ (Value::Number(_) | Value::Bool(_))) => Ok(v),
            _ => Ok(Value::String(text.to_string())),
        },
    }
}

/// Is this a date field: one of the format's date keys (money's `needs.N2.cost.from` and
/// `needs.N2.top_up.agreed` among them)?
fn is_date_key(path: &EditPath) -> bool {
    let key = path.segments().last().map(String::as_str);
    key.is_some_and(|key| DATE_KEYS.contains(&key))
}

/// `needs.<id>.cost` or `needs.<id>.top_up`, or a field under them.
fn is_money_path(path: &EditPath) -> bool {
    matches!(path.segments(), [needs, _, money, ..] if needs == "needs" && (money == "cost" || money == "top_up"))
}

/// An amount as the plan keeps it: pounds to the penny, written as a number (`1450`, `38.5`);
/// anything else (`12.345`, `-5`, `£12`) is refused with the reason.
fn amount_value(value: &Value) -> Result<Value, String> {
    let text = match value {
        Value::Number(number) => number.to_string(),
        Value::String(text) => text.clone(),
        _ => return Err("an amount is pounds to the penny, such as 1450.00".into()),
    };
    let pence = Pence::parse_pounds(&text)?;
    Ok(if pence.0 % 100 == 0 {
        Value::from(pence.0 / 100)
    } else {
        // The shortest decimal of this `f64` is the amount typed (at most ten digits).
        Value::from(pence.0 as f64 / 100.0)
    })
}

/// A whole cost or top-up given as a map: its `amount` checked as [`amount_value`] does.
fn amounts_within(mut value: Value) -> Result<Value, String> {
    if let Value::Mapping(map) = &mut value
        && let Some(amount) = map.get_mut("amount")
    {
        *amount = amount_value(amount)?;
    }
    Ok(value)
}

/// An editor refusal in the command's words, with the nearby fields for an unknown path.
fn refusal(loaded: &Loaded, path: &EditPath, error: &EditError) -> String {
    let file = &loaded.display;
    match error {
        EditError::NotFound {
            parent,
            missing,
            available,
            ..
        } if parent == "needs" => {
            format!(
                "{file}: there is no need `{missing}` (needs: {})",
                available.join(", ")
            )
        }
        EditError::ReadOnly(reason) => format!("{file}: read-only: {reason}"),
        other => format!("{file}: {other}{}", nearby(path)),
    }
}

/// The fields of a need, for a message about a need path.
fn nearby(path: &EditPath) -> String {
    match path.segments() {
        [needs, _, _] if needs == "needs" => {
            let keys: Vec<&str> = NEED_KEYS
                .iter()
                .copied()
                .filter(|key| !CHARGE_KEYS.contains(key))
                .collect();
            format!(" (a need has: {})", keys.join(", "))
        }
        _ => String::new(),
    }
}

/// A key the format does not know, that the edit adds (a typo such as `reveiw_by`, which the
/// loader would keep as an unknown key): why the edit is refused.
fn unknown_key(loaded: &Loaded, preview: &Preview, path: &EditPath) -> Option<String> {
    let first = preview
        .findings
        .warnings
        .iter()
        .find(|f| f.check == Check::Rule(12) && f.message.starts_with("unknown key"))?;
    Some(format!(
        "{}: `{path}` is not a field the format knows: {}{}",
        loaded.display,
        first.message.trim_end_matches(" (kept as it is)"),
        nearby(path)
    ))
}

/// What a date field of the app warns of for this value (a next review in the past or more
/// than 12 months away, a meeting in the future): the app's own reading of a date field, so
/// both say the same words.
fn date_warnings(path: &EditPath, text: &str, today: NaiveDate) -> Vec<String> {
    match date_rule(path) {
        Some(rule) => read_date(text, rule, today).warnings,
        None => Vec::new(),
    }
}

/// The rule of the app's date field for this path, when it is a date: review dates look
/// ahead, dates of what has happened look back, an ending may be either.
fn date_rule(path: &EditPath) -> Option<DateRule> {
    let segments = path.segments();
    let key = segments.last()?.as_str();
    if !is_date_key(path) {
        return None;
    }
    Some(match key {
        "agreed" => DateRule::NotFuture,
        "from" => DateRule::Any,
        "next_due" | "review_by" => DateRule::NextReview,
        "date" if segments.first().is_some_and(|first| first == "reviews") => DateRule::NotFuture,
        "date_of_birth" | "detained" | "left_hospital" | "since" => DateRule::NotFuture,
        _ => DateRule::Any,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
    }

    #[test]
    fn an_external_change_between_read_and_write_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plan.yaml");
        let fixture = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/edit/format-example.yaml"
        );
        std::fs::copy(fixture, &file).unwrap();
        let args = SetArgs {
            plan: file.to_string_lossy().into_owned(),
            path: "reviews.next_due".into(),
            value: "+6m".into(),
            dry_run: false,
            drop_comment: false,
            dir: Some(dir.path().to_path_buf()),
        };
        let theirs = "# edited elsewhere\n".to_string() + &std::fs::read_to_string(&file).unwrap();
        let mut out = Vec::new();
        let code = run_with(&args, today(), &mut out, &mut |path| {
            std::fs::write(path, &theirs).unwrap();
        })
        .unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(code, REFUSED, "{out}");
        assert!(
            out.contains("the file changed on disk since it was loaded"),
            "{out}"
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), theirs);
    }

    #[test]
    fn values_are_typed_like_the_field() {
        let plan: Value = serde_yaml::from_str("a: 1\nb: x\nc: true\nd: |\n  t\n").unwrap();
        let p = |s: &str| EditPath::parse(s).unwrap();
        let v = |path: &str, text: &str| value_for(&p(path), text, Some(&plan), today());
        assert_eq!(
            v("reviews.next_due", "+6w").unwrap(),
            Value::from("2027-01-09")
        );
        assert_eq!(
            v("reviews.next_due", "01/12/2026").unwrap(),
            Value::from("2026-12-01")
        );
        assert!(v("reviews.next_due", "12/31/2026").is_err());
        assert_eq!(v("episode.section", "37").unwrap(), Value::from("37"));
        assert_eq!(v("a", "2").unwrap(), Value::from(2));
        assert!(v("a", "two").is_err());
        assert_eq!(v("b", "3").unwrap(), Value::from("3"));
        assert_eq!(v("c", "false").unwrap(), Value::from(false));
        assert_eq!(v("d", "u").unwrap(), Value::from("u\n"));
        assert_eq!(v("e", "40").unwrap(), Value::from(40));
        assert_eq!(v("e", "{icb: 40, la: 60}").unwrap()["la"], Value::from(60));
    }
}
