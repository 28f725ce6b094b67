//! The relay's TLS for real on loopback: a CA and a certificate for 127.0.0.1 made at test
//! time, the capture server speaking implicit TLS or STARTTLS with AUTH, and the `Mailer`
//! built from settings as `wismo serve` builds it (`WISMO_SMTP_URL`, `WISMO_SMTP_CA_FILE`).
//!
//! A relay that cannot be trusted is a transient failure (the message is tried again, the
//! relay or the settings are what need fixing), and it gets neither the password nor the
//! message.

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use wismo_server::config::{Config, Env, Layer};
use wismo_server::mail::{Mailer, Outgoing, SendError};
use wismo_server::smtp_capture::{self, Capture, Options, Tls};

const USER: &str = "relay-user";
const PASSWORD: &str = "c0rrect-h0rse";

/// A private CA, written to a PEM file (removed when dropped), and the relay's TLS
/// settings with a certificate it signed for `localhost` and 127.0.0.1.
struct PrivateCa {
    file: PathBuf,
    server: Arc<rustls::ServerConfig>,
}

impl PrivateCa {
    fn new() -> PrivateCa {
        let ca_key = KeyPair::generate().unwrap();
        let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.distinguished_name
            .push(DnType::CommonName, "Example Corp mail CA");
        ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca_cert = ca.self_signed(&ca_key).unwrap();
        let issuer = Issuer::new(ca, ca_key);
        let key = KeyPair::generate().unwrap();
        let mut leaf =
            CertificateParams::new(vec!["localhost".to_owned(), "127.0.0.1".to_owned()]).unwrap();
        leaf.distinguished_name
            .push(DnType::CommonName, "localhost");
        let cert = leaf.signed_by(&key, &issuer).unwrap();
        let server = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![cert.der().clone()],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        )
        .unwrap();
        let file =
            std::env::temp_dir().join(format!("wismo-relay-ca-{:016x}.pem", rand::random::<u64>()));
        std::fs::write(&file, ca_cert.pem()).unwrap();
        PrivateCa {
            file,
            server: Arc::new(server),
        }
    }
}

impl Drop for PrivateCa {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.file);
    }
}

/// A capture relay on loopback that wants `USER`/`PASSWORD`; its address.
async fn relay(tls: Option<Tls>) -> (std::net::SocketAddr, Capture) {
    smtp_capture::start_with(
        ([127, 0, 0, 1], 0).into(),
        Options {
            tls,
            login: Some((USER.to_owned(), PASSWORD.to_owned())),
        },
    )
    .await
    .expect("SMTP capture server")
}

/// The mailer `wismo serve` would make from these variables.
fn mailer(smtp_url: &str, ca_file: Option<&Path>) -> Mailer {
    let mut vars = vec![
        ("WISMO_SMTP_URL".to_owned(), smtp_url.to_owned()),
        (
            "WISMO_EMAIL_FROM".to_owned(),
            "updates@track.example.test".to_owned(),
        ),
    ];
    if let Some(path) = ca_file {
        vars.push(("WISMO_SMTP_CA_FILE".to_owned(), path.display().to_string()));
    }
    let env = Env::from_vars(vars).unwrap();
    let config = Config::load(Some(Path::new("/dev/null")), env, Layer::default()).unwrap();
    Mailer::from_settings(&config.email)
        .unwrap()
        .expect("a relay is configured")
}

fn email() -> Outgoing {
    Outgoing {
        from_name: "Northwind".into(),
        to: "ada@example.test".into(),
        reply_to: None,
        subject: "Your parcel is on its way".into(),
        html: "<p>On its way</p>".into(),
        text: "On its way".into(),
        message_id: format!("<{:016x}@track.example.test>", rand::random::<u64>()),
        in_reply_to: None,
        references: None,
        unsubscribe: None,
        language: None,
    }
}

async fn send(mailer: &Mailer) -> Result<String, SendError> {
    tokio::time::timeout(Duration::from_secs(5), mailer.send(&email()))
        .await
        .expect("the relay answers at once")
}

fn assert_delivered(capture: &Capture) {
    let messages = capture.messages();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].to, ["ada@example.test"]);
    assert_eq!(
        messages[0].header("Subject").as_deref(),
        Some("Your parcel is on its way")
    );
}

/// Nothing reached the relay: no login, no message. The error is transient and tells why
/// without the password.
fn assert_refused_before_anything_was_sent(
    result: Result<String, SendError>,
    capture: &Capture,
    why: &str,
) {
    let e = result.expect_err("the relay was refused");
    assert!(
        !e.permanent,
        "a relay that cannot be trusted is retried: {e}"
    );
    assert!(e.message.contains(why), "{e}");
    assert!(!e.message.contains(PASSWORD), "{e}");
    assert_eq!(capture.logins(), 0, "the password never left");
    assert_eq!(capture.received(), 0, "the message never left");
}

#[tokio::test]
async fn implicit_tls_to_a_relay_signed_by_the_ca_file_logs_in_and_delivers() {
    let ca = PrivateCa::new();
    let (addr, capture) = relay(Some(Tls::Implicit(ca.server.clone()))).await;
    let url = format!("smtps://{USER}:{PASSWORD}@{addr}");
    send(&mailer(&url, Some(&ca.file))).await.unwrap();
    assert_delivered(&capture);
    assert_eq!(capture.logins(), 1);

    // The relay does check the password.
    let wrong = format!("smtps://{USER}:not-{PASSWORD}@{addr}");
    let e = send(&mailer(&wrong, Some(&ca.file))).await.unwrap_err();
    assert!(e.message.contains("535"), "{e}");
    assert_eq!((capture.logins(), capture.received()), (2, 1));
}

#[tokio::test]
async fn starttls_to_a_relay_signed_by_the_ca_file_upgrades_logs_in_and_delivers() {
    let ca = PrivateCa::new();
    let (addr, capture) = relay(Some(Tls::StartTls(ca.server.clone()))).await;
    // `localhost` is the name the certificate and the URL share.
    let url = format!(
        "smtp://{USER}:{PASSWORD}@localhost:{}?tls=starttls",
        addr.port()
    );
    let mailer = mailer(&url, Some(&ca.file));
    send(&mailer).await.unwrap();
    // The pooled, encrypted connection carries the next one too.
    send(&mailer).await.unwrap();
    assert_eq!(capture.received(), 2);
    assert_eq!(capture.logins(), 1, "one connection, logged in once");
}

#[tokio::test]
async fn a_relay_no_trusted_root_signed_is_refused_before_the_password_and_retried() {
    let ca = PrivateCa::new();
    for tls in [
        Tls::Implicit(ca.server.clone()),
        Tls::StartTls(ca.server.clone()),
    ] {
        let implicit = matches!(tls, Tls::Implicit(_));
        let (addr, capture) = relay(Some(tls)).await;
        let url = format!(
            "smtp://{USER}:{PASSWORD}@{addr}?tls={}",
            if implicit { "tls" } else { "starttls" }
        );
        // Without the CA file, only the web's roots are trusted.
        let result = send(&mailer(&url, None)).await;
        assert_refused_before_anything_was_sent(result, &capture, "certificate");
    }
}

#[tokio::test]
async fn a_starttls_url_to_a_relay_without_starttls_sends_nothing_in_clear_text() {
    // A relay that offers AUTH in the clear and no STARTTLS (as a downgrade would look).
    let (addr, capture) = relay(None).await;
    let url = format!("smtp://{USER}:{PASSWORD}@{addr}?tls=starttls");
    let result = send(&mailer(&url, None)).await;
    assert_refused_before_anything_was_sent(result, &capture, "STARTTLS");
}
