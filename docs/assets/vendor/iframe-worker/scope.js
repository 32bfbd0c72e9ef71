"use strict";
/* Part of the vendored iframe-worker shim, changed for this site: upstream
   shim.js writes these lines as an inline <script> into the iframe that
   stands in for a Web Worker on file://. The site's Content-Security-Policy
   allows no unhashed inline script, and this one embeds the worker's file://
   address (different on every computer), so it cannot be hashed at build
   time; it is this file instead, loaded from the site like any other. Same
   behaviour: the worker's postMessage goes to the parent page,
   importScripts loads scripts one after another, errors are passed up. */
(() => {
  const self = document.currentScript;
  const worker = self.getAttribute("data-worker");
  // The search worker finds its own folder from the first script[src] of
  // the page (the worker itself, as upstream writes it): step aside.
  self.remove();
  window.postMessage = (message, origin) => { parent.postMessage(message, origin || "*"); };
  window.importScripts = (...urls) => urls.reduce((done, url) => done.then(() => new Promise((resolve) => {
    const script = document.createElement("script");
    script.src = url;
    script.onload = resolve;
    document.body.appendChild(script);
  })), Promise.resolve());
  addEventListener("error", ({ error }) => {
    parent.dispatchEvent(new ErrorEvent("error", { filename: worker, error }));
  });
})();
