// The relatives' status page (issue #25 item 9): one static page in Chinese and its script,
// served by the store. The script posts the two numbers to the declared endpoint
// (POST /api/public/status) and shows the answer as text (textContent: nothing the store
// answers is parsed as HTML). No outside resources; the CSP allows only the store itself.

export const STATUS_PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

export const STATUS_PAGE_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>远程视频会见申请进度查询</title>
<style>
  body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 0; background: #f4f6f8; color: #1d2733; }
  main { max-width: 34rem; margin: 2rem auto; background: #fff; padding: 1.5rem 2rem; border-radius: 8px; box-shadow: 0 1px 4px #0002; }
  h1 { font-size: 1.4rem; margin-top: 0; }
  label { display: block; margin: 1rem 0 0.3rem; font-weight: bold; }
  input { width: 100%; box-sizing: border-box; font-size: 1.1rem; padding: 0.5rem; }
  button { margin-top: 1.2rem; font-size: 1.1rem; padding: 0.5rem 1.5rem; }
  #result { margin-top: 1.5rem; padding: 1rem; background: #eef3f8; border-radius: 6px; white-space: pre-line; }
  #result:empty { display: none; }
  .note { color: #556; font-size: 0.9rem; }
</style>
</head>
<body>
<main>
  <h1>远程视频会见申请进度查询</h1>
  <p class="note">请输入受理时告知您的申请编号，以及您本人（申请人之一）的身份证件号码。</p>
  <form id="status-form" novalidate>
    <label for="application-number">申请编号</label>
    <input id="application-number" name="applicationNumber" autocomplete="off" maxlength="64" required>
    <label for="id-number">本人身份证件号码</label>
    <input id="id-number" name="idNumber" autocomplete="off" maxlength="32" required>
    <button type="submit" id="status-submit">查询</button>
  </form>
  <div id="result" role="status" aria-live="polite"></div>
  <p class="note">本页只显示办理环节、办理期限，以及安排后的会见时间和地点。</p>
</main>
<script src="/status/status.js"></script>
</body>
</html>
`;

export const STATUS_PAGE_SCRIPT = `'use strict';
(function () {
  var form = document.getElementById('status-form');
  var result = document.getElementById('result');
  var button = document.getElementById('status-submit');
  function ymd(iso) {
    var p = /^(\\d{4})-(\\d{2})-(\\d{2})$/.exec(iso || '');
    return p ? Number(p[1]) + '年' + Number(p[2]) + '月' + Number(p[3]) + '日' : iso;
  }
  function show(text) { result.textContent = text; }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var body = {
      applicationNumber: form.elements.applicationNumber.value.trim(),
      idNumber: form.elements.idNumber.value.trim()
    };
    if (!body.applicationNumber || !body.idNumber) { show('请填写申请编号和本人身份证件号码。'); return; }
    button.disabled = true;
    show('正在查询……');
    fetch('/api/public/status', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (res) { return res.json().then(function (json) { return { status: res.status, json: json }; }); })
      .then(function (a) {
        if (a.status !== 200) { show((a.json && a.json.error && a.json.error.message) || '查询失败，请稍后再试。'); return; }
        var s = a.json;
        if (!s.found) { show(s.message); return; }
        var lines = ['当前环节：' + s.step];
        if (s.dueOn) lines.push('办理期限：' + ymd(s.dueOn) + ' 前');
        if (s.visit) {
          lines.push('会见时间：' + ymd(s.visit.date) + ' ' + s.visit.start + '（' + s.visit.minutes + ' 分钟）');
          lines.push('会见地点：' + s.visit.place);
        }
        show(lines.join('\\n'));
      })
      .catch(function () { show('无法连接，请稍后再试。'); })
      .then(function () { button.disabled = false; });
  });
})();
`;
