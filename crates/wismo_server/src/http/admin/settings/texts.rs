//! `/admin/settings/branding/texts`: the tracking page's words the branding form does not
//! hold, one language at a time (`?lang=`). In the store's own language: its questions and
//! answers and footer links; in another: its message, delay advice, questions and footer
//! links, each left empty falling back to the store's own. Saved as the API saves them
//! (`Branding::parse`, `save_branding`): the same checks, nothing kept on a refusal.

use std::collections::BTreeMap;

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use wismo_domain::admin::User;
use wismo_domain::branding::{MAX_FAQ, MAX_FOOTER_LINKS};
use wismo_domain::{Branding, MerchantTexts, Tenant};

use super::{Errors, NavLink, nav, page as render};
use crate::http::admin::{AdminState, SignedIn, Tr, csrf_refused, failed, see_other};
use crate::http::api::store::{
    FaqInput, LinkInput, SaveError, TextsInput, branding_view, save_branding,
};

/// The largest texts form: every question, answer and link at its longest, in any script.
pub const MAX_FORM_BYTES: usize = 512 * 1024;

/// Empty rows offered under the filled ones, so a question or link can be added without
/// JavaScript (up to the API's maximum).
pub const BLANK_ROWS: usize = 3;

/// A question and its answer as typed, with what to fix in each.
pub struct FaqRow {
    pub question: String,
    pub answer: String,
    pub question_error: String,
    pub answer_error: String,
}

/// A footer link as typed, with what to fix in each part.
pub struct LinkRow {
    pub label: String,
    pub url: String,
    pub label_error: String,
    pub url_error: String,
}

/// One language's words as typed: what the form shows and what is saved.
#[derive(Debug, Default, Clone)]
pub struct Words {
    pub header_message: String,
    pub delay_message: String,
    /// (question, answer), blank rows dropped.
    pub faq: Vec<(String, String)>,
    /// (label, url), blank rows dropped.
    pub links: Vec<(String, String)>,
}

impl Words {
    /// The store's own words (`own`), or a language's.
    fn of(branding: &Branding, lang: &str, own: bool) -> Self {
        let texts = if own {
            MerchantTexts {
                header_message: branding.header_message.clone(),
                delay_message: branding.delay_message.clone(),
                faq: branding.faq.clone(),
                footer_links: branding.footer_links.clone(),
                ..Default::default()
            }
        } else {
            branding.translations.get(lang).cloned().unwrap_or_default()
        };
        Self {
            header_message: texts.header_message.unwrap_or_default(),
            delay_message: texts.delay_message.unwrap_or_default(),
            faq: texts
                .faq
                .into_iter()
                .map(|f| (f.question, f.answer))
                .collect(),
            links: texts
                .footer_links
                .into_iter()
                .map(|l| (l.label, l.url))
                .collect(),
        }
    }

    /// The form's fields (`faq-0-question`, `link-2-url`, …), rows in the order of their
    /// numbers, a row with nothing typed dropped.
    fn from_form(fields: &[(String, String)]) -> Self {
        let mut words = Self::default();
        let mut faq: BTreeMap<usize, (String, String)> = BTreeMap::new();
        let mut links: BTreeMap<usize, (String, String)> = BTreeMap::new();
        for (name, value) in fields {
            let value = value.clone();
            match name.as_str() {
                "header_message" => words.header_message = value,
                "delay_message" => words.delay_message = value,
                _ => {
                    let Some((kind, rest)) = name.split_once('-') else {
                        continue;
                    };
                    let Some((row, part)) = rest.split_once('-') else {
                        continue;
                    };
                    let Ok(row) = row.parse::<usize>() else {
                        continue;
                    };
                    match (kind, part) {
                        ("faq", "question") => faq.entry(row).or_default().0 = value,
                        ("faq", "answer") => faq.entry(row).or_default().1 = value,
                        ("link", "label") => links.entry(row).or_default().0 = value,
                        ("link", "url") => links.entry(row).or_default().1 = value,
                        _ => {}
                    }
                }
            }
        }
        let typed = |(a, b): &(String, String)| !a.trim().is_empty() || !b.trim().is_empty();
        words.faq = faq.into_values().filter(typed).collect();
        words.links = links.into_values().filter(typed).collect();
        words
    }

    /// Whether any word is given.
    fn is_filled(&self) -> bool {
        !self.header_message.trim().is_empty()
            || !self.delay_message.trim().is_empty()
            || !self.faq.is_empty()
            || !self.links.is_empty()
    }

    /// The stored branding with these words in `lang` (the store's `own`, where the
    /// message and delay advice stay the branding form's), checked as the API checks it.
    /// Errors are named by the form's fields (`faq-0-question`).
    fn branding(&self, stored: &Branding, lang: &str, own: bool) -> Result<Branding, Errors> {
        let given = |v: &str| {
            let v = v.trim();
            (!v.is_empty()).then(|| v.to_owned())
        };
        let faq: Vec<FaqInput> = self
            .faq
            .iter()
            .map(|(question, answer)| FaqInput {
                question: question.clone(),
                answer: answer.clone(),
            })
            .collect();
        let footer_links: Vec<LinkInput> = self
            .links
            .iter()
            .map(|(label, url)| LinkInput {
                label: label.clone(),
                url: url.clone(),
            })
            .collect();
        let mut input = branding_view(stored);
        if own {
            input.faq = faq;
            input.footer_links = footer_links;
        } else {
            let kept = input.translations.remove(lang).unwrap_or_default();
            let texts = TextsInput {
                header_message: given(&self.header_message),
                delay_message: given(&self.delay_message),
                faq,
                footer_links,
                ..kept
            };
            let empty = texts.header_message.is_none()
                && texts.delay_message.is_none()
                && texts.faq.is_empty()
                && texts.footer_links.is_empty()
                && texts.returns_url.is_none()
                && texts.returns_policy.is_none();
            if !empty {
                input.translations.insert(lang.to_owned(), texts);
            }
        }
        Branding::parse(input.into()).map_err(|refused| {
            let prefix = format!("translations.{lang}.");
            let mut errors = Errors::default();
            for e in refused {
                let field = e.field.strip_prefix(&prefix).unwrap_or(&e.field);
                errors.add(form_field(field), e.detail);
            }
            errors
        })
    }
}

/// The form's name of a field the checks name: `faq[0].question` is `faq-0-question`,
/// `footer_links[1].url` is `link-1-url`.
fn form_field(field: &str) -> String {
    field
        .replace("footer_links[", "link-")
        .replace("faq[", "faq-")
        .replace("].", "-")
}

#[derive(Template)]
#[template(path = "admin/settings_branding_texts.html")]
pub struct TextsPage {
    pub tr: Tr,
    pub user: Option<User>,
    pub csrf: String,
    pub nav: Vec<NavLink>,
    /// The language whose words the form shows.
    pub lang: String,
    /// The store's own language, which others fall back to.
    pub own_lang: String,
    /// (language, whether it has words of its own)
    pub languages: Vec<(String, bool)>,
    pub header_message: String,
    pub delay_message: String,
    pub faq: Vec<FaqRow>,
    pub links: Vec<LinkRow>,
    pub errors: Errors,
    /// "Saved", after a 303.
    pub done: String,
}

impl TextsPage {
    fn new(
        state: &AdminState,
        tr: Tr,
        signed_in: SignedIn,
        tenant: &Tenant,
        lang: String,
        words: Words,
        errors: Errors,
    ) -> Self {
        let own_lang = own_lang(state, tenant);
        let languages = state
            .texts
            .languages()
            .into_iter()
            .map(|l| {
                let own = l == own_lang;
                (
                    l.to_owned(),
                    Words::of(&tenant.branding, l, own).is_filled(),
                )
            })
            .collect();
        let blanks = |len: usize, max: usize| max.saturating_sub(len).min(BLANK_ROWS);
        let faq_blanks = blanks(words.faq.len(), MAX_FAQ);
        let link_blanks = blanks(words.links.len(), MAX_FOOTER_LINKS);
        let faq = words
            .faq
            .into_iter()
            .chain(std::iter::repeat_n(Default::default(), faq_blanks))
            .enumerate()
            .map(|(i, (question, answer))| FaqRow {
                question,
                answer,
                question_error: errors.of(&format!("faq-{i}-question")).to_owned(),
                answer_error: errors.of(&format!("faq-{i}-answer")).to_owned(),
            })
            .collect();
        let links = words
            .links
            .into_iter()
            .chain(std::iter::repeat_n(Default::default(), link_blanks))
            .enumerate()
            .map(|(i, (label, url))| LinkRow {
                label,
                url,
                label_error: errors.of(&format!("link-{i}-label")).to_owned(),
                url_error: errors.of(&format!("link-{i}-url")).to_owned(),
            })
            .collect();
        Self {
            nav: nav(&tr, &signed_in.user, "branding"),
            own_lang,
            languages,
            lang,
            header_message: words.header_message,
            delay_message: words.delay_message,
            faq,
            links,
            errors,
            done: String::new(),
            tr,
            user: Some(signed_in.user),
            csrf: signed_in.csrf,
        }
    }

    /// Whether the form shows the store's own language.
    pub fn own(&self) -> bool {
        self.lang == self.own_lang
    }
}

/// The store's own language, as the pages speak it.
fn own_lang(state: &AdminState, tenant: &Tenant) -> String {
    state.texts.resolve(&tenant.default_locale).to_owned()
}

/// The language `lang` names when the pages speak it, else the store's own.
fn words_lang(state: &AdminState, tenant: &Tenant, lang: Option<&str>) -> String {
    match lang {
        Some(l) if state.texts.languages().contains(&l) => l.to_owned(),
        _ => own_lang(state, tenant),
    }
}

/// The page's query: the language, and "Saved".
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TextsQuery {
    lang: Option<String>,
    saved: Option<String>,
}

/// `GET /admin/settings/branding/texts`
pub async fn show(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Query(query): Query<TextsQuery>,
) -> Response {
    let tenant = match state.store.get_store(signed_in.user.store_id).await {
        Ok(tenant) => tenant,
        Err(e) => return failed(&tr, &e),
    };
    let lang = words_lang(&state, &tenant, query.lang.as_deref());
    let own = lang == own_lang(&state, &tenant);
    let words = Words::of(&tenant.branding, &lang, own);
    let done = query
        .saved
        .map(|_| tr.t("admin-settings-saved"))
        .unwrap_or_default();
    let mut page = TextsPage::new(
        &state,
        tr,
        signed_in,
        &tenant,
        lang,
        words,
        Errors::default(),
    );
    page.done = done;
    render(StatusCode::OK, &page)
}

/// `POST /admin/settings/branding/texts`: replaces the shown language's words (303 back,
/// "Saved"); a refused form comes back as typed, what to fix beside each field.
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
    let own = lang == own_lang(&state, &tenant);
    let words = Words::from_form(&fields);
    match words.branding(&tenant.branding, &lang, own) {
        Ok(branding) => match save_branding(&state, store, &branding).await {
            Ok(_) => see_other(&format!(
                "/admin/settings/branding/texts?lang={lang}&saved=1"
            )),
            Err(SaveError::Store(e)) => failed(&tr, &e),
            Err(SaveError::Job(e)) => failed(&tr, &e),
        },
        Err(errors) => {
            let page = TextsPage::new(&state, tr, signed_in, &tenant, lang, words, errors);
            render(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}
