/* wismo lookup widget: renders "track your order" into every element with a
   data-wismo-track attribute and sends the visitor to their private tracking page.
   No cookies, no third parties; the form is built with DOM calls, never from HTML text. */
(function () {
  "use strict";
  var config = __WISMO_CONFIG__;

  function field(form, id, labelText, type, autocomplete) {
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = labelText;
    var input = document.createElement("input");
    input.id = id;
    input.name = id.replace(/^wismo-[0-9]+-/, "");
    input.type = type;
    input.required = true;
    input.maxLength = 254;
    input.autocomplete = autocomplete;
    form.appendChild(label);
    form.appendChild(input);
    return input;
  }

  function render(host, n) {
    var form = document.createElement("form");
    form.className = "wismo-track";
    form.lang = config.lang;
    form.dir = config.dir;
    var heading = document.createElement("p");
    heading.className = "wismo-track-heading";
    heading.textContent = config.heading;
    form.appendChild(heading);
    var number = field(form, "wismo-" + n + "-order_number", config.orderNumber, "text", "off");
    var contact = field(form, "wismo-" + n + "-contact", config.contact, "text", "email");
    var message = document.createElement("p");
    message.className = "wismo-track-message";
    message.setAttribute("role", "alert");
    var button = document.createElement("button");
    button.type = "submit";
    button.textContent = config.submit;
    form.appendChild(button);
    form.appendChild(message);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      message.textContent = "";
      button.disabled = true;
      fetch(config.endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ order_number: number.value, contact: contact.value }),
        credentials: "omit",
        referrerPolicy: "no-referrer"
      })
        .then(function (response) {
          return response.json().then(function (body) {
            return { ok: response.ok, body: body };
          });
        })
        .then(function (result) {
          if (result.ok && result.body.url) {
            window.location.href = result.body.url;
          } else {
            message.textContent = result.body.detail || result.body.error || config.failed;
            button.disabled = false;
          }
        })
        .catch(function () {
          message.textContent = config.failed;
          button.disabled = false;
        });
    });
    host.appendChild(form);
  }

  var hosts = document.querySelectorAll("[data-wismo-track]");
  for (var i = 0; i < hosts.length; i++) {
    render(hosts[i], i);
  }
})();
