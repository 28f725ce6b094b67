//! The four carriers' tracking responses, as a 2xx body and as an error body.

use wismo_carriers::{CarrierError, Tracking};

type Parse = fn(&[u8]) -> Result<Vec<Tracking>, CarrierError>;
type Classify = fn(u16, &[u8], Option<&str>) -> CarrierError;

/// A UPS Track API body.
pub fn ups(data: &[u8]) {
    carrier(
        data,
        wismo_carriers::ups::parse,
        wismo_carriers::ups::classify_error,
    );
}

/// A FedEx Track API body.
pub fn fedex(data: &[u8]) {
    carrier(
        data,
        wismo_carriers::fedex::parse,
        wismo_carriers::fedex::classify_error,
    );
}

/// A USPS Tracking v3 body.
pub fn usps(data: &[u8]) {
    carrier(
        data,
        wismo_carriers::usps::parse,
        wismo_carriers::usps::classify_error,
    );
}

/// A DHL Shipment Tracking - Unified body.
pub fn dhl(data: &[u8]) {
    carrier(
        data,
        wismo_carriers::dhl::parse,
        wismo_carriers::dhl::classify_error,
    );
}

/// `data` as a tracking response, then as the body of a refused request.
fn carrier(data: &[u8], parse: Parse, classify: Classify) {
    if let Ok(trackings) = parse(data) {
        crate::check_trackings(trackings);
    }
    let _ = classify(400, data, None).to_string();
}
