/* Progress map: the children's polygons coloured by the actual rate; no tile server. */
(function () {
  var box = document.getElementById("progress-map");
  if (!box || !window.L) return;
  var map = L.map(box, { attributionControl: false, zoomSnap: 0.25 });
  window.progressMap = map;
  fetch(box.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      if (!data.features.length) return;
      var layer = L.geoJSON(data, {
        style: function (feature) {
          return { color: "#44505c", weight: 1, fillColor: feature.properties.colour, fillOpacity: 0.85 };
        },
        onEachFeature: function (feature, shape) {
          var p = feature.properties, tip = document.createElement("span");
          var name = document.createElement("strong");
          name.textContent = p.name;
          tip.appendChild(name);
          tip.appendChild(document.createTextNode(": " + p.rate_text));
          shape.bindTooltip(tip, { sticky: true });
          shape.on("click", function () { window.location.href = p.url; });
        }
      }).addTo(map);
      map.fitBounds(layer.getBounds());
      box.dataset.features = String(data.features.length);
    });
})();
