// The humanitarian-access map (Leaflet 1.9.4, served by the app: no CDN, no tiles). Layers come
// from one JSON document filtered by role on the server; objects in a conflict are drawn in
// orange. A withdrawn or expired site is still protected: drawn dashed, never hidden.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var el = document.getElementById("access-map");
  if (!el || typeof L === "undefined") { return; }
  var map = L.map(el, { attributionControl: false, keyboard: true }).setView([31.42, 34.38], 11);
  var get = function (url) { return fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }); };

  get(el.dataset.governorates).then(function (gov) {
    L.geoJSON(gov, { style: { color: "#555", weight: 1, fillOpacity: 0.05 }, interactive: false }).addTo(map);
  }).catch(function () { /* the base layer is a convenience; the data layers still load */ });

  get(el.dataset.source).then(function (data) {
    var hot = {};
    data.conflicts.forEach(function (c) {
      [c.a, c.b].forEach(function (ref) { if (ref.key) { hot[ref.kind + ":" + ref.key] = true; } });
    });
    var label = function (p, kind) {
      var s = kind + " " + (p.key || "") + (p.version ? " v" + p.version : "");
      if (p.name) { s += " — " + p.name; }
      if (p.status && p.status !== "active") { s += " (" + p.status + ": still protected)"; }
      if (p.illustrative) { s += " [illustrative]"; }
      return s;
    };
    var link = function (p, kind) {
      return function (f, lyr) {
        var text = label(f.properties, kind);
        lyr.bindTooltip(text);
        if (f.properties.url) { lyr.on("click", function () { window.location.href = f.properties.url; }); }
      };
    };
    var layers = {};
    layers.corridors = L.geoJSON(data.corridors, {
      style: function () { return { color: "#2e8b57", weight: 8, opacity: 0.45, fillColor: "#8fd694", fillOpacity: 0.3 }; },
      onEachFeature: link(null, "corridor")
    }).addTo(map);
    layers.areas = L.geoJSON(data.areas, {
      style: function (f) { return { color: "#c0392b", weight: 2, dashArray: f.properties.kind === "zone" ? null : "6 4", fillOpacity: 0.2 }; },
      onEachFeature: function (f, lyr) { lyr.bindTooltip(label(f.properties, f.properties.kind)); }
    }).addTo(map);
    layers.movements = L.geoJSON(data.movements, {
      style: function (f) {
        var inConflict = hot["movement:" + f.properties.key];
        return { color: inConflict ? "#e67e22" : "#1f4e8c", weight: inConflict ? 5 : 3 };
      },
      onEachFeature: link(null, "movement")
    }).addTo(map);
    layers.sites = L.geoJSON(data.sites, {
      pointToLayer: function (f, latlng) {
        var p = f.properties;
        var inConflict = hot["site:" + p.key];
        return L.circleMarker(latlng, {
          radius: 5, weight: 2, color: inConflict ? "#e67e22" : "#1a7f37",
          dashArray: p.status === "active" ? null : "2 2", fillOpacity: p.status === "active" ? 0.8 : 0.2
        });
      },
      onEachFeature: link(null, "site")
    }).addTo(map);
    L.control.layers(null, {
      "Sites": layers.sites, "Movements": layers.movements, "Corridors": layers.corridors,
      "Zones / operations": layers.areas
    }).addTo(map);
    var all = L.featureGroup([layers.sites, layers.movements, layers.corridors, layers.areas]);
    if (all.getLayers().some(function (l) { return l.getLayers().length; })) {
      map.fitBounds(all.getBounds(), { padding: [12, 12], maxZoom: 14 });
    }
    var summary = document.getElementById("access-map-summary");
    if (summary) {
      summary.textContent = data.sites.features.length + " sites, " + data.movements.features.length +
        " movements, " + data.corridors.features.length + " corridors, " + data.areas.features.length +
        " zones/operations, " + data.conflicts.length + " conflicts";
    }
    el.dataset.loaded = "1";
  }).catch(function () { el.dataset.loaded = "0"; });
});
