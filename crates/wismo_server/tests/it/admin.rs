//! The merchant admin over HTTP: signing in (cookie attributes, one answer for a wrong
//! password and an unknown email), CSRF refusals, session expiry on the test clock,
//! throttling per (account, address), roles, tenant isolation, signing out everywhere, the
//! first run's link, and the attention list with an order's page.

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use serde_json::json;
use std::net::SocketAddr;
use wismo_domain::admin::{Password, Role};
use wismo_domain::{Clock, Email, StoreId};
use wismo_server::http::admin::{links, password};
use wismo_store::admin::NewUser;

use crate::harness::{Db, Response, TestApp};

const PASSWORD: &str = "correct horse battery";

/// Adds a user with [`PASSWORD`] to `store`.
async fn user(app: &TestApp, store: StoreId, email: &str, role: Role) {
    let hash = password::hash(&Password::parse(PASSWORD).unwrap()).unwrap();
    app.store
        .create_user(&NewUser {
            store_id: store,
            email: Email::parse(email).unwrap(),
            role,
            password_hash: Some(hash),
        })
        .await
        .unwrap();
}

/// The value of a `name="csrf"` field on a page.
fn csrf_field(page: &str) -> String {
    let start = page.find("name=\"csrf\" value=\"").expect("a CSRF field") + 19;
    page[start..].split('"').next().unwrap().to_owned()
}

/// `name=value` of the cookie a response sets whose name ends with `suffix`.
fn cookie_set(res: &Response, suffix: &str) -> Option<String> {
    res.headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").to_owned())
        .find(|pair| pair.split('=').next().is_some_and(|n| n.ends_with(suffix)))
}

/// A browser's jar of the admin's cookies, from one client address.
struct Visitor {
    cookies: Vec<String>,
    addr: SocketAddr,
}

impl Visitor {
    fn new(addr: &str) -> Self {
        Self {
            cookies: Vec::new(),
            addr: addr.parse().unwrap(),
        }
    }

    fn keep(&mut self, res: &Response) {
        for value in res.headers.get_all("set-cookie").iter() {
            let pair = value
                .to_str()
                .unwrap()
                .split(';')
                .next()
                .unwrap()
                .to_owned();
            let name = pair.split('=').next().unwrap().to_owned();
            self.cookies.retain(|c| !c.starts_with(&format!("{name}=")));
            if !pair.ends_with('=') {
                self.cookies.push(pair);
            }
        }
    }

    async fn send(
        &mut self,
        app: &TestApp,
        method: &str,
        path: &str,
        form: Option<String>,
    ) -> Response {
        let mut req = Request::builder().method(method).uri(path);
        if !self.cookies.is_empty() {
            req = req.header("cookie", self.cookies.join("; "));
        }
        let body = match form {
            Some(form) => {
                req = req.header("content-type", "application/x-www-form-urlencoded");
                Body::from(form)
            }
            None => Body::empty(),
        };
        let mut req = req.body(body).unwrap();
        req.extensions_mut().insert(ConnectInfo(self.addr));
        let res = app.send(req).await;
        self.keep(&res);
        res
    }

    async fn get(&mut self, app: &TestApp, path: &str) -> Response {
        self.send(app, "GET", path, None).await
    }

    async fn post(&mut self, app: &TestApp, path: &str, form: &[(&str, &str)]) -> Response {
        let body = serde_urlencoded::to_string(form).unwrap();
        self.send(app, "POST", path, Some(body)).await
    }

    /// Opens the sign-in form and sends it.
    async fn sign_in(&mut self, app: &TestApp, email: &str, password: &str) -> Response {
        let form = self.get(app, "/admin/login").await;
        assert_eq!(form.status, StatusCode::OK, "{}", form.text);
        let csrf = csrf_field(&form.text);
        self.post(
            app,
            "/admin/login",
            &[("email", email), ("password", password), ("csrf", &csrf)],
        )
        .await
    }

    /// The CSRF token of a signed-in page.
    async fn csrf(&mut self, app: &TestApp) -> String {
        let home = self.get(app, "/admin").await;
        assert_eq!(home.status, StatusCode::OK, "{}", home.text);
        csrf_field(&home.text)
    }
}

crate::on_both_backends!(
    signing_in_sets_a_host_prefixed_session_cookie_and_opens_the_attention_list,
    a_wrong_password_and_an_unknown_email_get_the_same_page,
    posts_without_the_forms_token_are_refused,
    sessions_end_when_idle_or_too_old_on_the_test_clock,
    too_many_attempts_from_one_address_do_not_lock_out_another,
    staff_cannot_open_the_team_page_and_another_stores_order_is_not_found,
    signing_out_everywhere_ends_every_session,
    the_first_runs_link_makes_the_owner_once,
    a_first_run_link_without_a_store_makes_one,
    the_attention_list_leads_to_an_orders_story_and_its_actions,
);

async fn signing_in_sets_a_host_prefixed_session_cookie_and_opens_the_attention_list(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    user(&app, app.store_id, "Owner@Acme.example", Role::Owner).await;
    let mut visitor = Visitor::new("203.0.113.5:4000");
    let away = visitor.get(&app, "/admin").await;
    assert_eq!(away.status, StatusCode::SEE_OTHER);
    assert_eq!(away.header("location"), "/admin/login");
    let login = visitor.get(&app, "/admin/login").await;
    for field in [
        "name=\"email\"",
        "name=\"password\"",
        "type=\"hidden\" name=\"csrf\"",
    ] {
        assert!(login.text.contains(field), "{field}: {}", login.text);
    }
    assert!(
        login
            .header("content-security-policy")
            .contains("default-src 'none'")
    );
    // The email is one account however it is typed.
    let res = visitor.sign_in(&app, "owner@acme.EXAMPLE", PASSWORD).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(res.header("location"), "/admin");
    let set = res
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|v| v.starts_with("__Host-wismo_admin="))
        .expect("the session cookie");
    for attribute in [
        "HttpOnly",
        "SameSite=Lax",
        "Path=/",
        "Secure",
        "Max-Age=28800",
    ] {
        assert!(set.contains(attribute), "{attribute} in {set}");
    }
    assert!(!set.contains("Domain"), "{set}");
    let home = visitor.get(&app, "/admin").await;
    assert_eq!(home.status, StatusCode::OK, "{}", home.text);
    assert!(home.text.contains("Needs attention"), "{}", home.text);
    let again = visitor.get(&app, "/admin/login").await;
    assert_eq!(
        again.header("location"),
        "/admin",
        "signed in, the form is skipped"
    );
    assert!(home.text.contains("owner@acme.example"));
    // Signing in with a session cookie already there (another tab, or one planted by
    // someone else) makes a new session; the one before ends.
    let before = cookie_set(&res, "wismo_admin").unwrap();
    let mut tab = Visitor::new("203.0.113.5:4000");
    let form = tab.get(&app, "/admin/login").await;
    tab.cookies.push(before.clone());
    let again = tab
        .post(
            &app,
            "/admin/login",
            &[
                ("email", "owner@acme.example"),
                ("password", PASSWORD),
                ("csrf", &csrf_field(&form.text)),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    let after = cookie_set(&again, "wismo_admin").unwrap();
    assert_ne!(before, after);
    let mut old = Visitor::new("203.0.113.5:4000");
    old.cookies.push(before);
    assert_eq!(old.get(&app, "/admin").await.status, StatusCode::SEE_OTHER);
}

async fn a_wrong_password_and_an_unknown_email_get_the_same_page(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    user(&app, app.store_id, "owner@acme.example", Role::Owner).await;
    let mut visitor = Visitor::new("203.0.113.5:4000");
    let wrong = visitor
        .sign_in(&app, "owner@acme.example", "not the password at all")
        .await;
    let unknown = visitor
        .sign_in(&app, "nobody@acme.example", "not the password at all")
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, wrong.status);
    assert_eq!(unknown.text, wrong.text);
    assert!(wrong.text.contains("The email or the password is wrong."));
    assert!(cookie_set(&wrong, "wismo_admin").is_none());
    // In the browser's language, the same.
    let form = app
        .send(
            Request::get("/admin/login")
                .header("accept-language", "de-AT, en;q=0.5")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(form.text.contains("<html lang=\"de\">"), "{}", form.text);
    assert!(form.text.contains("<h1>Anmelden</h1>"), "{}", form.text);
}

async fn posts_without_the_forms_token_are_refused(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    user(&app, app.store_id, "owner@acme.example", Role::Owner).await;
    let mut visitor = Visitor::new("203.0.113.5:4000");
    visitor.get(&app, "/admin/login").await;
    // A form posted from elsewhere has the cookie but not the token.
    let forged = visitor
        .post(
            &app,
            "/admin/login",
            &[
                ("email", "owner@acme.example"),
                ("password", PASSWORD),
                ("csrf", "42.AAAA"),
            ],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(forged.header("content-type").starts_with("text/html"));
    // With the right token too, a post the browser says came from another site.
    let form = visitor.get(&app, "/admin/login").await;
    let body = serde_urlencoded::to_string([
        ("email", "owner@acme.example"),
        ("password", PASSWORD),
        ("csrf", &csrf_field(&form.text)),
    ])
    .unwrap();
    let cross = app
        .send(
            Request::post("/admin/login")
                .header("cookie", visitor.cookies.join("; "))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "cross-site")
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(cross.status, StatusCode::FORBIDDEN);
    assert!(cookie_set(&cross, "wismo_admin").is_none());
    let res = visitor.sign_in(&app, "owner@acme.example", PASSWORD).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let csrf = visitor.csrf(&app).await;
    for form in [vec![], vec![("csrf", "not-the-token")]] {
        let refused = visitor.post(&app, "/admin/logout", &form).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{form:?}");
    }
    // The session is still there; with its token, sign-out works.
    assert_eq!(visitor.get(&app, "/admin").await.status, StatusCode::OK);
    let out = visitor
        .post(&app, "/admin/logout", &[("csrf", &csrf)])
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(
        visitor.get(&app, "/admin").await.status,
        StatusCode::SEE_OTHER
    );
}

async fn sessions_end_when_idle_or_too_old_on_the_test_clock(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    user(&app, app.store_id, "owner@acme.example", Role::Owner).await;
    let minutes = |n| chrono::Duration::minutes(n);
    // Idle: used at 29 minutes, it lives on; 30 idle minutes later it is over.
    let mut idle = Visitor::new("203.0.113.5:4000");
    idle.sign_in(&app, "owner@acme.example", PASSWORD).await;
    app.clock.set(app.clock.now() + minutes(29));
    assert_eq!(idle.get(&app, "/admin").await.status, StatusCode::OK);
    app.clock.set(app.clock.now() + minutes(29));
    assert_eq!(idle.get(&app, "/admin").await.status, StatusCode::OK);
    app.clock.set(app.clock.now() + minutes(30));
    let gone = idle.get(&app, "/admin").await;
    assert_eq!(gone.status, StatusCode::SEE_OTHER);
    assert_eq!(gone.header("location"), "/admin/login");
    // Absolute: used every 20 minutes, it still ends after 8 hours.
    let mut busy = Visitor::new("203.0.113.5:4000");
    busy.sign_in(&app, "owner@acme.example", PASSWORD).await;
    for _ in 0..23 {
        app.clock.set(app.clock.now() + minutes(20));
        assert_eq!(busy.get(&app, "/admin").await.status, StatusCode::OK);
    }
    app.clock.set(app.clock.now() + minutes(20));
    assert_eq!(busy.get(&app, "/admin").await.status, StatusCode::SEE_OTHER);
    // A session left to expire unseen is deleted at the next sign-in.
    let mut left = Visitor::new("203.0.113.5:4000");
    left.sign_in(&app, "owner@acme.example", PASSWORD).await;
    let value = left
        .cookies
        .iter()
        .find_map(|c| c.strip_prefix("__Host-wismo_admin="))
        .unwrap();
    let id_hash = wismo_server::keys::hash(value);
    assert!(app.store.session(&id_hash).await.unwrap().is_some());
    app.clock.set(app.clock.now() + minutes(31));
    Visitor::new("203.0.113.5:4000")
        .sign_in(&app, "owner@acme.example", PASSWORD)
        .await;
    assert!(app.store.session(&id_hash).await.unwrap().is_none());
}

async fn too_many_attempts_from_one_address_do_not_lock_out_another(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    user(&app, app.store_id, "owner@acme.example", Role::Owner).await;
    let mut stranger = Visitor::new("198.51.100.66:5000");
    for _ in 0..5 {
        let res = stranger
            .sign_in(&app, "owner@acme.example", "guessing guessing")
            .await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    }
    // Refused now even with the right password, and told how long to wait.
    let refused = stranger.sign_in(&app, "owner@acme.example", PASSWORD).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.header("retry-after").parse::<u64>().unwrap() >= 1);
    // The same address may still try another account.
    user(&app, app.store_id, "staff@acme.example", Role::Staff).await;
    let other_account = stranger.sign_in(&app, "staff@acme.example", PASSWORD).await;
    assert_eq!(other_account.status, StatusCode::SEE_OTHER);
    // The owner, from their own address, signs in at once.
    let mut owner = Visitor::new("203.0.113.5:4000");
    let res = owner.sign_in(&app, "owner@acme.example", PASSWORD).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
}

async fn staff_cannot_open_the_team_page_and_another_stores_order_is_not_found(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    user(&app, app.store_id, "owner@acme.example", Role::Owner).await;
    user(&app, app.store_id, "staff@acme.example", Role::Staff).await;
    let mut staff = Visitor::new("203.0.113.6:4000");
    staff.sign_in(&app, "staff@acme.example", PASSWORD).await;
    let refused = staff.get(&app, "/admin/team").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(!refused.text.contains("owner@acme.example"));
    let mut owner = Visitor::new("203.0.113.5:4000");
    owner.sign_in(&app, "owner@acme.example", PASSWORD).await;
    let team = owner.get(&app, "/admin/team").await;
    assert_eq!(team.status, StatusCode::OK);
    assert!(team.text.contains("staff@acme.example") && team.text.contains("owner@acme.example"));
    // Another store's users and orders stay out of sight.
    let other_key = app.other_store_key().await;
    let other = app.store.get_store_by_slug("globex").await.unwrap();
    user(&app, other.id, "boss@globex.example", Role::Owner).await;
    assert!(!owner.get(&app, "/admin/team").await.text.contains("globex"));
    let theirs = app
        .order_with_key(&other_key, "#G-1", &["1Z999AA10123456784"])
        .await;
    let ours = app.order("#A-1", &["1Z999AA10123456785"]).await;
    for who in [&mut owner, &mut staff] {
        let hidden = who
            .get(&app, &format!("/admin/orders/{}", theirs["id"]))
            .await;
        assert_eq!(hidden.status, StatusCode::NOT_FOUND);
        let shown = who
            .get(&app, &format!("/admin/orders/{}", ours["id"]))
            .await;
        assert_eq!(shown.status, StatusCode::OK, "{}", shown.text);
    }
    let csrf = owner.csrf(&app).await;
    let reissue = owner
        .post(
            &app,
            &format!("/admin/orders/{}/reissue", theirs["id"]),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(reissue.status, StatusCode::NOT_FOUND);
    let their_request = app
        .store
        .create_customer_request(
            other.id,
            &wismo_domain::NewCustomerRequest {
                shipment_id: wismo_domain::ShipmentId(
                    theirs["shipments"][0]["id"].as_i64().unwrap(),
                ),
                kind: wismo_domain::RequestKind::Other,
                message: None,
            },
        )
        .await
        .unwrap();
    for order in [&theirs, &ours] {
        let handled = owner
            .post(
                &app,
                &format!(
                    "/admin/orders/{}/requests/{}/handle",
                    order["id"], their_request.id
                ),
                &[("csrf", &csrf), ("note", "not mine")],
            )
            .await;
        assert_eq!(handled.status, StatusCode::NOT_FOUND);
    }
    let still = app
        .store
        .get_customer_request(other.id, their_request.id)
        .await
        .unwrap();
    assert_eq!(still.status, wismo_domain::RequestStatus::Open);
    // Not on a store's own domain: the admin is wismo's.
    let hosts = app
        .request(
            axum::http::Method::PUT,
            "/api/v1/store/hosts",
            Some(&app.key),
            Some(&json!({ "domains": ["track.acme.example"] })),
        )
        .await;
    assert_eq!(hosts.status, StatusCode::OK, "{}", hosts.text);
    for (host, status) in [
        ("track.acme.example", StatusCode::NOT_FOUND),
        ("track.example.test", StatusCode::OK),
    ] {
        let res = app
            .send(
                Request::get("/admin/login")
                    .header("host", host)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(res.status, status, "{host}");
    }
    let found = owner.get(&app, "/admin?q=G-1").await;
    assert!(found.text.contains("No order matches"), "{}", found.text);
}

async fn signing_out_everywhere_ends_every_session(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    user(&app, app.store_id, "owner@acme.example", Role::Owner).await;
    let mut phone = Visitor::new("203.0.113.5:4000");
    let mut laptop = Visitor::new("203.0.113.7:4000");
    phone.sign_in(&app, "owner@acme.example", PASSWORD).await;
    laptop.sign_in(&app, "owner@acme.example", PASSWORD).await;
    let csrf = phone.csrf(&app).await;
    assert_eq!(laptop.get(&app, "/admin").await.status, StatusCode::OK);
    let out = phone
        .post(&app, "/admin/logout-everywhere", &[("csrf", &csrf)])
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(
        phone.get(&app, "/admin").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        laptop.get(&app, "/admin").await.status,
        StatusCode::SEE_OTHER
    );
}

async fn the_first_runs_link_makes_the_owner_once(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let url = links::first_run(
        app.store.as_ref(),
        app.clock.as_ref(),
        "https://track.example.test",
    )
    .await
    .unwrap()
    .expect("a link on a server without users");
    let spare = links::first_run(
        app.store.as_ref(),
        app.clock.as_ref(),
        "https://track.example.test",
    )
    .await
    .unwrap()
    .unwrap();
    let path = url
        .strip_prefix("https://track.example.test")
        .unwrap()
        .to_owned();
    let mut visitor = Visitor::new("203.0.113.5:4000");
    let form = visitor.get(&app, &path).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.text);
    assert!(form.text.contains("name=\"email\""));
    let csrf = csrf_field(&form.text);
    let short = visitor
        .post(
            &app,
            &path,
            &[
                ("email", "me@acme.example"),
                ("password", "short"),
                ("csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        short.text.contains("at least 12 characters"),
        "{}",
        short.text
    );
    let done = visitor
        .post(
            &app,
            &path,
            &[
                ("email", "me@acme.example"),
                ("password", PASSWORD),
                ("csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text);
    let users = app.store.list_users(app.store_id).await.unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!(
        (users[0].role, users[0].email.as_str()),
        (Role::Owner, "me@acme.example")
    );
    assert_eq!(visitor.get(&app, "/admin").await.status, StatusCode::OK);
    // Used once; another start's link no longer works; and with a user, no first-run link
    // is made again.
    let spare = spare.strip_prefix("https://track.example.test").unwrap();
    let mut late_comer = Visitor::new("198.51.100.9:4000");
    assert_eq!(
        late_comer.get(&app, spare).await.status,
        StatusCode::NOT_FOUND
    );
    let again = Visitor::new("203.0.113.5:4000").get(&app, &path).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    assert!(
        links::first_run(app.store.as_ref(), app.clock.as_ref(), "https://x")
            .await
            .unwrap()
            .is_none()
    );
    // A reset link sets a new password and ends the user's sessions; it expires in an hour.
    let reset = links::make(
        app.store.as_ref(),
        app.clock.as_ref(),
        "https://x",
        wismo_domain::admin::LinkPurpose::SetPassword,
        Some(users[0].id),
        None,
    )
    .await
    .unwrap();
    let reset_path = reset.strip_prefix("https://x").unwrap().to_owned();
    let mut other = Visitor::new("203.0.113.9:4000");
    let form = other.get(&app, &reset_path).await;
    assert!(form.text.contains("me@acme.example"), "{}", form.text);
    let csrf = csrf_field(&form.text);
    let new_password = "another long passphrase";
    let res = other
        .post(
            &app,
            &reset_path,
            &[("password", new_password), ("csrf", &csrf)],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(
        visitor.get(&app, "/admin").await.status,
        StatusCode::SEE_OTHER
    );
    let expiring = links::make(
        app.store.as_ref(),
        app.clock.as_ref(),
        "https://x",
        wismo_domain::admin::LinkPurpose::SetPassword,
        Some(users[0].id),
        None,
    )
    .await
    .unwrap();
    app.clock
        .set(app.clock.now() + chrono::Duration::minutes(61));
    let late = other
        .get(&app, expiring.strip_prefix("https://x").unwrap())
        .await;
    assert_eq!(late.status, StatusCode::NOT_FOUND);
}

async fn a_first_run_link_without_a_store_makes_one(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let url = links::make(
        app.store.as_ref(),
        app.clock.as_ref(),
        "https://x",
        wismo_domain::admin::LinkPurpose::Claim,
        None,
        None,
    )
    .await
    .unwrap();
    let path = url.strip_prefix("https://x").unwrap().to_owned();
    let mut visitor = Visitor::new("203.0.113.5:4000");
    let form = visitor.get(&app, &path).await;
    assert!(form.text.contains("name=\"store_name\""), "{}", form.text);
    let csrf = csrf_field(&form.text);
    // The slug of an existing store cannot be taken twice: the page says so.
    let taken = visitor
        .post(
            &app,
            &path,
            &[
                ("email", "me@globex.example"),
                ("password", PASSWORD),
                ("store_name", "Acme"),
                ("csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        taken.text.contains("A store with this name exists already"),
        "{}",
        taken.text
    );
    let made = visitor
        .post(
            &app,
            &path,
            &[
                ("email", "me@globex.example"),
                ("password", PASSWORD),
                ("store_name", "Globex Goods!"),
                ("csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.text);
    let store = app.store.get_store_by_slug("globex-goods").await.unwrap();
    assert_eq!(store.name, "Globex Goods!");
    let users = app.store.list_users(store.id).await.unwrap();
    assert_eq!(users[0].email.as_str(), "me@globex.example");
    assert!(app.store.list_users(app.store_id).await.unwrap().is_empty());
}

async fn the_attention_list_leads_to_an_orders_story_and_its_actions(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    user(&app, app.store_id, "owner@acme.example", Role::Owner).await;
    let calm = app.order("#A-100", &["1Z999AA10123456784"]).await;
    let broken = app.order("#A-101", &["1Z999AA10123456785"]).await;
    let shipment = &broken["shipments"][0];
    let res = app
        .post(
            &format!("/api/v1/shipments/{}/events", shipment["id"]),
            &json!({ "occurred_at": "2026-03-02T08:00:00-06:00", "stage": "exception", "substatus": "damaged", "description": "Package damaged", "location": "Louisville, KY, US" }),
        )
        .await;
    assert!(res.status.is_success(), "{}", res.text);
    let request = app
        .store
        .create_customer_request(
            app.store_id,
            &wismo_domain::NewCustomerRequest {
                shipment_id: wismo_domain::ShipmentId(shipment["id"].as_i64().unwrap()),
                kind: wismo_domain::RequestKind::Damaged,
                message: Some("The box was crushed".into()),
            },
        )
        .await
        .unwrap();
    let mut owner = Visitor::new("203.0.113.5:4000");
    owner.sign_in(&app, "owner@acme.example", PASSWORD).await;
    let home = owner.get(&app, "/admin").await;
    assert!(home.text.contains("Order #A-101"), "{}", home.text);
    assert!(!home.text.contains("Order #A-100"), "{}", home.text);
    assert!(home.text.contains("A parcel is damaged"), "{}", home.text);
    assert!(
        home.text.contains("The customer asked: damaged"),
        "{}",
        home.text
    );
    assert!(
        home.text
            .contains("Needs attention <span class=\"count\">2</span>")
    );
    let only_requests = owner.get(&app, "/admin?kind=request").await;
    assert_eq!(only_requests.text.matches("<li class=").count(), 1);
    // Search by number, email, name and tracking number.
    for q in ["a101", "ana@example.com", "lima", "1Z999AA10123456785"] {
        let found = owner.get(&app, &format!("/admin?q={q}")).await;
        assert!(
            found
                .text
                .contains(&format!("/admin/orders/{}", broken["id"])),
            "{q}"
        );
        if q == "a101" || q == "1Z999AA10123456785" {
            assert!(
                !found
                    .text
                    .contains(&format!("/admin/orders/{}\"", calm["id"])),
                "{q}"
            );
        }
    }
    let path = format!("/admin/orders/{}", broken["id"]);
    let story = owner.get(&app, &path).await;
    for shown in [
        "ana@example.com",
        "+14155550100",
        "Espresso beans",
        "Package damaged",
        "exception · damaged",
        "The box was crushed",
    ] {
        assert!(story.text.contains(shown), "{shown}: {}", story.text);
    }
    let csrf = csrf_field(&story.text);
    let handled = owner
        .post(
            &app,
            &format!("{path}/requests/{}/handle", request.id),
            &[("csrf", &csrf), ("note", "Sent a new one")],
        )
        .await;
    assert_eq!(handled.status, StatusCode::SEE_OTHER);
    let story = owner.get(&app, handled.header("location")).await;
    assert!(
        story.text.contains("Note: Sent a new one"),
        "{}",
        story.text
    );
    let home = owner.get(&app, "/admin").await;
    assert!(!home.text.contains("The customer asked"), "{}", home.text);
    // Reissuing the link ends the old one.
    let old_link = app
        .store
        .get_order(
            app.store_id,
            wismo_domain::OrderId(broken["id"].as_i64().unwrap()),
        )
        .await
        .unwrap()
        .token;
    let reissued = owner
        .post(&app, &format!("{path}/reissue"), &[("csrf", &csrf)])
        .await;
    assert_eq!(reissued.status, StatusCode::SEE_OTHER);
    let new_link = app
        .store
        .get_order(
            app.store_id,
            wismo_domain::OrderId(broken["id"].as_i64().unwrap()),
        )
        .await
        .unwrap()
        .token;
    assert_ne!(old_link, new_link);
    assert_eq!(
        app.get(&format!("/t/{old_link}")).await.status,
        StatusCode::NOT_FOUND
    );
}

/// `wismo user add --password-stdin` makes a user who can sign in; without it, a set-up
/// link is printed; `reset-password` prints one; `list` shows the store's users.
#[test]
fn the_user_commands_add_list_and_reset() {
    use std::io::Write as _;
    let (url, path) = crate::cli::temp_db();
    let made = crate::cli::wismo()
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
        .unwrap();
    assert!(made.status.success());
    let mut child = crate::cli::wismo()
        .args([
            "--database-url",
            &url,
            "user",
            "add",
            "--store",
            "acme",
            "--email",
            "owner@acme.example",
            "--role",
            "owner",
            "--password-stdin",
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
        .write_all(format!("{PASSWORD}\n").as_bytes())
        .unwrap();
    let added = child.wait_with_output().unwrap();
    let out = String::from_utf8_lossy(&added.stdout);
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    assert!(
        out.contains("owner@acme.example") && !out.contains("/admin/setup/"),
        "{out}"
    );
    let staff = crate::cli::wismo()
        .args([
            "--database-url",
            &url,
            "--public-url",
            "https://track.example",
            "user",
            "add",
            "--store",
            "acme",
            "--email",
            "staff@acme.example",
        ])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&staff.stdout);
    assert!(out.contains("https://track.example/admin/setup/"), "{out}");
    let listed = crate::cli::wismo()
        .args(["--database-url", &url, "user", "list", "--store", "acme"])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&listed.stdout);
    assert!(out.contains("owner@acme.example\towner"), "{out}");
    assert!(
        out.contains("staff@acme.example\tstaff") && out.contains("not set up"),
        "{out}"
    );
    let reset = crate::cli::wismo()
        .args([
            "--database-url",
            &url,
            "user",
            "reset-password",
            "OWNER@acme.example",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&reset.stdout).contains("/admin/setup/"));
    let taken = crate::cli::wismo()
        .args([
            "--database-url",
            &url,
            "user",
            "add",
            "--store",
            "acme",
            "--email",
            "Owner@Acme.example",
        ])
        .output()
        .unwrap();
    assert!(!taken.status.success());
    assert!(String::from_utf8_lossy(&taken.stderr).contains("already exists"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

/// In headless Chromium at 390×844: the first run's link, signing out and in again, the
/// attention list with a seeded exception, and that order's page. Served over plain http,
/// so the cookie is the unprefixed one without Secure, as on a loopback demo. On SQLite
/// only: the HTTP tests cover both backends, and a browser is the slow part.
#[tokio::test]
async fn first_run_sign_in_attention_and_an_order_in_a_phones_browser() {
    use fantoccini::Locator;
    let Some(app) = TestApp::new(Db::Sqlite).await else {
        return;
    };
    let Some(browser) = crate::browser::browser().await else {
        return;
    };
    let config = wismo_server::config::Config::load(
        None,
        wismo_server::config::Env::default(),
        wismo_server::config::Layer {
            database_url: Some(app.url.clone()),
            public_url: Some("http://127.0.0.1".into()),
            secret_key: Some(wismo_domain::Secret::new(crate::harness::TEST_SECRET_KEY)),
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
    let broken = app.order("#A-201", &["1Z999AA10123456784"]).await;
    app.post(
        &format!("/api/v1/shipments/{}/events", broken["shipments"][0]["id"]),
        &json!({ "occurred_at": "2026-03-02T08:00:00-06:00", "stage": "exception", "substatus": "damaged", "description": "Package damaged", "location": "Louisville, KY, US" }),
    )
    .await;
    let link = links::first_run(app.store.as_ref(), app.clock.as_ref(), &base)
        .await
        .unwrap()
        .unwrap();
    let c = &browser.client;
    c.set_window_size(390, 844).await.unwrap();
    let fill = |id: &'static str, text: &'static str| async move {
        c.find(Locator::Id(id))
            .await
            .unwrap()
            .send_keys(text)
            .await
            .unwrap();
    };
    let submit = || async {
        c.find(Locator::Css("main form button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    };
    // A click starts a navigation; wait until it has landed.
    let landed = |path: String| async move {
        for _ in 0..200 {
            if c.current_url().await.unwrap().path() == path {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("not at {path}: {}", c.source().await.unwrap());
    };
    let checks = |page: &'static str| async move {
        let overflow = c
            .execute("return document.documentElement.scrollWidth - document.documentElement.clientWidth;", vec![])
            .await
            .unwrap();
        assert!(
            overflow.as_i64().unwrap() <= 0,
            "{page} scrolls sideways: {overflow}"
        );
        let unlabelled = c
            .execute("return [...document.querySelectorAll('input:not([type=hidden]), textarea')].filter(e => !e.labels || e.labels.length === 0).length;", vec![])
            .await
            .unwrap();
        assert_eq!(unlabelled, json!(0), "{page}: unlabelled fields");
        crate::browser::save_screenshot(c, &format!("admin-{page}-phone")).await;
    };
    c.goto(&link).await.unwrap();
    checks("setup").await;
    fill("email", "owner@acme.example").await;
    fill("password", PASSWORD).await;
    submit().await;
    landed("/admin".into()).await;
    let cookies = c.get_all_cookies().await.unwrap();
    let session = cookies
        .iter()
        .find(|k| k.name() == "wismo_admin")
        .expect("the session cookie");
    assert!(session.http_only() == Some(true) && session.secure() != Some(true));
    // Out, and in again through the form.
    c.find(Locator::Css("details.account summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.find(Locator::Css("form[action='/admin/logout'] button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    landed("/admin/login".into()).await;
    checks("login").await;
    fill("email", "owner@acme.example").await;
    fill("password", PASSWORD).await;
    submit().await;
    landed("/admin".into()).await;
    let row = c.find(Locator::Css("ol.attention li a")).await.unwrap();
    assert!(row.text().await.unwrap().contains("Order #A-201"));
    checks("attention").await;
    row.click().await.unwrap();
    landed(format!("/admin/orders/{}", broken["id"])).await;
    let heading = c
        .find(Locator::Css("h1"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(heading, "Order #A-201");
    assert!(c.source().await.unwrap().contains("Package damaged"));
    checks("order").await;
    // And the attention list at desktop size, for people to look at.
    c.set_window_size(1280, 900).await.unwrap();
    c.goto(&format!("{base}/admin")).await.unwrap();
    crate::browser::save_screenshot(c, "admin-attention-desktop").await;
    browser.close().await;
}
