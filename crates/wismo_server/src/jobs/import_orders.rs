//! `import_orders`: imports a CSV file uploaded through `POST /api/v1/imports`. The file
//! is read and checked whole; a file with a refused row (unless the import skips them) or
//! an unusable one fails the import with its report and writes nothing; otherwise its
//! orders, the import's counts and its report are written in one transaction (a failure
//! there fails the import with its reason: nothing was written). An import already
//! finished is left alone, so a job run twice imports once.

use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use wismo_domain::import::{ImportId, parse_csv};

use super::{BackgroundJob, JobContext};
use crate::imports::{Live, orders_and_rows, report};

/// The queue of imports.
pub const IMPORTS: &str = "imports";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportOrders {
    pub import: i64,
}

impl ImportOrders {
    /// The job importing `id`'s file, due at `now`: what `create_import` queues with it.
    pub fn for_import(id: ImportId, now: chrono::DateTime<chrono::Utc>) -> wismo_store::NewJob {
        let job = ImportOrders { import: id.0 };
        wismo_store::NewJob {
            name: Self::JOB_NAME.to_owned(),
            queue: Self::QUEUE.to_owned(),
            payload: serde_json::json!({ "import": job.import }),
            run_at: now,
            dedupe_key: job.dedupe_key(),
            once_per_key: false,
            max_attempts: Self::MAX_ATTEMPTS,
        }
    }
}

impl BackgroundJob for ImportOrders {
    const JOB_NAME: &'static str = "import_orders";
    const QUEUE: &'static str = IMPORTS;
    const MAX_ATTEMPTS: u32 = 3;

    fn dedupe_key(&self) -> Option<String> {
        Some(format!("import:{}", self.import))
    }

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let id = ImportId(self.import);
        let Some(file) = ctx
            .store
            .start_import(id)
            .await
            .context("cannot start the import")?
        else {
            return Ok(());
        };
        let now = ctx.clock.now();
        let skip_invalid = file.skip_invalid;
        let parsed = tokio::task::spawn_blocking(move || parse_csv(&file.body, now, &mut |_| {}))
            .await
            .context("reading the file stopped")?;
        let report = report(&parsed, skip_invalid);
        ctx.store.set_import_rows(id, report.rows_total).await?;
        if !parsed.importable(skip_invalid) {
            ctx.store.fail_import(id, &report).await?;
            tracing::info!(
                import = self.import,
                errors = report.errors_total,
                "import refused"
            );
            return Ok(());
        }
        let (mut orders, rows) = orders_and_rows(parsed.orders);
        let tenant = ctx.store.get_store(file.store_id).await?;
        crate::promise::stamp_batch(ctx.store.as_ref(), &tenant, &mut orders, now).await?;
        let live = Live::get();
        live.set(id, 0);
        let progress = |n: u64| {
            let written = usize::try_from(n).ok().and_then(|n| rows.get(n)).copied();
            live.set(id, written.unwrap_or_default());
        };
        let result = ctx
            .store
            .finish_import(id, file.store_id, &orders, &report, &progress)
            .await;
        live.end(id);
        let counts = match result {
            Ok(counts) => counts,
            Err(e) => {
                // Nothing was written: the import fails with the reason rather than staying
                // "running" should every attempt fail.
                tracing::warn!(import = self.import, error = %e, "cannot write the imported orders");
                let mut failed = wismo_store::imports::ImportReport {
                    rows_imported: 0,
                    rows_skipped: report.rows_total,
                    ..report
                };
                failed.errors.insert(
                    0,
                    wismo_domain::import::RowError {
                        line: 1,
                        column: None,
                        message: match &e {
                            wismo_store::StoreError::Conflict(detail) => {
                                format!("nothing was imported: {detail}")
                            }
                            _ => "nothing was imported: the orders could not be written (the \
                                  error is logged); send the file again"
                                .to_owned(),
                        },
                    },
                );
                failed.errors_total += 1;
                ctx.store.fail_import(id, &failed).await?;
                return Ok(());
            }
        };
        tracing::info!(
            import = self.import,
            rows = report.rows_imported,
            orders_created = counts.orders_created,
            orders_updated = counts.orders_updated,
            "import done"
        );
        Ok(())
    }
}
