//! `wismo import orders`: a CSV file of orders into a store, with a progress bar on a
//! terminal and a summary.

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::json;
use std::io::IsTerminal as _;
use std::path::PathBuf;
use wismo_domain::import::{ImportCounts, parse_csv};
use wismo_store::Store;
use wismo_store::imports::ImportReport;

use super::count;
use crate::imports::{orders_and_rows, report};

/// Error lines shown on a terminal; `--json` lists them all.
const SHOWN_ERRORS: usize = 50;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import orders from a CSV file in wismo's format (docs/CSV_IMPORT.md).
    ///
    /// The header names the columns, in any order:
    /// order_number,customer_name,email,phone,locale,city,region,postal_code,country,carrier,tracking_number,items
    /// (order_number and tracking_number required). Rows are keyed on (order number, tracking number): importing a file
    /// again creates nothing new, and a changed row updates its order. The whole file is
    /// checked first; a refused row imports nothing (exit 1) unless --skip-invalid.
    Orders {
        /// The store's slug
        #[arg(long)]
        store: String,
        /// The CSV file (UTF-8, comma- or semicolon-separated)
        file: PathBuf,
        /// Import the good rows and report the others, instead of importing nothing
        #[arg(long)]
        skip_invalid: bool,
        /// Print one JSON object: the counts and every refused row
        #[arg(long)]
        json: bool,
    },
}

pub async fn command(
    store: &dyn Store,
    now: DateTime<Utc>,
    command: ImportCommand,
) -> anyhow::Result<()> {
    let ImportCommand::Orders {
        store: slug,
        file,
        skip_invalid,
        json,
    } = command;
    let tenant = store
        .get_store_by_slug(&slug)
        .await
        .with_context(|| format!("no store `{slug}`"))?;
    let bytes = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;

    let checking = progress_bar("checking rows");
    checking.set_length(bytes.iter().filter(|b| **b == b'\n').count() as u64);
    let parsed = parse_csv(&bytes, now, &mut |rows| checking.set_position(rows as u64));
    checking.finish_and_clear();
    let report = report(&parsed, skip_invalid);
    if !parsed.importable(skip_invalid) {
        show(&report, None, json);
        let refused = parsed.rows_bad();
        anyhow::bail!(if parsed.fatal {
            "nothing imported: the file cannot be imported as it is".to_owned()
        } else {
            format!(
                "nothing imported: {} of {} refused (--skip-invalid imports the others)",
                count(refused, "row", "rows"),
                parsed.rows
            )
        });
    }

    let (mut orders, rows) = orders_and_rows(parsed.orders);
    crate::promise::stamp_batch(store, &tenant, &mut orders, now)
        .await
        .context("nothing imported: the store's delivery history cannot be read")?;
    let bar = progress_bar("importing rows");
    bar.set_length(report.rows_imported);
    let progress = |n: u64| {
        let written = usize::try_from(n).ok().and_then(|n| rows.get(n)).copied();
        bar.set_position(written.unwrap_or_default());
    };
    let counts = store
        .import_orders(tenant.id, &orders, &progress)
        .await
        .context("nothing imported")?;
    bar.finish_and_clear();
    show(&report, Some(&counts), json);
    Ok(())
}

/// A progress bar on standard error, hidden when it is not a terminal.
fn progress_bar(what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0).with_message(what.to_owned());
    if let Ok(style) =
        ProgressStyle::with_template("{msg} {wide_bar} {human_pos}/{human_len} rows ({eta} left)")
    {
        bar.set_style(style);
    }
    bar
}

/// The summary on standard output, the refused rows on standard error (or all of it as
/// one JSON object).
fn show(report: &ImportReport, counts: Option<&ImportCounts>, json: bool) {
    if json {
        let c = counts.copied().unwrap_or_default();
        let out = json!({
            "imported": counts.is_some(),
            "rows_total": report.rows_total,
            "rows_imported": report.rows_imported,
            "rows_skipped": report.rows_skipped,
            "orders_created": c.orders_created,
            "orders_updated": c.orders_updated,
            "orders_unchanged": c.orders_unchanged,
            "shipments_created": c.shipments_created,
            "shipments_updated": c.shipments_updated,
            "errors": report.errors,
        });
        println!("{out}");
        return;
    }
    for error in report.errors.iter().take(SHOWN_ERRORS) {
        eprintln!("{error}");
    }
    let more = report.errors_total.saturating_sub(SHOWN_ERRORS as u64);
    if more > 0 {
        eprintln!("… and {more} more (--json lists them all)");
    }
    if let Some(c) = counts {
        println!(
            "orders: {} created, {} updated, {} unchanged; shipments: {} created, {} updated; rows: {} imported, {} skipped",
            c.orders_created,
            c.orders_updated,
            c.orders_unchanged,
            c.shipments_created,
            c.shipments_updated,
            report.rows_imported,
            report.rows_skipped,
        );
    }
}
