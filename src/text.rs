//! Small helpers for building messages with plain string pushes instead of `format!`.
//!
//! The wasm links `core::fmt` anyway (wasm-bindgen's runtime and panic paths use it), but each
//! `format!` still costs: measured, writing the messages of `error`, `decode`, `routes` and
//! `validate` with `format!` made the package 1,809 bytes larger (717 gzip), of which integer
//! `Display` alone was 230.

/// Appends the decimal digits of `n`.
pub(crate) fn push_number(m: &mut String, n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        m.push(char::from(d));
    }
}

/// Concatenates `parts`.
pub(crate) fn concat(parts: &[&str]) -> String {
    let mut m = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        m.push_str(part);
    }
    m
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    #[test]
    fn numbers_print_like_display() {
        for n in [0u64, 7, 10, 60, 301, 65_535, u64::from(u32::MAX), u64::MAX] {
            let mut m = String::from("x");
            super::push_number(&mut m, n);
            assert_eq!(m, format!("x{n}"));
        }
        assert_eq!(super::concat(&["a", "", "bc"]), "abc");
    }
}
