// The one job every contender does: the paySign of wx.requestPayment for WeChat's documented
// example (pay.weixin.qq.com, chapter 7_7 of the JSAPI docs: key is their demo key). The host
// re-derives both expected signatures with Node's crypto before any run (bench/lib/inputs-check.js).
'use strict';

var request = {
  appId: 'wxd678efh567hg6787',
  prepayId: 'wx2017033010242291fcfe0db70013231072',
  key: 'qazwsxedcrfvtgbyhnujmikolp111111',
  timeStamp: '1490840662',
  nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
};

function fields(signType) {
  return {
    appId: request.appId,
    nonceStr: request.nonceStr,
    package: 'prepay_id=' + request.prepayId,
    signType: signType,
    timeStamp: request.timeStamp,
  };
}

// A 6th field that adds exactly four 64-byte MD5 blocks to stringSignTemp (192 + 264 bytes,
// padded: 4 → 8 blocks), to tell per-block hashing cost from fixed per-call cost.
var attach = 'abcdefghijklmnopqrstuvwxyz012345abcdefghijklmnopqrstuvwxyz012345' +
  'abcdefghijklmnopqrstuvwxyz012345abcdefghijklmnopqrstuvwxyz012345' +
  'abcdefghijklmnopqrstuvwxyz012345abcdefghijklmnopqrstuvwxyz012345' +
  'abcdefghijklmnopqrstuvwxyz012345abcdefghijklmnopqrstuvwxyz012345';

function longFields() {
  var f = fields('MD5');
  f.attach = attach;
  return f;
}

module.exports = {
  request: request,
  fields: fields,
  longFields: longFields,
  longMd5Sign: '302D5C9914F0B2ADB4518101E8BD764E',
  // stringSignTemp of the MD5 case: what a hash-only contender hashes (192 bytes).
  stringSignTemp: 'appId=wxd678efh567hg6787&nonceStr=5K8264ILTKCH16CQ2502SI8ZNMTM67VS' +
    '&package=prepay_id=wx2017033010242291fcfe0db70013231072&signType=MD5&timeStamp=1490840662' +
    '&key=qazwsxedcrfvtgbyhnujmikolp111111',
  md5PaySign: '22D9B4E54AB1950F51E0649E8810ACD6',
  hmacPaySign: 'FB9D1EFB5C509131BBFF729F88A99CA2DE9B724D06D3B3262832A53083862BC0',
};
