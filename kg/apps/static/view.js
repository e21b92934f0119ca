// chainkg views: builds the vis network from the JSON in #kg-data. Every string from an article
// reaches the page through textContent or the canvas, never as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var DIM_NODE = "rgba(200,200,200,0.45)";
  var DIM_FONT = "rgba(0,0,0,0.2)";
  var DIM_EDGE = "rgba(200,200,200,0.3)";

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function evidenceList(tip, items, more) {
    if (!items || !items.length) return;
    tip.appendChild(el("div", null, "证据句 / 来源文章："));
    var ul = el("ul");
    items.forEach(function (item) {
      var li = el("li");
      li.appendChild(el("span", "kg-sentence", item[0]));
      if (item[1]) li.appendChild(el("div", "kg-src", "—— " + item[1]));
      ul.appendChild(li);
    });
    if (more > 0) ul.appendChild(el("li", "kg-src", "另有 " + more + " 句"));
    tip.appendChild(ul);
  }

  function nodeTip(n) {
    var k = n.kg, tip = el("div", "kg-tip");
    tip.appendChild(el("div", "kg-tip-title", n.label));
    tip.appendChild(el("div", "kg-tip-class", k.classLabel + " (" + k.cls + ")"));
    if (k.aliases && k.aliases.length) tip.appendChild(el("div", null, "别名：" + k.aliases.join("、")));
    var facts = [];
    Object.keys(k.metrics || {}).forEach(function (name) { facts.push(name + " " + k.metrics[name]); });
    if (facts.length) tip.appendChild(el("div", "kg-src", facts.join(" · ")));
    evidenceList(tip, k.evidence, k.more);
    return tip;
  }

  function edgeTip(e, byId) {
    var k = e.kg, tip = el("div", "kg-tip");
    tip.appendChild(el("div", "kg-tip-title",
      byId[e.from].label + " —" + e.label + "→ " + byId[e.to].label));
    tip.appendChild(el("div", "kg-tip-class", k.predicate));
    evidenceList(tip, k.evidence, k.more);
    return tip;
  }

  var byId = {}, colourOf = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; colourOf[n.id] = n.color; n.title = nodeTip(n); });
  data.edges.forEach(function (e) { e.title = edgeTip(e, byId); });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("kg-network");
  var physics = data.physics && data.nodes.length > 0;
  data.options.physics.enabled = physics;
  var network = new vis.Network(container, { nodes: [], edges: [] }, data.options);
  var view = window.kgView = {
    network: network, nodes: nodes, edges: edges, physics: physics,
    ready: false, drawnAt: null, highlighted: null
  };

  function markDrawn() {
    network.once("afterDrawing", function () {
      view.drawnAt = performance.now();
      view.ready = true;
      document.body.setAttribute("data-ready", "1");
    });
    network.redraw();
  }
  if (physics) {
    // Stop the simulation once the layout has settled: a still picture costs nothing to keep.
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.fit();
      markDrawn();
    });
  }
  network.setData({ nodes: nodes, edges: edges });
  if (!physics) markDrawn();

  // Click a node: it and its neighbours keep their colours, everything else fades.
  function highlight(id) {
    var keep = {};
    keep[id] = true;
    network.getConnectedNodes(id).forEach(function (n) { keep[n] = true; });
    nodes.update(data.nodes.map(function (n) {
      return keep[n.id]
        ? { id: n.id, color: colourOf[n.id], font: { color: "#202124" } }
        : { id: n.id, color: DIM_NODE, font: { color: DIM_FONT } };
    }));
    edges.update(data.edges.map(function (e) {
      var on = e.from === id || e.to === id;
      return { id: e.id, color: on ? { color: "#5f6368" } : { color: DIM_EDGE },
               font: { color: on ? "#3c4043" : DIM_FONT } };
    }));
    view.highlighted = id;
  }
  function reset() {
    if (view.highlighted === null) return;
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, color: colourOf[n.id], font: { color: "#202124" } };
    }));
    edges.update(data.edges.map(function (e) {
      return { id: e.id, color: { color: "#9aa0a6" }, font: { color: "#3c4043" } };
    }));
    view.highlighted = null;
  }
  network.on("click", function (params) {
    if (params.nodes.length) highlight(params.nodes[0]);
    else reset();
  });
  view.highlight = highlight;
  view.reset = reset;

  // Search: the datalist offers every label; Enter or a pick selects, focuses and highlights.
  var list = document.getElementById("kg-labels");
  var seen = {};
  data.nodes.forEach(function (n) {
    if (seen[n.label]) return;
    seen[n.label] = true;
    var option = document.createElement("option");
    option.value = n.label;
    list.appendChild(option);
  });
  var search = document.getElementById("kg-search");
  var message = document.getElementById("kg-message");
  function find(text) {
    text = text.trim();
    if (!text) return null;
    var exact = null, partial = null;
    data.nodes.forEach(function (n) {
      var names = [n.label].concat(n.kg.aliases || []);
      if (!exact && names.indexOf(text) >= 0) exact = n;
      if (!partial && names.some(function (s) { return s.indexOf(text) >= 0; })) partial = n;
    });
    return exact || partial;
  }
  function go() {
    var n = find(search.value);
    message.textContent = n || !search.value.trim() ? "" : "没有找到：" + search.value.trim();
    if (!n) return;
    nodes.update({ id: n.id, hidden: false });
    network.selectNodes([n.id]);
    network.focus(n.id, { scale: 1.2, animation: false });
    highlight(n.id);
  }
  search.addEventListener("change", go);
  search.addEventListener("keydown", function (event) { if (event.key === "Enter") go(); });
  document.getElementById("kg-reset").addEventListener("click", function () {
    search.value = "";
    message.textContent = "";
    network.unselectAll();
    reset();
    network.fit();
  });

  // Legend check boxes show or hide a whole group (a class, or a community).
  Array.prototype.forEach.call(
    document.querySelectorAll("#kg-legend input[data-group]"),
    function (box) {
      box.addEventListener("change", function () {
        var group = box.getAttribute("data-group");
        nodes.update(data.nodes.filter(function (n) { return n.kg.group === group; })
          .map(function (n) { return { id: n.id, hidden: !box.checked }; }));
      });
    });
})();
