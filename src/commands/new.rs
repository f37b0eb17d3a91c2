//! `aftercare new [DIR]`: a new plan from a few questions on the terminal (the same form as
//! `n` in the app, from the same setup and checks: `plan::new_plan`): the next free id,
//! qualifying sections only, ICBs and local authorities already in the folder offered, the
//! first review suggested at 42 days. The file is shown as a diff and written only when
//! confirmed, never over an existing file (refused before asking when one is there).
//!
//! Everything it prints goes through `crate::inert`: folder names, the ICBs and local
//! authorities read from the plans, the new file's diff and echoes of what was typed cannot
//! act on the terminal.
//!
//! Exit codes: 0 written, 1 refused or stopped (nothing written), 2 usage.

use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::cli::{Context, exit, usage};
use crate::inert::inert;
use crate::plan::dates::{format_uk_weekday, parse_prompt};
use crate::plan::model::LegalStatus;
use crate::plan::new_plan::{INTERVAL_MONTHS, NewPlanSetup};
use crate::plan::nhs::check_nhs_number;
use crate::plan::rules::RuleSettings;
use crate::plan::template::{Identity, NewPlan, SECTIONS, render, section_for};
use crate::store::diff::new_file_diff;
use crate::store::folder::load_folder;
use crate::store::pending::create;

pub const WRITTEN: u8 = exit::FINE;
pub const STOPPED: u8 = exit::REFUSED_OR_FINDINGS;
pub const USAGE: u8 = exit::USAGE;

/// Arguments of `aftercare new`.
#[derive(Debug, Clone, clap::Args)]
pub struct NewArgs {
    /// The plans folder (default: the configured folder, else ./plans).
    pub dir: Option<PathBuf>,
    /// As if today were this date (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
}

/// The terminal as `new` writes to it: every piece of text made inert on the way (`write!`
/// hands over whole strings, so a character is never split between two writes).
struct InertOut<'a>(&'a mut dyn Write);

impl Write for InertOut<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(bytes);
        self.0.write_all(inert(&text).as_bytes())?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// The questions, asked on `input` with prompts on `out`.
struct Asker<'a> {
    input: &'a mut dyn BufRead,
    out: &'a mut dyn Write,
}

/// The user stopped (end of input): nothing is written.
struct Stopped;

impl Asker<'_> {
    /// One answer: the line typed, or the default when it is empty.
    fn line(&mut self, question: &str, default: Option<&str>) -> Result<String, Stopped> {
        match default {
            Some(default) if !default.is_empty() => {
                let _ = write!(self.out, "{question} [{default}]: ");
            }
            _ => {
                let _ = write!(self.out, "{question}: ");
            }
        }
        let _ = self.out.flush();
        let mut line = String::new();
        match self.input.read_line(&mut line) {
            Ok(0) | Err(_) => Err(Stopped),
            Ok(_) => {
                // An answer is one line of text: control characters typed or piped in go.
                line.retain(|c| !c.is_control());
                let typed = line.trim();
                Ok(if typed.is_empty() {
                    default.unwrap_or_default().to_owned()
                } else {
                    typed.to_owned()
                })
            }
        }
    }

    /// Ask until `read` accepts the answer; its refusal is said and the question asked again.
    fn until<T>(
        &mut self,
        question: &str,
        default: Option<&str>,
        read: impl Fn(&str) -> Result<T, String>,
    ) -> Result<T, Stopped> {
        loop {
            let answer = self.line(question, default)?;
            match read(&answer) {
                Ok(value) => return Ok(value),
                Err(why) => {
                    let _ = writeln!(self.out, "  {why}");
                }
            }
        }
    }

    /// A date, echoed as understood (`= Fri 01 Jan 2027`).
    fn date(
        &mut self,
        question: &str,
        default: Option<&str>,
        today: NaiveDate,
        optional: bool,
    ) -> Result<Option<NaiveDate>, Stopped> {
        let date = self.until(question, default, |text| {
            if text.is_empty() && optional {
                return Ok(None);
            }
            parse_prompt(text, today)
                .map(Some)
                .map_err(|e| e.to_string())
        })?;
        if let Some(date) = date {
            let _ = writeln!(self.out, "  = {}", format_uk_weekday(date));
        }
        Ok(date)
    }

    /// One of `options` by number or by name, or (when `free`) any other text.
    fn pick(&mut self, question: &str, options: &[String], free: bool) -> Result<String, Stopped> {
        for (number, option) in options.iter().enumerate() {
            let _ = writeln!(self.out, "  {} {option}", number + 1);
        }
        let hint = if free && options.is_empty() {
            // Nothing listed to choose by number: the name is asked for.
            format!("{question} (type the name)")
        } else if free {
            format!("{question} (a number, or type a name)")
        } else {
            format!("{question} (a number)")
        };
        let default = (!options.is_empty()).then_some("1");
        self.until(&hint, default, |text| {
            if let Ok(number) = text.parse::<usize>()
                && let Some(option) = number.checked_sub(1).and_then(|i| options.get(i))
            {
                return Ok(option.clone());
            }
            if let Some(option) = options.iter().find(|o| o.eq_ignore_ascii_case(text)) {
                return Ok(option.clone());
            }
            if free && !text.is_empty() {
                return Ok(text.to_owned());
            }
            Err(if options.is_empty() {
                "type the name".to_owned()
            } else {
                "choose one of the numbers above".to_owned()
            })
        })
    }
}

fn required(what: &'static str) -> impl Fn(&str) -> Result<String, String> {
    move |text| {
        if text.is_empty() {
            Err(format!("{what} is required"))
        } else {
            Ok(text.to_owned())
        }
    }
}

/// `aftercare new` as typed: the folder and `--today` from `args` and `context`, the answers
/// from standard input, questions and the diff on `out`, refusals and stops on `err`.
pub fn execute(
    args: NewArgs,
    context: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    let settings = match context.settings(args.today.as_deref()) {
        Ok(settings) => settings,
        Err(message) => return usage(err, &message),
    };
    let dir = match context.plans_folder(args.dir.as_deref()) {
        Ok(dir) => dir,
        Err(message) => return usage(err, &message),
    };
    match run(&dir, &settings, &mut io::stdin().lock(), out, err) {
        Ok(code) => Ok(code),
        Err(error) => usage(err, &format!("new: {error:#}")),
    }
}

/// Run `aftercare new` on `dir`: questions and the diff on `out`, why nothing was written on
/// `err`. Returns the exit code.
pub fn run(
    dir: &Path,
    settings: &RuleSettings,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let mut inert_out = InertOut(out);
    let out: &mut dyn Write = &mut inert_out;
    let mut inert_err = InertOut(err);
    let err: &mut dyn Write = &mut inert_err;
    let folder = match load_folder(dir, settings) {
        Ok(folder) => folder,
        Err(error) => {
            writeln!(err, "aftercare new: {error}")?;
            return Ok(USAGE);
        }
    };
    let setup = NewPlanSetup::of(dir, &folder.files, settings);
    let today = settings.today;
    writeln!(
        out,
        "New S117 aftercare plan in {} (Enter keeps the [suggestion]; end of input stops).",
        dir.display()
    )?;
    let mut ask = Asker { input, out };
    let answers = (|| -> Result<(NewPlan, PathBuf), Stopped> {
        let id = ask.until("Plan id", Some(&setup.suggested_id()), |text| {
            if text.is_empty() {
                return Err("a plan id is required".to_owned());
            }
            match setup.id_taken(text) {
                Some(why) => Err(why),
                None => Ok(text.to_owned()),
            }
        })?;
        let initials = ask.until("Initials", None, required("initials"))?;
        let name = ask.line("Name (or empty)", None)?;
        let nhs_number = ask.until("NHS number (or empty)", None, |text| {
            if text.is_empty() {
                return Ok(None);
            }
            check_nhs_number(text)
                .map(Some)
                .map_err(|why| why.to_string())
        })?;
        let date_of_birth = ask.date("Date of birth (or empty)", None, today, true)?;
        let labels: Vec<&str> = SECTIONS.iter().map(|(label, ..)| *label).collect();
        let section_question = format!("Section ({})", labels.join(", "));
        let (section, restricted) = ask.until(&section_question, Some("3"), |text| {
            section_for(text)
                .ok_or_else(|| format!("S117 follows only these detentions: {}", labels.join(", ")))
        })?;
        let detained = ask.date("Detained on (or empty)", None, today, true)?;
        let left_hospital = ask
            .date("Left hospital on", None, today, false)?
            .unwrap_or(today);
        let legal_question = format!("Legal status ({})", LegalStatus::choices());
        let legal_status = ask.until(&legal_question, Some("none"), |text| {
            LegalStatus::parse(text).ok_or_else(|| format!("one of {}", LegalStatus::choices()))
        })?;
        let icb = ask.pick("ICB", &setup.icbs, true)?;
        let local_authority = ask.pick("Local authority", &setup.local_authorities, true)?;
        let coordinator = ask.line("Care coordinator (or empty)", None)?;
        let subfolder = if setup.offers_subfolders() {
            let shown: Vec<String> = setup
                .subfolders
                .iter()
                .map(|sub| {
                    let folder = dir.join(sub).display().to_string();
                    format!("{}/", folder.trim_end_matches('/'))
                })
                .collect();
            let chosen = ask.pick("Folder", &shown, false)?;
            let index = shown.iter().position(|folder| *folder == chosen);
            index
                .and_then(|index| setup.subfolders.get(index))
                .cloned()
                .unwrap_or_default()
        } else {
            String::new()
        };
        let first = setup.first_review(left_hospital);
        let first_text = first.format("%d/%m/%Y").to_string();
        let next_due = ask
            .date("First review", Some(&first_text), today, false)?
            .unwrap_or(first);
        let plan = NewPlan {
            id,
            initials,
            identity: Identity {
                name: Some(name).filter(|name| !name.is_empty()),
                nhs_number,
                date_of_birth,
            },
            section,
            restricted,
            detained,
            left_hospital,
            legal_status,
            icb,
            local_authority,
            care_coordinator: Some(coordinator).filter(|c| !c.is_empty()),
            next_due,
            interval_months: INTERVAL_MONTHS,
        };
        let path = setup.path(&subfolder, &plan.id);
        Ok((plan, path))
    })();
    let Ok((plan, path)) = answers else {
        writeln!(ask.out)?;
        writeln!(err, "aftercare new: stopped; nothing was written")?;
        return Ok(STOPPED);
    };
    let display = path.to_string_lossy().into_owned();
    let text = render(&plan);
    write!(ask.out, "\n{}", new_file_diff(&display, &text))?;
    let check = setup.check(&plan, &path, settings);
    for finding in &check.findings {
        writeln!(ask.out, "{}", finding.compiler_line())?;
    }
    for refusal in &check.refusals {
        writeln!(
            err,
            "aftercare new: refused: {refusal}; nothing was written"
        )?;
    }
    if check.is_refused() {
        if check.refusals.is_empty() {
            writeln!(
                err,
                "aftercare new: refused: the plan would have errors; nothing was written"
            )?;
        }
        return Ok(STOPPED);
    }
    let confirm = ask.line(&format!("Write {display}? (y/N)"), None);
    if !matches!(confirm.as_deref(), Ok("y" | "Y" | "yes")) {
        writeln!(err, "aftercare new: not written")?;
        return Ok(STOPPED);
    }
    match create(&path, &text) {
        Ok(()) => {
            writeln!(ask.out, "wrote {display}")?;
            Ok(WRITTEN)
        }
        Err(error) => {
            writeln!(err, "aftercare new: refused: {error}")?;
            Ok(STOPPED)
        }
    }
}
