//! The lookup tables detection reports from: service names by service code, and the UPU member
//! countries an S10 number may name (tracking_number_data's `additional` lookups).

/// The name of a UPS `1Z` service code (the two characters after the shipper number).
pub(super) fn ups_service(code: &str) -> Option<&'static str> {
    find(UPS_SERVICES, code)
}

/// The name of a UPS waybill's leading service letter.
pub(super) fn ups_waybill_service(code: &str) -> Option<&'static str> {
    find(
        &[
            ("J", "UPS Next Day Express"),
            ("K", "UPS Ground"),
            ("V", "UPS WorldWide Express Saver"),
        ],
        code,
    )
}

/// The name of a USPS 20-digit or legacy service code (two digits).
pub(super) fn usps_service(code: &str) -> Option<&'static str> {
    find(USPS_SERVICES, code)
}

/// The name of a USPS IMpb service type code (three digits).
pub(super) fn usps_impb_service(code: &str) -> Option<&'static str> {
    find(&[("612", "Parcel Select")], code)
}

/// The name of a DPD service code (three digits).
pub(super) fn dpd_service(code: &str) -> Option<&'static str> {
    find(DPD_SERVICES, code)
}

/// The S10 service indicator's meaning, from its two letters.
pub(super) fn s10_service(letters: &str) -> Option<&'static str> {
    let &[first, second] = letters.as_bytes() else {
        return None;
    };
    Some(match (first, second) {
        (b'E', _) => "EMS",
        (b'L', _) => "Letter Post Express",
        (b'M', _) => "Letter Post M-bag",
        (b'Q', b'A'..=b'M') => "Letter Post IBRS",
        (b'R', _) => "Letter Post Registered",
        (b'U', _) => "Letter Post Misc",
        (b'V', _) => "Letter Post Insured",
        (b'C', _) => "Parcel Post",
        (b'H', _) => "Parcel Post (e-commerce)",
        (b'B' | b'D' | b'N' | b'P' | b'Z', _) | (b'A', b'V'..=b'Z') | (b'G', b'A' | b'D') => {
            "Domestic"
        }
        _ => return None,
    })
}

/// Whether `code` is one of the 191 countries in tracking_number_data's S10 courier table; an
/// S10 number naming any other is not valid, whatever its check digit.
pub(super) fn is_upu_country(code: &str) -> bool {
    UPU_COUNTRIES.contains(&code)
}

fn find(table: &[(&str, &'static str)], code: &str) -> Option<&'static str> {
    table
        .iter()
        .find(|(key, _)| *key == code)
        .map(|(_, name)| *name)
}

const UPS_SERVICES: &[(&str, &str)] = &[
    ("01", "UPS United States Next Day Air (Red)"),
    ("02", "UPS United States Second Day Air (Blue)"),
    ("03", "UPS United States Ground"),
    ("12", "UPS United States Third Day Select"),
    ("13", "UPS United States Next Day Air Saver (Red Saver)"),
    ("15", "UPS United States Next Day Air Early A.M."),
    (
        "22",
        "UPS United States Ground - Returns Plus - Three Pickup Attempts",
    ),
    ("32", "UPS United States Next Day Air Early A.M. - COD"),
    (
        "33",
        "UPS United States Next Day Air Early A.M. - Saturday Delivery, COD",
    ),
    (
        "41",
        "UPS United States Next Day Air Early A.M. - Saturday Delivery",
    ),
    ("42", "UPS United States Ground - Signature Required"),
    ("44", "UPS United States Next Day Air - Saturday Delivery"),
    ("66", "UPS United States Worldwide Express"),
    ("72", "UPS United States Ground - Collect on Delivery"),
    (
        "78",
        "UPS United States Ground - Returns Plus - One Pickup Attempt",
    ),
    (
        "90",
        "UPS United States Ground - Returns - UPS Prints and Mails Label",
    ),
    (
        "A0",
        "UPS United States Next Day Air Early A.M. - Adult Signature Required",
    ),
    (
        "A1",
        "UPS United States Next Day Air Early A.M. - Saturday Delivery, Adult Signature Required",
    ),
    (
        "A2",
        "UPS United States Next Day Air - Adult Signature Required",
    ),
    ("A8", "UPS United States Ground - Adult Signature Required"),
    (
        "A9",
        "UPS United States Next Day Air Early A.M. - Adult Signature Required, COD",
    ),
    (
        "AA",
        "UPS United States Next Day Air Early A.M. - Saturday Delivery, Adult Signature Required, COD",
    ),
    ("YW", "UPS SurePost - Delivered by the USPS"),
];

const USPS_SERVICES: &[(&str, &str)] = &[
    ("01", "Delivery Confirmation"),
    ("02", "Delivery Confirmation"),
    ("03", "Delivery Confirmation"),
    ("04", "Delivery Confirmation"),
    ("05", "Delivery Confirmation"),
    ("06", "Delivery Confirmation"),
    ("07", "Delivery Confirmation"),
    ("08", "Delivery Confirmation"),
    ("14", "Delivery Confirmation"),
    ("21", "Signature Confirmation"),
    ("22", "Signature Confirmation"),
    ("23", "Signature Confirmation"),
    ("24", "Signature Confirmation"),
    ("25", "Signature Confirmation"),
    ("26", "Signature Confirmation"),
    ("34", "Signature Confirmation"),
    ("50", "Electronic File Header"),
    ("56", "Passive Enroute Scan"),
    ("73", "Insured Mail"),
    ("82", "Merchandise Return"),
    ("83", "Merchandise Return"),
    ("85", "Merchandise Return"),
];

const DPD_SERVICES: &[(&str, &str)] = &[
    ("101", "D"),
    ("102", "D-HAZ"),
    ("105", "D-EXW"),
    ("106", "D-EXW-HAZ"),
    ("109", "D-COD"),
    ("110", "D-COD-HAZ"),
    ("113", "D-SWAP"),
    ("136", "D"),
    ("154", "PARCELLetter"),
    ("155", "PM2"),
    ("161", "PM2-COD"),
    ("179", "AM1"),
    ("191", "AM1-COD"),
    ("225", "AM2"),
    ("237", "AM2-COD"),
    ("350", "AM0"),
];

const UPU_COUNTRIES: &[&str] = &[
    "AE", "AF", "AG", "AL", "AM", "AO", "AR", "AT", "AU", "AZ", "BA", "BB", "BD", "BE", "BF", "BG",
    "BH", "BI", "BJ", "BN", "BO", "BR", "BS", "BT", "BW", "BY", "BZ", "CA", "CD", "CF", "CG", "CH",
    "CI", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ",
    "EC", "EE", "EG", "ER", "ES", "ET", "FI", "FJ", "FR", "GA", "GB", "GD", "GE", "GH", "GM", "GN",
    "GQ", "GR", "GT", "GW", "GY", "HK", "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IN", "IQ", "IR",
    "IS", "IT", "JM", "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KZ", "LA",
    "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MG", "MK",
    "ML", "MM", "MN", "MR", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA", "NE", "NG", "NI", "NL",
    "NO", "NP", "NR", "NZ", "OM", "PA", "PE", "PG", "PH", "PK", "PL", "PT", "PY", "QA", "RO", "RS",
    "RU", "RW", "SA", "SB", "SC", "SD", "SE", "SG", "SI", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SY", "SZ", "TD", "TG", "TH", "TJ", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TZ",
    "UA", "UG", "US", "UY", "UZ", "VA", "VC", "VE", "VN", "VU", "WS", "YE", "ZA", "ZM", "ZW",
];
