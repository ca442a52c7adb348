#!/usr/bin/env node
// The main job of ./build.sh: the whole payment flow, headless. Starts the WeChat Pay
// emulator and the backend on loopback, drives the pay page in the mini-program
// runtime simulator once per signing mode, prints every step and the paid orders,
// and stops the servers. Exits non-zero unless both orders end up paid.
//   node miniprogram-demo/run.js [miniprogram_npm dir]
'use strict';
const path = require('path');
const { startDemo, waitPaid } = require('./flow');

const npmDir = path.resolve(process.argv[2] || path.join(__dirname, 'miniprogram', 'miniprogram_npm'));

async function payOnce(mode) {
  console.log(`\n--- ${mode === 'device' ? '签名在小程序 (paySign made on the device)' : '签名在服务端 (paySign made by the backend)'}`);
  const demo = await startDemo({ miniprogramNpm: npmDir, onStep: (line) => console.log('  ' + line) });
  try {
    demo.page.setData({ mode });
    await demo.page.onPay();
    const { status, statusText, errMsg, orderId, sentParams } = demo.page.data;
    console.log(`  page: ${statusText}${errMsg ? ' — ' + errMsg : ''}`);
    console.log(`  sent to wx.requestPayment: ${JSON.stringify(sentParams)}`);
    if (status !== 'paid') throw new Error(`the page ended ${status}`);
    const order = await waitPaid(demo, orderId);
    console.log(`  order: ${JSON.stringify(order)}`);
    if (order.status !== 'SUCCESS') throw new Error(`order ${orderId} is ${order.status}`);
  } finally {
    await demo.close();
  }
}

(async () => {
  await payOnce('device');
  await payOnce('server');
  console.log('\ndemo flow: both orders paid');
})().catch((e) => {
  console.error(`\ndemo flow FAILED: ${e.message}`);
  process.exit(1);
});
