// The dashboard's offline map: governorate polygons drawn as a vector layer, no tile server
// (field teams work on bad links). The starting sector is highlighted.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var el = document.getElementById("gov-map");
  if (!el || typeof L === "undefined") { return; }
  var start = el.dataset.start;
  var map = L.map(el, { attributionControl: false, scrollWheelZoom: false, keyboard: true });
  fetch(el.dataset.geojson, { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var layer = L.geoJSON(data, {
        style: function (f) {
          var first = f.properties.pcode === start;
          return { color: "#1f4e8c", weight: first ? 3 : 1, fillColor: first ? "#f2b705" : "#9aa5b8", fillOpacity: first ? 0.55 : 0.25 };
        },
        onEachFeature: function (f, lyr) {
          lyr.bindTooltip(f.properties.name_en + " (" + f.properties.pcode + ")", { permanent: true, direction: "center", className: "gov-label" });
        }
      }).addTo(map);
      map.fitBounds(layer.getBounds(), { padding: [8, 8] });
      el.dataset.loaded = String(data.features.length);
    })
    .catch(function () { el.dataset.loaded = "0"; });
});
