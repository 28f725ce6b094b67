//! The `items` cell: `name x quantity` entries separated by `;`.

use crate::ItemInput;

/// The largest quantity an item may have (the API's rule).
const MAX_QUANTITY: u32 = 100_000;

/// Splits an `items` cell into line items. An item's quantity is the last ` x N` of its
/// text (`Box x 2 x 3` is 3 of "Box x 2"), 1 when there is none; empty entries (a
/// trailing `;`) are left out. A quantity that is not a whole number from 1 to 100000 is
/// refused with a message naming the item.
pub fn parse_items(cell: &str) -> Result<Vec<ItemInput>, String> {
    let mut items = Vec::new();
    for (i, entry) in cell.split(';').map(str::trim).enumerate() {
        if entry.is_empty() {
            continue;
        }
        let (name, quantity) = split_quantity(entry)
            .map_err(|detail| format!("item {} (`{entry}`): {detail}", i + 1))?;
        items.push(ItemInput {
            name: name.to_owned(),
            quantity,
            sku: None,
            variant: None,
            image_url: None,
        });
    }
    Ok(items)
}

/// `name x N` → (`name`, N); text without a trailing ` x N` is one of itself.
fn split_quantity(entry: &str) -> Result<(&str, u32), String> {
    let Some((name, count)) = last_times(entry) else {
        return Ok((entry, 1));
    };
    if count.chars().all(|c| c.is_ascii_digit()) {
        return match count.parse::<u32>() {
            Ok(n) if (1..=MAX_QUANTITY).contains(&n) => Ok((name.trim_end(), n)),
            _ => Err(format!(
                "the quantity `{count}` must be between 1 and {MAX_QUANTITY}"
            )),
        };
    }
    // Something meant as a quantity but not a whole number ("x 1.5", "x -2").
    let numberish = count.trim_start_matches(['-', '+']);
    if count != numberish || count.contains(['.', ',']) {
        let digits = numberish.replace(['.', ','], "");
        if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(format!(
                "the quantity `{count}` must be a whole number between 1 and {MAX_QUANTITY}"
            ));
        }
    }
    Ok((entry, 1))
}

/// The text before the last ` x ` (or ` X `, ` × `) and the word after it, when that word
/// ends the entry: `Mug x 2` → (`Mug`, `2`), `Mug x2` → (`Mug`, `2`).
fn last_times(entry: &str) -> Option<(&str, &str)> {
    let (before, after) = entry.rsplit_once(char::is_whitespace)?;
    let before = before.trim_end();
    // `Mug x 2`: the quantity is its own word after a lone `x`.
    if let Some(name) = before
        .strip_suffix(['x', 'X', '×'])
        .filter(|n| n.ends_with(char::is_whitespace))
    {
        return Some((name, after));
    }
    // `Mug x2`: the `x` is glued to the quantity.
    let glued = after.strip_prefix(['x', 'X', '×'])?;
    (!glued.is_empty() && glued.starts_with(|c: char| c.is_ascii_digit() || c == '-'))
        .then_some((before, glued))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(cell: &str) -> Vec<(String, u32)> {
        parse_items(cell)
            .unwrap_or_else(|e| panic!("refused: {e}"))
            .into_iter()
            .map(|i| (i.name, i.quantity))
            .collect()
    }

    #[test]
    fn the_quantity_is_the_last_x_n_of_an_item() {
        assert_eq!(
            items("Box x 2 x 3; Mug x 2 ;Tea;Poster 50 x 70 x 1;"),
            [
                ("Box x 2".into(), 3),
                ("Mug".into(), 2),
                ("Tea".into(), 1),
                ("Poster 50 x 70".into(), 1),
            ]
        );
        assert_eq!(
            items("Mug x2; Cup X 4; Lid × 5"),
            [("Mug".into(), 2), ("Cup".into(), 4), ("Lid".into(), 5)]
        );
        assert_eq!(
            items("Cable 3 x 2m; Xbox"),
            [("Cable 3 x 2m".into(), 1), ("Xbox".into(), 1)]
        );
        assert_eq!(items(" ; "), []);
    }

    #[test]
    fn a_quantity_out_of_range_or_not_whole_is_refused_naming_the_item() {
        for (cell, bad) in [
            ("Mug x 0", "`0`"),
            ("Tea; Mug x 100001", "`100001`"),
            ("Mug x 99999999999999999999", "`99999999999999999999`"),
            ("Mug x 1.5", "`1.5`"),
            ("Mug x -2", "`-2`"),
        ] {
            let Err(error) = parse_items(cell) else {
                panic!("accepted: {cell}");
            };
            assert!(error.contains(bad), "{cell}: {error}");
            assert!(error.starts_with("item "), "{error}");
        }
        assert!(
            matches!(parse_items("Tea; Mug x 0"), Err(e) if e.starts_with("item 2 (`Mug x 0`)"))
        );
    }
}
