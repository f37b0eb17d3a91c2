//! `p` on a plan: export it (the person's copy, the review record or FHIR) to a file. A small
//! dialog: choose what (Up/Down), the path (typed; a file name alone goes in the folder the app
//! was started in), Enter writes. The file is rendered here (`crate::export`, no disk) and
//! written by the runtime (`Effect::Export`): a path inside the plans folder is refused, and
//! Enter again writes it there anyway. In meeting mode the export leaves out the identifiers.

pub mod view;

use std::path::PathBuf;

use crate::export::{Format, Kind, Options, export};
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay, Screen};
use crate::tui::effect::Effect;
use crate::tui::overlays::Message;

/// The keys of this layer, in the order the help lists them.
pub const KEYS: &[Action] = &[
    Action::ExportWrite,
    Action::ExportCancel,
    Action::MoveUp,
    Action::MoveDown,
    Action::FormBackspace,
    Action::FormClear,
    Action::FormInput(' '),
    Action::ShowHelp,
];

/// What can be exported, in the order the dialog lists it.
pub const CHOICES: [(Kind, Format); 5] = [
    (Kind::Person, Format::Html),
    (Kind::Person, Format::Md),
    (Kind::Record, Format::Html),
    (Kind::Record, Format::Md),
    (Kind::Fhir, Format::Json),
];

/// The export dialog over a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportDialog {
    /// The plan's file (index into the folder's files).
    pub file: usize,
    /// The plan's id, for file names.
    pub id: String,
    /// Which of `CHOICES`.
    pub choice: usize,
    /// Where to write it, as typed.
    pub path: String,
    /// The path was refused as inside the plans folder: Enter again writes it there.
    pub inside_confirmed: bool,
    /// Why the last Enter did not write.
    pub error: Option<String>,
    /// Exported in meeting mode (no identifiers).
    pub meeting: bool,
}

impl ExportDialog {
    pub fn chosen(&self) -> (Kind, Format) {
        CHOICES[self.choice.min(CHOICES.len() - 1)]
    }

    /// The file name offered for a choice: `s117-0042-person.html`.
    pub fn suggested(&self, choice: usize) -> String {
        let (kind, format) = CHOICES[choice];
        let id: String = self
            .id
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let id = if id.is_empty() { "plan".to_owned() } else { id };
        let meeting = if self.meeting { "-meeting" } else { "" };
        format!("{id}-{}{meeting}.{}", kind.word(), format.extension())
    }
}

/// Work for the runtime: write `text` to `path`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportJob {
    pub path: PathBuf,
    pub text: String,
    /// Refused inside these folders unless `into_plans_folder`.
    pub plans_folders: Vec<PathBuf>,
    pub into_plans_folder: bool,
    /// `the person's copy`, for the message.
    pub what: &'static str,
}

/// The runtime's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportNews {
    pub what: &'static str,
    /// Where it was written (the full path), or why not.
    pub result: Result<String, ExportRefused>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportRefused {
    /// The path is inside the plans folder.
    InsidePlansFolder(String),
    Failed(String),
}

/// `p`: open the dialog over the plan shown.
pub fn open(app: &mut App) {
    let Screen::Plan(screen) = &app.nav.screen else {
        return;
    };
    let Some(plan) = app.shown_plan(screen.file) else {
        return;
    };
    let mut dialog = ExportDialog {
        file: screen.file,
        id: plan.id.clone().unwrap_or_default(),
        choice: 0,
        path: String::new(),
        inside_confirmed: false,
        error: None,
        meeting: app.ui.display.meeting,
    };
    dialog.path = dialog.suggested(0);
    app.nav.overlays.push(Overlay::Export(Box::new(dialog)));
}

fn dialog(app: &mut App) -> Option<&mut ExportDialog> {
    match app.nav.overlays.last_mut() {
        Some(Overlay::Export(dialog)) => Some(dialog),
        _ => None,
    }
}

/// The dialog's keys.
pub fn update(app: &mut App, action: Action) {
    if matches!(action, Action::ExportCancel) {
        app.nav.overlays.pop();
        return;
    }
    if matches!(action, Action::ExportWrite) {
        write(app);
        return;
    }
    let Some(dialog) = dialog(app) else {
        return;
    };
    let was_suggested = dialog.path == dialog.suggested(dialog.choice);
    match action {
        Action::MoveUp | Action::MoveDown => {
            let count = CHOICES.len();
            let step = if matches!(action, Action::MoveUp) {
                count - 1
            } else {
                1
            };
            dialog.choice = (dialog.choice + step) % count;
            if was_suggested {
                dialog.path = dialog.suggested(dialog.choice);
            }
        }
        Action::FormInput(c) => dialog.path.push(c),
        Action::Paste(text) => dialog.path.push_str(&text.replace(['\n', '\r', '\t'], " ")),
        Action::FormBackspace => {
            dialog.path.pop();
        }
        Action::FormClear => dialog.path.clear(),
        _ => return,
    }
    dialog.inside_confirmed = false;
    dialog.error = None;
}

/// Enter: render the export and ask the runtime to write it.
fn write(app: &mut App) {
    let made_on = app.today();
    let identifying_fields = app.ui.display.identifying_fields.clone();
    let folder = PathBuf::from(&app.folder.path);
    let Some(Overlay::Export(dialog)) = app.nav.overlays.last() else {
        return;
    };
    let dialog = dialog.as_ref().clone();
    let path = dialog.path.trim();
    if path.is_empty() {
        if let Some(open) = self::dialog(app) {
            open.error = Some("give a file to write to".to_owned());
        }
        return;
    }
    let Some(file) = app.folder.files.get(dialog.file) else {
        return;
    };
    let plan_folder = file.path.parent().map(PathBuf::from).unwrap_or_default();
    let Some(plan) = app.shown_plan(dialog.file) else {
        return;
    };
    let (kind, format) = dialog.chosen();
    let options = Options {
        made_on,
        meeting: dialog.meeting,
        identifying_fields,
        review: None,
        git_changes: Vec::new(),
    };
    match export(plan, kind, format, &options) {
        Ok(text) => {
            let job = ExportJob {
                path: PathBuf::from(path),
                text,
                plans_folders: vec![folder, plan_folder],
                into_plans_folder: dialog.inside_confirmed,
                what: kind.label(),
            };
            app.ask(Effect::Export(Box::new(job)));
        }
        Err(error) => {
            if let Some(open) = self::dialog(app) {
                open.error = Some(error.to_string());
            }
        }
    }
}

/// The runtime's answer: written (the dialog closes and says where), or why not.
pub fn take_news(app: &mut App, news: ExportNews) {
    match news.result {
        Ok(path) => {
            if matches!(app.nav.overlays.last(), Some(Overlay::Export(_))) {
                app.nav.overlays.pop();
            }
            let path = app.shown(&path).into_owned();
            app.ui.message = Message::info(format!("wrote {} to {path}", news.what));
        }
        Err(refused) => {
            let Some(dialog) = dialog(app) else {
                app.ui.message = Message::error("the export was not written");
                return;
            };
            dialog.error = Some(match refused {
                ExportRefused::InsidePlansFolder(folder) => {
                    dialog.inside_confirmed = true;
                    format!(
                        "that is inside the plans folder {folder}: it would be committed with \
                         the plans. Enter again writes it there anyway; or change the path"
                    )
                }
                ExportRefused::Failed(reason) => reason,
            });
        }
    }
}
