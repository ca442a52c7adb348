// 分 → "¥0.01" without floating point (the pay page and the simulated sheet show amounts).
'use strict';

module.exports = function yuan(fen) {
  var s = String(fen);
  while (s.length < 3) s = '0' + s;
  return '¥' + s.slice(0, -2) + '.' + s.slice(-2);
};
