// Shows how far an import in the background has got: asks the server for the rows read so far,
// and opens the result page once the import is over. A file, not an inline script: the
// Content-Security-Policy allows scripts from this server only.
(function () {
  "use strict";
  var box = document.getElementById("import-progress");
  if (!box) {
    return;
  }
  var statusUrl = box.getAttribute("data-status-url");
  var pageUrl = box.getAttribute("data-page-url");
  var count = document.getElementById("import-count");
  var bar = document.getElementById("import-bar");
  var failures = 0;

  function show(job) {
    count.textContent = String(job.rows);
    if (job.total !== null && job.total !== undefined) {
      bar.max = job.total;
      bar.value = job.rows;
    }
  }

  function ask() {
    fetch(statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.json();
      })
      .then(function (job) {
        failures = 0;
        show(job);
        if (job.state === "running") {
          window.setTimeout(ask, 500);
        } else {
          // The page itself now shows the result (or redirects to it).
          window.location.replace(pageUrl);
        }
      })
      .catch(function () {
        failures += 1;
        // A server restarting or a dropped connection: ask again, less and less often.
        window.setTimeout(ask, Math.min(10000, 500 * Math.pow(2, failures)));
      });
  }

  window.setTimeout(ask, 300);
})();
