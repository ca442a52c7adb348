// The 诊断 page: proves wxpay-wasm on this phone with WeChat Pay's published examples and
// shows a report to copy into a bug report. The logic lives in ../../diag.js.
const diag = require('../../diag.js');

Component({
  data: {
    running: false,
    done: false,
    ok: false,
    checks: [],
    phone: [],
    timings: [],
    report: '',
    copied: false,
  },

  lifetimes: {
    attached() {
      this.onRun();
    },
  },

  methods: {
    onRun() {
      if (this.data.running) return Promise.resolve();
      this.setData({ running: true, copied: false });
      return diag.run(wx, () => require('wxpay-wasm')).then((r) => {
        this.setData({
          running: false,
          done: true,
          ok: r.ok,
          checks: r.checks,
          phone: r.phone.rows.map((row) => ({ label: row[0], value: row[1] })),
          timings: r.timings.map((t) => ({ label: t[0], ms: t[1] })),
          report: r.text,
        });
      });
    },

    onCopy() {
      return diag.copyReport(wx, this.data.report).then(
        () => this.setData({ copied: true }),
        (e) => this.setData({ copied: false, report: this.data.report + '\n(复制失败: ' + e.message + ')' }),
      );
    },
  },
});
