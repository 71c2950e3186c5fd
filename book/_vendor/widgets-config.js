// Point the embedded widget manager at the copies shipped with the book, so that
// its fonts load from this site and no request leaves it (no CDN).
(function () {
  var here = document.currentScript.src.replace(/[^/]*$/, "");
  window.require.config({
    paths: { "@jupyter-widgets/html-manager/dist": here + "html-manager" },
  });
})();

// The widget manager typesets maths in widget labels with MathJax 2's
// MathJax.Hub.Queue(["Typeset", MathJax.Hub, element]); the book ships MathJax 3.
// Give it that one call, mapped to MathJax 3's typesetPromise (elements queued
// before MathJax has started are typeset once it has).
(function () {
  var pending = [];
  function queue() {
    var mathjax = window.MathJax;
    for (var i = 0; i < arguments.length; i++) {
      var job = arguments[i];
      if (!Array.isArray(job) || job[0] !== "Typeset") continue;
      if (mathjax && mathjax.typesetPromise) mathjax.typesetPromise([job[2]]).catch(function () {});
      else pending.push(job[2]);
    }
  }
  var config = (window.MathJax = window.MathJax || {});
  config.Hub = { Queue: queue };
  var startup = (config.startup = config.startup || {});
  var ready = startup.ready;
  startup.ready = function () {
    if (ready) ready(); else window.MathJax.startup.defaultReady();
    window.MathJax.Hub = { Queue: queue };
    window.MathJax.startup.promise.then(function () {
      if (pending.length) return window.MathJax.typesetPromise(pending.splice(0));
    });
  };
})();
