//! Secrets at rest: webhook secrets are kept sealed, plaintext ones from before are sealed
//! at start and by `wismo migrate`; and a database failure is never passed off as "not
//! found" (webhooks, pages, custom domains).

use axum::body::Body;
use axum::http::{Request, StatusCode};
use std::sync::Arc;
use tower::ServiceExt as _;
use wismo_carriers::push::Provider;
use wismo_domain::{Clock, ManualClock, SealedSecret, Secret};
use wismo_server::AppState;
use wismo_server::config::{Config, Env, Layer};

use crate::cli::{temp_db, wismo};
use crate::harness::{Db, TestApp, test_now};

crate::on_both_backends!(a_plaintext_webhook_secret_from_before_is_sealed_and_still_verifies);

fn signed_push(provider: Provider, store: &str, secret: &str) -> Request<Body> {
    // Not a valid payload: past the signature it is a 400, while a signature that does not
    // verify is a 401.
    let body = br#"{"not": "a tracking update"}"#.to_vec();
    let (name, value) = provider.sign(secret, &body);
    Request::post(format!("/webhooks/{}/{store}", provider.slug()))
        .header("content-type", "application/json")
        .header(name, value)
        .body(Body::from(body))
        .unwrap()
}

async fn a_plaintext_webhook_secret_from_before_is_sealed_and_still_verifies(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let provider = Provider::EasyPost;
    // As a release before sealed secrets kept it.
    app.store
        .set_webhook_secret(
            app.store_id,
            provider.slug(),
            &SealedSecret::new("whsec_old"),
        )
        .await
        .unwrap();
    let before = app.send(signed_push(provider, "acme", "whsec_old")).await;
    assert_eq!(
        before.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "a plaintext secret is never used as it is"
    );

    assert_eq!(
        app.secrets.seal_stored(app.store.as_ref()).await.unwrap(),
        1
    );
    let kept = app
        .store
        .webhook_secret(app.store_id, provider.slug())
        .await
        .unwrap()
        .unwrap();
    assert!(kept.as_str().starts_with("wsk1:"), "sealed");
    assert!(!kept.as_str().contains("whsec_old"));
    assert_eq!(
        app.secrets.seal_stored(app.store.as_ref()).await.unwrap(),
        0,
        "sealing again changes nothing"
    );

    let verified = app.send(signed_push(provider, "acme", "whsec_old")).await;
    assert_eq!(
        verified.status,
        StatusCode::BAD_REQUEST,
        "verified, then read"
    );
    let forged = app.send(signed_push(provider, "acme", "whsec_guess")).await;
    assert_eq!(forged.status, StatusCode::UNAUTHORIZED);

    // A sealed value copied into another store's row does not open there.
    let other = app
        .store
        .create_store(&crate::harness::new_store("globex", "Globex"))
        .await
        .unwrap();
    app.store
        .set_webhook_secret(other.id, provider.slug(), &kept)
        .await
        .unwrap();
    let copied = app.send(signed_push(provider, "globex", "whsec_old")).await;
    assert_eq!(copied.status, StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn a_store_that_cannot_be_read_is_a_server_error_not_a_404() {
    let (url, path) = temp_db();
    let clock: Arc<dyn Clock> = Arc::new(ManualClock::new(test_now()));
    let store = wismo_store::connect(&url, clock.clone()).await.unwrap();
    store
        .create_store(&crate::harness::new_store("acme", "Acme"))
        .await
        .unwrap();
    let config = Config::load(
        None,
        Env::default(),
        Layer {
            database_url: Some(url.clone()),
            secret_key: Some(Secret::new(crate::harness::TEST_SECRET_KEY)),
            ..Layer::default()
        },
    )
    .unwrap();
    let router = wismo_server::router(AppState::new(config, store, clock).unwrap());
    let unknown = router
        .clone()
        .oneshot(signed_push(Provider::EasyPost, "nobody", "x"))
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);

    // The database fails under the server: the stores table is gone.
    {
        use sqlx::Connection as _;
        let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
        sqlx::query("ALTER TABLE stores RENAME TO stores_elsewhere")
            .execute(&mut conn)
            .await
            .unwrap();
    }
    let failed = router
        .clone()
        .oneshot(signed_push(Provider::EasyPost, "acme", "x"))
        .await
        .unwrap();
    assert!(
        failed.status().is_server_error(),
        "a provider must retry, not disable the endpoint: {}",
        failed.status()
    );
    // Pages say something went wrong rather than that the store does not exist.
    for path in ["/acme/track", "/acme/widget.js"] {
        let page = router
            .clone()
            .oneshot(Request::get(path).body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(page.status(), StatusCode::INTERNAL_SERVER_ERROR, "{path}");
    }
    let on_domain = router
        .oneshot(
            Request::get("/track")
                .header("host", "track.acme.example")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(
        on_domain.status(),
        StatusCode::INTERNAL_SERVER_ERROR,
        "a custom domain is not silently switched off"
    );
    let _ = std::fs::remove_file(path);
}

#[test]
fn secrets_set_from_the_command_line_are_sealed_and_migrate_seals_old_ones() {
    use std::io::Write as _;
    let (url, path) = temp_db();
    // Without a key given: one is made beside the database.
    let wismo = || {
        let mut cmd = wismo();
        cmd.env_remove("WISMO_SECRET_KEY");
        cmd
    };
    let ok = |out: std::process::Output| {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    ok(wismo()
        .args([
            "--database-url",
            &url,
            "store",
            "create",
            "--slug",
            "acme",
            "--name",
            "Acme",
        ])
        .output()
        .unwrap());
    let mut child = wismo()
        .args([
            "--database-url",
            &url,
            "webhook",
            "secret",
            "--store",
            "acme",
            "--provider",
            "easypost",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"whsec_cli\n")
        .unwrap();
    ok(child.wait_with_output().unwrap());

    let key_file = path.with_file_name(format!(
        "{}.secret-key",
        path.file_name().unwrap().to_string_lossy()
    ));
    assert!(key_file.exists(), "a key is made beside the database");
    let rows = || stored_secrets(&path);
    let kept = rows();
    assert_eq!(kept.len(), 1);
    assert!(kept[0].1.starts_with("wsk1:") && !kept[0].1.contains("whsec_cli"));

    // A plaintext secret, as an older release kept it.
    insert_plaintext(&path, "aftership", "whsec_plain");
    let migrated = ok(wismo()
        .args(["--database-url", &url, "migrate"])
        .output()
        .unwrap());
    assert!(migrated.contains("sealed 1 stored secret"), "{migrated}");
    assert!(rows().iter().all(|(_, v)| v.starts_with("wsk1:")));
    let again = ok(wismo()
        .args(["--database-url", &url, "migrate"])
        .output()
        .unwrap());
    assert!(!again.contains("sealed"), "{again}");

    // PostgreSQL is shared by several servers: no key, no start.
    let refused = wismo()
        .args([
            "--database-url",
            "postgres://nobody@127.0.0.1:9/none",
            "serve",
        ])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("WISMO_SECRET_KEY"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    for file in [path.clone(), key_file] {
        let _ = std::fs::remove_file(file);
    }
}

/// The webhook secrets rows of the SQLite file at `path`: (provider, value).
fn stored_secrets(path: &std::path::Path) -> Vec<(String, String)> {
    run_sql(path, |conn| {
        Box::pin(async move {
            sqlx::query_as("SELECT provider, secret FROM webhook_secrets ORDER BY provider")
                .fetch_all(conn)
                .await
                .unwrap()
        })
    })
}

fn insert_plaintext(path: &std::path::Path, provider: &'static str, secret: &'static str) {
    run_sql(path, move |conn| {
        Box::pin(async move {
            sqlx::query(
                "INSERT INTO webhook_secrets (store_id, provider, secret, updated_at) \
                 SELECT id, ?1, ?2, 0 FROM stores",
            )
            .bind(provider)
            .bind(secret)
            .execute(conn)
            .await
            .unwrap();
        })
    });
}

fn run_sql<T: Send + 'static>(
    path: &std::path::Path,
    f: impl for<'c> FnOnce(
        &'c mut sqlx::SqliteConnection,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'c>>
    + Send
    + 'static,
) -> T {
    let url = format!("sqlite://{}", path.display());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async move {
        use sqlx::Connection as _;
        let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
        f(&mut conn).await
    })
}
