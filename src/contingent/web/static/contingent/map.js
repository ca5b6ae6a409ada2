// The offline maps: governorate polygons drawn as a vector layer, no tile server (field teams
// work on bad links). On the dashboard (#gov-map) the starting sector is highlighted; on the plan
// page (#sector-map) each governorate is shaded by the share of its requirements the plan fills.
"use strict";
function drawGovernorates(el, style, label) {
  var map = L.map(el, { attributionControl: false, scrollWheelZoom: false, keyboard: true });
  fetch(el.dataset.geojson, { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var layer = L.geoJSON(data, {
        style: style,
        onEachFeature: function (f, lyr) {
          lyr.bindTooltip(label(f), { permanent: true, direction: "center", className: "gov-label" });
        }
      }).addTo(map);
      map.fitBounds(layer.getBounds(), { padding: [8, 8] });
      el.dataset.loaded = String(data.features.length);
    })
    .catch(function () { el.dataset.loaded = "0"; });
}
// One hue, darker with more coverage (readable without telling red from green; the labels stay
// dark on light): share 0 -> lightness 94 %, share 1 -> 58 %; no requirement there -> grey.
function shareColour(share) {
  if (share === undefined) { return "#9aa5b8"; }
  var s = Math.max(0, Math.min(1, share));
  return "hsl(210, 70%, " + Math.round(94 - 36 * s) + "%)";
}
document.addEventListener("DOMContentLoaded", function () {
  if (typeof L === "undefined") { return; }
  var gov = document.getElementById("gov-map");
  if (gov) {
    var start = gov.dataset.start;
    drawGovernorates(gov, function (f) {
      var first = f.properties.pcode === start;
      return { color: "#1f4e8c", weight: first ? 3 : 1, fillColor: first ? "#f2b705" : "#9aa5b8", fillOpacity: first ? 0.55 : 0.25 };
    }, function (f) { return f.properties.name_en + " (" + f.properties.pcode + ")"; });
  }
  var sec = document.getElementById("sector-map");
  if (sec) {
    var coverage = JSON.parse(sec.dataset.coverage || "{}");
    drawGovernorates(sec, function (f) {
      var c = coverage[f.properties.pcode];
      return { color: "#1f4e8c", weight: 1, fillColor: shareColour(c && c.share), fillOpacity: c ? 0.85 : 0.2 };
    }, function (f) {
      var c = coverage[f.properties.pcode];
      return c ? c.label : f.properties.name_en + " (" + f.properties.pcode + "): —";
    });
  }
});
