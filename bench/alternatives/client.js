// A small fetch client of the kind one writes by hand, for the size comparison: the five
// routes, the key header, percent-encoded ids, a per-attempt timeout, retries (429 for every
// method, 5xx for idempotent ones), typed errors, and decoding through the given rules.
export function createClient({ apiKey, baseUrl = 'https://publicapi.getskimmer.com', timeoutMs = 30000, rules }) {
  const base = baseUrl.replace(/\/+$/, '');
  const segment = (id) => {
    if (!String(id).trim() || id === '.' || id === '..')
      throw Object.assign(new Error('invalid id'), { kind: 'validation' });
    return encodeURIComponent(id);
  };
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  async function request(method, path, body, decode) {
    const url = `${base}/CustomerActivityLogs/${path}`;
    for (let attempt = 0; ; attempt++) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      let response;
      try {
        response = await fetch(url, {
          method,
          headers: {
            'skimmer-api-key': apiKey,
            accept: 'application/json',
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
          body: body ? JSON.stringify(body) : undefined,
          signal: controller.signal,
        });
        if (response.ok) {
          if (response.status === 204) return undefined;
          return decode(await response.json());
        }
      } catch (error) {
        if (error.kind) throw error;
        const idempotent = method !== 'POST';
        if (idempotent && attempt < 2 && !controller.signal.aborted) {
          await sleep(500 * 2 ** attempt);
          continue;
        }
        throw Object.assign(new Error(`${method} ${url} failed`), {
          kind: controller.signal.aborted ? 'timeout' : 'network',
          cause: error,
        });
      } finally {
        clearTimeout(timer);
      }
      const retryAfter = Number(response.headers.get('retry-after'));
      if (response.status === 429 && attempt < 5) {
        await sleep((retryAfter || 2 ** attempt) * 1000);
        continue;
      }
      if ([502, 503, 504].includes(response.status) && method !== 'POST' && attempt < 2) {
        await sleep(500 * 2 ** attempt);
        continue;
      }
      const text = await response.text();
      let problem = null;
      try {
        problem = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      throw Object.assign(new Error(`${method} ${url} failed: ${response.status}`), {
        kind: 'api',
        status: response.status,
        problem,
        body: text,
      });
    }
  }

  const checked = (input) => {
    const result = rules.validate(input);
    if (!result.valid) throw Object.assign(new Error('invalid input'), { kind: 'validation', fields: result.fields });
    return result.value;
  };
  return {
    list: (customerId) => request('GET', segment(customerId), null, rules.decodeList),
    get: (customerId, id) => request('GET', `${segment(customerId)}/${segment(id)}`, null, rules.decodeActivity),
    create: (customerId, input) => request('POST', segment(customerId), checked(input), rules.decodeActivity),
    update: (customerId, id, input) =>
      request('PUT', `${segment(customerId)}/${segment(id)}`, checked(input), rules.decodeActivity),
    delete: (customerId, id) => request('DELETE', `${segment(customerId)}/${segment(id)}`, null, () => undefined),
  };
}
