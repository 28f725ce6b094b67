//! The check-digit algorithms of tracking_number_data (its `CHECKSUM_ALGORITHMS.md`, with
//! `luhn` from its site): each computes the expected check character of a serial.

/// A check-digit algorithm with the parameters one format gives it.
#[derive(Debug, Clone, Copy)]
pub(super) enum Checksum {
    /// Weighted sum of character values (a letter counts `(ASCII − 3) mod 10`), products summed
    /// directly; the check digit tops the sum up to a multiple of ten.
    Mod10 {
        /// Multiplier of the characters at even 0-based indexes.
        evens_multiplier: u32,
        /// Multiplier of the characters at odd 0-based indexes.
        odds_multiplier: u32,
        /// Whether the serial is reversed before weighting.
        reverse: bool,
    },
    /// The serial, read as a number, modulo 7.
    Mod7,
    /// UPU S10: weights 8,6,4,2,3,5,9,7, modulo 11, with 10 → 0 and 11 → 5.
    S10,
    /// `(Σ digitᵢ × weightᵢ) mod modulo1 mod modulo2`.
    SumProduct {
        /// One weight per serial digit.
        weightings: &'static [u32],
        /// The first modulus.
        modulo1: u32,
        /// The second modulus, applied to the first remainder.
        modulo2: u32,
    },
    /// Luhn: from the right, every other digit doubled (minus 9 when over 9).
    Luhn,
    /// ISO 7064 MOD 37,36 (hybrid) over `0-9A-Z`; the check character may be a letter.
    Mod37_36,
}

impl Checksum {
    /// Whether `check` is the check character this algorithm expects for `serial`.
    pub(super) fn passes(self, serial: &str, check: &str) -> bool {
        let expected = match self {
            Self::Mod10 {
                evens_multiplier,
                odds_multiplier,
                reverse,
            } => mod10(serial, evens_multiplier, odds_multiplier, reverse),
            Self::Mod7 => mod7(serial),
            Self::S10 => s10(serial),
            Self::SumProduct {
                weightings,
                modulo1,
                modulo2,
            } => sum_product(serial, weightings, modulo1, modulo2),
            Self::Luhn => luhn(serial),
            Self::Mod37_36 => mod37_36(serial),
        };
        let mut check = check.chars();
        matches!((expected, check.next(), check.next()), (Some(expected), Some(actual), None) if expected == actual)
    }
}

fn digit(byte: u8) -> Option<u32> {
    byte.is_ascii_digit().then(|| u32::from(byte - b'0'))
}

fn digit_char(value: u32) -> Option<char> {
    char::from_digit(value, 10)
}

fn mod10(serial: &str, evens_multiplier: u32, odds_multiplier: u32, reverse: bool) -> Option<char> {
    let value = |byte: u8| match byte {
        b'0'..=b'9' => Some(u32::from(byte - b'0')),
        b'A'..=b'Z' => Some((u32::from(byte) - 3) % 10),
        _ => None,
    };
    let weighted = |(index, byte): (usize, u8)| {
        let multiplier = if index % 2 == 0 {
            evens_multiplier
        } else {
            odds_multiplier
        };
        value(byte).map(|value| value * multiplier)
    };
    let bytes = serial.bytes();
    let sum: u32 = if reverse {
        bytes.rev().enumerate().map(weighted).sum::<Option<u32>>()?
    } else {
        bytes.enumerate().map(weighted).sum::<Option<u32>>()?
    };
    digit_char((10 - sum % 10) % 10)
}

fn mod7(serial: &str) -> Option<char> {
    if serial.is_empty() {
        return None;
    }
    let remainder = serial.bytes().try_fold(0, |remainder, byte| {
        Some((remainder * 10 + digit(byte)?) % 7)
    })?;
    digit_char(remainder)
}

fn s10(serial: &str) -> Option<char> {
    const WEIGHTS: [u32; 8] = [8, 6, 4, 2, 3, 5, 9, 7];
    if serial.len() != WEIGHTS.len() {
        return None;
    }
    let sum = serial
        .bytes()
        .zip(WEIGHTS)
        .map(|(byte, weight)| Some(digit(byte)? * weight))
        .sum::<Option<u32>>()?;
    let check = match sum % 11 {
        0 => 5,
        1 => 0,
        remainder => 11 - remainder,
    };
    digit_char(check)
}

fn sum_product(serial: &str, weightings: &[u32], modulo1: u32, modulo2: u32) -> Option<char> {
    if serial.len() != weightings.len() || modulo1 == 0 || modulo2 == 0 {
        return None;
    }
    let sum = serial
        .bytes()
        .zip(weightings)
        .map(|(byte, weight)| Some(digit(byte)? * weight))
        .sum::<Option<u32>>()?;
    digit_char(sum % modulo1 % modulo2)
}

fn luhn(serial: &str) -> Option<char> {
    let folded = |(index, byte): (usize, u8)| {
        let value = digit(byte)?;
        Some(match (index % 2 == 0, value * 2) {
            (true, doubled) if doubled > 9 => doubled - 9,
            (true, doubled) => doubled,
            (false, _) => value,
        })
    };
    let sum = serial
        .bytes()
        .rev()
        .enumerate()
        .map(folded)
        .sum::<Option<u32>>()?;
    digit_char((10 - sum % 10) % 10)
}

fn mod37_36(serial: &str) -> Option<char> {
    const ALPHABET: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut product: u32 = 36;
    for byte in serial.bytes() {
        let value = match byte {
            b'0'..=b'9' => u32::from(byte - b'0'),
            b'A'..=b'Z' => u32::from(byte - b'A') + 10,
            _ => return None,
        };
        product += value;
        if product > 36 {
            product -= 36;
        }
        product *= 2;
        if product > 36 {
            product -= 37;
        }
    }
    let check = (37 - product) % 36;
    ALPHABET
        .get(usize::try_from(check).ok()?)
        .map(|&byte| char::from(byte))
}
