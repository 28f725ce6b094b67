//! `/admin/settings/notifications`: the store's notification policy (the API's
//! `/store/notifications`, the same checks) and its own words, one language at a time,
//! with a preview of any moment in any channel and language.

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use wismo_domain::admin::User;
use wismo_domain::notify::{Channel, Moment, NotifyPolicy};
use wismo_domain::{Locale, Tenant};

use super::{Errors, NavLink, framing_page, nav};
use crate::http::admin::{AdminState, SignedIn, Tr, csrf_refused, failed, see_other};
use crate::http::api::notifications::{NotifyPolicyView, QuietHoursView, WordsView, render_sample};

/// The form's values, as stored or as typed.
#[derive(Debug, Default)]
pub struct Values {
    pub quiet_start: String,
    pub quiet_end: String,
    pub quiet_email: bool,
    pub daily_cap: String,
    pub burst_secs: String,
    pub digest: bool,
    pub confirm_platform_orders: bool,
    pub stall_days: String,
    /// (channel, moment) pairs that tell.
    pub channels: BTreeSet<(String, String)>,
    /// Channels switched off.
    pub off: BTreeSet<String>,
    /// Per moment: (subject, opening) in the page's words language.
    pub words: BTreeMap<String, (String, String)>,
}

impl Values {
    fn of(policy: &NotifyPolicy, lang: &str) -> Self {
        let view = NotifyPolicyView::from(policy);
        Self {
            quiet_start: view.quiet_hours.start,
            quiet_end: view.quiet_hours.end,
            quiet_email: view.quiet_email,
            daily_cap: view.daily_cap.to_string(),
            burst_secs: view.burst_secs.map(|s| s.to_string()).unwrap_or_default(),
            digest: view.digest,
            confirm_platform_orders: view.confirm_platform_orders,
            stall_days: view.stall_days.to_string(),
            channels: view
                .channels
                .iter()
                .flat_map(|(c, moments)| moments.iter().map(move |m| (c.clone(), m.clone())))
                .collect(),
            off: view.off.into_iter().collect(),
            words: Moment::all()
                .filter_map(|m| {
                    let w = policy.words(m, lang)?;
                    Some((
                        m.as_str().to_owned(),
                        (
                            w.subject.clone().unwrap_or_default(),
                            w.opening.clone().unwrap_or_default(),
                        ),
                    ))
                })
                .collect(),
        }
    }

    /// The form's fields: `ch:{channel}:{moment}` and `off:{channel}` checkboxes,
    /// `subject:{moment}` and `opening:{moment}`, and the rest by name.
    fn from_form(fields: &[(String, String)]) -> Self {
        let mut v = Self::default();
        for (name, value) in fields {
            match name.as_str() {
                "quiet_start" => v.quiet_start = value.clone(),
                "quiet_end" => v.quiet_end = value.clone(),
                "quiet_email" => v.quiet_email = true,
                "daily_cap" => v.daily_cap = value.clone(),
                "burst_secs" => v.burst_secs = value.clone(),
                "digest" => v.digest = true,
                "confirm_platform_orders" => v.confirm_platform_orders = true,
                "stall_days" => v.stall_days = value.clone(),
                other => {
                    if let Some(rest) = other.strip_prefix("ch:")
                        && let Some((channel, moment)) = rest.split_once(':')
                    {
                        v.channels.insert((channel.to_owned(), moment.to_owned()));
                    } else if let Some(channel) = other.strip_prefix("off:") {
                        v.off.insert(channel.to_owned());
                    } else if let Some(moment) = other.strip_prefix("subject:") {
                        v.words.entry(moment.to_owned()).or_default().0 = value.clone();
                    } else if let Some(moment) = other.strip_prefix("opening:") {
                        v.words.entry(moment.to_owned()).or_default().1 = value.clone();
                    }
                }
            }
        }
        v
    }

    /// The policy these values make, the stored words of other languages kept, checked as
    /// the API checks it.
    fn policy(
        &self,
        languages: &[&str],
        stored: &NotifyPolicy,
        lang: &str,
    ) -> Result<NotifyPolicy, Errors> {
        let mut errors = Errors::default();
        let mut number = |field: &str, text: &str| -> Option<u32> {
            let text = text.trim();
            if text.is_empty() {
                return None;
            }
            match text.parse() {
                Ok(n) => Some(n),
                Err(_) => {
                    errors.add(field, "must be a whole number");
                    None
                }
            }
        };
        let daily_cap = number("daily_cap", &self.daily_cap);
        let burst_secs = number("burst_secs", &self.burst_secs);
        let stall_days = number("stall_days", &self.stall_days);
        let mut channels: BTreeMap<String, Vec<String>> = Channel::ALL
            .iter()
            .map(|c| (c.as_str().to_owned(), Vec::new()))
            .collect();
        for (channel, moment) in &self.channels {
            channels
                .entry(channel.clone())
                .or_default()
                .push(moment.clone());
        }
        let mut words: BTreeMap<String, BTreeMap<String, WordsView>> =
            NotifyPolicyView::from(stored).words.unwrap_or_default();
        for by_lang in words.values_mut() {
            by_lang.remove(lang);
        }
        for (moment, (subject, opening)) in &self.words {
            words.entry(moment.clone()).or_default().insert(
                lang.to_owned(),
                WordsView {
                    subject: Some(subject.clone()),
                    opening: Some(opening.clone()),
                },
            );
        }
        let view = NotifyPolicyView {
            channels,
            off: self.off.iter().cloned().collect(),
            quiet_hours: QuietHoursView {
                start: self.quiet_start.trim().to_owned(),
                end: self.quiet_end.trim().to_owned(),
            },
            quiet_email: self.quiet_email,
            daily_cap: daily_cap.unwrap_or(stored.daily_cap),
            burst_secs,
            digest: self.digest,
            words: Some(words),
            confirm_platform_orders: self.confirm_platform_orders,
            stall_days: stall_days.unwrap_or(stored.stall_days),
        };
        match view.parse(languages, stored.words.clone()) {
            Ok(policy) if errors.is_empty() => Ok(policy),
            Ok(_) => Err(errors),
            Err(more) => {
                for e in more {
                    // `words.shipped.de.subject` is the form's `subject:shipped`.
                    let field = match e.field.strip_prefix("words.") {
                        Some(rest) => match rest.rsplit_once('.') {
                            Some((head, part)) => {
                                let moment = head.split('.').next().unwrap_or(head);
                                format!("{part}:{moment}")
                            }
                            None => e.field.clone(),
                        },
                        None => e.field.clone(),
                    };
                    errors.add(field, e.detail);
                }
                Err(errors)
            }
        }
    }

    pub fn tells(&self, channel: &str, moment: &str) -> bool {
        self.channels
            .contains(&(channel.to_owned(), moment.to_owned()))
    }

    pub fn is_off(&self, channel: &str) -> bool {
        self.off.contains(channel)
    }

    pub fn subject(&self, moment: &str) -> &str {
        self.words.get(moment).map(|w| w.0.as_str()).unwrap_or("")
    }

    pub fn opening(&self, moment: &str) -> &str {
        self.words.get(moment).map(|w| w.1.as_str()).unwrap_or("")
    }
}

/// A message previewed on the page.
pub struct Preview {
    pub subject: String,
    pub preheader: String,
    /// The frame's address (the email itself).
    pub src: String,
}

#[derive(Template)]
#[template(path = "admin/settings_notifications.html")]
pub struct NotificationsPage {
    pub tr: Tr,
    pub user: Option<User>,
    pub csrf: String,
    pub nav: Vec<NavLink>,
    pub values: Values,
    pub errors: Errors,
    pub done: String,
    /// The language whose words the form shows.
    pub lang: String,
    pub languages: Vec<String>,
    /// (name, label) of every moment, milestones first.
    pub moments: Vec<(String, String)>,
    /// (name, label) of every channel.
    pub channels: Vec<(String, String)>,
    /// What the preview form chose: moment, channel, language.
    pub chosen: (String, String, String),
    pub preview: Option<Preview>,
    /// Why there is no preview for the chosen channel.
    pub preview_note: String,
}

/// The page's query: the words' language, "Saved", and what to preview.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PageQuery {
    lang: Option<String>,
    saved: Option<String>,
    moment: Option<String>,
    channel: Option<String>,
    language: Option<String>,
}

/// The language `lang` names when wismo writes it, else the store's default's.
fn words_lang(state: &AdminState, tenant: &Tenant, lang: Option<&str>) -> String {
    let languages = state.texts.languages();
    match lang {
        Some(l) if languages.contains(&l) => l.to_owned(),
        _ => state.texts.resolve(&tenant.default_locale).to_owned(),
    }
}

fn base_page(
    state: &AdminState,
    tr: Tr,
    signed_in: SignedIn,
    lang: String,
    values: Values,
) -> NotificationsPage {
    let moments = Moment::all()
        .map(|m| {
            let name = m.as_str();
            (name.to_owned(), tr.t(&format!("admin-moment-{name}")))
        })
        .collect();
    let channels = Channel::ALL
        .iter()
        .map(|c| {
            let name = c.as_str();
            (name.to_owned(), tr.t(&format!("admin-channel-{name}")))
        })
        .collect();
    NotificationsPage {
        nav: nav(&tr, &signed_in.user, "notifications"),
        values,
        errors: Errors::default(),
        done: String::new(),
        chosen: ("shipped".to_owned(), "email".to_owned(), lang.clone()),
        lang,
        languages: state
            .texts
            .languages()
            .into_iter()
            .map(str::to_owned)
            .collect(),
        moments,
        channels,
        preview: None,
        preview_note: String::new(),
        tr,
        user: Some(signed_in.user),
        csrf: signed_in.csrf,
    }
}

/// `GET /admin/settings/notifications`
pub async fn show(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Query(query): Query<PageQuery>,
) -> Response {
    let tenant = match state.store.get_store(signed_in.user.store_id).await {
        Ok(tenant) => tenant,
        Err(e) => return failed(&tr, &e),
    };
    let lang = words_lang(&state, &tenant, query.lang.as_deref());
    let values = Values::of(&tenant.notify, &lang);
    let done = query
        .saved
        .as_ref()
        .map(|_| tr.t("admin-settings-saved"))
        .unwrap_or_default();
    let mut page = base_page(&state, tr, signed_in, lang, values);
    page.done = done;
    if let Some(moment) = &query.moment {
        let channel = query.channel.clone().unwrap_or_else(|| "email".to_owned());
        let language = words_lang(&state, &tenant, query.language.as_deref());
        page.chosen = (moment.clone(), channel.clone(), language.clone());
        let Ok(moment) = Moment::parse(moment) else {
            return crate::http::admin::not_found(&page.tr);
        };
        match Channel::parse(&channel) {
            Ok(Channel::Email) => {
                let locale =
                    Locale::parse(&language).unwrap_or_else(|_| tenant.default_locale.clone());
                match render_sample(&state.core, &tenant, moment, &locale) {
                    Ok(rendered) => {
                        page.preview = Some(Preview {
                            subject: rendered.subject,
                            preheader: rendered.preheader,
                            src: format!(
                                "/admin/settings/notifications/email?{}",
                                serde_urlencoded::to_string([
                                    ("moment", moment.as_str()),
                                    ("language", language.as_str()),
                                ])
                                .unwrap_or_default()
                            ),
                        });
                    }
                    Err(e) => return failed(&page.tr, &e),
                }
            }
            Ok(other) => {
                page.preview_note = page.tr.with(
                    "admin-notify-preview-unwritten",
                    &[(
                        "channel",
                        &page.tr.t(&format!("admin-channel-{}", other.as_str())),
                    )],
                );
            }
            Err(_) => return crate::http::admin::not_found(&page.tr),
        }
    }
    framing_page(StatusCode::OK, &page)
}

/// `POST /admin/settings/notifications`: replaces the policy and the shown language's
/// words (303 back, "Saved"); a refused form comes back as typed, what to fix beside it.
pub async fn submit(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    let fields = match form {
        Ok(Form(fields))
            if fields
                .iter()
                .any(|(name, value)| name == "csrf" && signed_in.csrf_ok(value)) =>
        {
            fields
        }
        _ => return csrf_refused(&tr),
    };
    let store = signed_in.user.store_id;
    let tenant = match state.store.get_store(store).await {
        Ok(tenant) => tenant,
        Err(e) => return failed(&tr, &e),
    };
    let asked = fields
        .iter()
        .find(|(name, _)| name == "lang")
        .map(|(_, v)| v.as_str());
    let lang = words_lang(&state, &tenant, asked);
    let values = Values::from_form(&fields);
    match values.policy(&state.texts.languages(), &tenant.notify, &lang) {
        Ok(policy) => match state.store.set_notify_policy(store, &policy).await {
            Ok(_) => see_other(&format!(
                "/admin/settings/notifications?saved=1&lang={lang}"
            )),
            Err(e) => failed(&tr, &e),
        },
        Err(errors) => {
            let mut page = base_page(&state, tr, signed_in, lang, values);
            page.errors = errors;
            framing_page(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}
