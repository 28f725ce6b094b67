//! wismo's table of tracking-number formats: the 39 formats of jkeen/tracking_number_data
//! 2.0.0, rewritten for the normalized number (no spaces, dashes or dots; upper case) and
//! anchored at both ends. Order matters: it breaks ties between candidates, big four first.
//!
//! Patterns name the parts detection uses: `serial` and `check` (what the check digit covers
//! and the check digit itself), `service` (a service code looked up for a name) and `country`
//! (S10's issuing country).

use super::checksum::Checksum;
use super::lookups;
use Layout::Pattern;

/// One tracking-number format of one carrier.
pub(super) struct Format {
    /// The carrier's slug (tracking_number_data's `courier_code`).
    pub carrier: &'static str,
    /// The format's id (the data's `id`, or a slug of its name where it has none).
    pub id: &'static str,
    /// How a number of this format is recognised and split.
    pub layout: Layout,
    /// The check-digit algorithm, if the format has one.
    pub checksum: Option<Checksum>,
    /// Prepended to the serial before the check digit is computed, unless the serial already
    /// starts with it (the data's `serial_number_format.prepend_if`).
    pub serial_prefix: Option<&'static str>,
    /// Names the `service` part, when the format has a service lookup.
    pub service_name: Option<fn(&str) -> Option<&'static str>>,
}

/// How a format is recognised on the normalized number.
pub(super) enum Layout {
    /// An anchored `regex` pattern with the named groups described in the module header.
    Pattern(&'static str),
    /// USPS IMpb N, hand-coded (the data's pattern uses look-around).
    UspsImpbN,
    /// USPS IMpb C, hand-coded (the data's pattern uses look-around).
    UspsImpbC,
}

impl Format {
    const fn new(carrier: &'static str, id: &'static str, layout: Layout) -> Self {
        Self {
            carrier,
            id,
            layout,
            checksum: None,
            serial_prefix: None,
            service_name: None,
        }
    }

    const fn with_checksum(self, checksum: Checksum) -> Self {
        Self {
            checksum: Some(checksum),
            ..self
        }
    }

    const fn with_serial_prefix(self, prefix: &'static str) -> Self {
        Self {
            serial_prefix: Some(prefix),
            ..self
        }
    }

    const fn with_service_name(self, lookup: fn(&str) -> Option<&'static str>) -> Self {
        Self {
            service_name: Some(lookup),
            ..self
        }
    }
}

const fn mod10(evens_multiplier: u32, odds_multiplier: u32) -> Checksum {
    Checksum::Mod10 {
        evens_multiplier,
        odds_multiplier,
        reverse: false,
    }
}

const FEDEX_3_1_7: Checksum = Checksum::SumProduct {
    weightings: &[3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1],
    modulo1: 11,
    modulo2: 10,
};
const FEDEX_1_7_3: Checksum = Checksum::SumProduct {
    weightings: &[1, 7, 3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1],
    modulo1: 11,
    modulo2: 10,
};

/// Every format, in tie-breaking order: UPS, USPS, FedEx, DHL, UPU S10, then the rest in the
/// data's file order. USPS sits before FedEx so that a `420`+ZIP IMpb number that also passes
/// FedEx Express (34) lists USPS first.
pub(super) static FORMATS: &[Format] = &[
    Format::new("ups", "ups", Pattern(r"^1Z(?<serial>[0-9A-Z]{6}(?<service>[0-9A-Z]{2})[0-9A-Z]{7})(?<check>[0-9])$"))
        .with_checksum(mod10(1, 2))
        .with_service_name(lookups::ups_service),
    Format::new("ups", "ups_waybill", Pattern(r"^(?<service>[AHJKTV])(?<serial>[0-9]{9})(?<check>[0-9])$"))
        .with_checksum(mod10(1, 2))
        .with_service_name(lookups::ups_waybill_service),
    Format::new("usps", "usps_20", Pattern(r"^(?<serial>(?<service>[0-9]{2})[0-9]{17})(?<check>[0-9])$"))
        .with_checksum(mod10(3, 1))
        .with_service_name(lookups::usps_service),
    Format::new("usps", "usps_impb_n", Layout::UspsImpbN)
        .with_checksum(Checksum::Mod10 { evens_multiplier: 3, odds_multiplier: 1, reverse: true }),
    Format::new(
        "usps",
        "usps_legacy",
        Pattern(r"^(?:420[0-9]{5}(?:[0-9]{4})?)?(?<serial>(?:91)?(?<service>[0-9]{2})[0-9]{17})(?<check>[0-9])$"),
    )
    .with_checksum(mod10(3, 1))
    .with_serial_prefix("91")
    .with_service_name(lookups::usps_service),
    Format::new("usps", "usps_impb_c", Layout::UspsImpbC)
        .with_checksum(mod10(3, 1))
        .with_service_name(lookups::usps_impb_service),
    Format::new("fedex", "fedex_12", Pattern(r"^(?<serial>[0-9]{11})(?<check>[0-9])$")).with_checksum(FEDEX_3_1_7),
    Format::new("fedex", "fedex_34", Pattern(r"^[0-8][0-9]{19}(?<serial>[0-9]{13})(?<check>[0-9])$"))
        .with_checksum(FEDEX_1_7_3),
    Format::new("fedex", "fedex_astra_32", Pattern(r"^3[0-9]{15}(?<serial>[0-9]{11})(?<check>[0-9])[0-9]{4}$"))
        .with_checksum(FEDEX_3_1_7),
    Format::new("fedex", "fedex_ground", Pattern(r"^(?<serial>[0-9]{14})(?<check>[0-9])$")).with_checksum(mod10(1, 3)),
    Format::new("fedex", "fedex_ground_sscc_18", Pattern(r"^[0-9]{2}(?<serial>[0-9]{15})(?<check>[0-9])$"))
        .with_checksum(mod10(3, 1)),
    Format::new("fedex", "fedex_ground_96", Pattern(r"^96[0-9]{2}[0-9]{3}(?<serial>[0-9]{14})(?<check>[0-9])$"))
        .with_checksum(mod10(1, 3)),
    Format::new("fedex", "fedex_ground_gsn", Pattern(r"^96[0-9]{18}(?<serial>[0-9]{13})(?<check>[0-9])$"))
        .with_checksum(FEDEX_1_7_3),
    Format::new("dhl", "dhl_express", Pattern(r"^(?<serial>[0-9]{9,10})(?<check>[0-9])$")).with_checksum(Checksum::Mod7),
    Format::new("dhl", "dhl_express_piece_id", Pattern(r"^J[A-Z]{2,3}[0-9]{9,10}$")),
    // The data's look-aheads ask for 10-39 serial characters, the first of them a digit.
    Format::new("dhl", "dhl_ecommerce", Pattern(r"^(?:GM|LX|RX|UV|CN|SG|TH|IN|HK|MY)[0-9][0-9A-Z]{9,38}$")),
    Format::new("dhl", "dhl_ecommerce_14", Pattern(r"^[0-9]{14}$")),
    Format::new(
        "s10",
        "s10",
        Pattern(r"^(?<service>[A-Z]{2})(?<serial>[0-9]{8})(?<check>[0-9])(?<country>[A-Z]{2})$"),
    )
    .with_checksum(Checksum::S10)
    .with_service_name(lookups::s10_service),
    Format::new("amazon", "amazon_logistics", Pattern(r"^TB[ACM][0-9]{12}$")),
    Format::new("amazon", "amazon_international", Pattern(r"^[AFC][0-9]{10}$")),
    Format::new("canada_post", "canada_post", Pattern(r"^(?<serial>[0-9]{15})(?<check>[0-9])$")).with_checksum(mod10(3, 1)),
    Format::new("canpar", "canpar_22", Pattern(r"^[CDKLSUXZ][0-9]{21}$")),
    Format::new("dpd", "dpd", Pattern(r"^(?<serial>[0-9]{21}(?<service>[0-9]{3})[0-9]{3})(?<check>[0-9A-Z])$"))
        .with_checksum(Checksum::Mod37_36)
        .with_service_name(lookups::dpd_service),
    Format::new("dpd", "dpd_14", Pattern(r"^(?<serial>[0-9]{14})(?<check>[0-9A-Z])$")).with_checksum(Checksum::Mod37_36),
    Format::new("gofo", "gofo_us", Pattern(r"^GFUS[0-9]{14}$")),
    Format::new("landmark", "landmark_global", Pattern(r"^LTN[0-9]{8}N1$")),
    Format::new("lasership", "lasership_lx", Pattern(r"^L[AIEHNX][1-3][0-9]{7}$")),
    Format::new("lasership", "lasership_1ls7", Pattern(r"^1LS7[12][0-9]{10}$")),
    // The data's "-1" suffix, with its dash normalized away.
    Format::new("lasership", "lasership_1ls7_18", Pattern(r"^1LS7[12][0-9]{2}01[1-4][0-9]{6}1$")),
    Format::new("lasership", "lasership_1lscx", Pattern(r"^1LSCX[0-9A-Z]{10}$")),
    Format::new("old_dominion", "old_dominion", Pattern(r"^(?<serial>(?:77[78]|072|780)[0-9]{7})(?<check>[0-9])$"))
        .with_checksum(Checksum::Luhn),
    Format::new("old_dominion", "old_dominion_guaranteed", Pattern(r"^(?<serial>80[0-9]{8})(?<check>[0-9])$"))
        .with_checksum(Checksum::Luhn),
    Format::new("ontrac", "ontrac_c", Pattern(r"^C(?<serial>[0-9]{13})(?<check>[0-9])$"))
        .with_checksum(mod10(1, 2))
        .with_serial_prefix("4"),
    Format::new("ontrac", "ontrac_d", Pattern(r"^D(?<serial>[0-9]{13})(?<check>[0-9])$"))
        .with_checksum(mod10(1, 2))
        .with_serial_prefix("5"),
    Format::new("purolator", "purolator_numeric", Pattern(r"^(?<serial>[0-5][0-9]{10})(?<check>[0-9])$"))
        .with_checksum(Checksum::Luhn),
    Format::new("purolator", "purolator_alpha", Pattern(r"^[A-Z]{3}[0-9]{9}$")),
    Format::new("speedee", "speedee", Pattern(r"^SP[0-9]{18}$")),
    Format::new("yodel", "yodel", Pattern(r"^JJ?D[0-9]{16}$")),
    Format::new("yunexpress", "yunexpress", Pattern(r"^YT[0-9]{16}$")),
];
