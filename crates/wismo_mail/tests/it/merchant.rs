use wismo_domain::{Locale, RequestKind, Stage, Substatus};
use wismo_mail::{
    AccountLink, AccountLinkKind, DigestLine, RequestNotice, render_account_link, render_digest,
    render_endpoint_disabled, render_request_notice, render_test,
};

use crate::{assert_safe, day, locale, texts, urls};

const ADMIN: &str = "https://wismo.example.com/admin/requests/42";

fn notice<'a>(texts: &'a wismo_domain::Texts, locale: &'a Locale) -> RequestNotice<'a> {
    RequestNotice {
        texts,
        locale,
        store_name: "Ana's Shop",
        order_number: "#1001",
        customer_name: Some("<b>Bo</b>"),
        customer_email: Some("bo@example.com"),
        kind: RequestKind::WrongAddress,
        message: "Flat 2, not 3 & <script>alert(1)</script>\nThanks",
        admin_url: Some(ADMIN),
    }
}

#[test]
fn a_request_notice_says_who_asked_what_and_links_to_it() {
    let texts = texts();
    let en = Locale::default();
    let r = render_request_notice(&notice(&texts, &en)).unwrap_or_else(|e| panic!("{e}"));
    assert_safe(&r);
    assert_eq!(r.subject, "New request about order #1001");
    assert!(
        r.text.contains("<b>Bo</b> wrote about order #1001."),
        "{}",
        r.text
    );
    assert!(r.text.contains("About: The address is wrong"));
    assert!(
        r.text
            .contains("> Flat 2, not 3 & <script>alert(1)</script>\n> Thanks")
    );
    assert!(r.text.contains("Reply to bo@example.com."));
    assert!(r.text.contains(&format!("Open in wismo:\n{ADMIN}\n")));
    assert!(!r.html.contains("<b>Bo") && r.html.contains("&lt;b&gt;Bo"));
    assert!(r.html.contains("href=\"mailto:bo@example.com\""));
    assert_eq!(urls(&r.html), [ADMIN]);
}

#[test]
fn a_request_notice_uses_the_pages_words_for_the_kind_in_every_language() {
    let texts = texts();
    for lang in texts.languages() {
        let locale = locale(lang);
        for kind in RequestKind::ALL {
            let n = RequestNotice {
                kind,
                customer_name: None,
                message: "",
                ..notice(&texts, &locale)
            };
            let r = render_request_notice(&n).unwrap_or_else(|e| panic!("{e}"));
            assert_safe(&r);
            let label = texts.message(&locale, &format!("action-{}", kind.as_str()), &[]);
            assert!(r.text.contains(&label), "{lang} {}", kind.as_str());
            assert!(!r.text.contains("email-"), "{lang}");
        }
    }
}

#[test]
fn the_digest_lists_each_parcel_and_how_many_more() {
    let texts = texts();
    let en = Locale::default();
    let lines = [
        DigestLine {
            order_number: "#1001",
            tracking_number: "1ZA",
            carrier: "UPS",
            stage: Stage::Delayed,
            substatus: Some(Substatus::NoScans),
            since: day(3, 10),
            url: Some("https://wismo.example.com/admin/shipments/1"),
        },
        DigestLine {
            order_number: "#1002",
            tracking_number: "JD2",
            carrier: "DHL",
            stage: Stage::ActionRequired,
            substatus: None,
            since: day(3, 11),
            url: None,
        },
    ];
    let orders = [wismo_mail::DigestOrder {
        order_number: "#1003",
        placed: day(3, 5),
        url: None,
    }];
    let r = render_digest(&texts, &en, "Ana's Shop", &lines, &orders, 3)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_safe(&r);
    assert_eq!(r.subject, "Parcels that need attention at Ana's Shop");
    assert!(
        r.text
            .contains("Order #1001 · UPS 1ZA · Delayed since Mon 10 Mar. The carrier hasn't shared any news for a few days."),
        "{}",
        r.text
    );
    assert!(
        r.text
            .contains("Order #1002 · DHL JD2 · Action required since Tue 11 Mar")
    );
    assert!(r.text.contains("Orders that have not shipped in time:"));
    assert!(
        r.text
            .contains("Order #1003, placed Wed 5 Mar: no parcel yet"),
        "{}",
        r.text
    );
    assert!(r.text.contains("…and 3 more."));
    assert_eq!(
        urls(&r.html),
        ["https://wismo.example.com/admin/shipments/1"]
    );
}

#[test]
fn the_endpoint_notice_names_the_url_the_day_and_the_last_error() {
    let texts = texts();
    let de = locale("de");
    let r = render_endpoint_disabled(
        &texts,
        &de,
        "Ana's Shop",
        "https://hooks.example.com/wismo",
        day(3, 10),
        "HTTP 500 <html>",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_safe(&r);
    assert_eq!(r.lang, "de");
    assert!(r.text.contains("https://hooks.example.com/wismo"));
    assert!(r.text.contains("Montag, 10. März"), "{}", r.text);
    assert!(r.text.contains("Letzter Fehler: HTTP 500 <html>"));
    assert!(r.html.contains("HTTP 500 &lt;html&gt;"));
}

#[test]
fn the_test_email_says_it_is_a_test_in_every_language() {
    let texts = texts();
    for lang in texts.languages() {
        let r = render_test(&texts, &locale(lang), "Ana & Bo").unwrap_or_else(|e| panic!("{e}"));
        assert_safe(&r);
        assert!(
            r.subject.contains("wismo") && r.subject.contains("Ana & Bo"),
            "{lang}"
        );
        assert!(
            r.html.contains("Ana &amp; Bo") && !r.html.contains("Ana & Bo"),
            "{lang}"
        );
        assert!(urls(&r.html).is_empty(), "{lang}");
    }
}

#[test]
fn a_password_link_says_why_and_links_to_the_setup_page_in_every_language() {
    const URL: &str = "https://wismo.example.com/admin/setup/abc_DEF-123";
    let texts = texts();
    for lang in texts.languages() {
        let locale = locale(lang);
        for kind in [
            AccountLinkKind::Reset,
            AccountLinkKind::Invite {
                by: "boss@ana.example",
            },
        ] {
            let r = render_account_link(&AccountLink {
                texts: &texts,
                locale: &locale,
                store_name: "Ana & Bo",
                kind,
                url: URL,
            })
            .unwrap_or_else(|e| panic!("{e}"));
            assert_safe(&r);
            assert_eq!(r.lang, lang);
            assert!(r.subject.contains("Ana & Bo"), "{lang}: {}", r.subject);
            assert!(r.html.contains(URL) && r.text.contains(URL), "{lang}");
            let invited = matches!(kind, AccountLinkKind::Invite { .. });
            assert_eq!(r.text.contains("boss@ana.example"), invited, "{lang}");
        }
    }
}
