//! `wismo jobs …`: what the job runner has queued, is running and has given up on, and
//! giving a dead job another go.

use chrono::{DateTime, Utc};
use clap::Subcommand;
use serde_json::json;
use wismo_domain::JobId;
use wismo_store::{Job, JobState, Store, StoreError};

#[derive(Debug, Subcommand)]
pub enum JobsCommand {
    /// Jobs not done: dead ones (failed for good, with their error) first, then queued and
    /// running ones, soonest due first.
    List {
        /// Only jobs in this state (`done` lists finished jobs still kept)
        #[arg(long, value_enum)]
        state: Option<StateArg>,
        /// How many to show
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Print JSON lines
        #[arg(long)]
        json: bool,
    },
    /// Queue a dead job again: due now, its attempts reset.
    Retry {
        /// The job's id (from `wismo jobs list`)
        id: i64,
    },
    /// Remove a job that is not running, such as a dead one not worth retrying.
    Remove {
        /// The job's id (from `wismo jobs list`)
        id: i64,
    },
}

/// A job state, as `--state` takes it.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum StateArg {
    /// Waiting for its time or a runner
    Queued,
    /// Held by a runner
    Running,
    /// Finished (kept for 7 days)
    Done,
    /// Failed for good, kept until retried or removed
    #[value(alias = "failed")]
    Dead,
}

impl From<StateArg> for JobState {
    fn from(arg: StateArg) -> Self {
        match arg {
            StateArg::Queued => JobState::Queued,
            StateArg::Running => JobState::Running,
            StateArg::Done => JobState::Done,
            StateArg::Dead => JobState::Dead,
        }
    }
}

/// Runs a `wismo jobs` command.
pub async fn command(
    store: &dyn Store,
    now: DateTime<Utc>,
    cmd: JobsCommand,
) -> anyhow::Result<()> {
    match cmd {
        JobsCommand::List { state, limit, json } => {
            let jobs = store
                .list_jobs(state.map(JobState::from), limit.clamp(1, 10_000))
                .await?;
            if json {
                for job in &jobs {
                    println!("{}", job_json(job));
                }
            } else if jobs.is_empty() {
                match state {
                    Some(state) => println!("No {} jobs.", JobState::from(state)),
                    None => println!("No jobs queued, running or dead."),
                }
            } else {
                print_table(&jobs, now);
            }
            Ok(())
        }
        JobsCommand::Retry { id } => {
            let job = store
                .retry_job(JobId(id))
                .await
                .map_err(|e| refused(e, id))?;
            println!(
                "Queued job {} ({}) again: due now, attempt 1 of {}.",
                job.id.0, job.name, job.max_attempts
            );
            Ok(())
        }
        JobsCommand::Remove { id } => {
            let job = store
                .remove_job(JobId(id))
                .await
                .map_err(|e| refused(e, id))?;
            println!("Removed job {} ({}, {}).", job.id.0, job.name, job.state);
            Ok(())
        }
    }
}

/// A store refusal as the operator should read it.
fn refused(error: StoreError, id: i64) -> anyhow::Error {
    match error {
        StoreError::NotFound(_) => anyhow::anyhow!("there is no job {id}"),
        StoreError::Conflict(why) => anyhow::anyhow!(why),
        other => anyhow::Error::new(other).context(format!("cannot change job {id}")),
    }
}

fn job_json(job: &Job) -> serde_json::Value {
    json!({
        "id": job.id.0,
        "name": job.name,
        "queue": job.queue,
        "state": job.state.as_str(),
        "attempts": job.attempts,
        "max_attempts": job.max_attempts,
        "run_at": job.run_at.to_rfc3339(),
        "locked_by": job.locked_by,
        "locked_until": job.locked_until.map(|t| t.to_rfc3339()),
        "last_error": job.last_error,
        "dedupe_key": job.dedupe_key,
        "created_at": job.created_at.to_rfc3339(),
        "finished_at": job.finished_at.map(|t| t.to_rfc3339()),
    })
}

fn print_table(jobs: &[Job], now: DateTime<Utc>) {
    println!(
        "{:>8}  {:<24} {:<12} {:<8} {:>8}  {:<16} LAST ERROR",
        "ID", "NAME", "QUEUE", "STATE", "ATTEMPTS", "NEXT RUN"
    );
    for job in jobs {
        println!(
            "{:>8}  {:<24} {:<12} {:<8} {:>8}  {:<16} {}",
            job.id.0,
            job.name,
            job.queue,
            job.state.as_str(),
            format!("{}/{}", job.attempts, job.max_attempts),
            next_run(job, now),
            job.last_error
                .as_deref()
                .map_or_else(|| "-".to_owned(), one_line),
        );
    }
}

/// When the job runs next, as an operator reads it: "now", "in 12m", "leased 40s", "-".
fn next_run(job: &Job, now: DateTime<Utc>) -> String {
    match job.state {
        JobState::Queued if job.run_at <= now => "now".to_owned(),
        JobState::Queued => format!("in {}", span(job.run_at - now)),
        JobState::Running => job.locked_until.map_or_else(
            || "running".to_owned(),
            |t| format!("leased {}", span(t - now)),
        ),
        JobState::Done | JobState::Dead => "-".to_owned(),
    }
}

/// "40s", "12m", "3h05m", "2d04h".
fn span(d: chrono::Duration) -> String {
    let secs = d.num_seconds().max(0);
    match secs {
        s if s < 60 => format!("{s}s"),
        s if s < 3600 => format!("{}m", s / 60),
        s if s < 86_400 => format!("{}h{:02}m", s / 3600, s % 3600 / 60),
        s => format!("{}d{:02}h", s / 86_400, s % 86_400 / 3600),
    }
}

/// An error on one line, cut to a width a terminal shows.
fn one_line(error: &str) -> String {
    let flat = error.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(100) {
        Some((cut, _)) => format!("{}…", &flat[..cut]),
        None => flat,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_read_in_the_largest_units_that_matter() {
        let s = chrono::Duration::seconds;
        assert_eq!(span(s(40)), "40s");
        assert_eq!(span(s(12 * 60 + 5)), "12m");
        assert_eq!(span(s(3 * 3600 + 5 * 60)), "3h05m");
        assert_eq!(span(s(2 * 86_400 + 4 * 3600)), "2d04h");
        assert_eq!(span(s(-5)), "0s");
    }

    #[test]
    fn errors_are_shown_on_one_line_and_cut() {
        assert_eq!(one_line("a\n  b"), "a b");
        let long = "x".repeat(150);
        assert_eq!(one_line(&long).chars().count(), 101);
    }
}
