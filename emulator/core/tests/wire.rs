//! Problem details are written byte for byte the same natively (the HTTP server) and on wasm32
//! (the in-process emulator): the library's one `ProblemDetails` type, with the `problem-wire`
//! feature there. Run on wasm32 by `make test-native` (in Node).

use skimmer_activity_logs::validate::{Field, IssueDetail, ValidationIssue};
use skimmer_emulator_core::problem::Problem;

const TRACE: &str = "00-0123456789abcdef0123456789abcdef-0123456789abcdef-00";

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn problems_are_written_the_same_on_every_target() {
    let validation = Problem::validation(vec![
        ValidationIssue::new(Field::Title, IssueDetail::Required),
        ValidationIssue::new(
            Field::Description,
            IssueDetail::TooLong {
                max: 300,
                actual: 301,
            },
        ),
    ]);
    assert_eq!(
        String::from_utf8(validation.to_json(TRACE)).unwrap(),
        concat!(
            r#"{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","#,
            r#""title":"One or more validation errors occurred.","status":400,"#,
            r#""errors":{"title":["Title is required."],"#,
            r#""description":["Description must be at most 300 characters; it has 301."]},"#,
            r#""issues":[{"field":"title","code":"required","message":"Title is required."},"#,
            r#"{"field":"description","code":"too_long","max":300,"actual":301,"#,
            r#""message":"Description must be at most 300 characters; it has 301."}],"#,
            r#""traceId":"00-0123456789abcdef0123456789abcdef-0123456789abcdef-00"}"#
        )
    );
    let plain = Problem::new(404).detail("No customer has the id \"c\".");
    assert_eq!(
        String::from_utf8(plain.to_json(TRACE)).unwrap(),
        concat!(
            r#"{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.5","title":"Not Found","#,
            r#""status":404,"detail":"No customer has the id \"c\".","#,
            r#""traceId":"00-0123456789abcdef0123456789abcdef-0123456789abcdef-00"}"#
        )
    );
}
