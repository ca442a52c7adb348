// The expected paySigns in page/inputs.js, re-derived with Node's crypto (OpenSSL).
'use strict';
const crypto = require('node:crypto');
const helper = require('../page/pay-helper');

module.exports = function checkInputs(inputs) {
  const key = inputs.request.key;
  const md5Text = helper.stringSignTemp(inputs.fields('MD5'), key);
  const hmacText = helper.stringSignTemp(inputs.fields('HMAC-SHA256'), key);
  const md5 = crypto.createHash('md5').update(md5Text).digest('hex').toUpperCase();
  const hmac = crypto.createHmac('sha256', key).update(hmacText).digest('hex').toUpperCase();
  const longText = helper.stringSignTemp(inputs.longFields(), key);
  const long = crypto.createHash('md5').update(longText).digest('hex').toUpperCase();
  if (md5Text !== inputs.stringSignTemp || md5 !== inputs.md5PaySign || hmac !== inputs.hmacPaySign ||
      long !== inputs.longMd5Sign || Math.ceil((longText.length + 9) / 64) !== Math.ceil((md5Text.length + 9) / 64) + 4) {
    throw new Error('bench/page/inputs.js: expected values disagree with Node crypto');
  }
};
