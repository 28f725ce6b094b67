//! The admin's emails over real SMTP on loopback: "forgot your password?" (a link that
//! sets a new one, the same answer for an unknown address, throttling, the page without a
//! relay) and the team's invitations (the link sets the password; a taken email, staff,
//! another store's user and removing a teammate).

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use wismo_domain::admin::Role;
use wismo_server::smtp_capture::{Capture, Captured};

use crate::admin::{PASSWORD, Visitor, csrf_field, user};
use crate::email::{app_with_relay, decoded, run_jobs};
use crate::harness::{Db, PUBLIC_URL, TestApp};

crate::on_both_backends!(
    a_forgotten_password_is_set_again_through_the_emailed_link,
    an_unknown_address_gets_the_same_page_and_no_email,
    without_a_relay_the_page_says_to_ask_the_operator,
    asking_too_often_is_throttled_per_address_and_per_email,
    an_invited_teammate_sets_a_password_through_the_emailed_link,
    an_email_used_on_the_server_is_refused,
    staff_are_refused_and_another_stores_user_is_not_found,
    removing_a_teammate_ends_their_sessions,
    an_owner_changes_a_teammates_role_but_not_their_own,
);

const NEW_PASSWORD: &str = "a brand new passphrase";

/// The one message sent to `to`.
async fn mail_to(app: &TestApp, capture: &Capture, to: &str) -> Captured {
    run_jobs(app).await;
    assert!(capture.wait_for(1, Duration::from_secs(5)).await);
    let mut found: Vec<_> = capture
        .messages()
        .into_iter()
        .filter(|m| m.to == [to])
        .collect();
    assert_eq!(found.len(), 1, "one message to {to}");
    found.remove(0)
}

/// The set-up link's path in an email.
fn setup_path(message: &Captured) -> String {
    let body = decoded(message);
    let start = body
        .find(&format!("{PUBLIC_URL}/admin/setup/"))
        .unwrap_or_else(|| panic!("a set-up link in {body}"))
        + PUBLIC_URL.len();
    body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_'))
        .collect()
}

/// Asks for a link for `email` from the forgot-password page.
async fn ask(visitor: &mut Visitor, app: &TestApp, email: &str) -> crate::harness::Response {
    let csrf = visitor.form_csrf(app, "/admin/forgot").await;
    visitor
        .post(app, "/admin/forgot", &[("email", email), ("csrf", &csrf)])
        .await
}

/// Opens a set-up link and sets [`NEW_PASSWORD`]; the answer signs in.
async fn set_password(
    visitor: &mut Visitor,
    app: &TestApp,
    path: &str,
) -> crate::harness::Response {
    let csrf = visitor.form_csrf(app, path).await;
    visitor
        .post(app, path, &[("password", NEW_PASSWORD), ("csrf", &csrf)])
        .await
}

async fn a_forgotten_password_is_set_again_through_the_emailed_link(db: Db) {
    let Some((app, capture)) = app_with_relay(db).await else {
        return;
    };
    user(&app, app.store_id, "owner@acme.example", Role::Owner).await;
    let mut visitor = Visitor::new("203.0.113.5:4000");
    visitor.lang = Some("de-DE, en;q=0.5");
    let login = visitor.get(&app, "/admin/login").await;
    assert!(
        login.text.contains("href=\"/admin/forgot\""),
        "{}",
        login.text
    );
    let sent = ask(&mut visitor, &app, "Owner@Acme.example").await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.text);
    assert!(
        sent.text.contains("Wenn ein Konto diese Adresse nutzt"),
        "{}",
        sent.text
    );

    let message = mail_to(&app, &capture, "owner@acme.example").await;
    assert_eq!(message.header("Content-Language").as_deref(), Some("de"));
    assert!(
        decoded(&message).contains("Neues Passwort"),
        "{}",
        decoded(&message)
    );
    let path = setup_path(&message);
    // The token travels sealed: no queued job's payload holds it.
    let token = path.trim_start_matches("/admin/setup/");
    for job in app.store.list_jobs(None, 100).await.unwrap() {
        assert!(!job.payload.to_string().contains(token), "{job:?}");
    }

    let mut browser = Visitor::new("203.0.113.5:4001");
    let done = set_password(&mut browser, &app, &path).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text);
    assert_eq!(done.header("location"), "/admin");
    assert_eq!(browser.get(&app, "/admin").await.status, StatusCode::OK);
    // The link works once; the old password no longer does, the new one does.
    assert_eq!(browser.get(&app, &path).await.status, StatusCode::NOT_FOUND);
    let mut later = Visitor::new("203.0.113.6:4000");
    let old = later.sign_in(&app, "owner@acme.example", PASSWORD).await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    let new = later
        .sign_in(&app, "owner@acme.example", NEW_PASSWORD)
        .await;
    assert_eq!(new.status, StatusCode::SEE_OTHER, "{}", new.text);
}

async fn an_unknown_address_gets_the_same_page_and_no_email(db: Db) {
    let Some((app, capture)) = app_with_relay(db).await else {
        return;
    };
    user(&app, app.store_id, "owner@acme.example", Role::Owner).await;
    let mut visitor = Visitor::new("203.0.113.5:4000");
    let started = Instant::now();
    let unknown = ask(&mut visitor, &app, "nobody@acme.example").await;
    let unknown_took = started.elapsed();
    let started = Instant::now();
    let known = ask(&mut visitor, &app, "owner@acme.example").await;
    let known_took = started.elapsed();
    assert_eq!(unknown.status, StatusCode::OK);
    assert_eq!(known.status, StatusCode::OK);
    assert_eq!(unknown.text, known.text);
    assert!(unknown.text.contains("If an account uses this address"));
    assert!(
        unknown_took >= Duration::from_millis(400),
        "{unknown_took:?}"
    );
    assert!(known_took >= Duration::from_millis(400), "{known_took:?}");
    run_jobs(&app).await;
    assert!(capture.wait_for(1, Duration::from_secs(5)).await);
    let to: Vec<_> = capture.messages().into_iter().map(|m| m.to).collect();
    assert_eq!(to, [["owner@acme.example".to_owned()]]);
}

async fn without_a_relay_the_page_says_to_ask_the_operator(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    user(&app, app.store_id, "owner@acme.example", Role::Owner).await;
    let mut visitor = Visitor::new("203.0.113.5:4000");
    let page = visitor.get(&app, "/admin/forgot").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text.contains("wismo user reset-password"),
        "{}",
        page.text
    );
    assert!(
        !page.text.contains("action=\"/admin/forgot\""),
        "{}",
        page.text
    );
    // The form's token as the sign-in form has it (the page itself has no form).
    let csrf = csrf_field(&visitor.get(&app, "/admin/login").await.text);
    let sent = visitor
        .post(
            &app,
            "/admin/forgot",
            &[("email", "owner@acme.example"), ("csrf", &csrf)],
        )
        .await;
    assert!(
        sent.text.contains("wismo user reset-password"),
        "{}",
        sent.text
    );
    assert_eq!(account_links(&app).await, 0);
    // Without a form token the form is refused, as every admin form.
    let bare = visitor
        .post(&app, "/admin/forgot", &[("email", "owner@acme.example")])
        .await;
    assert_eq!(bare.status, StatusCode::FORBIDDEN);
}

async fn asking_too_often_is_throttled_per_address_and_per_email(db: Db) {
    let Some((app, capture)) = app_with_relay(db).await else {
        return;
    };
    user(&app, app.store_id, "owner@acme.example", Role::Owner).await;
    // Per client address: 5 at once, then 429 with Retry-After.
    let mut visitor = Visitor::new("203.0.113.5:4000");
    for i in 0..5 {
        let res = ask(&mut visitor, &app, &format!("someone{i}@acme.example")).await;
        assert_eq!(res.status, StatusCode::OK, "{i}");
    }
    let refused = ask(&mut visitor, &app, "owner@acme.example").await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.headers.contains_key("retry-after"));
    // Per email, from anywhere: past 3 the page answers the same and nothing is sent.
    for i in 0..5 {
        let mut elsewhere = Visitor::new(&format!("198.51.100.{}:4000", i + 1));
        let res = ask(&mut elsewhere, &app, "owner@acme.example").await;
        assert_eq!(res.status, StatusCode::OK, "{i}");
        assert!(res.text.contains("If an account uses this address"));
    }
    run_jobs(&app).await;
    assert!(capture.wait_for(3, Duration::from_secs(5)).await);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(capture.received(), 3);
}

/// Signs in a new owner of the test store, in `lang`.
async fn owner(app: &TestApp, email: &str, lang: Option<&'static str>) -> (Visitor, String) {
    user(app, app.store_id, email, Role::Owner).await;
    let mut visitor = Visitor::new("203.0.113.5:4000");
    visitor.lang = lang;
    let signed = visitor.sign_in(app, email, PASSWORD).await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.text);
    let csrf = visitor.csrf(app).await;
    (visitor, csrf)
}

/// Account emails queued so far.
async fn account_links(app: &TestApp) -> usize {
    let jobs = app.store.list_jobs(None, 1000).await.unwrap();
    jobs.iter()
        .filter(|j| j.name == "send_account_link")
        .count()
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    let users = app.store.list_users(app.store_id).await.unwrap();
    users
        .iter()
        .find(|u| u.email.as_str() == email)
        .map(|u| u.id.0)
        .unwrap_or_else(|| panic!("{email} in {users:?}"))
}

async fn an_invited_teammate_sets_a_password_through_the_emailed_link(db: Db) {
    let Some((app, capture)) = app_with_relay(db).await else {
        return;
    };
    let (mut boss, csrf) = owner(&app, "owner@acme.example", Some("fr")).await;
    let team = boss.get(&app, "/admin/team").await;
    assert!(
        team.text.contains("action=\"/admin/team/invite\""),
        "{}",
        team.text
    );
    let invited = boss
        .post(
            &app,
            "/admin/team/invite",
            &[
                ("email", "Sam@Acme.example"),
                ("role", "staff"),
                ("csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(invited.status, StatusCode::SEE_OTHER, "{}", invited.text);
    assert_eq!(invited.header("location"), "/admin/team?done=invited");
    let team = boss.get(&app, "/admin/team?done=invited").await;
    assert!(team.text.contains("sam@acme.example"), "{}", team.text);
    assert!(team.text.contains("Invitation envoyée"), "{}", team.text);

    let message = mail_to(&app, &capture, "sam@acme.example").await;
    assert_eq!(message.header("Content-Language").as_deref(), Some("fr"));
    let body = decoded(&message);
    assert!(
        body.contains("owner@acme.example")
            && body.contains("Acme Coffee")
            && body.contains("7 jours"),
        "{body}"
    );
    // Sent again: a new link, and the first one still works until either is used.
    let sam = user_id(&app, "sam@acme.example").await;
    let resent = boss
        .post(
            &app,
            &format!("/admin/team/{sam}/resend"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(resent.header("location"), "/admin/team?done=resent");
    run_jobs(&app).await;
    assert!(capture.wait_for(2, Duration::from_secs(5)).await);

    let mut browser = Visitor::new("203.0.113.7:4000");
    let done = set_password(&mut browser, &app, &setup_path(&message)).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text);
    let home = browser.get(&app, "/admin").await;
    assert_eq!(home.status, StatusCode::OK);
    // Staff now: the team page is not theirs.
    assert_eq!(
        browser.get(&app, "/admin/team").await.status,
        StatusCode::FORBIDDEN
    );
    // Set up: nothing more to resend.
    let again = boss
        .post(
            &app,
            &format!("/admin/team/{sam}/resend"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
}

async fn an_email_used_on_the_server_is_refused(db: Db) {
    let Some((app, _capture)) = app_with_relay(db).await else {
        return;
    };
    let (mut boss, csrf) = owner(&app, "owner@acme.example", None).await;
    let other = app
        .store
        .create_store(&crate::harness::new_store("globex", "Globex"))
        .await
        .unwrap();
    user(&app, other.id, "wile@globex.example", Role::Owner).await;
    for taken in ["owner@acme.example", "WILE@globex.example"] {
        let res = boss
            .post(
                &app,
                "/admin/team/invite",
                &[("email", taken), ("role", "staff"), ("csrf", &csrf)],
            )
            .await;
        assert_eq!(res.status, StatusCode::CONFLICT, "{taken}: {}", res.text);
        assert!(
            res.text.contains("already used on this server"),
            "{}",
            res.text
        );
    }
    let bad = boss
        .post(
            &app,
            "/admin/team/invite",
            &[
                ("email", "not an email"),
                ("role", "staff"),
                ("csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let no_token = boss
        .post(
            &app,
            "/admin/team/invite",
            &[("email", "x@acme.example"), ("role", "staff")],
        )
        .await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
    assert_eq!(app.store.list_users(app.store_id).await.unwrap().len(), 1);
    assert_eq!(account_links(&app).await, 0);
}

async fn staff_are_refused_and_another_stores_user_is_not_found(db: Db) {
    let Some((app, _capture)) = app_with_relay(db).await else {
        return;
    };
    let (mut boss, csrf) = owner(&app, "owner@acme.example", None).await;
    user(&app, app.store_id, "sam@acme.example", Role::Staff).await;
    let sam = user_id(&app, "sam@acme.example").await;
    let boss_id = user_id(&app, "owner@acme.example").await;
    let mut staff = Visitor::new("203.0.113.8:4000");
    staff.sign_in(&app, "sam@acme.example", PASSWORD).await;
    let staff_csrf = staff.csrf(&app).await;
    for (path, form) in [
        (
            "/admin/team/invite".to_owned(),
            vec![("email", "x@acme.example"), ("role", "owner")],
        ),
        (format!("/admin/team/{boss_id}/remove"), vec![]),
        (format!("/admin/team/{boss_id}/resend"), vec![]),
    ] {
        let mut form = form;
        form.push(("csrf", &staff_csrf));
        let res = staff.post(&app, &path, &form).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{path}");
    }
    let other = app
        .store
        .create_store(&crate::harness::new_store("globex", "Globex"))
        .await
        .unwrap();
    user(&app, other.id, "wile@globex.example", Role::Staff).await;
    let wile = app.store.list_users(other.id).await.unwrap()[0].id.0;
    for action in ["remove", "resend"] {
        let res = boss
            .post(
                &app,
                &format!("/admin/team/{wile}/{action}"),
                &[("csrf", &csrf)],
            )
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{action}");
    }
    assert_eq!(app.store.list_users(other.id).await.unwrap().len(), 1);
    assert_eq!(app.store.list_users(app.store_id).await.unwrap().len(), 2);
    let _ = sam;
}

async fn removing_a_teammate_ends_their_sessions(db: Db) {
    let Some((app, _capture)) = app_with_relay(db).await else {
        return;
    };
    let (mut boss, csrf) = owner(&app, "owner@acme.example", None).await;
    user(&app, app.store_id, "sam@acme.example", Role::Staff).await;
    let sam = user_id(&app, "sam@acme.example").await;
    let boss_id = user_id(&app, "owner@acme.example").await;
    let mut staff = Visitor::new("203.0.113.8:4000");
    staff.sign_in(&app, "sam@acme.example", PASSWORD).await;
    assert_eq!(staff.get(&app, "/admin").await.status, StatusCode::OK);

    let team = boss.get(&app, "/admin/team").await;
    assert!(
        team.text
            .contains(&format!("action=\"/admin/team/{sam}/remove\""))
    );
    assert!(
        !team
            .text
            .contains(&format!("action=\"/admin/team/{boss_id}/remove\""))
    );
    let myself = boss
        .post(
            &app,
            &format!("/admin/team/{boss_id}/remove"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(myself.status, StatusCode::CONFLICT);
    let no_token = boss
        .post(&app, &format!("/admin/team/{sam}/remove"), &[])
        .await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);

    let removed = boss
        .post(
            &app,
            &format!("/admin/team/{sam}/remove"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.text);
    assert_eq!(removed.header("location"), "/admin/team?done=removed");
    let away = staff.get(&app, "/admin").await;
    assert_eq!(away.status, StatusCode::SEE_OTHER);
    assert_eq!(away.header("location"), "/admin/login");
    let again = staff.sign_in(&app, "sam@acme.example", PASSWORD).await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);
    let users = app.store.list_users(app.store_id).await.unwrap();
    assert_eq!(users.len(), 1);
}

async fn an_owner_changes_a_teammates_role_but_not_their_own(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let (mut boss, csrf) = owner(&app, "owner@acme.example", None).await;
    user(&app, app.store_id, "sam@acme.example", Role::Staff).await;
    let sam = user_id(&app, "sam@acme.example").await;
    let boss_id = user_id(&app, "owner@acme.example").await;
    let mut staff = Visitor::new("203.0.113.8:4000");
    staff.sign_in(&app, "sam@acme.example", PASSWORD).await;
    let staff_csrf = staff.csrf(&app).await;
    assert_eq!(
        staff.get(&app, "/admin/team").await.status,
        StatusCode::FORBIDDEN
    );
    // Staff cannot make themselves owners.
    let refused = staff
        .post(
            &app,
            &format!("/admin/team/{sam}/role"),
            &[("role", "owner"), ("csrf", &staff_csrf)],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let team = boss.get(&app, "/admin/team").await;
    assert!(
        team.text
            .contains(&format!("action=\"/admin/team/{sam}/role\""))
    );
    assert!(
        !team
            .text
            .contains(&format!("action=\"/admin/team/{boss_id}/role\""))
    );
    for (form, status) in [
        (vec![("role", "owner")], StatusCode::FORBIDDEN),
        (
            vec![("role", "admin"), ("csrf", &csrf)],
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let res = boss
            .post(&app, &format!("/admin/team/{sam}/role"), &form)
            .await;
        assert_eq!(res.status, status, "{form:?}: {}", res.text);
    }
    let myself = boss
        .post(
            &app,
            &format!("/admin/team/{boss_id}/role"),
            &[("role", "staff"), ("csrf", &csrf)],
        )
        .await;
    assert_eq!(myself.status, StatusCode::CONFLICT);
    assert!(
        myself.text.contains("cannot change your own role"),
        "{}",
        myself.text
    );

    // Made an owner, Sam's next page (same session) opens the team page.
    let promoted = boss
        .post(
            &app,
            &format!("/admin/team/{sam}/role"),
            &[("role", "owner"), ("csrf", &csrf)],
        )
        .await;
    assert_eq!(promoted.status, StatusCode::SEE_OTHER, "{}", promoted.text);
    assert_eq!(promoted.header("location"), "/admin/team?done=role");
    assert!(
        boss.get(&app, "/admin/team?done=role")
            .await
            .text
            .contains("Role changed")
    );
    assert_eq!(staff.get(&app, "/admin/team").await.status, StatusCode::OK);
    // And staff again, refused at once.
    boss.post(
        &app,
        &format!("/admin/team/{sam}/role"),
        &[("role", "staff"), ("csrf", &csrf)],
    )
    .await;
    assert_eq!(
        staff.get(&app, "/admin/team").await.status,
        StatusCode::FORBIDDEN
    );
    let roles: Vec<_> = app
        .store
        .list_users(app.store_id)
        .await
        .unwrap()
        .into_iter()
        .map(|u| (u.email.as_str().to_owned(), u.role))
        .collect();
    assert!(roles.contains(&("owner@acme.example".into(), Role::Owner)));
    assert!(roles.contains(&("sam@acme.example".into(), Role::Staff)));
    // Another store's user is not found.
    let other = app
        .store
        .create_store(&crate::harness::new_store("globex", "Globex"))
        .await
        .unwrap();
    user(&app, other.id, "wile@globex.example", Role::Staff).await;
    let wile = app.store.list_users(other.id).await.unwrap()[0].id.0;
    let theirs = boss
        .post(
            &app,
            &format!("/admin/team/{wile}/role"),
            &[("role", "owner"), ("csrf", &csrf)],
        )
        .await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.store.list_users(other.id).await.unwrap()[0].role,
        Role::Staff
    );
}

/// The forgot-password page and the team page in a phone's browser and on a desktop: the
/// sign-in page's link leads to the form, an owner invites a teammate and removes them
/// through the confirmation, and nothing scrolls sideways. On SQLite only.
#[tokio::test]
async fn forgot_and_team_pages_work_in_a_phones_browser_and_on_a_desktop() {
    use fantoccini::Locator;
    use std::net::SocketAddr;
    use wismo_domain::Clock;
    let Some(app) = TestApp::new(Db::Sqlite).await else {
        return;
    };
    let Some(browser) = crate::browser::browser().await else {
        return;
    };
    user(&app, app.store_id, "owner@acme.example", Role::Owner).await;
    let (relay, capture) = wismo_server::smtp_capture::start("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let config = wismo_server::config::Config::load(
        None,
        wismo_server::config::Env::default(),
        wismo_server::config::Layer {
            database_url: Some(app.url.clone()),
            public_url: Some("http://127.0.0.1".into()),
            secret_key: Some(wismo_domain::Secret::new(crate::harness::TEST_SECRET_KEY)),
            email: wismo_server::config::EmailLayer {
                smtp_url: Some(wismo_domain::Secret::new(format!(
                    "smtp://{relay}?tls=none"
                ))),
                smtp_ca_file: None,
                from: Some("updates@track.example.test".into()),
                unsubscribe_mailto: None,
            },
            ..Default::default()
        },
    )
    .unwrap();
    let clock: std::sync::Arc<dyn Clock> = app.clock.clone();
    let state = wismo_server::AppState::new(config, app.store.clone(), clock).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let router = wismo_server::router(state);
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
    });
    let c = &browser.client;
    let landed = |path: &'static str| async move {
        for _ in 0..200 {
            let url = c.current_url().await.unwrap();
            if url.path() == path && c.find(Locator::Css("main h1")).await.is_ok() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("not at {path}: {}", c.source().await.unwrap());
    };
    let checks = |page: &'static str, size: &'static str| async move {
        let overflow = c
            .execute("return document.documentElement.scrollWidth - document.documentElement.clientWidth;", vec![])
            .await
            .unwrap();
        assert!(
            overflow.as_i64().unwrap() <= 0,
            "{page} scrolls sideways: {overflow}"
        );
        let unlabelled = c
            .execute("return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')].filter(e => !e.labels || e.labels.length === 0).length;", vec![])
            .await
            .unwrap();
        assert_eq!(
            unlabelled,
            serde_json::json!(0),
            "{page}: unlabelled fields"
        );
        crate::browser::assert_accessible(c, &format!("admin-{page}-{size}")).await;
        crate::browser::save_screenshot(c, &format!("admin-{page}-{size}")).await;
    };
    let click = |css: &'static str| async move {
        c.find(Locator::Css(css))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    };
    let type_in = |id: &'static str, text: &'static str| async move {
        c.find(Locator::Id(id))
            .await
            .unwrap()
            .send_keys(text)
            .await
            .unwrap();
    };
    for (size, width, height) in [("phone", 390, 844), ("desktop", 1280, 900)] {
        c.set_window_size(width, height).await.unwrap();
        c.delete_all_cookies().await.unwrap();
        c.goto(&format!("{base}/admin/login")).await.unwrap();
        click("main a[href='/admin/forgot']").await;
        landed("/admin/forgot").await;
        checks("forgot", size).await;
        type_in("email", "nobody@acme.example").await;
        click("main form button[type=submit]").await;
        for _ in 0..200 {
            if c.find(Locator::Css("main p.done")).await.is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        checks("forgot-sent", size).await;

        c.goto(&format!("{base}/admin/login")).await.unwrap();
        type_in("email", "owner@acme.example").await;
        type_in("password", PASSWORD).await;
        click("main form button[type=submit]").await;
        landed("/admin").await;
        c.goto(&format!("{base}/admin/team")).await.unwrap();
        landed("/admin/team").await;
        let invitee = if size == "phone" {
            "sam@acme.example"
        } else {
            "kim@acme.example"
        };
        c.find(Locator::Id("invite-email"))
            .await
            .unwrap()
            .send_keys(invitee)
            .await
            .unwrap();
        click("form[action='/admin/team/invite'] button").await;
        for _ in 0..200 {
            if c.find(Locator::Css("main p.done")).await.is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(c.source().await.unwrap().contains(invitee));
        checks("team", size).await;
        // Remove asks first: the button is inside a closed disclosure.
        click("main details.confirm summary").await;
        checks("team-remove", size).await;
        click("main details.confirm[open] button.danger").await;
        for _ in 0..200 {
            if c.current_url().await.unwrap().query() == Some("done=removed") {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(!c.source().await.unwrap().contains(invitee));
    }
    assert_eq!(app.store.list_users(app.store_id).await.unwrap().len(), 1);
    drop(capture);
    browser.close().await;
}
