//! `wismo customer erase`: a customer's personal data erased on request, from the command
//! line (the API's `POST /api/v1/customers/erase` and the admin's privacy page do the same).

use anyhow::Context as _;
use clap::Subcommand;
use serde_json::json;
use wismo_domain::privacy::ErasureRequest;
use wismo_store::Store;

#[derive(Debug, Subcommand)]
pub enum CustomerCommand {
    /// Erase a customer's personal data in every order of a store that names their email
    /// or phone: name, email, phone, city, region and postal code, their messages'
    /// addresses, what they wrote in requests, and the raw bodies the store's platform sent
    /// about those orders. Order numbers, items, parcels and scans stay; so does an opt-out.
    Erase {
        /// The store's slug
        #[arg(long)]
        store: String,
        /// The customer's email
        #[arg(long)]
        email: Option<String>,
        /// The customer's phone number (international form, +14155550100)
        #[arg(long)]
        phone: Option<String>,
        /// Print what was erased as one JSON object
        #[arg(long)]
        json: bool,
    },
}

pub async fn command(store: &dyn Store, command: CustomerCommand) -> anyhow::Result<()> {
    let CustomerCommand::Erase {
        store: slug,
        email,
        phone,
        json,
    } = command;
    let who = ErasureRequest::parse(email.as_deref(), phone.as_deref())
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let tenant = store
        .get_store_by_slug(&slug)
        .await
        .with_context(|| format!("no store `{slug}`"))?;
    let counts = store
        .erase_customer(tenant.id, &who, None)
        .await
        .context("cannot erase the customer's data")?;
    if json {
        println!(
            "{}",
            json!({
                "orders": counts.orders,
                "notifications": counts.notifications,
                "requests": counts.requests,
                "platform_deliveries": counts.platform_deliveries,
            })
        );
    } else if counts.orders == 0 {
        println!("No order of {slug} names that customer: nothing was erased.");
    } else {
        println!(
            "Erased the customer's personal data from {} order(s), {} message(s), {} request(s) and {} platform delivery(ies) of {slug}.",
            counts.orders, counts.notifications, counts.requests, counts.platform_deliveries
        );
    }
    Ok(())
}
