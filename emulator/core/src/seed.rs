//! The seeded state: three customers, `cust-1001` to `cust-1003`, whose logs mix manual
//! activities (Call, Text, Email, Other; with and without description and author) and
//! system-generated ones (InvoiceSent, PaymentReceived, JobCompleted … with related entities
//! such as "Invoice #123" and "Job #77"). Ids and timestamps are fixed, so tests and the demo
//! can name them.

use crate::store::Store;
use skimmer_activity_logs::model::{Activity, ActivityKind, RelatedEntityKind};

/// The seeded customers' ids.
pub const CUSTOMERS: [&str; 3] = ["cust-1001", "cust-1002", "cust-1003"];

/// A related entity: id, type, display text.
type Entity = (&'static str, &'static str, &'static str);

struct Row {
    id: &'static str,
    kind: &'static str,
    title: &'static str,
    description: Option<&'static str>,
    system: bool,
    related: Option<Entity>,
    secondary: Option<Entity>,
    created_by: Option<&'static str>,
    created_at: &'static str,
    updated: Option<(&'static str, &'static str)>,
}

const fn manual(
    id: &'static str,
    kind: &'static str,
    title: &'static str,
    description: Option<&'static str>,
    created_by: Option<&'static str>,
    created_at: &'static str,
) -> Row {
    Row {
        id,
        kind,
        title,
        description,
        system: false,
        related: None,
        secondary: None,
        created_by,
        created_at,
        updated: None,
    }
}

const fn system(
    id: &'static str,
    kind: &'static str,
    title: &'static str,
    related: Option<Entity>,
    secondary: Option<Entity>,
    created_at: &'static str,
) -> Row {
    Row {
        id,
        kind,
        title,
        description: None,
        system: true,
        related,
        secondary,
        created_by: Some("System"),
        created_at,
        updated: None,
    }
}

const INVOICE_123: Entity = ("inv-123", "Invoice", "Invoice #123");
const JOB_77: Entity = ("job-77", "Job", "Job #77");
const JOB_81: Entity = ("job-81", "Job", "Job #81");
const QUOTE_310: Entity = ("quote-310", "Quote", "Quote #310");
const INVOICE_130: Entity = ("inv-130", "Invoice", "Invoice #130");
const JOB_90: Entity = ("job-90", "Job", "Job #90");

fn rows() -> Vec<(&'static str, Vec<Row>)> {
    vec![
        (
            "cust-1001",
            vec![
                manual(
                    "act-1001-01",
                    "Call",
                    "Called about cloudy water",
                    Some("Customer reports cloudy water after the storm; booked a visit for Tuesday."),
                    Some("Maria Lopez"),
                    "2026-10-01T14:05:00Z",
                ),
                system(
                    "act-1001-02",
                    "InvoiceSent",
                    "Invoice #123 sent",
                    Some(INVOICE_123),
                    Some(JOB_77),
                    "2026-10-02T09:00:00Z",
                ),
                system(
                    "act-1001-03",
                    "PaymentReceived",
                    "Payment received for Invoice #123",
                    Some(("pay-5521", "Payment", "Payment $245.00")),
                    Some(INVOICE_123),
                    "2026-10-04T16:32:10.250Z",
                ),
                manual(
                    "act-1001-04",
                    "Email",
                    "Sent chemical readings",
                    None,
                    None,
                    "2026-10-05T08:45:00Z",
                ),
                system(
                    "act-1001-05",
                    "JobCompleted",
                    "Job #77 completed",
                    Some(JOB_77),
                    None,
                    "2026-10-06T17:20:00Z",
                ),
                Row {
                    updated: Some(("Maria Lopez", "2026-10-08T10:15:00Z")),
                    ..manual(
                        "act-1001-06",
                        "Text",
                        "Gate code reminder",
                        Some("Gate code changed to 4821. Texted the tech."),
                        Some("Sam Patel"),
                        "2026-10-07T12:00:00Z",
                    )
                },
            ],
        ),
        (
            "cust-1002",
            vec![
                manual(
                    "act-1002-01",
                    "Other",
                    "Equipment inspection",
                    Some("Pump seal worn; recommend replacement within a month."),
                    Some("Dev Okafor"),
                    "2026-10-10T11:30:00Z",
                ),
                system(
                    "act-1002-02",
                    "QuoteSent",
                    "Quote #310 sent",
                    Some(QUOTE_310),
                    None,
                    "2026-10-10T15:00:00Z",
                ),
                system(
                    "act-1002-03",
                    "QuoteApproved",
                    "Quote #310 approved",
                    Some(QUOTE_310),
                    Some(JOB_81),
                    "2026-10-12T09:12:44Z",
                ),
                manual(
                    "act-1002-04",
                    "Call",
                    "Confirmed pump replacement date",
                    None,
                    Some("System"),
                    "2026-10-12T10:00:00Z",
                ),
                system(
                    "act-1002-05",
                    "PaymentMethodAdded",
                    "Card added",
                    Some(("pm-9001", "PaymentMethod", "Visa ending 4242")),
                    None,
                    "2026-10-13T18:03:00Z",
                ),
            ],
        ),
        (
            "cust-1003",
            vec![
                system(
                    "act-1003-01",
                    "JobScheduled",
                    "Job #90 scheduled",
                    Some(JOB_90),
                    None,
                    "2026-10-20T07:00:00Z",
                ),
                manual(
                    "act-1003-02",
                    "Email",
                    "Welcome email",
                    Some("Sent the welcome packet and the service agreement."),
                    Some("Priya Shah"),
                    "2026-10-20T07:30:00Z",
                ),
                system(
                    "act-1003-03",
                    "InvoiceSent",
                    "Invoice #130 sent",
                    Some(INVOICE_130),
                    Some(JOB_90),
                    "2026-10-27T09:00:00Z",
                ),
                system(
                    "act-1003-04",
                    "PaymentFailed",
                    "Payment declined for Invoice #130",
                    Some(("pay-6001", "Payment", "Payment $89.50")),
                    Some(INVOICE_130),
                    "2026-10-28T02:14:09.731Z",
                ),
                manual(
                    "act-1003-05",
                    "Other",
                    "Left door tag",
                    Some("Nobody home; left a door tag about the failed payment."),
                    Some("Dev Okafor"),
                    "2026-10-29T13:40:00Z",
                ),
                system(
                    "act-1003-06",
                    "ServiceAgreementRenewed",
                    "Service agreement renewed",
                    Some(("sa-44", "ServiceAgreement", "Agreement SA-44")),
                    None,
                    "2026-11-01T00:00:00Z",
                ),
            ],
        ),
    ]
}

fn entity(e: Option<Entity>) -> (Option<String>, Option<RelatedEntityKind>, Option<String>) {
    match e {
        Some((id, kind, display)) => (
            Some(id.to_owned()),
            Some(RelatedEntityKind(kind.to_owned())),
            Some(display.to_owned()),
        ),
        None => (None, None, None),
    }
}

fn activity(customer_id: &str, row: Row) -> Activity {
    let (related_entity_id, related_entity_type, related_entity_display) = entity(row.related);
    let (
        secondary_related_entity_id,
        secondary_related_entity_type,
        secondary_related_entity_display,
    ) = entity(row.secondary);
    Activity {
        id: row.id.to_owned(),
        customer_id: customer_id.to_owned(),
        kind: ActivityKind(row.kind.to_owned()),
        title: row.title.to_owned(),
        description: row.description.map(str::to_owned),
        is_system_generated: row.system,
        related_entity_id,
        related_entity_type,
        related_entity_display,
        secondary_related_entity_id,
        secondary_related_entity_type,
        secondary_related_entity_display,
        created_by_name: row.created_by.map(str::to_owned),
        created_at: row.created_at.to_owned(),
        updated_by_name: row.updated.map(|(by, _)| by.to_owned()),
        updated_at: row.updated.map(|(_, at)| at.to_owned()),
    }
}

/// The seeded store, with a budget of `budget` bytes.
pub fn seeded(budget: usize) -> Store {
    let mut store = Store::with_budget(budget);
    for (customer_id, rows) in rows() {
        // A few kilobytes: always within the store's budget.
        let _ = store.append_all(
            customer_id,
            rows.into_iter().map(|row| activity(customer_id, row)),
        );
    }
    store
}

/// A valid system-generated activity with every field set, for fault bodies and tests.
pub fn sample_activity(customer_id: &str, id: &str) -> Activity {
    let mut sample = activity(
        customer_id,
        system(
            "",
            "InvoiceSent",
            "Invoice #123 sent",
            Some(INVOICE_123),
            Some(JOB_77),
            "2026-10-02T09:00:00Z",
        ),
    );
    id.clone_into(&mut sample.id);
    sample.description = Some("Sample activity written by the emulator.".to_owned());
    sample
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_customers_mix_manual_and_system_activities() {
        let store = seeded(crate::limits::MAX_STORE_BYTES);
        assert_eq!(store.customer_ids(), CUSTOMERS);
        for id in CUSTOMERS {
            let customer = store.customer(id).unwrap();
            assert!(customer.len() >= 5);
            assert!(customer.activities().any(|a| a.is_system_generated));
            assert!(customer.activities().any(|a| !a.is_system_generated));
            assert!(customer.activities().all(|a| a.customer_id == id));
        }
        let all: Vec<_> = CUSTOMERS
            .iter()
            .flat_map(|c| store.customer(c).unwrap().activities())
            .collect();
        for kind in [
            "Call",
            "Text",
            "Email",
            "Other",
            "InvoiceSent",
            "PaymentReceived",
            "JobCompleted",
        ] {
            assert!(all.iter().any(|a| a.kind.0 == kind), "{kind}");
        }
        for display in ["Invoice #123", "Job #77", "Payment $245.00"] {
            assert!(all
                .iter()
                .any(|a| a.related_entity_display.as_deref() == Some(display)
                    || a.secondary_related_entity_display.as_deref() == Some(display)));
        }
        assert!(all
            .iter()
            .any(|a| !a.is_system_generated && a.description.is_none()));
        assert!(all.iter().any(|a| a.created_by_name.is_none()));
        assert!(all.iter().any(|a| a.updated_at.is_some()));
    }

    #[test]
    fn every_seeded_manual_activity_passes_validation() {
        use skimmer_activity_logs::validate::{validate_input, RawInput, Value};
        let store = seeded(crate::limits::MAX_STORE_BYTES);
        for customer in CUSTOMERS {
            for a in store.customer(customer).unwrap().activities() {
                if a.is_system_generated {
                    continue;
                }
                let raw = RawInput {
                    activity_type: Value::Text(&a.kind.0),
                    title: Value::Text(&a.title),
                    description: a.description.as_deref().map_or(Value::Null, Value::Text),
                    author_id: Value::Absent,
                    author_name: Value::Absent,
                };
                assert_eq!(validate_input(&raw), vec![], "{}", a.id);
            }
        }
    }
}
