//! The few pieces of Python's behaviour that score.py's figures depend on: how a float is
//! rounded and printed, and which characters count as alphanumeric, white space or equal
//! under case folding.

use super::pyunicode::{ALNUM, CASEFOLD};

/// Python's `round(x, 1)`: the exact binary value of `x` rounded half-to-even at one decimal,
/// then the double nearest to that decimal.
///
/// Rust's `{:.1}` formats the exact binary value with the same tie rule, so formatting and
/// parsing back gives the very double Python returns.
pub(crate) fn round1(x: f64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    format!("{x:.1}")
        .parse()
        .expect("a formatted finite float parses back")
}

/// What Python's `json.dumps` writes for a float: `repr(x)` (the shortest digits that read
/// back to `x`, fixed notation from 1e-4 up to below 1e16, else `1.5e+16`, `1e-05`), and
/// `NaN`, `Infinity`, `-Infinity` for the others.
pub(crate) fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "NaN".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity" } else { "-Infinity" }.to_string();
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0.0" } else { "0.0" }.to_string();
    }
    // `{:e}` gives the shortest round-tripping digits: `-1.2345e-7`.
    let sci = format!("{x:e}");
    let (mantissa, exp) = sci.split_once('e').expect("`{:e}` always has an exponent");
    let exp: i32 = exp.parse().expect("`{:e}` writes a whole exponent");
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let mut out = String::from(sign);
    if (-4..16).contains(&exp) {
        if exp >= 0 {
            let int_len = exp as usize + 1;
            if digits.len() <= int_len {
                out.push_str(&digits);
                out.extend(std::iter::repeat_n('0', int_len - digits.len()));
                out.push_str(".0");
            } else {
                out.push_str(&digits[..int_len]);
                out.push('.');
                out.push_str(&digits[int_len..]);
            }
        } else {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-exp - 1) as usize));
            out.push_str(&digits);
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push_str(&format!(
            "e{}{:02}",
            if exp < 0 { '-' } else { '+' },
            exp.abs()
        ));
    }
    out
}

/// Python's `str.isalnum()` for one character.
pub(crate) fn is_alnum(c: char) -> bool {
    let c = u32::from(c);
    if c < 0x80 {
        return (c as u8).is_ascii_alphanumeric();
    }
    let k = ALNUM.partition_point(|&(_, last)| last < c);
    ALNUM.get(k).is_some_and(|&(first, _)| first <= c)
}

/// Python's `str.isspace()` for one character: Unicode white space plus the four ASCII
/// separators U+001C..U+001F.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `str.strip()` without arguments.
pub(crate) fn strip(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// Python's `str.split()` without arguments: the words between runs of white space.
pub(crate) fn split(s: &str) -> Vec<&str> {
    s.split(is_space).filter(|w| !w.is_empty()).collect()
}

/// Python's `str.casefold()`.
pub(crate) fn casefold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match CASEFOLD.binary_search_by_key(&u32::from(c), |&(code, _)| code) {
            Ok(k) => out.push_str(CASEFOLD[k].1),
            Err(_) => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round1_is_half_even_on_the_exact_binary_value() {
        // (x, what Python 3 gives for round(x, 1)), checked against python3.
        let cases = [
            (0.25, 0.2),   // an exact tie: to even
            (0.75, 0.8),   // an exact tie: to even
            (12.25, 12.2), // exact tie
            (12.35, 12.3), // 12.35 is 12.3499999… in binary
            (0.15, 0.1),   // 0.1499999…
            (0.05, 0.1),   // 0.05000000000000000277
            (2.675, 2.7),  // 2.67499999… but one decimal: 2.7
            (66.66666666666667, 66.7),
            (99.95, 100.0), // 99.9500000000000028…
            (45.45, 45.5),  // 45.4500000000000028…
            (100.0, 100.0),
            (0.0, 0.0),
        ];
        for (x, want) in cases {
            assert_eq!(round1(x), want, "round({x}, 1)");
        }
    }

    /// Every percentage of counts up to 400, both ways score.py computes one
    /// (`round(100 * P, 1)` with `P = k / n`, and `round(100 * k / n, 1)`), against python3.
    #[test]
    fn percentages_match_python_when_it_is_there() {
        let script = "for n in range(1, 401):\n    for k in range(n + 1):\n        \
                      print(repr(round(100 * (k / n), 1)), repr(round(100 * k / n, 1)))";
        let Ok(out) = std::process::Command::new("python3")
            .args(["-c", script])
            .output()
        else {
            eprintln!("skipped: no python3");
            return;
        };
        let text = String::from_utf8(out.stdout).unwrap();
        let mut lines = text.lines();
        for n in 1..=400usize {
            for k in 0..=n {
                let ours = format!(
                    "{} {}",
                    float_repr(round1(100.0 * (k as f64 / n as f64))),
                    float_repr(round1((100 * k) as f64 / n as f64))
                );
                assert_eq!(Some(ours.as_str()), lines.next(), "{k}/{n}");
            }
        }
    }

    #[test]
    fn float_repr_matches_python() {
        let cases = [
            (0.3, "0.3"),
            (100.0, "100.0"),
            (0.0, "0.0"),
            (45.3, "45.3"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e-4, "0.0001"),
            (1e-5, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (1e16, "1e+16"),
            (1.5e16, "1.5e+16"),
            (123456789012345.6, "123456789012345.6"),
            (1e15, "1000000000000000.0"),
            (-2.5, "-2.5"),
            (1e100, "1e+100"),
        ];
        for (x, want) in cases {
            assert_eq!(float_repr(x), want);
        }
    }

    #[test]
    fn alnum_follows_python_not_rust() {
        // (char, str.isalnum() in Python 3.11)
        let cases = [
            ('a', true),
            ('Z', true),
            ('7', true),
            ('_', false),
            ('é', true),
            ('²', true),         // No: numeric
            ('½', true),         // No: numeric
            ('\u{93e}', false),  // Devanagari vowel sign AA: Rust says alphabetic
            ('\u{24b6}', false), // circled A: Rust says alphabetic
            ('\u{301}', false),  // combining acute
            ('一', true),
            ('“', false),
            (' ', false),
        ];
        for (c, want) in cases {
            assert_eq!(is_alnum(c), want, "{c:?} (U+{:04X})", u32::from(c));
        }
    }

    #[test]
    fn casefold_split_strip() {
        assert_eq!(casefold("Straße ΣΟΦΟΣ ﬁx"), "strasse σοφοσ fix");
        assert_eq!(split(" a\u{1f}b\u{a0} c\n"), ["a", "b", "c"]);
        assert_eq!(strip("\u{1c} x y \u{3000}"), "x y");
    }
}
