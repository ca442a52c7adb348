// A one-case suite for tests/mp's jsc harness: runs core.js inside the code package and prints
// the results. `__benchHost` (clock, WebAssembly for hash-wasm) is captured by bench/lib/jsc.js
// before the harness's prelude deletes the shell's globals.
'use strict';

module.exports = [{
  name: 'bench',
  run: async function () {
    var config = require('/bench/config.js');
    var result = await require('/bench/core.js').run(__benchHost, config);
    console.log('@@bench ' + JSON.stringify(result));
  },
}];
