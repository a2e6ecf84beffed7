// What every page shares: the CSRF token on every write, readable errors (and a way back in when the session ended), jobs followed live over one
// server-sent event stream, the before/after slider, and a provider sign-in's error from the URL fragment.
(() => {
  "use strict";
  const meta = (name) => document.querySelector('meta[name="' + name + '"]')?.content;
  const csrfHeader = meta("csrf-header");
  const csrfToken = meta("csrf-token");

  /** The detail of an RFC 9457 problem, or a sentence about the status when the answer is not one. */
  function problemText(text, status) {
    try {
      const problem = JSON.parse(text);
      if (problem.detail) {
        return problem.detail;
      }
    } catch (notJson) {
      // fall through
    }
    if (status === 0) {
      return "The server could not be reached; try again.";
    }
    return "The server answered " + status + "; try again.";
  }

  function flash(message) {
    const region = document.getElementById("flash");
    region.textContent = message;
    region.hidden = false;
  }

  /** Says why a script's request was refused; when the session has ended, offers to sign in again. */
  function refused(text, status) {
    if (status !== 401) {
      flash(problemText(text, status));
      return;
    }
    flash("You are no longer signed in: your session has ended, or you signed out in another window. ");
    const link = document.createElement("a");
    link.href = "/signin";
    link.textContent = "Sign in again";
    document.getElementById("flash").append(link);
  }

  function secure(request) {
    request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    if (csrfHeader) {
      request.setRequestHeader(csrfHeader, csrfToken);
    }
  }

  function send(method, url, body) {
    const headers = { "X-Requested-With": "XMLHttpRequest" };
    if (csrfHeader) {
      headers[csrfHeader] = csrfToken;
    }
    return fetch(url, { method, body, headers, credentials: "same-origin" });
  }

  window.pixbox = { problemText, secure, send, flash, refused };

  document.addEventListener("htmx:configRequest", (event) => {
    if (csrfHeader) {
      event.detail.headers[csrfHeader] = csrfToken;
    }
  });
  // A refusal is shown here, in words; htmx would also log it to the console as an error of the page's own.
  document.addEventListener("htmx:beforeSwap", (event) => {
    if (event.detail.isError) {
      const request = event.detail.xhr;
      refused(request.responseText, request.status);
      event.detail.isError = false;
      event.detail.shouldSwap = false;
    }
  });
  document.addEventListener("htmx:sendError", () => flash("The server could not be reached; try again."));
  document.addEventListener("htmx:beforeRequest", () => {
    document.getElementById("flash").hidden = true;
  });

  // Jobs: every row of a job not yet final is followed; one stream carries all of a page's jobs.
  const followed = new Set();
  function follow() {
    const rows = [...document.querySelectorAll("[data-job-id]")]
      .filter((row) => !row.dataset.jobFinal && !followed.has(row.dataset.jobId));
    if (rows.length === 0) {
      return;
    }
    const ids = rows.map((row) => row.dataset.jobId);
    ids.forEach((id) => followed.add(id));
    const stream = new EventSource("/jobs/events?" + ids.map((id) => "id=" + encodeURIComponent(id)).join("&"));
    let open = ids.length;
    const settle = (id) => {
      followed.delete(id);
      if (--open <= 0) {
        stream.close();
      }
    };
    stream.addEventListener("job", (event) => {
      const job = JSON.parse(event.data);
      const row = document.querySelector('[data-job-id="' + job.id + '"]');
      if (row && row.dataset.jobState !== job.state) {
        htmx.ajax("GET", "/jobs/" + job.id + "/row", { target: row, swap: "outerHTML" });
      }
      if (["succeeded", "failed", "dead"].includes(job.state)) {
        settle(job.id);
        if (job.state === "succeeded") {
          document.body.dispatchEvent(new CustomEvent("pixbox:job-succeeded", { detail: job }));
        }
      }
    });
    stream.addEventListener("deleted", (event) => settle(event.data));
    // The server ends the stream when every job is final; the browser would reconnect: do not.
    stream.addEventListener("error", () => {
      stream.close();
      ids.forEach((id) => followed.delete(id));
    });
  }

  // The before/after slider: the edited picture lies on the original and is cut where the slider stands.
  function compare(root) {
    const range = root.querySelector("input[type=range]");
    const after = root.querySelector(".after");
    if (!range || !after || root.dataset.ready) {
      return;
    }
    root.dataset.ready = "true";
    const cut = () => { after.style.clipPath = "inset(0 0 0 " + range.value + "%)"; };
    range.addEventListener("input", cut);
    cut();
  }

  function enhance() {
    follow();
    document.querySelectorAll(".compare").forEach(compare);
  }

  document.addEventListener("DOMContentLoaded", () => {
    enhance();
    const failure = new URLSearchParams(location.hash.slice(1));
    const target = document.getElementById("signin-error");
    if (target && failure.get("error")) {
      target.textContent = failure.get("message") || "Signing in did not work; try again.";
      target.hidden = false;
      history.replaceState(null, "", location.pathname);
    }
  });
  document.addEventListener("htmx:afterSettle", enhance);
})();
