//! Running one git command so that nothing of the repository's runs with it: an argument list
//! (no shell), settings that switch off every config key that would start a program while git
//! only reads (fsmonitor, textconv, filters, external diff, pager, signature checks), no system
//! config, output into unnamed temporary files (a hook's background job that keeps git's output
//! open cannot hold the app), a process group of its own, and a timeout that stops the group.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use super::GitError;

/// How long any one git command may run.
pub const GIT_TIMEOUT: Duration = Duration::from_secs(10);

/// Config every git call gets, the user's own commit too: none of these may start a program,
/// colour or re-encode what the app parses, or quote file names.
const EVERY_CALL: &[(&str, &str)] = &[
    ("core.fsmonitor", "false"),
    ("core.pager", "cat"),
    ("diff.external", ""),
    ("color.ui", "never"),
    ("log.showSignature", "false"),
    ("core.quotePath", "false"),
    ("i18n.logOutputEncoding", "UTF-8"),
];

/// Config for reads only: no attributes file of the user's, no hooks.
const READS_ONLY: &[(&str, &str)] = &[
    ("core.attributesFile", "/dev/null"),
    ("core.hooksPath", "/dev/null"),
];

/// Environment variables `--config-env` takes a filter driver's emptied settings from.
const NOTHING_VAR: &str = "AFTERCARE_GIT_NOTHING";
const FALSE_VAR: &str = "AFTERCARE_GIT_FALSE";

/// What a read overrides in one repository, found when the repository is.
#[derive(Debug, Clone, Default)]
pub struct ReadGuard {
    /// The empty tree's id in the repository's object format: attributes are read from it
    /// (`GIT_ATTR_SOURCE`), not from the `.gitattributes` files in the working tree.
    pub empty_tree: Option<&'static str>,
    /// `filter.<driver>` names the config defines: their programs are emptied for reads
    /// (attributes in `.git/info/attributes` still name them).
    pub filter_drivers: Vec<String>,
}

/// Who a git command is for.
#[derive(Debug, Clone, Copy)]
pub enum Mode<'a> {
    /// The app only reads: nothing of the repository's runs.
    Read(&'a ReadGuard),
    /// The user's own commit: their hooks and filters run (they are the user's choice).
    UsersCommit,
}

/// What git said.
pub struct Output {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

impl Output {
    pub fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    pub fn stderr_text(&self) -> String {
        String::from_utf8_lossy(&self.stderr).trim().to_owned()
    }
}

/// `git <args>` in `dir` with the neutralising settings of `mode`; its output however it ended.
pub fn git_output(dir: &Path, mode: Mode, args: &[&str]) -> Result<Output, GitError> {
    git_output_within(dir, mode, args, GIT_TIMEOUT)
}

/// `git_output` with its own time limit (talking to a team's server takes longer).
pub fn git_output_within(
    dir: &Path,
    mode: Mode,
    args: &[&str],
    timeout: Duration,
) -> Result<Output, GitError> {
    let mut command = Command::new("git");
    command.arg("--no-pager");
    for (key, value) in EVERY_CALL {
        command.arg("-c").arg(format!("{key}={value}"));
    }
    // A plan named without a folder (`s117-0042.yaml`) has the empty path as its folder: the
    // current one (an empty path would fail as if git were not installed).
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    command
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("LC_ALL", "C")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_OPTIONAL_LOCKS", "0");
    if let Mode::Read(guard) = mode {
        for (key, value) in READS_ONLY {
            command.arg("-c").arg(format!("{key}={value}"));
        }
        command
            .env("GIT_ATTR_NOSYSTEM", "1")
            .env(NOTHING_VAR, "")
            .env(FALSE_VAR, "false");
        if let Some(tree) = guard.empty_tree {
            command.env("GIT_ATTR_SOURCE", tree);
        }
        for driver in &guard.filter_drivers {
            for (key, value, variable) in [
                ("clean", "", NOTHING_VAR),
                ("smudge", "", NOTHING_VAR),
                ("process", "", NOTHING_VAR),
                ("required", "false", FALSE_VAR),
            ] {
                if driver.contains('=') {
                    // `-c` would split at that `=`; `--config-env` (git 2.31) splits at the
                    // last one, so the name stays whole.
                    command.arg(format!("--config-env=filter.{driver}.{key}={variable}"));
                } else {
                    command
                        .arg("-c")
                        .arg(format!("filter.{driver}.{key}={value}"));
                }
            }
        }
    }
    command.args(args);
    run_with_timeout(command, timeout)
}

/// `git <args>` that must succeed: its output as text, or git's own message.
pub fn git(dir: &Path, mode: Mode, args: &[&str]) -> Result<String, GitError> {
    let output = git_output(dir, mode, args)?;
    if output.status.success() {
        return Ok(output.stdout_text());
    }
    let message = output.stderr_text();
    Err(GitError::Failed(if message.is_empty() {
        format!("exited with {}", output.status)
    } else {
        message
    }))
}

/// Run `command` with its output in temporary files, stopping it (and every process it
/// started) after `timeout`. Returns as soon as the command itself exits, whatever its
/// children still hold open.
pub fn run_with_timeout(mut command: Command, timeout: Duration) -> Result<Output, GitError> {
    let failed = |error: std::io::Error| GitError::Failed(error.to_string());
    let stdout = tempfile::tempfile().map_err(failed)?;
    let stderr = tempfile::tempfile().map_err(failed)?;
    command
        .stdin(Stdio::null())
        .stdout(stdout.try_clone().map_err(failed)?)
        .stderr(stderr.try_clone().map_err(failed)?);
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    let mut child = command.spawn().map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => GitError::NotInstalled,
        _ => failed(error),
    })?;
    drop(command);
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > timeout => {
                stop_group(&mut child);
                return Err(GitError::TimedOut);
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(error) => {
                stop_group(&mut child);
                return Err(failed(error));
            }
        }
    };
    Ok(Output {
        status,
        stdout: written(stdout),
        stderr: written(stderr),
    })
}

/// What was written to `file` up to now (a process still holding it may write more later).
fn written(mut file: File) -> Vec<u8> {
    let length = file.metadata().map(|metadata| metadata.len()).unwrap_or(0);
    let mut bytes = Vec::new();
    if file.seek(SeekFrom::Start(0)).is_ok() {
        let _ = file.take(length).read_to_end(&mut bytes);
    }
    bytes
}

/// Kill `child`'s process group (it leads one of its own), then the child, and reap it. The
/// child is not reaped before the group is killed, so its id cannot have been reused.
fn stop_group(child: &mut Child) {
    #[cfg(unix)]
    {
        // `kill` the program: signalling a group from Rust needs `unsafe` (libc) or a new
        // dependency. The argument is the id of the app's own child, never text from git.
        let _ = Command::new("kill")
            .args(["-s", "KILL", "--"])
            .arg(format!("-{}", child.id()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
    let _ = child.kill();
    let _ = child.wait();
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// Whether process `pid` still runs (not gone, not a zombie waiting to be reaped).
    fn is_running(pid: &str) -> bool {
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .map(|stat| {
                let state = stat.rsplit(')').next().unwrap_or("").trim_start();
                !state.starts_with('Z') && !state.starts_with('X')
            })
            .unwrap_or(false)
    }

    #[test]
    fn a_child_that_exits_is_not_waited_for_past_its_background_job() {
        let folder = tempfile::tempdir().unwrap();
        let pid_file = folder.path().join("pid");
        let mut command = Command::new("sh");
        command.arg("-c").arg(format!(
            "echo out; echo err >&2; sleep 100000 & echo $! > '{}'",
            pid_file.display()
        ));
        let output = run_with_timeout(command, Duration::from_secs(600)).unwrap();
        assert!(output.status.success());
        assert_eq!(output.stdout_text(), "out\n");
        assert_eq!(output.stderr_text(), "err");
        let pid = std::fs::read_to_string(&pid_file).unwrap();
        let _ = Command::new("kill").arg("--").arg(pid.trim()).status();
    }

    #[test]
    fn a_timeout_stops_the_whole_process_group() {
        let folder = tempfile::tempdir().unwrap();
        let pid_file = folder.path().join("pid");
        let mut command = Command::new("sh");
        command.arg("-c").arg(format!(
            "sleep 100000 & echo $! > '{}'; wait",
            pid_file.display()
        ));
        // Long enough for `sh` to start its job on a busy machine (it takes milliseconds); the
        // job never ends.
        let result = run_with_timeout(command, Duration::from_secs(2));
        assert!(
            matches!(result, Err(GitError::TimedOut)),
            "{:?}",
            result.err()
        );
        let pid = std::fs::read_to_string(&pid_file).expect("sh started its job in time");
        let pid = pid.trim();
        // The kill is sent before run_with_timeout returns; wait (bounded) for the kernel
        // to finish it off and for init to reap it.
        let mut checks = 0;
        while is_running(pid) && checks < 200 {
            std::thread::sleep(Duration::from_millis(25));
            checks += 1;
        }
        let running = is_running(pid);
        if running {
            let _ = Command::new("kill").arg("--").arg(pid).status();
        }
        assert!(
            !running,
            "the background job of a timed-out command lives on"
        );
    }
}
