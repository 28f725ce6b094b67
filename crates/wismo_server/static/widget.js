/* wismo lookup widget: renders "track your order" into every element with a
   data-wismo-track attribute and sends the visitor to their private tracking page.
   It draws inside a shadow root with its own stylesheet, so the shop's CSS cannot break it
   and its CSS cannot leak; it speaks the language of the element's data-lang, else the
   shop page's lang. No cookies, no third parties, no inline styles; the form is built
   with DOM calls, never from HTML text. */
(function () {
  "use strict";
  var config = __WISMO_CONFIG__;
  var script = document.currentScript;
  // The address the script came from answers the lookup (wismo's, or the store's domain).
  var endpoint = config.endpoint;
  try {
    if (script && script.src) endpoint = new URL("track.json", script.src).href;
  } catch (e) {}
  var theme = config.theme || {};

  function colour(value, fallback) {
    return /^#[0-9a-f]{6}$/i.test(value || "") ? value : fallback;
  }

  var css =
    ":host{display:block;margin:16px 0}" +
    ".w{all:initial;display:block;box-sizing:border-box;width:100%;max-width:480px;" +
    "padding:20px 16px;border:1px solid #d1d5db;border-radius:8px;background:#fff;color:#1f2937;" +
    "font:16px/1.5 " + (theme.font || 'system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Hiragino Sans","Yu Gothic UI",Meiryo,"Noto Sans CJK JP","Geeza Pro","Noto Sans Arabic",Tahoma,sans-serif') + ";" +
    "text-align:start;overflow-wrap:anywhere;" +
    "--p:" + colour(theme.primary, "#1a56db") + ";--on:" + colour(theme.onPrimary, "#ffffff") + ";" +
    "--pt:" + colour(theme.primaryText, "#1a56db") + ";--ac:" + colour(theme.accent, "#0e7a55") + ";" +
    "--muted:#4b5563;--field:#6b7280;--in:#fff;--err:#b91c1c;--err-bg:#fef2f2;--err-text:#7f1d1d}" +
    ".w *{box-sizing:border-box;margin:0;padding:0;font:inherit;color:inherit;letter-spacing:normal;text-transform:none}" +
    ".w .h{display:block;font-size:20px;font-weight:700;line-height:1.3}" +
    ".w label{display:block;margin-top:16px;font-weight:600}" +
    ".w input{display:block;width:100%;min-height:44px;margin-top:4px;padding:8px 12px;border:1px solid var(--field);" +
    "border-radius:6px;background:var(--in);color:inherit;-webkit-appearance:none;appearance:none;" +
    "transition:border-color .15s}" +
    ".w input[aria-invalid=true]{border:2px solid var(--err)}" +
    ".w .hint{display:block;margin-top:4px;font-size:14px;color:var(--muted)}" +
    ".w button{display:block;width:100%;min-height:44px;margin-top:20px;padding:10px 16px;border:0;border-radius:6px;" +
    "background:var(--p);color:var(--on);font-weight:700;cursor:pointer;-webkit-appearance:none;appearance:none;" +
    "transition:opacity .15s}" +
    ".w button[aria-disabled=true]{opacity:.75;cursor:progress}" +
    ".w input:focus-visible,.w button:focus-visible{outline:3px solid var(--pt);outline-offset:2px}" +
    ".w .err,.w .st{display:block;margin-top:12px;padding:8px 12px;border-inline-start:4px solid}" +
    ".w .err{border-color:var(--err);background:var(--err-bg);color:var(--err-text)}" +
    ".w .st{border-color:var(--ac)}" +
    ".w .err:empty,.w .st:empty{margin:0;padding:0;border:0}" +
    "@media (prefers-color-scheme:dark){.w{background:#1f2937;color:#e5e7eb;border-color:#4b5563;" +
    "--pt:" + colour(theme.darkPrimaryText, "#93b4f5") + ";--ac:" + colour(theme.darkAccent, "#34d399") + ";" +
    "--muted:#a3acb9;--field:#9ca3af;--in:#111827;--err:#f87171;--err-bg:#3f1212;--err-text:#fecaca}}" +
    "@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important}}";

  var sheet = null;
  function style(root) {
    // A constructed stylesheet needs nothing from the shop's CSP; a <style> element is the
    // fallback for browsers without one.
    try {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
      }
      root.adoptedStyleSheets = [sheet];
    } catch (e) {
      var element = document.createElement("style");
      element.textContent = css;
      root.appendChild(element);
    }
  }

  // The element's data-lang, else the nearest lang around it, else the script's choice.
  function language(host) {
    var around = host.closest("[lang]");
    var wanted = (host.getAttribute("data-lang") || (around && around.lang) || "").toLowerCase();
    var base = wanted.split(/[-_]/)[0];
    if (config.texts[wanted]) return wanted;
    if (config.texts[base]) return base;
    return config.texts[config.lang] ? config.lang : "en";
  }

  // A wait as wismo's pages write it: "45 s", "9 min", "9 min 30 s".
  function duration(seconds) {
    var min = Math.floor(seconds / 60), s = seconds % 60;
    return min ? min + "\u00a0min" + (s ? " " + s + "\u00a0s" : "") : s + "\u00a0s";
  }

  function make(tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text) element.textContent = text;
    return element;
  }

  function field(form, id, labelText, type, autocomplete) {
    var label = make("label", "", labelText);
    label.htmlFor = id;
    var input = make("input");
    input.id = id;
    input.name = id;
    input.type = type;
    input.required = true;
    input.maxLength = 254;
    input.autocomplete = autocomplete;
    input.spellcheck = false;
    form.appendChild(label);
    form.appendChild(input);
    return input;
  }

  function render(host) {
    if (host.shadowRoot || host.getAttribute("data-wismo-ready")) return;
    var root;
    try {
      root = host.attachShadow({ mode: "open" });
    } catch (e) {
      // An element that cannot hold a shadow root gets a box that can.
      var box = make("div");
      host.appendChild(box);
      root = box.attachShadow({ mode: "open" });
    }
    host.setAttribute("data-wismo-ready", "");
    style(root);
    var lang = language(host);
    var say = config.texts[lang];
    var form = make("form", "w");
    form.lang = lang;
    form.dir = say.dir;
    form.setAttribute("aria-labelledby", "heading");
    var heading = make("p", "h", say.heading);
    heading.id = "heading";
    form.appendChild(heading);
    var number = field(form, "order_number", say.orderNumber, "text", "off");
    var hint = make("span", "hint", say.hint);
    hint.id = "hint";
    form.appendChild(hint);
    var contact = field(form, "contact", say.contact, "text", "email");
    var button = make("button", "", say.submit);
    button.type = "submit";
    form.appendChild(button);
    // Errors interrupt (an alert); progress is said when the reader is free.
    var error = make("p", "err");
    error.id = "error";
    error.setAttribute("role", "alert");
    var status = make("p", "st");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    form.appendChild(error);
    form.appendChild(status);
    var busy = false;

    function invalid(on) {
      [number, contact].forEach(function (input) {
        if (on) {
          input.setAttribute("aria-invalid", "true");
        } else {
          input.removeAttribute("aria-invalid");
        }
      });
      number.setAttribute("aria-describedby", on ? "error hint" : "hint");
      if (on) {
        contact.setAttribute("aria-describedby", "error");
      } else {
        contact.removeAttribute("aria-describedby");
      }
    }
    invalid(false);

    // After a 429 (`wait` its Retry-After, in seconds) the button stays off until then.
    function done(text, wrongDetails, wait) {
      busy = wait > 0;
      if (busy) {
        setTimeout(function () {
          busy = false;
          button.removeAttribute("aria-disabled");
          error.textContent = "";
        }, wait * 1000);
      } else {
        button.removeAttribute("aria-disabled");
      }
      status.textContent = "";
      invalid(wrongDetails);
      // Emptied first, so the same sentence twice is announced twice.
      error.textContent = "";
      setTimeout(function () {
        error.textContent = text;
      }, 50);
      if (wrongDetails) number.focus();
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (busy) return;
      busy = true;
      button.setAttribute("aria-disabled", "true");
      error.textContent = "";
      status.textContent = say.busy;
      var controller = window.AbortController ? new AbortController() : null;
      var timer = setTimeout(function () {
        if (controller) controller.abort();
      }, 20000);
      fetch(endpoint + "?lang=" + encodeURIComponent(lang), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ order_number: number.value, contact: contact.value }),
        credentials: "omit",
        referrerPolicy: "no-referrer",
        signal: controller ? controller.signal : undefined
      })
        .then(
          function (response) {
            clearTimeout(timer);
            // Whole seconds (what wismo sends), at most an hour.
            var retry = response.headers.get("Retry-After") || "";
            var wait = /^\d+$/.test(retry) ? Math.min(Number(retry), 3600) : 0;
            return response.json().then(
              function (body) {
                return { status: response.status, ok: response.ok, body: body || {}, wait: wait };
              },
              function () {
                return { status: response.status, ok: false, body: {}, wait: wait };
              }
            );
          },
          function () {
            clearTimeout(timer);
            return null;
          }
        )
        .then(function (result) {
          if (!result) {
            done(say.network, false);
          } else if (result.ok && typeof result.body.url === "string") {
            invalid(false);
            status.textContent = say.opening;
            window.location.href = result.body.url;
          } else if (result.status === 429 && result.wait > 0) {
            done(say.tooMany.replace("{wait}", duration(result.wait)), false, result.wait);
          } else if (result.status === 404) {
            done(result.body.detail || say.failed, true);
          } else {
            done(result.body.detail || result.body.error || say.failed, result.status === 422);
          }
        });
    });
    root.appendChild(form);
  }

  function start() {
    var hosts = document.querySelectorAll("[data-wismo-track]");
    for (var i = 0; i < hosts.length; i++) render(hosts[i]);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
