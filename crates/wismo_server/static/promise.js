/* wismo's promise at checkout: writes "Order today, arrives …" into every element with a
   data-wismo-promise attribute, for its data-country and data-postal-code, in the page's
   language. No cookies, no third parties; the sentence is set as text, never as HTML. */
(function () {
  "use strict";
  var config = __WISMO_CONFIG__;

  function fill(host) {
    var country = host.getAttribute("data-country") || "";
    if (!country) {
      return;
    }
    var url = config.endpoint + "?country=" + encodeURIComponent(country);
    var postal = host.getAttribute("data-postal-code");
    if (postal) {
      url += "&postal_code=" + encodeURIComponent(postal);
    }
    var lang = host.getAttribute("data-lang") || document.documentElement.lang;
    if (lang) {
      url += "&lang=" + encodeURIComponent(lang);
    }
    fetch(url, { credentials: "omit" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (promise) {
        if (promise && promise.text) {
          host.textContent = promise.text;
          host.setAttribute("data-from", promise.from);
          host.setAttribute("data-until", promise.until);
        }
      })
      .catch(function () {});
  }

  function start() {
    var hosts = document.querySelectorAll("[data-wismo-promise]");
    for (var i = 0; i < hosts.length; i++) {
      fill(hosts[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
