// The server section: wxpay-wasm's API v3 (Node entry) against the npm packages a server would
// pick, per call in Node's main realm, all contenders of all jobs alternating in one process
// (bench/page/core.js's measure); then require time in fresh processes and installed size.
'use strict';
const { execFileSync } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');
const { isDeepStrictEqual, inspect } = require('node:util');
const { performance } = require('node:perf_hooks');
const { measure, resolution } = require('../page/core');
const { CONTENDERS } = require('./server-contenders');
const { installedSizes } = require('./server-size');
const { summarize } = require('./stats');
const { version } = require('./libs');
const I = require('./server-inputs');

/** An Authorization header as {scheme, params}: contenders order the parameters differently. */
function authParts(header) {
  const [scheme, rest] = [header.slice(0, header.indexOf(' ')), header.slice(header.indexOf(' ') + 1)];
  const params = Object.fromEntries(rest.split(',').map((p) => /^(\w+)="(.*)"$/.exec(p).slice(1)));
  return { scheme, params };
}

// wechatpay-node-v3's verifySign is async; with the key at hand it does all its work before it
// returns an already-settled promise, so the timed call is that work (a caller's await is not
// timed, in its favour) and the answer after each batch is read off the settled promise.
function settled(r) {
  if (!(r instanceof Promise)) return r;
  const m = /^Promise \{ (true|false) \}$/.exec(inspect(r));
  return m ? m[1] === 'true' : r;
}

const payOk = (r) => !!r && Object.keys(I.pay.expected).every((k) => r[k] === I.pay.expected[k]);
const authOk = (r) => typeof r === 'string' && isDeepStrictEqual(authParts(r), authParts(I.authorization.expected));

/** The jobs, each with a check of the answer and, where there is one, a tampered input to refuse. */
const JOBS = [
  { op: 'buildPayParams', bind: (c) => () => c.buildPayParams(I.pay.order), ok: payOk },
  { op: 'authorization', bind: (c) => () => c.authorization(I.authorization.request), ok: authOk },
  ...[['verifyPublicKey', I.verifyPublicKey], ['verifyCertificate', I.verifyCertificate]].map(([op, job]) => ({
    op,
    bind: (c) => { const verify = c.verifier(job.publicKeys); return (message = job.message) => verify(message); },
    ok: (r) => settled(r) === true,
    tampered: job.tampered,
  })),
  {
    op: 'decryptResource',
    bind: (c) => (resource = I.decrypt.resource) => c.decryptResource(resource),
    ok: (r) => isDeepStrictEqual(r, I.decrypt.expected),
    tampered: I.decrypt.tampered,
  },
];

/** Whether `fn(input)` is refused: false, or a throw (a rejected promise included). */
async function refuses(fn, input) {
  try {
    return (await fn(input)) === false;
  } catch (e) {
    return true;
  }
}

/** Every contender's every job, checked once untimed (the answer awaited) → timing list. */
async function prepare() {
  const list = [];
  const refused = {};
  for (const c of CONTENDERS) {
    const api = c.make(I.keys);
    for (const job of JOBS) {
      const fn = job.bind(api);
      const id = `${job.op}.${c.id}`;
      const answer = await fn();
      if (!job.ok(answer)) throw new Error(`${id} gave a wrong answer: ${inspect(answer).slice(0, 300)}`);
      if (job.tampered) refused[id] = await refuses(fn, job.tampered);
      list.push({ id, op: job.op, contender: c.id, label: id, fn, ok: job.ok });
    }
  }
  return { list, refused };
}

/** One require of each contender per fresh process, contenders alternating. → ms per contender. */
function requireTimes(runs) {
  const samples = Object.fromEntries(CONTENDERS.map((c) => [c.id, []]));
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < CONTENDERS.length; k++) {
      const c = CONTENDERS[(i + k) % CONTENDERS.length];
      const out = execFileSync(process.execPath, [path.join(__dirname, 'server-require-child.js'), c.dir], { encoding: 'utf8' });
      samples[c.id].push(JSON.parse(out).ms);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([id, s]) => [id, summarize(s)]));
}

const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

async function runServer(plan) {
  const measuredAt = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const loadBefore = load();
  const { list, refused } = await prepare();
  const now = () => performance.now();
  const clockResolutionMs = resolution(now);
  const t0 = now();
  const rounds = measure(list, now, plan.timing);
  const seconds = (now() - t0) / 1000;
  const requireMs = requireTimes(plan.requireRuns);
  const sizes = installedSizes(CONTENDERS);
  return {
    measuredAt,
    loadBefore,
    loadAfter: load(),
    node: process.version,
    versions: Object.fromEntries(CONTENDERS.filter((c) => !c.ours).map((c) => [c.id, version(c.id)])),
    contenders: CONTENDERS.map((c) => c.id),
    ops: JOBS.map((j) => j.op),
    timing: { ...plan.timing, rounds, seconds, clockResolutionMs },
    refused,
    calls: list.map((c) => ({ id: c.id, op: c.op, contender: c.contender, n: c.n, samples: c.samples })),
    requireRuns: plan.requireRuns,
    requireMs,
    sizes,
  };
}

module.exports = { runServer };
