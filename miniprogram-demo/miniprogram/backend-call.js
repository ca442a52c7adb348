// The demo pages' way to their backend (`node server/start.js`): wx.request and wx.login as
// promises. DEMO ONLY: a production page has its own.
'use strict';
const config = require('./demo-config.js');

function backendUrl() {
  const app = getApp();
  return (app && app.globalData && app.globalData.backendUrl) || config.backendUrl;
}

/** wx.request as a promise; a non-2xx answer rejects with the backend's message. */
function call(method, path, data) {
  return new Promise((resolve, reject) => {
    wx.request({
      url: backendUrl() + path,
      method,
      data,
      header: { 'content-type': 'application/json' },
      success(res) {
        if (res.statusCode >= 200 && res.statusCode < 300) return resolve(res.data);
        const error = (res.data && res.data.error) || {};
        reject(Object.assign(new Error(error.message || '服务器错误 ' + res.statusCode), { code: error.code || 'SERVER_ERROR' }));
      },
      fail(res) {
        reject(Object.assign(new Error('网络请求失败: ' + res.errMsg), { code: 'NETWORK' }));
      },
    });
  });
}

/** wx.login → the code for /api/login. */
function login() {
  return new Promise((resolve, reject) => {
    wx.login({
      success: (res) => resolve(res.code),
      fail: (res) => reject(Object.assign(new Error('登录失败: ' + res.errMsg), { code: 'LOGIN' })),
    });
  });
}

module.exports = { call, login };
