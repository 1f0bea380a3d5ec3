const api = require('skimmer-activity-logs');
const web = require('skimmer-activity-logs/web');

(async () => {
  if (web.validateActivity !== api.validateActivity) throw new Error('./web is another instance');
  await web.default();
  const { scenario } = await import('./scenario.mjs');
  console.log(JSON.stringify(await scenario(api, process.env.EMULATOR_URL)));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
