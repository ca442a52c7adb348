// The package's v3 client (v3.client) against the emulator, over real HTTP on the
// loopback with Node's fetch: a payment from order to refund notification, each way
// WeChat Pay's answer can go wrong ending in its own error code with nothing marked
// paid or refunded, and the core's rules refusing bad fields before anything is sent.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const path = require('path');
const { v3 } = require(path.join(__dirname, '..', '..', 'pkg'));
const { startEmulator } = require('./emulator');
const { demoKeysV3 } = require('./keys-v3');
const { testConfig, logger, postJson, waitFor } = require('./testkit');
const { readBody, listen, closeServer } = require('./http-util');

const OPENID = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';

describe('v3.client against the emulator', () => {
  const keys = demoKeysV3();
  const config = testConfig({ v3: keys.emulator });
  const { log, lines } = logger();
  let emulator;
  let merchantServer;
  let notifyUrl;
  let client;
  /** What the merchant's notify endpoint parsed, and what it refused. */
  const received = [];
  const refused = [];
  /** The merchant's own books: changed only by a verified notification or answer. */
  const ledger = new Map();

  const clientOptions = (more) => Object.assign({
    mchId: config.mchId,
    serialNo: keys.backend.merchantSerialNo,
    privateKey: keys.backend.merchantPrivateKey,
    publicKeys: { [keys.backend.wechatpayPublicKeyId]: keys.backend.wechatpayPublicKey },
    apiV3Key: keys.backend.apiV3Key,
    baseUrl: emulator.url,
    timeoutMs: 2000,
  }, more);

  before(async () => {
    emulator = await startEmulator({ port: 0, config, log });
    // The merchant's notify endpoint: 204 once the client has verified and decrypted it.
    merchantServer = http.createServer(async (req, res) => {
      const body = await readBody(req);
      try {
        const n = await client.parseNotification({ headers: req.headers, body });
        received.push(n);
        if (n.eventType === 'TRANSACTION.SUCCESS') ledger.set(n.resource.out_trade_no, 'PAID');
        if (n.eventType === 'REFUND.SUCCESS') ledger.set(n.resource.out_trade_no, 'REFUNDED');
        if (n.eventType === 'MCHTRANSFER.BILL.FINISHED') ledger.set(n.resource.out_bill_no, n.resource.state);
        res.writeHead(204);
        res.end();
      } catch (e) {
        refused.push(e);
        res.writeHead(401, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ code: 'FAIL', message: e.code }));
      }
    });
    notifyUrl = (await listen(merchantServer, '127.0.0.1', 0)) + '/notify';
    client = v3.client(clientOptions());
  });

  after(async () => {
    await closeServer(merchantServer);
    await emulator.close();
  });

  let serial = 0;
  const outTradeNo = () => `C${Date.now()}${++serial}`;

  /** A new unpaid order at the emulator, placed by the client. */
  async function placeOrder(total = 100) {
    const no = outTradeNo();
    const placed = await client.jsapiOrder({
      appid: config.appId, description: 'client test', out_trade_no: no, notify_url: notifyUrl,
      amount: { total, currency: 'CNY' }, payer: { openid: OPENID },
    });
    ledger.set(no, 'NOTPAY');
    return Object.assign({ outTradeNo: no }, placed);
  }

  /** What the page's wx.requestPayment does with the parameters. */
  const pay = (payParams) => postJson(emulator.url + '/pay/confirm', payParams);

  const fault = (name) => postJson(emulator.url + '/test/v3-fault', { fault: name });

  /** How many v3 requests reached the emulator. */
  const v3Requests = () => lines.filter((l) => l.text.startsWith('[emulator] v3 ← ')).length;

  it('pays, is notified, queries, refunds and is notified of the refund', async () => {
    const order = await placeOrder(100);
    assert.match(order.prepayId, /^wx\d{14}[0-9a-f]{20}$/);
    assert.equal(order.payParams.signType, 'RSA');
    assert.equal(order.payParams.package, 'prepay_id=' + order.prepayId);
    assert.equal(order.payParams.paySign.length, 344);

    const before = await client.queryOrder({ outTradeNo: order.outTradeNo });
    assert.equal(before.trade_state, 'NOTPAY');

    assert.equal((await pay(order.payParams)).json.errMsg, 'requestPayment:ok');
    const paid = await waitFor(() => received.find((n) => n.eventType === 'TRANSACTION.SUCCESS' && n.resource.out_trade_no === order.outTradeNo), { what: 'the payment notification' });
    assert.equal(paid.resource.trade_state, 'SUCCESS');
    assert.equal(paid.resource.amount.total, 100);
    assert.equal(paid.resource.mchid, config.mchId);
    assert.equal(ledger.get(order.outTradeNo), 'PAID');

    const byNo = await client.queryOrder({ outTradeNo: order.outTradeNo });
    const byId = await client.queryOrder({ transactionId: paid.resource.transaction_id });
    assert.equal(byNo.trade_state, 'SUCCESS');
    assert.deepEqual(byId, byNo);

    const outRefundNo = 'R' + order.outTradeNo;
    const refund = await client.refund({
      out_trade_no: order.outTradeNo, out_refund_no: outRefundNo, reason: 'client test', notify_url: notifyUrl,
      amount: { refund: 100, total: 100, currency: 'CNY' },
    });
    assert.equal(refund.out_refund_no, outRefundNo);
    assert.equal(refund.status, 'PROCESSING');
    const refunded = await waitFor(() => received.find((n) => n.eventType === 'REFUND.SUCCESS' && n.resource.out_refund_no === outRefundNo), { what: 'the refund notification' });
    assert.equal(refunded.resource.refund_status, 'SUCCESS');
    assert.equal(refunded.resource.amount.refund, 100);
    assert.equal(ledger.get(order.outTradeNo), 'REFUNDED');
    assert.equal((await client.queryRefund(outRefundNo)).status, 'SUCCESS');
    assert.equal((await client.queryOrder({ outTradeNo: order.outTradeNo })).trade_state, 'REFUND');
    assert.deepEqual(refused, []);
  });

  it('closes an unpaid order (204 → null), which then cannot be paid', async () => {
    const order = await placeOrder(1);
    assert.equal(await client.closeOrder(order.outTradeNo), null);
    assert.equal((await client.queryOrder({ outTradeNo: order.outTradeNo })).trade_state, 'CLOSED');
    assert.equal((await pay(order.payParams)).json.err_desc, '订单已关闭');
  });

  describe('服务商 (partner) mode: client.subMerchant(subMchId)', () => {
    const SUB_MCH_ID = '1900000109';
    const SUB_APPID = 'wxd678efh567hg6999';
    const SUB_OPENID = 'oUpF8uN95-Ptaags6E4s4C2SxAak';
    /** Whether `payParams` were signed for `appId` (what the paying mini-program's wx.requestPayment checks). */
    const signedFor = (appId, p) => crypto.verify('sha256', Buffer.from(`${appId}\n${p.timeStamp}\n${p.nonceStr}\n${p.package}\n`),
      keys.emulator.merchantPublicKey, Buffer.from(p.paySign, 'base64'));
    const partnerOrder = (no, total, more) => Object.assign({
      sp_appid: config.appId, description: 'partner test', out_trade_no: no, notify_url: notifyUrl, amount: { total, currency: 'CNY' },
    }, more);

    it('a sub_openid pays in the sub-merchant\'s mini-program: signed for sub_appid, queried, refunded, notified with both merchants', async () => {
      const shop = client.subMerchant(SUB_MCH_ID);
      assert.deepEqual([shop.spMchId, shop.subMchId], [config.mchId, SUB_MCH_ID]);
      const no = outTradeNo();
      const placed = await shop.jsapiOrder(partnerOrder(no, 30, { sub_appid: SUB_APPID, payer: { sub_openid: SUB_OPENID } }));
      ledger.set(no, 'NOTPAY');
      assert.ok(signedFor(SUB_APPID, placed.payParams), 'paySign names sub_appid');
      assert.ok(!signedFor(config.appId, placed.payParams));
      assert.equal((await shop.queryOrder({ outTradeNo: no })).trade_state, 'NOTPAY');
      // The direct path (mchid only) does not reach a sub-merchant's order.
      await assert.rejects(client.queryOrder({ outTradeNo: no }), { code: 'ApiError', status: 404, wechatpayCode: 'ORDER_NOT_EXIST' });

      assert.equal((await pay(placed.payParams)).json.errMsg, 'requestPayment:ok');
      const paid = await waitFor(() => received.find((n) => n.eventType === 'TRANSACTION.SUCCESS' && n.resource.out_trade_no === no), { what: 'the payment notification' });
      const r = paid.resource;
      assert.deepEqual([r.sp_mchid, r.sub_mchid, r.sp_appid, r.sub_appid, r.payer], [config.mchId, SUB_MCH_ID, config.appId, SUB_APPID, { sub_openid: SUB_OPENID }]);
      assert.equal(r.mchid, undefined);
      assert.equal(ledger.get(no), 'PAID');
      const byId = await shop.queryOrder({ transactionId: r.transaction_id });
      assert.deepEqual([byId.trade_state, byId.sub_mchid, byId.out_trade_no], ['SUCCESS', SUB_MCH_ID, no]);

      const refund = await shop.refund({ out_trade_no: no, out_refund_no: 'R' + no, notify_url: notifyUrl, amount: { refund: 30, total: 30, currency: 'CNY' } });
      assert.equal(refund.status, 'PROCESSING');
      const refunded = await waitFor(() => received.find((n) => n.eventType === 'REFUND.SUCCESS' && n.resource.out_refund_no === 'R' + no), { what: 'the refund notification' });
      assert.deepEqual([refunded.resource.sp_mchid, refunded.resource.sub_mchid], [config.mchId, SUB_MCH_ID]);
      assert.equal(ledger.get(no), 'REFUNDED');
      assert.equal((await shop.queryRefund('R' + no)).status, 'SUCCESS');
      await assert.rejects(client.queryRefund('R' + no), { code: 'ApiError', status: 404 }, 'without sub_mchid the refund is not found');
      assert.deepEqual(refused, []);
    });

    it('an sp_openid pays in the 服务商\'s mini-program: signed for sp_appid; close; refusals before sending', async () => {
      const shop = client.subMerchant(SUB_MCH_ID);
      const no = outTradeNo();
      const placed = await shop.jsapiOrder(partnerOrder(no, 5, { sub_appid: SUB_APPID, payer: { sp_openid: OPENID } }));
      assert.ok(signedFor(config.appId, placed.payParams), 'paySign names sp_appid');
      assert.equal(await shop.closeOrder(no), null);
      assert.equal((await shop.queryOrder({ outTradeNo: no })).trade_state, 'CLOSED');
      assert.equal((await pay(placed.payParams)).json.err_desc, '订单已关闭');

      const sent = v3Requests();
      await assert.rejects(shop.jsapiOrder(partnerOrder(outTradeNo(), 5, { payer: { sub_openid: SUB_OPENID } })), { code: 'InvalidPayer', message: /needs sub_appid/ });
      await assert.rejects(shop.jsapiOrder(partnerOrder(outTradeNo(), 5, { payer: {} })), { code: 'InvalidPayer' });
      await assert.rejects(shop.jsapiOrder(partnerOrder(outTradeNo(), 0.5, { payer: { sp_openid: OPENID } })), { code: 'InvalidAmount' });
      assert.throws(() => client.subMerchant('19000001O9'), { code: 'InvalidSubMchId' });
      assert.throws(() => client.subMerchant(undefined), { code: 'InvalidSubMchId' });
      assert.equal(v3Requests(), sent, 'nothing was sent');
      // Another sub-merchant of the same 服务商 does not see this one's orders.
      await assert.rejects(client.subMerchant('1900000110').queryOrder({ outTradeNo: no }), { code: 'ApiError', status: 404 });
    });
  });

  describe('each fault of an answer ends in its own error, and nothing is marked paid', () => {
    const cases = {
      'sign-error': { code: 'ApiError', status: 401, wechatpayCode: 'SIGN_ERROR' },
      'server-error': { code: 'ApiError', status: 500, wechatpayCode: 'SYSTEM_ERROR' },
      hang: { code: 'Timeout' },
      stall: { code: 'Timeout' },
      unsigned: { code: 'MissingHeader' },
      tampered: { code: 'InvalidSignature' },
      stale: { code: 'TimestampOutOfWindow' },
      'unknown-serial': { code: 'UnknownSerial' },
    };
    for (const [name, expected] of Object.entries(cases)) {
      it(name, async () => {
        const order = await placeOrder();
        const quick = expected.code === 'Timeout' ? v3.client(clientOptions({ timeoutMs: 300 })) : client;
        await fault(name);
        await assert.rejects(quick.queryOrder({ outTradeNo: order.outTradeNo }), (e) => {
          assert.equal(e.name, 'WxPayError');
          for (const [k, v] of Object.entries(expected)) assert.equal(e[k], v, k);
          return true;
        });
        assert.equal(ledger.get(order.outTradeNo), 'NOTPAY');
        assert.equal(emulator.orders.get(order.outTradeNo).status, 'NOTPAY');
        // The fault was for one answer only: the same query now verifies.
        assert.equal((await client.queryOrder({ outTradeNo: order.outTradeNo })).trade_state, 'NOTPAY');
      });
    }
  });

  it('a refund whose answer is tampered with is refused and not booked; one that hangs is not sent again', async () => {
    const order = await placeOrder(50);
    await pay(order.payParams);
    await waitFor(() => ledger.get(order.outTradeNo) === 'PAID', { what: 'the payment notification' });
    const refund = (no) => ({ out_trade_no: order.outTradeNo, out_refund_no: no, amount: { refund: 10, total: 50, currency: 'CNY' } });

    await fault('tampered');
    await assert.rejects(client.refund(refund('T' + order.outTradeNo)), { code: 'InvalidSignature' });
    assert.equal(ledger.get(order.outTradeNo), 'PAID');

    const quick = v3.client(clientOptions({ timeoutMs: 300 }));
    await fault('hang');
    const sent = v3Requests();
    await assert.rejects(quick.refund(refund('H' + order.outTradeNo)), (e) => e.code === 'Timeout' && /query it/.test(e.message));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(v3Requests(), sent + 1, 'the POST was sent once');
    assert.equal(ledger.get(order.outTradeNo), 'PAID');
    await assert.rejects(client.queryRefund('H' + order.outTradeNo), { code: 'ApiError', status: 404, wechatpayCode: 'RESOURCE_NOT_EXISTS' });
  });

  it('request() signs any call; the fetch option is used, and Accept: application/json is sent', async () => {
    const order = await placeOrder(1);
    const url = `/v3/pay/transactions/out-trade-no/${order.outTradeNo}?mchid=${config.mchId}`;
    assert.equal((await client.request('GET', url)).trade_state, 'NOTPAY');
    const seen = [];
    const html = v3.client(clientOptions({
      fetch: (target, init) => {
        seen.push(target);
        return fetch(target, Object.assign({}, init, { headers: Object.assign({}, init.headers, { Accept: 'text/html' }) }));
      },
    }));
    await assert.rejects(html.request('GET', url), { code: 'ApiError', status: 400, wechatpayCode: 'PARAM_ERROR' });
    assert.deepEqual(seen, [emulator.url + url]);
    await assert.rejects(client.request('get', url), { code: 'InvalidMethod' });
    await assert.rejects(client.request('GET', emulator.url + url), { code: 'InvalidUrl' });
  });

  it("encrypts a payee's name for a transfer with WeChat Pay's public key, sent with its serial", async () => {
    const name = '张三';
    const sealed = client.encryptSensitive(name);
    assert.equal(sealed.serial, keys.backend.wechatpayPublicKeyId);
    assert.equal(Buffer.from(sealed.ciphertext, 'base64').length, 256);
    const bill = (no, userName) => ({
      appid: config.appId, out_bill_no: no, transfer_scene_id: '1000', openid: OPENID, user_name: userName,
      transfer_amount: 3000, transfer_remark: 'client test',
    });
    const path = '/v3/fund-app/mch-transfer/transfer-bills';
    const answer = await client.request('POST', path, bill('B1', sealed.ciphertext), { wechatpaySerial: sealed.serial });
    assert.equal(answer.state, 'WAIT_USER_CONFIRM');
    assert.equal(emulator.transfers.get('B1').userName, name);
    await assert.rejects(client.request('POST', path, bill('B2', name), { wechatpaySerial: sealed.serial }), { code: 'ApiError', status: 400, wechatpayMessage: '请确认待处理的消息是否为加密后的密文' });
    assert.equal(emulator.transfers.has('B2'), false);
    assert.throws(() => client.encryptSensitive(''), { code: 'InvalidSensitiveField' });
    assert.throws(() => client.encryptSensitive('名'.repeat(72)), { code: 'InvalidSensitiveField', message: /214 bytes/ });
    assert.throws(() => client.encryptSensitive(name, 'PUB_KEY_ID_0000'), { code: 'UnknownSerial' });
  });

  describe('商家转账: transferBill, the page\'s sheet, the notification, query and cancel', () => {
    let bills = 0;
    const bill = (more) => Object.assign({
      appid: config.appId, out_bill_no: `T${Date.now()}${++bills}`, transfer_scene_id: '1000', openid: OPENID,
      transfer_amount: 500, transfer_remark: '提现', notify_url: notifyUrl,
      transfer_scene_report_infos: [{ info_type: '活动名称', info_content: '提现' }],
    }, more);
    /** What the page's wx.requestMerchantTransfer does with pageParams, as the demo's stand-in sheet. */
    const confirmTransfer = (pageParams) => postJson(emulator.url + '/transfer/confirm', pageParams);
    const finished = (no) => waitFor(() => received.find((n) => n.eventType === 'MCHTRANSFER.BILL.FINISHED' && n.resource.out_bill_no === no), { what: 'the transfer notification' });

    it('creates a bill with the plain name encrypted, the user confirms, the notification says SUCCESS', async () => {
      const b = bill({ user_name: '张三' });
      const created = await client.transferBill(b);
      assert.equal(created.outBillNo, b.out_bill_no);
      assert.equal(created.state, 'WAIT_USER_CONFIRM');
      assert.match(created.transferBillNo, /^\d+$/);
      assert.deepEqual(created.pageParams, { mchId: config.mchId, appId: config.appId, package: created.packageInfo });
      assert.equal(b.user_name, '张三', 'the caller\'s bill is not changed');
      assert.equal(emulator.transfers.get(b.out_bill_no).userName, '张三', 'WeChat Pay\'s key opens the name');
      assert.equal((await client.queryTransferBill(b.out_bill_no)).state, 'WAIT_USER_CONFIRM');

      assert.equal((await confirmTransfer(created.pageParams)).json.errMsg, 'requestMerchantTransfer:ok');
      const n = await finished(b.out_bill_no);
      assert.equal(n.resource.state, 'SUCCESS');
      assert.equal(n.resource.transfer_amount, 500);
      assert.equal(n.resource.transfer_bill_no, created.transferBillNo);
      assert.equal(ledger.get(b.out_bill_no), 'SUCCESS');
      assert.equal((await client.queryTransferBill(b.out_bill_no)).state, 'SUCCESS');
      await assert.rejects(client.cancelTransferBill(b.out_bill_no), { code: 'ApiError', status: 400, wechatpayCode: 'INVALID_REQUEST' });
      assert.deepEqual(refused, []);
    });

    it('cancels a bill the user has not confirmed: CANCELING, then CANCELLED; the sheet then fails', async () => {
      const b = bill();
      const created = await client.transferBill(b);
      const cancelling = await client.cancelTransferBill(b.out_bill_no);
      assert.equal(cancelling.state, 'CANCELING');
      assert.equal((await finished(b.out_bill_no)).resource.state, 'CANCELLED');
      assert.equal((await client.queryTransferBill(b.out_bill_no)).state, 'CANCELLED');
      assert.equal((await confirmTransfer(created.pageParams)).json.errMsg, 'requestMerchantTransfer:fail');
      assert.equal(ledger.get(b.out_bill_no), 'CANCELLED');
    });

    it('a name already encrypted goes with its serial; without one, or a plain name passed as encrypted, it is refused before sending', async () => {
      const sealed = client.encryptSensitive('李四');
      const b = bill({ user_name: sealed.ciphertext });
      await assert.rejects(client.transferBill(b), { code: 'InvalidUserName', message: /no Wechatpay-Serial/ });
      assert.equal((await client.transferBill(b, { wechatpaySerial: sealed.serial })).state, 'WAIT_USER_CONFIRM');
      assert.equal(emulator.transfers.get(b.out_bill_no).userName, '李四');
      await assert.rejects(client.transferBill(bill({ user_name: '王五' }), { wechatpaySerial: sealed.serial }), { code: 'InvalidUserName', message: /请确认待处理的消息是否为加密后的密文/ });
    });

    it('a tampered answer is refused and a hung one is not sent again; the bill is found by query', async () => {
      const b = bill();
      await fault('tampered');
      await assert.rejects(client.transferBill(b), { code: 'InvalidSignature' });
      assert.equal(ledger.has(b.out_bill_no), false);
      const quick = v3.client(clientOptions({ timeoutMs: 300 }));
      const hung = bill();
      await fault('hang');
      const sent = v3Requests();
      await assert.rejects(quick.transferBill(hung), { code: 'Timeout' });
      assert.equal(v3Requests(), sent + 1, 'the POST was sent once');
      await assert.rejects(client.queryTransferBill(hung.out_bill_no), { code: 'ApiError', status: 404, wechatpayCode: 'NOT_FOUND' });
      // The same bill again after a query: WeChat Pay answers the one bill, never two.
      const first = await client.transferBill(b);
      assert.deepEqual(await client.transferBill(b), first);
      await assert.rejects(client.transferBill(Object.assign({}, b, { transfer_amount: 501 })), { code: 'ApiError', wechatpayCode: 'INVALID_REQUEST' });
    });

    it("refuses what WeChat Pay would refuse before sending, with the core's messages", async () => {
      const sent = v3Requests();
      await assert.rejects(client.transferBill(bill({ out_bill_no: 'T_1' })), { code: 'InvalidOutBillNo', message: /letters and digits/ });
      await assert.rejects(client.transferBill(bill({ transfer_amount: 0.5 })), { code: 'InvalidAmount', message: /transfer_amount .* fen/ });
      await assert.rejects(client.transferBill(bill({ transfer_scene_id: 1000 })), { code: 'InvalidTransferSceneId', message: /as text/ });
      await assert.rejects(client.transferBill(bill({ transfer_remark: '提'.repeat(33) })), { code: 'InvalidTransferRemark' });
      await assert.rejects(client.transferBill(bill({ transfer_amount: 200000 })), { code: 'InvalidUserName', message: /2,000 yuan/ });
      await assert.rejects(client.queryTransferBill('../x'), { code: 'InvalidOutBillNo' });
      await assert.rejects(client.cancelTransferBill(''), { code: 'InvalidOutBillNo' });
      assert.equal(v3Requests(), sent, 'nothing reached WeChat Pay');
    });
  });

  it('downloads platform certificates into its key set; a merchant without them gets WeChat Pay\'s 404', async () => {
    await assert.rejects(client.downloadCertificates(), { code: 'ApiError', status: 404, wechatpayCode: 'RESOURCE_NOT_EXISTS', message: /WeChat Pay public key/ });
    // TEST-ONLY certificate and key of the shared vectors.
    const k = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'tests', 'vectors', 'v3.json'), 'utf8')).keys;
    const v3Keys = Object.assign({}, keys.emulator, { platformCertificate: k.platformCertificate, platformSerialNo: k.platformSerialNo });
    const older = await startEmulator({ port: 0, config: testConfig({ v3: v3Keys }) });
    try {
      const holder = v3.client(clientOptions({ baseUrl: older.url }));
      assert.deepEqual(await holder.downloadCertificates(), [k.platformSerialNo]);
      assert.deepEqual(holder.publicKeys.serials(), [keys.backend.wechatpayPublicKeyId, k.platformSerialNo]);
      const sealed = holder.encryptSensitive('张三', k.platformSerialNo);
      const opened = crypto.privateDecrypt({ key: k.platformPrivateKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from(sealed.ciphertext, 'base64'));
      assert.equal(opened.toString('utf8'), '张三', 'the certificate added is the one WeChat Pay sent');
      const wrongKey = v3.client(clientOptions({ baseUrl: older.url, apiV3Key: 'TestOnlyNotThisMerchantsKey00000' }));
      await assert.rejects(wrongKey.downloadCertificates(), { code: 'DecryptFailed' });
      assert.deepEqual(wrongKey.publicKeys.serials(), [keys.backend.wechatpayPublicKeyId], 'nothing added');
    } finally {
      await older.close();
    }
  });

  it('WeChat Pay out of reach is NetworkError, with the cause', async () => {
    const gone = http.createServer();
    const url = await listen(gone, '127.0.0.1', 0);
    await closeServer(gone);
    const offline = v3.client(clientOptions({ baseUrl: url }));
    await assert.rejects(offline.queryOrder({ outTradeNo: 'C123456' }), (e) => e.code === 'NetworkError' && e.cause instanceof Error);
  });

  it("refuses fields WeChat Pay would refuse before sending anything, with the core's messages", async () => {
    const sent = v3Requests();
    const order = { appid: config.appId, description: 'x', out_trade_no: outTradeNo(), notify_url: notifyUrl, payer: { openid: OPENID } };
    await assert.rejects(client.jsapiOrder(Object.assign({}, order, { amount: { total: 0.01 } })), { code: 'InvalidAmount', message: /amount\.total .* fen/ });
    await assert.rejects(client.jsapiOrder(Object.assign({}, order, { amount: { total: '100' } })), { code: 'InvalidAmount' });
    await assert.rejects(client.jsapiOrder(Object.assign({}, order, { out_trade_no: 'no 1', amount: { total: 1 } })), { code: 'InvalidOutTradeNo' });
    await assert.rejects(client.jsapiOrder(Object.assign({}, order, { out_trade_no: '3f2504e0-4f89-11d3-9a0c-0305e82c3301', amount: { total: 1 } })), { code: 'InvalidOutTradeNo', message: /UUID/ });
    const refund = { out_trade_no: 'C123456', out_refund_no: 'R1', amount: { refund: 101, total: 100, currency: 'CNY' } };
    await assert.rejects(client.refund(refund), { code: 'InvalidAmount', message: /more than amount\.total/ });
    await assert.rejects(client.refund(Object.assign({}, refund, { out_trade_no: undefined })), { code: 'MissingOrderId' });
    await assert.rejects(client.refund(Object.assign({}, refund, { out_refund_no: 'R#1' })), { code: 'InvalidOutRefundNo' });
    await assert.rejects(client.queryOrder({}), { code: 'MissingOrderId' });
    await assert.rejects(client.queryOrder({ transactionId: '4200/../x' }), { code: 'InvalidTransactionId' });
    await assert.rejects(client.closeOrder('../refund'), { code: 'InvalidOutTradeNo' });
    await assert.rejects(client.queryRefund(''), { code: 'InvalidOutRefundNo' });
    assert.equal(v3Requests(), sent, 'nothing reached WeChat Pay');
  });

  it('refuses bad options when made, and a parsed notification body', async () => {
    assert.throws(() => v3.client(clientOptions({ baseUrl: 'http://api.mch.weixin.qq.com' })), { code: 'InvalidBaseUrl' });
    assert.throws(() => v3.client(clientOptions({ baseUrl: 'https://api.mch.weixin.qq.com/v3' })), { code: 'InvalidBaseUrl' });
    assert.throws(() => v3.client(clientOptions({ timeoutMs: 0 })), { code: 'InvalidTimeout' });
    assert.throws(() => v3.client(clientOptions({ apiV3Key: 'short' })), { code: 'InvalidApiV3Key' });
    assert.throws(() => v3.client(clientOptions({ publicKeys: undefined })), { code: 'InvalidPublicKey' });
    assert.throws(() => v3.client(clientOptions({ fetch: 'fetch' })), { code: 'InvalidValue' });
    assert.throws(() => v3.client(clientOptions({ mchId: 'mch' })), { code: 'InvalidMchId' });
    const shared = v3.publicKeys({ [keys.backend.wechatpayPublicKeyId]: keys.backend.wechatpayPublicKey });
    assert.equal(v3.client(clientOptions({ publicKeys: shared })).publicKeys, shared);
    await assert.rejects(client.parseNotification({ headers: {}, body: { id: 'x' } }), { code: 'InvalidBody', message: /raw body/ });
  });
});
