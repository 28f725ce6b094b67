use wismo_domain::notify::Moment;
use wismo_domain::{HexColor, Locale, Milestone, Stage, Substatus, Texts};
use wismo_mail::{
    Brand, CustomerEmail, Item, MerchantWords, Parcel, Rendered, check_words, render_customer,
};

use crate::{assert_safe, day, locale, texts, urls};

const TRACKING: &str = "https://track.example.com/o/Tk9x2?v=3";
const LOGO: &str = "https://track.example.com/ana-shop/logo?v=7";
const UNSUBSCRIBE: &str = "https://track.example.com/u/Zq81";
const NASTY: &str = "<b>&\"x\"</b>";

fn parcel(stage: Stage, reached: bool) -> Parcel<'static> {
    Parcel {
        stage,
        substatus: None,
        carrier: "UPS",
        tracking_number: "1Z999AA10123456784",
        estimate: Some((day(3, 14), day(3, 14))),
        delivered_on: (stage == Stage::Delivered).then(|| day(3, 12)),
        reached,
    }
}

/// The stage a parcel is at when the email about `moment` goes out.
fn stage_for(moment: Moment) -> Stage {
    match moment {
        Moment::Milestone(Milestone::Shipped) => Stage::InfoReceived,
        Moment::Milestone(m) => Stage::ALL
            .into_iter()
            .find(|s| Milestone::reached_at_stage(*s).last() == Some(&m))
            .unwrap_or(Stage::InTransit),
        Moment::DeliveryDateChanged => Stage::InTransit,
        Moment::OrderConfirmed | Moment::FulfillmentStalled => Stage::Ordered,
        Moment::TrackingLink | Moment::RequestAnswered => Stage::OutForDelivery,
    }
}

fn email<'a>(texts: &'a Texts, locale: &'a Locale, moment: Moment) -> CustomerEmail<'a> {
    let parcels = match moment {
        Moment::OrderConfirmed | Moment::FulfillmentStalled => Vec::new(),
        _ => vec![parcel(stage_for(moment), true)],
    };
    CustomerEmail {
        promise: None,
        texts,
        locale,
        brand: Brand {
            store_name: "Ana's Shop",
            logo_url: Some(LOGO),
            primary_color: None,
            accent_color: None,
            support_email: Some("help@ana.example"),
        },
        moment,
        first_name: Some("Ana"),
        order_number: "#1001",
        parcels,
        items: vec![Item {
            name: "Blue mug",
            quantity: 2,
        }],
        previous_date: (moment == Moment::DeliveryDateChanged).then(|| day(3, 11)),
        tracking_url: TRACKING,
        unsubscribe_url: Some(UNSUBSCRIBE),
        words: MerchantWords::default(),
        note: (moment == Moment::RequestAnswered).then_some("We sent a new one <today>."),
    }
}

fn render(email: &CustomerEmail) -> Rendered {
    render_customer(email).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_moment_renders_in_every_language_with_its_answers_and_one_button() {
    let texts = texts();
    for lang in texts.languages() {
        let locale = locale(lang);
        // With the link sent by hand, which no policy lists.
        for moment in Moment::all().chain(Moment::BY_HAND) {
            let what = format!("{lang} {}", moment.as_str());
            let r = render(&email(&texts, &locale, moment));
            assert_safe(&r);
            assert_eq!(r.lang, lang, "{what}");
            assert!(r.subject.contains("#1001"), "{what}: {}", r.subject);
            assert!(!r.subject.contains("email-"), "{what}: {}", r.subject);
            assert!(!r.preheader.is_empty(), "{what}");
            assert!(
                r.html.contains(&r.preheader.replace('\'', "&#39;")),
                "{what}"
            );
            let href = format!("href=\"{TRACKING}\"");
            assert_eq!(r.html.matches(&href).count(), 1, "{what}: button href");
            assert_eq!(r.html.matches(TRACKING).count(), 1, "{what}: tracking URL");
            for url in urls(&r.html) {
                assert!(
                    [TRACKING, LOGO, UNSUBSCRIBE].contains(&url.as_str()),
                    "{what}: {url}"
                );
            }
            assert!(
                r.text.contains(&format!("\n{TRACKING}\n")),
                "{what}: own line"
            );
            assert!(r.text.contains(UNSUBSCRIBE), "{what}");
            assert!(r.text.contains("help@ana.example"), "{what}");
            // The three answers, in the words of the text's language.
            let heading = |id: &str| texts.message(&locale, id, &[]);
            for id in ["heading-happened", "heading-next", "heading-todo"] {
                assert!(r.text.contains(&heading(id)), "{what}: {id}");
            }
            if let Moment::Milestone(_)
            | Moment::OrderConfirmed
            | Moment::TrackingLink
            | Moment::RequestAnswered = moment
            {
                let stage = match moment {
                    Moment::OrderConfirmed => Stage::Ordered,
                    _ => stage_for(moment),
                };
                let answers = texts.stage(&locale, stage);
                for answer in [&answers.happened, &answers.next, &answers.todo] {
                    assert!(r.text.contains(answer.as_str()), "{what}: {answer}");
                }
                assert_eq!(r.preheader, answers.next, "{what}");
            } else {
                for part in ["happened", "next", "todo"] {
                    let id = format!("email-{part}-{}", moment.as_str());
                    assert!(r.text.contains(&heading(&id)), "{what}: {id}");
                }
            }
            assert!(
                !r.text.contains("email-") && !r.html.contains("email-"),
                "{what}"
            );
        }
    }
}

#[test]
fn store_customer_and_item_words_are_escaped_in_the_html() {
    let texts = texts();
    let en = Locale::default();
    let mut e = email(&texts, &en, Moment::Milestone(Milestone::OutForDelivery));
    e.brand.store_name = NASTY;
    e.first_name = Some(NASTY);
    e.items = vec![Item {
        name: NASTY,
        quantity: 1,
    }];
    e.parcels[0].carrier = NASTY;
    e.parcels[0].tracking_number = NASTY;
    for logo in [Some(LOGO), None] {
        e.brand.logo_url = logo;
        let r = render(&e);
        assert_safe(&r);
        assert!(!r.html.contains(NASTY), "raw words in html");
        assert!(!r.html.contains("<b>"), "markup from words in html");
        assert!(r.html.contains("&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;"));
        assert!(
            r.text.contains(NASTY),
            "the text part says the words as they are"
        );
    }
}

#[test]
fn the_store_name_is_the_logos_alt_text_or_the_header() {
    let texts = texts();
    let en = Locale::default();
    let mut e = email(&texts, &en, Moment::Milestone(Milestone::Shipped));
    let r = render(&e);
    assert!(r.html.contains(&format!("src=\"{LOGO}\"")));
    assert!(r.html.contains("alt=\"Ana&#39;s Shop\""));
    e.brand.logo_url = None;
    let r = render(&e);
    assert!(!r.html.contains("<img"));
    assert!(r.html.contains("Ana&#39;s Shop"));
}

#[test]
fn the_button_takes_the_brand_colour_with_readable_text() {
    let texts = texts();
    let en = Locale::default();
    let yellow = HexColor::parse("#ffd60a").unwrap_or_else(|e| panic!("{e}"));
    let navy = HexColor::parse("#0b3d91").unwrap_or_else(|e| panic!("{e}"));
    let mut e = email(&texts, &en, Moment::Milestone(Milestone::Delivered));
    e.brand.primary_color = Some(&yellow);
    let r = render(&e);
    assert!(
        r.html.contains("background:#ffd60a;color:#000000"),
        "black on yellow"
    );
    e.brand.primary_color = Some(&navy);
    let r = render(&e);
    assert!(
        r.html.contains("background:#0b3d91;color:#ffffff"),
        "white on navy"
    );
}

#[test]
fn the_html_has_a_dark_scheme_and_loads_no_fonts() {
    let texts = texts();
    let r = render(&email(&texts, &Locale::default(), Moment::OrderConfirmed));
    assert!(r.html.contains("@media (prefers-color-scheme: dark)"));
    assert!(
        r.html
            .contains(r#"<meta name="color-scheme" content="light dark""#)
    );
    assert!(r.html.contains(r#"role="presentation""#));
    assert!(!r.html.contains("<link"));
}

#[test]
fn the_stores_own_words_are_filled_and_stay_plain_text() {
    let texts = texts();
    let en = Locale::default();
    let subject = "{first_name}, {order_number} from {store_name} is close";
    let opening = "Hi {first_name}! <i>Arriving</i> {delivery_date}.";
    assert_eq!(check_words(subject), Ok(()));
    assert_eq!(check_words(opening), Ok(()));
    let mut e = email(&texts, &en, Moment::Milestone(Milestone::OutForDelivery));
    e.words = MerchantWords {
        subject: Some(subject),
        opening: Some(opening),
    };
    let r = render(&e);
    assert_eq!(r.subject, "Ana, #1001 from Ana's Shop is close");
    assert!(
        r.text.contains("Hi Ana! <i>Arriving</i> Friday 14 March."),
        "{}",
        r.text
    );
    assert!(
        r.html
            .contains("Hi Ana! &lt;i&gt;Arriving&lt;/i&gt; Friday 14 March.")
    );

    e.first_name = None;
    let r = render(&e);
    assert_eq!(r.subject, "#1001 from Ana's Shop is close");
    assert!(r.text.contains("Hi! <i>Arriving</i>"), "{}", r.text);
}

#[test]
fn the_stores_subject_is_kept_on_one_line() {
    let texts = texts();
    let en = Locale::default();
    let mut e = email(&texts, &en, Moment::Milestone(Milestone::Shipped));
    e.first_name = Some("Ana\r\nBcc: x@evil.example");
    e.words.subject = Some("Hi {first_name}");
    let r = render(&e);
    assert_eq!(r.subject, "Hi Ana Bcc: x@evil.example");
}

#[test]
fn without_a_first_name_the_greeting_does_without() {
    let texts = texts();
    let en = Locale::default();
    let mut e = email(&texts, &en, Moment::Milestone(Milestone::Shipped));
    e.first_name = Some("  ");
    let r = render(&e);
    assert!(
        r.text
            .contains("Hello, here is news about your order #1001"),
        "{}",
        r.text
    );
}

#[test]
fn two_of_three_parcels_delivered_says_so_and_lists_every_parcel() {
    let texts = texts();
    let en = Locale::default();
    let mut e = email(&texts, &en, Moment::Milestone(Milestone::Delivered));
    e.parcels = vec![
        Parcel {
            tracking_number: "1ZA",
            ..parcel(Stage::Delivered, true)
        },
        Parcel {
            carrier: "DHL",
            tracking_number: "JD0002",
            ..parcel(Stage::Delivered, true)
        },
        Parcel {
            tracking_number: "1ZC",
            ..parcel(Stage::InTransit, false)
        },
    ];
    let r = render(&e);
    assert_eq!(r.subject, "Part of your order #1001 was delivered");
    assert!(r.text.contains("2 of 3 parcels delivered"), "{}", r.text);
    for line in [
        "UPS 1ZA: Delivered",
        "DHL JD0002: Delivered",
        "UPS 1ZC: On its way",
    ] {
        assert!(r.text.contains(line), "{line}");
        assert!(r.html.contains(line), "{line}");
    }

    let de = locale("de");
    e.locale = &de;
    let r = render(&e);
    assert!(r.text.contains("2 von 3 Paketen zugestellt"), "{}", r.text);
}

#[test]
fn one_parcel_says_nothing_about_counts() {
    let texts = texts();
    let en = Locale::default();
    let r = render(&email(&texts, &en, Moment::Milestone(Milestone::Delivered)));
    assert_eq!(r.subject, "Your order #1001 was delivered");
    assert!(!r.text.contains(" of 1 "));
    assert!(r.text.contains("UPS 1Z999AA10123456784: Delivered"));
}

#[test]
fn a_new_delivery_date_shows_the_old_and_the_new_day() {
    let texts = texts();
    let en = Locale::default();
    let r = render(&email(&texts, &en, Moment::DeliveryDateChanged));
    let line = "It was due Tuesday 11 March. It's now expected Friday 14 March.";
    assert!(r.text.contains(line), "{}", r.text);
    assert_eq!(r.preheader, line);
    assert_eq!(r.subject, "New delivery date for your order #1001");

    let fr = locale("fr");
    let r = render(&email(&texts, &fr, Moment::DeliveryDateChanged));
    assert!(r.text.contains("mardi 11 mars"), "{}", r.text);
    assert!(r.text.contains("vendredi 14 mars"), "{}", r.text);
}

#[test]
fn a_window_is_written_as_two_short_days() {
    let texts = texts();
    let en = Locale::default();
    let mut e = email(&texts, &en, Moment::Milestone(Milestone::InTransit));
    e.parcels[0].estimate = Some((day(3, 14), day(3, 17)));
    let r = render(&e);
    assert!(
        r.text
            .contains("Expected delivery: Fri 14 Mar – Mon 17 Mar"),
        "{}",
        r.text
    );
}

#[test]
fn delivered_shows_the_delivery_day_and_no_estimate() {
    let texts = texts();
    let en = Locale::default();
    let r = render(&email(&texts, &en, Moment::Milestone(Milestone::Delivered)));
    assert!(
        r.text.contains("Delivered on Wednesday 12 March"),
        "{}",
        r.text
    );
    assert!(!r.text.contains("Expected delivery"));
    assert!(!r.text.contains("14 March"));
}

#[test]
fn a_parcel_in_trouble_says_why() {
    let texts = texts();
    let en = Locale::default();
    let mut e = email(&texts, &en, Moment::Milestone(Milestone::ActionRequired));
    e.parcels[0].substatus = Some(Substatus::FailedAttempt);
    let r = render(&e);
    let happened = "The carrier needs something from you before it can deliver. \
                    The carrier tried to deliver, but no one could receive the parcel.";
    assert!(r.text.contains(happened), "{}", r.text);

    e.parcels[0].stage = Stage::OutForDelivery;
    e.moment = Moment::Milestone(Milestone::OutForDelivery);
    let r = render(&e);
    assert!(
        !r.text.contains("tried to deliver"),
        "a reason only for trouble"
    );
}

#[test]
fn items_show_their_quantity() {
    let texts = texts();
    let r = render(&email(&texts, &Locale::default(), Moment::OrderConfirmed));
    assert!(
        r.text.contains("In this order\n- Blue mug × 2"),
        "{}",
        r.text
    );
}

#[test]
fn without_an_unsubscribe_link_or_support_address_the_footer_says_why_only() {
    let texts = texts();
    let en = Locale::default();
    let mut e = email(&texts, &en, Moment::Milestone(Milestone::Shipped));
    e.unsubscribe_url = None;
    e.brand.support_email = None;
    let r = render(&e);
    assert!(!r.html.contains(UNSUBSCRIBE) && !r.html.contains("mailto:"));
    assert!(r.text.contains("because you ordered from Ana's Shop"));
}

#[test]
fn a_regional_locale_speaks_its_language() {
    let texts = texts();
    let br = locale("pt-BR");
    let r = render(&email(
        &texts,
        &br,
        Moment::Milestone(Milestone::OutForDelivery),
    ));
    assert_eq!(r.lang, "pt");
    assert_eq!(r.subject, "Seu pedido #1001 saiu para entrega");
}

#[test]
fn an_arabic_email_reads_right_to_left() {
    let texts = texts();
    let ar = locale("ar");
    let r = render(&email(&texts, &ar, Moment::Milestone(Milestone::Shipped)));
    assert!(
        r.html.contains(r#"<html lang="ar" dir="rtl""#),
        "{}",
        &r.html[..200]
    );
    assert!(r.html.contains("direction: rtl"), "direction");
    // The button and the logo sit at the start of the line: on the right.
    assert!(r.html.contains(r#"align="right""#), "align");
    assert!(!r.html.contains(r#"align="left""#), "align left");
    assert_eq!(r.subject, "شُحن طلبك #1001");

    let en = Locale::default();
    let r = render(&email(&texts, &en, Moment::Milestone(Milestone::Shipped)));
    assert!(r.html.contains(r#"<html lang="en" dir="ltr""#), "en");
    assert!(!r.html.contains(r#"align="right""#), "en align");
}
