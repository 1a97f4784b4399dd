// The newsevents dashboard: a map, a timeline and a table of real-world events (each merged from one or
// more articles' reports) sharing one filter bar; an event page showing where each field came from, every
// reported figure, the claims for and against, its reports and the reviewer's split and join; and a report
// page showing the article with each field's evidence highlighted, the claims and a review form.
//
// Safety: every piece of text that comes from an article or a reviewer is put into the page with
// textContent or createTextNode, never as HTML; links are made only for http(s) URLs.
(function () {
  "use strict";

  var TYPE_COLOURS = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2980b9",
    "Riots": "#d35400",
    "Strategic developments": "#27ae60"
  };
  var OTHER_COLOUR = "#7f8c8d";
  // The API's filter names (docs/filters.md); an address with the older "q" is read as "text".
  var FILTER_KEYS = ["event_type", "sub_event_type", "modality", "country", "actor", "date_from", "date_to", "text",
                     "min_confidence"];
  // The API's modalities: [value, word shown, what it means].
  var MODALITIES = [
    ["asserted", "asserted", "stated as fact"],
    ["claimed", "claimed", "known only through someone's claim"],
    ["negated", "denied", "said not to have happened (denied or negated)"],
    ["hypothetical", "hypothetical", "might happen or might have happened"],
    ["planned", "planned", "announced or planned, not yet happened"]
  ];
  // Downloads of the filtered set: /api/export's format= values and their labels.
  var EXPORTS = [["acled-csv", "ACLED CSV"], ["jsonl", "JSON Lines"], ["parquet", "Parquet"], ["plover", "PLOVER JSONL"]];
  var NUMBER = new Intl.NumberFormat("en-US");
  var DAY_MS = 86400000;
  var PAGE_SIZE = 25;
  var MAP_LIMIT = 2000;
  var ANTARCTICA = "010";  // ISO 3166 numeric id in world-atlas; left out: it only stretches the map
  var COUNT_FIELDS = ["killed", "injured", "arrested", "troops", "protesters", "equipment"];

  // defaultMinConfidence: the API's precision-first default (from /api/health), shown in the filter bar;
  // a min_confidence filter is kept (in the address too) only when the user chose another value.
  // countries: ISO 3166-1 alpha-2 code -> {name, iso3, numeric, geonameid}, from static/countries.json (GeoNames).
  var state = { filters: {}, offset: 0, ontology: null, map: null, cluster: null, coarse: null, outlines: {},
                countriesDrawn: false, defaultMinConfidence: null, countries: {}, shaded: {} };

  // --- small helpers ------------------------------------------------------------------------------------

  function el(tag, attrs) {
    var node = document.createElement(tag);
    var key;
    for (key in attrs || {}) {
      if (Object.prototype.hasOwnProperty.call(attrs, key) && attrs[key] !== null && attrs[key] !== undefined) {
        if (key === "text") node.textContent = String(attrs[key]);
        else node.setAttribute(key, String(attrs[key]));
      }
    }
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  // append(node, child, ...): strings and numbers become text nodes; arrays are flattened; null is skipped.
  function append(node) {
    for (var i = 1; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); continue; }
      var text = typeof child === "string" || typeof child === "number";
      node.appendChild(text ? document.createTextNode(String(child)) : child);
    }
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function colour(type) { return TYPE_COLOURS[type] || OTHER_COLOUR; }

  function safeUrl(value) {
    try {
      var url = new URL(value, window.location.href);
      return (url.protocol === "http:" || url.protocol === "https:") ? url.href : null;
    } catch (e) { return null; }
  }

  function query(params) {
    var parts = [];
    Object.keys(params).forEach(function (k) {
      if (params[k] !== "" && params[k] !== null && params[k] !== undefined) {
        parts.push(encodeURIComponent(k) + "=" + encodeURIComponent(params[k]));
      }
    });
    return parts.length ? "?" + parts.join("&") : "";
  }

  function api(path, options) {
    return fetch(path, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) {
          var err = body && body.error ? body.error : { message: response.statusText, status: response.status };
          var failure = new Error(err.message);
          failure.status = err.status;
          throw failure;
        }
        return body;
      });
    });
  }

  function setStatus(text) { document.getElementById("status").textContent = text; }

  // 100000 -> "100,000"; empty for a missing number.
  function fmt(n) { return n === null || n === undefined || n === "" ? "" : NUMBER.format(Number(n)); }

  function countryName(code) {
    var found = code ? state.countries[String(code).toUpperCase()] : null;
    return found ? found.name : (code || "");
  }

  // How exactly a place is known: "country" (only the country: its point is the country's reference point),
  // "region" (only a region of it: ACLED geo_precision 3) or "town" (a town or a spot near one: a pin).
  function placeKind(loc) {
    if (!loc || !loc.name) return null;
    var country = state.countries[String(loc.country_code || "").toUpperCase()];
    var name = String(loc.name).trim().toLowerCase();
    if (country && (name === country.name.toLowerCase() || (loc.geonames_id && loc.geonames_id === country.geonameid))) {
      return "country";
    }
    return Number(loc.geo_precision) === 3 ? "region" : "town";
  }

  function place(event) {
    var loc = event.location;
    if (!loc) return "";
    var kind = placeKind(loc);
    if (kind === "country") return countryName(loc.country_code) + " (somewhere in the country)";
    var where = loc.name + (loc.admin1 && loc.admin1 !== loc.name ? ", " + loc.admin1 : "") + ", " +
      countryName(loc.country_code);
    return kind === "region" ? where + " (somewhere in the region)" : where;
  }

  function dateText(date) {
    if (!date || !date.start) return "";
    return date.end && date.end !== date.start ? date.start + " – " + date.end : date.start;
  }

  // A date or a span as table text: each day kept on one line.
  function dateCell(date) {
    if (!date || !date.start) return "undated";
    var start = el("span", { "class": "day", text: date.start });
    return date.end && date.end !== date.start ? [start, " – ", el("span", { "class": "day", text: date.end })] : start;
  }

  function modalityInfo(value) {
    return MODALITIES.filter(function (m) { return m[0] === value; })[0] || null;
  }

  // "denied (negated)": the word shown, with the API's own where they differ.
  function modalityText(value) {
    var info = modalityInfo(value);
    if (!info) return value || "";
    return info[1] === info[0] ? info[1] : info[1] + " (" + info[0] + ")";
  }

  // A merged event's modality badge; "unknown" while the event carries none.
  function modalityBadge(value) {
    var info = modalityInfo(value);
    return el("span", { "class": "modality modality-" + (value || "unknown"), "data-modality": value || "",
      title: info ? info[2] : "modality not known", text: info ? info[1] : "unknown" });
  }

  function actorsText(actors) {
    return (actors || []).map(function (a) { return a.name; }).join("; ");
  }

  function countsText(counts) {
    return COUNT_FIELDS.filter(function (k) { return counts && counts[k] !== undefined; })
      .map(function (k) { return k + " " + fmt(counts[k]); }).join(", ");
  }

  // --- routing and filters ---------------------------------------------------------------------------------

  function parseHash() {
    var hash = window.location.hash.replace(/^#/, "") || "/";
    var qAt = hash.indexOf("?");
    var path = qAt >= 0 ? hash.slice(0, qAt) : hash;
    var params = {};
    if (qAt >= 0) {
      hash.slice(qAt + 1).split("&").forEach(function (pair) {
        if (!pair) return;
        var eq = pair.indexOf("=");
        var k = decodeURIComponent(eq >= 0 ? pair.slice(0, eq) : pair);
        params[k] = eq >= 0 ? decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, " ")) : "";
      });
    }
    return { path: path, params: params };
  }

  function filtersFromForm() {
    var form = document.getElementById("filters");
    var found = {};
    FILTER_KEYS.forEach(function (k) { if (form.elements[k].value) found[k] = form.elements[k].value; });
    if (found.min_confidence !== undefined && Number(found.min_confidence) === state.defaultMinConfidence) {
      delete found.min_confidence;  // the default: the API applies it anyway
    }
    return found;
  }

  function fillForm(filters) {
    var form = document.getElementById("filters");
    fillTypeOptions();
    FILTER_KEYS.forEach(function (k) { form.elements[k].value = filters[k] || ""; });
    fillSubTypeOptions(filters.sub_event_type || "");
    if (!filters.min_confidence && state.defaultMinConfidence !== null) {
      form.elements.min_confidence.value = String(state.defaultMinConfidence);
    }
  }

  // The minimum confidence the overview is drawn with, as words for the panel headings.
  function confidenceText() {
    var value = state.filters.min_confidence || state.defaultMinConfidence;
    return value === null || value === undefined ? "" : " · confidence ≥ " + value;
  }

  function route() {
    var parsed = parseHash();
    var match = /^\/event\/(\d+)$/.exec(parsed.path);
    if (match) { showMerged(parseInt(match[1], 10)); return; }
    var report = /^\/report\/(\d+)$/.exec(parsed.path);
    if (report) { showEvent(parseInt(report[1], 10)); return; }
    var filters = {};
    FILTER_KEYS.forEach(function (k) { if (parsed.params[k]) filters[k] = parsed.params[k]; });
    if (parsed.params.q && !filters.text) filters.text = parsed.params.q;
    state.filters = filters;
    state.offset = parseInt(parsed.params.offset || "0", 10) || 0;
    showOverview();
  }

  function go(filters, offset) {
    var params = {};
    Object.keys(filters).forEach(function (k) { params[k] = filters[k]; });
    if (offset) params.offset = offset;
    window.location.hash = "#/" + query(params);
  }

  // --- overview: map, timeline, table ----------------------------------------------------------------------

  function showOverview() {
    document.getElementById("event-page").hidden = true;
    document.getElementById("overview").hidden = false;
    document.getElementById("filters").hidden = false;
    fillForm(state.filters);
    ensureMap();
    updateDownloads();
    document.body.setAttribute("data-loading", "1");
    var stats = api("/api/stats" + query(state.filters)).then(drawTimeline);
    var mapped = api("/api/events/points" + query(Object.assign({ limit: MAP_LIMIT }, state.filters))).then(drawMarkers);
    var table = loadTable();
    Promise.all([stats, mapped, table]).then(function () {
      // How many overviews have finished drawing: tests and scripts wait on it.
      state.loads = (state.loads || 0) + 1;
      document.body.setAttribute("data-loads", String(state.loads));
      document.body.setAttribute("data-loading", "0");
    }).catch(function (err) {
      document.body.setAttribute("data-loading", "0");
      setStatus("Could not load events: " + err.message);
    });
  }

  // The download links: /api/export with the filters the overview shows, in each format.
  function updateDownloads() {
    EXPORTS.forEach(function (pair) {
      var link = document.getElementById("dl-" + pair[0]);
      if (link) link.href = "/api/export" + query(Object.assign({}, state.filters, { format: pair[0] }));
    });
  }

  function ensureMap() {
    if (state.map) { setTimeout(function () { state.map.invalidateSize(); }, 0); return; }
    state.map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 12, zoomSnap: 0.5 }).setView([20, 10], 1.5);
    state.map.attributionControl.setPrefix(false);
    state.map.attributionControl.addAttribution("Country outlines: Natural Earth");
    state.cluster = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 40 });
    state.coarse = L.layerGroup();
    state.map.addLayer(state.cluster);
    state.map.addLayer(state.coarse);
    fetch("/static/vendor/countries-110m.json").then(function (r) { return r.json(); }).then(function (world) {
      var countries = topojson.feature(world, world.objects.countries);
      countries.features = countries.features.filter(function (f) { return f.id !== ANTARCTICA; });
      countries.features.forEach(function (f) { unwrapRings(f.geometry); });
      L.geoJSON(countries, {
        interactive: false,
        style: { color: "#9aa5b1", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 },
        onEachFeature: function (feature, layer) { if (feature.id) state.outlines[feature.id] = layer; }
      }).addTo(state.map).bringToBack();
      state.countriesDrawn = true;
      shadeCountries();
      fitMap();
      document.getElementById("map").setAttribute("data-countries", String(countries.features.length));
    });
    drawLegend();
  }

  // Rings that cross the antimeridian (Russia, Fiji) jump from +180 to -180 and would be drawn as lines
  // across the whole map: shift such points by 360 degrees so each ring stays continuous.
  function unwrapRings(geometry) {
    if (!geometry) return;
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
    polygons.forEach(function (polygon) {
      polygon.forEach(function (ring) {
        for (var i = 1; i < ring.length; i++) {
          while (ring[i][0] - ring[i - 1][0] > 180) ring[i][0] -= 360;
          while (ring[i][0] - ring[i - 1][0] < -180) ring[i][0] += 360;
        }
      });
    });
  }

  function drawLegend() {
    var legend = document.getElementById("legend");
    clear(legend);
    Object.keys(TYPE_COLOURS).forEach(function (type) {
      var swatch = el("span", { "class": "swatch" });
      swatch.style.background = colour(type);
      append(legend, el("span", { "class": "legend-item" }, swatch, type));
    });
    append(legend,
      el("span", { "class": "legend-item" }, el("span", { "class": "swatch" }), "a town: a pin"),
      el("span", { "class": "legend-item" }, el("span", { "class": "swatch swatch-region" }),
        "known only by its region: a dashed ring with a count"),
      el("span", { "class": "legend-item" }, el("span", { "class": "swatch swatch-country" }),
        "known only by its country: the country shaded, with a count"));
  }

  function reportsText(item) {
    return fmt(item.n_reports) + (item.n_reports === 1 ? " report" : " reports") + ", " +
      fmt(item.n_outlets) + (item.n_outlets === 1 ? " outlet" : " outlets");
  }

  // A map point's place, whichever shape the API gives it (its own fields, or an event's "location").
  function pointLocation(point) {
    if (point.location) return point.location;
    var e = point.event || {};
    if (e.location) return e.location;
    return { name: point.name, country_code: point.country_code, admin1: point.admin1, lat: point.lat, lon: point.lon,
             geonames_id: point.geonames_id, geo_precision: point.geo_precision };
  }

  function pointField(point, key) { return point[key] !== undefined ? point[key] : (point.event || {})[key]; }

  // A map point: the event's own fields only (see /api/events/points).
  function popupFor(point) {
    var loc = pointLocation(point);
    var modality = pointField(point, "modality");
    return el("div", { "class": "popup" },
      el("strong", { "class": "popup-title", text: pointField(point, "sub_event_type") }),
      el("div", { text: dateText(pointField(point, "date")) + " · " + place({ location: loc }) }),
      el("div", {}, "Modality: ", modalityBadge(modality)),
      el("div", { text: reportsText(point) }),
      el("a", { href: "#/event/" + point.id, text: "Open event" }));
  }

  // Events placed only by their country or region, grouped: a place drawn once with how many events it holds.
  function coarsePopup(group) {
    var what = group.kind === "country" ? "somewhere in " + countryName(group.code) : "somewhere in " + group.name;
    var list = el("ul", { "class": "popup-list" }, group.points.slice(0, 8).map(function (p) {
      var modality = pointField(p, "modality");
      return el("li", {}, el("a", { href: "#/event/" + p.id, text: dateText(pointField(p, "date")) + " " + pointField(p, "sub_event_type") }),
        modality ? [" ", modalityBadge(modality)] : null);
    }));
    var more = group.points.length > 8 ? el("div", { text: "and " + fmt(group.points.length - 8) + " more" }) : null;
    var filters = Object.assign({}, state.filters, { country: group.code });
    return el("div", { "class": "popup" },
      el("strong", { "class": "popup-title", text: fmt(group.points.length) + (group.points.length === 1 ? " event " : " events ") + what }),
      el("div", { "class": "hint", text: "The reports name no town: the place is not exact." }),
      list, more, el("a", { href: "#/" + query(filters), text: "Show only " + countryName(group.code) }));
  }

  function badgeIcon(kind, count) {
    var badge = el("span", { "class": "coarse-badge coarse-" + kind, "data-events": count, text: fmt(count) });
    return L.divIcon({ html: badge, className: "coarse-icon", iconSize: null });
  }

  function drawMarkers(body) {
    var markers = [];
    var groups = {};
    body.items.forEach(function (point) {
      var loc = pointLocation(point);
      var kind = placeKind(loc);
      if (kind === "country" || kind === "region") {
        var key = kind + ":" + loc.country_code + ":" + (kind === "region" ? loc.name : "");
        if (!groups[key]) groups[key] = { kind: kind, code: loc.country_code, name: loc.name, lat: loc.lat, lon: loc.lon, points: [] };
        groups[key].points.push(point);
        return;
      }
      var marker = L.circleMarker([loc.lat, loc.lon], {
        radius: 7, weight: 1, color: "#333", fillColor: colour(pointField(point, "event_type")), fillOpacity: 0.85,
        dashArray: Number(loc.geo_precision) === 2 ? "2 2" : null
      });
      marker.bindPopup(popupFor(point));
      markers.push(marker);
    });
    state.cluster.clearLayers();
    state.cluster.addLayers(markers);
    state.coarse.clearLayers();
    state.shaded = {};
    var countries = 0, regions = 0, coarseEvents = 0;
    Object.keys(groups).forEach(function (key) {
      var group = groups[key];
      coarseEvents += group.points.length;
      if (group.kind === "country") {
        countries++;
        state.shaded[String(group.code).toUpperCase()] = group.points.length;
      } else {
        regions++;
        state.coarse.addLayer(L.circleMarker([group.lat, group.lon], {
          radius: 22, weight: 2, color: "#6b4f1d", dashArray: "5 4", fillColor: "#e9c46a", fillOpacity: 0.25,
          interactive: false, className: "coarse-region-ring"
        }));
      }
      var badge = L.marker([group.lat, group.lon], { icon: badgeIcon(group.kind, group.points.length),
        title: fmt(group.points.length) + " events known only by their " + group.kind, keyboard: true });
      badge.bindPopup(coarsePopup(group));
      state.coarse.addLayer(badge);
    });
    shadeCountries();
    state.framed = {
      points: body.items.filter(function (p) { return placeKind(pointLocation(p)) !== "country"; })
        .map(function (p) { var loc = pointLocation(p); return [loc.lat, loc.lon]; }),
      countries: Object.keys(groups).filter(function (k) { return groups[k].kind === "country"; })
        .map(function (k) { return groups[k]; })
    };
    fitMap();
    var mapNode = document.getElementById("map");
    mapNode.setAttribute("data-markers", String(markers.length));
    mapNode.setAttribute("data-coarse-countries", String(countries));
    mapNode.setAttribute("data-coarse-regions", String(regions));
    mapNode.setAttribute("data-coarse-events", String(coarseEvents));
    var shown = body.total > body.items.length ? " (first " + fmt(body.items.length) + " of " + fmt(body.total) + ")" : "";
    var coarse = coarseEvents ? ", " + fmt(coarseEvents) + " known only by country or region" : "";
    document.getElementById("map-count").textContent = fmt(markers.length) + " in towns" + coarse + shown;
  }

  // The map framed on the events drawn: their towns and regions, and the whole of each country holding
  // events known only by the country (never zoomed into the middle of a country's plain).
  function fitMap() {
    var framed = state.framed;
    if (!framed || (!framed.points.length && !framed.countries.length)) return;
    var bounds = L.latLngBounds(framed.points);
    framed.countries.forEach(function (group) {
      var info = state.countries[String(group.code).toUpperCase()];
      var outline = info ? state.outlines[info.numeric] : null;
      if (outline) bounds.extend(outline.getBounds());
      else bounds.extend(L.latLng(group.lat, group.lon).toBounds(2000000));  // until the outlines are drawn
    });
    state.map.fitBounds(bounds.pad(0.1), { maxZoom: 6, padding: [16, 16], animate: false });
  }

  // Countries holding events known only by their country, shaded by how many (darker: more).
  function shadeCountries() {
    if (!state.countriesDrawn) return;
    var max = 1;
    Object.keys(state.shaded).forEach(function (code) { max = Math.max(max, state.shaded[code]); });
    Object.keys(state.outlines).forEach(function (id) {
      var layer = state.outlines[id];
      var code = null;
      Object.keys(state.shaded).forEach(function (c) {
        var info = state.countries[c];
        if (info && info.numeric === id) code = c;
      });
      var n = code ? state.shaded[code] : 0;
      layer.setStyle(n ? { fillColor: "#c2853d", fillOpacity: 0.25 + 0.5 * n / max, color: "#8a5a1f", weight: 1.2 }
        : { fillColor: "#f4f1ea", fillOpacity: 1, color: "#9aa5b1", weight: 0.7 });
      var path = layer.getElement ? layer.getElement() : null;
      if (path) {
        path.classList.toggle("country-shaded", !!n);
        if (n) path.setAttribute("data-country", code); else path.removeAttribute("data-country");
      }
    });
  }

  // --- timeline: events per day, week or month -------------------------------------------------------------

  function parseDay(text) { return new Date(text + "T00:00:00Z"); }
  function isoDay(date) { return date.toISOString().slice(0, 10); }

  // A date or period filter ("2022", "2022-01", "2022-01-05") as its first or last day.
  function periodBound(value, last) {
    if (!value) return null;
    var parts = value.split("-").map(Number);
    if (parts.length === 3) return value;
    if (parts.length === 2) return isoDay(last ? new Date(Date.UTC(parts[0], parts[1], 0)) : new Date(Date.UTC(parts[0], parts[1] - 1, 1)));
    return last ? parts[0] + "-12-31" : parts[0] + "-01-01";
  }

  // The bin size an honest chart of [first, last] needs: a bar per day up to three months, per week up to
  // two years, per month beyond.
  function binSize(first, last) {
    var days = (parseDay(last) - parseDay(first)) / DAY_MS + 1;
    return days <= 92 ? "day" : days <= 731 ? "week" : "month";
  }

  // The bin a day falls in: the day itself, the Monday of its week, or its month ("2022-01").
  function binOf(day, size) {
    if (size === "day") return day;
    if (size === "month") return day.slice(0, 7);
    var d = parseDay(day);
    d.setUTCDate(d.getUTCDate() - (d.getUTCDay() + 6) % 7);
    return isoDay(d);
  }

  // Every bin from the one holding ``first`` to the one holding ``last``, empty ones too.
  function binRange(first, last, size) {
    var bins = [];
    var end = binOf(last, size);
    var key = binOf(first, size);
    while (bins.length < 5000) {
      bins.push(key);
      if (key >= end) break;
      if (size === "month") {
        var y = Number(key.slice(0, 4)), m = Number(key.slice(5, 7));
        key = m === 12 ? (y + 1) + "-01" : y + "-" + (m < 9 ? "0" : "") + (m + 1);
      } else {
        var d = parseDay(key);
        d.setUTCDate(d.getUTCDate() + (size === "week" ? 7 : 1));
        key = isoDay(d);
      }
    }
    return bins;
  }

  // The first and last day a bin covers.
  function binDays(key, size) {
    if (size === "day") return [key, key];
    if (size === "month") return [periodBound(key, false), periodBound(key, true)];
    var end = parseDay(key);
    end.setUTCDate(end.getUTCDate() + 6);
    return [key, isoDay(end)];
  }

  function binLabel(key, size) {
    return size === "week" ? "week of " + key : key;
  }

  function svgEl(name, attrs) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    return node;
  }

  function drawTimeline(stats) {
    var box = document.getElementById("timeline");
    clear(box);
    document.getElementById("timeline-count").textContent = fmt(stats.total) + " events";
    fillCountryOptions(stats);
    if (!stats.per_day.length) {
      document.getElementById("timeline-title").textContent = "Events over time";
      append(box, el("p", { "class": "empty", text: "No dated events match." }));
      ["data-bars", "data-events", "data-bins", "data-empty-bins"].forEach(function (a) { box.setAttribute(a, "0"); });
      box.setAttribute("data-bin", "");
      return;
    }
    // The chart spans the dates asked for (or, with none, the events' own first and last day).
    var first = stats.per_day[0].date, last = stats.per_day[stats.per_day.length - 1].date;
    var from = periodBound(state.filters.date_from, false), to = periodBound(state.filters.date_to, true);
    if (from && from < first && binRange(from, first, "month").length < 600) first = from;
    if (to && to > last && binRange(last, to, "month").length < 600) last = to;
    var size = binSize(first, last);
    var keys = binRange(first, last, size);
    var byKey = {};
    stats.per_day.forEach(function (row) {
      var key = binOf(row.date, size);
      if (!byKey[key]) byKey[key] = {};
      byKey[key][row.event_type] = (byKey[key][row.event_type] || 0) + row.events;
    });
    var totals = keys.map(function (k) {
      var counts = byKey[k] || {};
      return Object.keys(counts).reduce(function (s, t) { return s + counts[t]; }, 0);
    });
    var max = Math.max.apply(null, [1].concat(totals));
    var width = 600, height = 200, left = 34, right = 6, top = 6, bottom = 36;
    var plotW = width - left - right, plotH = height - top - bottom;
    var slot = plotW / keys.length;
    var unit = size === "week" ? "week (Monday to Sunday)" : size;
    document.getElementById("timeline-title").textContent = "Events per " + size;
    var svg = svgEl("svg", { viewBox: "0 0 " + width + " " + height, role: "img",
      "aria-label": "Events per " + unit + " by type, " + keys.length + " " + size + "s from " + binLabel(keys[0], size) });
    svg.appendChild(svgEl("line", { x1: left, y1: top + plotH, x2: left + plotW, y2: top + plotH, "class": "axis-line" }));
    svg.appendChild(svgEl("line", { x1: left, y1: top, x2: left, y2: top + plotH, "class": "axis-line" }));
    [[max, top + 4], [0, top + plotH]].forEach(function (pair) {
      var label = svgEl("text", { x: left - 4, y: pair[1], "text-anchor": "end", "class": "axis" });
      label.textContent = fmt(pair[0]);
      svg.appendChild(label);
    });
    var bars = 0, empty = 0;
    keys.forEach(function (k, i) {
      var counts = byKey[k] || {};
      var x = left + i * slot;
      var range = binDays(k, size);
      // One slot per bin, empty or not: its hit area, named for screen readers and tests.
      var bin = svgEl("rect", { x: x, y: top, width: Math.max(0.5, slot), height: plotH, "class": "bin" + (totals[i] ? "" : " bin-empty"),
        "data-bin": k, "data-events": totals[i] });
      var title = svgEl("title");
      title.textContent = binLabel(k, size) + ": " + fmt(totals[i]) + (totals[i] === 1 ? " event" : " events");
      bin.appendChild(title);
      if (totals[i]) {
        bin.addEventListener("click", function () {
          go(Object.assign({}, state.filters, { date_from: range[0], date_to: range[1] }), 0);
        });
      } else {
        empty++;
      }
      svg.appendChild(bin);
      var y = top + plotH;
      Object.keys(counts).sort().forEach(function (type) {
        var h = Math.max(1, counts[type] / max * plotH);
        y -= h;
        var rect = svgEl("rect", { x: x + (slot > 3 ? 0.5 : 0), y: y, width: Math.max(0.5, slot - (slot > 3 ? 1 : 0)), height: h,
          fill: colour(type), "class": "bar", "data-date": k, "data-type": type, "data-events": counts[type] });
        var t = svgEl("title");
        t.textContent = binLabel(k, size) + ": " + fmt(counts[type]) + " " + type;
        rect.appendChild(t);
        rect.addEventListener("click", function () {
          go(Object.assign({}, state.filters, { date_from: range[0], date_to: range[1] }), 0);
        });
        svg.appendChild(rect);
        bars++;
      });
    });
    // Tick labels: the first and last bin and a few between, never overlapping.
    var ticks = Math.min(keys.length, 5);
    var seen = {};
    for (var t = 0; t < ticks; t++) {
      var i = ticks === 1 ? 0 : Math.round(t * (keys.length - 1) / (ticks - 1));
      if (seen[i]) continue;
      seen[i] = true;
      var tick = svgEl("text", { x: left + (i + 0.5) * slot, y: top + plotH + 13,
        "text-anchor": t === 0 ? "start" : t === ticks - 1 ? "end" : "middle", "class": "axis tick" });
      tick.textContent = keys[i];
      svg.appendChild(tick);
    }
    var caption = svgEl("text", { x: left + plotW / 2, y: height - 4, "text-anchor": "middle", "class": "axis axis-title" });
    caption.textContent = "one bar per " + unit + (empty ? "; " + fmt(empty) + " " + size + (empty === 1 ? "" : "s") + " with none" : "");
    svg.appendChild(caption);
    box.appendChild(svg);
    box.setAttribute("data-bin", size);
    box.setAttribute("data-bins", String(keys.length));
    box.setAttribute("data-empty-bins", String(empty));
    box.setAttribute("data-bars", String(bars));
    box.setAttribute("data-events", String(stats.per_day.reduce(function (s, r) { return s + r.events; }, 0)));
  }

  function fillTypeOptions() {
    var select = document.getElementById("f-type");
    if (select.options.length > 1) return;
    ((state.ontology || {}).event_types || []).forEach(function (t) { select.appendChild(el("option", { value: t, text: t })); });
  }

  // Sub-event types of the chosen event type (all of them when none is chosen), from the ontology; ``current``
  // stays chosen.
  function fillSubTypeOptions(current) {
    var select = document.getElementById("f-sub");
    var type = document.getElementById("f-type").value;
    while (select.options.length > 1) select.remove(1);
    ((state.ontology || {}).sub_event_types || []).forEach(function (s) {
      if (!type || s.event_type === type || s.name === current) {
        select.appendChild(el("option", { value: s.name, "data-type": s.event_type, text: s.name }));
      }
    });
    select.value = current;
  }

  function fillCountryOptions(stats) {
    var select = document.getElementById("f-country");
    var current = state.filters.country || "";
    while (select.options.length > 1) select.remove(1);
    var counts = {};
    stats.per_country.forEach(function (c) { counts[c.country_code] = c.events; });
    var codes = Object.keys(counts);
    if (current && codes.indexOf(current) < 0) codes.push(current);
    codes.sort(function (a, b) { return countryName(a).localeCompare(countryName(b)); });
    codes.forEach(function (code) {
      select.appendChild(el("option", { value: code,
        text: countryName(code) + " (" + code + ")" + (counts[code] !== undefined ? " · " + fmt(counts[code]) : "") }));
    });
    select.value = current;
  }

  function loadTable() {
    var params = Object.assign({ limit: PAGE_SIZE, offset: state.offset }, state.filters);
    return api("/api/events" + query(params)).then(function (body) {
      var tbody = document.querySelector("#events-table tbody");
      clear(tbody);
      body.items.forEach(function (item) {
        var e = item.event;
        var row = el("tr", { "data-id": item.id, "class": "status-" + item.status },
          el("td", { "class": "date" }, el("a", { href: "#/event/" + item.id }, dateCell(e.date))),
          el("td", {}, typeBadge(e.event_type)),
          el("td", { title: item.evidence_text || null, text: e.sub_event_type }),
          el("td", { "class": "modality-cell" }, modalityBadge(e.modality)),
          el("td", { "class": "place", "data-kind": placeKind(e.location) || "" , text: place(e) }),
          el("td", { text: actorsText(e.actors) }),
          el("td", { "class": "num killed", text: fmt(e.counts.killed) }),
          el("td", { "class": "sources", title: item.outlets.join("; ") },
            el("span", { "class": "outlets", text: item.outlets.join(", ") }),
            el("span", { "class": "n-reports", text: reportsText(item) })));
        row.addEventListener("click", function (ev) {
          if (ev.target.tagName !== "A") window.location.hash = "#/event/" + item.id;
        });
        tbody.appendChild(row);
      });
      if (!body.items.length) tbody.appendChild(el("tr", {}, el("td", { colspan: 8, text: "No events match." })));
      var to = Math.min(body.offset + body.items.length, body.total);
      document.getElementById("table-count").textContent = fmt(body.total) + " events" + confidenceText();
      document.getElementById("page").textContent = body.total ? fmt(body.offset + 1) + "–" + fmt(to) + " of " + fmt(body.total) : "";
      document.getElementById("prev").disabled = body.offset <= 0;
      document.getElementById("next").disabled = to >= body.total;
      document.getElementById("downloads").setAttribute("data-events", String(body.total));
    });
  }

  function typeBadge(type) {
    var badge = el("span", { "class": "type-badge", text: type });
    badge.style.borderColor = colour(type);
    return badge;
  }

  // --- event page ------------------------------------------------------------------------------------------

  function openPage(what, id, load, render) {
    document.getElementById("overview").hidden = true;
    document.getElementById("filters").hidden = true;
    var page = document.getElementById("event-page");
    page.hidden = false;
    clear(page);
    append(page, el("p", { text: "Loading " + what + " " + id + "…" }));
    load.then(function (found) { render(page, found); }).catch(function (err) {
      clear(page);
      append(page, el("p", { "class": "error", text: "Could not load " + what + " " + id + ": " + err.message }),
        el("a", { href: "#/", text: "Back to events" }));
    });
  }

  function showEvent(id) {
    var load = Promise.all([api("/api/reports/" + id), loadOntology()]).then(function (found) { return found[0]; });
    openPage("report", id, load, renderEvent);
  }

  function showMerged(id) {
    var params = state.filters.min_confidence ? { min_confidence: state.filters.min_confidence } : {};
    openPage("event", id, api("/api/events/" + id + query(params)), renderMerged);
  }

  function loadOntology() {
    if (state.ontology) return Promise.resolve(state.ontology);
    return api("/api/ontology").then(function (o) { state.ontology = o; return o; });
  }

  function renderEvent(page, item) {
    clear(page);
    var e = item.event;
    var back = el("p", { "class": "back" },
      el("a", { href: "#/" + query(state.filters), text: "← Back to events" }),
      item.merged_event ? [" · ", el("a", { id: "to-merged", href: "#/event/" + item.merged_event,
        text: "Real-world event #" + item.merged_event }), " (all its reports)"] : null);
    var url = item.article.url ? safeUrl(item.article.url) : null;
    var meta = el("p", { "class": "meta" },
      [item.article.source, item.article.published].filter(Boolean).join(" · "),
      url ? [" · ", el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank", text: "original" })] : null);
    var heading = el("h1", { id: "article-title", text: item.article.title || item.article.id });
    var status = el("span", { id: "review-status", "class": "status-badge status-" + item.status, text: item.status });
    append(page, back, heading, meta,
      el("div", { "class": "event-grid" },
        el("section", { "class": "panel article-panel" },
          el("h2", {}, "Article ", el("small", { text: "highlighted: where each field was found" })),
          highlightLegend(),
          articleText(item.text, item.highlights)),
        el("section", { "class": "panel fields-panel" },
          el("h2", {}, typeBadge(e.event_type), " ", status),
          fieldsTable(item),
          claimsList(item),
          reviewForm(item),
          historyList(item))));
    window.scrollTo(0, 0);
    revealEvidence();
  }

  // The event's evidence scrolled into the middle of the article's box, the page itself left at its top.
  function revealEvidence() {
    var box = document.getElementById("article-text");
    var mark = box.querySelector("mark.hl-evidence");
    if (!mark) return;
    mark.classList.add("hl-focus");
    if (box.scrollHeight > box.clientHeight) box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 3);
  }

  // Selecting a field (in the legend or the fields table) scrolls its next highlight into view and marks it.
  function showHighlight(field) {
    var box = document.getElementById("article-text");
    var marks = Array.prototype.slice.call(box.querySelectorAll("mark.hl-" + field));
    if (!marks.length) return;
    var current = marks.indexOf(box.querySelector("mark.hl-focus"));
    var next = marks[box.getAttribute("data-focus") === field && current >= 0 ? (current + 1) % marks.length : 0];
    Array.prototype.forEach.call(box.querySelectorAll("mark.hl-focus"), function (m) { m.classList.remove("hl-focus"); });
    next.classList.add("hl-focus");
    box.setAttribute("data-focus", field);
    next.scrollIntoView({ block: "center", inline: "nearest" });
  }

  function showButton(field, label) {
    var button = el("button", { type: "button", "class": "show-field", "data-show": field,
      title: "Show where the text says it", text: label });
    button.addEventListener("click", function () { showHighlight(field); });
    return button;
  }

  var FIELD_NAMES = { evidence: "event evidence", place: "place", date: "date", actor: "actor", count: "count",
                      claim: "claim" };

  // The highlight colours, each a button that scrolls to the next highlight of its field.
  function highlightLegend() {
    return el("p", { "class": "hl-legend" }, Object.keys(FIELD_NAMES).map(function (f) {
      var button = el("button", { type: "button", "class": "show-field legend-show", "data-show": f, title: "Show the next " + FIELD_NAMES[f] },
        el("mark", { "class": "hl hl-" + f, text: FIELD_NAMES[f] }));
      button.addEventListener("click", function () { showHighlight(f); });
      return button;
    }));
  }

  // The text split at every highlight boundary; each piece is a text node, inside a <mark> naming the
  // fields whose evidence covers it.
  function articleText(text, spans) {
    var box = el("div", { id: "article-text", "class": "article-text" });
    var cuts = [0, text.length];
    spans.forEach(function (s) { cuts.push(s.start, s.end); });
    cuts = Array.from(new Set(cuts)).sort(function (a, b) { return a - b; });
    for (var i = 0; i < cuts.length - 1; i++) {
      var a = cuts[i], b = cuts[i + 1];
      var piece = text.slice(a, b);
      var fields = [];
      spans.forEach(function (s) {
        if (s.start <= a && s.end >= b && fields.indexOf(s.field) < 0) fields.push(s.field);
      });
      if (!fields.length) { box.appendChild(document.createTextNode(piece)); continue; }
      var mark = el("mark", {
        "class": "hl " + fields.map(function (f) { return "hl-" + f; }).join(" "),
        "data-fields": fields.join(" "), title: fields.map(function (f) { return FIELD_NAMES[f] || f; }).join(", ")
      });
      mark.appendChild(document.createTextNode(piece));
      box.appendChild(mark);
    }
    return box;
  }

  function fieldRows(e) {
    return [
      ["Event type", e.event_type], ["Sub-event type", e.sub_event_type], ["Date", dateText(e.date)],
      ["Place", place(e)], ["Actors", (e.actors || []).map(function (a) {
        return a.name + " (" + a.role + ", " + a.type + ")"; }).join("; ")],
      ["Counts", countsText(e.counts)], ["Modality", modalityText(e.modality)],
      ["Confidence", e.confidence]
    ];
  }

  // Rows whose value the text shows, and the highlight that shows it.
  var ROW_HIGHLIGHTS = { "Place": "place", "Date": "date", "Actors": "actor", "Counts": "count", "Evidence": "evidence" };

  function fieldsTable(item) {
    var reviewed = fieldRows(item.event).concat([["Evidence", item.evidence_text || ""]]);
    var machine = fieldRows(item.machine || item.event).concat([["Evidence", item.evidence_text || ""]]);
    var head = el("tr", {}, el("th", { text: "Field" }), el("th", { text: "Machine" }),
      el("th", { text: item.status === "corrected" ? "Reviewed" : "Current" }));
    var shown = {};
    (item.highlights || []).forEach(function (h) { shown[h.field] = true; });
    var rows = reviewed.map(function (r, i) {
      var changed = String(machine[i][1]) !== String(r[1]);
      var field = ROW_HIGHLIGHTS[r[0]];
      return el("tr", { "class": changed ? "changed" : null, "data-field": r[0] },
        el("th", {}, field && shown[field] ? showButton(field, r[0]) : r[0]),
        el("td", { "class": "machine", text: machine[i][1] }),
        el("td", { "class": "current", text: r[1] }));
    });
    return el("table", { id: "fields", "class": "fields" }, el("thead", {}, head), el("tbody", {}, rows));
  }

  function claimsList(item) {
    var box = el("div", { "class": "claims" }, el("h3", { text: "Claims about this event" }));
    if (!item.claims.length) { append(box, el("p", { "class": "empty", text: "None linked." })); return box; }
    var list = el("ul", { id: "claims" });
    item.claims.forEach(function (c) {
      var claim = c.claim;
      var who = claim.speaker || "unknown speaker";
      var li = el("li", { "data-claim": c.id },
        el("span", { "class": "speaker", text: who }),
        c.review && c.machine_speaker !== claim.speaker ? el("span", { "class": "machine-speaker", text: " (machine: " + (c.machine_speaker || "none") + ")" }) : null,
        " ", el("span", { "class": "cue", text: claim.cue || "" }), ": ",
        el("q", { "class": claim.direct ? "direct" : "reported", text: claim.content }),
        speakerForm(c));
      list.appendChild(li);
    });
    append(box, list);
    return box;
  }

  function speakerForm(c) {
    var input = el("input", { type: "text", name: "speaker", maxlength: 300, "aria-label": "Corrected speaker" });
    input.value = c.claim.speaker || "";
    var msg = el("span", { "class": "form-msg" });
    var form = el("form", { "class": "speaker-form" }, input, el("button", { type: "submit", text: "Correct speaker" }), msg);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      write("/api/claims/" + c.id + "/review", { speaker: input.value.trim() || null, reviewer: reviewerName() }, msg);
    });
    return form;
  }

  function reviewerName() {
    var node = document.getElementById("rv-reviewer");
    return node ? node.value.trim() : "";
  }

  function write(path, body, msg) {
    var token = document.getElementById("rv-token").value;
    try { window.sessionStorage.setItem("newsevents-token", token); } catch (e) { /* storage off */ }
    try { window.localStorage.setItem("newsevents-reviewer", reviewerName()); } catch (e) { /* storage off */ }
    msg.textContent = "Saving…";
    return api(path, {
      method: "POST", headers: { "Content-Type": "application/json", "Authorization": "Bearer " + token },
      body: JSON.stringify(body)
    }).then(function () {
      msg.textContent = "Saved.";
      route();
    }).catch(function (err) { msg.textContent = "Not saved: " + err.message; msg.className = "form-msg error"; });
  }

  function input(name, value, attrs) {
    var node = el("input", Object.assign({ name: name, id: "rv-" + name }, attrs || {}));
    node.value = value === undefined || value === null ? "" : String(value);
    return node;
  }

  function labelled(text, control) { return el("label", {}, el("span", { text: text }), control); }

  function reviewForm(item) {
    var e = item.event;
    var loc = e.location || {};
    var types = el("select", { name: "event_type", id: "rv-event_type" });
    state.ontology.event_types.forEach(function (t) { types.appendChild(el("option", { value: t, text: t })); });
    types.value = e.event_type;
    var subs = el("select", { name: "sub_event_type", id: "rv-sub_event_type" });
    state.ontology.sub_event_types.forEach(function (s) {
      subs.appendChild(el("option", { value: s.name, "data-type": s.event_type, text: s.name + " — " + s.event_type }));
    });
    subs.value = e.sub_event_type;
    subs.addEventListener("change", function () {
      types.value = subs.options[subs.selectedIndex].getAttribute("data-type");
    });
    var actorLines = (e.actors || []).map(function (a) { return a.role + " | " + a.type + " | " + a.name; }).join("\n");
    var actors = el("textarea", { name: "actors", id: "rv-actors", rows: 3, "aria-label": "Actors" });
    actors.value = actorLines;
    var action = el("select", { name: "action", id: "rv-action" },
      el("option", { value: "accept", text: "Accept as it is" }),
      el("option", { value: "correct", text: "Correct the fields below" }),
      el("option", { value: "reject", text: "Reject (not an event)" }));
    var token = input("token", safeSession("newsevents-token"), { type: "password", autocomplete: "off" });
    var reviewer = input("reviewer", safeLocal("newsevents-reviewer"), { maxlength: 200, autocomplete: "name" });
    var msg = el("p", { "class": "form-msg", id: "rv-msg", "aria-live": "polite" });
    var fields = el("fieldset", { "class": "corrections" }, el("legend", { text: "Corrections" }),
      labelled("Event type", types), labelled("Sub-event type", subs),
      labelled("Date from", input("date_start", e.date.start, { type: "date" })),
      labelled("Date to", input("date_end", e.date.end, { type: "date" })),
      labelled("Place", input("place", loc.name, { maxlength: 200 })),
      labelled("Country (ISO code)", input("country_code", loc.country_code, { maxlength: 2, size: 3 })),
      labelled("Region (admin1)", input("admin1", loc.admin1, { maxlength: 200 })),
      labelled("Latitude", input("lat", loc.lat, { type: "number", step: "any", min: -90, max: 90 })),
      labelled("Longitude", input("lon", loc.lon, { type: "number", step: "any", min: -180, max: 180 })),
      COUNT_FIELDS.slice(0, 5).map(function (k) {
        return labelled(k[0].toUpperCase() + k.slice(1), input(k, e.counts[k], { type: "number", min: 0, step: 1 }));
      }),
      labelled("Actors (role | type | name, one a line)", actors));
    var form = el("form", { id: "review-form", "class": "review-form" },
      el("h3", { text: "Review" }),
      labelled("Decision", action), fields,
      labelled("Note", el("textarea", { name: "note", id: "rv-note", rows: 2, maxlength: 5000 })),
      labelled("Reviewer", reviewer), labelled("Write token", token),
      el("button", { type: "submit", id: "rv-submit", text: "Save review" }), msg);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var body = { action: action.value, reviewer: reviewer.value.trim(), note: form.elements.note.value || null };
      if (action.value === "correct") {
        var changes = changesFrom(form, item.machine || item.event);
        if (!Object.keys(changes).length) { msg.textContent = "Change at least one field to correct it."; return; }
        body.changes = changes;
      }
      write("/api/reports/" + item.id + "/review", body, msg);
    });
    return form;
  }

  function safeSession(key) { try { return window.sessionStorage.getItem(key) || ""; } catch (e) { return ""; } }
  function safeLocal(key) { try { return window.localStorage.getItem(key) || ""; } catch (e) { return ""; } }

  // Only what differs from the machine's event is sent: the correction records what the reviewer changed.
  function changesFrom(form, machine) {
    var f = form.elements;
    var changes = {};
    if (f.event_type.value !== machine.event_type) changes.event_type = f.event_type.value;
    if (f.sub_event_type.value !== machine.sub_event_type) changes.sub_event_type = f.sub_event_type.value;
    var start = f.date_start.value || null, end = f.date_end.value || start;
    if (start !== machine.date.start || end !== (machine.date.end || machine.date.start)) {
      changes.date = { start: start, end: end, precision: start ? 1 : null };
    }
    var loc = machine.location || {};
    var placeChanged = f.place.value !== (loc.name || "") || f.country_code.value.toUpperCase() !== (loc.country_code || "") ||
      f.admin1.value !== (loc.admin1 || "") || String(f.lat.value) !== String(loc.lat === undefined ? "" : loc.lat) ||
      String(f.lon.value) !== String(loc.lon === undefined ? "" : loc.lon);
    if (placeChanged && f.place.value) {
      changes.location = { name: f.place.value, country_code: f.country_code.value.toUpperCase(),
        admin1: f.admin1.value || null, lat: parseFloat(f.lat.value), lon: parseFloat(f.lon.value),
        geonames_id: f.place.value === loc.name ? (loc.geonames_id || null) : null,
        geo_precision: loc.geo_precision || 1 };
    }
    var counts = {}, countsChanged = false;
    COUNT_FIELDS.forEach(function (k) {
      var field = f[k];
      var value = field ? (field.value === "" ? undefined : parseInt(field.value, 10)) : machine.counts[k];
      if (value !== undefined) counts[k] = value;
      if (value !== machine.counts[k]) countsChanged = true;
    });
    if (countsChanged) changes.counts = counts;
    var actors = f.actors.value.split("\n").map(function (line) { return line.split("|").map(function (p) { return p.trim(); }); })
      .filter(function (p) { return p.length >= 3 && p[2]; })
      .map(function (p) { return { role: p[0], type: p[1], name: p.slice(2).join(" | "), country_code: null }; });
    var machineActors = (machine.actors || []).map(function (a) { return a.role + "|" + a.type + "|" + a.name; }).join("\n");
    var formActors = actors.map(function (a) { return a.role + "|" + a.type + "|" + a.name; }).join("\n");
    if (formActors !== machineActors) changes.actors = actors;
    return changes;
  }

  function historyList(item) {
    var box = el("div", { "class": "history" }, el("h3", { text: "Review history" }));
    if (!item.history.length) { append(box, el("p", { "class": "empty", text: "Not reviewed yet." })); return box; }
    var list = el("ol", { id: "history" });
    item.history.forEach(function (r) {
      var changed = Object.keys(r.changes || {}).join(", ");
      list.appendChild(el("li", {}, el("time", { text: r.reviewed_at.slice(0, 19).replace("T", " ") }), " ",
        el("strong", { text: r.reviewer }), " ", r.action + (changed ? " (" + changed + ")" : ""),
        r.note ? el("span", { "class": "note", text: " — " + r.note }) : null));
    });
    append(box, list);
    return box;
  }

  // --- real-world event page: provenance, figures, claims, reports, split and join ---------------------------

  var FIELD_LABELS = { sub_event_type: "Type", date: "Date", location: "Place", country_code: "Country",
                       actor1: "Actor 1", actor2: "Actor 2", modality: "Modality" };

  function mergedValue(e, field) {
    if (field === "sub_event_type") return e.event_type + " / " + e.sub_event_type;
    if (field === "date") return dateText(e.date);
    if (field === "location") return place(e);
    if (field === "country_code") return e.country_code ? countryName(e.country_code) + " (" + e.country_code + ")" : "";
    if (field === "modality") return modalityText(e.modality);
    if (field === "actor1" || field === "actor2") {
      var actor = (e.actors || []).filter(function (a) { return a.role === field; })[0];
      return actor ? actor.name + " (" + actor.type + ")" : "";
    }
    return e.counts[field] !== undefined ? fmt(e.counts[field]) : "";
  }

  function reportLink(id, text) {
    return el("a", { href: "#/report/" + id, "class": "report-link", text: text || "report " + id });
  }

  function renderMerged(page, item) {
    clear(page);
    var e = item.event;
    var back = el("a", { href: "#/" + query(state.filters), "class": "back", text: "← Back to events" });
    var heading = el("h1", { id: "merged-title", text: e.sub_event_type + (place(e) ? " in " + place(e) : "") +
      (e.date.start ? ", " + dateText(e.date) : "") });
    var span = item.first_report === item.last_report ? item.first_report : item.first_report + " – " + item.last_report;
    var meta = el("p", { "class": "meta", id: "merged-meta" },
      "Event #" + item.id + " · " + reportsText(item) + (span ? " · reported " + span : "") +
        " · confidence " + item.confidence,
      item.status === "rejected" ? " · every report rejected" : "");
    var outlets = [];
    item.reports.forEach(function (r) {
      var name = r.article.source || r.article.id;
      if (outlets.indexOf(name) < 0) outlets.push(name);
    });
    var facts = el("p", { "class": "facts", id: "merged-facts" },
      el("span", {}, "Modality: ", modalityBadge(e.modality)), " · ",
      el("span", { id: "merged-sources" }, "Sources: " + outlets.join(", ")));
    append(page, back, heading, meta, facts,
      el("div", { "class": "event-grid" },
        el("section", { "class": "panel" },
          el("h2", {}, typeBadge(e.event_type), " · fields and where they came from"),
          sourcesTable(item), figuresTable(item), mergedClaims(item)),
        el("section", { "class": "panel" }, mergeTools(item), mergeHistory(item)),
        el("section", { "class": "panel reports-panel" },
          el("h2", {}, "Reports ", el("small", { text: "each outlet's account, with the sentence it rests on" })),
          reportsTable(item))));
    window.scrollTo(0, 0);
  }

  function sourcesTable(item) {
    var rows = item.sources.map(function (s) {
      return el("tr", { "data-field": s.field },
        el("th", { text: FIELD_LABELS[s.field] || s.field }),
        el("td", { text: mergedValue(item.event, s.field) }),
        el("td", {}, reportLink(s.report_id, s.outlet || "report " + s.report_id)));
    });
    return el("table", { id: "sources", "class": "fields" },
      el("thead", {}, el("tr", {}, el("th", { text: "Field" }), el("th", { text: "Value" }), el("th", { text: "From" }))),
      el("tbody", {}, rows));
  }

  function figuresTable(item) {
    var box = el("div", { "class": "figures" }, el("h3", { text: "Every reported figure" }));
    if (!item.figures.length) { append(box, el("p", { "class": "empty", text: "No figures reported." })); return box; }
    var rows = item.figures.map(function (f) {
      var chosen = !f.superseded && item.event.counts[f.field] === f.value;
      // A reviewer's figure is the reviewer's, not the outlet's; the outlet's own stays listed, replaced.
      var how = f.reviewer ? "corrected by " + f.reviewer
        : f.superseded ? "as the outlet gave it (replaced by a reviewer)"
        : f.well_sourced ? "stated as fact" : "someone's claim";
      return el("tr", { "class": chosen ? "chosen" : (f.superseded ? "superseded" : null) },
        el("td", { text: f.field }), el("td", { "class": "num", text: fmt(f.value) }),
        el("td", {}, reportLink(f.report_id, f.outlet || "report " + f.report_id)),
        el("td", { text: how }));
    });
    append(box, el("table", { id: "figures", "class": "fields" },
      el("thead", {}, el("tr", {}, el("th", { text: "Count" }), el("th", { text: "Figure" }),
        el("th", { text: "Source" }), el("th", { text: "How" }))), el("tbody", {}, rows)));
    return box;
  }

  function mergedClaims(item) {
    var box = el("div", { "class": "claims" }, el("h3", { text: "Claims about this event" }));
    var any = false;
    [["asserted", "Asserted by"], ["denied", "Denied by"]].forEach(function (pair) {
      var found = item.claims[pair[0]];
      if (!found.length) return;
      any = true;
      append(box, el("h4", { text: pair[1] }), el("ul", { id: "claims-" + pair[0] }, found.map(function (c) {
        return el("li", {}, el("span", { "class": "speaker", text: c.speaker || "unknown speaker" }), ": ",
          el("q", { text: c.content }), " ", reportLink(c.report_id, "(" + c.article_id + ")"));
      })));
    });
    if (!any) append(box, el("p", { "class": "empty", text: "None linked." }));
    return box;
  }

  function reportsTable(item) {
    var rows = item.reports.map(function (r) {
      var e = r.event;
      // Every report is listed (a reviewer must see them all); those below the minimum confidence are marked.
      var below = r.below_min_confidence;
      return el("tr", { "data-id": r.id, "class": "status-" + r.status + (below ? " below-min" : "") },
        el("td", {}, el("input", { type: "checkbox", name: "report", value: r.id, "aria-label": "Select report " + r.id })),
        el("td", { "class": "article" }, reportLink(r.id, r.article.title || r.article.id),
          el("div", { "class": "meta", text: [r.article.source, (r.article.published || "").slice(0, 10)].filter(Boolean).join(" · ") })),
        el("td", { "class": "modality-cell" }, modalityBadge(e.modality)),
        el("td", { "class": "evidence" }, r.evidence_text ? el("q", { text: r.evidence_text }) : ""),
        el("td", { text: e.sub_event_type + " · " + dateText(e.date) + " · " + place(e) }),
        el("td", { "class": "confidence", title: below ? "below the minimum confidence " + item.min_confidence : null,
          text: e.confidence + (below ? " (below " + item.min_confidence + ")" : "") }),
        el("td", { "class": "review", text: r.status }));
    });
    return el("div", { "class": "table-wrap", id: "merged-reports-wrap" }, el("table", { id: "merged-reports" },
      el("thead", {}, el("tr", {}, el("th", { text: "" }), el("th", { text: "Article" }), el("th", { text: "Modality" }),
        el("th", { text: "Evidence" }), el("th", { text: "What, when, where" }), el("th", { text: "Confidence" }),
        el("th", { text: "Review" }))),
      el("tbody", {}, rows)));
  }

  function mergeTools(item) {
    var token = input("token", safeSession("newsevents-token"), { type: "password", autocomplete: "off" });
    var reviewer = input("reviewer", safeLocal("newsevents-reviewer"), { maxlength: 200, autocomplete: "name" });
    var note = el("input", { name: "note", id: "mg-note", maxlength: 5000 });
    var other = el("input", { type: "number", min: 1, step: 1, id: "mg-other", "aria-label": "Other event number" });
    var msg = el("p", { "class": "form-msg", id: "mg-msg", "aria-live": "polite" });
    var splitButton = el("button", { type: "button", id: "mg-split", text: "Split the selected reports into a new event" });
    var joinButton = el("button", { type: "button", id: "mg-join", text: "Merge that event into this one" });
    function body(extra) {
      return Object.assign({ reviewer: reviewer.value.trim(), note: note.value || null }, extra);
    }
    splitButton.addEventListener("click", function () {
      var chosen = Array.prototype.map.call(document.querySelectorAll("#merged-reports input[name=report]:checked"),
        function (box) { return parseInt(box.value, 10); });
      if (!chosen.length) { msg.textContent = "Select the reports that are a different event."; return; }
      write("/api/events/" + item.id + "/split", body({ reports: chosen }), msg);
    });
    joinButton.addEventListener("click", function () {
      var id = parseInt(other.value, 10);
      if (!id) { msg.textContent = "Give the number of the event to merge in."; return; }
      write("/api/events/" + item.id + "/join", body({ other: id }), msg);
    });
    return el("form", { id: "merge-form", "class": "review-form" }, el("h3", { text: "Split or merge" }),
      el("p", { "class": "hint", text: "Wrongly merged? Select reports and split them off. Two events that are one? Give the other's number." }),
      splitButton, labelled("Other event #", other), joinButton,
      labelled("Note", note), labelled("Reviewer", reviewer), labelled("Write token", token), msg);
  }

  function mergeHistory(item) {
    var box = el("div", { "class": "history" }, el("h3", { text: "Splits and merges" }));
    if (!item.history.length) { append(box, el("p", { "class": "empty", text: "None yet." })); return box; }
    append(box, el("ol", { id: "merge-history" }, item.history.map(function (h) {
      var what = h.action === "split" ? "split reports " + h.report_ids.join(", ") + " into event #" + h.other_event_id
        : "merged event #" + h.other_event_id + " into event #" + h.merged_event_id;
      return el("li", {}, el("time", { text: h.reviewed_at.slice(0, 19).replace("T", " ") }), " ",
        el("strong", { text: h.reviewer }), " " + what, h.note ? el("span", { "class": "note", text: " — " + h.note }) : null);
    })));
    return box;
  }

  // --- start -----------------------------------------------------------------------------------------------

  function start() {
    document.getElementById("filters").addEventListener("submit", function (ev) {
      ev.preventDefault();
      go(filtersFromForm(), 0);
    });
    document.getElementById("f-reset").addEventListener("click", function () { go({}, 0); });
    document.getElementById("prev").addEventListener("click", function () {
      go(state.filters, Math.max(0, state.offset - PAGE_SIZE));
    });
    document.getElementById("next").addEventListener("click", function () { go(state.filters, state.offset + PAGE_SIZE); });
    var modality = document.getElementById("f-modality");
    MODALITIES.forEach(function (m) { modality.appendChild(el("option", { value: m[0], title: m[2], text: modalityText(m[0]) })); });
    document.getElementById("f-type").addEventListener("change", function () {
      var sub = document.getElementById("f-sub");
      var chosen = sub.options[sub.selectedIndex];
      var keep = chosen && chosen.value && (!this.value || chosen.getAttribute("data-type") === this.value);
      fillSubTypeOptions(keep ? chosen.value : "");
    });
    document.getElementById("f-sub").addEventListener("change", function () {
      var chosen = this.options[this.selectedIndex];
      if (chosen && chosen.value) document.getElementById("f-type").value = chosen.getAttribute("data-type");
    });
    window.addEventListener("hashchange", route);
    api("/api/health").then(function (h) {
      setStatus(h.events + " events (" + h.reports + " reports) from " + h.articles + " articles · " +
        (h.writable ? "reviews on" : "read-only"));
      state.defaultMinConfidence = h.default_min_confidence;
      var field = document.getElementById("f-min-confidence");
      if (!state.filters.min_confidence && !field.value) field.value = String(h.default_min_confidence);
      var count = document.getElementById("table-count");
      if (count.textContent && count.textContent.indexOf("confidence") < 0) count.textContent += confidenceText();
    }).catch(function () { setStatus("API unreachable"); });
    // Country names and the ontology's sub-event types are needed to draw any page: read them first.
    var countries = fetch("/static/countries.json").then(function (r) { return r.json(); })
      .then(function (body) { state.countries = body.countries || {}; }).catch(function () { state.countries = {}; });
    var ontology = loadOntology().catch(function () { return null; });
    Promise.all([countries, ontology]).then(route);
  }

  start();
})();
