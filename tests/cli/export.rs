//! `aftercare export`: each kind in each format on the samples, compared byte for byte with
//! `tests/golden/export/` (`UPDATE_GOLDEN=1` writes them: review, commit); the HTML parsed
//! and checked for structure and accessibility; the FHIR Bundle checked against the R4
//! required fields and value sets it uses; meeting mode, hostile text, ended needs, and a
//! file written into the plans folder.

use std::path::Path;
use std::process::{Command, Output};

use scraper::{Html, Selector};
use serde_json::Value;

use crate::common;

const TODAY: &str = "2026-11-30";

fn aftercare(args: &[&str], config: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aftercare"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("export")
        .args(args)
        .args(["--today", TODAY, "--config", config])
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

/// The export on standard output (exit 0, nothing on standard error).
fn export(args: &[&str]) -> String {
    let output = aftercare(args, "/dev/null");
    assert_eq!(output.status.code(), Some(0), "{args:?}: {output:?}");
    assert!(output.stderr.is_empty(), "{args:?}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

fn golden(name: &str, actual: &str) {
    common::golden_in("export", name, actual);
}

#[test]
fn every_kind_in_every_format_on_the_samples() {
    let plan = ["S117-0042", "--dir", "plans"];
    let with = |more: &[&str]| export(&[&plan[..], more].concat());
    golden("s117-0042-person.html", &with(&[]));
    golden("s117-0042-person.md", &with(&["--format", "md"]));
    golden("s117-0042-record.html", &with(&["--as", "record"]));
    golden(
        "s117-0042-record.md",
        &with(&["--as", "record", "--format", "md"]),
    );
    golden("s117-0042-fhir.json", &with(&["--as", "fhir"]));
    golden("s117-0042-person-meeting.html", &with(&["--meeting"]));
    // A declined need, an ended plan, a planned ending, an earlier review.
    golden(
        "s117-0118-person.md",
        &export(&["plans/south/s117-0118.yaml", "--format", "md"]),
    );
    golden(
        "s117-0061-person.md",
        &export(&["plans/north/s117-0061.yaml", "--format", "md"]),
    );
    golden(
        "s117-0141-fhir.json",
        &export(&["plans/south/s117-0141.yaml", "--as", "fhir"]),
    );
    golden(
        "s117-0042-record-2024-11-18.md",
        &with(&["--as", "record", "--format", "md", "--review", "2024-11-18"]),
    );
}

/// Every problem with the page's structure and accessibility.
fn html_problems(page: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if !page.starts_with("<!DOCTYPE html>") {
        problems.push("no doctype".to_owned());
    }
    let html = Html::parse_document(page);
    if !html.errors.is_empty() {
        problems.push(format!("parse errors: {:?}", html.errors));
    }
    let select = |css: &str| Selector::parse(css).unwrap();
    let lang = html
        .select(&select("html"))
        .next()
        .and_then(|element| element.value().attr("lang"));
    if lang != Some("en-GB") {
        problems.push(format!("lang {lang:?}"));
    }
    if html.select(&select("head > title")).count() != 1 {
        problems.push("not one title".to_owned());
    }
    if html.select(&select("h1")).count() != 1 {
        problems.push("not one h1".to_owned());
    }
    let mut level = 0;
    for heading in html.select(&select("h1, h2, h3, h4, h5, h6")) {
        let this: usize = heading.value().name()[1..].parse().unwrap();
        if this > level + 1 {
            problems.push(format!("heading h{this} after h{level}"));
        }
        level = this;
    }
    for table in html.select(&select("table")) {
        if table.select(&select("caption")).count() != 1 {
            problems.push("a table without a caption".to_owned());
        }
        if table.select(&select("thead th")).count() == 0 {
            problems.push("a table without column headers".to_owned());
        }
    }
    for th in html.select(&select("th")) {
        if !matches!(th.value().attr("scope"), Some("col" | "row")) {
            problems.push(format!("th without scope: {}", th.html()));
        }
    }
    for element in html.select(&select(
        "script, link, img, iframe, object, embed, base, form",
    )) {
        problems.push(format!("element {}", element.value().name()));
    }
    for element in html.select(&select("*")) {
        for (name, value) in element.value().attrs() {
            let external = value.contains("://") || value.starts_with("//");
            if name.starts_with("on") || name == "href" || name == "src" || external {
                problems.push(format!("attribute {name}={value:?}"));
            }
        }
    }
    let style: String = html
        .select(&select("style"))
        .map(|style| style.inner_html())
        .collect();
    for needed in ["@page { size: A4", "break-inside: avoid", "@media print"] {
        if !style.contains(needed) {
            problems.push(format!("style lacks {needed}"));
        }
    }
    for banned in ["url(", "@import", "http"] {
        if style.contains(banned) {
            problems.push(format!("style has {banned}"));
        }
    }
    problems
}

#[test]
fn the_html_is_valid_accessible_self_contained_and_printable_on_a4() {
    for kind in ["person", "record"] {
        for target in ["S117-0042", "S117-0061", "S117-0118", "S117-0141"] {
            let page = export(&[target, "--dir", "plans", "--as", kind]);
            assert_eq!(
                html_problems(&page),
                Vec::<String>::new(),
                "{kind} {target}"
            );
        }
    }
}

#[test]
fn the_checks_find_what_they_look_for() {
    let bad = "<html><body><h1>a</h1><h3>b</h3><h1>c</h1><table><tr><th>x</th></tr></table>\
               <script>x()</script><img src=\"https://example.org/a.png\"></body></html>";
    let problems = html_problems(bad).join("\n");
    for expected in [
        "no doctype",
        "lang None",
        "not one h1",
        "heading h3 after h1",
        "th without scope",
        "element script",
        "attribute src",
        "style lacks @page",
    ] {
        assert!(problems.contains(expected), "{expected}: {problems}");
    }
}

const HOSTILE: &str = r##"schema: aftercare/v1
id: S117-0666
person: {initials: "<b>X</b>", name: "Evil <script>alert(1)</script> Person", nhs_number: "999 000 0018"}
episode: {section: "3", left_hospital: 2024-05-17, legal_status: none}
responsible:
  icb: "NHS <img src=x onerror=alert(2)> ICB"
  local_authority: "Council\u001b]52;c;SGVsbG8=\u0007"
  care_coordinator: "</td></tr></table><script>alert(3)</script>"
needs:
  - id: N1
    need: "Depot \u001b[2J clinic <script>alert(4)</script> [click](javascript:alert(5)) | cell | *bold*"
    category: joint
    provider: "<a href=\"https://evil.example/\">link</a>\r\nnext"
    funding: {icb: 40, la: 60}
    status: active
patient_voice: {goals: "<style>body{display:none}</style> & \u202e reversed", views: "# heading\n- item"}
crisis_plan: {signs: ["<iframe src=//evil.example>"], contacts: ["\u009b31m red"]}
reviews:
  next_due: 2027-01-10
  history:
    - {date: 2026-01-10, attendees: ["<script>alert(6)</script>"], person_involved: true, outcome: changed, changes: ["N1 <b>moved</b>"]}
"##;

#[test]
fn a_hostile_plan_exports_inert_in_every_kind_and_format() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hostile.yaml");
    std::fs::write(&file, HOSTILE).unwrap();
    let file = file.to_str().unwrap();
    for (kind, format) in [
        ("person", "html"),
        ("person", "md"),
        ("record", "html"),
        ("record", "md"),
        ("fhir", "json"),
    ] {
        let out = export(&[file, "--as", kind, "--format", format]);
        let what = format!("{kind} {format}");
        assert!(
            aftercare::inert::is_inert(&out),
            "{what}: a control character"
        );
        assert!(out.contains('\u{241b}'), "{what}: the escape shown as ␛");
        // Markdown keeps a `<` as text with a backslash before it: no raw tag either way.
        // (In JSON a `<` is a character of a string, for the receiving system to escape.)
        let unescaped = out.replace("\\<", "");
        for raw in [
            "<script",
            "<img",
            "<iframe",
            "<style>body",
            "<a href",
            "</td></tr>",
        ] {
            assert!(
                format == "json" || !unescaped.contains(raw),
                "{what}: raw {raw}"
            );
        }
        match format {
            "html" => {
                assert_eq!(html_problems(&out), Vec::<String>::new(), "{what}");
                assert!(
                    out.contains("&lt;script&gt;alert(4)&lt;/script&gt;"),
                    "{what}"
                );
            }
            "md" => {
                assert!(out.contains("\\<script\\>alert(4)\\</script\\>"), "{what}");
                assert!(out.contains("\\[click\\](javascript:alert(5)) \\| cell \\| \\*bold\\*"));
                assert!(!out.contains("\n# heading"), "{what}");
            }
            _ => {
                let bundle: Value = serde_json::from_str(&out).unwrap();
                let description =
                    bundle["entry"][0]["resource"]["activity"][0]["detail"]["description"]
                        .as_str()
                        .unwrap();
                assert!(description.contains("Depot ␛[2J clinic"), "{description}");
            }
        }
    }
}

const IDENTIFIERS: [&str; 7] = [
    "Zoë",
    "Adebayo",
    "999 861 8959",
    "9998618959",
    "1991-07-23",
    "23 July 1991",
    "Mensah",
];

#[test]
fn meeting_mode_leaves_out_every_identifier_and_the_configured_fields_and_says_so() {
    let config_dir = tempfile::tempdir().unwrap();
    let config = config_dir.path().join("config.yaml");
    std::fs::write(
        &config,
        "identifying_fields: [responsible.care_coordinator]\n",
    )
    .unwrap();
    let config = config.to_str().unwrap();
    for (kind, format) in [
        ("person", "html"),
        ("person", "md"),
        ("record", "html"),
        ("record", "md"),
        ("fhir", "json"),
    ] {
        let args = [
            "S117-0042",
            "--dir",
            "plans",
            "--meeting",
            "--as",
            kind,
            "--format",
            format,
        ];
        let output = aftercare(&args, config);
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        let out = String::from_utf8(output.stdout).unwrap();
        for identifier in IDENTIFIERS {
            assert!(!out.contains(identifier), "{kind} {format}: {identifier}");
        }
        let said = out.replace('\\', "");
        let left_out =
            "leaves out the name, NHS number, date of birth, responsible.care_coordinator";
        assert!(said.contains(left_out), "{kind} {format}");
        assert!(out.contains("Z.A."), "{kind} {format}: initials stay");
        let unmasked = export(&[
            "S117-0042",
            "--dir",
            "plans",
            "--as",
            kind,
            "--format",
            format,
        ]);
        assert!(unmasked.contains("999 861 8959") || unmasked.contains("9998618959"));
    }
}

#[test]
fn ended_and_declined_needs_are_never_listed_as_care_the_person_has() {
    // S117-0118: N2 declined; S117-0061: the plan ended on 30 Oct 2026.
    let declined = export(&["plans/south/s117-0118.yaml", "--format", "md"]);
    let (provided, rest) = declined
        .split_once("## Services that have ended or that you said no to")
        .expect("the section apart");
    let plan =
        aftercare::plan::parse::parse_plan(&common::Samples::original("south/s117-0118.yaml"))
            .unwrap()
            .plan;
    for need in &plan.needs {
        let text = need
            .need
            .as_deref()
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap();
        let current = need.is_current();
        assert_eq!(provided.contains(text), current, "{text}");
        if !current {
            assert!(rest.contains(text), "{text}");
        }
    }
    let ended = export(&["plans/north/s117-0061.yaml", "--format", "md"]);
    assert!(ended.contains("## Your aftercare has ended"), "{ended}");
    for heading in [
        "## What the NHS provides",
        "## What the council provides",
        "## Your next review",
    ] {
        assert!(!ended.contains(heading), "{heading}");
    }
}

#[test]
fn an_export_into_the_plans_folder_is_refused_unless_asked_and_elsewhere_is_written() {
    let plans = tempfile::tempdir().unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/north/s117-0042.yaml");
    std::fs::copy(&source, plans.path().join("s117-0042.yaml")).unwrap();
    let dir = plans.path().to_str().unwrap();
    let inside = plans.path().join("copy.html");
    let inside_arg = inside.to_str().unwrap();
    let output = aftercare(&["S117-0042", "--dir", dir, "-o", inside_arg], "/dev/null");
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let said = String::from_utf8(output.stderr).unwrap();
    assert!(said.contains("inside the plans folder"), "{said}");
    assert!(said.contains("--into-plans-folder"), "{said}");
    assert!(!inside.exists());
    let sub = plans.path().join("sub/../x.md");
    std::fs::create_dir(plans.path().join("sub")).unwrap();
    let output = aftercare(
        &["S117-0042", "--dir", dir, "-o", sub.to_str().unwrap()],
        "/dev/null",
    );
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let output = aftercare(
        &[
            "S117-0042",
            "--dir",
            dir,
            "-o",
            inside_arg,
            "--into-plans-folder",
        ],
        "/dev/null",
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(inside.exists());

    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("person.html");
    let output = aftercare(
        &["S117-0042", "--dir", dir, "-o", target.to_str().unwrap()],
        "/dev/null",
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let said = String::from_utf8(output.stdout).unwrap();
    assert!(
        said.starts_with("wrote the person's copy (html) to "),
        "{said}"
    );
    let written = std::fs::read_to_string(&target).unwrap();
    assert_eq!(written, export(&["S117-0042", "--dir", dir]));
}

#[test]
fn usage_errors_and_refusals_use_the_shared_exit_codes() {
    let code = |args: &[&str]| {
        let output = aftercare(args, "/dev/null");
        assert!(output.stdout.is_empty(), "{args:?}: {output:?}");
        output.status.code()
    };
    assert_eq!(
        code(&[
            "S117-0042",
            "--dir",
            "plans",
            "--as",
            "fhir",
            "--format",
            "html"
        ]),
        Some(2)
    );
    assert_eq!(
        code(&["S117-0042", "--dir", "plans", "--format", "json"]),
        Some(2)
    );
    assert_eq!(code(&["S117-9999", "--dir", "plans"]), Some(2));
    assert_eq!(
        code(&["S117-0042", "--dir", "plans", "--review", "2020-13-01"]),
        Some(2)
    );
    assert_eq!(
        code(&[
            "S117-0042",
            "--dir",
            "plans",
            "--as",
            "record",
            "--review",
            "2020-01-01"
        ]),
        Some(1)
    );
    let dir = tempfile::tempdir().unwrap();
    let unreviewed = dir.path().join("new.yaml");
    let text = common::Samples::original("north/s117-0088.yaml");
    let (head, _) = text.split_once("  history:").unwrap();
    std::fs::write(&unreviewed, format!("{head}ending: null\n")).unwrap();
    let file = unreviewed.to_str().unwrap();
    assert_eq!(
        code(&[file, "--as", "record"]),
        Some(1),
        "no review, no record"
    );
}

#[test]
fn the_record_with_git_lists_the_plans_commits_for_that_review() {
    use crate::common::{git, plan_text};
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path();
    git(top, &["init", "-q", "-b", "main"]);
    git(top, &["config", "user.name", "Dana Coordinator"]);
    git(top, &["config", "user.email", "dana@example.invalid"]);
    git(top, &["config", "commit.gpgsign", "false"]);
    let file = top.join("s117-9042.yaml");
    let commit = |text: String, subject: &str| {
        std::fs::write(&file, text).unwrap();
        git(top, &["add", "--", "s117-9042.yaml"]);
        git(top, &["commit", "-q", "-m", subject]);
    };
    commit(
        plan_text("2026-11-01", Some("2026-05-01")),
        "S117-9042: review 01 May 2026",
    );
    commit(
        plan_text("2026-12-01", Some("2026-05-01")),
        "S117-9042: next review -> 01 Dec 2026",
    );
    let second = "    - date: 2026-10-01\n      outcome: continue\n";
    commit(
        plan_text("2027-10-01", Some("2026-05-01")) + second,
        "S117-9042: review 01 Oct 2026, next due 01 Oct 2027",
    );
    let path = file.to_str().unwrap();
    let record = export(&[path, "--as", "record", "--format", "md", "--git"]);
    let (_, commits) = record
        .split_once("The plan's commits for this review, from git")
        .expect("the commits");
    let commits = commits.split("\n## ").next().unwrap();
    assert!(!commits.contains("review 01 May 2026"), "{commits}");
    let next = commits
        .find("next review -\\> 01 Dec 2026")
        .expect("the change");
    let review = commits.find("review 01 Oct 2026").expect("the review");
    assert!(next < review, "oldest first: {commits}");
    assert!(commits.contains("Dana Coordinator"), "{commits}");
    let earlier = export(&[
        path,
        "--as",
        "record",
        "--format",
        "md",
        "--git",
        "--review",
        "2026-05-01",
    ]);
    assert!(earlier.contains("review 01 May 2026"), "{earlier}");
    assert!(!earlier.contains("01 Dec 2026"), "{earlier}");
    let without = export(&[path, "--as", "record", "--format", "md"]);
    assert!(!without.contains("from git"), "only when asked");
}
