// DEMO ONLY: a simulated WeChat payment sheet, so that the demo pays inside WeChat DevTools.
//
// WeChat's real sheet sends the five params to WeChat's servers, which know nothing of the
// local emulator's prepay_id, so in DevTools every demo payment would end in an error. This
// stand-in replaces wx.requestPayment (and only in this demo; app.js installs it): it asks
// the emulator what the order costs, shows a 模拟支付 dialog, and on 确认 hands the five
// params to the emulator, which checks paySign exactly as in the headless flow and sends the
// payment notification. No money moves and no WeChat server is involved. The pay page still
// calls wxpay.requestPayment(params), as a production page does.
// demo-config.js `simulatedPaymentSheet` decides where it is active ('never' turns it off).
'use strict';
var config = require('./demo-config.js');
var yuan = require('./yuan.js');

var PAY_FIELDS = ['timeStamp', 'nonceStr', 'package', 'signType', 'paySign'];

/** Whether the demo simulates the sheet on this platform (the config's 'devtools' | 'always' | 'never'). */
function shouldSimulate(wx, setting) {
  if (setting === 'always') return true;
  if (setting === 'never') return false;
  if (setting !== 'devtools') throw new Error('demo-config simulatedPaymentSheet must be "devtools", "always" or "never"');
  return wx.getSystemInfoSync().platform === 'devtools';
}

function emulatorUrl() {
  var app = getApp();
  return (app && app.globalData && app.globalData.emulatorUrl) || config.emulatorUrl;
}

/** wx.request → Promise of the emulator's JSON answer; a network failure rejects with an errMsg of `api` (requestPayment when left out). */
function ask(wx, method, path, data, api) {
  var failed = (api || 'requestPayment') + ':fail ';
  return new Promise(function (resolve, reject) {
    wx.request({
      url: emulatorUrl() + path,
      method: method,
      data: data,
      header: { 'content-type': 'application/json' },
      success: function (res) {
        if (res.statusCode === 200 && res.data && typeof res.data.errMsg === 'string') resolve(res.data);
        else reject({ errMsg: failed + '模拟器答复异常 (HTTP ' + res.statusCode + ')' });
      },
      fail: function (res) {
        reject({ errMsg: failed + '连不上本地模拟器 ' + emulatorUrl() + ' (先运行 node server/start.js): ' + res.errMsg });
      },
    });
  });
}

/** The sheet's dialog: → whether the user tapped `confirmText`; a failed dialog rejects with an errMsg of `api`. */
function confirmDialog(wx, api, title, content, confirmText) {
  return new Promise(function (resolve, reject) {
    wx.showModal({
      title: title,
      content: content,
      confirmText: confirmText,
      cancelText: '取消',
      success: function (res) { resolve(!!res.confirm); },
      fail: function (res) { reject({ errMsg: api + ':fail ' + res.errMsg }); },
    });
  });
}

/**
 * The stand-in for wx.requestPayment: the same options and answers (requestPayment:ok,
 * requestPayment:fail cancel, requestPayment:fail …). Whatever five fields it gets go to the
 * emulator unchanged: the emulator decides by signType how to check paySign.
 */
function requestPayment(wx, o) {
  var params = { appId: config.appId }; // WeChat knows the mini-program's AppID; the emulator is told it
  PAY_FIELDS.forEach(function (k) { params[k] = o[k]; });
  function answer(ok, res) {
    var cb = ok ? o.success : o.fail;
    if (typeof cb === 'function') cb(res);
    if (typeof o.complete === 'function') o.complete(res);
  }
  ask(wx, 'GET', '/pay/sheet?package=' + encodeURIComponent(String(params.package)))
    .then(function (order) {
      if (order.errMsg !== 'sheet:ok') throw order;
      return confirmDialog(wx, 'requestPayment', '模拟支付 ' + yuan(order.totalFee),
        order.body + '\n\n演示用的模拟支付: 不扣款, 不经过微信服务器。确认后由本地模拟器校验 paySign 并发送支付通知。', '确认支付');
    })
    .then(function (confirmed) {
      if (!confirmed) throw { errMsg: 'requestPayment:fail cancel' };
      return ask(wx, 'POST', '/pay/confirm', params);
    })
    .then(function (res) {
      if (res.errMsg !== 'requestPayment:ok') throw res;
      answer(true, { errMsg: res.errMsg });
    })
    .catch(function (res) {
      answer(false, res && typeof res.errMsg === 'string' ? res : { errMsg: 'requestPayment:fail ' + String(res && res.message || res) });
    });
}

var VIRTUAL_FIELDS = ['signData', 'mode', 'paySig', 'signature'];

/**
 * The stand-in for wx.requestVirtualPayment (虚拟支付): a 模拟虚拟支付 dialog, then the four
 * fields go to the emulator unchanged, which checks paySig (AppKey) and signature (the user's
 * session_key) as WeChat would and pushes 发货 to the backend. Answers as WeChat does:
 * requestVirtualPayment:ok, or {errMsg, errCode} (-2 on 取消).
 */
function requestVirtualPayment(wx, o) {
  var params = {};
  VIRTUAL_FIELDS.forEach(function (k) { params[k] = o[k]; });
  var item = config.virtualPayment.items[0];
  function answer(ok, res) {
    var cb = ok ? o.success : o.fail;
    if (typeof cb === 'function') cb(res);
    if (typeof o.complete === 'function') o.complete(res);
  }
  confirmDialog(wx, 'requestVirtualPayment', '模拟虚拟支付 ' + yuan(item.price),
    item.name + '\n\n演示用的模拟支付: 不扣款。确认后由本地模拟器校验 paySig 和 signature 并推送发货。', '确认支付')
    .then(function (confirmed) {
      if (!confirmed) throw { errMsg: 'requestVirtualPayment:fail cancel', errCode: -2 };
      return ask(wx, 'POST', '/xpay/confirm', params, 'requestVirtualPayment');
    })
    .then(function (res) {
      if (res.errMsg !== 'requestVirtualPayment:ok') throw res;
      answer(true, { errMsg: res.errMsg });
    })
    .catch(function (res) {
      answer(false, res && typeof res.errMsg === 'string' ? res : { errMsg: 'requestVirtualPayment:fail ' + String(res), errCode: -1 });
    });
}

/**
 * The stand-in for wx.requestMerchantTransfer (商家转账): asks the emulator what the bill
 * pays, shows a 模拟确认收款 dialog, and on 确认 posts the three fields to the emulator,
 * which ends the bill SUCCESS and sends MCHTRANSFER.BILL.FINISHED. The same answers as
 * WeChat's (requestMerchantTransfer:ok, :fail cancel, :fail …).
 */
function requestMerchantTransfer(wx, o) {
  var params = { mchId: o.mchId, appId: o.appId, package: o.package };
  function answer(ok, res) {
    var cb = ok ? o.success : o.fail;
    if (typeof cb === 'function') cb(res);
    if (typeof o.complete === 'function') o.complete(res);
  }
  ask(wx, 'GET', '/transfer/sheet?package=' + encodeURIComponent(String(params.package)), undefined, 'requestMerchantTransfer')
    .then(function (bill) {
      if (bill.errMsg !== 'sheet:ok') throw bill;
      return confirmDialog(wx, 'requestMerchantTransfer', '模拟收款 ' + yuan(bill.amount),
        bill.remark + '\n\n演示用的模拟确认收款: 不转账, 不经过微信服务器。确认后由本地模拟器完成转账单并发送转账通知。', '确认收款');
    })
    .then(function (confirmed) {
      if (!confirmed) throw { errMsg: 'requestMerchantTransfer:fail cancel' };
      return ask(wx, 'POST', '/transfer/confirm', params, 'requestMerchantTransfer');
    })
    .then(function (res) {
      if (res.errMsg !== 'requestMerchantTransfer:ok') throw res;
      answer(true, { errMsg: res.errMsg });
    })
    .catch(function (res) {
      answer(false, res && typeof res.errMsg === 'string' ? res : { errMsg: 'requestMerchantTransfer:fail ' + String(res && res.message || res) });
    });
}

/**
 * Replaces wx.requestPayment (and wx.requestMerchantTransfer, wx.requestVirtualPayment) with the simulated sheets where the config says so.
 * → true when installed. Property descriptors of `wx` differ between base libraries, hence
 * defineProperty rather than an assignment.
 */
function install(wx, setting) {
  if (!shouldSimulate(wx, setting === undefined ? config.simulatedPaymentSheet : setting)) return false;
  var simulated = function (o) { requestPayment(wx, o || {}); };
  try {
    Object.defineProperty(wx, 'requestPayment', { value: simulated, writable: true, configurable: true, enumerable: true });
    // Only where this base library has the real one (3.3.0): the page's check of that stays real.
    if (typeof wx.requestMerchantTransfer === 'function') {
      var transfer = function (o) { requestMerchantTransfer(wx, o || {}); };
      Object.defineProperty(wx, 'requestMerchantTransfer', { value: transfer, writable: true, configurable: true, enumerable: true });
    }
  } catch (e) {
    // a frozen wx: reported below
  }
  if (wx.requestPayment !== simulated) {
    console.warn('demo-sheet: wx.requestPayment could not be replaced; WeChat\'s real sheet will open');
    return false;
  }
  // 虚拟支付's sheet as well (the drama page).
  try {
    Object.defineProperty(wx, 'requestVirtualPayment', { value: function (o) { requestVirtualPayment(wx, o || {}); }, writable: true, configurable: true, enumerable: true });
  } catch (e) {
    console.warn('demo-sheet: wx.requestVirtualPayment could not be replaced; WeChat\'s real sheet will open');
  }
  return true;
}

module.exports = { install: install, shouldSimulate: shouldSimulate, requestPayment: requestPayment, requestMerchantTransfer: requestMerchantTransfer, requestVirtualPayment: requestVirtualPayment };
