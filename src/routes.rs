//! The route table of contract §2, in one place: the client builds its URLs from it and the emulator
//! mounts its handlers on it.

use crate::text::concat;
use crate::validate::{Field, IssueDetail, ValidationIssue};

/// The API host used when no `baseUrl` is given.
pub const DEFAULT_BASE_URL: &str = "https://publicapi.getskimmer.com";

/// The header that carries the API key.
pub const API_KEY_HEADER: &str = "skimmer-api-key";

/// An HTTP method the API uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// DELETE
    Delete,
}

impl Method {
    /// The method's name, e.g. `"GET"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// One of the five operations on a customer's activity log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operation {
    /// All activities of a customer.
    List,
    /// A new manual activity.
    Create,
    /// One activity.
    Get,
    /// Replace a manual activity.
    Update,
    /// Remove a manual activity.
    Delete,
}

/// A row of the route table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route {
    /// The operation.
    pub operation: Operation,
    /// Its HTTP method.
    pub method: Method,
    /// The path, with `{customerId}` and `{id}` placeholders (the syntax axum mounts directly).
    pub template: &'static str,
    /// The status of a successful answer.
    pub success: u16,
}

/// The path of a customer's activity log.
pub const COLLECTION_TEMPLATE: &str = "/CustomerActivityLogs/{customerId}";
/// The path of one activity.
pub const ITEM_TEMPLATE: &str = "/CustomerActivityLogs/{customerId}/{id}";

/// The route table.
pub const ROUTES: [Route; 5] = [
    Route {
        operation: Operation::List,
        method: Method::Get,
        template: COLLECTION_TEMPLATE,
        success: 200,
    },
    Route {
        operation: Operation::Create,
        method: Method::Post,
        template: COLLECTION_TEMPLATE,
        success: 201,
    },
    Route {
        operation: Operation::Get,
        method: Method::Get,
        template: ITEM_TEMPLATE,
        success: 200,
    },
    Route {
        operation: Operation::Update,
        method: Method::Put,
        template: ITEM_TEMPLATE,
        success: 200,
    },
    Route {
        operation: Operation::Delete,
        method: Method::Delete,
        template: ITEM_TEMPLATE,
        success: 204,
    },
];

impl Operation {
    /// This operation's row of the route table.
    pub fn route(self) -> &'static Route {
        // The table lists every operation once, in declaration order.
        &ROUTES[self as usize]
    }

    /// Whether the path names one activity (`{id}`) as well as the customer.
    pub fn has_id(self) -> bool {
        self.route().template == ITEM_TEMPLATE
    }
}

/// Checks a path parameter: an empty or whitespace-only id, or `.` or `..` (which URL parsers
/// collapse, `%2E` forms included, so no URL can carry them), is refused before any request.
pub fn check_segment(field: Field, value: &str) -> Result<(), ValidationIssue> {
    if value.chars().all(char::is_whitespace) || value == "." || value == ".." {
        Err(ValidationIssue::new(field, IssueDetail::Required))
    } else {
        Ok(())
    }
}

/// The issue for a path parameter holding unpaired UTF-16 surrogates: `invalid_characters`, with
/// a message saying that no URL can carry them (a URL is UTF-8, which has no encoding for them,
/// so sending one would mean changing the id). A Rust string cannot hold one, so the JS shell
/// finds them before it converts the string, and fills `characters` (empty here) with them.
pub fn unpaired_surrogates(field: Field) -> ValidationIssue {
    ValidationIssue {
        field,
        detail: IssueDetail::InvalidCharacters {
            characters: Vec::new(),
        },
        message: concat(&[
            field.label(),
            " holds an unpaired surrogate (half of a UTF-16 pair), which no URL can carry.",
        ]),
    }
}

/// Percent-encodes `value` as one path segment: everything but RFC 3986's unreserved characters
/// (`A-Z a-z 0-9 - . _ ~`) is encoded, so `/`, `?`, `#`, `%`, spaces and non-ASCII reach the
/// server as exactly the characters given.
pub fn encode_segment(value: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in value.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        }
    }
}

/// The full URL of `operation` for these path parameters, under `base` (with or without a path
/// prefix and trailing slash). `id` is ignored by the operations that take none.
pub fn url(
    base: &str,
    operation: Operation,
    customer_id: &str,
    id: &str,
) -> Result<String, ValidationIssue> {
    check_segment(Field::CustomerId, customer_id)?;
    let has_id = operation.has_id();
    if has_id {
        check_segment(Field::Id, id)?;
    }
    let base = base.trim_end_matches('/');
    let mut out = String::with_capacity(base.len() + 32 + customer_id.len() + id.len());
    out.push_str(base);
    out.push_str("/CustomerActivityLogs/");
    encode_segment(customer_id, &mut out);
    if has_id {
        out.push('/');
        encode_segment(id, &mut out);
    }
    Ok(out)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_table_lists_each_operation_once_in_order() {
        for (i, route) in ROUTES.iter().enumerate() {
            assert_eq!(route.operation as usize, i);
            assert_eq!(route.operation.route(), route);
        }
        let row = |op: Operation| {
            let r = op.route();
            (r.method.as_str(), r.template, r.success)
        };
        assert_eq!(
            row(Operation::List),
            ("GET", "/CustomerActivityLogs/{customerId}", 200)
        );
        assert_eq!(
            row(Operation::Create),
            ("POST", "/CustomerActivityLogs/{customerId}", 201)
        );
        assert_eq!(
            row(Operation::Get),
            ("GET", "/CustomerActivityLogs/{customerId}/{id}", 200)
        );
        assert_eq!(
            row(Operation::Update),
            ("PUT", "/CustomerActivityLogs/{customerId}/{id}", 200)
        );
        assert_eq!(
            row(Operation::Delete),
            ("DELETE", "/CustomerActivityLogs/{customerId}/{id}", 204)
        );
    }

    #[test]
    fn base_urls_keep_their_prefix_and_never_double_the_slash() {
        for base in ["https://h/api", "https://h/api/", "https://h/api//"] {
            assert_eq!(
                url(base, Operation::Get, "c1", "a1").unwrap(),
                "https://h/api/CustomerActivityLogs/c1/a1"
            );
        }
        assert_eq!(
            url(DEFAULT_BASE_URL, Operation::List, "c1", "ignored").unwrap(),
            "https://publicapi.getskimmer.com/CustomerActivityLogs/c1"
        );
    }

    #[test]
    fn segments_encode_every_reserved_and_non_ascii_character() {
        assert_eq!(
            url("http://h", Operation::Delete, "a/b?c#d", "50% off é 😀").unwrap(),
            "http://h/CustomerActivityLogs/a%2Fb%3Fc%23d/50%25%20off%20%C3%A9%20%F0%9F%98%80"
        );
        assert_eq!(
            url("http://h", Operation::Get, "%2e%2e", "a/../b").unwrap(),
            "http://h/CustomerActivityLogs/%252e%252e/a%2F..%2Fb"
        );
    }

    #[test]
    fn blank_and_dot_segments_are_refused_naming_the_field() {
        for bad in ["", "  ", "\t", ".", ".."] {
            let issue = url("http://h", Operation::List, bad, "").unwrap_err();
            assert_eq!(
                (issue.field, issue.detail.clone()),
                (Field::CustomerId, IssueDetail::Required)
            );
            let issue = url("http://h", Operation::Update, "c1", bad).unwrap_err();
            assert_eq!(issue.field, Field::Id);
        }
        assert!(url("http://h", Operation::Get, "...", ".a").is_ok());
        assert!(
            url("http://h", Operation::List, "c1", "").is_ok(),
            "list takes no id"
        );
    }

    #[test]
    fn unpaired_surrogates_are_invalid_characters_no_url_can_carry() {
        let issue = unpaired_surrogates(Field::Id);
        assert_eq!(
            (issue.field, issue.detail.code()),
            (Field::Id, "invalid_characters")
        );
        assert_eq!(
            issue.message,
            "Activity id holds an unpaired surrogate (half of a UTF-16 pair), which no URL can \
             carry."
        );
        assert!(unpaired_surrogates(Field::CustomerId)
            .message
            .starts_with("Customer id holds"));
    }

    fn percent_decode(s: &str) -> Vec<u8> {
        let bytes = s.as_bytes();
        let mut out = vec![];
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        out
    }

    proptest! {
        #[test]
        fn an_encoded_segment_is_one_segment_that_decodes_to_the_id(id in any::<String>()) {
            let mut encoded = String::new();
            encode_segment(&id, &mut encoded);
            prop_assert!(encoded.bytes().all(|b| b.is_ascii_graphic()));
            prop_assert!(!encoded.contains(['/', '?', '#']));
            prop_assert_eq!(percent_decode(&encoded), id.as_bytes());
        }
    }
}
