use super::*;
use axum::Router;
use axum::response::Redirect;
use axum::routing::get;

#[test]
fn only_public_unicast_addresses_are_public() {
    let refused = [
        "0.0.0.0",
        "0.1.2.3",
        "10.1.2.3",
        "100.64.0.1",
        "100.127.255.254",
        "127.0.0.1",
        "127.255.0.9",
        "169.254.169.254",
        "172.16.0.1",
        "172.31.255.255",
        "192.0.0.8",
        "192.0.2.1",
        "192.88.99.1",
        "192.168.1.1",
        "198.18.0.1",
        "198.51.100.7",
        "203.0.113.9",
        "224.0.0.1",
        "239.255.255.250",
        "240.0.0.1",
        "255.255.255.255",
        "::",
        "::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "::127.0.0.1",
        "64:ff9b::a9fe:a9fe",
        "64:ff9b:1::1",
        "100::1",
        "2001::1",
        "2001:db8::1",
        "2002:7f00:1::1",
        "3fff::1",
        "fc00::1",
        "fd12:3456::1",
        "fe80::1",
        "fec0::1",
        "ff02::1",
    ];
    for ip in refused {
        assert!(!is_public(ip.parse().unwrap()), "{ip} counted as public");
    }
    let public = [
        "1.1.1.1",
        "8.8.8.8",
        "100.63.255.255",
        "100.128.0.1",
        "172.15.255.255",
        "172.32.0.1",
        "192.0.1.1",
        "198.20.0.1",
        "223.255.255.254",
        "::ffff:93.184.216.34",
        "64:ff9b::808:808",
        "2002:808:808::1",
        "2606:4700:4700::1111",
        "2a00:1450:4001::200e",
    ];
    for ip in public {
        assert!(is_public(ip.parse().unwrap()), "{ip} counted as private");
    }
}

#[test]
fn private_addresses_are_allowed_only_when_the_setting_says_so() {
    let loopback: IpAddr = "127.0.0.1".parse().unwrap();
    assert!(!Outbound::new(false).allows(loopback));
    assert!(Outbound::new(true).allows(loopback));
}

#[test]
fn ip_literals_and_other_schemes_are_refused_before_anything_is_sent() {
    let client = Outbound::new(false).builder().build().unwrap();
    for url in [
        "http://127.0.0.1/",
        "https://[::1]:8443/logo.png",
        "http://2130706433/",
        "http://0x7f.1/",
        "https://[::ffff:169.254.169.254]/",
        "http://10.0.0.1:8080/",
    ] {
        let refused = client.get(url).err();
        assert!(
            matches!(refused, Some(Refused::NotPublic(_))),
            "{url}: {refused:?}"
        );
    }
    for url in ["file:///etc/passwd", "ftp://example.com/", "not a url"] {
        assert!(matches!(client.get(url), Err(Refused::NotHttp(_))), "{url}");
    }
    assert!(client.get("https://example.com/logo.png").is_ok());
}

/// A loopback server: `/ok` answers, the others redirect as they say.
async fn server() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let port = addr.port();
    let app = Router::new()
        .route("/ok", get(|| async { "ok" }))
        .route(
            "/to-literal",
            get(move || async move { Redirect::temporary(&format!("http://127.0.0.1:{port}/ok")) }),
        )
        .route(
            "/to-localhost",
            get(move || async move { Redirect::temporary(&format!("http://localhost:{port}/ok")) }),
        )
        .route(
            "/to-public",
            get(move || async move { Redirect::temporary(&format!("http://public.test:{port}/ok")) }),
        )
        .route("/loop", get(|| async { Redirect::temporary("/loop") }));
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}

/// A guarded client refusing private addresses, except that `public.test` is taken to be
/// public and leads to `addr` (a stand-in for a public server that redirects).
fn client_with_public_test(addr: SocketAddr) -> OutboundClient {
    Outbound::new(false)
        .builder()
        .build_with(|b| b.resolve("public.test", addr))
        .unwrap()
}

async fn refusal(client: &OutboundClient, url: &str) -> String {
    let error = client.get(url).unwrap().send().await.unwrap_err();
    match Refused::find(&error) {
        Some(refused) => refused.to_string(),
        None => panic!("{url}: not refused by the guard: {error:?}"),
    }
}

#[tokio::test]
async fn a_name_that_resolves_to_loopback_is_refused_by_the_resolver() {
    let addr = server().await;
    let client = Outbound::new(false).builder().build().unwrap();
    let refused = refusal(&client, &format!("http://localhost:{}/ok", addr.port())).await;
    assert!(refused.contains("not a public address"), "{refused}");

    let allowed = Outbound::new(true).builder().build().unwrap();
    let res = allowed
        .get(&format!("http://localhost:{}/ok", addr.port()))
        .unwrap()
        .send()
        .await
        .unwrap();
    assert_eq!(res.text().await.unwrap(), "ok");
}

#[tokio::test]
async fn every_redirect_hop_is_checked() {
    let addr = server().await;
    let client = client_with_public_test(addr);
    let base = format!("http://public.test:{}", addr.port());
    let direct = client.get(&format!("{base}/ok")).unwrap().send().await;
    assert_eq!(direct.unwrap().text().await.unwrap(), "ok");
    let public_hop = client
        .get(&format!("{base}/to-public"))
        .unwrap()
        .send()
        .await;
    assert_eq!(public_hop.unwrap().text().await.unwrap(), "ok");

    let literal = refusal(&client, &format!("{base}/to-literal")).await;
    assert!(
        literal.contains("127.0.0.1 is not a public address"),
        "{literal}"
    );
    let named = refusal(&client, &format!("{base}/to-localhost")).await;
    assert!(named.contains("not a public address"), "{named}");
    let looped = refusal(&client, &format!("{base}/loop")).await;
    assert_eq!(looped, "more than 5 redirects");
}
