// Starts the demo's WeChat Pay API v3 emulator on the loopback for this crate's test,
// with API v3 keys made now (TEST-ONLY, never written anywhere), and prints one JSON
// line: its URL, the AppID and merchant id it knows, and the merchant's side of the
// keys. It stops when the test closes its standard input (or kills it).
// --platform-certificate: it also serves GET /v3/certificates, with the TEST-ONLY
// platform certificate of tests/vectors/v3.json (a merchant from before the public key).
'use strict';

const path = require('path');
const server = path.join(__dirname, '..', '..', '..', 'miniprogram-demo', 'server');
const demoConfig = require(path.join(server, '..', 'miniprogram', 'demo-config'));
const { startEmulator } = require(path.join(server, 'emulator'));
const { demoKeysV3 } = require(path.join(server, 'keys-v3'));

(async () => {
  const keys = demoKeysV3();
  if (process.argv.includes('--platform-certificate')) {
    const vectors = require(path.join(__dirname, '..', '..', 'vectors', 'v3.json')).keys;
    Object.assign(keys.emulator, { platformCertificate: vectors.platformCertificate, platformSerialNo: vectors.platformSerialNo });
  }
  const emulatorOptions = Object.assign({}, demoConfig.emulator, { port: 0, notifyRetryDelaysMs: [] });
  const config = Object.assign({}, demoConfig, { httpTimeoutMs: 3000, emulator: emulatorOptions, v3: keys.emulator });
  const emulator = await startEmulator({ port: 0, config });
  process.stdout.write(JSON.stringify({ url: emulator.url, appId: config.appId, mchId: config.mchId, keys: keys.backend }) + '\n');
  process.stdin.resume();
  process.stdin.on('end', () => emulator.close().then(() => process.exit(0)));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
