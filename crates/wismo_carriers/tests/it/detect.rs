//! Tests of the detect module: tracking_number_data's own test numbers (vendored under
//! testdata/carrier_formats), hand-picked numbers per carrier, normalization, hints, overlaps,
//! and single-digit changes against every check-digit algorithm the big four use.

use std::fs;

use proptest::prelude::*;
use serde_json::Value;
use wismo_carriers::detect::{Candidate, detect, normalize};

/// `(carrier, format)` of every candidate, in rank order.
fn readings(input: &str, hint: Option<&str>) -> Vec<(&'static str, &'static str)> {
    detect(input, hint)
        .iter()
        .map(|candidate| (candidate.carrier, candidate.format))
        .collect()
}

fn first_reading(input: &str) -> Option<(&'static str, &'static str)> {
    readings(input, None).first().copied()
}

fn is_read_as(input: &str, format: &str) -> bool {
    detect(input, None)
        .iter()
        .any(|candidate| candidate.format == format)
}

/// The format id wismo uses for a tracking_number_data format: its `id`, or for the five
/// formats without one, the slug of its name.
fn format_id(format: &Value) -> String {
    if let Some(id) = format["id"].as_str() {
        return id.to_owned();
    }
    match format["name"].as_str().unwrap() {
        "Old Dominion Guaranteed Shipment" => "old_dominion_guaranteed".to_owned(),
        name => name
            .to_lowercase()
            .split(|character: char| !character.is_ascii_alphanumeric())
            .filter(|word| !word.is_empty())
            .collect::<Vec<_>>()
            .join("_"),
    }
}

#[test]
fn every_listed_valid_number_is_read_as_its_format_and_no_invalid_one_is() {
    let directory = crate::testdata_path("carrier_formats/couriers");
    let mut files: Vec<_> = fs::read_dir(&directory)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "json")
        })
        .collect();
    files.sort();
    let (mut formats, mut valid, mut detected, mut invalid, mut rejected) = (0, 0, 0, 0, 0);
    let mut failures = Vec::new();
    for file in &files {
        let courier: Value = serde_json::from_str(&fs::read_to_string(file).unwrap()).unwrap();
        let carrier = courier["courier_code"].as_str().unwrap();
        for format in courier["tracking_numbers"].as_array().unwrap() {
            formats += 1;
            let id = format_id(format);
            let expected_checksum = format["validation"].get("checksum").map(|_| true);
            for number in format["test_numbers"]["valid"].as_array().unwrap() {
                let number = number.as_str().unwrap();
                valid += 1;
                let candidates = detect(number, None);
                match candidates
                    .iter()
                    .find(|candidate| candidate.carrier == carrier && candidate.format == id)
                {
                    Some(candidate) if candidate.checksum == expected_checksum => detected += 1,
                    Some(candidate) => failures.push(format!(
                        "{carrier}/{id}: {number:?} has checksum {:?}",
                        candidate.checksum
                    )),
                    None => failures.push(format!(
                        "{carrier}/{id}: valid {number:?} not read as it: {candidates:?}"
                    )),
                }
            }
            for number in format["test_numbers"]["invalid"].as_array().unwrap() {
                let number = number.as_str().unwrap();
                invalid += 1;
                let candidates = detect(number, None);
                if candidates
                    .iter()
                    .any(|candidate| candidate.carrier == carrier && candidate.format == id)
                {
                    failures.push(format!(
                        "{carrier}/{id}: invalid {number:?} read as it: {candidates:?}"
                    ));
                } else {
                    rejected += 1;
                }
            }
        }
    }
    println!(
        "detect vs tracking_number_data: {} files, {formats} formats; {detected}/{valid} valid numbers detected, \
         {rejected}/{invalid} invalid numbers rejected",
        files.len()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        formats > 0 && valid > 0 && invalid > 0,
        "the vendored formats held no test numbers"
    );
}

/// One valid number of each of the 39 formats, picked by hand.
const ONE_NUMBER_PER_FORMAT: [(&str, &str, &str); 39] = [
    ("ups", "ups", "1Z5R89390357567127"),
    ("ups", "ups_waybill", "K1506235620"),
    ("fedex", "fedex_12", "986578788855"),
    ("fedex", "fedex_34", "1001921334250001000300779017972697"),
    (
        "fedex",
        "fedex_astra_32",
        "32971514560102447849175802862014",
    ),
    ("fedex", "fedex_ground", "0414 4176 0228 964"),
    ("fedex", "fedex_ground_sscc_18", "00 0123 4500 0000 0027"),
    ("fedex", "fedex_ground_96", "9611020987654312345672"),
    (
        "fedex",
        "fedex_ground_gsn",
        "9622001900000000000000776632517510",
    ),
    ("usps", "usps_20", "0307 1790 0005 2348 3741"),
    ("usps", "usps_impb_n", "420787459400111206206406260787"),
    ("usps", "usps_legacy", "420 22153 9101026837331000039521"),
    ("usps", "usps_impb_c", "4201002334249200190132607600833457"),
    ("dhl", "dhl_express", "3318810025"),
    ("dhl", "dhl_express_piece_id", "JJD0099999999"),
    ("dhl", "dhl_ecommerce", "GM2951173225174494"),
    ("dhl", "dhl_ecommerce_14", "60120172242323"),
    ("s10", "s10", "RB123456785GB"),
    ("amazon", "amazon_logistics", "TBA000000000000"),
    ("amazon", "amazon_international", "C1004444443"),
    ("canada_post", "canada_post", "0073938000549297"),
    ("canpar", "canpar_22", "D576002440000001718010"),
    ("dpd", "dpd", "00 81827 0998 0000 0200 33 350 276 C"),
    ("dpd", "dpd_14", "09 9800 0002 0033 F"),
    ("gofo", "gofo_us", "GFUS01011884214464"),
    ("landmark", "landmark_global", "LTN74207623N1"),
    ("lasership", "lasership_lx", "LX17635036"),
    ("lasership", "lasership_1ls7", "1LS717793482164"),
    ("lasership", "lasership_1ls7_18", "1LS7119013618127-1"),
    ("lasership", "lasership_1lscx", "1LS CX VE00 58631Y"),
    ("old_dominion", "old_dominion", "07209562763"),
    ("old_dominion", "old_dominion_guaranteed", "80003280379"),
    ("ontrac", "ontrac_c", "C11031500001879"),
    ("ontrac", "ontrac_d", "D10011354453707"),
    ("purolator", "purolator_numeric", "320595463938"),
    ("purolator", "purolator_alpha", "KYV009956937"),
    ("speedee", "speedee", "SP029692510000920746"),
    ("yodel", "yodel", "JJD0002257639032011"),
    ("yunexpress", "yunexpress", "YT2229521272164446"),
];

#[test]
fn each_of_the_39_formats_reads_a_number_of_its_own() {
    for (carrier, format, number) in ONE_NUMBER_PER_FORMAT {
        let found = readings(number, None);
        assert!(
            found.contains(&(carrier, format)),
            "{number:?} should be read as {carrier}/{format}, got {found:?}"
        );
    }
}

#[test]
fn ups_numbers_come_back_as_ups_first_with_their_service() {
    for number in [
        "1Z5R89390357567127",
        "1Z879E930346834440",
        "1ZXX3150YW44070023",
        "1z 5r8 939 03 5756 7127",
    ] {
        assert_eq!(first_reading(number), Some(("ups", "ups")), "{number}");
    }
    let ground = &detect("1Z5R89390357567127", None)[0];
    assert_eq!(ground.checksum, Some(true));
    assert_eq!(ground.service.as_deref(), Some("UPS United States Ground"));
    assert_eq!(first_reading("K1506235620"), Some(("ups", "ups_waybill")));
}

#[test]
fn fedex_numbers_come_back_as_fedex_first() {
    assert_eq!(first_reading("986578788855"), Some(("fedex", "fedex_12")));
    assert_eq!(first_reading("7905 3531 2317"), Some(("fedex", "fedex_12")));
    assert_eq!(
        first_reading("0414 4176 0228 964"),
        Some(("fedex", "fedex_ground"))
    );
    assert_eq!(
        first_reading("9611020987654312345672"),
        Some(("fedex", "fedex_ground_96"))
    );
    assert_eq!(
        first_reading("1001921334250001000300779017972697"),
        Some(("fedex", "fedex_34"))
    );
}

#[test]
fn usps_numbers_come_back_as_usps_first() {
    assert_eq!(
        first_reading("9400 1112 0108 0805 4830 16"),
        Some(("usps", "usps_impb_n"))
    );
    assert_eq!(
        first_reading("420787459400111206206406260787"),
        Some(("usps", "usps_impb_n"))
    );
    assert_eq!(
        first_reading("9505 5110 6960 5048 6006 24"),
        Some(("usps", "usps_impb_c"))
    );
    assert_eq!(
        first_reading("0307 1790 0005 2348 3741"),
        Some(("usps", "usps_20"))
    );
    assert_eq!(
        first_reading("7196 9010 7560 0307 7385"),
        Some(("usps", "usps_legacy"))
    );
}

#[test]
fn dhl_numbers_come_back_as_dhl_first() {
    assert_eq!(first_reading("3318810025"), Some(("dhl", "dhl_express")));
    assert_eq!(first_reading("73891051146"), Some(("dhl", "dhl_express")));
    assert_eq!(
        first_reading("JJD0099999999"),
        Some(("dhl", "dhl_express_piece_id"))
    );
    assert_eq!(
        first_reading("GM2951173225174494"),
        Some(("dhl", "dhl_ecommerce"))
    );
}

#[test]
fn s10_numbers_report_their_country_and_service() {
    let candidates = detect("rb 123 456 785 gb", None);
    assert_eq!(
        candidates,
        vec![Candidate {
            carrier: "s10",
            format: "s10",
            checksum: Some(true),
            normalized: "RB123456785GB".to_owned(),
            country: Some("GB".to_owned()),
            service: Some("Letter Post Registered".to_owned()),
        }]
    );
}

#[test]
fn s10_numbers_naming_no_upu_country_are_not_s10() {
    assert!(!is_read_as("RB123456785XX", "s10"));
    assert!(!is_read_as("RB123456786GB", "s10"));
}

#[test]
fn spaces_dashes_dots_and_lower_case_are_normalized_away() {
    assert_eq!(
        normalize(" 1z-5r8.939\t0357 567127\n"),
        "1Z5R89390357567127"
    );
    assert_eq!(normalize("9400\u{00A0}1112\u{2013}0108"), "940011120108");
    let messy = detect(" 1z-5r8.939 0357 567127 ", None);
    assert_eq!(messy, detect("1Z5R89390357567127", None));
    assert_eq!(messy[0].normalized, "1Z5R89390357567127");
}

#[test]
fn a_wrong_check_digit_rules_the_format_out() {
    assert!(!is_read_as("1Z5R89390357567128", "ups"));
    assert!(!is_read_as("986578788856", "fedex_12"));
    assert!(!is_read_as("9400 1112 0108 0805 4830 17", "usps_impb_n"));
    assert!(!is_read_as("3318810026", "dhl_express"));
}

#[test]
fn formats_with_a_passing_check_digit_rank_above_formats_without_one() {
    // 3318810025 fits DHL Express (mod 7) only; JFV247545960 fits two formats without checks.
    let express = detect("3318810025", None);
    assert_eq!(express[0].checksum, Some(true));
    let no_checks = detect("JFV247545960", None);
    assert!(
        no_checks
            .iter()
            .all(|candidate| candidate.checksum.is_none())
    );
    // 78045768393: DHL Express and Old Dominion both pass their check digits.
    assert_eq!(
        readings("78045768393", None),
        vec![("dhl", "dhl_express"), ("old_dominion", "old_dominion")]
    );
}

#[test]
fn documented_overlaps_come_back_as_several_candidates() {
    assert_eq!(
        readings("287809468872", None),
        vec![("fedex", "fedex_12"), ("purolator", "purolator_numeric")]
    );
    assert_eq!(
        readings("320610804900", None),
        vec![("fedex", "fedex_12"), ("purolator", "purolator_numeric")]
    );
    assert_eq!(
        readings("JFV247545960", None),
        vec![
            ("dhl", "dhl_express_piece_id"),
            ("purolator", "purolator_alpha")
        ]
    );
    assert_eq!(
        readings("4201028200009261290113185417468510", None),
        vec![("usps", "usps_impb_c"), ("fedex", "fedex_34")]
    );
}

#[test]
fn lx_numbers_fit_dhl_ecommerce_only_with_ten_serial_characters() {
    // The data's DHL e-commerce look-ahead counts spaces as serial characters, so `LX 176 35035`
    // fits it raw; normalized, the serial has 8 characters and it does not.
    assert_eq!(
        readings("LX 176 35035", None),
        vec![("lasership", "lasership_lx")]
    );
    assert_eq!(
        first_reading("LX1763503512"),
        Some(("dhl", "dhl_ecommerce"))
    );
}

#[test]
fn a_carrier_hint_moves_that_carriers_candidates_to_the_front() {
    assert_eq!(
        readings("287809468872", Some("Purolator")),
        vec![("purolator", "purolator_numeric"), ("fedex", "fedex_12")]
    );
    assert_eq!(
        readings("78045768393", Some("Old Dominion Freight Line")),
        vec![("old_dominion", "old_dominion"), ("dhl", "dhl_express")]
    );
    assert_eq!(
        readings("4201028200009261290113185417468510", Some("FedEx")),
        vec![("fedex", "fedex_34"), ("usps", "usps_impb_c")]
    );
    assert_eq!(
        readings("287809468872", Some("fedex"))[0],
        ("fedex", "fedex_12")
    );
    assert_eq!(
        readings("JFV247545960", Some("DHL Express"))[0],
        ("dhl", "dhl_express_piece_id")
    );
    assert_eq!(
        readings("JFV247545960", Some("purolator"))[0],
        ("purolator", "purolator_alpha")
    );
}

#[test]
fn a_postal_hint_points_at_s10_and_a_dhl_hint_at_dhl() {
    // S10 numbers with a CN, RX, LX, … service prefix also fit DHL e-commerce's pattern.
    let number = "CN 123 456 785 CN";
    assert_eq!(
        readings(number, None),
        vec![("s10", "s10"), ("dhl", "dhl_ecommerce")]
    );
    assert_eq!(
        readings(number, Some("China Post")),
        vec![("s10", "s10"), ("dhl", "dhl_ecommerce")]
    );
    assert_eq!(
        readings(number, Some("DHL eCommerce")),
        vec![("dhl", "dhl_ecommerce"), ("s10", "s10")]
    );
    assert_eq!(
        readings("RX123456785GB", Some("dhl")),
        vec![("dhl", "dhl_ecommerce"), ("s10", "s10")]
    );
    assert_eq!(
        readings("RX123456785GB", Some("Royal Mail"))[0],
        ("s10", "s10")
    );
}

#[test]
fn a_hint_naming_no_candidates_carrier_changes_nothing() {
    for hint in ["UPS", "USPS", "", "Some Local Courier"] {
        assert_eq!(
            readings("287809468872", Some(hint)),
            readings("287809468872", None),
            "{hint:?}"
        );
    }
}

#[test]
fn garbage_is_no_candidate_at_all() {
    for input in [
        "",
        "   ",
        "-.-",
        "hello world",
        "1234",
        "not a tracking number",
        "1Z",
        "!!!!!!!!!!!!",
        "1Z5R8939035756712ß",
    ] {
        assert_eq!(detect(input, None), vec![], "{input:?}");
    }
    assert_eq!(detect(&"9".repeat(500), None), vec![]);
}

#[test]
fn a_change_of_five_in_a_doubled_ups_position_keeps_the_check_digit() {
    // UPS weights odd positions by 2 and sums products without folding, so +5 there adds 10.
    assert_eq!(first_reading("1Z5R84390357567127"), Some(("ups", "ups")));
}

#[test]
fn a_change_of_seven_keeps_a_dhl_express_check_digit() {
    assert_eq!(first_reading("3318817025"), Some(("dhl", "dhl_express")));
}

#[test]
fn fedex_12_remainders_ten_and_zero_share_check_digit_zero() {
    assert!(is_read_as("786578788850", "fedex_12"));
    assert!(is_read_as("086578788850", "fedex_12"));
}

#[test]
fn s10_remainders_zero_and_six_share_check_digit_five() {
    assert!(is_read_as("RB323456785GB", "s10"));
    assert!(is_read_as("RB123456785GB", "s10"));
}

#[test]
fn a_20_digit_usps_legacy_number_starting_91_is_checked_without_the_91_prefix() {
    // The data prepends 91 only to serials not already starting with it, so turning the first
    // digit of this valid number into a 9 makes a second valid one.
    assert!(is_read_as("31000000000000000002", "usps_legacy"));
    assert!(is_read_as("91000000000000000002", "usps_legacy"));
}

// Independent check-digit computations, to make valid numbers for the properties below.

fn digit_value(byte: u8) -> u32 {
    if byte.is_ascii_digit() {
        u32::from(byte - b'0')
    } else {
        (u32::from(byte) - 3) % 10
    }
}

fn mod10_check(serial: &str, evens_multiplier: u32, odds_multiplier: u32, reverse: bool) -> char {
    let mut bytes: Vec<u8> = serial.bytes().collect();
    if reverse {
        bytes.reverse();
    }
    let sum: u32 = bytes
        .iter()
        .enumerate()
        .map(|(index, &byte)| {
            digit_value(byte)
                * if index % 2 == 0 {
                    evens_multiplier
                } else {
                    odds_multiplier
                }
        })
        .sum();
    char::from_digit((10 - sum % 10) % 10, 10).unwrap()
}

fn weighted_remainder(serial: &str, weights: &[u32], modulo: u32) -> u32 {
    serial
        .bytes()
        .zip(weights)
        .map(|(byte, weight)| digit_value(byte) * weight)
        .sum::<u32>()
        % modulo
}

const FEDEX_12_WEIGHTS: [u32; 11] = [3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1];
const S10_WEIGHTS: [u32; 8] = [8, 6, 4, 2, 3, 5, 9, 7];

fn s10_check(remainder: u32) -> u32 {
    match remainder {
        0 => 5,
        1 => 0,
        remainder => 11 - remainder,
    }
}

/// Every number made from `number` by changing one digit within `positions` to another digit:
/// (position, old digit, new digit, changed number).
fn single_digit_changes(
    number: &str,
    positions: std::ops::Range<usize>,
) -> Vec<(usize, u32, u32, String)> {
    let bytes = number.as_bytes();
    let mut changes = Vec::new();
    for position in positions {
        if !bytes[position].is_ascii_digit() {
            continue;
        }
        let old = u32::from(bytes[position] - b'0');
        for new in (0..10).filter(|&new| new != old) {
            let mut changed = bytes.to_vec();
            changed[position] = b'0' + u8::try_from(new).unwrap();
            changes.push((position, old, new, String::from_utf8(changed).unwrap()));
        }
    }
    changes
}

/// A valid USPS IMpb number and its format id: application identifier 92/93/94/95, a nine- or
/// six-digit mailer id, every package-id length the data allows, and a `420` routing prefix
/// (ZIP or ZIP+4, the +4 not starting with 9 so the number has one reading) on 22-digit ones.
fn usps_impb() -> impl Strategy<Value = (String, usize, &'static str)> {
    (0..4usize, any::<bool>(), 0..3usize, 0..3usize, "[0-9]{40}").prop_filter_map(
        "layout the data does not allow",
        |(identifier, nine_digit_mailer, length, routing, digits)| {
            let identifier = ["92", "93", "94", "95"][identifier];
            let valid_mailer = match identifier {
                "92" => nine_digit_mailer,
                "93" => !nine_digit_mailer,
                _ => true,
            };
            let body_length = [22, 26, 30][length];
            if !valid_mailer || (body_length == 30 && !(identifier == "94" && nine_digit_mailer)) {
                return None;
            }
            let mailer_first = if nine_digit_mailer {
                "9".to_owned()
            } else {
                ((digits.as_bytes()[0] - b'0') % 9).to_string()
            };
            let serial = format!(
                "{identifier}{}{mailer_first}{}",
                &digits[1..4],
                &digits[4..4 + body_length - 1 - 5 - 1]
            );
            let format = if identifier == "94" {
                "usps_impb_n"
            } else {
                "usps_impb_c"
            };
            let check = mod10_check(&serial, 3, 1, format == "usps_impb_n");
            let prefix = match (routing, body_length) {
                (1, 22) => format!("420{}", &digits[30..35]),
                (2, 22) => format!(
                    "420{}{}{}",
                    &digits[30..35],
                    (digits.as_bytes()[35] - b'0') % 9,
                    &digits[36..39]
                ),
                _ => String::new(),
            };
            Some((format!("{prefix}{serial}{check}"), prefix.len(), format))
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn changing_one_ups_digit_breaks_the_check_digit_except_by_five_where_doubled(serial in "[0-9A-Z]{15}") {
        let number = format!("1Z{serial}{}", mod10_check(&serial, 1, 2, false));
        prop_assert!(is_read_as(&number, "ups"), "{} should be valid", number);
        for (position, old, new, changed) in single_digit_changes(&number, 2..number.len()) {
            let doubled = position < 17 && (position - 2) % 2 == 1;
            if doubled && old.abs_diff(new) == 5 {
                continue;
            }
            prop_assert!(!is_read_as(&changed, "ups"), "{} → {} still reads as UPS", number, changed);
        }
    }

    #[test]
    fn changing_one_usps_impb_digit_breaks_the_check_digit((number, body_start, format) in usps_impb()) {
        prop_assert!(is_read_as(&number, format), "{} should be valid {}", number, format);
        for (_, _, _, changed) in single_digit_changes(&number, body_start..number.len()) {
            prop_assert!(!is_read_as(&changed, format), "{} → {} still reads as {}", number, changed, format);
        }
    }

    #[test]
    fn changing_one_usps_20_digit_breaks_the_check_digit(serial in "[0-9]{19}") {
        let number = format!("{serial}{}", mod10_check(&serial, 3, 1, false));
        prop_assert!(is_read_as(&number, "usps_20"), "{} should be valid", number);
        for (_, _, _, changed) in single_digit_changes(&number, 0..number.len()) {
            prop_assert!(!is_read_as(&changed, "usps_20"), "{} → {} still reads as USPS 20", number, changed);
        }
    }

    #[test]
    fn changing_one_usps_legacy_22_digit_breaks_the_check_digit(serial in "[0-9]{19}") {
        let number = format!("91{serial}{}", mod10_check(&format!("91{serial}"), 3, 1, false));
        prop_assert!(is_read_as(&number, "usps_legacy"), "{} should be valid", number);
        for (_, _, _, changed) in single_digit_changes(&number, 0..number.len()) {
            prop_assert!(!is_read_as(&changed, "usps_legacy"), "{} → {} still reads as USPS legacy", number, changed);
        }
    }

    #[test]
    fn changing_one_fedex_12_digit_breaks_the_check_digit_unless_remainders_ten_and_zero(serial in "[0-9]{11}") {
        let remainder = weighted_remainder(&serial, &FEDEX_12_WEIGHTS, 11);
        let number = format!("{serial}{}", remainder % 10);
        prop_assert!(is_read_as(&number, "fedex_12"), "{} should be valid", number);
        for (position, _, _, changed) in single_digit_changes(&number, 0..number.len()) {
            let changed_remainder = weighted_remainder(&changed[..11], &FEDEX_12_WEIGHTS, 11);
            if position < 11 && matches!(remainder, 0 | 10) && matches!(changed_remainder, 0 | 10) {
                continue;
            }
            prop_assert!(!is_read_as(&changed, "fedex_12"), "{} → {} still reads as FedEx 12", number, changed);
        }
    }

    #[test]
    fn changing_one_fedex_ground_digit_breaks_the_check_digit(serial in "[0-9]{14}", prefix in "[0-9]{5}", ninety_six in any::<bool>()) {
        let (number, format, serial_start) = if ninety_six {
            (format!("96{prefix}{serial}{}", mod10_check(&serial, 1, 3, false)), "fedex_ground_96", 7)
        } else {
            (format!("{serial}{}", mod10_check(&serial, 1, 3, false)), "fedex_ground", 0)
        };
        prop_assert!(is_read_as(&number, format), "{} should be valid {}", number, format);
        for (_, _, _, changed) in single_digit_changes(&number, serial_start..number.len()) {
            prop_assert!(!is_read_as(&changed, format), "{} → {} still reads as {}", number, changed, format);
        }
    }

    #[test]
    fn changing_one_dhl_express_digit_breaks_the_check_digit_except_by_seven(serial in "[0-9]{9,10}") {
        let remainder = serial.bytes().fold(0, |remainder, byte| (remainder * 10 + u32::from(byte - b'0')) % 7);
        let number = format!("{serial}{remainder}");
        prop_assert!(is_read_as(&number, "dhl_express"), "{} should be valid", number);
        for (position, old, new, changed) in single_digit_changes(&number, 0..number.len()) {
            if position < serial.len() && old.abs_diff(new) == 7 {
                continue;
            }
            prop_assert!(!is_read_as(&changed, "dhl_express"), "{} → {} still reads as DHL Express", number, changed);
        }
    }

    #[test]
    fn changing_one_s10_digit_breaks_the_check_digit_unless_remainders_zero_and_six(
        service in "[A-Z]{2}",
        serial in "[0-9]{8}",
        country in prop::sample::select(vec!["GB", "US", "CN", "DE", "FR", "JP", "CA", "AU"]),
    ) {
        let remainder = weighted_remainder(&serial, &S10_WEIGHTS, 11);
        let number = format!("{service}{serial}{}{country}", s10_check(remainder));
        prop_assert!(is_read_as(&number, "s10"), "{} should be valid", number);
        for (position, _, _, changed) in single_digit_changes(&number, 2..11) {
            let changed_remainder = weighted_remainder(&changed[2..10], &S10_WEIGHTS, 11);
            if position < 10 && s10_check(remainder) == s10_check(changed_remainder) {
                continue;
            }
            prop_assert!(!is_read_as(&changed, "s10"), "{} → {} still reads as S10", number, changed);
        }
    }
}
