// Copied from src/js/node/client.js by tools/assemble-pkg.js (./build.sh package): do not edit.
// The API v3 client, made once per merchant (`v3.client(...)`): signs each request,
// sends it with fetch, reads the status before verifying the answer, and parses
// notifications. Hand-written.
//
// Paths, the fields checked before sending, the options' rules and every error are the
// Rust core's (wxpay_wasm::v3, through wasm/web/src/v3.rs); this file lends fetch, a
// timer and JSON. It never retries: a POST sent twice could pay or refund twice, so the
// caller decides, after a query.
'use strict';

/**
 * `makeClient(wasm, guarded, v3)` → `client(options)`; `v3` holds v3.js's merchant,
 * publicKeys, decryptResource and its argument readers.
 */
function makeClient(wasm, guarded, v3) {
  const clientOptions = guarded(wasm.v3ClientOptions);
  const checkApiV3Key = guarded(wasm.v3CheckApiV3Key);
  const callLine = guarded(wasm.v3Call);
  const checkOrder = guarded(wasm.v3CheckOrder);
  const checkRefund = guarded(wasm.v3CheckRefund);
  const transportError = guarded(wasm.v3TransportError);
  const partnerCallLine = guarded(wasm.v3PartnerCall);
  const checkSubMchId = guarded(wasm.v3CheckSubMchId);
  const partnerOrder = guarded(wasm.v3PartnerOrder);
  const checkTransferBill = guarded(wasm.v3CheckTransferBill);
  const checkPlainUserName = guarded(wasm.v3CheckPlainUserName);
  const utf8 = new TextDecoder('utf-8', { fatal: true });

  /** JSON of `data` (UTF-8 bytes or text), or UnexpectedAnswer (with `extra` to report it by). */
  function parsed(data, extra) {
    try {
      return JSON.parse(typeof data === 'string' ? data : utf8.decode(data));
    } catch (e) {
      throw Object.assign(transportError('answer'), extra, { cause: e });
    }
  }

  /**
   * The client: `{mchId, serialNo, privateKey, publicKeys, apiV3Key, baseUrl?, fetch?,
   * timeoutMs?}`, every key read and checked now.
   */
  return function client(options) {
    const what = 'v3.client({mchId, serialNo, privateKey, publicKeys, apiV3Key, baseUrl?, fetch?, timeoutMs?})';
    const o = v3.readFields(v3.argumentObject(options, what), what, [
      ['mchId', 'InvalidMchId'],
      ['serialNo', 'InvalidSerialNo'],
      ['privateKey', 'InvalidPrivateKey'],
      ['publicKeys', 'InvalidPublicKey'],
      ['apiV3Key', 'InvalidApiV3Key'],
      ['baseUrl', 'InvalidBaseUrl'],
      ['fetch', 'InvalidValue'],
      ['timeoutMs', 'InvalidTimeout'],
    ]);
    const merchant = v3.merchant(o);
    const given = o.publicKeys;
    // A key set from v3.publicKeys is shared (add and remove reach this client too).
    const keys = given && typeof given.verifyAnswer === 'function' ? given : v3.publicKeys(given === undefined ? null : given);
    checkApiV3Key(o.apiV3Key);
    const apiV3Key = o.apiV3Key;
    const [origin, timeoutMs] = clientOptions(o.baseUrl, o.timeoutMs);
    const send = o.fetch === undefined ? globalThis.fetch : o.fetch;
    if (typeof send !== 'function') {
      throw new v3.WxPayError('InvalidValue', what + ': fetch must be a function like the global fetch (Node 18 or later has one), not ' + v3.typeName(send));
    }

    /**
     * One signed request → the answer's JSON (null when it has no body). A 2xx answer is
     * verified before it is read; any other status throws ApiError. `wechatpaySerial`:
     * the serial encryptSensitive answered, for a body with encrypted fields.
     */
    async function request(method, url, body, { wechatpaySerial } = {}) {
      const text = body === undefined || body === null ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
      const authorization = merchant.authorization({ method, url, body: text });
      const headers = { Accept: 'application/json', Authorization: authorization, 'User-Agent': 'wxpay-wasm' };
      if (text !== undefined) headers['Content-Type'] = 'application/json';
      if (wechatpaySerial !== undefined) headers['Wechatpay-Serial'] = wechatpaySerial;
      const stop = new AbortController();
      const timer = setTimeout(() => stop.abort(), timeoutMs);
      let answer;
      let bytes;
      try {
        answer = await send(origin + url, { method, headers, body: text, signal: stop.signal });
        // The timer covers the body too: a server can stall after its headers.
        bytes = new Uint8Array(await answer.arrayBuffer());
      } catch (e) {
        throw Object.assign(transportError(stop.signal.aborted ? 'timeout' : 'network'), { cause: e });
      } finally {
        clearTimeout(timer);
      }
      keys.verifyAnswer({ status: answer.status, headers: answer.headers, body: bytes });
      if (bytes.length === 0) return null;
      return parsed(bytes, { status: answer.status, requestId: answer.headers.get('request-id') || undefined });
    }

    /** `METHOD path` → [method, path]. */
    function split(line) {
      const space = line.indexOf(' ');
      return [line.slice(0, space), line.slice(space + 1)];
    }

    /** The core's method and path of `call`. */
    const route = (call, id, transactionId) => split(callLine(call, id, transactionId, merchant.mchId));

    /** JSAPI下单's answer → {prepayId, payParams signed for appId}. */
    function prepaid(answer, appId) {
      if (answer === null || typeof answer.prepay_id !== 'string') throw transportError('answer');
      return { prepayId: answer.prepay_id, payParams: merchant.buildPayParams({ appId, prepayId: answer.prepay_id }) };
    }

    /** 申请退款 of `body` (the caller's object, with `extra` fields added), its fields checked first. */
    async function sendRefund(refund, extra) {
      const body = Object.assign({}, v3.argumentObject(refund, 'refund({out_trade_no or transaction_id, out_refund_no, amount: {refund, total, currency}})'), extra);
      const amount = body.amount || {};
      checkRefund(body.out_trade_no, body.transaction_id, body.out_refund_no, amount.refund, amount.total);
      const [method, path] = route('refund');
      return request(method, path, body);
    }

    /**
     * 查询订单, 关闭订单 and 查询单笔退款 on the paths `routeOf(call, id, transactionId)`
     * answers (the merchant's, or a sub-merchant's); `ids`: the merchant ids 关闭订单 sends.
     */
    const lookups = (routeOf, ids) => ({
      /** 查询订单: `{outTradeNo}` or `{transactionId}` → the transaction (trade_state, amount, …). */
      async queryOrder(which) {
        const q = v3.argumentObject(which, 'queryOrder({outTradeNo} or {transactionId})');
        const [method, path] = routeOf('queryOrder', q.outTradeNo, q.transactionId);
        return request(method, path);
      },
      /** 关闭订单 → null (WeChat Pay answers 204). */
      async closeOrder(outTradeNo) {
        const [method, path] = routeOf('closeOrder', outTradeNo);
        return request(method, path, ids);
      },
      /** 查询单笔退款 → the refund (status, amount, …). */
      async queryRefund(outRefundNo) {
        const [method, path] = routeOf('queryRefund', outRefundNo);
        return request(method, path);
      },
    });

    /**
     * A 服务商 (partner) view for one sub-merchant: the order calls on WeChat Pay's partner
     * paths, this client's mchId as sp_mchid, its keys signing.
     */
    function subMerchant(subMchId) {
      checkSubMchId(subMchId);
      const spMchId = merchant.mchId;
      const ids = { sp_mchid: spMchId, sub_mchid: subMchId };
      const partnerRoute = (call, id, transactionId) => split(partnerCallLine(call, id, transactionId, spMchId, subMchId));
      return Object.freeze({
        spMchId,
        subMchId,
        /**
         * 服务商 JSAPI下单: `{sp_appid, sub_appid?, description, out_trade_no, notify_url,
         * amount: {total}, payer: {sp_openid} or {sub_openid}}` (sp_mchid, sub_mchid added) →
         * {prepayId, payParams signed for sub_appid when the payer is a sub_openid, else sp_appid}.
         */
        async jsapiOrder(order) {
          const shape = 'jsapiOrder({sp_appid, sub_appid?, description, out_trade_no, notify_url, amount: {total}, payer: {sp_openid} or {sub_openid}})';
          const body = Object.assign({}, v3.argumentObject(order, shape), ids);
          const payer = body.payer || {};
          const appId = partnerOrder(subMchId, body.out_trade_no, body.amount && body.amount.total, body.sp_appid, body.sub_appid, payer.sp_openid, payer.sub_openid);
          const [method, path] = partnerRoute('jsapiOrder');
          return prepaid(await request(method, path, body), appId);
        },
        ...lookups(partnerRoute, ids),
        /** 申请退款 for this sub-merchant (sub_mchid added) → the refund. */
        refund: (refund) => sendRefund(refund, { sub_mchid: subMchId }),
      });
    }

    /** `body` with this merchant's mchid: the one the Authorization header names. */
    const withMchId = (body, shape) => Object.assign({}, v3.argumentObject(body, shape), { mchid: merchant.mchId });

    return Object.freeze({
      mchId: merchant.mchId,
      publicKeys: keys,
      /** wx.requestPayment's parameters for a prepay_id: `{appId, prepayId, timeStamp?, nonceStr?}`. */
      buildPayParams: merchant.buildPayParams,
      appPayParams: merchant.appPayParams,
      request,
      subMerchant,
      /** A field WeChat Pay wants encrypted (a payee's name…) → {serial, ciphertext}; send serial with request's wechatpaySerial. */
      encryptSensitive: (plaintext, serial) => keys.encryptSensitive(plaintext, serial),

      /** JSAPI下单: WeChat Pay's JSON body (mchid added) → {prepayId, payParams for wx.requestPayment}. */
      async jsapiOrder(order) {
        const body = withMchId(order, 'jsapiOrder({appid, description, out_trade_no, notify_url, amount: {total}, payer: {openid}})');
        checkOrder(body.out_trade_no, body.amount && body.amount.total);
        const [method, path] = route('jsapiOrder');
        return prepaid(await request(method, path, body), body.appid);
      },

      ...lookups(route, { mchid: merchant.mchId }),

      /** 申请退款: WeChat Pay's JSON body ({out_trade_no or transaction_id, out_refund_no, amount: {refund, total, currency}, …}) → the refund. */
      refund: (refund) => sendRefund(refund, {}),

      /**
       * 下载平台证书: each platform certificate decrypted with the APIv3 key and added to
       * publicKeys under its serial, once all have decrypted → the serials added. The
       * answer is verified with a key already held (the WeChat Pay public key).
       */
      async downloadCertificates() {
        const [method, path] = route('certificates');
        const answer = await request(method, path);
        if (answer === null || !Array.isArray(answer.data)) throw transportError('answer');
        const read = answer.data.map((item) => [item && item.serial_no, v3.decryptResource(item && item.encrypt_certificate, apiV3Key)]);
        for (const [serial, pem] of read) keys.add(serial, pem);
        return read.map(([serial]) => serial);
      },

      /**
       * 商家转账 (发起转账): WeChat Pay's JSON body (mchid is not part of it), `user_name` the
       * payee's name in plain text → `{outBillNo, transferBillNo, state, packageInfo,
       * createTime, pageParams}`, pageParams what the page passes to
       * wx.requestMerchantTransfer (null unless the bill waits for the user).
       */
      async transferBill(bill, { wechatpaySerial } = {}) {
        const body = Object.assign({}, v3.argumentObject(bill, 'transferBill({appid, out_bill_no, transfer_scene_id, openid, transfer_amount, transfer_remark, user_name?, notify_url?, transfer_scene_report_infos})'));
        // The name is encrypted here rather than refused: every peer SDK leaves it to the
        // caller, and a plain name reaching WeChat Pay is the most reported failure of this
        // API. A caller who encrypted it already passes the serial it was encrypted under.
        let serial = wechatpaySerial;
        if (body.user_name !== undefined && body.user_name !== null && serial === undefined) {
          checkPlainUserName(body.user_name);
          const sealed = keys.encryptSensitive(body.user_name);
          body.user_name = sealed.ciphertext;
          serial = sealed.serial;
        }
        checkTransferBill(body.out_bill_no, body.transfer_scene_id, body.transfer_amount, body.transfer_remark, body.user_name);
        const [method, path] = route('transferBill');
        const answer = await request(method, path, body, { wechatpaySerial: serial });
        if (answer === null || typeof answer.out_bill_no !== 'string' || typeof answer.state !== 'string') throw transportError('answer');
        const packageInfo = typeof answer.package_info === 'string' ? answer.package_info : undefined;
        return {
          outBillNo: answer.out_bill_no,
          transferBillNo: answer.transfer_bill_no,
          state: answer.state,
          packageInfo,
          createTime: answer.create_time,
          pageParams: packageInfo === undefined ? null : { mchId: merchant.mchId, appId: body.appid, package: packageInfo },
        };
      },

      /** 商户单号查询转账单 → the bill (state, transfer_amount, fail_reason, …). */
      async queryTransferBill(outBillNo) {
        const [method, path] = route('queryTransferBill', outBillNo);
        return request(method, path);
      },

      /** 撤销转账, before the user confirms → {out_bill_no, transfer_bill_no, state: 'CANCELING', update_time}. */
      async cancelTransferBill(outBillNo) {
        const [method, path] = route('cancelTransferBill', outBillNo);
        return request(method, path);
      },

      /**
       * A notification as received, `{headers, body, now?}` (the raw body, text or bytes):
       * verified, then its resource decrypted → `{id, eventType, createTime, summary,
       * resource}`, resource the decrypted object. Answer WeChat Pay 2xx only after this.
       */
      async parseNotification(received) {
        const what = 'parseNotification({headers, body, now?})';
        const { headers, body, now } = v3.readFields(v3.argumentObject(received, what), what, [
          ['headers', 'InvalidHeaders'],
          ['body', 'InvalidBody'],
          ['now', 'InvalidTimeStamp'],
        ]);
        keys.verify({ headers, body, now });
        const n = parsed(body);
        if (n === null || typeof n !== 'object' || typeof n.resource !== 'object') throw transportError('answer');
        const resource = parsed(v3.decryptResource(n.resource, apiV3Key));
        return { id: n.id, eventType: n.event_type, createTime: n.create_time, summary: n.summary, resource };
      },
    });
  };
}

module.exports = makeClient;
