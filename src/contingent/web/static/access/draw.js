// Drawing on the notify forms: a click places the site's point, or adds a vertex to the route.
// The result is written as GeoJSON (lon, lat: RFC 7946) into the form's field, which the server
// validates like any upload; nothing is trusted from the browser.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var el = document.getElementById("draw-map");
  if (!el || typeof L === "undefined") { return; }
  var mode = el.dataset.mode;
  var field = document.querySelector("textarea[data-draw='" + mode + "']");
  var map = L.map(el, { attributionControl: false, keyboard: true }).setView([31.42, 34.38], 11);
  fetch(el.dataset.governorates, { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (gov) { L.geoJSON(gov, { style: { color: "#555", weight: 1, fillOpacity: 0.05 }, interactive: false }).addTo(map); })
    .catch(function () {});
  var vertices = [];
  var shape = null;
  var round = function (x) { return Math.round(x * 1e6) / 1e6; };
  var write = function () {
    if (!field) { return; }
    if (!vertices.length) { field.value = ""; return; }
    var coords = vertices.map(function (ll) { return [round(ll.lng), round(ll.lat)]; });
    var geom = mode === "point" ? { type: "Point", coordinates: coords[0] } : { type: "LineString", coordinates: coords };
    field.value = JSON.stringify(geom);
  };
  var redraw = function () {
    if (shape) { map.removeLayer(shape); shape = null; }
    if (!vertices.length) { return; }
    shape = mode === "point" ? L.circleMarker(vertices[0], { radius: 6 }) : L.polyline(vertices, { weight: 4 });
    shape.addTo(map);
  };
  map.on("click", function (e) {
    if (mode === "point") { vertices = [e.latlng]; } else { vertices.push(e.latlng); }
    redraw();
    write();
  });
  var reset = document.getElementById("draw-reset");
  if (reset) { reset.addEventListener("click", function () { vertices = []; redraw(); write(); }); }
  // Show what is already in the field (a re-rendered form after a refusal).
  if (field && field.value) {
    try {
      var g = JSON.parse(field.value);
      var pts = g.type === "Point" ? [g.coordinates] : g.coordinates;
      vertices = pts.map(function (c) { return L.latLng(c[1], c[0]); });
      redraw();
      if (vertices.length) { map.fitBounds(L.latLngBounds(vertices), { maxZoom: 14 }); }
    } catch (err) { /* not JSON: the server says why */ }
  }
  el.dataset.ready = "1";
});
