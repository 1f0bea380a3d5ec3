'use strict';
// skimmer-activity-logs for `require`: the CommonJS glue reads the .wasm (the one in the folder
// above) and instantiates it synchronously when it is first required.
//
// `./api.js` is written by tools/build-pkg.mjs: `exports.name = …` for the glue's exports and the
// form constants, which Node's `import` of CommonJS can also name.
module.exports = require('./api.js');
