// The workload of the memory tests, the same in Node and in Chromium: `count` calls mixing
// validation (valid, invalid, hostile), client calls that succeed, client calls that fail
// (404, validation) and the rate-limit getter.
export async function workload(api, client, count) {
  const inputs = [
    { type: 'Call', title: 'Memory check', description: 'x'.repeat(200) },
    { type: 'Fax', title: 'Bad_title_'.repeat(10), description: 5 },
    null,
  ];
  for (let i = 0; i < count; i++) {
    switch (i % 6) {
      case 0:
        api.validateActivity(inputs[i % inputs.length]);
        break;
      case 1:
        api.validateField('title', `Title ${i} é`);
        break;
      case 2:
        await client.list('cust-1003');
        break;
      case 3:
        await client.get('cust-1003', 'no-such-activity').catch((e) => e.kind);
        break;
      case 4:
        await client.create('cust-1003', inputs[1]).catch((e) => e.kind);
        break;
      default:
        void client.rateLimit;
    }
  }
}
