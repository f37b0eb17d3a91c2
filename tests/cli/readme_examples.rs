//! Every example in the README is real output: each ```` ```console ```` block holds `$ aftercare
//! ...` lines, each followed by what the command prints (standard output, then standard error)
//! on the bundled samples (`plans/`), run from the repository with the defaults (no user
//! config). Examples pin the date with `--today`, so they do not age.

use std::path::Path;
use std::process::Command;

/// One example: the command line (after `$ `) and the output the README shows for it.
struct Example {
    line: usize,
    command: String,
    shown: String,
}

/// The examples of every `console` block of `text`.
fn examples(text: &str) -> Vec<Example> {
    let mut found: Vec<Example> = Vec::new();
    let mut in_console = false;
    for (index, line) in text.lines().enumerate() {
        if !in_console {
            in_console = line.trim_end() == "```console";
            continue;
        }
        if line.trim_end() == "```" {
            in_console = false;
        } else if let Some(command) = line.strip_prefix("$ ") {
            found.push(Example {
                line: index + 1,
                command: command.to_owned(),
                shown: String::new(),
            });
        } else if let Some(example) = found.last_mut() {
            example.shown.push_str(line);
            example.shown.push('\n');
        }
    }
    found
}

/// The command's output, run as the README shows it.
fn run(command: &str) -> String {
    let words: Vec<&str> = command.split_whitespace().collect();
    let (program, args) = words.split_first().expect("an empty example");
    assert_eq!(
        *program, "aftercare",
        "an example runs aftercare: `{command}`"
    );
    for word in args {
        assert!(
            !word.contains(['\'', '"', '|', '>', '<', '$', '*', '`']),
            "examples are plain words, no shell: `{command}`"
        );
    }
    // Defaults only: a developer's own config must not change the output (an empty config
    // is the defaults, and says nothing on standard error).
    let output = Command::new(env!("CARGO_BIN_EXE_aftercare"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .env_remove("NO_COLOR")
        .args(["--config", "/dev/null"])
        .output()
        .unwrap();
    let mut said = String::from_utf8(output.stdout).unwrap();
    said.push_str(&String::from_utf8(output.stderr).unwrap());
    said
}

#[test]
fn every_console_example_in_the_readme_is_what_the_samples_give() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let examples = examples(&readme);
    assert!(examples.len() >= 3, "{} examples", examples.len());
    let mut wrong = Vec::new();
    for example in &examples {
        assert!(
            example.command.contains("--today"),
            "README.md:{}: pin the date with --today: `{}`",
            example.line,
            example.command
        );
        let got = run(&example.command);
        if got != example.shown {
            wrong.push(format!(
                "README.md:{}: `{}` gives:\n{}",
                example.line,
                example.command,
                aftercare::store::diff::unified_diff("README", &example.shown, &got)
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn console_blocks_are_read_as_commands_and_their_output() {
    let text = "x\n```console\n$ aftercare a\none\ntwo\n$ aftercare b\n```\n```sh\n$ no\n```\n";
    let found = examples(text);
    assert_eq!(found.len(), 2);
    assert_eq!(
        (found[0].command.as_str(), found[0].shown.as_str()),
        ("aftercare a", "one\ntwo\n")
    );
    assert_eq!((found[1].line, found[1].shown.as_str()), (6, ""));
}
