//! `wismo serve` over a real socket: it starts, answers, and stops cleanly on SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::cli::{temp_db, wismo};

fn get(addr: &str, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(addr).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    Some(response)
}

/// A GET with the API key over a fresh connection; the raw response.
fn get_with_key(addr: &str, path: &str, key: &str) -> Option<String> {
    let mut stream = TcpStream::connect(addr).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {key}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    Some(response)
}

/// A JSON POST over a fresh connection; the raw response.
fn post(addr: &str, path: &str, body: &str) -> Option<String> {
    let mut stream = TcpStream::connect(addr).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    Some(response)
}

#[test]
fn serve_answers_on_its_port_and_stops_gracefully_on_sigterm() {
    let (url, path) = temp_db();
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let mut child = wismo()
        .args(["--database-url", &url, "--listen", &addr, "serve"])
        .spawn()
        .unwrap();

    let deadline = Instant::now() + Duration::from_secs(30);
    let health = loop {
        if let Some(r) = get(&addr, "/healthz") {
            break r;
        }
        assert!(Instant::now() < deadline, "wismo serve did not come up");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    let ready = get(&addr, "/readyz").unwrap();
    assert!(ready.starts_with("HTTP/1.1 200"), "{ready}");
    get(&addr, "/t/AAAAAAAAAAAAAAAAAAAAAAAA").unwrap();
    let metrics = get(&addr, "/metrics").unwrap();
    assert!(metrics.starts_with("HTTP/1.1 200"), "{metrics}");
    assert!(metrics.contains("wismo_http_requests_total{"), "{metrics}");
    assert!(metrics.contains(r#"route="/healthz""#), "{metrics}");
    assert!(metrics.contains(r#"route="/t/{token}""#), "{metrics}");
    assert!(
        !metrics.contains("AAAAAAAAAAAA"),
        "tokens never become labels: {metrics}"
    );

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = wait_for_exit(&mut child);
    assert!(exit.success(), "{exit:?}");
    let _ = std::fs::remove_file(path);
}

#[test]
fn with_a_metrics_address_metrics_and_readiness_leave_the_public_listener() {
    let (url, path) = temp_db();
    let (public, ops) = (free_addr(), free_addr());
    let mut child = wismo()
        .args(["--database-url", &url, "--listen", &public, "serve"])
        .env("WISMO_METRICS_LISTEN", &ops)
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while get(&ops, "/metrics").is_none() {
        assert!(Instant::now() < deadline, "wismo serve did not come up");
        std::thread::sleep(Duration::from_millis(100));
    }
    let status = |addr: &str, path: &str| get(addr, path).unwrap()[..12].to_owned();
    assert_eq!(status(&public, "/healthz"), "HTTP/1.1 200");
    assert_eq!(status(&public, "/metrics"), "HTTP/1.1 404");
    assert_eq!(status(&public, "/readyz"), "HTTP/1.1 404");
    assert_eq!(status(&ops, "/healthz"), "HTTP/1.1 200");
    assert_eq!(status(&ops, "/readyz"), "HTTP/1.1 200");
    let metrics = get(&ops, "/metrics").unwrap();
    assert!(metrics.starts_with("HTTP/1.1 200"), "{metrics}");
    assert!(metrics.contains(r#"route="/healthz""#), "{metrics}");
    assert_eq!(status(&ops, "/t/AAAAAAAAAAAAAAAAAAAAAAAA"), "HTTP/1.1 404");

    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(wait_for_exit(&mut child).success());
    let _ = std::fs::remove_file(path);
}

fn free_addr() -> String {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    format!("127.0.0.1:{port}")
}

fn wait_for_exit(child: &mut std::process::Child) -> std::process::ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Some(exit) = child.try_wait().unwrap() {
            return exit;
        }
        assert!(Instant::now() < deadline, "wismo ignored SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_demo_prints_working_links_and_its_parcels_move() {
    let dir = std::env::temp_dir().join(format!("wismo-demo-{:016x}", rand::random::<u64>()));
    let addr = free_addr();
    let mut child = wismo()
        .args(["--listen", &addr, "demo", "--dir", dir.to_str().unwrap()])
        .args(["--speed", "3600"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    // A failed check must not leave the demo serving (and holding the test's output).
    let stop = Stop(child.id());
    let mut links = Vec::new();
    let mut key = String::new();
    let mut urls = Vec::new();
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        let words: Vec<&str> = line.split_whitespace().collect();
        if let Some(url) = words.last().filter(|w| w.starts_with("http://")) {
            urls.push(url.to_string());
        }
        match words.as_slice() {
            [journey, link] if link.contains("/t/") => {
                links.push((journey.to_string(), link.to_string()))
            }
            ["API", "key", k] => key = k.to_string(),
            _ if line.starts_with("Press Ctrl-C") => break,
            _ => {}
        }
    }
    assert_eq!(links.len(), 8, "one link per journey: {links:?}");
    assert_eq!(
        urls.iter().filter(|u| u.contains("/t/")).count(),
        12,
        "and the orders' links: three parcels on one page, three at checkout: {urls:?}"
    );
    assert!(key.starts_with("wismo_sk_"));
    let deadline = Instant::now() + Duration::from_secs(30);
    while get(&addr, "/healthz").is_none() {
        assert!(Instant::now() < deadline, "demo did not serve");
        std::thread::sleep(Duration::from_millis(100));
    }
    // The demo plays realistic delivery hours; the waits below count on the script's hours
    // (a parcel out on a Friday evening would wait for Monday).
    let timing = get(&addr, "/sandbox/timing").unwrap();
    assert!(timing.contains("\"realistic\""), "{timing}");
    let timing = post(&addr, "/sandbox/timing", r#"{"timing":"around_the_clock"}"#).unwrap();
    assert!(timing.starts_with("HTTP/1.1 200"), "{timing}");
    let mut shopify_link = None;
    for url in &urls {
        let path = &url[url.find(&addr).unwrap() + addr.len()..];
        let path = if path.is_empty() { "/" } else { path };
        if path.contains("/o/shopify/") {
            shopify_link = Some(path.to_owned());
            continue; // the order's page once the feed brought it: checked below
        }
        if path == "/" || path.starts_with("/api/v1/orders") {
            continue; // the API wants the key
        }
        let page = get(&addr, path).unwrap();
        assert!(page.starts_with("HTTP/1.1 200"), "{url}: {page}");
    }
    // The links the demo prints open in English, as its reader most likely reads.
    for (journey, link) in &links {
        let page = get(&addr, &link[link.find("/t/").unwrap()..]).unwrap();
        assert!(page.contains("<html lang=\"en\""), "{journey}: {page}");
    }
    // The worker polls the sandbox: the long-running parcels reach their ends.
    for (journey, label) in [
        ("normal", "Delivered"),
        ("exception", "Problem with delivery"),
    ] {
        let link = &links.iter().find(|(j, _)| j == journey).unwrap().1;
        let path = format!("{}?lang=en", &link[link.find("/t/").unwrap()..]);
        // Seconds when the machine is idle; the margin is for a loaded one.
        let deadline = Instant::now() + Duration::from_secs(90);
        loop {
            let page = get(&addr, &path).unwrap();
            if page.contains(&format!(">{label}</h2>")) {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "{journey} never showed {label}: {page}"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }
    // Their emails went over SMTP to the demo's outbox, their webhooks to its endpoint.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let outbox = get(&addr, "/_outbox").unwrap();
        if !outbox.contains("Emails (0)") && !outbox.contains("Webhooks (0)") {
            assert!(outbox.contains("href=\"/_outbox/mail/0\""), "{outbox}");
            assert!(outbox.contains("shipment.updated"), "{outbox}");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "nothing reached the outbox: {outbox}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    // Orders at checkout: the new one confirmed by email, the week-old one raised to the
    // store's endpoint as not shipped in time.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let outbox = get(&addr, "/_outbox").unwrap();
        if outbox.contains("We have your order #3001")
            && outbox.contains("order.fulfillment_stalled")
        {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no confirmation or stalled order in the outbox: {outbox}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    // An order came in from Shopify, signed as Shopify signs, with its parcel.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let log = get_with_key(&addr, "/api/v1/integrations/shopify/deliveries", &key).unwrap();
        if log.matches("\"created\"").count() + log.matches("\"updated\"").count() >= 2 {
            assert!(log.contains("orders/create"), "{log}");
            assert!(log.contains("fulfillments/create"), "{log}");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the Shopify order was not processed: {log}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    // The link Shopify's own shipping email would carry opens the order's page.
    let link = shopify_link.expect("the demo prints its Shopify email link");
    let answer = get(&addr, &link).unwrap();
    assert!(answer.starts_with("HTTP/1.1 303"), "{link}: {answer}");
    assert!(
        answer.to_ascii_lowercase().contains("location: /t/"),
        "{answer}"
    );
    let orders = get_with_key(&addr, "/api/v1/orders", &key).unwrap();
    assert!(orders.contains("#1050"), "{orders}");
    assert!(orders.contains("1ZDEMO000000000950"), "{orders}");
    let email = get(&addr, "/_outbox/mail/0").unwrap();
    assert!(
        email.starts_with("HTTP/1.1 200") && email.contains("List-Unsubscribe-Post"),
        "{email}"
    );
    let html = get(&addr, "/_outbox/mail/0/html").unwrap();
    assert!(html.contains("Northwind Coffee Roasters"), "{html}");
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(wait_for_exit(&mut child).success());
    std::mem::forget(stop);
    let _ = std::fs::remove_dir_all(dir);
}

/// Kills a child process when dropped (a test that panics before stopping it).
struct Stop(u32);

impl Drop for Stop {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-KILL", &self.0.to_string()])
            .status();
    }
}

#[test]
fn the_sandbox_serves_alone_and_inside_serve() {
    let addr = free_addr();
    let mut alone = wismo()
        .args(["--listen", &addr, "sandbox", "--speed", "3600"])
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let scenarios = loop {
        if let Some(r) = get(&addr, "/sandbox/scenarios") {
            break r;
        }
        assert!(Instant::now() < deadline, "wismo sandbox did not come up");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(
        scenarios.starts_with("HTTP/1.1 200") && scenarios.contains("customs_hold"),
        "{scenarios}"
    );
    Command::new("kill")
        .args(["-TERM", &alone.id().to_string()])
        .status()
        .unwrap();
    assert!(wait_for_exit(&mut alone).success());

    let (url, path) = temp_db();
    let addr = free_addr();
    let mut serve = wismo()
        .args([
            "--database-url",
            &url,
            "--listen",
            &addr,
            "serve",
            "--sandbox",
        ])
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let stats = loop {
        if let Some(r) = get(&addr, "/sandbox/stats") {
            break r;
        }
        assert!(
            Instant::now() < deadline,
            "wismo serve --sandbox did not come up"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(stats.starts_with("HTTP/1.1 200"), "{stats}");
    assert!(get(&addr, "/healthz").unwrap().starts_with("HTTP/1.1 200"));
    Command::new("kill")
        .args(["-TERM", &serve.id().to_string()])
        .status()
        .unwrap();
    assert!(wait_for_exit(&mut serve).success());
    let _ = std::fs::remove_file(path);
}
