use super::*;

const HEADER: &str = "order_number,customer_name,email,phone,locale,city,region,postal_code,country,carrier,tracking_number,items";

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-01T12:00:00Z")
        .map(|t| t.to_utc())
        .unwrap_or_default()
}

fn parse(text: &str) -> ParsedFile {
    parse_csv(text.as_bytes(), now(), &mut |_| {})
}

fn errors(file: &ParsedFile) -> Vec<String> {
    file.errors.iter().map(ToString::to_string).collect()
}

#[test]
fn rows_of_one_order_number_become_one_order_with_a_shipment_each() {
    let text = format!(
        "\u{FEFF}{HEADER}\r\n\
         #1001,Ana Lima,ana@example.com,+14155550100,en,Portland,OR,97201,US,ups,1Z999AA10123456784,Mug x 2; Box x 2 x 3\r\n\
         1001,,,,,,,,,usps,9400111899223197428490,Mug x 2; Box x 2 x 3\r\n\
         #1002,Bo Chen,bo@example.com,,,Berlin,,10115,de,,,Tea\r\n"
    );
    let file = parse(&text);
    assert_eq!(errors(&file), Vec::<String>::new());
    assert_eq!((file.rows, file.rows_ok), (3, 3));
    assert!(file.importable(false));
    let [first, second] = &file.orders[..] else {
        panic!("two orders: {:?}", file.orders);
    };
    assert_eq!(first.lines, [2, 3]);
    assert_eq!(first.order.order_number.as_str(), "#1001");
    assert_eq!(first.order.customer.name.as_deref(), Some("Ana Lima"));
    let tracking: Vec<_> = first
        .order
        .shipments
        .iter()
        .map(|s| s.tracking_number.as_str())
        .collect();
    assert_eq!(tracking, ["1Z999AA10123456784", "9400111899223197428490"]);
    // The same items on both rows are listed once.
    let items: Vec<_> = first
        .order
        .items
        .iter()
        .map(|i| (i.name.as_str(), i.quantity))
        .collect();
    assert_eq!(items, [("Mug", 2), ("Box x 2", 3)]);
    assert!(
        second.order.shipments.is_empty(),
        "no tracking number: not shipped"
    );
    assert_eq!(
        second
            .order
            .destination
            .country
            .as_ref()
            .map(|c| c.as_str()),
        Some("DE")
    );
}

#[test]
fn every_kind_of_bad_row_is_named_by_line_and_column() {
    let long = "x".repeat(201);
    let text = format!(
        "{HEADER}\n\
         1,Ana,not-an-email,,,,,,,,,\n\
         2,Ana,,,,,,,USA,,,\n\
         3,Ana,,,,,,,,Royal Mail!,TRACK0003,\n\
         4,Ana,,,,,,,,,,Mug x 0\n\
         5,{long},,,,,,,,,,\n\
         6,Ana,,,,,,,,ups,,\n\
         7,Ana,,,,,,,,,TRACK0007,\n\
         7,Ana,,,,,,,,,TRACK0007,\n\
         8,Ana,,,,Portland,,,,,,\n\
         8,Ana,,,,Salem,,,,,,\n\
         9,Ana,,+1 (415) 555-0100,,,,,,,12!,\n\
         10,Ana,,,,,,\n\
         ,Ana,,,,,,,,,,\n"
    );
    let file = parse(&text);
    assert_eq!(
        errors(&file),
        [
            "line 2, column email: `not-an-email` is not a valid email address",
            "line 3, column country: `USA` is not a two-letter country code like `US`",
            "line 4, column carrier: `royal mail!` is not a carrier code: expected lower-case letters, digits or `_`, like `ups`",
            "line 5, column items: item 1 (`Mug x 0`): the quantity `0` must be between 1 and 100000",
            "line 6, column customer_name: must be at most 200 characters",
            "line 7, column carrier: is given without a tracking number: leave both blank for an order not shipped yet",
            "line 9, column tracking_number: duplicated row: line 8 has this order number and tracking number",
            "line 11, column city: `Salem` differs from `Portland` on line 10 for the same order number",
            "line 12, column tracking_number: `12!` is not a tracking number: expected 6 to 40 letters and digits",
            "line 13: has 8 cells where the header has 12",
            "line 14, column order_number: an order number must be 1 to 64 printable characters",
        ]
    );
    assert!(!file.fatal);
    assert!(!file.importable(false));
    assert!(file.importable(true));
    // The good rows: 7 (first), 8 (first); 9's phone is fine but its tracking number not.
    assert_eq!(file.rows, 13);
    assert_eq!(file.rows_ok, 2);
    assert_eq!(file.rows_bad(), 11);
}

#[test]
fn a_bad_header_makes_the_whole_file_unusable() {
    let file = parse("order_number,Email,items,items\n1,a@b.co,Mug\n");
    assert_eq!(
        errors(&file),
        [
            "line 1, column Email: unknown column; the columns are order_number, customer_name, email, phone, locale, city, region, postal_code, country, carrier, tracking_number, items",
            "line 1, column items: appears twice in the header",
            "line 1, column tracking_number: missing: the header must have this column",
        ]
    );
    assert!(file.fatal);
    assert!(!file.importable(true));
    assert!(parse("").fatal);
}

#[test]
fn text_that_is_not_utf8_is_named_by_its_cell() {
    let mut bytes = b"order_number,tracking_number,city\n1,TRACK0001,M".to_vec();
    bytes.extend([0xFC, b'n', b'c', b'h', b'e', b'n', b'\n']);
    let file = parse_csv(&bytes, now(), &mut |_| {});
    assert_eq!(
        errors(&file),
        ["line 2, column city: is not UTF-8 text (save the file as CSV UTF-8)"]
    );
}

#[test]
fn columns_come_in_any_order_quoted_cells_may_span_lines_and_semicolons_separate_too() {
    let file = parse(
        "tracking_number,items,order_number\n\
         TRACK0001,\"Mug x 2;\nTea\",A-1\n\
         TRACK0002,,A-2\n",
    );
    assert_eq!(errors(&file), Vec::<String>::new());
    assert_eq!(file.orders[0].order.items.len(), 2);
    assert_eq!(
        file.orders[1].lines,
        [4],
        "a row is named by its first line"
    );

    let file = parse("order_number;tracking_number;items\r\n1;TRACK0001;\"Mug x 2; Tea\"\r\n");
    assert_eq!(errors(&file), Vec::<String>::new());
    assert_eq!(file.orders[0].order.items.len(), 2);
}

#[test]
fn an_order_may_not_have_more_than_fifty_tracking_numbers() {
    let mut text = String::from("order_number,tracking_number\n");
    for i in 0..51 {
        text.push_str(&format!("1,TRACK{i:04}\n"));
    }
    let file = parse(&text);
    assert_eq!(
        errors(&file),
        [
            "line 2, column tracking_number: this order has 51 tracking numbers; at most 50 are allowed"
        ]
    );
    assert_eq!(file.rows_ok, 0);
}

#[test]
fn the_email_of_two_rows_is_compared_ignoring_case() {
    let file = parse(
        "order_number,email,tracking_number\n1,Ana@Example.com,TRACK0001\n1,ana@example.com,TRACK0002\n",
    );
    assert_eq!(errors(&file), Vec::<String>::new());
}
