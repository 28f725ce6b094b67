//! Store slugs share the first path segment with wismo's own routes (`/{store}/track`
//! beside `/api/…`, `/t/…`, `/static/…`): no store may take a name a route begins with, and
//! a store whose name was reserved after it took it is pointed out.

use std::collections::BTreeSet;
use std::sync::Arc;
use wismo_carriers::sandbox::Sandbox;
use wismo_domain::{StoreSlug, SystemClock};

use crate::cli::{temp_db, wismo};
use crate::harness::{Db, TestApp};

/// Every route path of a router. axum lists them only in its `Debug` output, as
/// `RouteId(3): "/t/{token}"`; the test below fails loudly if that stops finding them.
pub(crate) fn route_paths(router: &axum::Router) -> BTreeSet<String> {
    let debug = format!("{router:?}");
    debug
        .split("RouteId(")
        .skip(1)
        .filter_map(|entry| {
            let (id, rest) = entry.split_once(')')?;
            id.parse::<u32>().ok()?;
            let path = rest.strip_prefix(": \"")?;
            Some(path[..path.find('"')?].to_owned())
        })
        .collect()
}

#[tokio::test]
async fn no_route_begins_with_a_name_a_store_could_take() {
    let app = TestApp::new(Db::Sqlite).await.unwrap();
    let mut paths = route_paths(&app.router);
    // `wismo serve --sandbox` serves the sandbox carrier beside them.
    paths.extend(route_paths(
        &Sandbox::new(Arc::new(SystemClock), Default::default()).router(),
    ));
    for known in [
        "/t/{token}",
        "/u/{token}",
        "/{store}/track",
        "/track",
        "/{store}/o/{platform}/{id}",
        "/o/{platform}/{id}",
        "/api/v1/orders/{id}/token",
        "/webhooks/{provider}/{store}",
        "/integrations/{platform}/{store}",
        "/healthz",
        "/metrics",
        "/static/wismo.css",
        "/static/favicon.svg",
        "/favicon.ico",
        "/admin/login",
        "/sandbox/clock",
    ] {
        assert!(paths.contains(known), "{known} not found in {paths:?}");
    }

    let mut firsts = BTreeSet::new();
    for path in &paths {
        let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
        // `/{store}/…` is the store's own; the fallback's catch-all is no name.
        if first.is_empty() || first.starts_with('{') {
            continue;
        }
        assert!(
            StoreSlug::parse(first).is_err(),
            "`{first}` (of {path}) could be a store's slug: add it to StoreSlug::RESERVED"
        );
        firsts.insert(first);
    }
    assert_eq!(
        firsts.into_iter().collect::<Vec<_>>(),
        [
            "admin",
            "api",
            "favicon.ico",
            "healthz",
            "integrations",
            "metrics",
            "o",
            "readyz",
            "sandbox",
            "static",
            "t",
            "track",
            "u",
            "webhooks"
        ]
    );
}

#[tokio::test]
async fn a_store_whose_slug_became_reserved_is_warned_about_and_keeps_working() {
    let (url, path) = temp_db();
    let run = |args: &[&str]| {
        wismo()
            .arg("--database-url")
            .arg(&url)
            .args(args)
            .output()
            .unwrap()
    };
    let created = run(&["store", "create", "--slug", "acme", "--name", "Acme"]);
    assert!(created.status.success());
    let quiet = run(&["migrate"]);
    assert!(quiet.status.success());
    assert!(
        !String::from_utf8_lossy(&quiet.stderr).contains("reserved"),
        "{}",
        String::from_utf8_lossy(&quiet.stderr)
    );

    // `integrations` was free when the store took it.
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    sqlx::query("UPDATE stores SET slug = 'integrations' WHERE slug = 'acme'")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;

    let migrated = run(&["migrate"]);
    let stderr = String::from_utf8_lossy(&migrated.stderr);
    assert!(migrated.status.success(), "{stderr}");
    assert!(
        stderr.contains("store slug `integrations` is now reserved"),
        "{stderr}"
    );
    let listed = run(&["store", "list"]);
    assert!(listed.status.success());
    assert!(String::from_utf8_lossy(&listed.stdout).contains("integrations"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}
