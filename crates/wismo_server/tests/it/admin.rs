//! Signing in to the merchant admin over HTTP: cookie attributes, one answer for a wrong
//! password and an unknown email, CSRF refusals, session expiry on the test clock,
//! throttling per (account, address), signing out everywhere, and the `wismo user`
//! commands. The helpers here drive a browser's cookie jar; `admin_pages` uses them too.

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use std::net::SocketAddr;
use wismo_domain::admin::{Password, Role};
use wismo_domain::{Clock, Email, StoreId};
use wismo_server::http::admin::password;
use wismo_store::admin::NewUser;

use crate::harness::{Db, Response, TestApp};

pub(crate) const PASSWORD: &str = "correct horse battery";

/// Adds a user with [`PASSWORD`] to `store`.
pub(crate) async fn user(app: &TestApp, store: StoreId, email: &str, role: Role) {
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

/// Adds a user with [`PASSWORD`] to `store` and signs them in from `addr`.
pub(crate) async fn signed_in(
    app: &TestApp,
    store: StoreId,
    email: &str,
    role: Role,
    addr: &str,
) -> Visitor {
    user(app, store, email, role).await;
    let mut visitor = Visitor::new(addr);
    let signed = visitor.sign_in(app, email, PASSWORD).await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.text);
    visitor
}

/// The owner of the test store (`owner@acme.example`), signed in.
pub(crate) async fn owner(app: &TestApp) -> Visitor {
    signed_in(
        app,
        app.store_id,
        "owner@acme.example",
        Role::Owner,
        "203.0.113.5:4000",
    )
    .await
}

/// A staff member of the test store (`staff@acme.example`), signed in.
pub(crate) async fn staff(app: &TestApp) -> Visitor {
    signed_in(
        app,
        app.store_id,
        "staff@acme.example",
        Role::Staff,
        "203.0.113.6:4000",
    )
    .await
}

/// The value of a `name="csrf"` field on a page.
pub(crate) fn csrf_field(page: &str) -> String {
    let start = page.find("name=\"csrf\" value=\"").expect("a CSRF field") + 19;
    page[start..].split('"').next().unwrap().to_owned()
}

/// `name=value` of the cookie a response sets whose name ends with `suffix`.
pub(crate) fn cookie_set(res: &Response, suffix: &str) -> Option<String> {
    res.headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").to_owned())
        .find(|pair| pair.split('=').next().is_some_and(|n| n.ends_with(suffix)))
}

/// A browser's jar of the admin's cookies, from one client address.
pub(crate) struct Visitor {
    pub(crate) cookies: Vec<String>,
    addr: SocketAddr,
    /// The browser's `Accept-Language`, if any.
    pub(crate) lang: Option<&'static str>,
}

impl Visitor {
    pub(crate) fn new(addr: &str) -> Self {
        Self {
            cookies: Vec::new(),
            addr: addr.parse().unwrap(),
            lang: None,
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

    pub(crate) async fn send(
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
        if let Some(lang) = self.lang {
            req = req.header("accept-language", lang);
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

    /// POSTs `body` as `content_type` (an upload form's `multipart/form-data`).
    pub(crate) async fn post_raw(
        &mut self,
        app: &TestApp,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> Response {
        let mut req = Request::builder()
            .method("POST")
            .uri(path)
            .header("content-type", content_type);
        if !self.cookies.is_empty() {
            req = req.header("cookie", self.cookies.join("; "));
        }
        let mut req = req.body(Body::from(body)).unwrap();
        req.extensions_mut().insert(ConnectInfo(self.addr));
        let res = app.send(req).await;
        self.keep(&res);
        res
    }

    pub(crate) async fn get(&mut self, app: &TestApp, path: &str) -> Response {
        self.send(app, "GET", path, None).await
    }

    pub(crate) async fn post(
        &mut self,
        app: &TestApp,
        path: &str,
        form: &[(&str, &str)],
    ) -> Response {
        let body = serde_urlencoded::to_string(form).unwrap();
        self.send(app, "POST", path, Some(body)).await
    }

    /// Posts a form and follows its 303 back to the page (answered 200).
    pub(crate) async fn act(
        &mut self,
        app: &TestApp,
        path: &str,
        form: &[(&str, &str)],
    ) -> Response {
        let res = self.post(app, path, form).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{path}: {}", res.text);
        let back = res.header("location").to_owned();
        let page = self.get(app, &back).await;
        assert_eq!(page.status, StatusCode::OK, "{back}: {}", page.text);
        page
    }

    /// Opens the form page at `path` (answered 200) for its CSRF token.
    pub(crate) async fn form_csrf(&mut self, app: &TestApp, path: &str) -> String {
        let page = self.get(app, path).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text);
        csrf_field(&page.text)
    }

    /// Opens the sign-in form and sends it.
    pub(crate) async fn sign_in(&mut self, app: &TestApp, email: &str, password: &str) -> Response {
        let csrf = self.form_csrf(app, "/admin/login").await;
        self.post(
            app,
            "/admin/login",
            &[("email", email), ("password", password), ("csrf", &csrf)],
        )
        .await
    }

    /// The CSRF token of a signed-in page.
    pub(crate) async fn csrf(&mut self, app: &TestApp) -> String {
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
    signing_out_everywhere_ends_every_session,
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
