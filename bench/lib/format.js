'use strict';
// Number formatting shared by the tables, the chart and the console.

function time(ns) {
  if (ns === undefined || ns === null || Number.isNaN(ns)) return '–';
  if (ns < 1000) return `${Math.round(ns)} ns`;
  if (ns < 1e6) return `${(ns / 1000).toFixed(ns < 1e4 ? 2 : 1)} µs`;
  return `${(ns / 1e6).toFixed(ns < 1e7 ? 2 : 1)} ms`;
}

function range(lo, hi) {
  const [a, ua] = time(lo).split(' ');
  const b = time(hi);
  return b.endsWith(` ${ua}`) ? `${a}–${b}` : `${time(lo)} – ${b}`;
}

function ratio(x) {
  return `${x.toFixed(x < 10 ? 2 : 1)}×`;
}

function ms(x) {
  return `${x.toFixed(x < 10 ? 2 : 1)} ms`;
}

function bytes(n) {
  return n.toLocaleString('en-US');
}

module.exports = { time, range, ratio, ms, bytes };
