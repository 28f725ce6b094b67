//! After delivery: "How was your delivery?" on a delivered parcel's card (a plain form,
//! one tap per score), and the store's returns link and policy.

use super::*;

/// The rating form on a delivered parcel's card.
pub struct RatingBox {
    /// The card's anchor, where the page returns after a rating.
    pub anchor: String,
    pub url: String,
    pub lang: String,
    /// The parcel's place in the order, on an order's page.
    pub parcel: Option<usize>,
    pub question: String,
    /// "1 is poor, 5 is excellent"
    pub scale: String,
    /// (score, its spoken label, whether it is the one given)
    pub choices: Vec<(u8, String, bool)>,
    /// "You rated this delivery 4 out of 5…", once rated.
    pub given: Option<String>,
}

/// The store's returns, when it gave a link or a policy.
pub struct Returns {
    pub heading: String,
    /// (url, label)
    pub link: Option<(String, String)>,
    /// Safe HTML from the merchant's Markdown.
    pub policy: Option<String>,
}

/// The rating form for a delivered parcel, unless the store does not ask.
pub(super) fn rating_box(
    texts: &Texts,
    lang: &Locale,
    view: &TrackingView,
    s: &Shipment,
    position: Option<usize>,
) -> Option<RatingBox> {
    if s.stage != Stage::Delivered || view.store.branding.delivery_rating_off {
        return None;
    }
    let say = |id: &str, args: &[(&str, &str)]| texts.message(lang, id, args);
    let given = s.rating.map(|r| r.score);
    Some(RatingBox {
        anchor: format!("rating-{}", s.id.0),
        url: format!("/t/{}/rating", link_token(view)),
        lang: texts.resolve(lang).to_owned(),
        parcel: position,
        question: say("rating-question", &[]),
        scale: say("rating-scale", &[]),
        choices: wismo_domain::DeliveryRating::SCORES
            .map(|score| {
                let label = say("rating-score", &[("score", &score.to_string())]);
                (score, label, given == Some(score))
            })
            .collect(),
        given: given.map(|score| say("rating-given", &[("score", &score.to_string())])),
    })
}

/// The store's returns in the page's language, once a parcel of the order is delivered.
pub(super) fn returns(
    texts: &Texts,
    lang: &Locale,
    view: &TrackingView,
    words: &wismo_domain::PageWords<'_>,
) -> Option<Returns> {
    let delivered = view
        .order
        .shipments
        .iter()
        .any(|s| s.stage == Stage::Delivered);
    if !delivered || (words.returns_url.is_none() && words.returns_policy.is_none()) {
        return None;
    }
    Some(Returns {
        heading: texts.message(lang, "returns-heading", &[]),
        link: words
            .returns_url
            .filter(|u| u.starts_with("https://"))
            .map(|u| (u.to_owned(), texts.message(lang, "returns-start", &[]))),
        policy: words.returns_policy.map(markdown::render),
    })
}
