#!/usr/bin/env node
// The main job of ./build.sh: the whole payment flow, headless. Starts the WeChat Pay
// emulator and the backend on loopback, drives the pay page in the mini-program
// runtime simulator once per mode (v2 signed on the device, v2 signed by the server,
// API v3), prints every step and the paid orders, refunds the API v3 one with the page's
// 退款 button (申请退款, then the REFUND.SUCCESS notification), and stops the servers.
// Exits non-zero unless all three orders end up paid and the API v3 one refunded.
//   node miniprogram-demo/run.js [miniprogram_npm dir]
'use strict';
const path = require('path');
const { startDemo, waitPaid } = require('./flow');

const npmDir = path.resolve(process.argv[2] || path.join(__dirname, 'miniprogram', 'miniprogram_npm'));

const TITLES = {
  device: '签名在小程序 (API v2, paySign made on the device)',
  server: '签名在服务端 (API v2, paySign made by the backend)',
  v3: 'API v3 (JSAPI下单 signed with the merchant key, RSA paySign by the backend, encrypted notification)',
};

async function payOnce(mode) {
  console.log(`\n--- ${TITLES[mode]}`);
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
    if (mode === 'v3') {
      await demo.page.onRefund();
      console.log(`  page: ${demo.page.data.refundText}`);
      const refunded = await demo.order(orderId);
      console.log(`  order: ${JSON.stringify(refunded)}`);
      if (refunded.status !== 'REFUND' || refunded.refund.status !== 'SUCCESS') throw new Error(`order ${orderId} was not refunded: ${refunded.status}`);
    }
  } finally {
    await demo.close();
  }
}

(async () => {
  for (const mode of Object.keys(TITLES)) await payOnce(mode);
  console.log('\ndemo flow: all three orders paid, the API v3 one then refunded');
})().catch((e) => {
  console.error(`\ndemo flow FAILED: ${e.message}`);
  process.exit(1);
});
