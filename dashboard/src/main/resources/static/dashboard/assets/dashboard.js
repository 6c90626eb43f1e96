// Product Ops Bot dashboard: CSRF header on every htmx change, and Chart.js charts drawn from data-chart attributes
// (no inline scripts, so the Content-Security-Policy allows scripts from this site only).
(function () {
  "use strict";
  var palette = ["#6366f1", "#06b6d4", "#f59e0b", "#ef4444", "#22c55e", "#a855f7", "#ec4899", "#14b8a6", "#64748b",
    "#84cc16"];

  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("meta[name=_csrf]");
    var header = document.querySelector("meta[name=_csrf_header]");
    if (token && header) {
      event.detail.headers[header.content] = token.content;
    }
  });

  function draw(canvas) {
    if (typeof Chart === "undefined" || Chart.getChart(canvas)) {
      return;
    }
    var spec = JSON.parse(canvas.dataset.chart);
    var options = spec.options || {};
    var percent = spec.kind === "progress";
    var datasets = spec.series.map(function (s, i) {
      var color = palette[i % palette.length];
      var set = { label: s.label, data: s.data, backgroundColor: color, borderColor: color, borderWidth: 2,
        tension: 0.3, pointRadius: 3, spanGaps: true, borderRadius: spec.kind === "bar" ? 4 : 0, maxBarThickness: 36 };
      if (options.confidenceSeries === i) {
        set.yAxisID = "confidence";
        set.stepped = true;
        set.borderDash = [5, 4];
      }
      return set;
    });
    var scales = {
      x: { stacked: spec.kind === "bar", grid: { display: false } },
      y: { stacked: spec.kind === "bar", beginAtZero: true, ticks: { precision: 0 },
        title: { display: !!options.yTitle, text: options.yTitle } }
    };
    if (percent) {
      scales.y.max = 100;
      scales.y.ticks = { callback: function (v) { return v + "%"; } };
    }
    if (options.confidenceSeries !== undefined) {
      scales.confidence = { position: "right", min: 0, max: 2, grid: { display: false },
        ticks: { stepSize: 1, callback: function (v) { return ["Off track", "At risk", "On track"][v]; } } };
    }
    if (options.horizontal) {
      scales = { x: { beginAtZero: true, max: 100, ticks: { callback: function (v) { return v + "%"; } } },
        y: { grid: { display: false } } };
    }
    new Chart(canvas, {
      type: spec.kind === "bar" ? "bar" : "line",
      data: { labels: spec.labels, datasets: datasets },
      options: { responsive: true, maintainAspectRatio: false, animation: false, scales: scales,
        indexAxis: options.horizontal ? "y" : "x",
        plugins: { legend: { display: !options.horizontal && spec.series.length > 0, position: "bottom",
          labels: { boxWidth: 12, usePointStyle: true } } } }
    });
    canvas.dataset.drawn = "true";
  }

  function drawAll(root) {
    (root || document).querySelectorAll("canvas[data-chart]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawAll(document);
    // The search box filters as one types (keyup); its "change" on leaving the box would reload the board again,
    // replacing a status menu just opened on it, so that event stops at the box.
    var search = document.querySelector("#filters input[name=q]");
    if (search) {
      search.addEventListener("change", function (event) { event.stopPropagation(); });
    }
    // Choosing a standup or a cycle shows it at once (an inline onchange would be refused by the CSP).
    document.querySelectorAll("select[data-submit-on-change]").forEach(function (select) {
      select.addEventListener("change", function () { select.form.requestSubmit(); });
    });
  });
  // After settling: htmx first gives swapped-in elements the attributes of the ones they replace (same id), then
  // their own; drawing before that would read the old chart's data.
  document.addEventListener("htmx:afterSettle", function (event) { drawAll(event.detail.target); });
  // A refused or failed change says so instead of silently leaving the page as it was.
  document.addEventListener("htmx:responseError", function (event) {
    var text = event.detail.xhr.status === 403 ? "You may not make this change." : "That did not work; please try again.";
    window.alert(text);
  });
})();
