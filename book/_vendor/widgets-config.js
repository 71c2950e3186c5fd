// Point the embedded widget manager at the copies shipped with the book, so that
// its fonts load from this site and no request leaves it (no CDN).
(function () {
  var here = document.currentScript.src.replace(/[^/]*$/, "");
  window.require.config({
    paths: { "@jupyter-widgets/html-manager/dist": here + "html-manager" },
  });
})();
