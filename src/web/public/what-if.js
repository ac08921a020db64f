/* 达标测算推演: two scenarios of edits to a county's figures, each evaluated by the server (nothing is saved). */
(function () {
  'use strict';
  var configEl = document.getElementById('what-if-config');
  if (!configEl) return;
  var config = JSON.parse(configEl.textContent);
  var csrf = (
    document.querySelector('meta[name="csrf-token"]') || {
      getAttribute: function () {
        return '';
      },
    }
  ).getAttribute('content');
  var scenarios = { a: { edits: {}, applyPlan: false, seq: 0 }, b: { edits: {}, applyPlan: false, seq: 0 } };
  var active = 'a';
  var results = { a: null, b: null };
  var LEVEL = { primary: '小学', junior: '初中', combined: '一贯制' };
  var VERDICT = function (v) {
    return v === true ? '达标' : v === false ? '未达标' : '数据不足';
  };
  var yuan = function (n) {
    return n === null || n === undefined ? '—' : Math.round(n).toLocaleString('zh-CN') + ' 元';
  };
  var transfers = function () {
    return document.querySelector('select[name="transfers"]').value;
  };
  var $ = function (sel, root) {
    return (root || document).querySelector(sel);
  };
  var keyOf = function (school, level, field) {
    return school + '|' + level + '|' + field;
  };

  function editsOf(s) {
    return Object.keys(s.edits).map(function (k) {
      var p = k.split('|');
      return { school_code: p[0], level: p[1], field: p[2], value: s.edits[k] };
    });
  }

  function setVerdict(el, v) {
    el.textContent = VERDICT(v);
    el.className = v === true ? 'pass' : v === false ? 'fail' : '';
  }

  function render(key) {
    var r = results[key];
    var col = $('[data-scenario="' + key + '"]');
    if (!r) return;
    setVerdict($('[data-out="ra"]', col), r.resource_allocation.passed);
    $('[data-out="schools"]', col).textContent =
      r.resource_allocation.schools_passed + ' / ' + r.resource_allocation.schools_total;
    setVerdict($('[data-out="classes"]', col), r.class_size_passed);
    $('[data-out="edits"]', col).textContent = yuan(r.edits_cost_yuan);
    $('[data-out="remaining"]', col).textContent =
      r.remaining_cost_yuan === null ? '无法达标' : yuan(r.remaining_cost_yuan);
    $('[data-out="total"]', col).textContent = yuan(r.total_cost_yuan);
    var body = $('[data-out="cvs"]', col);
    body.textContent = '';
    r.resource_allocation.cvs.forEach(function (c) {
      var tr = document.createElement('tr');
      [
        LEVEL[c.level] || c.level,
        c.indicator,
        c.cv === null ? '—' : c.cv.toFixed(3),
        c.limit.toFixed(2),
      ].forEach(function (text) {
        var td = document.createElement('td');
        td.textContent = text;
        tr.appendChild(td);
      });
      tr.className = c.passed === false ? 'fail' : c.passed === true ? 'pass' : '';
      body.appendChild(tr);
    });
    if (key === active) renderSchools();
  }

  /** The school table shows the active scenario: its values and each school's verdict. */
  function renderSchools() {
    var s = scenarios[active];
    var r = results[active];
    var verdicts = {};
    if (r)
      r.resource_allocation.schools.forEach(function (x) {
        verdicts[x.school_code + '|' + x.level] = x.passed;
      });
    document.querySelectorAll('tr[data-school]').forEach(function (tr) {
      var school = tr.getAttribute('data-school');
      var level = tr.getAttribute('data-level');
      tr.querySelectorAll('input[type="number"]').forEach(function (input) {
        var k = keyOf(school, level, input.name);
        input.value = k in s.edits ? s.edits[k] : input.getAttribute('data-original');
        input.classList.toggle('edited', k in s.edits);
      });
      var v = verdicts[school + '|' + level];
      setVerdict($('[data-out="verdict"]', tr), v === undefined ? null : v);
    });
    document.querySelectorAll('[data-apply-plan]').forEach(function (box) {
      box.checked = scenarios[box.getAttribute('data-apply-plan')].applyPlan;
    });
  }

  function evaluate(key) {
    var s = scenarios[key];
    var seq = ++s.seq;
    var col = $('[data-scenario="' + key + '"]');
    col.setAttribute('aria-busy', 'true');
    fetch(config.api + '/what-if', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ edits: editsOf(s), applyPlan: s.applyPlan, transfers: transfers() }),
    })
      .then(function (res) {
        return res.json().then(function (json) {
          return { ok: res.ok, json: json };
        });
      })
      .then(function (out) {
        if (seq !== s.seq) return; // a later edit is on its way
        col.removeAttribute('aria-busy');
        var error = $('[data-out="error"]');
        if (!out.ok) {
          error.textContent = out.json.message || '测算失败';
          error.hidden = false;
          return;
        }
        error.hidden = true;
        results[key] = out.json;
        render(key);
      })
      .catch(function () {
        col.removeAttribute('aria-busy');
        var error = $('[data-out="error"]');
        error.textContent = '测算失败，请检查网络后重试';
        error.hidden = false;
      });
  }

  var timer = null;
  document.addEventListener('input', function (e) {
    var input = e.target;
    var tr = input.closest && input.closest('tr[data-school]');
    if (!tr || input.type !== 'number') return;
    var k = keyOf(tr.getAttribute('data-school'), tr.getAttribute('data-level'), input.name);
    var value = Number(input.value);
    if (input.value === '' || !isFinite(value) || value < 0) return;
    if (String(value) === input.getAttribute('data-original')) delete scenarios[active].edits[k];
    else scenarios[active].edits[k] = value;
    input.classList.toggle('edited', k in scenarios[active].edits);
    clearTimeout(timer);
    var key = active;
    timer = setTimeout(function () {
      evaluate(key);
    }, 300);
  });
  document.addEventListener('change', function (e) {
    var t = e.target;
    if (t.name === 'active') {
      active = t.value;
      renderSchools();
    } else if (t.hasAttribute && t.hasAttribute('data-apply-plan')) {
      var key = t.getAttribute('data-apply-plan');
      scenarios[key].applyPlan = t.checked;
      evaluate(key);
    } else if (t.name === 'transfers') {
      $('[data-export]').href = config.api + '/plan.xlsx?transfers=' + t.value;
      evaluate('a');
      evaluate('b');
    }
  });
  document.addEventListener('click', function (e) {
    if (e.target.closest && e.target.closest('[data-reset]')) {
      scenarios[active].edits = {};
      scenarios[active].applyPlan = false;
      renderSchools();
      evaluate(active);
    }
  });

  // Export: the plan of the scenario being edited; without edits, the plain link (the plan of today's figures).
  document.addEventListener('click', function (e) {
    var link = e.target.closest && e.target.closest('[data-export]');
    var s = scenarios[active];
    if (!link || Object.keys(s.edits).length === 0) return;
    e.preventDefault();
    fetch(config.api + '/what-if.xlsx', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ edits: editsOf(s), transfers: transfers() }),
    })
      .then(function (res) {
        if (!res.ok) throw new Error(String(res.status));
        return res.blob();
      })
      .then(function (blob) {
        var a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = '达标测算（推演）.xlsx';
        document.body.appendChild(a);
        a.click();
        a.remove();
      })
      .catch(function () {
        var error = $('[data-out="error"]');
        error.textContent = '导出失败，请重试';
        error.hidden = false;
      });
  });

  var form = $('[data-publish]');
  if (form)
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var out = $('[data-out="published"]', form);
      var button = $('button[type="submit"]', form);
      var body = { planId: form.planId.value, transfers: transfers() };
      if (form.milestoneYear.value) body.milestoneYear = Number(form.milestoneYear.value);
      if (form.budgetYuan.value) body.budgetYuan = Number(form.budgetYuan.value);
      button.disabled = true;
      out.textContent = '正在纳入…';
      fetch(config.api + '/publish', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify(body),
      })
        .then(function (res) {
          return res.json().then(function (json) {
            return { ok: res.ok, json: json };
          });
        })
        .then(function (r) {
          button.disabled = false;
          if (!r.ok) {
            out.textContent = r.json.message || '纳入失败';
            return;
          }
          var missing = r.json.missingDepartments.length
            ? '；方案部门名单中没有' + r.json.missingDepartments.join('、') + '，相应任务未设牵头单位'
            : '';
          out.textContent =
            '已纳入方案：新增任务 ' +
            r.json.itemIds.length +
            ' 项（创建年份 ' +
            r.json.milestone.year +
            ' 年）' +
            missing;
        })
        .catch(function () {
          button.disabled = false;
          out.textContent = '纳入失败，请检查网络后重试';
        });
    });

  evaluate('a');
  evaluate('b');
})();
