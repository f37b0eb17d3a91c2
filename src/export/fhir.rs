//! The plan as a FHIR R4 `Bundle` (type `collection`) for an electronic patient record: a
//! `CarePlan` (status from the entitlement's lifecycle, intent `plan`, the S117 category, the
//! period from leaving hospital, the next review as a note, one `activity` per need with its
//! status, provider and funding split as an extension), the `Patient` by NHS number (system
//! `https://fhir.nhs.uk/Id/nhs-number`, UK Core profile) and the ICB and the local authority
//! as `Organization`s (UK Core profile), referenced as the plan's contributors.
//!
//! Serde types of our own, in FHIR's JSON names and field order. Entries are named by
//! `urn:uuid:` full URLs made from the plan's id (the same plan gives the same ids, so an
//! export can be compared with the last one).

use serde::Serialize;

use super::{Options, Shown, category_label, left_out};
use crate::plan::lifecycle::Lifecycle;
use crate::plan::model::{Need, NeedStatus, Plan};
use crate::plan::money::is_disputed;
use crate::plan::nhs::check_nhs_number;

/// The NHS number's identifier system.
pub const NHS_NUMBER_SYSTEM: &str = "https://fhir.nhs.uk/Id/nhs-number";
pub const UK_CORE_PATIENT: &str = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient";
pub const UK_CORE_ORGANIZATION: &str =
    "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Organization";
/// The extension that carries a need's funding split (ICB and LA shares in percent).
pub const FUNDING_EXTENSION: &str =
    "https://aftercare.invalid/fhir/StructureDefinition/s117-funding-split";
/// The plan id's identifier system.
pub const PLAN_ID_SYSTEM: &str = "https://aftercare.invalid/fhir/Id/s117-plan";

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Bundle {
    pub resource_type: &'static str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub entry: Vec<Entry>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    pub full_url: String,
    pub resource: Resource,
}

#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Resource {
    CarePlan(Box<CarePlan>),
    Patient(Patient),
    Organization(Organization),
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Meta {
    pub profile: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct Identifier {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<&'static str>,
    pub value: String,
}

#[derive(Debug, Serialize)]
pub struct Reference {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct CodeableConcept {
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct Period {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Annotation {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    pub text: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Extension {
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_integer: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_boolean: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HumanName {
    pub text: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Patient {
    pub resource_type: &'static str,
    pub id: String,
    pub meta: Meta,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifier: Vec<Identifier>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub name: Vec<HumanName>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    pub resource_type: &'static str,
    pub id: String,
    pub meta: Meta,
    pub name: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CarePlan {
    pub resource_type: &'static str,
    pub id: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifier: Vec<Identifier>,
    pub status: &'static str,
    pub intent: &'static str,
    pub category: Vec<CodeableConcept>,
    pub title: String,
    pub subject: Reference,
    pub period: Period,
    pub contributor: Vec<Reference>,
    pub activity: Vec<Activity>,
    pub note: Vec<Annotation>,
}

#[derive(Debug, Serialize)]
pub struct Activity {
    pub detail: ActivityDetail,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivityDetail {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    pub code: CodeableConcept,
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_period: Option<Period>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub performer: Vec<Reference>,
    pub description: String,
}

/// `CarePlan.status` (value set `request-status`) for the plan's entitlement on the day.
pub fn care_plan_status(lifecycle: Lifecycle) -> &'static str {
    match lifecycle {
        Lifecycle::Live | Lifecycle::EndingPlanned(_) => "active",
        Lifecycle::Ended(_) => "completed",
    }
}

/// `CarePlan.activity.detail.status` (value set `care-plan-activity-status`) for a need.
pub fn activity_status(status: Option<NeedStatus>) -> &'static str {
    match status {
        Some(NeedStatus::Proposed) => "not-started",
        Some(NeedStatus::Agreed) => "scheduled",
        Some(NeedStatus::Active) => "in-progress",
        Some(NeedStatus::OnHold) => "on-hold",
        Some(NeedStatus::Declined) => "cancelled",
        Some(NeedStatus::Ended) => "stopped",
        None => "unknown",
    }
}

/// A `urn:uuid:` for one resource of this plan: a version 8 (custom) UUID from a hash of the
/// plan's id and the resource's role, the same every time for the same plan.
fn uuid_for(plan_id: &str, role: &str) -> String {
    let hash = |seed: u64| {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
        for byte in plan_id.bytes().chain([0]).chain(role.bytes()) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        hash
    };
    let (high, low) = (hash(0x5117), hash(0xa5a5_5a5a));
    let high = (high & !0xf000) | 0x8000;
    let low = (low & !(0b11 << 62)) | (0b10 << 62);
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        high >> 32,
        (high >> 16) & 0xffff,
        high & 0xffff,
        low >> 48,
        low & 0xffff_ffff_ffff
    )
}

/// The plan as a FHIR R4 Bundle, in JSON (pretty, ending with a line break).
pub fn bundle_json(plan: &Plan, options: &Options) -> String {
    let mut json = serde_json::to_string_pretty(&bundle(plan, options)).unwrap_or_default();
    json.push('\n');
    json
}

/// The plan as a FHIR R4 Bundle.
pub fn bundle(plan: &Plan, options: &Options) -> Bundle {
    let shown = Shown::new(plan, options);
    let plan_id = plan.id.clone().unwrap_or_default();
    let uuid = |role: &str| uuid_for(&plan_id, role);
    let url = |id: &str| format!("urn:uuid:{id}");
    let (patient_id, icb_id, la_id, plan_uuid) =
        (uuid("patient"), uuid("icb"), uuid("la"), uuid("careplan"));
    let icb_name = shown.or(plan.responsible.icb.as_deref(), "ICB not recorded");
    let la_name = shown.or(
        plan.responsible.local_authority.as_deref(),
        "Local authority not recorded",
    );
    let care_plan = care_plan(
        plan,
        options,
        &shown,
        plan_uuid.clone(),
        [
            (
                url(&patient_id),
                shown.or(plan.person.initials.as_deref(), ""),
            ),
            (url(&icb_id), icb_name.clone()),
            (url(&la_id), la_name.clone()),
        ],
    );
    let organization = |id: &str, name: String| Organization {
        resource_type: "Organization",
        id: id.to_owned(),
        meta: Meta {
            profile: vec![UK_CORE_ORGANIZATION],
        },
        name,
    };
    Bundle {
        resource_type: "Bundle",
        kind: "collection",
        entry: vec![
            Entry {
                full_url: url(&plan_uuid),
                resource: Resource::CarePlan(Box::new(care_plan)),
            },
            Entry {
                full_url: url(&patient_id),
                resource: Resource::Patient(patient(plan, &shown, patient_id.clone())),
            },
            Entry {
                full_url: url(&icb_id),
                resource: Resource::Organization(organization(&icb_id, icb_name)),
            },
            Entry {
                full_url: url(&la_id),
                resource: Resource::Organization(organization(&la_id, la_name)),
            },
        ],
    }
}

fn patient(plan: &Plan, shown: &Shown, id: String) -> Patient {
    let person = &plan.person;
    let mut patient = Patient {
        resource_type: "Patient",
        id,
        meta: Meta {
            profile: vec![UK_CORE_PATIENT],
        },
        identifier: Vec::new(),
        name: Vec::new(),
        birth_date: None,
    };
    if shown.is_meeting() {
        return patient;
    }
    if let Some(digits) = person
        .nhs_number
        .as_deref()
        .and_then(|number| check_nhs_number(number).ok())
    {
        patient.identifier.push(Identifier {
            system: Some(NHS_NUMBER_SYSTEM),
            value: digits,
        });
    }
    if let Some(name) = person
        .name
        .as_deref()
        .filter(|name| !name.trim().is_empty())
    {
        patient.name.push(HumanName {
            text: shown.text(name),
        });
    }
    patient.birth_date = person.date_of_birth.map(|date| date.to_string());
    patient
}

/// The CarePlan; `refs` are the Patient, the ICB and the LA (full URL, display).
fn care_plan(
    plan: &Plan,
    options: &Options,
    shown: &Shown,
    id: String,
    refs: [(String, String); 3],
) -> CarePlan {
    let lifecycle = Lifecycle::of(plan, options.made_on);
    let [patient, icb, la] = refs.map(|(reference, display)| Reference {
        reference: Some(reference),
        display: (!display.is_empty()).then_some(display),
    });
    let end = match lifecycle {
        Lifecycle::Live => None,
        Lifecycle::EndingPlanned(date) | Lifecycle::Ended(date) => Some(date.to_string()),
    };
    let made = options.made_on.to_string();
    let holds = if shown.is_meeting() {
        format!(
            "Made by aftercare on {made} from plan {}. Meeting mode: it leaves out {}.",
            shown.or(plan.id.as_deref(), "(no id)"),
            left_out(options)
        )
    } else {
        format!(
            "Made by aftercare on {made} from plan {}. It holds the person's NHS number, \
             name and date of birth, the plan's needs, and the responsible bodies.",
            shown.or(plan.id.as_deref(), "(no id)")
        )
    };
    let mut note = vec![Annotation {
        time: Some(made.clone()),
        text: holds,
    }];
    note.push(Annotation {
        time: None,
        text: match plan.reviews.next_due {
            Some(due) => format!(
                "Next review due {due}{}.",
                plan.reviews
                    .interval_months
                    .map(|months| format!(" (reviewed every {months} months)"))
                    .unwrap_or_default()
            ),
            None => "No next review date is set.".to_owned(),
        },
    });
    if let Some(dispute) = &plan.responsible.dispute {
        note.push(Annotation {
            time: dispute.since.map(|since| since.to_string()),
            text: format!(
                "Open dispute about {}; paid meanwhile by {}.",
                shown.text(&dispute.about.join(", ")),
                dispute
                    .interim_funder
                    .map(|funder| funder.as_str().to_uppercase())
                    .unwrap_or_else(|| "(not recorded)".to_owned())
            ),
        });
    }
    CarePlan {
        resource_type: "CarePlan",
        id,
        identifier: plan
            .id
            .as_deref()
            .map(|value| Identifier {
                system: Some(PLAN_ID_SYSTEM),
                value: shown.text(value),
            })
            .into_iter()
            .collect(),
        status: care_plan_status(lifecycle),
        intent: "plan",
        category: vec![CodeableConcept {
            text: "Section 117 aftercare (Mental Health Act 1983)".to_owned(),
        }],
        title: format!(
            "Section 117 aftercare plan {}",
            shown.or(plan.id.as_deref(), "")
        )
        .trim_end()
        .to_owned(),
        subject: patient,
        period: Period {
            start: plan.episode.left_hospital.map(|date| date.to_string()),
            end,
        },
        contributor: vec![icb, la],
        activity: plan
            .needs
            .iter()
            .map(|need| activity(plan, need, shown))
            .collect(),
        note,
    }
}

fn activity(plan: &Plan, need: &Need, shown: &Shown) -> Activity {
    let mut extension = Vec::new();
    if let Some(funding) = need.funding {
        let mut parts = vec![
            Extension {
                url: "icbPercent".to_owned(),
                value_integer: Some(funding.icb_share()),
                value_boolean: None,
                extension: Vec::new(),
            },
            Extension {
                url: "laPercent".to_owned(),
                value_integer: Some(funding.la_share()),
                value_boolean: None,
                extension: Vec::new(),
            },
        ];
        if is_disputed(plan, need) {
            parts.push(Extension {
                url: "disputed".to_owned(),
                value_integer: None,
                value_boolean: Some(true),
                extension: Vec::new(),
            });
        }
        extension.push(Extension {
            url: FUNDING_EXTENSION.to_owned(),
            value_integer: None,
            value_boolean: None,
            extension: parts,
        });
    }
    let id = need.id.as_deref().map(|id| format!("{}: ", shown.text(id)));
    let detail = ActivityDetail {
        extension,
        code: CodeableConcept {
            text: category_label(plan, need.category),
        },
        status: activity_status(need.status),
        scheduled_period: need.since.map(|since| Period {
            start: Some(since.to_string()),
            end: None,
        }),
        performer: need
            .provider
            .as_deref()
            .filter(|provider| !provider.trim().is_empty())
            .map(|provider| Reference {
                reference: None,
                display: Some(shown.text(provider)),
            })
            .into_iter()
            .collect(),
        description: format!(
            "{}{}",
            id.unwrap_or_default(),
            shown.or(need.need.as_deref(), "(not described)")
        ),
    };
    Activity { detail }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_well_formed_stable_and_distinct() {
        let a = uuid_for("S117-0042", "patient");
        assert_eq!(a, uuid_for("S117-0042", "patient"));
        assert_ne!(a, uuid_for("S117-0042", "icb"));
        assert_ne!(a, uuid_for("S117-0043", "patient"));
        let parts: Vec<&str> = a.split('-').collect();
        assert_eq!(
            parts.iter().map(|part| part.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(parts[2].starts_with('8'), "version 8: {a}");
        assert!(
            matches!(parts[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'),
            "{a}"
        );
    }
}
