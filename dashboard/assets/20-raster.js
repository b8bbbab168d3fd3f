/* Figures for every width. Small multiples: a figure made by dashboard/plot.py `subplots` says in
   layout.meta.raster how many panels it has in how many columns. When its box is too narrow for
   that many columns (less than MIN_PANEL px a panel), the same panels are laid out again in fewer
   columns and the figure grows taller: panel and gap heights stay as the server drew them. */
(function () {
  "use strict";
  var MIN_PANEL = 230;

  function axisKey(kind, i) { return i === 1 ? kind + "axis" : kind + "axis" + i; }

  function original(gd) {
    var lay = gd.layout, meta = lay.meta && lay.meta.raster;
    if (gd._mirRaster && gd._mirRaster.meta === lay.meta) { return gd._mirRaster; }
    if (!meta || !lay.height) { return null; }
    var m = lay.margin || {}, t = m.t || 0, b = m.b || 0, h0 = lay.height - t - b;
    var y1 = lay.yaxis.domain, rows = Math.ceil(meta.n / meta.cols);
    var y2 = rows > 1 && lay[axisKey("y", meta.cols + 1)] ? lay[axisKey("y", meta.cols + 1)].domain : null;
    gd._mirRaster = {
      n: meta.n, cols: meta.cols, t: t, b: b,
      panel: (y1[1] - y1[0]) * h0,
      gap: y2 ? (y1[0] - y2[1]) * h0 : 56,
      hgap: meta.cols > 1 ? lay[axisKey("x", 2)].domain[0] - lay.xaxis.domain[1] : 0.06,
      current: meta.cols, meta: lay.meta,
    };
    return gd._mirRaster;
  }

  function fit(gd) {
    var r = original(gd);
    if (!r || !gd.clientWidth) { return; }
    var cols = Math.max(1, Math.min(r.cols, Math.floor(gd.clientWidth / MIN_PANEL)));
    if (cols === r.current) { return; }
    r.current = cols;
    var rows = Math.ceil(r.n / cols), total = rows * r.panel + (rows - 1) * r.gap;
    var hgap = cols > 1 ? r.hgap : 0, width = (1 - hgap * (cols - 1)) / cols;
    /* Plotly fixes a figure's width when its height is set (autosize off): set it to the box's own
       width, and follow the box on every later resize (below). */
    var update = { height: Math.round(total + r.t + r.b), width: gd.clientWidth };
    var titles = (gd.layout.annotations || []).map(function (a) { return Object.assign({}, a); });
    for (var i = 1; i <= r.n; i++) {
      var row = Math.floor((i - 1) / cols), col = (i - 1) % cols;
      var top = 1 - row * (r.panel + r.gap) / total, x0 = col * (width + hgap);
      update[axisKey("x", i) + ".domain"] = [x0, Math.min(1, x0 + width)];
      update[axisKey("y", i) + ".domain"] = [Math.max(0, top - r.panel / total), top];
      if (titles[i - 1]) { titles[i - 1].x = x0 + width / 2; titles[i - 1].y = top; }
    }
    update.annotations = titles;
    window.Plotly.relayout(gd, update);
  }

  /* Margins the server sized for the labels (layout.meta.marge, see plot.label_room) spare a wide
     screen Plotly's second drawing; where they leave the plot too little room (a phone), the
     figure gets its narrow margins back and Plotly's automargin sizes them within the width. */
  var MIN_PLOT = 100;

  function narrow(gd) {
    var meta = gd.layout.meta && gd.layout.meta.marge, size = gd._fullLayout && gd._fullLayout._size;
    if (!meta || !size || gd._mirMarge === gd.layout.meta || size.w >= MIN_PLOT) { return; }
    gd._mirMarge = gd.layout.meta;
    var update = {};
    Object.keys(meta).forEach(function (k) { update["margin." + k] = meta[k]; });
    var smal = gd.layout.meta.smal || {};  /* what else a narrow figure changes (e.g. fewer ticks) */
    Object.keys(smal).forEach(function (k) { update[k] = smal[k]; });
    window.Plotly.relayout(gd, update);
  }

  function watch(gd) {
    if (gd._mirWatched) { return; }
    gd._mirWatched = true;
    gd.on("plotly_afterplot", function () { narrow(gd); fit(gd); });
    narrow(gd);
    fit(gd);
  }

  function scan() {
    if (!window.Plotly) { return; }
    document.querySelectorAll(".js-plotly-plot").forEach(function (gd) {
      if (gd.on && gd.layout) { watch(gd); }
    });
  }

  new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });
  /* After the window changes size (a phone turned, a window narrowed): every figure takes its box's
     width again. Plotly's own handler can run before the page has reflowed and keep the old width,
     and a figure whose height `fit` set has a fixed width: both would make the page scroll sideways. */
  function follow(gd) {
    if (!gd._fullLayout || !gd.layout || !gd.clientWidth) { return; }
    if (gd._mirRaster) {
      var before = gd._mirRaster.current;
      fit(gd);
      if (gd._mirRaster.current !== before) { return; }
    }
    if (Math.abs(gd._fullLayout.width - gd.clientWidth) <= 1) { return; }
    if (gd.layout.width) {
      window.Plotly.relayout(gd, { width: gd.clientWidth });
    } else {
      window.Plotly.Plots.resize(gd);
    }
  }

  var pending = null;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(function () {
      if (window.Plotly) { document.querySelectorAll(".js-plotly-plot").forEach(follow); }
    }, 150);
  });
})();
