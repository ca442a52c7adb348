// A tiny Node server as a team ships it bundled (esbuild --bundle --platform=node):
// wxpay-wasm is required at start, and each request gets v2 pay parameters.
'use strict';
const http = require('http');
const wxpay = require('wxpay-wasm');

const server = http.createServer((req, res) => {
  const params = wxpay.buildPayParams({
    appId: 'wxd678efh567hg6787',
    prepayId: 'wx2017033010242291fcfe0db70013231072',
    key: 'qazwsxedcrfvtgbyhnujmikolp111111', // WeChat's documentation demo key
    timeStamp: 1490840662,
    nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
  });
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(params));
});
server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));
