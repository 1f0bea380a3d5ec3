// What every consumer project does with the installed package: validate (validateActivity,
// validateField, the Standard Schema object), then list, create, get, update and delete against
// the emulator: the server at a base URL, or, given a `fetch`, the in-process one
// (skimmer-activity-logs/emulator) at the client's default base URL. Copied into each project by
// the consumer tests; its result is compared with EXPECTED. The checks are about the activity it
// creates, so runs on one customer at once (a page and its worker) cannot disturb each other.

/** The result of a run that went as it should. */
export const EXPECTED = {
  valid: true,
  invalidCodes: ['invalid_characters'],
  schemaIssues: [[['title'], 'invalid_characters']],
  schemaValue: { type: 'Call', title: 'Consumer check' },
  titleMax: 60,
  types: ['Call', 'Text', 'Email', 'Other'],
  listed: true,
  created: { type: 'Call', title: 'Consumer check', createdByName: 'Consumer', isSystemGenerated: false },
  fetched: true,
  updated: { type: 'Email', title: 'Consumer check updated', description: 'Updated', sameId: true },
  deleted: true,
  rateLimit: 500,
};

export async function scenario(api, baseUrl, { customerId = 'cust-1001', apiKey = 'demo-key', fetch } = {}) {
  const input = { type: 'Call', title: 'Consumer check', description: null, authorName: 'Consumer' };
  const valid = api.validateActivity(input);
  const invalid = api.validateField('title', 'Bad_title');
  const standard = api.activityInputSchema['~standard'];
  const schemaInvalid = standard.validate({ type: 'Call', title: 'Bad_title' });
  const schemaValid = standard.validate({ type: 'Call', title: 'Consumer check', description: null });

  const client = new api.ActivityLogClient(fetch ? { apiKey, fetch } : { apiKey, baseUrl });
  const log = await client.list(customerId);
  const made = await client.create(customerId, input);
  const got = await client.get(customerId, made.id);
  const changed = await client.update(customerId, made.id, {
    type: 'Email',
    title: 'Consumer check updated',
    description: 'Updated',
  });
  await client.delete(customerId, made.id);
  const after = await client.list(customerId);

  return {
    valid: valid.valid,
    invalidCodes: invalid.map((issue) => issue.code),
    schemaIssues: (schemaInvalid.issues ?? []).map((issue) => [issue.path, issue.code]),
    schemaValue: schemaValid.value ?? null,
    titleMax: api.TITLE_MAX_LENGTH,
    types: [...api.ACTIVITY_TYPES],
    listed: log.length > 0 && log.every((activity) => activity.customerId === customerId),
    created: {
      type: made.type,
      title: made.title,
      createdByName: made.createdByName,
      isSystemGenerated: made.isSystemGenerated,
    },
    fetched: JSON.stringify(got) === JSON.stringify(made),
    updated: {
      type: changed.type,
      title: changed.title,
      description: changed.description,
      sameId: changed.id === made.id,
    },
    deleted: !after.some((activity) => activity.id === made.id),
    rateLimit: client.rateLimit?.limit ?? null,
  };
}

/**
 * In a page or worker: the emulator URL comes from `?api=…` (unless `fetch` is the in-process
 * emulator's), the customer from `?customer=…`.
 */
export function reportInPage(api, report, { customerId, fetch } = {}) {
  const params = new URL(location.href).searchParams;
  scenario(api, params.get('api'), { customerId: customerId ?? params.get('customer') ?? undefined, fetch }).then(
    (result) => report({ ok: true, result }),
    (error) => report({ ok: false, error: `${error?.name}: ${error?.message}` }),
  );
}
