/* 督办 workspace: a little progressive enhancement. Pages work without it except file uploads. */
(function () {
  'use strict';
  var csrf = function () {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.getAttribute('content') : '';
  };

  document.addEventListener('click', function (e) {
    var back = e.target.closest && e.target.closest('[data-back]');
    if (back) {
      e.preventDefault();
      history.back();
    }
    var print = e.target.closest && e.target.closest('[data-print]');
    if (print) {
      e.preventDefault();
      window.print();
    }
  });

  document.addEventListener('submit', function (e) {
    var form = e.target;
    var question = form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      e.preventDefault();
      return;
    }
    // Multipart forms: the CSRF token goes in a header (the server reads multipart bodies only after the guard).
    if (form.enctype === 'multipart/form-data' && form.method.toLowerCase() === 'post') {
      e.preventDefault();
      var button = form.querySelector('button[type="submit"]');
      if (button) button.disabled = true;
      fetch(form.action, {
        method: 'POST',
        body: new FormData(form),
        headers: { 'x-csrf-token': csrf(), 'x-duban-form': '1' },
        credentials: 'same-origin',
      })
        .then(function (res) {
          // Done: the server names the page to go to (see redirect() in page-context.ts).
          var next = res.headers.get('x-location');
          if (next) {
            window.location.href = next;
            return;
          }
          if (res.redirected) {
            window.location.href = res.url;
            return;
          }
          return res.text().then(function (text) {
            document.open();
            document.write(text);
            document.close();
          });
        })
        .catch(function () {
          if (button) button.disabled = false;
          window.alert('上传失败，请检查网络后重试 / Upload failed; check the connection and retry');
        });
    }
  });

  // 期次 picker: show only the selects the chosen kind uses (without the script all show; the server ignores
  // the unused ones).
  function periodPickers() {
    document.querySelectorAll('[data-period-picker]').forEach(function (picker) {
      var kind = picker.querySelector('select[name="periodKind"]');
      if (!kind) return;
      var sync = function () {
        picker.querySelectorAll('[data-period-for]').forEach(function (part) {
          var uses = part.getAttribute('data-period-for').split(' ');
          part.hidden = uses.indexOf('all') < 0 && uses.indexOf(kind.value) < 0;
        });
      };
      kind.addEventListener('change', sync);
      sync();
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', periodPickers);
  else periodPickers();

  // Plan draft review: scroll the source column to the highlighted excerpt of the selected item.
  function showExcerpt() {
    var mark = document.querySelector('pre.source-text mark');
    if (!mark) return;
    var pre = mark.closest('pre');
    pre.scrollTop = Math.max(0, mark.offsetTop - pre.offsetTop - 60);
  }
  // Phones show each table row as a card (app.css, ≤ 640 px): every cell is labelled with its column's name.
  function labelCells() {
    document.querySelectorAll('table.grid').forEach(function (table) {
      var head = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
      if (!head) return;
      var names = [];
      Array.prototype.forEach.call(head.cells, function (th) {
        for (var i = 0; i < (th.colSpan || 1); i++) names.push(th.textContent.replace(/\s+/g, ' ').trim());
      });
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (row) {
          var col = 0;
          Array.prototype.forEach.call(row.cells, function (cell) {
            if (!cell.hasAttribute('data-label') && names[col]) cell.setAttribute('data-label', names[col]);
            col += cell.colSpan || 1;
          });
        });
      });
    });
  }
  function ready() {
    labelCells();
    showExcerpt();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready);
  else ready();

  // Charts: <div class="chart" data-chart="id"> with <script type="application/json" id="id">{ECharts option}</script>
  function charts() {
    if (!window.echarts) return;
    document.querySelectorAll('[data-chart]').forEach(function (el) {
      var data = document.getElementById(el.getAttribute('data-chart'));
      if (!data) return;
      var option = JSON.parse(data.textContent);
      // A narrow screen gives the bar names at most 40 % of the chart; they wrap rather than crowd the bars.
      var label = option.yAxis && option.yAxis.type === 'category' && option.yAxis.axisLabel;
      if (label && label.width) label.width = Math.min(label.width, Math.round(el.clientWidth * 0.4));
      // ECharts' own words (tooltips, "no data") in the page's language.
      var locale = document.documentElement.lang === 'en' ? 'EN' : 'ZH';
      var chart = window.echarts.init(el, null, { renderer: 'svg', locale: locale });
      if (option.__links) {
        var links = option.__links;
        delete option.__links;
        chart.on('click', function (p) {
          var href = links[p.seriesIndex + ':' + p.dataIndex] || links['*:' + p.dataIndex];
          if (href) window.location.href = href;
        });
      }
      chart.setOption(option);
      window.addEventListener('resize', function () {
        chart.resize();
      });
      el.setAttribute('data-rendered', 'true');
    });
  }
  // Deferred scripts run in order and app.js comes before echarts.min.js: draw once the page has loaded.
  if (document.readyState === 'complete') charts();
  else window.addEventListener('load', charts);
})();
