//! Property test: generated plans in many layouts, random edits. The edited text must re-parse
//! to exactly the intended model (key order included) and change exactly the lines the edit
//! needs, with line endings and the final newline kept.

use aftercare::store::diff::line_counts;
use aftercare::store::edit::{Edit, apply};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_yaml::{Mapping, Value};

#[derive(Clone, Debug)]
struct Style {
    step: usize,
    flush: bool,
    item_offset: usize,
    crlf: bool,
    final_newline: bool,
    /// 0 plain, 1 'single', 2 "double" for every date.
    date_quote: u8,
    blank_between_needs: bool,
    comments: bool,
}

#[derive(Clone, Debug)]
struct Need {
    id: String,
    text: String,
    icb: u8,
    status: &'static str,
    since: String,
    review_by: Option<String>,
    notes: Option<Vec<String>>,
}

#[derive(Clone, Debug)]
struct Review {
    date: String,
    outcome: &'static str,
    attendees: Vec<String>,
}

#[derive(Clone, Debug)]
struct Plan {
    style: Style,
    next_due: String,
    needs: Vec<Need>,
    history: Option<Vec<Review>>,
}

const TEXTS: &[&str] = &[
    "Care coordination",
    "Supported living, 24h staffed",
    "Zoë's café group",
    "Ñandú day centre",
    "中文 community group",
    "yes",
    "3",
    "a: b",
    "#1 priority",
    "it's \"quoted\"",
    "2026-01-01",
    "null",
    "- dash",
];
const STATUSES: &[&str] = &[
    "proposed", "agreed", "active", "on_hold", "declined", "ended",
];
const OUTCOMES: &[&str] = &["continue", "changed", "ending_proposed"];

fn date() -> impl Strategy<Value = String> {
    (2020u32..2030, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}"))
}

fn style() -> impl Strategy<Value = Style> {
    (
        prop_oneof![Just(2usize), Just(4)],
        any::<bool>(),
        prop_oneof![Just(2usize), Just(4)],
        any::<bool>(),
        any::<bool>(),
        0u8..3,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(step, flush, item_offset, crlf, final_newline, date_quote, blank, comments)| Style {
                step,
                flush,
                item_offset,
                crlf,
                final_newline,
                date_quote,
                blank_between_needs: blank,
                comments,
            },
        )
}

fn need(i: usize) -> impl Strategy<Value = Need> {
    (
        prop::sample::select(TEXTS),
        prop_oneof![Just(0u8), Just(100), 1u8..100],
        prop::sample::select(STATUSES),
        date(),
        prop::option::of(date()),
        prop::option::of(prop::collection::vec(prop::sample::select(TEXTS), 1..3)),
    )
        .prop_map(move |(text, icb, status, since, review_by, notes)| Need {
            id: format!("N{}", i + 1),
            text: text.to_string(),
            icb,
            status,
            since,
            review_by,
            notes: notes.map(|n| n.iter().map(|s| s.to_string()).collect()),
        })
}

fn review() -> impl Strategy<Value = Review> {
    (
        date(),
        prop::sample::select(OUTCOMES),
        prop::collection::vec(prop::sample::select(TEXTS), 0..3),
    )
        .prop_map(|(date, outcome, attendees)| Review {
            date,
            outcome,
            attendees: attendees.iter().map(|s| s.to_string()).collect(),
        })
}

fn plan() -> impl Strategy<Value = Plan> {
    (
        style(),
        date(),
        (0usize..4).prop_flat_map(|n| (0..n).map(need).collect::<Vec<_>>()),
        prop::option::of(prop::collection::vec(review(), 0..3)),
    )
        .prop_map(|(style, next_due, needs, history)| Plan {
            style,
            next_due,
            needs,
            history,
        })
}

fn scalar(s: &str) -> String {
    // The generator's own quoting, independent of the editor's.
    let plain = serde_yaml::from_str::<Value>(s).ok() == Some(Value::String(s.into()))
        && !s.contains([':', '#', '\'', '"', ',', '[', ']', '{', '}'])
        && !s.starts_with(['-', '*', '&', '!'])
        && s != "yes";
    if plain {
        s.to_string()
    } else {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

fn funding(icb: u8) -> (Vec<(&'static str, u8)>, &'static str) {
    match icb {
        100 => (vec![("icb", 100)], "health"),
        0 => (vec![("la", 100)], "social"),
        x => (vec![("icb", x), ("la", 100 - x)], "joint"),
    }
}

impl Plan {
    fn date(&self, d: &str) -> String {
        match self.style.date_quote {
            0 => d.to_string(),
            1 => format!("'{d}'"),
            _ => format!("\"{d}\""),
        }
    }

    fn text(&self) -> String {
        let s = &self.style;
        let pad = |n: usize| " ".repeat(n);
        let (k1, dash) = (s.step, if s.flush { 0 } else { s.step });
        let inner = dash + s.item_offset;
        let dash_prefix = format!("{}-{}", pad(dash), pad(s.item_offset - 1));
        let mut out = vec![
            "# Generated plan (fictional).".to_string(),
            "schema: aftercare/v1".into(),
        ];
        out.push("id: S117-9000".into());
        out.push("person:".into());
        out.push(format!(
            "{}initials: X.Y.{}",
            pad(k1),
            if s.comments { "   # meeting mode" } else { "" }
        ));
        if self.needs.is_empty() {
            out.push("needs: []".into());
        } else {
            out.push("needs:".into());
        }
        for (i, n) in self.needs.iter().enumerate() {
            if i > 0 && s.blank_between_needs {
                out.push(String::new());
            }
            if s.comments {
                out.push(format!("{}# need {}", pad(dash), n.id));
            }
            let (shares, category) = funding(n.icb);
            let shares: Vec<String> = shares.iter().map(|(k, v)| format!("{k}: {v}")).collect();
            out.push(format!("{dash_prefix}id: {}", n.id));
            out.push(format!("{}need: {}", pad(inner), scalar(&n.text)));
            out.push(format!(
                "{}category: {category}{}",
                pad(inner),
                if s.comments { "  # who pays" } else { "" }
            ));
            out.push(format!("{}funding: {{{}}}", pad(inner), shares.join(", ")));
            out.push(format!("{}status: {}", pad(inner), n.status));
            out.push(format!("{}since: {}", pad(inner), self.date(&n.since)));
            if let Some(lines) = &n.notes {
                out.push(format!("{}notes: |", pad(inner)));
                out.extend(lines.iter().map(|l| format!("{}{l}", pad(inner + s.step))));
            }
            if let Some(r) = &n.review_by {
                out.push(format!("{}review_by: {}", pad(inner), self.date(r)));
            }
        }
        out.push("reviews:".into());
        out.push(format!(
            "{}next_due: {}",
            pad(k1),
            self.date(&self.next_due)
        ));
        match &self.history {
            None => {}
            Some(h) if h.is_empty() => out.push(format!("{}history: []", pad(k1))),
            Some(h) => {
                out.push(format!("{}history:", pad(k1)));
                let dash = k1 + if s.flush { 0 } else { s.step };
                for r in h {
                    let prefix = format!("{}- ", pad(dash));
                    out.push(format!("{prefix}date: {}", self.date(&r.date)));
                    let att: Vec<String> = r.attendees.iter().map(|a| scalar(a)).collect();
                    let att = format!("[{}]", att.join(", "));
                    out.push(format!("{}attendees: {att}", pad(dash + 2)));
                    out.push(format!("{}outcome: {}", pad(dash + 2), r.outcome));
                }
            }
        }
        out.push("ending: null".into());
        let eol = if s.crlf { "\r\n" } else { "\n" };
        let mut text = out.join(eol);
        if s.final_newline {
            text.push_str(eol);
        }
        text
    }
}

/// The loader's view of a generated plan, built without the editor.
fn value_of(text: &str) -> Value {
    serde_yaml::from_str(text).unwrap()
}

#[derive(Clone, Debug)]
enum Op {
    NextDue(String),
    Status(Index, usize),
    ReviewBy(Index, String),
    Funding(Index, u8),
    Notes(Index, usize),
    AppendNeed(Need),
    RemoveNeed(Index),
    AppendReview(Review),
    /// What a review does: a history entry and a new due date, in one batch.
    Review(Review, String),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        date().prop_map(Op::NextDue),
        (any::<Index>(), 0usize..6).prop_map(|(i, s)| Op::Status(i, s)),
        (any::<Index>(), date()).prop_map(|(i, d)| Op::ReviewBy(i, d)),
        (any::<Index>(), 0u8..=100).prop_map(|(i, x)| Op::Funding(i, x)),
        (any::<Index>(), 0usize..TEXTS.len()).prop_map(|(i, t)| Op::Notes(i, t)),
        need(8).prop_map(Op::AppendNeed),
        any::<Index>().prop_map(Op::RemoveNeed),
        review().prop_map(Op::AppendReview),
        (review(), date()).prop_map(|(r, d)| Op::Review(r, d)),
    ]
}

fn need_value(n: &Need) -> Value {
    let (shares, category) = funding(n.icb);
    let mut m = Mapping::new();
    let mut put = |k: &str, v: Value| m.insert(Value::String(k.into()), v);
    put("id", n.id.clone().into());
    put("need", n.text.clone().into());
    put("category", category.into());
    let mut f = Mapping::new();
    for (k, v) in shares {
        f.insert(Value::String(k.into()), Value::Number(v.into()));
    }
    put("funding", Value::Mapping(f));
    put("status", n.status.into());
    put("since", n.since.clone().into());
    Value::Mapping(m)
}

fn review_value(r: &Review) -> Value {
    let mut m = Mapping::new();
    m.insert("date".into(), r.date.clone().into());
    let att: Vec<Value> = r
        .attendees
        .iter()
        .map(|a| Value::String(a.clone()))
        .collect();
    m.insert("attendees".into(), Value::Sequence(att));
    m.insert("outcome".into(), r.outcome.into());
    Value::Mapping(m)
}

/// The edits, the plan they should produce, and the (added, removed) lines they need; `None`
/// when the op does not apply to this plan.
fn plan_edits(plan: &Plan, op: &Op) -> Option<(Vec<Edit>, Plan, (usize, usize))> {
    if let Op::Review(r, d) = op {
        let (first, mid, (a1, r1)) = plan_edit(plan, &Op::AppendReview(r.clone()))?;
        let (second, after, (a2, r2)) = plan_edit(&mid, &Op::NextDue(d.clone()))?;
        return Some((vec![first, second], after, (a1 + a2, r1 + r2)));
    }
    let (edit, after, lines) = plan_edit(plan, op)?;
    Some((vec![edit], after, lines))
}

/// One edit, the plan it should produce, and the (added, removed) lines it needs.
fn plan_edit(plan: &Plan, op: &Op) -> Option<(Edit, Plan, (usize, usize))> {
    let mut after = plan.clone();
    let s = &plan.style;
    let pick = |ix: &Index| (!plan.needs.is_empty()).then(|| ix.index(plan.needs.len()));
    let set = |path: String, value: Value| Edit::Set {
        path: path.parse().unwrap(),
        value,
    };
    Some(match op {
        Op::NextDue(d) => {
            if *d == plan.next_due {
                return None;
            }
            after.next_due = d.clone();
            (
                set("reviews.next_due".into(), d.as_str().into()),
                after,
                (1, 1),
            )
        }
        Op::Status(ix, st) => {
            let i = pick(ix)?;
            let n = &plan.needs[i];
            if n.status == STATUSES[*st] {
                return None;
            }
            after.needs[i].status = STATUSES[*st];
            (
                set(format!("needs.{}.status", n.id), STATUSES[*st].into()),
                after,
                (1, 1),
            )
        }
        Op::ReviewBy(ix, d) => {
            let i = pick(ix)?;
            let n = &plan.needs[i];
            if n.review_by.as_ref() == Some(d) {
                return None;
            }
            let lines = if n.review_by.is_some() {
                (1, 1)
            } else {
                (1, 0)
            };
            after.needs[i].review_by = Some(d.clone());
            (
                set(format!("needs.{}.review_by", n.id), d.as_str().into()),
                after,
                lines,
            )
        }
        Op::Funding(ix, x) => {
            let i = pick(ix)?;
            let n = &plan.needs[i];
            let (old, new) = (funding(n.icb), funding(*x));
            if old.0 == new.0 || old.1 != new.1 {
                return None;
            }
            after.needs[i].icb = *x;
            let value = need_value(&after.needs[i])["funding"].clone();
            (set(format!("needs.{}.funding", n.id), value), after, (1, 1))
        }
        Op::Notes(ix, t) => {
            let i = pick(ix)?;
            let n = &plan.needs[i];
            let old = n.notes.as_ref()?;
            if old.iter().any(|l| l == TEXTS[*t]) {
                return None;
            }
            after.needs[i].notes = Some(vec![TEXTS[*t].to_string()]);
            let value = format!("{}\n", TEXTS[*t]).into();
            (
                set(format!("needs.{}.notes", n.id), value),
                after,
                (1, old.len()),
            )
        }
        Op::AppendNeed(n) => {
            let mut n = n.clone();
            n.id = "N9".into();
            n.review_by = None;
            n.notes = None;
            let lines = match plan.needs.len() {
                0 => (7, 1),
                1 => (6, 0),
                _ => (6 + usize::from(s.blank_between_needs && !s.comments), 0),
            };
            after.needs.push(n.clone());
            (Edit::append("needs", need_value(&n)).unwrap(), after, lines)
        }
        Op::RemoveNeed(ix) => {
            let i = pick(ix)?;
            let n = &plan.needs[i];
            let own = 6
                + usize::from(n.review_by.is_some())
                + n.notes.as_ref().map_or(0, |l| l.len() + 1)
                + usize::from(s.comments);
            let sep = usize::from(s.blank_between_needs && plan.needs.len() > 1);
            let lines = if plan.needs.len() == 1 {
                (1, own + 1)
            } else {
                (0, own + sep)
            };
            after.needs.remove(i);
            (
                Edit::remove(&format!("needs.{}", n.id)).unwrap(),
                after,
                lines,
            )
        }
        Op::AppendReview(r) => {
            let lines = match &plan.history {
                None => (4, 0),
                Some(h) if h.is_empty() => (4, 1),
                Some(_) => (3, 0),
            };
            after.history.get_or_insert_with(Vec::new).push(r.clone());
            (
                Edit::append("reviews.history", review_value(r)).unwrap(),
                after,
                lines,
            )
        }
        Op::Review(..) => return None,
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn edits_change_exactly_the_intended_model_and_lines(plan in plan(), op in op()) {
        let Some((edits, after, lines)) = plan_edits(&plan, &op) else {
            return Ok(());
        };
        let before = plan.text();
        let edited = apply(&before, &edits)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{before}")))?;
        let want = serde_yaml::to_string(&value_of(&after.text())).unwrap();
        let got = serde_yaml::to_string(&value_of(&edited)).unwrap();
        prop_assert_eq!(got, want, "model differs:\n{}\n---\n{}", before, edited);
        prop_assert_eq!(line_counts(&before, &edited), lines, "lines:\n{}\n---\n{}", before, edited);
        prop_assert_eq!(before.ends_with('\n'), edited.ends_with('\n'));
        if plan.style.crlf {
            prop_assert!(!edited.replace("\r\n", "").contains('\n'), "bare LF");
        }
    }
}
