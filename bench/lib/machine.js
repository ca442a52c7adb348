// Where the figures were measured.
'use strict';
const fs = require('node:fs');
const os = require('node:os');

function cpuModel() {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    return m ? m[1].trim() : os.cpus()[0].model;
  } catch (e) {
    return os.cpus()[0] ? os.cpus()[0].model : 'unknown';
  }
}

function osName() {
  try {
    const m = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(fs.readFileSync('/etc/os-release', 'utf8'));
    return m ? m[1] : os.type();
  } catch (e) {
    return `${os.type()} ${os.release()}`;
  }
}

function machine() {
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpu: cpuModel(),
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: osName(),
    kernel: os.release(),
    node: process.version,
    loadBefore: os.loadavg().map((x) => x.toFixed(2)).join(' '),
  };
}

module.exports = { machine };
