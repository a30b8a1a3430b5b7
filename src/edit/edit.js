// The editor's pages work without this script; with it, an edit link's card gets focus.
(function () {
  'use strict';
  function focusCard() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var card = document.getElementById(id);
    if (!card) return;
    var input = card.matches('input,textarea,select') ? card : card.querySelector('input:not([type=hidden]):not([readonly]),textarea:not([readonly]),select');
    (input || card).focus();
  }
  document.addEventListener('DOMContentLoaded', function () {
    if (document.querySelector('[autofocus]')) return;
    // After the load: the browser's own move to the fragment would take the focus back.
    if (location.hash) { window.addEventListener('load', function () { setTimeout(focusCard, 0); }); return; }
    var saved = document.getElementById('saved-notice');
    if (saved) saved.focus();
  });
  window.addEventListener('hashchange', focusCard);
  // The synonyms form: what the word finds, said as it is typed.
  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('syn-form');
    var out = document.getElementById('syn-finds');
    if (!form || !out) return;
    var timer = 0;
    var ask = function () {
      var q = new URLSearchParams({
        lang: form.elements.lang.value,
        phrase: form.elements.phrase.value,
        means: form.elements.means.value,
      });
      fetch('/_edit/' + document.documentElement.lang + '/synonyms/finds?' + q.toString())
        .then(function (r) { return r.ok ? r.text() : ''; })
        .then(function (t) { out.textContent = t; })
        .catch(function () { /* the check button still works */ });
    };
    form.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 250);
    });
  });
})();
