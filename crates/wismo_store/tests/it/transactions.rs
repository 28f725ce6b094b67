//! Calls that end early (not found, nothing new, a conflict) must still end their
//! transaction before returning. A transaction dropped unfinished is rolled back only
//! when a task on the runtime flushes its connection; until then it holds its locks (a
//! `DROP SCHEMA` or a writer waits on it) and a blocked runtime never gets to it.

pub mod postgres {
    use sqlx::Connection;
    use sqlx::postgres::PgConnectOptions;
    use std::str::FromStr;
    use std::sync::Arc;
    use wismo_domain::{ManualClock, OrderId, ShipmentId, ShipmentToken};
    use wismo_store::Store;
    use wismo_store::postgres::PgStore;

    use crate::fixtures::{a_store, an_order, new_order, start};

    /// How many of the store's connections sit in an open transaction, asked from another
    /// thread while this one (and with it the test's runtime) is blocked.
    fn open_transactions(url: &str, app: &str) -> i64 {
        let (url, app) = (url.to_owned(), app.to_owned());
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async {
                let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
                sqlx::query_scalar(
                    "SELECT count(*) FROM pg_stat_activity \
                     WHERE application_name = $1 AND state LIKE 'idle in transaction%'",
                )
                .bind(app)
                .fetch_one(&mut conn)
                .await
                .unwrap()
            })
        })
        .join()
        .unwrap()
    }

    #[tokio::test]
    async fn a_call_that_ends_early_leaves_no_transaction_open() {
        let Some(url) = crate::harness::postgres_url() else {
            return;
        };
        let tag = format!("{:016x}", rand::random::<u64>());
        let (schema, app) = (format!("wismo_test_{tag}"), format!("wismo-test-{tag}"));
        // Creates the schema and its tables.
        drop(
            PgStore::connect_in_schema(&url, &schema, Arc::new(ManualClock::new(start())))
                .await
                .unwrap(),
        );
        let options = PgConnectOptions::from_str(&url)
            .unwrap()
            .options([("search_path", schema.as_str())])
            .application_name(&app);
        let store = PgStore::connect_with(options, Arc::new(ManualClock::new(start())))
            .await
            .unwrap();
        let store: &dyn Store = &store;

        let acme = a_store(store, "acme").await;
        let other = a_store(store, "other").await;
        let order = an_order(store, &acme, "#1001", 1).await;
        let shipment = order.shipments[0].id;
        let mut outcomes = Vec::new();
        macro_rules! check {
            ($call:expr) => {
                let outcome = format!("{:?}", $call.await);
                outcomes.push((stringify!($call), outcome, open_transactions(&url, &app)));
            };
        }
        check!(store.get_order(other.id, order.id));
        check!(store.get_order(acme.id, OrderId(9_999)));
        check!(store.list_events(other.id, shipment));
        check!(store.record_events(acme.id, shipment, &[]));
        check!(store.record_events(acme.id, ShipmentId(9_999), &[]));
        check!(store.tracking_view(&ShipmentToken::generate()));
        check!(store.create_order(acme.id, &new_order("#1001", 1)));
        check!(store.claim_jobs("poll", "w1", chrono::Duration::minutes(1), 5));

        let left_open: Vec<_> = outcomes.iter().filter(|(_, _, open)| *open > 0).collect();
        if let Err(e) = PgStore::drop_schema(&url, &schema).await {
            eprintln!("could not drop test schema {schema}: {e}");
        }
        assert!(
            left_open.is_empty(),
            "transactions left open after: {left_open:#?}"
        );
    }
}
