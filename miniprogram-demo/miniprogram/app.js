// DEMO ONLY: in WeChat DevTools the payment sheet is simulated (demo-sheet.js, switch in
// demo-config.js), so that a payment completes against the local WeChat Pay emulator.
require('./demo-sheet.js').install(wx);

App({});
