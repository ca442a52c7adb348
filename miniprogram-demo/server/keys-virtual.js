// 虚拟支付's AppKeys for the demo (TEST-ONLY): made when the process starts, held in memory,
// shared by the backend (signs paySig) and the emulator (checks it), as mp 后台 → 虚拟支付 →
// 基础配置 shows a real one to its merchant. Never logged, sent to the page or written anywhere.
'use strict';

const crypto = require('crypto');

const demoVirtualKeys = Object.freeze({
  appKey: crypto.randomBytes(24).toString('base64url'),
  sandboxAppKey: crypto.randomBytes(24).toString('base64url'),
});

module.exports = { demoVirtualKeys };
