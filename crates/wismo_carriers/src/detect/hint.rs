//! Carrier hints: the free-text carrier names that come with a tracking number (Shopify's
//! `tracking_company`, a CSV column, a slug) mapped onto detection's carrier slugs.

/// Name prefixes (lower-case letters and digits only) and the carrier slug each points at,
/// tried in order.
const PREFIXES: &[(&str, &str)] = &[
    ("usps", "usps"),
    ("unitedstatespostal", "usps"),
    ("uspostal", "usps"),
    ("ups", "ups"),
    ("unitedparcel", "ups"),
    ("fedex", "fedex"),
    ("federalexpress", "fedex"),
    ("dhl", "dhl"),
    ("s10", "s10"),
    ("amazon", "amazon"),
    ("canadapost", "canada_post"),
    ("postescanada", "canada_post"),
    ("canpar", "canpar"),
    ("dpd", "dpd"),
    ("gofo", "gofo"),
    ("landmark", "landmark"),
    ("lasership", "lasership"),
    ("olddominion", "old_dominion"),
    ("odfl", "old_dominion"),
    ("ontrac", "ontrac"),
    ("purolator", "purolator"),
    ("speedee", "speedee"),
    ("yodel", "yodel"),
    ("yunexpress", "yunexpress"),
];

/// The carrier slug a carrier name or slug points at: case, spaces and punctuation are
/// ignored, so `"DHL Express"`, `"FedEx"` and `"canada_post"` all work. Any other postal
/// service (`"Royal Mail"`, `"China Post"`) points at UPU S10, the format posts share.
pub(super) fn carrier_for(hint: &str) -> Option<&'static str> {
    let key: String = hint
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|character| character.to_ascii_lowercase())
        .collect();
    if key.is_empty() {
        return None;
    }
    let named = PREFIXES
        .iter()
        .find(|(prefix, _)| key.starts_with(prefix))
        .map(|(_, carrier)| *carrier);
    named.or_else(|| (key.contains("post") || key.contains("mail")).then_some("s10"))
}
