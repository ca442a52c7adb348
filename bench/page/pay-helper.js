// The pure-JS pipeline, as mini-program code does it today (the pattern of WeChat's docs and of
// most tutorials): fields in an object, names sorted, `k=v` joined by `&`, `&key=` appended,
// hashed by whatever library, uppercased. Every library gets exactly this code around it.
'use strict';

function stringSignTemp(params, key) {
  var names = Object.keys(params).sort();
  var parts = [];
  for (var i = 0; i < names.length; i++) {
    var v = params[names[i]];
    if (names[i] !== 'sign' && v !== undefined && v !== null && v !== '') parts.push(names[i] + '=' + v);
  }
  return parts.join('&') + '&key=' + key;
}

/** hexDigest(text, key) → hex; returns the five fields of wx.requestPayment. */
function payParams(req, hexDigest, signType) {
  var p = {
    appId: req.appId,
    timeStamp: req.timeStamp,
    nonceStr: req.nonceStr,
    package: 'prepay_id=' + req.prepayId,
    signType: signType || 'MD5',
  };
  var paySign = hexDigest(stringSignTemp(p, req.key), req.key).toUpperCase();
  return { timeStamp: p.timeStamp, nonceStr: p.nonceStr, package: p.package, signType: p.signType, paySign: paySign };
}

module.exports = { stringSignTemp: stringSignTemp, payParams: payParams };
