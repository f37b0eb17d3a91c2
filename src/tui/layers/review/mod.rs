//! The guided review (`r`): a form in steps (meeting, attendees, each need in turn, new needs,
//! the person's voice, outcome, next review, check), each of which can go back. Its answers
//! become one pending entry: the need changes, then one `reviews.history` entry listing them
//! and the new `reviews.next_due`.

pub mod update;
pub mod view;

use crate::tui::action::Action;
use crate::tui::keymap::layer_keys;
use chrono::NaiveDate;

use crate::plan::change::{Change, VoiceField, edited_text};
use crate::plan::dates::add_months;
use crate::plan::model::{Need, NeedStatus, Plan, Review, ReviewOutcome};
use crate::plan::pending::{NewIssues, new_issues};
use crate::plan::rules::{RuleSettings, next_free_need_number};

use crate::tui::form::{Choice, DateRule, Field, Form};
use crate::tui::layers::prompt::quick_edit::money;
use crate::tui::layers::prompt::quick_edit::{
    category_change, category_fields, end_need, need_from_form, need_summary, new_need_fields,
    note_la_share, status_choices, text_changes, yes_no,
};
use crate::tui::text::one_line;

/// The keys of this layer, in the order the help lists them.
pub const KEYS: &[Action] = layer_keys![
    Action::FormSubmit,
    Action::FormNext,
    Action::StepBack,
    Action::StepForward,
    Action::FormCancel,
    @form_editing;
    Action::ShowHelp,
    Action::Quit,
];

/// The roles offered as attendees (others are typed).
pub const ROLES: &[&str] = &[
    "person",
    "care coordinator",
    "social worker",
    "ICB commissioner",
    "psychiatrist",
    "nurse",
    "carer or family",
    "advocate",
    "provider",
];

/// Interval used when the plan does not set `interval_months`.
const DEFAULT_INTERVAL: u32 = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Meeting,
    Attendees,
    /// The need at this index of `ReviewForm::needs`.
    Need(usize),
    NewNeeds,
    Voice,
    Outcome,
    NextReview,
    Check,
}

/// One need's step: which need, and what was decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeedStep {
    pub id: String,
    pub form: Form,
}

/// What Enter did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Advance {
    Stayed,
    Moved,
    /// Enter on the last step: record the review.
    Finish,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReviewForm {
    pub step: usize,
    pub meeting: Form,
    pub attendees: Form,
    pub needs: Vec<NeedStep>,
    /// New needs added on the new-needs step, in order.
    pub added: Vec<Need>,
    pub new_need: Form,
    pub voice: Form,
    pub outcome: Form,
    pub next: Form,
    pub interval_months: u32,
    /// The user chose an outcome (the suggestion no longer replaces it).
    pub outcome_chosen: bool,
    /// What the review would break (errors block recording it) or deserves a look.
    pub feedback: NewIssues,
    /// Why the last Enter on the check step was refused.
    pub error: Option<String>,
    first_new_number: u32,
}

fn need_step(need: &Need, today: NaiveDate) -> NeedStep {
    let id = need.id.clone().unwrap_or_default();
    let change = &["change"];
    let mut fields = vec![Field::choice(
        "decision",
        "Decision",
        vec![
            Choice::new("keep", "keep as it is"),
            Choice::new("change", "change it"),
            Choice::new("end", "end it"),
            Choice::new("date", "set its review date"),
        ],
        "keep",
    )];
    let text = |value: &Option<String>| one_line(value.as_deref().unwrap_or(""));
    fields.push(Field::text("need", "Need", text(&need.need)).when("decision", change));
    fields.push(Field::text("provider", "Provider", text(&need.provider)).when("decision", change));
    fields.extend(
        category_fields(need.category, need.funding)
            .into_iter()
            .map(|field| field.when("decision", change)),
    );
    fields.push(
        Field::choice(
            "status",
            "Status",
            status_choices(false),
            need.status.map_or("proposed", NeedStatus::as_str),
        )
        .when("decision", change),
    );
    // Cost, delivery and top-up, as the need edit offers them (Money: Right to edit).
    fields.extend(
        money::money_fields(need)
            .into_iter()
            .map(|field| field.when("decision", change)),
    );
    fields.push(
        Field::text("reason", "Why it ends", "")
            .required()
            .when("decision", &["end"]),
    );
    fields.push(
        Field::date("review_by", "Review by", "", DateRule::NextReview)
            .required()
            .when("decision", &["date"]),
    );
    let form = Form::new(format!("Need {id}"), today, fields).with_intro(need_summary(need));
    NeedStep { id, form }
}

impl ReviewForm {
    pub fn new(plan: &Plan, today: NaiveDate) -> ReviewForm {
        let voice = plan.patient_voice.clone().unwrap_or_default();
        let text = |value: &Option<String>| one_line(value.as_deref().unwrap_or(""));
        ReviewForm {
            step: 0,
            meeting: Form::new(
                "Meeting",
                today,
                vec![
                    Field::date("date", "Meeting date", "today", DateRule::NotFuture).required(),
                    yes_no("involved", "Person involved", true),
                ],
            ),
            attendees: Form::new(
                "Who attended",
                today,
                vec![
                    Field::checklist(
                        "roles",
                        "Roles (Space ticks)",
                        ROLES.iter().map(|r| r.to_string()).collect(),
                    ),
                    Field::text("others", "Others (comma-separated)", ""),
                ],
            ),
            needs: plan
                .needs
                .iter()
                .filter(|need| need.status != Some(NeedStatus::Ended) && need.id.is_some())
                .map(|need| need_step(need, today))
                .collect(),
            added: Vec::new(),
            new_need: Form::new("New need", today, new_need_fields()),
            voice: Form::new(
                "The person's voice",
                today,
                vec![
                    Field::text("goals", "Goals", text(&voice.goals)),
                    Field::text("views", "Views", text(&voice.views)),
                ],
            )
            .with_intro(vec!["In the person's own words.".into()]),
            outcome: Form::new(
                "Outcome",
                today,
                vec![Field::choice(
                    "outcome",
                    "Outcome",
                    ReviewOutcome::ALL
                        .iter()
                        .map(|o| Choice::new(o.as_str(), o.as_str().replace('_', " ")))
                        .collect(),
                    "continue",
                )],
            ),
            next: Form::new(
                "Next review",
                today,
                vec![Field::date("date", "Next review", "", DateRule::NextReview).required()],
            ),
            interval_months: plan.reviews.interval_months.unwrap_or(DEFAULT_INTERVAL),
            outcome_chosen: false,
            feedback: NewIssues::default(),
            error: None,
            first_new_number: next_free_need_number(plan),
        }
    }

    pub fn steps(&self) -> Vec<Step> {
        let mut steps = vec![Step::Meeting, Step::Attendees];
        steps.extend((0..self.needs.len()).map(Step::Need));
        steps.extend([
            Step::NewNeeds,
            Step::Voice,
            Step::Outcome,
            Step::NextReview,
            Step::Check,
        ]);
        steps
    }

    pub fn current(&self) -> Step {
        let steps = self.steps();
        steps[self.step.min(steps.len() - 1)]
    }

    pub fn step_title(&self, step: Step) -> String {
        match step {
            Step::Meeting => "Meeting".into(),
            Step::Attendees => "Who attended".into(),
            Step::Need(index) => format!(
                "Need {} of {}: {}",
                index + 1,
                self.needs.len(),
                self.needs[index].id
            ),
            Step::NewNeeds => "New needs".into(),
            Step::Voice => "The person's views and goals".into(),
            Step::Outcome => "Outcome".into(),
            Step::NextReview => "Next review".into(),
            Step::Check => "Check and record".into(),
        }
    }

    pub fn form(&self) -> Option<&Form> {
        Some(match self.current() {
            Step::Meeting => &self.meeting,
            Step::Attendees => &self.attendees,
            Step::Need(index) => &self.needs[index].form,
            Step::NewNeeds => &self.new_need,
            Step::Voice => &self.voice,
            Step::Outcome => &self.outcome,
            Step::NextReview => &self.next,
            Step::Check => return None,
        })
    }

    pub fn form_mut(&mut self) -> Option<&mut Form> {
        if self.current() == Step::Outcome {
            self.outcome_chosen = true;
        }
        Some(match self.current() {
            Step::Meeting => &mut self.meeting,
            Step::Attendees => &mut self.attendees,
            Step::Need(index) => &mut self.needs[index].form,
            Step::NewNeeds => &mut self.new_need,
            Step::Voice => &mut self.voice,
            Step::Outcome => &mut self.outcome,
            Step::NextReview => &mut self.next,
            Step::Check => return None,
        })
    }

    /// Anything typed or chosen, so leaving must ask first.
    pub fn is_dirty(&self) -> bool {
        self.step > 0
            || !self.added.is_empty()
            || [
                &self.meeting,
                &self.attendees,
                &self.new_need,
                &self.voice,
                &self.outcome,
                &self.next,
            ]
            .iter()
            .any(|form| form.is_dirty())
            || self.needs.iter().any(|n| n.form.is_dirty())
    }

    /// Go to the previous step (its last field); `false` on the first.
    pub fn back(&mut self) -> bool {
        if self.step == 0 {
            return false;
        }
        self.step -= 1;
        self.error = None;
        if let Some(form) = self.form_mut() {
            form.focus_last();
        }
        true
    }

    /// Leave the step forward if its fields can be used (a new need typed out on the
    /// new-needs step is added, not dropped).
    pub fn forward(&mut self, plan: &Plan) -> Advance {
        match self.current() {
            Step::Check => return Advance::Finish,
            Step::NewNeeds => {
                if !self.new_need.value("need").is_empty() && !self.add_new_need() {
                    return Advance::Stayed;
                }
            }
            _ => {
                if let Some(form) = self.form_mut()
                    && let Some((at, why)) = form.first_problem()
                {
                    form.refuse(Some(at), why);
                    return Advance::Stayed;
                }
            }
        }
        self.step += 1;
        self.enter_step(plan);
        Advance::Moved
    }

    /// Enter: the next field, else (on the new-needs step) add the need, else the next step.
    pub fn enter(&mut self, plan: &Plan) -> Advance {
        if self.current() == Step::NewNeeds {
            if self.new_need.value("need").is_empty() {
                return self.forward(plan);
            }
            if !self.new_need.next_field() {
                self.add_new_need();
            }
            return Advance::Stayed;
        }
        if self.form_mut().is_some_and(|form| form.next_field()) {
            Advance::Stayed
        } else {
            self.forward(plan)
        }
    }

    /// Add the need typed on the new-needs step and clear the form for another.
    fn add_new_need(&mut self) -> bool {
        let id = format!("N{}", self.first_new_number + self.added.len() as u32);
        match need_from_form(&self.new_need, &id) {
            Ok(need) => {
                self.added.push(need);
                let today = self.new_need.today;
                self.new_need = Form::new("New need", today, new_need_fields());
                true
            }
            Err(why) => {
                let at = self.new_need.first_problem().map(|(at, _)| at);
                self.new_need.refuse(at, why);
                false
            }
        }
    }

    /// Suggestions that depend on earlier steps, unless the user has set them already.
    fn enter_step(&mut self, plan: &Plan) {
        self.error = None;
        match self.current() {
            Step::Outcome if !self.outcome_chosen => {
                let changed = !self.need_changes(plan).is_empty();
                let word = if changed { "changed" } else { "continue" };
                if let Some(field) = self.outcome.field_mut("outcome")
                    && let crate::tui::form::FieldKind::Choice(options, selected) = &mut field.kind
                {
                    *selected = options.iter().position(|o| o.value == word).unwrap_or(0);
                }
            }
            Step::NextReview => {
                let meeting = self.meeting.date("date").unwrap_or(self.meeting.today);
                let suggested = add_months(meeting, self.interval_months as i32);
                if let (Some(date), Some(field)) = (suggested, self.next.field_mut("date"))
                    && let crate::tui::form::FieldKind::Date(input, _) = &mut field.kind
                    && !input.edited
                {
                    input.suggest(date.format("%d/%m/%Y").to_string());
                }
                if let Some(field) = self.next.field_mut("date") {
                    field.note = suggested.map(|_| {
                        format!(
                            "Suggested: the meeting date + {} months (the plan's interval).",
                            self.interval_months
                        )
                    });
                }
            }
            _ => {}
        }
    }

    /// The changes decided on the needs' steps, and the new needs.
    fn need_changes(&self, plan: &Plan) -> Vec<Change> {
        let mut changes = Vec::new();
        for step in &self.needs {
            let form = &step.form;
            let id = step.id.as_str();
            let Some(need) = plan.need_by_id(id).cloned() else {
                continue;
            };
            match form.value("decision").as_str() {
                "change" => {
                    changes.extend(text_changes(id, &need, form));
                    changes.extend(category_change(id, &need, form));
                    // An amount that is not pounds to the penny is refused by `changes`.
                    if let Ok(Some(money)) = money::money_change(id, &need, form) {
                        changes.push(money);
                    }
                    if let Some(to) = NeedStatus::parse(&form.value("status"))
                        && need.status != Some(to)
                    {
                        changes.push(Change::NeedStatus {
                            need: id.to_owned(),
                            need_text: need.need.clone(),
                            from: need.status,
                            to,
                        });
                    }
                }
                "end" if !form.value("reason").is_empty() => {
                    // Ended on the day of the review's meeting (today until it is a date).
                    let on = self.meeting.date("date").unwrap_or(form.today);
                    changes.push(end_need(&need, id, &form.value("reason"), on))
                }
                "date" => {
                    if let Some(to) = form.date("review_by") {
                        changes.push(Change::NeedReviewBy {
                            need: id.to_owned(),
                            need_text: need.need.clone(),
                            from: need.review_by,
                            to,
                        });
                    }
                }
                _ => {}
            }
        }
        changes.extend(self.added.iter().cloned().map(Change::AddNeed));
        changes
    }

    /// The voice changes: a field emptied is left as it was.
    fn voice_changes(&self, plan: &Plan) -> Vec<Change> {
        let voice = plan.patient_voice.clone().unwrap_or_default();
        [
            (VoiceField::Goals, voice.goals),
            (VoiceField::Views, voice.views),
        ]
        .into_iter()
        .filter_map(|(field, from)| {
            let typed = self.voice.value(field.key());
            if typed.is_empty() {
                return None;
            }
            edited_text(from.as_deref(), &typed).map(|to| Change::PatientVoice { field, from, to })
        })
        .collect()
    }

    /// Everyone who attended: the roles ticked, then the others typed.
    pub fn attendee_list(&self) -> Vec<String> {
        let mut list = self.attendees.checked("roles");
        list.extend(
            self.attendees
                .value("others")
                .split(',')
                .map(str::trim)
                .filter(|name| !name.is_empty())
                .map(str::to_owned),
        );
        list
    }

    /// The review's changes: what was decided, then the history entry that lists it and the
    /// next review date. `Err` while the meeting or next review date is not a date.
    pub fn changes(&self, plan: &Plan) -> Result<Vec<Change>, String> {
        let date = self
            .meeting
            .date("date")
            .ok_or("the meeting date is not a date")?;
        let next_due = self
            .next
            .date("date")
            .ok_or("the next review date is not set")?;
        for step in &self.needs {
            if step.form.value("decision") == "change"
                && let Some(need) = plan.need_by_id(&step.id)
            {
                money::money_change(&step.id, need, &step.form)
                    .map_err(|why| format!("{}: {why}", step.id))?;
            }
        }
        let mut changes = self.need_changes(plan);
        changes.extend(self.voice_changes(plan));
        let review = Review {
            date: Some(date),
            attendees: self.attendee_list(),
            person_involved: Some(self.meeting.value("involved") == "yes"),
            outcome: ReviewOutcome::parse(&self.outcome.value("outcome")),
            changes: changes.iter().map(Change::describe).collect(),
        };
        changes.push(Change::RecordReview {
            review,
            next_due_from: plan.reviews.next_due,
            next_due,
        });
        Ok(changes)
    }

    /// After a key: the derived LA shares and what the review so far would break.
    pub fn refresh(&mut self, plan: &Plan, settings: &RuleSettings) {
        for step in &mut self.needs {
            note_la_share(&mut step.form);
        }
        note_la_share(&mut self.new_need);
        let mut probe = self.need_changes(plan);
        probe.extend(self.voice_changes(plan));
        if let Ok(all) = self.changes(plan) {
            probe = all;
        }
        self.feedback = new_issues(plan, &probe, settings);
        if self.attendee_list().is_empty() {
            self.feedback.warnings.push(
                "no one is ticked as attending: tick who was at the review (the person too, if \
                 they took part), or type their roles"
                    .to_owned(),
            );
        }
    }
}

#[cfg(test)]
mod tests;
