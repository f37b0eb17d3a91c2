//! The FHIR Bundle of `aftercare export --as fhir` against FHIR R4: valid JSON, the required
//! fields (cardinality 1..) of every resource and element it uses, the invariants that apply
//! (org-1, ext-1, bdl-7: full URLs unique), the value sets of the codes it uses, references
//! that resolve inside the Bundle, and the NHS number's identifier system.

use std::collections::BTreeSet;
use std::process::Command;

use serde_json::Value;

/// R4 `request-status` (CarePlan.status).
const CARE_PLAN_STATUS: [&str; 7] = [
    "draft",
    "active",
    "on-hold",
    "revoked",
    "completed",
    "entered-in-error",
    "unknown",
];
/// R4 `care-plan-intent` (CarePlan.intent).
const CARE_PLAN_INTENT: [&str; 4] = ["proposal", "plan", "order", "option"];
/// R4 `care-plan-activity-status` (CarePlan.activity.detail.status).
const ACTIVITY_STATUS: [&str; 9] = [
    "not-started",
    "scheduled",
    "in-progress",
    "on-hold",
    "completed",
    "cancelled",
    "stopped",
    "unknown",
    "entered-in-error",
];
/// R4 `bundle-type`.
const BUNDLE_TYPE: [&str; 9] = [
    "document",
    "message",
    "transaction",
    "transaction-response",
    "batch",
    "batch-response",
    "history",
    "searchset",
    "collection",
];

fn bundle_of(args: &[&str]) -> Value {
    let output = Command::new(env!("CARGO_BIN_EXE_aftercare"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["export", "--as", "fhir", "--today", "2026-11-30"])
        .args(["--config", "/dev/null"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    serde_json::from_slice(&output.stdout).expect("valid JSON")
}

fn text(value: &Value, what: &str) -> String {
    value
        .as_str()
        .filter(|text| !text.trim().is_empty())
        .unwrap_or_else(|| panic!("{what}: a non-empty string, not {value}"))
        .to_owned()
}

fn is_date(value: &Value) -> bool {
    value.as_str().is_some_and(|text| {
        chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok() && text.len() == 10
    })
}

/// Every problem the bundle has against R4 as far as it uses it (panics on the first).
fn check_bundle(bundle: &Value) {
    assert_eq!(bundle["resourceType"], "Bundle");
    assert!(BUNDLE_TYPE.contains(&text(&bundle["type"], "Bundle.type").as_str()));
    assert_eq!(bundle["type"], "collection");
    let entries = bundle["entry"].as_array().expect("Bundle.entry");
    let urls: Vec<String> = entries
        .iter()
        .map(|entry| text(&entry["fullUrl"], "entry.fullUrl"))
        .collect();
    assert_eq!(
        urls.iter().collect::<BTreeSet<_>>().len(),
        urls.len(),
        "bdl-7"
    );
    let mut kinds = Vec::new();
    for (entry, url) in entries.iter().zip(&urls) {
        let resource = &entry["resource"];
        let uuid = url.strip_prefix("urn:uuid:").expect("a urn:uuid full URL");
        assert_eq!(resource["id"], uuid, "fullUrl and id agree");
        let kind = text(&resource["resourceType"], "resourceType");
        match kind.as_str() {
            "CarePlan" => check_care_plan(resource, &urls),
            "Patient" => check_patient(resource),
            "Organization" => {
                // org-1: a name or an identifier.
                text(&resource["name"], "Organization.name");
                assert_eq!(
                    resource["meta"]["profile"][0],
                    "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Organization"
                );
            }
            other => panic!("unexpected resource {other}"),
        }
        kinds.push(kind);
    }
    assert_eq!(
        kinds,
        ["CarePlan", "Patient", "Organization", "Organization"]
    );
}

fn check_patient(patient: &Value) {
    assert_eq!(
        patient["meta"]["profile"][0],
        "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient"
    );
    for identifier in patient["identifier"].as_array().into_iter().flatten() {
        assert_eq!(identifier["system"], "https://fhir.nhs.uk/Id/nhs-number");
        let value = text(&identifier["value"], "identifier.value");
        assert!(
            value.len() == 10 && value.bytes().all(|b| b.is_ascii_digit()),
            "{value}"
        );
    }
    if let Some(born) = patient.get("birthDate") {
        assert!(is_date(born), "birthDate {born}");
    }
}

fn check_care_plan(plan: &Value, urls: &[String]) {
    let status = text(&plan["status"], "CarePlan.status");
    assert!(CARE_PLAN_STATUS.contains(&status.as_str()), "{status}");
    assert_eq!(plan["intent"], "plan");
    assert!(CARE_PLAN_INTENT.contains(&text(&plan["intent"], "intent").as_str()));
    let subject = text(&plan["subject"]["reference"], "CarePlan.subject");
    assert!(
        urls.contains(&subject),
        "the subject resolves in the bundle"
    );
    for contributor in plan["contributor"].as_array().expect("contributors") {
        let reference = text(&contributor["reference"], "contributor.reference");
        assert!(urls.contains(&reference), "{reference}");
    }
    text(&plan["category"][0]["text"], "CarePlan.category");
    assert!(is_date(&plan["period"]["start"]), "period.start");
    if let Some(end) = plan["period"].get("end") {
        assert!(is_date(end), "period.end {end}");
    }
    for note in plan["note"].as_array().expect("notes") {
        text(&note["text"], "Annotation.text");
    }
    for activity in plan["activity"].as_array().expect("activities") {
        let detail = &activity["detail"];
        let status = text(&detail["status"], "activity.detail.status");
        assert!(ACTIVITY_STATUS.contains(&status.as_str()), "{status}");
        text(&detail["description"], "activity.detail.description");
        for extension in detail["extension"].as_array().into_iter().flatten() {
            check_extension(extension);
        }
        for performer in detail["performer"].as_array().into_iter().flatten() {
            text(&performer["display"], "performer.display");
        }
    }
}

/// ext-1: a url, and either a value or extensions, never both.
fn check_extension(extension: &Value) {
    text(&extension["url"], "Extension.url");
    let object = extension.as_object().unwrap();
    let values = object.keys().filter(|key| key.starts_with("value")).count();
    let nested = object.get("extension").and_then(Value::as_array);
    assert!(
        (values == 1) != nested.is_some_and(|nested| !nested.is_empty()),
        "ext-1: {extension}"
    );
    for inner in nested.into_iter().flatten() {
        check_extension(inner);
    }
}

#[test]
fn every_sample_gives_a_bundle_with_the_r4_required_fields_and_known_codes() {
    for target in [
        "S117-0042",
        "S117-0061",
        "S117-0118",
        "S117-0141",
        "S117-0205",
    ] {
        check_bundle(&bundle_of(&[target, "--dir", "plans"]));
    }
}

#[test]
fn the_bundle_says_who_the_person_is_and_what_each_need_is() {
    let bundle = bundle_of(&["S117-0042", "--dir", "plans"]);
    let plan = &bundle["entry"][0]["resource"];
    let patient = &bundle["entry"][1]["resource"];
    assert_eq!(patient["identifier"][0]["value"], "9998618959");
    assert_eq!(patient["birthDate"], "1991-07-23");
    assert_eq!(plan["status"], "active");
    assert_eq!(plan["period"]["start"], "2024-04-22");
    let activities = plan["activity"].as_array().unwrap();
    assert_eq!(activities.len(), 5, "one activity per need");
    let n3 = &activities[2]["detail"];
    assert_eq!(n3["status"], "not-started");
    assert_eq!(n3["performer"][0]["display"], "Camden Housing Pathway");
    let split = &n3["extension"][0]["extension"];
    assert_eq!(split[0]["valueInteger"], 50);
    assert_eq!(split[2]["valueBoolean"], true, "disputed");
    let notes = plan["note"].to_string();
    assert!(notes.contains("Next review due 2026-12-10"), "{notes}");
    // Ended on 30 Oct 2026: completed, with the ending as the period's end.
    let ended = bundle_of(&["S117-0061", "--dir", "plans"]);
    assert_eq!(ended["entry"][0]["resource"]["status"], "completed");
    assert_eq!(ended["entry"][0]["resource"]["period"]["end"], "2026-10-30");
    let meeting = bundle_of(&["S117-0042", "--dir", "plans", "--meeting"]);
    let patient = &meeting["entry"][1]["resource"];
    assert!(patient.get("identifier").is_none() && patient.get("name").is_none());
    assert!(patient.get("birthDate").is_none());
}
