#!/usr/bin/env node
// 构建npm without WeChat DevTools: installs the demo's dependency on ../pkg and runs
// miniprogram-ci's packNpm, which writes miniprogram/miniprogram_npm/ exactly as
// DevTools does. miniprogram-ci comes from tests/mp/wechat (pinned there).
// It keeps the process alive (watchers), hence the explicit exit.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const PROJECT = __dirname;
const MINIPROGRAM = path.join(PROJECT, 'miniprogram');
const ci = require(require.resolve('miniprogram-ci', { paths: [path.join(PROJECT, '..', 'tests', 'mp', 'wechat')] }));

// Never read: packNpm only needs a non-empty key option. Upload and preview are not used.
const DUMMY_PRIVATE_KEY = '-----BEGIN RSA PRIVATE KEY-----\nnot-a-key\n-----END RSA PRIVATE KEY-----';

(async () => {
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'], {
    cwd: MINIPROGRAM,
    stdio: 'inherit',
  });
  fs.rmSync(path.join(MINIPROGRAM, 'miniprogram_npm'), { recursive: true, force: true });
  const project = new ci.Project({
    appid: 'touristappid',
    type: 'miniProgram',
    projectPath: PROJECT,
    privateKey: DUMMY_PRIVATE_KEY,
  });
  project.attr = async () => ci.DefaultProjectAttr; // the default asks servicewechat.com
  const warnings = await ci.packNpm(project, { reporter: (info) => console.log('packNpm:', JSON.stringify(info)) });
  if (warnings && warnings.length) console.log('packNpm warnings:', warnings);
  const wasm = path.join(MINIPROGRAM, 'miniprogram_npm', 'wxpay-wasm', 'wxpay_wasm_bg.wasm.br');
  if (!fs.existsSync(wasm)) throw new Error(`packNpm did not produce ${path.relative(PROJECT, wasm)}`);
  console.log(`packNpm: ${path.relative(PROJECT, path.dirname(wasm))}/ ready`);
  process.exit(0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
