//! `wismo carrier detect|parse|track` and `wismo sandbox`, as scripts call them.

use serde_json::Value;
use std::process::Output;
use std::sync::Arc;

use crate::cli::wismo;
use crate::harness::testdata;

fn json_lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn detect_prints_ranked_candidates_as_json() {
    let out = wismo()
        .args(["carrier", "detect", "1Z 999 AA1 0123456784", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v = &json_lines(&out)[0];
    assert_eq!(v["input"], "1Z 999 AA1 0123456784");
    assert_eq!(v["candidates"][0]["carrier"], "ups");
    assert_eq!(v["candidates"][0]["checksum"], true);
    assert!(v["candidates"][0]["format"].is_string());

    let out = wismo()
        .args(["carrier", "detect", "RR123456785DE", "--json"])
        .output()
        .unwrap();
    let v = &json_lines(&out)[0];
    assert_eq!(
        (
            v["candidates"][0]["carrier"].as_str(),
            v["candidates"][0]["country"].as_str()
        ),
        (Some("s10"), Some("DE"))
    );

    let out = wismo()
        .args(["carrier", "detect", "hello", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "no match is not an error");
    assert_eq!(json_lines(&out)[0]["candidates"], serde_json::json!([]));
}

#[test]
fn parse_reads_every_carriers_example_into_stages() {
    for (carrier, file) in [
        ("ups", "carrier_responses/ups.json"),
        ("fedex", "carrier_responses/fedex.json"),
        ("usps", "carrier_responses/usps.json"),
        ("dhl", "carrier_responses/dhl.json"),
        ("easypost", "webhooks/easypost_tracker_updated_event.json"),
        ("aftership", "webhooks/aftership_tracking_update.json"),
        ("17track", "webhooks/17track_tracking_updated.json"),
    ] {
        let path = testdata(file);
        assert!(path.is_file(), "{} is missing", path.display());
        let out = wismo()
            .args([
                "carrier",
                "parse",
                "--carrier",
                carrier,
                path.to_str().unwrap(),
                "--json",
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{carrier}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v = &json_lines(&out)[0];
        assert!(v["tracking_number"].is_string(), "{carrier}");
        assert!(v.get("estimated_delivery").is_some(), "{carrier}");
        let events = v["events"].as_array().unwrap();
        assert!(!events.is_empty(), "{carrier}");
        let times: Vec<_> = events
            .iter()
            .map(|e| {
                chrono::DateTime::parse_from_rfc3339(e["occurred_at"].as_str().unwrap())
                    .unwrap_or_else(|err| panic!("{carrier}: {err}"))
            })
            .collect();
        assert!(
            times.windows(2).all(|w| w[0] <= w[1]),
            "{carrier}: oldest first"
        );
        for e in events {
            assert!(
                e["stage"]
                    .as_str()
                    .unwrap()
                    .parse::<wismo_domain::Stage>()
                    .is_ok(),
                "{carrier}: {e}"
            );
            assert!(
                e.get("substatus").is_some()
                    && e.get("code").is_some()
                    && e["description"].is_string(),
                "{carrier}: {e}"
            );
        }
    }
}

#[test]
fn parse_refuses_what_is_not_a_carrier_response() {
    let file =
        std::env::temp_dir().join(format!("wismo-not-a-response-{}.json", std::process::id()));
    std::fs::write(&file, "<html>Service Unavailable</html>").unwrap();
    let out = wismo()
        .args([
            "carrier",
            "parse",
            "--carrier",
            "fedex",
            file.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a valid fedex response"), "{err}");
    let out = wismo()
        .args([
            "carrier",
            "parse",
            "--carrier",
            "pigeon",
            file.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown carrier"));
    let _ = std::fs::remove_file(file);
}

#[tokio::test]
async fn track_calls_the_configured_carrier_and_explains_missing_credentials() {
    let clock = Arc::new(wismo_domain::ManualClock::new(chrono::Utc::now()));
    let sandbox = wismo_carriers::sandbox::Sandbox::new(clock, Default::default());
    // Delivered 52 hours after its start as scripted, whatever day today is.
    sandbox.set_timing(wismo_carriers::sandbox::Timing::AroundTheClock);
    sandbox.set_scenario(
        "1ZSBX0000000000042",
        wismo_carriers::sandbox::Scenario::Normal,
        chrono::Utc::now() - chrono::Duration::hours(100),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/sandbox/ups", listener.local_addr().unwrap());
    let router = sandbox.router();
    tokio::spawn(async move { axum::serve(listener, router).await });

    let out = tokio::task::spawn_blocking(move || {
        wismo()
            .args([
                "carrier",
                "track",
                "--carrier",
                "ups",
                "1ZSBX0000000000042",
                "--json",
            ])
            .env("WISMO_UPS_BASE_URL", &base)
            .env("WISMO_UPS_CLIENT_ID", "sandbox")
            .env("WISMO_UPS_CLIENT_SECRET", "sandbox")
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = &json_lines(&out)[0];
    assert_eq!(
        v["events"].as_array().unwrap().last().unwrap()["stage"],
        "delivered"
    );
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("sandbox\""),
        "no secret in logs"
    );

    let out = wismo()
        .args(["carrier", "track", "--carrier", "fedex", "123456789012"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("WISMO_FEDEX_"), "{err}");
}
