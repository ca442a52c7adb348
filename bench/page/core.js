// The benchmark proper: the same file in every engine (the simulator's page realm in Node,
// a Chromium page, JavaScriptCore without JIT). Plain ES2017 and no host API: the host hands in
// `now()` (ms), for hash-wasm only WebAssembly and a TextEncoder (a mini-program's page realm
// has neither), optionally `progress(text)` and `extras` (host-side contenders).
'use strict';

var contenders = require('./contenders.js').contenders;

function batch(c, n, now) {
  var fn = c.fn;
  var r;
  var t0 = now();
  for (var i = 0; i < n; i++) r = fn();
  var t = now() - t0;
  if (!c.ok(r)) throw new Error(c.label + ' gave a wrong result while timed: ' + JSON.stringify(r));
  return t;
}

/** Smallest step of the clock seen (ms): the page-side timer resolution. */
function resolution(now) {
  var best = Infinity;
  for (var k = 0; k < 50; k++) {
    var a = now();
    var b = now();
    while (b === a) b = now();
    if (b - a < best) best = b - a;
  }
  return best;
}

/** Calls per batch for ≈ ms, from doubling until a batch takes a quarter of it. */
function size(c, now, ms) {
  var n = 1;
  var t = batch(c, n, now);
  while (t < ms / 4) { n *= 2; t = batch(c, n, now); }
  return Math.max(1, Math.round(n * ms / t));
}

/**
 * Sizes each contender's batches to ≈ batchMs (again once warm: the first calls are the
 * slowest), warms it for warmMs, then runs `rounds` rounds; each round runs every contender
 * once, the starting one rotating, so that drift in the machine's speed lands on all of them
 * alike. → ns/op of every batch.
 */
function measure(list, now, cfg) {
  list.forEach(function (c) {
    if (cfg.progress) cfg.progress('warming ' + c.id);
    var n = size(c, now, cfg.batchMs);
    var end = now() + cfg.warmMs;
    while (now() < end) batch(c, n, now);
    c.n = size(c, now, cfg.batchMs);
    c.samples = [];
  });
  var start = now();
  var rounds = 0;
  while (rounds < cfg.rounds && (rounds < 3 || now() - start < cfg.maxMs)) {
    for (var k = 0; k < list.length; k++) {
      var c = list[(k + rounds) % list.length];
      c.samples.push(Math.round(batch(c, c.n, now) * 1e7 / c.n) / 10);
    }
    rounds++;
  }
  return rounds;
}

/** → {info, rounds, contenders: [{group, kind, id, label, n, samples (ns/op)}]} */
async function run(host, config) {
  var s = await contenders(host, config);
  s.info.clockResolutionMs = resolution(host.now);
  var t0 = host.now();
  var rounds = measure(s.list, host.now, { batchMs: config.batchMs, warmMs: config.warmMs, rounds: config.rounds, maxMs: config.maxMs, progress: host.progress });
  return {
    info: s.info,
    rounds: rounds,
    seconds: (host.now() - t0) / 1000,
    config: { batchMs: config.batchMs, warmMs: config.warmMs, rounds: config.rounds },
    contenders: s.list.map(function (c) {
      return { group: c.group, kind: c.kind, id: c.id, label: c.label, n: c.n, samples: c.samples };
    }),
  };
}

// measure and resolution are also bench/lib/server.js's timing, in Node's main realm.
module.exports = { run: run, measure: measure, resolution: resolution };
