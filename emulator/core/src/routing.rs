//! Which route a request path and method name: the API's from the library's route table (the
//! one table the client builds its URLs from), and the answers for paths and methods that name
//! none.

use crate::problem::Problem;
use skimmer_activity_logs::routes::{Operation, ROUTES};

/// The route-table template whose shape `path` has (`/CustomerActivityLogs/{customerId}` or
/// `…/{id}`), if any.
pub fn template_of(path: &str) -> Option<&'static str> {
    ROUTES
        .iter()
        .map(|r| r.template)
        .find(|t| crate::pathparams::capture(t, path).is_some())
}

/// The operation of `method` on `template`: the route table's, with `HEAD` answered as `GET`
/// (as HTTP servers do). `None`: the method is not allowed there (405).
pub fn operation(template: &str, method: &str) -> Option<Operation> {
    let method = if method == "HEAD" { "GET" } else { method };
    ROUTES
        .iter()
        .find(|r| r.template == template && r.method.as_str() == method)
        .map(|r| r.operation)
}

/// The methods of the route table on `template`, as `Allow` lists them.
pub fn allowed(template: &str) -> String {
    let methods: Vec<&str> = ROUTES
        .iter()
        .filter(|r| r.template == template)
        .map(|r| r.method.as_str())
        .collect();
    methods.join(", ")
}

/// The 405 answer on `template`, with `Allow`.
pub fn method_not_allowed(method: &str, template: &str) -> Problem {
    let allow = allowed(template);
    Problem::new(405)
        .detail(format!(
            "{method} is not allowed on this route; allowed: {allow}."
        ))
        .header("allow", allow)
}

/// The 404 answer for a path no route has.
pub fn no_route(method: &str, path: &str) -> Problem {
    Problem::new(404).detail(format!(
        "No route for {method} {path}. The API lives under /CustomerActivityLogs/{{customerId}}."
    ))
}

/// The 400 answer for a path segment that is not UTF-8 once percent-decoded.
pub fn not_utf8(name: &str) -> Problem {
    let message = format!("The {name} path segment is not UTF-8 once percent-decoded.");
    Problem::new(400)
        .detail(message.clone())
        .error(name, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use skimmer_activity_logs::routes::{COLLECTION_TEMPLATE, ITEM_TEMPLATE};

    #[test]
    fn paths_find_their_template_and_methods_their_operation() {
        assert_eq!(
            template_of("/CustomerActivityLogs/c%2F1"),
            Some(COLLECTION_TEMPLATE)
        );
        assert_eq!(
            template_of("/CustomerActivityLogs/c/a"),
            Some(ITEM_TEMPLATE)
        );
        for none in [
            "/CustomerActivityLogs",
            "/CustomerActivityLogs/",
            "/CustomerActivityLogs/c/",
            "/CustomerActivityLogs//x",
            "/CustomerActivityLogs/a/b/c",
        ] {
            assert_eq!(template_of(none), None, "{none}");
        }
        assert_eq!(operation(COLLECTION_TEMPLATE, "GET"), Some(Operation::List));
        assert_eq!(
            operation(COLLECTION_TEMPLATE, "HEAD"),
            Some(Operation::List)
        );
        assert_eq!(
            operation(COLLECTION_TEMPLATE, "POST"),
            Some(Operation::Create)
        );
        assert_eq!(operation(ITEM_TEMPLATE, "DELETE"), Some(Operation::Delete));
        assert_eq!(operation(ITEM_TEMPLATE, "POST"), None);
        assert_eq!(operation(ITEM_TEMPLATE, "get"), None);
        assert_eq!(allowed(COLLECTION_TEMPLATE), "GET, POST");
        assert_eq!(allowed(ITEM_TEMPLATE), "GET, PUT, DELETE");
        let response = method_not_allowed("PATCH", ITEM_TEMPLATE).into_response("t");
        assert_eq!(response.status, 405);
        assert_eq!(response.headers.get("allow"), Some("GET, PUT, DELETE"));
    }
}
