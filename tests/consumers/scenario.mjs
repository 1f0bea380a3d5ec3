// What every consumer project does with the installed package: validate an input and list a
// seeded customer's log from the emulator. Copied into each project by consumers.test.mjs.
export async function scenario(api, baseUrl) {
  const valid = api.validateActivity({ type: 'Call', title: 'Consumer check', description: null });
  const invalid = api.validateField('title', 'Bad_title');
  const client = new api.ActivityLogClient({ apiKey: 'demo-key', baseUrl });
  const log = await client.list('cust-1001');
  return {
    valid: valid.valid,
    invalidCodes: invalid.map((issue) => issue.code),
    titleMax: api.TITLE_MAX_LENGTH,
    types: [...api.ACTIVITY_TYPES],
    count: log.length,
    firstId: log[0]?.id ?? null,
    rateLimit: client.rateLimit?.limit ?? null,
  };
}

/** In a page or worker: the emulator URL comes from `?api=…`. */
export function reportInPage(api, report) {
  const baseUrl = new URL(location.href).searchParams.get('api');
  scenario(api, baseUrl).then(
    (result) => report({ ok: true, result }),
    (error) => report({ ok: false, error: `${error?.name}: ${error?.message}` }),
  );
}
